"""PDF through pypdf's text layer: page text → lines → the same assembly as plain text.

``Document.source_text`` is the pages' extracted text joined with form feeds; ``char_map`` points
into it, ``source_line`` is the 1-based line in it and ``source_unit`` the 0-based page index.
Lines that repeat at the top or bottom of most pages (running headers, footers) are dropped.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections import Counter
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .assemble import Line, assemble, finalize, lines_from_text

_MIN_LETTERS = 40  # fewer letters than this in the whole file: no usable text layer
MAX_PAGES = 1000  # an act is 3–30 pages; a 20 MB file of tiny pages would take minutes to extract


def read_pdf(data: bytes, path: Path) -> Document:
    """Read a .pdf file's bytes into a Document; a scan (no usable text layer) is recognised with Tesseract.

    A text layer that is there but damaged (recognised with the wrong language, symbol soup) is judged in
    the analysis stage (:func:`sferum_policy.analysis.analyse`), which asks :func:`reocr` for a new reading.
    """
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"{path}: файл не является документом PDF (повреждён или это другой формат)")
    pages = _extract(data, path)
    letters = sum(sum(ch.isalpha() for ch in t) for t in pages)
    if letters < _MIN_LETTERS:
        from ..ocr.engine import ocr_pdf

        ocr_pages = ocr_pdf(data, path, len(pages))
        return document_from_ocr(ocr_pages, path, "pdf", reason="scan")
    doc = document_from_pages(pages, path, "pdf")
    doc.results.pdf_bytes = data  # kept until the analysis decides whether the layer needs a new reading
    return doc


def reocr(doc: Document) -> Document | None:
    """A new reading of a PDF whose text layer is damaged, or None when Tesseract is not installed."""
    from ..ocr.engine import available, ocr_pdf

    data = doc.results.pdf_bytes
    if data is None or not available():
        return None
    pages = doc.source_text.count("\f") + 1 if doc.source_text else 1
    return document_from_ocr(ocr_pdf(data, Path(doc.path or "документ.pdf"), pages), Path(doc.path or ""), "pdf",
                             reason="damaged_layer")


def document_from_pages(pages: list[str], path: Path, fmt: str) -> Document:
    """Page texts → lines (char map into the pages joined by form feeds) → the same assembly as plain text."""
    source = "\f".join(pages)
    lines: list[Line] = []
    start = 1
    for n, page in enumerate(pages):
        page_lines = lines_from_text(page, start_line=start, unit=n)
        offset = len("\f".join(pages[:n])) + (1 if n else 0)
        for ln in page_lines:
            ln.cmap = [o + offset for o in ln.cmap]
        lines.extend(page_lines)
        start += page.count("\n") + (0 if page.endswith("\n") else 1)
    lines = _drop_running_lines(lines, len(pages))
    return Document(paragraphs=finalize(assemble(lines, width_aware=True)), path=str(path), format=fmt,
                    source_text=source)


def _common_dpi(pages) -> int | None:
    values = [p.dpi for p in pages if p.dpi]
    return max(set(values), key=values.count) if values else None


def document_from_ocr(pages, path: Path, fmt: str, *, reason: str) -> Document:
    """A Document from recognised pages, with ``results.ocr``: engine, pages, confidences, time."""
    from ..ocr.engine import LANG, dpi, engine_name
    from ..ocr.pages import OcrRun

    texts = [p.text for p in pages]
    if sum(sum(ch.isalpha() for ch in t) for t in texts) < _MIN_LETTERS:
        what = "в PDF нет текстового слоя, и" if fmt == "pdf" else "на изображении"
        raise InputError(f"{path}: {what} распознать текст не удалось (пустые страницы или слишком низкое качество скана)")
    doc = document_from_pages(texts, path, fmt)
    # line confidences by source line number (1-based, as Paragraph.source_line counts them)
    line_conf: dict[int, float] = {}
    lineno = 1
    for p in pages:
        for ln in p.lines:
            if ln.text:
                line_conf[lineno] = ln.confidence
            lineno += 1
    doc.results.ocr = OcrRun(
        engine=engine_name(), lang=LANG, dpi=_common_dpi(pages) or dpi(), reason=reason,
        pages=[{"page": p.number, "confidence": p.confidence, "seconds": round(p.seconds, 2), "dpi": p.dpi,
                "lang": p.lang} for p in pages],
        seconds=round(sum(p.seconds for p in pages), 2),
        line_confidence=line_conf,
    )
    return doc


def _extract(data: bytes, path: Path) -> list[str]:
    """Page texts; pypdf's own warnings are silenced (the CLI prints one line per error)."""
    logger = logging.getLogger("pypdf")
    saved = logger.propagate, logger.level, list(logger.handlers)
    logger.propagate, logger.handlers = False, [logging.NullHandler()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pypdf import PdfReader
            from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

            try:
                reader = PdfReader(io.BytesIO(data))
                if reader.is_encrypted:
                    try:
                        ok = reader.decrypt("")
                    except DependencyError:
                        ok = 0
                    if not ok:
                        raise InputError(f"{path}: PDF защищён паролем; снимите защиту и повторите")
                if len(reader.pages) > MAX_PAGES:
                    raise InputError(f"{path}: в PDF {len(reader.pages)} страниц (допускается до {MAX_PAGES}); "
                                     f"это не похоже на локальный акт")
                texts = []
                for n, page in enumerate(reader.pages):
                    if n >= MAX_PAGES:
                        raise InputError(f"{path}: в PDF больше {MAX_PAGES} страниц; это не похоже на локальный акт")
                    texts.append(page.extract_text() or "")
                return texts
            except InputError:
                raise
            except FileNotDecryptedError:
                raise InputError(f"{path}: PDF защищён паролем; снимите защиту и повторите") from None
            except (PdfReadError, Exception) as exc:
                if isinstance(exc, MemoryError):
                    raise
                raise InputError(f"{path}: файл PDF повреждён, текст не извлекается") from None
    finally:
        logger.propagate, logger.level, logger.handlers = saved[0], saved[1], saved[2]


def _drop_running_lines(lines: list[Line], pages: int) -> list[Line]:
    """Drop lines repeated at the first/last two positions of at least half of the pages (3+ pages)."""
    if pages < 3:
        return lines
    by_page: dict[int | None, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.unit, []).append(ln)
    edge = Counter()
    for page_lines in by_page.values():
        for t in {ln.text for ln in page_lines[:2] + page_lines[-2:]}:
            edge[t] += 1
    running = {t for t, c in edge.items() if c >= max(3, pages // 2)}
    if not running:
        return lines
    out = []
    for page_lines in by_page.values():
        ends = {id(ln) for ln in page_lines[:2] + page_lines[-2:]}
        out.extend(ln for ln in page_lines if not (id(ln) in ends and ln.text in running))
    return out
