"""Hostile uploads: each is rejected with one Russian InputError naming the file, or read safely."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from benchmarks.bench_fuzz import W_NS, seed_docx, seed_odt, seed_pdf, watchdog
from benchmarks.zipdoc import replace_member
from sferum_policy import check
from sferum_policy.errors import InputError
from sferum_policy.readers import MAX_TEXT_BYTES, package, read
from sferum_policy.readers.numbering import format_number
from sferum_policy.report import Report

PASSWD = Path("/etc/passwd")
LOL = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True)) + "]>")
XXE = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
PAD = "<!--" + "x" * 70_000 + "-->"  # pushes the DOCTYPE past the first 64 KB of the part


def _docx_body(inner: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{inner}'
            f"</w:body></w:document>").encode()


def _para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _odt_content(inner: str, prolog: str = "") -> bytes:
    content = zipfile.ZipFile(io.BytesIO(seed_odt())).read("content.xml").decode()
    head, rest = content.split("?>", 1)
    start = rest.index("<office:text>") + len("<office:text>")
    return (head + "?>" + prolog + rest[:start] + inner + rest[start:]).encode()


def _rejected(path: Path, data: bytes, fragment: str) -> str:
    path.write_bytes(data)
    with watchdog(60), pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path)), message
    assert fragment in message, message
    return message


def _read_ok(path: Path, data: bytes):
    path.write_bytes(data)
    with watchdog(60):
        doc = read(path)
        report = check(doc)
    assert isinstance(report, Report)
    return doc


def _set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Forge the central-directory uncompressed size of one member (a bomb that lies about nothing)."""
    b = bytearray(data)
    pos = b.find(b"PK\x01\x02" + b"", 0)
    while pos != -1:
        name_len = struct.unpack_from("<H", b, pos + 28)[0]
        if bytes(b[pos + 46:pos + 46 + name_len]) == name.encode():
            struct.pack_into("<I", b, pos + 24, size)
        pos = b.find(b"PK\x01\x02", pos + 4)
    return bytes(b)


# --- ZIP bombs ------------------------------------------------------------------------------------

def test_zip_bomb_total_unpacked_size_is_checked_before_decompression(tmp_path):
    data = _set_declared_size(seed_docx(), "word/document.xml", 400 * 1024 * 1024)
    _rejected(tmp_path / "бомба.docx", data, "после распаковки документ DOCX занимает больше 300 МБ")


def test_zip_bomb_compression_ratio(tmp_path):
    bomb = _docx_body(_para(" " * (40 * 1024 * 1024) + "x"))  # 40 MB of spaces packs into ~40 KB
    data = replace_member(seed_docx(), "word/document.xml", bomb)
    assert len(data) < 200_000
    message = _rejected(tmp_path / "бомба.docx", data, f"сжата более чем в {package.MAX_RATIO} раз")
    assert "word/document.xml" in message


def test_ordinary_docx_is_far_below_the_ratio_limit():
    infos = zipfile.ZipFile(io.BytesIO(seed_docx())).infolist()
    assert max(i.file_size / max(i.compress_size, 1) for i in infos) < package.MAX_RATIO / 5


# --- XML entities -----------------------------------------------------------------------------------

@pytest.mark.parametrize("prolog", [LOL, PAD + LOL, XXE, PAD + XXE], ids=["lol", "padded-lol", "xxe", "padded-xxe"])
def test_docx_with_doctype_is_rejected(tmp_path, prolog):
    data = replace_member(seed_docx(), "word/document.xml", _docx_body(_para("&i; &x;"), prolog))
    message = _rejected(tmp_path / "сущности.docx", data, "недопустимые конструкции XML")
    assert "root:" not in message


@pytest.mark.parametrize("prolog", [LOL, PAD + LOL, XXE, PAD + XXE], ids=["lol", "padded-lol", "xxe", "padded-xxe"])
def test_odt_with_doctype_is_rejected(tmp_path, prolog):
    data = replace_member(seed_odt(), "content.xml", _odt_content("<text:p>&i; &x;</text:p>", prolog))
    _rejected(tmp_path / "сущности.odt", data, "недопустимые конструкции XML")


def test_doctype_in_a_part_with_an_odd_name_is_found(tmp_path):
    """python-docx parses any part its content types call XML; the scan does not trust names."""
    data = replace_member(seed_docx(), "word/media/image9.bin", _docx_body(_para("&x;"), XXE))
    _rejected(tmp_path / "сущности.docx", data, "недопустимые конструкции XML")


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_xxe_is_never_resolved_even_past_the_package_scan(tmp_path, monkeypatch, fmt):
    """Defence in depth: with the DOCTYPE scan switched off the parsers still do not read /etc/passwd."""
    if not PASSWD.exists():
        pytest.skip("no /etc/passwd")
    secret = PASSWD.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    monkeypatch.setattr(package, "_has_dtd", lambda zf, info: False)
    if fmt == "docx":
        data = replace_member(seed_docx(), "word/document.xml", _docx_body(_para("Текст: &x; конец."), XXE))
    else:
        data = replace_member(seed_odt(), "content.xml", _odt_content("<text:p>Текст: &x; конец.</text:p>", XXE))
    path = tmp_path / f"xxe.{fmt}"
    path.write_bytes(data)
    try:
        doc = read(path)
    except InputError as exc:
        assert secret not in str(exc)
    else:
        assert secret not in "\n".join(p.full_text for p in doc.paragraphs)


# --- deep nesting -------------------------------------------------------------------------------------

def test_docx_with_100000_nested_elements(tmp_path):
    inner = "<w:sdt><w:sdtContent>" * 100_000 + _para("x") + "</w:sdtContent></w:sdt>" * 100_000
    data = replace_member(seed_docx(), "word/document.xml", _docx_body(inner))
    _rejected(tmp_path / "вложенность.docx", data, "повреждён")


@pytest.mark.parametrize("tags", [("<text:section>", "</text:section>"),
                                  ("<text:list><text:list-item>", "</text:list-item></text:list>"),
                                  ("<text:span>", "</text:span>")], ids=["section", "list", "span"])
def test_odt_with_deep_nesting(tmp_path, tags):
    opening, closing = tags
    inner = opening * 20_000 + "<text:p>x</text:p>" * (opening == "<text:section>") + closing * 20_000
    if opening == "<text:span>":
        inner = "<text:p>" + inner.replace("</text:span>", "", 1) + "x</text:span></text:p>"
    data = replace_member(seed_odt(), "content.xml", _odt_content(inner))
    _rejected(tmp_path / "вложенность.odt", data, "слишком глубокая вложенность")


def test_odt_moderate_list_nesting_reads(tmp_path):
    inner = '<text:list text:style-name="L1"><text:list-item>' * 60 + "<text:p>Глубокий пункт перечня.</text:p>" \
        + "</text:list-item></text:list>" * 60
    doc = _read_ok(tmp_path / "списки.odt", replace_member(seed_odt(), "content.xml", _odt_content(inner)))
    assert any(p.text == "Глубокий пункт перечня." for p in doc.paragraphs)


# --- odd numbers in list definitions --------------------------------------------------------------

@pytest.mark.parametrize("value", ["9" * 5000, "999999999999", "-7", "abc"])
def test_odt_odd_start_value_reads(tmp_path, value):
    inner = (f'<text:list text:style-name="L1"><text:list-item text:start-value="{value}">'
             f"<text:p>Пункт с необычным номером.</text:p></text:list-item></text:list>")
    doc = _read_ok(tmp_path / "номер.odt", replace_member(seed_odt(), "content.xml", _odt_content(inner)))
    para = next(p for p in doc.paragraphs if p.text == "Пункт с необычным номером.")
    assert para.label is None or len(para.label) < 40


def test_odt_huge_space_count_is_clamped(tmp_path):
    """Regression: text:s text:c="2000000000" used to allocate 2 GB (MemoryError)."""
    inner = '<text:p>Пробелы<text:s text:c="2000000000"/>между словами.</text:p>'
    doc = _read_ok(tmp_path / "пробелы.odt", replace_member(seed_odt(), "content.xml", _odt_content(inner)))
    assert any(p.text == "Пробелы между словами." for p in doc.paragraphs)


def test_odt_huge_outline_level_and_display_levels(tmp_path):
    styles = zipfile.ZipFile(io.BytesIO(seed_odt())).read("styles.xml").decode()
    styles = styles.replace('text:level="1"', 'text:level="1000000000"').replace(
        'text:display-levels="1"', 'text:display-levels="1000000000"')
    data = replace_member(seed_odt(), "styles.xml", styles.encode())
    inner = '<text:h text:outline-level="1000000000">Заголовок раздела</text:h><text:p>Текст раздела.</text:p>'
    doc = _read_ok(tmp_path / "уровни.odt", replace_member(data, "content.xml", _odt_content(inner)))
    assert any(p.text == "Заголовок раздела" for p in doc.paragraphs)


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperRoman", "russianLower"])
def test_docx_huge_start_value_in_letter_formats(tmp_path, fmt):
    """Regression: «w:start 999999999999» in letters/Roman built a gigabyte label or looped for ages."""
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}"><w:abstractNum '
                 f'w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="999999999999"/><w:numFmt w:val="{fmt}"/>'
                 f'<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/>'
                 f"</w:num></w:numbering>")
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>'
            "Пункт с огромным номером.</w:t></w:r></w:p>")
    data = replace_member(seed_docx(), "word/document.xml", _docx_body(body))
    doc = _read_ok(tmp_path / "номер.docx", replace_member(data, "word/numbering.xml", numbering.encode()))
    para = next(p for p in doc.paragraphs if p.text == "Пункт с огромным номером.")
    assert para.label == "999999999999)"


def test_format_number_falls_back_to_decimal_for_huge_numbers():
    assert format_number(3, "lowerRoman") == "iii"
    assert format_number(29, "russianLower") == "аа"
    assert format_number(10**12, "lowerRoman") == str(10**12)
    assert format_number(10**9, "lowerLetter") == str(10**9)


# --- files that lie about their type ------------------------------------------------------------------

def test_pdf_named_docx_is_read_as_pdf(tmp_path):
    doc = _read_ok(tmp_path / "акт.docx", seed_pdf())
    assert doc.format == "pdf"


def test_docx_named_txt_is_read_as_docx(tmp_path):
    doc = _read_ok(tmp_path / "акт.txt", seed_docx())
    assert doc.format == "docx"


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("страница.docx", b"<!DOCTYPE html><html><body><p>1. Text</p></body></html>", "не является документом DOCX"),
    ("программа.docx", b"MZ\x90\x00\x03" + bytes(300), "не является документом DOCX"),
    ("программа.odt", b"MZ\x90\x00\x03" + bytes(300), "не является документом ODT"),
    ("программа.pdf", b"\x7fELF\x02\x01\x01" + bytes(300), "не является документом PDF"),
    ("программа.txt", b"\x7fELF\x02\x01\x01" + bytes(300), "не похож на текстовый документ"),
    ("программа.md", b"MZ\x90\x00" + bytes(random.Random(3).randrange(256) for _ in range(2000)),
     "не похож на текстовый документ"),
])
def test_files_lying_about_their_type(tmp_path, name, data, fragment):
    _rejected(tmp_path / name, data, fragment)


# --- path traversal -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_zip_entries_with_dot_dot_are_never_extracted(tmp_path, monkeypatch, fmt):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    data = seed_docx() if fmt == "docx" else seed_odt()
    for name in ("../../evil.xml", "../evil.txt", "/tmp/sferum-evil.xml"):
        data = replace_member(data, name, b"<x>evil</x>")
    path = work / f"акт.{fmt}"
    path.write_bytes(data)
    before = {p for p in tmp_path.rglob("*")}
    with watchdog(60):
        doc = read(path)
    assert doc.paragraphs
    assert {p for p in tmp_path.rglob("*")} - before == set()
    assert not Path("/tmp/sferum-evil.xml").exists()


# --- PDF loops and page counts -----------------------------------------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 11 Tf 50 800 Td (Enough letters in this text layer to count as a document.) Tj ET"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
_CONTENT = b"<< /Length %d >>\nstream\n" % len(_TEXT) + _TEXT + b"\nendstream"


@pytest.mark.parametrize(("objects", "fragment"), [
    ([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>", _FONT, _PAGE,
      _CONTENT], "PDF повреждён"),
    ([b"<< /Type /Catalog /Pages 2 0 R >>", b"6 0 R", _FONT, _PAGE, _CONTENT, b"2 0 R"], "PDF повреждён"),
    ([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT, _PAGE,
      b"<< /Length 5 0 R >>\nstream\n" + _TEXT + b"\nendstream"], "PDF повреждён"),
], ids=["pages-cycle", "reference-cycle", "length-refers-to-itself"])
def test_pdf_reference_loops(tmp_path, objects, fragment):
    _rejected(tmp_path / "петля.pdf", _pdf(objects), fragment)


def test_pdf_lying_page_count_and_self_drawing_form(tmp_path):
    draw = _TEXT + b" /X1 Do"
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 6 0 R >> "
            b"/Font << /F1 3 0 R >> >> /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
    page = _PAGE.replace(b">> >>", b">> /XObject << /X1 6 0 R >> >>")
    content = b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream"
    data = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 999999999 >>",
                 _FONT, page, content, form])
    doc = _read_ok(tmp_path / "форма.pdf", data)
    assert "Enough letters" in doc.paragraphs[0].text


def test_pdf_with_too_many_pages(tmp_path):
    from sferum_policy.readers.pdf import MAX_PAGES

    n = MAX_PAGES + 1
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               _FONT, _CONTENT.replace(b"5 0 R", b"")] + [_PAGE.replace(b"5 0 R", b"4 0 R")] * n
    _rejected(tmp_path / "страницы.pdf", _pdf(objects), f"допускается до {MAX_PAGES}")


# --- text extremes ---------------------------------------------------------------------------------------

def test_one_line_text_near_the_size_limit_reads(tmp_path):
    words = ["Положение", "определяет", "порядок", "работы", "платформы", "Сферум", "в", "школе"]
    rnd = random.Random(5)
    line = " ".join(rnd.choice(words) for _ in range(400_000)).encode()[: MAX_TEXT_BYTES - 10]
    path = tmp_path / "строка.txt"
    path.write_bytes(line)  # cut mid-character: the last letter is incomplete UTF-8
    with watchdog(120):
        doc = read(path)
    assert doc.encoding == "utf-8"  # regression: the truncated last character made it cp1251 mojibake → refused
    assert len(doc.paragraphs) == 1 and doc.paragraphs[0].text.startswith(line[:40].decode())


def test_many_bullets_read_as_bullets(tmp_path):
    path = tmp_path / "перечень.txt"
    path.write_bytes("1. Перечень работ:\n".encode() + "- пункт перечня;\n".encode() * 100_000)
    with watchdog(120):
        doc = read(path)
    assert len(doc.paragraphs) == 100_001
    assert {p.kind for p in doc.paragraphs[1:]} == {"bullet"}


def test_corrupt_odt_prints_nothing_to_stdout(tmp_path, capsys):
    """Regression: odfpy printed the whole unparsable content.xml to stdout (breaking `check -f json`)."""
    broken = _odt_content("<text:p>незакрытый абзац</text:x>")
    _rejected(tmp_path / "сломан.odt", replace_member(seed_odt(), "content.xml", broken), "ODT повреждён")
    assert capsys.readouterr().out == ""
