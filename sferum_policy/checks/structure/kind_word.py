"""The act calls itself by another kind than its title (ST009); the six cases of each kind word come from
``clauses/_terms.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...analysis.requisites import SELF_REF, self_ref_kind
from ...analysis.text import clean, label_span
from ...document import Document
from ...report import Finding
from ...vocab import DOC_KIND_TITLES, DocKind
from ..base import Fix, finding
from .labels import ACT_KINDS
from .rules import ST009

# --- examples shared by the rules -------------------------------------------------------------


_CASES = ("nomn", "gent", "datv", "ablt", "loct", "accs")


@lru_cache(maxsize=1)
def _forms() -> dict[DocKind, dict[str, tuple[str, str]]]:
    """«настоящее Положение» in six cases per kind of act: (adjective, noun), from the bundled
    ``clauses/_terms.yaml`` (``acts:``, the generator's data) — not a second declension table here."""
    from ...library.terms import load_terms
    from ...resources import data_dir

    acts = load_terms(data_dir("clauses")).acts
    return {kind: {case: (getattr(acts[kind.value].this_act, case).split()[0], getattr(acts[kind.value].act, case))
                   for case in _CASES}
            for kind in (DocKind.polozhenie, DocKind.poryadok, DocKind.pravila, DocKind.instruktsiya)}


def _case_of(kind: DocKind, noun: str) -> str | None:
    n = noun.lower()
    for case, (_, form) in _forms()[kind].items():
        if n == form.lower():
            return case
    return None


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word[:1].lower() + word[1:]


_KIND_WORD_HEAD = re.compile(r"^(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ)(?=$|[\s.:])")
# … or in the front matter, before the first section, a title in ordinary case («Положение о применении …»)
_KIND_WORD_TITLE = re.compile(r"^(Положение|Порядок|Правила|Инструкция)\s+(?:об?|по|для|пользования|использования|"
                              r"взаимодействия|применения|работы|организации|общения)\b")


_KIND_IN_TITLE = re.compile(r"\b(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|Положение|Порядок|Правила)\s+(?:об?|по)\s")


# «к настоящему Положению о школьном сайте»: a name follows — maybe another act, a person decides
_OF_ANOTHER = re.compile(r"\s+(?:о|об|обо|по)\s", re.IGNORECASE)


def kind_contradiction(doc: Document) -> Iterator[Finding]:
    own = doc.meta.doc_kind
    if own not in ACT_KINDS:
        return
    own_title = DOC_KIND_TITLES[own]
    # a website's page title («Правила общения в чатах») glued above the act: the act's own heading
    # («ПОЛОЖЕНИЕ …») further on names the kind it calls itself by, and that is no contradiction
    headed = set()
    front = doc.sections[0].first if doc.sections else min(len(doc.paragraphs), 80)
    for k, p in enumerate(doc.paragraphs[:80]):
        t = clean(p.text)
        hm = _KIND_WORD_HEAD.match(t) or (_KIND_WORD_TITLE.match(t) if k < front else None)
        if hm and len(t) < 300 and not label_span(p):
            headed.add(self_ref_kind(hm.group(1)))
    # a page title glued to the act's own title in one line: «Правила … — сайт школы Положение о …»
    for m in _KIND_IN_TITLE.finditer(doc.meta.title or ""):
        if m.start() > 0:
            headed.add(self_ref_kind(m.group(1)))
    for p in doc.paragraphs:
        if p.section is None:
            continue
        for m in SELF_REF.finditer(p.text):
            kind = self_ref_kind(m.group(2))
            if kind is None or kind == own or kind in headed:
                continue
            case = _case_of(kind, m.group(2)) or "nomn"
            adj, noun = _forms()[own][case]
            good = f"{_match_case(m.group(1), adj)} {_match_case(m.group(2), noun)}"
            yield finding(ST009, doc, f"документ озаглавлен «{own_title}», а здесь называет себя "
                          f"«{DOC_KIND_TITLES[kind]}»: «{m.group()}»", paragraph=p, start=m.start(), end=m.end(),
                          suggestion=good, fix=Fix(good, "unsafe" if _OF_ANOTHER.match(p.text, m.end()) else "safe"),
                          args={"doc_kind": own_title, "said": DOC_KIND_TITLES[kind], "correction": good})
