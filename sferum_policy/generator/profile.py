"""The organisation profile a methodologist fills in (YAML or JSON), validated with Russian messages."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from ..errors import DataError
from ..vocab import OrgKind, Platform, Section
from ..yamlio import load_yaml, validate

_INITIALS = re.compile(r"^[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$|^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$")


def _ru_date(value: object) -> object:
    """Accept ``30.09.2024`` and ``30 сентября 2024 г.`` besides ISO dates."""
    if isinstance(value, str):
        from ..dates import parse_date

        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f"«{value}» — не дата; пишите ДД.ММ.ГГГГ, например 30.08.2026")
        return parsed
    return value


RuDate = Annotated[dt.date, BeforeValidator(_ru_date)]
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)


class Head(_Model):
    """The head who approves the act: position and name with initials («С.Г. Петрова»)."""

    position: str = Field(min_length=3)
    name: str

    @field_validator("name")
    @classmethod
    def _initials(cls, v: str) -> str:
        if not _INITIALS.match(v):
            raise ValueError("укажите фамилию с инициалами, например «С.Г. Петрова» или «Петрова С.Г.»")
        return v


class Organization(_Model):
    full_name: str = Field(min_length=5)
    short_name: str = Field(min_length=2)
    kind: OrgKind
    locality: str | None = None
    head: Head


class Protocol(_Model):
    """A protocol of a collegial body: its name, date and number.

    An unknown date or number stays empty: the act then shows a visible blank to fill in by hand.
    """

    body: str = Field(min_length=3)
    date: RuDate | None = None
    number: str | None = Field(default=None, min_length=1)


_STYLES = {"утверждено": "utverzhdeno", "утвержден": "utverzhdeno", "утверждаю": "utverzhdayu"}


def _style(value: object) -> object:
    """Accept the grif word itself («УТВЕРЖДЕНО», «УТВЕРЖДАЮ») besides the codes."""
    return _STYLES.get(value.strip().lower(), value) if isinstance(value, str) else value


class Approval(_Model):
    """How the act is approved: by the head's order (УТВЕРЖДЕНО) or by signature (УТВЕРЖДАЮ).

    With «УТВЕРЖДАЮ» the act is approved by the head's signature: ``order_date`` is the date of the
    signature and there is no order number. Unknown requisites stay empty (a visible blank in the act).
    """

    style: Annotated[Literal["utverzhdeno", "utverzhdayu"], BeforeValidator(_style)] = "utverzhdeno"
    order_date: RuDate | None = None
    order_number: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _no_number_with_signature(self) -> Approval:
        if self.style == "utverzhdayu" and self.order_number:
            raise ValueError(
                "при грифе «УТВЕРЖДАЮ» акт утверждается подписью руководителя, номер приказа в акте не печатается: "
                "уберите order_number или выберите style: utverzhdeno (УТВЕРЖДЕНО приказом)")
        return self


class Options(_Model):
    quiet_hours: bool = False
    quiet_from: str = "21:00"
    quiet_to: str = "07:00"
    opt_out: bool = True
    personal_data: bool = True
    ethics: bool = True
    support_contacts: bool = True
    administrator_appointment: bool = True
    familiarisation_sheet: bool = False
    support_email: str | None = None
    support_phone: str | None = None

    @field_validator("quiet_from", "quiet_to")
    @classmethod
    def _time(cls, v: str) -> str:
        if not _TIME.match(v):
            raise ValueError("время пишется как ЧЧ:ММ, например 21:00")
        return v

    @field_validator("support_email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v):
            raise ValueError("нужен адрес электронной почты, например info@sferum.ru")
        return v


BOOLEAN_OPTIONS: tuple[str, ...] = tuple(
    name for name, f in Options.model_fields.items() if f.annotation is bool
)


class ExtraClause(_Model):
    """A clause written by the user (a Jinja2 template rendered in a sandbox)."""

    section: Section
    title: str = Field(min_length=3)
    text: str = Field(min_length=3)
    items: list[str] = Field(default_factory=list)


_KINDS = {"положение": "polozhenie", "порядок": "poryadok"}
_BOTH = ("both", "оба", "обе")


def _doc_kind(value: object) -> object:
    return _KINDS.get(value.strip().lower(), value) if isinstance(value, str) else value


def _platforms(value: object) -> object:
    """``both`` means MAX and VK Messenger; a single code may be written without brackets."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        out: list[object] = []
        for v in value:
            out += ["max", "vk_messenger"] if isinstance(v, str) and v.strip().lower() in _BOTH else [v]
        return out
    return value


class DocumentSettings(_Model):
    """Which act to write: Положение or Порядок, for which platforms, legal basis as of which date."""

    kind: Annotated[Literal["polozhenie", "poryadok"], BeforeValidator(_doc_kind)] = "polozhenie"
    platforms: Annotated[list[Platform], BeforeValidator(_platforms)] = Field(default_factory=lambda: [Platform.max])
    as_of: RuDate | None = None

    @field_validator("platforms")
    @classmethod
    def _some(cls, v: list[Platform]) -> list[Platform]:
        if not v:
            raise ValueError("укажите хотя бы одну платформу: max, vk_messenger или web")
        return list(dict.fromkeys(v))


class Profile(_Model):
    """Everything the generator needs to know about the organisation and its choices."""

    organization: Organization
    document: DocumentSettings = Field(default_factory=DocumentSettings)
    adoption: Protocol | None = None
    councils: list[Protocol] = Field(default_factory=list)
    approval: Approval
    options: Options = Field(default_factory=Options)
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    overrides: dict[str, str] = Field(default_factory=dict)
    extra_clauses: list[ExtraClause] = Field(default_factory=list)
    # ``sferum-policy init --no-input`` writes a template whose values are examples: generate refuses it.
    example: bool = False
    _source: str = PrivateAttr(default="профиль")

    @property
    def source(self) -> str:
        """The file the profile was read from (for error messages)."""
        return self._source

    def where(self, field: str) -> str:
        """``profile.yaml: поле «include»`` — the prefix of an error about ``field``."""
        return f"{self._source}: поле «{field}»"

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        both = set(self.include) & set(self.exclude)
        if both:
            raise ValueError(f"положение {sorted(both)[0]} указано и в include, и в exclude")
        return self


def load_profile(path: str | Path) -> Profile:
    """Read a YAML or JSON profile; errors name the file, line and field in Russian."""
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{p}: файл профиля не найден")
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataError(f"{p}: ошибка в JSON ({exc})") from None
        if not isinstance(data, dict):
            raise DataError(f"{p}: профиль должен быть объектом JSON с полями organization, approval …")
        profile = validate(Profile, data, p)
    else:
        data, located = load_yaml(p)
        if not isinstance(data, dict):
            raise DataError(f"{p}: профиль должен быть словарем (organization:, approval: …)")
        profile = validate(Profile, data, p, located)
    profile._source = str(p)
    return profile


def parse_profile(text: str, name: str = "профиль") -> Profile:
    """Validate a profile given as YAML text (errors name ``name``)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "profile.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            profile = load_profile(path)
        except DataError as exc:
            raise DataError(str(exc).replace(str(path), name)) from None
    profile._source = name
    return profile
