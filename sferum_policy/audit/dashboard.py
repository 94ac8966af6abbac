"""``index.html``: the audit dashboard (self-contained: inline CSS, SVG and a few lines of JS, no network)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .. import __version__
from ..fileio import write_atomic
from ..render.freshness import freshness_lines
from ..report import RegistryInfo
from ..vocab import CATEGORY_TITLES, Category
from .score import SCORE_EXPLANATION, grade
from .writers import CSV_DELIMITER

GRADE_TITLES = {"good": "хорошо (80–100)", "fair": "нужна доработка (50–79)", "poor": "переработать (0–49)",
                "failed": "не проверен (ошибка чтения)"}
GRADE_COLORS = {"good": "#2e7d32", "fair": "#f9a825", "poor": "#c62828", "failed": "#757575"}


def _template():
    from ..render.html import template

    return template("dashboard.html")


def histogram(summary: dict[str, Any], width: int = 640, height: int = 220) -> dict[str, Any]:
    """Bar geometry of the score histogram for the inline SVG."""
    bins = summary["histogram"]
    top = max([b["count"] for b in bins] + [1])
    left, bottom, pad = 40, 36, 6
    plot_w, plot_h = width - left - 10, height - bottom - 24
    bw = plot_w / len(bins)
    bars = []
    for i, b in enumerate(bins):
        h = plot_h * b["count"] / top
        x = left + i * bw + pad / 2
        mid = (b["from"] + b["to"]) / 2
        bars.append({"x": round(x, 1), "y": round(24 + plot_h - h, 1), "w": round(bw - pad, 1), "h": round(h, 1),
                     "count": b["count"], "label": f"{b['from']}–{b['to']}", "cx": round(x + (bw - pad) / 2, 1),
                     "color": GRADE_COLORS[grade(int(mid))]})
    ticks = sorted({0, top // 2, top}) if top > 1 else [0, 1]
    return {"width": width, "height": height, "bars": bars, "base": 24 + plot_h, "left": left,
            "ticks": [{"value": t, "y": round(24 + plot_h - plot_h * t / top, 1)} for t in ticks]}


def write_dashboard(path: Path, *, rows: list[dict[str, Any]], summary: dict[str, Any],
                    links: dict[str, dict[str, str]], as_of: date) -> None:
    """Render and atomically write the dashboard."""
    table = []
    for r in rows:
        files = links.get(r["file"], {})
        href = files.get("html") or files.get("json")
        file_html = Markup("/<wbr>").join(escape(part) for part in r["file"].split("/"))
        table.append({**r, "file_html": file_html, "href": quote(href) if href else None, "grade": grade(r["score"]),
                      "json_href": quote(files["json"]) if files.get("json") and files.get("html") else None,
                      "docx_href": quote(files["docx"]) if files.get("docx") else None,
                      "fixed_href": quote(fixed) if (fixed := files.get("fixed") or files.get("fixed-unsafe")) else None,
                      "modern_href": quote(files["modernized"]) if files.get("modernized") else None,
                      "modern_summary_href": quote(files["modernized-summary"]) if files.get("modernized-summary") else None,
                      "redline_href": quote(files["modernized-redline"]) if files.get("modernized-redline") else None})
    table.sort(key=lambda r: (r["score"] is not None, r["score"] if r["score"] is not None else 0, r["file"]))
    categories = [(f"cat_{c.value}", CATEGORY_TITLES[c]) for c in Category]
    html = _template().render(
        rows=table,
        summary=summary,
        hist=histogram(summary),
        as_of=as_of,
        generated=datetime.now().strftime("%d.%m.%Y %H:%M"),
        version=__version__,
        grade_titles=GRADE_TITLES,
        grade_colors=GRADE_COLORS,
        categories=categories,
        score_explanation=SCORE_EXPLANATION,
        csv_delimiter=CSV_DELIMITER,
        timedelta=timedelta,
        registry_lines=freshness_lines(RegistryInfo.model_validate(summary["registry"]), as_of)
        if summary.get("registry") else [],
    )
    write_atomic(path, html)
