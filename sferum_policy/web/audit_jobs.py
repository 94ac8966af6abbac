"""An audit started from the page: unpack the ZIP safely, check each act in a worker, write the summary.

The job runs on a background thread and records its progress in the token folder's metadata, which
the polling page reads. Unpacking and the summary files are the audit package's own
(:func:`~sferum_policy.audit.inputs.collect`, :mod:`~sferum_policy.audit.dashboard` …); each
document is checked by :class:`~sferum_policy.web.workers.WorkerPool` under the per-document time limit.
"""

from __future__ import annotations

import base64
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from ..memory import megabytes
from ..ru import number
from .limits import Limits
from .storage import Storage
from .workers import OutOfMemory, TaskTimeout, WorkerFailed, WorkerPool

AUDIT_FORMATS = ("html", "json", "docx")  # the school opens the DOCX with comments in Word
SUMMARY_FILES = {"index.html": "сводка (страница)", "summary.xlsx": "таблица Excel", "summary.csv": "таблица CSV",
                 "audit.json": "все отчёты (JSON)"}


def start(storage: Storage, pool: WorkerPool, limits: Limits, folder: Path, archive: Path, shown: str,
          as_of: date) -> threading.Thread:
    """Start the audit of ``archive`` (already in ``folder``) on a background thread."""
    thread = threading.Thread(target=_run, args=(storage, pool, limits, folder, archive, shown, as_of),
                              name="sferum-audit", daemon=True)
    thread.start()
    return thread


def _update(storage: Storage, folder: Path, **changes: Any) -> None:
    meta = storage.meta(folder) or {}
    meta.update(changes)
    storage.save_meta(folder, meta)


def _run(storage: Storage, pool: WorkerPool, limits: Limits, folder: Path, archive: Path, shown: str,
         as_of: date) -> None:
    from ..audit.inputs import collect
    from ..audit.runner import EXTENSIONS, safe_name

    work = folder / "work"
    work.mkdir(mode=0o700)
    reports = folder / "reports"
    reports.mkdir(mode=0o700)
    results: dict[str, dict[str, Any]] = {}
    links: dict[str, dict[str, str]] = {}
    lock = threading.Lock()
    try:
        items = collect([archive], work)
        for it in items:  # «upload0.zip/школа/акт.docx» → «архив.zip/школа/акт.docx»
            it.name = shown + it.name[len(archive.name):] if it.name.startswith(archive.name) else it.name
        if not items:
            _update(storage, folder, running=False, done=0, total=0, error=f"В архиве «{shown}» нет документов "
                    f"DOCX, PDF, ODT, TXT или MD", created=time.time())
            return
        _update(storage, folder, total=len(items), done=0)

        def one(it) -> None:
            if it.error:
                r = _failed(it.name, it.error)
            else:
                try:
                    r = pool.call("check_document", (it.name, str(it.path), as_of.isoformat(), AUDIT_FORMATS),
                                  limits.check_timeout)
                except TaskTimeout:
                    r = _failed(it.name, f"{it.name}: проверка не уложилась в {number(limits.check_timeout, 2)} с и остановлена")
                except OutOfMemory:
                    r = _failed(it.name, f"{it.name}: для проверки не хватило памяти (предел — "
                                         f"{megabytes(limits.max_memory)}); документ слишком большой или небезопасен")
                except WorkerFailed as exc:
                    r = _failed(it.name, f"{it.name}: проверка прервана ({exc})")
            files = {}
            for fmt, text in (r.pop("rendered", None) or {}).items():
                target = reports / (safe_name(it.name) + EXTENSIONS.get(fmt, ".json"))
                data = base64.b64decode(text[7:]) if text.startswith("base64:") else text.encode("utf-8")
                target.write_bytes(data)
                files[fmt] = f"reports/{target.name}"
            with lock:
                results[it.name] = r
                links[it.name] = files
                _update(storage, folder, done=len(results))

        with ThreadPoolExecutor(max_workers=pool.size, thread_name_prefix="sferum-audit-doc") as ex:
            list(ex.map(one, items))
        _summaries(folder, items, results, links, as_of)
        _update(storage, folder, running=False, done=len(results), created=time.time())
    except Exception as exc:  # the page shows one Russian line; the server keeps running
        from ..errors import SferumError

        message = str(exc) if isinstance(exc, SferumError) else f"внутренняя ошибка аудита ({type(exc).__name__})"
        _update(storage, folder, running=False, error=message, created=time.time())
    finally:
        shutil.rmtree(work, ignore_errors=True)
        archive.unlink(missing_ok=True)
        storage.done(folder.name)


def _failed(name: str, error: str) -> dict[str, Any]:
    return {"name": name, "status": "error", "error": error, "report": None, "rendered": {}, "seconds": 0.0}


def _summaries(folder: Path, items, results: dict[str, dict[str, Any]], links: dict[str, dict[str, str]],
               as_of: date) -> None:
    """The audit package's summary files: index.html, summary.csv/.xlsx, audit.json."""
    from ..audit.dashboard import write_dashboard
    from ..audit.score import row
    from ..audit.summary import summarize
    from ..audit.writers import write_csv, write_json, write_xlsx

    ordered = [results[it.name] for it in items if it.name in results]
    rows = [row(r) for r in ordered]
    summary = summarize(rows, ordered, reused=0, total=len(items))
    write_csv(folder / "summary.csv", rows)
    write_xlsx(folder / "summary.xlsx", rows)
    write_json(folder / "audit.json", rows=rows, results=ordered, summary=summary, as_of=as_of,
               inputs=[], links=links)
    write_dashboard(folder / "index.html", rows=rows, summary=summary, links=links, as_of=as_of)
