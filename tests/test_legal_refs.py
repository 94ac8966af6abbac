"""Legal reference resolution and findings (LR codes) on the samples and on small acts."""

from __future__ import annotations

from datetime import date

import pytest

import sferum_policy
from sferum_policy.checks.legal_refs.resolve import resolve_text
from sferum_policy.checks.legal_refs.titles import match_title
from sferum_policy.library import load_registry
from sferum_policy.report import LegalRefEntry

AS_OF = date(2026, 11, 23)
IN_FORCE = {"fz-273", "fz-149", "pp-1241", "pp-1678"}
OUTDATED_CODES = {"LR001", "LR002", "LR003", "LR004"}
STATUSES = {"in_force", "expiring", "repealed", "expired", "superseded", "unverified", "unknown", "incomplete"}
HEAD = "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n1.1. Положение определяет порядок работы.\n"


@pytest.fixture(scope="module")
def reports(samples):
    return {k: sferum_policy.check(p, as_of=AS_OF, select=["LR"]) for k, p in samples.items()}


def _lr(text: str, as_of: date = AS_OF, **kw):
    return sferum_policy.check(text, as_of=as_of, select=["LR"], **kw)


def test_sample_004_reports_pp_2040_expired_with_replacement(reports):
    r = reports["004"]
    (f,) = [f for f in r.findings if f.act_id == "pp-2040"]
    assert f.code == "LR002" and f.severity == "error"
    assert "31.12.2022" in f.message
    assert "№ 1241" in f.suggestion and "Моя школа" in f.suggestion
    entry = next(e for e in r.legal_refs if e.act_id == "pp-2040")
    assert entry.status == "expired" and entry.replaced_by == ["pp-1241"]
    assert f.text.startswith("Постановлением Правительства") and "2040" in f.text


@pytest.mark.parametrize(
    ("sample", "act_id"),
    [
        ("000", "mincifry-542-1-2022"),
        ("002", "mincifry-542-1-2022"),
        ("000", "letter-minpros-04-127-2022"),
        ("000", "letter-minpros-04-423-2023"),
        ("001", "letter-minpros-ish-206-04-2024"),
        ("003", "letter-minpros-04-423-2023"),
    ],
)
def test_unverified_acts_are_info(reports, sample, act_id):
    fs = [f for f in reports[sample].findings if f.act_id == act_id and f.code == "LR009"]
    assert len(fs) == 1
    assert fs[0].severity == "info" and fs[0].message.startswith("Не удалось проверить")
    assert not [f for f in reports[sample].findings if f.act_id == act_id and f.code in OUTDATED_CODES]


def test_no_in_force_act_is_called_outdated(reports):
    for key, r in reports.items():
        for f in r.findings:
            assert not (f.code in OUTDATED_CODES and f.act_id in IN_FORCE), (key, f)
        for e in r.legal_refs:
            if e.act_id in IN_FORCE:
                assert e.status in ("in_force", "incomplete"), (key, e)


def test_every_sample_has_resolved_entries(reports):
    for key, r in reports.items():
        assert r.legal_refs, key
        for e in r.legal_refs:
            assert isinstance(e, LegalRefEntry) and e.status in STATUSES
            assert e.location.paragraph is not None and e.location.start is not None


def test_internal_orders_are_not_legal_refs(reports):
    texts = [e.text for r in reports.values() for e in r.legal_refs]
    assert not any("55-од" in t or "342/1" in t or "129-ОД" in t for t in texts)


def test_sample_002_title_only_citations_are_incomplete(reports):
    r = reports["002"]
    incomplete = {f.act_id for f in r.findings if f.code == "LR006"}
    assert incomplete == {"fz-273", "fz-149"}
    f = next(f for f in r.findings if f.code == "LR006" and f.act_id == "fz-273")
    assert "от 29.12.2012 № 273-ФЗ" in f.suggestion


def test_sample_001_index_without_hyphen_is_malformed(reports):
    (f,) = [f for f in reports["001"].findings if f.code == "LR007"]
    assert f.severity == "warning" and "ИШ-206/04" in f.suggestion


def test_letters_in_the_basis_list(reports):
    assert {f.act_id for f in reports["000"].findings if f.code == "LR011"} == {
        "letter-minpros-04-127-2022", "letter-minpros-04-643-2022", "letter-minpros-04-423-2023",
    }


def test_missing_basis_only_for_local_acts(reports):
    assert not [f for f in reports["004"].findings if f.code == "LR010"]
    assert {f.act_id for f in reports["003"].findings if f.code == "LR010"} == {"fz-149"}
    assert "pp-1678" in {f.act_id for f in reports["000"].findings if f.code == "LR010"}


def test_status_depends_on_as_of(registry):
    text = "требования СП 2.4.3648-20"
    assert resolve_text(text, registry, date(2025, 6, 1))[0].status == "in_force"
    assert resolve_text(text, registry, AS_OF)[0].status == "expiring"
    late = resolve_text(text, registry, date(2027, 2, 1))[0]
    # the term ran out by the registry's data and no successor is known: a warning, not «expired»
    assert late.status == "lapsed" and [p.code for p in late.problems] == ["LR012"]
    early = resolve_text("постановление Правительства РФ от 11.10.2023 № 1678", registry, date(2024, 1, 10))[0]
    assert early.status == "in_force"  # not yet in force is not outdated


def test_replacement_chain_leads_to_the_current_act(registry):
    (r,) = resolve_text("приказом Минобрнауки России от 06.05.2005 № 137", registry, AS_OF)
    assert r.status == "repealed" and r.replaced_by == ["pp-1678"]
    assert "от 11.10.2023 № 1678" in r.problems[0].suggestion


def test_superseded_816_names_1678():
    r = _lr(HEAD + "1.2. Положение разработано в соответствии с приказом Минобрнауки России от 23.08.2017 № 816.\n")
    (f,) = [f for f in r.findings if f.code == "LR003"]
    assert f.severity == "warning" and f.act_id == "minobr-816-2017"
    assert "постановление Правительства РФ от 11.10.2023 № 1678" in f.suggestion


def test_sanpin_2821_replaced_by_sp():
    r = _lr(HEAD + "1.2. Соблюдаются требования СанПиН 2.4.2.2821-10.\n")
    (f,) = [f for f in r.findings if f.code == "LR001"]
    assert f.severity == "error" and "СП 2.4.3648-20" in f.suggestion


def test_known_number_with_wrong_date_is_a_mismatch(registry):
    (r,) = resolve_text("постановлением Правительства РФ от 11.10.2022 № 1678", registry, AS_OF)
    assert r.act.id == "pp-1678" and [p.code for p in r.problems] == ["LR005"]
    assert "11.10.2023" in r.problems[0].message
    (ok,) = resolve_text("приказа Министерства цифрового развития, связи и массовых коммуникаций РФ от 15 июля 2022 г. "
                         "№ 542/1", registry, AS_OF)
    assert "LR005" not in [p.code for p in ok.problems]


def test_unknown_is_info_and_never_outdated(registry):
    (r,) = resolve_text("приказ Минпросвещения России от 01.02.2023 № 999", registry, AS_OF)
    assert r.act is None and r.status == "unknown"
    assert [p.code for p in r.problems] == ["LR008"]


def test_incomplete_citation_is_not_reported_when_cited_in_full_elsewhere():
    text = (HEAD + "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
            "«Об образовании в Российской Федерации».\n1.3. Согласно Федеральному закону «Об образовании в Российской "
            "Федерации» положение размещается на сайте.\n")
    r = _lr(text)
    assert not [f for f in r.findings if f.code == "LR006"]
    assert [e.status for e in r.legal_refs if e.act_id == "fz-273"] == ["in_force", "in_force"]


def test_letter_outside_the_basis_list_is_not_flagged():
    text = (HEAD + "1.2. Положение разработано на основании:\n- Федерального закона от 29.12.2012 № 273-ФЗ.\n"
            "2. Организация работы\n2.1. Учитываются разъяснения письма Минпросвещения России от 27.12.2022 "
            "№ АЗ-1828/04.\n")
    assert not [f for f in _lr(text).findings if f.code == "LR011"]


def test_title_match_prefers_the_stated_kind(registry):
    assert match_title("Об образовании", registry, ["law_rf"]).id == "law-3266-1"
    assert match_title("Об образовании", registry, ["federal_law"]).id == "fz-273"
    assert match_title("Об образовании в РФ", registry, ["federal_law"]).id == "fz-273"
    assert match_title("О порядке проведения олимпиад", registry, ["federal_law"]) is None


def test_resolution_uses_the_given_registry(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "id: minpros-777-2026\nkind: ministry_order\nnumber: '777'\ndate: 2026-01-15\nissuer: Минпросвещения России\n"
        "title: О тестовом порядке\nstatus: repealed\neffective_until: 2026-06-01\nconfidence: high\n"
        "sources: [example.org]\nnote: тест\nreviewed_on: 2026-12-01\n",
        encoding="utf-8",
    )
    reg = load_registry(tmp_path)
    r = _lr(HEAD + "1.2. Положение разработано на основании приказа Минпросвещения России от 15.01.2026 № 777.\n",
            registry=reg)
    (f,) = [f for f in r.findings if f.code == "LR001"]
    assert f.act_id == "minpros-777-2026" and "01.06.2026" in f.message
    entries = [e for e in r.legal_refs if e.act_id == "minpros-777-2026"]
    assert entries and entries[0].status == "repealed"
