"""Snapshots of whole reports: a compact line per finding for the samples and every generated act.

A change in the set of findings on a sample shows here even when no hand-written assertion covers it.
When a change is intended, regenerate with ``SFERUM_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py``
and review the diff of ``tests/snapshots/`` like code.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

import sferum_policy

AS_OF = date(2026, 12, 2)
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("SFERUM_UPDATE_SNAPSHOTS") == "1"


def compact(report) -> str:
    """One line per finding and per citation: stable, diff-friendly, no timings or paths."""
    d = report.document
    lines = [f"document: kind={d.doc_kind} org_kind={d.org_kind} platform={','.join(d.platform)} "
             f"paragraphs={d.paragraphs} words={d.words}"]
    if report.coverage is not None:
        lines.append(f"coverage: {report.coverage.overall:.3f}")
    for f in report.findings:
        loc = f.location
        where = f"p{loc.paragraph}" if loc.paragraph is not None else "doc"
        span = f"{loc.start}-{loc.end}" if loc.start is not None else ""
        extra = " ".join(x for x in (f"clause={f.clause_id}" if f.clause_id else "", f"act={f.act_id}" if f.act_id else "") if x)
        text = " ".join((f.text or "").split())[:80]
        lines.append(f"{f.code} {f.severity.value} {where} {span} {extra} | {text} | {' '.join(f.message.split())}"
                     + (f" => {' '.join(f.suggestion.split())}" if f.suggestion else ""))
        if f.edit is not None:  # the repair ``fix`` would make: applicability, span, replacement, new paragraphs
            e = f.edit
            lines.append(f"  edit {e.applicability} {e.start}-{e.end} «{e.replacement}»"
                         + "".join(f" +¶ {' '.join(x.split())[:80]}" for x in e.paragraphs))
    for r in report.legal_refs:
        lines.append(f"ref {r.status} act={r.act_id} | {' '.join(r.text.split())[:80]}")
    return "\n".join(lines) + "\n"


def _cases() -> dict[str, object]:
    root = Path(__file__).parent.parent
    cases: dict[str, object] = {f"sample-{p.name[:3]}": p for p in sorted((root / "samples" / "acts").glob("0*.txt"))}
    for p in sorted((root / "samples" / "profiles").glob("*.yaml")):
        cases[f"generated-{p.stem}"] = p
    return cases


CASES = _cases()


def _report(key: str, source: Path, library, registry):
    if key.startswith("generated-"):
        import yaml

        from sferum_policy.generator.assemble import assemble
        from sferum_policy.generator.profile import parse_profile
        from sferum_policy.generator.render import render

        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data.setdefault("document", {})["as_of"] = AS_OF.strftime("%d.%m.%Y")  # the legal basis of a fixed day
        profile = parse_profile(yaml.safe_dump(data, allow_unicode=True), source.name)
        text = render(assemble(profile, library, registry), "md")
        return sferum_policy.check(text, as_of=AS_OF)
    return sferum_policy.check(source, as_of=AS_OF)


@pytest.mark.parametrize("key", list(CASES))
def test_report_matches_snapshot(key, library, registry):
    got = compact(_report(key, CASES[key], library, registry))
    path = SNAPSHOTS / f"{key}.txt"
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"нет снимка {path.name}: запустите с SFERUM_UPDATE_SNAPSHOTS=1 и просмотрите его"
    assert got == path.read_text(encoding="utf-8"), f"отчёт {key} изменился; если так и задумано — обновите снимок"
