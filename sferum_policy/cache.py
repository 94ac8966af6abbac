"""A small on-disk cache for tables derived from the bundled data (rendered clauses, word counts).

Building them costs a noticeable part of a cold ``check`` (compiling ~100 Jinja templates,
lemmatising the library); the results depend only on the data and the program version, so they are
kept in ``$SFERUM_POLICY_CACHE`` (default ``~/.cache/sferum-policy``; ``off`` disables). A missing,
unreadable or corrupt entry is simply rebuilt; a cache that can't be written is skipped silently.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import __version__

T = TypeVar("T")
_FORMAT = 1


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is switched off."""
    env = os.environ.get("SFERUM_POLICY_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sferum-policy"


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """Return the value stored under ``name``/``key``, building and storing it when absent."""
    directory = cache_dir()
    if directory is None:
        return build()
    digest = hashlib.sha256(f"{_FORMAT}:{__version__}:{name}:{key}".encode()).hexdigest()[:24]
    path = directory / f"{name}-{digest}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # absent, unreadable or corrupt: rebuild
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value


def digest_files(paths: list[Path]) -> str:
    """A content digest of ``paths`` (names and bytes), for cache keys."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()
