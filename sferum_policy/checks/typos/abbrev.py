"""Misspelt abbreviations: «ИКОН» where the act defines (or the lexicon knows) «ИКОП»."""

from __future__ import annotations

import re

from .lexicon import fold, lexicon
from .ocr import edit_cost

_DEF = re.compile(r"\(\s*(?:далее\s*[-–—]?\s*)?([А-ЯЁA-Z]{2,})(?=[\s«\"),;.]|$)")
_INITIAL_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z]+")
MAX_COST = 0.5
TRANSPOSED = 0.4  # two neighbouring letters swapped («ИКПО» for «ИКОП»): a slip of the hand, not another word


def _transposed(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def initials(text: str) -> str:
    """Capital initials of the words of ``text`` (hyphenated parts each count), quotes dropped."""
    text = re.sub(r"«[^»]*»|\"[^\"]*\"", " ", text)
    return "".join(w[0].upper() for w in _INITIAL_WORD.findall(text) if len(w) > 2)


def defined(text: str) -> dict[str, bool]:
    """Abbreviations defined in ``text`` (``(далее – X …)``, ``(X …)``) → whether the expansion's initials match."""
    out: dict[str, bool] = {}
    for m in _DEF.finditer(text):
        abbr = m.group(1)
        before = text[max(0, m.start() - 200):m.start()]
        ok = initials(before).endswith(abbr.upper())
        out[abbr] = out.get(abbr, False) or ok
    return out


def known_abbreviations(text: str) -> set[str]:
    """The lexicon's abbreviations plus those ``text`` defines correctly."""
    return set(lexicon().abbreviations) | {a for a, ok in defined(text).items() if ok}


def correction(abbr: str, known: set[str], defined_ok: dict[str, bool]) -> str | None:
    """The known abbreviation ``abbr`` is a misreading of, or None."""
    if abbr in known or defined_ok.get(abbr):
        return None
    best: tuple[float, str] | None = None
    for k in known:
        if len(k) != len(abbr) or len(k) < 3:
            continue
        cost = TRANSPOSED if _transposed(abbr, k) else edit_cost(fold(abbr), fold(k))
        if cost <= MAX_COST and (best is None or cost < best[0]):
            best = (cost, k)
    return best[1] if best else None
