"""Repair recognisable OCR damage before the checks, keeping every paragraph's char map to the source.

Four passes over each paragraph, each an edit of spans of its text:

* ``requisite`` — digits and letters confused in numbers, dates, «№» and «-ФЗ» («2o12» → «2012»,
  «N° 5» → «№ 5», «15З-ФЗ» → «153-ФЗ», «4l-@3» → «41-ФЗ»; ``data/requisites.tsv``);
* ``script`` — Latin look-alikes and OCR groups inside Russian words («COBeTa» → «Совета», «JI» → «л»,
  «}K» → «ж»; ``data/lookalikes.tsv``): the reading is accepted only when it is a dictionary word;
* ``split`` — a word broken by a stray space rejoined («образоват ельной»), when the halves are not words
  and the whole is;
* ``glued`` — words written without spaces split by the dictionary («настоящееПоложениеразработано…»).

Each repair is kept (paragraph, span in the repaired text, the original, the fix, the kind) so that the
report names it once and the checks read the repaired text.
"""

from __future__ import annotations

import re

from .edits import Repair, apply_edits, shift
from .fix_glued import glued_edits, script_boundary_edits, split_edits
from .fix_requisites import requisite_edits
from .fix_scripts import quote_edits, script_edits

# --- the whole document -------------------------------------------------------------------------------

_LAST_WORD = re.compile(r"[\w-]+\W*$")
_ENDS = re.compile(r"[.!?;:»)\"\d]\s*$")


def repair_paragraph(text: str, cmap: list[int] | None, cut_end: bool = False,
                     ) -> tuple[str, list[int] | None, list[tuple[int, int, str, str, str]]]:
    """Repaired text, char map and the repairs (start, end, original, fixed, kind) in the repaired text.

    ``cut_end``: the document is cut in this paragraph's last word («…общеобразовател»): a piece of a word is
    not glued or split words, so that word is left as it is (the structure check reports the cut, #14).
    """
    found: list[tuple[int, int, str, str, str]] = []
    for step in (requisite_edits, quote_edits, script_boundary_edits, script_edits, split_edits, glued_edits):
        edits = step(text)
        if edits and cut_end and step in (split_edits, glued_edits):
            last = _LAST_WORD.search(text)
            tail = last.start() if last else len(text)
            edits = [e for e in edits if e[1] <= tail]
        if not edits:
            continue
        originals = [text[s:e] for s, e, _, _ in sorted(edits)]
        text, cmap, spans, shifts = apply_edits(text, cmap, edits)
        found = [(shift(s, shifts), shift(e, shifts), o, f, k) for s, e, o, f, k in found]
        for (s, e), o, (_, _, new, kind) in zip(spans, originals, sorted(edits), strict=True):
            found.append((s, e, o, new, kind))
    found.sort()
    return text, cmap, found


# Paragraph texts known to need no repair: a district's acts share most paragraphs, and most are clean.
_CLEAN: dict[str, None] = {}
_CLEAN_MAX = 1 << 15


def repair_document(doc) -> list[Repair]:
    """Repair every paragraph of ``doc`` in place (then ``doc.reindex()``); return the repairs."""
    repairs: list[Repair] = []
    changed = False
    last = next((p.index for p in reversed(doc.paragraphs) if p.text.strip()), None)
    for p in doc.paragraphs:
        if not p.text or p.text in _CLEAN:
            continue
        cut = p.index == last and not _ENDS.search(p.text)
        text, cmap, found = repair_paragraph(p.text, p.char_map, cut_end=cut)
        if not found:
            if not cut:  # (a cut last word was left alone: the same text elsewhere may still need a repair)
                if len(_CLEAN) >= _CLEAN_MAX:
                    _CLEAN.clear()
                _CLEAN[p.text] = None
            continue
        if p.label is None:  # a numbering label read back («1o.4.» → «10.4.») is split off as a reader does
            from ..normalize import label_depth, split_label

            label, off, bullet = split_label(text)
            if label and not bullet and off < len(text):
                p.label, p.kind, p.level = label, "item", label_depth(label)
                text, cmap = text[off:], cmap[off:] if cmap is not None else None
                # a repair of the label itself gets negative offsets: the label stands before the text
                found = [(s - off, e - off, o, f, k) for s, e, o, f, k in found]
        p.text, p.char_map = text, cmap
        changed = True
        repairs.extend(Repair(p.index, s, e, o, f, k) for s, e, o, f, k in found)
    repairs.extend(_dropped_label_dots(doc))
    if changed or any(r.start < 0 for r in repairs):
        doc.reindex()
    return repairs


_TWO_DIGITS = re.compile(r"(\d)(\d)\.")


def _dropped_label_dots(doc) -> list[Repair]:
    """«17.» between «1.6.» and «1.8.»: the dot of «1.7.» was lost in recognition."""
    out: list[Repair] = []
    prev: tuple[int, int] | None = None
    for p in doc.paragraphs:
        if not p.label:
            continue
        m = _TWO_DIGITS.fullmatch(p.label)
        if m and prev is not None and prev == (int(m.group(1)), int(m.group(2)) - 1):
            fixed = f"{m.group(1)}.{m.group(2)}."
            out.append(Repair(p.index, -(len(p.label) + 1), -1, p.label, fixed, "requisite"))
            p.label, p.kind, p.level = fixed, "item", 2
        parts = [x for x in p.label.split(".") if x]
        prev = (int(parts[0]), int(parts[1])) if len(parts) == 2 and all(x.isdigit() for x in parts) else prev
    return out
