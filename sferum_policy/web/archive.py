"""Checks of an uploaded ZIP of acts before anything is unpacked: names, counts, sizes, compression."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from .limits import Limits, megabytes
from .uploads import UploadError


def inspect_zip(path: Path, shown: str, limits: Limits) -> int:
    """Refuse an unsafe archive as a whole (400/413); return the number of files in it.

    Refused: unreadable or encrypted archives, more than ``max_members`` files, names with ``..``,
    absolute paths or drive letters, symbolic links, a total unpacked size over ``max_unpacked``, a
    member or the whole archive compressed more than ``max_ratio`` times (a «ZIP bomb»). Sizes are
    counted again while unpacking (:mod:`sferum_policy.audit.safezip`), since the directory may lie.
    """
    from ..audit.safezip import unsafe_reason

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadError(f"Архив «{shown}» повреждён или не читается") from None
    files = [i for i in infos if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise UploadError(f"В архиве «{shown}» больше {limits.max_members} файлов; разделите его на части", 413)
    if not files:
        raise UploadError(f"Архив «{shown}» пуст")
    total = packed = 0
    for info in files:
        reason = unsafe_reason(info.filename)
        if reason is None and stat.S_ISLNK(info.external_attr >> 16):
            reason = "символическая ссылка"
        if reason is not None:
            raise UploadError(f"Архив «{shown}» отклонён: файл «{info.filename}» — {reason}")
        if info.flag_bits & 0x1:
            raise UploadError(f"Архив «{shown}» отклонён: файл «{info.filename}» зашифрован (защищён паролем)")
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UploadError(f"Архив «{shown}» отклонён: файл «{info.filename}» сжат в {info.file_size // max(info.compress_size, 1)} раз "
                              f"(похоже на «ZIP-бомбу»)")
        total += info.file_size
        packed += info.compress_size
    if total > limits.max_unpacked:
        raise UploadError(f"Архив «{shown}» отклонён: после распаковки он занял бы больше {megabytes(limits.max_unpacked)}", 413)
    if total > 10 * 1024 * 1024 and total > limits.max_ratio * max(packed, 1):
        raise UploadError(f"Архив «{shown}» отклонён: слишком высокая степень сжатия (похоже на «ZIP-бомбу»)")
    return len(files)
