"""Clause coverage: deleted sections and clauses found, false alarms on the samples, speed.

Ground truth for sections is the hand annotation :data:`SECTION_POINTS` (which numbered points of
each sample carry which library section); for clauses it is the library's ``provenance``.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date
from pathlib import Path

from benchmarks.mutate import delete_points, document_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "acts"
COMMAND = "python -m benchmarks coverage"
RUNS = 20

# sample → library section → numbered points that carry it (read off the samples by hand).
SECTION_POINTS: dict[str, dict[str, list[str]]] = {
    "000": {
        "general": ["1.1", "1.3", "1.4", "1.6", "1.7"], "legal_basis": ["1.2"], "definitions": ["1.5"],
        "administrator": ["2.1"], "management": ["2.2"], "class_teacher": ["2.3"], "teacher": ["2.4"],
        "student": ["2.5"], "parent": ["2.7"], "rights": ["3"], "final": ["4"],
    },
    "001": {
        "general": ["1.1", "2"], "legal_basis": ["1.2"], "definitions": ["1.3"], "administrator": ["3.1"],
        "management": ["3.2"], "class_teacher": ["3.3"], "teacher": ["3.4"], "student": ["3.5"],
        "parent": ["3.6"], "rights": ["4.1", "4.2", "4.3", "4.4"], "obligations": ["4.5"],
        "prohibitions": ["4.6"], "final": ["5"],
    },
    "002": {
        "general": ["1.1", "1.3", "1.4"], "legal_basis": ["1.2"], "administrator": ["2.1"],
        "management": ["2.2"], "class_teacher": ["2.3"], "teacher": ["2.4"], "student": ["2.5"],
        "parent": ["2.6"], "rights": ["3.1"], "obligations": ["3.2"], "prohibitions": ["3.3"], "final": ["4"],
    },
    "003": {
        "general": ["1.1", "1.3", "1.4", "1.5"], "legal_basis": ["1.2"], "administrator": ["2.1"],
        "management": ["2.2"], "class_teacher": ["2.3"], "teacher": ["2.4"], "student": ["2.5"],
        "parent": ["2.6"], "rights": ["3"], "final": ["4"],
    },
}


def _sample(sid: str) -> str:
    path = next(SAMPLES.glob(f"{sid}_*.txt"))
    return path.read_text(encoding="utf-8-sig")


class _Analyser:
    """Read a text and run the coverage matcher and check on it."""

    def __init__(self) -> None:
        from sferum_policy.checks.base import CheckContext
        from sferum_policy.checks.coverage import CODES, SECTION_RULES
        from sferum_policy.pipeline import default_clauses, default_registry

        self.ctx = CheckContext(
            as_of=date(2026, 11, 23), clauses=default_clauses(), registry=default_registry(), enabled=set(CODES)
        )
        self.section_of_code = {r.code: s.value for s, r in SECTION_RULES.items()}

    def __call__(self, text: str):
        from sferum_policy.checks.coverage import run
        from sferum_policy.checks.coverage.matcher import match_document
        from sferum_policy.readers import read_string

        doc = read_string(text)
        findings = list(run(doc, self.ctx))
        matches = {m.clause.id: m for m in match_document(doc, self.ctx.clauses)}
        missing_sections = {self.section_of_code[f.code] for f in findings if f.code in self.section_of_code}
        return doc, matches, findings, missing_sections


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else "—"


def run() -> str:
    analyse = _Analyser()
    sec_rows, clause_rows, base_rows = [], [], []
    tot = {"sec": 0, "sec_found": 0, "false_sec": 0, "docs": 0, "cl": 0, "cl_det": 0, "cl_missing": 0}
    for sid, annotated in SECTION_POINTS.items():
        text = _sample(sid)
        doc, matches, findings, missing = analyse(text)
        tot["docs"] += 1
        owed_sections = {m.clause.section.value for m in matches.values() if m.clause.level != "optional"}
        false_sections = sorted(s for s in annotated if s in missing)
        tot["false_sec"] += len(false_sections)
        # sections: delete each annotated (present) section in turn
        found, tried, collateral = 0, 0, 0
        for section, labels in annotated.items():
            if section in missing or section not in owed_sections:
                continue
            tried += 1
            _, _, _, after = analyse(delete_points(text, labels))
            found += section in after
            collateral += len(after - missing - {section})
        tot["sec"] += tried
        tot["sec_found"] += found
        sec_rows.append(f"| {sid} | {tried} | {_pct(found, tried)} | {collateral} | {', '.join(false_sections) or '—'} |")
        # clauses: provenance agreement on the unmodified sample
        truth = {cid for cid, m in matches.items() if sid in m.clause.provenance}
        present = {cid for cid, m in matches.items() if m.status == "present"}
        partial = {cid for cid, m in matches.items() if m.status == "partial"}
        false_missing = sorted(truth - present - partial)
        flagged = {f.clause_id for f in findings if f.code in ("CL020", "CL021") and f.clause_id}
        flagged |= {cid for cid, m in matches.items() if m.clause.section.value in missing}
        wrongly = sorted(truth & flagged)
        base_rows.append(
            f"| {sid} | {len(matches)} | {len(truth)} | {_pct(len(truth & present), len(truth))} | "
            f"{len(truth & partial)} | {len(false_missing)} | {len(present - truth)} | "
            f"{', '.join(wrongly) or '—'} |"
        )
        # clauses: delete the unit that carries each present clause in turn
        det = miss = n = 0
        for cid, m in matches.items():
            if m.status != "present" or m.unit is None:
                continue
            u = m.unit
            if u.kind == "fragment":
                mutated = document_text(doc, cut=(u.first, u.start, u.end))
            else:
                mutated = document_text(doc, drop=set(range(u.first, u.last + 1)))
            _, after, _, _ = analyse(mutated)
            st = after[cid].status if cid in after else "missing"
            n += 1
            det += st != "present"
            miss += st == "missing"
        tot["cl"] += n
        tot["cl_det"] += det
        tot["cl_missing"] += miss
        clause_rows.append(f"| {sid} | {n} | {_pct(det, n)} | {_pct(miss, n)} |")

    speed = _speed(analyse)
    out = [
        "## Полнота положений (coverage)\n",
        f"Команда: `{COMMAND}`. Эталон разделов — ручная разметка пунктов образцов (`SECTION_POINTS`), "
        "эталон положений — поле `provenance` библиотеки. Удаление — `benchmarks/mutate.py`.\n",
        "### Удаление целых разделов\n",
        "| образец | удалено разделов | найдено «нет раздела» | прочие ложные «нет раздела» после удаления | ложные «нет раздела» без изменений |",
        "|---|---|---|---|---|",
        *sec_rows,
        f"\nИтого: найдено {_pct(tot['sec_found'], tot['sec'])} (порог ≥ 0,95); ложных «нет раздела» на "
        f"неизмененный документ: {tot['false_sec'] / tot['docs']:.2f} (порог ≤ 1).\n",
        "### Неизмененные образцы и `provenance`\n",
        "| образец | положений | по provenance | найдены (present) | частично | статус «missing» | present вне provenance | из provenance, но в находках «нет положения/раздела» |",
        "|---|---|---|---|---|---|---|---|",
        *base_rows,
        "\n### Удаление одного положения (фрагмента / абзаца, где оно найдено)\n",
        "| образец | удалено | больше не «present» | стало «missing» |",
        "|---|---|---|---|",
        *clause_rows,
        f"\nИтого: не «present» после удаления {_pct(tot['cl_det'], tot['cl'])}; «missing» "
        f"{_pct(tot['cl_missing'], tot['cl'])}. Положение, изложенное в акте дважды (например, одинаковые "
        "обязанности классного руководителя и учителя), после удаления одного места остается найденным — "
        "это верно, но снижает цифру.\n",
        speed,
    ]
    return "\n".join(out)


def _speed(analyse: _Analyser) -> str:
    from sferum_policy.checks.coverage import run as coverage_run
    from sferum_policy.readers import read_string

    text = _sample("001")
    cut = text.encode("utf-8")[:25_000].decode("utf-8", "ignore")
    cut = cut[: cut.rfind("\n")]
    doc = read_string(cut)
    from sferum_policy.checks.coverage import matcher

    matcher._CACHE.clear()  # the first run renders and compiles the library for the act's kind
    t0 = time.perf_counter()
    list(coverage_run(doc, analyse.ctx))
    first = time.perf_counter() - t0
    times, cpu = [], []
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        list(coverage_run(doc, analyse.ctx))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    n_clauses = len(doc.results.clauses)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "—"
    return (
        "### Скорость\n\n"
        f"Акт 25 КБ (первые 25 000 байт образца 001: {len(doc.paragraphs)} абзацев), {n_clauses} применимых "
        f"положений; ядер: {os.cpu_count()}; средняя загрузка машины во время замера: {load} "
        "(при загрузке выше числа ядер время по часам растет, процессорное — нет).\n\n"
        "| замер | мс |\n|---|---|\n"
        f"| первый запуск (с компиляцией библиотеки для вида организации; spaCy не нужен) | {first * 1000:.0f} |\n"
        f"| повторный запуск, медиана из {RUNS} (по часам) | {statistics.median(times) * 1000:.0f} |\n"
        f"| повторный запуск, минимум (по часам) | {min(times) * 1000:.0f} |\n"
        f"| повторный запуск, медиана процессорного времени | {statistics.median(cpu) * 1000:.0f} |\n"
    )
