"""Shared builders for the audit tests: a district folder and a ZIP of acts made from the samples."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "acts"


def sample_text(sid: str) -> str:
    return next(SAMPLES.glob(f"{sid}_*.txt")).read_text(encoding="utf-8-sig")


def write_docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    d.save(str(path))


def build_inputs(root: Path) -> tuple[Path, Path]:
    """``root/район`` (DOCX, TXT, MD, a broken DOCX) and ``root/архив.zip`` (a TXT, a nested ZIP, a bad name)."""
    district = root / "район"
    (district / "школа1").mkdir(parents=True)
    (district / "школа2").mkdir()
    write_docx(district / "школа1" / "положение.docx", sample_text("000"))
    (district / "школа2" / "порядок.txt").write_text(sample_text("002"), encoding="utf-8")
    (district / "управление.md").write_text(sample_text("003"), encoding="utf-8")
    (district / "сломанный.docx").write_bytes(b"PK\x03\x04 this is not really a document")
    (district / "рисунок.png").write_bytes(b"\x89PNG\r\n")  # not an act: ignored inside a folder
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("вложенный.md", sample_text("003").replace("Положение", "Положение (копия)", 1))
    archive = root / "архив.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("сад/положение.txt", sample_text("002").replace("119", "7"))
        z.writestr("../evil.txt", "ПОЛОЖЕНИЕ\n1. Общие положения\n1.1. Текст.\n")
        z.writestr("внутри.zip", inner.getvalue())
    return district, archive


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "summary.csv must start with a UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def without_timing(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{k: v for k, v in r.items() if not k.startswith("Время")} for r in rows]
