"""Legacy Word .doc: converted to DOCX with LibreOffice (when installed), then read as DOCX."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..memory import lift_in_child
from .package import ZIP_SIGNATURE

CONVERT_TIMEOUT = 120  # seconds


def find_office() -> str | None:
    """Path of ``soffice``/``libreoffice`` on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, path: Path) -> Document:
    """Read a .doc file: a DOCX saved with the wrong extension is read directly."""
    from .docx import read_docx

    if data.startswith(ZIP_SIGNATURE):
        return read_docx(data, path)
    office = find_office()
    if office is None:
        raise InputError(f"{path}: формат .doc требует установленного LibreOffice; сохраните файл как .docx")
    with tempfile.TemporaryDirectory(prefix="sferum-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)  # convert a copy: the user's file is never touched
        cmd = [office, "--headless", "--norestore", f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False,
                           preexec_fn=lift_in_child if os.name == "posix" else None)
        except subprocess.TimeoutExpired:
            raise InputError(f"{path}: LibreOffice не преобразовал файл .doc за {CONVERT_TIMEOUT} с; "
                             f"сохраните файл как .docx") from None
        except OSError as exc:
            raise InputError(f"{path}: не удалось запустить LibreOffice ({exc.strerror})") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise InputError(f"{path}: LibreOffice не смог преобразовать файл .doc (повреждён или защищён паролем); "
                             f"сохраните файл как .docx")
        doc = read_docx(out.read_bytes(), path)
    doc.format = "doc"
    return doc
