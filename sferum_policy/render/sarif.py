"""SARIF 2.1.0 output, for code-review tools and CI dashboards.

Regions point into the checked file itself: for text formats (TXT, Markdown) with the read
Document at hand, the paragraph's ``char_map`` gives ``charOffset``/``charLength`` and line and
column numbers in the decoded text (``columnKind`` = Unicode code points). Without the Document only
``startLine`` is known; for DOCX/PDF/ODT a finding is located by a logical location (the clause
number) and its excerpt is kept in the result's properties.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from pathlib import PurePath
from urllib.parse import quote

from ..document import Document
from ..report import Finding, Report
from ..rules import RULES
from ..vocab import CATEGORY_TITLES
from .freshness import freshness_lines

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_MIME = {
    "txt": "text/plain",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
}
_TEXT_FORMATS = ("txt", "md", "text")


def artifact_uri(path: str | None) -> str:
    """A URI reference for the checked file: relative paths stay relative, absolute ones are file: URIs."""
    if not path:
        return "document.txt"
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix(), safe="/:")
    return quote(p.as_posix(), safe="/")


class _SourceMap:
    """Offsets in ``Document.text`` → offsets, lines and columns in the decoded source file."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        src = doc.source_text or ""
        self.src = src
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(src) if ch == "\n"]

    def _source_offset(self, pos: int, *, end: bool) -> int | None:
        doc = self.doc
        para = doc.paragraph_at(pos - 1 if end else pos)
        if para is None or not para.char_map or len(para.char_map) != len(para.text):
            return None
        local = pos - para.start
        if end:
            local = min(max(local, 1), len(para.text))
            return para.char_map[local - 1] + 1
        local = min(max(local, 0), len(para.text) - 1)
        return para.char_map[local]

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def region(self, start: int, end: int) -> dict | None:
        s = self._source_offset(start, end=False)
        e = self._source_offset(end, end=True)
        if s is None or e is None or e <= s or e > len(self.src):
            return None
        (l1, c1), (l2, c2) = self._line_col(s), self._line_col(e)
        return {"startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2,
                "charOffset": s, "charLength": e - s, "snippet": {"text": self.src[s:e]}}


def _region(f: Finding, source: _SourceMap | None) -> dict | None:
    loc = f.location
    if source is not None and loc.start is not None and loc.end is not None and loc.end > loc.start:
        region = source.region(loc.start, loc.end)
        if region is not None:
            return region
    if loc.line is not None and loc.line >= 1:
        region = {"startLine": loc.line}
        if f.text:
            region["snippet"] = {"text": f.text}
        return region
    return None


def _fingerprint(f: Finding) -> str:
    key = "\x1f".join([f.code, f.text or "", f.clause_id or "", f.act_id or "", f.location.label or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _rule(code: str) -> dict:
    r = RULES.get(code)
    if r is None:
        return {"id": code, "name": code, "shortDescription": {"text": code}}
    basis = "".join(f"\n- {b}" for b in r.basis)
    return {
        "id": code,
        "name": r.name,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.why},
        "help": {
            "text": f"{r.why}\nКак исправить: {r.fix}" + (f"\nОснования:{basis}" if basis else ""),
            "markdown": f"**{r.title}**\n\n{r.why}\n\n**Как исправить:** {r.fix}" + (f"\n\n**Основания:**{basis}" if basis else ""),
        },
        # a preview rule is off unless named (--select CODE): SARIF's «enabled» says the same
        "defaultConfiguration": {"level": LEVELS[r.severity.value]} | ({"enabled": False} if r.status == "preview" else {}),
        "properties": {"category": r.category.value, "tags": [r.category.value, CATEGORY_TITLES[r.category]],
                       "status": r.status, "fixable": r.fixable},
    }


def _result(f: Finding, index: dict[str, int], uri: str, source: _SourceMap | None) -> dict:
    message = f.message.rstrip()
    if f.suggestion:
        message += ("" if message.endswith((".", "!", "?")) else ".") + f" Предложение: {f.suggestion}"
    location: dict = {}
    if uri:
        physical: dict = {"artifactLocation": {"uri": uri, "index": 0}}
        region = _region(f, source)
        if region:
            physical["region"] = region
        location["physicalLocation"] = physical
    if f.location.label or f.location.paragraph is not None:
        name = f"п. {f.location.label.rstrip('.')}" if f.location.label and f.location.label[0].isalnum() \
            else f"абзац {f.location.paragraph + 1}" if f.location.paragraph is not None else f"п. {f.location.label}"
        location["logicalLocations"] = [{"name": name, "kind": "member"}]
    props: dict = {"category": f.category.value, "severity": f.severity.value}
    for key in ("section", "clause_id", "act_id", "suggestion", "text"):
        value = getattr(f, key)
        if value is not None:
            props[key] = str(value)
    if f.location.paragraph is not None:
        props["paragraph"] = f.location.paragraph
    result: dict = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": LEVELS[f.severity.value],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {"sferumFinding/v1": _fingerprint(f)},
        "properties": props,
    }
    return result


def render_sarif(report: Report, *, document: Document | None = None) -> str:
    """Render ``report`` as a SARIF 2.1.0 log with one run (``document`` makes regions exact)."""
    used = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(used)}
    d = report.document
    uri = artifact_uri(d.path)
    source = None
    if document is not None and document.format in _TEXT_FORMATS and document.source_text:
        source = _SourceMap(document)
    artifact: dict = {"location": {"uri": uri}, "mimeType": _MIME.get(d.format, "application/octet-stream")}
    if d.encoding and d.format in _TEXT_FORMATS:
        artifact["encoding"] = d.encoding
    run: dict = {
        "tool": {"driver": {
            "name": report.tool.name,
            "version": report.tool.version,
            "semanticVersion": report.tool.version if report.tool.version.count(".") == 2 else None,
            "language": "ru-RU",
            "rules": [_rule(code) for code in used],
        }},
        "invocations": [{"executionSuccessful": True}],
        "language": "ru-RU",
        "columnKind": "unicodeCodePoints",
        "artifacts": [artifact],
        "results": [_result(f, index, uri, source) for f in report.findings],
        "properties": {
            "asOf": report.as_of.isoformat(),
            "title": d.title,
            "docKind": d.doc_kind,
            "orgKind": d.org_kind,
            "coverage": report.coverage.overall if report.coverage else None,
            "registry": report.registry.model_dump(mode="json") if report.registry else None,
            "registryNote": " ".join(freshness_lines(report.registry, report.as_of)) or None,
        },
    }
    if run["tool"]["driver"]["semanticVersion"] is None:
        del run["tool"]["driver"]["semanticVersion"]
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
