"""Matching units of a document: clause fragments, paragraphs, bullet blocks and small windows.

A provision may be one paragraph, a fragment of a long paragraph (several duties joined by «;»), or a
lead-in paragraph with its bullets, or (with line-based readers) a sentence broken over 2–3
paragraphs. Every unit carries its own tokens and a context (the lead-in and the section heading),
which supplies the subject («Классный руководитель … :», «… запрещается:») that bullets omit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Document, Paragraph
from .tokens import tokens

_BULLET_LABEL = re.compile(r"^(?:[-–—•·*]|[а-яa-z]\)|\d+\))$")
_BULLET_TEXT = re.compile(r"^\s*[-–—•·*]\s+")
_NUMBERED = re.compile(r"\d")
_TOP_LEVEL = re.compile(r"^\d{1,2}\.?$")
# Fragment boundaries inside a long paragraph: «;», a colon, or a sentence end before a capital.
_SPLIT = re.compile(r";\s*|:\s+|\.\s+(?=[«\"(]?[А-ЯA-Z])")
MAX_BLOCK = 8  # paragraphs in a lead-in + bullets block
MAX_BLOCK_TOKENS = 160
SUBJECT_TOKENS = 8  # the actor of a duty list is named within the first tokens of its lead-in


@dataclass(slots=True)
class Unit:
    """A span of the document that may carry a clause."""

    kind: str  # fragment | paragraph | window | block
    first: int  # first paragraph index
    last: int  # last paragraph index (inclusive)
    seq: list[str]  # own canonical tokens, in order
    toks: frozenset[str]
    ctx: frozenset[str]  # lead-in and heading tokens
    start: int | None = None  # fragment offsets in the paragraph's text
    end: int | None = None
    lead: frozenset[str] = frozenset()  # the lead-in («Классный руководитель …, для этого:»)
    heading: frozenset[str] = frozenset()  # the section heading
    subject: frozenset[str] = frozenset()  # first tokens of the lead-in (or of the unit): who acts
    full: frozenset[str] = frozenset()  # toks | ctx

    def __post_init__(self) -> None:
        self.full = self.toks | self.ctx

    @property
    def size(self) -> int:
        return len(self.seq)


@dataclass(slots=True)
class DocUnits:
    """Every unit of one document plus per-paragraph token sets (for pointing inside a unit)."""

    units: list[Unit]
    para_toks: list[frozenset[str]]
    anchors: list[int | None]  # nearest paragraph (self or above) with a numbering label, per paragraph


def is_bullet(p: Paragraph) -> bool:
    """True for a list item («- …», «а) …», «1) …»)."""
    if p.kind == "bullet":
        return True
    if p.label and _BULLET_LABEL.match(p.label.strip()):
        return True
    return not p.label and bool(_BULLET_TEXT.match(p.text))


def _is_heading(doc: Document, p: Paragraph) -> bool:
    if p.kind == "heading":
        return True
    if doc.sections:
        return any(s.first == p.index for s in doc.sections)
    return bool(p.label and _TOP_LEVEL.match(p.label.strip()) and len(p.text) < 160)


def _is_numbered(p: Paragraph) -> bool:
    return bool(p.label and _NUMBERED.search(p.label) and not _BULLET_LABEL.match(p.label.strip()))


def _fragments(text: str) -> list[tuple[int, int]]:
    """Character spans of the clause fragments of a paragraph."""
    spans, pos = [], 0
    for m in _SPLIT.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _act_paragraphs(doc: Document) -> list[Paragraph]:
    """Paragraphs of the act itself: what follows its «Заключительные положения» is an appendix."""
    paras = doc.paragraphs
    if doc.sections and doc.sections[-1].key == "final" and doc.sections[-1].last < len(paras) - 1:
        return paras[: doc.sections[-1].last + 1]
    return paras


def build_units(doc: Document) -> DocUnits:
    """Split ``doc`` into matching units (see the module docstring)."""
    paras = _act_paragraphs(doc)
    n = len(paras)
    seqs = [tokens(p.text) for p in paras]
    sets = [frozenset(s) for s in seqs]
    heading_ctx: list[frozenset[str]] = [frozenset()] * n
    lead_ctx: list[frozenset[str]] = [frozenset()] * n
    lead_seq: list[list[str]] = [[] for _ in range(n)]
    lead_tokens: list[str] = []
    anchors: list[int | None] = [None] * n
    heading: frozenset[str] = frozenset()
    lead: frozenset[str] = frozenset()
    anchor: int | None = None
    bullets = [is_bullet(p) for p in paras]
    headings = [_is_heading(doc, p) for p in paras]
    numbered = [_is_numbered(p) for p in paras]
    fragments = [_fragments(p.text) for p in paras]
    for i in range(n):
        if headings[i]:
            heading, lead, lead_tokens = sets[i], frozenset(), []
        elif numbered[i]:
            first = fragments[i]
            lead_tokens = tokens(paras[i].text[first[0][0] : first[0][1]]) if first else seqs[i]
            lead = frozenset(lead_tokens)
        if numbered[i] or headings[i]:
            anchor = i
        heading_ctx[i] = heading
        if (bullets[i] or not numbered[i]) and not headings[i]:
            lead_ctx[i], lead_seq[i] = lead, lead_tokens
        anchors[i] = anchor

    units: list[Unit] = []

    def add(kind: str, first: int, last: int, seq: list[str], lead: frozenset[str], subject_seq: list[str],
            start: int | None = None, end: int | None = None) -> None:
        head = heading_ctx[first]
        units.append(
            Unit(kind, first, last, seq, frozenset(seq), head | lead, start, end, lead, head,
                 frozenset(subject_seq[:SUBJECT_TOKENS]))
        )

    for i, p in enumerate(paras):
        own_lead = not lead_ctx[i]  # a numbered paragraph (or a heading) speaks for itself
        subject = seqs[i] if own_lead else lead_seq[i]
        frags = fragments[i]
        lead_in_seq = tokens(p.text[frags[0][0] : frags[0][1]]) if len(frags) > 1 else seqs[i]
        lead_in = frozenset(lead_in_seq)
        lead = lead_ctx[i] if not own_lead else lead_in
        add("paragraph", i, i, seqs[i], lead, subject)
        if len(frags) > 1:
            for s, e in frags:
                seq = tokens(p.text[s:e])
                if seq:
                    add("fragment", i, i, seq, lead_ctx[i] | lead_in, lead_in_seq if own_lead else subject, s, e)
        for width in (2, 3):
            j = i + width - 1
            # a window never crosses into the next numbered point or section
            if j >= n or any(headings[k] or numbered[k] for k in range(i + 1, j + 1)):
                continue
            seq = [t for k in range(i, j + 1) for t in seqs[k]]
            add("window", i, j, seq, lead, subject)
        if numbered[i] and not headings[i]:
            j = i
            while j + 1 < n and j + 1 - i < MAX_BLOCK and not headings[j + 1] and not numbered[j + 1]:
                j += 1
            if j - i >= 3:
                seq = [t for k in range(i, j + 1) for t in seqs[k]]
                if len(seq) <= MAX_BLOCK_TOKENS:
                    add("block", i, j, seq, lead, seqs[i])
    return DocUnits(units, sets, anchors)
