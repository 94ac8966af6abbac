"""The cached lemmatiser the checks use agrees with spaCy's blank ``ru`` pipeline + pymorphy3.

Coverage and typos call :func:`sferum_policy.nlp.lemma` (pymorphy3's most probable normal form,
cached per word) in their hot loops instead of running the spaCy pipeline over every document.
Without a tagger, spaCy's pymorphy3 lemmatizer leaves an ambiguous word as it is («цели»,
«округа»); ``lemma()`` takes pymorphy3's best parse. This test shows that these are the only
differences — wherever both give a lemma they agree — so the checks lose nothing by skipping
spaCy's ~1 s import on every cold ``check``.
"""

from __future__ import annotations

import pytest

from sferum_policy.nlp import lemma, words


def nlp():
    """spaCy's blank ``ru`` pipeline with the pymorphy3 lemmatizer: the oracle (spaCy is a dev dependency only)."""
    import spacy

    pipeline = spacy.blank("ru")
    pipeline.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    pipeline.initialize()
    return pipeline


@pytest.mark.parametrize("sample_id", ["000", "002", "003"])
def test_cached_lemmas_match_the_spacy_pipeline(samples, sample_id):
    text = samples[sample_id].read_text(encoding="utf-8")[:6000]
    doc = nlp()(text)
    pairs = [(t.text, t.lemma_.lower().replace("ё", "е")) for t in doc if t.text.isalpha() and len(t.text) > 1]
    assert len(pairs) > 300
    differing = [(w, spacy_lemma, lemma(w)) for w, spacy_lemma in pairs if lemma(w) != spacy_lemma]
    assert len(differing) < len(pairs) * 0.15
    unresolved_by_spacy = [d for d in differing if d[1] == d[0].lower().replace("ё", "е")]
    assert unresolved_by_spacy == differing, [d for d in differing if d not in unresolved_by_spacy][:10]


def test_words_keep_hyphenated_compounds_and_numbers():
    assert words("видео-конференц-связь, 273-ФЗ и № 1678") == ["видео-конференц-связь", "273", "ФЗ", "и", "1678"]
