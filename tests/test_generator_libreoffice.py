"""The generated DOCX opens in LibreOffice: converted headless to PDF, with the act's text inside."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sferum_policy.generator.assemble import assemble
from sferum_policy.generator.docx_writer import render_docx
from sferum_policy.generator.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice/libreoffice) не установлен — "
                                "преобразование DOCX в PDF не проверяется")


def test_docx_converts_to_pdf_with_the_act_text(tmp_path, library, registry):
    from pypdf import PdfReader

    act = assemble(load_profile(ROOT / "samples" / "profiles" / "school.yaml"), library, registry)
    source = tmp_path / "act.docx"
    source.write_bytes(render_docx(act))
    profile_dir = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "act.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "ПОЛОЖЕНИЕ" in first and "УТВЕРЖДЕНО" in first
    assert " ".join(act.org_full.split()) in text
    assert "2" in reader.pages[1].extract_text().split()[:3]  # page number at the top of page 2
