"""``check --format sarif|html|docx -o OUT``: exit codes, --force, the input never overwritten."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from sferum_policy.cli import main


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


@pytest.mark.parametrize("fmt", ["sarif", "html", "docx"])
def test_formats_written_with_exit_code_of_the_findings(capsys, samples, tmp_path: Path, fmt):
    out = tmp_path / f"report.{fmt}"
    code, stdout, err = _cli(capsys, "check", str(samples["001"]), "--format", fmt, "-o", str(out))
    assert code == 1, err  # sample 001 has errors
    assert stdout == "" and str(out) in err
    data = out.read_bytes()
    if fmt == "sarif":
        assert json.loads(data)["version"] == "2.1.0"
    elif fmt == "html":
        assert data.startswith(b"<!DOCTYPE html>") and "Что исправить в первую очередь".encode() in data
    else:
        assert "word/comments.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_exit_code_zero_below_fail_on(capsys, samples, tmp_path: Path):
    out = tmp_path / "typos.sarif"
    code, _, err = _cli(capsys, "check", str(samples["001"]), "--select", "TY", "--format", "sarif", "-o", str(out))
    assert code == 0, err
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert results and all(r["ruleId"].startswith("TY") for r in results)


def test_sarif_to_stdout(capsys, samples):
    code, stdout, _ = _cli(capsys, "check", str(samples["001"]), "--select", "TY", "--format", "sarif")
    assert code == 0 and json.loads(stdout)["runs"][0]["tool"]["driver"]["name"] == "sferum-policy"


def test_docx_without_output_is_a_usage_error(capsys, samples):
    code, stdout, err = _cli(capsys, "check", str(samples["001"]), "--format", "docx")
    assert code == 2 and stdout == ""
    assert "укажите файл" in err and "Traceback" not in err


def test_existing_output_needs_force(capsys, samples, tmp_path: Path):
    out = tmp_path / "report.html"
    out.write_text("старый отчёт", encoding="utf-8")
    code, _, err = _cli(capsys, "check", str(samples["001"]), "--format", "html", "-o", str(out))
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "старый отчёт"
    code, _, err = _cli(capsys, "check", str(samples["001"]), "--format", "html", "-o", str(out), "--force")
    assert code == 1 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_over_the_input_is_refused(capsys, samples, tmp_path: Path):
    src = tmp_path / "act.txt"
    src.write_bytes(samples["001"].read_bytes())
    before = src.read_bytes(), src.stat().st_mtime_ns
    code, _, err = _cli(capsys, "check", str(src), "--format", "docx", "-o", str(src), "--force")
    assert code == 2 and "входного файла" in err
    assert (src.read_bytes(), src.stat().st_mtime_ns) == before
