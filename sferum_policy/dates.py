"""Parsing and formatting dates as Russian documents write them."""

from __future__ import annotations

import re
from datetime import date

MONTHS_GENT = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
_MONTH_STEMS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}


def month_number(word: str) -> int | None:
    """Month number of a Russian month name in any case (``июля`` → 7)."""
    w = word.lower().strip(".")
    for stem, n in sorted(_MONTH_STEMS.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem) and len(w) - len(stem) <= 3:
            return n
    return None


def parse_date(text: str) -> date | None:
    """Parse ``2024-09-30``, ``30.09.2024``, ``30.09.24`` or ``30 сентября 2024 г.``; None if invalid."""
    t = text.strip().strip("«»\"")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{2}|\d{4})\s*(?:г\.?|года?)?", t)
        if m:
            d, mo, y = map(int, m.groups())
            if y < 100:
                y += 2000 if y < 50 else 1900
        else:
            m = re.fullmatch(r"[«\"]?(\d{1,2})[»\"]?\s+([а-яё]+)\s+(\d{4})\s*(?:г\.?|года?)?", t, re.IGNORECASE)
            if not m:
                return None
            mo_n = month_number(m.group(2))
            if mo_n is None:
                return None
            d, mo, y = int(m.group(1)), mo_n, int(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def format_numeric(d: date) -> str:
    """``05.06.2026`` — the numeric form of ГОСТ Р 7.0.97."""
    return f"{d:%d.%m.%Y}"


def format_words(d: date) -> str:
    """``5 июня 2026 г.`` — the verbal form of ГОСТ Р 7.0.97."""
    return f"{d.day} {MONTHS_GENT[d.month - 1]} {d.year} г."
