"""Inject typos into correct words of a Document (seeded): keyboard slips, OCR confusions, lost spaces,
Latin look-alikes and real-word swaps. Used by ``bench_typos``."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass

from sferum_policy.checks.typos.lexicon import fold, is_known
from sferum_policy.checks.typos.ocr import KEYBOARD_ROWS, _keyboard, _single_confusions, ocr_neighbours
from sferum_policy.checks.typos.tokens import tokenize
from sferum_policy.document import Document

KINDS = ("keyboard", "ocr", "space", "latin", "realword")
_TO_LATIN = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "м": "m"}
_LETTERS = set("".join(KEYBOARD_ROWS))


@dataclass(slots=True)
class Mutation:
    """One injected error: where it is in the mutated paragraph, what it reads and what was meant."""

    kind: str
    paragraph: int
    start: int
    end: int
    wrong: str
    right: str


def _keyboard_slip(rng: random.Random, w: str) -> str | None:
    i = rng.randrange(len(w))
    op = rng.choice(("sub", "swap", "del", "ins"))
    if op == "sub" and w[i] in _LETTERS:
        return w[:i] + rng.choice(sorted(_keyboard()[w[i]])) + w[i + 1:]
    if op == "swap" and i + 1 < len(w) and w[i] != w[i + 1]:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op == "del" and 0 < i < len(w) - 1:
        return w[:i] + w[i + 1:]
    if op == "ins" and w[i] in _LETTERS:
        return w[:i] + rng.choice(sorted(_keyboard()[w[i]])) + w[i:]
    return None


def _ocr_slip(rng: random.Random, w: str) -> str | None:
    table = _single_confusions()
    spots = [i for i, c in enumerate(w) if any(cost <= 0.5 and b != "ё" for b, cost in table.get(c, []))]
    if not spots:
        return None
    out = list(w)
    for i in rng.sample(spots, min(len(spots), rng.choice((1, 1, 2)))):
        out[i] = rng.choice([b for b, cost in table[w[i]] if cost <= 0.5 and b != "ё"])
    return "".join(out)


def _latin_slip(rng: random.Random, w: str) -> str | None:
    spots = [i for i, c in enumerate(w) if c in _TO_LATIN]
    if not spots:
        return None
    i = rng.choice(spots)
    return w[:i] + _TO_LATIN[w[i]] + w[i + 1:]


def mutate(doc: Document, kind: str, rng: random.Random, skip: set[tuple[int, int]] | None = None,
           per_paragraph: int = 1) -> tuple[Document, list[Mutation]]:
    """A copy of ``doc`` with up to ``per_paragraph`` errors of ``kind`` in each paragraph."""
    out = copy.deepcopy(doc)
    muts: list[Mutation] = []
    for p in out.paragraphs:
        toks = tokenize(p.text)
        order = list(range(len(toks)))
        rng.shuffle(order)
        done: list[int] = []
        edits: list[tuple[int, int, str, str]] = []
        for k in order:
            if len(done) >= per_paragraph:
                break
            t = toks[k]
            if any(abs(k - d) < 4 for d in done) or (skip and (p.index, t.start) in skip):
                continue
            w = t.text
            if not t.is_cyrillic or t.has_latin or "-" in w or not w.islower() or not is_known(fold(w)):
                continue
            start, end, right = t.start, t.end, w
            if kind == "space":
                if k + 1 >= len(toks) or not toks[k + 1].text.islower() or p.text[t.end:toks[k + 1].start] != " ":
                    continue
                nxt = toks[k + 1]
                if not nxt.is_cyrillic or "-" in nxt.text or not is_known(nxt.folded):
                    continue
                wrong, end, right = w + nxt.text, nxt.end, f"{w} {nxt.text}"
                if is_known(fold(wrong)):
                    continue
            elif len(w) < 4 and kind != "realword":
                continue
            elif kind == "keyboard":
                wrong = _keyboard_slip(rng, w)
            elif kind == "ocr":
                wrong = _ocr_slip(rng, w)
            elif kind == "latin":
                wrong = _latin_slip(rng, w)
            else:
                options = [v for v, _ in ocr_neighbours(fold(w))]
                wrong = rng.choice(options) if options else None
            if not wrong or wrong == w or (kind != "realword" and kind != "latin" and is_known(fold(wrong))):
                continue
            done.append(k)
            edits.append((start, end, wrong, right))
        text = p.text
        for start, end, wrong, _right in sorted(edits, reverse=True):
            text = text[:start] + wrong + text[end:]
        shift = 0
        for start, end, wrong, right in sorted(edits):
            muts.append(Mutation(kind, p.index, start + shift, start + shift + len(wrong), wrong, right))
            shift += len(wrong) - (end - start)
        p.text = text
    out.reindex()
    return out, muts
