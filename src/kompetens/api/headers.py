"""Headers every response gets: ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff``.

Candidate pages, the export (the whole CV in base64), the file download and most API answers hold personal
data. Sign-out deletes the session on the server, but only ``no-store`` stops a browser's cache (or a proxy
in front of ``--https``) from keeping a copy after it. Deciding per route would leave a new route uncached
only if someone remembered, so every response but the static assets (stylesheet, script: no personal data,
worth caching) is marked. ``nosniff`` goes on every response, the static ones included: a JSON answer or a
CV file is never run as a script or shown as HTML because a browser guessed its type.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC_PREFIX = "/static/"
"""The assets that hold no personal data and may be cached."""
NO_STORE = "no-store"


def caches_allowed(path: str) -> bool:
    """Whether a response to ``path`` may be kept by a cache: the static assets only."""
    return path.startswith(STATIC_PREFIX)


def route_path(scope: Scope) -> str:
    """The request's path without the ``serve --root-path`` prefix, which uvicorn puts in front of it
    ("/kompetens/api/v1/health" -> "/api/v1/health"): what tells an API request from a page's."""
    path, root = str(scope.get("path", "")), str(scope.get("root_path", ""))
    return path[len(root) :] if root and path.startswith(root) else path


class SafeHeaders:
    """ASGI middleware: sets the two headers on each response as it starts, whatever answered (a route, an
    error handler, a redirect), so no code path can forget them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = caches_allowed(route_path(scope))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if not cacheable:
                    headers["Cache-Control"] = NO_STORE
                message["headers"] = headers.raw
            await send(message)

        await self.app(scope, receive, send_with_headers)
