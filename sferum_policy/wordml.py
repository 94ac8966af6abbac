"""Word paragraphs, runs and character offsets: where a Document's text lives in a DOCX.

Shared by the reviewed copy with comments (:mod:`render.docx_comments`) and the repaired copy with tracked
changes (:mod:`repair.writer`). Offsets count characters as :func:`readers.docx.paragraph_source_text` does
(a tab or a line break is one character). ``docx_targets`` maps each Document paragraph of a DOCX input to
its ``w:p``; ``build_copy`` builds a DOCX from the read text of any other input.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import Document, Paragraph
from .errors import InputError

FONT = "Times New Roman"
FONT_SIZE = 14

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


T = w("t")
R = w("r")
RPR = w("rPr")
SPECIAL = frozenset(w(t) for t in ("tab", "br", "cr", "noBreakHyphen", "softHyphen"))
CONTAINERS = frozenset(w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent",
                                        "fldSimple", "customXml", "dir", "bdo"))


# --- runs and their character offsets (as readers.docx.paragraph_source_text counts them) ----------

def child_len(ch: Any) -> int:
    if ch.tag == T:
        return len(ch.text or "")
    return 1 if ch.tag in SPECIAL else 0


def runs(p: Any) -> Iterator[tuple[Any, int, int]]:
    """Every ``w:r`` of a paragraph in reading order with its (start, end) character offsets."""
    pos = 0

    def walk(el: Any) -> Iterator[tuple[Any, int, int]]:
        nonlocal pos
        for ch in el:
            if ch.tag == R:
                n = sum(child_len(c) for c in ch)
                yield ch, pos, pos + n
                pos += n
            elif ch.tag in CONTAINERS:
                yield from walk(ch)

    yield from walk(p)


def split_run(r: Any, k: int) -> None:
    """Split run ``r`` after its ``k``-th character into two runs with the same formatting.

    Content right of the cut is moved (not copied) into the new run, so elements keep their
    identity (a text box's paragraphs inside a drawing stay the ones the targets point at).
    """
    right = copy.deepcopy(r)
    for ch in list(right):
        if ch.tag != RPR:
            right.remove(ch)
    pos = 0
    for ch in list(r):
        if ch.tag == RPR:
            continue
        n = child_len(ch)
        if pos >= k:
            right.append(ch)
        elif pos + n > k:  # a w:t straddling the cut
            text = ch.text or ""
            tail = copy.deepcopy(ch)
            ch.text, tail.text = text[: k - pos], text[k - pos:]
            ch.set(XML_SPACE, "preserve")
            tail.set(XML_SPACE, "preserve")
            right.append(tail)
        pos += n
    r.addnext(right)


def cut(p: Any, offset: int) -> None:
    """Make ``offset`` of paragraph ``p`` fall on a run boundary."""
    for r, s, e in runs(p):
        if s < offset < e:
            split_run(r, offset - s)
            return


def covering(p_first: Any, start: int, p_last: Any, end: int) -> tuple[Any, Any] | None:
    """The first and last text-bearing runs of the range after cutting at its ends."""
    cut(p_first, start)
    cut(p_last, end)
    first = next((r for r, s, e in runs(p_first) if s >= start and e > s and (p_first is not p_last or e <= end)), None)
    last = None
    for r, s, e in runs(p_last):
        if e <= end and e > s and (p_first is not p_last or s >= start):
            last = r
    if first is None or last is None:
        return None
    return first, last


# --- where each Document paragraph lives in the Word copy ------------------------------------------

@dataclass(slots=True)
class Target:
    """A Word paragraph for a Document paragraph and how text offsets map into its runs."""

    p: Any
    offset: Callable[[int], int | None]  # offset in Paragraph.text → offset in the w:p's run text
    length: int  # characters of the w:p's run text
    label_at: int | None = None  # where a typed numbering label («1.1.») starts in the run text


def docx_targets(wdoc: Any, doc: Document) -> dict[int, Target]:
    from .readers.docx import paragraph_source_text

    body_ps = list(wdoc.element.body.iter(w("p")))
    out: dict[int, Target] = {}
    for para in doc.paragraphs:
        if para.source_unit is None or not 0 <= para.source_unit < len(body_ps):
            continue
        p = body_ps[para.source_unit]
        cmap = para.char_map
        length = len(paragraph_source_text(p))

        def offset(i: int, cmap: list[int] | None = cmap, n: int = len(para.text), length: int = length) -> int | None:
            if cmap is None or len(cmap) != n:
                return None
            if i >= n:
                return cmap[-1] + 1 if n else None
            return cmap[i] if 0 <= cmap[i] <= length else None

        label_at = None
        if para.label and cmap:
            found = paragraph_source_text(p).rfind(para.label, 0, cmap[0])
            label_at = found if found >= 0 else None
        out[para.index] = Target(p, offset, length, label_at)
    return out


def build_copy(doc: Document, written: Callable[[Paragraph], tuple[str, Callable[[int], int]]] | None = None
               ) -> tuple[Any, dict[int, Target]]:
    """A new Word document with the read text: labels kept, headings bold, Times New Roman 14.

    ``written(paragraph)`` may give another text for a paragraph (the act as written, before the reader's
    repairs) with the map from offsets in ``paragraph.text`` to offsets in it.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    wdoc = docx.Document()
    normal = wdoc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    out: dict[int, Target] = {}
    for para in doc.paragraphs:
        prefix = f"{para.label} " if para.label else ""
        wp = wdoc.add_paragraph()
        if prefix:
            wp.add_run(BAD_XML.sub(" ", prefix))
        text, where = written(para) if written is not None else (para.text, None)
        run = wp.add_run(BAD_XML.sub(" ", text))
        if para.kind == "heading":
            for r in wp.runs:
                r.bold = True
            if para.level == 0:
                wp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif para.kind != "table":
            wp.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        del run
        n = len(prefix)
        if where is None:
            out[para.index] = Target(wp._p, lambda i, n=n: n + i, n + len(text), 0 if para.label else None)
        else:
            out[para.index] = Target(wp._p, lambda i, n=n, f=where: n + f(i), n + len(text), 0 if para.label else None)
    return wdoc, out


def source_bytes(doc: Document) -> bytes:
    if not doc.path:
        raise InputError("для формата docx нужен исходный файл DOCX, а путь к нему неизвестен")
    try:
        return Path(doc.path).read_bytes()
    except OSError as exc:
        raise InputError(f"{doc.path}: не удалось прочитать исходный файл ({exc.strerror})") from None


def source_offset(t: Target, para: Paragraph, local: int, *, end: bool) -> int | None:
    """An offset relative to ``para.text`` (negative: inside its label) → offset in the w:p's run text."""
    if local > 0 or (local == 0 and not end):
        local = min(local, len(para.text))
        if end:
            got = t.offset(local - 1)
            return got + 1 if got is not None else None
        return t.offset(local) if local < len(para.text) else None
    if t.label_at is None or not para.label:
        return None
    in_label = max(0, min(local + len(para.label) + 1, len(para.label)))
    return t.label_at + in_label


