"""The on-disk cache of derived tables: used when valid, rebuilt when corrupt, skipped when off."""

from __future__ import annotations

from pathlib import Path

from sferum_policy import cache


def test_cached_value_is_reused_and_corruption_rebuilds(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SFERUM_POLICY_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"ключ": [1, 2, 3]}

    assert cache.cached("t", "k1", build) == {"ключ": [1, 2, 3]}
    assert cache.cached("t", "k1", build) == {"ключ": [1, 2, 3]}
    assert len(calls) == 1
    (entry,) = tmp_path.glob("t-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached("t", "k1", build) == {"ключ": [1, 2, 3]}
    assert len(calls) == 2
    cache.cached("t", "k2", build)  # another key is another entry
    assert len(calls) == 3 and len(list(tmp_path.glob("t-*.pickle"))) == 2


def test_cache_can_be_switched_off(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SFERUM_POLICY_CACHE", "off")
    calls = []
    for _ in range(2):
        cache.cached("t", "k", lambda: calls.append(1) or 5)
    assert len(calls) == 2


def test_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SFERUM_POLICY_CACHE", str(blocker / "sub"))
    assert cache.cached("t", "k", lambda: 7) == 7


def test_rendered_library_matches_direct_rendering(library):
    from sferum_policy.library.templating import context, render_clause, rendered_library
    from sferum_policy.vocab import OrgKind, Platform

    texts = rendered_library(library, OrgKind.college, {Platform.max})
    assert texts, "the college library is empty"
    for clause in library.select(OrgKind.college, {Platform.max}):
        own = [p for p in clause.platforms if p == Platform.max] or list(clause.platforms)
        assert texts[clause.id] == render_clause(clause, context(library.terms, OrgKind.college, own))


def test_library_digest_follows_content(tmp_path: Path):
    import shutil

    from sferum_policy.library import load_clauses
    from sferum_policy.resources import data_dir

    copy = tmp_path / "clauses"
    shutil.copytree(data_dir("clauses"), copy)
    before = load_clauses(copy).digest
    target = copy / "final.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# изменено\n", encoding="utf-8")
    assert load_clauses(copy).digest != before
