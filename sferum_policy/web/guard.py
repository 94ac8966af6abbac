"""Requests only from this computer's own page: Host names and cross-site form posts.

The page runs on the user's computer without a password, so two attacks matter:

* **cross-site requests** — any website the user visits can post a form or ``fetch`` to
  ``http://127.0.0.1:8000``: it could start checks (and eat the memory) or show a forged draft act
  on the local page. Every request that changes something (any method but GET/HEAD/OPTIONS) must
  come from the page itself: ``Sec-Fetch-Site`` (sent by every current browser) must be
  ``same-origin`` or ``none``, and ``Origin`` (or, without it, ``Referer``) must be one of the
  server's own origins. A request without any of them is not from a browser page (curl, a script
  on this computer) and cannot be forged by a website;
* **DNS rebinding** — a website whose name resolves to 127.0.0.1 reads the page as its own origin:
  only the server's own host names are accepted in ``Host`` (127.0.0.1, localhost, [::1] and the
  address it was started on, with the port it listens on). A server started on all addresses
  (``--host 0.0.0.0``, with a warning) cannot know its names and accepts any; the cross-site
  check still holds there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
ANY = frozenset({"*"})  # served on all addresses (``--host 0.0.0.0``): the names are not known
_SAFE = {"GET", "HEAD", "OPTIONS"}


def allowed_hosts(host: str | None = None, port: int | None = None) -> frozenset[str] | None:
    """``Host`` values to accept: the loopback names (and ``host``) with ``port``; None = loopback, any port."""
    if host in ("0.0.0.0", "::", ""):  # every address of the machine, asked for explicitly: any name it has
        return ANY
    names = set(LOOPBACK)
    if host:
        names.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    if port is None:
        return None
    out = {f"{n}:{port}" for n in names}
    if port == 80:
        out |= names
    return frozenset(out)


def _host_ok(value: str, hosts: frozenset[str] | None) -> bool:
    value = value.strip().lower()
    if hosts is ANY:
        return bool(value)
    if hosts is not None:
        return value in hosts
    name = value.rsplit(":", 1)[0] if not value.endswith("]") else value
    port = value[len(name) + 1:]
    return name in LOOPBACK and (port == "" or port.isdigit())


def _origin(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


class RequestGuard:
    """ASGI middleware: 400 for a foreign ``Host``, 403 for a cross-site request that changes something."""

    def __init__(self, app, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if not _host_ok(host, self.hosts):
            return await _refuse(scope, receive, send, 400,
                                 "Страница открыта по чужому адресу. Откройте её по адресу, который показала "
                                 "программа при запуске, например http://127.0.0.1:8000/.")
        if scope["method"] not in _SAFE:
            reason = self._cross_site(headers, host.strip().lower())
            if reason:
                return await _refuse(scope, receive, send, 403,
                                     f"Запрос отклонён: {reason}. Форму можно отправить только со страницы самой "
                                     f"программы — откройте http://{host}/ и повторите.")
        return await self.app(scope, receive, send)

    @staticmethod
    def _cross_site(headers: dict[str, str], host: str) -> str | None:
        site = headers.get("sec-fetch-site", "").strip().lower()
        if site and site not in ("same-origin", "none"):
            return "форма отправлена с другого сайта"
        if site == "same-origin":  # the browser vouches for it (Origin may be «null» under a strict referrer policy)
            return None
        origin = headers.get("origin")
        if origin is not None:
            if origin.strip().lower() == "null" or _origin(origin) != host:
                return "форма отправлена с другого сайта или адреса"
            return None
        referer = headers.get("referer")
        if referer and _origin(referer) != host:
            return "форма отправлена с другого сайта или адреса"
        return None


async def _refuse(scope, receive, send, status: int, message: str):
    from .pages import error_page

    titles = {400: "Чужой адрес страницы", 403: "Запрос с другого сайта"}
    response = error_page(message, status, None, title=titles[status])
    await response(scope, receive, send)
