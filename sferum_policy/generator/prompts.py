"""The questions ``sferum-policy init`` asks at a terminal (click prompts in Russian, with defaults)."""

from __future__ import annotations

import re

import click

from ..dates import format_numeric, parse_date
from ..vocab import ORG_KIND_TITLES
from .template import Answers, default_answers

_NAME = re.compile(r"^[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$|^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_PLATFORMS = {"max": ["max"], "vk_messenger": ["vk_messenger"], "both": ["max", "vk_messenger"], "web": ["web"]}


def _date(value: str):
    parsed = parse_date(str(value))
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


def _number(value: str) -> str:
    value = str(value).strip().lstrip("№").strip()
    if not value:
        raise click.BadParameter("укажите номер, например 1 или 215-од")
    return value


def ask(a: Answers) -> Answers:
    """Ask every question, offering ``a``'s values as defaults."""
    click.echo("Ответьте на вопросы (Enter — оставить значение в скобках).", err=True)
    kinds = ", ".join(f"{k.value} — {t}" for k, t in ORG_KIND_TITLES.items())
    click.echo(f"Виды организаций: {kinds}", err=True)
    kind = click.prompt("Вид организации", default=a.kind, type=click.Choice([k.value for k in ORG_KIND_TITLES]),
                        show_choices=False, err=True)
    if kind != a.kind:
        a = default_answers(kind, a.order_date)
    a.full_name = click.prompt("Полное наименование организации", default=a.full_name, value_proc=_text, err=True)
    a.short_name = click.prompt("Сокращенное наименование", default=a.short_name, value_proc=_text, err=True)
    a.locality = click.prompt("Населенный пункт", default=a.locality, value_proc=_text, err=True)
    a.head_position = click.prompt("Должность руководителя", default=a.head_position, value_proc=_text, err=True)
    a.head_name = click.prompt("Фамилия и инициалы руководителя", default=a.head_name, value_proc=_name, err=True)
    doc = click.prompt("Вид акта (положение/порядок)", default="положение" if a.doc_kind == "polozhenie" else "порядок",
                       type=click.Choice(["положение", "порядок"]), err=True)
    a.doc_kind = "polozhenie" if doc == "положение" else "poryadok"
    platform = click.prompt("Платформа (max, vk_messenger, both, web)", default="max",
                            type=click.Choice(list(_PLATFORMS)), show_choices=False, err=True)
    a.platforms = _PLATFORMS[platform]
    a.adoption_body = click.prompt("Кто принимает акт (например, педагогический совет; «-» — никто)",
                                   default=a.adoption_body or "-", err=True).strip()
    if a.adoption_body in ("-", "—", "нет"):
        a.adoption_body = ""
    else:
        a.adoption_date = click.prompt("Дата протокола", default=format_numeric(a.adoption_date), value_proc=_date,
                                       err=True)
        a.adoption_number = click.prompt("Номер протокола", default=a.adoption_number, value_proc=_number, err=True)
    councils = click.prompt("Советы, мнение которых учтено (через «;», «-» — нет)",
                            default="; ".join(a.councils) or "-", err=True)
    a.councils = [c.strip() for c in councils.split(";") if c.strip() and c.strip() not in ("-", "—")]
    a.order_date = click.prompt("Дата приказа об утверждении", default=format_numeric(a.order_date), value_proc=_date,
                                err=True)
    a.order_number = click.prompt("Номер приказа", default=a.order_number, value_proc=_number, err=True)
    grif = click.prompt("Гриф (утверждено/утверждаю)", default="утверждено" if a.style == "utverzhdeno" else "утверждаю",
                        type=click.Choice(["утверждено", "утверждаю"]), err=True)
    a.style = "utverzhdeno" if grif == "утверждено" else "utverzhdayu"
    a.quiet_from = click.prompt("Время тишины: с", default=a.quiet_from, value_proc=_time, err=True)
    a.quiet_to = click.prompt("Время тишины: до", default=a.quiet_to, value_proc=_time, err=True)
    return a
