"""SARIF 2.1.0 output, for code-review tools and CI dashboards."""

from __future__ import annotations

import json

from ..report import Report
from ..rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
DOCS_URL = "docs/rules.md"


def _region(report: Report, finding) -> dict | None:
    loc = finding.location
    if loc.line is None and loc.start is None:
        return None
    region: dict = {}
    if loc.line is not None:
        region["startLine"] = loc.line
    if loc.start is not None and loc.end is not None:
        region["charOffset"] = loc.start
        region["charLength"] = max(0, loc.end - loc.start)
    if finding.text:
        region["snippet"] = {"text": finding.text}
    return region


def render_sarif(report: Report) -> str:
    """Render ``report`` as a SARIF 2.1.0 log with one run."""
    from ..checks import load_checks

    load_checks()
    used = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(used)}
    rules = []
    for code in used:
        r = RULES.get(code)
        rules.append({
            "id": code,
            "name": r.name if r else code,
            "shortDescription": {"text": r.title if r else code},
            "fullDescription": {"text": r.why if r else code},
            "help": {"text": r.fix if r else "", "markdown": f"[{code}]({DOCS_URL}#{code.lower()})"},
            "helpUri": f"{DOCS_URL}#{code.lower()}",
            "defaultConfiguration": {"level": _LEVEL[r.severity] if r else "warning"},
            "properties": {"category": r.category.value if r else ""},
        })
    artifact = report.document.path or "document.txt"
    results = []
    for f in report.findings:
        physical: dict = {"artifactLocation": {"uri": artifact}}
        region = _region(report, f)
        if region:
            physical["region"] = region
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" Предложение: {f.suggestion}" if f.suggestion else "")},
            "locations": [{"physicalLocation": physical}],
            "properties": {"category": f.category.value},
        }
        if f.location.label:
            result["locations"][0]["logicalLocations"] = [{"name": f"п. {f.location.label}", "kind": "member"}]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "language": "ru",
                "rules": rules,
            }},
            "language": "ru",
            "artifacts": [{"location": {"uri": artifact}, "mimeType": "text/plain"}],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
