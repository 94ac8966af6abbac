"""Private temporary storage: one 0700 root per server, a random-token folder per result.

Uploaded files and results live only under the root made by :func:`tempfile.mkdtemp`; a result is
found by its token alone (checked against a strict pattern), never by a path a user gives. Results
expire after ``ttl`` seconds and the whole root is removed when the server stops.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_NAME = re.compile(r"^[a-z0-9_.-]{1,64}$")
_META = "meta.json"


class Storage:
    """The server's private temp root with token folders that expire."""

    def __init__(self, ttl: float, root: Path | None = None) -> None:
        self.ttl = ttl
        self.root = Path(tempfile.mkdtemp(prefix="sferum-web-", dir=root))
        self.root.chmod(0o700)
        self._lock = threading.RLock()

    def new(self, kind: str, **meta: object) -> tuple[str, Path]:
        """A fresh token and its private folder (mode 0700) with ``meta`` saved beside the files."""
        self.sweep()
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        with self._lock:
            folder.mkdir(mode=0o700)
            self.save_meta(folder, {"kind": kind, "created": time.time(), **meta})
        return token, folder

    @contextlib.contextmanager
    def scratch(self) -> Iterator[Path]:
        """A private folder for one request's upload, removed when the request is done."""
        folder = Path(tempfile.mkdtemp(prefix="upload-", dir=self.root))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def folder(self, token: str, kind: str | None = None) -> Path | None:
        """The folder of a live token of ``kind``; None for malformed, unknown or expired tokens."""
        if not _TOKEN.match(token or ""):
            return None
        folder = self.root / token
        meta = self.meta(folder)
        if meta is None or (kind is not None and meta.get("kind") != kind):
            return None
        if time.time() - float(meta.get("created", 0)) > self.ttl and not meta.get("running"):
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return folder

    def file(self, token: str, name: str, kind: str | None = None) -> Path | None:
        """A file of a token's folder by its fixed name (``report.json``); None if absent."""
        folder = self.folder(token, kind)
        if folder is None or not _NAME.match(name) or name == _META:
            return None
        path = folder / name
        return path if path.is_file() else None

    @staticmethod
    def meta(folder: Path) -> dict | None:
        try:
            return json.loads((folder / _META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    @staticmethod
    def save_meta(folder: Path, meta: dict) -> None:
        tmp = folder / (_META + ".tmp")
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        tmp.replace(folder / _META)

    def sweep(self) -> int:
        """Remove expired result folders (and stale upload folders); return how many were removed."""
        removed = 0
        now = time.time()
        with self._lock:
            for folder in list(self.root.iterdir()):
                if folder.name.startswith("upload-"):
                    if now - folder.stat().st_mtime > max(self.ttl, 3600):
                        shutil.rmtree(folder, ignore_errors=True)
                        removed += 1
                    continue
                meta = self.meta(folder)
                if meta is None or (now - float(meta.get("created", 0)) > self.ttl and not meta.get("running")):
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
        return removed

    def close(self) -> None:
        """Remove the whole root (server shutdown)."""
        shutil.rmtree(self.root, ignore_errors=True)
