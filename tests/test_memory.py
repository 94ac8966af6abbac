"""The memory ceiling outside the web page: ``check`` and every ``audit`` worker (issue 17)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_web_hostile import bomb_docx, dense_docx
from web_helpers import ACTS, ROOT


def _cli(*args: str, limit_mb: int | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ}
    if limit_mb is not None:
        env["SFERUM_MEMORY_LIMIT_MB"] = str(limit_mb)
    return subprocess.run([sys.executable, "-m", "sferum_policy", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_check_refuses_xml_over_the_budget_in_one_line(tmp_path):
    path = tmp_path / "бомба.docx"
    path.write_bytes(bomb_docx(40))
    before = path.read_bytes()
    r = _cli("check", str(path))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert str(path) in lines[0] and "word/document.xml" in lines[0] and "памяти" in lines[0]
    assert path.read_bytes() == before  # the input is never touched


def test_check_stopped_by_the_ceiling_names_the_file(tmp_path):
    path = tmp_path / "плотный.docx"
    path.write_bytes(dense_docx(45_000))
    r = _cli("check", str(path), limit_mb=400)
    assert r.returncode == 2, r.stderr[-2000:]
    assert r.stderr.strip().splitlines() == [
        f"sferum-policy: {path}: для проверки не хватило памяти (предел — 400 МБ на проверку); документ слишком "
        f"большой или небезопасен — проверьте его по частям или пересохраните в Word"]


def test_every_audit_worker_is_bounded_and_the_others_go_on(tmp_path):
    src = tmp_path / "акты"
    src.mkdir()
    (src / "плотный.docx").write_bytes(dense_docx(45_000))
    for p in sorted(ACTS.glob("00[0-1]_*.txt")):
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    r = _cli("audit", str(src), "-o", str(out), "--jobs", "2", "--no-cache", limit_mb=400)
    assert r.returncode in (0, 1), r.stderr[-2000:]
    docs = {Path(d["file"]).name: d for d in json.loads((out / "audit.json").read_text(encoding="utf-8"))["documents"]}
    assert docs["плотный.docx"]["status"] == "error"
    assert "плотный.docx: для проверки не хватило памяти (предел — 400 МБ" in docs["плотный.docx"]["error"]
    assert all(d["status"] == "ok" for name, d in docs.items() if name.endswith(".txt"))


def test_check_run_in_process_gives_the_limit_back(capsys):
    """``check`` bounds the process only while it reads the document: a caller (a test, a program that
    starts a browser afterwards) keeps its own limit."""
    import resource

    import pytest

    from sferum_policy.cli import main

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(SystemExit):
        main(["check", str(ACTS / "002_d5d0a8480acc456a.txt")])
    assert "Итого" in capsys.readouterr().out
    assert resource.getrlimit(resource.RLIMIT_AS) == before
