"""OCR-aware edit cost and candidate corrections.

Substitutions a scanner makes (е/с, н/п, ш/щ …, from ``data/confusions.tsv``) and keyboard neighbours
(ЙЦУКЕН) are cheap; other edits cost 1. Candidates are the known words reachable by one ordinary edit
or by up to three cheap OCR substitutions.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from ...errors import DataError
from .lexicon import DATA, _data_lines, fold, is_known, known_prefix

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


@lru_cache(maxsize=1)
def _sub_costs() -> dict[tuple[str, str], float]:
    """:func:`sub_cost` of the letter pairs that are OCR confusions or keyboard neighbours."""
    table = {(a, b): KEYBOARD_COST for a, near in _keyboard().items() for b in near}
    table.update(confusions())
    return table


@lru_cache(maxsize=100_000)
def edit_cost(wrong: str, right: str) -> float:
    """Weighted Damerau–Levenshtein cost of turning ``wrong`` into ``right`` (folded words)."""
    n, m = len(wrong), len(right)
    subs = _sub_costs()
    del_w = [_indel(wrong, k) for k in range(n)]
    del_r = [_indel(right, k) for k in range(m)]
    # multi-letter confusions whose ``wrong`` side ends at each position of ``wrong``
    ends = [
        [(len(x), y, c) for x, y, c in _multi_confusions() if i >= len(x) and wrong[i - len(x):i] == x]
        for i in range(n + 1)
    ]
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + del_w[i - 1]
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + del_r[j - 1]
    for i in range(1, n + 1):
        a, up, row = wrong[i - 1], d[i - 1], d[i]
        for j in range(1, m + 1):
            b = right[j - 1]
            best = min(
                up[j] + del_w[i - 1],
                row[j - 1] + del_r[j - 1],
                up[j - 1] + (0.0 if a == b else subs.get((a, b), 1.0)),
            )
            if i > 1 and j > 1 and a == right[j - 2] and wrong[i - 2] == b:
                best = min(best, d[i - 2][j - 2] + TRANSPOSE_COST)
            for lx, y, c in ends[i]:
                if j >= len(y) and right[j - len(y):j] == y:
                    best = min(best, d[i - lx][j - len(y)] + c)
            row[j] = best
    return d[n][m]


def _indel(word: str, k: int) -> float:
    ch = word[k]
    if ch == "-":
        return HYPHEN_COST
    if (k > 0 and word[k - 1] == ch) or (k + 1 < len(word) and word[k + 1] == ch):
        return DOUBLE_COST
    return 1.0


def _live_length(word: str, start: int = 0) -> int:
    """Length of the longest prefix of ``word`` (at least ``start``) that begins a known word."""
    n = start
    while n < len(word) and known_prefix(word[: n + 1]):
        n += 1
    return n


def _edits1(word: str) -> set[str]:
    """Strings one ordinary edit from ``word`` that may be known words.

    An edit beyond the longest prefix of ``word`` that begins a known word cannot make one, nor can a
    letter no known word continues the prefix with; those strings are never built.
    """
    live = _live_length(word)
    out: set[str] = set()
    for i in range(live + 1):
        a, b = word[:i], word[i:]
        letters = [c for c in ALPHABET if known_prefix(a + c)]
        if b:
            out.add(a + b[1:])
            out.update(a + c + b[1:] for c in letters if c != b[0])
        if len(b) > 1:
            out.add(a + b[1] + b[0] + b[2:])
        out.update(a + c + b for c in letters)
    return out


def _ocr_variants(word: str, max_changes: int = 3, limit: int = 4000) -> set[str]:
    """Strings up to ``max_changes`` cheap OCR substitutions from ``word`` (the first ``limit``), then multi-letter ones.

    Below the limit only substitutions that keep a prefix of a known word are made (as in :func:`_edits1`);
    at the limit all of them are listed in order, so that the cut falls where it always did.
    """
    table = _single_confusions()
    slots = [(i, [b for b, c in table.get(ch, []) if c <= 0.5]) for i, ch in enumerate(word)]
    slots = [(i, alts) for i, alts in slots if alts]
    out: set[str] = set()
    if _count_variants([len(alts) for _, alts in slots], max_changes) < limit:
        _substitute(list(word), slots, 0, max_changes, _live_length(word), out)
    else:
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


def _count_variants(sizes: list[int], max_changes: int) -> int:
    """How many strings 1…``max_changes`` substitutions at slots of ``sizes`` alternatives make (all distinct)."""
    e = [1] + [0] * max_changes  # e[k]: ways to change exactly k slots
    for n in sizes:
        for k in range(max_changes, 0, -1):
            e[k] += e[k - 1] * n
    return sum(e[1:])


def _substitute(chars: list[str], slots, first: int, left: int, live: int, out: set[str]) -> None:
    """Add the strings made of ``chars`` by up to ``left`` substitutions at ``slots[first:]`` that may be words.

    ``live``: length of the longest prefix of ``chars`` that begins a known word; a change beyond it is useless.
    """
    for j in range(first, len(slots)):
        i, alts = slots[j]
        if i > live:
            break
        was = chars[i]
        for ch in alts:
            chars[i] = ch
            if not known_prefix("".join(chars[: i + 1])):
                continue
            text = "".join(chars)
            out.add(text)
            if left > 1:
                _substitute(chars, slots, j + 1, left - 1, _live_length(text, i + 1), out)
        chars[i] = was


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
