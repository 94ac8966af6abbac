"""What an act must not say: wording wrong for the kind of organisation, bans that bind families,
participation by video only, a ban on criticism, requisites that contradict each other, placeholders.

These are the lessons of the editor's review of generated acts (December 2026): each rule fires on
the defect a methodologist found and stays quiet on the corrected wording the generator now writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..document import Document, Paragraph
from ..report import Finding
from ..rules import RULES, codes_of
from ..vocab import DocKind, OrgKind
from . import check
from .base import CheckContext, finding
from .data_kinds import pattern

KS001 = RULES["KS001"]
KS002 = RULES["KS002"]
KS003 = RULES["KS003"]
KS004 = RULES["KS004"]
KS005 = RULES["KS005"]
KS006 = RULES["KS006"]
KS007 = RULES["KS007"]
KS008 = RULES["KS008"]
KS009 = RULES["KS009"]

CODES = codes_of("kind_specific")

_SENT = re.compile(r"[^.!?;\n]+(?:[.!?;]|$)")
_I = re.IGNORECASE

_PRESCHOOL_WORDS = re.compile(
    r"успеваемост\w*|учебн\w+\s+(?:заняти|предмет|план)\w*|домашн\w+\s+задани\w*|оценк\w+\s+знани\w*"
    r"|(?:информировани\w*|пользовател\w*[^;.]{0,40}?)\s+воспитанник\w*(?!\s+\()"
    r"|воспитанник\w*,?\s+(?:и\s+)?их\s+родител\w*|педагогическ\w+\s+работник\w*,\s+воспитанник\w*", _I)
_COLLEGE_PARENTS = re.compile(r"студент\w*,?\s+(?:и\s+)?их\s+родител\w*", _I)
_BAN = re.compile(r"запрещ\w*|не\s+допуска\w*|недопустим\w*|не\s+вправе|нельзя|не\s+разреша\w*", _I)
_SEND = re.compile(r"направл\w*|отправл\w*|писать|присыла\w*|переписк\w*", _I)
_WHEN = re.compile(r"\d{1,2}[:.]\d{2}|выходн\w*|ночн\w*|вечерн\w*|нерабоч\w*", _I)
_FAMILY = re.compile(
    r"участник\w*\s+образовательн\w+\s+отношени\w*|родител\w*|обучающ\w*|учащ\w*|студент\w*|ученик\w*|воспитанник\w*",
    _I)
_STAFF = re.compile(r"работник\w*|педагог\w*|учител\w*|сотрудник\w*|классн\w+\s+руководител\w*|администратор\w*", _I)
_GATHERING = re.compile(r"собрани\w*|урок\w*|заняти\w*", _I)
_VIDEO = re.compile(r"видеосвяз\w*|видеоконференц\w*|онлайн\w*|дистанционн\w+\s+формат\w*", _I)
_CONDITIONAL = re.compile(r"использующ\w*\s+платформ|при\s+использовании\s+платформ|решивш\w*\s+пользоваться", _I)
_OTHER_WAY = re.compile(r"не\s+использующ\w*|ины\w+\s+(?:доступн\w+\s+)?способ\w*|личн\w+\s+присутстви\w*\b(?!\s+невозможно)"
                        r"|по\s+телефону|иным\s+образом", _I)
_CRITICISM = re.compile(r"критик\w*|критиков\w*", _I)
_TARGET_STAFF = re.compile(r"работник\w*|педагог\w*|учител\w*|администраци\w*|воспитател\w*|руководител\w*", _I)
_BY_ORDER = re.compile(r"утвержда\w*\s+приказом|утверждени\w*\s+приказом|утвержден\w*\s+приказом", _I)
# «…, утвержденного приказом Министерства просвещения …»: another body's order approving another act
_OTHER_BODY = re.compile(r"\s+(?:Министерств|Мин[а-яё]*(?:просвещени|обрнаук|цифры|труда|здрав)|Правительств|"
                         r"Федеральн|Рос[а-яё]*надзор|[Дд]епартамент|[Уу]правлени|[Кк]омитет|[Мм]инистр)", _I)
# Template values and blanks left in an act (KS008 is a data-only rule: its list is rules/kind_specific/KS008.yaml,
# checks/data_kinds.py reports it); the generator warns about the same values in a profile.
PLACEHOLDERS = pattern(KS008)
_MODEL = re.compile(r"примерн\w+\s+(?:положени|порядк|порядок|правил)|методическ\w+\s+рекомендаци"
                    r"|на\s+основе\s+настоящ", _I)
_FAMILY_SUBJECT = re.compile(
    r"(?:участник\w*\s+образовательн\w+\s+отношени\w*|обучающ\w+|родител\w+(?:\s*\([^)]*\))?(?:\s+обучающ\w+)?"
    r"|студент\w*|учащ\w+)\s+(?:запрещается|обязаны|не\s+допускается|не\s+вправе)", _I)


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    for m in _SENT.finditer(text):
        yield m.start(), m.group()


def _body(doc: Document) -> list[Paragraph]:
    """The act's paragraphs that carry text (requisite blocks included: some rules read them)."""
    return [p for p in doc.paragraphs if p.text.strip()]


def _kindergarten(doc: Document) -> Iterator[Finding]:
    seen = 0
    for p in _body(doc):
        for m in _PRESCHOOL_WORDS.finditer(p.text):
            yield finding(KS001, doc, f"В акте детского сада: «{m.group().strip()}» — школьное слово или "
                          "воспитанники как пользователи платформы.",
                          paragraph=p, start=m.start(), end=m.end(),
                          suggestion="«развитие», «занятия», «мероприятия»; адресаты сообщений — родители "
                          "(законные представители) воспитанников")
            seen += 1
            if seen >= 5:
                return


def _college(doc: Document) -> Iterator[Finding]:
    for p in _body(doc):
        for m in _COLLEGE_PARENTS.finditer(p.text):
            yield finding(KS002, doc, KS002.message("found"), paragraph=p, start=m.start(), end=m.end(),
                          suggestion="студенты и родители (законные представители) несовершеннолетних студентов")
            return


def _messaging_ban(doc: Document) -> Iterator[Finding]:
    for p in _body(doc):
        for s, sent in _sentences(p.text):
            ban = _BAN.search(sent)
            if not ban or not _SEND.search(sent, ban.end()) or not _WHEN.search(sent):
                continue
            before = sent[: ban.start()]
            if not _FAMILY.search(before) or _STAFF.search(before):
                continue
            yield finding(KS003, doc, KS003.message("found"), paragraph=p,
                          start=s, end=s + len(sent), text=sent.strip(),
                          suggestion="«Работникам … запрещается направлять …»; родителям — «рекомендуется»")
            return


def _video_only(doc: Document) -> Iterator[Finding]:
    for p in _body(doc):
        if _OTHER_WAY.search(p.text) or _CONDITIONAL.search(p.text):
            continue
        for s, sent in _sentences(p.text):
            g = _GATHERING.search(sent)
            v = _VIDEO.search(sent)
            if not g or not v or "консультаци" in g.group().lower():
                continue
            yield finding(KS004, doc, KS004.message("found"), paragraph=p,
                          start=s, end=s + len(sent), text=sent.strip(),
                          suggestion="добавьте: «… и обеспечивает лицам, не использующим платформу, участие иным "
                          "способом»")
            break


def _criticism(doc: Document) -> Iterator[Finding]:
    for p in _body(doc):
        for s, sent in _sentences(p.text):
            c = _CRITICISM.search(sent)
            if c and _BAN.search(sent) and _TARGET_STAFF.search(sent):
                yield finding(KS005, doc, KS005.message("found"), paragraph=p,
                              start=s + c.start(), end=s + c.end(), text=sent.strip(),
                              suggestion="запрет оскорблений и заведомо недостоверных сведений; жалобы — директору "
                              "или в комиссию по урегулированию споров")
                return


def _grif(doc: Document) -> Iterator[Finding]:
    approvals = [r for r in doc.meta.requisites if r.kind == "approval"]
    if not approvals or not approvals[0].text.lstrip().upper().startswith("УТВЕРЖДАЮ"):
        return
    for p in _body(doc):
        m = next((x for x in _BY_ORDER.finditer(p.text) if not _OTHER_BODY.match(p.text, x.end())), None)
        if m:
            yield finding(KS006, doc, KS006.message("found"), paragraph=p, start=m.start(), end=m.end(),
                          suggestion="«утверждается директором» или гриф «УТВЕРЖДЕНО приказом … от … № …»")
            return


def _protocol_dates(doc: Document) -> Iterator[Finding]:
    approved = next((r.date for r in doc.meta.requisites if r.kind == "approval" and r.date), None)
    if approved is None:
        return
    for r in doc.meta.requisites:
        if r.kind in ("adoption", "consent", "agreement") and r.date and r.date > approved:
            p = doc.paragraphs[r.paragraph] if r.paragraph is not None else None
            yield finding(KS007, doc, f"Протокол ({r.body or 'совет'}) от {r.date:%d.%m.%Y} датирован позже "
                          f"утверждения акта ({approved:%d.%m.%Y}).", paragraph=p, text=r.text,
                          suggestion="проверьте даты протоколов и приказа")


def _district(doc: Document) -> Iterator[Finding]:
    if doc.meta.org_kind != OrgKind.district:
        return
    if _MODEL.search(doc.meta.title or "") or _MODEL.search(doc.text):
        return
    for p in _body(doc):
        m = _FAMILY_SUBJECT.search(p.text)
        if m:
            yield finding(KS009, doc, KS009.message("found"), paragraph=p,
                          start=m.start(), end=m.end(),
                          suggestion="«Примерное положение» — приложение к приказу; организации принимают "
                          "собственные акты с учетом мнения советов")
            return


@check("kind_specific", order=36, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Find wording an act of this kind of organisation must not contain."""
    out: list[Finding] = []
    kind = doc.meta.org_kind
    if doc.meta.doc_kind == DocKind.not_local_act:
        # a methodical material describes the platform, it does not bind anyone: only left-in placeholders apply
        # (KS008, reported by checks/data_kinds.py for every document)
        return out
    if ctx.wants("KS001") and kind == OrgKind.preschool:
        out.extend(_kindergarten(doc))
    if ctx.wants("KS002") and kind == OrgKind.college:
        out.extend(_college(doc))
    if ctx.wants("KS003"):
        out.extend(_messaging_ban(doc))
    if ctx.wants("KS004"):
        out.extend(_video_only(doc))
    if ctx.wants("KS005"):
        out.extend(_criticism(doc))
    if ctx.wants("KS006"):
        out.extend(_grif(doc))
    if ctx.wants("KS007"):
        out.extend(_protocol_dates(doc))
    if ctx.wants("KS009"):
        out.extend(_district(doc))
    return out
