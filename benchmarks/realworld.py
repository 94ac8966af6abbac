"""Score the tool's findings against hand labels of real public acts (``../shared/corpus/realworld-dev``).

General: every label category, precision of error+warning findings, must-not-flag hits, fixes right, findings on
unlabelled places, time. The schema of ``labels.yaml`` is in its header; in short, per text: ``defects`` (cat,
quote or null + evidence, also, codes, msg, absent_codes, fix), ``traps`` (quote or null, codes, msg) and
``skip`` (quote or null, codes, at_end). The texts are read at bench time only and never copied here.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "realworld-dev"
AS_OF = date(2026, 12, 1)
ABSENCE = ("ST005", "ST006", "ST007", "LR010", "CL")


def corpus_dir(path: Path | None = None) -> Path | None:
    d = path or CORPUS
    return d if (d / "labels.yaml").exists() and (d / "texts").is_dir() else None


@dataclass
class Hit:
    code: str
    severity: str
    category: str
    message: str
    span: tuple[int, int] | None  # in the source text
    suggestion: str | None
    text: str | None


@dataclass
class TextScore:
    key: str
    seconds: float
    damaged: str | bool | None
    defects: list[dict] = field(default_factory=list)  # each with "hit", "fix_right", "kind13"
    trap_hits: list[tuple[dict, Hit]] = field(default_factory=list)
    false_missing: list[tuple[dict, Hit]] = field(default_factory=list)
    ew_labelled: int = 0  # error+warning findings on a labelled place (defect or trap)
    ew_right: int = 0  # … of them on a defect
    unlabelled: list[Hit] = field(default_factory=list)
    findings: int = 0


def _code_ok(code: str, category: str, patterns: list[str] | None) -> bool:
    if not patterns:
        return True
    for p in patterns:
        if p == "OCR" and (category == "text_layer" and code == "OC001"):
            return True
        if p.endswith("*") and code.startswith(p[:-1]):
            return True
        if code == p:
            return True
    return False


def _spans(source: str, quote: str | None, also: list[str] | None = None, at_end: bool = False) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for q in [quote, *(also or [])]:
        if not q:
            continue
        start = source.rfind(q) if at_end else source.find(q)
        while start >= 0:
            out.append((start, start + len(q)))
            if at_end:
                break
            start = source.find(q, start + 1)
    return out


def _overlap(a: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return a is not None and any(a[0] < e and s < a[1] for s, e in spans)


def _norm(s: str | None) -> str:
    return " ".join((s or "").replace("ё", "е").split())


_LAT = re.compile("[A-Za-z]")
_CYR = re.compile("[А-Яа-яЁё]")


def kind13(defect: dict) -> str | None:
    """Which kind of this issue's damage a labelled defect is (or None): ocr_layer | latin | requisite | split | glued."""
    if defect.get("cat") == "ocr_layer":
        return "ocr_layer"
    quote, fix = defect.get("quote") or "", defect.get("fix") or ""
    if not quote:
        return None
    if _LAT.search(quote) and _CYR.search(quote + fix) and defect.get("cat") in ("typo", "legal_ref"):
        return "latin"
    if fix and re.search(r"\d", quote) and quote != fix and len(quote) == len(fix):
        return "requisite"
    if fix and " " in quote and quote.replace(" ", "") == fix.replace(" ", "") and fix.count(" ") < quote.count(" "):
        return "split"
    if fix and quote.replace(" ", "") == fix.replace(" ", "") and fix.count(" ") > quote.count(" "):
        return "glued"
    return None


def _hits(doc, report) -> list[Hit]:
    out = []
    for f in report.findings:
        span = None
        loc = f.location
        if loc.paragraph is not None and loc.start is not None:
            p = doc.paragraphs[loc.paragraph]
            cmap = p.char_map
            if cmap:
                a = max(0, min(len(cmap) - 1, loc.start - p.start))
                b = max(0, min(len(cmap) - 1, (loc.end or loc.start + 1) - 1 - p.start))
                span = (cmap[a], cmap[b] + 1)
        out.append(Hit(f.code, f.severity, f.category, f.message, span, f.suggestion, f.text))
    return out


def score_text(key: str, source: str, path: Path, labels: dict, meta: dict) -> TextScore:
    from sferum_policy.pipeline import run

    t0 = time.perf_counter()
    doc, report = run(path, as_of=AS_OF)
    seconds = time.perf_counter() - t0
    if doc.source_text is not None:
        source = doc.source_text
    hits = _hits(doc, report)
    sc = TextScore(key, seconds, meta.get("ocr_garbage"), findings=len(hits))
    labelled: set[int] = set()
    right: set[int] = set()
    skipped: set[int] = set()
    for s in labels.get("skip") or []:
        spans = _spans(source, s.get("quote"), at_end=bool(s.get("at_end")))
        for i, h in enumerate(hits):
            if not _code_ok(h.code, h.category, s.get("codes")):
                continue
            if (s.get("quote") is None and h.span is None) or (s.get("quote") and _overlap(h.span, spans)):
                skipped.add(i)
    for d in labels.get("defects") or []:
        row = dict(d)
        row["kind13"] = kind13(d)
        msg = re.compile(d["msg"]) if d.get("msg") else None
        if d.get("absent_codes"):
            row["hit"] = not any(_code_ok(h.code, h.category, d["absent_codes"]) for h in hits)
            row["fix_right"] = None
            sc.defects.append(row)
            continue
        spans = _spans(source, d.get("quote"), d.get("also"))
        found = []
        for i, h in enumerate(hits):
            if not _code_ok(h.code, h.category, d.get("codes")) or (msg and not msg.search(h.message)):
                continue
            if d.get("quote") is None or _overlap(h.span, spans):
                found.append(i)
        row["hit"] = bool(found)
        labelled.update(found)
        right.update(found)
        fixes = []
        for i in found:  # a fix of part of the quote counts when it makes the whole quote right
            h = hits[i]
            if h.suggestion:
                fixes.append(h.suggestion)
                quote = d.get("quote") or ""
                if h.text and h.text in quote:
                    fixes.append(quote.replace(h.text, h.suggestion, 1))
        row["fix_right"] = (any(_norm(x) == _norm(d["fix"]) for x in fixes) if fixes else None) if d.get("fix") else None
        sc.defects.append(row)
    for t in labels.get("traps") or []:
        spans = _spans(source, t.get("quote"))
        msg = re.compile(t["msg"]) if t.get("msg") else None
        for i, h in enumerate(hits):
            if not _code_ok(h.code, h.category, t.get("codes")) or (msg and not msg.search(h.message)):
                continue
            if (t.get("quote") is None and (h.span is None or not t.get("codes"))) or _overlap(h.span, spans):
                sc.trap_hits.append((t, h))
                labelled.add(i)
                where = (t.get("quote") or "") + (t.get("evidence") or "")
                if h.code.startswith(ABSENCE) and _LAT.search(where):  # the place is there, in a damaged layer
                    sc.false_missing.append((t, h))
    for i, h in enumerate(hits):
        if h.severity not in ("error", "warning") or i in skipped:
            continue
        if i in labelled:
            sc.ew_labelled += 1
            sc.ew_right += i in right
        else:
            sc.unlabelled.append(h)
    return sc


def score_all(corpus: Path) -> list[TextScore]:
    import yaml

    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["texts"]
    index = yaml.safe_load((corpus / "index.yaml").read_text(encoding="utf-8"))["texts"]
    meta = {Path(e["file"]).stem: e for e in index}
    out = []
    for key in sorted(labels):
        path = corpus / "texts" / f"{key}.txt"
        out.append(score_text(key, path.read_text(encoding="utf-8"), path, labels[key] or {}, meta.get(key, {})))
    return out
