"""Dates written against GOST R 7.0.97 (ST008): «01.09.2024», «1 сентября 2024 г.»."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...dates import MONTHS_GENT, format_numeric, format_words, month_number
from ...document import Document
from ...report import Finding
from ..base import Fix, finding
from .rules import ST008

# --- examples shared by the rules -------------------------------------------------------------


_MONTHS = "(?:" + "|".join(MONTHS_GENT) + ")"
DIGIT = re.compile(r"\d")
_NUM_DATE = re.compile(r"(?<![\d./])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?:(\s*)(г\.?|года?)(?![а-яё]))?", re.IGNORECASE)
# A number of sanitary rules, a standard or another act is never a date: «СП 2.4.3648-20», «СанПиН 2.2.2/2.4.1340-03»,
# «ГОСТ Р 7.0.97-2025», «№ 1.2.3685». Such numbers have no year a local act could carry (see _YEARS), and this
# pattern refuses a number that follows an act-number code or «№»; date ranges («1.09.2025-31.05.2026») stay dates.
_YEARS = range(1900, 2200)
_CODE_BEFORE = re.compile(r"(?:\b(?:СП|СанПиН|ГОСТ(?:\s*Р)?|СНиП|МР|МУ|ГН|ОК|ОСТ|РД|ТУ)|№|\bN)\s*[\d./]*$", re.IGNORECASE)
_WORD_DATE = re.compile(r"([«\"“]\s*)?(\d{1,2})(\s*[»\"”])?\s+(" + _MONTHS + r")\s+(\d{4})(?:(\s*)(г\.|г\b|года?\b))?",
                        re.IGNORECASE)


_NEXT_SENTENCE = re.compile(r"\s+[А-ЯЁA-Z«]")


def _quoted(text: str, at: int) -> bool:
    """True inside «…» — the name of a file, a collection or another document, written as its authors wrote it."""
    return text.count("«", 0, at) > text.count("»", 0, at)


def _date_fix(text: str, m: re.Match, good: str, clause: bool) -> Fix:
    """The GOST form of a date; a «г.» whose dot also ends a sentence — the last of a numbered clause
    (``clause``), or one followed by the next — leaves the dot (a heading line «… от 23.09.2024 г.» does not
    end a sentence). Inside quotes a person decides (unsafe): the date may belong to a title."""
    ends = not text[m.end():].strip() if clause else False
    if m.group().endswith(".") and not good.endswith(".") and (ends or _NEXT_SENTENCE.match(text, m.end())):
        good += "."
    return Fix(good, "unsafe" if _quoted(text, m.start()) else "safe")


def dates(doc: Document) -> Iterator[Finding]:
    from datetime import date

    for p in doc.paragraphs:
        text = p.text
        if DIGIT.search(text) is None:
            continue  # most paragraphs: no date to look at
        for m in _NUM_DATE.finditer(text):
            if _CODE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                continue
            d_, mo, y = map(int, m.group(1, 2, 3))
            if y not in _YEARS:
                continue
            try:
                d = date(y, mo, d_)
            except ValueError:
                continue
            problems = []
            if m.group(5):
                problems.append(f"после даты в цифровой форме «{m.group(5)}» не пишется")
            if len(m.group(1)) == 1 or len(m.group(2)) == 1:
                problems.append("день и месяц пишутся двумя цифрами")
            if problems:
                yield finding(ST008, doc, f"дата «{m.group()}» оформлена не по ГОСТ Р 7.0.97: " + "; ".join(problems),
                              paragraph=p, start=m.start(), end=m.end(), suggestion=format_numeric(d),
                              act_id="gost-r-7.0.97-2016", fix=_date_fix(text, m, format_numeric(d), bool(p.label)),
                              args={"date": m.group(), "correction": format_numeric(d)})
        for m in _WORD_DATE.finditer(text):
            mo = month_number(m.group(4))
            try:
                d = date(int(m.group(5)), mo or 0, int(m.group(2)))
            except ValueError:
                continue
            problems = []
            if m.group(1) or m.group(3):
                problems.append("день не берётся в кавычки")
            if m.group(2).startswith("0"):
                problems.append("день пишется без нуля впереди")
            if m.group(7) and m.group(7).lower().startswith("г") and not m.group(7).lower().startswith("год") \
                    and not m.group(6):
                problems.append("«г.» отделяется пробелом")
            if problems:
                suffix = " года" if m.group(7) and m.group(7).lower().startswith("год") else ""
                good = format_words(d)[:-3] + suffix if suffix else format_words(d)
                yield finding(ST008, doc, f"дата «{m.group().strip()}» оформлена не по ГОСТ Р 7.0.97: " + "; ".join(problems),
                              paragraph=p, start=m.start(), end=m.end(), suggestion=good, act_id="gost-r-7.0.97-2016",
                              fix=_date_fix(text, m, good, bool(p.label)),
                              args={"date": m.group().strip(), "correction": good})
