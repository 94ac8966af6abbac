"""Summary files of an audit: ``summary.csv``, ``summary.xlsx`` and ``audit.json``.

``summary.csv`` is UTF-8 with a BOM and ``;`` between fields: Excel with Russian regional settings
uses the comma as the decimal separator and ``;`` as the list separator, so it opens such a file in
columns with a double click (a comma-separated file lands in one column there). Numbers are integers
(percent, score, counts) so no decimal separator is involved, except the timing column.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..fileio import write_atomic
from ..report import SCHEMA_VERSION
from .score import COLUMNS, SCORE_EXPLANATION

AUDIT_SCHEMA_VERSION = "1.1"  # 1.1: rows[].expiring, summary.expiring_acts and summary.registry
CSV_DELIMITER = ";"


def _cell(value: Any) -> Any:
    return "" if value is None else value


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """One row per document, Russian headers, UTF-8 with BOM, ``;``-separated."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    w.writerow([title for _, title in COLUMNS])
    for r in rows:
        w.writerow([_cell(r[key]) for key, _ in COLUMNS])
    write_atomic(path, "\ufeff" + buf.getvalue())


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    """The same table as an Excel workbook: bold frozen header, auto-filter, column widths, score colours."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Сводка"
    ws.append([title for _, title in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r in rows:
        ws.append([_xlsx_value(r[key]) for key, _ in COLUMNS])
    ws.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    fills = {"good": "C6EFCE", "fair": "FFEB9C", "poor": "FFC7CE"}
    score_col = [k for k, _ in COLUMNS].index("score") + 1
    for i, r in enumerate(rows, start=2):
        s = r["score"]
        if s is not None:
            key = "good" if s >= 80 else "fair" if s >= 50 else "poor"
            ws.cell(row=i, column=score_col).fill = PatternFill("solid", fgColor=fills[key])
    for idx, (key, title) in enumerate(COLUMNS, start=1):
        longest = max([len(str(_cell(r[key]))) for r in rows] + [min(len(title), 18)])
        ws.column_dimensions[get_column_letter(idx)].width = max(8, min(60, longest + 2))
    ws.row_dimensions[1].height = 45
    note = wb.create_sheet("Как считается оценка")
    note.append([SCORE_EXPLANATION])
    note.column_dimensions["A"].width = 120
    note["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never a formula: a file name is data
    return value


def write_json(path: Path, *, rows: list[dict[str, Any]], results: list[dict[str, Any]], summary: dict[str, Any],
               as_of: date, inputs: list[str], links: dict[str, str]) -> None:
    """``audit.json``: every report, every row and the summary (``schema_version`` versions the layout)."""
    docs = []
    for r, res in zip(rows, results, strict=True):
        docs.append({"file": r["file"], "status": res["status"], "error": res.get("error"), "row": r,
                     "reused": bool(res.get("reused")), "report_files": links.get(r["file"]),
                     "report": res.get("report")})
    payload = {
        "schema_version": AUDIT_SCHEMA_VERSION,
        "report_schema_version": SCHEMA_VERSION,
        "tool": {"name": "sferum-policy", "version": __version__},
        "as_of": as_of.isoformat(),
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "inputs": inputs,
        "score": SCORE_EXPLANATION,
        "summary": summary,
        "documents": docs,
    }
    write_atomic(path, _dumps(payload))


def _dumps(payload: dict[str, Any]) -> str:
    """JSON with one top-level key and one document per line.

    ``indent`` would switch ``json`` to its pure-Python encoder (seconds for a thousand reports);
    this layout keeps the C encoder and still reads and diffs line by line.
    """
    def enc(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for key, value in payload.items():
        if key == "documents":
            body = ",\n  ".join(map(enc, value))
            lines.append(f' {enc(key)}: [\n  {body}\n ]' if value else f' {enc(key)}: []')
        else:
            lines.append(f" {enc(key)}: {enc(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
