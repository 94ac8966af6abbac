"""Text → canonical tokens: lemmas without function words, synonyms folded into concept tokens."""

from __future__ import annotations

import re
from functools import lru_cache

from ...nlp import WORD, lemma
from .synonyms import CONCEPTS, FORM_LEMMAS, STOPWORDS

_MAX_SPAN = 4
_NUM_SPLIT = re.compile(r"[.,/-]")


@lru_cache(maxsize=1)
def _concept_table() -> tuple[dict[tuple[str, ...], str], frozenset[str]]:
    """Lemma sequence → concept token, and the set of single hyphenated words known as a whole."""
    table: dict[tuple[str, ...], str] = {}
    whole: set[str] = set()
    for concept, variants in CONCEPTS.items():
        for v in variants:
            parts = tuple(p for p in v.lower().replace("ё", "е").split() if p not in STOPWORDS)
            if parts:
                table[parts] = concept
                if len(parts) == 1 and "-" in parts[0]:
                    whole.add(parts[0])
    return table, frozenset(whole)


@lru_cache(maxsize=1)
def _concept_heads() -> frozenset[str]:
    """First lemmas of the concept sequences (only there can a concept start)."""
    return frozenset(k[0] for k in _concept_table()[0])


@lru_cache(maxsize=100_000)
def _word_lemmas(word: str) -> tuple[str, ...]:
    """Lemmas of one word token; a hyphenated compound is kept whole when known, else split."""
    w = word.lower().replace("ё", "е")
    if w[:1].isdigit():
        return tuple(str(int(part)) for part in _NUM_SPLIT.split(w) if part.isdigit())
    if "-" not in w:
        return (_form_lemma(w) or lemma(w),)
    table, whole = _concept_table()
    if w in whole:
        return (w,)
    joined = lemma(w.replace("-", ""))
    if (joined,) in table:
        return (joined,)
    return tuple(lemma(p) for p in w.split("-") if p)


def _form_lemma(word: str) -> str | None:
    """The lemma :data:`.synonyms.FORM_LEMMAS` fixes for this word form, if any."""
    for prefix, lem in FORM_LEMMAS.items():
        if word.startswith(prefix):
            return lem
    return None


def raw_lemmas(text: str) -> list[str]:
    """Content lemmas of ``text`` in order (function words dropped, synonyms not yet folded)."""
    out: list[str] = []
    for w in WORD.findall(text):
        for lem in _word_lemmas(w):
            if lem not in STOPWORDS:
                out.append(lem)
    return out


def fold(lemmas: list[str]) -> list[str]:
    """Replace known lemma sequences (longest first) by their concept tokens."""
    table, _ = _concept_table()
    heads = _concept_heads()
    out: list[str] = []
    i, n = 0, len(lemmas)
    while i < n:
        if lemmas[i] not in heads:
            out.append(lemmas[i])
            i += 1
            continue
        for span in range(min(_MAX_SPAN, n - i), 0, -1):
            concept = table.get(tuple(lemmas[i : i + span]))
            if concept is not None:
                out.append(concept)
                i += span
                break
        else:
            out.append(lemmas[i])
            i += 1
    return out


def tokens(text: str) -> list[str]:
    """Canonical tokens of ``text``: content lemmas with synonyms folded to concepts."""
    return list(_tokens(text))


@lru_cache(maxsize=20_000)
def _tokens(text: str) -> tuple[str, ...]:
    """:func:`tokens`, cached per text (a district's acts and the rendered clauses repeat their texts)."""
    return tuple(fold(raw_lemmas(text)))


@lru_cache(maxsize=20_000)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Canonical tokens of a signal phrase or keyword alternative (duplicates removed, order kept)."""
    return tuple(dict.fromkeys(_tokens(phrase)))


def keyword_alternatives(alt: str) -> list[tuple[str, ...]]:
    """Token tuples a keyword alternative stands for (see :func:`_keyword_alternatives`)."""
    return list(_keyword_alternatives(alt))


@lru_cache(maxsize=20_000)
def _keyword_alternatives(alt: str) -> tuple[tuple[str, ...], ...]:
    """Token tuples a keyword alternative stands for.

    A one-word keyword is written in its dictionary form, which may be ambiguous: «устав» is first
    read as a form of «устать», while «уставом» in an act is «устав». Every reading in which the
    word is itself a dictionary form is kept as an alternative.
    """
    main = phrase_tokens(alt)
    out = [main] if main else []
    w = alt.strip().lower().replace("ё", "е")
    if " " in w or "-" in w or not w.isalpha() or len(w) < 2:
        return tuple(out)
    from ...nlp import morph

    if any(p.normal_form.replace("ё", "е") == w for p in morph().parse(w)):
        other = tuple(fold([w]))
        if other and other not in out and other[0] not in STOPWORDS:
            out.append(other)
    return tuple(out)
