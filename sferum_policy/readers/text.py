"""Plain text and Markdown: encoding detection, markup stripping, line → paragraph assembly.

Encodings: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1251 and KOI8-R (chosen by which
decoding reads as ordinary Russian text). Markdown is recognised by the ``.md`` extension or by its
markup (``**``, ``#`` headings, ``\\_`` escapes, links, tables) — exports saved as ``.txt`` are
common. Every paragraph's ``char_map`` points into ``Document.source_text`` (the decoded text);
``source_line`` is the 1-based line it starts on and ``source_unit`` that line's 0-based index.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..normalize import clean_line, fix_chars
from .assemble import Line, assemble, finalize, lines_from_text

_CONTROLS = bytes([*range(1, 9), *range(14, 27), *range(28, 32), 127])
_CYR_LOWER = re.compile(r"[а-яё]")
_CASE_BREAK = re.compile(r"[а-яё][А-ЯЁ]")
_FREQUENT = re.compile(r"[оеаинтсрвл]")
_TEXTUAL = re.compile(r"[\w\s.,;:!?()«»\"'\-–—№/\\%@&*+=<>\[\]{}|#_^~`$“”„…’‘•·§°]")


def decode(data: bytes, name: str | Path) -> tuple[str, str]:
    """Decode bytes of a text file; return (text, encoding) or raise InputError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _check_textual(data.decode(enc, errors="replace"), name), enc
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc is None:
            raise InputError(f"{name}: файл не похож на текстовый документ")
        return _check_textual(data.decode(enc, errors="replace"), name), enc
    controls = len(data) - len(data.translate(None, _CONTROLS))
    if controls > max(2, len(data) // 200):
        raise InputError(f"{name}: файл не похож на текстовый документ")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        head = data[:exc.start]
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3 and not head.isascii():
            try:  # UTF-8 text cut in the middle of its last character
                return head.decode("utf-8") + "\ufffd", "utf-8"
            except UnicodeDecodeError:
                pass
    best = max(("cp1251", "koi8-r"), key=lambda enc: _russian_score(data.decode(enc, errors="replace")))
    return _check_textual(data.decode(best, errors="replace"), name), best


_HIGH_BYTES = (0x00, 0x04, 0x20, 0x21)  # high bytes of Latin/punctuation, Cyrillic, typographic marks, «№»


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: the high byte of nearly every character is 00 (Latin), 04 (Cyrillic) or 20/21.

    English text has NUL at every odd (LE) or even (BE) position; Russian text has 04 there and NUL
    only for spaces, digits and punctuation — still far more NULs on that side than on the other.
    """
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    if not half:
        return None
    odd, even = sample[1::2], sample[0::2]
    for high, low, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        usual = sum(high.count(b) for b in _HIGH_BYTES)
        if usual > 0.9 * half and high.count(0) > 0.05 * half and low.count(0) < 0.02 * half:
            return enc
    return None


def _russian_score(text: str) -> int:
    """Frequent Russian lower-case letters count; capitals in the middle of words count against."""
    return len(_FREQUENT.findall(text)) + len(_CYR_LOWER.findall(text)) - 4 * len(_CASE_BREAK.findall(text))


def _check_textual(text: str, name: str | Path) -> str:
    sample = text[:20000]
    if sample and len(_TEXTUAL.findall(sample)) < 0.85 * len(sample):
        raise InputError(f"{name}: файл не похож на текстовый документ")
    return text


_MD_SIGNALS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.M),
    re.compile(r"\*\*\S"),
    re.compile(r"\\[_*\[\]#.\-]"),
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M),
)


def looks_like_markdown(text: str) -> bool:
    """At least two kinds of Markdown markup in the text."""
    return sum(1 for r in _MD_SIGNALS if r.search(text)) >= 2


def read_text_bytes(data: bytes, path: Path) -> Document:
    """Read a .txt/.md file's bytes."""
    text, encoding = decode(data, path)
    md = path.suffix.lower() == ".md" or looks_like_markdown(text)
    return read_text(text, str(path), encoding=encoding, markdown=md)


def read_text(text: str, name: str | None = None, *, encoding: str | None = None,
              markdown: bool | None = None) -> Document:
    """Read an act given as text (plain or Markdown, detected when ``markdown`` is None)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if markdown is None:
        markdown = (name or "").lower().endswith(".md") or looks_like_markdown(text)
    lines = markdown_lines(text) if markdown else lines_from_text(text)
    paras = finalize(assemble(lines))
    return Document(paragraphs=paras, path=name, format="md" if markdown else "txt", source_text=text,
                    encoding=encoding or "utf-8")


# --- Markdown --------------------------------------------------------------------------------------

_MD_INLINE = re.compile(
    r"""\\(?P<esc>[\\`*_{}\[\]()#+\-.!|<>~"'=])
      | !\[(?P<alt>[^\]]*)\]\([^)]*\)
      | \[(?P<ltext>(?:\\.|[^\]\\])+)\]\([^)\s]*(?:\s+"[^"]*")?\)
      | <(?P<auto>(?:https?://|mailto:)[^>\s]+)>
      | (?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>)
      | (?P<strong>\*\*|(?<!\w)__|__(?!\w))
      | (?P<code>`+)
      | (?<![\w*\\])\*(?=[^\s*])(?P<em>(?:\\.|[^*\\])+?)(?<=[^\s\\])\*(?![\w*])
      | (?<![\w\\])_(?=[^\s_])(?P<em2>(?:\\.|[^_\\])+?)(?<=[^\s\\])_(?!\w)""",
    re.X,
)
_MD_INLINE_START = re.compile(r"[\\!\[<*_`]")  # every alternative of _MD_INLINE starts with one of these
_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_RULE = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_MD_TABLE_SEP = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+(?:[ \t]*:?-{2,}:?[ \t]*)?\|?[ \t]*")
_MD_TABLE_ROW = re.compile(r"[ \t]*\|(.*)\|[ \t]*")
_MD_CELL = re.compile(r"(?:\\.|[^|\\])+")
_MD_QUOTE = re.compile(r"[ \t]*>[ \t]?")
_MD_BULLET = re.compile(r"([ \t]*)([*+])[ \t]+(?=\S)")
_FOOTNOTE_MARK = re.compile(r"(?:\\\*|\*)+[ \t]*$")


def _inline(s: str, offs: list[int] | range) -> tuple[str, list[int]]:
    """Strip inline Markdown from ``s`` (escapes, emphasis, links → their text, tags)."""
    if _MD_INLINE_START.search(s) is None:
        return s, list(offs)  # most lines of an act: nothing to strip
    out: list[str] = []
    om: list[int] = []
    pos = 0
    for m in _MD_INLINE.finditer(s):
        out.append(s[pos:m.start()])
        om.extend(offs[pos:m.start()])
        pos = m.end()
        for group in ("esc", "ltext", "auto", "em", "em2"):
            if m.group(group) is not None:
                a, b = m.span(group)
                if group in ("esc", "auto"):
                    out.append(s[a:b])
                    om.extend(offs[a:b])
                else:
                    t, tm = _inline(s[a:b], offs[a:b])
                    out.append(t)
                    om.extend(tm)
                break
        else:
            if m.group("tag") and re.match(r"</?br\b", m.group("tag"), re.I):
                out.append(" ")
                om.append(offs[m.start()])
    out.append(s[pos:])
    om.extend(offs[pos:])
    return "".join(out), om


def markdown_lines(text: str) -> list[Line]:
    """Markdown source → cleaned lines with heading/table hints and bold-span groups."""
    lines: list[Line] = []
    pos = 0
    blank = False
    group: int | None = None
    next_group = 0
    for i, raw in enumerate(fix_chars(text).splitlines(keepends=True)):
        base = pos
        pos += len(raw)
        content = raw.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        if not content.strip() or _MD_RULE.fullmatch(content) or _MD_TABLE_SEP.fullmatch(content):
            blank = True
            group = None
            continue
        row = _MD_TABLE_ROW.fullmatch(content)
        if row:
            a = row.start(1)
            for cell in _MD_CELL.finditer(row.group(1)):
                s, e = cell.start() + a, cell.end() + a
                t, tm = _inline(content[s:e], range(base + s, base + e))
                body, cmap = clean_line(t, tm)
                if body:
                    lines.append(Line(body, cmap, i + 1, blank_before=blank, hint="table"))
            blank = False
            continue
        start, end, hint, style = 0, len(content), None, None
        h = _MD_HEADING.fullmatch(content)
        if h:
            start, end = h.span(2)
            hint, style = "heading", f"Heading {len(h.group(1))}"
        else:
            q = _MD_QUOTE.match(content)
            if q:
                start = q.end()
        seg = content[start:end]
        stripped = seg.strip()
        line_group = None
        if hint is None:
            if group is not None:
                line_group = group
                if stripped.endswith("**"):
                    group = None
            elif stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4 \
                    and "**" not in stripped[2:-2]:
                if not stripped[2:-2].rstrip("\\*").endswith("."):
                    hint = "heading"
            elif stripped.startswith("**") and "**" not in stripped[2:]:
                next_group += 1
                group = line_group = next_group
        if hint == "heading" or line_group is not None or (hint is None and stripped.endswith("**")):
            fm = _FOOTNOTE_MARK.search(seg)
            if fm:
                end = start + fm.start()
                seg = content[start:end]
        offs = range(base + start, base + end)
        b = _MD_BULLET.match(seg)
        if b:
            seg = seg[:b.start(2)] + "-" + seg[b.end(2):]
        t, tm = _inline(seg, offs)
        body, cmap = clean_line(t, tm)
        if body:
            lines.append(Line(body, cmap, i + 1, blank_before=blank, hint=hint, group=line_group, style=style))
        blank = False
    return lines
