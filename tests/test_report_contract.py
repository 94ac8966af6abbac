"""The JSON report contract (docs/report-format.md) and the ``check`` command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sferum_policy.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FORMAT_DOC = ROOT / "docs" / "report-format.md"

TOP = {"schema_version", "tool", "as_of", "document", "summary", "findings", "legal_refs", "clauses", "coverage",
       "registry", "text_layer"}
TEXT_LAYER = {"status", "message", "source", "damaged_paragraphs", "unreadable_paragraphs", "unreadable_share",
              "repaired", "reocr", "ocr", "unverified", "kind_from_damaged_header"}
OCR_INFO = {"engine", "lang", "dpi", "reason", "pages", "seconds"}
TOOL = {"name", "version"}
DOCUMENT = {"path", "format", "title", "doc_kind", "subject", "org_name", "org_kind", "platform", "paragraphs", "words", "encoding"}
SUMMARY = {"errors", "warnings", "infos", "by_category"}
FINDING = {"code", "category", "severity", "message", "text", "suggestion", "section", "clause_id", "act_id", "location",
           "args", "edit"}
LOCATION = {"paragraph", "label", "start", "end", "line", "page", "confidence"}
LEGAL_REF = {"text", "kind", "number", "date", "title", "act_id", "status", "replaced_by", "effective_until",
             "effective_until_verified", "location"}
REGISTRY = {"data_date", "stale_after_days", "stale", "overlays"}
CLAUSE = {"clause_id", "section", "level", "status", "score", "paragraph", "label"}
COVERAGE = {"overall", "sections"}


def _run(*args: str):
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def report(samples) -> dict:
    result = _run(str(samples["000"]), "--format", "json", "--as-of", "2025-11-01")
    assert result.exit_code == 1
    return json.loads(result.output)


def test_report_has_exactly_the_documented_keys(report):
    assert set(report) == TOP
    assert set(report["tool"]) == TOOL
    assert set(report["document"]) == DOCUMENT
    assert set(report["summary"]) == SUMMARY
    assert report["findings"]
    for f in report["findings"]:
        assert set(f) == FINDING
        assert set(f["location"]) == LOCATION
    for r in report["legal_refs"]:
        assert set(r) == LEGAL_REF
        assert set(r["location"]) == LOCATION
    for c in report["clauses"]:
        assert set(c) == CLAUSE
    if report["coverage"] is not None:
        assert set(report["coverage"]) == COVERAGE
    assert set(report["registry"]) == REGISTRY
    assert set(report["text_layer"]) == TEXT_LAYER
    assert report["text_layer"]["status"] == "ok" and report["text_layer"]["source"] == "text"


def test_values_follow_the_vocabularies(report):
    from sferum_policy.vocab import Category, DocKind, OrgKind, Severity

    assert report["schema_version"] == "1.3"
    assert report["as_of"] == "2025-11-01"
    assert report["document"]["doc_kind"] in {k.value for k in DocKind}
    assert report["document"]["org_kind"] in {k.value for k in OrgKind}
    assert {f["severity"] for f in report["findings"]} <= {s.value for s in Severity}
    assert {f["category"] for f in report["findings"]} <= {c.value for c in Category}
    s = report["summary"]
    assert s["errors"] + s["warnings"] + s["infos"] == len(report["findings"])
    assert sum(s["by_category"].values()) == len(report["findings"])


def test_format_doc_lists_every_key_and_vocabulary():
    text = FORMAT_DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    keys = (TOP | TOOL | DOCUMENT | SUMMARY | FINDING | LOCATION | LEGAL_REF | CLAUSE | COVERAGE | REGISTRY
            | TEXT_LAYER | OCR_INFO)
    assert keys - {"start", "end"} <= documented
    assert "`start`, `end`" in text
    from sferum_policy.library.acts import STATUS_TITLES
    from sferum_policy.vocab import Category, DocKind, OrgKind, Platform, Section, Severity

    for enum in (Category, DocKind, OrgKind, Platform, Section, Severity):
        assert {v.value for v in enum} <= documented, enum.__name__
    assert set(STATUS_TITLES) <= documented


def test_every_reported_code_is_documented(report, samples, tmp_path):
    result = CliRunner().invoke(cli, ["docs", "-o", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0
    rules_md = (tmp_path / "rules.md").read_text(encoding="utf-8")
    codes = {f["code"] for f in report["findings"]}
    for key in ("001", "002", "003", "004"):
        out = json.loads(_run(str(samples[key]), "--format", "json").output)
        codes |= {f["code"] for f in out["findings"]}
    # sample 004 ends on a cut address: one defect, reported once as the cut document (ST010), not also CT005
    assert {"ST001", "ST009", "CT001", "CT003", "ST010"} <= codes
    for code in codes:
        assert f"\n## {code}\n" in rules_md, code


def test_text_report_in_russian_and_exit_code(samples):
    result = _run(str(samples["000"]))
    assert result.exit_code == 1
    out = result.output
    assert "Структура и реквизиты" in out
    assert "ST001 [ошибка] п. 2.7: после п. 2.5 идёт п. 2.7: пропущен п. 2.6" in out
    assert "Итого: ошибок —" in out


def test_select_only_structure(samples):
    out = json.loads(_run(str(samples["002"]), "--format", "json", "--select", "ST").output)
    codes = {f["code"] for f in out["findings"]}
    assert codes and all(c.startswith("ST") for c in codes)


def test_ignore_one_code(samples):
    result = _run(str(samples["000"]), "--format", "json", "--select", "ST", "--ignore", "ST001")
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert "ST001" not in codes and "ST007" in codes
    assert result.exit_code == 0  # only warnings and infos are left


def test_fail_on_warning(samples):
    assert _run(str(samples["003"]), "--select", "ST", "--fail-on", "error").exit_code == 0
    assert _run(str(samples["000"]), "--select", "ST", "--ignore", "ST001", "--fail-on", "warning").exit_code == 1
    assert _run(str(samples["003"]), "--select", "ST", "--fail-on", "warning").exit_code == 0


def test_console_entry_point_exit_codes(samples, tmp_path):
    done = subprocess.run([sys.executable, "-m", "sferum_policy", "check", str(samples["000"]), "--select", "ST"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "пропущен п. 2.6" in done.stdout
    missing = subprocess.run([sys.executable, "-m", "sferum_policy", "check", str(tmp_path / "нет.txt")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert "файл не найден" in missing.stderr and "Traceback" not in missing.stderr
