"""The clause library and the legal registry a run uses, loaded once per directory (``pipeline`` re-exports
these; modules below the pipeline — the OCR repair's language model — import them from here)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import ClauseLibrary, Registry, load_clauses, load_registry


@lru_cache(maxsize=8)
def _clauses(directory: str | None) -> ClauseLibrary:
    return load_clauses(directory)


@lru_cache(maxsize=8)
def _registry(overlays: tuple[str, ...]) -> Registry:
    return load_registry(None, overlays)


def default_clauses(directory: str | Path | None = None) -> ClauseLibrary:
    """The clause library, loaded once per directory."""
    return _clauses(str(directory) if directory else None)


def default_registry(directory: str | Path | None = None) -> Registry:
    """The bundled legal registry with the user's overlay laid over it, loaded once per overlay.

    ``directory`` is the ``--refs`` overlay; without it, ``$SFERUM_POLICY_REFS`` (see
    :func:`library.registry.overlay_dirs`).
    """
    from .registry import overlay_dirs

    return _registry(tuple(overlay_dirs(directory)))
