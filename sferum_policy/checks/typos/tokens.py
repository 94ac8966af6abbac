"""Words of a paragraph with their spans, skipping URLs, e-mails and hashtags.

Tokenisation is cached per paragraph text (acts of one district share most of their paragraphs), so
the tokens are shared between callers and must not be modified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import fold

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*")
# Repeats are bounded (e-mail local part ≤ 64, DNS labels ≤ 63) so that a long run of letters with
# no spaces costs linear, not quadratic, time.
_SKIP = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
    r"|[#@]\w+\S*"
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:ru|ру|рф|su|com|org|net|online|edu|gov|info|io|me)\b(?:/\S*)?",
    re.IGNORECASE,
)
_TRANSPARENT = set(" \t\u00a0«»\"“”„'’")
_OPENERS = set(" \t\u00a0«»\"“”„'’([-–—•*")
_ENDERS = set(".!?:;")
_CYRILLIC = re.compile("[а-яё]")
_LATIN = re.compile("[a-z]")


@dataclass(slots=True)
class Token:
    """One word: its text, span in the paragraph, folded form, position and letter facts.

    Made by :func:`tokenize` (which computes the letter facts once); shared, so never modified.
    """

    text: str
    start: int
    end: int
    folded: str
    sent_start: bool
    linked: bool  # only spaces or quotes since the previous word: the pair may form a bigram
    is_cyrillic: bool = False  # has a Cyrillic letter
    has_latin: bool = False  # has a Latin letter
    has_digit: bool = False
    is_upper: bool = False  # at least two letters, all capitals
    is_title: bool = False  # capitalised, not all capitals
    quoted: bool = False  # an opening quote stands right before the word («Правда»): a name in quotes


def _word(text: str, start: int, end: int, sent_start: bool, linked: bool, quoted: bool = False) -> Token:
    """A Token for the word ``text`` with its letter facts computed once."""
    folded = fold(text)
    letters = [c for c in text if c.isalpha()]
    upper = len(letters) >= 2 and all(c.isupper() for c in letters)
    return Token(
        text, start, end, folded, sent_start, linked,
        is_cyrillic=_CYRILLIC.search(folded) is not None,
        has_latin=_LATIN.search(folded) is not None,
        has_digit=any(c.isdigit() for c in folded),
        is_upper=upper,
        is_title=text[:1].isupper() and not upper,
        quoted=quoted,
    )


def skipped_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mails, domains and hashtags (the contacts check owns them)."""
    return [m.span() for m in _SKIP.finditer(text)]


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` in order, outside URLs and e-mails."""
    return list(_tokenize(text))


@lru_cache(maxsize=8192)
def _tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of one paragraph text (cached: a district's acts repeat most paragraphs)."""
    skips = skipped_spans(text)
    out: list[Token] = []
    prev_end = 0
    k = 0
    for m in _WORD.finditer(text):
        s, e = m.span()
        while k < len(skips) and skips[k][1] <= s:
            k += 1
        if k < len(skips) and skips[k][0] < e:
            prev_end = max(e, skips[k][1])
            out.append(Token("", s, e, "", False, False))  # placeholder: breaks bigrams
            continue
        gap = text[prev_end:s]
        linked = bool(out) and out[-1].text != "" and all(c in _TRANSPARENT for c in gap)
        j = s - 1
        while j >= 0 and text[j] in _OPENERS:
            j -= 1
        sent_start = j < 0 or text[j] in _ENDERS
        out.append(_word(m.group(), s, e, sent_start, linked, quoted=any(c in "«“„\"" for c in gap)))
        prev_end = e
    return tuple(t for t in out if t.text)


def plain_words(text: str) -> list[list[str]]:
    """Runs of linked folded words (what bigram counts are made of)."""
    return runs_of(tokenize(text))


def runs_of(toks: list[Token]) -> list[list[str]]:
    """Runs of linked folded words of already tokenised text."""
    runs: list[list[str]] = []
    for t in toks:
        if not t.linked or not runs:
            runs.append([])
        runs[-1].append(t.folded)
    return runs
