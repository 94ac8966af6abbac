"""The one Document model every reader produces and every check reads.

Readers fill ``paragraphs`` (and the source map); analysis fills ``meta`` and ``sections``; the stages after
it leave what later stages and the report need in ``results`` (:class:`StageResults`, typed fields — not
string keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .vocab import DocKind, OrgKind, Platform

if TYPE_CHECKING:  # for annotations only: importing ocr.repair or report here would load them with every reader
    from .ocr.edits import Repair
    from .ocr.pages import OcrRun
    from .report import ClauseStatus, Coverage, LegalRefEntry, TextLayer


@dataclass(slots=True)
class Paragraph:
    """One paragraph of normalised text with its numbering label and positions.

    ``text`` excludes the numbering label, which is kept in ``label`` ("2.3.", "а)", "-"):
    for DOCX the label comes from Word's automatic numbering, for text formats it is split off the
    paragraph's first characters. ``start``/``end`` are offsets of ``text`` in ``Document.text``.
    ``source_unit`` is the paragraph's index among the source's units (DOCX body paragraphs, text
    lines); ``char_map`` maps every character of ``text`` to an offset in the source (text formats)
    or in the source paragraph's own text (DOCX), when known.
    """

    index: int
    text: str
    label: str | None = None
    kind: str = "text"  # heading | item | bullet | text | table
    level: int = 0
    start: int = 0
    end: int = 0
    style: str | None = None
    source_unit: int | None = None
    source_line: int | None = None
    char_map: list[int] | None = None
    section: int | None = None

    @property
    def full_text(self) -> str:
        """The paragraph as a reader sees it: label, space, text."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(slots=True)
class Section:
    """A top-level part of the act (``2. Организация работы …``) spanning paragraphs."""

    index: int
    title: str
    label: str | None
    first: int  # index of the heading paragraph
    last: int  # index of the last paragraph in the section (inclusive)
    key: str | None = None  # canonical section (vocab.Section) if recognised


@dataclass(slots=True)
class Requisite:
    """An approval, adoption or consent mark: who, which document, its date and number."""

    kind: str  # approval | adoption | consent | agreement
    text: str
    body: str | None = None
    date: date | None = None
    number: str | None = None
    paragraph: int | None = None


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    doc_kind: DocKind = DocKind.unknown
    org_name: str | None = None
    org_short: str | None = None
    org_kind: OrgKind | None = None
    platforms: list[Platform] = field(default_factory=list)
    requisites: list[Requisite] = field(default_factory=list)
    header_text: str | None = None
    footer_text: str | None = None
    subject: str | None = None  # what the act regulates (subject.py): platform, elearning, eios, chat_ethics …
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class StageResults:
    """What the stages after reading leave for later stages and for the report, one typed field each.

    Writers: ``pdf_bytes`` and ``ocr`` — the PDF and image readers; ``section_keys`` — analysis
    (:mod:`sferum_policy.analysis`); ``text_layer`` and ``ocr_repairs`` — the text-layer stage
    (:mod:`sferum_policy.ocr.quality`); ``legal_refs`` — the legal-refs check; ``clauses`` and ``coverage`` —
    the coverage check. Readers: the checks named in each comment and ``pipeline.build_report``.
    """

    pdf_bytes: bytes | None = None  # a text PDF's bytes, kept until the text layer is judged (a new reading)
    ocr: OcrRun | None = None  # our own recognition: engine, pages, line confidences (checks.base, ocr.quality)
    section_keys: dict[int, list[str]] = field(default_factory=dict)  # section index → library sections named
    text_layer: TextLayer | None = None  # the verdict shown atop every report (ocr.quality adds «unverified»)
    ocr_repairs: list[Repair] = field(default_factory=list)  # OCR defects repaired before the checks (checks.ocr)
    legal_refs: list[LegalRefEntry] = field(default_factory=list)  # every citation resolved (report)
    clauses: list[ClauseStatus] = field(default_factory=list)  # one per applicable library clause (report)
    coverage: Coverage | None = None  # level-weighted share of the library found (report)


@dataclass(slots=True)
class Document:
    """A read act: its paragraphs, sections, metadata and the source it came from."""

    paragraphs: list[Paragraph]
    path: str | None = None
    format: str = "txt"
    source_text: str | None = None
    encoding: str | None = None
    sections: list[Section] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    results: StageResults = field(default_factory=StageResults)
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.reindex()

    def reindex(self) -> None:
        """Recompute ``text`` and paragraph offsets after paragraphs changed."""
        pos = 0
        parts = []
        for i, p in enumerate(self.paragraphs):
            p.index = i
            if p.label:
                prefix = p.label + " "
                parts.append(prefix)
                pos += len(prefix)
            p.start = pos
            p.end = pos + len(p.text)
            parts.append(p.text + "\n")
            pos = p.end + 1
        self.text = "".join(parts)

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph whose text contains ``offset`` of ``Document.text``."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            p = self.paragraphs[mid]
            if offset < p.start - (len(p.label) + 1 if p.label else 0):
                hi = mid - 1
            elif offset > p.end:
                lo = mid + 1
            else:
                return p
        return None

    def section_of(self, paragraph: Paragraph) -> Section | None:
        return self.sections[paragraph.section] if paragraph.section is not None else None
