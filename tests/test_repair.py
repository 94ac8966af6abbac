"""``fix``: edits declared by detectors, their plan, the tracked-changes DOCX and what re-checking it shows."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.make_fixtures import DOCX_BODY, make_docx
from lxml import etree

import sferum_policy
from sferum_policy.cli import cli
from sferum_policy.repair import fix, fixed_text
from sferum_policy.repair.plan import plan
from sferum_policy.repair.revisions import accept_all
from sferum_policy.report import Edit, Finding
from sferum_policy.vocab import Category, Severity

AS_OF = dt.date(2026, 12, 2)
WHEN = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SAMPLES = sorted((Path(__file__).parent.parent / "samples" / "acts").glob("0*.txt"))


def _xml(data: bytes, part: str = "word/document.xml"):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))


def _reject_all(root) -> None:
    """What Word's «Reject all» does to our changes: inserted content goes, deleted text comes back."""
    for ins in list(root.iter(f"{W}ins")):
        parent = ins.getparent()
        if parent.tag == f"{W}rPr":  # an inserted paragraph: the paragraph goes
            p = parent.getparent().getparent()
            p.getparent().remove(p)
        elif parent is not None and ins.getparent() is not None:
            parent.remove(ins)
    for d in list(root.iter(f"{W}del")):
        for r in d:
            for t in r.iter(f"{W}delText"):
                t.tag = f"{W}t"
        for ch in list(d):
            d.addprevious(ch)
        d.getparent().remove(d)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in list(root.iter(f"{W}{tag}")):
            el.getparent().remove(el)
    for ref in list(root.iter(f"{W}commentReference")):
        r = ref.getparent()
        r.getparent().remove(r)


def _chars(root) -> list[tuple[str, bytes]]:
    """Every character of the body's text with the formatting of its run (rPr serialised)."""
    out = []
    for r in root.iter(f"{W}r"):
        rpr = r.find(f"{W}rPr")
        key = etree.tostring(rpr, method="c14n") if rpr is not None else b""
        for t in r.iter(f"{W}t"):
            out.extend((c, key) for c in (t.text or ""))
    return out


# --- edits in findings ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_every_edit_stays_inside_its_finding(path):
    report = sferum_policy.check(path, as_of=AS_OF)
    edits = [f for f in report.findings if f.edit is not None]
    assert edits, "на каждом образце есть что исправить"
    doc = sferum_policy.read(path)
    ends = {p.end for p in doc.paragraphs}
    for f in edits:
        e, loc = f.edit, f.location
        assert e.applicability in ("safe", "unsafe")
        if e.start == e.end and not e.replacement:  # new paragraphs: after the end of an existing one
            assert e.paragraphs and e.start in ends and f.code == "CL020", (f.code, e)
            continue
        assert loc.start is not None and loc.start <= e.start <= e.end <= loc.end, (f.code, f.text, e)
        for s, t in e.also:  # a recurrence: the very same text as the finding's own span
            assert doc.text[s:t] == doc.text[e.start:e.end], (f.code, e)


def test_safe_and_unsafe_kinds_on_sample_001():
    report = sferum_policy.check(SAMPLES[1], as_of=AS_OF)
    by = {}
    for f in report.findings:
        if f.edit:
            by.setdefault(f.code, set()).add(f.edit.applicability)
    # Latin look-alikes, abbreviations, lost spaces, dates, act numbers, official addresses: safe
    for code in ("TY007", "TY003", "ST008", "LR007", "CT001"):
        assert by.get(code) == {"safe"}, code
    # real words and agreement: a person decides
    for code in ("TY005", "TY006"):
        assert by.get(code) == {"unsafe"}, code
    lr007 = next(f for f in report.findings if f.code == "LR007")
    assert report_text(SAMPLES[1])[lr007.edit.start:lr007.edit.end] == "ИШ206/04"
    assert lr007.edit.replacement == "ИШ-206/04"


def report_text(path: Path) -> str:
    return sferum_policy.read(path).text


def test_repealed_citation_replaced_by_successor_in_the_same_case():
    text = ("ПОЛОЖЕНИЕ об использовании платформы «Сферум»\n1. Общие положения\n"
            "1.1. Положение разработано в соответствии с приказом Минобрнауки России от 23.08.2017 № 816 "
            "«Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, "
            "электронного обучения, дистанционных образовательных технологий при реализации образовательных "
            "программ».\n")
    report = sferum_policy.check(text, as_of=AS_OF)
    lr = [f for f in report.findings if f.code in ("LR001", "LR002", "LR003") and f.edit]
    assert lr, [f.code for f in report.findings]
    e = lr[0].edit
    assert e.applicability == "unsafe"
    assert e.replacement.startswith("постановлением Правительства РФ от 11.10.2023 № 1678"), e.replacement


# --- plan ----------------------------------------------------------------------------------------------------

def _f(code: str, s: int, e: int, rep: str, app: str = "safe") -> Finding:
    return Finding(code=code, category=Category.typo, severity=Severity.warning, message="m",
                   edit=Edit(start=s, end=e, replacement=rep, applicability=app))


def test_plan_resolves_overlaps_deterministically():
    a, b, c, d = _f("TY001", 10, 15, "x"), _f("TY005", 12, 20, "y"), _f("ST008", 30, 35, "z"), _f("TY006", 40, 45, "w", "unsafe")
    same1, same2 = _f("CT002", 50, 60, "info@sferum.ru"), _f("CT001", 50, 60, "info@sferum.ru")
    for order in ([a, b, c, d, same1, same2], [same2, d, c, b, a, same1]):
        p = plan(order)
        assert [x.finding.code for x in p.apply] == ["TY001", "ST008", "CT001"]
        assert sorted(x.findings[0].code for x in p.apply for _ in x.findings) == ["CT001", "CT001", "ST008", "TY001"]
        assert {(s.finding.code, s.reason, s.detail) for s in p.skipped} == {("TY005", "overlap", "TY001"),
                                                                             ("TY006", "unsafe", "")}
    assert [x.finding.code for x in plan([a, d], unsafe=True).apply] == ["TY001", "TY006"]
    # at one start the longer span wins; new paragraphs after one place never conflict
    long, short = _f("LR001", 5, 40, "акт", "unsafe"), _f("TY001", 5, 8, "x")
    assert [x.finding.code for x in plan([short, long], unsafe=True).apply] == ["LR001"]
    ins = [Finding(code=f"CL02{k}", category=Category.missing_clause, severity=Severity.error, message="m",
                   edit=Edit(start=70, end=70, applicability="unsafe", paragraphs=[f"п{k}"])) for k in range(2)]
    assert len(plan(ins, unsafe=True).apply) == 2
    ending = _f("ST008", 60, 70, "01.09.2024")  # an edit that ends where the paragraph ends
    assert len(plan([*ins, ending], unsafe=True).apply) == 3


# --- the tracked-changes DOCX -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixed_001():
    return fix(SAMPLES[1], as_of=AS_OF, when=WHEN)


def test_tracked_changes_with_author_date_and_a_comment_each(fixed_001):
    r = fixed_001
    root = _xml(r.docx)
    ins, dels = list(root.iter(f"{W}ins")), list(root.iter(f"{W}del"))
    assert len(ins) == r.changes and len(dels) == r.changes  # every applied edit here is a replacement
    for el in ins + dels:
        assert el.get(f"{W}author") == "sferum-policy"
        assert el.get(f"{W}date") == "2026-12-02T10:00:00Z"
    ids = [el.get(f"{W}id") for el in ins + dels]
    assert len(set(ids)) == len(ids)
    assert all(not list(d.iter(f"{W}t")) and list(d.iter(f"{W}delText")) for d in dels)
    comments = _xml(r.docx, "word/comments.xml")
    texts = ["".join(c.itertext()) for c in comments.iter(f"{W}comment")]
    assert len(texts) == r.changes
    assert any(t.startswith("[TY007] Искажённое сокращение") for t in texts)
    assert all(c.get(f"{W}author") == "sferum-policy" for c in comments.iter(f"{W}comment"))
    # schema order: a run's rPr first; inside w:del only runs and range marks
    for run in root.iter(f"{W}r"):
        kids = [k.tag for k in run]
        assert f"{W}rPr" not in kids[1:]
    for d in dels:
        assert {k.tag for k in d} <= {f"{W}r", f"{W}commentRangeStart", f"{W}commentRangeEnd"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_diff_and_accepted_text_agree(path):
    """What ``--diff`` says the act becomes is, paragraph by paragraph, the text of the accepted DOCX."""
    accepted = fix(path, as_of=AS_OF, when=WHEN, accept=True, unsafe=True)
    root = _xml(accepted.docx)
    assert not list(root.iter(f"{W}ins")) and not list(root.iter(f"{W}del"))
    body = ["".join(t.text or "" for t in p.iter(f"{W}t")).strip() for p in root.iter(f"{W}p")]
    after = [ln.strip() for ln in fixed_text(accepted).splitlines()]
    assert [x for x in body if x] == [x for x in after if x]
    minus = [ln for ln in accepted.diff().splitlines() if ln.startswith("-") and not ln.startswith("---")]
    assert len(minus) == len({accepted.document.paragraph_at(p.edit.start).index for p in accepted.applied
                              if p.edit.end > p.edit.start or p.edit.replacement})


def _recheck_keys(result, data: bytes, tmp_path: Path, name: str) -> tuple[set, set]:
    out = tmp_path / f"{name}.docx"
    out.write_bytes(data)
    again = sferum_policy.check(out, as_of=AS_OF)
    def key(f):  # a missing clause is known by its id, any other defect by its text
        return f.code, f.clause_id or " ".join((f.text or "").split())

    fixed = {key(f) for p in result.applied for f in p.findings}
    before = {key(f) for f in result.report.findings}
    left = {key(f) for f in again.findings}
    untouched = before - fixed
    # and by code: a code whose edits were applied has no more findings than those no edit repaired
    done = {id(f) for p in result.applied for f in p.findings}
    for code in {f.code for p in result.applied for f in p.findings}:
        kept = sum(f.code == code and id(f) not in done for f in result.report.findings)
        found = sum(f.code == code for f in again.findings)
        assert found <= kept, (code, found, kept)
    return fixed & left - untouched, {c for c, _ in left} - {c for c, _ in before}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_rechecking_the_accepted_act_finds_no_applied_defect(path, unsafe, tmp_path):
    result = fix(path, as_of=AS_OF, accept=True, unsafe=unsafe)
    wanted = [f for f in result.report.findings if f.edit and (unsafe or f.edit.applicability == "safe")]
    assert result.changes == len(plan(wanted, unsafe=unsafe).apply) and (result.changes > 0 or not unsafe)
    recurring, new_codes = _recheck_keys(result, result.docx, tmp_path, path.stem)
    assert not recurring, recurring
    assert not new_codes - {"ST005", "ST006", "ST007"}, new_codes  # reading a DOCX finds no new kind of defect


# --- a DOCX input keeps everything else ---------------------------------------------------------------------

def _docx_with_typos() -> bytes:
    body = list(DOCX_BODY)
    body[3] = ("Настоящее Положение определяет порядок использования платформы ИКОН «Сферум» с 13 июля 2022г.",
               "1", 1, None)
    body[6] = ("Администратор платформы пишет на адрес info@sfcrum.ru и выполняет следующие действия:", "1", 1, None)
    data = make_docx(body)
    import docx

    d = docx.Document(io.BytesIO(data))
    for p in d.paragraphs:  # split every paragraph into runs of different formatting
        if len(p.runs) == 1 and len(p.text) > 20:
            text = p.text
            p.runs[0].text = text[:7]
            mid = p.add_run(text[7:25])
            mid.bold = True
            tail = p.add_run(text[25:])
            tail.italic = True
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_input_keeps_styles_numbering_tables_headers(tmp_path):
    src = tmp_path / "акт.docx"
    src.write_bytes(_docx_with_typos())
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    r = fix(src, as_of=AS_OF, when=WHEN)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest  # the input is never modified
    assert {"TY007", "ST008", "CT001"} <= set(r.by_code()), r.by_code()
    old, new = zipfile.ZipFile(src), zipfile.ZipFile(io.BytesIO(r.docx))
    for name in old.namelist():
        if name in ("word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
            continue
        a, b = old.read(name), new.read(name)
        if name.endswith(".xml") or name.endswith(".rels"):
            a = etree.tostring(etree.fromstring(a), method="c14n")
            b = etree.tostring(etree.fromstring(b), method="c14n")
        assert a == b, name
    # rejecting every change gives back the original text with the original formatting of every character
    before, after = _xml(src.read_bytes()), _xml(r.docx)
    _reject_all(after)
    assert _chars(after) == _chars(before)
    assert [p.find(f"{W}pPr") is not None and etree.tostring(p.find(f"{W}pPr"), method="c14n")
            for p in after.iter(f"{W}p")] == [p.find(f"{W}pPr") is not None and
                                               etree.tostring(p.find(f"{W}pPr"), method="c14n")
                                               for p in before.iter(f"{W}p")]


def test_accept_all_leaves_other_authors_changes():
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W[1:-1]}" w:id="1" w:author="Иванова" w:date="2026-01-01T00:00:00Z">'
                          '<w:r><w:t>чужая правка</w:t></w:r></w:ins>'))
    assert accept_all(d) == 0
    assert len(list(d.element.body.iter(f"{W}ins"))) == 1


# --- LibreOffice round trip ----------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен")
def test_tracked_changes_survive_a_libreoffice_round_trip(fixed_001, tmp_path):
    src = tmp_path / "fixed.docx"
    src.write_bytes(fixed_001.docx)
    out = tmp_path / "rt"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "odt", "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    content = zipfile.ZipFile(out / "fixed.odt").read("content.xml").decode()
    regions = re.findall(r"<text:changed-region", content)
    assert len(regions) == 2 * fixed_001.changes  # one deletion and one insertion per edit
    assert content.count("<dc:creator>sferum-policy</dc:creator>") >= 2 * fixed_001.changes


# --- command line --------------------------------------------------------------------------------------------

def test_cli_fix_writes_docx_and_never_touches_the_input(tmp_path):
    src = tmp_path / "акт.txt"
    src.write_text(SAMPLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    before = src.read_bytes()
    out = tmp_path / "исправленный.docx"
    res = CliRunner().invoke(cli, ["fix", str(src), "-o", str(out), "--as-of", "02.12.2026"])
    assert res.exit_code == 0, res.output
    assert src.read_bytes() == before
    expect = fix(src, as_of=AS_OF)
    assert f"Внесено исправлений: {expect.changes} (" in res.output and "--unsafe" in res.output
    assert expect.changes >= 10
    assert len(list(_xml(out.read_bytes()).iter(f"{W}ins"))) == expect.changes
    again = _main("fix", str(src), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr


def test_cli_fix_diff_select_and_bad_input(tmp_path):
    res = CliRunner().invoke(cli, ["fix", str(SAMPLES[1]), "--diff", "--select", "TY007", "--as-of", "02.12.2026"])
    assert res.exit_code == 0
    minus = [ln for ln in res.stdout.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln for ln in res.stdout.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert len(minus) == len(plus) >= 3 and all("ИКОН" in m for m in minus) and not any("ИКОН" in p for p in plus)
    bad = _main("fix", str(tmp_path / "нет.docx"), "-o", str(tmp_path / "x.docx"))
    assert bad.returncode == 2 and "нет.docx: файл не найден" in bad.stderr and "Traceback" not in bad.stderr
    wrong = _main("fix", str(SAMPLES[1]), "-o", str(tmp_path / "x.txt"))
    assert wrong.returncode == 2 and "DOCX" in wrong.stderr
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "x.docx").exists()


def _main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sferum_policy", *args], capture_output=True, text=True, timeout=120)


# --- audit --fix --------------------------------------------------------------------------------------------

def test_audit_fix_writes_corrected_acts_and_counts_them(tmp_path):
    import csv
    import json

    src = tmp_path / "акты"
    src.mkdir()
    for p in SAMPLES[:2]:
        (src / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "итог"
    res = _main("audit", str(src), "-o", str(out), "--fix", "-j", "1", "--as-of", "02.12.2026")
    assert res.returncode in (0, 1), res.stderr
    fixed = sorted((out / "reports").glob("*.fixed.docx"))
    assert len(fixed) == 2
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    for p in SAMPLES[:2]:
        expect = fix(p, as_of=AS_OF)
        row = next(r for r in rows if r["Файл"].endswith(p.name))
        assert int(row["Исправлено программой"]) == expect.changes
        assert int(row["Осталось для человека"]) == len(expect.remaining())
        docx_file = next(f for f in fixed if p.stem in f.name)
        assert len(list(_xml(docx_file.read_bytes()).iter(f"{W}ins"))) == expect.changes
    summary = json.loads((out / "audit.json").read_text(encoding="utf-8"))["summary"]
    assert summary["fixed"]["changes"] == sum(fix(p, as_of=AS_OF).changes for p in SAMPLES[:2])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("исправленный акт (Word, режим правки)") == 2
    bad = _main("audit", str(src), "-o", str(tmp_path / "x"), "--unsafe")
    assert bad.returncode == 2 and "--fix" in bad.stderr


# --- outside the samples: defects planted in generated acts are repaired exactly ------------------------------

_PLANTED = (  # (correct text, the same with a defect a safe edit must repair, which occurrence)
    ("ИКОП «Сферум»", "ИКОН «Сферум»", 1),
    ("273-ФЗ", "273-Ф3", 0),
    ("использования платформы", "использования плaтформы", 0),  # a Latin «a»
    ("настоящим Положением", "настоящим Положениемм", 1),
)


@pytest.mark.parametrize("profile", ["school-max", "college-both", "preschool-max", "district-max"])
def test_planted_defects_in_a_generated_act_are_repaired_exactly(profile, generated_texts):
    text = generated_texts[profile]
    broken = text
    planted = 0
    for good, bad, nth in _PLANTED:
        spots = [m.start() for m in re.finditer(re.escape(good), broken)]
        if len(spots) > nth:
            at = spots[nth]
            broken = broken[:at] + bad + broken[at + len(good):]
            planted += 1
    assert planted >= 3, profile
    result = fix(broken, as_of=AS_OF)
    assert result.changes == planted, (result.by_code(), [(s.finding.code, s.reason) for s in result.skipped])
    clean = fix(text, as_of=AS_OF)
    assert clean.changes == 0, clean.by_code()  # the generated act itself needs no safe edit
    assert fixed_text(result) == fixed_text(clean)


# --- the reader's OCR repairs: the act is written as it was, and each repair is a tracked change --------------

_OCR_TEXT = ("ПОЛОЖЕНИЕ об использовании платформы\n1. Общие положения\n1.1. Положение разработано в соответствии с "
             "Федеральным законом от 29.12.2o12 № 273-Ф3, адрес N° 5 и N° 6 на плaтформе.\n")


def _texts(data: bytes) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in _xml(data).iter(f"{W}p")]


@pytest.mark.parametrize("as_docx", [False, True], ids=["text", "docx"])
def test_ocr_repairs_become_tracked_changes_of_the_written_text(as_docx, tmp_path):
    import docx

    source: object = _OCR_TEXT
    if as_docx:
        d = docx.Document()
        for line in _OCR_TEXT.splitlines():
            d.add_paragraph(line)
        source = tmp_path / "скан.docx"
        d.save(source)
    tracked = fix(source, as_of=AS_OF, when=WHEN)
    assert tracked.by_code() == {"OC002": 3, "TY002": 1}
    recurring = next(p for p in tracked.applied if p.edit.also)  # «N°» twice: one finding, two spans
    assert len(recurring.edit.spans()) == 2
    # rejected, the copy is the act as written (the OCR errors included); accepted, the repaired one
    root = _xml(tracked.docx)
    _reject_all(root)
    written = next("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")
                   if "Положение разработано" in "".join(p.itertext()))
    assert written.endswith("от 29.12.2o12 № 273-Ф3, адрес N° 5 и N° 6 на плaтформе.")
    accepted = fix(source, as_of=AS_OF, when=WHEN, accept=True)
    line = next(t for t in _texts(accepted.docx) if "Положение разработано" in t)
    assert line.endswith("от 29.12.2012 № 273-ФЗ, адрес № 5 и № 6 на платформе.")
    diff = tracked.diff()
    assert "-1.1. Положение разработано" in diff and "N° 6 на плaтформе" in diff and "№ 6 на платформе" in diff


# --- every fixture format: fixed, accepted, checked again ------------------------------------------------------

def _fixture(kind: str, tmp_path: Path) -> Path:
    from fixtures.make_fixtures import make_odt, make_pdf

    lines = ["ПОЛОЖЕНИЕ об использовании платформы ИКОН «Сферум»", "1. Общие положения",
             "1.1. Положение принято 13 июля 2022г. на основании Федерального закона № 273-Ф3.",
             "1.2. Вопросы направляются на адрес info@sfcrum.ru и в ИКОП «Сферум»."]
    path = tmp_path / f"акт.{kind}"
    if kind == "pdf":
        path.write_bytes(make_pdf([lines]))
    elif kind == "odt":
        path.write_bytes(make_odt())
    else:
        path.write_bytes(_docx_with_typos())
    return path


@pytest.mark.parametrize("kind", ["docx", "pdf", "odt"])
def test_fixture_formats_fixed_and_rechecked(kind, tmp_path):
    path = _fixture(kind, tmp_path)
    result = fix(path, as_of=AS_OF, accept=True, unsafe=True)
    if kind != "odt":
        assert result.changes >= 3, result.by_code()
    recurring, new_codes = _recheck_keys(result, result.docx, tmp_path, f"{kind}-fixed")
    assert not recurring, recurring
    again = sferum_policy.check(tmp_path / f"{kind}-fixed.docx", as_of=AS_OF)
    if again.document.subject != result.report.document.subject:
        # «ИКОН» repaired to «ИКОП»: the act now reads as one about the platform, and the clause library applies
        assert (result.report.document.subject, again.document.subject) == ("chat_ethics", "platform")
        new_codes = {c for c in new_codes if not c.startswith("CL")}
    assert not new_codes - {"ST005", "ST006", "ST007"}, new_codes


# --- what a real Word file holds: links, fields, others' revisions, automatic numbering ------------------------

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _word_file(tmp_path: Path, paragraphs: list[str]) -> Path:
    """A DOCX whose body paragraphs are the given run-level XML (after a title and a section heading)."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("ПОЛОЖЕНИЕ об использовании платформы «Сферум»")
    d.add_paragraph("1. Общие положения")
    for xml in paragraphs:
        d.element.body.sectPr.addprevious(parse_xml(f"<w:p {_NS}>{xml}</w:p>"))
    path = tmp_path / "word.docx"
    d.save(path)
    return path


def test_links_fields_and_others_revisions_are_left_with_a_reason(tmp_path):
    path = _word_file(tmp_path, [
        _run("1.1. Вопросы направляются на адрес ") + '<w:hyperlink r:id="rId99">' + _run("info@sfcrum.ru") + "</w:hyperlink>",
        _run("1.2. Положение принято ") + '<w:fldSimple w:instr=" DATE ">' + _run("13 июля 2022г.") + "</w:fldSimple>",
        _run("1.3. Вступает в силу ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run("14 июля 2022г.")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        _run("1.4. Сведения размещаются на платформе ")
        + '<w:ins w:id="901" w:author="Иванова" w:date="2025-01-01T00:00:00Z">' + _run("ИКОН") + "</w:ins>" + _run(" «Сферум»."),
        _run("1.5. Платформа ИКОН «Сферум» с 15 июля 2022г. используется."),
    ])
    r = fix(path, as_of=AS_OF, when=WHEN)
    reasons = {(s.finding.code, s.detail.split(":")[0]) for s in r.skipped if s.reason == "refused"}
    assert ("CT001", "текст — гиперссылка") in reasons
    assert ("ST008", "текст — результат поля Word (дата, номер, ссылка)") in reasons
    assert ("TY007", "в этом месте уже есть исправление другого автора") in reasons
    assert sum(s.reason == "refused" and s.finding.code == "ST008" for s in r.skipped) == 2
    assert {p.finding.code for p in r.applied} == {"TY007", "ST008"}  # the plain paragraph 1.5 only
    root = _xml(r.docx)
    ours = [el for el in root.iter(f"{W}ins", f"{W}del") if el.get(f"{W}author") == "sferum-policy"]
    assert len(ours) == 2 * r.changes
    assert len(list(root.iter(f"{W}comment"))) == 0 and len(list(root.iter(f"{W}commentReference"))) == r.changes


def test_a_recurring_edit_is_written_whole_or_not_at_all(tmp_path):
    path = _word_file(tmp_path, [
        _run("1.1. Адрес N° 5 в реестре."),
        _run("1.2. Адрес ") + '<w:ins w:id="7" w:author="Иванова" w:date="2025-01-01T00:00:00Z">' + _run("N° 6") + "</w:ins>"
        + _run(" в реестре."),
    ])
    r = fix(path, as_of=AS_OF, when=WHEN)
    numero = [s for s in r.skipped if s.finding.code == "OC002"]
    assert numero and numero[0].reason == "refused"
    root = _xml(r.docx)
    assert not [el for el in root.iter(f"{W}ins", f"{W}del") if el.get(f"{W}author") == "sferum-policy"]
    assert "N° 5" in "".join(root.itertext())


def test_another_authors_formatting_change_keeps_unique_ids(tmp_path):
    rpr = ('<w:rPr><w:b/><w:rPrChange w:id="5" w:author="Иванова" w:date="2025-01-01T00:00:00Z"><w:rPr/>'
           "</w:rPrChange></w:rPr>")
    path = _word_file(tmp_path, [_run("1.1. Платформа ИКОН «Сферум» используется.", rpr)])
    r = fix(path, as_of=AS_OF, when=WHEN)
    assert r.changes == 1
    root = _xml(r.docx)
    ids = [el.get(f"{W}id") for el in root.iter(f"{W}ins", f"{W}del", f"{W}rPrChange")]
    assert len(ids) == len(set(ids)) and ids.count("5") == 1


def test_inserted_clause_and_dash_items_numbered_like_the_act(tmp_path):
    """A missing clause after an automatically numbered list: Word numbers the clause; its dash items are not
    numbered (read back through LibreOffice when it is installed)."""
    data = make_docx([("ПОЛОЖЕНИЕ об использовании платформы «Сферум» (ИКОП «Сферум»)", None, 0, None),
                      ("Общие положения", "1", 0, None),
                      ("Настоящее Положение определяет порядок использования ИКОП «Сферум» в школе.", "1", 1, None),
                      ("Заключительные положения", "1", 0, None),
                      ("Настоящее Положение действует до принятия нового.", "1", 1, None)])
    path = tmp_path / "нумерация.docx"
    path.write_bytes(data)
    r = fix(path, as_of=AS_OF, when=WHEN, unsafe=True, select=["CL020"])
    inserted = [p for p in r.applied if p.edit.paragraphs]
    assert inserted, r.by_code()
    root = _xml(r.docx)
    new = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert len(new) == sum(len(p.edit.paragraphs) for p in inserted)
    for p in new:
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if text.startswith("– "):
            assert num is not None and num.get(f"{W}val") == "0", text  # numbering switched off
        else:
            assert not re.match(r"\d", text) and num is not None and num.get(f"{W}val") != "0", text
    if shutil.which("soffice"):
        src = tmp_path / "out.docx"
        src.write_bytes(fix(path, as_of=AS_OF, unsafe=True, select=["CL020"], accept=True).docx)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "txt",
                        "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
        lines = (tmp_path / "out.txt").read_text(encoding="utf-8-sig").splitlines()
        dashes = [ln for ln in lines if "– по телефону" in ln or "по телефону;" in ln]
        assert dashes and all(re.match(r"\s*–", ln) for ln in dashes), dashes


def test_audit_modernize_writes_the_new_act_summary_and_redline(tmp_path):
    import csv
    import json

    from sferum_policy.repair.modernize import modernize

    src = tmp_path / "акты"
    src.mkdir()
    sample = SAMPLES[2]
    (src / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "итог"
    res = _main("audit", str(src), "-o", str(out), "--modernize", "-j", "1", "--as-of", "02.12.2026")
    assert res.returncode in (0, 1), res.stderr
    reports = out / "reports"
    new = next(reports.glob("*.modernized.docx"))
    redline = next(reports.glob("*.redline.docx"))
    summary_md = next(reports.glob("*.modernized.md")).read_text(encoding="utf-8")
    expect = modernize(sample, as_of=AS_OF)
    row = next(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    expect.source = row["Файл"]  # the summary names the file as the user knows it
    assert summary_md == expect.summary_markdown() and str(tmp_path) not in summary_md
    assert "".join(_xml(new.read_bytes()).itertext()) == "".join(_xml(expect.docx).itertext())
    root = _xml(redline.read_bytes())
    assert list(root.iter(f"{W}ins")) and list(root.iter(f"{W}del"))
    assert int(row["Обновлённый акт: заполнить вручную"]) == len(expect.to_fill)
    assert int(row["Обновлённый акт: удалено, заменено, добавлено"]) == \
        len(expect.dropped) + len(expect.replaced) + len(expect.added)
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["summary"]["modernized"]["documents"] == 1
    assert "обновлённый акт (MAX, действующие основания)" in (out / "index.html").read_text(encoding="utf-8")


def test_library_api_is_exported_lazily():
    import subprocess as sp

    code = ("import sys, sferum_policy; assert 'sferum_policy.repair' not in sys.modules; "
            "r = sferum_policy.fix('ПОЛОЖЕНИЕ\\n1. Общие\\n1.1. Работа в ИКОН «Сферум» в ИКОП «Сферум».\\n'); "
            "print(type(r).__name__, r.changes)")
    out = sp.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["FixResult", "1"]


# --- where an edit would be wrong: none, or one a person must confirm (invented fragments) -----------------------

_HEAD = "ПОЛОЖЕНИЕ об использовании платформы «Сферум»\n1. Общие положения\n"


def _edits(text: str, code: str) -> list:
    return [f.edit for f in sferum_policy.check(_HEAD + text, as_of=AS_OF).findings if f.code == code and f.edit]


def test_a_capitalised_word_the_act_does_not_repeat_is_no_safe_correction():
    edits = _edits("1.1. Школа расположена в посёлке Чагода, занятия ведёт учитель Чагодина.\n", "TY001")
    assert all(e.applicability == "unsafe" for e in edits)


def test_a_date_inside_quotes_and_a_final_dot():
    quoted = _edits("1.1. На сайте размещён сборник «Итоги 01.09.2023г.» для родителей.\n", "ST008")
    assert quoted and all(e.applicability == "unsafe" for e in quoted)
    last = _edits("1.1. Настоящее Положение вступает в силу с 01.09.2024г.\n", "ST008")
    assert [e.replacement for e in last] == ["01.09.2024."] and last[0].applicability == "safe"
    heading = sferum_policy.check("Приложение 1 к приказу № 12 от 23.09.2024 г.\n" + _HEAD, as_of=AS_OF)
    assert [f.edit.replacement for f in heading.findings if f.code == "ST008"] == ["23.09.2024"]


def test_a_citation_said_to_be_repealed_keeps_its_act():
    text = ("1.1. Приказ Минобрнауки России от 23.08.2017 № 816 «Об утверждении Порядка применения организациями, "
            "осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных "
            "технологий при реализации образовательных программ» утратил силу.\n")
    assert not [e for code in ("LR001", "LR002", "LR003") for e in _edits(text, code)]


def test_a_regional_portal_is_no_misspelt_official_address():
    assert not _edits("1.1. Запись ведётся через портал https://gosuslugi71.ru и лично.\n", "CT001")


def test_compulsion_said_twice_in_a_sentence_is_not_reworded():
    text = ("1.1. Родители обязаны зарегистрироваться на платформе «Сферум», иные способы связи с классным "
            "руководителем не допускаются.\n")
    assert not _edits(text, "RK001")
    single = _edits("1.1. Родители обязаны зарегистрироваться на платформе «Сферум».\n", "RK001")
    assert [e.replacement for e in single] == ["могут"] and single[0].applicability == "unsafe"
