"""One entry point for every output format of the generator."""

from __future__ import annotations

from .act import Act

FORMATS = ("docx", "md", "html")


def render(act: Act, fmt: str) -> str | bytes:
    """The act in ``fmt`` (docx → bytes; md, html → text)."""
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(act)
    if fmt == "html":
        from .html import render_html

        return render_html(act)
    if fmt == "docx":
        from .docx_writer import render_docx

        return render_docx(act)
    raise ValueError(f"unknown format {fmt!r}")
