"""Documentation pages generated from the data and the rule definitions (never edited by hand)."""

from __future__ import annotations

from .library import ClauseLibrary, Registry, load_clauses, load_registry
from .library.acts import ACT_KIND_TITLES, CONFIDENCE_TITLES, STATUS_TITLES, VERIFIABLE_FIELDS
from .library.templating import context, render_clause
from .vocab import CATEGORY_TITLES, LEVEL_TITLES, SECTION_TITLES, SEVERITY_TITLES, OrgKind, Section

HEADER = "<!-- Создано командой `sferum-policy docs`; не редактируйте вручную. -->\n\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def clauses_page(lib: ClauseLibrary) -> str:
    counts = lib.counts()
    out = [HEADER, "# Библиотека положений\n\n"]
    out.append(f"Всего положений: **{len(lib)}**. Тексты ниже показаны для общеобразовательной школы; "
               "для других видов организаций слова ролей подставляются автоматически.\n\n")
    out.append("| раздел | положений |\n|---|---|\n")
    out += [f"| {SECTION_TITLES[s]} (`{s.value}`) | {n} |\n" for s, n in counts.items()]
    for section in Section:
        items = lib.section(section)
        if not items:
            continue
        out.append(f"\n## {SECTION_TITLES[section]} (`{section.value}`)\n")
        for c in items:
            kind = OrgKind.school if OrgKind.school in c.org_kinds else c.org_kinds[0]
            text, sub = render_clause(c, context(lib.terms, kind, c.platforms))
            out.append(f"\n### `{c.id}` — {c.title}\n\n")
            out.append(f"- уровень: {LEVEL_TITLES[c.level]}\n")
            if len(c.org_kinds) < len(OrgKind):
                out.append("- виды организаций: " + ", ".join(k.value for k in c.org_kinds) + "\n")
            if len(c.platforms) < 3:
                out.append("- платформы: " + ", ".join(p.value for p in c.platforms) + "\n")
            out.append("- образцы: " + (", ".join(c.provenance) or "нет (новое положение)") + "\n")
            if c.legal_basis:
                out.append("- основания: " + ", ".join(f"`{a}`" for a in c.legal_basis) + "\n")
            out.append(f"\n> {text}\n")
            out += [f"> – {i}\n" for i in sub]
    return "".join(out)


def legal_refs_page(reg: Registry) -> str:
    out = [HEADER, "# Реестр нормативных актов\n\n"]
    by_status: dict[str, int] = {}
    for a in reg:
        by_status[a.status.value] = by_status.get(a.status.value, 0) + 1
    data = f"данные на {reg.data_date:%d.%m.%Y}" if reg.data_date else "дата данных не указана"
    out.append(f"Всего актов: **{len(reg)}**; {data} (у каждого акта — дата сверки с источниками).\n\n"
               "| статус | актов |\n|---|---|\n")
    out += [f"| {STATUS_TITLES[s]} (`{s}`) | {n} |\n" for s, n in sorted(by_status.items())]
    out.append("\n| идентификатор | вид | дата | номер | статус | достоверность | название |\n|---|---|---|---|---|---|---|\n")
    for a in reg:
        out.append(
            f"| `{a.id}` | {ACT_KIND_TITLES[a.kind]} | {a.date:%d.%m.%Y} | " if a.date else f"| `{a.id}` | {ACT_KIND_TITLES[a.kind]} | — | "
        )
        out.append(f"{_cell(a.number or '—')} | {STATUS_TITLES[a.status]} | {CONFIDENCE_TITLES[a.confidence]} | {_cell(a.title)} |\n")
    for a in reg:
        out.append(f"\n## `{a.id}` — {_cell(a.title)}\n\n")
        out.append(f"- статус: {STATUS_TITLES[a.status]}")
        if a.effective_from:
            out.append(f"; действует с {a.effective_from:%d.%m.%Y}")
        if a.effective_until or a.unverified("effective_until"):
            until = a.until_text()
            out.append(f" до {until}" if a.effective_until else f"; {until}")
        out.append("\n")
        if a.unverified_fields:
            out.append("- не подтверждено источниками: " + ", ".join(VERIFIABLE_FIELDS[f] for f in a.unverified_fields) + "\n")
        if a.amended_by:
            out.append("- изменён: " + ", ".join(f"`{r}`" for r in a.amended_by) + "\n")
        if a.replaced_by:
            out.append("- заменён: " + ", ".join(f"`{r}`" for r in a.replaced_by) + "\n")
        if a.short_names:
            out.append("- краткие названия: " + "; ".join(a.short_names) + "\n")
        out += [f"- {art.ref}" + (f" (в редакции, действующей с {art.effective_from:%d.%m.%Y})" if art.effective_from else "") + f": {art.note}\n"
                for art in a.articles]
        out.append(f"- примечание: {_cell(a.note)}\n")
        out.append("- источники: " + "; ".join(a.sources) + "\n")
        out.append(f"- сверено с источниками: {a.reviewed_on:%d.%m.%Y}"
                   + (f"; проверить снова до {a.review_by:%d.%m.%Y}" if a.review_by else "") + "\n")
    return "".join(out)


RULE_STATUS_TITLES = {"stable": "действует", "preview": "пробное: работает, только если код назван явно (`--select КОД`)",
                      "deprecated": "устаревает (будет выведено)", "retired": "выведено"}
FIXABLE_TITLES = {"safe": "да, автоматически", "unsafe": "да, после проверки человеком (`fix --unsafe`)",
                  "mixed": "да: бесспорные случаи автоматически, прочие после проверки (`fix --unsafe`)",
                  "none": "нет, исправляет человек"}
_FIXABLE_SHORT = {"safe": "да", "unsafe": "с проверкой", "mixed": "частично", "none": "—"}
_KIND_TITLES = {"existence": "список слов (existence): каждое вхождение — замечание",
                "substitution": "таблица замен (substitution): неверное написание заменяется верным"}


def _examples(title: str, texts: list[str]) -> list[str]:
    if len(texts) == 1:
        return [f"**{title}.**\n\n```text\n{texts[0].strip()}\n```\n\n"]
    out = [f"**{title}** ({len(texts)}).\n\n"]
    out += [f"```text\n{t.strip()}\n```\n\n" for t in texts]
    return out


def rules_page() -> str:
    """docs/rules.md: the rule catalogue (sferum_policy/rules/<family>/<CODE>.yaml), read without the checks."""
    from .rules.catalogue import load_rules

    cat = load_rules()
    rules = list(cat.rules.values())
    out = [HEADER, "# Правила проверки\n\n"]
    out.append("Каждое замечание проверки имеет постоянный код. Коды можно выбирать и исключать: "
               "`--select LR,ST` и `--ignore TY003`. Столбец «исправление» говорит, может ли команда `fix` "
               f"исправить замечание сама. Всего правил: **{len(rules)}**.\n\n"
               "| код | категория | уровень | исправление | что проверяет |\n|---|---|---|---|---|\n")
    out += [f"| [{r.code}](#{r.code.lower()}) | {CATEGORY_TITLES[r.category]} | {SEVERITY_TITLES[r.severity]} | "
            f"{_FIXABLE_SHORT[r.fixable]} | {_cell(r.title)}"
            + (f" ({RULE_STATUS_TITLES[r.status]})" if r.status != "stable" else "") + " |\n"
            for r in rules]
    for r in rules:
        out.append(f"\n## {r.code}\n\n**{r.title}** (`{r.name}`; {CATEGORY_TITLES[r.category].lower()}, "
                   f"{SEVERITY_TITLES[r.severity]})\n\n")
        out.append(f"- статус: {RULE_STATUS_TITLES[r.status]}\n- исправление командой `fix`: {FIXABLE_TITLES[r.fixable]}\n")
        if r.kind != "code":
            out.append(f"- правило-данные: {_KIND_TITLES[r.kind]}\n")
            if r.tokens:
                out.append("- список (регулярные выражения): " + ", ".join(f"`{t}`" for t in r.tokens) + "\n")
            if r.swap:
                out.append("- замены: " + "; ".join(f"`{a}` → «{b}»" for a, b in r.swap.items()) + "\n")
        out.append(f"\n**Почему это плохо.** {r.why}\n\n")
        out += _examples("Пример", r.examples.bad)
        out += _examples("Правильно", r.examples.good)
        out.append(f"**Как исправить.** {r.fix}\n")
        if r.basis:
            out.append(f"\n**Основание:** {', '.join(f'`{b}`' for b in r.basis)}\n")
    out.append("\n## Выведенные коды\n\n")
    if cat.retired:
        out.append("Эти коды больше не выдаются и никогда не будут отданы другому правилу.\n\n"
                   "| код | теперь | почему |\n|---|---|---|\n")
        out += [f"| {x.code} | {f'[{x.redirect}](#{x.redirect.lower()})' if x.redirect else '—'} | {_cell(x.note)} |\n"
                for x in cat.retired.values()]
    else:
        out.append("Выведенных кодов пока нет. Код, выведенный из употребления, остаётся в этом списке и другому "
                   "правилу не отдаётся.\n")
    return "".join(out)


def build_all() -> dict[str, str]:
    """All generated pages by file name."""
    lib = load_clauses()
    reg = load_registry()
    return {"clauses.md": clauses_page(lib), "legal_refs.md": legal_refs_page(reg), "rules.md": rules_page()}
