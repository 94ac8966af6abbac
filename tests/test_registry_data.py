"""The bundled legal-reference registry: completeness, coherence, statuses and lookups."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from sferum_policy.errors import DataError
from sferum_policy.library.acts import ActKind, ActStatus, Confidence, normalize_number
from sferum_policy.library.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
REFS = ROOT / "legal_refs"
AS_OF = dt.date(2026, 11, 23)

# The ids agreed with the other engineers (notes/act_ids.md): others rely on them.
AGREED_IDS = {
    "fz-149", "fz-273", "fz-152", "fz-436", "fz-41-2025", "fz-156-2025", "fz-584-2022", "fz-472-2021",
    "fz-266-2022", "law-3266-1", "pp-1241", "pp-1678", "pp-2040", "pp-1802", "pp-1631", "rp-1880-r",
    "rp-2240-r", "minobr-137-2005", "minobr-2-2014", "minobr-816-2017", "minobr-1015-2013",
    "minpros-442-2020", "minpros-115-2021", "minpros-396-2021", "minpros-499-2024", "mincifry-542-1-2022",
    "rosobr-1493-2023", "rosobr-1353-2025", "letter-minpros-04-127-2022", "letter-minpros-04-643-2022",
    "letter-minpros-04-423-2023", "letter-minpros-ish-206-04-2024", "letter-minpros-az-1828-04-2022",
    "letter-mincifry-lb-s-074-24059-2020", "sanpin-2.4.2.2821-10", "sp-2.4.3648-20", "sanpin-1.2.3685-21",
    "sanpin-2.2.2-2.4.1340-03", "gost-r-7.0.97-2016", "gost-r-7.0.97-2025", "poruch-16029p-p8-2022",
}

# Words a note must contain when the act could not be verified.
_UNVERIFIED_WORDS = re.compile(r"не удалось проверить|не подтвержден|не найден|не проверено|не сверен", re.IGNORECASE)


@pytest.fixture(scope="module")
def reg():
    return load_registry(REFS)


def _copy_refs(tmp_path: Path) -> Path:
    target = tmp_path / "refs"
    shutil.copytree(REFS, target)
    return target


# --- completeness and uniqueness -------------------------------------------------------------


def test_registry_has_every_agreed_act(reg):
    assert len(reg) >= 25
    missing = AGREED_IDS - {a.id for a in reg}
    assert not missing, f"нет актов: {sorted(missing)}"


def test_one_act_per_file_named_by_id():
    files = sorted(p for p in REFS.glob("*.yaml") if not p.name.startswith("_"))
    reg = load_registry(REFS)
    assert len(files) == len(reg)
    for path in files:
        assert reg.get(path.stem) is not None, f"{path.name}: идентификатор внутри не совпадает с именем файла"


def test_number_date_issuer_unique(reg):
    seen: dict[tuple, str] = {}
    for act in reg:
        key = (normalize_number(act.number or ""), act.date, act.issuer)
        assert key not in seen, f"{act.id} и {seen[key]} имеют одинаковые номер, дату и орган"
        seen[key] = act.id


def test_short_names_do_not_collide(reg):
    owner: dict[str, str] = {}
    for act in reg:
        for name in act.short_names:
            key = name.casefold()
            assert key not in owner or owner[key] == act.id, f"«{name}» есть у {owner.get(key)} и {act.id}"
            owner[key] = act.id


def test_every_act_has_sources_note_and_topics(reg):
    for act in reg:
        assert act.sources and all(s.strip() for s in act.sources), act.id
        assert len(act.note) > 40, f"{act.id}: примечание слишком короткое"
        assert act.topics, act.id
        assert act.issuer and act.title, act.id


# --- honesty ---------------------------------------------------------------------------------


def test_low_confidence_acts_are_unverified_and_say_so(reg):
    low = [a for a in reg if a.confidence == Confidence.low]
    assert len(low) >= 7
    for act in low:
        assert act.status == ActStatus.unverified, act.id
        assert _UNVERIFIED_WORDS.search(act.note), f"{act.id}: примечание не говорит, что проверить не удалось"


def test_unverified_acts_explain_what_is_unverified(reg):
    for act in reg:
        if act.status == ActStatus.unverified:
            assert _UNVERIFIED_WORDS.search(act.note), act.id


def test_letters_and_instructions_are_not_normative(reg):
    non_normative_kinds = {ActKind.ministry_letter, ActKind.government_instruction}
    letters = [a for a in reg if a.kind in non_normative_kinds]
    assert len(letters) >= 7
    for act in letters:
        assert act.normative is False, act.id
        assert "не может быть правовым основанием" in act.note or "не нормативный" in act.note, act.id


def test_confidence_follows_research_notes(reg):
    expected = {
        "fz-273": Confidence.high, "law-3266-1": Confidence.high, "pp-2040": Confidence.high,
        "minobr-816-2017": Confidence.medium, "minobr-137-2005": Confidence.medium,  # С-В → medium
        "minpros-115-2021": Confidence.medium, "fz-41-2025": Confidence.high,  # third pass: title and ч. 1 ст. 15 confirmed
        "sanpin-2.2.2-2.4.1340-03": Confidence.medium, "letter-minpros-az-1828-04-2022": Confidence.high,
        "mincifry-542-1-2022": Confidence.low, "minpros-499-2024": Confidence.low,
        "letter-minpros-ish-206-04-2024": Confidence.low, "poruch-16029p-p8-2022": Confidence.low,
    }
    for act_id, conf in expected.items():
        assert reg.get(act_id).confidence == conf, act_id


def test_notes_for_doubtful_facts(reg):
    assert "не найден" in reg.get("minobr-816-2017").note  # formal repeal of № 816
    assert "формальной отмене" in reg.get("pp-2040").note
    assert "01.09.2029" in reg.get("pp-1678").note and "не подтверждена" in reg.get("pp-1678").note
    assert reg.get("pp-1678").unverified("effective_until")
    assert "не найден" in reg.get("mincifry-542-1-2022").note


# --- chains of replacement -------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, chain",
    [
        ("law-3266-1", ["fz-273"]),
        ("minobr-137-2005", ["minobr-2-2014", "minobr-816-2017", "pp-1678"]),
        ("minobr-1015-2013", ["minpros-442-2020", "minpros-115-2021"]),
        ("sanpin-2.4.2.2821-10", ["sp-2.4.3648-20"]),
        ("gost-r-7.0.97-2016", ["gost-r-7.0.97-2025"]),
    ],
)
def test_replacement_chains(reg, start, chain):
    act, walked = reg.get(start), []
    while act.replaced_by:
        assert len(act.replaced_by) == 1, act.id
        act = reg.get(act.replaced_by[0])
        walked.append(act.id)
        assert len(walked) < 10, "цикл в replaced_by"
    assert walked == chain
    assert act.status == ActStatus.in_force


def test_1340_replaced_by_both_sanitary_acts(reg):
    act = reg.get("sanpin-2.2.2-2.4.1340-03")
    assert set(act.replaced_by) == {"sp-2.4.3648-20", "sanpin-1.2.3685-21"}
    assert act.status == ActStatus.repealed


def test_every_reference_resolves_and_outdated_acts_point_somewhere(reg):
    for act in reg:
        for ref in (*act.replaced_by, *act.amended_by):
            assert ref in reg, f"{act.id} → {ref}"
            assert ref != act.id
        if act.status in (ActStatus.repealed, ActStatus.superseded):
            assert act.replaced_by, f"{act.id}: утративший силу акт без замены"


def test_loader_rejects_dangling_reference(tmp_path):
    refs = _copy_refs(tmp_path)
    path = refs / "law-3266-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- fz-273", "- fz-999"), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_registry(refs)
    msg = str(exc.value)
    assert "law-3266-1.yaml" in msg and "fz-999" in msg and "\n" not in msg


# --- statuses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "act_id, as_of, expected",
    [
        ("fz-273", AS_OF, "in_force"),
        ("fz-273", dt.date(2013, 8, 31), "not_yet"),
        ("law-3266-1", AS_OF, "repealed"),
        ("law-3266-1", dt.date(2010, 1, 1), "in_force"),
        ("pp-2040", AS_OF, "expired"),
        ("pp-2040", dt.date(2022, 6, 1), "in_force"),
        ("minobr-816-2017", AS_OF, "superseded"),
        ("minobr-816-2017", dt.date(2024, 8, 31), "in_force"),
        ("pp-1678", AS_OF, "in_force"),
        ("pp-1678", dt.date(2024, 3, 1), "not_yet"),
        ("sp-2.4.3648-20", AS_OF, "expiring"),
        ("sp-2.4.3648-20", dt.date(2027, 2, 1), "expired"),
        ("sp-2.4.3648-20", dt.date(2025, 6, 1), "in_force"),
        ("sanpin-1.2.3685-21", AS_OF, "expiring"),
        ("sanpin-1.2.3685-21", dt.date(2027, 3, 1), "expired"),
        ("gost-r-7.0.97-2016", AS_OF, "superseded"),
        ("gost-r-7.0.97-2025", AS_OF, "in_force"),
        ("sanpin-2.4.2.2821-10", AS_OF, "repealed"),
    ],
)
def test_status_on(reg, act_id, as_of, expected):
    assert reg.get(act_id).status_on(as_of) == expected


def test_unverified_acts_stay_unverified_on_any_date(reg):
    unverified = [a for a in reg if a.status == ActStatus.unverified]
    assert {"mincifry-542-1-2022", "minpros-499-2024", "letter-minpros-04-423-2023"} <= {a.id for a in unverified}
    for act in unverified:
        for day in (dt.date(2020, 1, 1), AS_OF, dt.date(2030, 1, 1)):
            assert act.status_on(day) == "unverified", act.id


def test_pp_1678_only_warns_a_year_ahead(reg):
    act = reg.get("pp-1678")
    assert act.effective_until == dt.date(2029, 9, 1)
    assert act.status_on(dt.date(2028, 8, 31)) == "in_force"
    assert act.status_on(dt.date(2028, 9, 2)) == "expiring"


def test_articles_with_later_start(reg):
    fz273 = {a.ref: a for a in reg.get("fz-273").articles}
    assert fz273["ст. 16 ч. 3.1"].effective_from == dt.date(2023, 1, 1)
    assert {"ст. 29", "ст. 30 ч. 3"} <= fz273.keys()
    fz149 = {a.ref: a for a in reg.get("fz-149").articles}
    assert fz149["ст. 10 ч. 8–10"].effective_from == dt.date(2023, 3, 1)


# --- lookups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number, date, expected",
    [
        ("273-ФЗ", dt.date(2012, 12, 29), "fz-273"),
        ("273- ФЗ", dt.date(2012, 12, 29), "fz-273"),
        ("№273-ФЗ", None, "fz-273"),
        ("273-Ф3", None, "fz-273"),  # digit 3 instead of the letter З
        ("N 273-ФЗ", None, "fz-273"),
        ("ФЗ-273", None, "fz-273"),
        ("273 ФЗ", None, "fz-273"),
        ("№149-ФЗ", dt.date(2006, 7, 27), "fz-149"),
        ("1678", dt.date(2023, 10, 11), "pp-1678"),
        ("№ 1241", dt.date(2022, 7, 13), "pp-1241"),
        ("№1241", None, "pp-1241"),
        ("542/1", dt.date(2022, 7, 15), "mincifry-542-1-2022"),
        ("04-423", dt.date(2023, 7, 31), "letter-minpros-04-423-2023"),
        ("04‑643", None, "letter-minpros-04-643-2022"),  # non-breaking hyphen
        ("АЗ-1828/04", None, "letter-minpros-az-1828-04-2022"),
        ("816", None, "minobr-816-2017"),
        ("3266-1", None, "law-3266-1"),
        ("16029п-П8", None, "poruch-16029p-p8-2022"),
        ("2.4.3648-20", None, "sp-2.4.3648-20"),
        ("СанПиН 2.4.3648-20", None, "sp-2.4.3648-20"),  # mis-named as СанПиН
        ("СП 2.4.3648-20", None, "sp-2.4.3648-20"),
        ("2.2.2/2.4.1340-03", None, "sanpin-2.2.2-2.4.1340-03"),
        ("ГОСТ Р 7.0.97-2016", None, "gost-r-7.0.97-2016"),
    ],
)
def test_lookup_spellings(reg, number, date, expected):
    act = reg.lookup(number=number, date=date)
    assert act is not None and act.id == expected


def test_letter_index_without_hyphen_is_found(reg):
    # Documented behaviour: «ИШ206/04» (sample 001) resolves to ИШ-206/04; the hyphen after a letter index is
    # not significant for lookups. Judging the spelling is left to the citation checker.
    assert normalize_number("ИШ206/04") == normalize_number("ИШ-206/04")
    assert reg.lookup(number="№ИШ206/04", date=dt.date(2024, 9, 10)).id == "letter-minpros-ish-206-04-2024"


def test_approving_decree_numbers_resolve_by_date(reg):
    assert reg.lookup(number="№ 28", date=dt.date(2020, 9, 28)).id == "sp-2.4.3648-20"
    assert reg.lookup(number="2", date=dt.date(2021, 1, 28)).id == "sanpin-1.2.3685-21"
    assert reg.lookup(number="2", date=dt.date(2014, 1, 9)).id == "minobr-2-2014"
    # Two acts are cited as «№ 2»: without a matching date nothing is guessed.
    assert reg.lookup(number="2", date=dt.date(2019, 5, 5)) is None
    assert reg.lookup(number="2", kind="sanitary_norms").id == "sanpin-1.2.3685-21"


def test_lookup_with_wrong_date_returns_single_candidate(reg):
    act = reg.lookup(number="1678", date=dt.date(2023, 3, 1))
    assert act is not None and act.id == "pp-1678" and act.date != dt.date(2023, 3, 1)


def test_lookup_unknown_number(reg):
    assert reg.lookup(number="99999") is None
    assert reg.lookup(number="482-ФЗ") is None  # the «482-ФЗ» the research could not find
    assert reg.lookup(number="") is None


def test_search_by_short_name(reg):
    assert [a.id for a in reg.search("Закон об образовании")] == ["fz-273"]
    assert "pp-1678" in {a.id for a in reg.search("Правила применения ЭО и ДОТ")}


def _flat(text: str) -> str:
    return " ".join(text.split())


# Citations exactly as the five samples write them (number text, date) → the act they mean.
SAMPLE_CITATIONS = [
    ("000", "№149-ФЗ", dt.date(2006, 7, 27), "fz-149"),
    ("000", "№ 273- ФЗ", dt.date(2012, 12, 29), "fz-273"),
    ("000", "№ 542/1", dt.date(2022, 7, 15), "mincifry-542-1-2022"),
    ("000", "№ 04-127", dt.date(2022, 2, 22), "letter-minpros-04-127-2022"),
    ("000", "№ 04-643", dt.date(2022, 8, 26), "letter-minpros-04-643-2022"),
    ("000", "№ 04-423", dt.date(2023, 7, 31), "letter-minpros-04-423-2023"),
    ("001", "№1241", dt.date(2022, 7, 13), "pp-1241"),
    ("001", "№1678", dt.date(2023, 10, 11), "pp-1678"),
    ("001", "№ИШ206/04", dt.date(2024, 9, 10), "letter-minpros-ish-206-04-2024"),
    ("001", "16029п-П8", dt.date(2022, 12, 28), "poruch-16029p-p8-2022"),
    ("001", "№499", dt.date(2024, 6, 18), "minpros-499-2024"),
    ("002", "№ 1241", dt.date(2022, 7, 13), "pp-1241"),
    ("002", "№ 1678", dt.date(2023, 10, 11), "pp-1678"),
    ("002", "№ 542/1", dt.date(2022, 7, 15), "mincifry-542-1-2022"),
    ("003", "№ 273-ФЗ", dt.date(2012, 12, 29), "fz-273"),
    ("003", "№ 04-423", dt.date(2023, 7, 31), "letter-minpros-04-423-2023"),
    ("004", "№ 2040", dt.date(2020, 12, 7), "pp-2040"),
    ("004", "№ 1241", dt.date(2022, 7, 13), "pp-1241"),
]


@pytest.mark.parametrize("sample, number, date, expected", SAMPLE_CITATIONS)
def test_every_act_cited_in_samples_is_registered(reg, samples, sample, number, date, expected):
    text = _flat(samples[sample].read_text(encoding="utf-8"))
    assert number in text, f"образец {sample} не содержит «{number}»"
    act = reg.lookup(number=number, date=date)
    assert act is not None and act.id == expected
    assert act.date == date


# --- loader errors ---------------------------------------------------------------------------


def test_loader_rejects_low_confidence_in_force(tmp_path):
    refs = _copy_refs(tmp_path)
    path = refs / "mincifry-542-1-2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: unverified", "status: in_force"), encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("confidence:"))
    with pytest.raises(DataError) as exc:
        load_registry(refs)
    msg = str(exc.value)
    assert f"mincifry-542-1-2022.yaml:{line}" in msg
    assert "confidence" in msg and "unverified" in msg and "\n" not in msg


def test_loader_rejects_letter_marked_normative(tmp_path):
    refs = _copy_refs(tmp_path)
    path = refs / "letter-minpros-az-1828-04-2022.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("normative: false", "normative: true"), encoding="utf-8")
    with pytest.raises(DataError, match=r"letter-minpros-az-1828-04-2022\.yaml.*normative: false"):
        load_registry(refs)


def test_loader_rejects_unknown_topic(tmp_path):
    refs = _copy_refs(tmp_path)
    path = refs / "fz-436.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- child_protection", "- kids"), encoding="utf-8")
    with pytest.raises(DataError, match=r"fz-436\.yaml:\d+: поле «topics».*'kids'"):
        load_registry(refs)


def test_malformed_yaml_names_file_and_line(tmp_path):
    refs = _copy_refs(tmp_path)
    path = refs / "fz-152.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "title: [не закрытая скобка")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_registry(refs)
    msg = str(exc.value)
    assert re.search(r"fz-152\.yaml:\d+: ошибка синтаксиса YAML", msg), msg
    assert "\n" not in msg


def test_duplicate_id_is_rejected(tmp_path):
    refs = _copy_refs(tmp_path)
    shutil.copy(refs / "fz-436.yaml", refs / "zz-copy.yaml")
    with pytest.raises(DataError, match=r"zz-copy\.yaml: идентификатор акта fz-436 уже есть"):
        load_registry(refs)


def test_unquoted_numbers_are_read_as_text(tmp_path):
    refs = _copy_refs(tmp_path)
    path = refs / "pp-1678.yaml"
    text = path.read_text(encoding="utf-8")
    assert "number: '1678'" in text
    path.write_text(text.replace("number: '1678'", "number: 1678"), encoding="utf-8")
    act = load_registry(refs).lookup(number="№ 1678")
    assert act is not None and act.number == "1678"


def test_one_citation_formatter(registry):
    """LegalAct.citation() is the one full citation (checks, reference pages, ``refs``); short_citation() has no title."""
    assert registry.get("fz-273").citation() == (
        "федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»")
    assert registry.get("minpros-499-2024").short_citation() == "приказ Минпросвещения России от 18.06.2024 № 499"
    sanpin = registry.get("sanpin-1.2.3685-21").citation()
    assert sanpin.startswith("СанПиН 1.2.3685-21 «Гигиенические нормативы") and "безопасности и (или) безвредности" in sanpin


def test_one_in_force_test_with_article_dates(registry):
    from datetime import date

    fz152 = registry.get("fz-152")
    assert fz152.in_force_on(date(2025, 8, 31)) and fz152.in_force_on(date(2025, 9, 1), "ст. 9")
    assert not fz152.in_force_on(date(2025, 8, 31), "ст. 9")  # the amended article applies from 01.09.2025
    assert not registry.get("law-3266-1").in_force_on(date(2026, 12, 2))  # repealed
