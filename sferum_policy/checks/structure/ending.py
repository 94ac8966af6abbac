"""The end of the act: a text cut off, text appended after the final provisions, empty sections, a text
that is not a local act."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...analysis.sections import joined_heading, section_body
from ...analysis.text import clean, has_letters
from ...document import Document, Paragraph
from ...report import Finding
from ...vocab import DocKind, Severity
from ..base import finding
from .rules import ST010, ST011, ST012, ST013

# --- examples shared by the rules -------------------------------------------------------------


_CUT_ADDRESS = re.compile(r"(?:[\w.+-]+@[\w-]*|https?://[\w-]*|www\.[\w-]*)$")
_CUT_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]-$")
_DANGLING = re.compile(r"(?:[,;:]|\s(?:и|или|а|в|во|на|с|со|по|к|от|для|из|о|об|а\s+также|либо))$", re.IGNORECASE)
_NOT_SENTENCE = re.compile(r"_{3,}|^(?:приложение|директор|заведующ|руководител|м\.\s*п\.)", re.IGNORECASE)


def _act_end(doc: Document) -> Paragraph | None:
    last = doc.sections[-1].last if doc.sections else len(doc.paragraphs) - 1
    heads = {s.first for s in doc.sections}
    for k in range(last, -1, -1):
        p = doc.paragraphs[k]
        if has_letters(p.text):
            if (k in heads or p.kind == "heading") and not joined_heading(p):
                return None
            return p
    return None


_SHEET = re.compile(r"\W*лист\s+ознакомления\W*$", re.IGNORECASE)


def truncation(doc: Document) -> Iterator[Finding]:
    p = _act_end(doc)
    if p is None:
        return
    text = p.text.rstrip().rstrip("*").rstrip()
    if not text or _NOT_SENTENCE.search(clean(text)):
        return
    if any(_SHEET.match(q.text) for q in doc.paragraphs[max(0, p.index - 80): p.index + 1]):
        return  # the act ends with a «лист ознакомления»: a table of signatures, not a sentence
    m = _CUT_ADDRESS.search(text, max(0, len(text) - 256))  # only the tail: linear on huge lines
    if m and not re.search(r"\.[A-Za-zА-Яа-яЁё]{2,}/?$", m.group()):
        yield finding(ST010, doc, f"документ обрывается на неполном адресе «{m.group()}»: окончание текста потеряно",
                      paragraph=p, start=m.start(), end=m.end(), severity=Severity.error)
        return
    if _CUT_WORD.search(text):
        w = re.search(r"\S+$", text)
        assert w is not None
        yield finding(ST010, doc, f"документ обрывается на переносе слова «{w.group()}»: окончание текста потеряно",
                      paragraph=p, start=w.start(), end=w.end(), severity=Severity.error)
        return
    if text.endswith((".", "!", "?", "…", "»", ")")) and not _DANGLING.search(text):
        return
    w = re.search(r"\S+$", text)
    assert w is not None
    if _DANGLING.search(text):
        msg = f"последний абзац обрывается на «{w.group()}»: похоже, окончание документа потеряно"
    else:
        msg = f"последний абзац заканчивается словом «{w.group()}» без точки: похоже, окончание документа потеряно"
    yield finding(ST010, doc, msg, paragraph=p, start=w.start(), end=w.end())


def tail(doc: Document) -> Iterator[Finding]:
    if not doc.sections:
        return
    last = doc.sections[-1]
    rest = [p for p in doc.paragraphs[last.last + 1:] if has_letters(p.text)]
    if not rest:
        return
    words = sum(len(p.text.split()) for p in rest)
    place = f"раздела {last.label.rstrip('.')} «{last.title}»" if last.label else f"раздела «{last.title}»"
    first = rest[0]
    yield finding(ST011, doc, f"после заключительных положений ({place}) идёт текст, не относящийся к акту: "
                  f"{len(rest)} абз., {words} слов, начиная с «{' '.join(clean(first.text).split()[:8])}…»",
                  paragraph=first,
                  suggestion="удалите этот текст или оформите его как приложение к акту")


# A numbered line that cites an act («2. Распоряжение Правительства … от 12.07.2025 № 1880-р …») or names an
# amendment («1. О внесении изменений в Положение …») is an item of a list, not a section heading.
_CITATION_ITEM = re.compile(
    r"^(?:(?:Федеральн\w+\s+закон|Закон|Указ|Постановлени\w+|Распоряжени\w+|Приказ|Письм\w+|Конституци\w+|"
    r"Санитарн\w+|СП|СанПиН|ГОСТ)\b.*(?:\bот\s+\d|№|\bN\s*\d)|О\s+внесении\s+изменени)", re.IGNORECASE)


def empty_sections(doc: Document) -> Iterator[Finding]:
    if doc.meta.doc_kind == DocKind.not_local_act:
        return  # a web page or a letter has no sections to fill
    for s in doc.sections:
        p = doc.paragraphs[s.first]
        if _CITATION_ITEM.match(clean(s.title)) or len(s.title.split()) > 20:
            continue
        if not joined_heading(p) and not any(has_letters(b.text) for b in section_body(doc, s)):
            name = f"{s.label.rstrip('.')} «{s.title}»" if s.label else f"«{s.title}»"
            yield finding(ST012, doc, f"раздел {name} пуст: после заголовка нет ни одного пункта", paragraph=p)


def not_local_act(doc: Document) -> Iterator[Finding]:
    if doc.meta.doc_kind == DocKind.not_local_act:
        yield finding(ST013, doc, ST013.message("found"))
