"""Safety checks for ZIP-based documents (DOCX, ODT) before any XML parser sees them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_UNPACKED = 300 * 1024 * 1024  # total size of all parts after decompression
_XML_SCAN = 64 * 1024
_FORBIDDEN = tuple(
    token.encode(enc) for token in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


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
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with zf.open(info) as fh:
                head = fh.read(_XML_SCAN)
        except Exception:
            raise InputError(f"{path}: файл {fmt} повреждён (часть «{info.filename}» не читается)") from None
        if any(token in head for token in _FORBIDDEN):
            raise InputError(f"{path}: документ {fmt} содержит недопустимые конструкции XML (DOCTYPE/ENTITY); "
                             f"файл повреждён или небезопасен")
    return zf


def is_odt(data: bytes) -> bool:
    """A ZIP whose first member is the ODF text mimetype."""
    return data.startswith(ZIP_SIGNATURE) and ODT_MIMETYPE in data[:200]
