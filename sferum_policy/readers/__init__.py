"""Readers: one per format, each producing the same :class:`~sferum_policy.document.Document`.

``read(path)`` picks the reader by the file's content and extension, then runs the shared
normalisation and metadata analysis. Every failure is an :class:`InputError` with a Russian message
that names the file.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a local act is rarely over 1 MB; 20 MB leaves room for images in DOCX

SUPPORTED = (".docx", ".pdf", ".odt", ".txt", ".md", ".doc")


def read(path: str | Path) -> Document:
    """Read any supported file into a Document (with sections and metadata)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: файл не найден")
    if p.is_dir():
        raise InputError(f"{p}: это каталог, а не файл")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{p}: не удалось прочитать файл ({exc.strerror})") from None
    if size == 0:
        raise InputError(f"{p}: файл пуст")
    if size > MAX_BYTES:
        raise InputError(f"{p}: файл слишком большой ({size / 1024 / 1024:.0f} МБ; допускается до {MAX_BYTES // 1024 // 1024} МБ)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: не удалось прочитать файл ({exc.strerror})") from None
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from .docx import read_docx

        doc = read_docx(data, p)
    elif suffix == ".pdf":
        from .pdf import read_pdf

        doc = read_pdf(data, p)
    elif suffix == ".odt":
        from .odt import read_odt

        doc = read_odt(data, p)
    elif suffix == ".doc":
        from .doc import read_doc

        doc = read_doc(data, p)
    elif suffix in (".txt", ".md", ".text", ""):
        from .text import read_text_bytes

        doc = read_text_bytes(data, p)
    else:
        raise InputError(f"{p}: неподдерживаемый формат «{suffix}»; поддерживаются: {', '.join(SUPPORTED)}")
    return finish(doc)


def read_string(text: str, name: str | None = None) -> Document:
    """Read an act given as a string (plain text or Markdown)."""
    from .text import read_text

    return finish(read_text(text, name))


def finish(doc: Document) -> Document:
    """Shared last steps of every reader: sections and metadata."""
    from ..metadata import analyze

    if not any(p.text.strip() for p in doc.paragraphs):
        raise InputError(f"{doc.path or 'текст'}: в документе нет текста")
    analyze(doc)
    return doc
