"""The checker learns the review's lessons: a generated act is clean, the same act with each defect put back is not.

Each case takes a generated act (Markdown, as a user would check it), puts back the wording the
editor's review (December 2026) found, and expects the rule that names it; the untouched act has no
finding of any KS rule. Also: «д/с» is not a preposition; a MAX-only act is read as MAX only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import sferum_policy
from sferum_policy.generator.assemble import assemble
from sferum_policy.generator.markdown import render_markdown
from sferum_policy.generator.profile import parse_profile

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "samples" / "profiles"


def _md(library, registry, kind: str, **changes) -> str:
    data = yaml.safe_load((PROFILES / f"{kind}.yaml").read_text(encoding="utf-8"))
    data.setdefault("document", {})["as_of"] = "01.09.2026"
    for key, value in changes.items():
        target = data
        *path, last = key.split("__")
        for part in path:
            target = target.setdefault(part, {})
        target[last] = value
    act = assemble(parse_profile(yaml.safe_dump(data, allow_unicode=True), f"{kind}.yaml"), library, registry)
    return render_markdown(act)


def _codes(text: str) -> set[str]:
    return {f.code for f in sferum_policy.check(text).findings}


def _replace_point(text: str, start: str, new: str) -> str:
    """Replace the text of the point that begins with ``start`` (after its label) by ``new``."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        label, _, body = line.partition(" ")
        if label[:1].isdigit() and body.startswith(start):
            lines[i] = f"{label} {new}"
            return "\n".join(lines) + "\n"
    raise AssertionError(f"нет пункта «{start}»")


OLD_QUIET = ("Участникам образовательных отношений запрещается направлять через платформу сообщения и иную "
             "информацию с 21:00 до 07:00, а также в выходные и нерабочие праздничные дни, за исключением "
             "экстренных случаев, не терпящих отлагательства.")
OLD_MEETING = ("Если провести родительское собрание при личном присутствии невозможно, классный руководитель "
               "проводит его посредством видеосвязи на платформе.")
OLD_CRITICISM = ("В групповых чатах запрещается обсуждать личные вопросы конкретного обучающегося (успеваемость, "
                 "поведение, здоровье, семейные обстоятельства), а также публично критиковать обучающихся, их "
                 "родителей (законных представителей) и работников образовательной организации; такие вопросы "
                 "решаются в личной переписке или при личной встрече.")


@pytest.mark.parametrize("kind", ["preschool", "school", "boarding_school", "college", "additional", "district"])
def test_generated_act_has_no_kind_specific_finding(library, registry, kind):
    text = _md(library, registry, kind, options__quiet_hours=True)
    assert not {c for c in _codes(text) if c.startswith("KS")}


def test_blanket_messaging_ban_on_families_is_caught(library, registry):
    text = _md(library, registry, "school", options__quiet_hours=True)
    assert "KS003" in _codes(_replace_point(text, "Работникам Учреждения запрещается направлять", OLD_QUIET))


def test_meeting_by_video_without_alternative_is_caught(library, registry):
    text = _md(library, registry, "school")
    assert "KS004" in _codes(_replace_point(text, "Если провести родительское собрание", OLD_MEETING))


def test_ban_on_criticism_is_caught(library, registry):
    text = _md(library, registry, "school")
    assert "KS005" in _codes(_replace_point(text, "В групповых чатах не обсуждаются", OLD_CRITICISM))


def test_utverzhdayu_with_approval_by_order_in_the_text_is_caught(library, registry):
    text = _md(library, registry, "boarding_school")
    bad = text.replace("утверждается директором Учреждения", "утверждается приказом директора Учреждения")
    assert bad != text and "KS006" in _codes(bad)


def test_council_protocol_after_the_order_is_caught(library, registry):
    text = _md(library, registry, "school", adoption__date="05.09.2026")
    assert "KS007" in _codes(text)


@pytest.mark.parametrize(("kind", "change", "value"), [
    ("boarding_school", "organization__head__name", "И.И. Иванова"),  # УТВЕРЖДАЮ prints the head's name
    ("school", "organization__full_name", "Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1» г. Энска"),
    ("school", "approval__order_number", None),  # a blank «№ ____» left in the grif
    ("school", "adoption__date", None),
])
def test_placeholders_are_caught(library, registry, kind, change, value):
    text = _md(library, registry, kind, **{change: value})
    # a blank inside an approval or adoption mark is reported once, as a blank requisite (ST014, #14)
    assert {"KS008", "ST014"} & _codes(text)


def test_kindergarten_school_words_are_caught(library, registry):
    text = _md(library, registry, "preschool")
    bad = text.replace("сведения о здоровье, семье, развитии", "сведения о здоровье, семье, успеваемости")
    assert bad != text and "KS001" in _codes(bad)
    bad = text.replace("взаимодействия педагогических работников с родителями (законными представителями) "
                       "воспитанников", "взаимодействия педагогических работников, воспитанников и их родителей")
    assert bad != text and "KS001" in _codes(bad)


def test_college_parents_of_all_students_are_caught(library, registry):
    text = _md(library, registry, "college")
    bad = text.replace("студентами и родителями (законными представителями) несовершеннолетних студентов",
                       "студентами и их родителями (законными представителями)")
    assert bad != text and "KS002" in _codes(bad)


def test_d_s_is_not_a_preposition():
    text = ("ПОРЯДОК использования ИКОП «Сферум» в МБДОУ д/с «Колосок»\n1. Общие положения\n"
            "1.1. Настоящий Порядок действует в МБДОУ д/с «Колосок».\n")
    assert not [f for f in sferum_policy.check(text).findings if f.code == "TY006"]
    assert "TY006" in _codes("ПОЛОЖЕНИЕ\n1. Общие положения\n1.1. Учитель идет к родителями.\n")


def test_platforms_read_from_a_max_only_act(library, registry):
    report = sferum_policy.check(_md(library, registry, "school"))
    assert [str(p) for p in report.document.platform] == ["max"]  # not «max, web»: MAX's own web client
    web = sferum_policy.check("ПОЛОЖЕНИЕ\n1. Общие положения\n1.1. Участники работают через веб-версию платформы "
                              "и удаляют свой профиль (аккаунт).\n")
    assert [str(p) for p in web.document.platform] == ["web"]


def test_methodical_material_is_not_judged_as_a_binding_act():
    """A guide that lists what the platform can do («видеозвонки для проведения онлайн-занятий») binds nobody."""
    import sferum_policy

    guide = ("Методические рекомендации по работе с платформой\n"
             "Возможности платформы для педагога:\n"
             "- создание чатов класса;\n"
             "- видеозвонки для проведения онлайн-занятий;\n"
             "- обмен учебными материалами.\n")
    report = sferum_policy.check(guide, select=["KS"])
    assert report.document.doc_kind == "not_local_act"
    assert report.findings == []
    act = ("ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"
           "1.1. Родительские собрания проводятся посредством видеосвязи на платформе.\n")
    assert [f.code for f in sferum_policy.check(act, select=["KS"]).findings] == ["KS004"]
