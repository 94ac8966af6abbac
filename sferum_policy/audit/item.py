"""One document of an audit (:class:`Item`): shared by the collector (:mod:`.inputs`), the archive
unpacker (:mod:`.safezip`) and the runner, so that none of them imports another for it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(slots=True)
class Item:
    """One document of the audit: its display name, where its bytes are, or why it cannot be read.

    ``name`` is what the user sees (``район/школа1/положение.docx``, ``акты.zip/школа1/положение.docx``);
    ``path`` is the file on disk (the original, or a copy unpacked from an archive into a temp dir).
    ``error`` (a Russian reason) marks an entry that was refused before any check, e.g. an unsafe name
    in an archive; such an item becomes an error row.
    """

    name: str
    path: Path | None = None
    error: str | None = None
    sha256: str | None = None
    size: int = 0

    def digest(self) -> str:
        """The sha256 of the file's content (computed once)."""
        if self.sha256 is None:
            h = hashlib.sha256()
            with open(self.path, "rb") as fh:  # type: ignore[arg-type]
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
            self.sha256 = h.hexdigest()
        return self.sha256
