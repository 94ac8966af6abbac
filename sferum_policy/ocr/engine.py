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
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .images import blank_pgm, image_kind, image_size, tiff_pages
from .pages import ADDRESS_LIKE, LANG, OcrPage, parse_tsv

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
    if LATIN_LANG in _langs() and ADDRESS_LIKE.search(page.text):
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
            page = OcrPage(n) if blank_pgm(image) else _ocr_image(image, n, path)
            page.dpi = resolution
            image.unlink()
            page.seconds = time.perf_counter() - started
            return page

        return _each(list(range(1, page_count + 1)), work)


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
        count = tiff_pages(image, MAX_PAGES) if kind == "tiff" else 1
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

