"""Run every typo detector over a Document and return plain issues (the check turns them into findings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import abbrev, agreement, grammar, nonword, realword
from .corpus import Counts, Model, model
from .tokens import Token, runs_of, tokenize

if TYPE_CHECKING:
    from ...document import Document
    from ...library import ClauseLibrary

NOISY_SHARE = 2.0  # non-words per 1,000 words from which a document counts as OCR-noisy
_NAME_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z]+")
_ORG_FORMS = "ООО|ОАО|ЗАО|ПАО|АО|АНО|НКО|ЧУДО|ИП|ФГБНУ|ФТАОУ|ФГУП|ГУП|МУП|ГАУ|МАУ|НОУ|ЧОУ|АНОО"
_QUOTED_NAME = re.compile(rf"\b(?:{_ORG_FORMS})\s*[«\"“]([^»\"”\n]*)")
_ABBR_PART = re.compile(r"(?<![А-ЯЁа-яё])[А-ЯЁ]{3,}(?![А-ЯЁа-яё])")


@dataclass(slots=True)
class Issue:
    """One typo: the paragraph, the span in its text, the wrong text, the correction, the kind."""

    kind: str  # latin | misspelling | space | hyphen | abbrev | realword | prep | adj | act
    paragraph: int
    start: int
    end: int
    text: str
    suggestion: str
    sure: bool = True  # one confident correction: ``fix`` may apply it without asking


def detect(doc: Document, library: ClauseLibrary | None = None, exclude: frozenset[str] = frozenset()) -> list[Issue]:
    """All typo issues of ``doc``, in document order (corpus less the sources in ``exclude``)."""
    paras = [(p.index, p.text, tokenize(p.text)) for p in doc.paragraphs]
    own = Counts()
    own.add_runs([run for _, _, toks in paras for run in runs_of(toks)])
    base: Model = model(library, exclude)
    m = base.with_part(own)
    skip = _name_words(doc)
    known_abbr = abbrev.known_abbreviations(doc.text)
    defs = abbrev.defined(doc.text)

    issues: list[Issue] = []
    flagged: set[tuple[int, int]] = set()

    def add(kind: str, pi: int, text: str, toks: list[Token], first: int, last: int, suggestion: str,
            sure: bool = True) -> None:
        s, e = toks[first].start, toks[last].end
        if suggestion == text[s:e]:
            return  # a «fix» equal to the original is no finding
        if any((pi, k) in flagged for k in range(first, last + 1)):
            return
        flagged.update((pi, k) for k in range(first, last + 1))
        issues.append(Issue(kind, pi, s, e, text[s:e], suggestion, sure))

    words = 0
    for pi, text, toks in paras:
        words += len(toks)
        for ph in grammar.cut_months(text, toks) + grammar.cut_patronymics(toks):  # the context decides the fix
            add(ph.kind, pi, text, toks, ph.first, ph.last, ph.suggestion)
        names = [mm.span(1) for mm in _QUOTED_NAME.finditer(text)]
        for i, t in enumerate(toks):
            if _abbreviation(pi, text, t, known_abbr, defs, skip, issues, flagged, i):
                continue
            in_name = bool(names) and any(a <= t.start < b for a, b in names)
            prev = toks[i - 1] if i else None
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            nw = nonword.check_token(m, t, prev, nxt, skip, own.uni, in_name)
            if nw:
                add(nw.code, pi, text, toks, i, i, nw.suggestion, nw.sure)
    noisy = len(issues) * 1000 >= NOISY_SHARE * max(words, 1)

    def score(a: str, b: str) -> int:
        return m.bi(a, b)

    state: dict = {}
    before: str | None = None

    def compound(joined: str, a: str, b: str) -> bool:
        return base.uni(joined) >= 2 and base.bi(a, b) == 0
    for pi, text, toks in paras:
        for ph in (grammar.compound_hyphens(text, toks, compound) + grammar.ob_before_vowel(toks)
                   + grammar.according_items(text, toks, state) + grammar.dalee_dash(text, toks)
                   + grammar.misread_short_words(text, toks) + grammar.split_names(text, toks)
                   + grammar.short_before_noun(text, toks) + grammar.space_after_quote(text, toks)
                   + grammar.lost_v(toks, before)):
            add(ph.kind, pi, text, toks, ph.first, ph.last, ph.suggestion)
        if toks:
            before = toks[-1].folded
    for pi, text, toks in paras:
        for rw in realword.check(toks, m, base, noisy, text):
            add("realword", pi, text, toks, rw.index, rw.index, _case(toks[rw.index].text, rw.suggestion))
        for ag in agreement.check_prepositions(toks, score) + agreement.check_adjectives(toks, score):
            changed = toks[ag.first: ag.last + 1]
            if any(t.is_title and t.folded in skip for t in changed):
                continue  # a name of a person or place keeps its own form («д. Малые Вишеры»)
            add(ag.kind, pi, text, toks, ag.first, ag.last, ag.suggestion)
    issues = _drop_cut_last_word(paras, issues)
    issues.sort(key=lambda x: (x.paragraph, x.start))
    return issues


def _drop_cut_last_word(paras, issues: list[Issue]) -> list[Issue]:
    """A text cut in the middle of a word («…общеобразовател») ends on a piece, not a typo: no «fix» for it
    (the structure check reports the cut)."""
    last = next(((pi, text, toks) for pi, text, toks in reversed(paras) if toks), None)
    if last is None:
        return issues
    pi, text, toks = last
    if text.rstrip()[-1:] in ".!?;:»)\"" or text.rstrip()[-1:].isdigit():
        return issues
    t = toks[-1]
    return [i for i in issues if not (i.paragraph == pi and i.start < t.end and t.start < i.end)]


def _abbreviation(pi, text, t, known_abbr, defs, skip, issues, flagged, i) -> bool:
    """Report a misspelt abbreviation inside token ``t`` («ИКОН», «далее-ИКОН»); True if reported."""
    if t.text.islower() or not t.is_cyrillic or t.has_latin or t.text in skip:
        return False  # (an abbreviation needs three capitals in a row)
    for mm in _ABBR_PART.finditer(t.text):
        fix = abbrev.correction(mm.group(), known_abbr, defs)
        if fix and (pi, i) not in flagged:
            flagged.add((pi, i))
            s = t.start + mm.start()
            issues.append(Issue("abbrev", pi, s, s + len(mm.group()), mm.group(), fix))
            return True
    return False


def _case(template: str, word: str) -> str:
    from .ocr import match_case

    return match_case(template, word)


def _name_words(doc: Document) -> set[str]:
    """The document's own lexicon of names (never typos): the organisation's name and short name, people
    and places the text shows as names (:mod:`.names`), regional abbreviations."""
    from .names import document_names, region_parts

    out: set[str] = set()
    for name in (doc.meta.org_name, doc.meta.org_short):
        if name and len(name) > 200:
            # a header read as one line with the text after it: the name ends with its quoted part
            end = name.find("»", name.find("«"))
            name = name[: end + 1] if 0 <= name.find("«") < end <= 200 else None
        if name:
            out.update(w.lower().replace("ё", "е") for w in _NAME_WORD.findall(name))
            out.update(w for w in _NAME_WORD.findall(name) if w.isupper())
    out |= document_names(doc.text)
    out |= region_parts()
    out |= {w.lower() for w in region_parts()}
    return out


def word_count(doc: Document) -> int:
    return sum(len(tokenize(p.text)) for p in doc.paragraphs)



