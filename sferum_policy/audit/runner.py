"""Run an audit: collect the documents, reuse cached results, check the rest, write every output.

Per-document reports (``reports/<safe-name>.html`` / ``.json``) are written as soon as a document is
done; the summary files (CSV, XLSX, ``audit.json``, ``index.html``) are written at the end in a
``finally``, so after Ctrl-C they describe the documents finished so far.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fileio import write_atomic
from . import executors
from .cache import Cache, data_version
from .inputs import Item, collect

REPORT_FORMATS = ("html", "json", "sarif", "text", "docx")
EXTENSIONS = {"html": ".html", "json": ".json", "sarif": ".sarif", "text": ".txt", "docx": ".docx",
              "fixed": ".fixed.docx", "fixed-unsafe": ".fixed.docx", "modernized": ".modernized.docx",
              "modernized-summary": ".modernized.md", "modernized-redline": ".redline.docx"}
# what the workers are asked to make besides reports: the corrected act (safe edits, or all with ``unsafe``)
FIX_TASKS = {"safe": "fix", "unsafe": "fix-unsafe"}


@dataclass(slots=True)
class AuditOptions:
    """What ``sferum-policy audit`` was asked to do."""

    paths: list[Path]
    outdir: Path
    as_of: date
    jobs: int | None = None  # None: every core
    use_cache: bool = True
    dask_scheduler: str | None = None
    formats: tuple[str, ...] = ("html", "json")
    clauses_dir: str | None = None
    refs_dir: str | None = None
    progress: bool = False
    fix: str | None = None  # None | "safe" | "unsafe": also write each act corrected with tracked changes
    modernize: bool = False  # also write each act's current version, change summary and redline


@dataclass(slots=True)
class AuditResult:
    """Totals of a finished (or interrupted) audit."""

    outdir: Path
    total: int = 0
    done: int = 0
    reused: int = 0
    failed: int = 0
    seconds: float = 0.0
    complete: bool = False
    files: dict[str, Path] = field(default_factory=dict)


def safe_name(name: str) -> str:
    """A file name for ``name``'s reports: readable, no separators, unique by a short hash."""
    base = re.sub(r"[^\w.-]+", "_", name.replace("/", "__")).strip("._")[:80] or "document"
    return f"{base}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


def _validate(opts: AuditOptions) -> None:
    if opts.outdir.exists() and not opts.outdir.is_dir():
        raise InputError(f"{opts.outdir}: это файл, а не каталог для результатов")
    for p in opts.paths:
        if not p.exists():
            raise InputError(f"{p}: файл или каталог не найден")
    if opts.jobs is not None and opts.jobs < 1:
        raise InputError(f"--jobs {opts.jobs}: число процессов должно быть не меньше 1")
    bad = [f for f in opts.formats if f not in REPORT_FORMATS]
    if bad:
        raise InputError(f"--format-reports: неизвестный формат «{bad[0]}»; допустимы: {', '.join(REPORT_FORMATS)}")
    if opts.fix is not None and opts.fix not in FIX_TASKS:
        raise InputError(f"--fix: неизвестный режим «{opts.fix}»; допустимы: safe, unsafe")


class _Writer:
    """Writes per-document files on a background thread (each write atomic, without fsync: a re-run rebuilds them)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-writer")
        self._futures: list[Future] = []

    def put(self, path: Path, data: str | bytes) -> None:
        self._futures.append(self._pool.submit(_write_if_changed, path, data))
        if len(self._futures) > 256:
            self._drain(keep=64)

    def flush(self) -> None:
        self._drain()

    def _drain(self, keep: int = 0) -> None:
        while len(self._futures) > keep:
            self._futures.pop(0).result()

    def close(self) -> None:
        try:
            self._drain()
        finally:
            self._pool.shutdown(wait=True)


def _write_if_changed(path: Path, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(payload) and path.read_bytes() == payload:
            return
    except OSError:
        pass
    write_atomic(path, payload, durable=False)


def _rename(result: dict[str, Any], name: str) -> dict[str, Any]:
    """A cached result of the same content found under another name: show the new name."""
    old = result["name"]
    if old == name:
        return result
    result = {**result, "name": name}
    rep = result.get("report")
    if rep:
        rep["document"]["path"] = name
    rendered = dict(result.get("rendered") or {})
    for fmt, text in rendered.items():
        if fmt == "html":
            rendered[fmt] = text.replace(html.escape(old), html.escape(name))
        elif fmt in ("json", "sarif", "text"):
            rendered[fmt] = text.replace(old, name)
    result["rendered"] = rendered
    return result


def run_audit(opts: AuditOptions) -> AuditResult:
    """Audit every document under ``opts.paths`` into ``opts.outdir``; see the module docstring."""
    _validate(opts)
    t0 = time.perf_counter()
    outdir = opts.outdir
    reports_dir = outdir / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="sferum-audit-"))
    res = AuditResult(outdir=outdir)
    results: dict[str, dict[str, Any]] = {}
    links: dict[str, dict[str, str]] = {}
    items: list[Item] = []
    writer = _Writer()
    bar = None
    stream = None
    try:
        items = collect(opts.paths, workdir, exclude=(outdir,))
        if not items:
            raise InputError(f"{', '.join(map(str, opts.paths))}: не найдено ни одного документа "
                             f"(DOCX, PDF, ODT, TXT, MD, DOC или архива ZIP с ними)")
        res.total = len(items)
        formats = opts.formats + ((FIX_TASKS[opts.fix],) if opts.fix else ()) + (("modernize",) if opts.modernize else ())
        cache = Cache(outdir, as_of=opts.as_of, formats=formats,
                      data=data_version(opts.clauses_dir, opts.refs_dir), enabled=opts.use_cache)
        tasks: list[executors.Task] = []
        ready: list[dict[str, Any]] = []
        digests: dict[str, str] = {}
        for it in items:
            if it.error:
                ready.append({"name": it.name, "status": "error", "error": it.error, "report": None,
                              "rendered": {}, "seconds": 0.0})
                continue
            digests[it.name] = it.digest()
            hit = cache.get(digests[it.name])
            if hit is not None:
                hit = _rename(hit, it.name)
                hit["reused"] = True
                ready.append(hit)
            else:
                tasks.append((it.name, str(it.path), None))
        sizes = {it.name: it.size for it in items}
        tasks.sort(key=lambda t: -sizes.get(t[0], 0))  # big documents first: fewer stragglers at the end
        if opts.progress:
            import click

            bar = click.progressbar(length=len(items), label="Проверка актов", file=sys.stderr,
                                    show_pos=True, show_eta=True, width=30)
            bar.__enter__()

        def accept(r: dict[str, Any]) -> None:
            name = r["name"]
            rendered = r.pop("rendered", None) or {}
            files: dict[str, str] = {}
            base = safe_name(name)
            for fmt, text in rendered.items():
                target = reports_dir / (base + EXTENSIONS[fmt])
                data: str | bytes = base64.b64decode(text[7:]) if text.startswith("base64:") else text
                writer.put(target, data)
                files[fmt] = f"reports/{target.name}"
            links[name] = files
            if not r.get("reused") and name in digests:
                cache.put(digests[name], {**r, "rendered": rendered})
            results[name] = r
            res.done += 1
            res.reused += bool(r.get("reused"))
            res.failed += r["status"] != "ok"
            if bar is not None:
                bar.update(1)

        for r in ready:
            accept(r)
        if tasks:
            writer.flush()  # no write in flight while worker processes are forked
            jobs = opts.jobs or os.cpu_count() or 1
            common = {"as_of": opts.as_of, "formats": formats, "clauses_dir": opts.clauses_dir,
                      "refs_dir": opts.refs_dir}
            if opts.dask_scheduler:
                stream = executors.dask(tasks, address=opts.dask_scheduler, **common)
            elif jobs == 1 or len(tasks) == 1:
                stream = executors.inline(tasks, **common)
            else:
                stream = executors.processes(tasks, jobs=min(jobs, len(tasks)), **common)
            for r in stream:
                accept(r)
        res.complete = res.done == res.total
    finally:
        if stream is not None:
            stream.close()
        if bar is not None:
            bar.__exit__(None, None, None)
        try:
            writer.close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            if items:
                res.files = _write_summaries(opts, items, results, links, res)
            res.seconds = time.perf_counter() - t0
    return res


def _write_summaries(opts: AuditOptions, items: list[Item], results: dict[str, dict[str, Any]],
                     links: dict[str, dict[str, str]], res: AuditResult) -> dict[str, Path]:
    from .dashboard import write_dashboard
    from .score import row
    from .summary import summarize
    from .writers import write_csv, write_json, write_xlsx

    ordered = [results[it.name] for it in items if it.name in results]
    rows = [row(r) for r in ordered]
    summary = summarize(rows, ordered, reused=res.reused, total=res.total)
    out = opts.outdir
    files = {"csv": out / "summary.csv", "xlsx": out / "summary.xlsx", "json": out / "audit.json",
             "html": out / "index.html"}
    write_csv(files["csv"], rows)
    write_xlsx(files["xlsx"], rows)
    write_json(files["json"], rows=rows, results=ordered, summary=summary, as_of=opts.as_of,
               inputs=[str(p) for p in opts.paths], links=links)
    write_dashboard(files["html"], rows=rows, summary=summary, links=links, as_of=opts.as_of)
    return files
