"""``check``: read an act, run the checks, print or write the report."""

from __future__ import annotations

from pathlib import Path

import click

from ..render import BINARY, FORMATS
from .options import DATE, clauses_dir, refs_dir


def terminal_progress():
    """Per-page progress of OCR on stderr when it is a terminal (None otherwise: logs stay clean)."""
    import sys

    if not sys.stderr.isatty():
        return None

    def show(page: int, total: int, seconds: float) -> None:
        end = "\n" if page == total else ""
        click.echo(f"\rРаспознавание скана: страница {page} из {total} ({seconds:.1f} с)", err=True, nl=False)
        if end:
            click.echo("", err=True)

    return show


def _codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Формат отчёта.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Записать отчёт в файл.")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл отчёта.")
@click.option("--as-of", type=DATE, help="Дата, на которую проверять действие актов (по умолчанию — сегодня).")
@click.option("--select", multiple=True, help="Проверять только эти коды или префиксы (LR,ST001).")
@click.option("--ignore", multiple=True, help="Не проверять эти коды или префиксы.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="С какого уровня замечаний завершаться с кодом 1.")
@click.option("-v", "--verbose", is_flag=True, help="Показать и все найденные ссылки на акты.")
@clauses_dir
@refs_dir
def check(file: Path, fmt: str, output: Path | None, force: bool, as_of, select, ignore, fail_on: str, verbose: bool,
          clauses_dir: str | None, refs_dir: str | None) -> None:
    """Проверить локальный акт (DOCX, PDF, ODT, TXT, MD; сканы PDF и изображения PNG, JPEG, TIFF).

    Код завершения: 0 — замечаний уровня --fail-on нет, 1 — есть, 2 — файл или параметры
    нельзя использовать.
    """
    from .. import memory
    from ..errors import InputError
    from ..fileio import write_atomic

    if output is None and fmt in BINARY:
        raise click.UsageError("для формата docx укажите файл: -o отчёт.docx")

    # this process reads a document someone sent: bounded like a worker (SFERUM_MEMORY_LIMIT_MB)
    with memory.bounded():
        out, report, out_of_memory = _check(file, fmt, as_of, select, ignore, verbose, clauses_dir, refs_dir)
    if out_of_memory:
        raise InputError(memory.out_of_memory_message(str(file)))
    if output is not None:
        write_atomic(output, out, force=force, protect=(file,))
        click.echo(f"Отчёт записан: {output}", err=True)
    else:
        click.echo(out, nl=False)
    if report.fails(fail_on):
        raise click.exceptions.Exit(1)


def _check(file: Path, fmt: str, as_of, select, ignore, verbose: bool, clauses_dir: str | None,
           refs_dir: str | None) -> tuple:
    """Read, check and render; (output, report, False), or (None, None, True) when memory ran out."""
    from ..ocr.engine import progress
    from ..pipeline import default_clauses, default_registry, load_document
    from ..pipeline import run as run_check
    from ..render import render

    try:
        with progress(terminal_progress()):
            source = load_document(file)  # unusable input fails fast, before the data is loaded
        doc, report = run_check(
            source,
            as_of=as_of,
            select=_codes(select) or None,
            ignore=_codes(ignore),
            clauses=default_clauses(clauses_dir),
            registry=default_registry(refs_dir),
        )
        kwargs: dict = {"verbose": verbose} if fmt == "text" else {}
        if fmt in ("docx", "html", "sarif"):
            kwargs = {"document": doc}
        out = render(report, fmt, **kwargs)
    except MemoryError:
        return None, None, True  # the message is made by the caller, once the traceback's memory is freed
    return out, report, False
