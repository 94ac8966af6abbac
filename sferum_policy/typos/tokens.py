"""Words of a paragraph with their spans, skipping URLs, e-mails and hashtags."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(slots=True)
class Token:
    """One word: its text, span in the paragraph, folded form and position facts."""

    text: str
    start: int
    end: int
    folded: str
    sent_start: bool
    linked: bool  # only spaces or quotes since the previous word: the pair may form a bigram

    @property
    def is_cyrillic(self) -> bool:
        return any("а" <= c <= "я" or c == "ё" for c in self.folded)

    @property
    def has_latin(self) -> bool:
        return any("a" <= c <= "z" for c in self.folded)

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper() and not self.is_upper


def skipped_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mails, domains and hashtags (the contacts check owns them)."""
    return [m.span() for m in _SKIP.finditer(text)]


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` in order, outside URLs and e-mails."""
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
        out.append(Token(m.group(), s, e, fold(m.group()), sent_start, linked))
        prev_end = e
    return [t for t in out if t.text]


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
