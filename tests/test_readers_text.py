"""TXT/Markdown reader: encodings, paragraph assembly, labels, kinds, source map, the sample acts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sferum_policy.normalize import hyphen_join, normalize_quotes
from sferum_policy.readers import read, read_string
from sferum_policy.readers.text import decode, read_text, read_text_bytes

ACT = """ПОЛОЖЕНИЕ
об использовании платформы «Сферум»

1. Общие положения
1.1. Настоящее Положение определяет порядок использования
информационно-коммуникационной образовательной платформы.
1.2. Положение разработано в соответствии с:
- Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;
- Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных».
2. Права участников
2.1. Участники вправе:
а) получать доступ к платформе;
б) обращаться в службу поддержки.
"""


def _read_sample(samples, key):
    path = samples[key]
    return read_text_bytes(path.read_bytes(), path)


def _by_label(doc, label):
    return [p for p in doc.paragraphs if p.label == label]


# --- encodings -------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "act.txt"
    text = ACT if encoding != "koi8-r" else ACT.replace("«", '"').replace("»", '"').replace("№", "N")  # not in KOI8-R
    path.write_bytes(text.encode(encoding))
    doc = read(path)
    assert doc.encoding.replace("_", "-").startswith(encoding.split("-")[0])
    assert doc.encoding in {"cp1251": ["cp1251"], "koi8-r": ["koi8-r"], "utf-8": ["utf-8"], "utf-16": ["utf-16"]}[encoding]
    assert doc.paragraphs[0].text == "ПОЛОЖЕНИЕ"
    assert "Настоящее Положение определяет порядок" in doc.text


def test_utf8_bom_is_removed_and_recorded():
    text, enc = decode(b"\xef\xbb\xbf" + ACT.encode("utf-8"), "a.txt")
    assert enc == "utf-8-sig"
    assert text.startswith("ПОЛОЖЕНИЕ")


def test_cp1251_and_koi8_are_told_apart_on_short_text():
    phrase = "Настоящее положение вступает в силу с момента подписания."
    for enc in ("cp1251", "koi8-r"):
        text, detected = decode(phrase.encode(enc), "a.txt")
        assert (text, detected) == (phrase, enc)


# --- assembly -----------------------------------------------------------------------------------------

def test_lines_broken_mid_sentence_are_joined_and_labels_split():
    doc = read_text(ACT)
    p11 = _by_label(doc, "1.1.")[0]
    assert p11.text == ("Настоящее Положение определяет порядок использования "
                        "информационно-коммуникационной образовательной платформы.")
    assert (p11.kind, p11.level, p11.source_line) == ("item", 2, 5)
    heading = _by_label(doc, "1.")[0]
    assert (heading.kind, heading.text, heading.level) == ("heading", "Общие положения", 1)
    bullets = [p for p in doc.paragraphs if p.kind == "bullet"]
    assert [b.label for b in bullets] == ["-", "-"]
    assert all(b.level == 3 for b in bullets)
    letters = [p for p in doc.paragraphs if p.label in ("а)", "б)")]
    assert [p.kind for p in letters] == ["item", "item"]
    assert letters[0].level == 3  # one deeper than «2.1.»
    assert doc.paragraphs[0].kind == "heading"  # ALL CAPS «ПОЛОЖЕНИЕ»
    assert doc.paragraphs[1].kind == "text"


def test_blank_lines_between_every_line_do_not_split_sentences():
    spaced = "\n\n".join(ACT.splitlines())
    assert [p.full_text for p in read_text(spaced).paragraphs] == [p.full_text for p in read_text(ACT).paragraphs]


def test_blank_lines_separate_paragraphs_when_they_are_real_paragraph_breaks():
    text = ("Первый абзац текста, который заканчивается\nна второй строке.\n\n"
            "Второй абзац.\n\nТретий абзац без точки\n\nЧетвёртый абзац.\n")
    doc = read_text(text)
    assert [p.text for p in doc.paragraphs] == [
        "Первый абзац текста, который заканчивается на второй строке.",
        "Второй абзац.", "Третий абзац без точки", "Четвёртый абзац."]


def test_form_feeds_and_page_numbers_are_dropped():
    text = "1.1. Пункт начинается на одной\n\n5\n\fстранице и продолжается на другой.\n- 6 -\n1.2. Следующий пункт.\n"
    doc = read_text(text)
    assert _by_label(doc, "1.1.")[0].text == "Пункт начинается на одной странице и продолжается на другой."
    assert _by_label(doc, "1.2.")[0].text == "Следующий пункт."


def test_odd_spaces_soft_hyphens_and_quotes_are_normalised():
    doc = read_text("Текст\u00a0с  неразрывным\u00a0пробелом, мягким пере\u00adносом и \"кавычками\" “вот”.")
    assert doc.paragraphs[0].text == "Текст с неразрывным пробелом, мягким переносом и «кавычками» «вот»."


def test_ambiguous_quotes_are_left_alone():
    assert normalize_quotes('Директор " подпись') == 'Директор " подпись'
    assert normalize_quotes('"О системе "Моя школа" и ..."') == "«О системе «Моя школа» и ...»"


@pytest.mark.parametrize(("left", "right", "how"), [
    ("образова", "тельной", ""),  # a soft break inside a word
    ("информационно", "технологическое", "-"),  # a compound
    ("видеоконференц", "связи", "-"),
    ("ссылки", "приглашения", "-"),
    ("аудио", "и", None),  # a suspended hyphen before a conjunction
    ("VK", "мессенджере", "-"),
    ("273", "ФЗ", "-"),
])
def test_hyphen_join_decisions(left, right, how):
    assert hyphen_join(left, right) == how


def test_dehyphenation_at_line_ends_and_ocr_gaps_inside_lines():
    text = ("1.1. Порядок образова-\nтельной деятельности и информационно- \nтехнологическое взаимодействие "
            "посредством видеоконференц-\nсвязи, в VK- мессенджере, фото-, аудио- и видеоинформацией.\n")
    assert read_text(text).paragraphs[0].text == (
        "Порядок образовательной деятельности и информационно-технологическое взаимодействие посредством "
        "видеоконференц-связи, в VK-мессенджере, фото-, аудио- и видеоинформацией.")


def test_unnumbered_heading_before_numbered_points():
    doc = read_text("Общие положения\n1. Настоящий порядок определяет правила.\n2. Порядок вступает в силу.\n")
    assert (doc.paragraphs[0].kind, doc.paragraphs[0].label) == ("heading", None)
    assert [p.kind for p in doc.paragraphs[1:]] == ["item", "item"]


def test_label_alone_on_a_line_takes_the_next_line_as_its_text():
    doc = read_text("1.\nОбщие положения\n1.1.\nНастоящее положение определяет порядок.\n")
    assert [(p.label, p.kind, p.text) for p in doc.paragraphs] == [
        ("1.", "heading", "Общие положения"), ("1.1.", "item", "Настоящее положение определяет порядок.")]


def test_dates_and_numbers_at_line_start_are_not_labels():
    doc = read_text("Приказ директора от\n27.02.2024 № 2 и 2024 год.\n")
    assert doc.paragraphs[0].label is None
    assert doc.paragraphs[0].text == "Приказ директора от 27.02.2024 № 2 и 2024 год."


# --- Markdown -----------------------------------------------------------------------------------------

def test_markdown_markup_is_stripped_with_kinds():
    md = ("# ПОЛОЖЕНИЕ\n\n**1. Общие положения**\n\n1.1. Пишите на [info@sferum.ru](mailto:info@sferum.ru) "
          "или на <https://sferum.ru>, см. *важное* и \\_подчёркивание\\_.\n\n"
          "## 2. Права\\*\n\n* первый пункт;\n+ второй пункт.\n\n---\n\n| Согласовано | Утверждено |\n"
          "|---|---|\n| Советом | Директором |\n")
    doc = read_text(md, "act.md")
    assert doc.format == "md"
    texts = [(p.kind, p.label, p.text) for p in doc.paragraphs]
    assert texts[0] == ("heading", None, "ПОЛОЖЕНИЕ")
    assert texts[1] == ("heading", "1.", "Общие положения")
    assert texts[2] == ("item", "1.1.", "Пишите на info@sferum.ru или на https://sferum.ru, см. важное и _подчёркивание_.")
    assert texts[3] == ("heading", "2.", "Права")
    assert texts[4:6] == [("bullet", "-", "первый пункт;"), ("bullet", "-", "второй пункт.")]
    assert [t[2] for t in texts[6:]] == ["Согласовано", "Утверждено", "Советом", "Директором"]
    assert all(t[0] == "table" for t in texts[6:])


def test_markdown_is_detected_in_a_txt_export(samples):
    doc = _read_sample(samples, "002")
    assert doc.format == "md"
    for junk in ("\\_", "**", "](", "\\*", "## "):
        assert junk not in doc.text
    assert "_____ Л.В. Галеева" in doc.text
    assert [p.text for p in doc.paragraphs if p.label == "2."] == [
        "Организация взаимодействия участников образовательных отношений в учебном профиле VK-мессенджер"]
    title = next(p for p in doc.paragraphs if p.text.startswith("Порядок взаимодействия"))
    assert title.text.endswith("№ 119»")


# --- the sample acts --------------------------------------------------------------------------------------

def test_sample_000_labels_and_joined_points(samples):
    doc = _read_sample(samples, "000")
    p23 = _by_label(doc, "2.3.")
    assert len(p23) == 1
    assert p23[0].kind == "item"
    assert p23[0].text.startswith("Классный руководитель координирует процессы по использованию функциональных")
    assert p23[0].text.endswith("в классе; для этого:")  # three source lines joined into one paragraph
    assert _by_label(doc, "2.5.") and _by_label(doc, "2.7.")
    assert not _by_label(doc, "2.6.")  # the gap stays for the structure checker
    labels = [p.label for p in doc.paragraphs if p.kind in ("item", "heading") and p.label]
    assert labels.index("2.5.") + 1 == labels.index("2.7.")
    assert [p.text for p in doc.paragraphs if p.kind == "heading" and p.label] == [
        "Общие положения", "Организация работы участников образовательных отношений в учебном профиле VK-мессенджер",
        "Права участников образовательных отношений", "Заключительные положения"]
    assert {"СОГЛАСОВАНО:", "ПОЛОЖЕНИЕ", "УТВЕРЖДЕНО:"} <= {p.text for p in doc.paragraphs if p.kind == "heading"}


def test_sample_001_appended_list_is_still_read(samples):
    doc = _read_sample(samples, "001")
    labels = [p.label for p in doc.paragraphs]
    after = labels.index("5.1.")
    tail = doc.paragraphs[after + 1:]
    assert any("Перечень ссылок на электронные образовательные ресурсы" in p.text for p in tail)
    assert [p.label for p in tail if p.label and p.label[0].isdigit()][:3] == ["1.", "2.", "3."]
    assert any(p.text.startswith("Федеральная государственная информационная система «Моя школа»") for p in tail)
    assert "информационно-технологическое взаимодействие" in doc.text
    assert "видеоконференц-связи" in doc.text


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_char_map_points_back_to_the_source(samples, key):
    doc = _read_sample(samples, key)
    src = doc.source_text
    checked = 0
    for p in doc.paragraphs:
        assert len(p.char_map) == len(p.text)
        assert p.char_map == sorted(p.char_map)
        for ch, off in zip(p.text, p.char_map, strict=True):
            if ch.isspace():
                continue
            if ch in "«»":
                assert src[off] in "«»\"“”„"
            elif ch == "-":
                assert src[off] in "-\u2010\u2011"
            else:
                assert src[off] == ch
            checked += 1
        assert src.count("\n", 0, p.char_map[0]) + 1 == p.source_line if p.char_map else True
    assert checked > 5000


def test_document_text_is_rebuilt_from_paragraphs(samples):
    doc = _read_sample(samples, "003")
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text
        assert doc.paragraph_at(p.start) is p


def test_read_string_accepts_markdown_and_plain_text():
    assert read_string("**1. Общие положения**\n\n1.1. Текст [ссылки](http://x.ru).\n\\_\\_").format == "md"
    doc = read_string(ACT)
    assert doc.format == "txt"
    # analysis ran: the title, the kind and the two sections are read
    assert doc.meta.title == "ПОЛОЖЕНИЕ об использовании платформы «Сферум»"
    assert doc.meta.doc_kind.value == "polozhenie"
    assert [(s.title, s.key) for s in doc.sections] == [("Общие положения", "general"), ("Права участников", "rights")]


def test_whole_pipeline_reads_each_sample(samples):
    for path in samples.values():
        doc = read(Path(path))
        assert doc.paragraphs and doc.encoding == "utf-8"


_ALPHABET = "абвгдеАБВГДЕ xyzXYZ0123456789.,;:-–—•*#_\\[]()«»\"“”|\n\n\t\u00a0\u00ad\f"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300), st.booleans())
def test_any_text_reads_with_a_consistent_map(text, markdown):
    doc = read_text(text, markdown=markdown)
    for p in doc.paragraphs:
        assert p.text == p.text.strip()
        assert p.char_map is not None and len(p.char_map) == len(p.text)
        assert all(0 <= off < len(doc.source_text) for off in p.char_map)
        assert p.kind in ("heading", "item", "bullet", "text", "table")


def test_read_is_read_raw_then_analyse():
    """The analysis stage is a visible call: a raw reading has no sections or title; analysing it gives read()."""
    from sferum_policy.analysis import analyse
    from sferum_policy.readers import read_string_raw

    raw = read_string_raw(ACT)
    assert raw.sections == [] and raw.meta.title is None and raw.results.text_layer is None
    analysed = analyse(raw)
    direct = read_string(ACT)
    assert analysed.text == direct.text
    assert analysed.meta == direct.meta and analysed.sections == direct.sections
    assert analysed.results.text_layer == direct.results.text_layer and analysed.results.text_layer.status == "ok"
