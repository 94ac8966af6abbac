"""The change summary of ``modernize`` in Russian: what was removed and why, what replaced it, what was added,
what the school must still fill in. Markdown for the file, plain text for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dates import format_numeric
from ..vocab import SECTION_TITLES, Section

if TYPE_CHECKING:
    from .modernize import ModernizeResult

_SHORT = 110


def _cut(text: str, n: int = _SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rstrip() + "…"


_SHOWN = {"polozhenie": "положение", "poryadok": "порядок", "utverzhdeno": "УТВЕРЖДЕНО (приказом)",
          "utverzhdayu": "УТВЕРЖДАЮ (подписью руководителя)"}


def _shown(value: object) -> str:
    """A value as the reader of the summary knows it (dates as ДД.ММ.ГГГГ, codes in Russian)."""
    if hasattr(value, "year"):
        return format_numeric(value)  # type: ignore[arg-type]
    return _SHOWN.get(str(value), str(value))


ADD_HINT = "sferum-policy clauses list"  # where the reader finds a library clause to add (the web names its page)


def _sections(r: ModernizeResult, add_hint: str = ADD_HINT) -> list[tuple[str, list[str]]]:
    x = r.extraction
    out: list[tuple[str, list[str]]] = []

    found = [f"{v.label}: {_shown(v.value)} ({v.excerpt.where()})" for v in x.values()
             if not v.missing and v.excerpt is not None and v.excerpt.paragraph >= 0
             and v.key not in ("document.platforms", "approval.style", "organization.kind")]
    out.append(("Реквизиты, взятые из прежнего акта", found or ["в прежнем акте реквизитов не найдено"]))

    removed: list[str] = []
    if r.platform_change:
        removed.append(r.platform_change)
    for o in r.outdated:
        removed.append(f"{o.code}: {_cut(o.message, 200)} — в новом акте правовые основания подобраны из "
                       f"действующих на {format_numeric(r.as_of)}.")
    for d in r.dropped:
        removed.append(f"{d.old.where()} «{_cut(d.old.text)}» — не перенесено: {d.code} «{d.title}».")
    gone: dict[str, list[str]] = {}
    for p in r.replaced:
        if p.new_label is None and p.clause_title != "Правовые основания":
            gone.setdefault(p.clause_title, []).append(p.old.where())
    for title, wheres in gone.items():
        removed.append(f"{', '.join(dict.fromkeys(wheres))} — типовое положение «{title}» в новый акт не входит "
                       "(относится к прежней платформе, к утратившему значение основанию или необязательно); "
                       f"при необходимости добавьте его: {add_hint}.")
    out.append(("Удалено и почему", removed or ["ничего не удалено"]))

    replaced: dict[tuple[str, str | None], list[str]] = {}
    for p in r.replaced:
        replaced.setdefault((p.clause_title, p.new_label), []).append(p.old.where())
    lines = []
    for (title, label), wheres in replaced.items():
        if label is None and title != "Правовые основания":
            continue
        where_new = f"п. {label.rstrip('.')}" if label else "положение библиотеки, не вошедшее в новый акт"
        if title == "Правовые основания":
            where_new = "раздел «Правовые основания» нового акта"
        olds = ", ".join(dict.fromkeys(wheres))
        lines.append(f"{olds} → {where_new} («{title}»)")
    out.append(("Заменено типовыми положениями (прежний пункт → новый)", lines or ["нет"]))

    basis = {c.id for c in r.act_clauses("legal_basis")}
    added = [f"{'правовые основания' if a.clause_id in basis else 'п. ' + a.new_label.rstrip('.')}: «{a.clause_title}»"
             for a in r.added]
    out.append(("Добавлено (в прежнем акте не было)", added or ["нет"]))

    by_clause = {cid: pt.label for sec in r.act.sections for pt in sec.points for cid in pt.clause_ids()}
    carried = []
    for c in r.carried:
        like = c.similar_in(by_clause)
        carried.append(f"{', '.join(o.where() for o in c.old)} → п. {(c.new_label or '?').rstrip('.')} (раздел "
                       f"«{section_title(c.section)}»): «{_cut(c.old[0].text)}»"
                       + (f" — похоже на {', '.join(like)}; если это одно и то же, удалите перенесенный пункт"
                          if like else ""))
    out.append(("Перенесено из прежнего акта (собственные положения школы — проверьте)", carried or ["нет"]))

    fill = list(r.to_fill) + list(x.notes)
    out.append(("Что нужно заполнить или проверить", fill or ["ничего"]))
    return out


def summary_sections(r: ModernizeResult, add_hint: str = ADD_HINT) -> list[tuple[str, list[str]]]:
    """The summary as (heading, items) pairs — what the Markdown and the web page show; ``add_hint`` says
    where a library clause the new act leaves out is found (the command, or the web page's «Справочник»)."""
    return _sections(r, add_hint)


def summary_markdown(r: ModernizeResult) -> str:
    lines = [f"# Сводка изменений: {r.act.kind_title.capitalize()} {r.act.about}", "",
             f"Прежний акт: {r.source}. Правовые основания — на {format_numeric(r.as_of)}.", ""]
    for title, items in _sections(r):
        lines += [f"## {title}", ""]
        lines += [f"- {i}" for i in items]
        lines.append("")
    return "\n".join(lines)


def summary_text(r: ModernizeResult) -> str:
    lines = [f"Сводка изменений ({r.source}; правовые основания — на {format_numeric(r.as_of)})"]
    for title, items in _sections(r):
        lines += ["", f"{title}:"]
        lines += [f"  – {i}" for i in items]
    return "\n".join(lines)


def section_title(key: str) -> str:
    """A library section's Russian title; an unknown key as it is."""
    try:
        return SECTION_TITLES[Section(key)]
    except ValueError:
        return key
