"""The API reference page, /docs (Swagger UI), served from this server.

FastAPI's own pages load their script and stylesheet from a CDN, so on a machine without a network (or behind
a proxy that blocks it) they stay blank. Here the page takes its assets from the PyPI package
``fastapi-offline`` (MIT; Swagger UI 5 inside), mounted under ``/static/apidocs/`` (cacheable, as all of
``/static/``): nothing the page loads comes from anywhere but this server. FastAPI's /redoc is off: ReDoc
loads its logo from its maker's CDN whatever it is given.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from ..errors import Code, KompetensError

ASSETS_URL = "/static/apidocs"
"""Where the pages' assets are mounted (under /static/, so SafeHeaders lets browsers cache them)."""

ASSETS_PACKAGE = "fastapi_offline"
TITLE = "kompetens API"

router = APIRouter()


def assets_dir() -> Path:
    """The folder of the Swagger UI assets in the installed ``fastapi-offline`` package (found
    without importing it: its module would build a FastAPI class we do not use)."""
    spec = importlib.util.find_spec(ASSETS_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    folder = Path(locations[0]) / "static" if locations else None
    if folder is None or not (folder / "swagger-ui-bundle.js").is_file():
        raise KompetensError(
            Code.E302,
            "the API reference's assets are missing: the package fastapi-offline is not installed "
            "(pip install 'fastapi-offline==1.7.7', or reinstall kompetens)",
        )
    return folder


def assets() -> StaticFiles:
    """The mount of the assets (``app.mount(ASSETS_URL, assets())``)."""
    return StaticFiles(directory=assets_dir())


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


@router.get("/docs", include_in_schema=False)
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, its script, stylesheet and icon from this server."""
    root = _root(request)
    return get_swagger_ui_html(
        openapi_url=f"{root}/openapi.json",
        title=TITLE,
        swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
    )
