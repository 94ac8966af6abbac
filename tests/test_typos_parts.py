"""Parts of the typo check: edit cost, candidates, lexicon, tokens, mutations."""

from __future__ import annotations

import random

from sferum_policy.checks.typos import abbrev
from sferum_policy.checks.typos.lexicon import is_known, lexicon
from sferum_policy.checks.typos.ocr import candidates, delatinize, edit_cost, match_case, ocr_neighbours
from sferum_policy.checks.typos.tokens import tokenize


def test_ocr_confusions_are_cheaper_than_other_edits():
    assert edit_cost("сфсрум", "сферум") < edit_cost("сфкрум", "сферум")
    assert edit_cost("капал", "канал") < 0.5
    assert edit_cost("конфсрснц", "конференц") < 1.0
    assert edit_cost("pабота", "работа") > 0  # Latin p is not folded away here


def test_candidates_and_neighbours():
    assert "сферум" in candidates("сфсрум")
    assert "видео" in candidates("видсо")
    assert dict(ocr_neighbours("па")).get("на") is not None
    assert "канал" in dict(ocr_neighbours("капал"))


def test_lexicon_and_known_words():
    lex = lexicon()
    assert "ИКОП" in lex.abbreviations
    for w in ("сферум", "вебинары", "мессенджере", "видео-конференц-связи", "деанонимизируется", "vk-мессенджер"):
        assert is_known(w), w
    assert not is_known("поддержкипо")


def test_delatinize_and_case():
    assert delatinize("чатe") == "чате"
    assert delatinize("Cфepум") == "Сферум"
    assert delatinize("VK") is None
    assert match_case("ИКОН", "икоп") == "ИКОП" and match_case("Сфсрум", "сферум") == "Сферум"


def test_tokens_skip_urls_and_emails():
    toks = [t.text for t in tokenize("Пишите на info@sfcrum.ru или на https://prof-sferum.ru/help, Учи.ру.")]
    assert "sfcrum" not in toks and "prof-sferum" not in toks and "ру" not in toks
    assert toks[:2] == ["Пишите", "на"]


def test_abbreviation_definition_initials():
    text = "Информационно-коммуникационная образовательная платформа «Сферум» (ИКОН «Сферум»)"
    assert abbrev.defined(text) == {"ИКОН": False}
    ok = "Информационно-коммуникационная образовательная платформа «Сферум» (далее – ИКОП «Сферум»)"
    assert abbrev.defined(ok) == {"ИКОП": True}


def test_mutations_are_seeded_and_located(samples):
    from benchmarks.typo_mutate import mutate
    from sferum_policy import read

    doc = read(samples["002"])
    a_doc, a = mutate(doc, "ocr", random.Random(1))
    _, b = mutate(doc, "ocr", random.Random(1))
    assert a and [(m.paragraph, m.start, m.wrong) for m in a] == [(m.paragraph, m.start, m.wrong) for m in b]
    for m in a:
        assert a_doc.paragraphs[m.paragraph].text[m.start:m.end] == m.wrong
        assert m.wrong != m.right
