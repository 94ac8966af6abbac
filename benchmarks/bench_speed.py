"""Speed of the whole checker: warm read+check on one core, and cold start of the commands."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "acts").glob("0*.txt"))
CLI = [sys.executable, "-m", "sferum_policy"]
AS_OF = date(2026, 11, 23)
PART1 = ["ST", "CT", "LR", "RK"]  # the checks of «Checker, part 1»
REPEAT = 15


def _act_25kb(tmp: Path) -> Path:
    """Sample 001 cut at a paragraph end near 25 KB: the «25 KB act» of the speed goals."""
    text = SAMPLES[1].read_text(encoding="utf-8")
    data = text.encode("utf-8")[:25_000].decode("utf-8", "ignore")
    cut = data.rfind("\n\n")
    path = tmp / "act-25kb.txt"
    path.write_text(data[:cut] + "\n", encoding="utf-8")
    return path


def _median_ms(fn) -> float:
    fn()
    fn()
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _cold(args: list[str], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([*CLI, *args], capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run() -> str:
    from sferum_policy import check
    from sferum_policy.pipeline import default_clauses, default_registry

    affinity = None
    if hasattr(os, "sched_setaffinity"):
        affinity = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(affinity)})  # «on one core»
    try:
        with tempfile.TemporaryDirectory() as tmp:
            act = _act_25kb(Path(tmp))
            lib, reg = default_clauses(), default_registry()
            files = [act, *SAMPLES]
            rows = []
            for path in files:
                part1 = _median_ms(lambda p=path: check(p, as_of=AS_OF, select=PART1, clauses=lib, registry=reg))
                full = _median_ms(lambda p=path: check(p, as_of=AS_OF, clauses=lib, registry=reg))
                rows.append(f"| {path.name} | {path.stat().st_size / 1024:.1f} | {part1:.0f} | {full:.0f} |")
            cold = {
                "sferum-policy --help": _cold(["--help"]),
                "sferum-policy clauses list": _cold(["clauses", "list"]),
                "sferum-policy refs list": _cold(["refs", "list"]),
                f"sferum-policy check {act.name}": _cold(["check", str(act), "--as-of", "2026-11-23"]),
                "sferum-policy generate school.yaml -o act.docx": _cold(
                    ["generate", "samples/profiles/school.yaml", "-o", str(Path(tmp) / "a.docx"), "--force"]),
            }
    finally:
        if affinity is not None:
            os.sched_setaffinity(0, affinity)
    out = [
        "## Скорость проверки",
        "",
        "Команда: `python -m benchmarks speed`. Тёплые замеры — медиана из "
        f"{REPEAT} прогонов в одном процессе, привязанном к одному ядру (ядер на машине: {os.cpu_count()}); "
        "«часть 1» — чтение и проверки структуры, адресов, ссылок и рисков (`--select ST,CT,LR,RK`), "
        "«вся проверка» — все проверки, включая полноту и опечатки. Цели: часть 1 ≤ 100 мс, вся проверка ≤ 250 мс "
        "на акт 25 КБ.",
        "",
        "| файл | КБ | часть 1, мс | вся проверка, мс |",
        "|---|---|---|---|",
        *rows,
        "",
        "Холодный запуск (новый процесс, медиана из 5; цель для `check` ≤ 2 с):",
        "",
        "| команда | с |",
        "|---|---|",
        *(f"| `{k}` | {v:.2f} |" for k, v in cold.items()),
    ]
    return "\n".join(out) + "\n"
