"""Structure and requisite checks (ST codes) on the samples and on small acts."""

from __future__ import annotations

import pytest

import sferum_policy
from sferum_policy.readers import read, read_string


def _st(source):
    return [f for f in sferum_policy.check(source, select=["ST"]).findings]


def _codes(source) -> list[str]:
    return [f.code for f in _st(source)]


@pytest.fixture(scope="module")
def reports(samples):
    return {k: sferum_policy.check(p, select=["ST"]) for k, p in samples.items()}


CLEAN_ACT = """УТВЕРЖДЕНО
приказом директора МБОУ «СОШ № 7»
от 02.09.2024 № 101-од

ПРИНЯТО
на заседании педагогического совета
протокол от 30.08.2024 № 1

С учетом мнения Совета обучающихся (протокол от 29.08.2024 № 1)
и Совета родителей (протокол от 29.08.2024 № 1)

ПОЛОЖЕНИЕ
об использовании информационно-коммуникационной образовательной платформы «Сферум»
в МБОУ «СОШ № 7»

1. Общие положения

1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум» в МБОУ «СОШ № 7» (далее – Школа).

1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».

2. Права участников образовательных отношений

2.1. Участники образовательных отношений пользуются платформой бесплатно.

2.2. Участники образовательных отношений вправе обращаться в службу поддержки по адресу info@sferum.ru.

2.2.1. Обращение направляется с указанием наименования Школы.

2.2.2. Ответ направляется на адрес, с которого пришло обращение.

3. Заключительные положения

3.1. Положение вступает в силу 1 сентября 2024 г.

3.2. Изменения в Положение вносятся в порядке, установленном для его принятия.
"""


def test_clean_act_has_no_structure_findings():
    assert _st(CLEAN_ACT) == []


def test_clean_act_metadata():
    doc = read_string(CLEAN_ACT)
    assert [r.kind for r in doc.meta.requisites] == ["approval", "adoption", "consent"]
    assert [s.key for s in doc.sections] == ["general", "rights", "final"]


def test_gap_in_000(reports, samples):
    gaps = [f for f in reports["000"].findings if f.code == "ST001"]
    assert len(gaps) == 1
    f = gaps[0]
    assert f.message == "после п. 2.5 идёт п. 2.7: пропущен п. 2.6"
    assert f.severity == "error"
    assert f.text == "2.7." and f.location.label == "2.7."
    assert f.suggestion == "2.6."
    lines = samples["000"].read_text(encoding="utf-8").splitlines()
    assert lines[f.location.line - 1].startswith("2.7.")


def test_000_requisites_present_but_no_councils(reports):
    codes = {f.code for f in reports["000"].findings}
    assert "ST005" not in codes and "ST006" not in codes
    st007 = [f for f in reports["000"].findings if f.code == "ST007"]
    assert len(st007) == 1 and st007[0].act_id == "fz-273"


def test_000_dates_info(reports):
    dates = {f.text: f.suggestion for f in reports["000"].findings if f.code == "ST008"}
    assert dates["30.09.2024г"] == "30.09.2024"
    assert dates["27.07.2006 г."] == "27.07.2006"
    assert all(f.severity == "info" for f in reports["000"].findings if f.code == "ST008")


def test_poryadok_calls_itself_polozhenie_in_002(reports):
    found = [f for f in reports["002"].findings if f.code == "ST009"]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.text == "настоящим Положением"
    assert f.suggestion == "настоящим Порядком"
    assert f.location.label == "4.3."


def test_002_dates_with_quotes(reports):
    found = [f for f in reports["002"].findings if f.code == "ST008"]
    assert [(f.text, f.suggestion) for f in found] == [("«19» декабря 2024 г.", "19 декабря 2024 г.")]


def test_truncation_of_004(reports):
    found = [f for f in reports["004"].findings if f.code == "ST010"]
    assert len(found) == 1
    assert found[0].text == "info@sf" and found[0].severity == "error"


def test_guidance_004_is_info_and_not_an_act(reports):
    codes = [f.code for f in reports["004"].findings]
    assert "ST013" in codes
    assert not {"ST005", "ST006", "ST007"} & set(codes)


def test_text_after_final_provisions_in_001(reports):
    found = [f for f in reports["001"].findings if f.code == "ST011"]
    assert len(found) == 1
    assert found[0].text.startswith("Перечень ссылок на электронные образовательные ресурсы")
    assert "раздела 5" in found[0].message


def test_001_has_no_requisites(reports):
    codes = {f.code for f in reports["001"].findings}
    assert {"ST005", "ST006", "ST007"} <= codes


def test_district_act_003_needs_no_adoption(reports):
    codes = {f.code for f in reports["003"].findings}
    assert not {"ST005", "ST006", "ST007", "ST001", "ST009", "ST010", "ST011"} & codes


@pytest.mark.parametrize("sample", ["000", "001", "002", "003", "004"])
def test_excerpts_are_exact(samples, sample):
    doc = read(samples[sample])
    report = sferum_policy.check(doc, select=["ST", "CT"])
    for f in report.findings:
        if f.location.start is not None:
            assert doc.text[f.location.start:f.location.end] == f.text, f.code


def _act(body: str) -> str:
    return CLEAN_ACT.split("1. Общие положения")[0] + body


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ("1. Общие положения\n\n1.1. Текст.\n\n1.2. Текст.\n\n1.2. Текст.\n", "ST002", "номер п. 1.2 повторяется"),
        ("1. Общие положения\n\n1.1. Текст.\n\n1.3. Текст.\n\n1.2. Текст.\n", "ST003",
         "после п. 1.3 идёт п. 1.2: пункты стоят не по порядку"),
        ("1. Общие положения\n\n1.1. Текст.\n\n1.4. Текст.\n", "ST001", "после п. 1.1 идёт п. 1.4: пропущены пп. 1.2–1.3"),
        ("1. Общие положения\n\n1.2. Текст.\n", "ST001", "п. 1.2 — первый в разделе 1: пропущен п. 1.1"),
        ("1. Общие положения\n\n1.1. Текст.\n\n3. Заключительные положения\n\n3.1. Текст.\n", "ST001",
         "после раздела 1 идёт раздел 3: пропущен раздел 2"),
        ("1. Общие положения\n\n1.1. Текст.\n\n1.1.2. Текст.\n", "ST001", "п. 1.1.2 — первый в пункте 1.1: пропущен п. 1.1.1"),
        ("1. Общие положения\n\n1.1. Текст.\n\n1.2.1. Текст.\n", "ST004", "подпункт 1.2.1 идёт без пункта 1.2"),
        ("1. Общие положения\n\n1.1. Текст.\n\n2.1. Текст.\n", "ST004",
         "п. 2.1 относится к разделу 2, которого в документе нет"),
        ("1. Общие положения\n\n1.1. Текст.\n\n2. Права участников\n\n1.2. Текст.\n", "ST003",
         "п. 1.2 стоит в разделе 2, а по номеру относится к разделу 1"),
    ],
)
def test_numbering(body, code, message):
    found = [f for f in _st(_act(body)) if f.code == code]
    assert [f.message for f in found] == [message]


def test_empty_section():
    body = ("1. Общие положения\n\n1.1. Текст.\n\n2. Права участников образовательных отношений\n\n"
            "3. Заключительные положения\n\n3.1. Текст.\n")
    found = [f for f in _st(_act(body)) if f.code == "ST012"]
    assert len(found) == 1
    assert "2 «Права участников образовательных отношений»" in found[0].message


@pytest.mark.parametrize(
    ("phrase", "text", "suggestion"),
    [
        ("с «05» июня 2024 г.", "«05» июня 2024 г.", "5 июня 2024 г."),
        ("с 5.06.2024", "5.06.2024", "05.06.2024"),
        ("с 05.06.2024 года", "05.06.2024 года", "05.06.2024"),
        ("с 5 июня 2024г.", "5 июня 2024г.", "5 июня 2024 г."),
    ],
)
def test_date_format(phrase, text, suggestion):
    body = f"1. Общие положения\n\n1.1. Положение действует {phrase}.\n"
    found = [f for f in _st(_act(body)) if f.code == "ST008"]
    assert [(f.text, f.suggestion) for f in found] == [(text, suggestion)]


@pytest.mark.parametrize("phrase", ["с 05.06.2024", "с 5 июня 2024 г.", "с 5 июня 2024 года"])
def test_good_dates_are_not_flagged(phrase):
    body = f"1. Общие положения\n\n1.1. Положение действует {phrase}.\n"
    assert "ST008" not in _codes(_act(body))


@pytest.mark.parametrize(
    ("title", "wrong", "right"),
    [
        ("ПОРЯДОК", "Настоящее Положение", "Настоящий Порядок"),
        ("ПОРЯДОК", "настоящего Положения", "настоящего Порядка"),
        ("ПОЛОЖЕНИЕ", "настоящем Порядке", "настоящем Положении"),
        ("ПРАВИЛА", "настоящим Положением", "настоящими Правилами"),
        ("ИНСТРУКЦИЯ", "настоящего Порядка", "настоящей Инструкции"),
    ],
)
def test_kind_contradiction_inflects(title, wrong, right):
    text = f"{title}\n\nоб использовании ИКОП «Сферум»\n\n1. Общие положения\n\n1.1. Требования {wrong} обязательны.\n"
    found = [f for f in _st(text) if f.code == "ST009"]
    assert [(f.text, f.suggestion) for f in found] == [(wrong, right)]


@pytest.mark.parametrize(
    ("ending", "severity"),
    [
        ("Вопросы решает директор,", "warning"),
        ("Вопросы решает директор и", "warning"),
        ("Вопросы решает дирек-", "error"),
        ("Вопросы направляются по адресу https://sfer", "error"),
    ],
)
def test_truncated(ending, severity):
    found = [f for f in _st(_act(f"1. Общие положения\n\n1.1. {ending}\n")) if f.code == "ST010"]
    assert [f.severity for f in found] == [severity]


@pytest.mark.parametrize("ending", ["Вопросы решает директор.", "Вопросы решает директор (заведующий)."])
def test_not_truncated(ending):
    assert "ST010" not in _codes(_act(f"1. Общие положения\n\n1.1. {ending}\n"))


def test_annex_after_final_provisions_is_allowed():
    text = CLEAN_ACT + "\nПриложение 1\nк Положению\n\n" + "Перечень ресурсов для обучения с описанием. " * 10 + "\n"
    assert "ST011" not in _codes(text)


def test_short_note_after_final_provisions_is_allowed():
    assert "ST011" not in _codes(CLEAN_ACT + "\nДиректор ____________ И.И. Иванов\n")


def test_consent_in_the_body_counts():
    text = CLEAN_ACT.replace("С учетом мнения Совета обучающихся (протокол от 29.08.2024 № 1)\n"
                             "и Совета родителей (протокол от 29.08.2024 № 1)\n", "")
    assert "ST007" in _codes(text)
    text += "\n3.3. Положение принято с учетом мнения совета обучающихся и совета родителей.\n"
    assert "ST007" not in _codes(text)


def test_preschool_asks_only_for_parents_council():
    text = ("УТВЕРЖДЕНО приказом заведующего от 01.09.2025 № 12\n\nПРИНЯТО педагогическим советом, протокол от "
            "29.08.2025 № 1\n\nПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в МБДОУ «Детский сад № 3»\n\n"
            "1. Общие положения\n\n1.1. Воспитатели общаются с родителями воспитанников в чатах группы.\n")
    found = [f for f in _st(text) if f.code == "ST007"]
    assert len(found) == 1
    assert "Совета родителей" in found[0].message and "обучающихся" not in found[0].suggestion
