"""The app factory: one ASGI app over one Engine, the web pages at / and the JSON API at /api/v1."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..engine import Engine
from ..errors import KompetensError
from ..lang import REPORT_LANGS
from ..pool import EnginePool
from . import admin_pages, apidocs, errors, jobs, pages, stored, stored_pages, users, work_pages
from .auth import LOOPBACK_NAMES, HostGuard, LoginRequired
from .headers import SafeHeaders
from .limits import BodyLimitMiddleware, Limits, keep_uploads_in_memory
from .render import templates
from .routes import public, router
from .schemas import ErrorResponse

DESCRIPTION = """\
Find social-media competence in job ads and CVs (Swedish + English), review ads for biased wording and
missing competence areas, and rank candidates by evidence. The JSON follows the `kompetens ... --json`
contract. Errors have one shape: `{"error": {"code", "kind", "message", "source", "field"}}`.
"""

TAGS = [{"name": "kompetens", "description": "Extraction, review, linking and ranking."}]

POOL_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "Server busy: no engine worker free (E600; Retry-After)"},
    504: {"model": ErrorResponse, "description": "The request ran past the time limit (E601)"},
}
"""What `kompetens serve`'s engine workers may answer instead (docs/api.md, "Workers and time limits")."""


def create_app(
    engine: Engine,
    *,
    limits: Limits | None = None,
    cors_origins: Sequence[str] = (),
    allowed_hosts: Sequence[str] = LOOPBACK_NAMES,
    https: bool = False,
    pool: EnginePool | None = None,
    csrf_key: bytes | None = None,
) -> FastAPI:
    """Build the app: web UI at /, API at /api/v1, OpenAPI at /openapi.json, API docs at /docs.

    CORS stays off unless ``cors_origins`` names the origins allowed to call the API from a browser.
    ``allowed_hosts`` are the Host names the server answers (others get 400; see api/auth.py); ``https``
    marks the cookies Secure (the server is reached over https, e.g. behind a TLS proxy). ``pool`` (started,
    closed by the caller) runs the engine's computing calls in worker processes under a time limit; without
    one every engine call runs on ``engine`` under one lock (see api/deps.py, kompetens/pool.py).
    ``csrf_key`` signs the forms' CSRF tokens (``csrf.persistent_key``: the data folder's, what `kompetens
    serve` passes); without one the app makes a random key that lasts as long as it does.
    """
    app = FastAPI(
        title="kompetens",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        license_info={"name": "MIT"},
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN: api/apidocs.py serves it from here
        redoc_url=None,  # ReDoc's page loads its logo from a CDN whatever it is given
    )
    app.state.engine = engine
    app.state.engine_lock = threading.Lock()
    app.state.engine_pool = pool
    app.state.limits = limits or Limits()
    keep_uploads_in_memory(app.state.limits)  # no CV part spooled to a temporary file on disk
    app.state.templates = templates()
    app.state.https = https
    app.state.csrf_secret = csrf_key or secrets.token_bytes(32)
    app.state.jobs = jobs.Jobs()
    app.include_router(public, tags=["kompetens"])
    app.include_router(router, tags=["kompetens"], responses=POOL_RESPONSES)
    app.include_router(stored.router, tags=["stored work"], responses=POOL_RESPONSES)
    app.include_router(users.router, tags=["accounts"])
    app.include_router(jobs.router, tags=["background jobs"])
    app.include_router(pages.router, include_in_schema=False)
    app.include_router(stored_pages.router, include_in_schema=False)
    app.include_router(work_pages.router, include_in_schema=False)
    app.include_router(admin_pages.router, include_in_schema=False)
    app.include_router(jobs.pages, include_in_schema=False)
    app.include_router(pages.login_router, include_in_schema=False)
    app.include_router(apidocs.router)
    app.mount(apidocs.ASSETS_URL, apidocs.assets(), name="apidocs")  # before /static, which would take it
    app.mount("/static", StaticFiles(packages=[("kompetens.api", "static")]), name="static")
    app.add_exception_handler(LoginRequired, to_login)
    app.add_exception_handler(KompetensError, errors.on_kompetens_error)
    app.add_exception_handler(RequestValidationError, errors.on_validation_error)
    app.add_exception_handler(HTTPException, errors.on_http_error)
    app.add_exception_handler(Exception, errors.on_unexpected)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            # a list's total, for a browser client that pages; a kept ranking's record (POST /rank)
            expose_headers=["X-Total-Count", "Kompetens-Ranking", "Location"],
        )
    app.add_middleware(BodyLimitMiddleware, limits=app.state.limits)
    app.add_middleware(HostGuard, hosts=allowed_hosts, origins=cors_origins)
    app.add_middleware(errors.CatchUnexpected)  # no exception reaches the server's log whole
    app.add_middleware(SafeHeaders)  # outermost: no-store and nosniff on every answer, errors included
    return app


async def to_login(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    root = request.scope.get("root_path", "")
    lang = exc.lang if exc.lang in REPORT_LANGS else None
    # the page language a signed-out visitor asked for (/rankings?lang=sv) holds on the sign-in page and on
    # the page they land on: it was dropped, and an English browser showed both in English (hunt hR)
    next_path = exc.next_path + (f"?lang={lang}" if lang else "")
    query = [f"next={quote(next_path)}"] if exc.next_path not in ("", "/") or lang else []
    query += [f"lang={lang}"] if lang else []
    return RedirectResponse(f"{root}/login" + (f"?{'&'.join(query)}" if query else ""), status_code=303)
