"""Document metadata: sections, title, kind of act, requisites, organisation and platforms.

``analyze(doc)`` runs for every format (the analysis stage, :func:`sferum_policy.analysis.analyse`). It is regex-only and fast. Besides
``doc.meta`` and ``doc.sections`` it sets ``paragraph.section``; paragraphs before the first section
(title block, requisites) and text appended after the act's final provisions get ``section=None``.
``Section.key`` is a :class:`~sferum_policy.vocab.Section` value, or ``"roles"`` for a section that
describes the work of all participants («Организация работы участников …»);
``doc.results.section_keys`` lists every key a heading names («Права и обязанности» →
``["rights", "obligations"]``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..vocab import DocKind
from .organisation import org_from_further, org_from_header, org_kind, platforms
from .requisites import KIND_OF, KIND_WORD, REQ_MARK, SELF_REF, requisites, self_ref_kind
from .sections import make_sections, numbered_headings, section_keys, tail_start
from .text import WORD, clean, label_numbers, label_span


@dataclass(slots=True)
class _Title:
    text: str
    first: int
    last: int


def _find_title(doc: Document, limit: int) -> _Title | None:
    for i in range(limit):
        p = doc.paragraphs[i]
        if label_span(p):
            continue
        t = clean(p.text)
        if not KIND_WORD.match(t) or REQ_MARK.match(t):
            continue
        parts = [t]
        j = i
        while j + 1 < limit and sum(map(len, parts)) < 500:
            nxt = doc.paragraphs[j + 1]
            nt = clean(nxt.text)
            if not nt:
                j += 1
                continue
            if label_span(nxt) or REQ_MARK.match(nt) or nt.startswith("_"):
                break
            first = WORD.search(nt)
            prev = parts[-1]
            cont = (
                (len(parts) == 1 and prev.isupper())
                or (first is not None and first.group().islower())
                or nt.startswith(("«", "\"", "("))
                or not prev.endswith((".", "»", ")", "!", "?"))
            )
            if not cont:
                break
            parts.append(nt)
            j += 1
        title = " ".join(" ".join(parts).split()).rstrip(".")
        return _Title(title, i, j)
    return None


def analyze(doc: Document) -> None:
    """Fill ``doc.sections``, paragraph sections and ``doc.meta`` (title, kind, requisites, org, platforms)."""
    meta = doc.meta
    paras = doc.paragraphs
    n = len(paras)
    heads = numbered_headings(doc)
    first_label = next((p.index for p in paras if label_numbers(p)), None)
    front_end = heads[0] if heads else min(n, 60, first_label if first_label is not None else n)
    title = _find_title(doc, front_end)
    if not heads:
        after = title.last + 1 if title else 0
        heads = [p.index for p in paras[after:] if p.kind == "heading" and not REQ_MARK.match(clean(p.text))]
    sections = make_sections(doc, heads, n - 1)
    end = n - 1
    finals = [s for s in sections if s.key == "final"]
    if finals:
        tail = tail_start(doc, finals[-1])
        if tail is not None:
            end = tail - 1
            sections = [s for s in sections if s.first <= end]
            sections[-1].last = min(sections[-1].last, end)
    doc.sections = sections
    doc.results.section_keys = {s.index: list(section_keys(s.title)) for s in sections}
    for p in paras:
        p.section = None
    for s in sections:
        for k in range(s.first, s.last + 1):
            paras[k].section = s.index

    zone = range(0, sections[0].first if sections else min(n, 60))
    title_stops = {title.first} if title else set()
    reqs = requisites(doc, zone, title_stops)
    meta.requisites = reqs

    if title:
        meta.title = title.text
    act_text = "\n".join(p.full_text for p in paras[: end + 1])
    self_kinds = [self_ref_kind(m.group(2)) for m in SELF_REF.finditer(act_text)]
    clauses = any((nums := label_numbers(p)) is not None and len(nums) >= 2 for p in paras[: end + 1])
    if title:
        meta.doc_kind = KIND_OF[KIND_WORD.match(title.text).group(1).lower()]  # type: ignore[union-attr]
    elif not clauses and not any(r.kind in ("approval", "adoption") for r in reqs) and not self_kinds:
        meta.doc_kind = DocKind.not_local_act
    elif self_kinds:
        meta.doc_kind = max(set(self_kinds), key=lambda k: (self_kinds.count(k), k is DocKind.polozhenie))  # type: ignore[arg-type]
    else:
        meta.doc_kind = DocKind.unknown

    name = org_from_header(doc, zone)
    further_name, short = org_from_further(act_text)
    meta.org_name = meta.org_name or name or further_name
    meta.org_short = meta.org_short or short
    meta.org_kind = None if meta.doc_kind == DocKind.not_local_act else org_kind(act_text, meta.org_name)
    meta.platforms = platforms(act_text)
    from ..subject import detect_subject

    subj = detect_subject(doc)
    meta.subject = subj.id if subj else None
