"""Word's automatic numbering (``numbering.xml``: abstract numbers, levels, overrides, counters) and the
style chain (``styles.xml``) the DOCX reader resolves labels and headings with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .numbering import format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w_tag(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = w_tag("p"), w_tag("tbl"), w_tag("tr"), w_tag("tc"), w_tag("r"), w_tag("t")
W_VAL = w_tag("val")
CONTAINERS = frozenset(w_tag(t) for t in ("r", "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent",
                                        "fldSimple", "customXml", "dir", "bdo"))
BLOCK_CONTAINERS = frozenset(w_tag(t) for t in ("sdt", "sdtContent", "customXml"))
SPECIAL = {w_tag("tab"): "\t", w_tag("br"): "\n", w_tag("cr"): "\n", w_tag("noBreakHyphen"): "-", w_tag("softHyphen"): "\u00ad"}


def attr_val(el: Any, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(w_tag(tag))
    return child.get(W_VAL) if child is not None else None


def int_value(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


@dataclass(slots=True)
class _Level:
    fmt: str
    text: str
    start: int
    restart: int | None
    legal: bool
    pstyle: str | None


@dataclass(slots=True)
class _Num:
    abstract: str
    start_overrides: dict[int, int]
    levels: dict[int, _Level]


def _parse_level(lvl: Any) -> tuple[int, _Level]:
    ilvl = int_value(lvl.get(w_tag("ilvl")), 0) or 0
    return ilvl, _Level(
        fmt=attr_val(lvl, "numFmt") or "decimal",
        text=attr_val(lvl, "lvlText") or "",
        start=int_value(attr_val(lvl, "start"), 0) or 0,
        restart=int_value(attr_val(lvl, "lvlRestart")),
        legal=lvl.find(w_tag("isLgl")) is not None and attr_val(lvl, "isLgl") not in ("0", "false"),
        pstyle=attr_val(lvl, "pStyle"),
    )


class Numbering:
    """Word's list numbering: definitions plus running counters in document order."""

    def __init__(self, root: Any | None, styles: dict[str, Style]) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.pending: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        if root is None:
            return
        for an in root.iterchildren(w_tag("abstractNum")):
            aid = an.get(w_tag("abstractNumId"))
            self.abstract[aid] = dict(_parse_level(lvl) for lvl in an.iterchildren(w_tag("lvl")))
            link = attr_val(an, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for num in root.iterchildren(w_tag("num")):
            overrides: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.iterchildren(w_tag("lvlOverride")):
                ilvl = int_value(ov.get(w_tag("ilvl")), 0) or 0
                so = int_value(attr_val(ov, "startOverride"))
                if so is not None:
                    overrides[ilvl] = so
                lvl = ov.find(w_tag("lvl"))
                if lvl is not None:
                    levels[ilvl] = _parse_level(lvl)[1]
            self.nums[num.get(w_tag("numId"))] = _Num(attr_val(num, "abstractNumId") or "", overrides, levels)

    def _abstract_id(self, aid: str) -> str:
        """Follow ``w:numStyleLink`` to the list style's own definition."""
        for _ in range(5):
            link = self.style_link.get(aid)
            if not link:
                break
            style = self.styles.get(link)
            num = self.nums.get(style.num_id) if style and style.num_id else None
            if num is None or num.abstract == aid:
                break
            aid = num.abstract
        return aid

    def levels(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = self._abstract_id(num.abstract)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(num.levels)
        return aid, levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        found = self.levels(num_id)
        if found and style_id:
            for ilvl, lvl in found[1].items():
                if lvl.pstyle == style_id:
                    return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> tuple[str | None, bool] | None:
        """Advance the counter of (list, level) and format the label; (label, is_bullet)."""
        found = self.levels(num_id)
        if found is None:
            return None
        aid, levels = found
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        state = self.counters.setdefault(aid, {})
        pending = self.pending.setdefault(aid, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for level, value in self.nums[num_id].start_overrides.items():
                pending[level] = value
                for d in list(state):
                    if d >= level:
                        del state[d]
        if ilvl in state and ilvl not in pending:
            state[ilvl] += 1
        else:
            state[ilvl] = pending.pop(ilvl, lvl.start)
        for d in list(state):
            if d > ilvl:
                restart = levels[d].restart if d in levels else None
                if restart is None or (restart != 0 and ilvl < restart):
                    del state[d]
        if lvl.fmt == "bullet":
            return ("-" if lvl.text.strip() in ("-", "–", "—") else "•"), True
        if lvl.fmt == "none":
            return None, False

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k)
            n = state.get(k, other.start if other else 1)
            fmt = "decimal" if lvl.legal or other is None else other.fmt
            return format_number(n, fmt)

        label = re.sub(r"%([1-9])", number, lvl.text).strip()
        return label or None, False


def parse_styles(root: Any) -> dict[str, Style]:
    from docx.styles import BabelFish

    out: dict[str, Style] = {}
    for st in root.iterchildren(w_tag("style")):
        sid = st.get(w_tag("styleId"))
        if not sid:
            continue
        ppr = st.find(w_tag("pPr"))
        numpr = ppr.find(w_tag("numPr")) if ppr is not None else None
        out[sid] = Style(
            name=BabelFish.internal2ui(attr_val(st, "name") or sid),
            based_on=attr_val(st, "basedOn"),
            num_id=attr_val(numpr, "numId"),
            ilvl=int_value(attr_val(numpr, "ilvl")),
            outline=int_value(attr_val(ppr, "outlineLvl")),
        )
    return out


@lru_cache(maxsize=1)
def default_styles_xml() -> bytes:
    """python-docx's default styles: what it (and so this reader) assumes when a DOCX has none."""
    import docx

    return (Path(docx.__file__).parent / "templates" / "default-styles.xml").read_bytes()


def style_chain(styles: dict[str, Style], sid: str | None) -> Iterator[Style]:
    seen: set[str] = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        yield styles[sid]
        sid = styles[sid].based_on
