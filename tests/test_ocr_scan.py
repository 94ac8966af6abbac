"""OCR of scans with Tesseract (issue 13): fixtures are generated acts rendered to images and read back.

The tests that recognise pages skip only when a program they need is not installed (Tesseract with the
Russian model, LibreOffice, pdftoppm); ``.ci/run`` installs them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from benchmarks.scans import cer, images_to_pdf, page_images, scanned_act, tools_missing
from sferum_policy.errors import InputError
from sferum_policy.ocr import engine, images, pages

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 1)
MISSING = tools_missing()
if not MISSING and not engine.available():
    MISSING = ["tesseract-ocr-rus"]
needs_ocr = pytest.mark.skipif(bool(MISSING), reason=f"не установлено: {', '.join(MISSING)} (ставит .ci/run)")


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    """A 3-page scan (image-only PDF) of the generated school act, its text PDF and the act's text."""
    if MISSING:
        pytest.skip(f"не установлено: {', '.join(MISSING)}")
    out = tmp_path_factory.mktemp("scan")
    return scanned_act("school", out, pages=3)


@pytest.fixture(scope="module")
def scan_report(scan):
    from sferum_policy.pipeline import run

    pages_seen = []
    with engine.progress(lambda n, total, s: pages_seen.append((n, total))):
        doc, rep = run(scan[0], as_of=AS_OF)
    return doc, rep, pages_seen


# --- pure parsing (no Tesseract needed) ---------------------------------------------------------------------

TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t96.5\tПОЛОЖЕНИЕ",
    "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t90\tоб",
    "5\t1\t1\t1\t2\t2\t0\t0\t1\t1\t80\tиспользовании",
    "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t-1\t ",
    "5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t70\t1.1.",
])


def test_tsv_keeps_lines_paragraph_breaks_and_confidences():
    page = pages.parse_tsv(TSV, 2)
    assert page.number == 2
    assert [ln.text for ln in page.lines] == ["ПОЛОЖЕНИЕ", "об использовании", "", "1.1."]
    assert page.lines[1].confidence == pytest.approx(85.0)
    assert page.confidence == pytest.approx((9 * 96.5 + 16 * 85 + 4 * 70) / 29, abs=0.1)


def test_an_unsurely_read_place_says_so():
    from sferum_policy.render.place import place as _place
    from sferum_policy.report import Finding, Location

    f = Finding(code="ST001", category="structure", severity="error", message="…",
                location=Location(paragraph=3, label="1.4.", page=2, confidence=61.0))
    assert _place(f) == "стр. 2, распознано неуверенно (61 %), п. 1.4"
    f.location.confidence = 93.0
    assert _place(f) == "стр. 2, п. 1.4"


def test_image_signatures_and_sizes():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big") + b"\x08"
    assert images.image_kind(png) == "png" and images.image_size(png) == (640, 480)
    assert images.image_kind(b"II*\x00rest") == "tiff"
    assert images.image_kind(b"%PDF-1.4") is None


def test_huge_image_is_refused_before_recognition(tmp_path):
    from sferum_policy.readers import read

    big = tmp_path / "скан.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (60000).to_bytes(4, "big")
                    + (60000).to_bytes(4, "big") + b"\x08\x00\x00\x00\x00")
    with pytest.raises(InputError, match="изображение слишком велико"):
        read(big)


def test_damaged_image_is_one_clear_line(tmp_path):
    bad = tmp_path / "фото.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    done = subprocess.run([sys.executable, "-m", "sferum_policy", "check", str(bad)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "фото.jpg" in lines[0] and "Traceback" not in done.stderr


def test_without_tesseract_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    from sferum_policy.readers import read

    png = tmp_path / "скан.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (100).to_bytes(4, "big")
                    + (100).to_bytes(4, "big") + b"\x08\x00\x00\x00\x00")
    monkeypatch.setattr(engine, "tesseract", lambda: None)
    engine._status.cache_clear()
    try:
        with pytest.raises(InputError) as info:
            read(png)
    finally:
        engine._status.cache_clear()
    msg = str(info.value)
    assert "скан.png" in msg and "Tesseract" in msg and "apt-get install tesseract-ocr tesseract-ocr-rus" in msg


def test_ocr_modules_are_not_imported_by_light_commands():
    code = ("import sys\nfrom sferum_policy.cli import main\n"
            "try:\n    main(['clauses', 'list'])\nexcept SystemExit:\n    pass\n"
            "print('OCR=' + ','.join(m for m in sys.modules if m.startswith('sferum_policy.ocr')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "OCR=\n" in out, out[-300:]


# --- recognition ------------------------------------------------------------------------------------------

@needs_ocr
def test_scanned_pdf_is_recognised_with_low_character_error_rate(scan, scan_report):
    _, text_pdf, _ = scan
    doc, rep, _ = scan_report
    from sferum_policy.readers.pdf import _extract

    reference = "\n".join(_extract(text_pdf.read_bytes(), text_pdf)[:3])
    rate = cer(reference, doc.source_text)
    assert rate < 0.05, rate
    layer = rep.text_layer
    assert layer.source == "ocr" and layer.ocr.reason == "scan" and len(layer.ocr.pages) == 3
    assert all(p.confidence and p.confidence > 70 for p in layer.ocr.pages)
    assert layer.message.startswith("PDF без текстового слоя распознан")
    assert rep.document.doc_kind == "polozhenie"


@needs_ocr
def test_findings_of_a_scan_name_their_page_and_progress_is_per_page(scan_report):
    doc, rep, pages_seen = scan_report
    assert pages_seen == [(1, 3), (2, 3), (3, 3)]
    located = [f for f in rep.findings if f.location.paragraph is not None]
    assert located and all(f.location.page in (1, 2, 3) for f in located)
    assert all(0 < f.location.confidence <= 100 for f in located)  # how sure the reading of that place was
    assert {p.source_unit for p in doc.paragraphs} == {0, 1, 2}


@needs_ocr
def test_scan_does_not_invent_defects_of_the_generated_act(scan_report):
    """The act has no defects; its scan may lose a character, but not gain structural or legal errors."""
    _, rep, _ = scan_report
    bad = [f for f in rep.findings if f.severity == "error" and f.location.paragraph is not None
           and f.category in ("legal_ref", "structure")]
    assert bad == [], [(f.code, f.text) for f in bad]
    # slips of our own recognition are repaired silently: they are not the school's defects
    assert not [f for f in rep.findings if f.code in ("OC002", "OC003", "TY002")]


@needs_ocr
@pytest.mark.parametrize("fmt", ["png", "tiff", "jpeg"])
def test_page_images_are_read(scan, tmp_path, fmt):
    from sferum_policy.readers import read

    _, text_pdf, _ = scan
    img = page_images(text_pdf, tmp_path, dpi=200, first=1, last=1, fmt=fmt)[0]
    doc = read(img)
    assert doc.format == "image" and doc.results.ocr.reason == "image"
    assert "Положение" in doc.text or "ПОЛОЖЕНИЕ" in doc.text
    assert img.read_bytes()[:2] in (b"\x89P", b"II", b"MM", b"\xff\xd8")  # the input is left as it was


@needs_ocr
def test_damaged_text_layer_of_a_pdf_is_recognised_again(scan, tmp_path):
    """A PDF whose text layer says Latin garbage over a readable page image is read again by Tesseract."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    scan_pdf, _, _ = scan
    garbage = "IIOJIO}KEHHE o6 HcnoJIb3oBaHHH nJIaTQopMbI Ha neqarorHqecKoM coBeTe npoToKoJI " * 4
    writer = PdfWriter()
    writer.append(PdfReader(str(scan_pdf)), pages=(0, 1))
    page = writer.pages[0]
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    page["/Resources"][NameObject("/Font")] = DictionaryObject({NameObject("/F1"): font})
    # invisible text (render mode 3) over the picture: what a wrong-language OCR layer is
    body = "".join(f"BT 3 Tr /F1 10 Tf 20 {800 - 14 * k} Td ({garbage[k * 60:(k + 1) * 60]}) Tj ET\n" for k in range(5))
    stream = DecodedStreamObject()
    stream.set_data(body.encode("latin-1"))
    old = page["/Contents"]
    old_ref = getattr(old, "indirect_reference", None) or writer._add_object(old)
    page[NameObject("/Contents")] = ArrayObject([old_ref, writer._add_object(stream)])
    damaged = tmp_path / "слой.pdf"
    with damaged.open("wb") as fh:
        writer.write(fh)
    from sferum_policy.pipeline import run

    before = damaged.read_bytes()
    doc, rep = run(damaged, as_of=AS_OF)
    assert damaged.read_bytes() == before
    assert rep.text_layer.reocr == "done", rep.text_layer
    assert rep.text_layer.ocr.reason == "damaged_layer"
    assert "распознан заново" in rep.text_layer.message
    assert not rep.text_layer.unreadable_paragraphs and rep.text_layer.status in ("ok", "repaired")
    assert "ПОЛОЖЕНИЕ" in doc.text or "Положение" in doc.text


@needs_ocr
def test_blank_scan_is_one_clear_error(tmp_path):
    from sferum_policy.readers import read

    white = tmp_path / "white.pdf"
    blank_pdf = tmp_path / "blank.pdf"
    from tests.fixtures.make_fixtures import make_blank_pdf

    blank_pdf.write_bytes(make_blank_pdf(1))
    jpgs = page_images(blank_pdf, tmp_path, dpi=100)
    images_to_pdf(jpgs, white, dpi=100)
    with pytest.raises(InputError, match="распознать текст не удалось"):
        read(white)


def test_scan_fixture_tools_are_reported_by_name():
    missing = tools_missing()
    assert all(name in ("LibreOffice", "poppler-utils", "tesseract-ocr") for name in missing)
    if shutil.which("tesseract") is None:
        assert "tesseract-ocr" in missing


@needs_ocr
def test_audit_reads_scans_and_the_dashboard_says_which_acts_are_scans(scan, tmp_path):
    import csv

    from click.testing import CliRunner

    from sferum_policy.cli import cli

    scan_pdf, text_pdf, _ = scan
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(scan_pdf, folder / "скан.pdf")
    shutil.copy(text_pdf, folder / "текст.pdf")
    photo = page_images(text_pdf, folder, dpi=150, first=1, last=1, fmt="png")[0]  # a photographed page
    logo = folder / "логотип.png"  # a small picture on a school's site is not an act
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (120).to_bytes(4, "big") + (80).to_bytes(4, "big")
                     + b"\x08\x00\x00\x00\x00")
    result = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig") as fh:
        rows = {r["Файл"].split("/")[-1]: r for r in csv.DictReader(fh, delimiter=";")}
    assert set(rows) == {"скан.pdf", "текст.pdf", photo.name}
    assert rows["скан.pdf"]["Источник текста"] == "скан PDF (распознан)"
    assert "уверенность распознавания" in rows["скан.pdf"]["Читаемость текста"]
    assert rows[photo.name]["Источник текста"] == "изображение (распознано)"
    assert rows["текст.pdf"]["Источник текста"] == "текст" and rows["текст.pdf"]["Читаемость текста"] == "читается"
    dashboard = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "скан PDF (распознан)" in dashboard and "<th>Текст</th>" in dashboard


WEB_BASE = "http://127.0.0.1:8000"  # the page accepts posts only from its own (loopback) address


def test_web_refuses_an_image_that_is_not_one():
    pytest.importorskip("starlette")
    pytest.importorskip("httpx")
    pytest.importorskip("python_multipart")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from sferum_policy.web.app import create_app
    from sferum_policy.web.limits import Limits

    with TestClient(create_app(Limits(workers=1)), base_url=WEB_BASE) as client:
        r = client.post("/check", files={"document": ("скан.png", b"%PDF-1.4 not a picture", "image/png")})
        assert r.status_code == 415
        assert "ожидался изображение (скан или фотография), а по содержимому это PDF" in r.text


@needs_ocr
def test_web_checks_an_uploaded_page_photo(scan, tmp_path):
    pytest.importorskip("starlette")
    pytest.importorskip("httpx")
    pytest.importorskip("python_multipart")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from sferum_policy.web.app import create_app
    from sferum_policy.web.limits import Limits

    _, text_pdf, _ = scan
    photo = page_images(text_pdf, tmp_path, dpi=150, first=1, last=1, fmt="jpeg")[0]
    with TestClient(create_app(Limits(workers=1)), base_url=WEB_BASE) as client:
        r = client.post("/check", files={"document": ("страница.jpg", photo.read_bytes(), "image/jpeg")},
                        follow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        page = client.get(r.headers["location"]).text
        assert 'id="text-layer"' in page and "Изображение распознано" in page


def _row(block, par, line, word, left, text, width=60, height=20, conf=95):
    return f"5\t1\t{block}\t{par}\t{line}\t{word}\t{left}\t0\t{width}\t{height}\t{conf}\t{text}"


def test_stamps_printed_side_by_side_keep_their_own_lines():
    """ПРИНЯТО … | УТВЕРЖДЕНО … read by Tesseract as one line each are given column after column."""
    header = TSV.splitlines()[0]
    rows = [
        _row(1, 1, 1, 1, 100, "ПРИНЯТО"), _row(1, 1, 1, 2, 900, "УТВЕРЖДЕНО"),
        _row(1, 1, 2, 1, 100, "советом"), _row(1, 1, 2, 2, 900, "приказом"),
        _row(1, 1, 3, 1, 100, "от"), _row(1, 1, 3, 2, 170, "28.08.2026"), _row(1, 1, 3, 3, 900, "от"),
        _row(1, 1, 3, 4, 970, "31.08.2026"),
        _row(2, 1, 1, 1, 100, "1."), _row(2, 1, 1, 2, 170, "Общие"), _row(2, 1, 1, 3, 240, "положения"),
    ]
    page = pages.parse_tsv("\n".join([header, *rows]), 1)
    text = page.text
    assert text == "ПРИНЯТО\nсоветом\nот 28.08.2026\n\nУТВЕРЖДЕНО\nприказом\nот 31.08.2026\n\n1. Общие положения"


def test_empty_pages_are_not_sent_to_the_recogniser(tmp_path):
    white = tmp_path / "white.pgm"
    white.write_bytes(b"P5\n100 100\n255\n" + b"\xf0" * 10_000)
    assert images.blank_pgm(white)
    text = tmp_path / "text.pgm"
    text.write_bytes(b"P5\n100 100\n255\n" + (b"\xf0" * 50 + b"\x10" * 50) * 100)
    assert not images.blank_pgm(text)
    odd = tmp_path / "odd.pgm"
    odd.write_bytes(b"P6\n1 1\n255\n\x00\x00\x00")  # not a greyscale PGM: never skipped
    assert not images.blank_pgm(odd)
