"""``clauses``, ``refs`` and ``docs``: browse the clause library and the legal registry."""

from __future__ import annotations

import json
from datetime import date

import click

from ..errors import InputError
from ..vocab import LEVEL_TITLES, ORG_KIND_TITLES, SECTION_TITLES, OrgKind, Section
from .options import DATE, clauses_dir, refs_dir, table

SECTIONS = click.Choice([s.value for s in Section])
KINDS = click.Choice([k.value for k in OrgKind])
FORMAT = click.Choice(["table", "json"])


@click.group()
def clauses() -> None:
    """Библиотека положений: что должно быть в акте."""


@clauses.command("list")
@click.option("--section", type=SECTIONS, help="Только положения этого раздела.")
@click.option("--org-kind", type=KINDS, help="Только положения для этого вида организации.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True, help="Формат вывода.")
@clauses_dir
def clauses_list(section: str | None, org_kind: str | None, fmt: str, clauses_dir: str | None) -> None:
    """Список положений библиотеки."""
    from ..library import load_clauses

    lib = load_clauses(clauses_dir)
    items = [c for c in lib.select(org_kind) if section is None or c.section == section]
    if fmt == "json":
        click.echo(json.dumps([c.model_dump(mode="json") for c in items], ensure_ascii=False, indent=2))
        return
    rows = [[c.id, SECTION_TITLES[c.section], LEVEL_TITLES[c.level], c.title] for c in items]
    click.echo(table(rows, ["идентификатор", "раздел", "уровень", "название"]))
    click.echo(f"\nВсего положений: {len(items)}")


@clauses.command("show")
@click.argument("clause_id")
@click.option("--org-kind", type=KINDS, default="school", show_default=True, help="Для какого вида организации показать текст.")
@clauses_dir
def clauses_show(clause_id: str, org_kind: str, clauses_dir: str | None) -> None:
    """Одно положение: текст, сигналы, источники и основания."""
    from ..library import load_clauses
    from ..library.templating import context, render_clause

    lib = load_clauses(clauses_dir)
    clause = lib.get(clause_id)
    if clause is None:
        close = [c.id for c in lib if clause_id.split(".")[-1] in c.id][:5]
        hint = f"; похожие: {', '.join(close)}" if close else ""
        raise InputError(f"{clause_id}: нет такого положения в библиотеке{hint}")
    text, items = render_clause(clause, context(lib.terms, org_kind, clause.platforms))
    click.echo(f"{clause.id} — {clause.title}")
    click.echo(f"Раздел: {SECTION_TITLES[clause.section]}; уровень: {LEVEL_TITLES[clause.level]}")
    click.echo("Виды организаций: " + ", ".join(ORG_KIND_TITLES[k] for k in clause.org_kinds))
    click.echo("Платформы: " + ", ".join(p.value for p in clause.platforms))
    click.echo(f"\nТекст ({ORG_KIND_TITLES[OrgKind(org_kind)]}):\n  {text}")
    for item in items:
        click.echo(f"  – {item}")
    if clause.signals.phrases:
        click.echo("\nКлючевые фразы: " + "; ".join(clause.signals.phrases))
    if clause.signals.keywords:
        click.echo("Группы слов: " + "; ".join(clause.signals.keywords))
    click.echo("Встречается в образцах: " + (", ".join(clause.provenance) or "нет (новое положение)"))
    if clause.legal_basis:
        click.echo("Основания: " + ", ".join(clause.legal_basis))
    if clause.note:
        click.echo(f"Примечание: {clause.note}")


@click.group()
def refs() -> None:
    """Реестр нормативных актов: статус, замена, источники."""


@refs.command("list")
@click.option("--status", type=click.Choice(["in_force", "repealed", "expired", "superseded", "unverified"]),
              help="Только акты с этим статусом.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True, help="Формат вывода.")
@refs_dir
def refs_list(status: str | None, fmt: str, refs_dir: str | None) -> None:
    """Список актов реестра."""
    from ..library import registry_for
    from ..library.acts import STATUS_TITLES

    reg = registry_for(refs_dir)
    acts = [a for a in reg if status is None or a.status == status]
    if fmt == "json":
        click.echo(json.dumps([a.model_dump(mode="json") for a in acts], ensure_ascii=False, indent=2))
        return
    rows = [
        [a.id, a.number or "—", f"{a.date:%d.%m.%Y}" if a.date else "—", STATUS_TITLES[a.status], _short(a.title, 60)]
        for a in acts
    ]
    click.echo(table(rows, ["идентификатор", "номер", "дата", "статус", "название"]))
    click.echo(f"\nВсего актов: {len(acts)}")


@refs.command("show")
@click.argument("number")
@refs_dir
def refs_show(number: str, refs_dir: str | None) -> None:
    """Акт по номеру (273-ФЗ, 1678), идентификатору или части названия."""
    from ..library import registry_for
    from ..library.acts import ACT_KIND_TITLES, CONFIDENCE_TITLES, STATUS_TITLES, VERIFIABLE_FIELDS
    from ..render.freshness import registry_text

    reg = registry_for(refs_dir)
    found = [reg.get(number)] if reg.get(number) else (reg.by_number(number) or reg.search(number))
    if not found:
        raise InputError(f"{number}: такого акта нет в реестре")
    today = date.today()
    for i, act in enumerate(found):
        if i:
            click.echo("")
        click.echo(f"{act.id}: {act.citation()}")
        click.echo(f"Вид: {ACT_KIND_TITLES[act.kind]}; {'принят' if act.kind in ('federal_law', 'law_rf') else 'издан'}: {act.issuer}")
        status = "lapsed" if act.term_lapsed(today) else act.status_on(today)
        click.echo(f"Статус на {today:%d.%m.%Y}: {STATUS_TITLES[status]}; "
                   f"достоверность: {CONFIDENCE_TITLES[act.confidence]}")
        if act.effective_from or act.effective_until or act.unverified("effective_until"):
            span = f"с {act.effective_from:%d.%m.%Y}" if act.effective_from else ""
            until = act.until_text()
            if act.effective_until:
                span += f" до {until}"
            elif until:
                span += f"; {until}"
            click.echo(f"Действие: {span.strip('; ')}")
        if act.term_lapsed(today):
            click.echo("Срок действия по данным реестра истёк; продление или замена не проверены — сверьте на "
                       "publication.pravo.gov.ru")
        for rid in act.replaced_by:
            repl = reg.get(rid)
            click.echo(f"Заменён: {repl.citation() if repl else rid}")
        for rid in act.amended_by:
            amend = reg.get(rid)
            click.echo(f"Изменён: {amend.citation() if amend else rid}")
        if act.short_names:
            click.echo("Краткие названия: " + "; ".join(act.short_names))
        for art in act.articles:
            since = f" (в редакции, действующей с {art.effective_from:%d.%m.%Y})" if art.effective_from else ""
            click.echo(f"  {art.ref}{since}: {art.note}")
        if act.unverified_fields:
            click.echo("Не подтверждено источниками: " + ", ".join(VERIFIABLE_FIELDS[f] for f in act.unverified_fields))
        click.echo(f"Примечание: {act.note}")
        click.echo("Источники: " + "; ".join(act.sources))
        checked = f"Сверено с источниками: {act.reviewed_on:%d.%m.%Y}"
        if act.review_by:
            checked += f"; проверить снова до {act.review_by:%d.%m.%Y}"
        click.echo(checked)
    click.echo("")
    click.echo(registry_text(reg, today))


@refs.command("expiring")
@click.option("--within", "within", type=click.IntRange(1, 3650), default=90, show_default=True,
              help="Окно в днях от даты --as-of.")
@click.option("--as-of", "as_of", type=DATE, default=None, help="Дата отсчёта (по умолчанию — сегодня).")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True, help="Формат вывода.")
@refs_dir
def refs_expiring(within: int, as_of: date | None, fmt: str, refs_dir: str | None) -> None:
    """Акты, срок действия которых истекает в ближайшие N дней."""
    from ..library import registry_for
    from ..render.freshness import registry_text

    reg = registry_for(refs_dir)
    when = as_of or date.today()
    acts = reg.expiring(when, within)
    if fmt == "json":
        click.echo(json.dumps({
            "as_of": when.isoformat(), "within_days": within,
            "registry_data_date": reg.data_date.isoformat() if reg.data_date else None,
            "acts": [{
                "id": a.id, "citation": a.citation(), "effective_until": a.effective_until.isoformat(),
                "days_left": (a.effective_until - when).days, "end_date_verified": not a.unverified("effective_until"),
                "successor_known": bool(a.replaced_by), "reviewed_on": a.reviewed_on.isoformat(),
            } for a in acts],
        }, ensure_ascii=False, indent=2))
        return
    if not acts:
        click.echo(f"С {when:%d.%m.%Y} в ближайшие {within} дн. ни один акт реестра не утрачивает силу.")
    else:
        rows = [[a.id, _short(a.citation(), 60), a.until_text() or "—", str((a.effective_until - when).days),
                 "известна" if a.replaced_by else "не проверена"] for a in acts]
        click.echo(f"Акты, срок действия которых истекает с {when:%d.%m.%Y} в ближайшие {within} дн.:")
        click.echo(table(rows, ["идентификатор", "акт", "действует до", "осталось дней", "замена"]))
        click.echo("\nПродление или замена этих актов реестром не подтверждены — сверьте на publication.pravo.gov.ru.")
    click.echo(registry_text(reg, when))




def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@click.command()
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default="docs", show_default=True,
              help="Каталог, куда записать страницы.")
@click.option("--check", "check_only", is_flag=True, help="Только проверить, что страницы не устарели (код 1, если устарели).")
def docs(out_dir: str, check_only: bool) -> None:
    """Создать docs/clauses.md, docs/legal_refs.md и docs/rules.md из данных и правил."""
    from pathlib import Path

    from ..docsgen import build_all
    from ..fileio import write_atomic

    out = Path(out_dir)
    stale = []
    for name, text in build_all().items():
        path = out / name
        if check_only:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        click.echo(f"записано: {path}")
    if stale:
        click.echo("устарели: " + ", ".join(stale) + "; обновите: sferum-policy docs", err=True)
        raise click.exceptions.Exit(1)


@click.command()
@clauses_dir
@refs_dir
def info(clauses_dir: str | None, refs_dir: str | None) -> None:
    """Сводка: сколько положений в библиотеке и актов в реестре."""
    from ..library import load_clauses, registry_for
    from ..library.acts import STATUS_TITLES
    from ..render.freshness import registry_text

    lib = load_clauses(clauses_dir)
    reg = registry_for(refs_dir)
    rows = []
    for section, n in lib.counts().items():
        by_level = {lvl: sum(1 for c in lib.section(section) if c.level == lvl) for lvl in LEVEL_TITLES}
        rows.append([SECTION_TITLES[section], str(n), *(str(by_level[lvl]) for lvl in LEVEL_TITLES)])
    click.echo(f"Библиотека положений ({lib.directory}): {len(lib)}")
    click.echo(table(rows, ["раздел", "всего", *LEVEL_TITLES.values()]))
    statuses: dict[str, int] = {}
    for act in reg:
        statuses[act.status.value] = statuses.get(act.status.value, 0) + 1
    click.echo(f"\nРеестр нормативных актов ({reg.directory}): {len(reg)}")
    click.echo(table([[STATUS_TITLES[s], str(n)] for s, n in sorted(statuses.items())], ["статус", "актов"]))
    click.echo(registry_text(reg, date.today()))
