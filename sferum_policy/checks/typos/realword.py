"""Real-word errors: a dictionary word whose cheap OCR neighbour fits the context far better.

«имеют право па обращение»: «па» never follows «право» in clean text, «на» does, and «на обращение»
is frequent. Evidence is word-pair counts (surface and lemma) from the corpus and from the document
itself (less the word being judged), plus one grammatical lever: after an adjective, a noun reading
that agrees beats a word with no noun reading («Общий капал школы»).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ...nlp import lemma
from .corpus import Model
from .lexicon import is_known
from .morph import agrees, parses
from .ocr import ocr_neighbours
from .tokens import Token

ZIPF_GAP = 1.5  # a neighbour this many Zipf units (×100) more frequent in Russian (wordfreq) wins on its own
MIN_ZIPF = 3.0  # … if it is itself a common word
MIN_EVIDENCE = 2.0  # context evidence the neighbour needs in a clean-looking document
MIN_EVIDENCE_NOISY = 1.0  # … and in a document already full of recognition errors
_SKIP = frozenset({"не", "ни", "же", "ли", "бы"})


@dataclass(slots=True)
class RealWord:
    index: int
    suggestion: str
    evidence: float


def _evidence(m: Model, prev: Token | None, x: str, nxt: Token | None, own: _Pairs | None) -> float:
    """Word-pair support of ``x`` between ``prev`` and ``nxt``; ``own`` is subtracted (the word's own pairs)."""
    lx = lemma(x)
    score = 0.0
    if prev is not None:
        lp = lemma(prev.folded)
        score += m.bi(prev.folded, x) + 0.5 * m.lbi(lp, lx)
        if own is not None:
            score -= own.bi.count((prev.folded, x)) + 0.5 * own.lbi.count((lp, lx))
    if nxt is not None:
        ln = lemma(nxt.folded)
        score += m.bi(x, nxt.folded) + 0.5 * m.lbi(lx, ln)
        if own is not None:
            score -= own.bi.count((x, nxt.folded)) + 0.5 * own.lbi.count((lx, ln))
    return score


@dataclass(slots=True)
class _Pairs:
    """Word pairs and lemma pairs of one short run of words (what :class:`Counts` would count)."""

    bi: list[tuple[str, str]]
    lbi: list[tuple[str, str]]

    @classmethod
    def of(cls, run: list[str]) -> _Pairs:
        return cls(list(pairwise(run)), list(pairwise([lemma(w) for w in run])))


def _surface_evidence(base: Model, prev: Token | None, w: str, nxt: Token | None) -> int:
    """Word pairs of the corpus (not the document: a repeated misreading must not vouch for itself) with ``w``."""
    n = 0
    if prev is not None:
        n += base.bi(prev.folded, w)
    if nxt is not None:
        n += base.bi(w, nxt.folded)
    return n


def _preposition_fits(w: str, nxt: Token | None) -> bool:
    from .agreement import GOVERNS
    from .morph import norm_case

    if w not in GOVERNS or nxt is None:
        return False
    ps = parses(nxt.folded)
    return bool(ps) and ps[0].tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO") and any(
        norm_case(p.tag.case) in GOVERNS[w] for p in ps if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO"))


def _far_more_common(w: str, neighbours: list[str], m: Model, i: int, toks: list[Token]) -> RealWord | None:
    from .agreement import GOVERNS
    from .freq import zipf
    from .morph import norm_case

    if len(w) < 2:
        return None  # a lone letter: abbreviations inflate its frequency (grammar.misread_short_words judges it)
    prev = toks[i - 1].folded if i > 0 and toks[i].linked else None
    if prev in GOVERNS:
        # «во вложении»: a form the preposition governs is not replaced by one it does not
        cases = GOVERNS[prev]
        fits = any(norm_case(p.tag.case) in cases for p in parses(w))
        neighbours = [v for v in neighbours if not fits or any(norm_case(p.tag.case) in cases for p in parses(v))]
    zw = zipf(w)
    best = max(((zipf(v), v) for v in neighbours), default=None)
    if best is None or best[0] < MIN_ZIPF or best[0] - zw < ZIPF_GAP:
        return None
    return RealWord(i, best[1], best[0] - zw)


_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
DROP_GAP = 2.5  # a word with one letter lost («отельные» for «отдельные») must be this much rarer
DROP_RARE = 2.5  # … and rare in itself


def _dropped_letter(w: str, i: int, toks: list[Token]) -> RealWord | None:
    """A rare word that is a common one with a letter lost, where the common one agrees with the next noun."""
    from .freq import zipf

    if len(w) < 6 or zipf(w) >= DROP_RARE:
        return None
    zw = zipf(w)
    best: tuple[float, str] | None = None
    for k in range(1, len(w) + 1):
        for ch in _LETTERS:
            v = w[:k] + ch + w[k:]
            zv = zipf(v)
            if zv - zw >= DROP_GAP and (best is None or zv > best[0]) and is_known(v):
                best = (zv, v)
    if best is None:
        return None
    nxt = toks[i + 1].folded if i + 1 < len(toks) and toks[i + 1].linked else None
    if nxt is None or not _agrees_next(best[1], nxt):
        return None  # only inside a noun group the grammar vouches for
    return RealWord(i, best[1], best[0] - zw)


def _agrees_next(adj: str, noun: str) -> bool:
    from .morph import pair_agrees

    a, n = parses(adj), parses(noun)
    return bool(a) and bool(n) and a[0].tag.POS in ("ADJF", "PRTF") and n[0].tag.POS == "NOUN" and pair_agrees(adj, noun)


def _usable(t: Token) -> bool:
    """A neighbour tells something only when it is itself a word (not a misreading or a code)."""
    return t.is_cyrillic and is_known(t.folded)


def _noun_fit(prev: Token | None, x: str) -> bool | None:
    """After a plain adjective: does ``x`` have a noun reading agreeing with it? None when not applicable."""
    if prev is None:
        return None
    adj = [p for p in parses(prev.folded) if p.tag.POS == "ADJF"]
    if not adj or parses(prev.folded)[0].tag.POS != "ADJF":
        return None
    nouns = [p for p in parses(x) if p.tag.POS == "NOUN"]
    return any(agrees(a, n) for a in adj for n in nouns)


def check(toks: list[Token], m: Model, base: Model, noisy: bool, text: str | None = None) -> list[RealWord]:
    """Words of one paragraph that look like OCR misreadings of a better-fitting word.

    ``m`` counts the corpus and the document, ``base`` the corpus alone (the word's own frequency
    must not be raised by its repeated misreading in the same document).
    """
    out: list[RealWord] = []
    need = MIN_EVIDENCE_NOISY if noisy else MIN_EVIDENCE
    for i, t in enumerate(toks):
        if not t.is_cyrillic or t.is_upper or (t.is_title and not t.sent_start) or "-" in t.folded:
            continue
        w = t.folded
        if w in _SKIP or not parses(w):
            continue
        if i > 0 and not t.linked and parses(w)[0].tag.POS == "CONJ":
            continue  # «…, но использование …»: a conjunction after a comma is where it belongs
        if _preposition_fits(w, toks[i + 1] if i + 1 < len(toks) and toks[i + 1].linked else None):
            continue  # «речь о работе»: a preposition whose case the next word has is where it belongs
        if w == "те" and i + 1 < len(toks) and toks[i + 1].folded == "же":
            continue  # «те же»
        all_neighbours = ocr_neighbours(w)
        floor = 2 * max(base.uni(w), 1)  # a neighbour rarer than this never replaces the word
        neighbours = [v for v, _cost in all_neighbours if m.uni(v) >= floor]
        prev = toks[i - 1] if i > 0 and t.linked and _usable(toks[i - 1]) else None
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].linked and _usable(toks[i + 1]) else None
        # the language at large: a cheap OCR neighbour a hundred times more frequent in Russian text
        # («капал» → «канал», «образовательней» → «образовательной») when no word pair of the corpus
        # (surface forms: a lemma pair would vouch for any form of «образовательный») supports the word
        abbreviation = text is not None and len(w) <= 4 and text[t.end:t.end + 1] == "."  # «ст. 13», «п. 2»
        if not abbreviation and _surface_evidence(base, prev, w, nxt) <= 0:
            common = _far_more_common(w, [v for v, _cost in all_neighbours], m, i, toks)
            if common is None:
                common = _dropped_letter(w, i, toks)
            if common is not None:
                out.append(common)
                continue
        ew = _evidence(m, prev, w, nxt, _Pairs.of([x.folded for x in (prev, t, nxt) if x is not None]))
        if ew > 0.5:
            continue
        if not neighbours or (prev is None and nxt is None):
            continue
        fit_w = _noun_fit(prev, w)
        best: RealWord | None = None
        for v in neighbours:
            ev = _evidence(m, prev, v, nxt, None)
            if fit_w is False and _noun_fit(prev, v):
                ev += 2.0
            if ev >= need and (best is None or ev > best.evidence):
                best = RealWord(i, v, ev)
        if best:
            out.append(best)
    return out
