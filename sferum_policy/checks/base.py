"""What every check receives (:class:`CheckContext`) and how it builds a :class:`Finding`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..document import Document, Paragraph
from ..report import Edit, Finding, Location
from ..rules import Rule
from ..vocab import Section, Severity

if TYPE_CHECKING:
    from ..library import ClauseLibrary, Registry


@dataclass(frozen=True, slots=True)
class Fix:
    """The repair a detector proposes for its finding (becomes :class:`report.Edit`).

    ``replacement`` replaces the finding's span, or ``start``/``end`` (offsets in the same paragraph's
    ``text``) when the edit touches only part of it (the number inside a citation). ``paragraphs`` are
    whole paragraphs inserted after the finding's paragraph, or after ``after`` when the finding has no
    place of its own (a missing clause goes after the last paragraph of its section). ``applicability``:
    ``safe`` — one certain correction, applied by ``fix`` by default; ``unsafe`` — needs a person's
    judgement (``fix --unsafe``).
    """

    replacement: str = ""
    applicability: str = "safe"
    start: int | None = None
    end: int | None = None
    paragraphs: tuple[str, ...] = ()
    after: Paragraph | None = None
    also: tuple[tuple[int, int], ...] = ()  # recurrences, as offsets in ``Document.text``


@dataclass
class CheckContext:
    """Shared, read-only inputs of a check run: the data, the as-of date, the enabled codes."""

    as_of: date
    clauses: ClauseLibrary
    registry: Registry
    enabled: set[str]
    options: dict[str, Any] = field(default_factory=dict)

    def wants(self, *codes: str) -> bool:
        """True if any of ``codes`` is enabled (a check may skip work when none is)."""
        return any(c in self.enabled for c in codes)


def _ocr_confidence(doc: Document, paragraph: Paragraph, s: int, e: int) -> float | None:
    """How sure the recognition of a scan was about the lines of this span (the least sure one, 0–100)."""
    ocr = doc.results.ocr
    cmap = paragraph.char_map
    if not ocr or not cmap or doc.source_text is None:
        return None
    src = doc.source_text
    lines = ocr.line_confidence
    a = cmap[max(0, min(s, len(cmap) - 1))]
    b = cmap[max(0, min(max(s, e - 1), len(cmap) - 1))]
    first = src.count("\n", 0, a) + src.count("\f", 0, a) + 1  # pages are joined by form feeds
    last = first + src.count("\n", a, b) + src.count("\f", a, b)
    values = [lines[n] for n in range(first, last + 1) if n in lines]
    return round(min(values), 1) if values else None


def finding(
    rule: Rule,
    doc: Document,
    message: str,
    *,
    paragraph: Paragraph | int | None = None,
    start: int | None = None,
    end: int | None = None,
    text: str | None = None,
    suggestion: str | None = None,
    severity: Severity | None = None,
    section: Section | str | None = None,
    clause_id: str | None = None,
    act_id: str | None = None,
    fix: Fix | None = None,
    args: dict[str, str | int | float | bool | None] | None = None,
) -> Finding:
    """Build a finding of ``rule``; ``start``/``end`` are offsets in the paragraph's ``text``.

    The excerpt defaults to ``paragraph.text[start:end]``, or the whole paragraph when no span is
    given; pass ``text=None`` together with ``paragraph=None`` for something absent. ``fix`` is the
    machine-applicable repair (see :class:`Fix`); ``args`` the structured values the message is built
    from: renderers read them, never the message's prose.
    """
    loc = Location()
    edit = None
    if isinstance(paragraph, int):
        paragraph = doc.paragraphs[paragraph]
    if paragraph is not None:
        s = 0 if start is None else start
        e = len(paragraph.text) if end is None else end
        if text is None:
            text = paragraph.text[s:e]
        line = paragraph.source_line
        cmap = paragraph.char_map
        if cmap and doc.source_text is not None and doc.format in ("txt", "md") and 0 <= s < len(cmap):
            line = doc.source_text.count("\n", 0, cmap[s]) + 1
        elif line is not None and s >= 0:
            line += paragraph.text.count("\n", 0, s)
        loc = Location(
            paragraph=paragraph.index,
            label=paragraph.label,
            start=paragraph.start + s,
            end=paragraph.start + e,
            line=line,
            page=paragraph.source_unit + 1 if doc.format in ("pdf", "image") and paragraph.source_unit is not None
            else None,
            confidence=_ocr_confidence(doc, paragraph, s, e),
        )
        if fix is not None:
            fs = s if fix.start is None else fix.start
            fe = e if fix.end is None else fix.end
            edit = Edit(start=paragraph.start + fs, end=paragraph.start + fe, replacement=fix.replacement,
                        applicability=fix.applicability, paragraphs=list(fix.paragraphs), also=list(fix.also))
    if fix is not None and fix.after is not None:
        edit = Edit(start=fix.after.end, end=fix.after.end, replacement="", applicability=fix.applicability,
                    paragraphs=list(fix.paragraphs))
    return Finding(
        code=rule.code,
        category=rule.category,
        severity=severity or rule.severity,
        message=message,
        text=text,
        suggestion=suggestion,
        section=Section(section) if section else None,
        clause_id=clause_id,
        act_id=act_id,
        location=loc,
        args=args or {},
        edit=edit,
    )
