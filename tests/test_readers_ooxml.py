"""The DOCX reader's own package layer (readers/ooxml.py) reads what python-docx would."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from fixtures.make_fixtures import make_docx

from benchmarks.zipdoc import rezip
from sferum_policy.errors import InputError
from sferum_policy.readers.docx import paragraph_source_text, read_docx
from sferum_policy.readers.ooxml import _w3cdtf, open_word


def test_paragraphs_in_the_same_order_as_python_docx():
    data = make_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        ours = [paragraph_source_text(p) for p in open_word(zf).body.iter(qn("w:p"))]
    theirs = [paragraph_source_text(p) for p in docx.Document(io.BytesIO(data)).element.body.iter(qn("w:p"))]
    assert ours == theirs and len(ours) > 20


def test_core_properties_match_python_docx():
    d = docx.Document()
    d.add_paragraph("ПОЛОЖЕНИЕ")
    cp = d.core_properties
    cp.title, cp.author, cp.keywords, cp.comments = "Положение", "Школа", "Сферум", "Проект"
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    core = core.replace("</cp:coreProperties>",
                        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-09-01T10:15:00+03:00</dcterms:created>"
                        "</cp:coreProperties>")
    core = re.sub(r"<dcterms:created[^>]*>[^<]*</dcterms:created>", "", core, count=1)
    data = rezip(data, replace={"docProps/core.xml": core.encode()})
    props = read_docx(data, Path("a.docx")).meta.properties
    expected = docx.Document(io.BytesIO(data)).core_properties
    assert props["title"] == expected.title == "Положение"
    assert props["author"] == expected.author and props["keywords"] == "Сферум" and props["comments"] == "Проект"
    assert props["created"] == expected.created.isoformat() == "2025-09-01T07:15:00+00:00"


@pytest.mark.parametrize(("text", "iso"), [
    ("2025-09-01T10:15:00Z", "2025-09-01T10:15:00+00:00"),
    ("2025-09-01T10:15:00-02:30", "2025-09-01T12:45:00+00:00"),
    ("2025-09-01", "2025-09-01T00:00:00+00:00"),
    ("2025", "2025-01-01T00:00:00+00:00"),
])
def test_w3cdtf_dates(text, iso):
    assert _w3cdtf(text).isoformat() == iso


def test_w3cdtf_garbage_is_an_error():
    with pytest.raises(ValueError):
        _w3cdtf("первое сентября")


def test_without_a_styles_part_python_docx_default_styles_apply():
    d = docx.Document()
    d.add_paragraph("Общие положения")
    d.add_paragraph("1.1. Текст пункта.")
    buf = io.BytesIO()
    d.save(buf)
    data = rezip(buf.getvalue(), drop=("word/styles.xml", "word/stylesWithEffects.xml"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
        body = zf.read("word/document.xml").decode()
    rels = re.sub(r'<Relationship [^>]*relationships/styles(WithEffects)?"[^>]*/>', "", rels)
    body = body.replace("<w:p><w:r>", "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r>")
    data = rezip(data, replace={"word/_rels/document.xml.rels": rels.encode(), "word/document.xml": body.encode()})
    paras = read_docx(data, Path("a.docx")).paragraphs
    # python-docx's default styles (what it assumes without a styles part) name the style
    assert [(p.text, p.style) for p in paras] == [("Общие положения", "Normal"), ("Текст пункта.", "Normal")]
    assert paras[1].label == "1.1."


def test_headers_of_every_section_and_linked_ones_skipped():
    d = docx.Document()
    d.add_paragraph("Первый раздел")
    d.sections[0].header.paragraphs[0].text = "Верхний колонтитул 1"
    s2 = d.add_section()
    s2.header.is_linked_to_previous = False
    s2.header.paragraphs[0].text = "Верхний колонтитул 2"
    s3 = d.add_section()  # linked to the previous: not read twice
    s3.footer.is_linked_to_previous = False
    s3.footer.paragraphs[0].text = "Нижний колонтитул 3"
    buf = io.BytesIO()
    d.save(buf)
    meta = read_docx(buf.getvalue(), Path("a.docx")).meta
    assert meta.header_text == "Верхний колонтитул 1\nВерхний колонтитул 2"
    assert meta.footer_text == "Нижний колонтитул 3"


def test_a_spreadsheet_renamed_to_docx_is_one_clear_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("_rels/.rels", "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                   "<Relationship Id='r1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "officeDocument' Target='xl/workbook.xml'/></Relationships>")
        z.writestr("xl/workbook.xml", "<workbook xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'/>")
    with pytest.raises(InputError, match=r"таблица\.docx: файл DOCX повреждён или это не документ Word"):
        read_docx(out.getvalue(), Path("таблица.docx"))


def test_styles_parsed_once_per_template():
    from sferum_policy.readers import ooxml

    data = make_docx()
    first = read_docx(data, Path("a.docx"))
    calls = []
    real = ooxml.parse

    def counting(xml):
        calls.append(len(xml))
        return real(xml)

    ooxml.parse = counting
    try:
        second = read_docx(data, Path("b.docx"))
    finally:
        ooxml.parse = real
    styles_size = len(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    assert styles_size not in calls  # the second act with the same template reuses the parsed styles
    assert [p.label for p in first.paragraphs] == [p.label for p in second.paragraphs]


def test_a_date_at_the_edge_of_the_calendar_is_left_out():
    data = make_docx()
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>9999-12-31T23:59:59-01:00", core)
    doc = read_docx(rezip(data, replace={"docProps/core.xml": core.encode()}), Path("a.docx"))
    assert "modified" not in doc.meta.properties and doc.meta.properties["title"] == "Положение о Сферуме"


def test_a_damaged_deflate_stream_is_one_clear_error():
    data = make_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode().replace('Target="styles.xml"', 'Target="styles.bin"')
        styles = zf.read("word/styles.xml")
    broken = rezip(data, replace={"word/_rels/document.xml.rels": rels.encode(), "word/styles.bin": styles},
                   drop=("word/styles.xml",))
    # flip bytes far inside the compressed styles (the package check reads only the start of non-XML parts)
    with zipfile.ZipFile(io.BytesIO(broken)) as zf:
        info = zf.getinfo("word/styles.bin")
    at = info.header_offset + 30 + len(info.filename) + (len(info.extra) if info.extra else 0) + info.compress_size // 2
    damaged = broken[:at] + bytes(b ^ 0xFF for b in broken[at:at + 64]) + broken[at + 64:]
    with pytest.raises(InputError, match=r"a\.docx: файл DOCX повреждён"):
        read_docx(damaged, Path("a.docx"))


def test_targets_are_resolved_as_python_docx_resolves_them():
    data = make_docx()
    expected = [p.label for p in read_docx(data, Path("a.docx")).paragraphs]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
        package_rels = zf.read("_rels/.rels").decode()
    rels = rels.replace('Target="numbering.xml"', 'Target="/word/./numbering.xml"')
    package_rels = package_rels.replace('Target="word/document.xml"', 'Target="../word/document.xml"')
    odd = rezip(data, replace={"word/_rels/document.xml.rels": rels.encode(), "_rels/.rels": package_rels.encode()})
    with zipfile.ZipFile(io.BytesIO(odd)) as zf:
        assert "/word/./numbering.xml" in zf.read("word/_rels/document.xml.rels").decode()
        assert "../word/document.xml" in zf.read("_rels/.rels").decode()
    assert [p.label for p in read_docx(odd, Path("a.docx")).paragraphs] == expected
    assert "1.1." in expected
