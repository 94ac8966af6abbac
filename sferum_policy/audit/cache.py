"""The audit cache in ``OUTDIR/.cache``: results of unchanged documents are reused on the next run.

An entry's key is sha256 of: the document's content hash, the tool's version and a fingerprint of its
code, the as-of date, the data version (hash of the clause library and registry files) and the report
formats. Entries are gzip-compressed JSON, written atomically; a damaged entry is a miss. When the
JSON report is among the outputs, an entry keeps the report only in that form.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..fileio import write_atomic

CACHE_FORMAT = "2"


def _hash_files(h: Any, root: Path, pattern: str) -> None:
    for p in sorted(root.rglob(pattern)):
        if "__pycache__" in p.parts:
            continue
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")


@lru_cache(maxsize=1)
def code_version() -> str:
    """The tool's version plus a hash of its Python sources (a changed check invalidates the cache)."""
    pkg = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    _hash_files(h, pkg, "*.py")
    _hash_files(h, pkg, "*.html")
    return f"{__version__}+{h.hexdigest()[:12]}"


def data_version(clauses_dir: str | None = None, refs_dir: str | None = None) -> str:
    """A hash of the clause library and registry files in use (the bundled registry and every overlay:
    ``--refs`` or ``SFERUM_POLICY_REFS``)."""
    from ..library.registry import overlay_dirs
    from ..resources import data_dir

    h = hashlib.sha256()
    dirs = [Path(clauses_dir) if clauses_dir else data_dir("clauses"), data_dir("legal_refs")]
    dirs += [Path(d) for d in overlay_dirs(refs_dir)]
    for d in dirs:
        h.update(str(d).encode() + b"\0")
        _hash_files(h, d, "*.yaml")
    return h.hexdigest()[:16]


class Cache:
    """Get and put per-document results by content hash; ``enabled=False`` makes every lookup a miss."""

    def __init__(self, outdir: Path, *, as_of: date, formats: tuple[str, ...], data: str, enabled: bool = True) -> None:
        self.root = outdir / ".cache"
        self.enabled = enabled
        self._made: set[Path] = set()
        self.salt = json.dumps([CACHE_FORMAT, code_version(), as_of.isoformat(), data, sorted(formats)])

    def key(self, sha256: str) -> str:
        return hashlib.sha256(f"{sha256}\0{self.salt}".encode()).hexdigest()

    def _path(self, sha256: str) -> Path:
        k = self.key(sha256)
        return self.root / k[:2] / f"{k}.json.gz"

    def get(self, sha256: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        p = self._path(sha256)
        try:
            entry = json.loads(gzip.decompress(p.read_bytes()))
            if not isinstance(entry, dict) or entry.get("salt") != self.salt:
                return None
            if entry.pop("report_in", None) == "json":
                entry["report"] = json.loads(entry["rendered"]["json"])
        except (OSError, EOFError, ValueError, KeyError, TypeError):
            return None
        return entry

    def put(self, sha256: str, result: dict[str, Any]) -> None:
        """Store a successful result (errors are cheap to reproduce and may be transient)."""
        if result.get("status") != "ok":
            return
        p = self._path(sha256)
        if p.parent not in self._made:
            p.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(p.parent)
        payload = {**result, "salt": self.salt}
        if "json" in (result.get("rendered") or {}):
            # the JSON report is the report: one big string costs little to encode, the nested dict a lot
            payload.update(report=None, report_in="json")
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        write_atomic(p, gzip.compress(data, compresslevel=1), durable=False)  # fast: 1 ms per entry
