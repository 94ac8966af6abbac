"""Generated documentation pages are up to date with the data and the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from sferum_policy.docsgen import build_all

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = build_all()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_committed_page_is_not_stale(name):
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == PAGES[name], f"docs/{name} устарел: обновите командой `sferum-policy docs` (make docs)"


def test_every_rule_is_documented_with_why_fix_and_examples():
    from sferum_policy.checks import load_checks
    from sferum_policy.rules import RULES

    load_checks()
    page = PAGES["rules.md"]
    import re

    assert len(re.findall(r"^## [A-Z]{2}\d{3}$", page, re.MULTILINE)) == len(RULES) == 75  # no stale or extra entry
    for code, rule in RULES.items():
        assert rule.title and rule.why and rule.fix, code
        assert rule.bad, f"{code}: нет примера, на котором правило срабатывает"
        assert f"\n## {code}\n" in page


def test_pages_reflect_the_data(library, registry):
    assert f"Всего положений: **{len(library)}**" in PAGES["clauses.md"]
    assert f"Всего актов: **{len(registry)}**" in PAGES["legal_refs.md"]
    for clause in library:
        assert f"`{clause.id}`" in PAGES["clauses.md"]
    for act in registry:
        assert f"`{act.id}`" in PAGES["legal_refs.md"]
