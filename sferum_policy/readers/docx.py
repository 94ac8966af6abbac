"""DOCX (python-docx + the raw XML): body paragraphs and tables, Word's automatic numbering, metadata.

Paragraph order and ``source_unit``: the reader walks the body in document order — top-level
paragraphs, and for each table its rows, each row's cells left to right, each cell's paragraphs
(nested tables recursively), content controls (``w:sdt``) transparently. ``source_unit`` is the
index of the paragraph's ``w:p`` element among ``body.iter(w:p)`` (all ``w:p`` in document order,
text boxes included), so a later step can find the same element with
``list(document.element.body.iter(qn("w:p")))[source_unit]``. ``char_map`` maps to offsets in
:func:`paragraph_source_text` of that element (its runs' text: ``w:t``, ``w:tab`` → ``\\t``,
``w:br``/``w:cr`` → ``\\n``, ``w:noBreakHyphen`` → ``-``, ``w:softHyphen`` → U+00AD; deleted text and
field codes excluded).

Labels come from Word's automatic numbering (``w:numPr`` on the paragraph or its style chain) or,
for typed numbers («1.1. Текст»), from the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError
from ..memory import is_out_of_memory
from ..normalize import clean_line, fix_chars
from .assemble import Block, finalize
from .ooxml import HEADER_FOOTER_KINDS, WordPackage, cached_styles, open_word
from .package import open_package
from .wordstyles import (
    BLOCK_CONTAINERS,
    CONTAINERS,
    SPECIAL,
    W_P,
    W_R,
    W_T,
    W_TBL,
    W_TC,
    W_TR,
    W_VAL,
    Numbering,
    Style,
    attr_val,
    default_styles_xml,
    int_value,
    parse_styles,
    style_chain,
    w_tag,
)


def paragraph_source_text(p: Any) -> str:
    """The text of one ``w:p`` element as ``char_map`` offsets count it (see the module docstring)."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for ch in el:
            tag = ch.tag
            if tag == W_T:
                out.append(ch.text or "")
            elif tag in SPECIAL:
                out.append(SPECIAL[tag])
            elif tag in CONTAINERS:
                walk(ch)

    walk(p)
    return "".join(out)


def _is_bold(p: Any) -> bool:
    runs = [r for r in p.iter(W_R) if any((t.text or "").strip() for t in r.iterchildren(W_T))]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(w_tag("rPr"))
        b = rpr.find(w_tag("b")) if rpr is not None else None
        if b is None or b.get(W_VAL) in ("0", "false"):
            return False
    return True


def _rows(tbl: Any) -> Iterator[Any]:
    for ch in tbl:
        if ch.tag == W_TR:
            yield ch
        elif ch.tag in BLOCK_CONTAINERS:
            yield from _rows(ch)


def _cells(row: Any) -> Iterator[Any]:
    for ch in row:
        if ch.tag == W_TC:
            yield ch
        elif ch.tag in BLOCK_CONTAINERS:
            yield from _cells(ch)


def _walk(container: Any, in_table: bool = False) -> Iterator[tuple[Any, bool]]:
    """Body paragraphs in reading order: (w:p, inside a table)."""
    for ch in container:
        tag = ch.tag
        if tag == W_P:
            yield ch, in_table
        elif tag == W_TBL:
            for row in _rows(ch):
                for cell in _cells(row):
                    yield from _walk(cell, True)
        elif tag in BLOCK_CONTAINERS:
            yield from _walk(ch, in_table)


def _heading_level(chain: list[Style], ppr: Any) -> int | None:
    """Outline level (1-based) from the paragraph, its style name or its style's outline level."""
    outline = int_value(attr_val(ppr, "outlineLvl"))
    if outline is not None and outline < 9:
        return outline + 1
    for st in chain:
        name = st.name.lower()
        m = re.match(r"(?:heading|заголовок)\s*(\d)", name)
        if m:
            return int(m.group(1))
        if name in ("title", "название", "заголовок"):
            return 0
        if st.outline is not None and st.outline < 9:
            return st.outline + 1
    return None


def read_docx(data: bytes, path: Path) -> Document:
    """Read a .docx file's bytes into a Document."""
    zf = open_package(data, path, "DOCX")
    try:
        pkg = open_word(zf)
    except MemoryError:
        raise
    except Exception as exc:  # a missing or unparsable main part, a damaged deflate stream, a spreadsheet …
        if is_out_of_memory(exc):  # lxml reports running into the memory ceiling as a parser error
            raise MemoryError(str(path)) from exc
        raise InputError(f"{path}: файл DOCX повреждён или это не документ Word") from None
    finally:
        zf.close()
    try:
        return _read(pkg, path)
    except (InputError, MemoryError):
        raise
    except Exception as exc:  # malformed but parseable XML
        if is_out_of_memory(exc):
            raise MemoryError(str(path)) from exc
        raise InputError(f"{path}: не удалось разобрать документ DOCX ({type(exc).__name__})") from None


def _read(pkg: WordPackage, path: Path) -> Document:
    body = pkg.body
    styles = cached_styles(pkg.styles_xml or default_styles_xml(), parse_styles)
    numbering = Numbering(pkg.numbering, styles)
    units = {p: i for i, p in enumerate(body.iter(W_P))}
    blocks: list[Block] = []
    for p, in_table in _walk(body):
        ppr = p.find(w_tag("pPr"))
        sid = attr_val(ppr, "pStyle")
        chain = list(style_chain(styles, sid))
        numpr = ppr.find(w_tag("numPr")) if ppr is not None else None
        num_id = attr_val(numpr, "numId")
        ilvl = int_value(attr_val(numpr, "ilvl"))
        if num_id is None:
            num_id = next((st.num_id for st in chain if st.num_id), None)
        if ilvl is None and num_id:
            ilvl = next((st.ilvl for st in chain if st.ilvl is not None), None)
            if ilvl is None:
                ilvl = numbering.level_for_style(num_id, sid) or 0
        label = None
        bullet = False
        if num_id and num_id != "0":
            got = numbering.next_label(num_id, ilvl or 0)
            if got:
                label, bullet = got
        raw = paragraph_source_text(p)
        text, cmap = clean_line(fix_chars(raw), 0)
        if not text:
            continue
        style_name = chain[0].name if chain else None
        block = Block(text, cmap, label=label, style=style_name, source_unit=units.get(p), bold=_is_bold(p))
        if in_table:
            block.kind, block.level = "table", 0
        else:
            heading = _heading_level(chain, ppr)
            if heading is not None:
                block.kind = "heading"
                block.level = ilvl + 1 if label and ilvl is not None else heading
            elif bullet:
                block.kind, block.level = "bullet", (ilvl or 0) + 1
            elif label:
                block.level = (ilvl or 0) + 1
        blocks.append(block)
    doc = Document(paragraphs=finalize(blocks), path=str(path), format="docx")
    _metadata(pkg, doc)
    return doc


def _part_text(root: Any) -> list[str]:
    out = []
    for p in root.iter(W_P):
        t, _ = clean_line(fix_chars(paragraph_source_text(p)), 0)
        if t:
            out.append(t)
    return out


def _metadata(pkg: WordPackage, doc: Document) -> None:
    headers: list[str] = []
    footers: list[str] = []
    for parts in pkg.sections:
        for attr, tag, _ in HEADER_FOOTER_KINDS:
            root = parts.get(attr)
            if root is None:
                continue
            out = headers if tag == "headerReference" else footers
            for t in _part_text(root):
                if t not in out:
                    out.append(t)
    doc.meta.header_text = "\n".join(headers) or None
    doc.meta.footer_text = "\n".join(footers) or None
    doc.meta.properties.update(pkg.core)
