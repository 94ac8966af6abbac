"""Text-layer verdict and repair of OCR damage (issue 13). Texts here are invented, of the kinds real layers show."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

import sferum_policy
from sferum_policy.errors import DataError
from sferum_policy.ocr import repair as rp
from sferum_policy.ocr import tables
from sferum_policy.ocr.layer import assess, describe, judge_paragraph

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 1)

# An act whose header and first section were recognised with the English model (look-alike Latin letters).
DAMAGED_HEAD = (
    "IIPHHHTO Ha neqarorHqecKoM coBeTe npoToKoJI or 28.08.2o24 N° 1\n"
    "C yqeTOM MHeHHH CoBeTa poqHTeJIeH npoToKoJI\n"
    "YTBEP)l{QAIO qHpeKTop IIIKoJIbI npHKa3 J'{Q 15\n"
    "TIOJIO}KEHHE\n"
    "o6 HcnoJIb3oBaHHH HHQopMaIIHoHHoft nJIaTQopMbI\n"
)
BODY = (
    "1. Общие положения\n"
    "1.1. Настоящее Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 27З-ФЗ "
    "«Об образовании в Российской Федерации».\n"
    "1.2. Положение определяет порядок использования платформы участниками образовательных отношений.\n"
    "2. Права участников\n"
    "2.1. Участники имеют право на доступ к платформе.\n"
    "3. Заключительные положения\n"
    "3.1. Положение вступает в силу со дня его утверждения.\n"
)


def _check(text: str):
    return sferum_policy.check(text, as_of=AS_OF)


# --- data tables -----------------------------------------------------------------------------------------

def test_tables_load_and_hold_the_kinds_of_damage():
    look = tables.lookalikes()
    assert look["JI"][0] == ("л",) and "ж" in look["}K"][0] and "ш" in look["III"][0]
    req = tables.requisites()
    assert req.digits["o"] == "0" and req.digits["З"] == "3"
    assert "N°" in req.number_signs and "@3" in req.fz
    assert "max" in tables.latin_words() and "telegram" in tables.latin_words()
    assert "видео" in tables.compound_prefixes()


@pytest.mark.parametrize("name, text, message", [
    ("lookalikes.tsv", "JI\tl\t0.1\n", "русские буквы"),
    ("lookalikes.tsv", "JI\tл\tдорого\n", "буквы<TAB>русские буквы<TAB>цена"),
    ("lookalikes.tsv", "JI\tл\t0.1\nJI\tл\t0.2\n", "дважды"),
    ("requisites.tsv", "digit\too\t0\n", "один знак"),
    ("requisites.tsv", "weird\tx\ty\n", "неизвестный вид"),
])
def test_malformed_tables_are_one_clear_error(tmp_path, monkeypatch, name, text, message):
    for f in ("lookalikes.tsv", "requisites.tsv", "latin_words.txt"):
        (tmp_path / f).write_text((tables.DATA / f).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(tables, "DATA", tmp_path)
    tables.lookalikes.cache_clear()
    tables.requisites.cache_clear()
    try:
        with pytest.raises(DataError, match=re.escape(message)):
            tables.lookalikes() if name == "lookalikes.tsv" else tables.requisites()
    finally:
        tables.lookalikes.cache_clear()
        tables.requisites.cache_clear()


# --- verdict ---------------------------------------------------------------------------------------------

def test_latin_lookalike_paragraph_is_damaged_and_russian_one_is_not():
    assert judge_paragraph(0, "IIPHHHTO Ha neqarorHqecKoM coBeTe npoToKoJI").damaged
    assert judge_paragraph(0, "}l|!273-O3 (o6 o6pa3oBaHHH s Poccnftcxoft").damaged
    assert not judge_paragraph(0, "Педагог пишет в VK Мессенджер и MAX, адрес https://sferum.ru, info@school.ru.").damaged
    assert not judge_paragraph(0, "Приложение 1 к приказу от ______ № ____ #сферум").damaged
    assert not judge_paragraph(0, "Ссылки: Telegram, WhatsApp, Zoom запрещены для учебных чатов.").damaged


def test_describe_ranges_reads_like_a_person():
    assert describe([0, 1, 2, 5]) == "абзацы 1–3, 6"
    assert describe([4]) == "абзац 5"


def test_samples_and_generated_acts_have_an_intact_layer(samples):
    from sferum_policy.pipeline import load_document

    for path in samples.values():
        doc = load_document(path)
        layer = doc.results.text_layer
        assert layer.unreadable_paragraphs == [], path.name
        assert assess(doc.paragraphs).status == "ok", path.name


# --- repair ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong, right", [
    ("сообщения в чатe класса", "сообщения в чате класса"),
    ("на заседании CoBeTa родителей", "на заседании Совета родителей"),
    ("в ИКОП <Сферум> и кСферум) работает", "в ИКОП «Сферум» и «Сферум» работает"),
    ("приказ от 01.09.2o12 г. N° 15", "приказ от 01.09.2012 г. № 15"),
    ("Закон от 29.12.2012 Nq 27З ФЗ", "Закон от 29.12.2012 № 273-ФЗ"),
    ("закон № 15З-ФЗ и закон 4l-@3", "закон № 153-ФЗ и закон 41-ФЗ"),
    ("от 23 августа 2017 r. JIo 816", "от 23 августа 2017 г. № 816"),
    ("работники образоват ельной организации", "работники образовательной организации"),
    ("приказ Мин просвещения России", "приказ Минпросвещения России"),
    ("ТIOJIO}KEHHE", "ПОЛОЖЕНИЕ"),
])
def test_repairs_read_damaged_forms_back(wrong, right):
    text, cmap, found = rp.repair_paragraph(wrong, list(range(len(wrong))))
    assert text == right
    assert len(cmap) == len(text)
    assert all(0 <= o < len(wrong) for o in cmap)
    for s, e, original, fixed, _ in found:
        assert text[s:e] == fixed and original in wrong


def test_correct_text_is_left_alone():
    for good in ("Федеральный закон от 29.12.2012 № 273-ФЗ", "в национальном мессенджере MAX и VK Мессенджере",
                 "на сайте https://sferum.ru/?p=start или по адресу info@school.ru",
                 "информационно-коммуникационной платформы", "видеоконференцсвязи", "по том же адресу",
                 "СП 2.4.3648-20", "протокол № 1 от 28.08.2024"):
        text, _, found = rp.repair_paragraph(good, None)
        assert text == good and not found, found


def test_glued_line_is_split_by_the_dictionary():
    glued = "настоящееПоложениеразработановсоответствиисфедеральнымзаконом"
    text, _, found = rp.repair_paragraph(glued, None)
    assert text == "настоящее Положение разработано в соответствии с федеральным законом"
    assert [k for *_, k in found] == ["glued"]


def test_repairs_are_reported_once_with_the_right_form_and_point_at_the_original():
    text = "ПОЛОЖЕНИЕ об использовании платформы\n" + BODY.replace("платформы участниками", "пJIатформы участниками") \
        + "3.2. Закон № 27З-ФЗ применяется.\n"
    from sferum_policy.pipeline import run

    doc, rep = run(text, as_of=AS_OF)
    ocr = [f for f in rep.findings if f.code in ("OC002", "TY002")]
    by_text = {f.text: f for f in ocr}
    assert by_text["27З-ФЗ"].suggestion == "273-ФЗ" and by_text["27З-ФЗ"].code == "OC002"
    assert "всего в документе: 2" in by_text["27З-ФЗ"].message
    assert by_text["пJIатформы"].suggestion == "платформы" and by_text["пJIатформы"].code == "TY002"
    # the location is the repaired span of Document.text; the char map leads back to the source
    f = by_text["пJIатформы"]
    assert doc.text[f.location.start:f.location.end] == "платформы"
    p = doc.paragraphs[f.location.paragraph]
    src = doc.source_text
    s = p.char_map[f.location.start - p.start]
    assert src[s:s + len("пJIатформы")] == "пJIатформы"
    # the checks read the repaired text: the citation is 273-ФЗ, no LR010 about it
    assert not any(f.code == "LR010" and f.act_id == "fz-273" for f in rep.findings)


# --- checks on a damaged layer ----------------------------------------------------------------------------

def test_damaged_header_is_reported_once_at_the_top_and_nothing_is_called_missing():
    rep = _check(DAMAGED_HEAD + BODY)
    layer = rep.text_layer
    assert layer.status in ("damaged", "unreadable") and layer.unreadable_paragraphs
    assert layer.message.startswith("текстовый слой повреждён: абзац")
    oc = [f for f in rep.findings if f.code == "OC001"]
    assert len(oc) == 1 and rep.findings[0].code == "OC001"
    codes = {f.code for f in rep.findings}
    assert not codes & {"ST005", "ST006", "ST007", "ST013"}
    assert not any(f.code.startswith("CL") and f.location.paragraph is None for f in rep.findings)
    withheld = [f for f in rep.findings if f.code == "OC004"]
    assert len(withheld) == 1 and "не удалось прочитать" in withheld[0].message
    assert set(layer.unverified) & {"ST005", "ST006", "ST007"}
    assert rep.document.doc_kind == "polozhenie"


def test_wholly_garbled_act_is_not_declared_a_non_act():
    garbled = ("IIOJ10)l{EIDIE o6 ncnoJIb3oBaHHH ceTH\n" + "HacToaIIIee noJIo}KeHHe onpeAeJIaeT nopaAoK pa6oTbI "
               "o6pa3oBaTeJIbHoft opraHH3auHH c nJIaTQopMoft.\n" * 8)
    rep = _check(garbled)
    assert rep.document.doc_kind != "not_local_act"
    assert not any(f.code == "ST013" for f in rep.findings)
    assert rep.text_layer.status == "unreadable"


def test_the_same_act_without_damage_is_judged_as_before():
    rep = _check("ПОЛОЖЕНИЕ об использовании платформы\n" + BODY.replace("27З-ФЗ", "273-ФЗ"))
    assert rep.text_layer.status == "ok"
    assert not any(f.category == "text_layer" for f in rep.findings)
    assert any(f.code == "ST005" for f in rep.findings)  # a real absence is still reported


def test_verdict_in_every_report_format(tmp_path):
    from click.testing import CliRunner

    from sferum_policy.cli import cli

    src = tmp_path / "акт.txt"
    src.write_text(DAMAGED_HEAD + BODY, encoding="utf-8")
    run = CliRunner().invoke
    text = run(cli, ["check", str(src)]).output
    head = text.split("\n\n", 1)[0]
    assert "Текстовый слой повреждён: абзац" in head
    data = json.loads(run(cli, ["check", str(src), "--format", "json"]).output)
    assert data["text_layer"]["status"] in ("damaged", "unreadable") and data["findings"][0]["code"] == "OC001"
    html = tmp_path / "r.html"
    run(cli, ["check", str(src), "--format", "html", "-o", str(html)])
    page = html.read_text(encoding="utf-8")
    assert page.index('id="text-layer"') < page.index('class="verdict')
    docx = tmp_path / "r.docx"
    run(cli, ["check", str(src), "--format", "docx", "-o", str(docx)])
    import zipfile

    comments = zipfile.ZipFile(docx).read("word/comments.xml").decode("utf-8")
    assert "Текстовый слой: текстовый слой повреждён" in comments


# --- glued text reads like the spaced original --------------------------------------------------------------

def _flatten(text: str) -> str:
    """Drop the spaces inside every third paragraph's body (as a flattened PDF line does)."""
    out = []
    for n, line in enumerate(text.splitlines()):
        m = re.match(r"(\d+(?:\.\d+)*\.\s)(.*)", line)
        if m and n % 3 == 0 and len(m.group(2)) > 40:
            words = m.group(2).split(" ")
            line = m.group(1) + words[0] + " " + "".join(words[1:])
        out.append(line)
    return "\n".join(out)


def test_flattened_generated_act_is_read_as_well_as_the_spaced_one(tmp_path):
    from click.testing import CliRunner

    from sferum_policy.cli import cli

    md = tmp_path / "act.md"
    CliRunner().invoke(cli, ["generate", str(ROOT / "samples/profiles/school.yaml"), "-o", str(md), "--force"])
    text = md.read_text(encoding="utf-8")
    flat = _flatten(text)
    assert flat != text
    spaced = {(f.code, f.clause_id) for f in _check(text).findings}
    rep = _check(flat)
    glued = {(f.code, f.clause_id) for f in rep.findings if f.category != "text_layer" and f.code != "TY003"}
    assert len(spaced ^ glued) <= max(1, 0.1 * len(spaced)), spaced ^ glued
    assert any(f.code == "TY003" for f in rep.findings)  # each flattened run is reported with its spaces


def test_damaged_numbering_label_is_read_back_and_split_off():
    text = "ПОЛОЖЕНИЕ об использовании платформы\n1. Общие положения\n1.1. Первый пункт.\nl.2. Второй пункт с 2l:00.\n"
    from sferum_policy.pipeline import load_document

    doc = load_document(text)
    labels = [p.label for p in doc.paragraphs if p.label]
    assert "1.2." in labels
    second = next(p for p in doc.paragraphs if p.label == "1.2.")
    assert second.text == "Второй пункт с 21:00." and second.kind == "item"
    assert len(second.char_map) == len(second.text)


@pytest.mark.parametrize("wrong, right", [
    ("Решение принято Ha заседании совета.", "Решение принято на заседании совета."),  # H for small «н»
    ("Протокол OT 5 мая 2024 г.", "Протокол от 5 мая 2024 г."),
    ("HacToящee Положение вступает в силу", "Настоящее Положение вступает в силу"),
    ("Положение вступает в силу c 1 сентября 2026 г.", "Положение вступает в силу с 1 сентября 2026 г."),
    ("приказ № 12З-од и протокол № З", "приказ № 123-од и протокол № 3"),
])
def test_case_and_numbers_after_the_sign_read_back(wrong, right):
    assert rp.repair_paragraph(wrong, None)[0] == right
