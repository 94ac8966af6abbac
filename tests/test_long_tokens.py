"""Garbage with no spaces (a 20,000-letter «word», a huge e-mail-like run) is checked, not choked on.

Before the bounds in typos/tokens.py, typos/nonword.py and checks/structure.py such input made
``check`` quadratic in time and exhausted memory; these cases must simply produce a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from sferum_policy import check


@pytest.mark.parametrize(
    "junk",
    ["х" * 20_000, "a" * 20_000, "х" * 5_000 + "@" + "у" * 5_000, "abc.def" * 3_000 + "@sf"],
    ids=["cyrillic", "latin", "at-sign", "cut-address"],
)
def test_long_run_without_spaces_gives_a_report(junk):
    report = check(f"1. Общие положения\n1.1. Текст {junk}\n", as_of=date(2026, 11, 23))
    assert report.document.paragraphs >= 2
    assert not any(f.category == "typo" and len(f.text or "") > 100 for f in report.findings)
