"""Rendering pages: the Jinja2 environment (autoescape on), error pages, file downloads."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from starlette.responses import HTMLResponse, Response

NAV = (("check", "/", "Проверить документ"), ("generate", "/generate", "Создать положение"),
       ("modernize", "/modernize", "Обновить акт"),
       ("audit", "/audit", "Аудит"), ("reference", "/reference", "Справочник"))
MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8", "sarif": "application/sarif+json",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "md": "text/markdown; charset=utf-8", "yaml": "application/x-yaml; charset=utf-8",
         "csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "SAMEORIGIN",
             "Cache-Control": "no-store"}


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("sferum_policy.web", "templates"),
                      autoescape=select_autoescape(["html"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["nav"] = NAV
    return env


def render(template: str, **ctx: Any) -> str:
    return environment().get_template(template).render(**ctx)


def page(template: str, code: int = 200, **ctx: Any) -> HTMLResponse:
    """A full page of the site (``ctx["active"]`` marks the menu item)."""
    return HTMLResponse(render(template, **ctx), status_code=code, headers=_SECURITY)


def error_page(message: str, status: int, active: str | None = None, back: str | None = None,
               title: str | None = None) -> HTMLResponse:
    """One Russian message on a page, with the status a program can read."""
    titles = {400: "Не удалось обработать файл", 404: "Страница не найдена", 405: "Так эту страницу открыть нельзя",
              413: "Файл слишком большой", 415: "Неподходящий файл", 500: "Внутренняя ошибка"}
    return page("error.html", code=status, active=active, title=title or titles.get(status, "Ошибка"),
                message=message, back=back or "/")


def inject(html: str, bar: str) -> HTMLResponse:
    """A self-contained report or dashboard with the site's bar put right after ``<body>``."""
    m = re.search(r"<body[^>]*>", html)
    at = m.end() if m else 0
    return HTMLResponse(html[:at] + bar + html[at:], headers=_SECURITY)


def download(data: bytes | str, filename: str, fmt: str) -> Response:
    """An attachment; the name is given both as ASCII and in RFC 5987 form (Cyrillic names survive)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("_") or f"file.{fmt}"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(payload, media_type=MEDIA.get(fmt, "application/octet-stream"),
                    headers={**_SECURITY, "Content-Disposition": disposition})


def file_download(path: Path, filename: str, fmt: str) -> Response:
    return download(path.read_bytes(), filename, fmt)


def stem(filename: str) -> str:
    """The user's file name without extension, for names of downloads."""
    s = Path(filename).stem.strip() or "документ"
    return re.sub(r"[\\/:*?\"<>|]+", "_", s)[:80]


def nl2br(text: str) -> Markup:
    from markupsafe import escape

    return Markup("<br>".join(str(escape(line)) for line in text.splitlines()))
