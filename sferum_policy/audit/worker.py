"""The work done per document, in a worker process: read, check, render; the result is a plain dict.

Workers are warm: :func:`init` (the pool initializer, or the first task on a Dask worker) loads the
clause library, the registry, every check module and the NLP resources once, then checks a tiny act so
that lazily built tables are ready before the first real document.
"""

from __future__ import annotations

import signal
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

_STATE: dict[str, Any] = {}

_WARM_TEXT = (
    "ПОЛОЖЕНИЕ\nоб использовании информационно-коммуникационной образовательной платформы «Сферум»\n"
    "1. Общие положения\n1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум» "
    "в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».\n"
    "2. Права и обязанности\n2.1. Классный руководитель создаёт учебный чат класса и приглашает обучающихся.\n"
)


def init(clauses_dir: str | None = None, refs_dir: str | None = None, *, ignore_sigint: bool = True,
         memory_limit: int | bool | None = True) -> None:
    """Load everything a check needs, once per process (the pool's initializer).

    The process is bounded by memory first (:func:`sferum_policy.memory.apply`): ``memory_limit``
    True = the configured ceiling (``SFERUM_MEMORY_LIMIT_MB``, 1536 MB), a number = that many bytes,
    None = no ceiling, False = leave the process as it is (the caller has bounded it).
    """
    if ignore_sigint:
        # Ctrl-C goes to the whole process group: the parent stops the audit and writes what is done.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if "memory" not in _STATE:
        _STATE["memory"] = True
        if memory_limit is not False:
            from .. import memory

            if memory_limit is None:
                memory.configure(None)
            else:
                memory.apply(None if memory_limit is True else memory_limit)
    key = (clauses_dir, refs_dir)
    if _STATE.get("key") == key:
        return
    from ..checks import load_checks
    from ..nlp import morph
    from ..pipeline import default_clauses, default_registry, run

    clauses = default_clauses(clauses_dir)
    registry = default_registry(refs_dir)
    load_checks()
    morph()
    _STATE.update(key=key, clauses=clauses, registry=registry)
    try:
        from ..readers import read_string

        run(read_string(_WARM_TEXT, "warm-up.txt"), clauses=clauses, registry=registry)
    except Exception:  # warming up is an optimisation; a real document will report a real problem
        pass


def check_one(name: str, path: str | None, data: bytes | None, as_of: date, formats: tuple[str, ...],
              clauses_dir: str | None = None, refs_dir: str | None = None) -> dict[str, Any]:
    """Check one document given by ``path`` or by its bytes ``data``; never raises for a bad document.

    Returns ``{"name", "status": "ok"|"error", "error", "report" (JSON-able dict), "rendered"
    ({format: text}), "seconds"}``.
    """
    # in-process callers are not bounded here; pool initializers, check_chunk (Dask) and the web worker are
    init(clauses_dir, refs_dir, ignore_sigint=False, memory_limit=False)
    t0 = time.perf_counter()
    result: dict[str, Any] = {"name": name, "status": "ok", "error": None, "report": None, "rendered": {}}
    tmpdir = None
    real: Path | None = None
    try:
        if data is not None:
            tmpdir = tempfile.TemporaryDirectory(prefix="sferum-audit-")
            real = Path(tmpdir.name) / ("document" + Path(name).suffix.lower())
            real.write_bytes(data)
        else:
            real = Path(path)  # type: ignore[arg-type]
        result.update(_check(name, real, as_of, formats))
    except Exception as exc:  # one broken document must not stop the audit
        from ..errors import SferumError
        from ..memory import is_out_of_memory

        if is_out_of_memory(exc):  # the memory ceiling stopped it: one clear line (below), the worker goes on
            message = None
        elif isinstance(exc, SferumError):
            message = str(exc).replace(str(real), name) if real is not None else str(exc)
        else:
            message = f"{name}: внутренняя ошибка при проверке ({type(exc).__name__}: {exc})"
        result.update(status="error", error=message, report=None, rendered={})
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()
    if result["status"] == "error" and result["error"] is None:  # made here: the traceback's memory is free now
        from ..memory import out_of_memory_message

        result["error"] = out_of_memory_message(name)
    result["seconds"] = round(time.perf_counter() - t0, 4)
    return result


def _check(name: str, real: Path, as_of: date, formats: tuple[str, ...]) -> dict[str, Any]:
    from ..pipeline import run
    from ..readers import read
    from ..render import render

    doc = read(real)
    doc_path = doc.path
    doc.path = name
    _, report = run(doc, as_of=as_of, clauses=_STATE["clauses"], registry=_STATE["registry"])
    doc.path = doc_path  # the DOCX renderer re-reads the original file
    rendered: dict[str, str] = {}
    fixed: dict[str, Any] = {}
    modern: dict[str, Any] | None = None
    for fmt in formats:
        if fmt == "modernize":  # the current act made from the old one, its change summary and redline
            modern, files = _modernize(doc, as_of, name)
            rendered.update(files)
            continue
        if fmt in ("fix", "fix-unsafe"):  # the corrected act: safe edits, or all of them
            mode = "unsafe" if fmt == "fix-unsafe" else "safe"
            fixed[mode], rendered["fixed" if mode == "safe" else "fixed-unsafe"] = _fix(doc, report,
                                                                                    unsafe=mode == "unsafe")
            continue
        out = render(report, fmt, **({"document": doc} if fmt in ("html", "docx") else {}))
        if isinstance(out, bytes):
            out = _b64(out)
        rendered[fmt] = out
    lib = _STATE["clauses"]
    titles = {c.clause_id: lib.get(c.clause_id).title for c in report.clauses
              if c.status == "missing" and lib.get(c.clause_id) is not None}
    reg = _STATE["registry"]
    names = {}
    for ref in report.legal_refs:
        for act_id in ref.replaced_by:
            act = reg.get(act_id)
            if act is not None:
                names[act_id] = act.short_names[0] if act.short_names else (f"№ {act.number}" if act.number else act_id)
    out = {"report": report.model_dump(mode="json"), "rendered": rendered, "clause_titles": titles, "act_names": names}
    if fixed:
        out["fix"] = fixed  # {"safe" | "unsafe": what was changed and what is left}
    if modern is not None:
        out["modernize"] = modern
    return out


def _b64(data: bytes) -> str:
    import base64

    return "base64:" + base64.b64encode(data).decode("ascii")


def _modernize(doc, as_of: date, name: str) -> tuple[dict[str, Any], dict[str, str]]:
    """``audit --modernize``: the new act, its change summary and redline, with counts for the dashboard; an
    act that cannot be modernised (not a local act, no organisation name) gets the reason instead."""
    from ..errors import SferumError
    from ..repair.modernize import modernize

    try:
        m = modernize(doc, as_of=as_of, clauses=_STATE["clauses"], registry=_STATE["registry"])
        m.source = name  # the user's name of the file, never a private temporary path
        files = {"modernized": _b64(m.docx), "modernized-summary": m.summary_markdown(),
                 "modernized-redline": _b64(m.redline())}
    except SferumError as exc:
        return {"error": str(exc).replace(str(doc.path), name) if doc.path else str(exc)}, {}
    info = {"removed": len(m.dropped), "replaced": len(m.replaced), "added": len(m.added),
            "carried": len(m.carried), "to_fill": len(m.to_fill)}
    return info, files


def _fix(doc, report, *, unsafe: bool) -> tuple[dict[str, Any], str]:
    """The act corrected with tracked changes, and what was done: applied edits by code, edits left for a
    person's judgement (unsafe ones when only safe were asked), findings no edit repairs."""
    from ..repair.fix import repair

    r = repair(doc, report, unsafe=unsafe)
    info = {"mode": "unsafe" if unsafe else "safe", "applied": r.changes, "by_code": r.by_code(),
            "unsafe_left": len(r.pending()), "left": len(r.remaining())}
    return info, _b64(r.docx)


def check_chunk(tasks: list[tuple], as_of: date, formats: tuple[str, ...], clauses_dir: str | None = None,
                refs_dir: str | None = None) -> list[dict[str, Any]]:
    """Check several documents (``(name, path, data)`` each) in one call: fewer round trips.

    Runs in a pool worker or on a Dask worker: the process is bounded by memory first (once).
    """
    init(clauses_dir, refs_dir, ignore_sigint=False)
    return [check_one(name, path, data, as_of, formats, clauses_dir, refs_dir) for name, path, data in tasks]
