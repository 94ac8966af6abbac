"""The Report: what a check found, in the shape the JSON output and other tools rely on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .vocab import SEVERITY_RANK, Category, Section, Severity

SCHEMA_VERSION = "1.3"


class Location(BaseModel):
    """Where a finding is: paragraph index, its numbering label, offsets in ``Document.text``.

    ``start``/``end`` are character offsets in the document's normalised text; ``line`` is the
    1-based line in the source file when the source is text; ``page`` the 1-based page of a PDF or an image;
    ``confidence`` how sure the recognition of a scan was about these lines (0–100).
    """

    model_config = ConfigDict(extra="forbid")

    paragraph: int | None = None
    label: str | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    page: int | None = None
    confidence: float | None = None


class Edit(BaseModel):
    """A machine-applicable repair of one finding (the idea of ruff's ``Fix``).

    Replace ``Document.text[start:end]`` by ``replacement`` (``start == end`` inserts). ``applicability``:
    ``safe`` edits are applied by default, ``unsafe`` ones only when the user asks (``fix --unsafe``).
    ``paragraphs`` — whole new paragraphs inserted after the paragraph that holds ``start`` (a missing clause).
    ``also`` — more ``[start, end]`` spans replaced the same way (one finding reports a defect that recurs).
    """

    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    replacement: str = ""
    applicability: Literal["safe", "unsafe"]
    paragraphs: list[str] = Field(default_factory=list)
    also: list[tuple[int, int]] = Field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        """Every span this edit replaces: its own and the recurrences in ``also``."""
        return [(self.start, self.end), *self.also]


class Finding(BaseModel):
    """One defect. ``args`` are the structured values the message was built from (clause id and title,
    act id, section, the word and its correction …) — renderers read these, never the prose of ``message``.
    ``edit`` is the repair a fixable rule proposes, if any."""

    model_config = ConfigDict(extra="forbid")

    code: str
    category: Category
    severity: Severity
    message: str
    text: str | None = None
    suggestion: str | None = None
    section: Section | None = None
    clause_id: str | None = None
    act_id: str | None = None
    location: Location = Field(default_factory=Location)
    args: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    edit: Edit | None = None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.start if loc.start is not None else -1, -SEVERITY_RANK[self.severity], self.code)


class LegalRefEntry(BaseModel):
    """One citation of a legal act found in the document, resolved against the registry."""

    model_config = ConfigDict(extra="forbid")

    text: str
    kind: str | None = None
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    act_id: str | None = None
    status: str
    replaced_by: list[str] = Field(default_factory=list)
    effective_until: dt.date | None = None
    effective_until_verified: bool | None = None
    location: Location = Field(default_factory=Location)


class ClauseStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    clause_id: str
    section: Section
    level: str
    status: str  # present | partial | missing
    score: float
    paragraph: int | None = None
    label: str | None = None


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overall: float
    sections: dict[str, float]


class ToolInfo(BaseModel):
    name: str = "sferum-policy"
    version: str


class DocumentInfo(BaseModel):
    path: str | None
    format: str
    title: str | None
    doc_kind: str
    subject: str | None = None
    org_name: str | None = None
    org_kind: str | None
    platform: list[str]
    paragraphs: int
    words: int
    encoding: str | None = None


class RegistryLayerInfo(BaseModel):
    """A user's overlay laid over the bundled registry (``--refs`` or ``SFERUM_POLICY_REFS``)."""

    model_config = ConfigDict(extra="forbid")

    directory: str
    acts: int
    overridden: list[str] = Field(default_factory=list)
    data_date: dt.date | None = None


class RegistryInfo(BaseModel):
    """How fresh the legal registry was that judged the citations."""

    model_config = ConfigDict(extra="forbid")

    data_date: dt.date | None = None
    stale_after_days: int | None = None
    stale: bool = False
    overlays: list[RegistryLayerInfo] = Field(default_factory=list)


class Summary(BaseModel):
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    by_category: dict[str, int] = Field(default_factory=dict)


class OcrPage(BaseModel):
    page: int
    confidence: float | None = None
    seconds: float = 0.0
    dpi: int | None = None
    lang: str = "rus"


class OcrInfo(BaseModel):
    """How a scan was recognised: engine, language, resolution, why, pages with confidences (0–100)."""

    engine: str
    lang: str
    dpi: int
    reason: str  # scan | image | damaged_layer
    pages: list[OcrPage]
    seconds: float


class TextLayer(BaseModel):
    """The text layer's verdict, shown once at the top of every report.

    ``status``: ok | repaired (OCR defects found and repaired) | damaged (some paragraphs unreadable) |
    unreadable (most of the text). Paragraph numbers are 0-based indices, as in ``Location.paragraph``.
    """

    status: str
    message: str
    source: str  # text | ocr
    damaged_paragraphs: list[int] = Field(default_factory=list)
    unreadable_paragraphs: list[int] = Field(default_factory=list)
    unreadable_share: float = 0.0
    repaired: int = 0
    reocr: str | None = None  # done | unavailable | no_better | failed
    ocr: OcrInfo | None = None
    unverified: list[str] = Field(default_factory=list)
    kind_from_damaged_header: str | None = None


class Report(BaseModel):
    """Everything ``check`` learnt about one document (``schema_version`` versions the JSON)."""

    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    as_of: dt.date
    document: DocumentInfo
    summary: Summary
    findings: list[Finding]
    legal_refs: list[LegalRefEntry] = Field(default_factory=list)
    clauses: list[ClauseStatus] = Field(default_factory=list)
    coverage: Coverage | None = None
    registry: RegistryInfo | None = None
    text_layer: TextLayer | None = None

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)

    def fails(self, fail_on: Severity | str) -> bool:
        """True if any finding reaches severity ``fail_on``."""
        threshold = SEVERITY_RANK[Severity(fail_on)]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


def summarize(findings: list[Finding]) -> Summary:
    s = Summary()
    for f in findings:
        if f.severity == Severity.error:
            s.errors += 1
        elif f.severity == Severity.warning:
            s.warnings += 1
        else:
            s.infos += 1
        s.by_category[f.category.value] = s.by_category.get(f.category.value, 0) + 1
    return s
