"""The organisation: its name (header, «далее — …»), its kind (school, kindergarten, college, additional
education) and the platforms the act names."""

from __future__ import annotations

import re

from ..document import Document
from ..normalize import folded
from ..vocab import OrgKind, Platform
from .text import clean

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


def org_from_header(doc: Document, zone: range) -> str | None:
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


def org_from_further(text: str) -> tuple[str | None, str | None]:
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
