"""Private temporary storage: one 0700 root per server, a random-token folder per result.

Uploaded files and results live only under the root made by :func:`tempfile.mkdtemp`; a result is
found by its token alone (checked against a strict pattern), never by a path a user gives. Results
expire after ``ttl`` seconds, at most ``max_results`` of them (``max_bytes`` together) are kept —
the oldest finished ones go first — and the whole root is removed when the server stops.

The sweep is cheap: the storage keeps an index of its results in creation order (token, time,
size), so a new result looks only at the expired or surplus ones at the head of the index, never
at every folder on disk.
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
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_NAME = re.compile(r"^[a-z0-9_.-]{1,64}$")
_META = "meta.json"


@dataclass(slots=True)
class _Entry:
    created: float
    size: int = 0
    running: bool = False


class Storage:
    """The server's private temp root with token folders that expire."""

    def __init__(self, ttl: float, root: Path | None = None, *, max_results: int = 200,
                 max_bytes: int = 512 * 1024 * 1024) -> None:
        self.ttl = ttl
        self.max_results = max(1, max_results)
        self.max_bytes = max_bytes
        self.root = Path(tempfile.mkdtemp(prefix="sferum-web-", dir=root))
        self.root.chmod(0o700)
        self._lock = threading.RLock()
        self._index: OrderedDict[str, _Entry] = OrderedDict()
        self._bytes = 0

    def new(self, kind: str, **meta: object) -> tuple[str, Path]:
        """A fresh token and its private folder (mode 0700) with ``meta`` saved beside the files.

        Room is made first: expired results go, then the oldest finished ones while there are
        ``max_results`` of them or they take ``max_bytes`` together.
        """
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        now = time.time()
        with self._lock:
            self.sweep(room=1)
            folder.mkdir(mode=0o700)
            self.save_meta(folder, {"kind": kind, "created": now, **meta})
            self._index[token] = _Entry(now, running=bool(meta.get("running")))
        return token, folder

    def done(self, token: str, *, running: bool = False) -> int:
        """Record a result's size once its files are written (or an audit finished); return the size."""
        folder = self.root / token
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        with self._lock:
            entry = self._index.get(token)
            if entry is None:
                return size
            self._bytes += size - entry.size
            entry.size, entry.running = size, running
            if not running:
                entry.created = time.time()
                self._index.move_to_end(token)
            self.sweep()
        return size

    def remove(self, token: str) -> None:
        with self._lock:
            entry = self._index.pop(token, None)
            if entry is not None:
                self._bytes -= entry.size
        shutil.rmtree(self.root / token, ignore_errors=True)

    def usage(self) -> tuple[int, int]:
        """(results kept, their total size in bytes)."""
        with self._lock:
            return len(self._index), self._bytes

    def expires(self, token: str) -> float | None:
        """When a result will be removed (epoch seconds) at the latest."""
        with self._lock:
            entry = self._index.get(token)
            return None if entry is None else entry.created + self.ttl

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
        with self._lock:
            entry = self._index.get(token)
        if entry is None:
            return None
        if time.time() - entry.created > self.ttl and not entry.running:
            self.remove(token)
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

    def sweep(self, room: int = 0) -> int:
        """Remove expired results, then the oldest finished ones over the caps; return how many went.

        ``room`` results are about to be added. Running audits are never removed.
        """
        removed = 0
        now = time.time()
        with self._lock:
            for token, entry in list(self._index.items()):
                count_over = len(self._index) + room > self.max_results
                size_over = self._bytes > self.max_bytes
                expired = now - entry.created > self.ttl
                if not (expired or count_over or size_over):
                    break  # the index is in creation order: the rest is newer
                if entry.running:
                    continue
                self.remove(token)
                removed += 1
        return removed

    def close(self) -> None:
        """Remove the whole root (server shutdown)."""
        shutil.rmtree(self.root, ignore_errors=True)
