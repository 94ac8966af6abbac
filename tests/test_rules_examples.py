"""Every registered rule's ``bad`` example triggers its code and the ``good`` one does not (whole pipeline)."""

from __future__ import annotations

import pytest

import sferum_policy
from sferum_policy.checks import load_checks
from sferum_policy.dates import parse_date
from sferum_policy.rules import RULES

load_checks()
ALL_RULES = sorted(RULES.values(), key=lambda r: r.code)


def _run(rule, text: str) -> list[str]:
    options = dict(rule.example_options)
    as_of = options.pop("as_of", None)
    if isinstance(as_of, str):
        as_of = parse_date(as_of)
    report = sferum_policy.check(text, as_of=as_of, options=options or None)
    return [f.code for f in report.findings]


# Counted by hand from the rule(...) declarations of sferum_policy/checks/*.py (13 CL0xx section rules are
# made in a loop in checks/coverage.py). A rule added or removed changes these on purpose.
RULES_PER_CATEGORY = {"contact": 5, "legal_ref": 12, "missing_clause": 16, "risk": 10, "structure": 20,
                      "text_layer": 4, "typo": 8}
RULES_PER_PREFIX = {"CL": 16, "CT": 5, "KS": 9, "LR": 12, "OC": 4, "RK": 4, "ST": 17, "TY": 8}


def test_rules_are_registered():
    from collections import Counter

    assert len(ALL_RULES) == 75
    assert dict(Counter(r.category.value for r in ALL_RULES)) == RULES_PER_CATEGORY
    assert dict(Counter(r.code[:2] for r in ALL_RULES)) == RULES_PER_PREFIX


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_rule_is_documented(rule):
    assert rule.title and rule.why and rule.fix
    assert rule.bad and rule.good, f"{rule.code}: нужны примеры bad и good"


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.bad], ids=[r.code for r in ALL_RULES if r.bad])
def test_bad_example_fires(rule):
    assert rule.code in _run(rule, rule.bad)


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.good], ids=[r.code for r in ALL_RULES if r.good])
def test_good_example_is_quiet(rule):
    assert rule.code not in _run(rule, rule.good)
