"""``sferum-policy serve``: registered, Russian help, no heavy imports before the server is built."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner


def test_serve_help_is_russian_and_lists_limits():
    from sferum_policy.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--max-document-mb" in result.output and "127.0.0.1" in result.output
    assert "Открыть страницу" in result.output


def test_cli_does_not_import_the_web_stack_or_spacy():
    code = ("import sys; from sferum_policy.cli import cli\n"
            "try:\n    cli.main(['serve', '--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'starlette', 'uvicorn', 'sferum_policy.web.app') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_web_app_module_does_not_import_spacy():
    code = "import sys; import sferum_policy.web.app; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
