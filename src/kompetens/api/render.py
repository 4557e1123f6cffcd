"""Templates and the page helper: every page gets the navigation, the area labels and safe headers."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import Response

from ..engine import Engine
from ..errors import KompetensError, http_status
from .csrf import csrf_token, set_csrf_cookie

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Home"),
    ("/review", "Review an ad"),
    ("/rank", "Rank candidates"),
    ("/candidates", "Stored candidates"),
    ("/areas", "Areas"),
    ("/link", "Link a skill"),
)

SHORT_LABELS: dict[str, str] = {
    "marketing_communication": "Marketing",
    "customer_service": "Customer service",
    "platform_technology": "Platforms",
    "api_seo": "API & SEO",
    "psychology_interaction": "Psychology",
    "community": "Community",
    "data_insight": "Data",
    "strategy": "Strategy",
}
"""Column headings for the ranking table, where the full area names do not fit."""

# Pages load only their own stylesheet and never run inline code; forms post back to this server.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("kompetens.api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: f"{round(100 * float(v or 0.0))}"
    env.filters["level"] = lambda v: min(10, max(0, round(10 * float(v or 0.0))))
    return Jinja2Templates(env=env)


def area_info(engine: Engine) -> list[dict[str, str]]:
    """Each area's id, English and Swedish names and short label, in the contract's order."""
    return [
        {
            "id": a.id,
            "label_en": a.label_en,
            "label_sv": a.label_sv,
            "short": SHORT_LABELS.get(a.id, a.label_en),
            "description": a.description_en,
        }
        for a in engine.areas()
    ]


def page(request: Request, name: str, *, status: int = 200, **context: Any) -> Response:
    engine: Engine = request.app.state.engine
    areas = area_info(engine)
    tpl: Jinja2Templates = request.app.state.templates
    base = {
        "nav": NAV,
        "csrf": csrf_token(request),
        "user": getattr(request.state, "user", None),
        "path": request.url.path,
        "root": request.scope.get("root_path", ""),
        "areas": areas,
        "area": {a["id"]: a for a in areas},
    }
    response = tpl.TemplateResponse(request, name, base | context, status_code=status, headers=HEADERS)
    set_csrf_cookie(request, response)
    return response


def error_page(request: Request, exc: KompetensError) -> Response:
    """The error page of a coded error, with the HTTP status the API gives the same code."""
    return page(
        request, "error.html", status=http_status(exc.code), heading=exc.code.value.capitalize(), error=exc
    )


def http_error_page(request: Request, status: int, detail: Any) -> Response:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    message = detail if isinstance(detail, str) and detail != phrase else None
    return page(request, "error.html", status=status, heading=phrase, message=message)
