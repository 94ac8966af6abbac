"""JSON output: the Report as documented in docs/report-format.md."""

from __future__ import annotations

from ..report import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
