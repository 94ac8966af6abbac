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


WEB_ADD_HINT = "текст положения — в разделе «Справочник»"


def modernize_act(settings: dict[str, Any], name: str, path: str, as_of: str | None,
                  answers: dict[str, Any] | None = None, outputs: bool = False) -> dict[str, Any]:
    """«Обновить акт»: read the old act, extract its profile and build the new act (``repair.modernize``).

    Returns ``{"status": "ok", "values", "sources", "missing"}`` (the form of the profile, see
    :func:`.forms.from_extraction`), ``"summary"`` (the change summary as (heading, items) pairs) and, with
    ``outputs``, the files: ``"act"`` and ``"redline"`` (DOCX bytes), ``"summary_md"``, ``"profile_yaml"``.
    ``answers`` are the fields the user changed (an empty one erases the act's value). A bad document gives
    ``{"status": "error", "error"}`` with a Russian message that names ``name``, never the private path.
    """
    from pathlib import Path

    from ..audit.worker import _STATE, init
    from ..errors import SferumError
    from ..readers import read
    from ..repair.modernize import modernize
    from ..repair.summary import summary_sections
    from . import forms

    init(settings.get("clauses_dir"), settings.get("refs_dir"), ignore_sigint=False, memory_limit=False)
    try:
        doc = read(Path(path))
        result = modernize(doc, as_of=date.fromisoformat(as_of) if as_of else None, clauses=_STATE["clauses"],
                           registry=_STATE["registry"], answers=answers or None, clear=True)
        result.source = name  # the summary names the user's file, never the private copy
        values, sources, missing = forms.from_extraction(result.extraction)
        out: dict[str, Any] = {"status": "ok", "values": values, "sources": sources, "missing": missing,
                               "summary": summary_sections(result, WEB_ADD_HINT), "title": result.act.kind_title,
                               "old_platforms": list(result.extraction.platforms.value or []),
                               "counts": {"dropped": len(result.dropped), "replaced": len(result.replaced),
                                          "carried": len(result.carried), "added": len(result.added)}}
        if outputs:
            out.update(act=result.docx, redline=result.redline(), summary_md=result.summary_markdown(),
                       profile_yaml=result.profile_yaml())
        return out
    except SferumError as exc:
        return {"status": "error", "error": str(exc).replace(path, name)}


TASKS = {"check_document": check_document, "modernize_act": modernize_act}
