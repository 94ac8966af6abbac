"""The assembled act: requisite blocks, title and numbered sections, free of any output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FAMILIARISATION_TITLE = "ЛИСТ ОЗНАКОМЛЕНИЯ"
FAMILIARISATION_COLUMNS = ("№ п/п", "Фамилия, инициалы", "Должность", "Дата", "Подпись")
FAMILIARISATION_ROWS = 15
_ABLT_TITLE = {"ПОЛОЖЕНИЕ": "Положением", "ПОРЯДОК": "Порядком", "ПРИМЕРНОЕ ПОЛОЖЕНИЕ": "Примерным положением",
               "ПРИМЕРНЫЙ ПОРЯДОК": "Примерным порядком"}


def _ablt_title(kind_title: str) -> str:
    return _ABLT_TITLE.get(kind_title, kind_title.capitalize())


@dataclass(slots=True)
class Point:
    """A numbered point («2.3.») with optional bullet sub-items."""

    label: str
    text: str
    items: list[str] = field(default_factory=list)
    clause_id: str | None = None
    title: str | None = None  # a user's extra clause keeps its title (not printed)
    item_ids: list[str | None] = field(default_factory=list)  # clause ids of items folded into a list
    items_from_clauses: bool = False

    def clause_ids(self) -> list[str]:
        """Library clauses this point carries (its own and those folded in as sub-items)."""
        return [c for c in (self.clause_id, *self.item_ids) if c]


@dataclass(slots=True)
class ActSection:
    label: str
    title: str
    key: str
    points: list[Point] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    """A requisite block: a heading word (УТВЕРЖДЕНО, ПРИНЯТО …) and its lines."""

    heading: str
    lines: list[str]


@dataclass(slots=True)
class Act:
    org_full: str
    org_short: str
    kind_title: str  # ПОЛОЖЕНИЕ / ПОРЯДОК
    about: str  # «об использовании …»
    approval: Block
    left_blocks: list[Block]
    sections: list[ActSection]
    locality: str | None = None
    year: int | None = None
    head_position: str | None = None
    head_name: str | None = None
    as_of: date | None = None
    platforms: list[str] = field(default_factory=list)
    org_kind: str | None = None
    # What the user must know before signing (blank requisites, an outdated platform); printed by ``generate``.
    notes: list[str] = field(default_factory=list)
    # «Лист ознакомления»: a table for employees' signatures after the text (profile option).
    familiarisation_sheet: bool = False

    @property
    def title(self) -> str:
        """«Положение об использовании …» — the document's title for metadata."""
        return f"{self.kind_title.capitalize()} {self.about}"

    def clause_ids(self) -> list[str]:
        """Every library clause the act carries, in order."""
        return [cid for s in self.sections for p in s.points for cid in p.clause_ids()]

    def plain_lines(self) -> list[str]:
        """The act as plain text lines (what a checker reads back)."""
        out = [self.org_full, ""]
        for block in [*self.left_blocks, self.approval]:
            out.append(block.heading)
            out += block.lines
            out.append("")
        out += [self.kind_title, self.about, ""]
        for section in self.sections:
            out.append(f"{section.label} {section.title}")
            for point in section.points:
                out.append(f"{point.label} {point.text}")
                out += [f"– {item}" for item in point.items]
            out.append("")
        if self.familiarisation_sheet:
            out += [FAMILIARISATION_TITLE, self.familiarisation_caption(), "  ".join(FAMILIARISATION_COLUMNS), ""]
        return out

    def familiarisation_caption(self) -> str:
        """«с Положением об использовании …» — what the employees sign that they have read."""
        return f"с {_ablt_title(self.kind_title)} {self.about}"
