"""CSRF tokens and the cookies of the web pages.

Every form carries a CSRF token: an HMAC, under a random key of the server process, of a random cookie of the
browser's (HttpOnly, SameSite=Strict). A page POST without the token of its browser is refused with 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

SESSION_COOKIE = "kompetens_session"
CSRF_COOKIE = "kompetens_csrf"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _secret(request: Request) -> bytes:
    secret: bytes = request.app.state.csrf_secret
    return secret


def csrf_binding(request: Request) -> str:
    """The browser's random CSRF cookie (made now if it has none; ``set_csrf_cookie`` sends it)."""
    value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_binding", None)
    if not value:
        value = secrets.token_urlsafe(32)
        request.state.csrf_binding = value
        request.state.csrf_new = True
    return str(value)


def csrf_token(request: Request) -> str:
    """The token every form of this browser carries."""
    return hmac.new(_secret(request), csrf_binding(request).encode(), hashlib.sha256).hexdigest()


def set_cookie(
    request: Request, response: Response, name: str, value: str, *, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=request.scope.get("root_path", "") + "/",
        httponly=True,
        samesite="strict",
        secure=bool(request.app.state.https),
    )


def set_csrf_cookie(request: Request, response: Response) -> None:
    if getattr(request.state, "csrf_new", False):
        set_cookie(request, response, CSRF_COOKIE, csrf_binding(request))


async def check_csrf(request: Request) -> None:
    """A page POST must carry this browser's CSRF token (403 otherwise)."""
    if request.method not in UNSAFE_METHODS:
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    expected = hmac.new(_secret(request), cookie.encode(), hashlib.sha256).hexdigest() if cookie else None
    if expected is None or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "the form's security token is missing or out of date; reload the page")
