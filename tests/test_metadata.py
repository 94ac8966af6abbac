"""Metadata analysis on the five samples and on small synthetic acts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sferum_policy.readers import read, read_string
from sferum_policy.vocab import DocKind, OrgKind, Platform


@pytest.fixture(scope="module")
def docs(samples):
    return {k: read(p) for k, p in samples.items()}


@pytest.mark.parametrize(
    ("sample", "kind", "org"),
    [
        ("000", DocKind.polozhenie, OrgKind.boarding_school),
        ("001", DocKind.polozhenie, OrgKind.college),
        ("002", DocKind.poryadok, OrgKind.school),
        ("003", DocKind.polozhenie, OrgKind.district),
        ("004", DocKind.not_local_act, None),
    ],
)
def test_kind_and_org_kind(docs, sample, kind, org):
    meta = docs[sample].meta
    assert meta.doc_kind == kind
    assert meta.org_kind == org


@pytest.mark.parametrize(
    ("sample", "start"),
    [
        ("000", "ПОЛОЖЕНИЕ об использовании информационно-коммуникационной образовательной платформы «Сферум»"),
        ("001", "Положение о применении сервисов взаимодействия педагогических работников"),
        ("002", "Порядок взаимодействия и использования информационно-коммуникационной"),
        ("003", "ПОЛОЖЕНИЕ об использовании информационно-коммуникационной цифровой платформы «Сферум»"),
    ],
)
def test_title_is_joined_across_lines(docs, sample, start):
    title = docs[sample].meta.title
    assert title.startswith(start)
    assert "  " not in title and "**" not in title


def test_guidance_has_no_title(docs):
    assert docs["004"].meta.title is None


def test_title_runs_to_the_end_of_the_heading(docs):
    assert docs["000"].meta.title.endswith("Чукотского автономного округа»")
    assert docs["002"].meta.title.endswith("«Средняя общеобразовательная школа № 119»")


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("000", [("adoption", date(2024, 2, 27), "2"), ("approval", date(2024, 9, 30), "55-од")]),
        ("002", [("approval", date(2024, 12, 19), "342/1"), ("adoption", None, None)]),
        ("003", [("approval", date(2024, 9, 23), "129-ОД")]),
        ("001", []),
        ("004", []),
    ],
)
def test_requisites(docs, sample, expected):
    got = [(r.kind, r.date, r.number) for r in docs[sample].meta.requisites]
    assert got == expected


def test_requisite_body(docs):
    by_kind = {r.kind: r for r in docs["000"].meta.requisites}
    assert by_kind["adoption"].body.startswith("Педагогическим советом")
    assert by_kind["approval"].body == "Директор МБОУ «ШИ с.Омолон»"


@pytest.mark.parametrize(
    ("sample", "keys"),
    [
        ("000", ["general", "roles", "rights", "final"]),
        ("001", ["general", None, "roles", "rights", "final"]),
        ("002", ["general", "roles", "rights", "final"]),
        ("003", ["general", "roles", "rights", "final"]),
    ],
)
def test_sections(docs, sample, keys):
    doc = docs[sample]
    assert [s.key for s in doc.sections] == keys
    assert [s.label.rstrip(".") for s in doc.sections] == [str(i + 1) for i in range(len(keys))]
    for s in doc.sections:
        assert all(doc.paragraphs[k].section == s.index for k in range(s.first, s.last + 1))


def test_rights_and_obligations_names_both(docs):
    doc = docs["002"]
    sec = next(s for s in doc.sections if s.title.startswith("Права и обязанности"))
    assert doc.results.section_keys[sec.index] == ["rights", "obligations"]


def test_heading_broken_over_lines_is_one_title(docs):
    title = docs["000"].sections[1].title
    assert title.startswith("Организация работы участников образовательных отношений")
    assert title.endswith("VK-мессенджер")


def test_text_after_final_provisions_is_outside_sections(docs):
    doc = docs["001"]
    final = doc.sections[-1]
    assert final.key == "final"
    after = [p for p in doc.paragraphs[final.last + 1:] if p.text.strip()]
    assert after and after[0].text.startswith("Перечень ссылок")
    assert all(p.section is None for p in after)


def test_front_matter_is_outside_sections(docs):
    doc = docs["000"]
    first = doc.sections[0].first
    assert first > 0
    assert all(p.section is None for p in doc.paragraphs[:first])


@pytest.mark.parametrize(
    ("sample", "name", "short"),
    [
        ("000", "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ШКОЛА-ИНТЕРНАТ", "МБОУ «ШИ с.Омолон»"),
        ("002", "БОУ г. Омска «Средняя общеобразовательная школа № 119»", "Учреждение"),
    ],
)
def test_organisation(docs, sample, name, short):
    meta = docs[sample].meta
    assert meta.org_name.startswith(name)
    assert meta.org_short == short


def test_platforms(docs):
    assert docs["000"].meta.platforms == [Platform.vk_messenger]
    assert set(docs["004"].meta.platforms) == {Platform.vk_messenger, Platform.web}


_HEAD = "УТВЕРЖДЕНО\n\nприказом заведующего от 01.09.2025 № 12\n\n"


@pytest.mark.parametrize(
    ("body", "org"),
    [
        ("ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в МБДОУ «Детский сад № 3»\n\n1. Общие положения\n\n"
         "1.1. Воспитатель группы создает чат для родителей воспитанников.\n", OrgKind.preschool),
        ("ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в МБУ ДО «Дом детского творчества»\n\n1. Общие положения\n\n"
         "1.1. Педагог дополнительного образования создает чат объединения.\n", OrgKind.additional),
        ("ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в ГАПОУ «Политехнический колледж»\n\n1. Общие положения\n\n"
         "1.1. Куратор учебной группы создает чат со студентами.\n", OrgKind.college),
        ("ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в МБОУ «СОШ № 5»\n\n1. Общие положения\n\n"
         "1.1. Классный руководитель создает чат с обучающимися.\n", OrgKind.school),
    ],
)
def test_org_kind_cues(body, org):
    assert read_string(_HEAD + body).meta.org_kind == org


def test_max_platform_and_consent():
    doc = read_string(
        "УТВЕРЖДЕНО приказом директора от 01.09.2025 № 7\n\n"
        "Рассмотрено на заседании педагогического совета, протокол от 29.08.2025 № 1\n\n"
        "Согласовано с Советом родителей, протокол от 28.08.2025 № 2\n\n"
        "ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в национальном мессенджере MAX\n\n"
        "1. Общие положения\n\n1.1. Участники используют «Сферум» в мессенджере MAX и через веб-версию.\n"
    )
    assert [(r.kind, r.number) for r in doc.meta.requisites] == [("approval", "7"), ("adoption", "1"), ("consent", "2")]
    assert doc.meta.platforms == [Platform.max, Platform.web]
    assert doc.meta.doc_kind == DocKind.polozhenie


def test_kind_from_self_reference_without_title():
    doc = read_string("1. Общие положения\n\n1.1. Настоящий Порядок устанавливает правила работы в ИКОП «Сферум».\n")
    assert doc.meta.doc_kind == DocKind.poryadok


def test_unknown_kind_for_numbered_text_without_title():
    doc = read_string("1. Общие положения\n\n1.1. Платформа используется для общения.\n")
    assert doc.meta.doc_kind == DocKind.unknown


def test_key_words_of_section_headings():
    from sferum_policy.analysis.sections import section_keys

    assert section_keys("Права и обязанности участников") == ("rights", "obligations")
    assert section_keys("Обязанности пользователей") == ("obligations",)
    assert section_keys("Пользователям запрещается") == ("prohibitions",)
    assert section_keys("Порядок работы с ИКОП «Сферум»") == ("roles",)
    assert section_keys("Заключительные положения") == ("final",)
    assert section_keys("Техническая поддержка") == ()


_LINES = [
    "ПОЛОЖЕНИЕ:", "Порядок", "УТВЕРЖДЕНО", "УТВЕРЖДАЮ приказ № 5 от 01.01.2024", "ПРИНЯТО", "Приложение 1",
    "к приказу № 3 от «05» мая 2024 г.", "1. Общие положения", "2. Заключительные положения", "1.1. Текст.",
    "1.1.1. Текст", "3.", "2.", "- пункт;", "а) пункт", "## 4. Права", "**5. Обязанности**", "(далее – Школа)",
    "МБОУ «СОШ № 1»", "info@sf", "https://sferum.ru", "Текст без точки", "", "___", "«", "»", "№", "1)",
    "Перечень ресурсов для обучения с описанием, который не относится к акту и занимает много слов подряд.",
]


@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=25))
@settings(max_examples=200, deadline=None)
def test_analysis_never_fails_and_sections_are_consistent(lines):
    from sferum_policy.errors import InputError

    try:
        doc = read_string("\n\n".join(lines))
    except InputError:
        return
    prev_last = -1
    for k, s in enumerate(doc.sections):
        assert s.index == k and prev_last < s.first <= s.last < len(doc.paragraphs)
        prev_last = s.last
    for p in doc.paragraphs:
        if p.section is not None:
            s = doc.sections[p.section]
            assert s.first <= p.index <= s.last
    import sferum_policy

    report = sferum_policy.check(doc, select=["ST", "CT"])
    for f in report.findings:
        if f.location.start is not None:
            assert doc.text[f.location.start:f.location.end] == f.text
