"""Totals over all documents of an audit: counts, score distribution, most missing clauses and outdated acts."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from ..library.acts import STATUS_TITLES
from ..vocab import LEVEL_TITLES, SECTION_TITLES
from .score import EXPIRING_DAYS, expiring_refs, grade, outdated_refs, short_citation

BINS = 10


def summarize(rows: list[dict[str, Any]], results: list[dict[str, Any]], *, reused: int, total: int,
              top: int = 15) -> dict[str, Any]:
    """The audit's summary (JSON-able) from the rows and worker results, in the same order."""
    scores = [r["score"] for r in rows if r["score"] is not None]
    hist = [0] * BINS
    for s in scores:
        hist[min(BINS - 1, s // (100 // BINS))] += 1
    grades = Counter(grade(r["score"]) for r in rows)
    missing: Counter[str] = Counter()
    clause_info: dict[str, dict[str, Any]] = {}
    outdated: Counter[str] = Counter()
    act_info: dict[str, dict[str, Any]] = {}
    expiring: dict[str, dict[str, Any]] = {}
    registry = None
    checked = 0
    for res in results:
        rep = res.get("report")
        if not rep:
            continue
        checked += 1
        registry = registry or rep.get("registry")
        for ref in expiring_refs(rep):
            key = ref.get("act_id") or ref.get("text")
            item = expiring.setdefault(key, {
                "act_id": ref.get("act_id"), "citation": short_citation(ref),
                "title": ref.get("title") or " ".join((ref.get("text") or "").split())[:120],
                "until": ref["effective_until"], "until_verified": ref.get("effective_until_verified") is not False,
                "documents": 0, "files": [],
            })
            item["documents"] += 1
            item["files"].append(res.get("name"))
        titles = res.get("clause_titles") or {}
        act_names = res.get("act_names") or {}
        for c in rep.get("clauses", []):
            if c["status"] != "missing" or c.get("level") == "optional":
                continue  # optional clauses are no defect: the dashboard lists what acts really lack
            missing[c["clause_id"]] += 1
            clause_info.setdefault(c["clause_id"], {
                "clause_id": c["clause_id"],
                "title": titles.get(c["clause_id"]) or c["clause_id"],
                "section": SECTION_TITLES.get(c["section"], c["section"]),  # type: ignore[call-overload]
                "level": LEVEL_TITLES.get(c["level"], c["level"]),  # type: ignore[call-overload]
            })
        for ref in outdated_refs(rep):
            key = ref.get("act_id") or ref.get("text")
            outdated[key] += 1
            act_info.setdefault(key, {
                "act_id": ref.get("act_id"),
                "citation": short_citation(ref),
                "title": ref.get("title") or " ".join((ref.get("text") or "").split())[:120],
                "status": STATUS_TITLES.get(ref.get("status"), ref.get("status")),
                "replaced_by": [act_names.get(a, a) for a in ref.get("replaced_by") or []],
            })
    return {
        "documents": len(rows),
        "expected": total,
        "complete": len(rows) == total,
        "checked": checked,
        "failed": sum(1 for r in rows if r["status"] != "ok"),
        "reused": reused,
        "score_mean": round(statistics.fmean(scores), 1) if scores else None,
        "score_median": statistics.median(scores) if scores else None,
        "grades": {g: grades.get(g, 0) for g in ("good", "fair", "poor", "failed")},
        "histogram": [{"from": i * (100 // BINS), "to": 100 if i == BINS - 1 else (i + 1) * (100 // BINS) - 1,
                       "count": n} for i, n in enumerate(hist)],
        "missing_clauses": [{**clause_info[k], "documents": n, "share": round(n / checked, 3) if checked else 0}
                            for k, n in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
        "outdated_acts": [{**act_info[k], "documents": n}
                          for k, n in sorted(outdated.items(), key=lambda kv: (-kv[1], str(kv[0])))[:top]],
        "expiring_days": EXPIRING_DAYS,
        "expiring_acts": sorted(expiring.values(), key=lambda a: (a["until"], str(a["act_id"]))),
        "registry": registry,
        "fixed": _fixed(results),
        "modernized": _modernized(results),
    }


def _modernized(results: list[dict[str, Any]]) -> dict[str, int] | None:
    """``audit --modernize``: acts made current, and how many could not be (None without --modernize)."""
    infos = [m for r in results if (m := r.get("modernize"))]
    if not infos:
        return None
    done = [m for m in infos if not m.get("error")]
    return {"documents": len(done), "failed": len(infos) - len(done), "to_fill": sum(m["to_fill"] for m in done)}


def _fixed(results: list[dict[str, Any]]) -> dict[str, int] | None:
    """``audit --fix``: corrected acts, changes made in them, findings left for a person (None without --fix)."""
    fixes = [f.get("unsafe") or f["safe"] for r in results if (f := r.get("fix"))]
    if not fixes:
        return None
    return {"documents": len(fixes), "changes": sum(f["applied"] for f in fixes),
            "left": sum(f["left"] for f in fixes), "unsafe_left": sum(f["unsafe_left"] for f in fixes)}
