"""One legal act of the registry (:class:`LegalAct`): its kind, status on a date, end of term, citation;
the Russian titles of kinds, statuses and confidence levels; act numbers normalised for lookup."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator


class ActKind(StrEnum):
    federal_law = "federal_law"
    law_rf = "law_rf"
    government_decree = "government_decree"
    government_order = "government_order"
    ministry_order = "ministry_order"
    ministry_letter = "ministry_letter"
    sanitary_rules = "sanitary_rules"
    sanitary_norms = "sanitary_norms"
    standard = "standard"
    government_instruction = "government_instruction"
    regional_act = "regional_act"
    other = "other"


ACT_KIND_TITLES: dict[ActKind, str] = {
    ActKind.federal_law: "федеральный закон",
    ActKind.law_rf: "закон РФ",
    ActKind.government_decree: "постановление Правительства РФ",
    ActKind.government_order: "распоряжение Правительства РФ",
    ActKind.ministry_order: "приказ министерства (ведомства)",
    ActKind.ministry_letter: "письмо министерства",
    ActKind.sanitary_rules: "санитарные правила (СП)",
    ActKind.sanitary_norms: "санитарные правила и нормы (СанПиН)",
    ActKind.standard: "национальный стандарт (ГОСТ Р)",
    ActKind.government_instruction: "поручение Правительства РФ",
    ActKind.regional_act: "акт субъекта РФ",
    ActKind.other: "иной документ",
}


# How a citation names an act's kind (lower case, the issuer of an order or letter follows in the genitive).
CITE_KIND: dict[ActKind, str] = {
    ActKind.federal_law: "федеральный закон",
    ActKind.law_rf: "закон РФ",
    ActKind.government_decree: "постановление Правительства РФ",
    ActKind.government_order: "распоряжение Правительства РФ",
    ActKind.ministry_order: "приказ",
    ActKind.ministry_letter: "письмо",
    ActKind.sanitary_rules: "СП (санитарные правила)",
    ActKind.sanitary_norms: "СанПиН",
    ActKind.standard: "ГОСТ Р",
    ActKind.government_instruction: "поручение Правительства РФ",
}
_ISSUER_GEN = {"Рособрнадзор": "Рособрнадзора", "Росстандарт": "Росстандарта"}
_EDITORIAL = re.compile(r"\s*\((?!или\))[^)]*\)")  # editorial notes in a registry title; «и (или)» is the title's own


class ActStatus(StrEnum):
    in_force = "in_force"
    repealed = "repealed"
    expired = "expired"
    superseded = "superseded"
    unverified = "unverified"


STATUS_TITLES: dict[str, str] = {
    "in_force": "действует",
    "expiring": "действует, но скоро утратит силу",
    "repealed": "утратил силу (отменён)",
    "expired": "истёк срок действия",
    "lapsed": "срок истёк по данным реестра, замена не проверена",
    "superseded": "заменён другим актом",
    "unverified": "не удалось проверить",
    "unknown": "нет в реестре",
    "incomplete": "ссылка неполная",
    "not_yet": "ещё не вступил в силу",
}


# The statuses on a date (``LegalAct.status_on`` and a citation's resolution) a report groups by.
IN_FORCE = ("in_force", "expiring")  # binds on the date
OUTDATED = ("repealed", "expired", "superseded", "lapsed")  # a citation of it is out of date


class Confidence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


CONFIDENCE_TITLES = {Confidence.high: "высокая", Confidence.medium: "средняя", Confidence.low: "низкая (не проверено)"}


TOPICS: dict[str, str] = {
    "education": "образование",
    "e_learning": "электронное обучение и ДОТ",
    "information": "информация и информационные технологии",
    "personal_data": "персональные данные",
    "child_protection": "защита детей от вредной информации",
    "messengers": "мессенджеры",
    "platform": "ИКОП «Сферум» и национальный мессенджер",
    "fgis": "ФГИС «Моя школа»",
    "website": "официальный сайт организации",
    "local_acts": "локальные нормативные акты",
    "sanitary": "санитарные требования",
    "records_management": "оформление документов",
}


# Fields of an act whose value may be recorded but not confirmed by a source (``unverified_fields``).
VERIFIABLE_FIELDS: dict[str, str] = {
    "date": "дата акта",
    "number": "номер",
    "title": "название",
    "effective_from": "дата вступления в силу",
    "effective_until": "дата окончания действия",
}

# Where a user is told to check an act whose status or dates the registry cannot confirm.
OFFICIAL_PORTAL = "publication.pravo.gov.ru"


class Article(BaseModel):
    """A part of an act that matters for Сферум acts, e.g. ``ст. 16 ч. 3.1``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: str
    note: str
    effective_from: dt.date | None = None


class LegalAct(BaseModel):
    """One legal act (law, decree, order, letter, sanitary rules …)."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: str
    kind: ActKind
    number: str | None = None
    alt_numbers: list[str] = Field(
        default_factory=list, description="other numbers the act is cited by, e.g. the approving decree's № 28 of СП 2.4.3648-20"
    )
    date: dt.date | None = None
    issuer: str
    title: str
    short_names: list[str] = Field(default_factory=list)
    status: ActStatus
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    replaced_by: list[str] = Field(default_factory=list)
    amended_by: list[str] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list, description="what the act regulates: e_learning, personal_data …")
    normative: bool = True
    confidence: Confidence
    sources: list[str]
    note: str
    reviewed_on: dt.date = Field(description="when the status was last checked against a source")
    unverified_fields: list[str] = Field(
        default_factory=list,
        description="fields whose recorded value no source confirms, e.g. an end date known from one repost",
    )
    review_by: dt.date | None = Field(default=None, description="check the act again by this date")

    @field_validator("unverified_fields")
    @classmethod
    def _known_fields(cls, v: list[str]) -> list[str]:
        unknown = [f for f in v if f not in VERIFIABLE_FIELDS]
        if unknown:
            raise ValueError(f"неизвестное поле {unknown[0]!r}; допустимо: {', '.join(VERIFIABLE_FIELDS)}")
        return v

    def unverified(self, field: str) -> bool:
        """True if the registry records ``field`` but no source confirms it."""
        return field in self.unverified_fields

    def term_lapsed(self, as_of: dt.date) -> bool:
        """True if an act the registry holds in force reached its end date by ``as_of``.

        The registry then knows only that the term ran out, not whether the act was extended or
        replaced: a check must say so rather than call the citation outdated.
        """
        return self.status == ActStatus.in_force and self.effective_until is not None and as_of >= self.effective_until

    def until_text(self) -> str | None:
        """«01.09.2029» or «01.09.2029 (дата не подтверждена)»; ``None`` without an end date."""
        if self.effective_until is None:
            return "срок действия не проверен" if self.unverified("effective_until") else None
        mark = " (дата не подтверждена)" if self.unverified("effective_until") else ""
        return f"{self.effective_until:%d.%m.%Y}{mark}"

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", v):
            raise ValueError("идентификатор — строчные латинские буквы, цифры, «-», «_», «.»")
        return v

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, v: list[str]) -> list[str]:
        unknown = [t for t in v if t not in TOPICS]
        if unknown:
            raise ValueError(f"неизвестная тема {unknown[0]!r}; допустимо: {', '.join(TOPICS)}")
        return v

    @field_validator("confidence")
    @classmethod
    def _low_is_unverified(cls, v: Confidence, info: ValidationInfo) -> Confidence:
        status = info.data.get("status")
        if v == Confidence.low and status is not None and status != ActStatus.unverified:
            raise ValueError(f"акт с низкой достоверностью (confidence: low) должен иметь статус unverified, а не {status.value}")
        return v

    @model_validator(mode="after")
    def _coherent(self) -> LegalAct:
        if not self.sources:
            raise ValueError("у акта должен быть хотя бы один источник (sources)")
        if self.status in (ActStatus.superseded,) and not self.replaced_by:
            raise ValueError("для статуса superseded нужно указать replaced_by")
        if self.normative and self.kind in (ActKind.ministry_letter, ActKind.government_instruction):
            raise ValueError("письмо или поручение — не нормативный правовой акт: укажите normative: false")
        if self.effective_from and self.effective_until and self.effective_until <= self.effective_from:
            raise ValueError("effective_until должна быть позже effective_from")
        for name in self.unverified_fields:
            if name != "effective_until" and getattr(self, name) is None:
                raise ValueError(f"поле {name} отмечено как неподтверждённое (unverified_fields), но не заполнено")
        return self

    def in_force_on(self, as_of: dt.date, article: str | None = None) -> bool:
        """True if the act binds on ``as_of`` (about to expire counts); with ``article`` («ст. 9»), also that
        article as the registry records it (an amendment's own ``effective_from``) already applies."""
        if self.status_on(as_of) not in IN_FORCE:
            return False
        since = next((a.effective_from for a in self.articles if a.ref == article), None) if article else None
        return since is None or as_of >= since

    def status_on(self, as_of: dt.date, warn_days: int = 365) -> str:
        """Return the status on ``as_of``: a registry status, or ``expiring`` / ``expired`` / ``not_yet``."""
        if self.status == ActStatus.unverified:
            return "unverified"
        if self.status != ActStatus.in_force:
            if self.effective_until and as_of < self.effective_until:
                return "in_force"
            return self.status.value
        if self.effective_from and as_of < self.effective_from:
            return "not_yet"
        if self.effective_until:
            if as_of >= self.effective_until:
                return "expired"
            if (self.effective_until - as_of).days <= warn_days:
                return "expiring"
        return "in_force"

    def short_citation(self) -> str:
        """Kind (with the issuer of an order or letter), date and number, no title: «приказ Минпросвещения России
        от 02.09.2020 № 458»; a code-cited act (СП, СанПиН, ГОСТ Р) by its short name."""
        if self.kind in (ActKind.sanitary_rules, ActKind.sanitary_norms, ActKind.standard):
            return self.short_names[0] if self.short_names else self.number or self.title
        word = CITE_KIND.get(self.kind, "акт")
        if self.kind in (ActKind.ministry_order, ActKind.ministry_letter) and self.issuer:
            word += " " + _ISSUER_GEN.get(self.issuer, self.issuer)
        parts = [word]
        if self.date:
            parts.append(f"от {self.date:%d.%m.%Y}")
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(parts)

    def citation(self) -> str:
        """The one full citation (reports, the reference pages, ``refs``): :meth:`short_citation` and the title
        without the registry's editorial notes in parentheses."""
        return f"{self.short_citation()} «{_EDITORIAL.sub('', self.title).strip()}»"


_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def normalize_number(number: str) -> str:
    """Canonical form of an act number for lookups: ``№ 273- Ф3`` → ``273-фз``.

    Also: ``ФЗ-273`` and ``273 ФЗ`` → ``273-фз``; a letter index may lose its hyphen
    (``ИШ206/04`` ≡ ``ИШ-206/04``); a leading ``СП``/``СанПиН``/``ГОСТ Р`` is dropped.
    """
    n = number.translate(_DASHES).lower().strip() if number else ""
    n = re.sub(r"^(№|n)\s*", "", n)
    n = re.sub(r"\s+", "", n).rstrip(".,;:")
    n = n.replace("ф3", "фз")
    n = re.sub(r"^(?:санпин|сп|гостр?)(?=\d)", "", n)
    if m := re.fullmatch(r"фз-?(\d+)", n):
        return f"{m.group(1)}-фз"
    if m := re.fullmatch(r"(\d+)-?фз", n):
        return f"{m.group(1)}-фз"
    return re.sub(r"^([a-zа-яё]+)-(?=\d)", r"\1", n)
