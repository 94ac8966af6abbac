"""Atomic output writing: a temporary file in the target folder, then an atomic rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = True, protect: tuple[Path, ...] = (),
                 durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically.

    Refuses to overwrite an existing file unless ``force``, and never writes over any of
    ``protect`` (the command's input files). ``durable=False`` skips the ``fsync`` (the rename is
    still atomic: a reader sees the old file or the whole new one) — for the audit's many
    per-document files, which a re-run can always rebuild.
    """
    target = Path(path)
    if protect:
        resolved = target.resolve()
        for p in protect:
            if Path(p).resolve() == resolved:
                raise InputError(f"{target}: нельзя записывать результат поверх входного файла")
    if not force and target.exists():
        raise InputError(f"{target}: файл уже существует; чтобы перезаписать его, добавьте --force")
    if target.is_dir():  # (also a symbolic link to a folder, which os.replace would replace)
        raise InputError(f"{target}: это каталог, а не файл")
    parent = target.parent if str(target.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{target}: каталог {parent} не существует") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target
