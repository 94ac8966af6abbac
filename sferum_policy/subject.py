"""The subject of an act — what it regulates — from its title and opening (data: ``data/act_subjects.yaml``).

Only an act about the platform is scored against the clause library of «Сферум»: an e-learning, ЭИОС or
chat-ethics act is a neighbouring act a district checks with the same tool, and it owes none of the
platform's provisions. An act whose title names no subject is about the platform when it speaks of it often
enough (``platform_mentions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .document import Document

DATA = Path(__file__).resolve().parent / "data" / "act_subjects.yaml"


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    name: str
    library: bool
    title: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class SubjectTable:
    subjects: tuple[Subject, ...]
    opening: int
    platform_words: re.Pattern[str]
    platform_mentions: int


def _rx(text: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{DATA.name}: {where}: неверное регулярное выражение: {exc}") from None


@lru_cache(maxsize=1)
def load_subjects(path: Path | None = None) -> SubjectTable:
    import yaml

    p = path or DATA
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    subjects = []
    seen = set()
    for i, s in enumerate(data["subjects"]):
        sid = s["id"]
        if sid in seen:
            raise ValueError(f"{p.name}: предмет «{sid}» повторяется")
        seen.add(sid)
        if not isinstance(s.get("library"), bool) or not s.get("name"):
            raise ValueError(f"{p.name}: у предмета «{sid}» нет name или library")
        subjects.append(Subject(sid, s["name"], s["library"], _rx(s["title"], f"subjects[{i}]")))
    return SubjectTable(tuple(subjects), int(data["opening"]), _rx(data["platform_words"], "platform_words"),
                        int(data["platform_mentions"]))


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def detect_subject(doc: Document) -> Subject | None:
    """The act's subject, or None when neither its title nor its text names one.

    The title decides first (a website's page title glued before the act is part of it); an act whose title
    names no subject is about the platform when it speaks of the platform often enough, else the opening of
    its text decides.
    """
    table = load_subjects()
    title = _fold(doc.meta.title or "")
    for s in table.subjects:
        if title and s.title.search(title):
            return s
    text = _fold(doc.text)
    if len(table.platform_words.findall(text)) >= table.platform_mentions:
        return next((s for s in table.subjects if s.library), None)
    opening = text[: table.opening]
    return next((s for s in table.subjects if not s.library and s.title.search(opening)), None)


def library_applies(doc: Document) -> bool:
    """True when the act is to be scored against the clause library of the platform."""
    # detect_subject already calls an act about the platform whatever speaks of it often enough, so an act with no
    # subject recognised does not speak of the platform: it owes none of its provisions
    table = load_subjects()
    return next((x.library for x in table.subjects if x.id == doc.meta.subject), False)


def subject_name(subject_id: str | None) -> str | None:
    if subject_id is None:
        return None
    return next((s.name for s in load_subjects().subjects if s.id == subject_id), None)
