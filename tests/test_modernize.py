"""``modernize``: the profile read out of an old act (every value with its excerpt, nothing invented), the new
act from the library with the school's own provisions carried over and defects dropped, the change summary,
the CLI and the redline (tracked changes that survive a LibreOffice round trip)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import modernize_variants as variants
import pytest

from sferum_policy.readers import read, read_string
from sferum_policy.repair.modernize import CARRIED_COMMENT, DEFECT_CODES, modernize
from sferum_policy.repair.profile_extract import extract_profile
from sferum_policy.repair.profile_out import build_profile, profile_yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "acts").glob("0*.txt"))
AS_OF = date(2026, 12, 2)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def results():
    return {p.name[:3]: modernize(p, as_of=AS_OF) for p in SAMPLES}


def _excerpt_holds(doc, value, excerpt) -> bool:
    """The excerpt is the paragraph's own text and shows the value (or its digits for a date)."""
    text = " ".join(doc.paragraphs[excerpt.paragraph].full_text.split())
    if isinstance(value, date):
        return str(value.year) in text or f"{value.year % 100:02d}" in text
    return excerpt.text.rstrip("…")[:30].lstrip("…") in text.replace("**", "")


# --- extraction -------------------------------------------------------------------------------------

def test_sample_000_profile_with_excerpts():
    doc = read(SAMPLES[0])
    x = extract_profile(doc)
    assert x.short_name.value == "МБОУ «ШИ с.Омолон»"
    assert x.kind.value == "boarding_school"
    assert x.head_position.value == "Директор" and x.head_name.value == "С.Г. Петрова"
    assert (x.approval_style.value, x.order_date.value, x.order_number.value) == ("utverzhdeno", date(2024, 9, 30), "55-од")
    assert x.adoption is not None
    assert (x.adoption.body.value, x.adoption.date.value, x.adoption.number.value) == (
        "педагогический совет", date(2024, 2, 27), "2")
    assert x.locality.value == "с. Омолон"
    for v in x.values():
        if not v.missing:
            assert v.excerpt is not None, v.key
            assert _excerpt_holds(doc, v.value, v.excerpt), (v.key, v.excerpt)
            assert v.excerpt.line is not None  # a text file: the line is named
    # the act names no council whose opinion was taken: listed, not invented
    assert x.councils == [] and "советы, мнение которых учтено, и их протоколы" in x.missing


@pytest.mark.parametrize("name", ["001", "003", "004"])
def test_samples_without_a_head_leave_the_head_missing(name):
    x = extract_profile(read(next(p for p in SAMPLES if p.name.startswith(name))))
    assert x.head_name.value is None and x.head_name.excerpt is None
    assert "фамилия и инициалы руководителя" in x.missing


def test_stamp_as_signature_keeps_order_number_and_says_so():
    x = extract_profile(read(SAMPLES[2]))  # «УТВЕРЖДАЮ … приказ №342/1 от «19» декабря 2024 г.»
    assert x.head_name.value == "Л.В. Галеева"
    assert x.order_number.value == "342/1" and x.order_date.value == date(2024, 12, 19)
    assert x.approval_style.value == "utverzhdeno" and any("УТВЕРЖДАЮ" in n for n in x.notes)
    # the council adopting it gave no date or number: missing, not invented
    assert x.adoption is not None and x.adoption.date.value is None and x.adoption.number.value is None
    assert "номер протокола (совет учреждения)" in x.missing
    # «(далее — Учреждение)» is how the act names itself, not a short name; the full name is only in the genitive
    assert x.short_name.value == "БОУ г. Омска «Средняя общеобразовательная школа № 119»"
    assert x.full_name.value is None


def test_variant_order_councils_and_no_number_from_the_name():
    x = extract_profile(read_string(variants.ORDER))
    assert x.full_name.value.startswith("Муниципальное автономное общеобразовательное учреждение «Гимназия № 3»")
    assert x.order_number.value == "145-о"  # not the «№ 3» of «Гимназия № 3»
    assert x.order_date.value == date(2024, 8, 30)
    assert x.head_name.value == "Н.В. Орлова" and x.locality.value == "г. Северск"
    assert [(c.body.value, c.date.value, c.number.value) for c in x.councils] == [
        ("совет родителей", date(2024, 8, 27), "2")]
    assert x.adoption.number.value == "1"


def test_variant_signature_kindergarten_protocol_without_number():
    x = extract_profile(read_string(variants.SIGNATURE))
    assert x.kind.value == "preschool"
    assert x.approval_style.value == "utverzhdayu" and x.order_date.value == date(2024, 9, 15)
    assert x.head_position.value == "Заведующий" and x.head_name.value == "Е.А. Кузнецова"
    assert x.adoption.date.value == date(2024, 9, 10) and x.adoption.number.value is None
    assert "номер протокола (педагогический совет)" in x.missing
    # the full name is given only in the prepositional case inside 1.1: not turned into a nominative guess
    assert x.full_name.value is None and "полное наименование организации" in x.missing
    profile = build_profile(x)
    assert profile.approval.order_number is None


def test_variant_college():
    x = extract_profile(read_string(variants.COLLEGE))
    assert x.kind.value == "college"
    assert x.short_name.value == "ГАПОУ «Северный политехнический колледж»"
    assert [(c.body.value, c.number.value) for c in x.councils] == [("студенческий совет", "3")]
    assert x.adoption is None and "коллегиальный орган, принявший акт, и его протокол" in x.missing


def test_stripping_the_stamp_makes_its_fields_missing():
    text = SAMPLES[0].read_text(encoding="utf-8")
    start = text.index("УТВЕРЖДЕНО:")
    end = text.index("30.09.2024г", start) + len("30.09.2024г")
    stripped = text[:start] + text[end:]
    assert "55-од" not in stripped and "Петрова" not in stripped
    x = extract_profile(read_string(stripped))
    for v in (x.approval_style, x.order_date, x.order_number, x.head_name):
        assert v.value is None and v.excerpt is None, v.key
        assert v.label in x.missing
    act = modernize(stripped, as_of=AS_OF).act
    lines = "\n".join(act.plain_lines())
    assert "55-од" not in lines and "30.09.2024" not in lines and "Петрова" not in lines
    assert "«___» ________ 20__ г." in lines  # a visible blank instead


# --- the profile file and generate ------------------------------------------------------------------

def test_profile_yaml_accepted_by_generate_and_reproduces_the_requisites(tmp_path):
    from click.testing import CliRunner

    from sferum_policy.cli import cli

    result = modernize(SAMPLES[0], as_of=AS_OF)
    path = tmp_path / "profile.yaml"
    path.write_text(result.profile_yaml(), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "# из акта, строка" in text and "НЕ НАЙДЕНО" not in text.split("councils")[0].split("organization:")[1]
    out = tmp_path / "act.md"
    run = CliRunner().invoke(cli, ["generate", str(path), "-o", str(out)])
    assert run.exit_code == 0, run.output
    md = out.read_text(encoding="utf-8")
    assert "№ 55-од" in md and "30.09.2024" in md and "27.02.2024" in md
    for c in result.carried:  # the carried provisions travel as extra_clauses
        assert c.old[0].text[:40].replace("«", "").split()[0] in md


def test_profile_yaml_with_a_missing_name_is_refused_by_generate(tmp_path):
    from click.testing import CliRunner

    from sferum_policy.cli import cli

    x = extract_profile(read(SAMPLES[1]))
    path = tmp_path / "profile.yaml"
    path.write_text(profile_yaml(x), encoding="utf-8")
    assert "name: null  # НЕ НАЙДЕНО" in path.read_text(encoding="utf-8")
    run = CliRunner().invoke(cli, ["generate", str(path), "-o", str(tmp_path / "act.md")])
    from sferum_policy.errors import DataError

    assert isinstance(run.exception, DataError) and run.exception.exit_code == 2
    assert "organization.full_name" in str(run.exception)
    assert not (tmp_path / "act.md").exists()


# --- the new act --------------------------------------------------------------------------------------

def _check_docx(tmp_path, data: bytes, name: str):
    from sferum_policy import check

    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    return check(path, as_of=AS_OF)


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_modernised_sample_has_no_defect_findings(results, tmp_path, name):
    r = results[name]
    report = _check_docx(tmp_path, r.docx, name)
    bad = [f for f in report.findings if f.code in DEFECT_CODES or f.code in ("LR004", "RK004")]
    assert bad == [], [(f.code, f.message) for f in bad]
    errors = [f for f in report.findings if f.code[:2] in ("RK", "LR") and f.severity.value == "error"]
    assert errors == []
    text = "\n".join(r.act.plain_lines())
    assert "MAX" in text and "VK Мессенджер" not in text.split("ОБЩИЕ")[0]
    assert r.act.platforms == ["max"] + (["web"] if name == "004" else [])


def test_old_sample_had_the_defects_the_new_act_lost(results):
    # what the summary reports as dropped was a finding on the old act
    r = results["000"]
    assert {d.code for d in r.dropped} == {"KS004"}
    old_codes = {f.code for f in r.old_report.findings}
    assert {d.code for d in r.dropped} <= old_codes


def test_variant_own_provisions_carried_with_comment_defects_dropped(tmp_path):
    import docx

    r = modernize(variants.ORDER, as_of=AS_OF)
    dropped = {d.code: d for d in r.dropped}
    assert "RK002" in dropped and "WhatsApp" in dropped["RK002"].old.text
    # «Регистрация … обязательна для всех обучающихся и их родителей»: compulsion, not carried
    assert "RK001" in dropped and dropped["RK001"].old.where() == "п. 1.2"
    carried = {c.old[0].where(): c for c in r.carried}
    assert set(carried) == {"п. 2.1", "п. 2.2"}
    assert all(c.section == "obligations" and c.new_label for c in carried.values())
    text = "\n".join(r.act.plain_lines())
    assert "видеодайджест" in text and "онлайн-час чтения" in text and "WhatsApp" not in text
    wdoc = docx.Document(io.BytesIO(r.docx))
    comments = list(wdoc.comments)
    assert len(comments) == 2 and all(c.author == "sferum-policy" for c in comments)
    assert sorted(c.text for c in comments) == [CARRIED_COMMENT.format(where=" (п. 2.1)"),
                                                CARRIED_COMMENT.format(where=" (п. 2.2)")]
    commented = [p.text for p in wdoc.paragraphs if p._p.xpath(".//w:commentRangeStart")]
    assert sorted(t.split()[0] for t in commented) == sorted(c.new_label for c in carried.values())
    summary = r.summary_markdown()
    assert "## Удалено и почему" in summary and "RK002" in summary and "не перенесено" in summary
    assert "видеодайджест" in summary.split("## Перенесено")[1]
    assert "Что нужно заполнить" in summary


def test_summary_sections_and_missing_fields(results):
    r = results["002"]
    md = r.summary_markdown()
    for head in ("## Удалено и почему", "## Заменено типовыми положениями", "## Добавлено",
                 "## Что нужно заполнить или проверить"):
        assert head in md
    fill = md.split("## Что нужно заполнить или проверить")[1]
    assert "полное наименование организации" in fill and "номер протокола (совет учреждения)" in fill
    assert "KS004" in md.split("## Удалено и почему")[1].split("##")[0]
    assert "MAX" in md  # the platform change is explained
    assert r.summary_text().startswith("Сводка изменений")


# --- CLI ----------------------------------------------------------------------------------------------

def test_cli_writes_everything_and_keeps_the_input(tmp_path):
    from click.testing import CliRunner

    from sferum_policy.cli import cli

    old = tmp_path / "old.txt"
    old.write_text(variants.ORDER, encoding="utf-8")
    before = old.read_bytes()
    args = ["modernize", str(old), "-o", str(tmp_path / "new.docx"), "--as-of", "2026-12-02",
            "--summary", str(tmp_path / "s.md"), "--profile-out", str(tmp_path / "p.yaml"),
            "--redline", str(tmp_path / "r.docx")]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    assert old.read_bytes() == before
    for name in ("new.docx", "s.md", "p.yaml", "r.docx"):
        assert (tmp_path / name).stat().st_size > 100
    assert "Сводка изменений" in run.output and "RK002" in run.output
    again = CliRunner().invoke(cli, args)
    assert again.exception is not None and "--force" in str(again.exception)


@pytest.mark.parametrize("args, message", [
    (["modernize", "нет-такого.docx", "-o", "{tmp}/n.docx"], "файл не найден"),
    (["modernize", "{old}", "-o", "{tmp}/n.pdf"], "в формате DOCX"),
    (["modernize", "{old}", "-o", "{old}"], "в формате DOCX"),
    (["modernize", "{old}", "-o", "{tmp}/n.docx", "--redline", "{tmp}/n.docx"], "разные файлы"),
    (["modernize", "{old}", "-o", "{tmp}/n.docx", "--interactive"], "терминале"),
])
def test_cli_bad_input_one_line_exit_2(tmp_path, args, message):
    old = tmp_path / "old.txt"
    old.write_text(variants.COLLEGE, encoding="utf-8")
    argv = [a.format(tmp=tmp_path, old=old) for a in args]
    proc = subprocess.run([sys.executable, "-m", "sferum_policy", *argv], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


def test_interactive_asks_only_missing_fields():
    import click
    from click.testing import CliRunner

    from sferum_policy.repair.prompts import ask_missing

    asked: dict = {}

    @click.command()
    def probe() -> None:
        x = extract_profile(read_string(variants.SIGNATURE))
        asked.update(ask_missing(x))

    run = CliRunner().invoke(probe, input="Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 12»\n"
                                          "\n5\n")
    assert run.exit_code == 0, run.output
    assert "Полное наименование" in run.output and "Фамилия и инициалы" not in run.output  # the name is in the act
    assert asked == {"organization.full_name": "Муниципальное бюджетное дошкольное образовательное учреждение "
                                               "«Детский сад № 12»", "adoption.number": "5"}
    r = modernize(variants.SIGNATURE, as_of=AS_OF, answers=asked)
    assert r.act.org_full.startswith("Муниципальное бюджетное дошкольное")
    assert "протокол от 10.09.2024 № 5" in "\n".join(r.act.plain_lines())


def test_library_api_is_exported_lazily():
    import sferum_policy

    assert sferum_policy.modernize is modernize
    assert sferum_policy.ModernizeResult.__name__ == "ModernizeResult"


# --- redline ------------------------------------------------------------------------------------------

def _accepted_lines(data: bytes) -> list[str]:
    import docx

    from sferum_policy.repair.revisions import accept_all

    wdoc = docx.Document(io.BytesIO(data))
    accept_all(wdoc)
    return [" ".join(p.text.replace("\u00a0", " ").split()) for p in wdoc.paragraphs if p.text.strip()]


def _rejected_lines(data: bytes) -> list[str]:
    """Reject every change: inserted runs go, deleted text comes back."""
    xml = _document_xml(data)
    xml = re.sub(r"<w:ins\b[^>]*/>", "", xml)
    xml = re.sub(r"<w:ins\b.*?</w:ins>", "", xml, flags=re.S)
    paras = re.findall(r"<w:p\b.*?</w:p>", xml, flags=re.S)
    out = []
    for p in paras:
        if re.search(r"<w:rPr>\s*<w:ins\b", p):
            continue
        text = "".join(re.findall(r"<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText)>", p))
        text = " ".join(text.replace("\u00a0", " ").split())
        if text:
            out.append(text)
    return out


def _document_xml(data: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("name", ["000", "002", "003"])
def test_redline_accepts_to_the_new_act_and_rejects_to_the_old(results, name):
    import html

    from sferum_policy.repair.redline import _new_lines, count_changes

    r = results[name]
    data = r.redline()
    changes = count_changes(data)
    assert changes["ins"] > 20 and changes["del"] > 5
    assert _accepted_lines(data) == _new_lines(r.act)
    old = [" ".join(p.full_text.split()) for p in r.old_doc.paragraphs if p.full_text.strip()]
    assert [html.unescape(x) for x in _rejected_lines(data)] == old
    xml = _document_xml(data)
    assert 'w:author="sferum-policy"' in xml and re.search(r'w:date="\d{4}-\d\d-\d\dT', xml)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) не установлен: открытие исправлений в LibreOffice "
                                            "не проверяется")
def test_redline_survives_a_libreoffice_round_trip(results, tmp_path):
    from sferum_policy.repair.redline import count_changes

    data = results["000"].redline()
    src = tmp_path / "redline.docx"
    src.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    back = (out / "redline.docx").read_bytes()
    before, after = count_changes(data), count_changes(back)
    assert after["del"] >= before["del"] * 0.9 and after["ins"] >= before["ins"] * 0.9, (before, after)
    assert _accepted_lines(back)[:3] == _accepted_lines(data)[:3]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) не установлен: примечания в LibreOffice не "
                                            "проверяются")
def test_carried_comments_open_in_libreoffice(tmp_path):
    import zipfile

    r = modernize(variants.ORDER, as_of=AS_OF)
    src = tmp_path / "new.docx"
    src.write_bytes(r.docx)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(src)], check=True, capture_output=True,
                   timeout=180)
    with zipfile.ZipFile(tmp_path / "new.odt") as z:
        content = z.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation>") + content.count("<office:annotation ") == len(r.carried) == 2
    assert content.count("Положение перенесено из прежнего акта") == 2


def test_docx_input_redline_keeps_the_original_file(tmp_path):
    import docx

    from sferum_policy.repair.redline import _new_lines
    from sferum_policy.repair.revisions import accept_all

    wdoc = docx.Document()
    for line in variants.ORDER.splitlines():
        wdoc.add_paragraph(line)
    old = tmp_path / "old.docx"
    wdoc.save(old)
    before = old.read_bytes()
    r = modernize(old, as_of=AS_OF)
    assert r.extraction.order_number.value == "145-о" and [d.code for d in r.dropped] == ["RK001", "RK002"]
    data = r.redline()
    assert old.read_bytes() == before
    red = docx.Document(io.BytesIO(data))
    accept_all(red)
    assert [" ".join(p.text.replace("\u00a0", " ").split()) for p in red.paragraphs if p.text.strip()] == \
        _new_lines(r.act)


def test_an_act_on_another_subject_is_said_to_stay():
    text = variants.COLLEGE.replace("об использовании платформы «Сферум»",
                                    "о применении электронного обучения и дистанционных образовательных технологий")
    r = modernize(text, as_of=AS_OF)
    assert r.to_fill[0].startswith("прежний акт — об электронном обучении")
    assert "не заменяет прежний" in r.summary_markdown()
    assert not modernize(variants.COLLEGE, as_of=AS_OF).to_fill[0].startswith("прежний акт —")


def test_dev_set_fields_never_invented():
    """On the hand-labelled real acts (benchmarks/data/modernize_fields.yaml) no field gets a value the act does
    not state, and at most a few values are wrong (a regression guard; the figures are in bench_modernize)."""
    from benchmarks.bench_modernize import score
    from benchmarks.realworld import corpus_dir

    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("набор ../shared/corpus/realworld-dev не найден — реальные акты не проверяются")
    counts, _times, errors = score(corpus)
    assert [e for e in errors if e[2] == "invented"] == []
    right = sum(c[0] for c in counts.values())
    wrong = sum(c[1] for c in counts.values())
    assert right / (right + wrong) >= 0.9, errors


def test_partly_similar_own_provisions_are_carried_with_a_pointer():
    import docx

    r = modernize(variants.ORDER_OWN, as_of=AS_OF)
    carried = {c.old[0].where(): c for c in r.carried}
    assert set(carried) == {"п. 2.1", "п. 2.2", "п. 2.3", "п. 2.4"}
    assert carried["п. 2.3"].similar and carried["п. 2.4"].similar and not carried["п. 2.1"].similar
    text = "\n".join(r.act.plain_lines())
    assert "опрос родителей об удобстве расписания кружков" in text
    comments = {c.text for c in docx.Document(io.BytesIO(r.docx)).comments}
    assert sum("Похоже на п. " in c for c in comments) == 2 and len(comments) == 4
    assert "похоже на п. " in r.summary_markdown().split("## Перенесено")[1]


def test_a_methodical_text_carries_nothing_and_says_so(results):
    r = results["004"]
    assert r.old_doc.meta.doc_kind.value == "not_local_act"
    assert r.carried == [] and any("не локальный акт" in t for t in r.to_fill)


def test_docx_requisites_table_is_deleted_in_the_redline(tmp_path):
    import docx

    from sferum_policy.repair.redline import count_changes

    wdoc = docx.Document()
    table = wdoc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ПРИНЯТО\nпедагогическим советом\nпротокол от 28.08.2024 № 1"
    table.cell(0, 1).text = "УТВЕРЖДЕНО\nприказом директора МАОУ «Гимназия № 3»\nот 30.08.2024 № 145-о"
    body = variants.ORDER.split("ПОЛОЖЕНИЕ\n", 1)[1]
    wdoc.add_paragraph("ПОЛОЖЕНИЕ")
    for line in body.splitlines():
        wdoc.add_paragraph(line)
    old = tmp_path / "old.docx"
    wdoc.save(old)
    r = modernize(old, as_of=AS_OF)
    data = r.redline()
    xml = _document_xml(data)
    rows = re.findall(r"<w:tr\b.*?</w:tr>", xml, flags=re.S)
    assert rows and all(re.search(r"<w:trPr>.*<w:del\b", row, flags=re.S) for row in rows)
    cells = "".join(re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S))
    assert "<w:t>" not in cells and "<w:t " not in cells and "145-о" in cells  # kept only as deleted text
    assert count_changes(data)["del"] >= 6 + len(rows)


def test_library_provisions_the_old_act_had_are_kept(results):
    # 002 forbids messages «с 21-00 до 07-00»: the library's optional quiet hours go in, with those hours
    r = results["002"]
    assert r.keep.options == {"quiet_hours": True, "quiet_from": "21:00", "quiet_to": "07:00"}
    assert "prohibitions.quiet_hours" in r.act.clause_ids()
    assert "quiet_hours: true" in r.profile_yaml()
    assert all(x.new_label for x in r.replaced if x.clause_id == "prohibitions.quiet_hours")
    # 000 has no quiet hours: the option stays off
    assert "prohibitions.quiet_hours" not in results["000"].act.clause_ids()


@pytest.mark.parametrize("source", ["sample-000", "variant-own", "sample-002"])
def test_the_profile_file_reproduces_the_act(results, tmp_path, library, registry, source):
    """``generate`` on the written profile gives the same act (carried provisions, kept options and all) — once
    the names the old act lacks are filled in."""
    from sferum_policy.generator.assemble import assemble
    from sferum_policy.generator.profile import load_profile

    r = {"sample-000": lambda: results["000"], "sample-002": lambda: results["002"],
         "variant-own": lambda: modernize(variants.ORDER_OWN, as_of=AS_OF)}[source]()
    text = r.profile_yaml()
    if source == "sample-002":  # no full name in the old act: generate refuses until it is typed in
        assert "full_name: null" in text
        text = text.replace("full_name: null", 'full_name: "____________________"')
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    act = assemble(load_profile(path), library, registry)
    assert act.plain_lines() == r.act.plain_lines()


def test_an_act_without_sections_still_has_its_provisions_judged():
    r = modernize(variants.NO_SECTIONS, as_of=AS_OF)
    assert r.old_doc.sections == []
    assert [c.old[0].text[:12] for c in r.carried] == ["Школьный хор"]
    assert [d.code for d in r.dropped] == ["RK002"]
    assert "онлайн-репетиции" in "\n".join(r.act.plain_lines())
