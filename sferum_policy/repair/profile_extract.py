"""The organisation's profile read out of an old act — every value with the excerpt it came from.

``extract_profile(doc)`` reuses what the analysis (:mod:`sferum_policy.analysis`) found (organisation name, kind,
platforms, approval/adoption/consent marks) and adds what a profile needs on top: the head's post and
name, the locality, the collegial bodies' names in the nominative. Nothing is invented: a field the act
does not state is ``None``, carries no excerpt and is listed in :attr:`ProfileExtraction.missing`.
:mod:`.profile_out` writes the result as a profile for ``sferum-policy generate``.
"""

from __future__ import annotations

import re
from typing import Any

from ..analysis.text import clean
from ..document import Document, Requisite
from ..vocab import DocKind, OrgKind, Platform
from .profile_types import EXCERPT_MAX, Excerpt, ProfileExtraction, ProtocolValue, Value

__all__ = ["EXCERPT_MAX", "Excerpt", "ProfileExtraction", "ProtocolValue", "Value", "extract_profile"]


# --- helpers ----------------------------------------------------------------------------------

def _excerpt(doc: Document, index: int, needle: str | None = None) -> Excerpt:
    """The paragraph ``index`` (cut around ``needle`` when it is long)."""
    p = doc.paragraphs[index]
    text = clean(p.full_text)
    if needle and len(text) > EXCERPT_MAX:
        k = text.find(needle[:40])
        if k > 0:
            text = ("…" if k > 20 else "") + text[max(0, k - 20):]
    if len(text) > EXCERPT_MAX:
        text = text[:EXCERPT_MAX].rstrip() + "…"
    return Excerpt(text, p.index, p.source_line)


def _find(doc: Document, needle: str, zone: range | None = None) -> int | None:
    """First paragraph whose clean text holds ``needle`` (spaces collapsed), or that starts it."""
    want = " ".join(needle.split())[:40]
    rng = zone if zone is not None else range(len(doc.paragraphs))
    for i in rng:
        if want and want in clean(doc.paragraphs[i].full_text):
            return i
    head = want[:20]
    for i in rng:
        if head and head in clean(doc.paragraphs[i].full_text):
            return i
    return None


def _value(doc: Document, key: str, label: str, value: Any, index: int | None, needle: str | None = None) -> Value:
    if value is None or index is None:
        return Value(key, label)
    return Value(key, label, value, _excerpt(doc, index, needle))


def _front(doc: Document) -> range:
    """Paragraphs before the first section (title block, requisites) — at most 60."""
    end = doc.sections[0].first if doc.sections else min(len(doc.paragraphs), 60)
    return range(0, min(end, 80))


# --- organisation -----------------------------------------------------------------------------

_ABBR = (r"(?:[МГО]?[БАК]?(?:Д|П|Н)?ОУ|[МГ][БАК]?У\s*ДО|[МГ]?[БАК]?У|ЧОУ|НЧОУ|АНО|ГАПОУ|ГБПОУ|ГПОУ|ОГБПОУ|ОГАПОУ|"
         r"КГБПОУ|ГБОУ|МБОУ|МАОУ|МКОУ|МОУ|МБДОУ|МАДОУ|МКДОУ|БОУ)")
_ABBREV_NAME = re.compile(
    r"\b" + _ABBR + r"(?:\s+(?:г\.|с\.|п\.)\s*[А-ЯЁ][а-яё-]+|\s+[А-ЯЁ]{2,3}(?=\s*[«\"“]))?"
    r"(?:\s+(?:[а-яё]+|№\s*\d+)){0,4}?\s*[«\"“][^«»\"”\n]{2,120}(?:«[^«»\n]{1,80}»[^«»\n]{0,40})?[»\"”]"
    r"|\b" + _ABBR + r"[\s-]+(?:СОШ|ООШ|НОШ|ЦО|ДС|[Лл]ицей|[Гг]имназия)\s*№\s*\d+(?:\s*(?:им\.|имени)\s+[А-ЯЁ][\w.\s]{2,30})?"
)
# a «(далее — Учреждение)» word is how the act refers to itself, not the organisation's short name
_GENERIC_SHORT = re.compile(r"^(?:по\s+тексту\s*[-–—]?\s*)?(?:[Уу]чреждени\w*|[Оо]рганизаци\w*|[Шш]кол\w*|ОО|ОУ|"
                            r"[Кк]олледж\w*|[Тт]ехникум\w*|[Дд]етск\w+\s+сад\w*|[Гг]имнази\w*|[Лл]ице\w+|ДОУ|ДОО|"
                            r"[Оо]бразовательн\w+\s+(?:организаци|учреждени)\w*)$")
# a full name in the nominative: «Муниципальное бюджетное … учреждение …», «Государственная … организация …»
_FULL_NAME = re.compile(r"(?<![\w-])[А-ЯЁ][А-ЯЁа-яё-]*(?:ое|ая|ОЕ|АЯ)\s+(?:[А-ЯЁа-яё-]+(?:ое|ая|ОЕ|АЯ)\s+){0,6}"
                        r"(?:учреждение|организация|УЧРЕЖДЕНИЕ|ОРГАНИЗАЦИЯ|Учреждение|Организация)\b")
# where the organisation's name ends in the title block
_NAME_STOP = re.compile(r"\s*(?:\(|СОГЛАСОВАН|УТВЕРЖД|ПРИНЯТ|Принят|Согласован|Утвержд|ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|"
                        r"ИНСТРУКЦИЯ|ПРИКАЗ|Юридическ|Адрес|адрес|\d{6}|Тел\b|тел\.|ИНН|ОГРН|E-?mail|[Ээ]л\.\s*почта)")


def _header_name(doc: Document, zone: range) -> tuple[str | None, int | None, str | None]:
    """The full name in the nominative from the title block, its paragraph and the short name in brackets after it."""
    for i in zone:
        t = clean(doc.paragraphs[i].full_text)
        m = _FULL_NAME.search(t)
        if not m:
            continue
        t = t[m.start():]
        m = _FULL_NAME.match(t)
        assert m is not None
        # the name may go on in the next short paragraphs («СРЕДНЯЯ ОБЩЕОБРАЗОВАТЕЛЬНАЯ ШКОЛА №14», «(МБОУ-СОШ №14)»)
        text = t
        for k in range(i + 1, min(zone.stop, i + 4)):
            nt = clean(doc.paragraphs[k].full_text)
            if not nt or (_NAME_STOP.match(nt) and not nt.startswith("(")):
                break
            if not (nt.isupper() or nt.startswith(("«", "(", "\"")) or text.count("«") > text.count("»")):
                break
            text = f"{text} {nt}"
        stop = _NAME_STOP.search(text, m.end())
        name = text[: stop.start()] if stop else text
        name = name.strip(" ,.;:")
        short = None
        if stop and text[stop.start():].lstrip().startswith("("):
            close = text.find(")", stop.start())
            inner = text[text.find("(", stop.start()) + 1: close] if close > 0 else ""
            if re.match(_ABBR, inner.strip()):
                short = " ".join(inner.split())
        return name, i, short
    return None, None, None


def _org_names(doc: Document, zone: range) -> tuple[Value, Value]:
    meta = doc.meta
    full, idx, short = _header_name(doc, zone)
    s_idx = idx if short else None
    if short is None and meta.org_short and not _GENERIC_SHORT.match(meta.org_short.strip()) \
            and re.match(_ABBR, meta.org_short.strip()):
        short = meta.org_short.strip()
    if short is None:
        # the title block and the general provisions name the organisation; a link list at the end names others
        end = doc.sections[0].last + 1 if doc.sections else zone.stop
        texts = [clean(doc.paragraphs[i].full_text) for i in range(min(end, len(doc.paragraphs)))]
        # a name in quotes («МБОУ «СОШ №61»») before a bare one («МБОУ СОШ №61» of a page title)
        hits = [(m.group().rstrip()[-1:] not in "»\"”", i, m) for i, t in enumerate(texts)
                if (m := _ABBREV_NAME.search(t))]
        if hits:
            _, s_idx, m = min(hits, key=lambda h: (h[0], h[1]))
            short = " ".join(m.group().split())
    full_v = _value(doc, "organization.full_name", "полное наименование организации", full, idx, full)
    if short is not None and s_idx is None:
        s_idx = _find(doc, short)
    short_v = _value(doc, "organization.short_name", "сокращенное наименование организации", short, s_idx, short)
    return full_v, short_v


_KIND_CUES: dict[OrgKind, re.Pattern[str]] = {
    OrgKind.district: re.compile(r"образовательн\w*\s+организаци(?:ях|й|ями)\s+(?:[А-ЯЁ][\w-]+\s+){1,3}(?:городского|"
                                 r"муниципального|района|округа)|подведомственн|управлени\w*\s+образовани|"
                                 r"отдел\w*\s+образования|комитет\w*\s+(?:по\s+)?образовани", re.IGNORECASE),
    OrgKind.boarding_school: re.compile(r"школ\w*[-\s]интернат|\bШИ\b", re.IGNORECASE),
    OrgKind.preschool: re.compile(r"детск\w+\s+сад|\b[МГ]?[БАК]?ДОУ\b|дошкольн\w+\s+образовательн|воспитанник|заведующ",
                                  re.IGNORECASE),
    OrgKind.college: re.compile(r"колледж|техникум|студент|куратор", re.IGNORECASE),
    OrgKind.additional: re.compile(r"дополнительного\s+образования|\bДДТ\b|\bЦДО\b", re.IGNORECASE),
    OrgKind.school: re.compile(r"школ|\bСОШ\b|\bООШ\b|гимнази|лице[йяю]|классн\w+\s+руководител|обучающ",
                               re.IGNORECASE),
}


def _kind(doc: Document) -> Value:
    kind = doc.meta.org_kind
    label = "вид организации"
    if kind is None:
        return Value("organization.kind", label)
    cue = _KIND_CUES[OrgKind(kind)]
    names = [n for n in (doc.meta.org_name, doc.meta.org_short) if n]
    idx = next((_find(doc, n) for n in names if cue.search(n)), None)
    if idx is None:
        idx = next((p.index for p in doc.paragraphs if cue.search(p.text)), None)
    return _value(doc, "organization.kind", label, OrgKind(kind).value, idx)


_PLACE = r"((?:[А-ЯЁ][а-яё]+(?:ая|яя|ий|ый|ое|ее|ие|ые|ой)\s+)?[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*)"
_LOCALITY = re.compile(r"(?<![А-Яа-яЁё])(г|с|п|пгт|пос|д|ст|рп|х)\.\s?" + _PLACE)
_LOCALITY_WORD = re.compile(r"\b(город|города|село|села|посёлок|поселок|посёлка|поселка|деревни)\s+" + _PLACE)
_LOCALITY_ABBR = {"город": "г.", "города": "г.", "села": "с.", "село": "с.", "посёлок": "п.", "поселок": "п.",
                  "посёлка": "п.", "поселка": "п.", "деревни": "д."}


def _nominative(word: str) -> str:
    """A place name in the nominative («Омска» → «Омск»); unchanged when pymorphy3 does not know it."""
    w = word.capitalize() if word.isupper() else word
    if "-" in w or " " in w:
        return w
    from ..nlp import morph

    for p in morph().parse(w):
        if "Geox" in p.tag and p.tag.case in ("gent", "loct", "datv", "ablt"):
            return p.normal_form.capitalize()
    return w


def _locality(doc: Document, zone: range, names: list[str]) -> Value:
    label = "населенный пункт (необязательно)"
    spots = [(n, _find(doc, n)) for n in names] + [(clean(doc.paragraphs[i].full_text), i) for i in zone]
    for text, idx in spots:
        if idx is None:
            continue
        m = next((m for m in _LOCALITY.finditer(text)
                  if not (m.group(1) == "г" and re.search(r"\d\s*$", text[: m.start()]))), None)  # «2024 г.» is a year
        if m:
            return _value(doc, "organization.locality", label, f"{m.group(1).lower()}. {_nominative(m.group(2))}",
                          idx, m.group())
        m = _LOCALITY_WORD.search(text)
        if m:
            return _value(doc, "organization.locality", label,
                          f"{_LOCALITY_ABBR[m.group(1).lower()]} {_nominative(m.group(2))}", idx, m.group())
    return Value("organization.locality", label)


# --- the head ---------------------------------------------------------------------------------

_INITIALS_NAME = re.compile(
    r"(?<![А-Яа-яЁё])([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![а-яё])"
    r"|(?<![А-Яа-яЁё.])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
)
_POSITION = re.compile(
    r"(?:И\.\s?о\.\s*|[Вв]рио\s+|ВРИО\s+|Исполняющ\w+\s+обязанности\s+)?(?:[Дд]иректор\w*|[Зз]аведующ\w+|[Нн]ачальник\w*(?:\s+управления"
    r"(?:\s+образования)?)?|[Рр]уководител\w+|[Пп]редседател\w+\s+комитета|[Рр]ектор\w*)"
)
_POSITION_NOMN = {"директора": "Директор", "директор": "Директор", "заведующего": "Заведующий",
                  "заведующий": "Заведующий", "заведующая": "Заведующий", "заведующей": "Заведующий",
                  "начальника": "Начальник", "начальник": "Начальник", "руководителя": "Руководитель",
                  "руководитель": "Руководитель", "ректор": "Ректор", "ректора": "Ректор"}


def _position_nomn(text: str) -> str:
    """«директора» → «Директор»; «И.о. директора» keeps its «И.о.»; the rest as written."""
    words = text.split()
    lead = ""
    m = re.match(r"(И\.\s?о\.\s*|[Вв]рио\s+|ВРИО\s+|Исполняющ\w+\s+обязанности\s+)", text)
    if m:
        # «И.о. директора», «Врио директора»: the post stays in the genitive, as written
        lead = {"и": "И.о. ", "в": "Врио "}.get(m.group(1)[0].lower(), "Исполняющий обязанности ")
        return lead + " ".join(text[m.end():].split()).lower()
    first = _POSITION_NOMN.get(words[0].lower(), words[0][:1].upper() + words[0][1:]) if words else ""
    rest = " ".join(words[1:])
    if rest:
        rest = " ".join(_POSITION_NOMN.get(w.lower(), w).lower() if k == 0 and w.lower() in _POSITION_NOMN else w
                        for k, w in enumerate(rest.split()))
    if lead:
        first = first[:1].lower() + first[1:]
        return f"{lead}{first}{' ' + rest if rest else ''}".strip()
    return f"{first}{' ' + rest if rest else ''}"


def _head(doc: Document, approval: Requisite | None) -> tuple[Value, Value]:
    pos_label, name_label = "должность руководителя", "фамилия и инициалы руководителя"
    position = name = None
    p_idx = n_idx = None
    if approval is not None and approval.paragraph is not None:
        block = approval.text
        pm = _POSITION.search(block)
        # «имени А.П. Быкова» is a name in the organisation's name, not the head
        nm = next((m for m in _INITIALS_NAME.finditer(block)
                   if not re.search(r"(?:имени|им\.)\s*$", block[: m.start()])), None)
        if pm:
            position = _position_nomn(pm.group())
            p_idx = _find(doc, pm.group(), range(approval.paragraph, min(len(doc.paragraphs), approval.paragraph + 10)))
        if nm:
            name = nm.group(1) or nm.group(2)
            n_idx = _find(doc, name, range(approval.paragraph, min(len(doc.paragraphs), approval.paragraph + 10)))
    if name is None:
        # a signature line at the end: «Директор ______ С.Г. Петрова»
        for p in reversed(doc.paragraphs[-15:]):
            t = clean(p.full_text)
            pm, nm = _POSITION.match(t), _INITIALS_NAME.search(t)
            if pm and nm and len(t) < 160:
                position = position or _position_nomn(pm.group())
                p_idx = p_idx if p_idx is not None else p.index
                name, n_idx = nm.group(1) or nm.group(2), p.index
                break
    return (_value(doc, "organization.head.position", pos_label, position, p_idx, position),
            _value(doc, "organization.head.name", name_label, name, n_idx, name))


# --- collegial bodies -------------------------------------------------------------------------

_BODIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), name) for p, name in (
        (r"педагогическ\w*\s+совет", "педагогический совет"),
        (r"управляющ\w*\s+совет", "управляющий совет"),
        (r"наблюдательн\w*\s+совет", "наблюдательный совет"),
        (r"общ\w*\s+собрани\w*\s+(?:работников|трудового\s+коллектива|коллектива)", "общее собрание работников"),
        (r"совет\w*\s+(?:обучающихся|учащихся)", "совет обучающихся"),
        (r"(?:совет\w*\s+старшеклассник|ученическ\w*\s+совет|совет\w*\s+учащихся)", "совет обучающихся"),
        (r"студенческ\w*\s+совет|совет\w*\s+студент", "студенческий совет"),
        (r"родительск\w*\s+комитет", "родительский комитет"),
        (r"(?:совет\w*\s+родител|родительск\w*\s+совет|совет\w*\s+род\b)", "совет родителей"),
        (r"профсоюз|профком|первичн\w*\s+организац", "первичная профсоюзная организация"),
        (r"совет\w*\s+(школы|учреждения|организации|колледжа|техникума|гимназии|лицея)", "совет {0}"),
        (r"совет\w*\s+(?:[а-яё]+\s+){0,3}?(учреждения|организации)", "совет {0}"),
    )
)


def body_name(text: str) -> str | None:
    """The collegial body a mark names, in the nominative («Педагогическим советом …» → «педагогический совет»)."""
    for rx, name in _BODIES:
        m = rx.search(text)
        if m:
            return name.format(*(g.lower() for g in m.groups()))
    return None


def _protocol(doc: Document, r: Requisite, role: str, n: int) -> ProtocolValue:
    pre = "adoption" if role == "adoption" else f"councils.{n}"
    body = body_name(r.body or r.text)
    who = body or "коллегиальный орган"
    zone = range(r.paragraph or 0, min(len(doc.paragraphs), (r.paragraph or 0) + 10))
    b_idx = None
    if body:
        b_idx = (_find(doc, r.body, zone) if r.body else None) or r.paragraph
    d_idx = n_idx = None
    number = None
    if r.date is not None:
        d_idx = next((i for i in zone if str(r.date.year) in doc.paragraphs[i].text
                      or f"{r.date.year % 100:02d}" in doc.paragraphs[i].text), r.paragraph)
    number = r.number
    if number:
        n_idx = _find(doc, f"№ {number}", zone) or _find(doc, number, zone) or r.paragraph
    return ProtocolValue(
        role,
        _value(doc, f"{pre}.body", f"{'принявший акт орган' if role == 'adoption' else 'совет'}", body, b_idx),
        _value(doc, f"{pre}.date", f"дата протокола ({who})", r.date, d_idx),
        _value(doc, f"{pre}.number", f"номер протокола ({who})", number, n_idx, number),
    )


# --- the whole extraction ---------------------------------------------------------------------

_SIGNATURE = re.compile(r"\bУТВЕРЖДАЮ\b|[«\"“]\s*Утверждаю|^\s*Утверждаю|У\s+Т\s+В\s+Е\s+Р\s+Ж\s+Д\s+А\s+Ю", re.MULTILINE)


def extract_profile(doc: Document) -> ProfileExtraction:
    """Read the organisation's profile out of ``doc`` (a Document after ``readers.read``)."""
    meta = doc.meta
    zone = _front(doc)
    full, short = _org_names(doc, zone)
    kind = _kind(doc)
    notes: list[str] = []
    reqs = meta.requisites
    approvals = [r for r in reqs if r.kind == "approval"]
    # «УТВЕРЖДАЮ … » and «УТВЕРЖДЕНО приказом … № …» side by side: the order is the approval
    approval = next((r for r in approvals if r.number), approvals[0] if approvals else None)
    position, name = _head(doc, approval)
    for other in approvals:
        if name.value is None and other is not approval:
            position, name = _head(doc, other)
    locality = _locality(doc, zone, [v.value for v in (full, short) if v.value])

    if approval is None:
        style = Value("approval.style", "гриф утверждения (УТВЕРЖДЕНО приказом или УТВЕРЖДАЮ)")
        odate = Value("approval.order_date", "дата приказа об утверждении")
        onum = Value("approval.order_number", "номер приказа об утверждении")
    else:
        signed = bool(_SIGNATURE.search(approval.text))
        s = "utverzhdayu" if signed and not approval.number else "utverzhdeno"
        if signed and approval.number:
            notes.append(f"Гриф «УТВЕРЖДАЮ» прежнего акта ссылается на приказ № {approval.number}: в новом акте — "
                         "гриф «УТВЕРЖДЕНО приказом …» с теми же реквизитами (при «УТВЕРЖДАЮ» номер приказа не "
                         "указывается).")
        style = _value(doc, "approval.style", "гриф утверждения", s, approval.paragraph, approval.text[:30])
        date_label = "дата подписи (гриф «УТВЕРЖДАЮ»)" if s == "utverzhdayu" else "дата приказа об утверждении"
        zone_a = range(approval.paragraph or 0, min(len(doc.paragraphs), (approval.paragraph or 0) + 10))
        d_idx = None
        if approval.date:
            d_idx = next((i for i in zone_a if str(approval.date.year) in doc.paragraphs[i].text), approval.paragraph)
        odate = _value(doc, "approval.order_date", date_label, approval.date, d_idx)
        number = approval.number
        onum = _value(doc, "approval.order_number", "номер приказа об утверждении", number,
                      (_find(doc, f"№ {number}", zone_a) or _find(doc, number.split("/")[0], zone_a)
                       or approval.paragraph) if number else None, number)

    adoption = None
    councils: list[ProtocolValue] = []
    for r in reqs:
        if r.kind == "adoption" and adoption is None:
            adoption = _protocol(doc, r, "adoption", 0)
        elif r.kind in ("consent", "agreement") or (r.kind == "adoption" and adoption is not None):
            councils.append(_protocol(doc, r, "council", len(councils)))

    dk = meta.doc_kind
    doc_kind = Value("document.kind", "вид акта (положение или порядок)")
    if dk in (DocKind.polozhenie, DocKind.poryadok):
        word = re.compile(r"^(?:ПОЛОЖЕНИЕ|Положение|ПОРЯДОК|Порядок)\b" if meta.title else
                          r"\b[Нн]астоящ\w+\s+(?:положени|порядк|порядок)\w*")
        idx = next((p.index for p in doc.paragraphs if word.search(clean(p.text))), None)
        doc_kind = _value(doc, "document.kind", doc_kind.label, dk.value, idx)
    plats = Value("document.platforms", "платформы")
    if meta.platforms:
        idx = next((p.index for p in doc.paragraphs if re.search(
            r"VK|MAX|МАКС|мессенджер|учебн\w+\s+профил|веб", p.text, re.IGNORECASE)), None)
        plats = _value(doc, "document.platforms", "платформы", [Platform(p).value for p in meta.platforms], idx)
    return ProfileExtraction(full, short, kind, locality, position, name, doc_kind, plats, style, odate, onum,
                             adoption, councils, notes)
