"""``init`` and ``generate``: write a profile template; assemble an act from a profile."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import clauses_dir, refs_dir

GEN_FORMATS = ("docx", "md", "html")
KINDS = ("preschool", "school", "boarding_school", "college", "additional", "district")


@click.command()
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Куда записать акт (act.docx, act.md, act.html).")
@click.option("--format", "fmt", type=click.Choice(GEN_FORMATS), help="Формат (по умолчанию — по расширению файла).")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
@clauses_dir
@refs_dir
def generate(profile: Path, output: Path, fmt: str | None, force: bool, clauses_dir: str | None, refs_dir: str | None) -> None:
    """Создать положение по профилю организации (DOCX по ГОСТ Р 7.0.97, Markdown, HTML).

    \b
    Примеры:
      sferum-policy init -o профиль.yaml
      sferum-policy generate профиль.yaml -o положение.docx
      sferum-policy generate профиль.yaml -o положение.html
    """
    from ..errors import InputError
    from ..fileio import write_atomic

    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in GEN_FORMATS:
        raise InputError(f"{output}: неизвестный формат «{fmt or 'без расширения'}»; укажите --format docx, md или html")
    if output.exists() and not force:
        raise InputError(f"{output}: файл уже существует; чтобы перезаписать его, добавьте --force")
    act, data = _build(profile, fmt, clauses_dir, refs_dir)
    write_atomic(output, data, force=force, protect=(profile,))
    points = sum(len(s.points) for s in act.sections)
    click.echo(f"Создан {output}: {act.kind_title.lower()}, разделов — {len(act.sections)}, пунктов — {points}.", err=True)
    for note in act.notes:
        click.echo(f"ВНИМАНИЕ: {note}", err=True)
    _legal_notes(act, clauses_dir, refs_dir)


def _legal_notes(act, clauses_dir: str | None, refs_dir: str | None) -> None:
    """Tell the author which acts of the basis lapse soon or have unverified dates (and how fresh the registry is)."""
    from datetime import date

    from ..generator.legal_notes import legal_notes
    from ..pipeline import default_clauses, default_registry
    from ..render.freshness import registry_text

    registry = default_registry(refs_dir)
    when = act.as_of or date.today()
    notes = legal_notes(act, default_clauses(clauses_dir), registry, when)
    for note in notes:
        click.echo(f"Обратите внимание: {note}", err=True)
    if notes or registry.stale_on(when):
        click.echo(registry_text(registry, when), err=True)


def _build(profile: Path, fmt: str, clauses_dir: str | None, refs_dir: str | None):
    from ..errors import DataError
    from ..generator.assemble import assemble
    from ..generator.profile import load_profile
    from ..generator.render import render
    from ..pipeline import default_clauses, default_registry

    prof = load_profile(profile)
    if prof.example:
        raise DataError(f"{profile}: это незаполненный шаблон (example: true) — впишите данные своей организации "
                        "и удалите строку «example: true»; или создайте профиль по вопросам: sferum-policy init")
    act = assemble(prof, default_clauses(clauses_dir), default_registry(refs_dir))
    return act, render(act, fmt)


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("profile.yaml"),
              show_default=True, help="Куда записать профиль.")
@click.option("--kind", type=click.Choice(KINDS), default="school", show_default=True,
              help="Вид организации (от него зависят примеры в шаблоне).")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
@click.option("--interactive/--no-input", "interactive", default=None,
              help="Задать вопросы (по умолчанию — когда ввод с терминала) или сразу записать шаблон.")
def init(output: Path, kind: str, force: bool, interactive: bool | None) -> None:
    """Создать профиль организации: шаблон с пояснениями или ответы на вопросы.

    \b
    Примеры:
      sferum-policy init -o профиль.yaml --kind college --no-input
      sferum-policy init -o профиль.yaml
    """
    from ..errors import InputError
    from ..fileio import write_atomic
    from ..generator.profile import parse_profile
    from ..generator.template import default_answers, render_template

    if output.exists() and not force:
        raise InputError(f"{output}: файл уже существует; чтобы перезаписать его, добавьте --force")
    if interactive is None:
        interactive = sys.stdin.isatty()
    answers = default_answers(kind)
    if interactive:
        from ..generator.prompts import ask

        answers = ask(answers)
    else:
        answers.example = True
    text = render_template(answers)
    parse_profile(text, str(output))  # the template must be a valid profile
    write_atomic(output, text, force=force)
    if interactive:
        click.echo(f"Создан профиль {output} (по вашим ответам). Дальше: sferum-policy generate {output} "
                   "-o положение.docx", err=True)
    else:
        click.echo(f"Создан шаблон {output}: наименования и фамилия в нем — примеры, реквизиты протоколов и приказа "
                   "не заполнены. Впишите свои данные и удалите строку «example: true» — до этого generate не "
                   "создаст акт.", err=True)
