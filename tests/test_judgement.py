"""Judgement on acts nobody here wrote: names, one report per defect, page titles, OCR noise (invented texts)."""

from __future__ import annotations

import pytest

from sferum_policy import check
from sferum_policy.checks.typos.names import document_names, looks_like_name, regions

_HEAD = "ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n\n1. Общие положения\n"


def _typos(text: str) -> list:
    return [f for f in check(text, select=["TY"]).findings]


@pytest.mark.parametrize("sentence", [
    "1.1. Ответственный за работу платформы — заместитель директора Харчевникова О.П.",
    "1.1. Занятия проводятся в с. Кужебаево и в д. Малые Вишеры.",
    "1.1. Положение действует в ГБОУ ЛО «Кировская школа» и в МБОУ СО «Школа № 3».",
    "1.1. Положение действует в ГБОУ РСО-Алания «Школа № 2».",
    "1.1. Положение подписал директор ________ /Гаджимурадова З.Р./",
    "1.1. Школа имени А.П. Кужугета использует платформу.",
])
def test_names_are_not_typos(sentence):
    assert _typos(_HEAD + sentence + "\n") == []


def test_a_real_typo_next_to_names_is_still_found():
    found = _typos(_HEAD + "1.1. Заместитель директора Харчевникова О.П. организует обучение педагогов рабте "
                   "с платформой.\n")
    assert [f.text for f in found] == ["рабте"]


def test_name_tags_of_the_dictionary():
    assert looks_like_name("Гаджимурадова")
    assert not looks_like_name("Платформа")


def test_document_names_from_initials_places_signatures():
    names = document_names("директор Е.Н. Сидоренко, с. Хумалаг, ______ /Петрова/, имени Н.И. Кузнецова")
    assert {"сидоренко", "хумалаг", "петрова", "кузнецова"} <= names


def test_regions_list_is_valid():
    r = regions()
    assert {"ЛО", "СО", "РСО-Алания"} <= r
    assert all(x == x.strip() and x[:1].isupper() for x in r)


def test_bad_region_line_is_refused(tmp_path, monkeypatch):
    from sferum_policy.checks.typos import names

    bad = tmp_path / "regions.txt"
    bad.write_text("ЛО\nлено\n", encoding="utf-8")
    monkeypatch.setattr(names, "DATA", bad)
    names.regions.cache_clear()
    try:
        with pytest.raises(ValueError, match="не аббревиатура"):
            names.regions()
    finally:
        names.regions.cache_clear()


def test_one_report_per_defect_misspelt_act_number():
    text = (_HEAD + "1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-Ф3 "
            "«Об образовании в Российской Федерации».\n")
    found = [f for f in check(text).findings if f.text and "273-Ф3" in f.text]
    assert len(found) == 1 and not found[0].code.startswith("TY")  # one report (OCR repair or LR007), no «273-Фз»
    assert "273-ФЗ" in (found[0].suggestion or "")


def test_no_fix_equal_to_the_original():
    for f in check(_HEAD + "1.1. Организация ГБОУ РСО-Алания «Лицей» использует платформу.\n").findings:
        assert f.suggestion is None or f.text is None or f.suggestion.strip() != f.text.strip()


def test_ocr_noise_around_at_sign_is_not_an_address():
    text = _HEAD + "1.1. Положение разработано в соответствии с 4l-@3 «Об образовании».\n"
    assert not [f for f in check(text).findings if f.code.startswith("CT")]


def test_page_title_above_the_act_is_no_contradiction():
    text = ("Правила поведения в родительских чатах\n\nПОЛОЖЕНИЕ\nоб этике общения в родительских чатах\n\n"
            "1. Общие положения\n1.1. Настоящее Положение определяет правила общения родителей в чатах.\n")
    assert "ST009" not in {f.code for f in check(text).findings}


def test_a_real_contradiction_of_kind_is_still_found():
    text = ("ПОЛОЖЕНИЕ\nоб этике общения в родительских чатах\n\n"
            "1. Общие положения\n1.1. Настоящие Правила определяют правила общения родителей в чатах.\n")
    assert "ST009" in {f.code for f in check(text).findings}


@pytest.mark.parametrize(("head", "consent"), [
    ("ПРИНЯТО: на заседании Совета родителей\nпротокол № 2 от 30.08.2024\n", True),
    ("РАССМОТРЕНО\nна заседании Совета родителей (протокол № 1 от 30.08.2024)\n", True),
    ("ПРИНЯТО\nна педагогическом совете, протокол № 1 от 30.08.2024\n", False),
])
def test_councils_opinion_in_its_real_forms(head, consent):
    from sferum_policy.pipeline import load_document

    doc = load_document(head + "\n«Утверждаю»\nДиректор ______ А.А. Орлова\n\n" + _HEAD
                        + "1.1. Настоящее Положение определяет порядок использования платформы.\n")
    kinds = {r.kind for r in doc.meta.requisites}
    assert ("consent" in kinds) is consent
    assert "approval" in kinds


@pytest.mark.parametrize("mark", ["У Т В Е Р Ж Д А Ю", "Утверждено:", "«Утверждаю»", "\"Утверждаю\""])
def test_approval_marks_in_real_forms(mark):
    from sferum_policy.pipeline import load_document

    doc = load_document(f"{mark}\nДиректор МБОУ «СОШ № 5»\nприказ от 30.08.2024 № 12\n\n" + _HEAD
                        + "1.1. Настоящее Положение определяет порядок использования платформы.\n")
    assert "approval" in {r.kind for r in doc.meta.requisites}


def test_staff_act_owes_no_councils_opinion():
    text = ("УТВЕРЖДЕНО\nприказом директора от 30.08.2024 № 12\n\nПРИНЯТО\nпедагогическим советом, протокол от "
            "29.08.2024 № 1\n\nПОРЯДОК\nдоступа педагогических работников к информационным ресурсам\n\n"
            "1. Общие положения\n1.1. Настоящий Порядок определяет доступ педагогических работников к ресурсам.\n")
    assert "ST007" not in {f.code for f in check(text).findings}


@pytest.mark.parametrize(("head", "blank"), [
    ("ПРИНЯТО\nпедагогическим советом, протокол от ______ 2025 № ___\n", True),
    ("ПРИНЯТО\nпедагогическим советом\nпротокол № .\n", True),
    ("ПРИНЯТО\nпедагогическим советом, протокол от 29.08.2024 № 1\n", False),
])
def test_blank_requisites(head, blank):
    text = (head + "\nУТВЕРЖДЕНО\nприказом директора от 30.08.2024 № 12\n\n" + _HEAD
            + "1.1. Настоящее Положение определяет порядок использования платформы.\n")
    assert ("ST014" in {f.code for f in check(text).findings}) is blank


@pytest.mark.parametrize(("sentence", "wrong", "fix"), [
    ("1.1. Кружки ведёт клуб «Военно патриотическое объединение».", "Военно патриотическое", "Военно-патриотическое"),
    ("1.1. Платформа входит в научно - методическую работу школы.", "научно - методическую",
     "научно-методическую"),
    ("1.1. Положение принято в соответствии с Уставом, часть 2 статьи 13 Закона.", "часть", "частью"),
    ("1.1. Положение о организации обучения действует с 1 сентября.", "о", "об"),
    ("1.1. Положение утверждено 5 сентябр 2023 года.", "сентябр", "сентября"),
])
def test_phrase_grammar(sentence, wrong, fix):
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + sentence + "\n")]
    assert (wrong, fix) in found


def test_according_list_over_paragraphs():
    text = (_HEAD + "1.1. Положение разработано в соответствии с:\nФедеральным законом от 27.07.2006 № 149-ФЗ;\n"
            "Гигиенических нормативов к условиям обучения;\nприказом Минпросвещения России.\n")
    found = [(f.text, f.suggestion) for f in _typos(text)]
    assert ("Гигиенических нормативов", "Гигиеническими нормативами") in found


@pytest.mark.parametrize("sentence", [
    "1.1. Это достаточно важный документ для участников.",
    "1.1. Занятия проводятся в соответствии с расписанием, утвержденным директором, и требованиями СанПиН.",
    "1.1. Обработка ведется в соответствии с законом, предусматривающим обработку данных.",
    "1.1. Платформа (далее – образовательная платформа) доступна всем.",
    "1.1. Положение о использовании платформы не применяется.",
])
def test_phrase_grammar_leaves_right_text_alone(sentence):
    if "о использовании" in sentence:
        sentence = sentence.replace("о использовании", "об использовании")
    assert _typos(_HEAD + sentence + "\n") == []


@pytest.mark.parametrize(("sentence", "fires"), [
    ("1.1. Положение действует в МБОУ «МБОУ «Школа № 4»».", True),
    ("1.1. Правила чатов в МБОУ . распространяются на всех.", True),
    ("1.1. Положение действует в МБОУ «Школа № 4» (далее – МБОУ).", False),
    ("1.1. Приказ от 15.03.2089 № 5 утвердил Положение.", False),
])
def test_organisation_name(sentence, fires):
    assert ("ST017" in {f.code for f in check(_HEAD + sentence + "\n").findings}) is fires


def test_organisation_name_quoted_two_ways():
    text = ("Частное образовательное учреждение «Лицей «Новая школа»\n\n" + _HEAD
            + "1.1. Положение действует в ЧОУ «Лицей Новая школа».\n")
    assert "ST017" in {f.code for f in check(text).findings}


@pytest.mark.parametrize(("sentence", "fires"), [
    ("1.1. Приказ от 15.03.2089 № 5 утвердил Положение.", True),
    ("1.1. Приказ от 31.02.2024 № 5 утвердил Положение.", True),
    ("1.1. Распоряжение 12.04.2093 N 77-р действует.", True),
    ("1.1. Приказ от 01.09.2024 № 5 утвердил Положение; СП 2.4.3648-20 действует до 01.01.2027.", False),
])
def test_impossible_dates(sentence, fires):
    report = check(_HEAD + sentence + "\n", as_of=__import__("datetime").date(2026, 12, 1))
    assert ("ST016" in {f.code for f in report.findings}) is fires


def test_transposed_abbreviation():
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + "1.1. Школа использует ИКПО «Сферум» для общения.\n")]
    assert ("ИКПО", "ИКОП") in found


@pytest.mark.parametrize(("sentence", "wrong", "fix"), [
    ("1.1. Администратор выбирается из числа сотрудников образовательней организации.", "образовательней",
     "образовательной"),
    ("1.1. Классный руководитель поддерживает н развивает общение в чате.", "н", "и"),
    ("1.1. Положение утверждено приказом № 12 ст 30.09.2024.", "ст", "от"),
    ("1.1. Учитель координирует процессы но использованию платформы.", "но", "по"),
])
def test_real_word_errors(sentence, wrong, fix):
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + sentence + "\n")]
    assert (wrong, fix) in found


@pytest.mark.parametrize("sentence", [
    "1.1. Платформа удобна, но использование её добровольно.",
    "1.1. Участники общаются в чате и т. п. по вопросам обучения.",
    "1.1. Директор А.В. Смирнова утверждает план.",
])
def test_real_word_rules_leave_right_text_alone(sentence):
    assert _typos(_HEAD + sentence + "\n") == []


def test_frequency_list_ships_offline():
    from sferum_policy.checks.typos.freq import zipf

    assert zipf("канал") > zipf("капал") + 1.5


def test_foreign_messengers_as_the_place_of_parents_chats():
    text = _HEAD + "1.1. Родительские чаты классов создаются в WhatsApp или Telegram классным руководителем.\n"
    assert "RK002" in {f.code for f in check(text).findings}
    ok = _HEAD + "1.1. Родительские чаты классов создаются в ИКОП «Сферум»; WhatsApp и Telegram не используются.\n"
    assert "RK002" not in {f.code for f in check(ok).findings}


def test_a_letter_lost_in_a_common_adjective():
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + "1.1. Для родителей проводятся отельные консультации.\n")]
    assert ("отельные", "отдельные") in found


def test_rare_but_right_words_stay():
    text = _HEAD + ("1.1. Педагог размещает сведения о вязаных изделиях и кружках гончарного мастерства; родители "
                    "воспитанников ясельных групп получают уведомления о прививочных кампаниях.\n")
    assert _typos(text) == []


def test_issuer_torn_by_a_space():
    # rejoined once: by the OCR repair of split words (OC003) or the typo check (TY001)
    found = [(f.text, f.suggestion) for f in check(_HEAD + "1.1. Учитываются письма Мин цифры России.\n").findings
             if f.suggestion == "Минцифры"]
    assert found == [("Мин цифры", "Минцифры")]


def test_short_adjective_before_its_noun_lost_its_ending():
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + "1.1. Чаты ведутся в муниципально учреждении.\n")]
    assert ("муниципально", "муниципальном") in found
    assert _typos(_HEAD + "1.1. Материалы доступны обучающимся; это важно родителям.\n") == []


@pytest.mark.parametrize(("sentence", "wrong", "fix"), [
    ("1.1. Положение принято Правительством соответствии с законом.", "соответствии", "в соответствии"),
    ("1.1. Школа «Омега»разработала положение.", "Омега»разработала", "Омега» разработала"),
])
def test_lost_preposition_and_space(sentence, wrong, fix):
    assert (wrong, fix) in [(f.text, f.suggestion) for f in _typos(_HEAD + sentence + "\n")]


def test_a_line_broken_after_v_is_no_lost_preposition():
    assert _typos(_HEAD + "1.1. Положение принято в\n\nсоответствии с законом.\n") == []


def test_no_fix_for_a_word_cut_by_the_end_of_the_text():
    report = check(_HEAD + "1.1. Положение определяет порядок использования платформы в общеобразовател")
    assert not [f for f in report.findings if f.code.startswith(("TY", "OC"))]
    assert "ST010" in {f.code for f in report.findings}


def test_page_title_glued_to_the_acts_own_title():
    text = ("Правила пользования мессенджером — сайт школы Положение о применении мессенджеров\n\n"
            "1. Общие положения\n1.1. Настоящее положение устанавливает правила применения мессенджеров.\n")
    assert "ST009" not in {f.code for f in check(text).findings}


@pytest.mark.parametrize("sentence", [
    "1.1. Речь идёт только о работе в ФГИС «Моя школа».",
    "1.1. Требования к оформлению в новом стандарте те же.",
    "1.1. С 01.09.2025 мессенджер входит в перечень программ для предустановки.",
])
def test_old_real_word_false_flags_are_gone(sentence):
    assert _typos(_HEAD + sentence + "\n") == []


def test_act_number_misprinted_inside_the_cited_title():
    text = (_HEAD + "1.1. Положение разработано в соответствии с постановлением Главного государственного санитарного "
            "врача РФ от 28.09.2020 № 28 «Об утверждении санитарных правил СП 2.4.3648.20 «Санитарно-эпидемиологические "
            "требования к организациям воспитания и обучения, отдыха и оздоровления детей и молодежи»».\n")
    found = [f for f in check(text, select=["LR"]).findings if f.code in ("LR005", "LR007")]
    assert [(f.code, f.suggestion) for f in found] == [("LR007", "СП 2.4.3648-20")]


def test_compound_the_acts_write_with_a_hyphen():
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + "1.1. Платформа — информационно коммуникационная "
                                                    "система для общения.\n")]
    assert ("информационно коммуникационная", "информационно-коммуникационная") in found


def test_full_agreement_phrase_keeps_its_adjective():
    assert _typos(_HEAD + "1.1. Платформа используется в полном соответствии с законом.\n") == []


def test_placeholder_date_is_not_an_impossible_date():
    report = check(_HEAD + "1.1. Положение утверждено приказом от 00.00.0000 № 1.\n")
    assert "ST016" not in {f.code for f in report.findings}


def test_patronymic_without_its_ending():
    found = [(f.text, f.suggestion) for f in _typos(_HEAD + "1.1. Назначить ответственной Иванову Марию Петровн;\n")]
    assert ("Петровн", "Петровну") in found
    assert _typos(_HEAD + "1.1. Ответственная — Иванова Мария Петровна.\n") == []


def test_legal_forms_and_quoted_names_keep_their_form():
    text = _HEAD + ("1.1. Положение действует в мадоу «Детский сад № 5», в мкдоу № 3 и в гбпоу ко «Колледж», "
                    "а также в газете «Правда».\n")
    assert _typos(text) == []


def test_second_stem_of_a_compound_is_not_split_as_glued_words():
    report = check(_HEAD + "1.1. Платформа обеспечивает информационно-технологическо взаимодействие участников.\n")
    fixes = [(f.text, f.suggestion) for f in report.findings if f.suggestion and f.text and "технологическ" in f.text]
    assert fixes == [("информационно-технологическо", "информационно-технологическое")]


def test_a_header_run_on_into_the_text_is_no_lexicon_of_names():
    # the whole first line is read as the organisation's name: only its quoted part is a name
    text = ("Муниципальное бюджетное учреждение «Спортивная школа» ПРИКАЗ 01.02.2025 № 5 О назначении ответственных "
            "за использование платформы для предоставлени услуг и внедрения ИКОП «Сферум» в работу школы, "
            "а также для организации чатов.\n1. Назначить ответственным методиста.\n")
    assert ("предоставлени", "предоставления") in [(f.text, f.suggestion) for f in _typos(text)]
