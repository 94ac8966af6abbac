"""What ``modernize`` did to an old act: provisions dropped, replaced, carried over, added; the result."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .profile_extract import ProfileExtraction
from .profile_out import Carry, Keep, profile_yaml

CARRIED_TITLE = "Перенесено из прежнего акта"
_BULLET = re.compile(r"^\s*(?:[-–—•·*]|[а-яa-z]\)|\d+\))\s*")

if TYPE_CHECKING:
    from ..document import Document
    from ..generator.act import Act
    from ..generator.profile import Profile
    from ..library import ClauseLibrary
    from ..report import Report


@dataclass(slots=True)
class OldParagraph:
    """A provision of the old act and what became of it."""

    paragraph: int
    label: str | None
    text: str
    line: int | None = None
    parent: str | None = None  # the numbered point a list item belongs to

    def where(self) -> str:
        if self.label and re.match(r"^\d+(?:\.\d+)*\.?$", self.label.strip()):
            return f"п. {self.label.rstrip('.')}"
        if self.parent:
            return f"подпункт п. {self.parent.rstrip('.')}"
        return f"строка {self.line}" if self.line else f"абзац {self.paragraph + 1}"


@dataclass(slots=True)
class Dropped:
    old: OldParagraph
    code: str
    title: str  # the rule's title (why it is a defect)


@dataclass(slots=True)
class Replaced:
    old: OldParagraph
    clause_id: str
    clause_title: str
    new_label: str | None


@dataclass(slots=True)
class CarriedOver:
    old: list[OldParagraph]
    section: str
    new_label: str | None = None
    # library clauses it partly resembles (score between «partial» and «present»): id → title
    similar: dict[str, str] = field(default_factory=dict)

    def similar_in(self, by_clause: dict[str, str]) -> list[str]:
        """«п. 6.3 «Чаты класса (группы)»» for each similar clause the new act carries."""
        return [f"п. {by_clause[cid].rstrip('.')} «{title}»" for cid, title in self.similar.items() if cid in by_clause]


@dataclass(slots=True)
class Added:
    clause_id: str
    clause_title: str
    new_label: str


@dataclass(slots=True)
class OutdatedRef:
    code: str
    act_id: str | None
    message: str


@dataclass
class ModernizeResult:
    """What ``modernize`` produced: the new act and everything the summary reports."""

    source: str
    as_of: date
    extraction: ProfileExtraction
    profile: Profile
    act: Act
    docx: bytes
    old_doc: Document
    old_report: Report
    dropped: list[Dropped] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)
    carried: list[CarriedOver] = field(default_factory=list)
    added: list[Added] = field(default_factory=list)
    outdated: list[OutdatedRef] = field(default_factory=list)
    platform_change: str | None = None
    to_fill: list[str] = field(default_factory=list)
    library: ClauseLibrary | None = None
    as_of_given: date | None = None  # the date the user asked for (the profile file keeps only this one)
    keep: Keep = field(default_factory=Keep)

    def act_clauses(self, section: str) -> list[Any]:
        """Library clauses of the new act in ``section``."""
        from ..pipeline import default_clauses

        library = self.library or default_clauses()
        return [c for cid in self.act.clause_ids() if (c := library.get(cid)) is not None and c.section.value == section]

    def profile_yaml(self) -> str:
        """The profile in the format ``generate`` reads (carried provisions as ``extra_clauses``)."""
        return profile_yaml(self.extraction, as_of=self.as_of_given, carried=self._carries(),
                            source=Path(self.source).name, keep=self.keep)

    def _carries(self) -> list[Carry]:
        return [carry_of(c) for c in self.carried]

    def summary_markdown(self) -> str:
        from .summary import summary_markdown

        return summary_markdown(self)

    def summary_text(self) -> str:
        from .summary import summary_text

        return summary_text(self)

    def redline(self) -> bytes:
        """The old act turned into the new one as tracked changes (DOCX)."""
        from .redline import redline_docx

        return redline_docx(self.old_doc, act=self.act)


def carry_of(c: CarriedOver) -> Carry:
    first = c.old[0]
    items = [_BULLET.sub("", o.text) for o in c.old[1:]]
    text = _BULLET.sub("", first.text)
    where = ", ".join(dict.fromkeys(o.where() for o in c.old))
    return Carry(c.section, f"{CARRIED_TITLE} ({where})", text, items)
