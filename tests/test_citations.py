"""Citation extraction: every labelled form of the benchmark data, plus focused unit tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.bench_citations import evaluate_case, load, negative_ok
from sferum_policy.checks.legal_refs.citations import extract, extract_document, unify_chars
from sferum_policy.readers import read_string

DATA = load()
AS_OF = DATA["as_of"]


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: c["text"][:60])
def test_labelled_citation(case, registry):
    res = evaluate_case(case, registry, AS_OF)
    assert res.found, f"акт {case['act']} не найден в «{case['text']}» (получено: {res.got_status})"
    assert res.got_status == case["status"]
    assert set(case.get("codes") or []) <= set(res.got_codes), res.got_codes


@pytest.mark.parametrize("neg", DATA["negatives"], ids=lambda n: n["text"][:60])
def test_negative_is_not_a_legal_reference(neg, registry):
    assert negative_ok(neg["text"], registry, AS_OF)


def test_benchmark_data_is_large_and_varied():
    cases = DATA["cases"]
    assert len(cases) >= 60 and len(DATA["negatives"]) >= 10
    acts = {c["act"] for c in cases}
    assert len(acts) >= 30
    assert len({c["status"] for c in cases}) >= 7


def test_span_is_exact_and_parts_are_read():
    text = "Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»; иные акты."
    (c,) = extract(text)
    assert text[c.start:c.end] == "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
    assert (c.kind, c.number, c.date) == ("federal_law", "273-ФЗ", date(2012, 12, 29))
    assert c.title == "Об образовании в Российской Федерации"


def test_number_is_kept_as_written():
    (c,) = extract("Федеральным законом от 29.12.2012 №273–ФЗ")
    assert c.number == "273–ФЗ"
    (c,) = extract("Федеральный закон от 29.12.2012 № 273 - ФЗ")
    assert c.number == "273 - ФЗ"


def test_nested_guillemets_title():
    text = ("постановления Правительства РФ от 13.07.2022 № 1241 «О федеральной государственной информационной системе "
            "«Моя школа» и внесении изменения в подпункт «а» пункта 2 Положения» и далее текст «в кавычках»")
    (c,) = extract(text)
    assert c.title.startswith("О федеральной государственной информационной системе «Моя школа»")
    assert c.title.endswith("пункта 2 Положения")
    assert "далее" not in c.title


def test_nested_straight_quotes_title():
    text = ('Постановлением Правительства Российской Федерации от 13 июля 2022 г. № 1241 "О федеральной государственной '
            'информационной системе "Моя школа" и внесении изменения в подпункт "а" пункта 2 Положения". Далее')
    (c,) = extract(text)
    assert c.title.endswith('подпункт "а" пункта 2 Положения')
    assert c.date == date(2022, 7, 13)


def test_title_before_date_and_number():
    (c,) = extract("Письма министерства Просвещения РФ «О направлении реестра» от 10.09.2024 №ИШ206/04 (поручения)")
    assert (c.kind, c.issuer, c.number, c.date) == ("ministry_letter", "minpros", "ИШ206/04", date(2024, 9, 10))
    assert c.title == "О направлении реестра"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("приказ №342/1 от «19» декабря 2024 г.", date(2024, 12, 19)),
        ("Приказ №55-од от 30.09.2024г", date(2024, 9, 30)),
        ("приказом Минпросвещения России №499 от 18 июня 2024 г.", date(2024, 6, 18)),
        ("Федерального закона от 29 декабря 2012 года № 273-ФЗ", date(2012, 12, 29)),
    ],
)
def test_date_forms(text, expected):
    (c,) = extract(text)
    assert c.date == expected


def test_internal_orders_are_marked_internal():
    kinds = [c.kind for c in extract("Приказ №55-од от 30.09.2024г; к приказу № 129-ОД от 23.09.2024 г.")]
    assert kinds == ["internal", "internal"]
    (c,) = extract("приказ Минпросвещения России от 22.03.2021 № 115")
    assert c.kind == "ministry_order" and c.issuer == "minpros"


def test_two_citations_in_one_line_stay_apart():
    cites = extract("Письма Минпросвещения России от 10.09.2024 № ИШ-206/04 (Поручения Правительства Российской "
                    "Федерации от 28.12.2022 г. № 16029п-П8, пункт 15)")
    assert [c.number for c in cites] == ["ИШ-206/04", "16029п-П8"]
    assert cites[1].kind == "government_instruction"


def test_list_items_do_not_merge():
    text = ("- Федерального закона «Об информации, информационных технологиях и о защите информации»;\n"
            "- постановления Правительства РФ от 13.07.2022 № 1241;")
    a, b = extract(text)
    assert a.number is None and a.date is None
    assert b.number == "1241"


def test_citation_wrapped_over_lines_is_mapped_to_its_paragraph():
    doc = read_string("1. Общие положения\n1.1. Платформа разработана в соответствии с Постановлением Правительства\n"
                      "Российской Федерации от 7 декабря 2020 г. № 2040 \"О проведении эксперимента\".\n")
    (c,) = extract_document(doc)
    assert c.number == "2040" and c.date == date(2020, 12, 7)
    p = doc.paragraphs[c.paragraph]
    assert p.text[c.par_start:].startswith("Постановлением Правительства")
    assert doc.text[c.start:c.end].rstrip('"»').endswith("эксперимента")


def test_sanitary_and_standard_codes():
    cites = extract("СП 2.4.3648-20, СанПиН 2.2.2/2.4.1340-03, ГОСТ Р 7.0.97-2016 и СанПиН 1.2.3685-21")
    assert [(c.kind, c.number) for c in cites] == [
        ("sanitary_rules", "2.4.3648-20"),
        ("sanitary_norms", "2.2.2/2.4.1340-03"),
        ("standard", "7.0.97-2016"),
        ("sanitary_norms", "1.2.3685-21"),
    ]


def test_no_citations_in_plain_text():
    text = "Родители (законные представители) обучающихся используют платформу в соответствии с законодательством."
    assert extract(text) == []


@given(st.text(alphabet="абв ФЗ№-«»\"\n.0123456789–ё", max_size=80))
def test_clean_keeps_length_and_extract_never_fails(text):
    assert len(unify_chars(text)) == len(text)
    for c in extract(text):
        assert 0 <= c.start < c.end <= len(text)


def test_benchmark_section_meets_the_bars():
    from benchmarks import bench_citations

    out = bench_citations.run()
    assert out.startswith("## ")
    assert "python -m benchmarks citations" in out
    assert Path(bench_citations.DATA).is_file()
    results = [evaluate_case(c, _registry(), AS_OF) for c in DATA["cases"]]
    recall = sum(r.found for r in results) / len(results)
    status = sum(r.status_ok for r in results) / len(results)
    assert recall >= bench_citations.RECALL_BAR and status >= bench_citations.STATUS_BAR


def _registry():
    from sferum_policy.pipeline import default_registry

    return default_registry()
