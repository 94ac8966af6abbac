"""Decide for every applicable library clause whether an act carries it, and where.

Each clause is compiled once per organisation kind / platforms / document kind into canonical tokens
(:mod:`.tokens`): its keyword groups, its phrases and the bag of words of its rendered text. Each
unit of the document (:mod:`.units`) gets a score in [0, 1]::

    score = (0.45·kw + 0.25·phrase + 0.30·sim) / (weights of the parts the clause has)

* ``kw`` — keyword groups found (in the unit, or in its lead-in/heading context, but at least one in
  the unit itself) divided by ``min_keywords`` (default: all groups but one), capped at 1;
* ``phrase`` — 1 if one of the clause's phrases occurs in the unit (all its words within a few
  tokens of each other, any order);
* ``sim`` — the IDF-weighted share of the rendered clause's words that the unit contains, divided by
  :data:`SIM_FULL` and capped at 1, damped for units much longer than the clause.

A unit that does not read as the clause's section (:func:`section_cue`: the actor of a role clause
in its lead-in, «обязаны» / «запрещается» / «вправе», a fitting heading) has its score multiplied by
:data:`CUE_PENALTY` (a final provision written inside «Общие положения» is exempt:
:data:`.synonyms.NESTED_IN_GENERAL`). The best unit decides the status: ``present`` if its score reaches
:data:`PRESENT`, ``partial`` if it reaches :data:`PARTIAL`, else ``missing``; ``cue`` tells whether
that level was reached in a unit that reads as the section (the check uses it to decide whether the
act has the section at all). Equal scores choose the shorter unit, then the earlier one.

All pairs are scored at once with numpy (:mod:`.scores`); :func:`score_pair` is the same formula for
one pair, the reference the tests hold the vectorised scores to.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from ...vocab import DocKind, OrgKind, Platform
from .synonyms import (
    HEADING_ONLY_SECTIONS,
    MODAL_SECTIONS,
    NESTED_IN_GENERAL,
    PART_SECTIONS,
    ROLE_SECTIONS,
    SECTION_CUES,
)
from .tokens import keyword_alternatives, phrase_tokens, tokens
from .units import DocUnits, Unit, build_units
from .weights import SIM_FULL, W_KW, W_PHRASE, W_SIM

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from ...document import Document
    from ...library import Clause, ClauseLibrary
    from .scores import LibraryTables, ScoreMatrix

# Thresholds, chosen on samples 000–003 against the clauses' ``provenance`` (417 clause × sample
# pairs, 207 of them carried by the sample), sweeping the «present» threshold:
#   PRESENT 0.55 → recall 0.98, 17 false «present»; 0.62 → 0.976 / 6; 0.70 → 0.95 / 4; 0.80 → 0.90 / 3.
# 0.62 is the knee, and it sits just above CUE_PENALTY (0.6): a perfect match in a place that does
# not read as the clause's section can only be *partial*. Every clause a sample carries scored
# ≥ 0.45, so PARTIAL 0.42 reports none of them missing; below it lie one-keyword look-alikes.
# With the weights of :mod:`.weights`, «all required keyword groups» alone give 0.45 and a phrase 0.25 (plus some
# similarity each): one kind of evidence plus overlap is partial, two kinds are present.
PRESENT = 0.62
PARTIAL = 0.42
PHRASE_SLACK = 3  # extra tokens allowed between the words of a phrase
LONG_UNIT = 2.5  # units longer than this many times the clause are damped
# A unit that does not read as the clause's section (no actor in the lead-in for a role clause, no
# «обязаны»/«запрещается»/«вправе» for a participants' clause, …) scores at most 0.6: *partial* —
# the same duty written for another actor is not this clause (general provisions are exempt).
CUE_PENALTY = 0.6
ELSEWHERE = CUE_PENALTY * 0.85  # a strong match (raw ≥ 0.85) in a place of another section


@dataclass(frozen=True, slots=True)
class CompiledClause:
    """A clause in canonical tokens, ready to be scored against units."""

    clause: Clause
    text: str  # rendered text (with items, one per line) for the detected kind
    singles: tuple[frozenset[str], ...]  # per keyword group: its one-token alternatives
    multis: tuple[tuple[frozenset[str], ...], ...]  # per keyword group: its multi-token alternatives
    need: int
    phrases: tuple[frozenset[str], ...]
    bag: frozenset[str]
    signal: frozenset[str]  # every token of keywords and phrases (for candidate lookup)
    total: float  # sum of the weights of the parts this clause has
    groups: tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...]  # (singles, multis) per group
    long_unit: float  # units with more tokens than this are damped (LONG_UNIT × words of the clause)


@dataclass(slots=True)
class ClauseMatch:
    """The best evidence for one clause in one document."""

    clause: Clause
    status: str  # present | partial | missing
    score: float
    unit: Unit | None
    paragraph: int | None
    anchor: int | None  # paragraph whose numbering label names the place («2.3.»)
    cue: bool  # found at the same level in a unit that reads as the clause's section (its cue words)
    text: str  # the rendered library text


@dataclass(slots=True)
class _Compiled:
    library: ClauseLibrary
    clauses: list[CompiledClause]
    df: Counter
    n_docs: int
    tables: LibraryTables | None = None  # the same clauses as numpy tables (built on first use)


_CACHE: dict[tuple, _Compiled] = {}
# compiled clauses by (id(clause), rendered text): most clauses read the same for every platform set
_CLAUSE_CACHE: dict[tuple[int, str], CompiledClause] = {}


def _compile(clause: Clause, text: str) -> CompiledClause:
    singles, multis = [], []
    for group in clause.signals.keyword_groups():
        alts = [t for a in group for t in keyword_alternatives(a)]
        singles.append(frozenset(a[0] for a in alts if len(a) == 1))
        multis.append(tuple(frozenset(a) for a in alts if len(a) > 1))
    n = len(singles)
    need = clause.signals.min_keywords or max(1, n - 1)
    phrases = tuple(frozenset(p) for p in (phrase_tokens(x) for x in clause.signals.phrases) if p)
    bag = frozenset(tokens(text))
    signal = frozenset(t for s in singles for t in s) | frozenset(t for m in multis for a in m for t in a)
    signal |= frozenset(t for p in phrases for t in p)
    total = W_SIM + (W_KW if n else 0.0) + (W_PHRASE if phrases else 0.0)
    return CompiledClause(
        clause, text, tuple(singles), tuple(multis), min(need, n) if n else 0, phrases, bag, signal, total,
        tuple(zip(singles, multis, strict=True)), LONG_UNIT * len(bag),
    )


def compile_library(
    library: ClauseLibrary,
    kind: OrgKind,
    platforms: set[Platform] | None,
    doc_kind: DocKind = DocKind.polozhenie,
) -> _Compiled:
    """Compile the clauses that apply to ``kind``/``platforms``, rendered for them (cached)."""
    from ...library.templating import rendered_library

    key = (id(library), kind, frozenset(platforms or ()), doc_kind)
    hit = _CACHE.get(key)
    if hit is not None and hit.library is library:
        return hit
    compiled, df = [], Counter()
    texts = rendered_library(library, kind, platforms or None, doc_kind)
    for clause in library.select(kind, platforms or None):
        text, items = texts[clause.id]
        full = "\n".join([text, *items])
        cc = _CLAUSE_CACHE.get((id(clause), full))
        if cc is None or cc.clause is not clause:
            cc = _CLAUSE_CACHE[id(clause), full] = _compile(clause, full)
        compiled.append(cc)
        df.update(cc.bag)
    if len(_CACHE) > 32:
        _CACHE.clear()
    if len(_CLAUSE_CACHE) > 4096:
        _CLAUSE_CACHE.clear()
    result = _Compiled(library, compiled, df, len(compiled))
    _CACHE[key] = result
    return result


def _phrase_in(want: frozenset[str], unit: Unit) -> bool:
    """All words of a phrase within a few tokens of each other in ``unit`` (any order)."""
    if not want <= unit.toks:
        return False
    if len(want) == 1:
        return True
    width = len(want) + PHRASE_SLACK
    seq = unit.seq
    return any(t in want and want <= set(seq[i : i + width]) for i, t in enumerate(seq))


def score_pair(cc: CompiledClause, unit: Unit, weights: dict[str, float], bag_weight: float) -> float:
    """Score of ``unit`` for ``cc``: the formula of the module docstring, one pair at a time.

    :func:`match_document` scores all pairs at once (:mod:`.scores`); this is the reference the tests
    hold it to.
    """
    own, full = unit.toks, unit.full
    parts = 0.0
    if cc.singles:
        hits = hits_own = 0
        for single, multi in cc.groups:
            if not single.isdisjoint(own) or (multi and any(a <= own for a in multi)):
                hits_own += 1
            elif not single.isdisjoint(full) or (multi and any(a <= full for a in multi)):
                hits += 1
        hits += hits_own
        if hits_own:
            parts += W_KW if hits >= cc.need else W_KW * hits / cc.need
    if any(p <= own and _phrase_in(p, unit) for p in cc.phrases):
        parts += W_PHRASE
    if bag_weight:
        sim = sum(map(weights.__getitem__, cc.bag & own)) / bag_weight
        limit = cc.long_unit
        size = len(unit.seq)
        if size > limit:
            sim *= math.sqrt(limit / size)
        parts += W_SIM * (1.0 if sim >= SIM_FULL else sim / SIM_FULL)
    return parts / cc.total


def section_cue(section: str, unit: Unit) -> bool:
    """True if ``unit`` reads as text of ``section`` (see :data:`.synonyms.SECTION_CUES`).

    Role sections need the actor among the first tokens of the lead-in; «Общие положения» needs its
    heading; the others need a cue in the unit, its lead-in or its heading — but for rights,
    obligations and prohibitions a lead-in with another one's cue («… запрещается:») wins over a
    shared heading («Права и обязанности участников»), and for the legal basis, definitions and final
    provisions another of these parts' heading wins over cue words in the text.
    """
    cues = SECTION_CUES.get(section)
    if cues is None:
        return True
    if section in ROLE_SECTIONS:
        return not cues.isdisjoint(unit.subject)
    if section in HEADING_ONLY_SECTIONS:
        # «1. Общие положения» often also holds the legal basis and the definitions: a match under
        # their lead-in («Понятия, используемые …:») is not evidence of the general provisions.
        nested = SECTION_CUES["definitions"] | SECTION_CUES["legal_basis"]
        return not cues.isdisjoint(unit.heading) and nested.isdisjoint(unit.lead)
    if section in PART_SECTIONS and cues.isdisjoint(unit.heading) and any(
        not SECTION_CUES[s].isdisjoint(unit.heading) for s in PART_SECTIONS if s != section
    ):
        return False  # under another part's own heading («Заключительные положения»)
    if not cues.isdisjoint(unit.toks) or not cues.isdisjoint(unit.lead):
        return True
    if section in MODAL_SECTIONS and any(
        not SECTION_CUES[s].isdisjoint(unit.lead) for s in MODAL_SECTIONS if s != section
    ):
        return False  # «… запрещается:» decides for its bullets, whatever the heading says
    return not cues.isdisjoint(unit.heading)


def _point(cc: CompiledClause, unit: Unit, du: DocUnits) -> int:
    """The paragraph inside ``unit`` that carries most of the clause's signal words."""
    if unit.first == unit.last:
        return unit.first
    best, best_n = unit.first, -1
    for i in range(unit.first, unit.last + 1):
        n = len(cc.signal & du.para_toks[i]) + 0.5 * len(cc.bag & du.para_toks[i])
        if n > best_n:
            best, best_n = i, n
    return best


def match_document(
    doc: Document,
    library: ClauseLibrary,
    kind: OrgKind | None = None,
    platforms: set[Platform] | None = None,
) -> list[ClauseMatch]:
    """Match every clause that applies to the act (kind unknown → school) against ``doc``."""
    import numpy as np

    from .scores import BLOCK, doc_weights, score_block, tables

    kind = kind or doc.meta.org_kind or OrgKind.school
    if platforms is None:
        platforms = set(doc.meta.platforms) or None
    doc_kind = doc.meta.doc_kind if doc.meta.doc_kind in (DocKind.polozhenie, DocKind.poryadok) else DocKind.polozhenie
    comp = compile_library(library, OrgKind(kind), platforms, doc_kind)
    if comp.tables is None:
        comp.tables = tables(np, comp.clauses)
    du = build_units(doc)
    # IDF over the rendered library and the act's paragraphs: words every clause or every paragraph
    # uses («участник», «образовательный», «@platform») weigh little.
    df = Counter(chain.from_iterable(du.para_toks))
    weights = doc_weights(np, comp.tables, df, comp.df, comp.n_docs + len(du.para_toks))
    # ``section_cue(section, unit)`` per section and unit, computed when first needed
    cues: dict[str, list[bool | None]] = {}

    def reads_as(section: str, ui: int) -> bool:
        known = cues.setdefault(section, [None] * len(du.units))
        value = known[ui]
        if value is None:
            value = known[ui] = section_cue(section, du.units[ui])
        return value

    n = len(comp.clauses)
    best_ui, best = [-1] * n, [0.0] * n
    cued = [0.0] * n  # per clause: best score among units that read as the clause's section
    for lo in range(0, len(du.units), BLOCK):
        # a block at a time keeps the tables small; the outcome does not depend on the order units are seen in
        _select(np, comp.clauses, du, lo, score_block(np, comp.tables, du.units[lo:lo + BLOCK], weights),
                reads_as, best_ui, best, cued)
    results: list[ClauseMatch] = []
    for ci, cc in enumerate(comp.clauses):
        b = best[ci]
        status = "present" if b >= PRESENT else "partial" if b >= PARTIAL else "missing"
        unit = du.units[best_ui[ci]] if best_ui[ci] >= 0 else None
        para = anchor = None
        cue = cued[ci] >= PRESENT if status == "present" else cued[ci] >= PARTIAL
        if unit is not None and status != "missing":
            para = _point(cc, unit, du)
            anchor = du.anchors[para]
        results.append(ClauseMatch(cc.clause, status, round(b, 3), unit, para, anchor, cue, cc.text))
    return results


def _select(np: Any, clauses: list[CompiledClause], du: DocUnits, lo: int, scores: ScoreMatrix,
            reads_as: Callable[[str, int], bool], best_ui: list[int], best: list[float], cued: list[float]) -> None:
    """Update each clause's best unit, best score and cue with the units ``lo`` … of one block."""
    # per clause: its candidate units, best upper bound first (ties by position), in one sort
    key = np.where(scores.candidate, -scores.upper, np.inf)
    order_all = np.argsort(key, axis=0, kind="stable")
    counts = scores.candidate.sum(axis=0).tolist()
    orders = (order_all + lo).T.tolist()
    uppers = np.take_along_axis(scores.upper, order_all, axis=0).T.tolist()
    lowers = np.take_along_axis(scores.lower, order_all, axis=0).T.tolist()
    maybes = np.take_along_axis(scores.maybe_phrase, order_all, axis=0).T.tolist()
    units = du.units
    for ci, cc in enumerate(clauses):
        k = counts[ci]
        section = cc.clause.section.value
        penalised = section in SECTION_CUES and section not in HEADING_ONLY_SECTIONS
        # final provisions written inside «Общие положения» (units that read as the general
        # provisions themselves, not a nested list of definitions or acts) are the clause, not the section
        nested_ok = section in NESTED_IN_GENERAL
        b_ui, b, c_best = best_ui[ci], best[ci], cued[ci]
        for ui, up, low, maybe in zip(orders[ci][:k], uppers[ci][:k], lowers[ci][:k], maybes[ci][:k], strict=True):
            if b_ui >= 0 and up < b - 1e-9 and (up < PARTIAL or up <= c_best):
                break  # no later unit (they score ≤ up) can win or change the cue
            u = units[ui]
            r = up if not maybe or any(p <= u.toks and _phrase_in(p, u) for p in cc.phrases) else low
            is_cued = reads_as(section, ui)
            factor = 1.0 if is_cued or not penalised or (nested_ok and reads_as("general", ui)) else CUE_PENALTY
            s = r * factor
            if s > b + 1e-9 or (b_ui >= 0 and abs(s - b) <= 1e-9 and (u.size, ui) < (units[b_ui].size, b_ui)):
                b_ui, b = ui, s  # ties choose the shorter unit, then the earlier one
            if is_cued and s >= PARTIAL and s > c_best:
                c_best = s
        best_ui[ci], best[ci], cued[ci] = b_ui, b, c_best
