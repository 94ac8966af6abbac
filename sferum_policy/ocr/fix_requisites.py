"""The ``requisite`` repair pass: digits and letters confused in numbers, dates, «№» and «-ФЗ» (``data/requisites.tsv``)."""

from __future__ import annotations

import re
from functools import lru_cache

from .edits import Edit
from .tables import requisites

# --- requisites ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _requisite_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    t = requisites()
    dig = "".join(re.escape(c) for c in t.digits)
    numchar = f"[0-9{dig}]"
    signs = "|".join(re.escape(s) for s in t.number_signs)
    fz = "|".join(re.escape(s) for s in t.fz)
    # «N° 5», «JIo12»: a reading of «№» right before a number
    sign = re.compile(rf"(?<![\w№])(?:{signs})(?=\s?{numchar}*\d)")
    # «15З-ФЗ», «273-Ф3», «4l-@3», «27З ФЗ»: a law's number (at least one real digit) and «ФЗ»
    law = re.compile(rf"(?<![\w.])({numchar}{{1,4}})(\s?[-–—]\s?|\s)({fz})(?![\w@])")
    # «2o12 г.», «о1.09.2о25», «01.09.2O24»: a year or a date with letters for digits
    date = re.compile(
        rf"(?<![\w.])(?:{numchar}{{1,2}}[./]{numchar}{{1,2}}[./]{numchar}{{2,4}}|[12]{numchar}{{3}}(?=\s?(?:г\b|г\.|года|гг)))(?![\w])"
    )
    return sign, law, date, t.digits


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits)
    return re.compile(rf"(?<![\w.,/])[0-9{dig}]{{3,8}}(?![\w])")


@lru_cache(maxsize=1)
def _after_sign_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits if not c.isalpha() or c in "ЗзOoОоlI")
    return re.compile(rf"№\s?([0-9{dig}]{{1,6}})(?=[-–/\s.,;:)]|$)")


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits if c not in ".")
    n = f"[0-9{dig}]{{1,3}}"
    return re.compile(rf"^\s*({n}(?:\.{n}){{0,4}}[.;,:])(?=\s)")


def label_edit(text: str) -> tuple[int, int, str] | None:
    """(start, end, fixed) of a numbering label at the start of ``text`` with letters read for digits."""
    m = _label_pattern().match(text)
    if not m:
        return None
    t = m.group(1)
    if t[-1] != "." and "." not in t:
        return None  # «5, 6 и 7 классы»: a list, not a label; «1.3;» is a label read with a semicolon
    fixed = _fix_digits(t[:-1], requisites().digits) + "."
    if fixed == t or sum(not c.isdigit() and c != "." for c in t) > 2 or not fixed[0].isdigit():
        return None
    if not all(g.isdigit() for g in fixed.split(".") if g) or not any(c.isdigit() for c in t):
        return None
    return m.start(1), m.end(1), fixed


@lru_cache(maxsize=1)
def _time_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits)
    return re.compile(rf"(?<![\w.:])[0-9{dig}]{{1,2}}:[0-9{dig}]{{2}}(?![\w:])")


def _fix_digits(s: str, digits: dict[str, str]) -> str:
    return "".join(digits.get(c, c) if not c.isdigit() else c for c in s)


def requisite_edits(text: str) -> list[Edit]:
    sign, law, date, digits = _requisite_patterns()
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, new: str) -> None:
        if text[s:e] != new and not any(a < e and s < b for a, b in taken):
            edits.append((s, e, new, "requisite"))
            taken.append((s, e))

    for m in law.finditer(text):
        num, sep, _ = m.group(1), m.group(2), m.group(3)
        if sum(c.isdigit() for c in num) * 2 < len(num):
            continue  # mostly letters: a word, not a number
        fixed = _fix_digits(num, digits)
        if fixed == num and (sep.strip() == "" or m.group(3) == "ФЗ"):
            continue  # «273 ФЗ» (a space for the hyphen) is a style point for the citation checks (LR007)
        add(m.start(), m.end(), f"{fixed}-ФЗ")
    for m in date.finditer(text):
        t = m.group()
        if sum(c.isdigit() for c in t) >= max(2, len(t.replace(".", "").replace("/", "")) // 2):
            add(m.start(), m.end(), _fix_digits(t, digits))
    for m in _after_sign_pattern().finditer(text):  # «№ З», «№ 12З-од»: what follows «№» is a number
        t = m.group(1)
        if any(c.isdigit() for c in t) or len(t) == 1:
            add(m.start(1), m.end(1), _fix_digits(t, digits))
    for m in _number_pattern().finditer(text):  # «2o26», «2l5»: a letter between digits
        t = m.group()
        if all(c.isdigit() or (0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit())
               for i, c in enumerate(t)) and sum(c.isdigit() for c in t) >= 2:
            add(m.start(), m.end(), _fix_digits(t, digits))
    lab = label_edit(text)  # «1o.4.», «l.2.» at the start: a numbering label
    if lab is not None:
        add(*lab)
    for m in _time_pattern().finditer(text):  # «2l:00»
        t = m.group()
        if sum(c.isdigit() for c in t) >= 3:
            add(m.start(), m.end(), _fix_digits(t, digits))
    for m in sign.finditer(text):
        add(m.start(), m.end(), "№")
    for m in _SIGN_DOT.finditer(text):  # «№.11»: a speck read as a full stop after «№»
        add(m.start(), m.end(), "№ ")
    for m in _YEAR_R.finditer(text):  # «2017 r.»: the year's «г.» read as a Latin «r»
        add(m.start(), m.end(1), text[m.start():m.start(1)] + "г")
    return edits


_SIGN_DOT = re.compile(r"№[.,]\s?(?=\d)")
_YEAR_R = re.compile(r"(?<!\w)[12]\d{3}\s?(r)\.")
