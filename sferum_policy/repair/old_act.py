"""The old act's provisions: which paragraphs are provisions, which have a counterpart in the library."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..vocab import Section
from .changes import OldParagraph

MIN_WORDS = 4  # shorter paragraphs (signatures, «-», page numbers) are not provisions
_SKIP_SECTIONS = {Section.legal_basis.value}

if TYPE_CHECKING:
    from ..document import Document
    from ..library import ClauseLibrary


def paragraph_scores(doc: Document, library: ClauseLibrary, kind, platforms) -> dict[int, tuple[float, Any]]:
    """Per paragraph: the best score any library clause reaches on the paragraph or one of its fragments."""
    from collections import Counter
    from itertools import chain

    import numpy as np

    from ..checks.coverage.matcher import _phrase_in, compile_library
    from ..checks.coverage.scores import doc_weights, score_block, tables
    from ..checks.coverage.units import build_units
    from ..vocab import DocKind

    doc_kind = doc.meta.doc_kind if doc.meta.doc_kind in (DocKind.polozhenie, DocKind.poryadok) else DocKind.polozhenie
    comp = compile_library(library, kind, platforms, doc_kind)
    if comp.tables is None:
        comp.tables = tables(np, comp.clauses)
    du = build_units(doc)
    units = [u for u in du.units if u.first == u.last and u.kind in ("paragraph", "fragment")]
    if not units:
        return {}
    df = Counter(chain.from_iterable(du.para_toks))
    weights = doc_weights(np, comp.tables, df, comp.df, comp.n_docs + len(du.para_toks))
    out: dict[int, tuple[float, Any]] = {}
    for lo in range(0, len(units), 512):
        block = units[lo:lo + 512]
        sm = score_block(np, comp.tables, block, weights)
        upper = np.where(sm.candidate, sm.upper, 0.0)
        top = np.argsort(-upper, axis=1)[:, :3]
        for r, u in enumerate(block):
            best = out.get(u.first, (0.0, None))
            for ci in top[r].tolist():
                cc = comp.clauses[ci]
                s = float(sm.upper[r, ci]) if sm.maybe_phrase[r, ci] and any(
                    p <= u.toks and _phrase_in(p, u) for p in cc.phrases) else float(sm.lower[r, ci])
                if not sm.candidate[r, ci]:
                    s = 0.0
                if s > best[0]:
                    best = (s, cc.clause)
            out[u.first] = best
    return out


def provision_paragraphs(doc: Document) -> list[int]:
    """Paragraphs of the act's sections that may be provisions (no headings, no legal-basis list)."""
    from ..analysis.sections import heading_end

    heads: set[int] = set()
    for s in doc.sections:
        heads.update(range(s.first, heading_end(doc, s) + 1))
    out = []
    start = 0
    if not doc.sections:
        # an act without recognisable sections: its text after the title block (first numbered point, else the
        # paragraph after the last requisite mark) is all provisions
        from ..analysis.text import label_numbers

        first = next((p.index for p in doc.paragraphs if label_numbers(p) is not None), None)
        marks = [r.paragraph for r in doc.meta.requisites if r.paragraph is not None]
        start = first if first is not None else (max(marks) + 2 if marks else 0)
    for p in doc.paragraphs[start:]:
        if (doc.sections and p.section is None) or p.index in heads:
            continue
        if p.section is not None and doc.sections[p.section].key in _SKIP_SECTIONS:
            continue
        if p.kind == "heading" or (doc.meta.title and p.text.strip() and p.text.strip() in doc.meta.title):
            continue
        if len(p.text.split()) < MIN_WORDS or not re.search(r"[А-Яа-яЁё]{3}", p.text):
            continue
        out.append(p.index)
    return out


def old_paragraph(doc: Document, i: int) -> OldParagraph:
    from ..analysis.text import clean, label_numbers

    p = doc.paragraphs[i]
    parent = None
    if label_numbers(p) is None:
        for k in range(i - 1, max(-1, i - 40), -1):
            nums = label_numbers(doc.paragraphs[k])
            if nums is not None:
                parent = ".".join(map(str, nums))
                break
    return OldParagraph(i, p.label, clean(p.text), p.source_line, parent)




def is_item(doc: Document, i: int) -> bool:
    from ..checks.coverage.units import is_bullet

    p = doc.paragraphs[i]
    return is_bullet(p) or bool(re.match(r"^[а-яё]", p.text.strip()))


def lead_in(doc: Document, i: int) -> int | None:
    """The numbered paragraph a list item belongs to (within its section)."""
    from ..analysis.text import label_numbers

    p = doc.paragraphs[i]
    for k in range(i - 1, -1, -1):
        q = doc.paragraphs[k]
        if q.section != p.section:
            return None
        if label_numbers(q) is not None or q.text.rstrip().endswith(":"):
            return k
    return None


def section_key(doc: Document, i: int) -> str | None:
    p = doc.paragraphs[i]
    return doc.sections[p.section].key if p.section is not None else None


def section_for(doc: Document, i: int, best_clause: Any) -> str:
    key = section_key(doc, i)
    if key in Section.__members__ and key not in _SKIP_SECTIONS:
        return key
    if best_clause is not None and best_clause.section.value not in _SKIP_SECTIONS:
        return best_clause.section.value
    return Section.general.value
