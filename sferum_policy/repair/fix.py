"""``fix``: the checked act corrected, every change a Word tracked change with a comment saying why.

check (findings with edits) → :func:`plan.plan` (safe/unsafe, overlaps) → the edits written into a copy of the
act: a DOCX input is opened anew from its file (never written back) and only the runs that change are split;
any other input (TXT, MD, PDF, ODT, a scan) becomes a DOCX laid out like the generator's acts. ``accept=True``
writes the same result with the changes accepted. :func:`fixed_text` applies the same edits to the read text
(``fix --diff`` and the tests).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..document import Document
from ..report import Finding, Report
from .plan import Plan, Planned, Skipped, plan
from .revisions import Refused, Revisions, accept_all


@dataclass(slots=True)
class FixResult:
    """What ``fix`` did: the corrected DOCX, the edits applied and those left for a person."""

    report: Report  # the check of the original act
    document: Document
    docx: bytes  # the corrected act (tracked changes, or accepted with ``accept=True``)
    applied: list[Planned] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    accepted: bool = False

    @property
    def changes(self) -> int:
        return len(self.applied)

    def remaining(self) -> list[Finding]:
        """Findings no edit repairs: for a person to deal with."""
        done = {id(f) for p in self.applied for f in p.findings}
        return [f for f in self.report.findings if id(f) not in done]

    def by_code(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.applied:
            for f in p.findings[:1]:
                out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def diff(self) -> str:
        """A unified diff of the act's text before and after the applied edits."""
        before = _lines(self.document, [])
        after = _lines(self.document, self.applied)
        name = self.document.path or "акт"
        return "".join(difflib.unified_diff(before, after, f"{name} (было)", f"{name} (стало)"))


def fix(
    source: str | Path | Document,
    *,
    unsafe: bool = False,
    accept: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    as_of: date | None = None,
    when: dt.datetime | None = None,
    **kwargs: Any,
) -> FixResult:
    """Check ``source`` (a path, an act's text or a read Document) and write the corrected act.

    ``unsafe`` also applies edits that need judgement; ``select``/``ignore`` choose rules as in ``check``;
    ``accept`` writes the changes accepted; ``when`` dates the tracked changes (default: now).
    """
    from ..pipeline import run

    doc, report = run(source, as_of=as_of, select=select, ignore=ignore, **kwargs)
    chosen = plan(report.findings, unsafe=unsafe)
    data, applied, refused = write(doc, chosen, accept=accept, when=when)
    return FixResult(report=report, document=doc, docx=data, applied=applied,
                     skipped=chosen.skipped + refused, accepted=accept)


def _comment(p: Planned) -> str:
    from ..rules import RULES

    codes = []
    for f in p.findings:
        if f.code not in codes:
            codes.append(f.code)
    titles = "; ".join(f"[{c}] {RULES[c].title}" if c in RULES else f"[{c}]" for c in codes)
    f = p.finding
    why = f.message.strip()
    if why and why[0].islower():
        why = why[0].upper() + why[1:]
    if why and not why.endswith((".", "!", "?", "…")):
        why += "."
    return f"{titles}. {why} Исправление внесено программой sferum-policy; примите или отклоните его."


def _open(doc: Document) -> tuple[Any, dict]:
    """The Word copy to edit: the original DOCX, or a new one built from the read text."""
    import docx

    from ..wordml import docx_targets, source_bytes

    if doc.format == "docx":
        try:
            wdoc = docx.Document(io.BytesIO(source_bytes(doc)))
        except Exception:  # python-docx refuses some files the reader reads (.docm, missing parts)
            wdoc = None
        if wdoc is not None:
            return wdoc, docx_targets(wdoc, doc)
    return _laid_out_copy(doc)


def _laid_out_copy(doc: Document) -> tuple[Any, dict]:
    """A DOCX of the read text with the generator's page: A4, ГОСТ margins, page numbers from page 2."""
    from ..generator.docx_writer import page_numbers, page_setup
    from ..wordml import build_copy

    wdoc, targets = build_copy(doc)
    page_setup(wdoc)
    page_numbers(wdoc)
    return wdoc, targets


def write(doc: Document, chosen: Plan, *, accept: bool = False,
          when: dt.datetime | None = None) -> tuple[bytes, list[Planned], list[Skipped]]:
    """Apply the planned edits to a Word copy of ``doc``; return its bytes, the applied and the refused edits."""
    from ..wordml import source_offset

    wdoc, targets = _open(doc)
    rev = Revisions(wdoc, when=when)
    applied: list[Planned] = []
    refused: list[Skipped] = []
    # right to left, so the offsets of edits still to come (to the left) stay valid
    for item in sorted(chosen.apply, key=lambda p: (p.edit.start, p.edit.end), reverse=True):
        e = item.edit
        para = doc.paragraph_at(e.start)
        t = targets.get(para.index) if para is not None else None
        if para is None or t is None or e.end > para.end:
            refused.append(Skipped(item.finding, "refused", "место исправления не найдено в документе"))
            continue
        try:
            marks = []
            if e.end > e.start or e.replacement:
                local_s, local_e = e.start - para.start, e.end - para.start
                s = source_offset(t, para, local_s, end=False) if local_s < len(para.text) \
                    else source_offset(t, para, local_s, end=True)
                end = source_offset(t, para, local_e, end=True) if local_e > local_s else s
                if s is None or end is None:
                    raise Refused("место исправления не найдено в документе")
                marks.append(rev.replace(t.p, s, end, e.replacement))
            anchor = t.p
            for text in e.paragraphs:
                like, text = _model(doc, targets, para, text)
                anchor = rev.insert_paragraph_after(anchor, text, like=like)
                marks.append((anchor, anchor))
            for first, last in marks:
                rev.comment(first, last, _comment(item))
        except Refused as exc:
            refused.append(Skipped(item.finding, "refused", str(exc)))
            continue
        applied.append(item)
    applied.reverse()
    if accept:
        accept_all(wdoc)
    out = io.BytesIO()
    wdoc.save(out)
    return out.getvalue(), applied, refused


_LABEL = re.compile(r"^(\d+(?:\.\d+)*\.?|[-–—•])\s+")


def _depth(label: str | None) -> int:
    return label.count(".") + (not label.endswith(".")) if label and label[:1].isdigit() else 0


def _model(doc: Document, targets: dict, para: Any, text: str) -> tuple[Any | None, str]:
    """The paragraph whose properties (style, automatic numbering) a new paragraph copies, and its text:
    the last paragraph up to ``para`` numbered like it («3.6.» for «3.7.», a dash item for a dash item). With
    Word's automatic numbering the typed number is dropped — Word numbers the new paragraph itself."""
    m = _LABEL.match(text)
    label = m.group(1) if m else None
    want = _depth(label)
    for k in range(para.index, max(-1, para.index - 200), -1):
        q = doc.paragraphs[k]
        if q.kind == "heading":
            break
        if q.label and _depth(q.label) == want and (want or q.label[:1] in "-–—•"):
            t = targets.get(q.index)
            if t is None:
                break
            if m and t.label_at is None:  # Word numbers it: the typed label would be a second number
                text = text[m.end():]
            return t.p, text
    return None, text


def _lines(doc: Document, applied: list[Planned]) -> list[str]:
    """The act's paragraphs as text lines (label and text) with ``applied`` edits made."""
    by_para: dict[int, list[Planned]] = {}
    for p in applied:
        para = doc.paragraph_at(p.edit.start)
        if para is not None:
            by_para.setdefault(para.index, []).append(p)
    out: list[str] = []
    for para in doc.paragraphs:
        text = para.text
        extra: list[str] = []
        for p in sorted(by_para.get(para.index, []), key=lambda p: p.edit.start, reverse=True):
            s, e = p.edit.start - para.start, p.edit.end - para.start
            text = text[:s] + p.edit.replacement + text[e:]
            extra = list(p.edit.paragraphs) + extra
        out.append((f"{para.label} {text}" if para.label else text) + "\n")
        out.extend(x + "\n" for x in extra)
    return out


def fixed_text(result: FixResult) -> str:
    """The corrected act as plain text (paragraph per line)."""
    return "".join(_lines(result.document, result.applied))
