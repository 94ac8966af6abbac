"""The organisation's name as the act writes it: a doubled legal form, a form without a name, quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import Document, Paragraph
from ...report import Finding
from ..base import finding
from .rules import ST017

# --- examples shared by the rules -------------------------------------------------------------


_FORM = r"(?:[МГ]?[БАКО]?[ДП]?ОУ(?:\s*ДО)?|[МГ][БАК]?У(?:\s*ДО)?|НЧОУ|ЧОУ|АНО(?:\s*ДО)?)"
_DOUBLE_FORM = re.compile(rf"\b({_FORM})\s*[«\"“]\s*\1\b")
_FORM_LATIN = str.maketrans("MKOYyBAHPCTEXmkoabhpctex", "МКОУуВАНРСТЕХмкоавнрстех")
_NO_NAME = re.compile(r"(?<![\w-])([MМ][A-ZА-Яa-zа-я]{1,4}[OОoо][УуYy])\s+[.,;](?!\w)")
_NAMED = re.compile(r"\bимени\s+((?:[А-ЯЁ]\.\s?){1,2})\s*([А-ЯЁ][а-яё]+)")


_FORM_QUOTE = re.compile(rf"(?:\b{_FORM}|\b[Уу]чреждени[еяюи]|\b[Оо]рганизаци[яиюей])\s*«")


def _quoted_names(text: str) -> Iterator[tuple[int, int, str]]:
    """Names in «…» after a legal form, with nested quotes kept: (start, end, name)."""
    for m in _FORM_QUOTE.finditer(text):
        depth = 0
        last = None
        for k in range(m.end() - 1, min(len(text), m.end() + 300)):
            c = text[k]
            if c == "«":
                depth += 1
            elif c == "»":
                depth -= 1
                last = k
                if depth == 0:
                    yield m.end(), k, " ".join(text[m.end():k].split())
                    break
            elif c == "\n" and last is not None and depth > 0:
                # «Лицей «Новая школа»: nested quotes closed by one «»» at the end of the line
                yield m.end(), last, " ".join(text[m.end():last].split())
                break


def organisation_name(doc: Document) -> Iterator[Finding]:
    seen_initials: dict[str, tuple[str, Paragraph, re.Match]] = {}
    reported = False
    quoted: dict[str, str] = {}
    for a, b, name in _quoted_names(doc.text):
        flat = re.sub(r"[«»\"“”\s]", "", name).lower()
        first = quoted.setdefault(flat, name)
        p = doc.paragraph_at(a)
        if first != name and first.count("«") != name.count("«") and not reported and p is not None:
            reported = True
            yield finding(ST017, doc, f"название организации записано по-разному: «{first}» и «{name}» "
                          "(кавычки внутри названия)", paragraph=p, start=a - p.start,
                          end=min(b, p.end) - p.start, suggestion=None)
    for p in doc.paragraphs:
        text = p.text
        for m in _DOUBLE_FORM.finditer(text):
            yield finding(ST017, doc, f"организационно-правовая форма в названии повторена: «{m.group()}»",
                          paragraph=p, start=m.start(), end=m.end(), suggestion=None)
        for m in _NO_NAME.finditer(text):
            form = m.group(1).translate(_FORM_LATIN).upper()
            if not re.fullmatch(_FORM, form):
                continue
            yield finding(ST017, doc, f"после «{m.group(1)}» не вписано название организации",
                          paragraph=p, start=m.start(), end=m.end(), suggestion=None)
        for m in _NAMED.finditer(text):
            initials = re.sub(r"\s", "", m.group(1))
            surname = m.group(2)
            first = seen_initials.get(surname)
            if first is None:
                seen_initials[surname] = (initials, p, m)
            elif first[0] != initials and not reported:
                reported = True
                yield finding(ST017, doc, f"в названии организации «имени {first[0]} {surname}» и «имени {initials} "
                              f"{surname}»: инициалы не совпадают", paragraph=p, start=m.start(), end=m.end(),
                              suggestion=None)
