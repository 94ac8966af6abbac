"""The registry of legal acts that Сферум acts cite, with status, dates, sources and confidence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..errors import DataError
from ..yamlio import _Located, load_yaml, validate


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

    def citation(self) -> str:
        """Return a conventional Russian citation: kind, date, number and title."""
        parts = [ACT_KIND_TITLES[self.kind].split(" (")[0]]
        if self.kind == ActKind.ministry_order:
            parts = [f"приказ {self.issuer}"]
        elif self.kind == ActKind.ministry_letter:
            parts = [f"письмо {self.issuer}"]
        if self.kind in (ActKind.sanitary_rules, ActKind.sanitary_norms, ActKind.standard) and self.number:
            return f"{self.short_names[0] if self.short_names else self.number} «{self.title}»"
        if self.date:
            parts.append(f"от {self.date:%d.%m.%Y}")
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(parts) + f" «{self.title}»"


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


class RegistryMeta(BaseModel):
    """``_registry.yaml``: how fresh a registry directory is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_date: dt.date = Field(description="the day the statuses were last checked against sources as a whole")
    stale_after_days: int = Field(default=180, ge=1, description="after this many days past data_date, warn")
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RegistryLayer:
    """One directory the registry was built from: the bundled data or a user's overlay."""

    directory: Path
    overlay: bool
    data_date: dt.date | None
    acts: int
    overridden: tuple[str, ...] = ()


class Registry:
    """All legal acts, with lookups by id, by number and date, and by short name."""

    def __init__(self, acts: list[LegalAct], directory: Path | None = None, meta: RegistryMeta | None = None,
                 layers: tuple[RegistryLayer, ...] = ()) -> None:
        self.acts = sorted(acts, key=lambda a: (a.kind.value, a.date or dt.date.min, a.id))
        self.directory = directory
        self.meta = meta
        self.layers = layers
        self._by_id = {a.id: a for a in self.acts}
        self._by_number: dict[str, list[LegalAct]] = {}
        for act in self.acts:
            for num in (act.number, *act.alt_numbers):
                if num:
                    self._by_number.setdefault(normalize_number(num), []).append(act)

    def __iter__(self) -> Iterator[LegalAct]:
        return iter(self.acts)

    @property
    def data_date(self) -> dt.date | None:
        """The registry's data date: the bundled (base) directory's ``_registry.yaml``."""
        return self.meta.data_date if self.meta else None

    def stale_on(self, as_of: dt.date) -> bool:
        """True if ``as_of`` is so far past the data date that statuses may have changed since."""
        if self.meta is None:
            return False
        return (as_of - self.meta.data_date).days > self.meta.stale_after_days

    def expiring(self, as_of: dt.date, within_days: int) -> list[LegalAct]:
        """Acts held in force whose end date falls in ``(as_of, as_of + within_days]``."""
        end = as_of + dt.timedelta(days=within_days)
        return sorted(
            (a for a in self.acts if a.status == ActStatus.in_force and a.effective_until is not None
             and as_of < a.effective_until <= end),
            key=lambda a: (a.effective_until, a.id),
        )

    def __len__(self) -> int:
        return len(self.acts)

    def __contains__(self, act_id: object) -> bool:
        return act_id in self._by_id

    def get(self, act_id: str) -> LegalAct | None:
        return self._by_id.get(act_id)

    def by_number(self, number: str) -> list[LegalAct]:
        return list(self._by_number.get(normalize_number(number), []))

    def lookup(self, number: str | None = None, date: dt.date | None = None, kind: ActKind | str | None = None) -> LegalAct | None:
        """Find the act with ``number`` (any spelling) and, when given, ``date`` and ``kind``.

        With a number but a date that matches no candidate, the single candidate is still returned
        (a mismatch the caller judges); ``None`` when nothing fits.
        """
        if not number:
            return None
        candidates = self.by_number(number)
        if kind is not None:
            candidates = [a for a in candidates if a.kind == ActKind(kind)] or candidates
        if date is not None:
            exact = [a for a in candidates if a.date == date]
            if exact:
                return exact[0]
        return candidates[0] if len(candidates) == 1 else None

    def search(self, text: str) -> list[LegalAct]:
        """Acts whose id, number, title or short name contains ``text`` (case-insensitive)."""
        q = text.lower().strip()
        nq = normalize_number(text)
        out = []
        for act in self.acts:
            hay = [act.id, act.title.lower(), *(s.lower() for s in act.short_names)]
            if any(q in h for h in hay) or (act.number and nq and nq == normalize_number(act.number)):
                out.append(act)
        return out


META_FILE = "_registry.yaml"
ENV_OVERLAYS = "SFERUM_POLICY_REFS"


def _read_meta(root: Path) -> RegistryMeta | None:
    path = root / META_FILE
    if not path.is_file():
        return None
    data, located = load_yaml(path)
    return validate(RegistryMeta, data, path, located)


def _items(path: Path) -> Iterator[tuple[dict | object, _Located, tuple]]:
    data, located = load_yaml(path)
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        yield item, located, ((i,) if isinstance(data, list) else ())


def _yaml_files(root: Path, what: str) -> list[Path]:
    if not root.is_dir():
        raise DataError(f"{root}: {what} не найден")
    return [p for p in sorted(root.glob("*.yaml")) if not p.name.startswith("_")]


def load_registry(directory: str | Path | None = None, overlays: Iterable[str | Path] = ()) -> Registry:
    """Load and validate every ``*.yaml`` act of ``directory`` (default: the bundled registry).

    Each of ``overlays`` is a user's directory laid over it, validated the same way: a new id adds an
    act; an existing id is an error unless the item says ``override: true``, and then the fields it
    gives replace the bundled act's (a regional office can record a status without copying the act).
    """
    from ..resources import data_dir

    root = Path(directory) if directory is not None else data_dir("legal_refs")
    acts: dict[str, LegalAct] = {}
    seen: dict[str, Path] = {}
    for path in _yaml_files(root, "каталог реестра нормативных актов"):
        for item, located, base in _items(path):
            act = validate(LegalAct, item, path, located, base)
            if act.id in seen:
                raise DataError(f"{path}: идентификатор акта {act.id} уже есть в {seen[act.id]}")
            seen[act.id] = path
            acts[act.id] = act
    if not acts:
        raise DataError(f"{root}: в каталоге нет ни одного акта (*.yaml)")
    meta = _read_meta(root)
    layers = [RegistryLayer(root, False, meta.data_date if meta else None, len(acts))]
    for extra in overlays:
        layers.append(_overlay(Path(extra), acts, seen))
    registry = Registry(list(acts.values()), root, meta, tuple(layers))
    for act in registry:
        for ref in (*act.replaced_by, *act.amended_by):
            if ref not in registry:
                raise DataError(f"{seen[act.id]}: акт {act.id} ссылается на неизвестный акт {ref}")
    return registry


def _overlay(root: Path, acts: dict[str, LegalAct], seen: dict[str, Path]) -> RegistryLayer:
    """Lay the acts of a user's directory over ``acts`` (in place); return what it contributed."""
    own: set[str] = set()
    overridden: list[str] = []
    files = _yaml_files(root, "каталог дополнений к реестру")
    for path in files:
        for item, located, base in _items(path):
            if not isinstance(item, dict):
                validate(LegalAct, item, path, located, base)  # raises the usual one-line error
                continue
            item = dict(item)
            override = item.pop("override", False)
            act_id = item.get("id")
            if not act_id:
                raise DataError(f"{path}:{located.line_of(base) or 1}: нет поля «id» — укажите идентификатор акта")
            if override is not True and override is not False:
                raise DataError(f"{path}:{located.line_of((*base, 'override'))}: поле «override»: нужно true или false")
            if act_id in own:
                raise DataError(f"{path}: идентификатор акта {act_id} уже есть в {seen[act_id]}")
            if act_id in acts and not override:
                raise DataError(
                    f"{path}: акт {act_id} уже есть в реестре ({seen[act_id]}); чтобы заменить его сведения, "
                    "добавьте «override: true», иначе выберите другой идентификатор"
                )
            if override:
                if act_id not in acts:
                    raise DataError(f"{path}: «override: true», но акта {act_id} в реестре нет — уберите override")
                merged = acts[act_id].model_dump(mode="json")
                merged.update(item)
                overridden.append(act_id)
                try:
                    act = validate(LegalAct, merged, path, located, base)
                except DataError as exc:
                    raise DataError(f"{exc} (после наложения на встроенный акт {act_id} из {seen[act_id].name}: "
                                    "проверьте и его поля)") from None
            else:
                act = validate(LegalAct, item, path, located, base)
            acts[act.id] = act
            seen[act.id] = path
            own.add(act.id)
    meta = _read_meta(root)
    return RegistryLayer(root, True, meta.data_date if meta else None, len(own), tuple(overridden))


def overlay_dirs(refs_dir: str | Path | None = None) -> list[str]:
    """The user's overlay directories: ``refs_dir`` if given, else ``$SFERUM_POLICY_REFS`` (``os.pathsep``-separated)."""
    import os

    if refs_dir:
        return [str(refs_dir)]
    dirs = [p for p in os.environ.get(ENV_OVERLAYS, "").split(os.pathsep) if p.strip()]
    for d in dirs:
        if not Path(d).is_dir():
            raise DataError(f"{d}: каталог дополнений к реестру из переменной {ENV_OVERLAYS} не найден")
    return dirs


def registry_for(refs_dir: str | Path | None = None) -> Registry:
    """The bundled registry with the user's overlays (``--refs`` or the environment variable) laid over it."""
    return load_registry(None, overlay_dirs(refs_dir))
