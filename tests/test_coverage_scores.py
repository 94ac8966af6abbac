"""The vectorised scores (checks/coverage/scores.py) equal the one-pair formula (matcher.score_pair)."""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain

import numpy as np
import pytest

from sferum_policy.checks.coverage.matcher import _phrase_in, compile_library, match_document, score_pair
from sferum_policy.checks.coverage.scores import doc_weights, score_block, tables
from sferum_policy.checks.coverage.units import build_units
from sferum_policy.readers import read, read_string
from sferum_policy.vocab import OrgKind


def _pairs(doc, library, kind):
    """(vectorised score, reference score, candidate?) for every unit × clause of ``doc``."""
    comp = compile_library(library, kind, None)
    du = build_units(doc)
    df = Counter(chain.from_iterable(du.para_toks))
    n_docs = comp.n_docs + len(du.para_toks)
    lt = tables(np, comp.clauses)
    sm = score_block(np, lt, du.units, doc_weights(np, lt, df, comp.df, n_docs))
    idf = {t: math.log(1 + n_docs / (1 + comp.df.get(t, 0) + df.get(t, 0)))
           for t in set().union(*(cc.bag for cc in comp.clauses))}
    for ci, cc in enumerate(comp.clauses):
        bag_weight = sum(idf[t] for t in cc.bag)
        for ui, u in enumerate(du.units):
            phrase = any(p <= u.toks and _phrase_in(p, u) for p in cc.phrases)
            got = sm.upper[ui, ci] if phrase else sm.lower[ui, ci]
            signal = not (cc.signal or cc.bag).isdisjoint(u.toks)
            yield got, score_pair(cc, u, idf, bag_weight), bool(sm.candidate[ui, ci]), signal


@pytest.mark.parametrize("sid", ["000", "001", "002", "003", "004"])
def test_vectorised_scores_equal_the_formula_on_the_samples(samples, library, sid):
    pairs = list(_pairs(read(samples[sid]), library, OrgKind.school))
    assert len(pairs) > 10_000
    assert max(abs(got - ref) for got, ref, _, _ in pairs) < 1e-9
    assert all(cand == signal for _, _, cand, signal in pairs)
    assert sum(ref > 0.62 for _, ref, _, _ in pairs) > 20  # the comparison covers strong matches too


def test_vectorised_scores_on_a_preschool_act(library):
    text = ("ПОЛОЖЕНИЕ\nо порядке использования ИКОП «Сферум» в детском саду\n1. Общие положения\n"
            "1.1. Воспитатель создаёт чат группы и приглашает родителей (законных представителей) воспитанников.\n"
            "2. Права и обязанности\n2.1. Родители (законные представители) обязаны соблюдать правила общения:\n"
            "- не распространять персональные данные;\n- не размещать рекламу.\n")
    pairs = list(_pairs(read_string(text, "сад.txt"), library, OrgKind.preschool))
    assert max(abs(got - ref) for got, ref, _, _ in pairs) < 1e-9


def test_equal_scores_choose_the_shorter_then_the_earlier_unit(library):
    from sferum_policy.library.templating import rendered_library
    from sferum_policy.vocab import DocKind

    texts = rendered_library(library, OrgKind.school, None, DocKind.polozhenie)
    clause = next(c for c in library.select(OrgKind.school, None) if c.section.value == "prohibitions"
                  and not texts[c.id][1])
    point = texts[clause.id][0]
    text = ("ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n1. Общие положения\n1.1. Текст.\n"
            f"2. Запреты\n2.1. {point}\n2.2. {point}\n")
    for _ in range(3):  # the same answer every time (no dependence on set order)
        doc = read_string(text, "акт.txt")
        match = next(m for m in match_document(doc, library) if m.clause is clause)
        assert (match.status, doc.paragraphs[match.anchor].label) == ("present", "2.1.")


def test_blocks_of_units_give_the_same_matches(samples, library, monkeypatch):
    """A long act is scored a block of units at a time; the outcome must not depend on the blocks."""
    from sferum_policy.checks.coverage import scores

    doc = read(samples["002"])

    def summary():
        return [(m.clause.id, m.status, m.score, m.cue, m.paragraph) for m in match_document(doc, library)]

    whole = summary()
    monkeypatch.setattr(scores, "BLOCK", 7)
    assert summary() == whole
    assert sum(s == "present" for _, s, _, _, _ in whole) > 20
