"""A reviewed copy of the act as DOCX, with a Word comment anchored at every finding.

For a DOCX input the copy is the original file (read anew from ``Document.path``, never written
back) with runs split so that each comment covers exactly the finding's excerpt: the reader's
``source_unit`` finds the ``w:p`` and ``char_map`` the character offsets in it. Other formats get
a plain copy built from the read text (one Word paragraph per Document paragraph, Times New Roman
14, headings bold), commented the same way. Findings without an excerpt are anchored on their
section's heading, else on the title. A summary comment on the first paragraph lists counts, missing
sections and clauses and outdated legal acts.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..document import Document
from ..errors import InputError
from ..report import Finding, Report
from ..vocab import SECTION_TITLES, Section
from ..wordml import (
    BAD_XML,
    Target,
    build_copy,
    covering,
    docx_targets,
    source_bytes,
    source_offset,
)
from .freshness import freshness_lines

AUTHOR = "sferum-policy"
INITIALS = "SP"
OUTDATED = ("repealed", "expired", "superseded", "expiring", "lapsed")
_OUTDATED_CODES = ("LR001", "LR002", "LR003", "LR004", "LR012")



# --- anchors --------------------------------------------------------------------------------------

def _title_index(doc: Document) -> int:
    """The paragraph holding the act's title (or its first words), else the first paragraph."""
    title = (doc.meta.title or "").casefold()
    for p in doc.paragraphs[:30]:
        t = p.text.casefold().strip()
        if title and len(t) >= 5 and t in title:
            return p.index
    return 0


def _heading_index(doc: Document, section: Section | str | None) -> int | None:
    if section is None:
        return None
    for s in doc.sections:
        if s.key == section:
            return s.first
    return None


class _Anchors:
    """Resolves findings to run ranges in the Word copy and adds comments there."""

    def __init__(self, wdoc: Any, doc: Document, targets: dict[int, Target]) -> None:
        self.wdoc = wdoc
        self.doc = doc
        self.targets = targets
        self.title = _title_index(doc)

    def _excerpt_range(self, f: Finding) -> tuple[Any, int, Any, int] | None:
        loc = f.location
        if loc.start is None or loc.end is None or loc.end <= loc.start or not f.text:
            return None
        doc = self.doc
        first = doc.paragraphs[loc.paragraph] if loc.paragraph is not None and loc.paragraph < len(doc.paragraphs) \
            else doc.paragraph_at(loc.start)
        last = doc.paragraph_at(loc.end - 1)
        if first is None or last is None or last.index < first.index:
            return None
        t1, t2 = self.targets.get(first.index), self.targets.get(last.index)
        if t1 is None or t2 is None:
            return None
        s = source_offset(t1, first, loc.start - first.start, end=False)
        e = source_offset(t2, last, loc.end - last.start, end=True)
        if s is None or e is None:
            return None
        if t1 is t2 and e <= s:
            return None
        return t1.p, s, t2.p, e

    def _whole(self, index: int | None) -> tuple[Any, int, Any, int] | None:
        t = self.targets.get(index) if index is not None else None
        if t is None or t.length == 0:
            return None
        return t.p, 0, t.p, t.length

    def resolve(self, f: Finding) -> tuple[Any, Any] | None:
        """The (first, last) runs a finding's comment covers."""
        candidates = (
            self._excerpt_range(f),
            self._whole(f.location.paragraph),
            self._whole(_heading_index(self.doc, f.section)),
            self._whole(self.title),
            *(self._whole(i) for i in sorted(self.targets)),
        )
        return self._first_of(candidates)

    def first(self) -> tuple[Any, Any] | None:
        """The runs of the first paragraph that has any (for the summary comment)."""
        return self._first_of(self._whole(i) for i in sorted(self.targets))

    @staticmethod
    def _first_of(candidates: Any) -> tuple[Any, Any] | None:
        for c in candidates:
            if c is not None and (runs := covering(*c)) is not None:
                return runs
        return None

    def comment(self, runs: tuple[Any, Any], text: str) -> None:
        from docx.text.run import Run

        first, last = runs
        self.wdoc.add_comment([Run(first, None), Run(last, None)], text=BAD_XML.sub(" ", text), author=AUTHOR,
                              initials=INITIALS)


# --- comment texts --------------------------------------------------------------------------------

def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def finding_comment(f: Finding) -> str:
    """«[CODE] Сообщение. Предложение: …» — the text of one finding's comment."""
    text = f"[{f.code}] {_sentence(f.message)}"
    if f.suggestion:
        text += f" Предложение: {f.suggestion}"
    return text


def _section_title(key: str | None) -> str:
    try:
        return SECTION_TITLES[Section(key)] if key else "Без раздела"
    except ValueError:
        return key or "Без раздела"


def summary_comment(report: Report) -> str:
    """The summary at the top: counts, completeness, missing sections and clauses, outdated acts."""
    s = report.summary
    lines = [
        f"Проверка программой {report.tool.name} на {report.as_of:%d.%m.%Y}: ошибок — {s.errors}, "
        f"предупреждений — {s.warnings}, сведений — {s.infos}. Замечания к конкретным местам — в примечаниях ниже."
    ]
    lines.extend(freshness_lines(report.registry, report.as_of))
    layer = report.text_layer
    if layer is not None and (layer.status != "ok" or layer.source == "ocr"):
        lines.insert(0, "Текстовый слой: " + layer.message + ".")
    if report.coverage is not None:
        lines.append(f"Полнота по библиотеке положений: {report.coverage.overall:.0%}.")
    sections = [f for f in report.findings if re.fullmatch(r"CL0(0\d|1[0-3])", f.code)]
    if sections:
        names = [f"«{f.args['section_title']}»" if f.args.get("section_title") else f.message for f in sections]
        lines.append(f"Нет разделов ({len(sections)}): " + "; ".join(names) + ".")
    missing = [f for f in report.findings if f.code in ("CL020", "CL021")]
    if missing:
        required = sum(f.code == "CL020" for f in missing)
        lines.append(f"Недостающие положения ({len(missing)}, из них обязательных — {required}):")
        by_section: dict[str | None, list[str]] = {}
        for f in missing:
            name = str(f.args.get("clause_title") or f.message)
            by_section.setdefault(f.section, []).append(name + (" (обязательное)" if f.code == "CL020" else ""))
        order = {key.value: i for i, key in enumerate(Section)}
        for key, names in sorted(by_section.items(), key=lambda kv: order.get(kv[0] or "", len(order))):
            lines.append(f"— {_section_title(key)}: " + "; ".join(names) + ".")
    partial = sum(f.code == "CL022" for f in report.findings)
    if partial:
        lines.append(f"Положений, изложенных не полностью: {partial}.")
    outdated = [r for r in report.legal_refs if r.status in OUTDATED]
    if outdated:
        from ..library.acts import STATUS_TITLES

        lines.append(f"Устаревшие ссылки на нормативные акты ({len(outdated)}):")
        advice = {f.location.start: f.suggestion for f in report.findings
                  if f.category == "legal_ref" and f.code in _OUTDATED_CODES and f.suggestion}
        for r in outdated:
            line = f"— «{r.text}» — {STATUS_TITLES.get(r.status, r.status)}"
            if advice.get(r.location.start):
                line += ". " + _sentence(advice[r.location.start]).rstrip(".")
            elif r.replaced_by:
                line += "; вместо него: " + ", ".join(r.replaced_by)
            lines.append(line + ".")
    if not report.findings:
        lines.append("Замечаний нет.")
    return "\n".join(lines)


def render_docx(report: Report, *, document: Document | None = None, source: bytes | None = None) -> bytes:
    """A copy of the act with a Word comment at every finding; the input file is never modified.

    ``source`` is the original DOCX's bytes (read from ``document.path`` when omitted); other
    formats, and a DOCX python-docx cannot open, are rebuilt from ``document``'s text.
    """
    if document is None:
        raise InputError("для формата docx нужен сам документ, а не только отчёт")
    import docx

    wdoc = None
    if document.format == "docx":
        data = source if source is not None else source_bytes(document)
        try:
            wdoc = docx.Document(io.BytesIO(data))
        except Exception:  # python-docx refuses some files the reader reads (.docm, missing parts)
            wdoc = None
    if wdoc is not None:
        targets = docx_targets(wdoc, document)
    else:  # other formats, and a DOCX python-docx cannot open: a copy built from the extracted text
        wdoc, targets = build_copy(document)
    if not targets:
        wdoc.add_paragraph(document.meta.title or "Документ")
        targets = {0: Target(wdoc.paragraphs[-1]._p, lambda i: i, len(wdoc.paragraphs[-1].text))}
    anchors = _Anchors(wdoc, document, targets)
    top = anchors.first()
    if top is not None:
        anchors.comment(top, summary_comment(report))
    for f in report.findings:
        runs = anchors.resolve(f)
        if runs is not None:
            anchors.comment(runs, finding_comment(f))
    out = io.BytesIO()
    wdoc.save(out)
    return out.getvalue()
