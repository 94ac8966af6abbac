"""Document metadata: sections, title, kind of act, requisites, organisation and platforms.

``analyze(doc)`` runs for every format (``readers.finish``). It is regex-only and fast. Besides
``doc.meta`` and ``doc.sections`` it sets ``paragraph.section``; paragraphs before the first section
(title block, requisites) and text appended after the act's final provisions get ``section=None``.
``Section.key`` is a :class:`~sferum_policy.vocab.Section` value, or ``"roles"`` for a section that
describes the work of all participants («Организация работы участников …»);
``doc.results.section_keys`` lists every key a heading names («Права и обязанности» →
``["rights", "obligations"]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import parse_date
from .document import Document, Paragraph, Requisite, Section
from .normalize import folded
from .vocab import DocKind, OrgKind, Platform

# --- text helpers -------------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)?")
_TEXT_LABEL = re.compile(r"^[#>*\s]*(\d{1,3}(?:\.\d{1,3})*)(\.?)\)?(?=\s|\*)")
_LABEL_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\)?$")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]")
_TERMINAL = (".", "!", "?", "…")


def clean(text: str) -> str:
    """Text without Markdown decoration (``**``, leading ``#``, backslash escapes), spaces collapsed."""
    t = _MD_ESCAPE.sub(r"\1", text)
    t = _MD_LEAD.sub("", t).replace("**", "")
    return " ".join(t.split())


def has_letters(text: str) -> bool:
    return bool(_WORD.search(text))


def label_span(p: Paragraph) -> tuple[str, int, int] | None:
    """The numbering label of ``p`` and its span relative to ``p.text``.

    A label split off by the reader lies before the text (negative offsets: ``-(len+1)…-1``);
    a label the reader left in the text («## 2. Права …» in Markdown) has its offsets in it.
    """
    if p.label:
        if not _LABEL_NUM.match(p.label.strip()):
            return None
        return p.label, -(len(p.label) + 1), -1
    m = _TEXT_LABEL.match(p.text)
    if not m:
        return None
    return m.group(1) + m.group(2), m.start(1), m.end(2)


def label_numbers(p: Paragraph) -> tuple[int, ...] | None:
    """``(2, 5)`` for a paragraph numbered «2.5.»; None for unnumbered paragraphs and «а)», «-»."""
    span = label_span(p)
    if span is None:
        return None
    m = _LABEL_NUM.match(span[0].strip())
    return tuple(int(x) for x in m.group(1).split(".")) if m else None


def body_text(p: Paragraph) -> str:
    """The paragraph's clean text without its numbering label."""
    span = label_span(p)
    if span is not None and span[1] >= 0:
        return clean(p.text[span[2]:])
    return clean(p.text)


def format_label(numbers: tuple[int, ...]) -> str:
    return ".".join(map(str, numbers))


# --- headings and sections ----------------------------------------------------------------------

_SECTION_KEYS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), keys)
    for pattern, keys in (
        (r"прав\w*\s+и\s+обязанност", ("rights", "obligations")),
        (r"обязанност\w*\s+и\s+прав", ("obligations", "rights")),
        (r"^права\b|^прав\b|\bправа\s+(?:участник|пользовател|обучающ|родител|педагог)", ("rights",)),
        (r"обязанност", ("obligations",)),
        (r"запрещ|запрет", ("prohibitions",)),
        (r"общ\w*\s+положени", ("general",)),
        (r"заключительн|переходн\w*\s+положени", ("final",)),
        (r"правов\w*\s+(?:основ|баз)|нормативн\w*\s+(?:основ|баз)", ("legal_basis",)),
        (r"понят|термин|определени", ("definitions",)),
        (r"организаци\w*\s+(?:работы|взаимодействия|использования|деятельности)|"
         r"порядок\s+(?:работы|использования|взаимодействия)|участник\w*\s+образовательн", ("roles",)),
        (r"администратор", ("administrator",)),
        (r"администраци|руководств|руководител\w*\s+(?:организац|учрежден)", ("management",)),
        (r"классн\w*\s+руководител|куратор", ("class_teacher",)),
        (r"педагог|учител|преподавател", ("teacher",)),
        (r"обучающ|учащ|студент|воспитанник", ("student",)),
        (r"родител|законн\w*\s+представител", ("parent",)),
    )
)


def section_keys(title: str) -> tuple[str, ...]:
    """Canonical keys a section heading names (first is the main one); empty when unknown."""
    t = title.lower().replace("ё", "е")
    for pattern, keys in _SECTION_KEYS:
        if pattern.search(t):
            return keys
    return ()


def _heading_like(text: str, p: Paragraph) -> bool:
    if not text or "http" in text or "@" in text or len(text) > 250:
        return False
    first = _WORD.search(text)
    if first is None or not first.group().isupper():
        return False
    limit = 40 if p.kind == "heading" else 20
    return len(text.split()) <= limit and not text.rstrip("*").endswith((";", ",", ":"))


def _heading_end(doc: Document, i: int) -> int:
    """Index of the last paragraph of the heading at ``i`` (a title broken over lines)."""
    title = body_text(doc.paragraphs[i])
    if not _heading_like(title, doc.paragraphs[i]):
        return i
    j = i
    while j + 1 < len(doc.paragraphs) and not title.endswith((".", ":", ";")):
        nxt = doc.paragraphs[j + 1]
        t = clean(nxt.text)
        if nxt.label or label_span(nxt) or nxt.kind == "bullet" or not t or len(t.split()) > 12:
            break
        first = _WORD.search(t)
        if first is None or not first.group().islower():
            break
        title = f"{title} {t}"
        j += 1
    return j


def heading_end(doc: Document, section: Section) -> int:
    """Index of the last paragraph that belongs to the section's heading."""
    return _heading_end(doc, section.first)


def section_body(doc: Document, section: Section) -> list[Paragraph]:
    """The section's paragraphs after its heading."""
    return doc.paragraphs[heading_end(doc, section) + 1: section.last + 1]


_HEAD_PREFIX = re.compile(
    r"^([А-ЯЁ][а-яё-]+(?:\s+(?:[а-яё-]+|[А-ЯЁ]{2,}[\w-]*|VK[\w-]*|MAX)){0,11}?)\.?\s+(?=[А-ЯЁ](?:[а-яё]|\s))"
)


def heading_prefix(p: Paragraph) -> str | None:
    """The heading at the start of a numbered paragraph that a reader joined with the following text."""
    if p.kind == "heading":
        return None
    m = _HEAD_PREFIX.match(body_text(p))
    return m.group(1) if m else None


def joined_heading(p: Paragraph) -> bool:
    """True if the paragraph is a numbered heading followed by body text in the same paragraph."""
    return not _heading_like(body_text(p), p) and heading_prefix(p) is not None


def _numbered_headings(doc: Document) -> list[int]:
    out: list[int] = []
    last = 0
    for p in doc.paragraphs:
        nums = label_numbers(p)
        if nums is None or len(nums) != 1:
            continue
        n = nums[0]
        if not (last < n <= last + 3):
            continue
        if _heading_like(body_text(p), p) or heading_prefix(p):
            out.append(p.index)
            last = n
    return out


def _title_of(doc: Document, i: int) -> str:
    p = doc.paragraphs[i]
    if not _heading_like(body_text(p), p):
        return heading_prefix(p) or body_text(p)
    j = _heading_end(doc, i)
    parts = [body_text(doc.paragraphs[i])] + [clean(doc.paragraphs[k].text) for k in range(i + 1, j + 1)]
    return " ".join(parts).strip().rstrip(".").strip()


def _make_sections(doc: Document, heads: list[int], end: int) -> list[Section]:
    sections = []
    for k, i in enumerate(heads):
        last = heads[k + 1] - 1 if k + 1 < len(heads) else end
        span = label_span(doc.paragraphs[i])
        label = span[0] if span else None
        title = _title_of(doc, i)
        keys = section_keys(title)
        sections.append(Section(index=k, title=title, label=label, first=i, last=last,
                                key=keys[0] if keys else None))
    return sections


# --- text appended after the act -----------------------------------------------------------------

_EXEMPT_TAIL = re.compile(
    r"^(?:приложение|лист\s+ознакомления|лист\s+регистрации|директор|заведующ|руководител|исполнитель|"
    r"разработ|м\.\s*п\.|подпись|с\s+положением\s+ознакомлен|ознакомлен)",
    re.IGNORECASE,
)
_ANNEX = re.compile(r"^(?:приложение|лист\s+ознакомления)", re.IGNORECASE)
_TAIL_MIN_WORDS = 30


def _is_continuation(prev: str, text: str, p: Paragraph) -> bool:
    if p.kind == "bullet" or re.match(r"^[-–—•·*]\s", text) or re.match(r"^[а-яa-z]\)", text):
        return True
    first = _WORD.search(text)
    if first is not None and first.group().islower():
        return True
    return not prev.rstrip().rstrip("*").endswith(_TERMINAL)


def _tail_start(doc: Document, final: Section) -> int | None:
    """First paragraph of text appended after the final provisions, if there is enough of it."""
    fnum = None
    if final.label:
        m = _LABEL_NUM.match(final.label.strip())
        fnum = int(m.group(1).split(".")[0]) if m else None
    start = heading_end(doc, final)
    for k in range(start + 1, len(doc.paragraphs)):
        nums = label_numbers(doc.paragraphs[k])
        if nums and len(nums) >= 2 and nums[0] == fnum:
            start = k
    prev = clean(doc.paragraphs[start].text)
    candidate = None
    for k in range(start + 1, len(doc.paragraphs)):
        p = doc.paragraphs[k]
        t = clean(p.text)
        if not has_letters(t):
            continue
        if _ANNEX.match(t):
            return None
        if _EXEMPT_TAIL.match(t) or "___" in t:
            prev = t
            continue
        if not _is_continuation(prev, t, p):
            candidate = k
            break
        prev = t
    if candidate is None:
        return None
    words = sum(len(p.text.split()) for p in doc.paragraphs[candidate:])
    return candidate if words >= _TAIL_MIN_WORDS else None


# --- title and kind ----------------------------------------------------------------------------

_KIND_WORD = re.compile(r"^(?:ПРИМЕРН(?:ОЕ|ЫЙ|ЫЕ|АЯ)\s+|Примерн(?:ое|ый|ые|ая)\s+)?"
                        r"(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|Положение|Порядок|Правила|Инструкция)(?=$|[\s.:])")
_KIND_OF = {"положение": DocKind.polozhenie, "порядок": DocKind.poryadok, "правила": DocKind.pravila,
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


_REQ_MARK = re.compile(
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
_MONTHS = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
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
    nm = _DOC_NUMBER.search(block)
    if nm is None:
        dates_at = [m.start() for m in DATE_RE.finditer(block)]
        nm = next((m for m in _NUMBER.finditer(block) if any(abs(m.start() - d) < 25 for d in dates_at)), None)
    number = nm.group(1).rstrip(".") if nm else None
    if marker.startswith("Приложение"):
        body = "приказ"
    else:
        stop = _BODY_STOP.search(rest)
        body = rest[: stop.start()] if stop else rest
        body = " ".join(body.replace("“", " ").replace("”", " ").split()).strip(" :,.-–/")
        body = body or None
    return Requisite(kind=kind, text=" ".join(block.split()), body=body, date=found_date, number=number,
                     paragraph=paragraph)


def _requisites(doc: Document, zone: range, stops: set[int]) -> list[Requisite]:
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
    marks = list(_REQ_MARK.finditer(text))
    out = []
    for n, m in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        end = min([end, *(s for s in stop_offsets if s > m.start())])
        block = text[m.start(): end]
        lines = block.split("\n")
        block = "\n".join(lines[:9])[:500].strip()
        out.append(_parse_requisite(m.lastgroup or "approval", m.group(), block, para_at(m.start())))
    return out


# --- organisation ------------------------------------------------------------------------------

_ORG_HEAD = re.compile(
    r"^(?:МУНИЦИПАЛЬН|ГОСУДАРСТВЕНН|ФЕДЕРАЛЬН|ЧАСТН|АВТОНОМН|БЮДЖЕТН|ОБЛАСТН|КРАЕВ|Муниципальн|Государственн|"
    r"Федеральн|Частн|Автономн|Бюджетн|Областн|Краев)\w*|^(?:МБОУ|МАОУ|МКОУ|ГБОУ|ГАОУ|БОУ|ГАПОУ|ГБПОУ|ГПОУ|ОГБПОУ|"
    r"МБДОУ|МАДОУ|МКДОУ|МБУ\s*ДО|МАУ\s*ДО|ЧОУ|АНО)\b"
)
_ORG_WORD = re.compile(r"учреждени|организаци|школ|гимнази|лице[йя]|колледж|техникум|детск\w+\s+сад|центр|"
                       r"интернат|\b[А-Я]*ОУ\b|\bСОШ\b|\bДОУ\b|\bДДТ\b|\bЦДО\b", re.IGNORECASE)
_FURTHER = re.compile(r"\(\s*далее\s*[-–—]?\s*([^()]{1,80}?)\s*\)")
_NAME_WORD = re.compile(r"(?:муниципальн|государственн|бюджетн|автономн|казенн|казённ|частн|общеобразовательн|"
                        r"образовательн|дошкольн|профессиональн|учреждени|организаци|г\.|город|район|округ|"
                        r"област|края|средн|основн|общего|образования|школ)\w*", re.IGNORECASE)


def _org_from_header(doc: Document, zone: range) -> str | None:
    for i in zone:
        t = clean(doc.paragraphs[i].text)
        if not _ORG_HEAD.match(t):
            continue
        name = t
        j = i
        while j + 1 < zone.stop and j - i < 4:
            nxt = clean(doc.paragraphs[j + 1].text)
            open_q = name.count("«") + name.count("“")
            close_q = name.count("»") + name.count("”")
            if (open_q == 0 and nxt.startswith(("«", "“", "\""))) or open_q > close_q:
                name = f"{name} {nxt}"
                j += 1
            else:
                break
        if _ORG_WORD.search(name):
            return name.strip()
    return None


def _org_from_further(text: str) -> tuple[str | None, str | None]:
    for m in _FURTHER.finditer(text):
        short = m.group(1).strip(" -–—")
        prefix = " ".join(text[max(0, m.start() - 400): m.start()].split())
        name = _name_before(prefix)
        if name and _ORG_WORD.search(name) and not re.search(r"сферум|икоп|платформ|положени|порядок",
                                                              short, re.IGNORECASE):
            return name, short
    return None, None


def _name_before(prefix: str) -> str | None:
    """The organisation's name that ends ``prefix`` («в МБОУ «Школа № 5»» → «МБОУ «Школа № 5»»)."""
    end = len(prefix)
    start = end
    if prefix.endswith(("»", "”")):
        depth = 0
        for k in range(end - 1, -1, -1):
            ch = prefix[k]
            if ch in "»”":
                depth += 1
            elif ch in "«“":
                depth -= 1
                if depth == 0:
                    start = k
                    break
        else:
            return None
    tokens = prefix[:start].split(" ")
    keep: list[str] = []
    for tok in reversed(tokens):
        if not tok:
            continue
        if (tok[:1].isupper() and tok.lower() not in ("в", "во")) or _NAME_WORD.fullmatch(tok) or tok.isdigit() \
                or tok == "№":
            keep.append(tok)
            continue
        break
    head = " ".join(reversed(keep))
    name = f"{head} {prefix[start:]}".strip() if start < end else head
    return name or None


# --- organisation kind and platforms ------------------------------------------------------------

_DISTRICT = re.compile(
    r"образовательн\w*\s+организаци(?:ях|й|ями)\s+(?:[А-ЯЁ][\w-]+\s+){1,3}(?:городского\s+округа|"
    r"муниципального\s+(?:района|округа)|района|округа)|подведомственн\w*\s+(?:образовательн\w*\s+)?(?:организаци|учреждени)|"
    r"управлени\w*\s+образовани|отдел\w*\s+образования\s+администрации|комитет\w*\s+(?:по\s+)?образовани",
)
_BOARDING = re.compile(r"школ\w*[-\s]интернат|\bШИ\b", re.IGNORECASE)
_PRESCHOOL = re.compile(r"детск\w+\s+сад|\b[МГ]?[БАК]?ДОУ\b|дошкольн\w+\s+образовательн\w+\s+(?:учреждени|организаци)|"
                        r"воспитанник|заведующ", re.IGNORECASE)
_COLLEGE_STRONG = re.compile(r"колледж|техникум|студент\w*|\b[ГО]*[БА]?П?ОУ\b(?=.{0,40}(?:колледж|техникум))",
                             re.IGNORECASE)
_CURATOR = re.compile(r"куратор", re.IGNORECASE)
_CLASS_TEACHER = re.compile(r"классн\w+\s+руководител", re.IGNORECASE)
_LECTURER = re.compile(r"преподавател", re.IGNORECASE)
_ADDITIONAL = re.compile(r"\bДДТ\b|\bЦДО\b|\bДШИ\b|\bДЮСШ\b|\b(?:МБУ|МАУ|МКУ|МБОУ|МАОУ)\s+ДО\b|Дом\w*\s+детского\s+творчества|"
                         r"Центр\w*\s+дополнительного\s+образования|учреждени\w+\s+дополнительного\s+образования|"
                         r"организаци\w+\s+дополнительного\s+образования\s+(?:«|\")")
_SCHOOL = re.compile(r"школ|\bСОШ\b|\bООШ\b|гимнази|лице[йяю]|классн\w+\s+руководител|обучающ", re.IGNORECASE)

_PLATFORMS = (
    (Platform.max, re.compile(r"\bMAX\b|\bМАКС\b|национальн\w+\s+мессенджер", re.IGNORECASE)),
    (Platform.vk_messenger, re.compile(r"VK[\s-]*(?:[Мм]ессенджер|Messenger)|учебн\w+\s+профил", re.IGNORECASE)),
    # «веб-версия мессенджера» is MAX's own web client, not the platform's web version
    (Platform.web, re.compile(r"веб[\s-]*(?:интерфейс|верси|приложени)\w*\b(?!\s+(?:национальн\w+\s+)?(?:мессенджер|MAX\b|МАКС\b))",
                              re.IGNORECASE)),
)


# Words every match of the pattern contains. The case-insensitive patterns above are slow to scan a
# whole act with; a text whose lower-cased form (normalize.folded) lacks all their words is skipped.
_SHI = re.compile(r"ши\b")  # «ШИ» lower-cased (and a few word ends)
_PRESCHOOL_HINT = ("детск", "доу", "дошкольн", "воспитанник", "заведующ")
_COLLEGE_HINT = ("колледж", "техникум", "студент")
_ADDITIONAL_HINT = ("ДДТ", "ЦДО", "ДШИ", "ДЮСШ", "МБУ", "МАУ", "МКУ", "МБОУ", "МАОУ", "детского", "дополнительного")
_PLATFORM_HINT = {Platform.max: ("max", "макс", "национальн"), Platform.vk_messenger: ("vk", "учебн"),
                  Platform.web: ("веб",)}


def _may_hold(low: str | None, words: tuple[str, ...]) -> bool:
    """False only if the folded text ``low`` has none of ``words``."""
    return low is None or any(w in low for w in words)


def org_kind(text: str, org_name: str | None) -> OrgKind | None:
    """Kind of organisation from cues in the act's text and name."""
    name = org_name or ""
    if _DISTRICT.search(text):
        return OrgKind.district
    low = folded(text)
    if _BOARDING.search(name) or (
        (low is None or "интернат" in low or _SHI.search(low)) and _BOARDING.search(text)
    ):
        return OrgKind.boarding_school
    if _PRESCHOOL.search(name) or (_may_hold(low, _PRESCHOOL_HINT) and len(_PRESCHOOL.findall(text)) >= 2):
        return OrgKind.preschool
    curators = len(_CURATOR.findall(text))
    if _COLLEGE_STRONG.search(name) or (
        _may_hold(low, _COLLEGE_HINT) and len(_COLLEGE_STRONG.findall(text)) >= 2
    ) or (
        curators >= 2 and curators >= len(_CLASS_TEACHER.findall(text))
        and len(_LECTURER.findall(text)) >= 1
    ):
        return OrgKind.college
    if _ADDITIONAL.search(name) or re.search(r"дополнительного\s+образования", name, re.IGNORECASE) \
            or (any(w in text for w in _ADDITIONAL_HINT) and _ADDITIONAL.search(text)):
        return OrgKind.additional
    if _SCHOOL.search(name) or _SCHOOL.search(text):
        return OrgKind.school
    return None


def platforms(text: str) -> list[Platform]:
    low = folded(text)
    return [p for p, rx in _PLATFORMS if _may_hold(low, _PLATFORM_HINT[p]) and rx.search(text)]


# --- the analysis ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Title:
    text: str
    first: int
    last: int


def _find_title(doc: Document, limit: int) -> _Title | None:
    for i in range(limit):
        p = doc.paragraphs[i]
        if label_span(p):
            continue
        t = clean(p.text)
        if not _KIND_WORD.match(t) or _REQ_MARK.match(t):
            continue
        parts = [t]
        j = i
        while j + 1 < limit and sum(map(len, parts)) < 500:
            nxt = doc.paragraphs[j + 1]
            nt = clean(nxt.text)
            if not nt:
                j += 1
                continue
            if label_span(nxt) or _REQ_MARK.match(nt) or nt.startswith("_"):
                break
            first = _WORD.search(nt)
            prev = parts[-1]
            cont = (
                (len(parts) == 1 and prev.isupper())
                or (first is not None and first.group().islower())
                or nt.startswith(("«", "\"", "("))
                or not prev.endswith((".", "»", ")", "!", "?"))
            )
            if not cont:
                break
            parts.append(nt)
            j += 1
        title = " ".join(" ".join(parts).split()).rstrip(".")
        return _Title(title, i, j)
    return None


def analyze(doc: Document) -> None:
    """Fill ``doc.sections``, paragraph sections and ``doc.meta`` (title, kind, requisites, org, platforms)."""
    meta = doc.meta
    paras = doc.paragraphs
    n = len(paras)
    heads = _numbered_headings(doc)
    first_label = next((p.index for p in paras if label_numbers(p)), None)
    front_end = heads[0] if heads else min(n, 60, first_label if first_label is not None else n)
    title = _find_title(doc, front_end)
    if not heads:
        after = title.last + 1 if title else 0
        heads = [p.index for p in paras[after:] if p.kind == "heading" and not _REQ_MARK.match(clean(p.text))]
    sections = _make_sections(doc, heads, n - 1)
    end = n - 1
    finals = [s for s in sections if s.key == "final"]
    if finals:
        tail = _tail_start(doc, finals[-1])
        if tail is not None:
            end = tail - 1
            sections = [s for s in sections if s.first <= end]
            sections[-1].last = min(sections[-1].last, end)
    doc.sections = sections
    doc.results.section_keys = {s.index: list(section_keys(s.title)) for s in sections}
    for p in paras:
        p.section = None
    for s in sections:
        for k in range(s.first, s.last + 1):
            paras[k].section = s.index

    zone = range(0, sections[0].first if sections else min(n, 60))
    title_stops = {title.first} if title else set()
    reqs = _requisites(doc, zone, title_stops)
    meta.requisites = reqs

    if title:
        meta.title = title.text
    act_text = "\n".join(p.full_text for p in paras[: end + 1])
    self_kinds = [self_ref_kind(m.group(2)) for m in SELF_REF.finditer(act_text)]
    clauses = any((nums := label_numbers(p)) is not None and len(nums) >= 2 for p in paras[: end + 1])
    if title:
        meta.doc_kind = _KIND_OF[_KIND_WORD.match(title.text).group(1).lower()]  # type: ignore[union-attr]
    elif not clauses and not any(r.kind in ("approval", "adoption") for r in reqs) and not self_kinds:
        meta.doc_kind = DocKind.not_local_act
    elif self_kinds:
        meta.doc_kind = max(set(self_kinds), key=lambda k: (self_kinds.count(k), k is DocKind.polozhenie))  # type: ignore[arg-type]
    else:
        meta.doc_kind = DocKind.unknown

    name = _org_from_header(doc, zone)
    further_name, short = _org_from_further(act_text)
    meta.org_name = meta.org_name or name or further_name
    meta.org_short = meta.org_short or short
    meta.org_kind = None if meta.doc_kind == DocKind.not_local_act else org_kind(act_text, meta.org_name)
    meta.platforms = platforms(act_text)
    from .subject import detect_subject

    subj = detect_subject(doc)
    meta.subject = subj.id if subj else None

