"""A self-contained HTML report: summary, coverage chart, findings, and the text with highlights."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from ..document import Document
from ..library.registry import STATUS_TITLES
from ..report import Finding, Report
from ..vocab import CATEGORY_TITLES, DOC_KIND_TITLES, ORG_KIND_TITLES, SECTION_TITLES, SEVERITY_TITLES, Category


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("sferum_policy.render", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html")


def _highlight(doc: Document, findings: list[Finding]) -> list[dict]:
    """Paragraphs as HTML with every finding's excerpt wrapped in <mark>."""
    by_para: dict[int, list[Finding]] = {}
    for f in findings:
        if f.location.paragraph is not None and f.location.start is not None and f.text:
            by_para.setdefault(f.location.paragraph, []).append(f)
    out = []
    for p in doc.paragraphs:
        marks = sorted(by_para.get(p.index, []), key=lambda f: (f.location.start, -(f.location.end or 0)))
        pieces: list[str] = []
        pos = 0
        for n, f in enumerate(marks):
            s = max(0, (f.location.start or 0) - p.start)
            e = min(len(p.text), (f.location.end or 0) - p.start)
            if s < pos or e <= s:
                continue  # overlapping or empty span: listed in the findings table only
            pieces.append(str(escape(p.text[pos:s])))
            pieces.append(
                f'<mark class="{f.severity.value}" id="f{p.index}-{n}" title="{escape(f.code + ": " + f.message)}">'
                f"{escape(p.text[s:e])}</mark>"
            )
            pos = e
        pieces.append(str(escape(p.text[pos:])))
        out.append({"index": p.index, "label": p.label, "kind": p.kind, "html": Markup("".join(pieces)),
                    "flagged": bool(marks)})
    return out


def render_html(report: Report, *, document: Document | None = None) -> str:
    """Render ``report``; with ``document`` the act's text is shown with findings highlighted."""
    groups = []
    for cat in Category:
        items = [f for f in report.findings if f.category == cat]
        if items:
            groups.append({"title": CATEGORY_TITLES[cat], "key": cat.value, "findings": items})
    d = report.document
    return _template().render(
        report=report,
        doc=d,
        groups=groups,
        paragraphs=_highlight(document, report.findings) if document is not None else [],
        doc_kind=DOC_KIND_TITLES.get(d.doc_kind, d.doc_kind),  # type: ignore[call-overload]
        org_kind=ORG_KIND_TITLES.get(d.org_kind, "не определён") if d.org_kind else "не определён",  # type: ignore[call-overload]
        severity_titles={k.value: v for k, v in SEVERITY_TITLES.items()},
        section_titles={k.value: v for k, v in SECTION_TITLES.items()},
        status_titles=STATUS_TITLES,
    )
