"""Legal-risk findings (RK codes): compulsory platform use, foreign messengers."""

from __future__ import annotations

from datetime import date

import pytest

import sferum_policy

AS_OF = date(2026, 11, 23)
HEAD = "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"


def _codes(text: str) -> list[str]:
    return [f.code for f in sferum_policy.check(HEAD + text, as_of=AS_OF, select=["RK"]).findings]


@pytest.mark.parametrize(
    "text",
    [
        "1.1. Родители (законные представители) обязаны зарегистрироваться в ИКОП «Сферум».\n",
        "1.1. Обучающиеся в обязательном порядке устанавливают приложение MAX — обучающиеся должны установить MAX.\n",
        "1.1. Участники образовательных отношений обязаны установить национальный мессенджер MAX.\n",
        "1.1. Для родителей обязательна регистрация на платформе «Сферум».\n",
        "1.1. Регистрация на платформе «Сферум» обязательна для всех обучающихся и их родителей.\n",
        "1.1. Подключение семей к чатам класса в MAX является обязательным.\n",
    ],
)
def test_compulsory_use_without_alternative(text):
    assert _codes(text).count("RK001") == 1


@pytest.mark.parametrize(
    "text",
    [
        # an alternative for families who refuse
        "1.1. Родители обязаны зарегистрироваться в ИКОП «Сферум».\n"
        "1.2. В случае отказа от использования платформы информирование осуществляется по телефону.\n",
        # staff, not families
        "1.1. Педагогические работники обязаны зарегистрироваться в ИКОП «Сферум».\n",
        # obligations of those who already use it
        "1.1. Обучающиеся, использующие платформу, обязаны соблюдать правила использования чатов.\n",
        # voluntary
        "1.1. Родители могут зарегистрироваться в «Сферуме» по желанию.\n",
    ],
)
def test_no_compulsory_finding(text):
    assert "RK001" not in _codes(text)


def test_foreign_messenger_allowed():
    r = sferum_policy.check(HEAD + "1.1. Допускается информирование родителей через WhatsApp и Viber.\n", as_of=AS_OF,
                            select=["RK"])
    (f,) = r.findings
    assert f.code == "RK002" and f.act_id == "fz-41-2025" and "WhatsApp" in f.message
    assert f.text.startswith("Допускается")


@pytest.mark.parametrize(
    "text",
    [
        "1.1. Запрещается использование иностранных мессенджеров (WhatsApp, Telegram) для официального общения.\n",
        "1.1. Вместо чатов в Telegram используется ИКОП «Сферум».\n",
    ],
)
def test_foreign_messenger_forbidden_is_fine(text):
    assert "RK002" not in _codes(text)


def test_samples_have_no_risk_findings_but_the_vk_era(samples):
    # 002 even has a refusal clause (4.2); 004 only speaks of teachers' mandatory role confirmation.
    # 000, 001, 002 and 004 (2024) tie «Сферум» to VK Мессенджер only: RK004 since MAX replaced it in 2025.
    vk_era = {"000", "001", "002", "004"}
    for key, path in samples.items():
        codes = [f.code for f in sferum_policy.check(path, as_of=AS_OF, select=["RK"]).findings]
        assert codes == (["RK004"] if key in vk_era else []), key


def test_messages_read_from_the_rule_templates_are_unchanged():
    """RK001–RK003 are not in the snapshots: their messages, now templates in the rule files, read word for
    word as they did when they were written in the code."""
    from sferum_policy import check
    from sferum_policy.rules import RULES

    expected = {
        "RK001": "Акт обязывает обучающихся или родителей пользоваться платформой (регистрироваться, устанавливать "
                 "приложение, общаться только через нее) и не предусматривает другого способа связи для семей, "
                 "которые отказываются.",
        "RK002": "Иностранный мессенджер (WhatsApp) назван допустимым каналом официального общения.",
        "RK003": "Акт получает согласие в составе другого документа или действия (заявления, договора, самого акта, "
                 "регистрации); с 01.09.2025 согласие на обработку персональных данных — отдельный документ "
                 "(ст. 9 Федерального закона № 152-ФЗ в редакции Федерального закона № 156-ФЗ).",
    }
    for code, message in expected.items():
        found = check(RULES[code].examples.bad[0], select=["RK"]).findings
        assert [f.message for f in found if f.code == code] == [message]
