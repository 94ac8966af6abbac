"""Judgement on real acts (development set in ``../shared/corpus/realworld-dev``): see realworld_eval."""

from __future__ import annotations


def run() -> str:
    from benchmarks.realworld_eval import run as _run

    return _run()
