"""The admin's web pages: the organisation's users and their API tokens, and its event log.

An admin sees and changes the users of their own organisation only: another organisation's user answers 404
(E502) word for word as if there were none (``Accounts.member``), as over the API (api/users.py). A new token is shown once, on the page that
issued it; only its hash is kept. The users' page needs users (E503 while the server is open); the event log
is open there, as ``GET /api/v1/events`` is.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from ..engine import Engine
from ..errors import Code, KompetensError, http_status
from ..store.accounts import ROLES, NewToken, TokenInfo, User
from .auth import engine_for, page_user
from .csrf import check_csrf
from .deps import engine_of
from .render import ADMINS, page
from .stored_pages import may, see

router = APIRouter(dependencies=[Depends(page_user), Depends(check_csrf)])

PageUser = Annotated[User | None, Depends(page_user)]
Text = Annotated[str, Form()]

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def admin_of(user: User | None) -> User:
    """The signed-in admin: E503 (401) while the server has no users, E504 (403) for other roles."""
    if user is None:
        raise KompetensError(Code.E503, "no users yet: create the first with `kompetens users add`")
    may(user, ADMINS, "manage users and tokens")
    return user


def member(engine: Engine, admin: User, email: str) -> User:
    """A user of the admin's organisation (E502 for anyone else, word for word as for an unknown email)."""
    return engine.accounts.member(email, admin.org_id)


def users_page(request: Request, admin: User, **context: object) -> Response:
    accounts = engine_for(request).accounts
    people = accounts.users(org=admin.org)
    tokens: dict[str, list[TokenInfo]] = {u.email: accounts.tokens(u.email) for u in people}
    status = context.pop("status", 200)
    assert isinstance(status, int)
    context.setdefault("form", {"email": "", "role": "recruiter"})
    return page(request, "users.html", status=status, people=people, tokens=tokens, roles=ROLES, **context)


@router.get("/users", response_class=HTMLResponse)
def users_list(request: Request, user: PageUser) -> Response:
    return users_page(request, admin_of(user))


@router.post("/users", response_class=HTMLResponse)
def users_add(
    request: Request, user: PageUser, email: Text = "", role: Text = "", password: Text = ""
) -> Response:
    admin = admin_of(user)
    form = {"email": email, "role": role}
    try:
        accounts = engine_for(request).accounts
        accounts.add_user(email, org=admin.org, role=role, password=password or None, by=admin.id)
        issued = accounts.issue_token(email, name="first token", by=admin.id)
    except KompetensError as exc:
        return users_page(request, admin, status=http_status(exc.code), error=exc, form=form)
    return users_page(request, admin, issued=issued, added=True)


@router.post("/users/token", response_class=HTMLResponse)
def users_token(request: Request, user: PageUser, email: Text = "", name: Text = "") -> Response:
    admin = admin_of(user)
    engine = engine_for(request)
    person = member(engine, admin, email)
    issued: NewToken = engine.accounts.issue_token(person.email, name=name[:200], by=admin.id)
    return users_page(request, admin, issued=issued)


@router.post("/users/revoke")
def users_revoke(request: Request, user: PageUser, email: Text = "", token_id: Text = "") -> Response:
    admin = admin_of(user)
    engine = engine_for(request)
    person = member(engine, admin, email)
    if not token_id.isdigit() or not engine.accounts.revoke_token(person.email, int(token_id), by=admin.id):
        raise KompetensError(Code.E502, "the user has no such live token", field="token_id")
    return see(request, "/users", "token-revoked")


@router.post("/users/password", response_class=HTMLResponse)
def users_password(request: Request, user: PageUser, email: Text = "", password: Text = "") -> Response:
    """Set or reset a user's web password (a user made "API only" gets one this way); their sessions end."""
    admin = admin_of(user)
    engine = engine_for(request)
    person = member(engine, admin, email)
    try:
        engine.accounts.set_password(person.email, password, by=admin.id)
    except KompetensError as exc:
        return users_page(request, admin, status=http_status(exc.code), error=exc)
    return see(request, "/users", "password-set")


@router.post("/users/role", response_class=HTMLResponse)
def users_role(request: Request, user: PageUser, email: Text = "", role: Text = "") -> Response:
    """Change a user's role in place: their number, tokens and history stay (no remove and add again)."""
    admin = admin_of(user)
    engine = engine_for(request)
    person = member(engine, admin, email)
    try:
        engine.accounts.set_role(person.email, role, by=admin.id)
    except KompetensError as exc:
        return users_page(request, admin, status=http_status(exc.code), error=exc)
    return see(request, "/users", "role-changed")


@router.post("/users/remove")
def users_remove(request: Request, user: PageUser, email: Text = "", confirm: Text = "") -> Response:
    """Asks first (a page that says what removing does), then removes."""
    admin = admin_of(user)
    engine = engine_for(request)
    person = member(engine, admin, email)
    if confirm != "yes":
        return page(request, "remove_user.html", person=person)
    engine.accounts.remove_user(person.email, by=admin.id)
    return see(request, "/users", "user-removed")


@router.get("/events", response_class=HTMLResponse)
def events_list(request: Request, user: PageUser, since: str = "") -> Response:
    may(user, ADMINS, "read the event log")
    since = since.strip()
    if since and not DAY.match(since):
        error = KompetensError(Code.E301, "a day as YYYY-MM-DD", field="since")
        return page(request, "events.html", status=422, events=[], since=since, error=error)
    with engine_of(request) as engine:
        found = engine.events(engine.org_for(user), since=since or None)
    return page(request, "events.html", events=list(reversed(found)), since=since)
