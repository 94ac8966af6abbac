"""``make bench``: run every ``benchmarks/bench_*.py`` and print its tables.

Each module has ``run() -> str`` returning a Markdown section (a heading, the command, tables).
``--write`` also stores all sections in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. citations speed)")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    mods = sorted(p.stem for p in (ROOT / "benchmarks").glob("bench_*.py"))
    if args.names:
        mods = [m for m in mods if m.removeprefix("bench_") in args.names]
    header = (
        f"Машина: {platform.machine()}, ядер: {os.cpu_count()}, Python {platform.python_version()}; "
        f"дата: {time.strftime('%Y-%m-%d')}.\n"
    )
    print(header)
    sections = []
    for name in mods:
        t0 = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        section = module.run().rstrip() + "\n"
        print(section)
        print(f"({name}: {time.perf_counter() - t0:.1f} с)\n", file=sys.stderr)
        sections.append(section)
    if args.write:
        text = "# Замеры (make bench)\n\nКоманда: `make bench` (или `python -m benchmarks --write`).\n\n" + header + "\n" + "\n".join(sections)
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
