"""Fuzzing (hypothesis, derandomised): every reader input ends in a Report or a clean SferumError.

The targets and strategies live in ``benchmarks/bench_fuzz.py``; this run is a ~2,000-input share of
the ≥ 10,000-input campaign ``python -m benchmarks fuzz`` runs with random seeds.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from benchmarks.bench_fuzz import TARGETS, campaign, mutate, seed_docx, seed_odt, seed_pdf

EXAMPLES = {"docx-bytes": 200, "docx-xml": 250, "odt-bytes": 200, "odt-xml": 250, "pdf-bytes": 250,
            "text-encodings": 250, "markdown": 200, "random-bytes": 200, "read_string": 200}
DEADLINE_S = 5
# Targets whose generator builds mostly valid documents: some inputs must read into a Report,
# or the fuzzing would only ever exercise the error paths.
MUST_REPORT = {"docx-xml", "odt-xml", "pdf-bytes", "text-encodings", "markdown", "read_string"}


@pytest.fixture(scope="module", autouse=True)
def _warm():
    from sferum_policy import check

    check("1. Общие положения\n1.1. Текст пункта.")  # load data and dictionaries outside the deadline


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_fuzz_target_never_crashes(target):
    crashes: list = []
    outcomes = campaign(target, EXAMPLES[target.name], derandomize=True, deadline=DEADLINE_S, crashes=crashes)
    assert crashes == [], crashes[:3]
    assert sum(outcomes.values()) >= EXAMPLES[target.name] * 0.9
    assert outcomes["error"] > 0 or target.name in ("markdown",)
    if target.name in MUST_REPORT:
        assert outcomes["report"] > 0, outcomes


def test_fuzz_budget_of_the_test_run():
    assert sum(EXAMPLES.values()) >= 2000


@pytest.mark.parametrize("seed", [seed_docx, seed_odt, seed_pdf], ids=["docx", "odt", "pdf"])
def test_seeds_are_valid_documents(tmp_path, seed):
    from sferum_policy.readers import read

    data = seed()
    suffix = {seed_docx: ".docx", seed_odt: ".odt", seed_pdf: ".pdf"}[seed]
    path = tmp_path / f"seed{suffix}"
    path.write_bytes(data)
    doc = read(path)
    texts = [p.full_text for p in doc.paragraphs]
    assert any("Сферум" in t for t in texts), texts
    if suffix != ".pdf":
        assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_mutate_operations():
    data = bytes(range(10))
    assert mutate(data, [("flip", 0, 0)]) == b"\x01" + data[1:]
    assert mutate(data, [("trunc", 4)]) == data[:4]
    assert mutate(data, [("insert", 2, b"ab")]) == data[:2] + b"ab" + data[2:]
    assert mutate(data, [("delete", 12, 3)]) == data[:2] + data[5:]  # positions wrap around
    assert mutate(data, [("dup", 1, 2)]) == data[:1] + data[1:3] + data[1:]
