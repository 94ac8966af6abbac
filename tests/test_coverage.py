"""Clause coverage on the samples: missing sections, merged and bulleted clauses, paraphrase, speed-free."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sferum_policy.checks.coverage import CL020, CL021, CL022, SECTION_RULES, _coverage
from sferum_policy.report import ClauseStatus
from sferum_policy.vocab import Section

AS_OF = date(2026, 11, 23)
OBLIGATIONS = SECTION_RULES[Section.obligations].code
PROHIBITIONS = SECTION_RULES[Section.prohibitions].code
CL_CODES = {r.code for r in SECTION_RULES.values()} | {"CL020", "CL021", "CL022"}


@pytest.fixture(scope="module")
def reports(samples):
    from sferum_policy import check

    return {sid: check(path, as_of=AS_OF, select=["CL"]) for sid, path in samples.items()}


@pytest.fixture(scope="module")
def docs(samples):
    """Read samples with the coverage results filled in (and the findings of the check)."""
    from sferum_policy.checks.base import CheckContext
    from sferum_policy.checks.coverage import CODES, run
    from sferum_policy.pipeline import default_clauses, default_registry
    from sferum_policy.readers import read

    ctx = CheckContext(as_of=AS_OF, clauses=default_clauses(), registry=default_registry(), enabled=set(CODES))
    out = {}
    for sid, path in samples.items():
        doc = read(path)
        findings = list(run(doc, ctx))
        out[sid] = (doc, findings)
    return out


def _statuses(doc) -> dict[str, ClauseStatus]:
    return {s.clause_id: s for s in doc.results.clauses}


def _clause_with(library, section: str, *words: str):
    """The first clause of ``section`` whose title or signals mention all ``words`` (ids may change)."""
    clauses = library.section(section)
    for c in clauses:  # a title match first
        if all(w in c.title.lower() for w in words):
            return c
    for c in clauses:
        hay = (c.title + " " + " ".join(c.signals.phrases + c.signals.keywords) + " " + c.text).lower()
        if all(w in hay for w in words):
            return c
    pytest.fail(f"no clause about {words} in section {section} of the library: the clause data lost it")


def _codes(report) -> list[str]:
    return [f.code for f in report.findings]


@pytest.mark.parametrize("sid", ["000", "003"])
def test_acts_without_obligations_and_prohibitions_get_section_findings(reports, sid):
    report = reports[sid]
    codes = _codes(report)
    assert codes.count(OBLIGATIONS) == 1
    assert codes.count(PROHIBITIONS) == 1
    # reported once as sections, not clause by clause
    per_clause = [f for f in report.findings if f.code in ("CL020", "CL021", "CL022")]
    assert not [f for f in per_clause if f.section in (Section.obligations, Section.prohibitions)]
    section_finding = next(f for f in report.findings if f.code == OBLIGATIONS)
    assert section_finding.severity.value == "error"
    assert section_finding.suggestion and "{{" not in section_finding.suggestion


def test_missing_section_mentions_look_alikes_found_elsewhere(reports, library):
    """003 keeps its credentials duty among the roles (2.2–2.5): no obligations section, but it is named."""
    assert any("тайне" in c.text for c in library.section("obligations")), "the credentials-secrecy duty is gone"
    f = next(f for f in reports["003"].findings if f.code == OBLIGATIONS)
    assert "похожие положения есть в других частях акта" in f.message
    assert "п. 2." in f.message
    g = next(f for f in reports["000"].findings if f.code == PROHIBITIONS)
    assert "похожие" not in g.message


@pytest.mark.parametrize("sid", ["001", "002"])
def test_acts_with_obligations_and_prohibitions_have_no_section_findings(reports, sid):
    codes = _codes(reports[sid])
    assert OBLIGATIONS not in codes
    assert PROHIBITIONS not in codes


def test_002_prohibitions_found_in_their_bullets(docs, library):
    doc, _ = docs["002"]
    st = _statuses(doc)
    for words, snippet in ((("персональн",), "персональных данных"), (("третьим",), "третьим лицам")):
        clause = _clause_with(library, "prohibitions", *words)
        s = st[clause.id]
        assert s.status == "present", (clause.id, s)
        assert snippet in doc.paragraphs[s.paragraph].text
        assert s.label and s.label.startswith("3.3")


def test_002_long_paragraph_2_3_carries_several_class_teacher_clauses(docs):
    doc, _ = docs["002"]
    long_para = next(p for p in doc.paragraphs if p.label and p.label.startswith("2.3"))
    assert len(long_para.text) > 1500  # the merged paragraph of the sample
    found = [
        s for s in doc.results.clauses
        if s.section == Section.class_teacher and s.status == "present" and s.paragraph == long_para.index
    ]
    assert len(found) >= 3, found


def test_000_bullet_lists_matched(docs):
    doc, _ = docs["000"]
    admin = [s for s in doc.results.clauses if s.section == Section.administrator and s.status == "present"]
    assert len(admin) >= 8
    # each points at a bullet of 2.1, and the label names the numbered point, not «-»
    assert {s.label for s in admin} == {"2.1."}
    assert len({s.paragraph for s in admin}) >= 8
    assert all(doc.paragraphs[s.paragraph].label in ("-", None) for s in admin)


def test_guidance_text_gets_coverage_but_no_findings(docs, reports):
    doc, findings = docs["004"]
    assert doc.meta.doc_kind.value == "not_local_act"
    assert findings == []
    report = reports["004"]
    assert report.coverage is not None and 0 < report.coverage.overall < 1
    assert report.clauses and not [f for f in report.findings if f.code in CL_CODES]


def test_report_carries_clause_list_and_coverage(reports, library):
    report = reports["002"]
    assert report.coverage is not None
    assert set(report.coverage.sections) <= {s.value for s in Section}
    assert report.coverage.sections["prohibitions"] > report.coverage.sections["definitions"]
    ids = [c.clause_id for c in report.clauses]
    assert len(ids) == len(set(ids)) and all(i in library for i in ids)
    assert {c.status for c in report.clauses} <= {"present", "partial", "missing"}


def test_optional_and_option_clauses_are_never_reported(reports, library):
    reported = [f.clause_id for r in reports.values() for f in r.findings if f.clause_id]
    assert reported
    for cid in reported:
        clause = library.get(cid)
        assert clause.level.value != "optional" and not clause.option


def _raw_clauses() -> list[dict]:
    """The clause files as written (YAML, no pydantic, no ``Clause.applies``): the oracle for the selection."""
    import yaml

    root = Path(__file__).resolve().parent.parent / "clauses"
    out = []
    for path in sorted(root.glob("*.yaml")):
        if not path.name.startswith("_"):
            out.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"])
    return out


def test_clause_selection_follows_kind_and_platforms(library):
    from sferum_policy.checks.coverage.matcher import match_document
    from sferum_policy.readers import read_string
    from sferum_policy.vocab import OrgKind, Platform

    raw = _raw_clauses()
    # a clause without ``org_kinds`` / ``platforms`` in its file is for every kind / platform
    for_school = {c["id"] for c in raw if "school" in c.get("org_kinds", ["school"])}
    for_preschool_vk = {c["id"] for c in raw if "preschool" in c.get("org_kinds", ["preschool"])
                        and "vk_messenger" in c.get("platforms", ["vk_messenger"])}
    assert for_school - for_preschool_vk, "the data no longer tells a school's clauses from a kindergarten's"

    doc = read_string(_ACT.format(body="Участникам запрещается передавать третьим лицам доступ к аккаунту."))
    doc.meta.org_kind = None  # unknown kind → a school's clauses
    doc.meta.platforms = []
    assert {m.clause.id for m in match_document(doc, library)} == for_school
    doc.meta.org_kind = OrgKind.preschool
    doc.meta.platforms = [Platform.vk_messenger]
    assert {m.clause.id for m in match_document(doc, library)} == for_preschool_vk


def test_missing_clause_findings_have_rendered_suggestion(reports):
    f = next(f for f in reports["001"].findings if f.code in ("CL020", "CL021"))
    assert f.suggestion and "{{" not in f.suggestion and "{%" not in f.suggestion
    assert f.message.startswith("Нет положения «")
    # a college act: the suggestion speaks of students / curators, not pupils
    texts = " ".join(x.suggestion or "" for x in reports["001"].findings)
    assert "обучающихся" not in texts or "студент" in texts


_ACT = "ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n\n1. Запреты\n1.1. {body}\n"


def _status_in(text: str, clause_id: str):
    from sferum_policy.checks.coverage.matcher import match_document
    from sferum_policy.pipeline import default_clauses
    from sferum_policy.readers import read_string

    doc = read_string(text)
    return {m.clause.id: m for m in match_document(doc, default_clauses())}[clause_id]


def test_paraphrase_with_synonyms_and_word_order_is_present(library):
    """«Участникам запрещается предоставлять третьим лицам доступ к аккаунту», said otherwise."""
    clause = _clause_with(library, "prohibitions", "третьим")
    body = (
        "Передавать доступ к собственной учетной записи на платформе посторонним лицам ученикам и "
        "родителям не разрешается."
    )
    m = _status_in(_ACT.format(body=body), clause.id)
    assert m.status == "present", (m.status, m.score)
    assert m.cue  # the heading «Запреты» makes it read as a prohibition


def test_college_synonyms_curator_for_class_teacher(library):
    clause = _clause_with(library, "class_teacher", "чаты")
    text = (
        "ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум» в колледже\n\n1. Куратор учебной группы\n"
        "1.1. Куратор учебной группы создает в ИКОП «Сферум» беседы со студентами своей учебной группы, "
        "а также беседу с их родителями (законными представителями).\n"
    )
    m = _status_in(text, clause.id)
    assert m.status == "present", (clause.id, m.status, m.score)


def test_unrelated_paragraph_does_not_make_a_clause_present(library):
    clause = _clause_with(library, "prohibitions", "персональн")
    body = "Столовая образовательной организации работает с 8:00 до 16:00, меню размещается на стенде у входа."
    assert _status_in(_ACT.format(body=body), clause.id).status == "missing"


def test_same_duty_for_another_actor_is_not_the_clause(library):
    """A class teacher's duty written for the administrator does not make the class-teacher clause present."""
    clause = _clause_with(library, "class_teacher", "чаты")
    text = (
        "ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n\n1. Администратор\n1.1. Администратор платформы "
        "создает чаты с обучающимися класса и с их родителями (законными представителями).\n"
    )
    assert _status_in(text, clause.id).status != "present"


def test_coverage_weights_levels_and_credits_partial():
    statuses = [
        ClauseStatus(clause_id="a.x", section=Section.rights, level="required", status="present", score=1.0),
        ClauseStatus(clause_id="a.y", section=Section.rights, level="recommended", status="partial", score=0.5),
        ClauseStatus(clause_id="a.z", section=Section.final, level="optional", status="missing", score=0.0),
        ClauseStatus(clause_id="a.o", section=Section.final, level="required", status="missing", score=0.0),
    ]
    cov = _coverage(statuses, option_ids={"a.o"})
    assert cov.sections["rights"] == pytest.approx((3 * 1 + 2 * 0.5) / 5, abs=1e-3)
    assert cov.sections["final"] == 0.0
    assert cov.overall == pytest.approx((3 + 1) / 6, abs=1e-3)


@pytest.mark.parametrize("rule", [*SECTION_RULES.values(), CL020, CL021, CL022], ids=lambda r: r.code)
def test_rule_examples(rule):
    from sferum_policy import check

    assert rule.code in _codes(check(rule.bad, as_of=AS_OF))
    assert rule.code not in _codes(check(rule.good, as_of=AS_OF))


def test_mutation_helpers_delete_points_and_fragments(samples):
    from benchmarks.mutate import delete_points, document_text, points
    from sferum_policy.readers import read_string

    text = samples["002"].read_text(encoding="utf-8")
    labels = [p.label for p in points(text)]
    assert {"3.1", "3.2", "3.3", "4"} <= set(labels)
    cut = delete_points(text, ["3.3"])
    assert "персональных данных других лиц" not in cut and "3.2. Участники" in cut and "4.1." in cut
    doc = read_string(text)
    para = next(p for p in doc.paragraphs if "третьим лицам" in p.text)
    rebuilt = document_text(doc, drop={para.index})
    assert "третьим лицам доступ" not in rebuilt and "персональных данных других лиц" in rebuilt
