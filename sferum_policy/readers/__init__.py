"""Readers: one per format, each producing the same :class:`~sferum_policy.document.Document`.

``read_raw(path)`` picks the reader by the file's content and extension and returns the read
Document; ``read(path)`` is ``analyse(read_raw(path))`` — the analysis stage (:mod:`sferum_policy.analysis`:
text layer, sections, metadata) is a visible call, not hidden inside the readers. Every failure is an
:class:`InputError` with a Russian message that names the file.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a local act is rarely over 1 MB; 20 MB leaves room for images in DOCX
MAX_TEXT_BYTES = 4 * 1024 * 1024  # plain text/Markdown: an act is 20–60 KB; 4 MB is ~2000 pages

SUPPORTED = (".docx", ".pdf", ".odt", ".txt", ".md", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
_BY_EXTENSION = {".docx": "docx", ".docm": "docx", ".pdf": "pdf", ".odt": "odt", ".doc": "doc", ".txt": "text",
                 ".md": "text", ".markdown": "text", ".text": "text", "": "text",
                 ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}


def read(path: str | Path) -> Document:
    """Read any supported file into a Document and analyse it (text layer, sections, metadata)."""
    return _analysed(read_raw(path))


def read_raw(path: str | Path) -> Document:
    """Read any supported file into a Document: paragraphs and the map back to the source, not yet analysed."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: файл не найден")
    if p.is_dir():
        raise InputError(f"{p}: это каталог, а не файл")
    suffix = p.suffix.lower()
    if suffix not in _BY_EXTENSION:
        raise InputError(f"{p}: неподдерживаемый формат «{suffix}»; поддерживаются: {', '.join(SUPPORTED)}")
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
    kind = _sniff(data, suffix)
    if kind == "docx":
        from .docx import read_docx

        doc = read_docx(data, p)
    elif kind == "pdf":
        from .pdf import read_pdf

        doc = read_pdf(data, p)
    elif kind == "odt":
        from .odt import read_odt

        doc = read_odt(data, p)
    elif kind == "doc":
        from .doc import read_doc

        doc = read_doc(data, p)
    elif kind == "image":
        from ..ocr.engine import ocr_image
        from .pdf import document_from_ocr

        doc = document_from_ocr(ocr_image(data, p), p, "image", reason="image")
    elif kind == "text":
        if size > MAX_TEXT_BYTES:
            raise InputError(f"{p}: текстовый файл слишком большой ({size / 1024 / 1024:.1f} МБ; "
                             f"допускается до {MAX_TEXT_BYTES // 1024 // 1024} МБ)")
        from .text import read_text_bytes

        doc = read_text_bytes(data, p)
    else:
        raise InputError(f"{p}: неподдерживаемый формат «{suffix}»; поддерживаются: {', '.join(SUPPORTED)}")
    return _has_text(doc)


def _sniff(data: bytes, suffix: str) -> str | None:
    """Which reader to use: the extension decides, unless the content is clearly another supported format.

    A ``.docx`` that is really an ODT or PDF (or the reverse) is read by its content; a ``.txt`` that
    is a DOCX is read as DOCX. Unknown extensions are refused.
    """
    from .package import OLE_SIGNATURE, ZIP_SIGNATURE, is_odt

    by_ext = _BY_EXTENSION.get(suffix)
    if by_ext is None:
        return None
    if data.lstrip()[:5].startswith(b"%PDF"):
        return "pdf"
    from ..ocr.images import image_kind

    if image_kind(data) is not None and by_ext in ("image", "pdf", "docx", "odt", "doc"):
        return "image"
    if is_odt(data):
        return "odt"
    if data.startswith(ZIP_SIGNATURE) and by_ext in ("text", "odt", "pdf"):
        return "docx"
    if data.startswith(OLE_SIGNATURE) and by_ext in ("text", "odt", "pdf"):
        return "doc"
    return by_ext


def read_string(text: str, name: str | None = None) -> Document:
    """Read an act given as a string (plain text or Markdown) and analyse it."""
    return _analysed(read_string_raw(text, name))


def read_string_raw(text: str, name: str | None = None) -> Document:
    """An act given as a string (plain text or Markdown) as a Document, not yet analysed."""
    from .text import read_text

    return _has_text(read_text(text, name))


def _has_text(doc: Document) -> Document:
    if not any(p.text.strip() for p in doc.paragraphs):
        raise InputError(f"{doc.path or 'текст'}: в документе нет текста")
    return doc


def _analysed(doc: Document) -> Document:
    """The analysis stage, given the PDF reader's new recognition for a damaged text layer."""
    from ..analysis import analyse
    from .pdf import reocr

    return analyse(doc, reocr)
