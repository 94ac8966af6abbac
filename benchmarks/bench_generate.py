"""Generator speed: one act from a profile, warm (library and registry loaded), per output format."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "samples" / "profiles"
COMMAND = "python -m benchmarks generate"
RUNS = 30
GOAL_MS = 300.0


def _median_ms(fn, runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def _cold_cli_ms(profile: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sferum_policy", "generate", str(profile), "-o", str(out), "--force"],
                   check=True, capture_output=True)
    return (time.perf_counter() - t0) * 1000


def run() -> str:
    import tempfile

    from sferum_policy.generator.assemble import assemble
    from sferum_policy.generator.profile import load_profile
    from sferum_policy.generator.render import render
    from sferum_policy.pipeline import default_clauses, default_registry

    library, registry = default_clauses(), default_registry()
    rows = []
    for name in ("school", "college", "district"):
        profile = load_profile(PROFILES / f"{name}.yaml")
        render(assemble(profile, library, registry), "docx")  # warm-up: imports, pymorphy3, Jinja cache
        act = assemble(profile, library, registry)
        assemble_ms, _ = _median_ms(lambda p=profile: assemble(p, library, registry))
        for fmt in ("docx", "md", "html"):
            total, p90 = _median_ms(lambda p=profile, f=fmt: render(assemble(p, library, registry), f))
            ok = "да" if fmt != "docx" or total <= GOAL_MS else "НЕТ"
            rows.append(f"| {name} | {fmt} | {sum(len(s.points) for s in act.sections)} | {assemble_ms:.1f} | "
                        f"{total:.1f} | {p90:.1f} | {ok} |")
    with tempfile.TemporaryDirectory() as tmp:
        cold = [_cold_cli_ms(PROFILES / "school.yaml", Path(tmp) / "act.docx") for _ in range(3)]
    lines = [
        "## Создание акта (generate)",
        "",
        f"Команда: `{COMMAND}`; ядер процессора: {os.cpu_count()}; повторов: {RUNS}, медиана и 90-й процентиль.",
        f"Цель: акт DOCX «теплым» процессом (сборка + DOCX) — медиана не больше {GOAL_MS:.0f} мс.",
        "",
        "| профиль | формат | пунктов | сборка, мс | сборка + вывод, мс (медиана) | 90-й процентиль, мс | цель |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Холодный запуск `sferum-policy generate samples/profiles/school.yaml -o act.docx` (новый процесс, "
        f"импорт и загрузка данных): медиана {statistics.median(cold):.0f} мс.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
