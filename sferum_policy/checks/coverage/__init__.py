"""Clause coverage: which library clauses the act carries, which are partial, which are missing.

The matching itself is in :mod:`sferum_policy.checks.coverage.matcher`; this module turns its results into
findings (CL…), ``doc.results.clauses`` (one :class:`ClauseStatus` per applicable clause) and
``doc.results.coverage`` (a :class:`Coverage`).

Policy:

* a section none of whose clauses is found *present* in a place that reads as that section (its cue
  words — «обязаны», «запрещается», «вправе», the role — in the fragment, its lead-in or heading) is
  reported once, with the section's own code (CL001 obligations … CL013 final), not clause by clause;
* in a section that is there, a missing required clause is CL020 (error), a missing recommended one
  CL021 (warning); optional clauses and clauses switched on by a profile option are never reported
  missing (they stay visible in the report's clause list);
* a partial clause (some evidence, not enough, in a place that reads as its section) is CL022:
  warning for a required clause, info for a recommended one, pointing at the paragraph; a partial
  match elsewhere (the same duty for another actor) is reported as missing;
* a text that is not a local act (``doc_kind == not_local_act``) gets the clause list and coverage
  figure, but no CL findings: it is not an act and owes no provisions; nor does an act of another subject
  (e-learning, ЭИОС, ethics of chats — :mod:`sferum_policy.subject`);
* a section whose heading is in the act is never reported missing, even when none of its clauses matched:
  its clauses are then reported one by one.

Coverage fractions weigh clauses by level (required 3, recommended 2, optional 1) and credit a
present clause 1, a partial one 0.5; clauses tied to a profile option are left out of the fractions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...document import Document
from ...report import ClauseStatus, Coverage, Finding
from ...vocab import SECTION_TITLES, DocKind, Level, Section, Severity
from .. import check
from ..base import CheckContext, Fix, finding
from .matcher import ELSEWHERE
from .rules import CL020, CL021, CL022, CODES, SECTION_RULES

LEVEL_WEIGHT = {Level.required: 3.0, Level.recommended: 2.0, Level.optional: 1.0}
STATUS_CREDIT = {"present": 1.0, "partial": 0.5, "missing": 0.0}

def _reportable(clause) -> bool:
    return clause.level != Level.optional and not clause.option


def _coverage(statuses: list[ClauseStatus], option_ids: set[str]) -> Coverage:
    """Level-weighted share of the clauses found, per section and overall (option clauses left out)."""
    num: dict[str, float] = {}
    den: dict[str, float] = {}
    for st in statuses:
        if st.clause_id in option_ids:
            continue
        w = LEVEL_WEIGHT[Level(st.level)]
        num[st.section.value] = num.get(st.section.value, 0.0) + w * STATUS_CREDIT[st.status]
        den[st.section.value] = den.get(st.section.value, 0.0) + w
    sections = {s: round(num[s] / den[s], 3) for s in den}
    total = sum(den.values())
    return Coverage(overall=round(sum(num.values()) / total, 3) if total else 0.0, sections=sections)


def _suggestion(text: str) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0], *(f"– {x}" for x in lines[1:])])


@check("coverage", order=50, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Match the library against the act; report missing sections, missing and partial clauses."""
    from ...subject import library_applies
    from .matcher import match_document

    if not library_applies(doc):
        # an e-learning, ЭИОС or chat-ethics act owes none of the platform's provisions: no clause list, no figure
        doc.results.clauses = []
        return []
    matches = match_document(doc, ctx.clauses)
    statuses = []
    for m in matches:
        anchor = doc.paragraphs[m.anchor] if m.anchor is not None else None
        statuses.append(
            ClauseStatus(
                clause_id=m.clause.id,
                section=m.clause.section,
                level=m.clause.level.value,
                status=m.status,
                score=m.score,
                paragraph=m.paragraph,
                label=anchor.label if anchor is not None else None,
            )
        )
    doc.results.clauses = statuses
    doc.results.coverage = _coverage(statuses, {m.clause.id for m in matches if m.clause.option})
    if doc.meta.doc_kind == DocKind.not_local_act:
        return []
    headed = {k for keys in doc.results.section_keys.values() for k in keys}

    findings: list[Finding] = []
    numbering: dict[int, tuple[int, int, str]] = {}
    by_section: dict[Section, list] = {}
    for m in matches:
        by_section.setdefault(m.clause.section, []).append(m)
    for section in Section:
        group = by_section.get(section, [])
        owed = [m for m in group if _reportable(m.clause)]
        if not owed:
            continue
        if not section_present(group) and section.value not in headed:
            findings.append(_missing_section(doc, section, owed))
            continue
        # a section whose heading is there is never «missing»: its unmatched clauses are reported one by one
        for m in owed:
            # a partial match outside the clause's section (another actor's duty, no «обязаны» …)
            # does not show the provision is there: it is reported as missing
            if m.status == "missing" or (m.status == "partial" and not m.cue):
                r = CL020 if m.clause.level == Level.required else CL021
                findings.append(
                    finding(
                        r, doc,
                        r.message("found", clause=m.clause.title, section=SECTION_TITLES[section]),
                        suggestion=_suggestion(m.text),
                        section=section,
                        clause_id=m.clause.id,
                        args=_clause_args(m, section),
                        fix=_insertion(doc, section, m.text, numbering) if r is CL020 else None,
                    )
                )
            elif m.status == "partial" and m.paragraph is not None:
                sev = Severity.warning if m.clause.level == Level.required else Severity.info
                findings.append(
                    finding(
                        CL022, doc,
                        CL022.message("found", clause=m.clause.title, section=SECTION_TITLES[section]),
                        paragraph=m.paragraph,
                        suggestion=_suggestion(m.text),
                        severity=sev,
                        section=section,
                        clause_id=m.clause.id,
                        args=_clause_args(m, section),
                    )
                )
    return findings


def _clause_args(m, section: Section) -> dict[str, str | int | float | bool | None]:
    """The values a clause finding's message is built from, for renderers (never parsed from the message)."""
    return {
        "clause_id": m.clause.id,
        "clause_title": m.clause.title,
        "section": section.value,
        "section_title": SECTION_TITLES[section],
        "level": m.clause.level.value,
        "status": m.status,
    }


_ITEM = re.compile(r"^(\d+)\.(\d+)(\.?)$")


def _insertion(doc: Document, section: Section, text: str, numbering: dict[int, tuple[int, int, str]]) -> Fix | None:
    """The missing required clause as new paragraphs at the end of its section, numbered after its last
    item («3.6.» → «3.7.»); a second missing clause of the section gets the next number. ``None`` when the act
    has no such section or its items are not numbered «N.M.» (a person then decides where the text goes)."""
    keys = doc.results.section_keys
    part = next((s for s in doc.sections if s.key == section.value or section.value in keys.get(s.index, ())), None)
    if part is None:
        return None
    if part.index not in numbering:
        items = [m for p in doc.paragraphs[part.first + 1: part.last + 1] if p.label and (m := _ITEM.match(p.label))]
        if not items:
            return None
        last = items[-1]
        numbering[part.index] = (int(last.group(1)), int(last.group(2)), last.group(3))
    head, n, dot = numbering[part.index]
    numbering[part.index] = (head, n + 1, dot)
    lines = text.split("\n")
    paragraphs = (f"{head}.{n + 1}{dot} {lines[0]}", *(f"– {x}" for x in lines[1:]))
    return Fix(applicability="unsafe", paragraphs=paragraphs, after=doc.paragraphs[part.last])


def section_present(group: list) -> bool:
    """True if any clause of a section is present where the text reads as that section.

    Partial matches do not count: on the samples, deleting a section left look-alike fragments
    elsewhere (a class teacher's duty resembling a right) that would hide the deletion.
    """
    return any(m.status == "present" and m.cue for m in group)


def _missing_section(doc: Document, section: Section, owed: list) -> Finding:
    required = [m for m in owed if m.clause.level == Level.required]
    sev = Severity.error if required else Severity.warning
    shown = (required or owed)[:5]
    suggestion = "\n".join(_suggestion(m.text) for m in shown)
    r = SECTION_RULES[section]
    n_req = len(required)
    detail = f"обязательных — {n_req}" if n_req else "все рекомендуемые"
    # provisions of the section written elsewhere (a definition inside «Общие положения», a duty in a
    # role's list) do not make the section, but the user should know they were seen
    elsewhere = [m for m in owed if not m.cue and m.score >= ELSEWHERE and m.paragraph is not None][:2]
    seen = ""
    if elsewhere:
        places = []
        for m in elsewhere:
            label = doc.paragraphs[m.anchor].label if m.anchor is not None else None
            places.append(f"«{m.clause.title}»" + (f" (п. {label.rstrip('.')})" if label else ""))
        seen = "; похожие положения есть в других частях акта: " + ", ".join(places)
    return finding(
        r, doc,
        f"Нет раздела «{SECTION_TITLES[section]}»: не найдено ни одного из {len(owed)} положений ({detail})"
        f"{seen}",
        suggestion=suggestion,
        severity=sev,
        section=section,
        args={
            "section": section.value,
            "section_title": SECTION_TITLES[section],
            "clauses_owed": len(owed),
            "clauses_required": n_req,
        },
    )
