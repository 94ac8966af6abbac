"""Russian texts for click's own messages (usage, errors, help headings).

click marks its messages with gettext; we install a small catalogue into its modules so that
``--help`` and argument errors speak Russian without shipping ``.mo`` files.
"""

from __future__ import annotations

import click

CATALOG = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Commands": "Команды",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "%(prog)s, version %(version)s": "%(prog)s, версия %(version)s",
    "Error: {message}": "Ошибка: {message}",
    "Try '{command} {option}' for help.": "Справка: «{command} {option}».",
    "No such option {name!r}.": "Нет такого параметра {name!r}.",
    "No such command {name!r}.": "Нет такой команды {name!r}.",
    "Missing argument": "Не указан аргумент",
    "Missing option": "Не указан параметр",
    "Missing parameter": "Не указан параметр",
    "Missing command.": "Не указана команда.",
    "Missing {param_type}": "Не указан {param_type}",
    "Missing parameter: {param_name}": "Не указан параметр: {param_name}",
    "Invalid value for {param_hint}: {message}": "Недопустимое значение {param_hint}: {message}",
    "Invalid value: {message}": "Недопустимое значение: {message}",
    "Option {name!r} does not take a value.": "Параметр {name!r} не принимает значения.",
    "Aborted!": "Прервано.",
    "default: {default}": "по умолчанию: {default}",
    "required": "обязательно",
    "{name} {filename!r} does not exist.": "{name} {filename!r} не существует.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} — каталог.",
    "{name} {filename!r} is a file.": "{name} {filename!r} — файл, а не каталог.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} недоступен для чтения.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} недоступен для записи.",
    "file": "файл",
    "directory": "каталог",
    "path": "путь",
    "{value!r} is not a valid {number_type}.": "{value!r} — не число.",
    "{value} is not in the range {range}.": "{value} вне допустимого диапазона {range}.",
    "Choose from:\n\t{choices}": "Выберите из:\n\t{choices}",
    "Do you want to continue?": "Продолжить?",
    "Repeat for confirmation": "Повторите для подтверждения",
}

PLURALS = {
    "{value!r} is not {choice}.": ("{value!r} — допустимо только {choice}.", "{value!r} — допустимо одно из: {choices}."),
    "{value!r} does not match the format {format}.": (
        "{value!r} не соответствует формату {format}.",
        "{value!r} не соответствует форматам {formats}.",
    ),
    "Did you mean {possibility}?": ("Возможно, имелось в виду {possibility}?", "(Возможно, одно из: {possibilities}?)"),
    "Got unexpected extra argument ({args})": ("Лишний аргумент ({args})", "Лишние аргументы ({args})"),
    "Option {name!r} requires an argument.": ("Параметру {name!r} нужно значение.", "Параметру {name!r} нужно {nargs} значения."),
}


def _gettext(message: str) -> str:
    return CATALOG.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    pair = PLURALS.get(singular)
    if pair is None:
        return singular if n == 1 else plural
    return pair[0] if n == 1 else pair[1]


def install() -> None:
    """Point click's gettext aliases at the Russian catalogue."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for mod in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types, click.termui):
        if hasattr(mod, "_"):
            mod._ = _gettext  # type: ignore[attr-defined]
        if hasattr(mod, "ngettext"):
            mod.ngettext = _ngettext  # type: ignore[attr-defined]
    click.Context.formatter_class = click.HelpFormatter


def localize_metavars(command: click.Command) -> None:
    """«[ПАРАМЕТРЫ]» and «КОМАНДА [АРГУМЕНТЫ]...» in the usage lines of ``command`` and its subcommands."""
    command.options_metavar = "[ПАРАМЕТРЫ]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "КОМАНДА [АРГУМЕНТЫ]..."
        for sub in command.commands.values():
            localize_metavars(sub)
