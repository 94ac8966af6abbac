"""What the profile extraction gives: each value with the excerpt it came from, or missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..vocab import OrgKind

EXCERPT_MAX = 160


@dataclass(slots=True)
class Excerpt:
    """Where a value was read: the source text and its paragraph (and line of a text file)."""

    text: str
    paragraph: int
    line: int | None = None

    def where(self) -> str:
        return f"строка {self.line}" if self.line else f"абзац {self.paragraph + 1}"


@dataclass(slots=True)
class Value:
    """One field of the profile: its value and excerpt, or missing (``value is None``)."""

    key: str
    label: str  # Russian: what the field is («фамилия и инициалы руководителя»)
    value: Any = None
    excerpt: Excerpt | None = None

    @property
    def missing(self) -> bool:
        return self.value is None or self.value == [] or self.value == ""


@dataclass(slots=True)
class ProtocolValue:
    """A collegial body's mark: the body (nominative), protocol date and number."""

    role: str  # adoption | council
    body: Value
    date: Value
    number: Value


@dataclass(slots=True)
class ProfileExtraction:
    """The profile of the organisation as the old act states it."""

    full_name: Value
    short_name: Value
    kind: Value
    locality: Value
    head_position: Value
    head_name: Value
    doc_kind: Value
    platforms: Value
    approval_style: Value
    order_date: Value
    order_number: Value
    adoption: ProtocolValue | None = None
    councils: list[ProtocolValue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how a value was read (a grif changed, …)

    def values(self) -> list[Value]:
        out = [self.full_name, self.short_name, self.kind, self.locality, self.head_position, self.head_name,
               self.doc_kind, self.platforms, self.approval_style, self.order_date]
        if self.approval_style.value != "utverzhdayu":
            out.append(self.order_number)
        for p in ([self.adoption] if self.adoption else []) + self.councils:
            out += [p.body, p.date, p.number]
        return out

    @property
    def missing(self) -> list[str]:
        """Russian labels of what the act does not state (to be filled in by the school)."""
        # the new act is written for MAX whatever the old one named: no platform to fill in
        out = [v.label for v in self.values() if v.missing and v.key != "document.platforms"]
        if self.adoption is None and self.kind.value != OrgKind.district.value:
            out.append("коллегиальный орган, принявший акт, и его протокол")
        if not self.councils and self.kind.value not in (OrgKind.district.value,):
            out.append("советы, мнение которых учтено, и их протоколы")
        return out

    def as_dict(self) -> dict[str, Any]:
        """Plain data (for JSON): every field with value and excerpt."""

        def one(v: Value) -> dict[str, Any]:
            val = v.value.isoformat() if isinstance(v.value, date) else v.value
            ex = None if v.excerpt is None else {"text": v.excerpt.text, "paragraph": v.excerpt.paragraph,
                                                  "line": v.excerpt.line}
            return {"value": val, "excerpt": ex}

        def proto(p: ProtocolValue) -> dict[str, Any]:
            return {"body": one(p.body), "date": one(p.date), "number": one(p.number)}

        return {
            **{v.key: one(v) for v in (self.full_name, self.short_name, self.kind, self.locality, self.head_position,
                                       self.head_name, self.doc_kind, self.platforms, self.approval_style,
                                       self.order_date, self.order_number)},
            "adoption": proto(self.adoption) if self.adoption else None,
            "councils": [proto(c) for c in self.councils],
            "missing": self.missing,
        }
