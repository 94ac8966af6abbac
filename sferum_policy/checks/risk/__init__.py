"""Legal risks: compulsory use of the platform without an alternative; foreign messengers allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...document import Document
from ...normalize import folded
from ...report import Finding
from ...vocab import Section
from .. import check
from ..base import CheckContext, Fix, finding
from .rules import CODES, RK001, RK002, RK003, RK004

_PLATFORM = r"(?:сферум\w*|(?<![а-яa-z])max(?![a-z])|(?<![а-я])макс(?![а-я])|мессенджер\w*|vk\s*мессенджер\w*|платформ\w*|икоп|приложени\w*)"
_ACT = (
    r"(?:зарегистрироваться|зарегистрировать|регистрироваться|установить|устанавливать|использовать|пользоваться"
    r"|подключиться|подключаться|скачать|перейти|переходить|вступить|авторизоваться)(?![а-я])"
)
_GAP = r"(?:(?![\w-]*ть(?:ся)?\s)[\w«»\"()-]+\s+){0,3}?"
_OBLIGE = re.compile(
    rf"(?:обязан[аоы]?|долж(?:ен|на|но|ны)|необходимо|требуется)\s+{_GAP}{_ACT}"
    rf"|в\s+обязательном\s+порядке\s+{_GAP}{_ACT}"
    rf"|{_ACT}\s+{_GAP}в\s+обязательном\s+порядке"
    rf"|обязательн\w+\s+(?:регистраци|установк|использовани|подключени|переход)\w*"
    # «Регистрация на платформе обязательна для всех обучающихся»: the predicate after its subject
    rf"|(?:регистраци|установк|использовани|подключени)\w*\s+(?:[^\s.;]+\s+){{0,8}}?(?:является\s+)?обязательн\w*",
    re.IGNORECASE,
)
_PLATFORM_RE = re.compile(_PLATFORM, re.IGNORECASE)
_FAMILY = re.compile(
    r"обучающ\w+|учащ\w+|ученик\w*|студент\w*|родител\w*|законн\w+\s+представител\w*|участник\w*\s+образовательн\w+\s+отношени\w*|семь\w+|семей",
    re.IGNORECASE,
)
_STAFF_ONLY = re.compile(r"педагог\w*|учител\w*|классн\w+\s+руководител\w*|работник\w*|администратор\w*", re.IGNORECASE)
_ALTERNATIVE = re.compile(
    r"отказ\w*\s+от\s+(?:использовани|регистраци|участи)|добровольн\w+|по\s+желанию"
    r"|альтернативн\w+|традиционн\w+\s+форм|ины\w+\s+(?:способ|канал|средств)\w*\s+(?:связи|информирования|коммуникаци)"
    r"|не\s+(?:являет|может\s+быть)\s+\w*\s*обязательн"
    # the other ways themselves, offered to families: phone, e-mail, the electronic diary, in person
    r"|по\s+телефону|(?:по|через)\s+электронн\w+\s+почт\w+|электронн\w+\s+(?:дневник|журнал)\w*|лично(?![а-я])"
    r"|личн\w+\s+(?:встреч|обращени|прием)\w*|на\s+бумажн\w+\s+носител\w*",
    re.IGNORECASE,
)
# «с согласия», «по согласию» make the platform voluntary only where the sentence is about using it, not about
# consent to personal data or photos («с согласия родителей на обработку персональных данных»).
_CONSENTED_USE = re.compile(
    r"(?:по\s+согласию|с\s+согласия)(?!\s+(?:\w+\s+){0,3}?(?:на\s+обработк|персональн|на\s+распространени|на\s+размещени))",
    re.IGNORECASE,
)
_USE_WORDS = re.compile(r"использовани|регистрац|подключ|платформ|сферум|(?<![а-яa-z])max(?![a-z])|мессенджер", re.IGNORECASE)
_FOREIGN = re.compile(
    r"whats\s?app|вотсап\w*|ватсап\w*|вацап\w*|telegram|телеграм\w*|viber|вайбер\w*|discord|дискорд\w*|skype|скайп\w*"
    r"|zoom|зум(?![а-я])|signal|facebook|фейсбук\w*|instagram|инстаграм\w*",
    re.IGNORECASE,
)
_FORBID = re.compile(
    r"запрещ\w*|не\s+допуска\w*|недопустим\w*|не\s+(?:использ|применя|разреш|рекоменд)\w*|нельзя|исключ\w*|отказ\w*|вместо",
    re.IGNORECASE,
)
_ALLOW = re.compile(
    r"допуска\w*|разреш\w*|мож(?:ет|но|ете|ут)|использ\w*|посредством|через|применя\w*|созда\w+\s+(?:чат|групп)|в\s+том\s+числе"
    # «чаты создаются (ведутся) в WhatsApp или Telegram»: the chats themselves are placed there
    r"|(?:чат|групп|переписк|общени)\w*\s+(?:[\w()«»-]+\s+){0,4}?(?:созда\w+|вед[уеё]т\w*|организу\w+|осуществля\w+)\s+в\b",
    re.IGNORECASE,
)
# «только через платформу», «единственным каналом является MAX»: the platform as the one way, which is compulsion too.
_EXCLUSIVE = re.compile(
    rf"(?:только|исключительно)\s+(?:через|посредством|в|во|на|с\s+использованием|по\s+каналам)\s+(?:\w+\s+){{0,3}}?{_PLATFORM}"
    rf"|единственн\w+\s+(?:\w+\s+){{0,2}}?(?:канал\w*|способ\w*|средств\w*)",
    re.IGNORECASE,
)
# «только через платформу» is compulsion when it is about communicating with families, not about where photos or
# materials are posted; and «только через «Сферум», а не через иностранные мессенджеры» is the 41-ФЗ ban, not compulsion.
_COMMUNICATION = re.compile(r"связ[ьиейю]|информировани|общени|взаимодейств|коммуникаци|оповещ|переписк|уведомл", re.IGNORECASE)
_CONTRAST = re.compile(r"а\s+не\s+(?:через|в|посредством)|вместо|иностранн\w+|зарубежн\w+", re.IGNORECASE)
# «Иные способы связи … не допускаются», «другие мессенджеры не используются»: the other ways are excluded.
# «иные мессенджеры не используются» is the 41-ФЗ ban on foreign messengers, not a ban on the phone: only ways,
# channels and means of communication count.
_OTHERS = r"(?:ин(?:ые|ых|ым|ыми|ой|ого|ая|ое|ую)|друг(?:ие|их|им|ими|ой|ого|ая|ое)|альтернативн\w+|прочи[ехм]\w*)\s+(?:\w+\s+){0,2}?(?:способ|канал|средств|форм)\w*"
_NEGATED = r"(?:не\s+(?:допуска|использу|применя|предусм|разреш|осуществля|может|могут)\w*|запрещ\w*|недопустим\w*|исключ\w*)"
_NEGATED_RE = re.compile(_NEGATED, re.IGNORECASE)
_EXCLUDED = re.compile(rf"{_OTHERS}[^.;!?]{{0,80}}?{_NEGATED}|{_NEGATED}\s+(?:\w+\s+){{0,3}}?{_OTHERS}", re.IGNORECASE)
_SENT = re.compile(r"[^.!?;\n]+(?:[.!?;]|$)")

# Cheap per-paragraph prefilters. The patterns above are case-insensitive, which keeps Python's
# regex engine from skipping ahead to a possible start, so scanning every sentence with them is slow.
# A paragraph is scanned only if its lower-cased text (normalize.folded) can hold a match.
_OBLIGE_HINT = re.compile(r"обязан|долж|необходимо|требуется|обязательн|только|исключительно|единствен|ины|друг")
_FOREIGN_LOWER = re.compile(_FOREIGN.pattern)  # all lower-case: the same matches in lower-cased text


def _may_hold(hint: re.Pattern[str], text: str) -> bool:
    """False only if no match of the pattern that ``hint`` stands for can occur in ``text``."""
    low = folded(text)
    return low is None or hint.search(low) is not None


def _sentences(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _SENT.finditer(text):
        yield m.start(), m.end(), m.group()


def _real_alternative(doc: Document) -> bool:
    """True if the act offers families another way somewhere — not in a sentence that excludes it.

    «Иные способы связи не допускаются» names an alternative only to forbid it; a negated or excluded
    alternative is no alternative (the acts the prosecutors protested in 2026 say exactly this).
    """
    for p in doc.paragraphs:
        for _s, _e, sent in _sentences(p.text):
            if _EXCLUDED.search(sent) or _exclusive(sent):
                continue
            m = _ALTERNATIVE.search(sent)
            if m is None and _USE_WORDS.search(sent):
                m = _CONSENTED_USE.search(sent)
            if m is None:
                continue
            # «связь по телефону не допускается»: the way is named only to be refused
            if "обязательн" not in m.group().lower() and _NEGATED_RE.search(sent, m.end()):
                continue
            return True
    return False


def _exclusive(sent: str) -> re.Match[str] | None:
    """«Информирование родителей — только через MAX»: the platform as the one channel of communication."""
    m = _EXCLUSIVE.search(sent)
    if m is None or not _COMMUNICATION.search(sent) or _CONTRAST.search(sent):
        return None
    return m


# How ``fix --unsafe`` makes a compulsory wording voluntary: the modal word becomes a possibility, «только через»
# becomes «в том числе через»; the required clause on the alternative for families who refuse is inserted by the
# coverage check (CL020). «В обязательном порядке» and «иные способы не допускаются» need a person to reword.
_VOLUNTARY = (
    (re.compile(r"обязан[ао]?(?![а-яё])|долж(?:ен|на|но)(?![а-яё])", re.IGNORECASE), "может"),
    (re.compile(r"обязаны(?![а-яё])|должны(?![а-яё])", re.IGNORECASE), "могут"),
    (re.compile(r"необходимо(?![а-яё])|требуется(?![а-яё])", re.IGNORECASE), "рекомендуется"),
    (re.compile(r"обязательн(?=\w+\s)", re.IGNORECASE), "добровольн"),
    (re.compile(r"(?:только|исключительно)(?=\s)", re.IGNORECASE), "в том числе"),
)


_ANOTHER_COMPULSION = re.compile(r"только|исключительно|единствен|не\s+допуска|запрещ|обязательн|обязан|долж(?:ен|на|ны|но)"
                                 r"|необходимо|требуется", re.IGNORECASE)


def _voluntary(text: str, start: int, end: int, s0: int, s1: int) -> Fix | None:
    """The edit that turns the compulsion at ``text[start:end]`` into a possibility (unsafe: a person reviews it);
    none when the sentence ``text[s0:s1]`` compels once more elsewhere («… и использовать только её», «иные
    способы не допускаются») — one word changed would leave the sentence contradicting itself."""
    if _ANOTHER_COMPULSION.search(text[s0:start]) or _ANOTHER_COMPULSION.search(text[end:s1]):
        return None
    span = text[start:end]
    for pattern, word in _VOLUNTARY:
        m = pattern.match(span)
        if m is not None:
            old = m.group()
            new = word[:1].upper() + word[1:] if old[:1].isupper() else word
            return Fix(new, "unsafe", start=start, end=start + m.end())
    return None


def _compulsory(doc: Document) -> Iterator[Finding]:
    alternative: bool | None = None
    for p in doc.paragraphs:
        if not _may_hold(_OBLIGE_HINT, p.text):
            continue
        sec = doc.section_of(p)
        family_section = sec is not None and sec.key in (Section.student, Section.parent)
        family_paragraph = bool(_FAMILY.search(p.text))
        platform_paragraph = bool(_PLATFORM_RE.search(p.text))
        for s, _e, sent in _sentences(p.text):
            m = _OBLIGE.search(sent)
            excludes = False
            if m and _PLATFORM_RE.search(sent):
                if not (_FAMILY.search(sent) or family_section):
                    continue
                if _STAFF_ONLY.search(sent[: m.start()]) and not _FAMILY.search(sent[: m.start()]):
                    continue
            else:
                # «только через MAX», «иные способы связи не допускаются»: compulsion without «обязаны»
                m = _exclusive(sent) or _EXCLUDED.search(sent)
                if m is None or not (platform_paragraph and (family_paragraph or family_section)):
                    continue
                if _STAFF_ONLY.search(sent) and not _FAMILY.search(sent):
                    continue
                excludes = True
            if not excludes:
                if alternative is None:
                    alternative = _real_alternative(doc)
                if alternative:
                    continue  # the act offers another way — unless it excludes every other way elsewhere
            # an act that itself says there is no other way contradicts any alternative it names elsewhere
            yield finding(
                RK001, doc,
                RK001.message("found"),
                paragraph=p, start=s + m.start(), end=s + m.end(), text=sent.strip(),
                suggestion="Сформулируйте как возможность («могут использовать») и добавьте пункт: при отказе от "
                "использования платформы информирование осуществляется по телефону, электронной почте или лично.",
                fix=_voluntary(p.text, s + m.start(), s + m.end(), s, s + len(sent)),
            )
            return  # one finding is enough: the fix is the same for the whole act


# --- personal-data consent (152-ФЗ ст. 9 as amended by 156-ФЗ, from 01.09.2025) -------------------

_CONSENT = re.compile(r"(?<!без\s)согласи\w*\s+(?:\w+\s+){0,3}?(?:на\s+)?обработк\w*\s+(?:\w+\s+){0,2}?персональн", re.IGNORECASE)
_CONSENT_HINT = re.compile(r"согласи")
# consent taken by signing or doing something else, or made part of another document
_INSIDE = re.compile(
    r"подпис\w*\s+(?:\w+\s+){0,2}?(?:заявлени|договор|положени|настоящ|акт|анкет)\w*"
    r"|(?<![а-яё])(?:в|во)\s+(?:\w+\s+){0,2}?(?:заявлени\w*|договор\w*|анкет\w*)(?:\s+(?:о\s+при[её]м\w*|об\s+обучени\w*))?"
    r"|(?:входит|включ\w+|содерж\w+|явля\w+\s+частью|является\s+неотъемлем\w+)\s+(?:\w+\s+){0,3}?(?:в\s+)?(?:заявлени|договор|положени|акт|анкет)\w*"
    r"|(?:заявлени|договор|анкет)\w*\s+(?:\w+\s+){0,3}?(?:содерж\w+|включа\w+)\s+(?:\w+\s+){0,2}?согласи"
    r"|(?:ознакомлени|присоединени|регистраци|подписани|использовани)\w*\s+(?:[\w«»\"]+\s+){0,5}?(?:означа|явля|счита|подтвержда)\w*\s+(?:\w+\s+){0,2}?согласи",
    re.IGNORECASE,
)
# «единое согласие», «согласие на обработку … и на распространение … оформляется одним документом»
_BUNDLED = re.compile(
    r"(?:едино\w*|общ\w+|одн\w+)\s+согласи\w*"
    r"|согласи\w*\s+(?:\w+\s+){0,3}?обработк\w*\s+(?:\w+\s+){0,4}?(?:и|,)\s+(?:на\s+)?(?:распространени|фото|видео|размещени|передач)\w*"
    r"|одним\s+документом",
    re.IGNORECASE,
)
# «согласие оформляется отдельным документом» — what the law asks; «отдельным пунктом заявления» is not that
_SEPARATE = re.compile(r"отдельн\w+\s+(?:от\s+)?(?:документ|иных|други|согласи)\w*|(?<![а-яё])отдельно(?![а-яё])|раздельн\w*|разными\s+документ"
                       r"|самостоятельн\w+\s+документ", re.IGNORECASE)
# the act itself forbids the bundling: «не может быть включено в заявление», «не включается в договор»
_NOT_INSIDE = re.compile(r"не\s+(?:может\s+быть\s+|могут\s+быть\s+|должн\w+\s+быть\s+)?(?:включ|входит|содерж|явля|объединя)", re.IGNORECASE)
# «при подаче заявления … представляет согласие», «вместе с заявлением»: handed in alongside, not inside
_ALONGSIDE = re.compile(r"при\s+подач\w+|вместе\s+с|прилага\w+\s+к|к\s+заявлени", re.IGNORECASE)


def _consent(doc: Document) -> Iterator[Finding]:
    for p in doc.paragraphs:
        if not _may_hold(_CONSENT_HINT, p.text):
            continue
        for s, _e, sent in _sentences(p.text):
            c = _CONSENT.search(sent)
            if c is None or _SEPARATE.search(sent) or _NOT_INSIDE.search(sent):
                continue
            m = _INSIDE.search(sent)
            if m is not None and _ALONGSIDE.search(sent) and not re.search(r"подпис|входит|включ|содерж|част|означа|подтвержда", m.group(), re.IGNORECASE):
                m = None  # «в заявлении» next to «прилагается к заявлению»: a separate document handed in with it
            bundled = _BUNDLED.search(sent)
            if m is None and bundled is None:
                continue
            hit = m or bundled
            what = ("объединяет согласия на разные цели в одно" if m is None else
                    "получает согласие в составе другого документа или действия (заявления, договора, самого акта, "
                    "регистрации)")
            yield finding(
                RK003, doc,
                RK003.message("found", what=what),
                paragraph=p, start=s + min(c.start(), hit.start()), end=s + max(c.end(), hit.end()), text=sent.strip(),
                suggestion="Согласие на обработку персональных данных оформляется отдельным документом на каждую цель.",
                act_id="fz-152",
            )


# --- «Сферум» tied to VK Мессенджер only (MAX replaced it from 01.09.2025, 2240-р) ----------------

_VK = re.compile(r"vk\s*-?\s*мессенджер\w*|вк\s*-?\s*мессенджер\w*|мессенджер\w*\s+vk(?![a-z])|учебн\w+\s+профил\w+\s+(?:\w+\s+)?(?:vk|вк)", re.IGNORECASE)
_MAX = re.compile(r"(?<![а-яa-z])max(?![a-z])|(?<![а-я])макс(?![а-я])|национальн\w+\s+мессенджер", re.IGNORECASE)


_SFERUM = re.compile(r"сферум\w*|икоп|учебн\w+\s+профил\w*", re.IGNORECASE)


def _vk_only(doc: Document) -> Iterator[Finding]:
    """«Сферум» described as (part of) VK Мессенджер, and MAX nowhere in the act."""
    first = None
    for p in doc.paragraphs:
        if _MAX.search(p.text):
            return
        if first is not None:
            continue
        for s, _e, sent in _sentences(p.text):
            m = _VK.search(sent)
            if m and _SFERUM.search(sent) and not _FORBID.search(sent):
                first = (p, s, m)
                break
    if first is None:
        return
    p, s, m = first
    yield finding(
        RK004, doc,
        RK004.message("found"),
        paragraph=p, start=s + m.start(), end=s + m.end(), text=m.group(),
        suggestion="Опишите «Сферум» как образовательное пространство в национальном мессенджере MAX.",
        act_id="rp-2240-r",
    )


def _foreign(doc: Document) -> Iterator[Finding]:
    for p in doc.paragraphs:
        if not _may_hold(_FOREIGN_LOWER, p.text):
            continue
        for s, _e, sent in _sentences(p.text):
            m = _FOREIGN.search(sent)
            if not m or _FORBID.search(sent) or not _ALLOW.search(sent):
                continue
            yield finding(
                RK002, doc,
                RK002.message("found", messenger=m.group()),
                paragraph=p, start=s + m.start(), end=s + m.end(), text=sent.strip(),
                suggestion="Уберите иностранные мессенджеры: с 01.06.2025 организации не вправе использовать их для "
                "общения с гражданами (Федеральный закон от 01.04.2025 № 41-ФЗ); используйте «Сферум», MAX, "
                "электронную почту или телефон.",
                act_id="fz-41-2025",
            )


def _in_force(ctx: CheckContext, act_id: str, ref: str) -> bool:
    """True if the registry's norm (e.g. ст. 9 of 152-ФЗ as amended from 01.09.2025) applies on the as-of date."""
    act = ctx.registry.get(act_id)
    return act is not None and act.in_force_on(ctx.as_of, ref)


@check("risk", order=35, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Find wording that creates a legal risk for the organisation."""
    out: list[Finding] = []
    if ctx.wants("RK001"):
        out.extend(_compulsory(doc))
    if ctx.wants("RK002"):
        out.extend(_foreign(doc))
    if ctx.wants("RK003") and _in_force(ctx, "fz-152", "ст. 9"):
        out.extend(_consent(doc))
    if ctx.wants("RK004") and _in_force(ctx, "rp-2240-r", "п. 1"):
        out.extend(_vk_only(doc))
    return out
