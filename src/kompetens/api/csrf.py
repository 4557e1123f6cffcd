"""CSRF tokens and the cookies of the web pages.

Every form carries a CSRF token: an HMAC, under a random key, of a random cookie of the browser's (HttpOnly,
SameSite=Strict). A page POST without the token of its browser is refused with 403. `kompetens serve` keeps
the key in the data folder (``csrf.key``, 0600, made once: ``persistent_key``), so open forms stay valid
across restarts and every process of the server signs alike; an app built without one has a key of its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from fastapi import Request
from starlette.responses import Response

from ..errors import Code, KompetensError

SESSION_COOKIE = "kompetens_session"
CSRF_COOKIE = "kompetens_csrf"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEY_FILE = "csrf.key"
KEY_BYTES = 32


def persistent_key(data_dir: Path) -> bytes:
    """The CSRF key kept in ``data_dir`` (``csrf.key``): made once, random, readable by its owner only.

    A new key is written to a private temporary file and linked into place, so two processes that start at
    once agree on one key and none reads half a file. A key file with wider permissions is narrowed; one of
    the wrong length is replaced."""
    path = data_dir / KEY_FILE
    key = _read_key(path)
    if key is not None:
        return key
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = data_dir / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(KEY_BYTES))
        try:
            os.link(temp, path)
        except FileExistsError:  # another process was first, or the file was of the wrong length
            if _read_key(path) is None:
                os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    key = _read_key(path)
    if key is None:
        raise RuntimeError(f"the CSRF key file {path} could not be written")
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        mode = path.stat().st_mode
        if stat.S_IMODE(mode) & 0o077:
            path.chmod(0o600)
        key = path.read_bytes()
    except FileNotFoundError:
        return None
    return key if len(key) == KEY_BYTES else None


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
        raise KompetensError(
            Code.E518, "the form's security token is missing or out of date; reload the page"
        )
