"""ZIP documents (DOCX, ODT) with members swapped or removed: the fuzz campaign's and the tests' one helper."""

from __future__ import annotations

import io
import zipfile


def rezip(package: bytes, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """A copy of ``package`` with members replaced (in place; added at the end when new) and ``drop`` left out.

    Every kept member keeps its place, name and compression, so the ODT ``mimetype`` stays first and stored.
    """
    replace = replace or {}
    src = zipfile.ZipFile(io.BytesIO(package))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        names = set()
        for info in src.infolist():
            names.add(info.filename)
            if info.filename in drop:
                continue
            out.writestr(info, replace.get(info.filename, src.read(info)))
        for name, content in replace.items():
            if name not in names:
                out.writestr(name, content)
    return buf.getvalue()


def replace_member(package: bytes, name: str, content: bytes) -> bytes:
    """A copy of ``package`` with one member replaced (or added)."""
    return rezip(package, {name: content})
