"""Safety checks for ZIP-based documents (DOCX, ODT) before any XML parser sees them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_UNPACKED = 300 * 1024 * 1024  # total size of all parts after decompression
MAX_RATIO = 200  # a part unpacking to over 200× its packed size (and over 10 MB) is a zip bomb
_RATIO_FLOOR = 10 * 1024 * 1024
_CHUNK = 1024 * 1024
_FORBIDDEN = tuple(
    token.encode(enc) for token in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_OVERLAP = max(len(t) for t in _FORBIDDEN) - 1
# every forbidden token holds the byte of «!» (rare in XML), so a window without it needs no search
_BANG = b"!"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_PARAGRAPHS = 50_000  # ~1000 pages (the PDF reader's page limit); an act has 50–500 paragraphs
_PARAGRAPH_TAGS = (b"<w:p>", b"<w:p ", b"<text:p>", b"<text:p ", b"<text:h>", b"<text:h ")


def open_package(data: bytes, path: str | Path, fmt: str) -> zipfile.ZipFile:
    """Open a ZIP document, rejecting encrypted/OLE files, corrupt archives, zip and XML bombs."""
    if data.startswith(OLE_SIGNATURE):
        raise InputError(f"{path}: файл защищён паролем или это старый формат .doc; "
                         f"снимите пароль или сохраните документ как .docx")
    if not data.startswith(ZIP_SIGNATURE):
        raise InputError(f"{path}: файл не является документом {fmt} (повреждён или это другой формат)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{path}: файл {fmt} повреждён (архив не читается)") from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise InputError(f"{path}: после распаковки документ {fmt} занимает больше "
                         f"{MAX_UNPACKED // 1024 // 1024} МБ; файл повреждён или небезопасен")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{path}: часть «{info.filename}» документа {fmt} сжата более чем в {MAX_RATIO} раз "
                             f"({info.file_size // 1024 // 1024} МБ после распаковки); файл повреждён или небезопасен")
    _check_xml_budget(infos, path, fmt)
    paragraphs = 0
    for info in infos:
        try:
            found, count = _scan(zf, info)
        except Exception:
            raise InputError(f"{path}: файл {fmt} повреждён (часть «{info.filename}» не читается)") from None
        paragraphs += count
        if paragraphs > MAX_PARAGRAPHS:
            raise InputError(f"{path}: в документе {fmt} больше {MAX_PARAGRAPHS:,} абзацев (около "
                             f"{MAX_PARAGRAPHS // 50:,} страниц); это не похоже на локальный акт — файл повреждён "
                             f"или небезопасен".replace(",", "\u00a0"))
        if found:
            raise InputError(f"{path}: документ {fmt} содержит недопустимые конструкции XML (DOCTYPE/ENTITY); "
                             f"файл повреждён или небезопасен")
    return zf


def _is_xml_part(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith((".xml", ".rels"))


def _check_xml_budget(infos: list[zipfile.ZipInfo], path: str | Path, fmt: str) -> None:
    """Refuse XML parts larger than the memory ceiling allows (see :mod:`sferum_policy.memory`).

    lxml holds ~20 bytes of RAM per byte of XML, so a 4 MB DOCX whose ``document.xml`` unpacks to
    294 MB would need ~6 GB. The directory's sizes are what ``zipfile`` reads back (a part longer
    than its recorded size fails its CRC check), so they can be trusted here.
    """
    from .. import memory

    limit = memory.max_xml_bytes()
    if limit is None:
        return
    xml = [i for i in infos if _is_xml_part(i)]
    for info in xml:
        if info.file_size > limit:
            raise InputError(_too_much_xml(path, fmt, f"часть «{info.filename}»", info.file_size, limit))
    total = sum(i.file_size for i in xml)
    if total > limit:
        raise InputError(_too_much_xml(path, fmt, "XML-части вместе", total, limit))


def _too_much_xml(path: str | Path, fmt: str, what: str, size: int, limit: int) -> str:
    from ..memory import XML_RAM_FACTOR, configured_limit, megabytes

    need = megabytes(size * XML_RAM_FACTOR)
    ceiling = configured_limit() or 0
    return (f"{path}: {what} документа {fmt} после распаковки — {megabytes(size)} (допускается до {megabytes(limit)}); "
            f"для разбора понадобилось бы около {need} памяти при пределе {megabytes(ceiling)}. "
            f"Файл слишком большой или небезопасен — пересохраните его в Word или разделите на части")


def _has_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Does an XML-looking part declare a DOCTYPE or ENTITY anywhere (a padded prolog included)?"""
    return _scan(zf, info)[0]


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bool, int]:
    """One pass over a part: does it declare a DOCTYPE or ENTITY, and how many paragraph elements it has.

    Paragraphs are counted here, before any parser, because each costs the reader ~1,6 KB of memory
    and the checks time: 750 000 tiny paragraphs (30 MB of XML) would take 1,2 GB and minutes.
    """
    with zf.open(info) as fh:
        chunk = fh.read(64)
        head = chunk.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
        if not info.filename.endswith((".xml", ".rels")) and not head.startswith(b"<"):
            return False, 0  # images and other binary parts: no parser reads them as XML
        chunk += fh.read(_CHUNK)
        tail = b""
        paragraphs = 0
        while chunk:
            window = tail + chunk
            if _BANG in window and any(token in window for token in _FORBIDDEN):
                return True, paragraphs
            # occurrences wholly inside ``tail`` were counted with the previous chunk
            paragraphs += sum(window.count(t) - tail.count(t) for t in _PARAGRAPH_TAGS)
            tail = window[-_OVERLAP:]
            chunk = fh.read(_CHUNK)
    return False, paragraphs


def is_odt(data: bytes) -> bool:
    """A ZIP whose first member is the ODF text mimetype."""
    return data.startswith(ZIP_SIGNATURE) and ODT_MIMETYPE in data[:200]
