"""Requisites and marks: approval, adoption and the councils' opinion, blanks left in them, a mark that
does not agree with the kind of act, impossible dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...dates import month_number
from ...document import Document
from ...report import Finding
from ...vocab import DOC_KIND_TITLES, DocKind, OrgKind
from ..base import Fix, finding
from .date_forms import DIGIT
from .labels import is_act
from .rules import ST005, ST006, ST007, ST014, ST015, ST016

# --- examples shared by the rules -------------------------------------------------------------


_OPINION = re.compile(
    r"мнени\w*\s+(?:\w+\s+){0,4}?(?:совет\w*|родительск\w+\s+комитет\w*|представительн\w+\s+орган\w*)\s+(?:\w+\s+)?"
    r"(?:обучающ|учащ|родител|студент|воспитанник|законн)"
    r"|согласован\w*\s+с\s+(?:советом|родительским\s+комитетом)\s+(?:обучающ|учащ|родител|студент)",
    re.IGNORECASE,
)


def requisites(doc: Document) -> Iterator[Finding]:
    if not is_act(doc):
        return
    meta = doc.meta
    kinds = {r.kind for r in meta.requisites}
    head = "заведующего" if meta.org_kind == OrgKind.preschool else "директора"
    if "approval" not in kinds:
        yield finding(ST005, doc, ST005.message("found"),
                      suggestion=f"УТВЕРЖДЕНО приказом {head} от ДД.ММ.ГГГГ № …")
    if meta.org_kind == OrgKind.district:
        return
    if "adoption" not in kinds:
        yield finding(ST006, doc, ST006.message("found"),
                      suggestion="ПРИНЯТО на заседании педагогического совета, протокол от ДД.ММ.ГГГГ № …")
    if "consent" not in kinds and not _OPINION.search(doc.text) and not _staff_only(meta.title):
        councils = "Совета родителей" if meta.org_kind == OrgKind.preschool else "Совета обучающихся и Совета родителей"
        yield finding(ST007, doc, f"нет отметки об учёте мнения {councils} (ч. 3 ст. 30 Федерального закона "
                      "№ 273-ФЗ): акт затрагивает права обучающихся",
                      suggestion=f"С учетом мнения {councils} (протокол от ДД.ММ.ГГГГ № …)", act_id="fz-273")


# An act about staff only («Порядок доступа педагогических работников к …») does not touch the rights of
# students: the councils' opinion (ч. 3 ст. 30) is not owed; ч. 4 ст. 30 (workers' body) is another matter.
_STAFF = re.compile(r"\bработник\w*|\bсотрудник\w*|\bперсонал\w*", re.IGNORECASE)
_LEARNERS = re.compile(r"обучающ\w*|учащ\w+|родител\w*|воспитанник\w*|студент\w*|участник\w*|\bдет(?:ей|и|ям)\b|"
                       r"ученик\w*|слушател\w*|чат\w*|\bсферум|\bикоп|платформ\w*|мессенджер\w*", re.IGNORECASE)


def _staff_only(title: str | None) -> bool:
    return bool(title) and bool(_STAFF.search(title)) and not _LEARNERS.search(title)  # type: ignore[arg-type]


# Blanks in a mark: a date line or number left empty («от ________», «№_____», «протокол № .», «№ УТВЕРЖДЕНО»),
# or a signer's name followed by an empty date line in a mark that carries no date at all.
_BLANK_DATE = re.compile(r"\bот\s*_{3,}[\d\s]*(?:г\.?)?|[«\"]\s*_{2,}\s*[»\"]\s*_{3,}\s*(?:20_*\d*)?\s*(?:г\.?)?")
_BLANK_NUMBER = re.compile(r"№[ \t]*(?:_{2,}|\.(?![\d\w])|(?=[ \t]*(?:\n(?!\s*[\dА-Яа-я]{1,6}\b)|$|[А-ЯЁ]{4,}\b|"
                           r"от\s+\d{4}\s*г)))")
_NAME_THEN_BLANK = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:\s*\n)?\s*_{3,}\s*(?=\n|$)")


def blank_requisites(doc: Document) -> Iterator[Finding]:
    if not is_act(doc):
        return
    reqs = [r for r in doc.meta.requisites if r.paragraph is not None]
    for n, r in enumerate(reqs):
        start = doc.paragraphs[r.paragraph].start  # type: ignore[index]
        nxt = next((q for q in reqs[n + 1:] if q.paragraph != r.paragraph), None)
        end = doc.paragraphs[nxt.paragraph].start if nxt is not None else start + 400  # type: ignore[index]
        # the mark's own text: from its word to the next mark (several marks may share one line)
        seg = doc.text[start: min(end, start + 400)]
        at = seg.find(r.text.split()[0]) if r.text else 0
        at = max(at, 0)
        same = [q for q in reqs if q.paragraph == r.paragraph and q is not r]
        cut = len(seg)
        for q in same:
            k = seg.find(q.text.split()[0], at + 1) if q.text else -1
            if k > at:
                cut = min(cut, k)
        seg = seg[:cut]
        blanks = [m for rx in (_BLANK_DATE, _BLANK_NUMBER) for m in rx.finditer(seg, at)]
        if not blanks and r.kind == "approval" and r.date is None:
            blanks = list(_NAME_THEN_BLANK.finditer(seg, at))
        if not blanks:
            continue
        blanks.sort(key=lambda m: m.start())
        a, b = blanks[0].start(), max(m.end() for m in blanks)
        p = doc.paragraph_at(start + a)
        if p is None:
            continue
        what = {"approval": "в грифе утверждения", "adoption": "в отметке о принятии",
                "consent": "в отметке об учёте мнения советов", "agreement": "в отметке о согласовании"}.get(
                    r.kind, "в отметке")
        gaps = []
        if any(m.re is _BLANK_DATE or m.re is _NAME_THEN_BLANK for m in blanks):
            gaps.append("дата")
        if any(m.re is _BLANK_NUMBER for m in blanks):
            gaps.append("номер")
        yield finding(ST014, doc, f"{what} не заполнены реквизиты: {' и '.join(gaps)}",
                      paragraph=p, start=start + a - p.start, end=min(start + b, p.end) - p.start,
                      suggestion=None)


_MARK_FORM = re.compile(r"\b(ПРИНЯТ|УТВЕРЖДЕН|СОГЛАСОВАН|РАССМОТРЕН)([АЫ]?)\b")
_KIND_ENDING = {DocKind.polozhenie: ("О",), DocKind.poryadok: ("", "О"), DocKind.pravila: ("Ы", "О"),
                DocKind.instruktsiya: ("А", "О")}


def mark_agreement(doc: Document) -> Iterator[Finding]:
    allowed = _KIND_ENDING.get(doc.meta.doc_kind)
    if not allowed:
        return
    seen = set()
    for r in doc.meta.requisites:
        if r.paragraph is None or r.paragraph in seen:
            continue
        seen.add(r.paragraph)
        p = doc.paragraphs[r.paragraph]
        m = _MARK_FORM.search(p.text)
        if m is None or m.group(2) in allowed:
            continue
        kind = DOC_KIND_TITLES[doc.meta.doc_kind]
        yield finding(ST015, doc, f"«{m.group()}» не согласовано с названием документа «{kind}»: нужно «{m.group(1)}О»",
                      paragraph=p, start=m.start(), end=m.end(), suggestion=f"{m.group(1)}О",
                      fix=Fix(f"{m.group(1)}О"), args={"mark": m.group(), "doc_kind": kind})


# The date of a document cited or of a requisite: «от 15.03.2089», «от 31 февраля 2024 г.»
_DOC_DATE = re.compile(r"(?:\bот\s+|(?<![\d.])(?=\d{1,2}\.\d{1,2}\.\d{4}\s*(?:N|№)))"
                       r"(?:(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])|(\d{1,2})\s+([а-я]+)\s+(\d{4}))", re.IGNORECASE)


def impossible_dates(doc: Document, as_of) -> Iterator[Finding]:
    from datetime import date

    horizon = as_of.year + 1
    for p in doc.paragraphs:
        if DIGIT.search(p.text) is None:
            continue
        for m in _DOC_DATE.finditer(p.text):
            if m.group(1):
                d_, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                mo = month_number(m.group(5)) or 0
                if not mo:
                    continue
                d_, y = int(m.group(4)), int(m.group(6))
            if not (d_ and mo and y):
                continue  # «00.00.0000» is a template's placeholder (KS008), not a date
            try:
                d = date(y, mo, d_)
            except ValueError:
                why = "такой даты нет в календаре"
            else:
                if d.year <= horizon and d.year >= 1900:
                    continue
                why = "эта дата ещё не наступила" if d.year > horizon else "дата слишком ранняя"
            s = m.start(1) if m.group(1) else m.start(4)
            yield finding(ST016, doc, f"дата документа «{p.text[s:m.end()]}» невозможна: {why}",
                          paragraph=p, start=s, end=m.end())


# «МБОУ «МБОУ «…»»», «в МБОУ .», «имени И.С. Тургенева» … «имени И.А. Тургенева»
