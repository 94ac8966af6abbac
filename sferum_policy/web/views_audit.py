"""«Аудит»: upload a ZIP of acts, watch the progress, open the dashboard and the summary files."""

from __future__ import annotations

import re
import time
from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from . import audit_jobs
from .archive import inspect_zip
from .limits import duration
from .pages import MEDIA, file_download, inject, page, render, stem
from .state import state
from .uploads import parse_form, require_zip
from .views_check import keep_info

_REPORT = re.compile(r"^[\w.-]{1,160}\.(html|json|docx)$")


async def form(request: Request):
    st = state(request)
    return page("audit.html", active="audit", max_mb=st.limits.max_zip // (1024 * 1024),
                doc_mb=st.limits.max_document // (1024 * 1024), timeout=st.limits.check_timeout,
                keep_text=duration(st.limits.result_ttl))


async def upload(request: Request):
    from .views_check import _as_of

    st = state(request)
    with st.storage.scratch() as scratch:
        f = await parse_form(request, scratch, st.limits, st.limits.max_zip)
        up = f.file("archive")
        require_zip(up)
        count = inspect_zip(up.path, up.filename, st.limits)
        as_of = _as_of(f.get("as_of"))
        token, folder = st.storage.new("audit", name=up.filename, running=True, total=count, done=0, started=time.time())
        archive = folder / "upload.zip"
        up.path.replace(archive)
    audit_jobs.start(st.storage, st.pool, st.limits, folder, archive, up.filename,
                     date.fromisoformat(as_of) if as_of else date.today())
    return RedirectResponse(f"/audit/{token}", status_code=303)


async def status(request: Request):
    st = state(request)
    token = request.path_params["token"]
    folder = st.storage.folder(token, "audit")
    if folder is None:
        raise HTTPException(404)
    meta = st.storage.meta(folder) or {}
    index = folder / "index.html"
    if meta.get("running") or not index.is_file():
        return page("audit_job.html", active="audit", meta=meta, token=token,
                    refresh=2 if meta.get("running") else None)
    files = [(name, title) for name, title in audit_jobs.SUMMARY_FILES.items() if (folder / name).is_file()]
    bar = render("_audit_bar.html", name=meta.get("name", "архив"), token=token, files=files, active="audit",
                 **keep_info(st, token))
    html = index.read_text(encoding="utf-8")
    # The dashboard links to its files relatively; on the site they live under /audit/<token>/files/.
    html = re.sub(r'href="(?!https?:|#|/)([^"]+)"', lambda m: f'href="/audit/{token}/files/{m.group(1)}"', html)
    return inject(html, bar)


async def progress(request: Request):
    """The running audit's progress for the page's script: done, total, an estimate of the time left."""
    st = state(request)
    folder = st.storage.folder(request.path_params["token"], "audit")
    if folder is None:
        raise HTTPException(404)
    meta = st.storage.meta(folder) or {}
    done, total = int(meta.get("done") or 0), int(meta.get("total") or 0)
    left = None
    started = meta.get("started")
    if meta.get("running") and done and started and total >= done:
        left = round((time.time() - float(started)) / done * (total - done))
    return JSONResponse({"running": bool(meta.get("running")), "done": done, "total": total, "left": left,
                         "error": meta.get("error")}, headers={"Cache-Control": "no-store"})


async def files(request: Request):
    st = state(request)
    token, name = request.path_params["token"], request.path_params["name"]
    folder = st.storage.folder(token, "audit")
    if folder is None or (folder / "index.html").is_file() is False:
        raise HTTPException(404)
    meta = st.storage.meta(folder) or {}
    if name in audit_jobs.SUMMARY_FILES:
        path = folder / name
        if not path.is_file():
            raise HTTPException(404)
        ext = name.rsplit(".", 1)[1]
        if name == "index.html":
            return RedirectResponse(f"/audit/{token}", status_code=303)
        return file_download(path, f"{stem(meta.get('name', 'аудит'))}-{name}", ext if ext in MEDIA else "json")
    sub, _, leaf = name.partition("/")
    if sub != "reports" or not _REPORT.match(leaf) or leaf.startswith("."):
        raise HTTPException(404)
    reports = folder / "reports"
    if leaf not in {p.name for p in reports.iterdir()}:
        raise HTTPException(404)
    path = reports / leaf
    if leaf.endswith(".html"):
        back = render("_audit_back.html", token=token)
        return inject(path.read_text(encoding="utf-8"), back)
    if leaf.endswith(".docx"):
        return file_download(path, leaf, "docx")
    return file_download(path, leaf, "json")


routes = [
    Route("/audit", form, methods=["GET"]),
    Route("/audit", upload, methods=["POST"]),
    Route("/audit/{token}", status, methods=["GET"]),
    Route("/audit/{token}/progress", progress, methods=["GET"]),
    Route("/audit/{token}/files/{name:path}", files, methods=["GET"]),
]
