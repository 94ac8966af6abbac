"""Cached pymorphy3 readings and inflection helpers for the detectors."""

from __future__ import annotations

from functools import lru_cache

_CASE = {"gen1": "gent", "gen2": "gent", "acc2": "accs", "loc1": "loct", "loc2": "loct"}
NOMINAL = {"NOUN", "ADJF", "PRTF", "NPRO"}


def norm_case(case: str | None) -> str | None:
    return _CASE.get(case, case) if case else None


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """All pymorphy3 readings of the folded ``word`` (dictionary words only; () if unknown)."""
    from ...nlp import morph
    from .lexicon import morph_known

    if not morph_known(word):
        return ()
    return tuple(morph().parse(word))


def pos_set(word: str) -> frozenset[str]:
    return frozenset(p.tag.POS for p in parses(word) if p.tag.POS)


def inflect(parse, grammemes: set[str]) -> str | None:
    """The form of ``parse`` with ``grammemes`` (or None when pymorphy3 has none)."""
    try:
        out = parse.inflect(grammemes)
    except (ValueError, KeyError):
        return None
    return out.word if out else None


@lru_cache(maxsize=200_000)
def pair_agrees(adj_word: str, noun_word: str) -> bool:
    """True if some reading of ``adj_word`` agrees with some reading of ``noun_word``."""
    return any(agrees(a, n) for a in parses(adj_word) for n in parses(noun_word))


def agrees(adj, noun) -> bool:
    """True if adjective reading ``adj`` agrees with noun reading ``noun`` in case, number, gender."""
    a, n = adj.tag, noun.tag
    if norm_case(a.case) != norm_case(n.case) or a.number != n.number:
        return False
    if a.number == "sing" and n.gender and "ms-f" not in n and "GNdr" not in n and a.gender != n.gender:
        return False
    return not (a.case == "accs" and a.animacy and n.animacy and a.animacy != n.animacy)
