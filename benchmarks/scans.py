"""Scanned fixtures built from generated acts: DOCX → PDF (LibreOffice) → page images (pdftoppm) → a PDF with
no text layer, only the page pictures — what a school posts after scanning a signed act. Used by the OCR
tests and ``make bench``; nothing is downloaded and no third-party text is involved.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tools_missing() -> list[str]:
    """System programs the fixtures need that are not installed."""
    need = {"soffice": "LibreOffice", "pdftoppm": "poppler-utils", "tesseract": "tesseract-ocr"}
    return [name for exe, name in need.items() if shutil.which(exe) is None]


def act_pdf(profile: str, out_dir: Path) -> tuple[Path, str]:
    """The act generated from ``samples/profiles/<profile>.yaml`` as a text PDF, and its plain text."""
    docx = out_dir / f"{profile}.docx"
    md = out_dir / f"{profile}.md"
    cli = [str(Path(shutil.which("sferum-policy") or "sferum-policy"))]
    exe = ROOT / ".venv" / "bin" / "sferum-policy"
    if exe.exists():
        cli = [str(exe)]
    src = ROOT / "samples" / "profiles" / f"{profile}.yaml"
    subprocess.run([*cli, "generate", str(src), "-o", str(docx), "--force"], check=True, capture_output=True)
    subprocess.run([*cli, "generate", str(src), "-o", str(md), "--force"], check=True, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="sferum-lo-") as profile_dir:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(docx)], check=True, capture_output=True, timeout=180)
    return out_dir / f"{profile}.pdf", md.read_text(encoding="utf-8")


def page_images(pdf: Path, out_dir: Path, *, dpi: int = 200, first: int = 1, last: int | None = None,
                fmt: str = "jpeg") -> list[Path]:
    """Render pages of ``pdf`` to images (``jpeg``, ``png`` or ``tiff``), as a scanner would."""
    flag = {"jpeg": "-jpeg", "png": "-png", "tiff": "-tiff"}[fmt]
    args = ["pdftoppm", "-r", str(dpi), "-gray", flag, "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    subprocess.run([*args, str(pdf), str(out_dir / "page")], check=True, capture_output=True)
    return sorted(out_dir.glob("page-*"))


def _jpeg_info(data: bytes) -> tuple[int, int, int]:
    """Width, height and number of colour components of a baseline JPEG."""
    import struct

    i = 2
    while i + 9 < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xC3:
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("not a baseline JPEG")


def images_to_pdf(jpegs: list[Path], out: Path, *, dpi: int = 200) -> Path:
    """A PDF whose pages are only these grey JPEG pictures (no text layer), written by hand (no Pillow)."""
    objects: list[bytes] = []
    kids = []
    for n, jpg in enumerate(jpegs):
        data = jpg.read_bytes()
        w, h, comps = _jpeg_info(data)
        space = "/DeviceGray" if comps == 1 else "/DeviceRGB"
        pw, ph = w * 72 / dpi, h * 72 / dpi
        img_id, content_id, page_id = 3 + 3 * n, 4 + 3 * n, 5 + 3 * n
        objects.append(f"{img_id} 0 obj\n<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace "
                       f"{space} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\nstream\n".encode()
                       + data + b"\nendstream\nendobj\n")
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(f"{content_id} 0 obj\n<< /Length {len(content)} >>\nstream\n".encode() + content
                       + b"\nendstream\nendobj\n")
        objects.append(f"{page_id} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] /Resources "
                       f"<< /XObject << /Im0 {img_id} 0 R >> >> /Contents {content_id} 0 R >>\nendobj\n".encode())
        kids.append(f"{page_id} 0 R")
    head = [b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            f"2 0 obj\n<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>\nendobj\n".encode()]
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for obj in head + objects:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    out.write_bytes(body)
    return out


def scanned_act(profile: str, out_dir: Path, *, pages: int | None = None, dpi: int = 200) -> tuple[Path, Path, str]:
    """(scanned PDF, its text PDF, the act's text) for a generated act; ``pages`` limits the scan's length."""
    text_pdf, text = act_pdf(profile, out_dir)
    img_dir = out_dir / f"{profile}-img"
    img_dir.mkdir(exist_ok=True)
    jpegs = page_images(text_pdf, img_dir, dpi=dpi, last=pages)
    return images_to_pdf(jpegs, out_dir / f"{profile}-scan.pdf", dpi=dpi), text_pdf, text


_WORDS = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def comparable(text: str) -> str:
    """Words only, one space between, «ё» as «е»: what a character error rate should compare."""
    return " ".join(_WORDS.findall(text.replace("ё", "е").replace("Ё", "Е")))


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edit distance ÷ reference length (on :func:`comparable` texts)."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = comparable(reference), comparable(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))
