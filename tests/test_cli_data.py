"""``sferum-policy clauses list/show`` on the bundled library and on a broken ``--clauses`` directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sferum_policy.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the real entry point (errors → one line, exit code) and capture its output."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


@pytest.fixture
def broken_library(tmp_path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(ROOT / "clauses", target)
    path = target / "general.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("level: required", "level: mandatory", 1),
                    encoding="utf-8")
    return target


def test_list_shows_every_clause_and_the_total(capsys, library):
    code, out, _ = _run(capsys, "clauses", "list")
    assert code == 0
    for clause in library:
        assert clause.id in out
    assert f"Всего положений: {len(library)}" in out


def test_list_filters_by_section(capsys, library):
    code, out, _ = _run(capsys, "clauses", "list", "--section", "final")
    assert code == 0
    final_ids = {c.id for c in library.section("final")}
    assert final_ids and all(cid in out for cid in final_ids)
    assert "general.voluntary" not in out
    assert f"Всего положений: {len(final_ids)}" in out


def test_list_filters_by_kind(capsys, library):
    code, out, _ = _run(capsys, "clauses", "list", "--org-kind", "preschool", "--format", "json")
    assert code == 0
    ids = {item["id"] for item in json.loads(out)}
    assert ids == {c.id for c in library.select("preschool")}
    assert "legal_basis.pp_1241" not in ids  # ФГИС «Моя школа» is not for kindergartens
    assert "general.voluntary" in ids


@pytest.mark.parametrize(
    ("kind", "expected", "absent"),
    [
        ("school", "Обучающиеся и их родители", "Студенты"),
        ("college", "Студенты и родители (законные представители) несовершеннолетних студентов", "Студенты и их родители"),
        ("preschool", "родителями (законными представителями) воспитанников", "воспитанниками и их"),
    ],
)
def test_show_renders_role_words_of_the_kind(capsys, kind, expected, absent):
    code, out, _ = _run(capsys, "clauses", "show", "general.voluntary", "--org-kind", kind)
    assert code == 0
    assert expected in out and absent not in out
    assert "уровень: обязательное" in out
    assert "Основания: fz-152" in out


def test_show_lists_items_and_provenance(capsys):
    code, out, _ = _run(capsys, "clauses", "show", "final.alternative", "--org-kind", "college")
    assert code == 0
    assert "– по телефону;" in out
    assert "профессиональной образовательной организации и информационные стенды." in out
    assert "Встречается в образцах: 002" in out


def test_show_unknown_clause_is_one_line_exit_2(capsys):
    code, out, err = _run(capsys, "clauses", "show", "general.no_such_clause")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "нет такого положения" in err


def test_broken_library_is_one_line_exit_2(capsys, broken_library):
    code, out, err = _run(capsys, "clauses", "list", "--clauses", str(broken_library))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "general.yaml:" in lines[0] and "level" in lines[0] and "mandatory" in lines[0]
    assert "Traceback" not in err


def test_missing_library_directory_is_one_line_exit_2(capsys, tmp_path):
    code, _, err = _run(capsys, "clauses", "show", "final.validity", "--clauses", str(tmp_path / "нет"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "не найден" in err


def test_installed_command_reports_broken_library_without_traceback(broken_library):
    """The console script itself (not only ``main``) turns the data error into exit code 2."""
    exe = Path(sys.executable).with_name("sferum-policy")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sferum_policy"]
    proc = subprocess.run([*cmd, "clauses", "list", "--clauses", str(broken_library)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "general.yaml:" in proc.stderr
    assert "Traceback" not in proc.stderr
