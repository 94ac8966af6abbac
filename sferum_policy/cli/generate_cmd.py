"""``init`` and ``generate``: write a profile template; assemble an act from a profile."""

from __future__ import annotations

from pathlib import Path

import click

from .options import clauses_dir, refs_dir

GEN_FORMATS = ("docx", "md", "html")


@click.command()
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Куда записать акт (act.docx, act.md, act.html).")
@click.option("--format", "fmt", type=click.Choice(GEN_FORMATS), help="Формат (по умолчанию — по расширению файла).")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
@clauses_dir
@refs_dir
def generate(profile: Path, output: Path, fmt: str | None, force: bool, clauses_dir: str | None, refs_dir: str | None) -> None:
    """Создать положение по профилю организации (DOCX по ГОСТ Р 7.0.97, Markdown, HTML)."""
    from ..errors import InputError
    from ..fileio import write_atomic
    from ..generator.assemble import assemble
    from ..generator.profile import load_profile
    from ..library import load_clauses, load_registry

    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in GEN_FORMATS:
        raise InputError(f"{output}: неизвестный формат «{fmt}»; укажите --format docx, md или html")
    if output.exists() and not force:
        raise InputError(f"{output}: файл уже существует; чтобы перезаписать его, добавьте --force")
    prof = load_profile(profile)
    act = assemble(prof, load_clauses(clauses_dir), load_registry(refs_dir))
    if fmt == "md":
        from ..generator.markdown import render_markdown

        data: str | bytes = render_markdown(act)
    elif fmt == "html":
        from ..generator.html import render_html

        data = render_html(act)
    else:
        from ..generator.docx_writer import render_docx

        data = render_docx(act)
    write_atomic(output, data, force=force, protect=(profile,))
    points = sum(len(s.points) for s in act.sections)
    click.echo(f"Создан {output}: {act.kind_title.lower()}, разделов — {len(act.sections)}, пунктов — {points}.", err=True)
