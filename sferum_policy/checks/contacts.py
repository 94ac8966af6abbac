"""E-mail and web addresses: misspelt official contacts, look-alike letters, wrong or missing addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document, Paragraph
from ..report import Finding
from ..rules import RULES, codes_of
from . import check
from .base import CheckContext, Fix, finding

# Official contacts of the platform and the services acts refer to (data, not code: extend freely).
OFFICIAL_CONTACTS: dict[str, tuple[str, ...]] = {
    "domains": ("sferum.ru", "prof-sferum.ru", "max.ru", "gosuslugi.ru", "vk.com", "vk.ru", "myschool.edu.ru",
                "edu.gov.ru", "resh.edu.ru"),
    "emails": ("info@sferum.ru",),
    # Domains a typo is checked against (short ones like vk.ru would match too many other sites).
    "brands": ("sferum.ru", "prof-sferum.ru", "gosuslugi.ru", "myschool.edu.ru"),
}
EMAIL_FOR_DOMAIN: dict[str, str] = {"sferum.ru": "info@sferum.ru", "prof-sferum.ru": "info@sferum.ru"}


CT001 = RULES["CT001"]
CT002 = RULES["CT002"]
CT003 = RULES["CT003"]
CT004 = RULES["CT004"]
CT005 = RULES["CT005"]

CODES = codes_of("contacts")

_EMAIL = re.compile(r"(?<![\w.#@/+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)*)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]«»\"']*", re.IGNORECASE)
_DOMAIN = re.compile(r"(?<![\w@./:-])((?:[\w-]+\.)+(?:ru|рф|com|org|net|su|online|рус|io))(?![\w-])", re.IGNORECASE)
# what every URL / domain match contains: a cheap scan decides whether the full patterns need to run
_URL_HINT = re.compile(r"https?://|www\.", re.IGNORECASE)
_DOMAIN_HINT = re.compile(r"\.(?:ru|рф|com|org|net|su|online|рус|io)(?![\w-])", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_HOMOGLYPHS = str.maketrans({"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k",
                             "м": "m", "т": "t", "в": "b", "н": "h", "і": "i", "ј": "j", "А": "A", "Е": "E",
                             "О": "O", "Р": "P", "С": "C", "У": "Y", "Х": "X", "К": "K", "М": "M", "Т": "T",
                             "В": "B", "Н": "H"})
_EXPECT_EMAIL = re.compile(
    r"(?:электронн\w*\s+почт\w*|e-?mail|эл\.\s*почт\w*|электронн\w*\s+адрес\w*)\s*(?:(?:на|в|по)\s+адрес\w*)?\s*:?\s*$"
    r"|(?:на|в|по)\s+адрес\w*\s+электронн\w*\s+почт\w*\s*:?\s*$",
    re.IGNORECASE,
)
_ADDRESS_EXPECTED = re.compile(r"(?:электронн\w*\s+почт\w*|e-?mail)\s+(?:на|в)\s+адрес\b", re.IGNORECASE)
_SECOND_LEVEL = {"edu", "gov", "com", "org", "net", "msk", "spb"}


@dataclass(slots=True)
class _Address:
    kind: str  # email | url | domain
    text: str
    start: int
    end: int
    host: str
    local: str | None = None


def _registered(host: str) -> str:
    parts = host.lower().strip(".").split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def addresses(text: str) -> list[_Address]:
    """E-mail addresses, URLs and bare domains in ``text``, left to right, without overlaps."""
    found: list[_Address] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _EMAIL.finditer(text) if "@" in text else ():
        found.append(_Address("email", m.group(), m.start(), m.end(), m.group(2), m.group(1)))
        taken.append(m.span())
    for m in _URL.finditer(text) if _URL_HINT.search(text) else ():
        url = m.group().rstrip(".,;:!?")
        if not free(m.start(), m.start() + len(url)):
            continue
        host = re.sub(r"^(?:https?://)?", "", url, flags=re.IGNORECASE).split("/")[0].split("?")[0].split("#")[0]
        found.append(_Address("url", url, m.start(), m.start() + len(url), host.split(":")[0]))
        taken.append((m.start(), m.start() + len(url)))
    for m in _DOMAIN.finditer(text) if _DOMAIN_HINT.search(text) else ():
        if free(*m.span()):
            found.append(_Address("domain", m.group(1), m.start(), m.end(), m.group(1)))
            taken.append(m.span())
    return sorted(found, key=lambda a: a.start)


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def official_match(host: str) -> str | None:
    """The official domain ``host`` misspells (``sfcrum.ru`` → ``sferum.ru``); None if it is fine or unrelated."""
    reg = _registered(host)
    if reg in OFFICIAL_CONTACTS["domains"]:
        return None
    flat = re.sub(r"[-_.]", "", reg)
    for brand in OFFICIAL_CONTACTS["brands"]:
        if re.sub(r"\d", "", reg) == brand:
            continue  # «gosuslugi71.ru»: a regional site with its region's number, not a misspelling
        label = brand.rsplit(".", 1)[0]
        limit = 1 if len(brand) < 12 else 2
        if 0 < _distance(reg, brand) <= limit or flat == re.sub(r"[-_.]", "", brand) \
                or reg.rsplit(".", 1)[0] == label:
            return brand
    return None


def _fixed(a: _Address, brand: str) -> str:
    if a.kind == "email":
        return f"{a.local}@{brand}"
    reg = _registered(a.host)
    return a.text.replace(a.host, a.host[: len(a.host) - len(reg)] + brand, 1)


def _where(p: Paragraph) -> str:
    return f"п. {p.label.rstrip('.')}" if p.label and p.label[:1].isdigit() else f"абз. {p.index + 1}"


def _check_address(doc: Document, p: Paragraph, a: _Address, is_last: bool) -> Iterator[Finding]:
    text = a.text
    if _LATIN.search(text) and _CYRILLIC.search(text):
        letters = sorted({ch for ch in text if _CYRILLIC.match(ch)})
        latin = text.translate(_HOMOGLYPHS)
        suggestion = latin if not _CYRILLIC.search(latin) else None
        repaired = None
        if suggestion is not None:  # the edit writes the final address: Latin letters and, if misspelt, the official one
            host = a.host.translate(_HOMOGLYPHS)
            fixed = _Address(a.kind, suggestion, a.start, a.end, host, a.local.translate(_HOMOGLYPHS) if a.local else None)
            brand = official_match(host) if "." in host else None
            repaired = _fixed(fixed, brand) if brand is not None else suggestion
        yield finding(CT002, doc, CT002.message("found", address=text, letters=", ".join(letters)), paragraph=p, start=a.start, end=a.end, suggestion=suggestion,
                      fix=Fix(repaired) if repaired else None, args={"address": text, "correction": suggestion})
        if suggestion is None:
            return
        host = a.host.translate(_HOMOGLYPHS)
        a = _Address(a.kind, suggestion, a.start, a.end, host, a.local.translate(_HOMOGLYPHS) if a.local else None)
    if "." not in a.host:
        if a.kind == "email" and len(re.findall(r"[^\W\d_]", a.host)) < 2:
            return  # «41-@3»: OCR noise around «@», not an address (a host has letters)
        if a.kind == "email" or is_last:
            prefix = a.text.lower()
            full = next((c for c in (*OFFICIAL_CONTACTS["emails"], *OFFICIAL_CONTACTS["domains"])
                         if c.startswith(prefix) or ("://" in prefix and c.startswith(prefix.split("://", 1)[1]))), None)
            yield finding(CT005, doc, CT005.message("found", address=a.text),
                          paragraph=p, start=a.start, end=a.end, suggestion=full,
                          fix=Fix(full, "unsafe") if full else None, args={"address": a.text, "correction": full})
        return
    brand = official_match(a.host)
    if brand is not None:
        good = _fixed(a, brand)
        yield finding(CT001, doc, CT001.message("brand", address=a.text, official=good), paragraph=p, start=a.start, end=a.end,
                      suggestion=good, fix=Fix(good), args={"address": a.text, "correction": good})
        a = _Address(a.kind, good, a.start, a.end, brand, a.local)
    elif a.kind == "email" and a.text.lower() not in OFFICIAL_CONTACTS["emails"] \
            and _registered(a.host) in EMAIL_FOR_DOMAIN:
        official = EMAIL_FOR_DOMAIN[_registered(a.host)]
        if _distance(a.text.lower(), official) == 1:
            yield finding(CT001, doc, CT001.message("email", address=a.text, official=official),
                          paragraph=p, start=a.start, end=a.end, suggestion=official, fix=Fix(official),
                          args={"address": a.text, "correction": official})
    if a.kind != "email" and _EXPECT_EMAIL.search(p.text[max(0, a.start - 80): a.start]):
        email = EMAIL_FOR_DOMAIN.get(_registered(a.host))
        yield finding(CT003, doc, CT003.message("found", address=a.text),
                      paragraph=p, start=a.start, end=a.end, suggestion=email,
                      fix=Fix(email, "unsafe") if email else None, args={"address": a.text, "correction": email})


def _missing_addresses(doc: Document, paras: list[Paragraph]) -> Iterator[Finding]:
    for k, p in enumerate(paras):
        for m in _ADDRESS_EXPECTED.finditer(p.text):
            after = p.text[m.end():]
            nxt = re.match(r"\s*:?\s*(\S*)", after)
            token = nxt.group(1) if nxt else ""
            if not token and k + 1 < len(paras):
                token = paras[k + 1].text.split(" ", 1)[0] if paras[k + 1].text else ""
            if "@" in token or _URL.match(token) or _DOMAIN.match(token) or token.startswith("["):
                continue
            if token and not re.match(r"[A-Za-zА-Яа-яЁё]", token):
                continue
            moved = None
            for q in paras[k: k + 4]:
                for a in addresses(q.text):
                    if a.kind == "email" and (q is not p or a.start > m.end()):
                        moved = (q, a)
                        break
                if moved:
                    break
            msg = f"после слов «{m.group()}» нет адреса: дальше идёт «{token}»" if token else \
                f"после слов «{m.group()}» нет адреса"
            suggestion = None
            if moved:
                q, a = moved
                brand = official_match(a.host) if "." in a.host else None
                addr = _fixed(a, brand) if brand else a.text
                place = "дальше в этот же абзац" if q is p else f"в {_where(q)}"
                msg += f"; адрес «{a.text}», по-видимому, сместился {place}"
                suggestion = f"{m.group()} {addr}"
            yield finding(CT004, doc, msg, paragraph=p, start=m.start(), end=m.end(), suggestion=suggestion)


def _act_paragraphs(doc: Document) -> list[Paragraph]:
    """Paragraphs of the act itself: text appended after the final provisions is left out."""
    if not doc.sections:
        return list(doc.paragraphs)
    return doc.paragraphs[: doc.sections[-1].last + 1]


@check("contacts", order=20, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Check every e-mail and web address of the act."""
    paras = _act_paragraphs(doc)
    last_text = max((p.index for p in paras if p.text.strip()), default=-1)
    for p in paras:
        found = addresses(p.text)
        for a in found:
            is_last = p.index == last_text and not p.text[a.end:].strip()
            yield from _check_address(doc, p, a, is_last)
    yield from _missing_addresses(doc, paras)
