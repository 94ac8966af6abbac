"""The questions ``sferum-policy init`` asks at a terminal (click prompts in Russian).

Every requisite printed in the act is asked for. Names have no example defaults: the user types them.
A protocol or order date or number the user does not know is left empty (Enter): the act then shows a
visible blank «от «___» ________ 20__ г. № ____», and the closing note lists what is left to fill in.
"""

from __future__ import annotations

import re

import click

from ..dates import format_numeric, parse_date
from ..vocab import ORG_KIND_TITLES, OrgKind
from .template import Answers, default_answers

_NAME = re.compile(r"^[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$|^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_PLATFORMS = {"max": ["max"], "both": ["max", "vk_messenger"], "vk_messenger": ["vk_messenger"], "web": ["web"]}
_SKIP = "Enter — не знаю, оставить пропуск"
_NONE = ("", "-", "—", "нет")


def _date(value: str):
    value = str(value).strip()
    if value in _NONE:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"«{value}» — не дата; пишите ДД.ММ.ГГГГ, например 30.08.2026")
    return parsed


def _name(value: str) -> str:
    value = " ".join(str(value).split())
    if not _NAME.match(value):
        raise click.BadParameter("укажите фамилию с инициалами, например «А.В. Смирнова»")
    return value


def _time(value: str) -> str:
    if not _TIME.match(str(value).strip()):
        raise click.BadParameter("время пишется как ЧЧ:ММ, например 21:00")
    return str(value).strip()


def _text(value: str) -> str:
    value = " ".join(str(value).split())
    if len(value) < 2:
        raise click.BadParameter("слишком короткое значение")
    return value


def _optional(value: str) -> str:
    value = " ".join(str(value).split())
    return "" if value in _NONE else value


def _number(value: str) -> str | None:
    value = str(value).strip().lstrip("№").strip()
    return None if value in _NONE else value


def _yes(value: str) -> bool:
    v = str(value).strip().lower()
    if v in ("да", "д", "yes", "y"):
        return True
    if v in ("нет", "н", "no", "n"):
        return False
    raise click.BadParameter("ответьте «да» или «нет»")


def _ask(text: str, **kw):
    return click.prompt(text, err=True, **kw)


def _protocol(who: str) -> tuple:
    day = _ask(f"  Дата протокола ({who}; {_SKIP})", default="", show_default=False, value_proc=_date)
    number = _ask(f"  Номер протокола ({who}; {_SKIP})", default="", show_default=False, value_proc=_number)
    return day, number


def ask(a: Answers) -> Answers:
    """Ask every question; names are typed by the user, unknown requisites stay empty."""
    click.echo("Ответьте на вопросы. Значение в скобках принимается клавишей Enter.", err=True)
    kinds = ", ".join(f"{k.value} — {t}" for k, t in ORG_KIND_TITLES.items())
    click.echo(f"Виды организаций: {kinds}", err=True)
    kind = _ask("Вид организации", default=a.kind, type=click.Choice([k.value for k in ORG_KIND_TITLES]),
                show_choices=False)
    a = default_answers(kind)
    district = kind == OrgKind.district.value
    a.adoption_date = a.order_date = None
    a.adoption_number = a.order_number = None
    who = "органа управления образованием" if district else "организации"
    a.full_name = _ask(f"Полное наименование {who} (как в уставе)", value_proc=_text)
    a.short_name = _ask("Сокращенное наименование" if not district else "Краткое наименование (для текста акта)",
                        value_proc=_text)
    a.locality = _ask("Населенный пункт (Enter — не указывать)", default="", show_default=False, value_proc=_optional)
    a.head_position = _ask("Должность руководителя", default=a.head_position, value_proc=_text)
    a.head_name = _ask("Фамилия и инициалы руководителя (например, А.В. Смирнова)", value_proc=_name)
    doc = _ask("Вид акта (положение/порядок)", default="положение", type=click.Choice(["положение", "порядок"]),
               show_choices=False)
    a.doc_kind = "polozhenie" if doc == "положение" else "poryadok"
    platform = _ask("Платформа: max — «Сферум» в MAX; both — MAX и VK Мессенджер; vk_messenger; web",
                    default="max", type=click.Choice(list(_PLATFORMS)), show_choices=False)
    a.platforms = _PLATFORMS[platform]
    a.councils = []
    if district:
        a.adoption_body = ""
        a.style = "utverzhdeno"
        click.echo("Примерное положение прилагается к приказу органа управления образованием.", err=True)
        a.order_date = _ask(f"Дата приказа ({_SKIP})", default="", show_default=False, value_proc=_date)
        a.order_number = _ask(f"Номер приказа ({_SKIP})", default="", show_default=False, value_proc=_number)
    else:
        body = _ask("Кто принимает акт («-» — никто)", default=a.adoption_body or "-", value_proc=_optional)
        a.adoption_body = body
        if body:
            a.adoption_date, a.adoption_number = _protocol(body)
        default = "; ".join(_DEFAULT_COUNCILS.get(kind, ())) or "-"
        councils = _ask("Советы, мнение которых учтено (через «;», «-» — нет)", default=default)
        a.councils = [c.strip() for c in councils.split(";") if c.strip() not in _NONE]
        for council in a.councils:
            a.council_protocols[council] = _protocol(council)
        grif = _ask("Гриф: утверждено — приказом; утверждаю — подписью руководителя", default="утверждено",
                    type=click.Choice(["утверждено", "утверждаю"]), show_choices=False)
        a.style = "utverzhdeno" if grif == "утверждено" else "utverzhdayu"
        if a.style == "utverzhdeno":
            a.order_date = _ask(f"Дата приказа об утверждении ({_SKIP})", default="", show_default=False,
                                value_proc=_date)
            a.order_number = _ask(f"Номер приказа ({_SKIP})", default="", show_default=False, value_proc=_number)
        else:
            a.order_date = _ask(f"Дата подписи руководителя в грифе «УТВЕРЖДАЮ» ({_SKIP})", default="",
                                show_default=False, value_proc=_date)
    a.quiet_hours = _ask("Время тишины: запретить работникам писать семьям вечером и в неучебные дни? (да/нет)",
                         default="нет", value_proc=_yes)
    if a.quiet_hours:
        a.quiet_from = _ask("  Время тишины: с", default=a.quiet_from, value_proc=_time)
        a.quiet_to = _ask("  Время тишины: до", default=a.quiet_to, value_proc=_time)
    if not district:
        a.familiarisation_sheet = _ask("Добавить лист ознакомления работников с актом? (да/нет)", default="нет",
                                       value_proc=_yes)
    blanks = missing(a)
    if blanks:
        click.echo("Не указано: " + "; ".join(blanks) + ". В акте будут пропуски «___» — впишите их в профиль "
                   "или от руки до подписания.", err=True)
    return a


_DEFAULT_COUNCILS = {
    "school": ("совет обучающихся", "совет родителей"),
    "boarding_school": ("совет обучающихся", "совет родителей"),
    "college": ("студенческий совет", "совет родителей"),
    "preschool": ("совет родителей",),
    "additional": ("совет родителей",),
}


def missing(a: Answers) -> list[str]:
    """Requisites the user left empty (shown as blanks in the act)."""
    out = []
    if a.adoption_body and (a.adoption_date is None or not a.adoption_number):
        out.append(f"протокол ({a.adoption_body})")
    for council in a.councils:
        day, number = a.council_protocols.get(council, (None, None))
        if day is None or not number:
            out.append(f"протокол ({council})")
    if a.style == "utverzhdayu":
        if a.order_date is None:
            out.append("дата подписи")
    else:
        gaps = [w for w, v in (("дата", a.order_date), ("номер", a.order_number)) if not v]
        if gaps:
            out.append(" и ".join(gaps) + " приказа")
    return out


__all__ = ["ask", "format_numeric", "missing"]
