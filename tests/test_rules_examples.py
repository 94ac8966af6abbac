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


def test_rules_are_registered():
    prefixes = {r.code[:2] for r in ALL_RULES}
    assert {"ST", "CT"} <= prefixes
    assert len(ALL_RULES) >= 18


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
