"""``modernize``: the old act → the current act from the library, a change summary and a redline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import DATE, clauses_dir, refs_dir


@click.command()
@click.argument("old", metavar="ПРЕЖНИЙ_АКТ", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Куда записать новый акт (DOCX).")
@click.option("--as-of", type=DATE, help="Дата, на которую подбирать действующие нормативные акты (по умолчанию — сегодня).")
@click.option("--profile-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Записать извлеченный профиль организации (YAML в формате generate) для проверки.")
@click.option("--interactive", is_flag=True, help="Спросить в терминале то, чего нет в прежнем акте.")
@click.option("--summary", "summary_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Записать сводку изменений (Markdown).")
@click.option("--redline", type=click.Path(dir_okay=False, path_type=Path),
              help="Записать прежний акт, превращенный в новый исправлениями Word (DOCX в режиме рецензирования).")
@click.option("--force", is_flag=True, help="Перезаписать существующие файлы.")
@clauses_dir
@refs_dir
def modernize(old: Path, output: Path, as_of, profile_out: Path | None, interactive: bool, summary_out: Path | None,
              redline: Path | None, force: bool, clauses_dir: str | None, refs_dir: str | None) -> None:
    """Обновить прежний акт: реквизиты организации — из него, текст — из библиотеки (MAX, действующие основания).

    Собственные положения школы, которых нет в библиотеке, переносятся с примечанием «проверьте»; положения,
    которые сами являются нарушением (обязательная регистрация, иностранные мессенджеры, утратившие силу
    основания), не переносятся — сводка говорит почему. Входной файл не меняется.

    \b
    Примеры:
      sferum-policy modernize старое.docx -o новое.docx --summary сводка.md
      sferum-policy modernize старое.pdf -o новое.docx --redline правка.docx --profile-out профиль.yaml
    """
    from ..errors import InputError
    from ..fileio import write_atomic
    from ..pipeline import default_clauses, default_registry
    from ..repair.modernize import modernize as run

    targets = [(output, ".docx", "новый акт"), (redline, ".docx", "акт с исправлениями"),
               (summary_out, ".md", "сводка"), (profile_out, ".yaml", "профиль")]
    for path, suffix, what in targets:
        if path is None:
            continue
        if path.suffix.lower() not in (suffix, ".yml" if suffix == ".yaml" else suffix, ".txt" if suffix == ".md" else suffix):
            raise InputError(f"{path}: {what} записывается в формате {suffix.lstrip('.').upper()} "
                             f"(укажите имя с {suffix})")
        if path.exists() and not force:
            raise InputError(f"{path}: файл уже существует; чтобы перезаписать его, добавьте --force")
        if path.resolve() == old.resolve():
            raise InputError(f"{path}: нельзя записывать результат поверх входного файла")
    names = [p.resolve() for p, _, _ in targets if p is not None]
    if len(set(names)) != len(names):
        raise InputError(f"{output}: укажите разные файлы для акта, сводки, профиля и исправлений")
    if interactive and not sys.stdin.isatty():
        raise InputError("--interactive задает вопросы в терминале, а ввод не с терминала; заполните профиль "
                         "(--profile-out) и создайте акт командой generate")
    ask = None
    if interactive:
        from ..repair.prompts import ask_missing

        ask = ask_missing
    from .. import memory
    from ..ocr.engine import progress
    from ..pipeline import load_document
    from .check_cmd import terminal_progress

    result = None
    with memory.bounded():  # a hostile file runs out of its memory budget, not the machine's
        try:
            with progress(terminal_progress()):  # a scan is recognised page by page
                source = load_document(old)
            result = run(source, as_of=as_of, clauses=default_clauses(clauses_dir),
                         registry=default_registry(refs_dir), ask=ask)
        except MemoryError:
            result = None
    if result is None:
        raise InputError(memory.out_of_memory_message(str(old)))
    write_atomic(output, result.docx, force=force, protect=(old,))
    click.echo(f"Создан {output}: {result.act.kind_title.lower()}, разделов — {len(result.act.sections)}, "
               f"перенесено положений прежнего акта — {len(result.carried)}, не перенесено — {len(result.dropped)}.",
               err=True)
    if summary_out is not None:
        write_atomic(summary_out, result.summary_markdown(), force=force, protect=(old,))
        click.echo(f"Сводка изменений: {summary_out}", err=True)
    if profile_out is not None:
        write_atomic(profile_out, result.profile_yaml(), force=force, protect=(old,))
        click.echo(f"Профиль организации для проверки: {profile_out} (sferum-policy generate {profile_out} -o …)",
                   err=True)
    if redline is not None:
        write_atomic(redline, result.redline(), force=force, protect=(old,))
        click.echo(f"Прежний акт с исправлениями Word (режим рецензирования): {redline}", err=True)
    click.echo(result.summary_text())
