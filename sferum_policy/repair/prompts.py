"""``modernize --interactive``: ask at the terminal only for what the old act does not state.

The validators are those of ``init`` (:mod:`sferum_policy.generator.prompts`): names are typed by the user,
a date or number left empty stays a visible blank in the act.
"""

from __future__ import annotations

from typing import Any

import click

from ..generator.prompts import _SKIP, _ask, _date, _name, _number, _optional, _text
from .profile_extract import ProfileExtraction


def ask_missing(x: ProfileExtraction) -> dict[str, Any]:
    """Ask for every missing field of ``x``; returns the answers by field key (empty answers left out)."""
    questions: list[tuple[str, str, Any, bool]] = [
        ("organization.full_name", "Полное наименование организации (как в уставе)", _text, True),
        ("organization.short_name", "Сокращенное наименование", _text, True),
        ("organization.locality", "Населенный пункт (Enter — не указывать)", _optional, False),
        ("organization.head.position", "Должность руководителя", _text, True),
        ("organization.head.name", "Фамилия и инициалы руководителя (например, А.В. Смирнова)", _name, True),
        ("approval.order_date", f"Дата приказа об утверждении ({_SKIP})", _date, False),
        ("approval.order_number", f"Номер приказа ({_SKIP})", _number, False),
    ]
    by_key = {v.key: v for v in x.values()}
    asked = [q for q in questions if q[0] in by_key and by_key[q[0]].missing]
    if x.adoption is not None:
        for v, proc in ((x.adoption.date, _date), (x.adoption.number, _number)):
            if v.missing:
                asked.append((v.key, f"{v.label[:1].upper()}{v.label[1:]} ({_SKIP})", proc, False))
    elif x.kind.value != "district":
        asked.append(("adoption.body", "Кто принимает акт, например «педагогический совет» (Enter — никто)", _optional,
                      False))
    if not asked:
        return {}
    click.echo("В прежнем акте нет этих сведений — ответьте на вопросы (Enter — оставить пропуск):", err=True)
    answers: dict[str, Any] = {}
    for key, text, proc, required in asked:
        kw: dict[str, Any] = {"value_proc": proc}
        if not required:
            kw.update(default="", show_default=False)
        value = _ask(text, **kw)
        if value not in (None, ""):
            answers[key] = value
        if key == "adoption.body" and value:
            answers["adoption.date"] = _ask(f"  Дата протокола ({value}; {_SKIP})", default="", show_default=False,
                                            value_proc=_date)
            answers["adoption.number"] = _ask(f"  Номер протокола ({value}; {_SKIP})", default="", show_default=False,
                                              value_proc=_number)
    return answers
