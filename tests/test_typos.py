"""The typo check (TY001…TY007) on the samples and on small fragments."""

from __future__ import annotations

from datetime import date

import pytest

import sferum_policy
from sferum_policy.checks import load_checks
from sferum_policy.rules import RULES

AS_OF = date(2026, 11, 23)


def _typos(source) -> list:
    rep = sferum_policy.check(source, as_of=AS_OF)
    return [f for f in rep.findings if f.category.value == "typo"]


@pytest.fixture(scope="module")
def sample_findings(samples) -> dict[str, list]:
    return {sid: _typos(path) for sid, path in samples.items()}


def test_sample_001_must_hold(sample_findings):
    found = {(f.text, f.suggestion) for f in sample_findings["001"]}
    for pair in [
        ("ИКОН", "ИКОП"),
        ("видсо-конфсрснц-связи", "видео-конференц-связи"),
        ("капал", "канал"),
        ("нрава", "права"),
        ("Сфсрум", "Сферум"),
        ("поддержкипо", "поддержки по"),
        ("па", "на"),
        ("создаст", "создает"),
        ("о использованию", "по использованию"),
    ]:
        assert pair in found, pair
    assert len(found) >= 9
    assert len(sample_findings["001"]) >= 10


def test_emails_urls_and_domain_words_never_flagged(sample_findings):
    words = {"Сферум", "ИКОП", "VK-мессенджер", "вебинары", "Учительская", "prof-sferum.ru", "sfcrum", "sferum"}
    for sid, findings in sample_findings.items():
        for f in findings:
            assert not any(w in (f.text or "") for w in words), (sid, f.text)
            assert "@" not in (f.text or "") and "http" not in (f.text or "")


def test_few_false_flags_on_clean_samples(sample_findings, samples):
    from pathlib import Path

    import yaml

    labels = yaml.safe_load((Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "sample_typos.yaml").read_text("utf-8"))
    for sid in ("000", "002", "003", "004"):
        known = {e["text"] for e in labels[sid]}
        false = [f.text for f in sample_findings[sid] if f.text not in known]
        words = len(samples[sid].read_text("utf-8").split())
        assert len(false) * 1000 / words <= 2.0, (sid, false)


def test_findings_point_at_the_wrong_text(samples):
    doc = sferum_policy.read(samples["001"])
    rep = sferum_policy.check(doc, as_of=AS_OF, select=["TY"])
    assert rep.findings
    for f in rep.findings:
        assert f.code.startswith("TY") and f.suggestion and f.suggestion != f.text
        assert doc.text[f.location.start:f.location.end] == f.text


@pytest.mark.parametrize(
    ("text", "code", "wrong", "right"),
    [
        ("1.1. Педагог размещает сообщения в чатe класса.", "TY002", "чатe", "чате"),
        ("1.1. Закон о 3ащите информации соблюдается.", "TY002", "3ащите", "защите"),
        ("1.1. Платформа является информационнокоммуникационной системой.", "TY004", "информационнокоммуникационной", "информационно-коммуникационной"),
        ("1.1. Занятия проводятся с применение дистанционных технологий.", "TY006", "с применение", "с применением"),
        ("1.1. Вопросы, неурегулированные настоящим Положениям, решает директор.", "TY006", "Положениям", "Положением"),
        ("1.1. Родители вступают в классных и родительским чатам.", "TY006", "классных", "классным"),
        ("1.1. Администратор ведет системные каналы: Общий капал школы, канал Сотрудники.", "TY005", "капал", "канал"),
        ("1.1. Пользователям запрещено нарушать нрава и интересы других лиц.", "TY005", "нрава", "права"),
        ("1.1. Настоящее положение действует в ИКОН «Сферум».", "TY007", "ИКОН", "ИКОП"),
        ("1.1. Участники соблюдают правила общения в мессенджере и обьявления.", "TY001", "обьявления", "объявления"),
        ("1.1. Положение определяет порядок использования платформы в образоватльной организации.", "TY001", "образоватльной", "образовательной"),
    ],
)
def test_fragments(text, code, wrong, right):
    found = [(f.code, f.text, f.suggestion) for f in _typos(text)]
    assert (code, wrong, right) in found


@pytest.mark.parametrize(
    "text",
    [
        "1.1. Информационно-коммуникационная образовательная платформа «Сферум» (далее – ИКОП «Сферум») используется в МБОУ СОШ № 5.",
        "1.2. Директор С.Г. Петрова утверждает Положение; адрес: info@sfcrum.ru, сайт https://prof-sferum.ru.",
        "1.3. Учителя проводят вебинары в VK-мессенджере и в мессенджере MAX, создают чаты онлайн.",
        "1.4. В дальнейшем учитель создает чаты для учебного и воспитательного процессов.",
        "1.5. Участники имеют право на обращение в службу поддержки по адресу электронной почты.",
    ],
)
def test_clean_fragments_are_not_flagged(text):
    assert _typos(text) == []


def test_defined_abbreviation_is_respected():
    text = "1.1. Единая образовательная сеть (далее – ЕОС) доступна всем. 1.2. Работа в ЕОС бесплатна."
    assert [f for f in _typos(text) if f.code == "TY007"] == []


def test_rules_registered_with_examples():
    load_checks()
    codes = sorted(c for c in RULES if c.startswith("TY"))
    assert codes == [f"TY00{i}" for i in range(1, 9)]
    for code in codes:
        r = RULES[code]
        assert r.category.value == "typo" and r.bad and r.good
        assert any(f.code == code for f in _typos(r.bad)), code
        assert not [f for f in _typos(r.good) if f.code == code], code
