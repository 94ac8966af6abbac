"""Plain-text report in Russian, grouped by category, for a person at a terminal."""

from __future__ import annotations

from ..library.registry import STATUS_TITLES
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

_MARK = {"error": "✗", "warning": "!", "info": "i"}


def _place(f: Finding) -> str:
    loc = f.location
    if loc.label and any(ch.isalnum() for ch in loc.label):
        return f"п. {loc.label.rstrip('.')}"
    if loc.paragraph is not None:
        return f"абз. {loc.paragraph + 1}"
    return "весь документ"


def _excerpt(text: str, n: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def render_text(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    d = report.document
    lines = [f"Документ: {d.path or '(текст)'}"]
    lines.append(f"Название: {d.title or 'не найдено'}")
    kind = DOC_KIND_TITLES.get(DocKind(d.doc_kind), d.doc_kind)
    org = ORG_KIND_TITLES.get(d.org_kind, "не определён") if d.org_kind else "не определён"
    lines.append(f"Вид документа: {kind}; вид организации: {org}")
    if d.platform:
        lines.append("Платформа: " + ", ".join(d.platform))
    lines.append(f"Абзацев: {d.paragraphs}, слов: {d.words}; проверено на дату {report.as_of:%d.%m.%Y}")
    if report.coverage is not None:
        lines.append(f"Полнота по библиотеке положений: {report.coverage.overall:.0%}")
    lines.append("")
    by_cat: dict[Category, list[Finding]] = {}
    for f in report.findings:
        by_cat.setdefault(f.category, []).append(f)
    for cat in Category:
        items = by_cat.get(cat)
        if not items:
            continue
        lines.append(f"{CATEGORY_TITLES[cat]} ({len(items)})")
        for f in items:
            lines.append(f"  {_MARK[f.severity]} {f.code} [{SEVERITY_TITLES[f.severity]}] {_place(f)}: {f.message}")
            if f.text:
                lines.append(f"      «{_excerpt(f.text)}»")
            if f.suggestion:
                lines.append(f"      → {f.suggestion}")
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
