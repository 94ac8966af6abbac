"""The clause library: canonical provisions of a Сферум act, as validated YAML data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import DataError
from ..vocab import SECTION_TITLES, Level, OrgKind, Platform, Section
from ..yamlio import load_yaml, validate
from .terms import Terms, load_terms

SAMPLE_IDS = ("000", "001", "002", "003", "004")
_ID = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")


class Signals(BaseModel):
    """What a checker looks for to decide that an act carries the clause.

    ``phrases`` are short word sequences that on their own point at the clause (matched on lemmas);
    ``keywords`` are groups of alternatives written ``"куратор|классный руководитель"`` that should
    occur together in one paragraph; ``min_keywords`` is how many groups must be found (default: all
    but one, at least one).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrases: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    min_keywords: int | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Signals:
        if not self.phrases and not self.keywords:
            raise ValueError("нужна хотя бы одна ключевая фраза (phrases) или группа слов (keywords)")
        return self

    def keyword_groups(self) -> list[list[str]]:
        return [[alt.strip() for alt in group.split("|") if alt.strip()] for group in self.keywords]


class Variant(BaseModel):
    """Text used instead of the clause's default text for some kinds or platforms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    org_kinds: list[OrgKind] = Field(default_factory=lambda: list(OrgKind))
    platforms: list[Platform] = Field(default_factory=lambda: list(Platform))
    text: str

    def applies(self, kind: OrgKind, platforms: set[Platform]) -> bool:
        return kind in self.org_kinds and bool(platforms & set(self.platforms))


class Clause(BaseModel):
    """One canonical provision."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    section: Section
    title: str
    level: Level
    org_kinds: list[OrgKind] = Field(default_factory=lambda: list(OrgKind))
    platforms: list[Platform] = Field(default_factory=lambda: list(Platform))
    text: str
    variants: list[Variant] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list, description="bullet sub-items (Jinja2 templates)")
    signals: Signals
    provenance: list[str] = Field(default_factory=list)
    legal_basis: list[str] = Field(default_factory=list)
    option: str | None = Field(default=None, description="profile option that switches the clause on")
    requires: list[str] = Field(default_factory=list,
                                description="the clause goes into an act only together with all of these clauses; "
                                "an optional one goes in automatically when they are all there")
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("идентификатор должен иметь вид «раздел.имя» латиницей, например rights.free_access")
        return v

    @field_validator("provenance")
    @classmethod
    def _samples(cls, v: list[str]) -> list[str]:
        bad = [s for s in v if s not in SAMPLE_IDS]
        if bad:
            raise ValueError(f"неизвестный образец {bad[0]!r}; допустимо: {', '.join(SAMPLE_IDS)}")
        return v

    @model_validator(mode="after")
    def _id_matches_section(self) -> Clause:
        if self.id.split(".", 1)[0] != self.section.value:
            raise ValueError(f"идентификатор {self.id} не начинается с названия раздела {self.section.value}")
        return self

    def applies(self, kind: OrgKind | str | None = None, platforms: set[Platform] | None = None) -> bool:
        """Return True if the clause belongs in an act for ``kind`` on any of ``platforms``."""
        if kind is not None and OrgKind(kind) not in self.org_kinds:
            return False
        return not (platforms and not platforms & set(self.platforms))

    def template_for(self, kind: OrgKind, platforms: set[Platform]) -> str:
        """Return the text template for this kind and platform set (first matching variant wins)."""
        for variant in self.variants:
            if variant.applies(kind, platforms):
                return variant.text
        return self.text


class _ClauseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    section: Section
    clauses: list[Clause]


class ClauseLibrary:
    """All clauses, in canonical order (section order, then file order)."""

    def __init__(self, clauses: list[Clause], terms: Terms, directory: Path | None = None, digest: str = "") -> None:
        order = {s: i for i, s in enumerate(Section)}
        self.digest = digest or f"id{id(self)}"  # content digest of the data files (cache keys)
        self.clauses = sorted(clauses, key=lambda c: order[c.section])
        self.terms = terms
        self.directory = directory
        self._by_id = {c.id: c for c in self.clauses}

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._by_id

    def get(self, clause_id: str) -> Clause | None:
        return self._by_id.get(clause_id)

    def section(self, section: Section | str) -> list[Clause]:
        return [c for c in self.clauses if c.section == Section(section)]

    def select(self, kind: OrgKind | str | None = None, platforms: set[Platform] | None = None) -> list[Clause]:
        return [c for c in self.clauses if c.applies(kind, platforms)]

    def counts(self) -> dict[Section, int]:
        return {s: len(self.section(s)) for s in Section}

    @staticmethod
    def section_title(section: Section | str) -> str:
        return SECTION_TITLES[Section(section)]


def load_clauses(directory: str | Path | None = None) -> ClauseLibrary:
    """Load and validate every ``*.yaml`` clause file of ``directory`` (default: the bundled library)."""
    from ..resources import data_dir

    root = Path(directory) if directory is not None else data_dir("clauses")
    if not root.is_dir():
        raise DataError(f"{root}: каталог библиотеки положений не найден")
    terms = load_terms(root)
    clauses: list[Clause] = []
    seen: dict[str, Path] = {}
    for path in sorted(root.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data, located = load_yaml(path)
        if not isinstance(data, dict):
            raise DataError(f"{path}: ожидается словарь с полями section и clauses")
        if isinstance(data.get("clauses"), list) and "section" in data:
            for item in data["clauses"]:
                if isinstance(item, dict):
                    item.setdefault("section", data["section"])
        parsed = validate(_ClauseFile, data, path, located)
        for i, clause in enumerate(parsed.clauses):
            line = located.line_of(("clauses", i, "id"))
            where = f"{path}:{line}" if line else str(path)
            if clause.section != parsed.section:
                raise DataError(f"{where}: положение {clause.id} относится к разделу {clause.section}, а файл — к {parsed.section}")
            if clause.id in seen:
                raise DataError(f"{where}: идентификатор {clause.id} уже есть в {seen[clause.id]}")
            seen[clause.id] = path
            clauses.append(clause)
    if not clauses:
        raise DataError(f"{root}: в каталоге нет ни одного положения (*.yaml)")
    from ..cache import digest_files

    return ClauseLibrary(clauses, terms, root, digest_files(sorted(root.glob("*.yaml"))))
