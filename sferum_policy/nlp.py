"""Shared Russian NLP resources, loaded once and only when a check needs them.

``morph()`` is the pymorphy3 analyser; ``lemma()`` caches normal forms per word, which is what the checks
need in a hot loop. spaCy is not used: a blank ``ru`` pipeline with the pymorphy3 lemmatizer gives the same
lemmas where it gives one (tests/test_nlp.py) and costs 0.7 s of import and ~200 MB of install.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*|\d+(?:[.,/-]\d+)*")


@lru_cache(maxsize=1)
def morph():
    """The pymorphy3 analyser (about 0.1 s to load, once)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Normal form of one word (lower-cased); ``ё`` folded to ``е``."""
    w = word.lower().replace("ё", "е")
    if not w.isalpha() or len(w) < 2:
        return w
    return morph().parse(w)[0].normal_form.replace("ё", "е")


def words(text: str) -> list[str]:
    """Word tokens of ``text`` (letters, hyphenated compounds, numbers)."""
    return WORD.findall(text)


def lemmas(text: str) -> list[str]:
    """Lemmas of the words of ``text``, in order."""
    return [lemma(w) for w in words(text)]


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def phrase_case(text: str) -> str | None:
    """The grammatical case of the noun phrase ``text`` starts with («Федеральным законом …» → ``ablt``).

    The case of its first noun, when every parse of that word that is a noun agrees on it; ``None`` when the
    word is ambiguous (nominative and accusative «приказ») — a caller then keeps the form it has.
    """
    for w in WORD.findall(text)[:4]:
        parses = [p for p in morph().parse(w.lower()) if p.tag.POS == "NOUN"]
        if not parses:
            continue
        cases = {p.tag.case for p in parses if p.score >= 0.05}
        return cases.pop() if len(cases) == 1 and cases <= set(_CASES) else None
    return None


def inflect_head(phrase: str, case: str) -> str:
    """Put the head of a noun phrase into ``case``: its leading adjectives and first noun
    («федеральный закон от …» → «федеральным законом от …»; «приказ Минпросвещения …» → «приказом …»).
    The rest — dependent genitives, dates, numbers, titles in quotes — never changes."""
    out: list[str] = []
    pos = 0
    for m in WORD.finditer(phrase):
        word = m.group()
        p = next((x for x in morph().parse(word.lower()) if x.tag.POS in ("NOUN", "ADJF") and x.tag.case == "nomn"),
                 None)
        if p is None:
            break
        form = p.inflect({case})
        if form is None:
            break
        new = form.word
        if word[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(phrase[pos:m.start()] + new)
        pos = m.end()
        if p.tag.POS == "NOUN":
            break
    return "".join(out) + phrase[pos:]
