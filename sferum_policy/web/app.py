"""The Starlette application: routes, the shared state (:mod:`.state`), error pages."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..errors import SferumError
from .limits import Limits
from .pages import error_page
from .state import State
from .storage import Storage
from .uploads import UploadError
from .workers import WorkerPool

log = logging.getLogger("sferum_policy.web")
_ACTIVE = {"/generate": "generate", "/modernize": "modernize", "/audit": "audit", "/reference": "reference"}


def create_app(limits: Limits | None = None, *, clauses_dir: str | None = None, refs_dir: str | None = None,
               temp_root: Path | None = None, host: str | None = None, port: int | None = None) -> Starlette:
    """The web application; workers start on the first check, the storage is removed on shutdown.

    ``host``/``port`` are where the server listens: only those (and the loopback names) are accepted
    in ``Host``; without ``port`` any port of a loopback name is (tests, an unknown port).
    """
    from starlette.middleware import Middleware

    from . import views_audit, views_check, views_generate, views_modernize, views_reference
    from .guard import RequestGuard, allowed_hosts

    limits = limits or Limits.from_env()
    storage = Storage(limits.result_ttl, temp_root, max_results=limits.max_results, max_bytes=limits.max_storage)
    settings = {"clauses_dir": clauses_dir, "refs_dir": refs_dir}
    pool = WorkerPool(limits.workers, str(storage.root), memory_limit=limits.max_memory, **settings)
    st = State(limits, storage, pool, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            st.close()

    routes = [
        *views_check.routes, *views_generate.routes, *views_modernize.routes, *views_audit.routes, *views_reference.routes,
        Mount("/static", StaticFiles(packages=[("sferum_policy.web", "static")]), name="static"),
    ]
    guard = Middleware(RequestGuard, hosts=allowed_hosts(host, port))
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[guard], exception_handlers={
        HTTPException: _http_error, UploadError: _upload_error, SferumError: _user_error, Exception: _internal_error,
    })
    app.state.sferum = st
    return app


def _active(request: Request) -> str:
    path = request.url.path
    return next((v for k, v in _ACTIVE.items() if path.startswith(k)), "check")


async def _http_error(request: Request, exc: HTTPException):
    messages = {404: "Такой страницы нет, или срок хранения результата истёк — загрузите файл ещё раз.",
                405: "Эта страница открывается по ссылке из меню."}
    return error_page(messages.get(exc.status_code, str(exc.detail)), exc.status_code, _active(request))


_BACK = {"check": "/", "generate": "/generate", "modernize": "/modernize", "audit": "/audit", "reference": "/reference"}


async def _upload_error(request: Request, exc: UploadError):
    return error_page(str(exc), exc.status, _active(request), back=_BACK[_active(request)])


async def _user_error(request: Request, exc: SferumError):
    return error_page(str(exc), 400, _active(request), back=_BACK[_active(request)])


async def _internal_error(request: Request, exc: Exception):
    log.exception("internal error on %s", request.url.path)
    return error_page("Внутренняя ошибка программы. Попробуйте ещё раз; если ошибка повторится, "
                      "сообщите разработчикам, что вы делали.", 500, _active(request))
