"""The assembled act: requisite blocks, title and numbered sections, free of any output format."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Point:
    """A numbered point («2.3.») with optional bullet sub-items."""

    label: str
    text: str
    items: list[str] = field(default_factory=list)
    clause_id: str | None = None


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

    @property
    def title(self) -> str:
        return f"{self.kind_title.capitalize()} {self.about}"

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
                out += [f"- {item}" for item in point.items]
            out.append("")
        return out
