"""Plain-text report in Russian, grouped by category, for a person at a terminal."""

from __future__ import annotations

from ..library.acts import STATUS_TITLES
from ..report import Finding, Report
from ..vocab import (
    CATEGORY_TITLES,
    DOC_KIND_TITLES,
    ORG_KIND_TITLES,
    SECTION_TITLES,
    SEVERITY_TITLES,
    Category,
    DocKind,
)
from .freshness import freshness_lines
from .place import place

_MARK = {"error": "✗", "warning": "!", "info": "i"}
# What a reader at a terminal should see first: concrete defects, then what is absent. A category left out
# here is still printed (after these): a finding is never counted in the total and not shown.
_FIRST = (Category.text_layer, Category.legal_ref, Category.risk, Category.structure, Category.contact, Category.typo,
          Category.missing_clause)
_ORDER = (*_FIRST, *(c for c in Category if c not in _FIRST))
_SUGGESTION_CHARS = 200


def _excerpt(text: str, n: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _fold_absent(items: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Split missing-clause findings: shown one by one, or folded into a per-section list.

    Missing recommended clauses (absent, no excerpt, a warning) can number thirty in a real act;
    one line per section keeps the errors readable. ``-v`` shows them all in full.
    """
    folded = [f for f in items if f.text is None and f.severity == "warning" and f.clause_id]
    return [f for f in items if f not in folded], folded


def render_text(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    d = report.document
    lines = [f"Документ: {d.path or '(текст)'}"]
    lines.append(f"Название: {d.title or 'не найдено'}")
    kind = DOC_KIND_TITLES.get(DocKind(d.doc_kind), d.doc_kind)
    org = ORG_KIND_TITLES.get(d.org_kind, "не определён") if d.org_kind else "не определён"
    lines.append(f"Вид документа: {kind}; вид организации: {org}")
    if d.subject:
        from ..subject import subject_name

        lines.append(f"Предмет акта: {subject_name(d.subject) or d.subject}")
    if d.platform:
        lines.append("Платформа: " + ", ".join(d.platform))
    lines.append(f"Абзацев: {d.paragraphs}, слов: {d.words}; проверено на дату {report.as_of:%d.%m.%Y}")
    lines.extend(freshness_lines(report.registry, report.as_of))
    if report.coverage is not None:
        lines.append(f"Полнота по библиотеке положений: {report.coverage.overall:.0%}")
    elif d.subject and d.subject != "platform":
        lines.append("С библиотекой положений «Сферума» не сверялось: акт не об использовании платформы")
    layer = report.text_layer
    if layer is not None and (layer.status != "ok" or layer.source == "ocr"):
        lines.append(layer.message[:1].upper() + layer.message[1:])
    lines.append("")
    by_cat: dict[Category, list[Finding]] = {}
    for f in report.findings:
        by_cat.setdefault(f.category, []).append(f)
    for cat in _ORDER:
        items = by_cat.get(cat)
        if not items:
            continue
        lines.append(f"{CATEGORY_TITLES[cat]} ({len(items)})")
        shown, folded = _fold_absent(items) if cat == Category.missing_clause and not verbose else (items, [])
        for f in shown:
            lines.append(f"  {_MARK[f.severity]} {f.code} [{SEVERITY_TITLES[f.severity]}] {place(f)}: {f.message}")
            if f.text:
                lines.append(f"      «{_excerpt(f.text)}»")
            if f.suggestion:
                sugg = f.suggestion if verbose else _excerpt(f.suggestion, _SUGGESTION_CHARS)
                lines.append("      → " + sugg.replace("\n", "\n        "))
        if folded:
            lines.append(f"  ! Нет рекомендуемых положений: {len(folded)} (тексты для включения — с параметром -v "
                         "или в отчёте --format html):")
            by_section: dict[str, list[str]] = {}
            for f in folded:
                by_section.setdefault(SECTION_TITLES.get(f.section, "—") if f.section else "—", []).append(  # type: ignore[call-overload]
                    str(f.args.get("clause_title") or f.clause_id or f.code))
            for title, names in by_section.items():
                lines.append(f"      {title}: " + "; ".join(f"«{n}»" for n in names))
        lines.append("")
    if report.coverage is not None and report.coverage.sections:
        lines.append("Полнота по разделам")
        for key, value in report.coverage.sections.items():
            title = SECTION_TITLES.get(key, key)  # type: ignore[call-overload]
            bar = "█" * round(value * 20) + "·" * (20 - round(value * 20))
            lines.append(f"  {title:<46} {bar} {value:>4.0%}")
        lines.append("")
    if verbose and report.legal_refs:
        lines.append("Ссылки на нормативные акты")
        for r in report.legal_refs:
            lines.append(f"  {STATUS_TITLES.get(r.status, r.status):<32} {_excerpt(r.text, 70)}")
        lines.append("")
    s = report.summary
    if not report.findings:
        lines.append("Замечаний нет.")
    else:
        lines.append(f"Итого: ошибок — {s.errors}, предупреждений — {s.warnings}, сведений — {s.infos}.")
    return "\n".join(lines) + "\n"
