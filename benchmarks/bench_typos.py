"""Typo check: mutation benchmark on the samples, false flags on the unmodified samples, hunspell-ru, speed.

Run: ``python -m benchmarks typos``. Mutations are injected into correct words of the five samples
(seeded); the bundled corpus leaves out the sample being checked (leave-one-out), so a mutated word
never meets its own original sentence in the word-pair counts.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path

from benchmarks.typo_mutate import KINDS, mutate

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "acts"
LABELS = Path(__file__).resolve().parent / "data" / "sample_typos.yaml"
PER_KIND = 300
SEED = 20261123
BARS = {"recall": 0.90, "precision": 0.90, "top1": 0.85, "realword_recall": 0.85, "false_per_1000": 2.0}


def _labels() -> dict[str, set[str]]:
    import yaml

    data = yaml.safe_load(LABELS.read_text(encoding="utf-8")) or {}
    return {str(k): {e["text"] for e in v} for k, v in data.items()}


def _docs():
    from sferum_policy.readers import read

    return {p.name[:3]: read(p) for p in sorted(SAMPLES.glob("0*.txt"))}


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def run() -> str:
    from sferum_policy.checks.typos.detect import detect, word_count
    from sferum_policy.pipeline import default_clauses

    lib = default_clauses()
    docs = _docs()
    labels = _labels()
    loo = {sid: frozenset({f"sample_{sid}"}) for sid in docs}

    # 1. unmodified samples
    base = {sid: detect(d, lib, loo[sid]) for sid, d in docs.items()}
    words = {sid: word_count(d) for sid, d in docs.items()}
    rows_clean = []
    total_false = 0
    for sid, issues in base.items():
        false = [i for i in issues if i.text not in labels.get(sid, set())]
        total_false += len(false)
        rows_clean.append(f"| {sid} | {words[sid]} | {len(issues)} | {len(issues) - len(false)} | {len(false)} | "
                          f"{1000 * len(false) / words[sid]:.2f} | {', '.join(sorted({i.text for i in false})) or '—'} |")
    all_words = sum(words.values())
    false_rate = 1000 * total_false / all_words

    # 2. mutations
    rows_mut = []
    results: dict[str, tuple[float, float, float]] = {}
    for kind in KINDS:
        rng = random.Random(f"{SEED}-{kind}")
        n = hits = top1 = flags_tp = flags_fp = 0
        rounds = 0
        while n < PER_KIND and rounds < 12:
            rounds += 1
            for sid, doc in docs.items():
                if n >= PER_KIND:
                    break
                skip = {(i.paragraph, i.start) for i in base[sid]}
                seen = {(i.paragraph, i.text) for i in base[sid]}
                mdoc, all_muts = mutate(doc, kind, rng, skip)
                muts = all_muts[: PER_KIND - n]
                issues = detect(mdoc, lib, loo[sid])
                for mu in muts:
                    hit = [i for i in issues if i.paragraph == mu.paragraph and _overlaps(i.start, i.end, mu.start, mu.end)]
                    n += 1
                    if hit:
                        hits += 1
                        top1 += any(i.suggestion.lower() == mu.right.lower() for i in hit)
                counted = {(m.paragraph, m.start, m.end) for m in muts}
                uncounted = {(m.paragraph, m.start, m.end) for m in all_muts} - counted
                for i in issues:
                    if any(p == i.paragraph and _overlaps(i.start, i.end, s, e) for p, s, e in counted):
                        flags_tp += 1
                    elif any(p == i.paragraph and _overlaps(i.start, i.end, s, e) for p, s, e in uncounted):
                        continue  # an error injected beyond the quota: neither true nor false
                    elif (i.paragraph, i.text) not in seen:
                        flags_fp += 1
        recall = hits / n if n else 0.0
        precision = flags_tp / (flags_tp + flags_fp) if flags_tp + flags_fp else 0.0
        acc = top1 / hits if hits else 0.0
        results[kind] = (recall, precision, acc)
        rows_mut.append(f"| {kind} | {n} | {recall:.3f} | {precision:.3f} | {acc:.3f} |")

    # 3. hunspell-ru side by side
    hun = _hunspell(docs, labels, all_words)

    # 4. speed
    doc = docs["004"]
    size = len(doc.text.encode("utf-8"))
    detect(doc, lib)
    times = []
    for _ in range(9):
        t0 = time.perf_counter()
        detect(doc, lib)
        times.append(time.perf_counter() - t0)
    warm = statistics.median(times) * 1000

    typo_kinds = [k for k in KINDS if k != "realword"]
    lines = [
        "## Опечатки (проверка typos)",
        "",
        "Команда: `python -m benchmarks typos`. Ошибки внедряются в правильные слова пяти образцов "
        f"(генератор случайных чисел с зерном {SEED}, до {PER_KIND} ошибок каждого вида); корпус словосочетаний "
        "берётся без самого проверяемого образца (leave-one-out).",
        "",
        "| вид ошибки | внедрено | полнота | точность | верный 1-й вариант |",
        "|---|---|---|---|---|",
        *rows_mut,
        "",
        f"Пороги: полнота ≥ {BARS['recall']}, точность ≥ {BARS['precision']} и 1-й вариант ≥ {BARS['top1']} для "
        f"{', '.join(typo_kinds)}; полнота ≥ {BARS['realword_recall']} для realword. "
        f"Минимальные значения: полнота {min(results[k][0] for k in typo_kinds):.3f}, "
        f"точность {min(results[k][1] for k in typo_kinds):.3f}, 1-й вариант {min(results[k][2] for k in typo_kinds):.3f}; "
        f"realword: полнота {results['realword'][0]:.3f}.",
        "",
        "### Ложные срабатывания на неизменённых образцах",
        "",
        "Известные настоящие ошибки образцов: `benchmarks/data/sample_typos.yaml` (они ложными не считаются).",
        "",
        "| образец | слов | отмечено | настоящие ошибки | ложные | ложных на 1000 слов | ложные слова |",
        "|---|---|---|---|---|---|---|",
        *rows_clean,
        "",
        f"Итого: {total_false} ложных на {all_words} слов = **{false_rate:.2f} на 1000 слов** (порог ≤ {BARS['false_per_1000']}).",
        "",
        "### Для сравнения: hunspell-ru",
        "",
        hun,
        "",
        "### Скорость",
        "",
        f"Тёплый прогон проверки опечаток на образце 004 ({size / 1024:.0f} КБ): медиана {warm:.0f} мс из 9 (цель ≤ 100 мс).",
    ]
    return "\n".join(lines) + "\n"


def _hunspell(docs, labels, all_words: int) -> str:
    try:
        import enchant

        d = enchant.Dict("ru_RU")
    except Exception as exc:  # optional comparison: any failure means "not available"
        return f"hunspell-ru недоступен (pyenchant/словарь ru_RU: {type(exc).__name__}); сравнение пропущено."
    from sferum_policy.checks.typos.tokens import tokenize

    cyr = re.compile(r"[А-Яа-яЁё]")
    flags = 0
    for doc in docs.values():
        for p in doc.paragraphs:
            for t in tokenize(p.text):
                flags += sum(1 for part in t.text.split("-") if cyr.search(part) and not d.check(part))
    known = [(sid, text) for sid, texts in labels.items() for text in texts]
    caught = 0
    for _sid, text in known:
        parts = [w for w in re.findall(r"[А-Яа-яЁё]+", text)]
        caught += any(not d.check(w) for w in parts)
    return (f"hunspell-ru (pyenchant): {flags} отметок = **{1000 * flags / all_words:.1f} на 1000 слов**; "
            f"из {len(known)} известных ошибок образцов находит {caught}. "
            "Не зависимость проекта: только для сравнения, когда установлен.")
