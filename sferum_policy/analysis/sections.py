"""Headings and sections: which paragraphs head a section, its title and library keys, and where text
appended after the act's final provisions begins."""

from __future__ import annotations

import re

from ..document import Document, Paragraph, Section
from .text import LABEL_NUM, TERMINAL, WORD, body_text, clean, has_letters, label_numbers, label_span

_SECTION_KEYS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), keys)
    for pattern, keys in (
        (r"прав\w*\s+и\s+обязанност", ("rights", "obligations")),
        (r"обязанност\w*\s+и\s+прав", ("obligations", "rights")),
        (r"^права\b|^прав\b|\bправа\s+(?:участник|пользовател|обучающ|родител|педагог)", ("rights",)),
        (r"обязанност", ("obligations",)),
        (r"запрещ|запрет", ("prohibitions",)),
        (r"общ\w*\s+положени", ("general",)),
        (r"заключительн|переходн\w*\s+положени", ("final",)),
        (r"правов\w*\s+(?:основ|баз)|нормативн\w*\s+(?:основ|баз)", ("legal_basis",)),
        (r"понят|термин|определени", ("definitions",)),
        (r"организаци\w*\s+(?:работы|взаимодействия|использования|деятельности)|"
         r"порядок\s+(?:работы|использования|взаимодействия)|участник\w*\s+образовательн", ("roles",)),
        (r"администратор", ("administrator",)),
        (r"администраци|руководств|руководител\w*\s+(?:организац|учрежден)", ("management",)),
        (r"классн\w*\s+руководител|куратор", ("class_teacher",)),
        (r"педагог|учител|преподавател", ("teacher",)),
        (r"обучающ|учащ|студент|воспитанник", ("student",)),
        (r"родител|законн\w*\s+представител", ("parent",)),
    )
)


def section_keys(title: str) -> tuple[str, ...]:
    """Canonical keys a section heading names (first is the main one); empty when unknown."""
    t = title.lower().replace("ё", "е")
    for pattern, keys in _SECTION_KEYS:
        if pattern.search(t):
            return keys
    return ()


def _heading_like(text: str, p: Paragraph) -> bool:
    if not text or "http" in text or "@" in text or len(text) > 250:
        return False
    first = WORD.search(text)
    if first is None or not first.group().isupper():
        return False
    limit = 40 if p.kind == "heading" else 20
    return len(text.split()) <= limit and not text.rstrip("*").endswith((";", ",", ":"))


def _heading_end(doc: Document, i: int) -> int:
    """Index of the last paragraph of the heading at ``i`` (a title broken over lines)."""
    title = body_text(doc.paragraphs[i])
    if not _heading_like(title, doc.paragraphs[i]):
        return i
    j = i
    while j + 1 < len(doc.paragraphs) and not title.endswith((".", ":", ";")):
        nxt = doc.paragraphs[j + 1]
        t = clean(nxt.text)
        if nxt.label or label_span(nxt) or nxt.kind == "bullet" or not t or len(t.split()) > 12:
            break
        first = WORD.search(t)
        if first is None or not first.group().islower():
            break
        title = f"{title} {t}"
        j += 1
    return j


def heading_end(doc: Document, section: Section) -> int:
    """Index of the last paragraph that belongs to the section's heading."""
    return _heading_end(doc, section.first)


def section_body(doc: Document, section: Section) -> list[Paragraph]:
    """The section's paragraphs after its heading."""
    return doc.paragraphs[heading_end(doc, section) + 1: section.last + 1]


_HEAD_PREFIX = re.compile(
    r"^([А-ЯЁ][а-яё-]+(?:\s+(?:[а-яё-]+|[А-ЯЁ]{2,}[\w-]*|VK[\w-]*|MAX)){0,11}?)\.?\s+(?=[А-ЯЁ](?:[а-яё]|\s))"
)


def heading_prefix(p: Paragraph) -> str | None:
    """The heading at the start of a numbered paragraph that a reader joined with the following text."""
    if p.kind == "heading":
        return None
    m = _HEAD_PREFIX.match(body_text(p))
    return m.group(1) if m else None


def joined_heading(p: Paragraph) -> bool:
    """True if the paragraph is a numbered heading followed by body text in the same paragraph."""
    return not _heading_like(body_text(p), p) and heading_prefix(p) is not None


def numbered_headings(doc: Document) -> list[int]:
    out: list[int] = []
    last = 0
    for p in doc.paragraphs:
        nums = label_numbers(p)
        if nums is None or len(nums) != 1:
            continue
        n = nums[0]
        if not (last < n <= last + 3):
            continue
        if _heading_like(body_text(p), p) or heading_prefix(p):
            out.append(p.index)
            last = n
    return out


def _title_of(doc: Document, i: int) -> str:
    p = doc.paragraphs[i]
    if not _heading_like(body_text(p), p):
        return heading_prefix(p) or body_text(p)
    j = _heading_end(doc, i)
    parts = [body_text(doc.paragraphs[i])] + [clean(doc.paragraphs[k].text) for k in range(i + 1, j + 1)]
    return " ".join(parts).strip().rstrip(".").strip()


def make_sections(doc: Document, heads: list[int], end: int) -> list[Section]:
    sections = []
    for k, i in enumerate(heads):
        last = heads[k + 1] - 1 if k + 1 < len(heads) else end
        span = label_span(doc.paragraphs[i])
        label = span[0] if span else None
        title = _title_of(doc, i)
        keys = section_keys(title)
        sections.append(Section(index=k, title=title, label=label, first=i, last=last,
                                key=keys[0] if keys else None))
    return sections


# --- text appended after the act -----------------------------------------------------------------

_EXEMPT_TAIL = re.compile(
    r"^(?:приложение|лист\s+ознакомления|лист\s+регистрации|директор|заведующ|руководител|исполнитель|"
    r"разработ|м\.\s*п\.|подпись|с\s+положением\s+ознакомлен|ознакомлен)",
    re.IGNORECASE,
)
_ANNEX = re.compile(r"^(?:приложение|лист\s+ознакомления)", re.IGNORECASE)
_TAIL_MIN_WORDS = 30


def _is_continuation(prev: str, text: str, p: Paragraph) -> bool:
    if p.kind == "bullet" or re.match(r"^[-–—•·*]\s", text) or re.match(r"^[а-яa-z]\)", text):
        return True
    first = WORD.search(text)
    if first is not None and first.group().islower():
        return True
    return not prev.rstrip().rstrip("*").endswith(TERMINAL)


def tail_start(doc: Document, final: Section) -> int | None:
    """First paragraph of text appended after the final provisions, if there is enough of it."""
    fnum = None
    if final.label:
        m = LABEL_NUM.match(final.label.strip())
        fnum = int(m.group(1).split(".")[0]) if m else None
    start = heading_end(doc, final)
    for k in range(start + 1, len(doc.paragraphs)):
        nums = label_numbers(doc.paragraphs[k])
        if nums and len(nums) >= 2 and nums[0] == fnum:
            start = k
    prev = clean(doc.paragraphs[start].text)
    candidate = None
    for k in range(start + 1, len(doc.paragraphs)):
        p = doc.paragraphs[k]
        t = clean(p.text)
        if not has_letters(t):
            continue
        if _ANNEX.match(t):
            return None
        if _EXEMPT_TAIL.match(t) or "___" in t:
            prev = t
            continue
        if not _is_continuation(prev, t, p):
            candidate = k
            break
        prev = t
    if candidate is None:
        return None
    words = sum(len(p.text.split()) for p in doc.paragraphs[candidate:])
    return candidate if words >= _TAIL_MIN_WORDS else None
