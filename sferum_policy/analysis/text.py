"""Text helpers of the analysis: Markdown-free text, numbering labels and their numbers."""

from __future__ import annotations

import re

from ..document import Paragraph

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)?")
_TEXT_LABEL = re.compile(r"^[#>*\s]*(\d{1,3}(?:\.\d{1,3})*)(\.?)\)?(?=\s|\*)")
LABEL_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\)?$")
WORD = re.compile(r"[A-Za-zА-Яа-яЁё]")
TERMINAL = (".", "!", "?", "…")


def clean(text: str) -> str:
    """Text without Markdown decoration (``**``, leading ``#``, backslash escapes), spaces collapsed."""
    t = _MD_ESCAPE.sub(r"\1", text)
    t = _MD_LEAD.sub("", t).replace("**", "")
    return " ".join(t.split())


def has_letters(text: str) -> bool:
    return bool(WORD.search(text))


def label_span(p: Paragraph) -> tuple[str, int, int] | None:
    """The numbering label of ``p`` and its span relative to ``p.text``.

    A label split off by the reader lies before the text (negative offsets: ``-(len+1)…-1``);
    a label the reader left in the text («## 2. Права …» in Markdown) has its offsets in it.
    """
    if p.label:
        if not LABEL_NUM.match(p.label.strip()):
            return None
        return p.label, -(len(p.label) + 1), -1
    m = _TEXT_LABEL.match(p.text)
    if not m:
        return None
    return m.group(1) + m.group(2), m.start(1), m.end(2)


def label_numbers(p: Paragraph) -> tuple[int, ...] | None:
    """``(2, 5)`` for a paragraph numbered «2.5.»; None for unnumbered paragraphs and «а)», «-»."""
    span = label_span(p)
    if span is None:
        return None
    m = LABEL_NUM.match(span[0].strip())
    return tuple(int(x) for x in m.group(1).split(".")) if m else None


def body_text(p: Paragraph) -> str:
    """The paragraph's clean text without its numbering label."""
    span = label_span(p)
    if span is not None and span[1] >= 0:
        return clean(p.text[span[2]:])
    return clean(p.text)


def format_label(numbers: tuple[int, ...]) -> str:
    return ".".join(map(str, numbers))
