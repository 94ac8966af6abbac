"""Collecting the files to audit: folders are walked, ZIP archives unpacked safely into a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from . import safezip
from .item import Item

ARCHIVES = (".zip",)


def _supported() -> tuple[str, ...]:
    from ..readers import SUPPORTED

    return SUPPORTED


def _skip(name: str) -> bool:
    """Hidden files and Word's lock files (``~$положение.docx``) are not documents."""
    return name.startswith((".", "~$"))


def collect(paths: list[Path], workdir: Path, exclude: tuple[Path, ...] = ()) -> list[Item]:
    """Every supported document under ``paths`` (files, folders, ZIP archives), sorted by name.

    Archives are unpacked into ``workdir`` under generated names (never the names stored in the
    archive). Names are unique: a second input with the same display name gets « (2)».
    """
    supported = _supported()
    excluded = {p.resolve() for p in exclude}
    items: list[Item] = []
    for root in paths:
        if not root.exists():
            raise InputError(f"{root}: файл или каталог не найден")
        label = root.resolve().name or str(root)
        if root.is_file():
            items.extend(_from_file(root, label, supported, workdir))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if not _skip(d) and (here / d).resolve() not in excluded)
            for fname in sorted(filenames):
                if _skip(fname):
                    continue
                p = here / fname
                if p.is_symlink() and not p.resolve().is_file():
                    continue
                rel = p.relative_to(root).as_posix()
                items.extend(_from_file(p, f"{label}/{rel}", supported, workdir, quiet=True))
    return _unique(sorted(items, key=lambda i: i.name))


def _from_file(p: Path, name: str, supported: tuple[str, ...], workdir: Path, quiet: bool = False) -> list[Item]:
    suffix = p.suffix.lower()
    if suffix in ARCHIVES:  # pictures in an archive, as in a folder, are acts only when a page could be one
        return [it for it in safezip.unpack(p, name, workdir, supported)
                if it.path is None or Path(it.name).suffix.lower() not in _IMAGES or _page_sized(it.path)]
    if suffix in supported:
        if quiet and suffix in _IMAGES and not _page_sized(p):
            return []  # inside a folder, a small or unreadable picture (a logo, an icon) is not a scanned act
        return [Item(name=name, path=p, size=p.stat().st_size)]
    if quiet:
        return []  # inside a folder, other files (images, spreadsheets) are simply not acts
    return [Item(name=name, error=f"{name}: неподдерживаемый формат «{suffix}»; поддерживаются: "
                                  f"{', '.join(supported)} и архивы .zip")]


_IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
MIN_PAGE_SIDE = 600  # pixels: a scanned or photographed page is larger on its short side (A4 at 100 dpi: 827)


def _page_sized(p: Path) -> bool:
    """Could this image be a scanned page? (TIFF — the scanners' own format — always; PNG/JPEG by their size.)"""
    from ..ocr.images import image_kind, image_size

    try:
        with p.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return False
    kind = image_kind(head)
    if kind == "tiff":
        return True
    size = image_size(head) if kind else None
    return size is not None and min(size) >= MIN_PAGE_SIDE


def _unique(items: list[Item]) -> list[Item]:
    seen: dict[str, int] = {}
    for it in items:
        n = seen.get(it.name, 0) + 1
        seen[it.name] = n
        if n > 1:
            it.name = f"{it.name} ({n})"
    return items
