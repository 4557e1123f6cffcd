"""Accounts over the API: who am I, and (admins only) the organisation's users and their tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as FastPath
from fastapi.responses import Response
from pydantic import Field

from ..errors import Code, KompetensError
from ..store.accounts import NewToken, User
from . import schemas
from .auth import CurrentUser, engine_for, require_role
from .inputs import MAX_ID
from .routes import AUTH_RESPONSES, json_response

router = APIRouter(
    prefix="/api/v1",
    responses={
        **AUTH_RESPONSES,
        400: {"model": schemas.ErrorResponse, "description": schemas.UNPARSED},
        413: {"model": schemas.ErrorResponse, "description": "Request body too large"},
        422: {"model": schemas.ErrorResponse, "description": schemas.UNUSABLE},
        404: {"model": schemas.ErrorResponse, "description": "No such user in the organisation"},
        409: {"model": schemas.ErrorResponse, "description": "The email is taken"},
    },
)

Admin = Annotated[User, Depends(require_role("admin"))]


class NewUser(schemas.StrictBody):
    email: str = Field(description="The user's email: their sign-in name.")
    role: str = Field(description="admin, recruiter or hiring_manager.")
    password: str | None = Field(default=None, description="For the web UI; without one, API tokens only.")


class NewTokenRequest(schemas.StrictBody):
    name: str = Field(default="", description="What the token is for, e.g. 'ATS import'.")


@router.get("/me", response_model=User, summary="The user the API token belongs to")
def me(user: CurrentUser) -> Response:
    if user is None:
        raise KompetensError(Code.E503, "no users yet: create the first with `kompetens users add`")
    return json_response(user)


@router.get("/users", response_model=list[User], summary="The organisation's users (admin)")
def list_users(request: Request, admin: Admin) -> Response:
    return json_response(engine_for(request).accounts.users(org=admin.org), list[User])


@router.post(
    "/users", response_model=NewToken, status_code=201, summary="Add a user to the organisation (admin)"
)
def add_user(request: Request, admin: Admin, body: NewUser) -> Response:
    """The new user's first API token is in the answer, once: it is stored only as a hash."""
    accounts = engine_for(request).accounts
    accounts.add_user(body.email, org=admin.org, role=body.role, password=body.password, by=admin.id)
    return json_response(accounts.issue_token(body.email, name="first token", by=admin.id), status=201)


@router.delete("/users/{email}", response_model=User, summary="Remove a user of the organisation (admin)")
def remove_user(request: Request, admin: Admin, email: str) -> Response:
    accounts = engine_for(request).accounts
    accounts.member(email, admin.org_id)  # another tenant's user answers as no user at all
    return json_response(accounts.remove_user(email, by=admin.id))


@router.post("/tokens", response_model=NewToken, status_code=201, summary="Issue another token to yourself")
def new_token(request: Request, user: CurrentUser, body: NewTokenRequest) -> Response:
    if user is None:
        raise KompetensError(Code.E503, "no users yet: create the first with `kompetens users add`")
    return json_response(engine_for(request).accounts.issue_token(user.email, name=body.name), status=201)


@router.delete("/tokens/{token_id}", summary="Revoke one of your tokens")
def revoke_token(
    request: Request, user: CurrentUser, token_id: Annotated[int, FastPath(ge=1, le=MAX_ID)]
) -> dict[str, Any]:
    if user is None:
        raise KompetensError(Code.E503, "no users yet: create the first with `kompetens users add`")
    n = engine_for(request).accounts.revoke_token(user.email, token_id)
    if not n:
        raise KompetensError(Code.E502, f"you have no live token {token_id}", field="token_id")
    return {"revoked": n}
