"""Access control: the Host and Origin guard, API tokens, web sessions and CSRF tokens.

* Every request's Host must be one the server was told it is reached by (``--host``, ``--allowed-host``;
  localhost names when bound to loopback); others get 400 (E516), but for ``GET /api/v1/health``. A POST
  whose Origin (or, without one, Referer) names another host gets 403 (E517).
* Once the data folder has users, every /api/v1 route but health needs ``Authorization: Bearer <token>``
  and every page needs a signed-in session. With no user yet the server is open, as a loopback demo.
* Every form carries a CSRF token (api/csrf.py).
* Signing in is throttled: after 5 failed attempts for one email, or from one client address, within 15
  minutes, further attempts answer 429 (E513) until the window has passed; a success clears the count. The
  count is kept in the database: it holds across the server's processes and restarts.
* Every call of a user lands in the organisation's event log (``record_call``): the route, the organisation,
  the user's number, the object ids and the time; never a text, a name or a file name.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import Callable, Collection, Iterable
from html import escape
from http import HTTPStatus
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from ..engine import Engine
from ..errors import Code, KompetensError, http_status
from ..store.accounts import Accounts, User, digest, email_digest
from .csrf import SESSION_COOKIE, UNSAFE_METHODS
from .errors import API_PREFIX, error_body
from .headers import route_path

LOOPBACK_NAMES: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
"""The names a browser on the same machine uses: allowed when the server is bound to loopback."""


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def allowed_hosts_for(host: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The Host names a server bound to ``host`` answers: the bound name (unless a wildcard), the extra
    ``--allowed-host`` names, and the localhost names when bound to loopback."""
    names = [h.strip("[]").lower() for h in extra if h.strip()]
    if not is_wildcard(host):
        names.append(host.strip("[]").lower())
    if is_loopback(host):
        names.extend(LOOPBACK_NAMES)
    return tuple(dict.fromkeys(names))


def host_name(value: str) -> str:
    """The name of a Host header (or URL netloc) without its port: ``[::1]:8000`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


HEALTH_PATH = "/api/v1/health"
"""The liveness probe, the one route the Host guard lets through whatever the Host."""


class HostGuard:
    """ASGI middleware: 400 (E516) for a Host not served here, 403 (E517) for a cross-origin POST."""

    def __init__(self, app: ASGIApp, *, hosts: Collection[str], origins: Collection[str] = ()) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.origins = frozenset(o.rstrip("/").lower() for o in origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD") and route_path(scope) == HEALTH_PATH:
            # the liveness probe answers whatever the Host: a systemd, Docker or load balancer check reaches
            # the server by its address (127.0.0.1, the pod's IP), and got 400 when it serves on the network
            # (a bug hunt, hK); it reads no data and says only "ok", the version and whether set up
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if host_name(headers.get("host", "")) not in self.hosts:
            await _deny(scope, send, Code.E516, "the Host header names a host this server does not serve")
            return
        if scope.get("method") in UNSAFE_METHODS and not self.same_origin(headers):
            await _deny(scope, send, Code.E517, "a request from another site is not accepted")
            return
        await self.app(scope, receive, send)

    def same_origin(self, headers: Headers) -> bool:
        """A browser's POST from a page of an allowed host (or a CORS origin); no Origin and no Referer
        (a script, curl) passes: tokens and CSRF tokens guard those."""
        origin = headers.get("origin")
        if origin is not None:
            if origin.rstrip("/").lower() in self.origins:
                return True
            return (urlsplit(origin).hostname or "") in self.hosts
        referer = headers.get("referer")
        if referer is not None:
            return (urlsplit(referer).hostname or "") in self.hosts
        return True


async def _deny(scope: Scope, send: Send, code: Code, message: str) -> None:
    """The guard's coded error, before any route: ``{"error": ...}`` with ``code`` for an /api/ path (as
    every other API error), an HTML page naming the code for the others."""
    status = http_status(code)
    phrase = HTTPStatus(status).phrase
    if route_path(scope).startswith(API_PREFIX):
        body = json.dumps(error_body(code.name, code.value, message)).encode()
        content_type = b"application/json"
    else:
        body = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{phrase} · kompetens</title>'
            f"</head><body><h1>{phrase}</h1><p>{escape(message)}.</p><p>{code.name}: {code.value}</p>"
            "</body></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# -- the API: bearer tokens -----------------------------------------------------------------------

bearer = HTTPBearer(auto_error=False, description="An API token from `kompetens users add` or `users token`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def engine_for(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def api_user(request: Request, credentials: Credentials) -> User | None:
    """The signed-in user of an API request; None while the data folder has no users (open mode).

    Raises E503 (401) without a valid, unrevoked token."""
    engine = engine_for(request)
    if not engine.has_users():
        request.state.user = None
        return None
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise KompetensError(Code.E503, "send an API token: Authorization: Bearer <token>")
    user = engine.accounts.user_for_token(credentials.credentials)
    if user is None:
        raise KompetensError(Code.E503, "the API token is unknown or revoked")
    request.state.user = user
    return user


CurrentUser = Annotated[User | None, Depends(api_user)]


def require_role(*roles: str) -> Callable[[User | None], User]:
    """A dependency: the request's user, who must have one of ``roles`` (E504, 403, otherwise)."""

    def check(user: CurrentUser) -> User:
        if user is None:
            raise KompetensError(Code.E503, "no users yet: create the first with `kompetens users add`")
        if user.role not in roles:
            raise KompetensError(
                Code.E504, f"the role {user.role} may not do this; it takes {' or '.join(roles)}"
            )
        return user

    return check


def allowed(*roles: str) -> Any:
    """A dependency: the request's user, who must have one of ``roles`` (E504, 403, otherwise); None while
    the server is open (no users: a loopback demo, where everyone may do everything)."""

    def check(user: CurrentUser) -> User | None:
        return None if user is None else require_role(*roles)(user)

    return check


Writer = Annotated[User | None, Depends(allowed("admin", "recruiter"))]
"""Uploading CVs to rank, store, compose teams or audit, and erasing: admins and recruiters."""
Interviewer = Annotated[User | None, Depends(allowed("admin", "recruiter", "hiring_manager"))]
"""An interview kit for one candidate (nothing is stored): every role, hiring managers above all."""
Admin = Annotated[User | None, Depends(allowed("admin"))]
"""Retention, users and the event log: admins."""


# -- the web pages: sessions and CSRF tokens ------------------------------------------------------


class LoginRequired(Exception):
    """A page asked for without a session while users exist: answered with a redirect to /login."""

    def __init__(self, next_path: str, lang: str | None = None) -> None:
        self.next_path = next_path
        self.lang = lang  # the page language the request asked for (?lang=sv), kept through signing in


def session_user(request: Request) -> User | None:
    sid = request.cookies.get(SESSION_COOKIE)
    if not sid:
        return None
    return engine_for(request).accounts.user_for_session(sid)


def page_user(request: Request) -> User | None:
    """The signed-in user of a page; None in open mode. Raises LoginRequired while users exist."""
    engine = engine_for(request)
    if not engine.has_users():
        request.state.user = None
        return None
    user = session_user(request)
    if user is None:
        raise LoginRequired(route_path(request.scope), lang=request.query_params.get("lang"))
    request.state.user = user
    return user


# -- sign-in throttling ---------------------------------------------------------------------------

SIGNIN_LIMIT = 5
"""Failed sign-ins (per email, and per client address) allowed within the window."""
SIGNIN_WINDOW = 15 * 60.0
"""The window in seconds: 15 minutes."""


class SignInThrottle:
    """Failed sign-ins per email and per client address in a sliding window, counted in the database
    (store/accounts.py), so the count holds across the server's processes and its restarts. Only digests are
    kept: of the email (any case) and of the address. ``clock`` is injectable for tests (seconds since 1970:
    the wall clock, which every process and restart shares)."""

    def __init__(
        self,
        accounts: Accounts,
        *,
        limit: int = SIGNIN_LIMIT,
        window: float = SIGNIN_WINDOW,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.accounts = accounts
        self.limit = limit
        self.window = window
        self.clock = clock

    @staticmethod
    def keys(email: str, address: str | None) -> list[str]:
        keys = ["email:" + email_digest(email)]
        if address:
            keys.append("addr:" + digest(address)[:16])
        return keys

    def blocked(self, email: str, address: str | None) -> bool:
        """Whether a further attempt is refused now."""
        since = self.clock() - self.window
        return self.accounts.signin_failures(self.keys(email, address), since=since) >= self.limit

    def failed(self, email: str, address: str | None) -> None:
        now = self.clock()
        self.accounts.add_signin_failure(self.keys(email, address), at=now, forget_before=now - self.window)

    def succeeded(self, email: str, address: str | None) -> None:
        self.accounts.clear_signin_failures(self.keys(email, address))


def throttle_of(request: Request) -> SignInThrottle:
    """The app's sign-in throttle (made on first use; a test may set ``app.state.signin_throttle``)."""
    state = request.app.state
    with _THROTTLE_LOCK:
        throttle: SignInThrottle | None = getattr(state, "signin_throttle", None)
        if throttle is None:
            engine: Engine = state.engine
            throttle = state.signin_throttle = SignInThrottle(engine.accounts)
    return throttle


_THROTTLE_LOCK = threading.Lock()


def client_address(request: Request) -> str | None:
    return request.client.host if request.client is not None else None


# -- the event log --------------------------------------------------------------------------------


def record_call(request: Request, route: str, *object_ids: str | None) -> None:
    """Log a call of the signed-in user: ``call.<route>`` in their organisation, one entry per object id
    (one without an id when none is given). In open mode (no users) nothing is logged or stored."""
    user: User | None = getattr(request.state, "user", None)
    if user is None:
        return
    engine = engine_for(request)
    for object_id in object_ids or (None,):
        engine.log_event(f"call.{route}", user.org_id, user_id=user.id, object_id=object_id)
