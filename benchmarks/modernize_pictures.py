"""The pictures of the modernize flow in docs/guide.md: sample 000 modernised, and its redline, page 1 as PNG.

Run: ``python -m benchmarks.modernize_pictures`` (needs LibreOffice and poppler-utils: DOCX → PDF → PNG).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
AS_OF = date(2026, 12, 2)
DPI = 80


def _png(docx: bytes, name: str, tmp: Path, page: int = 1) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    src = tmp / f"{name}.docx"
    src.write_bytes(docx)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(src)], check=True, capture_output=True, timeout=180)
    target = OUT / name
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile",
                    str(tmp / f"{name}.pdf"), str(target)], check=True, capture_output=True, timeout=120)
    return target.with_suffix(".png")


def main() -> int:
    from sferum_policy.repair.modernize import modernize

    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftoppm"):
        print("нужны LibreOffice (soffice) и pdftoppm (poppler-utils)", file=sys.stderr)
        return 2
    sample = sorted((ROOT / "samples" / "acts").glob("000_*.txt"))[0]
    result = modernize(sample, as_of=AS_OF)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for png in (_png(result.docx, "modernize-000", tmp), _png(result.redline(), "modernize-000-redline", tmp)):
            print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
