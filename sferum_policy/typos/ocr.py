"""OCR-aware edit cost and candidate corrections.

Substitutions a scanner makes (е/с, н/п, ш/щ …, from ``data/confusions.tsv``) and keyboard neighbours
(ЙЦУКЕН) are cheap; other edits cost 1. Candidates are the known words reachable by one ordinary edit
or by up to three cheap OCR substitutions.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from ..errors import DataError
from .lexicon import DATA, _data_lines, fold, is_known

ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
KEYBOARD_ROWS = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
KEYBOARD_COST = 0.6
TRANSPOSE_COST = 0.7
DOUBLE_COST = 0.6
HYPHEN_COST = 0.3

LATIN_LOOKALIKES = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м",
    "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "X": "Х", "Y": "У", "K": "К", "M": "М",
    "H": "Н", "T": "Т", "B": "В",
}
DIGIT_LOOKALIKES = {"3": "з", "0": "о", "6": "б"}


@lru_cache(maxsize=1)
def confusions() -> dict[tuple[str, str], float]:
    """Symmetric OCR confusion costs ``(a, b) → cost`` (single letters or short groups)."""
    path = DATA / "confusions.tsv"
    table: dict[tuple[str, str], float] = {}
    for line in _data_lines(path):
        parts = line.split("\t")
        try:
            a, b, cost = parts[0], parts[1], float(parts[2])
        except (IndexError, ValueError):
            raise DataError(f"{path}: строка «{line}» должна иметь вид буквы<TAB>буквы<TAB>цена") from None
        table[(a, b)] = cost
        table[(b, a)] = cost
    return table


@lru_cache(maxsize=1)
def _single_confusions() -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for (a, b), cost in confusions().items():
        if len(a) == 1 and len(b) == 1 and a in ALPHABET + "ё" and b in ALPHABET + "ё":
            out.setdefault(a, []).append((b, cost))
    for v in out.values():
        v.sort(key=lambda x: x[1])
    return out


@lru_cache(maxsize=1)
def _multi_confusions() -> list[tuple[str, str, float]]:
    return [(a, b, c) for (a, b), c in confusions().items() if len(a) > 1 or len(b) > 1]


@lru_cache(maxsize=1)
def _keyboard() -> dict[str, set[str]]:
    """Keyboard neighbours: same row next key, or a key of the next row at most one key width away."""
    pos = {ch: (r, c + 0.5 * r) for r, row in enumerate(KEYBOARD_ROWS) for c, ch in enumerate(row)}
    return {
        a: {b for b, (rb, xb) in pos.items() if b != a and abs(ra - rb) <= 1 and abs(xa - xb) <= 1}
        for a, (ra, xa) in pos.items()
    }


def sub_cost(a: str, b: str) -> float:
    """Cost of reading ``a`` where ``b`` was meant (letters)."""
    if a == b:
        return 0.0
    c = confusions().get((a, b))
    if c is not None:
        return c
    if b in _keyboard().get(a, ()):
        return KEYBOARD_COST
    return 1.0


@lru_cache(maxsize=100_000)
def edit_cost(wrong: str, right: str) -> float:
    """Weighted Damerau–Levenshtein cost of turning ``wrong`` into ``right`` (folded words)."""
    n, m = len(wrong), len(right)
    multi = _multi_confusions()
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + _indel(wrong, i - 1)
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + _indel(right, j - 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            a, b = wrong[i - 1], right[j - 1]
            best = min(
                d[i - 1][j] + _indel(wrong, i - 1),
                d[i][j - 1] + _indel(right, j - 1),
                d[i - 1][j - 1] + sub_cost(a, b),
            )
            if i > 1 and j > 1 and a == right[j - 2] and wrong[i - 2] == b:
                best = min(best, d[i - 2][j - 2] + TRANSPOSE_COST)
            for x, y, c in multi:
                if i >= len(x) and j >= len(y) and wrong[i - len(x):i] == x and right[j - len(y):j] == y:
                    best = min(best, d[i - len(x)][j - len(y)] + c)
            d[i][j] = best
    return d[n][m]


def _indel(word: str, k: int) -> float:
    ch = word[k]
    if ch == "-":
        return HYPHEN_COST
    if (k > 0 and word[k - 1] == ch) or (k + 1 < len(word) and word[k + 1] == ch):
        return DOUBLE_COST
    return 1.0


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET if c != b[0]}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    return out


def _ocr_variants(word: str, max_changes: int = 3, limit: int = 4000) -> set[str]:
    table = _single_confusions()
    slots = [(i, [b for b, c in table.get(ch, []) if c <= 0.5]) for i, ch in enumerate(word)]
    slots = [(i, alts) for i, alts in slots if alts]
    out: set[str] = set()
    for k in range(1, min(max_changes, len(slots)) + 1):
        for combo in itertools.combinations(slots, k):
            for letters in itertools.product(*(alts for _, alts in combo)):
                chars = list(word)
                for (i, _), ch in zip(combo, letters, strict=True):
                    chars[i] = ch
                out.add("".join(chars))
                if len(out) >= limit:
                    return out
    for x, y, _ in _multi_confusions():
        start = word.find(x)
        while start >= 0:
            out.add(word[:start] + y + word[start + len(x):])
            start = word.find(x, start + 1)
    return out


@lru_cache(maxsize=50_000)
def candidates(word: str) -> tuple[str, ...]:
    """Known words near ``word`` (folded): one ordinary edit or up to three OCR substitutions."""
    w = fold(word)
    if len(w) < 3:
        return ()
    pool = {c for c in _edits1(w) if len(c) > 1} | _ocr_variants(w)
    found = {c for c in pool if is_known(c)}
    found.discard(w)
    return tuple(sorted(found))


@lru_cache(maxsize=50_000)
def ocr_neighbours(word: str, max_cost: float = 0.5) -> tuple[tuple[str, float], ...]:
    """Known words one cheap OCR substitution away from ``word`` (folded), with the cost."""
    table = _single_confusions()
    out: dict[str, float] = {}
    for i, ch in enumerate(word):
        for b, cost in table.get(ch, []):
            if cost > max_cost or b == "ё":
                continue
            v = word[:i] + b + word[i + 1:]
            if v != word and is_known(v):
                out[v] = min(cost, out.get(v, 9.0))
    return tuple(sorted(out.items(), key=lambda x: x[1]))


def delatinize(word: str) -> str | None:
    """Replace Latin look-alikes and digits 3/0/6 inside a Cyrillic word; None if nothing to do."""
    if not any("а" <= c.lower() <= "я" or c in "ёЁ" for c in word):
        return None
    out = "".join(LATIN_LOOKALIKES.get(c, DIGIT_LOOKALIKES.get(c, c)) if c.isascii() and c.isalnum() else c for c in word)
    if out == word:
        return None
    if not all(not c.isascii() or not c.isalpha() for c in out):
        return None
    return out


def match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation of ``template`` (lower, Title or UPPER)."""
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
