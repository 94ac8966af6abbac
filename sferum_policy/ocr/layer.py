"""Is the text layer readable? A verdict per paragraph and per document.

A Russian act's words are Cyrillic. A paragraph is *damaged* when a good share of its words are Latin
look-alike runs («Ha neqarorH» for «на педагогическом»: the wrong language was recognised), mix scripts
inside one word («COBeTa»), or are symbol soup («}l|!», «)l{»). Latin words at home in an act (MAX, VK,
Telegram, addresses, e-mails; ``data/latin_words.txt``) and numbers never count against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .tables import latin_words

_TOKEN = re.compile(r"\S+")
SKIP = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
    r"|[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:ru|рф|su|com|org|net|online|edu|gov|info|io|me)\b\S*",
    re.IGNORECASE,
)
_EDGE = "«»\"“”„'’()[],.;:!?…"
_CYR = re.compile("[А-Яа-яЁё]")
_LAT = re.compile("[A-Za-z]")
_ODD = re.compile(r"[{}|~^\\<>@$%&*=\[\]°`]")
_DIGIT = re.compile(r"\d")

DAMAGED_SHARE = 0.3  # bad words ÷ words from which a paragraph is damaged
MIN_BAD = 2  # … and at least this many bad words (one odd word is a typo, not a damaged layer)
UNREADABLE_SHARE = 0.5  # damaged text ÷ all text from which the document as a whole is unreadable


# The common case, an ordinary Cyrillic word with its punctuation, is decided without the checks below.
_PLAIN = re.compile(r"[«\"“„(\[]*[А-Яа-яЁё]+(?:[-–][А-Яа-яЁё]+)*[»\"”)\],.;:!?…]*")


@lru_cache(maxsize=1 << 16)
def token_kind(tok: str) -> str:
    """good | bad | neutral for one whitespace-separated token (cached: a district's acts share most words)."""
    if _PLAIN.fullmatch(tok):
        return "good"
    if SKIP.fullmatch(tok.strip(_EDGE)):
        return "neutral"
    t = tok.strip(_EDGE)
    if not t or t.startswith("#") or set(t) <= set("_.-–—/"):  # a hashtag, a blank to fill in
        return "neutral"
    cyr = bool(_CYR.search(t))
    lat = bool(_LAT.search(t))
    letters = sum(ch.isalpha() for ch in t)
    if not letters:
        return "bad" if len(_ODD.findall(t)) >= 2 else "neutral"
    if cyr and lat:
        return "bad"
    if _ODD.search(t) and letters:
        return "bad"
    if lat:
        word = t.lower()
        if word in latin_words() or word.split("-")[0] in latin_words():
            return "neutral"
        if t.isupper() and letters <= 4:  # an abbreviation (ID, PDF, QR) — unless other words are damaged
            return "weak"
        return "bad"
    if cyr and _DIGIT.search(t) and letters >= 2 and not re.fullmatch(r"\d+[-–]?[А-Яа-яЁё]{1,4}|[А-Яа-яЁё]{1,6}[-–]?\d+", t):
        return "bad"  # «o6», «4л» inside a word (but not «15-ФЗ», «2-й», «СП3»)
    return "good"


@dataclass(slots=True)
class ParagraphVerdict:
    index: int
    words: int
    bad: int
    chars: int

    @property
    def share(self) -> float:
        return self.bad / self.words if self.words else 0.0

    @property
    def damaged(self) -> bool:
        if self.words <= 2:
            return self.bad == self.words and self.bad > 0 and self.chars >= 6
        return self.bad >= MIN_BAD and self.share >= DAMAGED_SHARE


def judge_paragraph(index: int, text: str) -> ParagraphVerdict:
    kinds = [token_kind(m.group()) for m in _TOKEN.finditer(text)]
    counted = [k for k in kinds if k != "neutral"]
    bad = sum(k == "bad" for k in counted)
    weak = sum(k == "weak" for k in counted)
    if bad >= MIN_BAD:
        bad += weak
    return ParagraphVerdict(index, len(counted), bad, len(text))


@dataclass(slots=True)
class Verdict:
    """The document's text layer: which paragraphs are damaged, what share of the text they hold."""

    paragraphs: int
    damaged: list[int] = field(default_factory=list)
    damaged_chars: int = 0
    total_chars: int = 0

    @property
    def share(self) -> float:
        return self.damaged_chars / self.total_chars if self.total_chars else 0.0

    @property
    def status(self) -> str:
        """ok | damaged (some paragraphs) | unreadable (most of the text)."""
        if not self.damaged:
            return "ok"
        return "unreadable" if self.share >= UNREADABLE_SHARE else "damaged"


def assess(paragraphs) -> Verdict:
    """Judge every paragraph (objects with ``index`` and ``full_text``)."""
    v = Verdict(paragraphs=len(paragraphs))
    for p in paragraphs:
        text = p.full_text
        pv = judge_paragraph(p.index, text)
        v.total_chars += len(text)
        if pv.damaged:
            v.damaged.append(p.index)
            v.damaged_chars += len(text)
    return v


def ranges(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of paragraph indices: [0, 1, 2, 5] → [(0, 2), (5, 5)]."""
    out: list[tuple[int, int]] = []
    for i in sorted(indices):
        if out and i == out[-1][1] + 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def describe(indices: list[int]) -> str:
    """«абзацы 1–12, 15» (1-based) for a reader."""
    parts = [f"{a + 1}–{b + 1}" if b > a else f"{a + 1}" for a, b in ranges(indices)]
    word = "абзац" if len(indices) == 1 else "абзацы"
    return f"{word} {', '.join(parts)}"
