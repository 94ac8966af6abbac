"""``fix``: write the corrected act as a DOCX with Word tracked changes (or print the diff)."""

from __future__ import annotations

from pathlib import Path

import click

from .check_cmd import _codes, terminal_progress
from .options import DATE, clauses_dir, refs_dir


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Куда записать исправленный акт (DOCX).")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
@click.option("--unsafe", is_flag=True,
              help="Внести и исправления, требующие оценки: слова по смыслу и согласование, замена ссылок на "
                   "утратившие силу акты, недостающие обязательные положения, добровольность платформы.")
@click.option("--accept", is_flag=True, help="Записать акт с уже принятыми исправлениями (без режима правки).")
@click.option("--diff", "show_diff", is_flag=True, help="Не записывать файл, а показать изменения текста (unified diff).")
@click.option("--as-of", type=DATE, help="Дата, на которую проверять действие актов (по умолчанию — сегодня).")
@click.option("--select", multiple=True, help="Исправлять только эти коды или префиксы (TY,ST008).")
@click.option("--ignore", multiple=True, help="Не исправлять эти коды или префиксы.")
@clauses_dir
@refs_dir
def fix(file: Path, output: Path | None, force: bool, unsafe: bool, accept: bool, show_diff: bool, as_of,
        select, ignore, clauses_dir: str | None, refs_dir: str | None) -> None:
    """Исправить акт: каждая правка — исправление Word в режиме рецензирования с примечанием о причине.

    По умолчанию вносятся только надёжные исправления (опечатки с одним верным вариантом, латинские буквы,
    пропущенные пробелы и дефисы, номера актов, официальные адреса, даты по ГОСТ Р 7.0.97). Входной файл
    не меняется. Код завершения: 0 — готово, 2 — файл или параметры нельзя использовать.

    \b
    Примеры:
      sferum-policy fix положение.docx -o положение-исправленное.docx
      sferum-policy fix положение.pdf -o исправленное.docx --unsafe
      sferum-policy fix положение.txt --diff
    """
    from .. import memory
    from ..errors import InputError
    from ..fileio import write_atomic
    from ..ocr.engine import progress
    from ..pipeline import default_clauses, default_registry, load_document
    from ..repair import fix as run_fix

    if show_diff and accept:
        raise click.UsageError("--diff показывает изменения, а --accept записывает файл: укажите что-то одно")
    if output is None and not show_diff:
        raise click.UsageError("укажите, куда записать исправленный акт: -o акт.docx (или --diff)")
    if output is not None and output.suffix.lower() != ".docx":
        raise click.UsageError(f"{output}: исправленный акт записывается в формате DOCX (укажите имя с .docx)")
    with memory.bounded():
        try:
            with progress(terminal_progress()):
                source = load_document(file)
            result = run_fix(source, unsafe=unsafe, accept=accept, select=_codes(select) or None,
                             ignore=_codes(ignore), as_of=as_of, clauses=default_clauses(clauses_dir),
                             registry=default_registry(refs_dir))
        except MemoryError:
            result = None
    if result is None:
        raise InputError(memory.out_of_memory_message(str(file)))
    if show_diff:
        click.echo(result.diff() or "Исправлений нет.\n", nl=False)
    else:
        write_atomic(output, result.docx, force=force, protect=(file,))
    _summary(result, output if not show_diff else None)


def _summary(result, output: Path | None) -> None:
    from ..ru import plural

    err = output is None  # with --diff the summary goes to stderr, the diff alone to stdout
    by_code = ", ".join(f"{c} — {n}" for c, n in result.by_code().items())
    head = f"Внесено исправлений: {result.changes}" + (f" ({by_code})" if by_code else "")
    if output is not None:
        state = "приняты" if result.accepted else "в режиме рецензирования"
        head += f"; {state}. Записано: {output}"
    click.echo(head + ".", err=err)
    pending = len(result.pending())
    if pending:
        click.echo(f"Не внесено — нужна оценка человека (добавьте --unsafe): {pending}.", err=err)
    for s in result.skipped:
        what = f"[{s.finding.code}] «{' '.join((s.finding.text or '').split())[:60]}»"
        if s.reason == "overlap":
            click.echo(f"Не внесено {what}: пересекается с исправлением {s.detail}, которое внесено.", err=err)
        elif s.reason == "refused":
            click.echo(f"Не внесено {what}: {s.detail}.", err=err)
    left = len(result.remaining())
    if left:
        tail = f" (из них с --unsafe можно исправить {pending})" if pending else ""
        click.echo(f"Осталось для человека: {plural(left, 'замечание', 'замечания', 'замечаний')}{tail}; "
                   "их покажет sferum-policy check.", err=err)
