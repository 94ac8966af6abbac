"""The old act turned into the new one as Word tracked changes (``modernize --redline``).

The Word copy of the old act (the original DOCX, else the read text laid out as the generator lays out a
page — :func:`.fix._open`) is aligned paragraph by paragraph with the new act's lines: identical paragraphs
stay, a paragraph that reads like its new counterpart (word overlap ≥ :data:`PAIR_SIMILARITY`) is edited word
by word, the others are deleted (text and paragraph mark) and the new act's paragraphs inserted where they
stand. The markup is :class:`.revisions.Revisions` (``w:del``/``w:ins`` by «sferum-policy» at one moment);
accepting every change gives the new act's text, rejecting every change gives the old act back.
A table of an original DOCX (requisites are often laid out in one) is deleted as a whole — the text of every cell
and every row (``w:trPr/w:del``) — since the new act's requisites come as paragraphs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from typing import TYPE_CHECKING, Any

from .revisions import Revisions

if TYPE_CHECKING:
    from ..document import Document
    from ..generator.act import Act

PAIR_SIMILARITY = 0.5
LOOKAHEAD = 6  # new paragraphs searched for an old paragraph's counterpart
_TOKEN = re.compile(r"\s+|[\w-]+|[^\w\s]")
_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _ptext(p: Any) -> str:
    """The paragraph's run text with one character per tab or break, as :func:`wordml.runs` counts offsets."""
    from ..wordml import SPECIAL, T, runs

    return "".join("".join(ch.text or "" if ch.tag == T else " " if ch.tag in SPECIAL else "" for ch in r)
                   for r, _, _ in runs(p))


def _delete_mark(rev: Revisions, p: Any) -> None:
    """Mark the paragraph mark of ``p`` deleted (accepting joins it with the next paragraph)."""
    from docx.oxml import OxmlElement

    from ..wordml import RPR, w

    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        tail = [ch for ch in ppr if ch.tag in (w("sectPr"), w("pPrChange"))]
        if tail:
            tail[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, rev._mark("w:del"))


def _delete_table(rev: Revisions, tbl: Any) -> None:
    """Every cell's text and every row of ``tbl`` as tracked deletions."""
    from docx.oxml import OxmlElement

    from ..wordml import w

    for p in tbl.iter(w("p")):
        text = _ptext(p)
        if text:
            rev.replace(p, 0, len(text), "")
    for tr in tbl.iter(w("tr")):
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = OxmlElement("w:trPr")
            tr.insert(1 if tr.find(w("tblPrEx")) is not None else 0, trpr)
        trpr.append(rev._mark("w:del"))


def _edit_words(rev: Revisions, p: Any, old: str, new: str) -> None:
    """Word-level tracked changes turning paragraph ``p`` (text ``old``) into ``new``."""
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    offsets = [0]
    for t in a:
        offsets.append(offsets[-1] + len(t))
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    for _tag, i1, i2, j1, j2 in reversed(ops):  # right to left: earlier offsets stay valid
        rev.replace(p, offsets[i1], offsets[i2], "".join(b[j1:j2]))


def _new_lines(act: Act) -> list[str]:
    return [line for line in (_norm(x) for x in act.plain_lines()) if line]


def _align(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Pairs (old index, new index): both → same or edited paragraph; old only → deleted; new only → inserted."""
    out: list[tuple[int | None, int | None]] = []
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        j = j1
        for i in range(i1, i2):
            best, best_j = 0.0, None
            for k in range(j, min(j2, j + LOOKAHEAD)):
                s = similarity(old[i], new[k])
                if s > best:
                    best, best_j = s, k
            if best_j is not None and best >= PAIR_SIMILARITY:
                out += [(None, k) for k in range(j, best_j)]
                out.append((i, best_j))
                j = best_j + 1
            else:
                out.append((i, None))
        out += [(None, k) for k in range(j, j2)]
    return out


def redline_docx(old_doc: Document, new_docx: bytes | None = None, act: Act | None = None, *,
                 when: dt.datetime | None = None) -> bytes:
    """The Word copy of ``old_doc`` with tracked changes that turn it into ``act`` (see the module docstring)."""
    from .fix import _open

    if act is None:
        raise ValueError("redline_docx needs the new act")
    wdoc, _targets = _open(old_doc)
    rev = Revisions(wdoc, when=when)
    body = wdoc.element.body
    from ..wordml import w

    for tbl in list(body.iterchildren(w("tbl"))):
        _delete_table(rev, tbl)
    paras = [p for p in body.iterchildren(w("p")) if _norm(_ptext(p))]
    old = [_norm(_ptext(p)) for p in paras]
    new = _new_lines(act)
    anchor: Any | None = None
    pending_front: list[str] = []
    for i, j in _align(old, new):
        if i is not None:
            p = paras[i]
            if j is None:
                text = _ptext(p)
                rev.replace(p, 0, len(text), "")
                _delete_mark(rev, p)
            elif old[i] != new[j]:
                _edit_words(rev, p, _ptext(p), new[j])
            anchor = p
            if pending_front:
                for text in pending_front:
                    q = rev.insert_paragraph_after(p, text)
                    body.remove(q)
                    p.addprevious(q)
                pending_front = []
        elif anchor is None:
            pending_front.append(new[j])
        else:
            anchor = rev.insert_paragraph_after(anchor, new[j])
    if pending_front:  # the old act had no text at all
        for text in pending_front:
            wdoc.add_paragraph(text)
    out = io.BytesIO()
    wdoc.save(out)
    return out.getvalue()


def count_changes(docx_bytes: bytes) -> dict[str, int]:
    """How many ``w:ins`` and ``w:del`` elements the main document part holds."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return {"ins": len(re.findall(r"<w:ins\b", xml)), "del": len(re.findall(r"<w:del\b", xml))}
