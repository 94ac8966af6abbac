"""«Проверить документ»: upload an act, see the marked-up report, download it in every format."""

from __future__ import annotations

import base64

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ..errors import InputError
from ..memory import megabytes
from ..ru import number
from .limits import duration
from .pages import file_download, inject, page, render, stem
from .state import state
from .uploads import UploadError, parse_form, require_document
from .workers import OutOfMemory, TaskTimeout, WorkerFailed

FILES = {"json": "report.json", "html": "report.html", "sarif": "report.sarif", "docx": "report.docx",
         "fixed": "fixed.docx", "fixed-unsafe": "fixed-unsafe.docx"}
TITLES = {"html": "HTML — страница отчёта", "docx": "DOCX — примечания Word в тексте документа",
          "json": "JSON — для других программ", "sarif": "SARIF — для систем контроля качества"}


async def form(request: Request):
    st = state(request)
    return page("check.html", active="check", max_mb=st.limits.max_document // (1024 * 1024),
                timeout_text=duration(st.limits.check_timeout), keep_text=duration(st.limits.result_ttl))


async def upload(request: Request):
    st = state(request)
    with st.storage.scratch() as scratch:
        doc, as_of = await document_upload(request, st, scratch)
        result = await run_task(st, "check_document", (doc.filename, str(doc.path), as_of), doc.filename)
    if result["status"] != "ok":
        raise UploadError(result["error"] or f"Файл «{doc.filename}» не удалось проверить")
    summary = result["report"]["summary"]
    token, folder = st.storage.new("check", name=doc.filename, summary=summary, fix=result.get("fix"))
    for fmt, text in result["rendered"].items():
        data = base64.b64decode(text[7:]) if text.startswith("base64:") else text.encode("utf-8")
        (folder / FILES[fmt]).write_bytes(data)
    st.storage.done(token)
    return RedirectResponse(f"/check/{token}", status_code=303)


async def document_upload(request: Request, st, scratch):
    """The act of a «document» upload form (its type checked by content) and the «as_of» date, if given."""
    f = await parse_form(request, scratch, st.limits, st.limits.max_document)
    doc = f.file("document")
    require_document(doc)
    return doc, _as_of(f.get("as_of"))


async def run_task(st, task: str, args: tuple, filename: str, work: str = "проверка") -> dict:
    """Run a document task in a worker process under the time limit; a timeout, the memory ceiling or a
    crashed worker becomes one Russian line about ``filename`` (400), never a traceback."""
    try:
        return await run_in_threadpool(st.pool.call, task, args, st.limits.check_timeout)
    except TaskTimeout:
        raise UploadError(f"Файл «{filename}»: {work} не уложилась в {number(st.limits.check_timeout, 2)} с и "
                          f"остановлена; возможно, файл повреждён или слишком сложен") from None
    except OutOfMemory:
        raise UploadError(f"Файл «{filename}»: не хватило памяти (предел — {megabytes(st.limits.max_memory)} "
                          f"на документ); документ слишком большой или небезопасен") from None
    except WorkerFailed:
        raise UploadError(f"Файл «{filename}»: произошёл сбой ({work} остановлена); файл повреждён или "
                          f"небезопасен") from None


def keep_info(st, token: str) -> dict:
    """How long a result is kept, for the bar: «до 18:42 (1 час после проверки)» and the cap on results."""
    import time

    expires = st.storage.expires(token)
    return {"keep_text": duration(st.limits.result_ttl),
            "until": time.strftime("%H:%M", time.localtime(expires)) if expires else None,
            "max_results": st.limits.max_results}


def _as_of(value: str) -> str | None:
    if not value.strip():
        return None
    from ..dates import parse_date

    d = parse_date(value)
    if d is None:
        raise InputError(f"«{value}» — не дата; пишите ДД.ММ.ГГГГ, например 01.09.2026")
    return d.isoformat()


async def report(request: Request):
    st = state(request)
    token = request.path_params["token"]
    path = st.storage.file(token, "report.html", "check")
    if path is None:
        raise HTTPException(404)
    meta = st.storage.meta(path.parent) or {}
    links = {fmt: f"/check/{token}/download/{fmt}" for fmt in FILES if (path.parent / FILES[fmt]).is_file()}
    bar = render("_report_bar.html", name=meta.get("name", "документ"), links=links, titles=TITLES, active="check",
                 fix=meta.get("fix") or {}, **keep_info(st, token))
    return inject(path.read_text(encoding="utf-8"), bar)


async def download(request: Request):
    st = state(request)
    token, fmt = request.path_params["token"], request.path_params["fmt"]
    if fmt not in FILES:
        raise HTTPException(404)
    path = st.storage.file(token, FILES[fmt], "check")
    if path is None:
        raise HTTPException(404)
    meta = st.storage.meta(path.parent) or {}
    if fmt.startswith("fixed"):
        return file_download(path, f"{stem(meta.get('name', 'документ'))}-исправленный.docx", "docx")
    ext = {"sarif": "sarif.json"}.get(fmt, fmt)
    return file_download(path, f"{stem(meta.get('name', 'документ'))}-проверка.{ext}", fmt)


routes = [
    Route("/", form, methods=["GET"]),
    Route("/check", upload, methods=["POST"]),
    Route("/check/{token}", report, methods=["GET"]),
    Route("/check/{token}/download/{fmt}", download, methods=["GET"]),
]
