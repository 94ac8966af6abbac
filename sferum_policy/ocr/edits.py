"""A repair and the span edits the OCR repair passes make, applied with the paragraph's char map kept."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Repair:
    paragraph: int
    start: int  # span of the fix in the repaired paragraph text
    end: int
    original: str
    fixed: str
    kind: str  # requisite | script | split | glued


Edit = tuple[int, int, str, str]  # start, end (in the text before the pass), new text, kind


def apply_edits(text: str, cmap: list[int] | None, edits: list[Edit]) -> tuple[str, list[int] | None, list[tuple[int, int]], list[tuple[int, int, int]]]:
    """Apply non-overlapping edits; return the text, its char map, the new spans and (start, end, delta) shifts.

    A replaced span's characters map to the source characters of the span in order (the last one repeats
    when the fix is longer), so a finding on the fix still points at the original text.
    """
    out: list[str] = []
    omap: list[int] | None = [] if cmap is not None else None
    spans: list[tuple[int, int]] = []
    shifts: list[tuple[int, int, int]] = []
    pos = 0
    new_len = 0
    for s, e, new, _ in sorted(edits):
        out.append(text[pos:s])
        if omap is not None:
            omap.extend(cmap[pos:s])
        new_len += s - pos
        out.append(new)
        if omap is not None:
            src = cmap[s:e] or cmap[max(0, s - 1):s]
            omap.extend(src[min(k, len(src) - 1)] for k in range(len(new))) if src else None
        spans.append((new_len, new_len + len(new)))
        shifts.append((s, e, len(new) - (e - s)))
        new_len += len(new)
        pos = e
    out.append(text[pos:])
    if omap is not None:
        omap.extend(cmap[pos:])
    return "".join(out), omap, spans, shifts


def shift(pos: int, shifts: list[tuple[int, int, int]]) -> int:
    return pos + sum(d for s, e, d in shifts if e <= pos)


# one- and two-letter words that stand alone (shared by the script and glued-words passes)
SHORT_WORDS = frozenset(["в", "с", "к", "о", "и", "у", "а", "я"])
FUNCTION = frozenset(["на", "по", "за", "от", "до", "из", "об", "во", "со", "ко", "не", "но", "же", "ли", "бы", "да", "то", "как", "что", "для", "при", "без", "под", "над", "про", "или", "его", "её", "ее", "их", "им", "ей", "ею", "он", "мы", "вы", "ни"])
