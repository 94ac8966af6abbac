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


@pytest.fixture(scope="session")
def generated_texts(library, registry) -> dict[str, str]:
    """Markdown of the act generated for every sample profile × platform (MAX, VK Мессенджер, both)."""
    import yaml

    from sferum_policy.generator.assemble import assemble
    from sferum_policy.generator.profile import parse_profile
    from sferum_policy.generator.render import render

    out = {}
    for path in sorted((ROOT / "samples" / "profiles").glob("*.yaml")):
        for platform in ("max", "vk_messenger", "both"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data.setdefault("document", {}).update(platforms=platform)
            profile = parse_profile(yaml.safe_dump(data, allow_unicode=True), path.name)
            out[f"{path.stem}-{platform}"] = render(assemble(profile, library, registry), "md")
    return out
