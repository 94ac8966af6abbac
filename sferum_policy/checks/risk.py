"""Legal risks: compulsory use of the platform without an alternative; foreign messengers allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..document import Document
from ..normalize import folded
from ..report import Finding
from ..rules import rule
from ..vocab import Category, Section, Severity
from . import check
from .base import CheckContext, finding

_HEAD = "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"

RK001 = rule(
    code="RK001", name="compulsory-platform", category=Category.risk, severity=Severity.warning,
    title="Обязательное использование платформы без альтернативы",
    why="Использование «Сферума» и национального мессенджера MAX добровольно (Минпросвещения, 27.08.2025; Минцифры). "
    "03.02.2026 прокуратура Вологды внесла протесты на локальные акты восьми школ, обязавших перейти в MAX. "
    "Акт, который обязывает обучающихся или родителей зарегистрироваться или установить приложение и не даёт "
    "другого способа связи, рискует быть опротестованным.",
    fix="Замените обязанность на возможность («могут использовать», «по согласию») и добавьте пункт об отказе: "
    "как семья, отказавшаяся от платформы, получает информацию (телефон, электронная почта, дневник, личная встреча).",
    bad=_HEAD + "1.1. Родители (законные представители) обязаны зарегистрироваться в ИКОП «Сферум» "
    "в национальном мессенджере MAX.\n",
    good=_HEAD + "1.1. Родители (законные представители) могут зарегистрироваться в ИКОП «Сферум» в национальном "
    "мессенджере MAX.\n1.2. При отказе от использования платформы информирование осуществляется по телефону.\n",
    basis=("fz-273", "fz-156-2025"),
)
RK002 = rule(
    code="RK002", name="foreign-messenger", category=Category.risk, severity=Severity.warning,
    title="Разрешены иностранные мессенджеры для официального общения",
    why="С 01.06.2025 государственные и муниципальные организации не вправе использовать иностранные мессенджеры "
    "для информирования граждан и общения с ними (Федеральный закон от 01.04.2025 № 41-ФЗ); по ч. 8 ст. 10 149-ФЗ "
    "через них нельзя передавать персональные данные и платёжные документы.",
    fix="Уберите иностранные мессенджеры из разрешённых каналов; для официального общения используйте ИКОП «Сферум», "
    "национальный мессенджер MAX, электронную почту или телефон.",
    bad=_HEAD + "1.1. Для оперативного информирования родителей допускается использование мессенджеров WhatsApp и Telegram.\n",
    good=_HEAD + "1.1. Использование иностранных мессенджеров (WhatsApp, Telegram) для официального информирования "
    "родителей не допускается.\n",
    basis=("fz-41-2025", "fz-149", "fz-584-2022"),
)

CODES = ("RK001", "RK002")

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
    rf"|обязательн\w+\s+(?:регистраци|установк|использовани|подключени|переход)\w*",
    re.IGNORECASE,
)
_PLATFORM_RE = re.compile(_PLATFORM, re.IGNORECASE)
_FAMILY = re.compile(
    r"обучающ\w+|учащ\w+|ученик\w*|студент\w*|родител\w*|законн\w+\s+представител\w*|участник\w*\s+образовательн\w+\s+отношени\w*|семь\w+",
    re.IGNORECASE,
)
_STAFF_ONLY = re.compile(r"педагог\w*|учител\w*|классн\w+\s+руководител\w*|работник\w*|администратор\w*", re.IGNORECASE)
_ALTERNATIVE = re.compile(
    r"отказ\w*\s+от\s+(?:использовани|регистраци|участи)|добровольн\w+|по\s+желанию|по\s+согласию|с\s+согласия"
    r"|альтернативн\w+|традиционн\w+\s+форм|ины\w+\s+(?:способ|канал|средств)\w*\s+(?:связи|информирования|коммуникаци)"
    r"|не\s+(?:являет|может\s+быть)\s+\w*\s*обязательн",
    re.IGNORECASE,
)
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
    r"допуска\w*|разреш\w*|мож(?:ет|но|ете|ут)|использ\w*|посредством|через|применя\w*|созда\w+\s+(?:чат|групп)|в\s+том\s+числе",
    re.IGNORECASE,
)
_SENT = re.compile(r"[^.!?;\n]+(?:[.!?;]|$)")

# Cheap per-paragraph prefilters. The patterns above are case-insensitive, which keeps Python's
# regex engine from skipping ahead to a possible start, so scanning every sentence with them is slow.
# A paragraph is scanned only if its lower-cased text (normalize.folded) can hold a match.
_OBLIGE_HINT = re.compile(r"обязан|долж|необходимо|требуется|обязательн")  # every _OBLIGE branch has one
_FOREIGN_LOWER = re.compile(_FOREIGN.pattern)  # all lower-case: the same matches in lower-cased text


def _may_hold(hint: re.Pattern[str], text: str) -> bool:
    """False only if no match of the pattern that ``hint`` stands for can occur in ``text``."""
    low = folded(text)
    return low is None or hint.search(low) is not None


def _sentences(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _SENT.finditer(text):
        yield m.start(), m.end(), m.group()


def _compulsory(doc: Document) -> Iterator[Finding]:
    for p in doc.paragraphs:
        if not _may_hold(_OBLIGE_HINT, p.text):
            continue
        sec = doc.section_of(p)
        family_section = sec is not None and sec.key in (Section.student, Section.parent)
        for s, _e, sent in _sentences(p.text):
            m = _OBLIGE.search(sent)
            if not m or not _PLATFORM_RE.search(sent):
                continue
            if not (_FAMILY.search(sent) or family_section):
                continue
            if _STAFF_ONLY.search(sent[: m.start()]) and not _FAMILY.search(sent[: m.start()]):
                continue
            if _ALTERNATIVE.search(doc.text):
                return  # the act offers another way: nothing to report
            yield finding(
                RK001, doc,
                "Акт обязывает обучающихся или родителей пользоваться платформой (регистрироваться, устанавливать "
                "приложение) и не предусматривает другого способа связи для семей, которые отказываются.",
                paragraph=p, start=s + m.start(), end=s + m.end(), text=sent.strip(),
                suggestion="Сформулируйте как возможность («могут использовать») и добавьте пункт: при отказе от "
                "использования платформы информирование осуществляется по телефону, электронной почте или лично.",
            )
            return  # one finding is enough: the fix is the same for the whole act


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
                f"Иностранный мессенджер ({m.group()}) назван допустимым каналом официального общения.",
                paragraph=p, start=s + m.start(), end=s + m.end(), text=sent.strip(),
                suggestion="Уберите иностранные мессенджеры: с 01.06.2025 организации не вправе использовать их для "
                "общения с гражданами (Федеральный закон от 01.04.2025 № 41-ФЗ); используйте «Сферум», MAX, "
                "электронную почту или телефон.",
                act_id="fz-41-2025",
            )


@check("risk", order=35, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Find wording that creates a legal risk for the organisation."""
    out: list[Finding] = []
    if ctx.wants("RK001"):
        out.extend(_compulsory(doc))
    if ctx.wants("RK002"):
        out.extend(_foreign(doc))
    return out
