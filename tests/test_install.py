"""A non-editable ``pip install .`` ships the clause library, the registry and the rule catalogue inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_install_lists_clauses_from_another_directory(tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # Dependencies come from the project's environment (a .pth line adds its site-packages without
    # processing its .pth files, so the editable install there stays invisible); the package itself
    # is built into a wheel and installed for real.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(ROOT)], check=True,
                   capture_output=True, text=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([str(py), "-c", "import sferum_policy, sys; print(sferum_policy.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where, f"imported from {where}"
    cli = env_dir / "bin" / "sferum-policy"
    out = subprocess.run([str(cli), "clauses", "list"], cwd=work, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "rights." in out.stdout and "Всего положений" in out.stdout
    refs = subprocess.run([str(cli), "refs", "show", "273-ФЗ"], cwd=work, env=env, capture_output=True, text=True)
    assert refs.returncode == 0, refs.stderr
    assert "Об образовании в Российской Федерации" in refs.stdout
    # the rule catalogue (sferum_policy/rules/<family>/<CODE>.yaml) ships too: a check names a rule from it
    act = work / "act.txt"
    act.write_text("ПОЛОЖЕНИЕ\n1. Общие положения\n1.1. Заявки направляются на адрес info@sfcrum.ru.\n", encoding="utf-8")
    checked = subprocess.run([str(cli), "check", str(act), "--select", "CT", "--format", "json"], cwd=work, env=env,
                             capture_output=True, text=True)
    assert '"code": "CT001"' in checked.stdout, checked.stderr
    assert sys.executable != str(py)
