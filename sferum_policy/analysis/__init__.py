"""Analysis: what a read text is — the stage between reading and the checks.

``analyse(doc)`` runs, in order: the text layer's verdict and the repair of recognisable OCR damage
(:mod:`sferum_policy.ocr.quality`; a damaged text PDF is recognised again through ``reread``), then
sections, title, kind, requisites, organisation and platforms (:mod:`.metadata`), then the correction of
a kind judged on an unreadable header. ``readers.read()`` is ``analyse(read_raw())``; the pipeline and
every caller of ``read()`` see the same Document as before the stage was made visible.

Modules: :mod:`.text` (clean text, numbering labels), :mod:`.sections` (headings, sections, appended
text), :mod:`.requisites` (kind word, approval and adoption marks), :mod:`.organisation` (name, kind,
platforms), :mod:`.metadata` (``analyze``: all of them on one Document).
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document


def analyse(doc: Document, reread: Callable[[Document], Document | None] | None = None) -> Document:
    """Judge and repair the text layer, then fill sections and metadata; return the Document to use
    (a new one when a damaged PDF was recognised again)."""
    from ..ocr.quality import after_analysis, settle
    from .metadata import analyze

    doc = settle(doc, reread)
    analyze(doc)
    after_analysis(doc)
    return doc
