from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Hermetic on-disk cache for the whole session (subprocesses inherit it).
os.environ.setdefault("SFERUM_POLICY_CACHE", tempfile.mkdtemp(prefix="sferum-policy-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "acts"
SAMPLE_FILES = {p.name[:3]: p for p in sorted(SAMPLES.glob("0*.txt"))}


@pytest.fixture(scope="session")
def samples() -> dict[str, Path]:
    """Sample acts by id: ``samples["001"]`` is the OCR'd college act."""
    return SAMPLE_FILES


@pytest.fixture(scope="session")
def library():
    from sferum_policy.pipeline import default_clauses

    return default_clauses()


@pytest.fixture(scope="session")
def registry():
    from sferum_policy.pipeline import default_registry

    return default_registry()
