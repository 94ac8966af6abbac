"""Options and helpers shared by several commands."""

from __future__ import annotations

import unicodedata
from datetime import date

import click

clauses_dir = click.option(
    "--clauses", "clauses_dir", type=click.Path(file_okay=False), default=None,
    help="Каталог своей библиотеки положений (по умолчанию — встроенная).",
)
refs_dir = click.option(
    "--refs", "refs_dir", type=click.Path(file_okay=False), default=None,
    help="Каталог дополнений к реестру нормативных актов: свои акты и изменения встроенных (override: true); "
    "накладывается на встроенный реестр. То же — переменная окружения SFERUM_POLICY_REFS.",
)


class RuDate(click.ParamType):
    """A date written as ГГГГ-ММ-ДД or ДД.ММ.ГГГГ."""

    name = "дата"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from .. import dates

        parsed = dates.parse_date(str(value))
        if parsed is None:
            self.fail(f"«{value}» — не дата; пишите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ", param, ctx)
        return parsed


DATE = RuDate()


def width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def table(rows: list[list[str]], headers: list[str]) -> str:
    """Plain aligned table for the terminal."""
    cols = [headers, *rows]
    widths = [max(width(r[i]) for r in cols) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip()

    sep = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])
