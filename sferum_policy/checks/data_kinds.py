"""Rules that are only data (Vale's ``existence`` and ``substitution``): the YAML file is the whole rule.

``existence`` reports every occurrence of a word of its ``tokens`` list (``once: true`` — each distinct
text once per document); ``substitution`` reports every wrong form of its ``swap`` table and carries the
right one as a safe edit. Tokens are regular expressions matched on paragraph text; unless ``nonword``
is set they must stand as whole words. The message is the rule's ``messages.found`` template filled
with ``{text}`` (what was found) and ``{suggestion}`` (the right form, or the rule's ``suggestion``).

KS008 (template values left in an act) is such a rule. Lists that stay in code, and why: RK002's foreign
messengers fire only where the act permits them (a ban naming them is right), which a word list cannot
tell; CT001 compares addresses with the official ones by edit distance, not by a list of wrong forms;
the regional abbreviations (``checks/typos/data/regions.txt``) are words the typo detector accepts, not a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..document import Document
from ..report import Finding
from ..rules.catalogue import load_rules
from ..rules.model import Rule
from . import check
from .base import CheckContext, Fix, finding

_WORD_START = r"(?<![\w-])"
_WORD_END = r"(?![\w-])"


def data_rules() -> tuple[Rule, ...]:
    """The catalogue's data-only rules, in code order."""
    return tuple(r for r in load_rules().rules.values() if r.kind != "code")


@cache
def _pattern(token: str, nonword: bool, ignorecase: bool) -> re.Pattern[str]:
    text = f"(?:{token})" if nonword else f"{_WORD_START}(?:{token}){_WORD_END}"
    return re.compile(text, re.IGNORECASE if ignorecase else 0)


def pattern(r: Rule) -> re.Pattern[str]:
    """One pattern for an ``existence`` rule: its tokens as alternatives, in the order written."""
    return _pattern("|".join(f"(?:{t})" for t in r.tokens), r.nonword, r.ignorecase)


def _same_case(found: str, right: str) -> str:
    """«Вотсап» → «WhatsApp»: a capital stays a capital when the right form starts in lower case."""
    if found[:1].isupper() and right[:1].islower():
        return right[:1].upper() + right[1:]
    return right


def existence(r: Rule, doc: Document) -> Iterator[Finding]:
    pat = pattern(r)
    seen: set[str] = set()
    for p in doc.paragraphs:
        for m in pat.finditer(p.text):
            key = m.group().strip()
            if not key or (r.once and key in seen):
                continue
            seen.add(key)
            yield finding(r, doc, r.message("found", text=key, suggestion=r.suggestion or ""), paragraph=p,
                          start=m.start(), end=m.end(), suggestion=r.suggestion,
                          args={"found": key})


def substitution(r: Rule, doc: Document) -> Iterator[Finding]:
    pats = [(_pattern(wrong, r.nonword, r.ignorecase), right) for wrong, right in r.swap.items()]
    for p in doc.paragraphs:
        hits: list[tuple[int, int, str]] = []
        for pat, right in pats:
            hits += [(m.start(), m.end(), right) for m in pat.finditer(p.text)]
        end = -1
        # leftmost first, the longest of those starting together; an overlapped one is left out
        for s, e, right in sorted(hits, key=lambda h: (h[0], -h[1])):
            if s < end:
                continue
            end = e
            found = p.text[s:e]
            good = _same_case(found, right)
            if found == good:
                continue
            yield finding(r, doc, r.message("found", text=found, suggestion=good), paragraph=p, start=s, end=e,
                          suggestion=good, fix=Fix(good), args={"found": found, "correction": good})


_DETECTORS = {"existence": existence, "substitution": substitution}


@check("data_kinds", order=37, codes=tuple(r.code for r in data_rules()))
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Every enabled data-only rule of the catalogue."""
    for r in data_rules():
        if r.code in ctx.enabled:
            yield from _DETECTORS[r.kind](r, doc)
