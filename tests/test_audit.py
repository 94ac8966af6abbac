"""``sferum-policy audit``: folders and ZIPs in, summary CSV/XLSX/JSON, dashboard and per-act reports out."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from audit_helpers import build_inputs, read_csv, without_timing

from sferum_policy.audit import AuditOptions, run_audit

AS_OF = date(2026, 1, 15)


def _opts(paths: list[Path], out: Path, **kw) -> AuditOptions:
    return AuditOptions(paths=paths, outdir=out, as_of=AS_OF, **kw)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    district, archive = build_inputs(root)
    out = root / "результат"
    res = run_audit(_opts([district, archive], out, jobs=2))
    return root, district, archive, out, res


def _by_file(rows):
    return {r["Файл"]: r for r in rows}


def test_every_document_has_a_row_with_status(audited):
    _, _, _, out, res = audited
    rows = _by_file(read_csv(out / "summary.csv"))
    ok = {"район/школа1/положение.docx", "район/школа2/порядок.txt", "район/управление.md",
          "архив.zip/сад/положение.txt", "архив.zip/внутри.zip/вложенный.md"}
    for name in ok:
        assert rows[name]["Статус"] == "ok", rows[name]
        assert 0 <= int(rows[name]["Оценка (0–100)"]) <= 100
        assert int(rows[name]["Полнота, %"]) > 20
    broken = rows["район/сломанный.docx"]
    assert broken["Статус"] == "ошибка"
    assert broken["Причина ошибки"].startswith("район/сломанный.docx: ")
    assert re.search(r"[а-я]", broken["Причина ошибки"])
    evil = rows["архив.zip/../evil.txt"]
    assert evil["Статус"] == "ошибка" and "«..»" in evil["Причина ошибки"]
    assert not any("рисунок" in name for name in rows)
    assert len(rows) == len(ok) + 2 == res.total == res.done
    assert res.complete and res.failed == 2


def test_docx_row_knows_the_organisation(audited):
    rows = _by_file(read_csv(audited[3] / "summary.csv"))
    assert "ОМОЛОН" in rows["район/школа1/положение.docx"]["Организация"].upper()
    assert rows["район/школа2/порядок.txt"]["Вид документа"] == "Порядок"


def test_nothing_is_written_outside_the_outdir(audited):
    root = audited[0]
    assert not list(root.parent.rglob("evil.txt"))
    assert not list(root.rglob("evil.txt"))
    produced = {p.name for p in root.iterdir()}
    assert produced == {"район", "архив.zip", "результат"}


def test_xlsx_matches_the_csv(audited):
    from openpyxl import load_workbook

    out = audited[3]
    csv_rows = read_csv(out / "summary.csv")
    ws = load_workbook(out / "summary.xlsx").worksheets[0]
    header = [c.value for c in ws[1]]
    assert header == list(csv_rows[0].keys())
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(csv_rows) + 1}"
    assert ws.max_row == len(csv_rows) + 1
    files = [ws.cell(r, header.index("Файл") + 1).value for r in range(2, ws.max_row + 1)]
    assert files == [r["Файл"] for r in csv_rows]
    assert ws.column_dimensions["B"].width > 20


def test_audit_json_holds_every_report(audited):
    out = audited[3]
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.1"
    assert data["as_of"] == "2026-01-15"
    docs = {d["file"]: d for d in data["documents"]}
    assert len(docs) == data["summary"]["documents"] == 7
    good = docs["район/управление.md"]
    assert good["report"]["document"]["path"] == "район/управление.md"
    assert good["row"]["score"] == int(_by_file(read_csv(out / "summary.csv"))["район/управление.md"]["Оценка (0–100)"])
    assert docs["район/сломанный.docx"]["report"] is None
    assert sum(b["count"] for b in data["summary"]["histogram"]) == 5
    assert data["summary"]["missing_clauses"], "samples miss some library clauses"
    # one document per line (the C encoder, not indent=…): lines between "documents" and its "]"
    lines = (out / "audit.json").read_text(encoding="utf-8").splitlines()
    first = lines.index(' "documents": [')
    assert [json.loads(line.rstrip(","))["file"] for line in lines[first + 1 : first + 1 + len(docs)]] == \
        [d["file"] for d in data["documents"]]


def test_dashboard_links_every_report_and_is_offline(audited):
    out = audited[3]
    html = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(reports/[^"]+\.html)"', html)
    assert len(links) == 5
    for link in links:
        assert (out / unquote(link)).is_file()
        assert (out / unquote(link)).with_suffix(".json").is_file()
    assert len(re.findall(r'<tr class="doc">', html)) == 7
    assert "<svg" in html and "<rect" in html
    assert not re.search(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", html, re.I)
    assert "http://" not in html and "https://" not in html


def test_report_files_are_per_document(audited):
    out = audited[3]
    reports = sorted((out / "reports").glob("*.json"))
    assert len(reports) == 5
    paths = {json.loads(p.read_text(encoding="utf-8"))["document"]["path"] for p in reports}
    assert "архив.zip/внутри.zip/вложенный.md" in paths


def test_one_job_and_two_jobs_agree(audited, tmp_path):
    _, district, archive, out, _ = audited
    run_audit(_opts([district, archive], tmp_path / "one", jobs=1, use_cache=False))
    assert without_timing(read_csv(tmp_path / "one" / "summary.csv")) == without_timing(read_csv(out / "summary.csv"))


def test_cache_reuses_unchanged_files(tmp_path):
    district, _ = build_inputs(tmp_path)
    out = tmp_path / "out"
    first = run_audit(_opts([district], out, jobs=1))
    assert first.reused == 0
    fresh_reports = _reports(out)
    second = run_audit(_opts([district], out, jobs=1))
    assert second.reused == 3 and second.failed == 1  # the broken file is tried again, never cached
    assert _reports(out) == fresh_reports  # a reused report (kept as the JSON report) is the same report
    before = _by_file(read_csv(out / "summary.csv"))
    md = district / "управление.md"
    md.write_text(md.read_text(encoding="utf-8") + "\n5.9. Запрещается реклама в чатах.\n", encoding="utf-8")
    third = run_audit(_opts([district], out, jobs=1))
    assert third.reused == 2
    after = _by_file(read_csv(out / "summary.csv"))
    assert without_timing([before["район/школа2/порядок.txt"]]) == without_timing([after["район/школа2/порядок.txt"]])
    fresh = run_audit(_opts([district], out, jobs=1, use_cache=False))
    assert fresh.reused == 0
    other_date = run_audit(AuditOptions(paths=[district], outdir=out, as_of=date(2027, 1, 1), jobs=1))
    assert other_date.reused == 0


def _reports(out):
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return {d["file"]: d["report"] for d in data["documents"]}


def test_cache_without_the_json_report_keeps_the_report_itself(tmp_path):
    district, _ = build_inputs(tmp_path)
    out = tmp_path / "out"
    opts = _opts([district], out, jobs=1)
    opts.formats = ("html",)
    run_audit(opts)
    fresh = _reports(out)
    again = run_audit(opts)
    assert again.reused == 3
    assert _reports(out) == fresh and any(fresh.values())


def test_renamed_file_reuses_cache_under_its_new_name(tmp_path):
    district, _ = build_inputs(tmp_path)
    out = tmp_path / "out"
    run_audit(_opts([district / "управление.md"], out, jobs=1))
    renamed = tmp_path / "другое.md"
    renamed.write_bytes((district / "управление.md").read_bytes())
    res = run_audit(_opts([renamed], out, jobs=1))
    assert res.reused == 1
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["report"]["document"]["path"] == "другое.md"


def test_interrupted_audit_leaves_readable_summary(tmp_path, monkeypatch):
    from sferum_policy.audit import executors

    district, _ = build_inputs(tmp_path)
    real = executors.inline

    def interrupted(tasks, **kw):
        gen = real(tasks, **kw)
        yield next(gen)
        raise KeyboardInterrupt

    monkeypatch.setattr(executors, "inline", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_audit(_opts([district], out, jobs=1))
    rows = read_csv(out / "summary.csv")
    assert 1 <= len(rows) < 4
    assert "Проверка прервана" in (out / "index.html").read_text(encoding="utf-8")
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["summary"]["complete"] is False and data["summary"]["expected"] == 4
    monkeypatch.setattr(executors, "inline", real)
    res = run_audit(_opts([district], out, jobs=1))
    assert res.complete and res.reused >= 1


def test_format_reports_option(tmp_path):
    district, _ = build_inputs(tmp_path)
    out = tmp_path / "out"
    run_audit(_opts([district / "школа2"], out, jobs=1, formats=("json", "sarif", "text")))
    names = sorted(p.suffix for p in (out / "reports").iterdir())
    assert names == [".json", ".sarif", ".txt"]
    html = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="reports/[^"]+\.json"', html)
