"""Shared Russian NLP resources, loaded once and only when a check needs them.

``nlp()`` is a blank spaCy ``ru`` pipeline with the pymorphy3 lemmatizer (no trained model exists
here, and nothing is downloaded). ``morph()`` is the pymorphy3 analyser; ``lemma()`` caches normal
forms per word, which is what most checks need in a hot loop.
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


@lru_cache(maxsize=1)
def nlp():
    """A blank spaCy ``ru`` pipeline with the pymorphy3 lemmatizer (about 1 s to import, once)."""
    import spacy

    pipeline = spacy.blank("ru")
    pipeline.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    pipeline.initialize()
    return pipeline


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
