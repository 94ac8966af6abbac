"""Judgement on real acts: score the checks against the hand labels of ``../shared/corpus/realworld-dev``.

Run: ``python -m benchmarks realworld`` (issue #13's table, then this judgement as its subsection; no quotes from
the corpus) or ``python -m benchmarks.realworld_eval -v`` (the judgement plus every finding with its text, to judge
on a terminal). The corpus is third-party text: it is read from ``../shared`` at run time and never copied
into the project; when the folder is absent the section says so and nothing is scored.

How a finding is judged (labels.yaml, schema in its header):
- it falls on a ``skip`` (a cut excerpt, an unreadable header): neither right nor wrong;
- it falls on a ``trap`` (a place that must not be flagged, or a «fix» equal to the original): wrong;
- it falls on a labelled defect (its quote or ``also`` places, its ``codes``/``msg`` when given, or anywhere
  for a defect without a single spot): right;
- a finding of a defect's ``absent_codes``: wrong (the defect is that it fires);
- otherwise it is on an unlabelled place, listed so it can be judged.
Precision = error+warning findings on defects ÷ error+warning findings on defects or traps. Recall = labelled
defects reported by an error or warning finding (a ``minor`` defect — a small typographic point — also by an info
finding). Findings of the clause library (CL*) without a place are not judged: the excerpts are cut, so a missing
section is not a defect there (README of the corpus) — unless a trap names them (a section that is plainly there). A fix is right when the text with the suggestion applied
reads as the text with the labelled ``fix`` applied (or, for a legal reference, names the labelled act).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.realworld import AS_OF, CORPUS

CATEGORIES = ("typo", "legal_ref", "structure", "org_name", "contact", "risk", "ocr_layer")
GOALS = {"precision": 0.9, "recall": 0.8, "fixes": 0.95}
# The same measurement on the tree before issue #14 (commit e8b5a7a), kept for the before/after line.
BEFORE = {"commit": "e8b5a7a", "precision": "0.532 (33/62)", "recall": "0.453 (29/64)", "fixes": "0.700 (14/20)",
          "traps": "29 / 1", "cats": {"typo": 8, "legal_ref": 9, "structure": 12, "org_name": 0, "ocr_layer": 0}}


def corpus_dir() -> Path | None:
    import os

    env = os.environ.get("SFERUM_REALWORLD_DEV")
    path = Path(env) if env else CORPUS
    return path if (path / "labels.yaml").is_file() else None


def _is_ocr(code: str, message: str) -> bool:
    return code.startswith("OC") or bool(re.search(r"текстов\w* сло|распозна", message))


def code_ok(code: str, message: str, patterns: list[str] | None) -> bool:
    if not patterns:
        return True
    for p in patterns:
        if p == "OCR" and _is_ocr(code, message):
            return True
        if p.endswith("*") and code.startswith(p[:-1]):
            return True
        if code == p:
            return True
    return False


def _spans(raw: str, quote: str) -> list[tuple[int, int]]:
    out = []
    i = raw.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = raw.find(quote, i + 1)
    return out


@dataclass
class Judged:
    text_id: str
    code: str
    severity: str
    message: str
    span: tuple[int, int] | None
    text: str | None
    suggestion: str | None
    verdict: str = "unlabelled"  # defect | trap | skip | absent | unlabelled
    defect: int | None = None
    fix: str | None = None  # right | wrong | unjudged | None (no fix offered)
    why: str = ""


@dataclass
class TextResult:
    text_id: str
    defects: list[dict]
    hit: list[bool]
    findings: list[Judged] = field(default_factory=list)
    traps_hit: list[int] = field(default_factory=list)
    kind: str = ""


def source_span(doc, start: int | None, end: int | None) -> tuple[int, int] | None:
    """Map a finding's offsets in ``Document.text`` to offsets in the source text."""
    if start is None or end is None:
        return None
    p = doc.paragraph_at(start)
    if p is None or not p.char_map:
        return None
    a = max(0, min(start - p.start, len(p.char_map) - 1))
    b = max(0, min(end - p.start - 1, len(p.char_map) - 1))
    return p.char_map[a], p.char_map[b] + 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_CAT_OF = {"TY": "typo", "LR": "legal_ref", "ST": "structure", "KS": "structure", "CT": "contact", "RK": "risk",
           "OC": "ocr_layer"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


def judge_fix(raw: str, f: Judged, quote_spans: list[tuple[int, int]], fix: str) -> bool:
    if f.span is None or f.suggestion is None:
        return False
    if _norm(f.suggestion) == _norm(fix):
        return True  # the labelled form itself (a quote may carry a neighbour word or OCR junk for context)
    if not f.code.startswith("TY") and re.search(r"(?<!\w)" + re.escape(_norm(fix)) + r"(?!\w)", _norm(f.suggestion)):
        return True  # a legal reference's suggestion names the right act or number
    for q in quote_spans:
        if not _overlap(q, f.span):
            continue
        lo, hi = min(q[0], f.span[0]), max(q[1], f.span[1])
        want = raw[lo:q[0]] + fix + raw[q[1]:hi]
        got = raw[lo:f.span[0]] + f.suggestion + raw[f.span[1]:hi]
        if _norm(want) == _norm(got):
            return True
    return False


def score_text(text_id: str, raw: str, labels: dict, doc, report) -> TextResult:
    defects = labels.get("defects") or []
    traps = labels.get("traps") or []
    skips = labels.get("skip") or []
    res = TextResult(text_id, defects, [False] * len(defects))
    res.kind = f"{doc.meta.doc_kind}/{getattr(doc.meta, 'subject', None) or '—'}"
    dspans = []
    for d in defects:
        sp = []
        for q in [d.get("quote"), *list(d.get("also") or [])]:
            if q:
                sp += _spans(raw, q)
        dspans.append(sp)
    end_tail = len(raw.rstrip())
    for f in report.findings:
        loc = f.location
        j = Judged(text_id, f.code, f.severity.value if hasattr(f.severity, "value") else str(f.severity),
                   f.message, source_span(doc, loc.start, loc.end), f.text, f.suggestion)
        res.findings.append(j)
        # skip
        for s in skips:
            q = s.get("quote")
            if q is None:
                if code_ok(j.code, j.message, s.get("codes")) and s.get("codes") and (
                        not s.get("msg") or re.search(s["msg"], j.message)):
                    j.verdict, j.why = "skip", s.get("kind", "")
                    break
            else:
                sp = _spans(raw, q)
                if s.get("at_end"):
                    sp = [x for x in sp if x[1] >= end_tail - 2]
                if j.span and any(_overlap(j.span, x) for x in sp) and code_ok(j.code, j.message, s.get("codes")):
                    j.verdict, j.why = "skip", s.get("kind", "")
                    break
        if j.verdict == "skip":
            continue
        # absent_codes
        for i, d in enumerate(defects):
            if d.get("absent_codes") and code_ok(j.code, j.message, d["absent_codes"]):
                j.verdict, j.defect = "absent", i
        if j.verdict == "absent":
            continue
        # traps
        for ti, t in enumerate(traps):
            if not code_ok(j.code, j.message, t.get("codes")):
                continue
            if t.get("msg") and not re.search(t["msg"], j.message):
                continue
            q = t.get("quote")
            on = True if q is None else bool(j.span) and any(_overlap(j.span, x) for x in _spans(raw, q))
            if on and t.get("noop_fix"):
                on = j.suggestion is not None and j.text is not None and j.suggestion.strip() == j.text.strip()
            if on:
                j.verdict, j.why = "trap", t.get("why", "")
                res.traps_hit.append(ti)
                break
        if j.verdict == "trap":
            if j.suggestion is not None and j.span:
                j.fix = "wrong"
            continue
        if j.code.startswith("CL") and j.span is None:
            # the excerpts are cut: a missing section or clause is not a defect here (README of the corpus)
            j.verdict, j.why = "skip", "ART"
            continue
        # defects: a defect that names the finding's code (or its message) wins over one that names none; a clause
        # of the library (CL*) reports what the act lacks, never a defect of the place it points at
        best = None
        for i, d in enumerate(defects if not j.code.startswith("CL") else []):
            if d.get("absent_codes"):
                continue
            if d.get("codes") and not code_ok(j.code, j.message, d["codes"]):
                continue
            if d.get("msg") and not re.search(d["msg"], j.message):
                continue
            if d.get("quote") is None:
                on = True
            else:
                on = bool(j.span) and any(_overlap(j.span, x) for x in dspans[i])
            if on:
                rank = 2 * bool(d.get("codes")) + bool(d.get("msg")) + (_CAT_OF.get(j.code[:2]) == d["cat"])
                if best is None or rank > best[0]:
                    best = (rank, i)
        if best is not None:
            j.verdict, j.defect = "defect", best[1]
        if j.suggestion is not None and j.span and not j.code.startswith("CL"):  # a library text is no fix
            if j.text is not None and j.suggestion.strip() == j.text.strip():
                j.fix = "wrong"
            elif j.verdict == "defect" and defects[j.defect].get("fix"):
                j.fix = "right" if judge_fix(raw, j, dspans[j.defect], defects[j.defect]["fix"]) else "wrong"
            else:
                j.fix = "unjudged"
    for i, d in enumerate(defects):
        if d.get("absent_codes"):
            res.hit[i] = not any(j.verdict == "absent" and j.defect == i for j in res.findings)
        else:
            levels = ("error", "warning", "info") if d.get("minor") else ("error", "warning")
            res.hit[i] = any(j.verdict == "defect" and j.defect == i and j.severity in levels
                             for j in res.findings)
    return res


def evaluate(corpus: Path | None = None) -> list[TextResult]:
    import yaml

    from sferum_policy.pipeline import run

    corpus = corpus or corpus_dir()
    if corpus is None:
        return []
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["texts"]
    out = []
    for key in sorted(labels, key=str):
        tid = f"{int(key):03d}" if str(key).isdigit() else str(key)
        path = corpus / "texts" / f"{tid}.txt"
        raw = path.read_text(encoding="utf-8")
        doc, report = run(path, as_of=AS_OF)
        out.append(score_text(tid, doc.source_text or raw, labels[key], doc, report))
    return out


@dataclass
class Totals:
    defects: int = 0
    hit: int = 0
    ew_right: int = 0
    ew_wrong: int = 0
    traps_hit: int = 0
    name_traps_hit: int = 0
    unlabelled: int = 0
    fixes_right: int = 0
    fixes_wrong: int = 0
    fixes_unjudged: int = 0
    duplicates: int = 0
    per_cat: dict = field(default_factory=dict)


_NAME_WHY = re.compile(r"фамил|имя|имени|назван\w* (?:населён|посёл|сел|город|учрежд)|топоним|аббревиат|регион|обрывок фамил",
                       re.IGNORECASE)


def totals(results: list[TextResult]) -> Totals:
    t = Totals()
    for r in results:
        for d, h in zip(r.defects, r.hit, strict=True):
            t.defects += 1
            t.hit += h
            c = t.per_cat.setdefault(d["cat"], [0, 0])
            c[0] += 1
            c[1] += h
        # one labelled defect reported by findings of two codes at one place (LR007 and TY002 on «273-Ф3»)
        located = [j for j in r.findings if j.span and j.verdict == "defect" and j.severity in ("error", "warning")]
        for a_i, a in enumerate(located):
            if any(b.defect == a.defect and _overlap(a.span, b.span) and a.code != b.code and
                   r.defects[a.defect].get("quote") for b in located[:a_i]):
                t.duplicates += 1
        for j in r.findings:
            ew = j.severity in ("error", "warning")
            if j.verdict == "defect" and ew:
                t.ew_right += 1
            elif j.verdict in ("trap", "absent") and ew:
                t.ew_wrong += 1
            if j.verdict == "trap":
                t.traps_hit += 1
                if j.code.startswith("TY") and _NAME_WHY.search(j.why):
                    t.name_traps_hit += 1
            if j.verdict == "unlabelled" and ew:
                t.unlabelled += 1
            if j.fix == "right":
                t.fixes_right += 1
            elif j.fix == "wrong":
                t.fixes_wrong += 1
            elif j.fix == "unjudged":
                t.fixes_unjudged += 1
    return t


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "— (0/0)"


def section(results: list[TextResult], level: int = 2) -> str:
    lines = ["#" * level + " Суждения по каждому замечанию (задача #14)", "",
             "Команда: `python -m benchmarks realworld` (подробно, с текстом замечаний: "
             "`python -m benchmarks.realworld_eval -v`). Данные: `../shared/corpus/realworld-dev` — выдержки "
             "чужих опубликованных актов с ручной разметкой; читаются во время замера и в проект не копируются. "
             f"Дата проверки {AS_OF:%d.%m.%Y}.", ""]
    if not results:
        lines.append("Папка `../shared/corpus/realworld-dev` не найдена: замер пропущен.")
        return "\n".join(lines) + "\n"
    t = totals(results)
    prec = t.ew_right / (t.ew_right + t.ew_wrong) if t.ew_right + t.ew_wrong else 0.0
    rec = t.hit / t.defects if t.defects else 0.0
    fx = t.fixes_right / (t.fixes_right + t.fixes_wrong) if t.fixes_right + t.fixes_wrong else 1.0
    lines += ["| метрика | значение | цель | выполнено |", "|---|---|---|---|",
              f"| точность (ошибки и предупреждения на размеченных местах) | {_ratio(t.ew_right, t.ew_right + t.ew_wrong)} "
              f"| ≥ {GOALS['precision']} | {'да' if prec >= GOALS['precision'] else 'нет'} |",
              f"| полнота (все дефекты) | {_ratio(t.hit, t.defects)} | ≥ {GOALS['recall']} | "
              f"{'да' if rec >= GOALS['recall'] else 'нет'} |",
              f"| исправления верны | {_ratio(t.fixes_right, t.fixes_right + t.fixes_wrong)} | ≥ {GOALS['fixes']} | "
              f"{'да' if fx >= GOALS['fixes'] else 'нет'} |",
              f"| замечания на местах «не отмечать» (всего / из них имена) | {t.traps_hit} / {t.name_traps_hit} | — / 0 | "
              f"{'да' if t.name_traps_hit == 0 else 'нет'} |",
              f"| исправления без эталона (не оценены) | {t.fixes_unjudged} | — | — |",
              f"| один дефект — замечания разных кодов в одном месте | {t.duplicates} | 0 | "
              f"{'да' if t.duplicates == 0 else 'нет'} |",
              f"| ошибки и предупреждения на неразмеченных местах | {t.unlabelled} | — | — |", "",
              f"До #14 (коммит {BEFORE['commit']}, тот же замер): точность {BEFORE['precision']}, полнота "
              f"{BEFORE['recall']}, исправления {BEFORE['fixes']}, замечаний на местах «не отмечать» (всего / имена) "
              f"{BEFORE['traps']}.", "",
              "По категориям (дефект найден, если на нём есть замечание уровня «ошибка» или «предупреждение»):", "",
              "| категория | дефектов | найдено | полнота | до #14 |", "|---|---:|---:|---|---:|"]
    for cat in CATEGORIES:
        if cat in t.per_cat:
            n, h = t.per_cat[cat]
            was = BEFORE["cats"].get(cat)
            lines.append(f"| {cat} | {n} | {h} | {h / n:.2f} | {was if was is not None else '—'} |")
    lines += ["", "По текстам (вид акта — как его определила проверка):", "",
              "| текст | вид акта | дефектов | найдено | верных О+П | на ловушках | без разметки О+П | пропуск |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ew = [j for j in r.findings if j.severity in ("error", "warning")]
        lines.append(
            f"| {r.text_id} | {r.kind} | {len(r.defects)} | {sum(r.hit)} | "
            f"{sum(j.verdict == 'defect' for j in ew)} | {sum(j.verdict in ('trap', 'absent') for j in ew)} | "
            f"{sum(j.verdict == 'unlabelled' for j in ew)} | {sum(j.verdict == 'skip' for j in r.findings)} |")
    missed = [(r.text_id, d["cat"]) for r in results for d, h in zip(r.defects, r.hit, strict=True) if not h]
    lines += ["", "Не найдены (текст: категория): " + (", ".join(f"{a}: {b}" for a, b in missed) or "нет") + "."]
    wrong = [(j.text_id, j.code) for r in results for j in r.findings if j.verdict in ("trap", "absent")]
    lines += ["Замечания на местах «не отмечать» (текст: код): "
              + (", ".join(f"{a}: {b}" for a, b in wrong) or "нет") + "."]
    un = [(j.text_id, j.code) for r in results for j in r.findings
          if j.verdict == "unlabelled" and j.severity in ("error", "warning")]
    lines += ["Ошибки и предупреждения на неразмеченных местах (текст: код): "
              + (", ".join(f"{a}: {b}" for a, b in un) or "нет") + "."]
    return "\n".join(lines) + "\n"


def run() -> str:
    return section(evaluate())


def main(argv: list[str]) -> int:
    results = evaluate()
    if not results:
        print("../shared/corpus/realworld-dev не найдена: замер пропущен")
        return 0
    print(section(results))
    if "-v" in argv:
        for r in results:
            print(f"\n=== {r.text_id} ({r.kind})")
            for i, (d, h) in enumerate(zip(r.defects, r.hit, strict=True)):
                print(f"  {'+' if h else '-'} D{i} {d['cat']}: {d.get('quote')!r} {d.get('codes') or ''}")
            for j in r.findings:
                if j.verdict == "skip" and "-a" not in argv:
                    continue
                print(f"    {j.verdict:10} {j.code} {j.severity[:4]} {j.text!r:.60} -> {j.suggestion!r:.50} "
                      f"{'fix=' + j.fix if j.fix else ''} | {j.message[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
