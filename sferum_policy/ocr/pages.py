"""What recognition returns: pages of lines with confidences (:class:`OcrPage`), parsed from Tesseract's TSV."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

LANG = "rus"  # Tesseract's Russian model (the Debian package tesseract-ocr-rus)


@dataclass(slots=True)
class OcrLine:
    text: str
    confidence: float  # mean word confidence, 0–100


@dataclass(slots=True)
class OcrPage:
    number: int  # from 1
    lines: list[OcrLine] = field(default_factory=list)  # an empty text line separates paragraphs
    seconds: float = 0.0
    dpi: int | None = None
    lang: str = LANG  # resolution the page was rasterised at (None: an image file as it is)

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence of the page weighted by the length of the lines (None if no words)."""
        weights = [(len(ln.text), ln.confidence) for ln in self.lines if ln.text]
        total = sum(w for w, _ in weights)
        return round(sum(w * c for w, c in weights) / total, 1) if total else None


# --- Tesseract's TSV: level page block par line word left top width height conf text --------------------

_BODY_START = re.compile(r"\d{1,2}\.\s|[IVX]{1,4}\.\s|(?:ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|Положение|Порядок)\b")
COLUMN_GAP = 3.0  # a gap between words wider than this many word heights separates two columns


@dataclass(slots=True)
class _Word:
    text: str
    conf: float
    left: int
    width: int
    height: int


def parse_tsv(tsv: str, number: int) -> OcrPage:
    """Lines of one page from Tesseract's TSV; a change of block or paragraph leaves an empty line.

    Two columns that Tesseract read as one line — the approval and adoption stamps printed side by side —
    are separated by the gap between their words and given one after the other, so that «ПРИНЯТО …
    (протокол от …)» and «УТВЕРЖДЕНО … от …» keep their own dates.
    """
    blocks: dict[str, dict[tuple[str, str], list[_Word]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            conf = float(cols[10])
            left, width, height = int(cols[6]), int(cols[8]), int(cols[9])
        except ValueError:
            conf, left, width, height = -1.0, 0, 0, 0
        key = (cols[2], cols[3], cols[4])
        lines = blocks.setdefault(key[0], {})
        lines.setdefault((key[1], key[2]), []).append(_Word(text, conf, left, width, height))
    entries = [((block, par), _segments(words)) for block, lines in blocks.items()
               for (par, _), words in lines.items()]
    split = [k for k, (_, segs) in enumerate(entries) if len(segs) > 1]
    if split:  # the region of side-by-side columns: from the first to the last line with a column gap
        split_x = 0.9 * entries[split[0]][1][1][0].left
        first, last = split[0], split[-1]
        margin = min(segs[0][0].left for _, segs in entries[first:last + 1])
        h = max(1, entries[first][1][0][0].height)

        def in_column(segs: list[list[_Word]]) -> bool:
            """A line of one column: it starts at a column's edge and ends before the next column (and is not
            the act's title or its first numbered point, which follow the stamps)."""
            if _BODY_START.match(segs[0][0].text + " " + (segs[0][1].text if len(segs[0]) > 1 else "")):
                return False
            start, end = segs[0][0].left, segs[-1][-1].left + segs[-1][-1].width
            at_left = abs(start - margin) <= 3 * h and end < split_x
            return len(segs) == 1 and (at_left or start >= split_x)

        while last + 1 < len(entries) and in_column(entries[last + 1][1]):
            last += 1  # lines that go on in one of the columns
        left = [(key, seg) for key, segs in entries[first:last + 1] for seg in segs if seg[0].left < split_x]
        right = [((key[0], "right", key[1]), seg) for key, segs in entries[first:last + 1] for seg in segs
                 if seg[0].left >= split_x]
        flat = [(key, seg) for key, segs in entries[:first] for seg in segs] + left + right + \
            [(key, seg) for key, segs in entries[last + 1:] for seg in segs]
    else:
        flat = [(key, seg) for key, segs in entries for seg in segs]
    page = OcrPage(number)
    prev = None
    for key, seg in flat:
        if prev is not None and key != prev:
            page.lines.append(OcrLine("", 0.0))
        prev = key
        confs = [w.conf for w in seg if w.conf >= 0]
        page.lines.append(OcrLine(" ".join(w.text for w in seg), sum(confs) / len(confs) if confs else 0.0))
    return page


def _segments(words: list[_Word]) -> list[list[_Word]]:
    """Split one recognised line where the gap between two words is a column gap."""
    heights = sorted(w.height for w in words if w.height)
    h = heights[len(heights) // 2] if heights else 0
    out: list[list[_Word]] = [[words[0]]]
    for a, b in itertools.pairwise(words):
        if h and b.left - (a.left + a.width) > COLUMN_GAP * h:
            out.append([b])
        else:
            out[-1].append(b)
    return out


# An address read by the Russian model alone comes out in Cyrillic («шю@з$Ёегит.ти» for «info@sferum.ru»).
ADDRESS_LIKE = re.compile(r"\S@\S|https?:|www\.|\.(?:ru|рф|ру|ги|ти|com|соm|org)\b", re.IGNORECASE)


@dataclass(slots=True)
class OcrRun:
    """Our own recognition of a document (``Document.results.ocr``): what the report shows (:meth:`info`,
    the fields of ``report.OcrInfo``) and how sure it was of each source line."""

    engine: str
    lang: str
    dpi: int
    reason: str  # scan | image | damaged_layer
    pages: list[dict[str, Any]]  # page, confidence, seconds, dpi, lang
    seconds: float
    line_confidence: dict[int, float] = field(default_factory=dict)  # source line (from 1) → confidence 0–100

    def info(self) -> dict[str, Any]:
        return {"engine": self.engine, "lang": self.lang, "dpi": self.dpi, "reason": self.reason,
                "pages": self.pages, "seconds": self.seconds}
