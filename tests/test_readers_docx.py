"""DOCX reader: Word automatic numbering, tables, headers/footers, properties, source units."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fixtures.make_fixtures import APPROVAL_CELLS, DOCX_BODY, EXPECTED_LABELS, make_docx

from sferum_policy.readers import read
from sferum_policy.readers.docx import paragraph_source_text, read_docx


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return make_docx()


@pytest.fixture(scope="module")
def doc(docx_bytes):
    return read_docx(docx_bytes, Path("numbered.docx"))


def test_automatic_numbering_labels(doc):
    labels = [p.label for p in doc.paragraphs if p.label]
    assert labels == EXPECTED_LABELS


def test_levels_and_kinds_follow_numbering(doc):
    by_text = {p.text: p for p in doc.paragraphs}
    assert (by_text["Общие положения"].kind, by_text["Общие положения"].level) == ("heading", 1)
    point = by_text["Настоящее Положение определяет порядок использования платформы."]
    assert (point.kind, point.level, point.label) == ("item", 2, "1.1.")
    assert by_text["регистрирует образовательную организацию;"].level == 3
    bullet = by_text["создаёт классы и чаты;"]
    assert (bullet.kind, bullet.label) == ("bullet", "-")
    assert by_text["подпункт по русскому алфавиту;"].label == "а)"
    restart = by_text["Новый перечень с начала;"]
    assert restart.label == "1."  # a second w:num with startOverride restarts the shared list
    assert by_text["Пункт продолжает основной список через другой numId."].label == "2.2."
    typed = by_text["Набранный вручную номер пункта."]
    assert (typed.label, typed.kind) == ("1.1.", "item")


def test_approval_table_cells_in_order(doc):
    cells = [p.text for p in doc.paragraphs if p.kind == "table"]
    left, right = APPROVAL_CELLS
    assert cells == [left[0], left[1], right[0], right[1]]
    first_table = next(i for i, p in enumerate(doc.paragraphs) if p.kind == "table")
    assert doc.paragraphs[first_table - 1].text == "ПОЛОЖЕНИЕ"


def test_headers_footers_and_properties(doc):
    assert doc.meta.header_text == "МБОУ «Школа № 1»"
    assert doc.meta.footer_text == "Страница колонтитула"
    assert "МБОУ «Школа № 1»" not in doc.text
    assert doc.meta.properties["title"] == "Положение о Сферуме"
    assert doc.meta.properties["author"] == "Тестовая школа"
    assert doc.format == "docx"


def test_source_units_and_char_maps_point_at_the_w_p(doc, docx_bytes):
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(io.BytesIO(docx_bytes)).element.body
    ps = list(body.iter(qn("w:p")))
    assert len({p.source_unit for p in doc.paragraphs}) == len(doc.paragraphs)
    for p in doc.paragraphs:
        raw = paragraph_source_text(ps[p.source_unit])
        assert "".join(raw[i] for i in p.char_map) == p.text
    typed = next(p for p in doc.paragraphs if p.text == "Набранный вручную номер пункта.")
    assert typed.char_map[0] == len("1.1. ")


def test_style_based_numbering_and_heading_styles():
    import docx
    from docx.oxml import parse_xml
    from fixtures.make_fixtures import W_NS

    data = make_docx([("Общие положения", None, 0, "Heading 1"), ("Первый пункт текста.", "1", 1, None)])
    d = docx.Document(io.BytesIO(data))
    style = d.styles["Heading 1"]
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx(buf.getvalue(), Path("styled.docx"))
    head, point = doc.paragraphs
    assert (head.label, head.kind, head.level, head.style) == ("1.", "heading", 1, "Heading 1")
    assert (point.label, point.kind) == ("1.1.", "item")


def test_read_dispatches_docx_through_the_full_pipeline(tmp_path, docx_bytes):
    path = tmp_path / "act.docx"
    path.write_bytes(docx_bytes)
    before = path.read_bytes()
    doc = read(path)
    assert [p.label for p in doc.paragraphs if p.label] == EXPECTED_LABELS
    assert path.read_bytes() == before  # the input is never modified


def test_docx_saved_as_txt_is_read_by_content(tmp_path, docx_bytes):
    path = tmp_path / "act.txt"
    path.write_bytes(docx_bytes)
    assert read(path).format == "docx"


def test_fixture_body_is_consistent():
    numbered = [t for t, num, _, _ in DOCX_BODY if num is not None]
    assert len(numbered) + 1 == len(EXPECTED_LABELS)  # plus the typed «1.1.»


def test_lvl_restart_zero_keeps_counting_across_higher_levels():
    from docx.oxml import parse_xml
    from fixtures.make_fixtures import W_NS

    from sferum_policy.readers.wordstyles import Numbering

    root = parse_xml(f"""<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/>
        <w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>""".encode())
    numbering = Numbering(root, {})
    got = [numbering.next_label("7", ilvl)[0] for ilvl in (0, 1, 1, 0, 1)]
    assert got == ["I.", "1.", "2.", "II.", "3."]
