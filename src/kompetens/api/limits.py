"""Request size limits: a declared Content-Length over the limit is refused before reading; a body that
streams past it (chunked) is cut off. Both answer 413 in the API's error shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import API_PREFIX, RequestTooLarge, error_body
from .headers import route_path

MULTIPART = b"multipart/form-data"


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes the server accepts. JSON and form bodies carry text; multipart bodies carry CV files."""

    max_body_bytes: int = 2_000_000
    max_upload_bytes: int = 50_000_000
    max_files: int = 200

    def for_content_type(self, content_type: bytes) -> int:
        return self.max_upload_bytes if content_type.startswith(MULTIPART) else self.max_body_bytes


def keep_uploads_in_memory(limits: Limits) -> None:
    """Hold every uploaded file of a request within ``limits`` in memory while it is parsed.

    Starlette's multipart parser spools each file part to a ``SpooledTemporaryFile`` that moves to a file
    on disk (in ``$TMPDIR``, unlinked at once) past 1 MB: a CV of 1-50 MB reached the disk, whose blocks
    keep it after the unlink, though docs/api.md says uploads are read from memory, never written to disk
    (hunt hH, finding 4). The body limit (``BodyLimitMiddleware``) bounds what a request holds anyway. The
    size is the parser's class attribute, so it is set for the process: never lowered below another app's.
    """
    from starlette.formparsers import MultiPartParser

    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, limits.max_upload_bytes)


class BodyLimitMiddleware:
    """ASGI middleware enforcing ``Limits`` on every HTTP request body."""

    def __init__(self, app: ASGIApp, *, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        multipart = headers.get(b"content-type", b"").startswith(MULTIPART)
        limit = self.limits.for_content_type(headers.get(b"content-type", b""))
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _reject(scope, send, limit, multipart=multipart)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise RequestTooLarge(limit, multipart=multipart)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except RequestTooLarge:
            if started:
                raise
            await _reject(scope, send, limit, multipart=multipart)


async def _reject(scope: Scope, send: Send, limit: int, *, multipart: bool) -> None:
    """A 413 answer: JSON under /api, a short HTML page elsewhere."""
    exc = RequestTooLarge(limit, multipart=multipart)
    if route_path(scope).startswith(API_PREFIX):
        body = json.dumps(error_body(exc.code.name, exc.code.value, exc.detail)).encode()
        content_type = b"application/json"
    else:
        body = _html_413(exc.detail).encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _html_413(message: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too large · kompetens</title>'
        f"</head><body><h1>Too large</h1><p>{escape(message)}.</p>"
        '<p>Go back and send fewer or smaller files. <a href="/">kompetens home</a></p></body></html>'
    )
