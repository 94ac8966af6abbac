"""``fix``: how right its edits are on real acts, whether re-checking the result is clean, and how fast it is.

Accuracy on the development set (``../shared/corpus/realworld-dev``, read at run time): every edit a finding
carries is judged against the hand labels — on a labelled defect with a known correction it is right when the
text with the edit applied reads as the text with the labelled fix; an edit on a must-not-flag place is harmful;
an edit on a defect without a labelled correction is unjudged; an edit on an unlabelled place is listed.
Re-check: every sample and every development text is fixed (safe edits, then all), the accepted DOCX is checked
again, and a defect whose edit was applied must not be found again.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "acts").glob("0*.txt"))
COMMAND = "python -m benchmarks repair"
AS_OF = date(2026, 12, 2)
GOAL_SAFE_PRECISION = 0.95


def _judge_edits():
    import yaml

    from benchmarks.realworld_eval import Judged, _spans, corpus_dir, judge_fix, score_text, source_span
    from sferum_policy.pipeline import run

    corpus = corpus_dir()
    if corpus is None:
        return None
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["texts"]
    rows: dict[str, dict[str, int]] = {a: {"edits": 0, "right": 0, "wrong": 0, "trap": 0, "unjudged": 0,
                                           "unlabelled": 0, "skip": 0} for a in ("safe", "unsafe")}
    unlabelled: list[str] = []
    wrong: list[str] = []
    for key in sorted(labels, key=str):
        tid = f"{int(key):03d}" if str(key).isdigit() else str(key)
        path = corpus / "texts" / f"{tid}.txt"
        doc, report = run(path, as_of=AS_OF)
        raw = doc.source_text or path.read_text(encoding="utf-8")
        res = score_text(tid, raw, labels[key], doc, report)
        for f, j in zip(report.findings, res.findings, strict=True):
            e = f.edit
            if e is None:
                continue
            row = rows[e.applicability]
            row["edits"] += 1
            if j.verdict == "trap":
                row["trap"] += 1
            elif j.verdict == "defect":
                fix = res.defects[j.defect].get("fix")
                span = source_span(doc, e.start, e.end)
                if fix and span and e.replacement:
                    probe = Judged(tid, f.code, j.severity, f.message, span, None, e.replacement)
                    quotes = [s for q in [res.defects[j.defect].get("quote"), *(res.defects[j.defect].get("also") or [])]
                              if q for s in _spans(raw, q)]
                    ok = judge_fix(raw, probe, quotes, fix) or _window_has(raw, span, e.replacement, quotes, fix)
                    row["right" if ok else "wrong"] += 1
                    if not ok:
                        wrong.append(f"{tid} {f.code} {e.applicability}: «{(f.text or '').strip()[:40]}» → "
                                     f"«{e.replacement[:40]}», по разметке «{fix}»")
                else:
                    row["unjudged"] += 1
            elif j.verdict in ("skip", "absent"):
                row["skip"] += 1
            else:
                row["unlabelled"] += 1
                unlabelled.append(f"{tid} {f.code} {e.applicability}: «{(f.text or '').strip()[:40]}» → "
                                  f"«{e.replacement[:40]}»" if e.replacement else f"{tid} {f.code}: новый пункт")
    return rows, unlabelled, wrong


def _window_has(raw: str, span: tuple[int, int], replacement: str, quotes: list[tuple[int, int]], fix: str) -> bool:
    """The labelled quote with the edit made contains the labelled correction as whole words (a label may
    quote more than the edit changes: «от 29.12.2012 № 273» → fix «№ 273-ФЗ», edit «273» → «273-ФЗ»)."""
    import re

    from benchmarks.realworld_eval import _norm

    for lo, hi in quotes:
        if lo <= span[0] and span[1] <= hi:
            window = raw[lo:span[0]] + replacement + raw[span[1]:hi]
            if re.search(r"(?<!\w)" + re.escape(_norm(fix)) + r"(?!\w)", _norm(window)):
                return True
    return False


def _recheck(paths: list[Path]) -> dict[str, tuple[int, int, int]]:
    """Per mode: (applied edits, of them found again after accepting, documents)."""
    import sferum_policy
    from sferum_policy.repair import fix

    def key(f):
        return f.code, f.clause_id or " ".join((f.text or "").split())

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for unsafe in (False, True):
            applied = again = 0
            for p in paths:
                r = fix(p, as_of=AS_OF, unsafe=unsafe, accept=True)
                fixed = {key(f) for pl in r.applied for f in pl.findings}
                before = {key(f) for f in r.report.findings}
                untouched = before - fixed
                target = Path(tmp) / f"{p.stem}.docx"
                target.write_bytes(r.docx)
                left = {key(f) for f in sferum_policy.check(target, as_of=AS_OF).findings}
                applied += len(r.applied)
                again += len((fixed & left) - untouched)
            out["все" if unsafe else "надёжные"] = (applied, again, len(paths))
    return out


def _speed() -> list[str]:
    from sferum_policy.pipeline import run
    from sferum_policy.repair.fix import write
    from sferum_policy.repair.plan import plan

    rows = []
    for p in SAMPLES:
        doc, report = run(p, as_of=AS_OF)
        for unsafe in (False, True):
            chosen = plan(report.findings, unsafe=unsafe)
            write(doc, chosen)  # warm-up
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                write(doc, plan(report.findings, unsafe=unsafe))
                times.append((time.perf_counter() - t0) * 1000)
            rows.append(f"| {p.name[:3]} | {'все' if unsafe else 'надёжные'} | {len(chosen.apply)} | "
                        f"{statistics.median(times):.1f} |")
    return rows


def run() -> str:
    lines = ["## Исправление актов (fix)", "", f"Команда: `{COMMAND}`.", ""]
    judged = _judge_edits()
    if judged is None:
        lines += ["Набор ../shared/corpus/realworld-dev не найден: точность исправлений не измерена.", ""]
        dev_paths: list[Path] = []
    else:
        rows, unlabelled, wrong = judged
        lines += [
            "Правки на наборе реальных актов (realworld-dev), по разметке: «верна» — текст с правкой совпадает с "
            "размеченным исправлением; «вредна» — правка в месте, которое нельзя трогать.", "",
            "| применимость | правок | верны | неверны | вредны (ловушки) | без эталона | вне разметки | вне оценки "
            "| точность (верны / (верны + неверны + вредны)) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for app, r in rows.items():
            judged_n = r["right"] + r["wrong"] + r["trap"]
            prec = f"{r['right'] / judged_n:.3f}" if judged_n else "—"
            goal = f" (цель ≥ {GOAL_SAFE_PRECISION})" if app == "safe" else ""
            lines.append(f"| {'надёжные' if app == 'safe' else 'требующие оценки'} | {r['edits']} | {r['right']} | "
                         f"{r['wrong']} | {r['trap']} | {r['unjudged']} | {r['unlabelled']} | {r['skip']} | {prec}{goal} |")
        if wrong:
            lines += ["", "Неверные правки:", ""] + [f"- {w}" for w in wrong]
        if unlabelled:
            lines += ["", "Правки вне разметки (проверить вручную):", ""] + [f"- {u}" for u in unlabelled]
        from benchmarks.realworld_eval import corpus_dir

        dev_paths = sorted((corpus_dir() / "texts").glob("*.txt"))  # type: ignore[union-attr]
    lines += ["", "Повторная проверка принятого результата: дефект, правка которого внесена, не должен найтись снова.", "",
              "| набор | правки | внесено | найдено снова | документов |", "|---|---|---|---|---|"]
    for name, paths in (("образцы samples/acts", SAMPLES), ("realworld-dev", dev_paths)):
        if not paths:
            continue
        for mode, (applied, again, n) in _recheck(paths).items():
            lines.append(f"| {name} | {mode} | {applied} | {again} | {n} |")
    lines += ["", "Скорость записи исправленного DOCX (проверка уже сделана; медиана 7 запусков, мс):", "",
              "| образец | правки | внесено | мс |", "|---|---|---|---|", *_speed()]
    return "\n".join(lines) + "\n"
