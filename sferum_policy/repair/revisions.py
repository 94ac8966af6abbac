"""Word tracked changes (revisions) written into WordprocessingML with lxml.

A :class:`Revisions` object edits one python-docx ``Document`` in place: it deletes a character range of a
paragraph as ``w:del`` (the runs keep their formatting; ``w:t`` becomes ``w:delText``), inserts text as ``w:ins``
(a run formatted like its neighbour), inserts whole paragraphs with an inserted paragraph mark, and anchors a
Word comment on a change. Only the runs that change are split; everything else in the file stays as it was.

Element order follows the schema (Word rejects out-of-order children): ``w:ins`` of a paragraph mark is the
first child of ``w:pPr/w:rPr``, ``w:rPr`` stands before ``w:sectPr`` and ``w:pPrChange`` in ``w:pPr``, and
``w:rPr`` is the first child of a run. :func:`accept_all` turns the changes into plain text (``fix --accept``).

Library choice (its source read, December 2026): ``docx-revisions`` 0.1.5 has a tracked replacement at character
offsets with a comment (``RevisionParagraph.replace_tracked_at``), but its offsets count only ``w:t`` text (a tab
or line break, which the reader counts, shifts them), the touched runs are rebuilt — the text before and after
the span included — as runs without formatting, the date is always «now» and there is no refusal for fields or
hyperlinks; ``python-redlines`` compares two whole documents through a
bundled .NET binary (no per-finding change, no comment on why). :mod:`sferum_policy.wordml` already splits runs
at the reader's offsets for comments, so this module adds the revision markup on python-docx + lxml directly.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..wordml import BAD_XML, RPR, XML_SPACE, R, T, cut, runs, w

AUTHOR = "sferum-policy"
INITIALS = "SP"

INS, DEL = w("ins"), w("del")
_DEL_TEXT = w("delText")
_FLD_CHAR, _HYPERLINK = w("fldChar"), w("hyperlink")
_REVISION_PARENTS = frozenset({INS, DEL, w("moveFrom"), w("moveTo")})
_PPR, _SECT_PR, _PPR_CHANGE = w("pPr"), w("sectPr"), w("pPrChange")
_NUM_PR = w("numPr")
_RPR_REVISIONS = frozenset({INS, DEL, w("moveFrom"), w("moveTo"), w("rPrChange")})
_ID = w("id")


class Refused(Exception):
    """An edit that cannot be written without touching what it must not (a field, an earlier revision)."""


_REVISION_TAGS = (INS, DEL, w("moveFrom"), w("moveTo"), w("rPrChange"), w("pPrChange"), w("sectPrChange"),
                  w("tblPrChange"), w("trPrChange"), w("tcPrChange"), w("numberingChange"))


def _max_revision_id(wdoc: Any) -> int:
    """The highest ``w:id`` of a revision in any XML part (body, headers, footers, notes, comments)."""
    top = 0
    for part in wdoc.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None:
            continue
        for el in root.iter(*_REVISION_TAGS):
            v = el.get(_ID)
            if v is not None and v.lstrip("-").isdigit():
                top = max(top, int(v))
    return top


def _field_runs(p: Any) -> set[int]:
    """``id()`` of the runs of ``p`` that belong to a field (instruction or result, ``fldChar`` nesting)."""
    inside: set[int] = set()
    depth = 0
    for r in p.iter(R):
        chars = [ch.get(w("fldCharType")) for ch in r if ch.tag == _FLD_CHAR]
        if depth > 0 or chars:
            inside.add(id(r))
        for kind in chars:
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
    return inside


def refusal(p: Any, start: int, end: int) -> str | None:
    """Why the text ``[start, end)`` of paragraph ``p`` must not be edited, or ``None``.

    Inside a field (a date or a page number Word computes; a HYPERLINK) or a hyperlink the visible text is
    not all there is — the link would keep the old address —; inside another author's revision the change
    is theirs to accept or reject first.
    """
    fields = None
    for r, s, e in runs(p):
        if e <= start or s >= end or (e == s and not start <= s < end):
            continue
        for a in r.iterancestors():
            if a.tag in _REVISION_PARENTS:
                return "в этом месте уже есть исправление другого автора: примите или отклоните его"
            if a.tag == w("fldSimple"):
                return "текст — результат поля Word (дата, номер, ссылка): исправьте поле вручную"
            if a.tag == _HYPERLINK:
                return "текст — гиперссылка: исправьте и сам адрес ссылки вручную"
        if fields is None:
            fields = _field_runs(p)
        if id(r) in fields:
            return "текст — результат поля Word (дата, номер, ссылка): исправьте поле вручную"
    return None


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Revisions:
    """Tracked changes by one author at one moment in one Word document (python-docx ``Document``)."""

    def __init__(self, wdoc: Any, *, author: str = AUTHOR, when: dt.datetime | None = None) -> None:
        self.wdoc = wdoc
        self.author = author
        self.date = _stamp(when or dt.datetime.now(dt.UTC))
        self._next = _max_revision_id(wdoc) + 1
        self.count = 0

    # --- markup -------------------------------------------------------------------------------------

    def _mark(self, tag: str) -> Any:
        from docx.oxml import OxmlElement

        el = OxmlElement(tag)  # "w:ins" | "w:del"
        el.set(_ID, str(self._next))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self._next += 1
        return el

    @staticmethod
    def _run_like(model: Any | None, text: str) -> Any:
        from docx.oxml import OxmlElement

        r = OxmlElement("w:r")
        if model is not None and (rpr := model.find(RPR)) is not None:
            rpr = copy.deepcopy(rpr)
            for ch in list(rpr):
                if ch.tag in _RPR_REVISIONS:
                    rpr.remove(ch)  # another author's formatting change (and its w:id) stays theirs
            r.append(rpr)
        t = OxmlElement("w:t")
        t.text = BAD_XML.sub(" ", text)
        t.set(XML_SPACE, "preserve")
        r.append(t)
        return r

    # --- edits --------------------------------------------------------------------------------------

    def span(self, p: Any, start: int, end: int) -> list[Any]:
        """The runs of ``p`` covering ``[start, end)`` (run text offsets), split at both ends."""
        why = refusal(p, start, end)
        if why is not None:
            raise Refused(why)
        cut(p, start)
        cut(p, end)
        self._unique_ids(p)
        return [r for r, s, e in runs(p) if start <= s and e <= end and e > s]

    def _unique_ids(self, p: Any) -> None:
        """A split run carries its formatting — another author's ``w:rPrChange`` too — into both halves:
        the copy gets a new ``w:id`` (ids of revisions are unique in a document)."""
        seen: set[str] = set()
        for el in p.iter(w("rPrChange")):
            v = el.get(_ID)
            if v in seen:
                el.set(_ID, str(self._next))
                self._next += 1
            elif v is not None:
                seen.add(v)

    def replace(self, p: Any, start: int, end: int, text: str) -> tuple[Any, Any]:
        """Delete ``[start, end)`` of paragraph ``p`` and insert ``text`` in its place, as tracked changes.

        Returns the first and last changed elements (a comment is anchored on them)."""
        if end > start:
            doomed = self.span(p, start, end)
            if not doomed:
                raise Refused("нет текста в этом месте")
        else:
            if refusal(p, start, start) is not None:
                raise Refused(refusal(p, start, start))
            doomed = []
            cut(p, start)
            self._unique_ids(p)
        first = last = None
        for group in _sibling_groups(doomed):
            d = self._mark("w:del")
            group[0].addprevious(d)
            for r in group:
                d.append(r)
                for ch in r:
                    if ch.tag == T:
                        ch.tag = _DEL_TEXT
            first = first if first is not None else d
            last = d
            self.count += 1
        if text:
            ins = self._mark("w:ins")
            model = doomed[0] if doomed else _run_at(p, start)
            ins.append(self._run_like(model, text))
            if last is not None:
                last.addnext(ins)
            else:
                _place_at(p, start, ins)
            first = first if first is not None else ins
            last = ins
            self.count += 1
        if first is None:
            raise Refused("пустое исправление")
        return first, last

    def insert_paragraph_after(self, p: Any, text: str, *, like: Any | None = None, numbered: bool = True) -> Any:
        """A new paragraph after ``p``, all inserted; its properties (style, automatic numbering) and run
        formatting are those of ``like`` (default ``p``); ``numbered=False`` switches automatic numbering off
        (a dash item after a numbered clause)."""
        from docx.oxml import OxmlElement

        like = p if like is None else like
        new = OxmlElement("w:p")
        ppr = like.find(_PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for ch in list(ppr):
                if ch.tag in (_SECT_PR, _PPR_CHANGE):
                    ppr.remove(ch)  # a section break or a former change belongs to the original paragraph
                elif ch.tag == _NUM_PR and not numbered:
                    off = OxmlElement("w:numPr")  # numId 0: no numbering, even one the style would give
                    num = OxmlElement("w:numId")
                    num.set(w("val"), "0")
                    off.append(num)
                    ch.addprevious(off)
                    ppr.remove(ch)
            new.append(ppr)
        else:
            ppr = OxmlElement("w:pPr")
            new.append(ppr)
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)  # sectPr/pPrChange were removed above, so rPr is last, as the schema wants
        for ch in list(rpr):
            if ch.tag in _RPR_REVISIONS:
                rpr.remove(ch)
        rpr.insert(0, self._mark("w:ins"))  # the paragraph mark is inserted: first child of w:rPr
        ins = self._mark("w:ins")
        model = next((r for r, s, e in runs(like) if e > s), None)
        ins.append(self._run_like(model, text))
        new.append(ins)
        p.addnext(new)
        self.count += 1
        return new

    def comment(self, first: Any, last: Any, text: str) -> None:
        """A Word comment by the author on the elements from ``first`` to ``last`` (siblings in one paragraph,
        or the first and last of a range)."""
        from docx.oxml import OxmlElement

        c = self.wdoc.comments.add_comment(text=BAD_XML.sub(" ", text), author=self.author, initials=INITIALS)
        cid = str(c.comment_id)
        start = OxmlElement("w:commentRangeStart")
        start.set(_ID, cid)
        end = OxmlElement("w:commentRangeEnd")
        end.set(_ID, cid)
        ref = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(w("val"), "CommentReference")
        rpr.append(style)
        ref.append(rpr)
        mark = OxmlElement("w:commentReference")
        mark.set(_ID, cid)
        ref.append(mark)
        if first.tag == w("p"):  # an inserted paragraph: the comment covers its content
            first = first.find(INS) if first.find(INS) is not None else first
            last = first
        first.addprevious(start)
        last.addnext(end)
        end.addnext(ref)


def _sibling_groups(items: Iterable[Any]) -> list[list[Any]]:
    """Consecutive runs that are siblings, so one ``w:del`` can wrap each group."""
    groups: list[list[Any]] = []
    for r in items:
        if groups and groups[-1][-1].getnext() is r:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _run_at(p: Any, offset: int) -> Any | None:
    """The text run ending at ``offset`` (its formatting continues), else the one starting there."""
    before = after = None
    for r, s, e in runs(p):
        if e == offset and e > s:
            before = r
        if s == offset and e > s and after is None:
            after = r
    return before if before is not None else after


def _place_at(p: Any, offset: int, el: Any) -> None:
    """Put ``el`` into paragraph ``p`` at character ``offset`` (a run boundary after :func:`cut`)."""
    for r, s, e in runs(p):
        if e == offset and e > s:
            r.addnext(el)
            return
    for r, s, _ in runs(p):
        if s == offset:
            r.addprevious(el)
            return
    ppr = p.find(_PPR)
    if ppr is not None:
        ppr.addnext(el)
    else:
        p.insert(0, el)


def accept_all(wdoc: Any, author: str = AUTHOR) -> int:
    """Accept every change by ``author``: deleted text goes, inserted text stays as plain runs. Returns how many."""
    body = wdoc.element.body
    n = 0
    for d in list(body.iter(DEL)):
        if d.get(w("author")) != author:
            continue
        parent = d.getparent()
        if parent is not None and parent.tag == RPR:
            continue  # a deleted paragraph mark: never written here
        # comment markers inside a deletion move out of it before it goes
        for mark in [ch for ch in d if ch.tag != R]:
            d.addprevious(mark)
        parent.remove(d)
        n += 1
    for i in list(body.iter(INS)):
        if i.get(w("author")) != author:
            continue
        parent = i.getparent()
        if parent.tag == RPR:  # an inserted paragraph mark: the paragraph simply stays
            parent.remove(i)
        else:
            for ch in list(i):
                i.addprevious(ch)
            parent.remove(i)
        n += 1
    return n
