"""Old Word .doc files are converted with LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sferum_policy.readers import read

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) не установлен: чтение .doc не проверяется")
def test_doc_made_by_libreoffice_reads_like_its_docx(tmp_path: Path):
    from sferum_policy.generator.assemble import assemble
    from sferum_policy.generator.docx_writer import render_docx
    from sferum_policy.generator.profile import load_profile
    from sferum_policy.pipeline import default_clauses, default_registry

    root = Path(__file__).resolve().parent.parent
    act = assemble(load_profile(root / "samples" / "profiles" / "school.yaml"), default_clauses(), default_registry())
    docx = tmp_path / "act.docx"
    docx.write_bytes(render_docx(act))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "out"), str(docx)], check=True, capture_output=True, timeout=180)
    doc_file = tmp_path / "out" / "act.doc"
    before = doc_file.read_bytes()
    from_doc, from_docx = read(doc_file), read(docx)
    assert doc_file.read_bytes() == before  # the input is never modified
    assert from_doc.meta.doc_kind == from_docx.meta.doc_kind
    assert from_doc.meta.title == from_docx.meta.title
    labels = [p.label for p in from_doc.paragraphs if p.label and p.label[0].isdigit()]
    assert labels == [p.label for p in from_docx.paragraphs if p.label and p.label[0].isdigit()]
