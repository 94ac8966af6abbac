"""Real public acts with hand labels (``../shared/corpus/realworld-dev``): recall by category, must-not-flag hits,
precision of error+warning findings, fixes right, findings on unlabelled places, time; then the per-finding
judgement of issue #14 (``benchmarks/realworld_eval.py``: goals, categories, before/after, what is still wrong).

Run: ``python -m benchmarks realworld``. The texts are third-party: they are read from ``../shared`` at bench
time and neither they nor quotes from them are written here — the tables give text numbers and codes only
(``SFERUM_BENCH_QUOTES=1`` prints the unlabelled findings with their excerpts to stderr for a developer).
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from benchmarks.realworld import ABSENCE, corpus_dir, score_all

KINDS13 = {"ocr_layer": "повреждённый текстовый слой", "latin": "латиница внутри слов",
           "requisite": "испорченные реквизиты и ссылки", "split": "слова, разорванные пробелом",
           "glued": "слова, склеенные без пробелов"}


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.0%})" if b else "—"


def run() -> str:
    corpus = corpus_dir()
    head = "## Реальные акты с разметкой (realworld-dev)\n\nКоманда: `python -m benchmarks realworld`.\n"
    if corpus is None:
        return head + "\nНабор `../shared/corpus/realworld-dev` не найден — замер пропущен.\n"
    scores = score_all(corpus)
    rows = ["| текст | слой | с | замечаний | дефекты найдены | из них по #13 | ловушки | «нет» на повреждённом | точность e+w |",
            "|---|---|---|---|---|---|---|---|---|"]
    cat_total: Counter = Counter()
    cat_hit: Counter = Counter()
    k_total: Counter = Counter()
    k_hit: Counter = Counter()
    traps = false_missing = ew_l = ew_r = fixes = fixes_right = 0
    unlabelled = []
    layer_rows = []
    for sc in scores:
        d_hit = sum(bool(d["hit"]) for d in sc.defects)
        k = [d for d in sc.defects if d["kind13"]]
        for d in sc.defects:
            cat_total[d["cat"]] += 1
            cat_hit[d["cat"]] += bool(d["hit"])
            if d["kind13"]:
                k_total[d["kind13"]] += 1
                k_hit[d["kind13"]] += bool(d["hit"])
            if d.get("fix_right") is not None:
                fixes += 1
                fixes_right += bool(d["fix_right"])
        traps += len(sc.trap_hits)
        false_missing += len(sc.false_missing)
        ew_l += sc.ew_labelled
        ew_r += sc.ew_right
        unlabelled.extend((sc.key, h) for h in sc.unlabelled)
        if sc.damaged not in (False, None):
            layer_rows.append(sc)
        rows.append(f"| {sc.key} | {sc.damaged if sc.damaged is not None else '—'} | {sc.seconds:.2f} | {sc.findings} | "
                     f"{_pct(d_hit, len(sc.defects))} | {_pct(sum(bool(d['hit']) for d in k), len(k))} | "
                     f"{len(sc.trap_hits)} | {len(sc.false_missing)} | {_pct(sc.ew_right, sc.ew_labelled)} |")
    total_seconds = sum(sc.seconds for sc in scores)
    out = [head, f"Текстов: {len(scores)}; время проверки всех: {total_seconds:.1f} с "
                 f"(в среднем {total_seconds / len(scores):.2f} с на текст, с загрузкой словарей в первом).\n"]
    out.append("### Итого по категориям разметки\n")
    out.append("| категория | найдено |\n|---|---|")
    for cat in sorted(cat_total):
        out.append(f"| {cat} | {_pct(cat_hit[cat], cat_total[cat])} |")
    out.append(f"| **все** | **{_pct(sum(cat_hit.values()), sum(cat_total.values()))}** |\n")
    out.append("### Виды повреждений из задачи #13\n")
    out.append("| вид | найдено |\n|---|---|")
    for kind, title in KINDS13.items():
        out.append(f"| {title} (`{kind}`) | {_pct(k_hit[kind], k_total[kind])} |")
    out.append(f"| **все** | **{_pct(sum(k_hit.values()), sum(k_total.values()))}** |\n")
    ocr_reported = sum(1 for sc in layer_rows for d in sc.defects if d["cat"] == "ocr_layer" and d["hit"])
    ocr_all = sum(1 for sc in scores for d in sc.defects if d["cat"] == "ocr_layer")
    out.append(f"- Повреждённый текстовый слой сообщён: {_pct(ocr_reported, ocr_all)} текстов с такой разметкой.")
    out.append(f"- Утверждения «нет …» ({', '.join(ABSENCE)}…) там, где это место есть, но его текстовый слой испорчен (ловушки с латиницей в разметке): "
               f"**{false_missing}**.")
    out.append(f"- Замечания на местах «не помечать» (все коды): {traps}.")
    out.append(f"- Точность замечаний уровня error+warning (дефект ÷ все, попавшие на размеченное место): "
               f"{_pct(ew_r, ew_l)}.")
    out.append(f"- Предложенные исправления верны: {_pct(fixes_right, fixes)} дефектов с указанным исправлением, "
               "для которых замечание предложило вариант.")
    by_code = Counter(h.code for _, h in unlabelled)
    out.append(f"- Замечания error+warning на неразмеченных местах: {len(unlabelled)} "
               f"({', '.join(f'{c} — {n}' for c, n in by_code.most_common())}); тексты не цитируются.\n")
    out.append("### По текстам\n")
    out.extend(rows)
    if os.environ.get("SFERUM_BENCH_QUOTES"):
        for key, h in unlabelled:
            print(f"{key} {h.code} {h.severity}: {(h.text or h.message)[:100]}", file=sys.stderr)
    # issue #14: the judgement of each finding (right, on a must-not-flag place, unlabelled), the goals, before/after
    from benchmarks.realworld_eval import evaluate, section

    out.append("")
    out.append(section(evaluate(corpus), level=3))
    return "\n".join(out) + "\n"
