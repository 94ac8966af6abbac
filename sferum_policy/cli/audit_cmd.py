"""``audit``: check every act under folders and ZIP archives, write a summary and a dashboard."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import DATE, clauses_dir, refs_dir


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, metavar="КАТАЛОГ", type=click.Path(path_type=Path),
              help="Каталог для результатов (создаётся при необходимости).")
@click.option("-j", "--jobs", type=int, default=None, metavar="N", help="Сколько процессов использовать (по умолчанию — все ядра).")
@click.option("--as-of", type=DATE, help="Дата, на которую проверять действие актов (по умолчанию — сегодня).")
@click.option("--no-cache", is_flag=True, help="Проверить заново и неизменившиеся файлы.")
@click.option("--dask-scheduler", metavar="tcp://ХОСТ:ПОРТ",
              help="Отправить проверку на кластер Dask (нужно дополнение sferum-policy[dask]).")
@click.option("--format-reports", default="html,json", show_default=True, metavar="ФОРМАТЫ",
              help="Форматы отчётов по каждому акту в каталоге reports/: html, json, sarif, text, docx.")
@click.option("--fix", "fix", is_flag=True,
              help="Записать и исправленный акт каждого документа (reports/*.fixed.docx, исправления Word в режиме "
                   "рецензирования; только надёжные исправления).")
@click.option("--unsafe", is_flag=True, help="С --fix: вносить и исправления, требующие оценки человека.")
@click.option("--modernize", "modernize", is_flag=True,
              help="Записать и обновлённый акт каждой организации (для MAX, с действующими основаниями; "
                   "reports/*.modernized.docx), сводку изменений (*.modernized.md) и правку старого акта "
                   "(*.redline.docx).")
@clauses_dir
@refs_dir
def audit(paths: tuple[Path, ...], outdir: Path, jobs: int | None, as_of, no_cache: bool, dask_scheduler: str | None,
          format_reports: str, fix: bool, unsafe: bool, modernize: bool, clauses_dir: str | None,
          refs_dir: str | None) -> None:
    """Проверить все акты в каталогах и архивах ZIP одной командой.

    Проверяются файлы DOCX, PDF, ODT, TXT, MD, DOC (и они же внутри ZIP). В каталог -o
    записываются: index.html (сводка для браузера), summary.xlsx и summary.csv (таблица
    для Excel), audit.json (все отчёты) и отчёт по каждому акту в reports/. Повторный запуск
    берёт неизменившиеся файлы из кэша (OUTDIR/.cache).

    \b
    Пример:
      sferum-policy audit положения/ архив.zip -o проверка
    """
    from datetime import date

    from ..audit import AuditOptions, run_audit

    formats = tuple(f.strip().lower() for f in format_reports.split(",") if f.strip())
    opts = AuditOptions(
        paths=list(paths), outdir=outdir, as_of=as_of or date.today(), jobs=jobs, use_cache=not no_cache,
        dask_scheduler=dask_scheduler, formats=formats, clauses_dir=clauses_dir, refs_dir=refs_dir,
        progress=sys.stderr.isatty(), fix=("unsafe" if unsafe else "safe") if fix else None, modernize=modernize,
    )
    if unsafe and not fix:
        raise click.UsageError("--unsafe действует только вместе с --fix")
    try:
        res = run_audit(opts)
    except KeyboardInterrupt:
        click.echo(f"Прервано: готовые результаты записаны в {outdir}", err=True)
        raise
    checked = res.done - res.reused - res.failed
    click.echo(
        f"Документов: {res.total}; проверено: {checked}, взято из кэша: {res.reused}, "
        f"не удалось прочитать: {res.failed}; {res.seconds:.1f} с. Сводка: {outdir / 'index.html'}",
        err=True,
    )
