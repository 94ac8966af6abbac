"""Role words and names in six cases, per organisation kind, platform and document kind."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import DataError
from ..vocab import OrgKind, Platform
from ..yamlio import load_yaml, validate

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


class Term(BaseModel):
    """A word or phrase in six grammatical cases; ``str(term)`` is the nominative."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nomn: str
    gent: str
    datv: str
    accs: str
    ablt: str
    loct: str

    def __str__(self) -> str:
        return self.nomn

    def forms(self) -> set[str]:
        return {getattr(self, c) for c in CASES}


ROLE_TERMS = ("student", "students", "class_teacher", "class_teachers", "teacher", "teachers", "unit", "units", "head", "org",
              "parents", "family")


class KindTerms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    student: Term
    students: Term
    class_teacher: Term
    class_teachers: Term
    teacher: Term
    teachers: Term
    unit: Term
    units: Term
    head: Term
    org: Term
    parents: Term  # «родители (законные представители) обучающихся»; college: of minor students only
    family: Term  # students and their parents as the act addresses them together (preschool: parents only)


class PlatformTerms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    messenger: Term


class ActTerms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    act: Term
    this_act: Term


class Terms(BaseModel):
    """All role words of ``clauses/_terms.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: dict[OrgKind, KindTerms]
    platforms: dict[Platform, PlatformTerms]
    acts: dict[str, ActTerms]

    def for_kind(self, kind: OrgKind | str) -> KindTerms:
        return self.kinds[OrgKind(kind)]


def load_terms(directory: Path) -> Terms:
    path = directory / "_terms.yaml"
    if not path.is_file():
        raise DataError(f"{path}: файл словаря ролей не найден")
    data, located = load_yaml(path)
    terms = validate(Terms, data, path, located)
    missing = [k.value for k in OrgKind if k not in terms.kinds]
    if missing:
        raise DataError(f"{path}: нет ролей для видов организаций: {', '.join(missing)}")
    return terms
