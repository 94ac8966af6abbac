"""Plain text and Markdown (minimal version; to be replaced by the full reader)."""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Document, Paragraph

_LABEL = re.compile(r"^\s*(\d+(?:\.\d+)*\.?)\s+(?=\S)")


def read_text_bytes(data: bytes, path: Path) -> Document:
    text = data.decode("utf-8-sig")
    return read_text(text, str(path))


def read_text(text: str, name: str | None = None) -> Document:
    paras: list[Paragraph] = []
    for i, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        m = _LABEL.match(line)
        label = m.group(1) if m else None
        body = line[m.end():] if m else line.strip()
        paras.append(Paragraph(index=len(paras), text=body.strip(), label=label, source_line=i + 1))
    return Document(paragraphs=paras, path=name, format="txt", source_text=text, encoding="utf-8")
