"""Data-only rules (Vale's existence and substitution): the YAML file is the whole rule."""

from __future__ import annotations

import shutil

import pytest

import sferum_policy
from sferum_policy.checks.data_kinds import existence, substitution
from sferum_policy.errors import DataError
from sferum_policy.readers import read_string
from sferum_policy.rules import RULES
from sferum_policy.rules import catalogue as cat_mod
from sferum_policy.rules.model import Rule

_HEAD = "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"


def _rule(**over) -> Rule:
    data = {
        "code": "ZZ001", "name": "test-rule", "category": "risk", "severity": "warning", "fixable": "safe",
        "title": "Проверка", "why": "Потому что.", "fix": "Исправьте.", "kind": "substitution",
        "swap": {"вотсап\\w*": "WhatsApp", "эл\\. почт[аеуы]": "электронная почта"},
        "messages": {"found": "«{text}» → «{suggestion}»."},
        "examples": {"bad": ["а"], "good": ["б"]},
    }
    data.update(over)
    return Rule.model_validate(data)


def test_ks008_is_a_data_rule_reported_once_per_value():
    r = RULES["KS008"]
    assert r.kind == "existence" and r.once and r.nonword
    text = ("УТВЕРЖДЕНО\nприказом директора И.И. Иванова\nот «___» ________ 20__ г. № ____\n\n" + _HEAD
            + "1.1. Руководитель — И.И. Иванова; организация — [наименование организации].\n")
    found = list(existence(r, read_string(text)))
    assert [f.message for f in found] == [
        "Образец или незаполненный реквизит: «И.И. Иванова».",  # the second «И.И. Иванова» is not repeated
        "Образец или незаполненный реквизит: ««___»».",
        "Образец или незаполненный реквизит: «________ 20__».",
        "Образец или незаполненный реквизит: «№ ____».",
        "Образец или незаполненный реквизит: «[наименование организации]».",
    ]
    assert {f.suggestion for f in found} == {"впишите настоящее значение"}
    assert all(f.edit is None for f in found)  # fixable: none
    codes = [f.code for f in sferum_policy.check(text).findings]
    assert "KS008" in codes


def test_existence_reports_every_whole_word_occurrence():
    r = _rule(kind="existence", fixable="none", swap={}, tokens=("вотсап\\w*", "viber"),
              messages={"found": "Иностранный мессенджер: «{text}»."})
    doc = read_string(_HEAD + "1.1. Чаты ведутся в Вотсапе и Viber, а не в вотсапе-клоне; viberx — не слово списка.\n")
    found = list(existence(r, doc))
    assert [f.message for f in found] == ["Иностранный мессенджер: «Вотсапе».", "Иностранный мессенджер: «Viber»."]
    assert [f.text for f in found] == ["Вотсапе", "Viber"]


def test_substitution_carries_a_safe_edit_and_keeps_a_capital():
    r = _rule()
    doc = read_string(_HEAD + "1.1. Вотсап не используется; заявки — на эл. почту школы.\n")
    found = list(substitution(r, doc))
    assert [f.message for f in found] == ["«Вотсап» → «WhatsApp».", "«эл. почту» → «электронная почта»."]
    assert [(f.edit.replacement, f.edit.applicability) for f in found] == [("WhatsApp", "safe"),
                                                                           ("электронная почта", "safe")]
    assert doc.text[found[0].edit.start:found[0].edit.end] == "Вотсап"
    lower = _rule(swap={"в т\\.ч\\.": "в том числе"})
    first = next(substitution(lower, read_string(_HEAD + "1.1. В т.ч. родители.\n")))
    assert first.suggestion == "В том числе"


def test_substitution_overlaps_take_the_longest():
    r = _rule(swap={"эл\\.": "электронный", "эл\\. почт[аеуы]": "электронная почта"})
    found = list(substitution(r, read_string(_HEAD + "1.1. Пишите на эл. почту.\n")))
    assert [f.text for f in found] == ["эл. почту"]


@pytest.mark.parametrize(("over", "words"), [
    ({"kind": "existence", "swap": {}}, "нужен список слов (tokens)"),
    ({"swap": {}}, "нужна таблица замен"),
    ({"fixable": "unsafe"}, "fixable: safe"),
    ({"swap": {"(": "x"}}, "ошибка в регулярном выражении"),
    ({"messages": {"found": "«{word}»"}}, "неизвестная подстановка {word}"),
    ({"kind": "code", "fixable": "none"}, "только правилам видов existence и substitution"),
])
def test_data_rules_are_validated(tmp_path, over, words):
    import yaml

    root = tmp_path / "rules"
    (root / "risk").mkdir(parents=True)
    data = _rule().model_dump(mode="json")
    data.update(over)
    (root / "risk/ZZ001.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"ZZ001\.yaml:\d+: поле «\(корень\)»: ") as exc:
        cat_mod.load_catalogue(root)
    assert words in str(exc.value)


def test_a_substitution_rule_added_as_one_file_runs_in_check_and_fix(tmp_path, monkeypatch):
    """Adding a data rule is one YAML file: the pipeline reports it and ``fix`` applies its edit."""
    import yaml

    root = tmp_path / "rules"
    shutil.copytree(cat_mod.ROOT, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    data = _rule(code="RK090", name="messenger-spelling").model_dump(mode="json")
    (root / "risk/RK090.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setitem(cat_mod._CACHE, cat_mod.ROOT, cat_mod.load_catalogue(root))
    text = _HEAD + "1.1. Заявки принимаются по эл. почте.\n"
    report = sferum_policy.check(text)
    rk = [f for f in report.findings if f.code == "RK090"]
    assert [f.message for f in rk] == ["«эл. почте» → «электронная почта»."]
    assert rk[0].edit is not None and rk[0].edit.applicability == "safe"
    assert "RK090" not in {f.code for f in sferum_policy.check(text, ignore=["RK090"]).findings}
