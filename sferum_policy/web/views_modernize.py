"""«Обновить акт»: upload an old act → the profile form filled from it (each value with its excerpt, the
missing fields highlighted) → the new act, the change summary and the redline.

The upload is read in a worker process under the check's limits (size, time, memory); the scratch copy
is deleted when the request ends. What the second step needs — a copy of the old act (the redline is
made on it) and the extraction — stays in the result's private token folder and goes with the result
after the storage TTL (or at once, by «Удалить сейчас»).
"""

from __future__ import annotations

import shutil

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ..vocab import ORG_KIND_TITLES, PLATFORM_TITLES, OrgKind, Platform
from . import forms
from .limits import duration
from .pages import file_download, page, stem
from .uploads import UploadError, parse_form
from .views_check import _as_of, document_upload, keep_info, run_task
from .views_generate import _role_words

KIND = "modernize"
FILES = {"act": ("act.docx", "docx"), "redline": ("redline.docx", "docx"), "summary": ("summary.html", "html"),
         "summary-md": ("summary.md", "md"), "profile": ("profile.yaml", "yaml")}
_NAMES = {"act": "{stem}-новый.docx", "redline": "{stem}-исправления.docx", "summary": "{stem}-сводка.html",
          "summary-md": "{stem}-сводка.md", "profile": "профиль-{stem}.yaml"}


def state(request: Request):
    """The server's shared state (limits, storage, workers); read here, not imported from :mod:`.app`,
    which imports this module."""
    return request.app.state.sferum


def _old_file(folder) -> str | None:
    return next((p.name for p in sorted(folder.glob("old.*"))), None)


async def form(request: Request):
    st = state(request)
    return page("modernize_upload.html", active=KIND, max_mb=st.limits.max_document // (1024 * 1024),
                timeout_text=duration(st.limits.check_timeout), keep_text=duration(st.limits.result_ttl),
                deleted=request.query_params.get("deleted") == "1")


async def upload(request: Request):
    st = state(request)
    with st.storage.scratch() as scratch:
        doc, as_of = await document_upload(request, st, scratch)  # the page does not ask a date; a program may send it
        result = await run_task(st, "modernize_act", (doc.filename, str(doc.path), as_of), doc.filename, "обработка")
        if result["status"] != "ok":
            raise UploadError(result["error"] or f"Файл «{doc.filename}» не удалось прочитать")
        token, folder = st.storage.new(KIND, name=doc.filename, as_of=as_of, values=result["values"],
                                       sources=result["sources"], missing=result["missing"],
                                       summary=result["summary"], title=result["title"],
                                       old_platforms=result["old_platforms"], counts=result["counts"])
        shutil.copyfile(doc.path, folder / f"old{doc.path.suffix}")  # for the second step (and the redline)
    st.storage.done(token)
    return RedirectResponse(f"/modernize/{token}", status_code=303)


def _meta(request: Request):
    st = state(request)
    token = request.path_params["token"]
    folder = st.storage.folder(token, KIND)
    meta = st.storage.meta(folder) if folder is not None else None
    if folder is None or meta is None:
        raise HTTPException(404)
    return st, token, folder, meta


def _form_page(st, token: str, meta: dict, values: dict, *, errors: dict | None = None, status: int = 200):
    kind = values.get("organization.kind") or "school"
    if kind not in OrgKind.__members__:
        kind = "school"
    from ..ru import plural

    left = sum(1 for n in meta.get("missing") or [] if not str(values.get(n, "") or "").strip())
    olds = [PLATFORM_TITLES[Platform(p)] for p in meta.get("old_platforms") or [] if p in Platform.__members__]
    return page("modernize.html", code=status, active=KIND, v=values, errors=errors or {}, preview=None,
                summary=None, notice=None, kinds=[(k.value, t) for k, t in ORG_KIND_TITLES.items()], kind=kind,
                district=kind == "district", roles=_role_words(kind), flags=forms.OPTION_FLAGS, ph=forms.placeholders(kind),
                flag_titles=forms.OPTION_TITLES, platforms=forms.PLATFORM_CHOICES, council_rows=range(forms.COUNCIL_ROWS),
                src=meta.get("sources") or {}, missing=set(meta.get("missing") or []), missing_text=forms.MISSING_TEXT,
                name=meta.get("name", "документ"), changes=meta.get("summary") or [], old_platforms=olds,
                counts=_counts(meta.get("counts") or {}),
                form_action=f"/modernize/{token}", token=token, blank_ok=True,
                left_text=plural(left, "поле", "поля", "полей") if left else "", **keep_info(st, token))


def _counts(counts: dict) -> str:
    """«из положений прежнего акта не переносится (нарушения) — 3, заменяется типовыми — 37, переносится как
    есть — 1; из библиотеки добавляется — 45»."""
    if not counts:
        return ""
    return (f"из положений прежнего акта не переносится (нарушения) — {counts['dropped']}, заменяется типовыми — "
            f"{counts['replaced']}, переносится как есть — {counts['carried']}; из библиотеки добавляется — "
            f"{counts['added']}")


async def show(request: Request):
    st, token, _, meta = _meta(request)
    return _form_page(st, token, meta, dict(meta.get("values") or {}))


def _validate(values: dict) -> dict[str, str]:
    """The generator's validation of the profile (the same fields, the same messages); unlike the
    generator's form, the date or number of a protocol or of the order may stay empty — the new act
    prints a blank «___», as ``modernize`` does for what the old act did not state."""
    from pydantic import ValidationError

    from ..generator.profile import Profile

    data = forms.profile_data(values)
    for protocol in ([data["adoption"]] if data.get("adoption") else []) + data["councils"]:
        for part in ("date", "number"):
            protocol[part] = protocol[part] or None
    for part in ("order_date", "order_number"):
        data["approval"][part] = data["approval"][part] or None
    try:
        Profile.model_validate(data)
    except ValidationError as exc:
        return forms.field_errors(exc)
    return {}


async def submit(request: Request):
    st, token, folder, meta = _meta(request)
    with st.storage.scratch() as scratch:
        f = await parse_form(request, scratch, st.limits, st.limits.max_profile)
    values = forms.submitted(f)
    values["document.platforms"] = list((meta.get("values") or {}).get("document.platforms") or ["max"])
    if f.get("action") == "kind":  # the kind changed: the same values, the kind's words and fields
        return _form_page(st, token, meta, values)
    errors = await run_in_threadpool(_validate, values)
    if errors:
        return _form_page(st, token, meta, values, errors=errors, status=400)
    old = _old_file(folder)
    if old is None:
        raise HTTPException(404)
    as_of = _as_of(values.get("document.as_of", "")) or meta.get("as_of")
    changed = forms.answers(values, meta.get("values") or {})
    name = meta.get("name", "документ")
    result = await run_task(st, "modernize_act", (name, str(folder / old), as_of, changed, True), name, "обработка")
    if result["status"] != "ok":
        raise UploadError(result["error"] or f"Файл «{name}» не удалось обработать")
    from .pages import render

    html = render("modernize_summary.html", name=name, title=result["title"], changes=result["summary"])
    for key, data in (("act", result["act"]), ("redline", result["redline"]), ("summary", html),
                      ("summary-md", result["summary_md"]), ("profile", result["profile_yaml"])):
        target = folder / FILES[key][0]
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        tmp.replace(target)
    meta.update(done=True, result_summary=result["summary"], result_title=result["title"], submitted=values)
    st.storage.save_meta(folder, meta)
    st.storage.done(token)
    return RedirectResponse(f"/modernize/{token}/result", status_code=303)


async def result(request: Request):
    st, token, folder, meta = _meta(request)
    if not meta.get("done"):
        return RedirectResponse(f"/modernize/{token}", status_code=303)
    links = {key: f"/modernize/{token}/download/{key}" for key, (fname, _) in FILES.items() if (folder / fname).is_file()}
    return page("modernize_result.html", active=KIND, name=meta.get("name", "документ"), token=token, links=links,
                title=meta.get("result_title") or "акт", changes=meta.get("result_summary") or [], **keep_info(st, token))


async def download_file(request: Request):
    st, token, _, meta = _meta(request)
    key = request.path_params["what"]
    if key not in FILES:
        raise HTTPException(404)
    fname, fmt = FILES[key]
    path = st.storage.file(token, fname, KIND)
    if path is None:
        raise HTTPException(404)
    return file_download(path, _NAMES[key].format(stem=stem(meta.get("name", "документ"))), fmt)


async def delete(request: Request):
    st, token, _, _ = _meta(request)
    st.storage.remove(token)
    return RedirectResponse("/modernize?deleted=1", status_code=303)


routes = [
    Route("/modernize", form, methods=["GET"]),
    Route("/modernize", upload, methods=["POST"]),
    Route("/modernize/{token}", show, methods=["GET"]),
    Route("/modernize/{token}", submit, methods=["POST"]),
    Route("/modernize/{token}/result", result, methods=["GET"]),
    Route("/modernize/{token}/download/{what}", download_file, methods=["GET"]),
    Route("/modernize/{token}/delete", delete, methods=["POST"]),
]
