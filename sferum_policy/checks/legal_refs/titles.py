"""Matching a cited title to the registry (normalised titles, rapidfuzz, the choices cached per registry)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...library.acts import LegalAct
from ...library.registry import Registry

# --- text helpers -------------------------------------------------------------------------------

_QUOTES = re.compile(r"[«»\"“”„‟'‘’]")
PAREN = re.compile(r"\s*\((?!или\))[^)]*\)")  # editorial notes in a registry title; «и (или)» is the title's own


def _norm_title(t: str) -> str:
    t = _QUOTES.sub("", t.lower().replace("ё", "е"))
    t = re.sub(r"\bрф\b", "российской федерации", t)
    t = re.sub(r"[^\w\s]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


# --- title matching (rapidfuzz, choices cached per registry) ------------------------------------

# A cited title names a registry act when rapidfuzz's ratio of the normalised titles reaches MATCH_RATIO (a
# citation with a dropped word or an OCR slip in its title still scores above it on the samples). The title alone
# cannot tell acts apart that replace each other under the same title (order № 1015 → № 115, ГОСТ Р 7.0.97-2016 →
# -2025 score 100 against each other): the number and date decide there, the title only finds candidates.
MATCH_RATIO = 88.0
# A title quoted from its start and cut (or the registry's short name inside a longer quote) counts as that match,
# when the quote has at least MIN_PREFIX characters (shorter prefixes such as «об утверждении» fit many acts) …
MIN_PREFIX = 10
# … and when the act's own name is that long (a short name like «О персональных данных» must match in full).
MIN_NAME_FOR_PREFIX = 25
# A cited title agrees with the act it cites (LR005 otherwise) at a slightly lower ratio: here the act is already
# known by its number and date, the title only confirms it.
AGREE_RATIO = 85

_TITLE_CACHE: dict[int, tuple[Registry, list[tuple[str, LegalAct]]]] = {}


def _title_choices(registry: Registry) -> list[tuple[str, LegalAct]]:
    hit = _TITLE_CACHE.get(id(registry))
    if hit is not None and hit[0] is registry:
        return hit[1]
    choices = []
    for act in registry:
        for name in (PAREN.sub("", act.title), *act.short_names):
            n = _norm_title(name)
            if n:
                choices.append((n, act))
    _TITLE_CACHE[id(registry)] = (registry, choices)
    return choices


def match_title(title: str, registry: Registry, kinds: Iterable[str] = ()) -> LegalAct | None:
    """The registry act whose title or short name matches ``title`` (preferring ``kinds`` in order)."""
    from rapidfuzz import fuzz

    q = _norm_title(title)
    if len(q) < 5:
        return None
    choices = _title_choices(registry)
    order = list(kinds) or [None]
    for kind in order:
        best, best_score = None, 0.0
        for name, act in choices:
            if kind is not None and act.kind.value != kind:
                continue
            score = fuzz.ratio(q, name)
            if score < MATCH_RATIO and len(q) >= MIN_PREFIX and (
                    name.startswith(q) or (q.startswith(name) and len(name) >= MIN_NAME_FOR_PREFIX)):
                score = MATCH_RATIO
            if score > best_score:
                best, best_score = act, score
        if best is not None and best_score >= MATCH_RATIO:
            return best
    return None


_CODE_NUMBER = re.compile(r"\d[\d.\-–/]{5,}\d")


def number_in_title(title: str, act: LegalAct) -> str | None:
    """A number in ``title`` that is ``act``'s number with its punctuation lost or changed, or None."""
    if not act.number or not re.search(r"\d\.\d", act.number):
        return None
    want = re.sub(r"\D", "", act.number)
    for m in _CODE_NUMBER.finditer(title):
        got = m.group()
        if got != act.number and re.sub(r"\D", "", got) == want:
            return got
    return None


def title_ok(cited: str, act: LegalAct) -> bool:
    from rapidfuzz import fuzz

    a = _norm_title(cited)
    for name in (PAREN.sub("", act.title), *act.short_names):
        b = _norm_title(name)
        if fuzz.ratio(a, b) >= AGREE_RATIO or (len(a) >= MIN_NAME_FOR_PREFIX and (b.startswith(a) or a.startswith(b))):
            return True
    return False
