"""Contact checks (CT codes): official addresses, look-alike letters, wrong, missing and cut addresses."""

from __future__ import annotations

import pytest

import sferum_policy
from sferum_policy.checks.contacts import addresses, official_match


def _ct(text):
    return sferum_policy.check(text, select=["CT"]).findings


@pytest.fixture(scope="module")
def reports(samples):
    return {k: sferum_policy.check(p, select=["CT"]) for k, p in samples.items()}


def _wrap(sentence: str) -> str:
    return f"ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум»\n\n1. Общие положения\n\n1.1. {sentence}\n"


def test_misspelt_official_email_in_001(reports, samples):
    found = [f for f in reports["001"].findings if f.code == "CT001"]
    assert [(f.text, f.suggestion, f.severity) for f in found] == [("info@sfcrum.ru", "info@sferum.ru", "error")]
    line = samples["001"].read_text(encoding="utf-8").splitlines()[found[0].location.line - 1]
    assert "info@sfcrum.ru" in line


def test_displaced_address_in_001(reports):
    found = [f for f in reports["001"].findings if f.code == "CT004"]
    assert len(found) == 1
    f = found[0]
    assert f.text == "электронной почты на адрес"
    assert "«заявку»" in f.message and "info@sfcrum.ru" in f.message
    assert f.suggestion == "электронной почты на адрес info@sferum.ru"


def test_web_address_used_as_email_in_003(reports):
    found = [f for f in reports["003"].findings if f.code == "CT003"]
    assert [(f.text, f.suggestion, f.severity) for f in found] == [("https://sferum.ru", "info@sferum.ru", "error")]


def test_cut_address_in_004(reports):
    found = [f for f in reports["004"].findings if f.code == "CT005"]
    assert [(f.text, f.suggestion) for f in found] == [("info@sf", "info@sferum.ru")]


@pytest.mark.parametrize("sample", ["000", "002"])
def test_correct_contacts_are_not_flagged(reports, sample):
    assert reports[sample].findings == []


def test_004_official_pages_are_not_flagged(reports):
    assert [f.code for f in reports["004"].findings] == ["CT005"]


@pytest.mark.parametrize(
    ("sentence", "code", "excerpt", "suggestion"),
    [
        ("Инструкции размещены на сайте sfеrum.ru.", "CT002", "sfеrum.ru", "sferum.ru"),
        ("Пишите на адрес info@sfеrum.ru.", "CT002", "info@sfеrum.ru", "info@sferum.ru"),
        ("Инструкции размещены на сайте prof_sferum.ru.", "CT001", "prof_sferum.ru", "prof-sferum.ru"),
        ("Инструкции размещены на сайте https://profsferum.ru/blog.", "CT001", "https://profsferum.ru/blog",
         "https://prof-sferum.ru/blog"),
        ("Инструкции размещены на сайте sferum.com.", "CT001", "sferum.com", "sferum.ru"),
        ("Пишите на адрес inf@sferum.ru.", "CT001", "inf@sferum.ru", "info@sferum.ru"),
        ("Услуги оказываются на портале gosuslugl.ru.", "CT001", "gosuslugl.ru", "gosuslugi.ru"),
        ("Заявка направляется по электронной почте: sferum.ru.", "CT003", "sferum.ru", "info@sferum.ru"),
    ],
)
def test_address_problems(sentence, code, excerpt, suggestion):
    found = [f for f in _ct(_wrap(sentence)) if f.code == code]
    assert [(f.text, f.suggestion) for f in found] == [(excerpt, suggestion)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Инструкции размещены на странице https://sferum.ru/?p=instructions.",
        "Блог для учителей: https://prof-sferum.ru/blog.",
        "Инструкции размещены на сайте prof-sferum.ru.",
        "Поддержка: [info@sferum.ru](mailto:info@sferum.ru).",
        "Сайт школы: [prof-sferum.ru](http://prof-sferum.ru).",
        "Почта школы: School_Omolon@mail.ru.",
        "Анкета: https://vk.cc/cnEOTn (сканировать не нужно).",
        "Ресурс ООО «ИНТЕРДА» https://sk.ru/education/ доступен бесплатно.",
        "Мессенджер MAX: https://max.ru.",
        "Родители получают сведения на адрес электронной почты, указанный в заявлении.",
        "Заявка направляется посредством электронной почты на адрес info@sferum.ru с приложением приказа.",
        "#нормативные_документы@yar_iro",
    ],
)
def test_good_addresses(sentence):
    assert _ct(_wrap(sentence)) == []


def test_missing_address_without_displaced_one():
    found = [f for f in _ct(_wrap("Заявка направляется посредством электронной почты на адрес директора школы."))
             if f.code == "CT004"]
    assert len(found) == 1
    assert found[0].suggestion is None and "«директора»" in found[0].message


def test_cut_url_only_at_the_end():
    assert [f.code for f in _ct(_wrap("Подробнее: https://sfer"))] == ["CT005"]


def test_addresses_extraction():
    found = addresses("Пишите на info@sferum.ru или зайдите на https://sferum.ru/?p=x и prof-sferum.ru.")
    assert [(a.kind, a.text) for a in found] == [
        ("email", "info@sferum.ru"), ("url", "https://sferum.ru/?p=x"), ("domain", "prof-sferum.ru")]


def test_official_match():
    assert official_match("sfcrum.ru") == "sferum.ru"
    assert official_match("www.sferum.ru") is None
    assert official_match("uchi.ru") is None


def test_messages_read_from_the_rule_templates_are_unchanged():
    """CT001 (e-mail), CT002 and CT005 are not in the snapshots: their messages, now templates in the rule
    files, read word for word as they did when they were written in the code."""
    from sferum_policy import check

    head = "ПОЛОЖЕНИЕ\n1. Общие положения\n1.1. "
    cases = {
        "Пишите на адрес inf@sferum.ru.": ("CT001", "адрес «inf@sferum.ru» похож на официальный «info@sferum.ru», "
                                           "но отличается от него"),
        "Инструкции на сайте sfеrum.ru.": ("CT002", "в адресе «sfеrum.ru» есть русские буквы (е), похожие на "
                                           "латинские: такой адрес не сработает"),
        "Вопросы — по адресу info@sf или по телефону.": ("CT005", "адрес «info@sf» оборван: в нём нет доменной "
                                                          "зоны (.ru, .рф …)"),
    }
    for text, (code, message) in cases.items():
        assert [f.message for f in check(head + text + "\n", select=["CT"]).findings if f.code == code] == [message]
