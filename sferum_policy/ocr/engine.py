"""Optical character recognition of scans: the Tesseract command line, pages rasterised by ``pdftoppm``.

Pages of a PDF are rasterised by ``pdftoppm`` to uncompressed greyscale PGM at 250 dpi: PNG output costs
1.3 s a page, PGM 0.1 s, and on the bundled scans 200, 250 and 300 dpi give the same character error rate
(250 keeps a margin for small print at two thirds of the time of 300).

Why the command line (and not pytesseract, tesserocr or OCRmyPDF): pytesseract is itself a wrapper that
starts the same ``tesseract`` program and writes the same files, so it adds a dependency and nothing else;
tesserocr has to be compiled against ``libtesseract-dev``; OCRmyPDF rebuilds the whole PDF (and needs
Ghostscript) when only the words are wanted. ``tesseract … tsv`` gives every word with its line, paragraph
and confidence. Measured on this machine (docs/benchmarks.md): one A4 page at 250–300 dpi takes about 1.5–3 s with
``OMP_THREAD_LIMIT=1`` and 5–12 s without it (Tesseract's own threads fight over two cores), so every process
runs single-threaded and pages are recognised two at a time.

Bounds: at most :data:`MAX_PAGES` pages, :data:`PAGE_TIMEOUT` seconds and :data:`MEMORY_LIMIT` bytes of
address space per page process, and images up to :data:`MAX_PIXELS` pixels. Nothing is downloaded: the
Russian model is the Debian package ``tesseract-ocr-rus``.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import os
import re
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

LANG = "rus"
LATIN_LANG = "eng"  # added for pages with e-mail addresses and links
DPI = 250  # PDF pages are rasterised at this resolution (SFERUM_OCR_DPI overrides, 100–600)
MAX_PAGES = 60  # a scanned act is 3–30 pages; 60 pages take about a minute
PAGE_TIMEOUT = 120.0  # seconds for one page (rasterising + recognition)
MEMORY_LIMIT = 2 * 1024 ** 3  # address space of one tesseract/pdftoppm process
MAX_PIXELS = 120_000_000  # an A4 page at 600 dpi is 35 Mpx
INSTALL_HINT = "sudo apt-get install tesseract-ocr tesseract-ocr-rus poppler-utils (или make ocr)"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

#: Called after each recognised page: (page number from 1, pages in all, seconds it took).
ProgressFn = Callable[[int, int, float], None]
_progress: contextvars.ContextVar[ProgressFn | None] = contextvars.ContextVar("ocr_progress", default=None)


@contextlib.contextmanager
def progress(fn: ProgressFn | None):
    """Report recognised pages to ``fn`` inside the ``with`` block (the CLI prints them on a terminal)."""
    token = _progress.set(fn)
    try:
        yield
    finally:
        _progress.reset(token)


@dataclass(slots=True)
class OcrLine:
    text: str
    confidence: float  # mean word confidence, 0–100


@dataclass(slots=True)
class OcrPage:
    number: int  # from 1
    lines: list[OcrLine] = field(default_factory=list)  # an empty text line separates paragraphs
    seconds: float = 0.0
    dpi: int | None = None
    lang: str = LANG  # resolution the page was rasterised at (None: an image file as it is)

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence of the page weighted by the length of the lines (None if no words)."""
        weights = [(len(ln.text), ln.confidence) for ln in self.lines if ln.text]
        total = sum(w for w, _ in weights)
        return round(sum(w * c for w, c in weights) / total, 1) if total else None


def tesseract() -> str | None:
    return shutil.which("tesseract")


@lru_cache(maxsize=1)
def _langs() -> frozenset[str]:
    exe = tesseract()
    if exe is None:
        return frozenset()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env()).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(out.split()[1:])


@lru_cache(maxsize=1)
def _status() -> tuple[bool, str]:
    """(usable, version or what is missing) — Tesseract with the Russian model, and pdftoppm."""
    exe = tesseract()
    if exe is None:
        return False, "не установлена программа Tesseract"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30,
                               env=_env()).stdout.split()
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30,
                                 env=_env()).stdout.split("\n", 1)[0].strip()
    except (OSError, subprocess.SubprocessError):
        return False, "программа Tesseract не запускается"
    if LANG not in langs:
        return False, "у Tesseract нет русской модели (пакет tesseract-ocr-rus)"
    return True, version or "tesseract"


def available() -> bool:
    """True when scans can be recognised here (Tesseract with the Russian model is installed)."""
    return _status()[0]


def engine_name() -> str:
    return _status()[1] if available() else ""


def require(path: Path | str, what: str) -> None:
    """Raise a one-line Russian InputError saying how to install Tesseract when it is missing."""
    ok, why = _status()
    if not ok:
        raise InputError(f"{path}: {what}; для распознавания нужна программа Tesseract с русским языком — {why}. "
                         f"Установите: {INSTALL_HINT}")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # see the module docstring: threads only slow it down here
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, timeout=timeout, env=_env(), preexec_fn=_limit_memory,
                          check=False)


def dpi() -> int:
    try:
        value = int(os.environ.get("SFERUM_OCR_DPI", DPI))
    except ValueError:
        value = DPI
    return min(600, max(100, value))


def page_dpi(native: float | None) -> int:
    """Resolution to rasterise a page at: a scanned page at its own resolution (150–300 dpi, so that nothing is
    invented by upsampling a 200-dpi scan), a page of vector text at :func:`dpi`."""
    if native is None or "SFERUM_OCR_DPI" in os.environ:
        return dpi()
    return int(min(300, max(150, round(native))))


def _image_ppi(pdf: Path) -> dict[int, float]:
    """Page → resolution of its largest picture (``pdfimages -list``); empty when unknown."""
    if shutil.which("pdfimages") is None:
        return {}
    try:
        res = _run(["pdfimages", "-list", str(pdf)], 60)
    except subprocess.TimeoutExpired:
        return {}
    best: dict[int, tuple[int, float]] = {}
    for row in res.stdout.decode("utf-8", "replace").splitlines()[2:]:
        cols = row.split()
        try:
            page, width, height, ppi = int(cols[0]), int(cols[3]), int(cols[4]), float(cols[12])
        except (IndexError, ValueError):
            continue
        if page not in best or width * height > best[page][0]:
            best[page] = (width * height, ppi)
    return {page: ppi for page, (_, ppi) in best.items()}


def jobs() -> int:
    """How many pages to recognise at once: ``SFERUM_OCR_JOBS``, else two (or one on a single core)."""
    try:
        n = int(os.environ.get("SFERUM_OCR_JOBS", "0"))
    except ValueError:
        n = 0
    return max(1, n) if n else max(1, min(2, os.cpu_count() or 1))


# --- Tesseract's TSV: level page block par line word left top width height conf text --------------------

_BODY_START = re.compile(r"\d{1,2}\.\s|[IVX]{1,4}\.\s|(?:ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|Положение|Порядок)\b")
COLUMN_GAP = 3.0  # a gap between words wider than this many word heights separates two columns


@dataclass(slots=True)
class _Word:
    text: str
    conf: float
    left: int
    width: int
    height: int


def parse_tsv(tsv: str, number: int) -> OcrPage:
    """Lines of one page from Tesseract's TSV; a change of block or paragraph leaves an empty line.

    Two columns that Tesseract read as one line — the approval and adoption stamps printed side by side —
    are separated by the gap between their words and given one after the other, so that «ПРИНЯТО …
    (протокол от …)» and «УТВЕРЖДЕНО … от …» keep their own dates.
    """
    blocks: dict[str, dict[tuple[str, str], list[_Word]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            conf = float(cols[10])
            left, width, height = int(cols[6]), int(cols[8]), int(cols[9])
        except ValueError:
            conf, left, width, height = -1.0, 0, 0, 0
        key = (cols[2], cols[3], cols[4])
        lines = blocks.setdefault(key[0], {})
        lines.setdefault((key[1], key[2]), []).append(_Word(text, conf, left, width, height))
    entries = [((block, par), _segments(words)) for block, lines in blocks.items()
               for (par, _), words in lines.items()]
    split = [k for k, (_, segs) in enumerate(entries) if len(segs) > 1]
    if split:  # the region of side-by-side columns: from the first to the last line with a column gap
        split_x = 0.9 * entries[split[0]][1][1][0].left
        first, last = split[0], split[-1]
        margin = min(segs[0][0].left for _, segs in entries[first:last + 1])
        h = max(1, entries[first][1][0][0].height)

        def in_column(segs: list[list[_Word]]) -> bool:
            """A line of one column: it starts at a column's edge and ends before the next column (and is not
            the act's title or its first numbered point, which follow the stamps)."""
            if _BODY_START.match(segs[0][0].text + " " + (segs[0][1].text if len(segs[0]) > 1 else "")):
                return False
            start, end = segs[0][0].left, segs[-1][-1].left + segs[-1][-1].width
            at_left = abs(start - margin) <= 3 * h and end < split_x
            return len(segs) == 1 and (at_left or start >= split_x)

        while last + 1 < len(entries) and in_column(entries[last + 1][1]):
            last += 1  # lines that go on in one of the columns
        left = [(key, seg) for key, segs in entries[first:last + 1] for seg in segs if seg[0].left < split_x]
        right = [((key[0], "right", key[1]), seg) for key, segs in entries[first:last + 1] for seg in segs
                 if seg[0].left >= split_x]
        flat = [(key, seg) for key, segs in entries[:first] for seg in segs] + left + right + \
            [(key, seg) for key, segs in entries[last + 1:] for seg in segs]
    else:
        flat = [(key, seg) for key, segs in entries for seg in segs]
    page = OcrPage(number)
    prev = None
    for key, seg in flat:
        if prev is not None and key != prev:
            page.lines.append(OcrLine("", 0.0))
        prev = key
        confs = [w.conf for w in seg if w.conf >= 0]
        page.lines.append(OcrLine(" ".join(w.text for w in seg), sum(confs) / len(confs) if confs else 0.0))
    return page


def _segments(words: list[_Word]) -> list[list[_Word]]:
    """Split one recognised line where the gap between two words is a column gap."""
    heights = sorted(w.height for w in words if w.height)
    h = heights[len(heights) // 2] if heights else 0
    out: list[list[_Word]] = [[words[0]]]
    for a, b in itertools.pairwise(words):
        if h and b.left - (a.left + a.width) > COLUMN_GAP * h:
            out.append([b])
        else:
            out[-1].append(b)
    return out


# An address read by the Russian model alone comes out in Cyrillic («шю@з$Ёегит.ти» for «info@sferum.ru»).
_ADDRESS_LIKE = re.compile(r"\S@\S|https?:|www\.|\.(?:ru|рф|ру|ги|ти|com|соm|org)\b", re.IGNORECASE)


def _tesseract_tsv(image: Path, number: int, label: Path, lang: str) -> OcrPage:
    exe = tesseract() or "tesseract"
    try:
        res = _run([exe, str(image), "stdout", "-l", lang, "--psm", "3", "tsv"], PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise InputError(f"{label}: страница {number} распознаётся дольше {PAGE_TIMEOUT:.0f} с; "
                         "уменьшите разрешение скана") from None
    if res.returncode != 0:
        raise InputError(f"{label}: не удалось распознать страницу {number} (изображение повреждено или слишком "
                         "велико)")
    return parse_tsv(res.stdout.decode("utf-8", "replace"), number)


def _ocr_image(image: Path, number: int, label: Path) -> OcrPage:
    """Recognise a page with the Russian model; a page with an address is read again with Russian + English.

    Measured on the bundled scans: «rus+eng» reads e-mail addresses and links right and has a lower character
    error rate, but takes 2.3 times as long; only the pages that hold an address pay for it.
    """
    started = time.perf_counter()
    page = _tesseract_tsv(image, number, label, LANG)
    if LATIN_LANG in _langs() and _ADDRESS_LIKE.search(page.text):
        page = _tesseract_tsv(image, number, label, f"{LANG}+{LATIN_LANG}")
        page.lang = f"{LANG}+{LATIN_LANG}"
    page.seconds = time.perf_counter() - started
    return page


def _each(numbers: list[int], work: Callable[[int], OcrPage]) -> list[OcrPage]:
    """Run ``work`` on every page number (``jobs()`` at a time), reporting progress in page order of completion."""
    hook = _progress.get()
    total = len(numbers)
    ctx = contextvars.copy_context()
    pages: list[OcrPage] = []
    with ThreadPoolExecutor(max_workers=min(jobs(), total) or 1) as pool:
        futures = [pool.submit(ctx.copy().run, work, n) for n in numbers]
        try:
            for fut in futures:
                page = fut.result()
                pages.append(page)
                if hook is not None:
                    hook(page.number, total, page.seconds)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return pages


def ocr_pdf(data: bytes, path: Path, page_count: int) -> list[OcrPage]:
    """Rasterise every page of a PDF at :data:`DPI` and recognise it."""
    require(path, "в PDF нет текстового слоя (похоже на скан)")
    if shutil.which("pdftoppm") is None:
        raise InputError(f"{path}: для распознавания PDF нужна программа pdftoppm; установите: {INSTALL_HINT}")
    if page_count > MAX_PAGES:
        raise InputError(f"{path}: скан из {page_count} страниц; распознаётся до {MAX_PAGES} страниц")
    with tempfile.TemporaryDirectory(prefix="sferum-ocr-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)

        native = _image_ppi(src)

        def work(n: int) -> OcrPage:
            started = time.perf_counter()
            stem = Path(tmp) / f"p{n}"
            resolution = page_dpi(native.get(n))
            try:
                res = _run(["pdftoppm", "-r", str(resolution), "-gray", "-singlefile", "-f", str(n), "-l", str(n),
                            str(src), str(stem)], PAGE_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise InputError(f"{path}: страница {n} не переводится в изображение за {PAGE_TIMEOUT:.0f} с") from None
            image = stem.with_suffix(".pgm")  # uncompressed: written ten times faster than PNG
            if res.returncode != 0 or not image.exists():
                raise InputError(f"{path}: страницу {n} не удалось перевести в изображение (PDF повреждён)")
            page = OcrPage(n) if _blank_pgm(image) else _ocr_image(image, n, path)
            page.dpi = resolution
            image.unlink()
            page.seconds = time.perf_counter() - started
            return page

        return _each(list(range(1, page_count + 1)), work)


_LIGHT = bytes(range(161, 256))
DARK_PIXELS = 200  # fewer dark pixels than this: an empty page (a blank back side), not worth recognising


def _blank_pgm(image: Path) -> bool:
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


def ocr_image(data: bytes, path: Path) -> list[OcrPage]:
    """Recognise an image file (a multi-page TIFF gives several pages)."""
    kind = image_kind(data)
    if kind is None:
        raise InputError(f"{path}: файл не является изображением PNG, JPEG или TIFF (повреждён или это другой формат)")
    size = image_size(data)
    if size is not None:
        w, h = size
        if w == 0 or h == 0:
            raise InputError(f"{path}: изображение повреждено (нулевой размер)")
        if w * h > MAX_PIXELS:
            raise InputError(f"{path}: изображение слишком велико ({w}×{h} точек; допускается до "
                             f"{MAX_PIXELS // 1_000_000} млн точек)")
    require(path, "это изображение (скан или фотография)")
    with tempfile.TemporaryDirectory(prefix="sferum-ocr-") as tmp:
        image = Path(tmp) / f"in.{ 'jpg' if kind == 'jpeg' else kind }"
        image.write_bytes(data)
        count = _tiff_pages(image) if kind == "tiff" else 1
        if count > MAX_PAGES:
            raise InputError(f"{path}: в изображении {count} страниц; распознаётся до {MAX_PAGES} страниц")
        if count == 1:
            return _each([1], lambda n: _ocr_image(image, n, path))
        # a multi-page TIFF: Tesseract reads all pages in one run and numbers them in the TSV
        started = time.perf_counter()
        exe = tesseract() or "tesseract"
        try:
            res = _run([exe, str(image), "stdout", "-l", LANG, "--psm", "3", "tsv"], PAGE_TIMEOUT * count)
        except subprocess.TimeoutExpired:
            raise InputError(f"{path}: изображение распознаётся слишком долго") from None
        if res.returncode != 0:
            raise InputError(f"{path}: не удалось распознать изображение (оно повреждено или слишком велико)")
        rows = res.stdout.decode("utf-8", "replace").splitlines()
        header = rows[0] if rows else ""
        by_page: dict[int, list[str]] = {}
        for row in rows[1:]:
            cols = row.split("\t")
            if len(cols) >= 2 and cols[1].isdigit():
                by_page.setdefault(int(cols[1]), []).append(row)
        pages = [parse_tsv("\n".join([header, *by_page.get(n, [])]), n) for n in range(1, count + 1)]
        spent = (time.perf_counter() - started) / max(count, 1)
        hook = _progress.get()
        for p in pages:
            p.seconds = spent
            if hook is not None:
                hook(p.number, count, spent)
        return pages


def _tiff_pages(image: Path) -> int:
    """Number of pages (IFDs) of a TIFF file, read from its header chain."""
    try:
        data = image.read_bytes()
        endian = "<" if data[:2] == b"II" else ">"
        off = struct.unpack(endian + "I", data[4:8])[0]
        n = 0
        seen = set()
        while off and off not in seen and off + 2 <= len(data) and n <= MAX_PAGES:
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
