"""The act's kind word (title, self-references) and its requisites: approval, adoption, the councils'
opinion, agreement — each with its date, number and the body that gave it."""

from __future__ import annotations

import re

from ..dates import MONTHS_GENT, parse_date
from ..document import Document, Requisite
from ..vocab import DocKind
from .text import clean

KIND_WORD = re.compile(r"^(?:ПРИМЕРН(?:ОЕ|ЫЙ|ЫЕ|АЯ)\s+|Примерн(?:ое|ый|ые|ая)\s+)?"
                        r"(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|Положение|Порядок|Правила|Инструкция)(?=$|[\s.:])")
KIND_OF = {"положение": DocKind.polozhenie, "порядок": DocKind.poryadok, "правила": DocKind.pravila,
            "инструкция": DocKind.instruktsiya}
SELF_REF = re.compile(
    r"\b(настоящ(?:ее|его|ему|им|ем|ий|ая|ей|ую|ие|их|ими))\s+(?:примерн\w+\s+)?(положени[еяюми]\w*|порядк\w*|порядок|правил\w*|инструкци\w*)",
    re.IGNORECASE,
)


def self_ref_kind(noun: str) -> DocKind | None:
    """The kind of act a self-reference noun names («Положением» → polozhenie)."""
    n = noun.lower()
    for stem, kind in (("положени", DocKind.polozhenie), ("порядк", DocKind.poryadok), ("порядок", DocKind.poryadok),
                       ("правил", DocKind.pravila), ("инструкци", DocKind.instruktsiya)):
        if n.startswith(stem):
            return kind
    return None


REQ_MARK = re.compile(
    r"(?P<approval>\bУТВЕРЖДАЮ\b|\bУТВЕРЖДЕН[ОАЫ]?\b|\bУтвержден[оаы]?\b(?=\s+(?:приказом|решением|распоряжением|"
    r"постановлением|директором|заведующ)|\s*:)|\bПриложение\s*(?:№\s*)?\d*\s+к\s+(?:приказу|распоряжению|постановлению)\b"
    # «"Утверждаю"», «Утверждаю» on its own line, letter-spaced «У Т В Е Р Ж Д А Ю»
    r"|[«\"“]\s*Утверждаю\s*[»\"”]|(?:^|(?<=\n))\s*Утверждаю\s*:?\s*(?=\n|$)|\bУ\s+Т\s+В\s+Е\s+Р\s+Ж\s+Д\s+А\s+Ю\b"
    r"|\bУ\s+Т\s+В\s+Е\s+Р\s+Ж\s+Д\s+Е\s+Н\s+[ОАЫ]\b)"
    r"|(?P<consent>\b(?:[Сс]\s+учет\w*\s+мнени\w+|С\s+УЧЕТОМ\s+МНЕНИЯ|С\s+УЧЁТОМ\s+МНЕНИЯ)|\bУЧТЕНО\s+МНЕНИЕ\b|\bМнение\s+[Сс]овет\w*\s+\w+\s+учтено)"
    r"|(?P<adoption>\bПРИНЯТ[ОАЫ]?\b|\bПринят[оаы]?\b(?=\s+(?:на|решением|[Пп]едагогическ|[Сс]овет|[Оо]бщ)|\s*:)"
    r"|\bП\s+Р\s+И\s+Н\s+Я\s+Т\s+[ОАЫ]\b"
    r"|\bРАССМОТРЕН[ОАЫ]?\b|\bРассмотрен[оаы]?\s+на\s+заседании|\bРассмотрен[оаы]?\b(?=\s*:|\s+[Сс]овет)"
    r"|\bСОГЛАСОВАН[ОАЫ]?\b"
    r"|\bСогласован[оаы]?\b(?=\s+(?:с\b|на\b|[Пп]едагогическ|[Сс]овет|[Рр]одительск|[Пп]ротокол)|\s*:))"
)
_CONSENT_BODY = re.compile(r"обучающихся|учащихся|родител|родительск|ученическ|студенческ|воспитанник|"
                           r"совет\w*\s+род\b", re.IGNORECASE)
# the council a mark names: a pedagogical council adopts; a council of students or parents gives its opinion
_PED_BODY = re.compile(r"педагогическ|управляющ|общ\w+\s+собрани|совет\w*\s+(?:школы|учреждения|организации|колледжа|техникума)",
                       re.IGNORECASE)
_AGREEMENT_BODY = re.compile(r"профсоюз|профком|первичн\w*\s+организац|представительн\w*\s+орган\w*\s+работник",
                             re.IGNORECASE)
_MONTHS = "(?:" + "|".join(MONTHS_GENT) + ")"
DATE_RE = re.compile(
    r"(?P<num>(?<![\d.])\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*(?:\d{4}|\d{2})(?![\d.]\d))"
    r"|(?P<words>[«\"“]?\s*\d{1,2}\s*[»\"”]?\s+" + _MONTHS + r"\s+\d{4})",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"№\s*([0-9A-Za-zА-Яа-яЁё][\w/.\-]*)")
_DOC_NUMBER = re.compile(r"(?:приказ\w*|протокол\w*|решени\w*|распоряжени\w*)\s+(?:[^№\n]{0,40}?)№\s*([0-9A-Za-zА-Яа-яЁё][\w/.\-]*)",
                         re.IGNORECASE)
_BODY_STOP = re.compile(r"протокол|\bприказ|\bот\s+[«\"\d]|\d{1,2}\.\d|«\s*\d|_{2,}|\(дата\)|\(подпись\)",
                        re.IGNORECASE)


_QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|\"[^\"]*\"|“[^”]*”")
_DATE_TEXT = r"(?:\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*\d{2,4}|[«\"“]?\s*\d{1,2}\s*[»\"”]?\s+[а-я]+\s+\d{4})\s*(?:г\.?|года)?"
_NUM = r"([0-9A-Za-zА-Яа-яЁё][\w.\-]*(?:\s*/\s*[\w.\-]+)*)"
_NUM_AFTER_DATE = re.compile(r"от\s+" + _DATE_TEXT + r"\s*№\s*" + _NUM, re.IGNORECASE)
_NUM_BEFORE_DATE = re.compile(r"№\s*" + _NUM + r"\s*,?\s*от\s+" + _DATE_TEXT, re.IGNORECASE)


def requisite_number(block: str) -> str | None:
    """The order's or protocol's number in a requisite block: the one next to its date («от 30.08.2024 № 145-о»,
    «№ 55-од от …»), else one after «приказ/протокол … №» or near a date — never a number inside the
    organisation's quoted name («приказом директора МАОУ «Гимназия № 3»»). «№ _3_» (typed on a blank) is 3."""
    text = _QUOTED.sub(" ", " ".join(block.split()))
    text = re.sub(r"№\s*_+\s*([0-9A-Za-zА-Яа-яЁё][^_\s]*)\s*_+", r"№ \1", text)
    m = _NUM_AFTER_DATE.search(text) or _NUM_BEFORE_DATE.search(text)
    if m:
        return re.sub(r"\s*/\s*", "/", m.group(1).rstrip(".")).strip("_") or None
    nm = _DOC_NUMBER.search(text)
    if nm is None:
        dates_at = [m.start() for m in DATE_RE.finditer(text)]
        nm = next((m for m in _NUMBER.finditer(text) if any(abs(m.start() - d) < 25 for d in dates_at)), None)
    return nm.group(1).rstrip(".") if nm else None


def _parse_requisite(kind: str, marker: str, block: str, paragraph: int) -> Requisite:
    rest = block[len(marker):]
    if kind == "adoption":
        # «ПРИНЯТО на заседании Совета родителей», «РАССМОТРЕНО советом обучающихся»: the councils' opinion, not adoption
        lead = _BODY_STOP.split(rest, maxsplit=1)[0][:120]
        if _CONSENT_BODY.search(lead) and not _PED_BODY.search(lead):
            kind = "consent"
        elif marker.lower().startswith("согласован") and _AGREEMENT_BODY.search(rest):
            kind = "agreement"
    found_date = None
    for m in DATE_RE.finditer(block):
        found_date = parse_date(re.sub(r"\s+", " ", m.group().replace(" .", ".").replace(". ", ".")))
        if found_date:
            break
    number = requisite_number(block)
    if marker.startswith("Приложение"):
        body = "приказ"
    else:
        stop = _BODY_STOP.search(rest)
        body = rest[: stop.start()] if stop else rest
        body = " ".join(body.replace("“", " ").replace("”", " ").split()).strip(" :,.-–/")
        body = body or None
    return Requisite(kind=kind, text=" ".join(block.split()), body=body, date=found_date, number=number,
                     paragraph=paragraph)


def requisites(doc: Document, zone: range, stops: set[int]) -> list[Requisite]:
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for i in zone:
        starts.append(pos)
        t = clean(doc.paragraphs[i].text)
        parts.append(t)
        pos += len(t) + 1
    text = "\n".join(parts)
    if not text:
        return []

    def para_at(offset: int) -> int:
        k = 0
        while k + 1 < len(starts) and starts[k + 1] <= offset:
            k += 1
        return zone.start + k

    stop_offsets = sorted(starts[i - zone.start] for i in stops if i in zone)
    marks = list(REQ_MARK.finditer(text))
    out = []
    for n, m in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        end = min([end, *(s for s in stop_offsets if s > m.start())])
        block = text[m.start(): end]
        lines = block.split("\n")
        block = "\n".join(lines[:9])[:500].strip()
        out.append(_parse_requisite(m.lastgroup or "approval", m.group(), block, para_at(m.start())))
    return out
