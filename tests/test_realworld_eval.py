"""The judgement harness scores what it should: a tiny invented corpus in the shape of realworld-dev."""

from __future__ import annotations

import textwrap

import yaml

from benchmarks.realworld_eval import evaluate, section, totals

_TEXT = textwrap.dedent("""\
    УТВЕРЖДЕНО
    приказом директора от 30.08.2024 № 12

    ПРИНЯТО
    педагогическим советом, протокол от 29.08.2024 № 1

    С учетом мнения Совета обучающихся и Совета родителей (протокол от 28.08.2024 № 1)

    ПОЛОЖЕНИЕ
    об использовании ИКОП «Сферум»

    1. Общие положения
    1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-Ф3 «Об образовании в Российской Федерации» и Федеральным законом от 27.07.2006 № 149-ФЗ «Об информации, информационных технологиях и о защите информации».
    1.2. Ответственный за платформу — заместитель директора Кужугетова Айлана Орлановна.
    1.3. Участники общаются в чатах платформы в рабочее время.
    """)


def _corpus(tmp_path, labels):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "001.txt").write_text(_TEXT, encoding="utf-8")
    (tmp_path / "labels.yaml").write_text(yaml.safe_dump({"version": 1, "texts": {"001": labels}}, allow_unicode=True),
                                          encoding="utf-8")
    return tmp_path


def test_a_defect_found_with_the_right_fix_and_a_name_left_alone(tmp_path):
    corpus = _corpus(tmp_path, {
        "defects": [{"cat": "legal_ref", "quote": "273-Ф3", "fix": "273-ФЗ", "minor": False}],
        "traps": [{"quote": "Кужугетова", "codes": ["TY*"], "why": "фамилия"}],
        "skip": [],
    })
    results = evaluate(corpus)
    t = totals(results)
    assert (t.defects, t.hit) == (1, 1)
    assert t.per_cat == {"legal_ref": [1, 1]}
    assert t.traps_hit == 0 and t.name_traps_hit == 0
    assert t.fixes_right == 1 and t.fixes_wrong == 0
    assert t.ew_wrong == 0 and t.ew_right >= 1
    assert "273-Ф3" not in section(results)  # the section names texts and codes, never quotes


def test_a_trap_hit_and_a_missed_defect_are_counted(tmp_path):
    corpus = _corpus(tmp_path, {
        # a defect nothing reports, and a «must not flag» place the checks do flag
        "defects": [{"cat": "typo", "quote": "рабочее время", "fix": "рабочее время.", "minor": False}],
        "traps": [{"quote": "273-Ф3", "codes": ["LR007", "OC002"], "why": "ловушка для проверки счёта"}],
        "skip": [],
    })
    t = totals(evaluate(corpus))
    assert (t.defects, t.hit) == (1, 0)
    assert t.traps_hit == 1 and t.ew_wrong == 1


def test_missing_corpus_is_skipped_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("SFERUM_REALWORLD_DEV", str(tmp_path / "absent"))
    assert evaluate() == []
    assert "не найдена" in section([])
