"""Tasks a worker process runs; the only code the server sends work to (by name, never by path)."""

from __future__ import annotations

from datetime import date
from typing import Any

REPORT_FORMATS = ("json", "html", "sarif", "docx", "fix", "fix-unsafe")  # «Исправить»: safe edits, or all


def warm_up(settings: dict[str, Any]) -> None:
    """Load the library, the registry, the checks and the language data once per worker."""
    from ..audit.worker import init

    init(settings.get("clauses_dir"), settings.get("refs_dir"), ignore_sigint=True, memory_limit=False)


def check_document(settings: dict[str, Any], name: str, path: str, as_of: str | None,
                   formats: tuple[str, ...] = REPORT_FORMATS) -> dict[str, Any]:
    """Read and check one file; the report as a dict and every report format rendered.

    Returns the audit worker's result: ``{"name", "status", "error", "report", "rendered", "seconds"}``;
    a DOCX comes back as ``"base64:…"``. A bad document gives ``status == "error"`` with a Russian
    message that names ``name`` (the user's file name), never the private path.
    """
    from ..audit.worker import check_one

    when = date.fromisoformat(as_of) if as_of else date.today()
    return check_one(name, path, None, when, tuple(formats), settings.get("clauses_dir"), settings.get("refs_dir"))


TASKS = {"check_document": check_document}
