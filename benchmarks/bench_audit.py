"""``sferum-policy audit`` at scale: a 1,000-act corpus with two jobs and one, memory, cost of each check.

Peak memory is the largest sum of VmRSS over the audit process and all its descendants, sampled from
``/proc`` every 0.1 s (``ru_maxrss`` of the children is also shown: it is the largest single process,
not a sum). CPU time is the audit process's and its reaped workers' user+system time (``os.wait4``).
Other programs running on the machine at the same time slow the wall-clock numbers down; the load
average before each run is shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from benchmarks.corpus import build

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "python -m benchmarks audit"
N = int(os.environ.get("SFERUM_BENCH_AUDIT_N", "1000"))
PROFILE_DOCS = 40
AS_OF = "2026-01-15"
BARS = {"docs_per_s": 20.0, "memory_mb": 1536.0, "speedup": 1.6}


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    """``root`` and every descendant, from /proc/*/stat parent ids."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _audit(corpus: Path, out: Path, jobs: int, cache: bool) -> dict:
    """Run the CLI in a child process, sampling the memory of its process tree."""
    cmd = [sys.executable, "-m", "sferum_policy", "audit", str(corpus), "-o", str(out), "--jobs", str(jobs),
           "--as-of", AS_OF]
    if not cache:
        cmd.append("--no-cache")
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_rss_kb(p) for p in _tree(proc.pid)))
            stop.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"audit failed ({proc.returncode}): {err[-2000:]}")
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak / 1024,
              "maxrss_mb": usage.ru_maxrss / 1024, "load": load, "message": err.strip().splitlines()[-1]}
    print(f"audit --jobs {jobs}{'' if cache else ' --no-cache'}: {result}", file=sys.stderr, flush=True)
    return result


def _check_costs(files: list[Path]) -> tuple[list[tuple[str, float]], int]:
    """Mean CPU seconds per document of reading, each check and rendering, in this process."""
    from sferum_policy.audit import worker
    from sferum_policy.checks import load_checks
    from sferum_policy.checks.base import CheckContext
    from sferum_policy.pipeline import build_report, default_clauses, default_registry
    from sferum_policy.readers import read
    from sferum_policy.render import render
    from sferum_policy.rules import RULES, select_codes

    worker.init(None, None, ignore_sigint=False)
    specs = load_checks()
    costs: dict[str, float] = {"чтение (readers + metadata)": 0.0}
    for spec in specs:
        costs[f"проверка {spec.name}"] = 0.0
    costs["отчёт HTML + JSON"] = 0.0
    for p in files:
        t = time.process_time()
        doc = read(p)
        costs["чтение (readers + metadata)"] += time.process_time() - t
        ctx = CheckContext(as_of=date.fromisoformat(AS_OF), clauses=default_clauses(), registry=default_registry(),
                           enabled=select_codes(list(RULES), None, None), options={})
        findings = []
        for spec in specs:
            t = time.process_time()
            findings.extend(f for f in spec.fn(doc, ctx) if f.code in ctx.enabled)
            costs[f"проверка {spec.name}"] += time.process_time() - t
        findings.sort(key=lambda f: f.sort_key())
        t = time.process_time()
        report = build_report(doc, findings, ctx.as_of)
        render(report, "html", document=doc)
        render(report, "json")
        costs["отчёт HTML + JSON"] += time.process_time() - t
    return [(k, v / len(files)) for k, v in costs.items()], len(files)


def run() -> str:
    with tempfile.TemporaryDirectory(prefix="sferum-bench-audit-") as tmp:
        corpus = Path(tmp) / "акты"
        t0 = time.perf_counter()
        files = build(corpus, N, seed=0)
        build_s = time.perf_counter() - t0
        docx = sum(1 for f in files if f.suffix == ".docx")
        first = _audit(corpus, Path(tmp) / "out2", 2, cache=False)
        one = _audit(corpus, Path(tmp) / "out1", 1, cache=False)
        second = _audit(corpus, Path(tmp) / "out2b", 2, cache=False)
        cached = _audit(corpus, Path(tmp) / "out2b", 2, cache=True)
        costs, profiled = _check_costs(files[:: max(1, len(files) // PROFILE_DOCS)][:PROFILE_DOCS])
        same = _same_summary(Path(tmp) / "out1" / "summary.csv", Path(tmp) / "out2" / "summary.csv")
    two = min(first, second, key=lambda r: r["wall"])  # the less disturbed of two runs
    rate2 = N / two["wall"]
    speedup = one["wall"] / two["wall"]
    cpu_rate = N / two["cpu"] * 2  # what two fully busy cores would give
    total_cost = sum(v for _, v in costs)

    def bar(ok: bool) -> str:
        return "да" if ok else "**нет**"

    lines = [
        "## Проверка всех актов района (audit)",
        "",
        f"Команда: `{COMMAND}` (размер корпуса: `SFERUM_BENCH_AUDIT_N`, по умолчанию 1000). Корпус: {N} актов "
        f"(`benchmarks/corpus.py`, seed 0): варианты генератора по образцам профилей и изменённые образцы "
        f"(удалены пункты, опечатки, ссылки на утратившие силу акты); DOCX — {docx}, TXT — {N - docx}; "
        f"построен за {build_s:.0f} с. Каждый прогон — `sferum-policy audit КОРПУС -o OUT --jobs N --no-cache "
        f"--as-of {AS_OF}` в отдельном процессе.",
        "",
        "| прогон | время, с | документов в секунду | процессорное время, с | пик памяти (сумма RSS), МБ | "
        "max RSS одного процесса, МБ | загрузка машины до запуска |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for title, r in (("--jobs 2 (первый)", first), ("--jobs 1", one), ("--jobs 2 (второй)", second),
                     ("--jobs 2, повтор с кэшем", cached)):
        lines.append(f"| {title} | {r['wall']:.1f} | {N / r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} | "
                     f"{r['maxrss_mb']:.0f} | {r['load']:.1f} |")
    lines += [
        "",
        "Для целей берётся лучший из двух прогонов --jobs 2 (машину делят с другими программами). "
        f"Ускорение двух процессов относительно одного: **{speedup:.2f}×**. Сводки `--jobs 1` и `--jobs 2` "
        f"совпадают (кроме столбца времени): {'да' if same else '**нет**'}. Повтор с кэшем: {cached['message']} "
        "(ключ кэша включает хеш исходного кода пакета: если код менялся между прогонами, кэш не используется).",
        "",
        "| цель | нужно | получено | выполнено |",
        "|---|---:|---:|---|",
        f"| документов в секунду, --jobs 2 | ≥ {BARS['docs_per_s']:.0f} | {rate2:.1f} | {bar(rate2 >= BARS['docs_per_s'])} |",
        f"| пик памяти | ≤ {BARS['memory_mb']:.0f} МБ | {two['peak_mb']:.0f} МБ | {bar(two['peak_mb'] <= BARS['memory_mb'])} |",
        f"| ускорение --jobs 2 / --jobs 1 | ≥ {BARS['speedup']}× | {speedup:.2f}× | {bar(speedup >= BARS['speedup'])} |",
        "",
        f"Процессорного времени на документ: {two['cpu'] / N * 1000:.0f} мс (--jobs 2), {one['cpu'] / N * 1000:.0f} мс "
        f"(--jobs 1); два полностью свободных ядра дали бы не больше ~{cpu_rate:.1f} документа в секунду. "
        f"--jobs 1 проверяет в основном процессе, без пула.",
        "",
        f"### Из чего складывается время проверки одного документа ({profiled} документов корпуса, "
        f"процессорное время, один процесс)",
        "",
        "| этап | мс на документ | доля |",
        "|---|---:|---:|",
    ]
    for name, v in sorted(costs, key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {v * 1000:.0f} | {v / total_cost:.0%} |")
    lines.append(f"| всего | {total_cost * 1000:.0f} | 100% |")
    return "\n".join(lines) + "\n"


def _same_summary(a: Path, b: Path) -> bool:
    import csv
    import io

    def rows(p: Path) -> list[list[str]]:
        data = list(csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig")), delimiter=";"))
        return [r[:-1] for r in data]  # the last column is the timing

    return rows(a) == rows(b)


if __name__ == "__main__":
    print(run())
