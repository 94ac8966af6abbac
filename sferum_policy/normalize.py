"""Character- and line-level normalisation shared by every reader, keeping a map back to the source.

Every function that changes text returns (or keeps) a *char map*: for each character of the result,
the offset of the source character it came from. Deleted characters (soft hyphens, zero-width
spaces, doubled spaces, line-end hyphens) leave no entry; a space that joins two lines maps to the
whitespace after the first line. Replacements (quotes, odd hyphens, odd spaces) are one-to-one and
keep the offset of the original character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# Characters deleted outright: soft hyphen, zero-width spaces and joiners, BOM, C0 controls.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f]")
_TOKEN = re.compile(r"\S+")
_VISIBLE = re.compile(r"[^\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f]+")
_FIXABLE = re.compile(r"[\u2010\u2011\uf02d\u00a0]")
# One-to-one replacements of odd characters (non-breaking and other hyphens).
_FIX = str.maketrans({"\u2010": "-", "\u2011": "-", "\uf02d": "-", "\u00a0": " "})

#: A numbering label at the start of a paragraph: «1.», «2.3.», «2.3.1.», «2.1», «1)», «а)», «II.».
LABEL_RE = re.compile(
    r"""(?P<label>
        (?:\d{1,3}\.){1,5}(?!\d)
      | \d{1,3}(?:\.\d{1,3}){1,4}(?![.\d])
      | \d{1,3}\)
      | [а-яёa-z]\)
      | [IVX]{1,5}\.
    )(?:[ \t]+|(?=[А-ЯЁA-Z«"“]))""",
    re.X,
)
#: A bullet at the start of a paragraph (Word's Symbol-font bullets come as private-use characters).
BULLET_RE = re.compile(r"(?P<label>[-–—•*·▪●○◦■□➢✓\uf0a7\uf0b7\uf076\uf0d8\uf0fc])[ \t]+(?=\S)")

_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?|(?:стр\.?|страница)\s*\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?"
    r"|\d{1,3}\s*(?:из|/)\s*\d{1,3}",
    re.I,
)
_UPPER = re.compile(r"[A-ZА-ЯЁ]")
_LOWER = re.compile(r"[a-zа-яё]")
_CONJUNCTIONS = frozenset({"и", "или", "либо", "а", "но", "ни", "и/или"})
_LATIN = re.compile(r"[A-Za-z]")
# Characters outside ASCII and Cyrillic that a case-insensitive regex takes for one of their letters
# («İ», «ı», «ſ», the old-style Cyrillic letters U+1C80–U+1C87, the Kelvin sign); str.lower() does not.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u1c80-\u1c87\u212a]")


def clean_line(raw: str, offsets: Sequence[int] | int = 0) -> tuple[str, list[int]]:
    """Trim a line, delete invisible characters, collapse whitespace; return text and char map.

    ``offsets`` is either the source offset of ``raw[0]`` or a per-character offset sequence.
    """
    offs = range(offsets, offsets + len(raw)) if isinstance(offsets, int) else offsets
    body = raw.strip()
    if not body:
        return "", []
    if body.isprintable() and "  " not in body:  # fast path: nothing to delete or collapse
        s = raw.index(body[0])
        return fix_chars(body), list(offs[s:s + len(body)])
    parts: list[str] = []
    cmap: list[int] = []
    for m in _TOKEN.finditer(raw):
        s = m.start()
        pieces = [(p.start() + s, p.end() + s) for p in _VISIBLE.finditer(m.group())]
        if not pieces:
            continue
        if parts:
            parts.append(" ")
            cmap.append(offs[s - 1])
        for ps, pe in pieces:
            parts.append(raw[ps:pe])
            cmap.extend(offs[ps:pe])
    return fix_chars("".join(parts)), cmap


def fix_chars(text: str) -> str:
    """One-to-one replacement of odd hyphens and non-breaking spaces (length is preserved)."""
    return text.translate(_FIX) if _FIXABLE.search(text) else text


def is_page_number(text: str) -> bool:
    """A line that holds only a page number («5», «- 5 -», «Стр. 5 из 9»)."""
    return bool(_PAGE_NUMBER.fullmatch(text))


def ends_sentence(text: str) -> bool:
    """The text ends with . ! ? ; : or … (possibly followed by closing quotes or brackets)."""
    t = text.rstrip("»\"”’)]")
    return bool(t) and t[-1] in ".!?;:…"


def is_all_caps(text: str) -> bool:
    """At least four capital letters and no lower-case ones («ПОЛОЖЕНИЕ», «УТВЕРЖДЕНО:»)."""
    return not _LOWER.search(text) and len(_UPPER.findall(text)) >= 4


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def label_depth(label: str) -> int:
    """Depth of a numbering label: «2.» → 1, «2.3.» → 2, «2.3» → 2, «а)» → 1."""
    if label[-1] == ")" or not label[0].isdigit():
        return 1
    return len([x for x in label.split(".") if x])


def split_label(text: str) -> tuple[str | None, int, bool]:
    """Find a numbering label or bullet at the start: (label, offset of the text after it, is_bullet)."""
    m = LABEL_RE.match(text)
    if m:
        return m.group("label"), m.end(), False
    m = BULLET_RE.match(text)
    if m:
        return m.group("label"), m.end(), True
    return None, 0, False


_QUOTES = "\"“”„"
_QUOTE_RE = re.compile("[\"“”„]")
_OPEN_BEFORE = "([{-–—/«„“\u00a0 \t\n"
_CLOSE_AFTER = ".,;:!?)]}»…-–—/ \t\n\"“”"


def normalize_quotes(text: str) -> str:
    """Replace straight and English quotes with «» when every quote's role is unambiguous.

    A quote after a space or an opening bracket and before a non-space opens; one after a
    non-space and before a space or punctuation closes. If any quote is ambiguous, or the opens and
    closes don't balance, the text is returned unchanged. Length is preserved.
    """
    if not _QUOTE_RE.search(text):
        return text
    out = list(text)
    depth = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in _QUOTES:
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        opens = prev in _OPEN_BEFORE and not nxt.isspace()
        closes = prev not in " \t\n\u00a0" and nxt in _CLOSE_AFTER
        if opens == closes:
            return text
        if opens:
            depth += 1
            out[i] = "«"
        else:
            depth -= 1
            if depth < 0:
                return text
            out[i] = "»"
    return "".join(out) if depth == 0 else text


@lru_cache(maxsize=1)
def _morph():
    """The shared pymorphy3 analyser (:func:`sferum_policy.nlp.morph`); None when unavailable."""
    try:
        from .nlp import morph

        return morph()
    except Exception:  # missing dictionaries: fall back to a suffix heuristic
        return None


@lru_cache(maxsize=4096)
def hyphen_join(left: str, right: str) -> str | None:
    """How to join ``left-`` with the following word ``right`` across a break.

    Returns ``""`` for a soft line-break hyphen (drop it: «образова-/тельной» → «образовательной»),
    ``"-"`` for a real compound (keep it, no space: «видеоконференц-/связи»), ``None`` for a
    suspended hyphen before a conjunction («аудио- и видео») that keeps the space.
    """
    if not right or not left:
        return None
    if right.lower() in _CONJUNCTIONS or not right[0].isalnum():
        return None
    if left[-1].isdigit() or right[0].isdigit() or _LATIN.search(left) or _LATIN.search(right):
        return "-"
    if right[0].isupper():
        return "-"
    morph = _morph()
    joined = (left + right).lower()
    if morph is None:
        return "-" if left[-1].lower() in "ое" else ""
    if morph.word_is_known(joined):
        return ""
    if morph.word_is_known(right.lower()) or morph.word_is_known(left.lower()):
        return "-"
    return ""


_MIDLINE_HYPHEN = re.compile(r"(?<=\w)-(?: )(?=\w)")
_WORD_BEFORE = re.compile(r"[\w]+$")
_WORD_AFTER = re.compile(r"[\w]+")


def fix_midline_hyphens(text: str, cmap: list[int]) -> tuple[str, list[int]]:
    """Close OCR gaps after a hyphen inside a line («VK- мессенджере» → «VK-мессенджере»)."""
    if "- " not in text:
        return text, cmap
    out: list[str] = []
    omap: list[int] = []
    pos = 0
    for m in _MIDLINE_HYPHEN.finditer(text):
        left = _WORD_BEFORE.search(text, 0, m.start())
        right = _WORD_AFTER.match(text, m.end())
        if not left or not right:
            continue
        how = hyphen_join(left.group(), right.group())
        if how is None:
            continue
        cut_from = m.start() + (1 if how == "-" else 0)
        out.append(text[pos:cut_from])
        omap.extend(cmap[pos:cut_from])
        pos = m.end()
    if pos == 0:
        return text, cmap
    out.append(text[pos:])
    omap.extend(cmap[pos:])
    return "".join(out), omap


def folded(text: str) -> str | None:
    """``text`` lower-cased, or None if lower-casing is not how case-insensitive regexes see it.

    For ASCII and Cyrillic letters ``re.IGNORECASE`` matches exactly what ``str.lower()`` gives, so a
    lower-case word missing from ``folded(text)`` cannot be matched anywhere in ``text``: a cheap test
    before scanning with a slow case-insensitive pattern. None when ``text`` has a letter the two treat
    differently.
    """
    return None if _ODD_CASE.search(text) else text.lower()
