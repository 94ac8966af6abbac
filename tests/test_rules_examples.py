"""Every example of every rule file runs through the whole pipeline: each ``bad`` one triggers its code,
each ``good`` one does not (the examples are read from sferum_policy/rules/<family>/<CODE>.yaml)."""

from __future__ import annotations

from collections import Counter

import pytest

import sferum_policy
from sferum_policy.dates import parse_date
from sferum_policy.rules import RULES

ALL_RULES = sorted(RULES.values(), key=lambda r: r.code)
BAD = [(r, i, t) for r in ALL_RULES for i, t in enumerate(r.examples.bad)]
GOOD = [(r, i, t) for r in ALL_RULES for i, t in enumerate(r.examples.good)]


def _run(rule, text: str) -> list[str]:
    options = dict(rule.example_options)
    as_of = options.pop("as_of", None)
    if isinstance(as_of, str):
        as_of = parse_date(as_of)
    select = [rule.code] if rule.status == "preview" else None  # a preview rule runs only when named
    report = sferum_policy.check(text, as_of=as_of, options=options or None, select=select)
    return [f.code for f in report.findings]


# Counted by hand from the rule files (ls sferum_policy/rules/*/): a rule added or removed changes these on purpose.
RULES_PER_CATEGORY = {"contact": 5, "legal_ref": 12, "missing_clause": 16, "risk": 10, "structure": 20,
                      "text_layer": 4, "typo": 8}
RULES_PER_PREFIX = {"CL": 16, "CT": 5, "KS": 9, "LR": 12, "OC": 4, "RK": 4, "ST": 17, "TY": 8}


def test_rules_are_registered():
    assert len(ALL_RULES) == 75
    assert dict(Counter(r.category.value for r in ALL_RULES)) == RULES_PER_CATEGORY
    assert dict(Counter(r.code[:2] for r in ALL_RULES)) == RULES_PER_PREFIX


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_rule_is_documented(rule):
    assert rule.title and rule.why and rule.fix
    assert len(rule.examples.bad) >= 2 and len(rule.examples.good) >= 2, f"{rule.code}: нужно по нескольку примеров"
    assert len(set(rule.examples.bad)) == len(rule.examples.bad) and len(set(rule.examples.good)) == len(rule.examples.good)


@pytest.mark.parametrize(("rule", "n", "text"), BAD, ids=[f"{r.code}-bad{i}" for r, i, _ in BAD])
def test_bad_example_fires(rule, n, text):
    assert rule.code in _run(rule, text)


@pytest.mark.parametrize(("rule", "n", "text"), GOOD, ids=[f"{r.code}-good{i}" for r, i, _ in GOOD])
def test_good_example_is_quiet(rule, n, text):
    assert rule.code not in _run(rule, text)
