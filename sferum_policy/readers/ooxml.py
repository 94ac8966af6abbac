"""The parts of a WordprocessingML package the DOCX reader needs, parsed straight from the ZIP.

python-docx parses every XML part when it opens a file; a document saved from python-docx's own
template carries 790 KB of styles (``styles.xml`` + ``stylesWithEffects.xml``), so opening costs
about 9 ms before a single paragraph is read. The reader needs only the main document, its styles,
numbering, headers, footers and core properties: they are found through the package relationships
(ECMA-376 Part 2) and parsed with the same lxml settings python-docx uses, so paragraph order and
text are exactly what ``docx.Document(...).element.body`` gives (the DOCX-with-comments renderer
relies on that). Parsed styles are kept per content digest: the acts of one district usually share
a template. python-docx stays the library for writing.
"""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
import re
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
# python-docx's parser settings: blank text between elements dropped, entities never resolved
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_CORE = {  # python-docx CoreProperties attribute → element
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
    "category": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category",
    "comments": "{http://purl.org/dc/elements/1.1/}description",
    "last_modified_by": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy",
    "created": "{http://purl.org/dc/terms/}created",
    "modified": "{http://purl.org/dc/terms/}modified",
}
_DATES = ("created", "modified")
# (attribute, reference element, type) in python-docx's order of a section's headers and footers
HEADER_FOOTER_KINDS = (("header", "headerReference", "default"), ("first_page_header", "headerReference", "first"),
                       ("even_page_header", "headerReference", "even"), ("footer", "footerReference", "default"),
                       ("first_page_footer", "footerReference", "first"), ("even_page_footer", "footerReference", "even"))
_STYLES_CACHE: OrderedDict[bytes, Any] = OrderedDict()
_STYLES_CACHE_SIZE = 16
_STYLES_LOCK = threading.Lock()


class NotWordDocument(ValueError):
    """The package has no WordprocessingML main document."""


@dataclass(slots=True)
class WordPackage:
    """The parsed parts of one DOCX."""

    body: Any
    styles_xml: bytes | None
    numbering: Any | None
    sections: list[dict[str, Any]] = field(default_factory=list)  # per w:sectPr: attribute → part root
    core: dict[str, str] = field(default_factory=dict)


def parse(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationships of ``part`` ("" for the package): id → (type, part name of an internal target)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels") if part else "_rels/.rels"
    try:
        root = parse(zf.read(rels_name))
    except KeyError:
        return {}
    out = {}
    for rel in root.iterchildren(f"{{{PR}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        # as python-docx: the target resolved against the part's folder, «.» and «..» folded, from the root
        path = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
        out[rel.get("Id") or ""] = (rel.get("Type") or "", path)
    return out


def _by_type(rels: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((path for typ, path in rels.values() if typ == kind), None)


def open_word(zf: zipfile.ZipFile) -> WordPackage:
    """Parse what the reader needs; raises ``NotWordDocument``, ``KeyError`` or lxml errors on broken input."""
    package = _rels(zf, "")
    main = _by_type(package, _REL_BASE + "officeDocument") or "word/document.xml"
    root = parse(zf.read(main))
    body = root.find(f"{{{W}}}body")
    if root.tag != f"{{{W}}}document" or body is None:
        raise NotWordDocument(main)
    rels = _rels(zf, main)
    styles_name = _by_type(rels, _REL_BASE + "styles")
    styles_xml = _read_optional(zf, styles_name)
    numbering = _read_optional(zf, _by_type(rels, _REL_BASE + "numbering"))
    pkg = WordPackage(body, styles_xml, parse(numbering) if numbering is not None else None)
    sect_prs = root.xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces={"w": W})
    for sect in sect_prs:
        parts: dict[str, Any] = {}
        for attr, tag, typ in HEADER_FOOTER_KINDS:
            ref = next((r for r in sect.iterchildren(f"{{{W}}}{tag}") if r.get(f"{{{W}}}type") == typ), None)
            if ref is None:
                continue  # linked to the previous section
            try:
                parts[attr] = parse(zf.read(rels[ref.get(f"{{{R}}}id")][1]))
            except Exception:  # a broken header is not worth losing the document
                continue
        pkg.sections.append(parts)
    core_name = _by_type(package, _CORE_REL)
    core = _read_optional(zf, core_name)
    if core is not None:
        with contextlib.suppress(etree.XMLSyntaxError):
            pkg.core = _core_properties(parse(core))
    return pkg


def _read_optional(zf: zipfile.ZipFile, name: str | None) -> bytes | None:
    if not name:
        return None
    try:
        return zf.read(name)
    except KeyError:
        return None


def cached_styles(xml: bytes, build: Any) -> Any:
    """``build(parsed styles root)``, remembered per content digest of the styles part."""
    key = hashlib.blake2b(xml, digest_size=16).digest()
    with _STYLES_LOCK:
        hit = _STYLES_CACHE.get(key)
        if hit is not None:
            _STYLES_CACHE.move_to_end(key)
            return hit
    value = build(parse(xml))
    with _STYLES_LOCK:
        _STYLES_CACHE[key] = value
        while len(_STYLES_CACHE) > _STYLES_CACHE_SIZE:
            _STYLES_CACHE.popitem(last=False)
    return value


def _core_properties(root: Any) -> dict[str, str]:
    out = {}
    for key, tag in _CORE.items():
        el = root.find(tag)
        text = (el.text or "") if el is not None else ""
        if not text:
            continue
        if key in _DATES:
            try:
                text = _w3cdtf(text).isoformat()
            except (ValueError, OverflowError):  # not a date, or one at the very edge of the calendar
                continue
        out[key] = text
    return out


_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)")


def _w3cdtf(value: str) -> datetime:
    """A W3CDTF date as python-docx reads it: the first 19 characters, a ±HH:MM offset applied, UTC."""
    parsed = None
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            parsed = datetime.strptime(value[:19], fmt)
        except ValueError:
            continue
    if parsed is None:
        raise ValueError(value)
    offset = value[19:]
    if len(offset) == 6:
        m = _OFFSET.match(offset)
        if m is None:
            raise ValueError(value)
        sign = -1 if m.group(1) == "+" else 1
        parsed += timedelta(hours=sign * int(m.group(2)), minutes=sign * int(m.group(3)))
    return parsed.replace(tzinfo=UTC)
