"""``audit`` on the command line, safe ZIP reading and the score formula."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from audit_helpers import read_csv, sample_text

from sferum_policy.audit.inputs import collect
from sferum_policy.audit.safezip import unsafe_reason
from sferum_policy.audit.score import score
from sferum_policy.cli import main


def _run(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    return exc.value.code, capsys.readouterr()


def _one_russian_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert len(lines) == 1, text
    assert re.search(r"[а-яА-Я]", lines[0])
    assert "Traceback" not in text
    return lines[0]


def test_missing_path_is_one_line_exit_2(tmp_path, capsys):
    code, cap = _run(["audit", str(tmp_path / "нет"), "-o", str(tmp_path / "out")], capsys)
    assert code == 2
    assert "не найден" in _one_russian_line(cap.err)
    assert not (tmp_path / "out").exists()


def test_outdir_that_is_a_file_is_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(sample_text("003"), encoding="utf-8")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    code, cap = _run(["audit", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")], capsys)
    assert code == 2
    assert "это файл" in _one_russian_line(cap.err)


def test_folder_without_acts_is_an_error(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.jpg").write_bytes(b"\xff\xd8")
    code, cap = _run(["audit", str(tmp_path / "in"), "-o", str(tmp_path / "out")], capsys)
    assert code == 2
    assert "не найдено ни одного документа" in _one_russian_line(cap.err)


def test_bad_jobs_and_format_are_refused(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(sample_text("003"), encoding="utf-8")
    code, cap = _run(["audit", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--jobs", "0"], capsys)
    assert code == 2 and "--jobs" in _one_russian_line(cap.err)
    code, cap = _run(["audit", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--format-reports", "pdf"], capsys)
    assert code == 2 and "pdf" in _one_russian_line(cap.err)


def test_cli_run_and_rerun_reports_reuse(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(sample_text("003"), encoding="utf-8")
    out = tmp_path / "out"
    code, cap = _run(["audit", str(tmp_path / "in"), "-o", str(out), "--jobs", "1", "--as-of", "2026-01-15"], capsys)
    assert code == 0, cap.err
    assert "взято из кэша: 0" in cap.err and "\r" not in cap.err  # no progress bar when stderr is not a TTY
    code, cap = _run(["audit", str(tmp_path / "in"), "-o", str(out), "--as-of", "15.01.2026"], capsys)
    assert code == 0 and "взято из кэша: 1" in cap.err
    assert len(read_csv(out / "summary.csv")) == 1


@pytest.mark.parametrize("name,bad", [
    ("a/b.txt", False), ("школа/положение.docx", False), ("../x.txt", True), ("a/../../x.txt", True),
    ("/etc/passwd", True), ("C:/x.txt", True), ("..\\x.txt", True), ("a\x00.txt", True), ("a..b.txt", False),
])
def test_unsafe_names(name, bad):
    assert (unsafe_reason(name) is not None) is bad


def test_zip_bomb_and_deep_nesting_are_refused(tmp_path):
    level2 = io.BytesIO()
    with zipfile.ZipFile(level2, "w") as z:
        z.writestr("глубоко.txt", "ПОЛОЖЕНИЕ")
    level1 = io.BytesIO()
    with zipfile.ZipFile(level1, "w") as z:
        z.writestr("уровень2.zip", level2.getvalue())
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("бомба.txt", b"\0" * (8 * 1024 * 1024))
        z.writestr("уровень1.zip", level1.getvalue())
        z.writestr("ok.md", "# ПОЛОЖЕНИЕ\n")
    work = tmp_path / "work"
    work.mkdir()
    items = {i.name: i for i in collect([archive], work)}
    assert "ZIP-бомба" in items["a.zip/бомба.txt"].error
    assert "один уровень" in items["a.zip/уровень1.zip/уровень2.zip"].error
    assert items["a.zip/ok.md"].error is None and items["a.zip/ok.md"].path.parent == work
    assert all(p.parent == work for p in work.iterdir())
    assert sum(1 for _ in work.iterdir()) == 2  # ok.md and уровень1.zip, under generated names


def test_cp866_names_from_russian_windows():
    from sferum_policy.audit.safezip import _display

    legacy = zipfile.ZipInfo("акт.txt".encode("cp866").decode("cp437"))  # how zipfile sees a CP866 name
    assert _display(legacy) == "акт.txt"
    modern = zipfile.ZipInfo("акт.txt")
    modern.flag_bits |= 0x800
    assert _display(modern) == "акт.txt"


def _report(coverage, findings):
    return {"coverage": {"overall": coverage, "sections": {}},
            "findings": [{"category": c, "severity": s} for c, s in findings]}


def test_score_formula():
    assert score(_report(0.8, [("typo", "error"), ("structure", "warning"), ("risk", "warning")])) == 73
    assert score(_report(0.8, [("missing_clause", "error")] * 5 + [("legal_ref", "info")])) == 80
    assert score(_report(0.1, [("legal_ref", "error")] * 10)) == 0
    assert score(_report(1.0, [])) == 100
    assert score({"coverage": None, "findings": []}) == 0
