"""``sferum-policy refs``: listing and showing acts of the legal registry."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sferum_policy.cli import cli
from sferum_policy.library.acts import STATUS_TITLES
from sferum_policy.library.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
REFS = ROOT / "legal_refs"


def _run(*args: str) -> subprocess.CompletedProcess:
    """Run the real entry point (exit codes and the one-line error come from ``main``)."""
    return subprocess.run([sys.executable, "-m", "sferum_policy", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _ids_in_table(output: str) -> list[str]:
    lines = output.splitlines()
    sep = next(i for i, line in enumerate(lines) if line.startswith("─"))
    return [line.split()[0] for line in lines[sep + 1:] if line.strip() and not line.startswith("Всего")]


def test_refs_list_shows_every_act(runner):
    result = runner.invoke(cli, ["refs", "list"])
    assert result.exit_code == 0, result.output
    reg = load_registry(REFS)
    assert sorted(_ids_in_table(result.output)) == sorted(a.id for a in reg)
    assert f"Всего актов: {len(reg)}" in result.output


def test_refs_list_status_filter_shows_only_repealed(runner):
    result = runner.invoke(cli, ["refs", "list", "--status", "repealed"])
    assert result.exit_code == 0, result.output
    ids = _ids_in_table(result.output)
    assert "law-3266-1" in ids and "sanpin-2.4.2.2821-10" in ids
    assert "fz-273" not in ids and "minobr-816-2017" not in ids
    reg = load_registry(REFS)
    assert all(reg.get(i).status == "repealed" for i in ids)
    assert STATUS_TITLES["in_force"] not in result.output.split("\n", 2)[2]


def test_refs_list_json(runner):
    result = runner.invoke(cli, ["refs", "list", "--status", "unverified", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data and all(a["status"] == "unverified" for a in data)
    assert "mincifry-542-1-2022" in {a["id"] for a in data}


def test_refs_show_273(runner):
    result = runner.invoke(cli, ["refs", "show", "273-ФЗ"])
    assert result.exit_code == 0, result.output
    assert "Об образовании в Российской Федерации" in result.output
    assert re.search(r"Статус на \d\d\.\d\d\.\d{4}: " + STATUS_TITLES['in_force'], result.output)
    assert "ст. 16 ч. 3.1" in result.output


def test_refs_show_accepts_ocr_spelling(runner):
    result = runner.invoke(cli, ["refs", "show", "№ 273-Ф3"])
    assert result.exit_code == 0
    assert result.output.startswith("fz-273:")


def test_refs_show_816_names_replacement(runner):
    result = runner.invoke(cli, ["refs", "show", "816"])
    assert result.exit_code == 0, result.output
    assert STATUS_TITLES["superseded"] in result.output
    replaced = next(line for line in result.output.splitlines() if line.startswith("Заменён:"))
    assert "11.10.2023" in replaced and "1678" in replaced


def test_refs_show_unverified_act_says_so(runner):
    result = runner.invoke(cli, ["refs", "show", "542/1"])
    assert result.exit_code == 0
    assert STATUS_TITLES["unverified"] in result.output
    assert "не найден" in result.output


def test_refs_show_unknown_exits_2_with_one_russian_line():
    proc = _run("refs", "show", "99999")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "99999" in lines[0] and "нет в реестре" in lines[0]
    assert "Traceback" not in proc.stderr


def test_broken_refs_dir_exits_2_with_file_and_line(tmp_path):
    refs = tmp_path / "refs"
    refs.mkdir()
    bad = refs / "fz-436.yaml"
    text = (REFS / "fz-436.yaml").read_text(encoding="utf-8")
    bad.write_text("override: true\n" + text.replace("status: in_force", "status: [in_force"), encoding="utf-8")
    proc = _run("refs", "list", "--refs", str(refs))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "fz-436.yaml:" in lines[0] and "YAML" in lines[0]
    line_no = int(lines[0].split("fz-436.yaml:")[1].split(":")[0])
    assert 1 <= line_no <= len(bad.read_text(encoding="utf-8").splitlines())


def test_invalid_refs_field_exits_2_naming_field(tmp_path):
    refs = tmp_path / "refs"
    refs.mkdir()
    bad = refs / "pp-1678.yaml"
    text = (REFS / "pp-1678.yaml").read_text(encoding="utf-8")
    bad.write_text("override: true\n" + text.replace("status: in_force", "status: valid"), encoding="utf-8")
    proc = _run("refs", "show", "1678", "--refs", str(refs))
    assert proc.returncode == 2
    line = proc.stderr.strip()
    assert "pp-1678.yaml:" in line and "«status»" in line and "\n" not in line
