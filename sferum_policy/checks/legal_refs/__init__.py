"""Legal references: resolve every citation against the registry and judge it on the as-of date.

The family: :mod:`.citations` finds citations in the text, :mod:`.titles` matches a cited title to the
registry, :mod:`.resolve` resolves one citation on a date, :mod:`.rules` names the LR rules the code uses
(their texts are in ``sferum_policy/rules/legal_refs/``); this module judges the document as a whole (the
legal basis it owes, its own requisites) and runs the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from ...document import Document, Paragraph
from ...library.registry import Registry
from ...report import Finding, LegalRefEntry, Location
from ...rules import RULES
from ...vocab import DocKind
from .. import check
from ..base import CheckContext, Fix, finding
from .citations import Citation, extract_document
from .resolve import IN_PLACE_OF, LETTERS, SAYS_REPEALED, Problem, Resolution, resolve
from .rules import CODES, LR010, LR011

# --- document-level judgements ------------------------------------------------------------------

_BASIS = re.compile(
    r"разработан\w*\s+(?:в\s+соответствии|на\s+основании|с\s+уч[её]том)|(?:принят|утвержд|издан)\w*\s+на\s+основании"
    r"|нормативн\w+\s+правов\w+\s+акт\w*\s*:|правов\w+\s+основ\w*|в\s+соответствии\s+со?\s+следующ|нормативн\w+\s+баз\w*",
    re.IGNORECASE,
)
_NEW_CLAUSE = re.compile(r"\n(?:\d+(?:\.\d+)+\.?|\d+\.)\s")
_NEEDS = (
    ("fz-273", None),
    ("fz-149", None),
    ("pp-1678", re.compile(r"дистанционн\w*\s+образовательн\w*\s+технолог|электронн\w+\s+обучени|(?<!\w)ДОТ(?!\w)", re.IGNORECASE)),
    ("fz-152", re.compile(r"персональн\w+\s+данн", re.IGNORECASE)),
)


# How far back from a citation (in characters) the «разработано в соответствии с:» lead-in of a legal-basis list
# is looked for; a citation farther from any lead-in is read as one in the text, not in the list (LR011).
BASIS_LIST_REACH = 2500
# How near a citation the words that say it is repealed must stand to mean this act (in its own sentence) …
REPEALED_AFTER = 80
# … and how near before it «взамен», «вместо» must stand.
IN_PLACE_OF_BEFORE = 40


def _in_basis_list(doc: Document, c: Citation) -> bool:
    lo = max(0, c.start - BASIS_LIST_REACH)
    window = doc.text[lo:c.start]
    last = None
    for m in _BASIS.finditer(window):
        last = m
    if last is None:
        return False
    return _NEW_CLAUSE.search(window, last.end()) is None


def _fix(p: Paragraph | None, c: Citation, prob: Problem, cited: set[str] | None = None) -> Fix | None:
    """The repair of a citation: the misspelt number rewritten (safe), or the citation of a repealed,
    lapsed or replaced act replaced by the full citation of its one successor in the same case (unsafe)."""
    if p is None or c.par_start is None or c.par_end is None:
        return None
    if prob.number and c.number:
        pattern = r"\s*".join(re.escape(ch) for ch in c.number if not ch.isspace())
        m = re.search(pattern, p.text[c.par_start:min(c.par_end, len(p.text))])
        if m is None:
            return None
        return Fix(prob.number, start=c.par_start + m.start(), end=c.par_start + m.end())
    if prob.successor is not None and c.par_end <= len(p.text):
        from ...nlp import inflect_head, phrase_case

        if SAYS_REPEALED.match(p.text, c.par_end, min(len(p.text), c.par_end + REPEALED_AFTER)) \
                or IN_PLACE_OF.search(p.text, max(0, c.par_start - IN_PLACE_OF_BEFORE), c.par_start):
            return None  # «приказ № 816 утратил силу», «взамен приказа № 816»: the old act is meant

        written = p.text[c.par_start:c.par_end]
        # the full citation once; later citations of the same successor by kind, date and number only
        new = prob.successor.short_citation() if cited is not None and prob.successor.id in cited else prob.successor.citation()
        if cited is not None:
            cited.add(prob.successor.id)
        case = phrase_case(written)
        if case and case != "nomn":
            new = inflect_head(new, case)
        if written[:1].isupper():
            new = new[:1].upper() + new[1:]
        return Fix(new, "unsafe")
    return None


def _locate(doc: Document, c: Citation, rl, prob: Problem, cited: set[str] | None = None) -> Finding:
    p = doc.paragraphs[c.paragraph] if c.paragraph is not None else None
    args = {"citation": c.text}
    if prob.successor is not None:
        args["successor"] = prob.successor.id
    return finding(
        rl, doc, prob.message, paragraph=p, start=c.par_start, end=c.par_end, text=c.text,
        suggestion=prob.suggestion, severity=prob.severity, act_id=None, fix=_fix(p, c, prob, cited), args=args,
    )


def judge(doc: Document, registry: Registry, as_of: date) -> tuple[list[Resolution], Iterator[Finding]]:
    """Resolve every citation of ``doc``; return the resolutions and the findings they lead to."""
    cites = extract_document(doc)
    resolutions = [resolve(c, registry, as_of) for c in cites]
    for r in resolutions:
        if _own_requisite(doc, r.citation):
            r.status = "internal"
    complete = {r.act.id for r in resolutions if r.act is not None and not r.incomplete}
    for r in resolutions:
        if r.act is not None and r.act.id in complete and r.incomplete:
            r.problems = [p for p in r.problems if p.code != "LR006"]
            if r.status == "incomplete":
                r.status = "in_force"
    return resolutions, _findings(doc, resolutions, registry, as_of)


def _own_requisite(doc: Document, c: Citation) -> bool:
    """True for the act's own approval/adoption order («УТВЕРЖДЕНО приказом … от … № …»)."""
    if c.paragraph is None or c.number is None:
        return False
    for req in doc.meta.requisites:
        if req.paragraph is not None and 0 <= c.paragraph - req.paragraph <= 8 and req.number \
                and req.number.replace(" ", "") == c.number.replace(" ", "") and req.date == c.date:
            return True
    return False


def _findings(doc: Document, resolutions: list[Resolution], registry: Registry, as_of: date) -> Iterator[Finding]:
    once: set[tuple[str, str]] = set()
    cited: set[str] = set()  # successors already given their full citation by an edit
    for r in resolutions:
        if r.status == "internal":
            continue
        c = r.citation
        key_id = r.act.id if r.act else c.text
        for prob in r.problems:
            if prob.code in ("LR008", "LR009"):
                if (prob.code, key_id) in once:
                    continue
                once.add((prob.code, key_id))
            f = _locate(doc, c, RULES[prob.code], prob, cited)
            f.act_id = r.act.id if r.act else None
            yield f
        is_letter = (r.act.kind.value in LETTERS) if r.act else c.kind in LETTERS
        if is_letter and ("LR011", key_id) not in once and _in_basis_list(doc, c):
            once.add(("LR011", key_id))
            what = "Поручение" if (r.act.kind.value if r.act else c.kind) == "government_instruction" else "Письмо"
            f = _locate(doc, c, LR011, Problem(
                "LR011",
                f"{what} не является нормативным правовым актом, но указано среди правовых оснований: «{c.text}».",
                f"Оставьте в правовых основаниях нормативные акты, а на {what.lower()} сошлитесь в тексте "
                "(«с учётом методических рекомендаций…»).",
            ))
            f.act_id = r.act.id if r.act else None
            yield f
    yield from _missing_basis(doc, resolutions, registry, as_of)


def _missing_basis(doc: Document, resolutions: list[Resolution], registry: Registry, as_of: date) -> Iterator[Finding]:
    if doc.meta.doc_kind == DocKind.not_local_act:
        return
    registry_acts = {r.act.id: r.act for r in resolutions if r.act is not None}
    cited = set(registry_acts) | {rid for r in resolutions for rid in r.replaced_by}
    anchor = None
    m = _BASIS.search(doc.text)
    if m:
        anchor = doc.paragraph_at(m.start())
    for act_id, pattern in _NEEDS:
        if act_id in cited:
            continue
        if pattern is not None and not pattern.search(doc.text):
            continue
        needed = registry.get(act_id)
        if needed is None or needed.status_on(as_of) not in ("in_force", "expiring", "not_yet"):
            continue  # never advise citing an act that is not in force on the as-of date
        yield finding(
            LR010, doc, f"Нет ссылки на {_NEED_NAMES[act_id]}.",
            paragraph=anchor, text=anchor.text if anchor else None,
            suggestion=f"Добавьте в правовые основания: {_NEED_CITES[act_id]}.", act_id=act_id,
        )


_NEED_NAMES = {
    "fz-273": "Федеральный закон № 273-ФЗ «Об образовании в Российской Федерации»",
    "fz-149": "Федеральный закон № 149-ФЗ «Об информации, информационных технологиях и о защите информации»",
    "pp-1678": "постановление Правительства РФ № 1678 (Правила применения электронного обучения и ДОТ), "
    "хотя акт регулирует электронное обучение или дистанционные образовательные технологии",
    "fz-152": "Федеральный закон № 152-ФЗ «О персональных данных», хотя акт касается персональных данных",
}
_NEED_CITES = {
    "fz-273": "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
    "fz-149": "Федеральный закон от 27.07.2006 № 149-ФЗ «Об информации, информационных технологиях и о защите информации»",
    "pp-1678": "постановление Правительства РФ от 11.10.2023 № 1678 «Об утверждении Правил применения организациями, "
    "осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий "
    "при реализации образовательных программ»",
    "fz-152": "Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»",
}


def entry(doc: Document, r: Resolution) -> LegalRefEntry:
    """The report's record of one resolved citation."""
    c = r.citation
    loc = Location()
    if c.paragraph is not None:
        p = doc.paragraphs[c.paragraph]
        line = p.source_line
        cmap = p.char_map
        s = c.par_start or 0
        if cmap and doc.source_text is not None and doc.format in ("txt", "md") and s < len(cmap):
            line = doc.source_text.count("\n", 0, cmap[s]) + 1
        loc = Location(paragraph=p.index, label=p.label, start=c.start, end=c.end, line=line)
    act = r.act
    return LegalRefEntry(
        text=c.text, kind=c.kind, number=c.number, date=c.date, title=c.title,
        act_id=act.id if act else None, status=r.status, replaced_by=r.replaced_by, location=loc,
        effective_until=act.effective_until if act else None,
        effective_until_verified=not act.unverified("effective_until") if act and act.effective_until else None,
    )


@check("legal_refs", order=30, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Resolve citations, store them for the report and yield the findings."""
    resolutions, found = judge(doc, ctx.registry, ctx.as_of)
    findings = list(found)
    doc.results.legal_refs = [entry(doc, r) for r in resolutions if r.status != "internal"]
    return findings
