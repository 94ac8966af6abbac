"""The subject of an act decides whether the clause library of the platform applies (invented acts)."""

from __future__ import annotations

import pytest

from sferum_policy import check
from sferum_policy.subject import load_subjects

_BODY = (
    "1. Общие положения\n"
    "1.1. Настоящее Положение определяет порядок {what} в образовательной организации.\n"
    "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации».\n"
)


def _act(title: str, what: str) -> str:
    return f"ПОЛОЖЕНИЕ\n{title}\n\n" + _BODY.format(what=what)


@pytest.mark.parametrize(("title", "what", "subject"), [
    ("об электронном обучении и применении дистанционных образовательных технологий",
     "применения электронного обучения", "elearning"),
    ("об электронной информационно-образовательной среде", "работы электронной среды", "eios"),
    ("об этике общения в родительских чатах", "общения родителей в чатах", "chat_ethics"),
    ("об использовании ИКОП «Сферум»", "использования платформы", "platform"),
])
def test_subject_from_title(title, what, subject):
    report = check(_act(title, what))
    assert report.document.subject == subject


def test_library_scored_only_on_platform_acts():
    elearning = check(_act("о дистанционном обучении", "применения дистанционных технологий"))
    assert not [f for f in elearning.findings if f.code.startswith("CL")]
    platform = check(_act("об использовании ИКОП «Сферум»", "использования платформы «Сферум»"))
    assert [f for f in platform.findings if f.code.startswith("CL")]


def test_section_with_heading_is_never_missing():
    # «1. Общие положения» is there: its unmatched clauses may be reported, the section never is
    report = check("ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n\n1. Общие положения\n"
                   "1.1. Учитель ведет журнал посещаемости занятий и отчитывается о нем.\n")
    assert "CL010" not in {f.code for f in report.findings}


def test_subjects_data_is_valid():
    table = load_subjects()
    ids = [s.id for s in table.subjects]
    assert len(ids) == len(set(ids))
    assert sum(s.library for s in table.subjects) == 1


def test_bad_pattern_is_refused(tmp_path):
    bad = tmp_path / "s.yaml"
    bad.write_text("opening: 10\nplatform_mentions: 2\nplatform_words: 'x'\nsubjects:\n"
                   "- {id: a, name: b, library: true, title: '(unclosed'}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="регулярное"):
        load_subjects.__wrapped__(bad)
