"""The rule catalogue (sferum_policy/rules/<family>/<CODE>.yaml): what it holds and how it refuses bad files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sferum_policy.errors import DataError
from sferum_policy.rules import RULES, codes_of, rules_of
from sferum_policy.rules.catalogue import ROOT, load_catalogue
from sferum_policy.rules.model import placeholders

ERROR = re.compile(r"^\S+\.yaml:\d+: поле «[^»]+»: .+$")


def _copy(tmp_path: Path, *files: str) -> Path:
    """A catalogue of a few bundled rule files (``family/CODE``)."""
    root = tmp_path / "rules"
    for f in files:
        dest = root / f"{f}.yaml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / f"{f}.yaml", dest)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(root: Path, field: str, words: str) -> str:
    with pytest.raises(DataError) as exc:
        load_catalogue(root)
    msg = str(exc.value)
    assert ERROR.match(msg), msg
    assert f"поле «{field}»" in msg and words in msg, msg
    return msg


def test_bundled_catalogue_matches_the_checks():
    from sferum_policy.checks import CHECK_MODULES, load_checks

    cat = load_catalogue()
    assert set(cat.families) <= set(CHECK_MODULES)  # a rule folder names a check module that finds its rules
    emitted = {code for spec in load_checks() for code in spec.codes}
    assert emitted == set(cat.rules)  # no check emits an unknown code, no rule is left without a detector
    for family in cat.families:
        assert all(r.family == family for r in rules_of(family))
        assert codes_of(family) == tuple(sorted(codes_of(family)))


def test_rules_mapping_needs_no_check_import():
    import subprocess
    import sys

    code = ("import sys; from sferum_policy.rules import RULES; n = len(RULES); "
            "print(n, any(m.startswith('sferum_policy.checks') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(len(RULES)), "False"]


def test_message_templates_are_filled_by_their_detectors():
    # the typo detector's kinds and the OCR repair kinds each have exactly one template
    kinds = [k for r in rules_of("typos") for k in r.messages]
    assert len(kinds) == len(set(kinds))
    assert {"misspelling", "latin", "space", "prep", "abbrev", "dash", "script", "glued"} <= set(kinds)
    assert placeholders(RULES["TY006"].messages["gov"]) == {"text", "suggestion"}
    assert RULES["OC003"].message("split", o="обр азование", f="образование", n="") == \
        "Слово разорвано пробелом: «обр азование» → «образование»."


def test_unknown_field(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    _edit(root / "legal_refs/LR001.yaml", "title:", "titel: x\ntitle:")
    _refused(root, "titel", "неизвестное поле")


def test_wrong_type_and_value(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    _edit(root / "legal_refs/LR001.yaml", "severity: error", "severity: fatal")
    _refused(root, "severity", "недопустимое значение")
    root = _copy(tmp_path / "b", "legal_refs/LR001")
    _edit(root / "legal_refs/LR001.yaml", "basis:\n", "basis: 5\nold_basis:\n")
    _refused(root, "basis", "")


def test_examples_are_required(tmp_path):
    root = _copy(tmp_path, "risk/RK002")
    path = root / "risk/RK002.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  good:")] + "  good: []\n", encoding="utf-8")
    _refused(root, "examples.good", "список слишком короткий")


def test_code_must_match_file_name(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    (root / "legal_refs/LR001.yaml").rename(root / "legal_refs/LR099.yaml")
    msg = _refused(root, "code", "не совпадает с именем файла LR099.yaml")
    assert ":1: " in msg  # the line of «code:»


def test_duplicate_code_across_families(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    (root / "risk").mkdir()
    shutil.copy(root / "legal_refs/LR001.yaml", root / "risk/LR001.yaml")
    _edit(root / "risk/LR001.yaml", "name: repealed-act", "name: repealed-act-2")
    _refused(root, "code", "уже объявлен")


def test_duplicate_name(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001", "legal_refs/LR002")
    _edit(root / "legal_refs/LR002.yaml", "name: expired-act", "name: repealed-act")
    _refused(root, "name", "уже занято")


def test_retired_code_is_never_reused(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001", "legal_refs/LR002")
    (root / "retired.yaml").write_text(
        "retired:\n  - code: LR002\n    redirect: LR001\n    note: Объединено с LR001.\n", encoding="utf-8")
    msg = _refused(root, "code", "выведен из употребления")
    assert "retired.yaml:2" in msg
    (root / "legal_refs/LR002.yaml").unlink()
    cat = load_catalogue(root)
    assert cat.retired["LR002"].redirect == "LR001" and "LR002" not in cat.rules


def test_retired_redirect_must_exist(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    (root / "retired.yaml").write_text(
        "retired:\n  - code: LR050\n    redirect: LR077\n    note: Нет.\n", encoding="utf-8")
    _refused(root, "redirect", "правила LR077 нет в каталоге")


def test_retired_status_belongs_in_retired_list(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    _edit(root / "legal_refs/LR001.yaml", "status: stable", "status: retired")
    _refused(root, "status", "retired.yaml")


def test_bad_message_template(tmp_path):
    root = _copy(tmp_path, "typos/TY004")
    _edit(root / "typos/TY004.yaml", "«{text}»", "«{text»")
    _refused(root, "messages", "шаблон сообщения «hyphen» записан с ошибкой")


def test_bundled_retired_list_is_valid():
    cat = load_catalogue()
    assert (ROOT / "retired.yaml").is_file()
    assert not set(cat.retired) & set(cat.rules)


def test_renderers_and_docs_read_the_catalogue_without_checks(tmp_path):
    """SARIF, HTML and docs/rules.md name every rule they show from the YAML; no check module is imported."""
    import subprocess
    import sys

    from sferum_policy import check

    report = check("ПОЛОЖЕНИЕ\n1. Общие положения\n1.1. Заявки направляются на адрес info@sfcrum.ru.\n")
    codes = sorted({f.code for f in report.findings})
    assert "CT001" in codes
    (tmp_path / "report.json").write_text(report.model_dump_json(), encoding="utf-8")
    script = (
        "import json, sys\n"
        "from sferum_policy.report import Report\n"
        "from sferum_policy.render.sarif import render_sarif\n"
        "from sferum_policy.render.html import render_html\n"
        "from sferum_policy.docsgen import rules_page\n"
        f"r = Report.model_validate_json(open({str(tmp_path / 'report.json')!r}, encoding='utf-8').read())\n"
        "sarif = json.loads(render_sarif(r))\n"
        "html = render_html(r)\n"
        "page = rules_page()\n"
        "print(json.dumps({'rules': {x['id']: x['shortDescription']['text'] for x in sarif['runs'][0]['tool']['driver']['rules']},"
        " 'checks': sorted(m for m in sys.modules if m.startswith('sferum_policy.checks')),"
        " 'html_has_title': " + repr(RULES["CT001"].title) + " in html, 'page_entries': page.count('\\n## ')}))\n"
    )
    import json

    out = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
    assert out["checks"] == []
    assert out["rules"] == {c: RULES[c].title for c in codes}
    assert out["html_has_title"] is True
    assert out["page_entries"] == len(RULES) + 1  # and the retired codes


def test_a_missing_check_module_fails_loudly(monkeypatch):
    import sferum_policy.checks as checks

    monkeypatch.setattr(checks, "CHECK_MODULES", (*checks.CHECK_MODULES, "no_such_family"))
    monkeypatch.setattr(checks, "_loaded", False)
    with pytest.raises(ModuleNotFoundError, match="no_such_family"):
        checks.load_checks()


def test_rules_page_shows_status_fix_and_every_example():
    from sferum_policy.docsgen import FIXABLE_TITLES, RULE_STATUS_TITLES, rules_page

    page = rules_page()
    sections = re.split(r"^## ", page, flags=re.MULTILINE)
    by_code = {s[:5]: s for s in sections if re.match(r"[A-Z]{2}\d{3}\n", s)}
    assert set(by_code) == set(RULES)
    for code, r in RULES.items():
        body = by_code[code]
        assert f"- статус: {RULE_STATUS_TITLES[r.status]}\n" in body
        assert f"- исправление командой `fix`: {FIXABLE_TITLES[r.fixable]}\n" in body
        for text in (*r.examples.bad, *r.examples.good):
            assert f"```text\n{text.strip()}\n```" in body, code
    assert {r.fixable for r in RULES.values()} == {"safe", "unsafe", "mixed", "none"}
    assert RULES["CT001"].fixable == "safe" and RULES["RK001"].fixable == "unsafe" and RULES["ST008"].fixable == "mixed"


def test_cli_exits_2_on_a_broken_rule_file(tmp_path, monkeypatch, capsys):
    from sferum_policy.cli import main
    from sferum_policy.rules import catalogue

    root = _copy(tmp_path, "legal_refs/LR001", "risk/RK002")
    _edit(root / "risk/RK002.yaml", "severity: warning", "severity: critical")
    monkeypatch.setattr(catalogue, "ROOT", root)
    monkeypatch.setattr(catalogue, "_CACHE", {})
    with pytest.raises(SystemExit) as info:
        main(["docs", "-o", str(tmp_path / "docs")])
    assert info.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and re.search(r"RK002\.yaml:4: поле «severity»: недопустимое значение 'critical'", lines[0]), lines
    assert not (tmp_path / "docs" / "rules.md").exists()


def test_a_preview_rule_runs_only_when_named(tmp_path, monkeypatch):
    from sferum_policy.rules import catalogue, select_codes

    root = tmp_path / "rules"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    _edit(root / "risk/RK002.yaml", "status: stable", "status: preview")
    monkeypatch.setitem(catalogue._CACHE, ROOT, load_catalogue(root))
    assert RULES["RK002"].status == "preview"
    assert "RK002" not in select_codes(None, None, None)
    assert "RK002" not in select_codes(None, ["RK"], None)
    assert "RK001" in select_codes(None, ["RK"], None)
    assert "RK002" in select_codes(None, ["rk002"], None)
    import sferum_policy

    text = RULES["RK002"].bad
    assert "RK002" not in {f.code for f in sferum_policy.check(text).findings}
    assert "RK002" in {f.code for f in sferum_policy.check(text, select=["RK002"]).findings}
    import json

    from sferum_policy.render.sarif import render_sarif

    log = json.loads(render_sarif(sferum_policy.check(text, select=["RK002"])))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "RK002" and rule["defaultConfiguration"]["enabled"] is False
    assert rule["properties"]["status"] == "preview"


def test_every_basis_is_an_act_of_the_registry(registry):
    ids = {a.id for a in registry}
    missing = [(code, b) for code, r in RULES.items() for b in r.basis if b not in ids]
    assert not missing
    assert sum(len(r.basis) for r in RULES.values()) >= 30


def test_code_form(tmp_path):
    root = _copy(tmp_path, "legal_refs/LR001")
    (root / "retired.yaml").write_text("retired:\n  - code: LR1\n    note: Опечатка.\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"retired\.yaml:2: поле «retired\.0\.code»: код должен иметь вид"):
        load_catalogue(root)
