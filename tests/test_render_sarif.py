"""SARIF 2.1.0: valid against the official OASIS schema; regions point into the checked file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sferum_policy.pipeline import run
from sferum_policy.render.sarif import artifact_uri, render_sarif
from sferum_policy.rules import RULES

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_001(samples):
    return run(samples["001"])


@pytest.fixture(scope="module")
def log_001(sample_001):
    doc, report = sample_001
    return json.loads(render_sarif(report, document=doc))


def test_schema_fixture_is_the_official_one():
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    jsonschema.Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("with_document", [True, False])
def test_valid_against_official_schema(sample_001, with_document):
    doc, report = sample_001
    log = json.loads(render_sarif(report, document=doc if with_document else None))
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, errors[0].message


def test_a_broken_log_is_caught_by_the_schema(log_001):
    broken = json.loads(json.dumps(log_001))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(broken))


def test_required_properties_and_rules(log_001, sample_001):
    _, report = sample_001
    assert log_001["version"] == "2.1.0" and log_001["$schema"].startswith("https://")
    run_ = log_001["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "sferum-policy"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted({f.code for f in report.findings})
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        assert (r["properties"]["status"], r["properties"]["fixable"]) == (RULES[r["id"]].status, RULES[r["id"]].fixable)
        assert "enabled" not in r["defaultConfiguration"]  # no preview rule fires without being named
    results = run_["results"]
    assert len(results) == len(report.findings)
    for res, f in zip(results, report.findings, strict=True):
        assert res["ruleId"] == f.code == rules[res["ruleIndex"]]["id"]
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity.value]
        assert res["message"]["text"].startswith(f.message.rstrip(". "))
        if f.suggestion:
            assert f.suggestion in res["message"]["text"]


def test_regions_point_into_the_source_file(log_001, sample_001):
    doc, report = sample_001
    src = doc.source_text
    lines = src.split("\n")
    checked = 0
    for res, f in zip(log_001["runs"][0]["results"], report.findings, strict=True):
        region = res["locations"][0]["physicalLocation"].get("region")
        if f.location.start is None:
            assert region is None
            continue
        checked += 1
        piece = src[region["charOffset"]: region["charOffset"] + region["charLength"]]
        assert " ".join(piece.split()) == " ".join(f.text.split())
        assert region["snippet"]["text"] == piece
        assert region["startLine"] == f.location.line
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:].startswith(piece.split("\n")[0])
    assert checked > 20


def test_docx_results_use_logical_locations_not_fake_offsets(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("ПОЛОЖЕНИЕ об использовании платформы «Сферум»")
    d.add_paragraph("1. Общие положения")
    d.add_paragraph("1.1. Педагогические работники используют плотформу для общения с родителями.")
    path = tmp_path / "act.docx"
    d.save(str(path))
    doc, report = run(path)
    log = json.loads(render_sarif(report, document=doc))
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    art = log["runs"][0]["artifacts"][0]
    assert art["mimeType"].endswith("wordprocessingml.document")
    typo = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "TY001")
    assert "region" not in typo["locations"][0]["physicalLocation"]
    assert typo["locations"][0]["logicalLocations"][0]["name"] == "п. 1.1"
    assert typo["properties"]["text"] == "плотформу"


def test_artifact_uris():
    assert artifact_uri("samples/acts/a b.txt") == "samples/acts/a%20b.txt"
    assert artifact_uri("/tmp/положение.docx").startswith("file:///tmp/%D0%BF")
    assert artifact_uri(None) == "document.txt"
