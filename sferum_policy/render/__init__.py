"""Renderers turn a Report into text, JSON, HTML, SARIF or a commented DOCX."""

from __future__ import annotations

from ..report import Report

FORMATS = ("text", "json", "html", "sarif", "docx")
BINARY = {"docx"}


def render(report: Report, fmt: str, **kwargs) -> str | bytes:
    """Render ``report`` in ``fmt``; see :data:`FORMATS`."""
    if fmt == "text":
        from .text import render_text

        return render_text(report, **kwargs)
    if fmt == "json":
        from .json import render_json

        return render_json(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report, **kwargs)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(report, **kwargs)
    if fmt == "docx":
        from .docx_comments import render_docx

        return render_docx(report, **kwargs)
    raise ValueError(fmt)
