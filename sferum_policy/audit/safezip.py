"""Safe reading of ZIP archives of acts: no path traversal, no zip bombs, one level of nesting.

Members are copied into the audit's temp dir under generated names (``tempfile.mkstemp``), so a name
stored in the archive never becomes a path. Names with ``..``, absolute paths, drive letters or NUL,
symbolic links and encrypted members are refused as error rows; sizes are counted while copying
(the sizes in the archive's directory may lie).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .item import Item

MAX_MEMBERS = 10_000  # entries in one archive
MAX_MEMBER = 20 * 1024 * 1024  # one document (the readers' limit)
MAX_NESTED = 200 * 1024 * 1024  # one archive inside the archive
MAX_TOTAL = 1024 * 1024 * 1024  # everything unpacked from one archive, nested ones included
MAX_RATIO = 200  # unpacked / packed size for members over 1 MB; zip bombs reach thousands
_CHUNK = 1 << 16
_DRIVE = re.compile(r"^[A-Za-z]:")


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_TOTAL


def _display(info: zipfile.ZipInfo) -> str:
    """The member's name; archives made by Russian Windows store names in CP866 without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("cp866")
    return name


def unsafe_reason(name: str) -> str | None:
    """Why a member name must not be used (``None`` when it is a plain relative path)."""
    n = name.replace("\\", "/")
    if "\x00" in n:
        return "недопустимый символ в имени"
    if n.startswith("/") or _DRIVE.match(n):
        return "абсолютный путь"
    if any(part == ".." for part in n.split("/")):
        return "путь выходит за пределы архива («..»)"
    return None


def unpack(archive: Path, name: str, workdir: Path, supported: tuple[str, ...], *,
           depth: int = 0, budget: _Budget | None = None) -> list[Item]:
    """The supported documents inside ``archive`` as items (unpacked into ``workdir``)."""
    budget = budget or _Budget()
    try:
        zf = zipfile.ZipFile(archive)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return [Item(name=name, error=f"{name}: архив ZIP повреждён или не читается")]
    with zf:
        if len(infos) > MAX_MEMBERS:
            return [Item(name=name, error=f"{name}: в архиве больше {MAX_MEMBERS} файлов; разделите его на части")]
        items: list[Item] = []
        for info in infos:
            if info.is_dir():
                continue
            member = _display(info)
            shown = f"{name}/{member.replace(chr(92), '/')}"
            reason = unsafe_reason(member)
            if reason is None and stat.S_ISLNK(info.external_attr >> 16):
                reason = "символическая ссылка"
            if reason is not None:
                items.append(Item(name=f"{name}/{member}", error=f"{name}: файл «{member}» в архиве отклонён: {reason}"))
                continue
            pure = PurePosixPath(member.replace("\\", "/"))
            if any(part.startswith((".", "~$", "__MACOSX")) for part in pure.parts):
                continue
            suffix = pure.suffix.lower()
            nested = suffix == ".zip"
            if not nested and suffix not in supported:
                continue
            if nested and depth >= 1:
                items.append(Item(name=shown, error=f"{shown}: архив внутри вложенного архива не проверяется "
                                                    f"(допускается один уровень вложенности)"))
                continue
            if info.flag_bits & 0x1:
                items.append(Item(name=shown, error=f"{shown}: файл в архиве зашифрован (защищён паролем)"))
                continue
            limit = MAX_NESTED if nested else MAX_MEMBER
            error = _check_sizes(info, shown, limit, budget)
            if error:
                items.append(Item(name=shown, error=error))
                continue
            target, error = _copy(zf, info, shown, workdir, suffix, limit, budget)
            if error:
                items.append(Item(name=shown, error=error))
            elif nested:
                items.extend(unpack(target, shown, workdir, supported, depth=depth + 1, budget=budget))
            else:
                items.append(Item(name=shown, path=target, size=target.stat().st_size))
        return items


def _check_sizes(info: zipfile.ZipInfo, shown: str, limit: int, budget: _Budget) -> str | None:
    if info.file_size > limit:
        return f"{shown}: файл в архиве слишком большой ({info.file_size / 1024 / 1024:.0f} МБ; допускается до {limit // 1024 // 1024} МБ)"
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"{shown}: подозрительно высокая степень сжатия (возможна «ZIP-бомба»); файл пропущен"
    if info.file_size > budget.left:
        return f"{shown}: содержимое архива после распаковки больше {MAX_TOTAL // 1024 // 1024} МБ; файл пропущен"
    return None


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, workdir: Path, suffix: str, limit: int,
          budget: _Budget) -> tuple[Path, str | None]:
    """Copy one member to a new file in ``workdir``, counting the bytes actually unpacked."""
    fd, tmp = tempfile.mkstemp(prefix="m", suffix=suffix, dir=workdir)
    target = Path(tmp)
    written = 0
    error = None
    try:
        with os.fdopen(fd, "wb") as out, zf.open(info) as src:
            while block := src.read(_CHUNK):
                written += len(block)
                if written > min(limit, info.file_size, budget.left):
                    error = f"{shown}: размер файла в архиве не совпадает с заявленным (архив повреждён или небезопасен)"
                    break
                out.write(block)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        error = f"{shown}: файл в архиве повреждён и не распаковывается ({type(exc).__name__})"
    budget.left -= written
    if error:
        target.unlink(missing_ok=True)
    return target, error
