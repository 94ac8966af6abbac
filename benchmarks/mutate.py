"""Mutations of sample acts for benchmarks: delete a numbered point / part, a paragraph, a fragment.

Text-level helpers work on the raw sample text (any reader sees the same mutation); document-level
helpers rebuild an act's text from a read :class:`~sferum_policy.document.Document` without some
paragraphs or a fragment of one, so it can be read again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sferum_policy.document import Document

# A numbered point at a line start: «1. Общие положения», «2.1. …», «2.1 …», «## 2. …», «**1. …**».
_POINT = re.compile(r"^[ \t]*(?:#+[ \t]*)?(?:\*\*)?(\d{1,2}(?:\.\d{1,2})*)(\.?)[ \t]+\S", re.M)


@dataclass(frozen=True, slots=True)
class Point:
    """A numbered point of an act: its label («2.1») and its span in the text (with sub-points)."""

    label: str
    start: int
    end: int


def points(text: str) -> list[Point]:
    """Every numbered point of ``text`` with the span up to the next point that is not its child."""
    found = []
    for m in _POINT.finditer(text):
        label, dot = m.group(1), m.group(2)
        if "." not in label and not dot:
            continue  # «2024 г.» or a bare number is not a point; a top-level point needs «N.»
        found.append((label, m.start()))
    out = []
    for i, (label, start) in enumerate(found):
        end = len(text)
        for other, ostart in found[i + 1 :]:
            if not other.startswith(label + "."):
                end = ostart
                break
        out.append(Point(label, start, end))
    return out


def delete_points(text: str, labels: list[str]) -> str:
    """Delete the points ``labels`` (each with its sub-points and bullets) from ``text``."""
    by_label: dict[str, Point] = {}
    for p in points(text):
        by_label.setdefault(p.label, p)  # the act's own point, not a later appendix's
    missing = [lab for lab in labels if lab not in by_label]
    if missing:
        raise KeyError(f"no point {missing[0]!r} in the text")
    spans = sorted((by_label[lab].start, by_label[lab].end) for lab in labels)
    out, pos = [], 0
    for s, e in spans:
        if s < pos:  # nested in an already deleted point
            s = pos
        out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:])
    return "".join(out)


def document_text(doc: Document, drop: set[int] | None = None, cut: tuple[int, int, int] | None = None) -> str:
    """Text of ``doc`` (paragraphs separated by blank lines) without paragraphs ``drop``.

    ``cut = (paragraph, start, end)`` also removes that character span of one paragraph's text
    (a clause fragment inside a long paragraph), with the separator that follows it.
    """
    drop = drop or set()
    parts = []
    for p in doc.paragraphs:
        if p.index in drop:
            continue
        text = p.text
        if cut is not None and cut[0] == p.index:
            _, s, e = cut
            tail = text[e:]
            tail = re.sub(r"^\s*[;:.,]?\s*", "", tail)
            text = (text[:s].rstrip() + " " + tail).strip()
            if not text:
                continue
        parts.append(f"{p.label} {text}" if p.label else text)
    return "\n\n".join(parts) + "\n"
