"""Coverage finds the library's own wording: optional clauses in generated acts and the fixed root causes.

The round trip of the sample profiles is in ``test_generator_roundtrip.py``; here every kind also gets
an act with all its optional clauses switched on, and the causes of earlier misses are pinned down:
a participle read as a prohibition, an ambiguous keyword, the district's head, a charter mentioned in
the final provisions, a phrase made of one generic word.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from sferum_policy.vocab import Category

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "samples" / "profiles"
AS_OF = date(2026, 9, 1)
KINDS = ("preschool", "school", "boarding_school", "college", "additional", "district")


def _profile_with_all_optional(kind: str, library):
    from sferum_policy.generator.profile import parse_profile
    from sferum_policy.vocab import OrgKind

    data = yaml.safe_load((PROFILES / f"{kind}.yaml").read_text(encoding="utf-8"))
    data.setdefault("document", {}).update(platforms="both", as_of=AS_OF.strftime("%d.%m.%Y"))
    data["include"] = [c.id for c in library.select(OrgKind(kind)) if c.level.value == "optional"]
    return parse_profile(yaml.safe_dump(data, allow_unicode=True), f"{kind}.yaml")


@pytest.mark.parametrize("kind", KINDS)
def test_every_optional_clause_of_a_generated_act_is_found(tmp_path, library, registry, kind):
    from sferum_policy.generator.assemble import assemble
    from sferum_policy.generator.render import render
    from sferum_policy.pipeline import check

    act = assemble(_profile_with_all_optional(kind, library), library, registry)
    generated = set(act.clause_ids())
    assert any(library.get(cid).level.value == "optional" for cid in generated)
    path = tmp_path / "act.md"
    path.write_text(render(act, "md"), encoding="utf-8")
    report = check(path, as_of=AS_OF, select=["CL"])
    status = {c.clause_id: (c.status, c.score) for c in report.clauses}
    absent = {cid: status.get(cid) for cid in sorted(generated) if status.get(cid, ("—",))[0] != "present"}
    assert not absent, absent
    owed = [f"{f.code} {f.clause_id}: {f.message}" for f in report.findings if f.category == Category.missing_clause]
    assert not owed, "\n".join(owed)


def test_participle_of_prohibit_is_not_a_prohibition():
    from sferum_policy.checks.coverage.tokens import tokens

    assert "@prohibit" not in tokens("информацию, запрещенную законодательством Российской Федерации")
    assert "@prohibit" not in tokens("запрещённые материалы")
    assert "@prohibit" in tokens("Участникам запрещается размещать")
    assert "@prohibit" in tokens("размещать рекламу запрещено")


def test_ambiguous_dictionary_form_keyword_matches_inflected_word():
    """«устав» is first read as a form of «устать»; the keyword must still match «уставом»."""
    from sferum_policy.checks.coverage.tokens import keyword_alternatives, tokens

    alternatives = keyword_alternatives("устав")
    assert tuple(tokens("уставом")) in alternatives
    assert keyword_alternatives("все") == []  # a function word stays empty


def test_district_head_is_the_head():
    from sferum_policy.checks.coverage.tokens import tokens

    assert tokens("Руководитель образовательной организации назначает") == ["@head", "назначать"]
    assert "@head" in tokens("Руководство образовательной организации: руководитель учреждения")


def _match(text: str, clause_id: str):
    from sferum_policy.checks.coverage.matcher import match_document
    from sferum_policy.pipeline import default_clauses
    from sferum_policy.readers import read_string

    doc = read_string(text)
    return {m.clause.id: m for m in match_document(doc, default_clauses())}[clause_id]


_HEAD = "ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум» в школе\n\n1. Общие положения\n1.1. Положение определяет порядок использования ИКОП «Сферум».\n"


def test_duty_about_prohibited_content_reads_as_an_obligation():
    text = _HEAD + (
        "2. Обязанности участников образовательных отношений\n"
        "2.1. Участник образовательных отношений, обнаруживший в чатах информацию, запрещенную "
        "законодательством Российской Федерации или причиняющую вред здоровью и развитию детей, сообщает "
        "об этом классному руководителю или администратору.\n"
    )
    m = _match(text, "obligations.report_content")
    assert (m.status, m.cue) == ("present", True), (m.status, m.score, m.cue)


def test_charter_in_final_provisions_is_not_the_legal_basis():
    final = (
        "3. Заключительные положения\n3.1. Вопросы, не урегулированные настоящим Положением, решаются в "
        "соответствии с законодательством Российской Федерации и Уставом школы.\n"
    )
    m = _match(_HEAD + final, "legal_basis.charter")
    assert not m.cue, (m.status, m.score)
    basis = "2. Правовые основания\n2.1. Положение разработано в соответствии с уставом школы.\n"
    m = _match(_HEAD + basis + final, "legal_basis.charter")
    assert (m.status, m.cue) == ("present", True), (m.status, m.score, m.cue)


def test_amendments_are_not_found_in_any_mention_of_the_act():
    """«в том же порядке» alone folded to «Положение/Порядок» and matched every mention of the act."""
    final = "2. Заключительные положения\n2.1. Настоящее Положение действует до принятия нового Положения.\n"
    assert _match(_HEAD + final, "final.amendments").status == "missing"
    final += "2.2. Изменения и дополнения в Положение вносятся в том же порядке, в каком оно принято.\n"
    assert _match(_HEAD + final, "final.amendments").status == "present"


def test_signal_phrases_are_not_one_generic_word(library):
    """A phrase reduced to one concept or frequent word would match nearly any paragraph."""
    from sferum_policy.checks.coverage.tokens import phrase_tokens

    generic = {"@regulation", "@platform", "@student", "@parent", "@teacher", "@chat", "@messenger",
               "работник", "участник", "организация", "образовательный"}
    bad = [(c.id, p) for c in library for p in c.signals.phrases
           if len(set(phrase_tokens(p))) <= 1 and set(phrase_tokens(p)) <= generic]
    assert not bad, bad
