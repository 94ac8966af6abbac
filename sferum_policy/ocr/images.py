"""Image files by their bytes: the kind (PNG, JPEG, TIFF), the size from the header, the pages of a TIFF,
an empty greyscale page. No external program: the audit and the readers use these without Tesseract."""

from __future__ import annotations

import re
import struct
from pathlib import Path

_LIGHT = bytes(range(161, 256))
DARK_PIXELS = 200  # fewer dark pixels than this: an empty page (a blank back side), not worth recognising


def blank_pgm(image: Path) -> bool:
    """Is this greyscale page (binary PGM from pdftoppm) empty? Counting dark pixels costs milliseconds."""
    try:
        data = image.read_bytes()
    except OSError:
        return False
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m or int(m.group(3)) != 255:
        return False
    pixels = data[m.end():]
    return len(pixels.translate(None, _LIGHT)) < DARK_PIXELS


def image_kind(data: bytes) -> str | None:
    """png | jpeg | tiff by the file's signature, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header (None when unknown: TIFF, odd JPEG)."""
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return w, h
            i += 2 + length
    return None


def tiff_pages(image: Path, limit: int) -> int:
    """Number of pages (IFDs) of a TIFF file, read from its header chain (counting stops past ``limit``)."""
    try:
        data = image.read_bytes()
        endian = "<" if data[:2] == b"II" else ">"
        off = struct.unpack(endian + "I", data[4:8])[0]
        n = 0
        seen = set()
        while off and off not in seen and off + 2 <= len(data) and n <= limit:
            seen.add(off)
            n += 1
            entries = struct.unpack(endian + "H", data[off:off + 2])[0]
            nxt = off + 2 + 12 * entries
            if nxt + 4 > len(data):
                break
            off = struct.unpack(endian + "I", data[nxt:nxt + 4])[0]
        return max(n, 1)
    except (OSError, struct.error):
        return 1
