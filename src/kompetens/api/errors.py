"""Errors as HTTP responses: one JSON shape, ``{"error": {code, kind, message, source, field}}``.

Nothing here echoes request bodies or logs them: a CV's text must not end up in a log or an error message.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import Code, ErrorInfo, ErrorReply, KompetensError, http_status, public_field
from .headers import route_path
from .messages import api_message
from .render import error_page, http_error_page

log = logging.getLogger("kompetens.api")

API_PREFIX = "/api/"


class RequestTooLarge(HTTPException):
    """A body over the size limit. Raised from ``receive``: FastAPI passes HTTPExceptions from body
    parsing on unchanged, so the route never runs."""

    def __init__(self, limit: int, *, multipart: bool) -> None:
        what = "the uploaded files are" if multipart else "the request body is"
        self.code = Code.E103 if multipart else Code.E111
        super().__init__(413, f"{what} larger than the limit of {limit:,} bytes")


ERROR_HEADERS: dict[Code, dict[str, str]] = {
    Code.E503: {"WWW-Authenticate": "Bearer"},
    Code.E600: {"Retry-After": "1"},
    Code.E602: {"Retry-After": "1"},
    Code.E603: {"Retry-After": "5"},
}
"""Headers that come with a coded error: how to sign in, when to try again."""


def error_body(code: str, kind: str, message: str, *, field: str | None = None) -> dict[str, object]:
    """``{"error": {...}}`` of an error that is no KompetensError (every key present)."""
    return asdict(ErrorReply(ErrorInfo(code, kind, message, None, field)))


def is_api(request: Request) -> bool:
    return route_path(request.scope).startswith(API_PREFIX)


def kompetens_error_response(exc: KompetensError) -> JSONResponse:
    headers = ERROR_HEADERS.get(exc.code)
    info = replace(exc.info(), field=api_field(exc))
    info = replace(info, message=api_message(info.message))
    return JSONResponse(asdict(ErrorReply(info)), status_code=http_status(exc.code), headers=headers)


LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})
"""The first part of a FastAPI error's ``loc``: where the field is, which ``field`` leaves out."""


def api_field(exc: KompetensError) -> str | None:
    """``exc.field`` as the REST API names it: the operation's own name of the field at fault (the rule is
    ``errors.public_field``, which the CLI's JSON errors follow too)."""
    return public_field(exc.code, exc.field)


def loc_field(loc: Sequence[Any]) -> str:
    """The ``field`` of a FastAPI error's ``loc``: the name as the operation documents it, without where it
    is sent (``("query", "limit")`` -> ``limit``, ``("body", "role", "weights")`` -> ``role.weights``)."""
    parts = list(loc)
    if parts and parts[0] in LOCATIONS:
        parts = parts[1:]
    return ".".join(str(p) for p in parts)


def validation_error_response(errors: Sequence[Any], *, hint: str | None = None) -> JSONResponse:
    """A request that does not fit its schema (``hint``: what to do instead, put first): 422, E301, with the
    (first) field at fault; 400, E107, only for a JSON body that cannot be parsed. The offending
    input is left out on purpose."""
    parts: list[str] = []
    fields: list[str] = []
    bad_json = False
    for err in errors:
        loc = loc_field(err.get("loc", ()))
        bad_json = bad_json or err.get("type") == "json_invalid"
        fields.append(loc)
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
    if bad_json:
        body = error_body(Code.E107.name, Code.E107.value, "the request body is not valid JSON")
        return JSONResponse(body, status_code=400)
    field = next(
        (f for f in fields if f), None
    )  # the first at fault: path, query, then body (FastAPI's order)
    message = "; ".join([hint, *parts] if hint else parts)
    return JSONResponse(error_body(Code.E301.name, Code.E301.value, message, field=field), status_code=422)


def http_error_response(status: int, detail: Any, headers: Mapping[str, str] | None = None) -> JSONResponse:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "error"
    message = detail if isinstance(detail, str) else phrase
    return JSONResponse(error_body(f"HTTP{status}", phrase, message), status_code=status, headers=headers)


async def on_kompetens_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KompetensError)
    if not is_api(request):
        return error_page(request, exc)
    return kompetens_error_response(exc)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    response = validation_error_response(exc.errors(), hint=_file_twin_hint(request))
    if not is_api(request):
        return http_error_page(request, response.status_code, "the form was not filled in as expected")
    return response


def _file_twin_hint(request: Request) -> str | None:
    """Where a file posted as a form to a JSON route belongs: its multipart twin (``/api/v1/review`` ->
    ``/api/v1/review/file``), where the API has one; else, for a JSON route sent another content type
    (text/plain, a form), that it takes JSON; for a multipart route sent anything else (JSON, a file's bytes
    as the body), that it takes a multipart form and its file field."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    said = f"was sent as {content_type}" if content_type else "had no Content-Type"
    paths = request.app.openapi().get("paths", {})  # built once, then cached by the app
    route = request.scope.get("route")
    template = getattr(route, "path_format", None) or request.url.path
    takes = paths.get(template, {}).get(request.method.lower(), {}).get("requestBody", {}).get("content", {})
    if "multipart/form-data" in takes and content_type != "multipart/form-data":
        # a bug hunt, hJ: JSON posted to /candidates answered "cvs: Field required" alone
        field = _file_field(request)
        files = f", its files as `{field}`" if field else ""
        return (
            f"this route takes a multipart form (Content-Type: multipart/form-data{files}); the body {said}"
        )
    if content_type == "application/json" or content_type.endswith("+json"):
        return None
    twin = request.url.path.rstrip("/") + "/file"
    if content_type == "multipart/form-data" and "post" in paths.get(twin, {}):
        return f"this route takes JSON; send a file as multipart/form-data to {twin}"
    if "application/json" in takes:  # the matched route's template: "/api/v1/candidates/{cid}/..."
        return f"this route takes a JSON body (Content-Type: application/json); the body {said}"
    return None


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not is_api(request):
        return http_error_page(request, exc.status_code, exc.detail)
    if isinstance(exc, RequestTooLarge):
        return JSONResponse(error_body(exc.code.name, exc.code.value, exc.detail), status_code=413)
    if exc.status_code == 400 and _is_multipart(request) and str(exc.detail).startswith(TOO_MANY):
        # Starlette's parser stops at 1,000 files or fields, before the route's own limit can say so: the
        # body is well-formed, there is too much of it (a bug hunt, hJ: 1,001 CVs were "not well-formed")
        limit = request.app.state.limits.max_files
        message = f"more than 1,000 files or fields in one request; at most {limit:,} files per request"
        field = _file_field(request)
        return JSONResponse(
            error_body(Code.E301.name, Code.E301.value, message, field=field), status_code=422
        )
    if exc.status_code == 400 and _is_multipart(request):  # Starlette's "Missing boundary in multipart."
        message = "the multipart body is not well-formed (its boundary, a part's headers or its end)"
        return JSONResponse(error_body(Code.E114.name, Code.E114.value, message), status_code=400)
    if exc.status_code == 400 and exc.detail == BODY_NOT_PARSED:  # FastAPI's word for a body not in UTF-8
        return JSONResponse(error_body(Code.E107.name, Code.E107.value, NOT_UTF8), status_code=400)
    return http_error_response(exc.status_code, exc.detail, exc.headers)


TOO_MANY = ("Too many files", "Too many fields")
"""How Starlette's multipart parser begins the message of a body of more parts than it takes."""


def _file_field(request: Request) -> str | None:
    """The operation's (first) file field, as its OpenAPI form names it (``cvs``, ``ads``), or None."""
    route = request.scope.get("route")
    template = getattr(route, "path_format", None) or request.url.path
    openapi = request.app.openapi()
    operation = openapi.get("paths", {}).get(template, {}).get(request.method.lower(), {})
    schema = (
        operation.get("requestBody", {}).get("content", {}).get("multipart/form-data", {}).get("schema", {})
    )
    if "$ref" in schema:
        schema = openapi.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1], {})
    for name, prop in schema.get("properties", {}).items():
        for option in [prop, *prop.get("anyOf", [])]:
            if "contentMediaType" in option or "contentMediaType" in option.get("items", {}):
                return str(name)
    return None


def _is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith("multipart/")


BODY_NOT_PARSED = "There was an error parsing the body"
NOT_UTF8 = "the request body is not valid JSON in UTF-8"


async def on_unexpected(request: Request, exc: Exception) -> Response:
    if isinstance(exc, UnicodeEncodeError):  # text posted with an unpaired surrogate ("\ud800" in JSON)
        return await on_kompetens_error(request, NOT_UNICODE)
    # The type, the path and where it was raised: the message of an arbitrary exception (and the values of
    # its frames) may quote the input, file names and line numbers do not.
    log.error(
        "internal error %s on %s %s at %s",
        type(exc).__name__,
        request.method,
        request.url.path,
        raised_at(exc),
    )
    if not is_api(request):
        return http_error_page(request, 500, "an internal error occurred; see the server log")
    return JSONResponse(
        error_body("E000", "internal error", "an internal error occurred; see the server log"),
        status_code=500,
    )


NOT_UNICODE = KompetensError(
    Code.E102, "the text is not valid Unicode (it holds an unpaired surrogate, such as \\ud800 in JSON)"
)


class CatchUnexpected:
    """The outermost middleware of the app's own: an exception no handler took is answered here (500, or
    422 for text that is not Unicode) and logged by ``on_unexpected`` as its type and place only. Starlette's
    own last handler answers too but then raises the exception again for the server, which logs it whole,
    message and source lines included: a message may quote a CV."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            response = await on_unexpected(Request(scope, receive), exc)
            if not started:  # else the answer was on its way: the log line says what happened
                await response(scope, receive, send)


def raised_at(exc: BaseException, frames: int = 4) -> str:
    """Where ``exc`` was raised: the innermost ``frames`` frames as ``file:line in function``, innermost last,
    without the message or any value (they may quote a CV)."""
    where = traceback.extract_tb(exc.__traceback__)[-frames:]
    return " < ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(where)) or "?"
