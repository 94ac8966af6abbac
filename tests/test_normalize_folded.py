"""normalize.folded: the lower-cased text is a safe prefilter for case-insensitive patterns."""

from __future__ import annotations

import re
from datetime import date

from sferum_policy.checks import load_checks
from sferum_policy.checks.base import CheckContext
from sferum_policy.normalize import folded
from sferum_policy.pipeline import default_clauses, default_registry
from sferum_policy.readers import read_string
from sferum_policy.rules import RULES, select_codes

_LETTERS = "".join(
    chr(c) for c in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0x400, 0x500)] if chr(c).isalpha()
)


def test_folded_refuses_every_letter_the_regex_engine_folds_differently() -> None:
    any_letter = re.compile(f"[{_LETTERS}]", re.IGNORECASE)
    odd = [c for c in map(chr, range(0x110000)) if c not in _LETTERS and any_letter.fullmatch(c)]
    assert odd  # «ſ», «ı», the Kelvin sign… exist
    for c in odd:
        assert folded(f"Текст {c} текст") is None, hex(ord(c))


def test_folded_lowers_ordinary_text() -> None:
    assert folded("Родители ОБЯЗАНЫ «WhatsApp» ½ №1") == "родители обязаны «whatsapp» ½ №1"


def _risk_codes(text: str) -> list[str]:
    spec = next(s for s in load_checks() if s.name == "risk")
    ctx = CheckContext(as_of=date(2026, 11, 23), clauses=default_clauses(), registry=default_registry(),
                       enabled=select_codes(list(RULES), None, None), options={})
    return [f.code for f in spec.fn(read_string(text), ctx)]


def test_risk_prefilter_keeps_odd_case_matches() -> None:
    head = "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"
    # «ſ» is «s» to a case-insensitive pattern: such a paragraph must still be scanned
    assert _risk_codes(head + "1.1. Для информирования родителей допускается использование WHATSAPP.\n") == ["RK002"]
    assert _risk_codes(head + "1.1. Для информирования родителей допускается использование Skype.\n") == ["RK002"]
    assert _risk_codes(head + "1.1. Для информирования родителей допускается использование ſkype.\n") == ["RK002"]
    assert _risk_codes(head + "1.1. Для информирования родителей допускается использование почты.\n") == []
    assert _risk_codes(head + "1.1. Родители ОБЯЗАНЫ зарегистрироваться в ИКОП «Сферум».\n") == ["RK001"]
