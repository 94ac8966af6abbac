"""The score of an act (0–100) and the summary row the CSV, XLSX and dashboard show per document."""

from __future__ import annotations

from typing import Any

from ..library.acts import OUTDATED
from ..vocab import CATEGORY_TITLES, DOC_KIND_TITLES, ORG_KIND_TITLES, Category

EXPIRING_DAYS = 90  # the dashboard's «истекает в ближайшие 90 дней»: a quarter to prepare the change
ERROR_WEIGHT = 5
WARNING_WEIGHT = 1
PENALTY_CATEGORIES = tuple(c.value for c in Category if c != Category.missing_clause)

SCORE_EXPLANATION = (
    "Оценка 0–100 = полнота по библиотеке положений (в %) − 5 за каждую ошибку − 1 за каждое "
    "предупреждение, кроме замечаний о недостающих положениях (они уже учтены в полноте); "
    "результат ограничен пределами 0 и 100 и округлён. 80 и выше — хорошо, 50–79 — нужна доработка, "
    "ниже 50 — акт нужно переработать."
)


def score(report: dict[str, Any]) -> int:
    """Score of one report (a ``Report.model_dump(mode="json")`` dict).

    ``100 × coverage − 5 × errors − 1 × warnings``, where errors and warnings exclude the
    ``missing_clause`` category (a missing clause already lowers coverage), clamped to 0…100 and
    rounded. An act without coverage (no clause library match at all) starts from 0.
    """
    cov = (report.get("coverage") or {}).get("overall") or 0.0
    errors = warnings = 0
    for f in report.get("findings", []):
        if f["category"] not in PENALTY_CATEGORIES:
            continue
        if f["severity"] == "error":
            errors += 1
        elif f["severity"] == "warning":
            warnings += 1
    value = 100 * cov - ERROR_WEIGHT * errors - WARNING_WEIGHT * warnings
    return round(min(100.0, max(0.0, value)))


def grade(value: int | None) -> str:
    """``good`` (≥ 80), ``fair`` (50–79), ``poor`` (< 50) or ``failed`` (no score)."""
    if value is None:
        return "failed"
    return "good" if value >= 80 else "fair" if value >= 50 else "poor"


def outdated_refs(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Citations of acts that lost force (repealed, expired or superseded), one per act."""
    seen: dict[str, dict[str, Any]] = {}
    for r in report.get("legal_refs", []):
        if r.get("status") not in OUTDATED:
            continue
        key = r.get("act_id") or r.get("text")
        seen.setdefault(key, r)
    return list(seen.values())


def expiring_refs(report: dict[str, Any], days: int = EXPIRING_DAYS) -> list[dict[str, Any]]:
    """Citations of acts in force whose registry end date falls within ``days`` after the report's date, one per act."""
    from datetime import date, timedelta

    as_of = date.fromisoformat(report["as_of"])
    end = as_of + timedelta(days=days)
    seen: dict[str, dict[str, Any]] = {}
    for r in report.get("legal_refs", []):
        until = r.get("effective_until")
        if not until or r.get("status") not in ("in_force", "expiring", "incomplete"):
            continue
        if as_of < date.fromisoformat(until) <= end:
            seen.setdefault(r.get("act_id") or r.get("text"), r)
    return sorted(seen.values(), key=lambda r: r["effective_until"])


def until_label(ref: dict[str, Any]) -> str:
    """«СП 2.4.3648-20 — до 01.01.2027» (with «дата не подтверждена» when the registry says so)."""
    y, m, d = ref["effective_until"].split("-")
    mark = ", дата не подтверждена" if ref.get("effective_until_verified") is False else ""
    return f"{short_citation(ref)} — до {d}.{m}.{y}{mark}"


def short_citation(ref: dict[str, Any]) -> str:
    """``№ 124-ФЗ от 24.07.1998`` or the act's id or the cited text."""
    number, when = ref.get("number"), ref.get("date")
    code = {"sanitary_rules": "СП", "sanitary_norms": "СанПиН", "standard": "ГОСТ Р"}.get(ref.get("kind") or "")
    if number and code:
        return f"{code} {number}"
    if number:
        if when:
            y, m, d = when.split("-")
            return f"№ {number} от {d}.{m}.{y}"
        return f"№ {number}"
    return ref.get("act_id") or " ".join((ref.get("text") or "").split())[:60]


# Columns of summary.csv / summary.xlsx: (key, Russian header). Timing columns are listed in TIMING.
COLUMNS: list[tuple[str, str]] = [
    ("organisation", "Организация"),
    ("file", "Файл"),
    ("doc_kind", "Вид документа"),
    ("org_kind", "Вид организации"),
    ("source", "Источник текста"),
    ("readability", "Читаемость текста"),
    ("coverage", "Полнота, %"),
    ("score", "Оценка (0–100)"),
    ("errors", "Ошибок"),
    ("warnings", "Предупреждений"),
    *[(f"cat_{c.value}", f"{CATEGORY_TITLES[c]}: ошибок и предупреждений") for c in Category],
    ("outdated", "Устаревшие акты"),
    ("expiring", f"Истекает в ближайшие {EXPIRING_DAYS} дней"),
    ("fixed", "Исправлено программой"),
    ("left", "Осталось для человека"),
    ("modern_changes", "Обновлённый акт: удалено, заменено, добавлено"),
    ("modern_fill", "Обновлённый акт: заполнить вручную"),
    ("status", "Статус"),
    ("reason", "Причина ошибки"),
    ("seconds", "Время проверки, с"),
]
TIMING = ("seconds",)


def text_layer_cells(layer: dict[str, Any] | None) -> dict[str, str]:
    """«скан (распознан)» / «текст» and how readable the text was, for the summary and the dashboard."""
    if not layer:
        return {"source": "", "readability": ""}
    ocr = layer.get("ocr")
    if ocr:
        source = {"scan": "скан PDF (распознан)", "image": "изображение (распознано)",
                  "damaged_layer": "PDF, слой распознан заново"}.get(ocr.get("reason"), "распознан")
    else:
        source = "текст"
    parts = []
    status = layer.get("status")
    if status in ("damaged", "unreadable"):
        parts.append(f"повреждён: нечитаемо {layer.get('unreadable_share', 0):.0%} текста")
    elif status == "repaired":
        parts.append(f"ошибки распознавания исправлены ({layer.get('repaired', 0)})")
    else:
        parts.append("читается")
    confs = [p["confidence"] for p in (ocr or {}).get("pages", []) if p.get("confidence") is not None]
    if confs:
        parts.append(f"уверенность распознавания {sum(confs) / len(confs):.0f} %")
    return {"source": source, "readability": "; ".join(parts)}


def row(result: dict[str, Any]) -> dict[str, Any]:
    """The summary row of one worker result (see :data:`COLUMNS`)."""
    out: dict[str, Any] = {key: "" for key, _ in COLUMNS}
    out["file"] = result["name"]
    out["seconds"] = result.get("seconds", "")
    if result["status"] != "ok":
        out.update(status="ошибка", reason=result.get("error") or "")
        out["score"] = None
        return out
    rep = result["report"]
    d = rep["document"]
    s = rep["summary"]
    cov = rep.get("coverage")
    out.update(
        organisation=d.get("org_name") or "",
        doc_kind=DOC_KIND_TITLES.get(d.get("doc_kind"), d.get("doc_kind") or ""),  # type: ignore[call-overload]
        org_kind=ORG_KIND_TITLES.get(d.get("org_kind"), "не определён") if d.get("org_kind") else "не определён",  # type: ignore[call-overload]
        coverage=round(100 * cov["overall"]) if cov else "",
        score=score(rep),
        errors=s["errors"],
        warnings=s["warnings"],
        outdated=", ".join(short_citation(r) for r in outdated_refs(rep)),
        expiring="; ".join(until_label(r) for r in expiring_refs(rep)),
        status="ok",
        **text_layer_cells(rep.get("text_layer")),
    )
    fix = result.get("fix") or {}
    fix = fix.get("unsafe") or fix.get("safe")
    if fix:  # ``audit --fix``: changes made in the corrected act, and findings left for a person
        out.update(fixed=fix["applied"], left=fix["left"])
    modern = result.get("modernize")
    if modern:  # ``audit --modernize``: what the new act changed, and requisites left for the school to fill in
        if modern.get("error"):
            out["modern_changes"] = "не обновлён: " + modern["error"]
        else:
            out.update(modern_changes=modern["removed"] + modern["replaced"] + modern["added"],
                       modern_fill=modern["to_fill"])
    counts = {c.value: 0 for c in Category}
    for f in rep["findings"]:
        if f["severity"] in ("error", "warning"):
            counts[f["category"]] = counts.get(f["category"], 0) + 1
    for c, n in counts.items():
        out[f"cat_{c}"] = n
    return out
