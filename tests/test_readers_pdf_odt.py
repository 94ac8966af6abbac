"""PDF (pypdf text layer) and ODT (odfpy, list numbering) readers."""

from __future__ import annotations

from pathlib import Path

from fixtures.make_fixtures import make_odt, make_pdf

from sferum_policy.readers import read
from sferum_policy.readers.odt import read_odt
from sferum_policy.readers.pdf import read_pdf

PAGES = [
    ["ПОЛОЖЕНИЕ", "об использовании платформы «Сферум»", "1. Общие положения",
     "1.1. Настоящее Положение определяет порядок образова-",
     "тельной деятельности с использованием информационно-", "технологической платформы.",
     "1.2. Положение принимается советом.", "1"],
    ["2. Права участников", "2.1. Участники вправе:", "- получать доступ к платформе;",
     "- обращаться в службу поддержки.", "2"],
]


def test_pdf_text_layer_is_assembled_like_text(tmp_path):
    path = tmp_path / "act.pdf"
    path.write_bytes(make_pdf(PAGES))
    doc = read(path)
    assert doc.format == "pdf"
    by_label = {p.label: p for p in doc.paragraphs if p.label}
    assert by_label["1.1."].text == ("Настоящее Положение определяет порядок образовательной деятельности "
                                     "с использованием информационно-технологической платформы.")
    assert (by_label["1."].kind, by_label["2."].kind) == ("heading", "heading")
    assert [p.kind for p in doc.paragraphs if p.label == "-"] == ["bullet", "bullet"]
    assert by_label["2."].source_unit == 1  # the page index
    assert all(p.text not in ("1", "2") for p in doc.paragraphs)  # page numbers dropped


def test_pdf_char_map_points_into_the_joined_page_text():
    doc = read_pdf(make_pdf(PAGES), Path("act.pdf"))
    for p in doc.paragraphs:
        mapped = "".join(doc.source_text[i] for i in p.char_map)
        assert mapped.replace("\n", " ") .replace(" ", "") == p.text.replace(" ", "")
    assert doc.source_text.count("\f") == 1


def test_pdf_running_headers_are_dropped():
    pages = [["МБОУ «Школа № 1»", f"{n}.1. Пункт номер {n} текста положения.", "Страница колонтитула"]
             for n in range(1, 5)]
    doc = read_pdf(make_pdf(pages), Path("act.pdf"))
    assert [p.label for p in doc.paragraphs] == ["1.1.", "2.1.", "3.1.", "4.1."]


def test_odt_lists_headings_and_tables():
    doc = read_odt(make_odt(), Path("act.odt"))
    got = [(p.kind, p.label, p.text) for p in doc.paragraphs]
    assert got == [
        ("heading", None, "ПОЛОЖЕНИЕ"),
        ("heading", "1.", "Общие положения"),
        ("item", "1.", "Первый пункт списка;"),
        ("item", "1.1.", "подпункт один;"),
        ("item", "1.2.", "подпункт два."),
        ("item", "2.", "Второй пункт списка."),
        ("bullet", "•", "чат класса;"),
        ("bullet", "•", "чат родителей."),
        ("heading", "2.", "Заключительные положения"),
        ("item", "3.", "Третий пункт продолжает список."),  # continue-numbering
        ("table", None, "СОГЛАСОВАНО"),
        ("table", None, "УТВЕРЖДЕНО"),
    ]
    assert [p.level for p in doc.paragraphs[2:5]] == [1, 2, 2]
    assert sorted(p.source_unit for p in doc.paragraphs) == [p.source_unit for p in doc.paragraphs]


def test_odt_through_read(tmp_path):
    path = tmp_path / "act.odt"
    path.write_bytes(make_odt())
    assert read(path).format == "odt"
