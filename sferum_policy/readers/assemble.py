"""Shared assembly: source lines → paragraphs (blocks) → classified :class:`Paragraph` objects.

Text formats (TXT, MD, PDF) produce :class:`Line` objects, one per source line, which
:func:`assemble` joins into :class:`Block` paragraphs; structured formats (DOCX, ODT) produce blocks
directly. :func:`finalize` then splits numbering labels off, normalises quotes, and decides each
paragraph's ``kind`` and ``level``:

* ``item`` — a numbered point («2.3.», «1)», «а)»); ``level`` = depth of a dotted label («2.3.» → 2),
  for «1)»/«а)» one deeper than the dotted item they follow;
* ``bullet`` — a «-», «–», «•» … point; ``level`` one deeper than the item it follows (1 if none);
* ``heading`` — a section heading: a label with a short title and no final period followed by its
  first point or by plain text («1. Общие положения»), an ALL CAPS line («ПОЛОЖЕНИЕ»), a Markdown or
  Word heading; ``level`` = label depth (0 when unnumbered);
* ``table`` — a table cell's paragraph; ``text`` — everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Paragraph
from ..normalize import (
    BULLET_RE,
    LABEL_RE,
    clean_line,
    ends_sentence,
    fix_chars,
    fix_midline_hyphens,
    hyphen_join,
    is_all_caps,
    is_page_number,
    label_depth,
    normalize_quotes,
    split_label,
    starts_lower,
)


@dataclass(slots=True)
class Line:
    """One cleaned, non-empty source line."""

    text: str
    cmap: list[int]
    lineno: int  # 1-based line number in the source text
    blank_before: bool = False
    hint: str | None = None  # heading | table | None (from Markdown markup)
    group: int | None = None  # lines of one multi-line bold span (Markdown)
    unit: int | None = None  # source unit (PDF page), when not the line itself
    style: str | None = None


@dataclass(slots=True)
class Block:
    """A paragraph before classification: text with char map and what the source said about it."""

    text: str
    cmap: list[int]
    label: str | None = None  # preset (Word/ODT automatic numbering); else split off the text
    kind: str | None = None  # preset hint: heading | table | bullet | item
    level: int | None = None
    style: str | None = None
    source_line: int | None = None
    source_unit: int | None = None
    bold: bool = False
    lines: list[Line] = field(default_factory=list)


def lines_from_text(text: str, *, start_line: int = 1, unit: int | None = None) -> list[Line]:
    """Split text into cleaned :class:`Line` objects; drop blank, form-feed and page-number lines."""
    out: list[Line] = []
    pos = 0
    blank = False
    for i, raw in enumerate(fix_chars(text).splitlines(keepends=True)):
        if raw.isspace():
            pos += len(raw)
            blank = True
            continue
        body, cmap = clean_line(raw, pos)
        pos += len(raw)
        if not body:
            blank = True
            continue
        if is_page_number(body):
            continue
        out.append(Line(body, cmap, start_line + i, blank_before=blank, unit=unit))
        blank = False
    return out


def _blanks_informative(lines: list[Line]) -> bool:
    """Blank lines separate paragraphs unless (as in PDF exports) they follow nearly every line."""
    if len(lines) < 4:
        return True
    return sum(ln.blank_before for ln in lines[1:]) / (len(lines) - 1) < 0.85


def _typical_width(lines: list[Line]) -> int:
    widths = sorted(len(ln.text) for ln in lines)
    return widths[int(len(widths) * 0.9)] if widths else 0


def _starts_with_label(text: str) -> bool:
    return bool(LABEL_RE.match(text) or _LABEL_ONLY.fullmatch(text)) or _damaged_label(text)


def _damaged_label(text: str) -> bool:
    """«l.2. …», «1o.4. …»: a label with a letter read for a digit still starts a point (repaired later)."""
    if not text or not (text[0].isdigit() or text[0] in "lIoOоОЗз|"):
        return False
    from ..ocr.fix_requisites import label_edit

    return label_edit(text) is not None


def _is_heading_line(prev: Line | None, ln: Line, nxt: Line | None) -> bool:
    """An unnumbered short heading line directly followed by the section's first numbered point."""
    t = ln.text
    return (
        len(t) <= 80
        and t[0].isupper()
        and t[-1] not in ".,;:-–—"
        and nxt is not None
        and _starts_with_label(nxt.text)
        and not _starts_with_label(t)
        and not BULLET_RE.match(t)
        and (prev is None or ends_sentence(prev.text) or is_all_caps(prev.text))
    )


_FUNCTION_WORDS = frozenset(["в", "во", "и", "с", "со", "к", "ко", "по", "на", "о", "об", "от", "из", "у", "за", "а", "или", "не", "для", "при", "до"])


def _is_titled_label_block(text: str, last: Line, nxt: Line, width: int) -> bool:
    """«1. Общие положения» (maybe over two lines) followed by a capitalised line: a break after it."""
    m = LABEL_RE.match(text)
    if not m or not nxt.text[0].isupper() or ends_sentence(text):
        return False
    rest = text[m.end():]
    last_word = rest.rsplit(" ", 1)[-1].lower()
    return (bool(rest) and rest[0].isupper() and len(last.text) < 0.9 * width and len(rest.split()) <= 14
            and last_word not in _FUNCTION_WORDS and rest[-1] not in ",-–—")


def assemble(lines: list[Line], *, width_aware: bool = False) -> list[Block]:
    """Join lines broken mid-sentence into paragraph blocks.

    A new paragraph starts at a numbering label or bullet, at a heading, at a switch between ALL CAPS
    and ordinary lines, and after a line that ends a sentence when the next one does not start in
    lower case. Blank lines alone only count when they are not between nearly every line. With
    ``width_aware`` (PDF text), a sentence end only breaks when the line is shorter than usual.
    """
    if not lines:
        return []
    informative = _blanks_informative(lines)
    typical = _typical_width(lines)
    width = typical if width_aware else 0
    caps = [is_all_caps(ln.text) for ln in lines]
    heading = [
        ln.hint is None and _is_heading_line(lines[i - 1] if i else None, ln, lines[i + 1] if i + 1 < len(lines) else None)
        for i, ln in enumerate(lines)
    ]
    blocks: list[Block] = []
    parts: list[str] = []
    cmap: list[int] = []
    cur: Block | None = None
    cur_bullet = cur_label = False

    def flush() -> None:
        if cur is not None:
            cur.text = "".join(parts)
            cur.cmap = list(cmap)
            blocks.append(cur)

    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        if cur is None or prev is None or _breaks(prev, ln, i, caps, heading, informative, width, cur_bullet) \
                or (cur_label and len(parts) < 6 and _is_titled_label_block("".join(parts), prev, ln, typical)):
            flush()
            cur = Block("", [], kind=ln.hint, source_line=ln.lineno,
                        source_unit=ln.unit if ln.unit is not None else ln.lineno - 1, style=ln.style, lines=[ln])
            if heading[i]:
                cur.kind = "heading"
            parts = [ln.text]
            cmap = list(ln.cmap)
            cur_bullet = bool(BULLET_RE.match(ln.text))
            cur_label = ln.hint is None and _starts_with_label(ln.text)
            continue
        cur.lines.append(ln)
        _join(parts, cmap, ln)
    flush()
    return blocks


def _breaks(prev: Line, ln: Line, i: int, caps: list[bool], heading: list[bool], informative: bool,
            width: int, cur_bullet: bool) -> bool:
    """Does line ``i`` start a new paragraph?"""
    if ln.hint in ("heading", "table") or prev.hint in ("heading", "table"):
        return True
    if ln.group is not None or prev.group is not None:
        return ln.group != prev.group
    text, ptext = ln.text, prev.text
    if _LABEL_ONLY.fullmatch(ptext):  # «1.» on its own line: its text follows on the next one
        return False
    if _starts_with_label(text):
        return True
    if BULLET_RE.match(text):
        mid_sentence = ptext[-1].isalnum() and not cur_bullet
        return not mid_sentence
    if caps[i] != caps[i - 1]:
        return True
    if heading[i] or heading[i - 1]:
        return True
    if caps[i]:
        return ends_sentence(ptext)
    if ends_sentence(ptext):
        if not starts_lower(text):
            if width and not ln.blank_before:
                return len(ptext) < 0.8 * width
            return True
        return ln.blank_before and informative and not _abbreviation_end(ptext)
    return informative and ln.blank_before and text[0].isupper()


_LABEL_ONLY = re.compile(r"(?:\d{1,3}\.){1,5}|\d{1,3}(?:\.\d{1,3}){1,4}|\d{1,3}\)|[а-яёa-z]\)|[IVX]{1,5}\.")
_ABBREV_END = re.compile(r"(?:^|\s)(?:г|гг|с|ст|п|пп|т|др|пр|ул|д|им|см|т\.е|т\.п|т\.д)\.$", re.I)


def _abbreviation_end(text: str) -> bool:
    return bool(_ABBREV_END.search(text))


_HYPHEN_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"\w+")


def _join(parts: list[str], cmap: list[int], ln: Line) -> None:
    """Append a continuation line, de-hyphenating a word broken at the line end."""
    tail = parts[-1]
    m = _HYPHEN_END.search(tail[-60:]) if tail.endswith("-") else None
    w = _FIRST_WORD.match(ln.text) if m else None
    how = hyphen_join(m.group(1), w.group()) if m and w else None
    if how == "":
        parts[-1] = tail[:-1]
        del cmap[-1]
    elif how is None:
        parts.append(" ")
        cmap.append(cmap[-1] + 1)
    parts.append(ln.text)
    cmap.extend(ln.cmap)


def finalize(blocks: list[Block]) -> list[Paragraph]:
    """Split labels, normalise quotes and mid-line hyphens, classify kinds and levels."""
    paras: list[Paragraph] = []
    items: list[tuple[str | None, bool, int]] = []  # (label, is_bullet, offset) per block
    for b in blocks:
        text, cmap = fix_midline_hyphens(b.text, b.cmap)
        b.text, b.cmap = normalize_quotes(text), cmap
        if b.label is not None:
            items.append((b.label, b.kind == "bullet", 0))
        elif b.kind == "table":
            items.append((None, False, 0))
        else:
            label, off, bullet = split_label(b.text)
            items.append((label, bullet, off))
    last_item_level = 0
    for i, (b, (label, bullet, off)) in enumerate(zip(blocks, items, strict=True)):
        text = b.text[off:]
        cmap = b.cmap[off:]
        kind, level = _classify(b, label, bullet, text, blocks, items, i, last_item_level)
        if kind in ("item", "heading") and label and not label.endswith(")"):
            last_item_level = level
        elif kind == "heading" and not label:
            last_item_level = 0
        paras.append(Paragraph(
            index=len(paras), text=text, label=label, kind=kind, level=level, style=b.style,
            source_unit=b.source_unit, source_line=b.source_line, char_map=cmap,
        ))
    return [p for p in paras if p.text or p.label]


_TITLE_END = re.compile(r"[.;:,]$")


def _classify(b: Block, label: str | None, bullet: bool, text: str, blocks: list[Block],
              items: list[tuple[str | None, bool, int]], i: int, parent: int) -> tuple[str, int]:
    """Kind and level of block ``i`` (see the module docstring)."""
    if b.kind == "table":
        return "table", b.level or 0
    if bullet:
        return "bullet", b.level if b.level is not None else parent + 1
    depth = 0
    if label:
        depth = parent + 1 if label.endswith(")") else label_depth(label)
    level = b.level if b.level is not None else depth
    if b.kind == "heading":
        return "heading", level
    if label is None:
        if is_all_caps(text) and len(text) <= 100:
            return "heading", 0
        if b.bold and _title_like(text) and not text.endswith("."):
            return "heading", 0
        return "text", 0
    if _is_numbered_heading(label, text, items, i) and (i + 1 >= len(blocks) or blocks[i + 1].kind != "table"):
        return "heading", level
    return "item", level


def _title_like(text: str) -> bool:
    return 0 < len(text) <= 160 and len(text.split()) <= 20 and (text[0].isupper() or text[0] in "«\"")


def _is_child(label: str, nxt: str | None) -> bool:
    return bool(nxt) and nxt[0].isdigit() and nxt.startswith(label.rstrip(".") + ".") and label_depth(nxt) > label_depth(label)


def _is_numbered_heading(label: str, text: str, items: list[tuple[str | None, bool, int]], i: int) -> bool:
    """«1. Общие положения» followed by «1.1.» or by plain text; a final period only before «1.1.»."""
    if label.endswith(")") or not _title_like(text) or i + 1 >= len(items):
        return False
    nxt_label, nxt_bullet, _ = items[i + 1]
    child = _is_child(label, nxt_label)
    short_sentence = text.endswith(".") and text.count(". ") == 0 and (child or len(text.split()) <= 5)
    if _TITLE_END.search(text) and not short_sentence:
        return False
    if child:
        return True
    return label_depth(label) == 1 and nxt_label is None and not nxt_bullet
