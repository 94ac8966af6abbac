"""Reader speed: bytes → Document (before metadata analysis) for the sample acts, TXT and DOCX."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "acts").glob("0*.txt"))
REPEAT = 30


def _median_ms(fn, repeat: int = REPEAT) -> float:
    fn()  # warm-up: imports, pymorphy3 dictionaries for de-hyphenation
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _docx_of(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def run() -> str:
    from sferum_policy.readers.docx import read_docx
    from sferum_policy.readers.text import read_text_bytes

    rows = []
    for path in SAMPLES:
        data = path.read_bytes()
        doc = read_text_bytes(data, path)
        ms = _median_ms(lambda data=data, path=path: read_text_bytes(data, path))
        rows.append(f"| {path.name[:3]} TXT | {len(data) / 1024:.1f} | {len(doc.paragraphs)} | {ms:.1f} |")
        if path.name.startswith("000"):
            blob = _docx_of([p.full_text for p in doc.paragraphs])
            ddoc = read_docx(blob, Path("000.docx"))
            ms = _median_ms(lambda blob=blob: read_docx(blob, Path("000.docx")), repeat=10)
            rows.append(f"| 000 DOCX | {len(blob) / 1024:.1f} | {len(ddoc.paragraphs)} | {ms:.1f} |")
    return "\n".join([
        "## Чтение документов",
        "",
        "Команда: `python -m benchmarks readers` — медиана "
        f"{REPEAT} прогонов чтения байтов в Document (без анализа метаданных), после прогрева.",
        "",
        "| файл | КБ | абзацев | мс |",
        "|---|---:|---:|---:|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    print(run())
