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
        """Findings the corrected act still has — no applied edit repairs them: for a person to deal with
        (among them those whose edit needs judgement, see :meth:`pending`)."""
        done = {id(f) for p in self.applied for f in p.findings}
        return [f for f in self.report.findings if id(f) not in done]

    def pending(self) -> list[Finding]:
        """Remaining findings with an edit that was not applied because it needs judgement (``unsafe``)."""
        return [s.finding for s in self.skipped if s.reason == "unsafe"]

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
    return repair(doc, report, unsafe=unsafe, accept=accept, when=when)


def repair(doc: Document, report: Report, *, unsafe: bool = False, accept: bool = False,
           when: dt.datetime | None = None) -> FixResult:
    """The corrected act of a document already checked (``audit --fix`` and the web page have the report)."""
    chosen = plan(report.findings, unsafe=unsafe)
    data, applied, refused = write(doc, chosen, accept=accept, when=when)
    return FixResult(report=report, document=doc, docx=data, applied=applied,
                     skipped=chosen.skipped + refused, accepted=accept)


def _comment(p: Planned, *, accepted: bool = False) -> str:
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
    if accepted:
        return f"{titles}. {why} Исправление внесено программой sferum-policy."
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
    """A DOCX of the act as written with the generator's page: A4, ГОСТ margins, page numbers from page 2."""
    from ..generator.docx_writer import page_numbers, page_setup
    from ..wordml import build_copy

    repairs = _repairs(doc)
    wdoc, targets = build_copy(doc, lambda p: written(p, repairs.get(p.index, [])))
    page_setup(wdoc)
    page_numbers(wdoc)
    return wdoc, targets


def _repairs(doc: Document) -> dict[int, list]:
    """The reader's OCR repairs by paragraph (what the text said before the reader repaired it)."""
    out: dict[int, list] = {}
    for r in doc.results.ocr_repairs:
        out.setdefault(r.paragraph, []).append(r)
    return out


def _undone(repairs: dict[int, list], para: Any, start: int, end: int) -> Any | None:
    """The reader's repair of exactly ``para.text[start:end]``, if the edit undoes one: the whole form as written
    (it may be longer or shorter than the repaired one) is what the edit replaces."""
    return next((r for r in repairs.get(para.index, []) if (r.start, r.end) == (start, end)), None)


def written(para: Any, repairs: list) -> tuple[str, Any]:
    """The paragraph as written — each OCR repair of the reader undone — and the map from offsets in
    ``para.text`` to offsets in it (inside a repaired span: the same place in the original form)."""
    if not repairs:
        return para.text, lambda i: i
    parts: list[str] = []
    marks: list[tuple[int, int, int, int]] = []  # fixed start, fixed end, written start, written length
    pos = shift = 0
    for r in sorted(repairs, key=lambda r: r.start):
        if r.start < pos:
            continue
        parts.append(para.text[pos:r.start])
        w0 = r.start + shift
        parts.append(r.original)
        marks.append((r.start, r.end, w0, len(r.original)))
        shift += len(r.original) - (r.end - r.start)
        pos = r.end
    parts.append(para.text[pos:])

    def where(i: int) -> int:
        d = 0
        for s, e, w0, n in marks:
            if i < s:
                break
            if i < e:  # a repaired span's first character maps to the first of its original form, its last
                # to the last (the end of an edit is «last + 1»), the rest to the same place or the last
                if i == s:
                    return w0
                return w0 + max(n - 1, 0) if i == e - 1 else w0 + min(i - s, max(n - 1, 0))
            d += n - (e - s)
        return i + d

    return "".join(parts), where


def write(doc: Document, chosen: Plan, *, accept: bool = False,
          when: dt.datetime | None = None) -> tuple[bytes, list[Planned], list[Skipped]]:
    """Apply the planned edits to a Word copy of ``doc``; return its bytes, the applied and the refused edits."""
    wdoc, targets = _open(doc)
    repairs = _repairs(doc)
    rev = Revisions(wdoc, when=when)
    # every span of every edit; an edit is written whole or not at all, so all its spans are checked first
    atoms = [(span, k) for k, item in enumerate(chosen.apply) for span in item.edit.spans()]
    failed: dict[int, str] = {}
    places: dict[tuple[tuple[int, int], int], tuple] = {}
    for span, k in atoms:
        try:
            places[(span, k)] = _place(doc, targets, repairs, span, chosen.apply[k].edit)
        except Refused as exc:
            failed.setdefault(k, str(exc))
    marks: dict[int, list] = {}
    # right to left, so the offsets of the spans still to come (to the left) stay valid
    for span, k in sorted((a for a in atoms if a[1] not in failed), key=lambda a: (a[0], a[1]), reverse=True):
        e = chosen.apply[k].edit
        marks.setdefault(k, []).extend(_apply(doc, targets, rev, places[(span, k)], e,
                                              first=span == (e.start, e.end)))
    applied: list[Planned] = []
    refused: list[Skipped] = []
    for k, item in enumerate(chosen.apply):
        if k in failed:
            refused.append(Skipped(item.finding, "refused", failed[k]))
            continue
        for first, last in marks.get(k, []):
            rev.comment(first, last, _comment(item, accepted=accept))
        applied.append(item)
    if accept:
        accept_all(wdoc)
    out = io.BytesIO()
    wdoc.save(out)
    return out.getvalue(), applied, refused


_LABEL = re.compile(r"^(\d+(?:\.\d+)*\.?|[-–—•])\s+")


def _depth(label: str | None) -> int:
    return label.count(".") + (not label.endswith(".")) if label and label[:1].isdigit() else 0


def _model(doc: Document, targets: dict, para: Any, text: str) -> tuple[Any | None, str, bool]:
    """The paragraph whose properties (style, automatic numbering) a new paragraph copies, its text, and
    whether it keeps automatic numbering: the last paragraph up to ``para`` numbered like it («3.6.» for
    «3.7.», a dash item for a dash item). With Word's automatic numbering the typed number is dropped — Word
    numbers the new paragraph itself. A dash item with no dash item to copy takes the clause's properties
    without its numbering."""
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
            return t.p, text, True
    return None, text, not (m and not want)


def _place(doc: Document, targets: dict, repairs: dict[int, list], span: tuple[int, int], e: Any) -> tuple:
    """Where one span of an edit goes in the Word copy — ``(paragraph, target, start, stop)`` in the ``w:p``'s
    run text — checked before anything is written (:class:`Refused` when it cannot be written)."""
    from ..wordml import source_offset
    from .revisions import refusal

    start, end = span
    para = doc.paragraph_at(start)
    t = targets.get(para.index) if para is not None else None
    if para is None or t is None or end > para.end:
        raise Refused("место исправления не найдено в документе")
    if not (end > start or e.replacement):
        return para, t, None, None  # new paragraphs only
    local_s, local_e = start - para.start, end - para.start
    s = source_offset(t, para, local_s, end=False) if local_s < len(para.text) \
        else source_offset(t, para, local_s, end=True)
    stop = source_offset(t, para, local_e, end=True) if local_e > local_s else s
    undone = _undone(repairs, para, local_s, local_e)
    if undone is not None and s is not None:
        stop = s + len(undone.original)  # the reader's repair of this span: the whole form as written goes
    if s is None or stop is None or stop < s:
        raise Refused("место исправления не найдено в документе")
    why = refusal(t.p, s, stop)
    if why is not None:
        raise Refused(why)
    return para, t, s, stop


def _apply(doc: Document, targets: dict, rev: Revisions, place: tuple, e: Any, *, first: bool) -> list:
    """Write one checked span of an edit (and, with its first span, its new paragraphs); the changed elements."""
    para, t, s, stop = place
    out = []
    if s is not None:
        out.append(rev.replace(t.p, s, stop, e.replacement))
    if first:
        anchor = t.p
        for text in e.paragraphs:
            like, text, numbered = _model(doc, targets, para, text)
            anchor = rev.insert_paragraph_after(anchor, text, like=like, numbered=numbered)
            out.append((anchor, anchor))
    return out


def _lines(doc: Document, applied: list[Planned]) -> list[str]:
    """The act's paragraphs as written (label and text), with ``applied`` edits made."""
    repairs = _repairs(doc)
    spans: dict[int, list[tuple[int, int, str, list[str], int]]] = {}
    for k, p in enumerate(applied):
        for s, e in p.edit.spans():
            para = doc.paragraph_at(s)
            if para is not None:
                first = (s, e) == (p.edit.start, p.edit.end)
                spans.setdefault(para.index, []).append((s, e, p.edit.replacement, p.edit.paragraphs if first else [], k))
    out: list[str] = []
    for para in doc.paragraphs:
        text, where = written(para, repairs.get(para.index, []))
        extra: list[str] = []
        for s, e, rep, paras, _ in sorted(spans.get(para.index, []), key=lambda x: (x[0], x[4]), reverse=True):
            ls, le = s - para.start, e - para.start
            ws = where(ls) if ls < len(para.text) else len(text)
            we = where(le - 1) + 1 if le > ls else ws
            undone = _undone(repairs, para, ls, le)
            if undone is not None:
                we = ws + len(undone.original)
            if e > s or rep:
                text = text[:ws] + rep + text[we:]
            extra = list(paras) + extra
        out.append((f"{para.label} {text}" if para.label else text) + "\n")
        out.extend(x + "\n" for x in extra)
    return out


def fixed_text(result: FixResult) -> str:
    """The corrected act as plain text (paragraph per line)."""
    return "".join(_lines(result.document, result.applied))
