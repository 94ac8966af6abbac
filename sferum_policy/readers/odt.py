"""ODT through odfpy: paragraphs, headings with outline numbering, lists with their numbering, tables.

The walk goes through ``office:text`` depth-first: ``text:p``/``text:h`` (in sections, lists and
table cells; frames, notes and annotations are skipped). ``source_unit`` is the paragraph's index in
that walk (empty paragraphs counted); ``char_map`` maps to offsets in the paragraph's own text
(``text:s`` → spaces, ``text:tab`` → ``\\t``, ``text:line-break`` → ``\\n``).

List labels follow the list style of the outermost ``text:list`` (``style:num-format``,
``style:num-prefix``/``num-suffix``, ``text:display-levels``, ``text:start-value``); a list with
``text:continue-numbering`` or ``text:continue-list`` continues the previous list's counters.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError
from ..memory import is_out_of_memory
from ..normalize import clean_line, fix_chars
from .assemble import Block, finalize
from .numbering import format_number
from .package import open_package

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SKIP = {(TEXT, "note"), (OFFICE, "annotation"), (TEXT, "table-of-content"), (TEXT, "tracked-changes")}
MAX_LEVEL = 10  # ODF list and outline levels are 1..10
MAX_SPACES = 1000  # text:s text:c beyond this is clamped (a hostile c="2000000000" would need 2 GB)


@dataclass(slots=True)
class _LevelStyle:
    fmt: str | None  # None for bullets
    prefix: str
    suffix: str
    display: int
    start: int
    bullet: str


def _attr(el: Any, ns: str, name: str) -> str | None:
    return el.attributes.get((ns, name))


def _int_attr(el: Any, ns: str, name: str, default: int, low: int = 0, high: int = 10**9) -> int:
    """An integer attribute clamped to [low, high]; missing or malformed values give ``default``."""
    value = _attr(el, ns, name)
    if value is None or not value.strip().isascii() or len(value) > 20:
        return default
    try:
        return min(max(int(value), low), high)
    except ValueError:
        return default


def _children(el: Any) -> list[Any]:
    if el is None:  # odfpy leaves a part it could not parse (styles, meta) as None
        return []
    return [c for c in el.childNodes if c.nodeType == c.ELEMENT_NODE]


def _text_of(el: Any, out: list[str]) -> None:
    for c in el.childNodes:
        if c.nodeType == c.TEXT_NODE:
            out.append(c.data)
            continue
        if c.nodeType != c.ELEMENT_NODE or c.qname in _SKIP:
            continue
        ns, name = c.qname
        if ns == TEXT and name == "s":
            out.append(" " * _int_attr(c, TEXT, "c", 1, 1, MAX_SPACES))
        elif ns == TEXT and name == "tab":
            out.append("\t")
        elif ns == TEXT and name == "line-break":
            out.append("\n")
        elif ns == "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0":
            continue
        else:
            _text_of(c, out)


def paragraph_source_text(el: Any) -> str:
    """The text of one ``text:p``/``text:h`` as ``char_map`` counts it."""
    out: list[str] = []
    _text_of(el, out)
    return "".join(out)


def _list_styles(doc: Any) -> dict[str, dict[int, _LevelStyle]]:
    styles: dict[str, dict[int, _LevelStyle]] = {}
    for container in (doc.styles, doc.automaticstyles):
        for ls in _children(container):
            if ls.qname == (TEXT, "list-style"):
                styles[_attr(ls, STYLE, "name") or ""] = _levels(ls, "list-level-style")
            elif ls.qname == (TEXT, "outline-style"):
                styles["\0outline"] = _levels(ls, "outline-level-style")
    return styles


def _levels(ls: Any, prefix: str) -> dict[int, _LevelStyle]:
    levels = {}
    for lvl in _children(ls):
        ns, name = lvl.qname
        if ns != TEXT or not name.startswith(prefix):
            continue
        n = _int_attr(lvl, TEXT, "level", 1, 1, MAX_LEVEL)
        bullet = name.endswith("bullet")
        levels[n] = _LevelStyle(
            fmt=None if bullet else (_attr(lvl, STYLE, "num-format") or ""),
            prefix=_attr(lvl, STYLE, "num-prefix") or "",
            suffix=_attr(lvl, STYLE, "num-suffix") or "",
            display=_int_attr(lvl, TEXT, "display-levels", 1, 1, MAX_LEVEL),
            start=_int_attr(lvl, TEXT, "start-value", 1),
            bullet=_attr(lvl, TEXT, "bullet-char") or "•",
        )
    return levels


def _format(levels: dict[int, _LevelStyle], counters: dict[int, int], level: int) -> tuple[str | None, bool]:
    st = levels.get(level)
    if st is None:
        return None, False
    if st.fmt is None:
        return ("-" if st.bullet in "-–—" else "•"), True
    if st.fmt == "":
        return None, False
    parts = []
    for k in range(max(1, level - st.display + 1), level + 1):
        other = levels.get(k)
        parts.append(format_number(counters.get(k, other.start if other else 1), other.fmt if other and other.fmt else "1"))
    return f"{st.prefix}{'.'.join(parts)}{st.suffix}".strip() or None, False


class _Walker:
    """Depth-first walk of office:text producing blocks with list and outline labels."""

    def __init__(self, styles: dict[str, dict[int, _LevelStyle]]) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.unit = 0
        self.outline: dict[int, int] = {}
        self.list_counters: dict[str, dict[int, int]] = {}  # per list style (for continue-numbering)
        self.by_id: dict[str, dict[int, int]] = {}

    def walk(self, el: Any, in_table: bool = False) -> None:
        for c in _children(el):
            qn = c.qname
            if qn in ((TEXT, "p"), (TEXT, "h")):
                self.paragraph(c, in_table)
            elif qn == (TEXT, "list"):
                self.list(c, None, 1, None, in_table)
            elif qn == (TABLE, "table-cell"):
                self.walk(c, True)
            elif qn[0] in (TEXT, TABLE) and qn not in _SKIP:
                self.walk(c, in_table)

    def paragraph(self, el: Any, in_table: bool, label: str | None = None, bullet: bool = False,
                  level: int | None = None) -> None:
        unit = self.unit
        self.unit += 1
        kind = "table" if in_table else None
        if el.qname == (TEXT, "h") and not in_table:
            depth = _int_attr(el, TEXT, "outline-level", 1, 1, MAX_LEVEL)
            kind, level = "heading", depth
            if label is None and _attr(el, TEXT, "is-list-header") != "true":
                self.outline[depth] = self.outline.get(depth, 0) + 1
                for d in [d for d in self.outline if d > depth]:
                    del self.outline[d]
                label, _ = _format(self.styles.get("\0outline", {}), self.outline, depth)
        elif bullet and not in_table:
            kind = "bullet"
        raw = paragraph_source_text(el)
        text, cmap = clean_line(fix_chars(raw), 0)
        if text:
            self.blocks.append(Block(text, cmap, label=label, kind=kind, level=level if not in_table else 0,
                                     source_unit=unit))

    def list(self, el: Any, style: str | None, level: int, counters: dict[int, int] | None, in_table: bool) -> None:
        style = _attr(el, TEXT, "style-name") or style or ""
        if counters is None:  # outermost list: fresh or continued counters
            cont = _attr(el, TEXT, "continue-list")
            if cont and cont in self.by_id:
                counters = self.by_id[cont]
            elif _attr(el, TEXT, "continue-numbering") == "true" and style in self.list_counters:
                counters = self.list_counters[style]
            else:
                counters = {}
            self.list_counters[style] = counters
            xml_id = _attr(el, "http://www.w3.org/XML/1998/namespace", "id")
            if xml_id:
                self.by_id[xml_id] = counters
        levels = self.styles.get(style, {})
        for item in _children(el):
            if item.qname not in ((TEXT, "list-item"), (TEXT, "list-header")):
                continue
            numbered = item.qname == (TEXT, "list-item")
            start = _int_attr(item, TEXT, "start-value", -1)
            first = True
            for c in _children(item):
                if c.qname in ((TEXT, "p"), (TEXT, "h")):
                    label, bullet = None, False
                    if first and numbered:
                        if start >= 0:
                            counters[level] = start
                        else:
                            base = levels[level].start if level in levels else 1
                            counters[level] = counters[level] + 1 if level in counters else base
                        for d in [d for d in counters if d > level]:
                            del counters[d]
                        label, bullet = _format(levels, counters, level)
                    self.paragraph(c, in_table, label, bullet, level)
                    first = False
                elif c.qname == (TEXT, "list"):
                    self.list(c, style, level + 1, counters, in_table)
                    first = False
                else:
                    self.walk(c, in_table)


def read_odt(data: bytes, path: Path) -> Document:
    """Read an .odt file's bytes into a Document."""
    open_package(data, path, "ODT").close()
    try:
        from odf.opendocument import load

        with contextlib.redirect_stdout(io.StringIO()) as out:  # odfpy prints a part it cannot parse, then
            odoc = load(io.BytesIO(data))                        # goes on with what it has
        if "FAILED TO PARSE" in out.getvalue() or getattr(odoc, "text", None) is None:
            raise InputError(f"{path}: файл ODT повреждён или это не текстовый документ OpenDocument")
    except InputError:
        raise
    except Exception as exc:
        if is_out_of_memory(exc):
            raise MemoryError(str(path)) from exc
        raise InputError(f"{path}: файл ODT повреждён или это не текстовый документ OpenDocument") from None
    try:
        walker = _Walker(_list_styles(odoc))
        walker.walk(odoc.text)
        doc = Document(paragraphs=finalize(walker.blocks), path=str(path), format="odt")
        _metadata(odoc, doc)
    except (InputError, MemoryError):
        raise
    except RecursionError:
        raise InputError(f"{path}: в документе ODT слишком глубокая вложенность элементов; "
                         f"файл повреждён или небезопасен") from None
    except Exception as exc:
        if is_out_of_memory(exc):
            raise MemoryError(str(path)) from exc
        raise InputError(f"{path}: не удалось разобрать документ ODT ({type(exc).__name__})") from None
    return doc


def _metadata(odoc: Any, doc: Document) -> None:
    headers: list[str] = []
    footers: list[str] = []
    for mp in _children(odoc.masterstyles):
        for part in _children(mp):
            name = part.qname[1]
            out = headers if name.startswith("header") else footers if name.startswith("footer") else None
            if out is None:
                continue
            for p in _paragraphs(part):
                t, _ = clean_line(paragraph_source_text(p), 0)
                if t and t not in out:
                    out.append(t)
    doc.meta.header_text = "\n".join(headers) or None
    doc.meta.footer_text = "\n".join(footers) or None
    names = {"title": "title", "creator": "author", "initial-creator": "author", "subject": "subject",
             "keyword": "keywords", "description": "comments", "date": "modified", "creation-date": "created"}
    for el in _children(odoc.meta):
        key = names.get(el.qname[1])
        if key and key not in doc.meta.properties:
            value = paragraph_source_text(el).strip()
            if value:
                doc.meta.properties[key] = value


def _paragraphs(el: Any) -> list[Any]:
    out = []
    for c in _children(el):
        if c.qname in ((TEXT, "p"), (TEXT, "h")):
            out.append(c)
        else:
            out.extend(_paragraphs(c))
    return out
