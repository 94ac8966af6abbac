"""Check families: each module registers named checks and the rules (codes) they emit.

A check is a function ``run(doc, ctx) -> Iterable[Finding]`` registered with :func:`check`; the
pipeline runs them in ``order``. Heavy resources (pymorphy3, the typo model) are imported inside checks,
through :mod:`sferum_policy.nlp`, never at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..document import Document
from ..report import Finding
from .base import CheckContext

CheckFn = Callable[[Document, CheckContext], Iterable[Finding]]

# Modules that define checks, in the order they run. Every one must import: a missing module is an error.
CHECK_MODULES = ("ocr", "structure", "contacts", "legal_refs", "risk", "kind_specific", "coverage", "typos")


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    order: int
    fn: CheckFn
    codes: tuple[str, ...]


CHECKS: dict[str, CheckSpec] = {}


def check(name: str, order: int, codes: tuple[str, ...]) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as check ``name`` that may emit ``codes``."""

    def wrap(fn: CheckFn) -> CheckFn:
        CHECKS[name] = CheckSpec(name, order, fn, codes)
        return fn

    return wrap


_loaded = False


def load_checks() -> list[CheckSpec]:
    """Import every check module once and return the checks in run order."""
    global _loaded
    if not _loaded:
        for mod in CHECK_MODULES:
            importlib.import_module(f"{__name__}.{mod}")
        _loaded = True
    return sorted(CHECKS.values(), key=lambda c: c.order)
