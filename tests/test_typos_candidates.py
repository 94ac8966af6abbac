"""Pruned candidate generation finds exactly the known words a full enumeration finds."""

from __future__ import annotations

import itertools

import pytest

from sferum_policy.checks.typos.lexicon import fold, is_known, known_prefix
from sferum_policy.checks.typos.ocr import ALPHABET, _multi_confusions, _single_confusions, candidates


def _all_edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET if c != b[0]}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    return out


def _all_ocr_variants(word: str, max_changes: int = 3, limit: int = 4000) -> set[str]:
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


def _reference(word: str) -> tuple[str, ...]:
    w = fold(word)
    pool = {c for c in _all_edits1(w) if len(c) > 1} | _all_ocr_variants(w)
    return tuple(sorted(c for c in pool if c != w and is_known(c)))


@pytest.mark.parametrize(
    "word",
    ["сфсрум", "видсо", "еще", "ёлкн", "обарзовательной", "дотсуп", "ай-смрат", "конфсрснц",
     "подьезд", "иинииниинииниинии", "шшшшшшшшшшшшшш"],
)
def test_candidates_match_full_enumeration(word):
    assert candidates.__wrapped__(word) == _reference(word)


def test_known_prefix_handles_yo_and_hyphens():
    assert known_prefix("еще") and known_prefix("ещё")  # the dictionary spells «ещё»
    assert not known_prefix("ещщщ")
    assert known_prefix("ай-")  # a hyphenated word is known by its parts
    assert all(known_prefix("образование"[:k]) for k in range(12))
