"""Metadata analysis (minimal version; to be replaced): title, kind, sections."""

from __future__ import annotations

from .document import Document


def analyze(doc: Document) -> None:
    for p in doc.paragraphs:
        if p.text.strip():
            doc.meta.title = p.text.strip()
            break
