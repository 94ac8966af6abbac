"""sferum-policy: clause library, generator and checker for local acts on ИКОП «Сферум».

Public API (imported lazily, so ``import sferum_policy`` stays cheap)::

    from sferum_policy import load_clauses, load_registry, check, read, fix, modernize
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_clauses": ("sferum_policy.library", "load_clauses"),
    "load_registry": ("sferum_policy.library", "load_registry"),
    "check": ("sferum_policy.pipeline", "check"),
    "read": ("sferum_policy.readers", "read"),
    "read_string": ("sferum_policy.readers", "read_string"),
    "fix": ("sferum_policy.repair.fix", "fix"),
    "FixResult": ("sferum_policy.repair.fix", "FixResult"),
    "modernize": ("sferum_policy.repair.modernize", "modernize"),
    "ModernizeResult": ("sferum_policy.repair.modernize", "ModernizeResult"),
    "Report": ("sferum_policy.report", "Report"),
    "Finding": ("sferum_policy.report", "Finding"),
    "Document": ("sferum_policy.document", "Document"),
    "SferumError": ("sferum_policy.errors", "SferumError"),
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        module, attr = _EXPORTS[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sferum_policy' has no attribute {name!r}")
