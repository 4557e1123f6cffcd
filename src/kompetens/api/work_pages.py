"""The web pages of an organisation's job ads, roles and retention periods.

The same Engine methods and rights as the API (api/stored.py): every role may keep ads and roles; deleting
them is for admins and recruiters, setting the retention periods for admins (403, E504, otherwise). Every
POST carries this browser's CSRF token.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ..errors import Code, KompetensError, http_status
from ..match import Role
from ..match.decision import StoredRole
from ..match.role import CONCEPT_PREFIX, role_from_dict
from ..store.accounts import User
from .auth import page_user
from .csrf import check_csrf
from .deps import engine_of, form_file
from .inputs import MAX_ID, Upload, ad_document
from .render import ADMINS, page
from .stored_pages import can_write, is_admin, may, may_write, see, status_of, uid

router = APIRouter(dependencies=[Depends(page_user), Depends(check_csrf)])

PageUser = Annotated[User | None, Depends(page_user)]
Text = Annotated[str, Form()]


# -- job ads --------------------------------------------------------------------------------------


def ads_page(request: Request, user: User | None, **context: object) -> Response:
    with engine_of(request) as engine:
        found = engine.ads(engine.org_for(user))
    status = status_of(context)
    context.setdefault("form", {})
    return page(request, "ads.html", status=status, ads=found, **context)


@router.get("/ads", response_class=HTMLResponse)
def ads_list(request: Request, user: PageUser) -> Response:
    return ads_page(request, user)


@router.post("/ads", response_class=HTMLResponse)
async def ads_add(request: Request, user: PageUser) -> Response:
    # Read by hand, as the other upload forms: an unchosen file field arrives as a part with no file name.
    async with request.form() as data:
        form = {k: str(data.get(k) or "") for k in ("text", "title", "lang")}
        upload = form_file(data, "ad_file")
    return await run_in_threadpool(_add_ad, request, user, form, upload)


def _add_ad(request: Request, user: User | None, form: dict[str, str], upload: Upload | None) -> Response:
    """Store the form's ad: its pasted text, or the text read from its file (``ad_document``)."""
    try:
        with engine_of(request) as engine:
            doc = ad_document(
                engine, text=form["text"], upload=upload, title=form["title"], lang=form["lang"]
            )
            kept = engine.add_ad(
                engine.org_for(user), doc.text, title=doc.title, lang=doc.lang, user_id=uid(user)
            )
    except KompetensError as exc:
        if upload is not None and exc.field is None:
            exc.field = "ad_file"
        return ads_page(request, user, status=http_status(exc.code), error=exc, form=form)
    return see(request, f"/ads/{kept.id}", "ad-added")


@router.get("/ads/{ad_id}", response_class=HTMLResponse)
def ads_show(request: Request, user: PageUser, ad_id: str) -> Response:
    with engine_of(request) as engine:
        kept = engine.stored_ad(engine.org_for(user), ad_id)
    return page(request, "ad.html", ad=kept, can_write=can_write(user))


@router.post("/ads/{ad_id}/role")
def ads_save_role(request: Request, user: PageUser, ad_id: str) -> Response:
    """Keep the role the ad asks for as a stored role (version 1)."""
    with engine_of(request) as engine:
        org = engine.org_for(user)
        kept = engine.save_role(org, engine.role_for_ad(org, ad_id), user_id=uid(user))
    return see(request, f"/roles/{kept.id}", "role-saved")


@router.post("/ads/{ad_id}/delete")
def ads_delete(request: Request, user: PageUser, ad_id: str) -> Response:
    may_write(user, "delete ads")
    with engine_of(request) as engine:
        engine.delete_ad(engine.org_for(user), ad_id, user_id=uid(user))
    return see(request, "/ads", "ad-deleted")


# -- roles ----------------------------------------------------------------------------------------


def roles_page(request: Request, user: User | None, **context: object) -> Response:
    with engine_of(request) as engine:
        found = engine.stored_roles(engine.org_for(user))
    status = status_of(context)
    context.setdefault("form", {"title": "", "weights": {}, "must": []})
    return page(request, "roles.html", status=status, roles=found, **context)


@router.get("/roles", response_class=HTMLResponse)
def roles_list(request: Request, user: PageUser) -> Response:
    return roles_page(request, user)


@router.post("/roles", response_class=HTMLResponse)
async def roles_add(request: Request, user: PageUser) -> Response:
    async with request.form() as data:
        form = role_form(data)
    return await run_in_threadpool(_add_role, request, user, form)


def _add_role(request: Request, user: User | None, form: dict[str, object]) -> Response:
    try:
        role = role_of_form(form)
        with engine_of(request) as engine:
            kept = engine.save_role(engine.org_for(user), role, user_id=uid(user))
    except KompetensError as exc:
        return roles_page(request, user, status=http_status(exc.code), error=exc, form=form)
    return see(request, f"/roles/{kept.id}", "role-saved")


def role_form(data: FormData) -> dict[str, object]:
    """The role form's fields: a title, a weight per area (``w_<area>``), must-have areas (``must``)."""
    weights = {str(k)[2:]: str(v).strip() for k, v in data.items() if str(k).startswith("w_")}
    return {
        "title": str(data.get("title") or ""),
        "weights": weights,
        "must": [str(m) for m in data.getlist("must")],
    }


def role_of_form(form: dict[str, object], base: Role | None = None) -> Role:
    """The role the form describes; on ``base`` (a new version) its other fields (minimum levels, skills,
    concept must-haves, emphasis) stay as they were."""
    raw = form["weights"]
    assert isinstance(raw, dict)
    weights: dict[str, float] = {}
    for area, value in raw.items():
        try:
            weights[area] = float(value) if value else 0.0
        except ValueError:
            raise KompetensError(
                Code.E300, f"the weight of {area} is not a number", field=f"weights.{area}"
            ) from None
    must = form["must"]
    assert isinstance(must, list)
    checked = role_from_dict({"title": form["title"], "weights": weights, "must_have": must}, source="form")
    if base is None:
        return checked
    concepts = tuple(m for m in base.must_have if m.startswith(CONCEPT_PREFIX))
    return replace(
        base, title=checked.title, weights=checked.weights, must_have=(*checked.must_have, *concepts)
    )


def form_of_role(role: Role) -> dict[str, object]:
    return {
        "title": role.title,
        "weights": {a: f"{w:g}" for a, w in role.weights.items()},
        "must": [m for m in role.must_have if not m.startswith(CONCEPT_PREFIX)],
    }


def role_page(request: Request, user: User | None, role_id: str, **context: object) -> Response:
    raw = request.query_params.get("version", "")
    version = int(raw) if raw.isdigit() and 0 < int(raw) <= MAX_ID else None
    with engine_of(request) as engine:
        org = engine.org_for(user)
        latest = engine.stored_role(org, role_id)
        shown: StoredRole = latest if version is None else engine.stored_role(org, role_id, version)
    status = status_of(context)
    context.setdefault("form", form_of_role(latest.role))
    return page(
        request, "role.html", status=status, kept=shown, latest=latest, can_write=can_write(user), **context
    )


@router.get("/roles/{role_id}", response_class=HTMLResponse)
def roles_show(request: Request, user: PageUser, role_id: str) -> Response:
    return role_page(request, user, role_id)


@router.post("/roles/{role_id}", response_class=HTMLResponse)
async def roles_update(request: Request, user: PageUser, role_id: str) -> Response:
    async with request.form() as data:
        form = role_form(data)
    return await run_in_threadpool(_update_role, request, user, role_id, form)


def _update_role(request: Request, user: User | None, role_id: str, form: dict[str, object]) -> Response:
    try:
        with engine_of(request) as engine:
            org = engine.org_for(user)
            latest = engine.stored_role(org, role_id)
            role = role_of_form(form, base=latest.role)
            engine.save_role(org, role, role_id=role_id, user_id=uid(user))
    except KompetensError as exc:
        if exc.code is Code.E511:
            raise
        return role_page(request, user, role_id, status=http_status(exc.code), error=exc, form=form)
    return see(request, f"/roles/{role_id}", "role-saved")


@router.post("/roles/{role_id}/delete")
def roles_delete(request: Request, user: PageUser, role_id: str) -> Response:
    may_write(user, "delete roles")
    with engine_of(request) as engine:
        engine.delete_role(engine.org_for(user), role_id, user_id=uid(user))
    return see(request, "/roles", "role-deleted")


# -- retention ------------------------------------------------------------------------------------


def retention_page(request: Request, user: User | None, **context: object) -> Response:
    with engine_of(request) as engine:
        kept = engine.retention(engine.org_for(user))
    status = status_of(context)
    context.setdefault(
        "form",
        {
            "days": "" if kept.candidate_days is None else str(kept.candidate_days),
            "event_days": str(kept.event_days),
            "ad_days": "" if kept.ad_days is None else str(kept.ad_days),
        },
    )
    return page(request, "retention.html", status=status, retention=kept, can_set=is_admin(user), **context)


@router.get("/retention", response_class=HTMLResponse)
def retention_show(request: Request, user: PageUser) -> Response:
    return retention_page(request, user)


@router.post("/retention", response_class=HTMLResponse)
def retention_set(
    request: Request,
    user: PageUser,
    days: Text = "",
    event_days: Text = "",
    ad_days: Text = "",
) -> Response:
    """The form's periods, each shown with its current value: an empty candidates' or ads' field keeps them
    until someone erases or deletes them."""
    may(user, ADMINS, "set the retention periods")
    form = {"days": days, "event_days": event_days, "ad_days": ad_days}
    try:
        candidate_days = _days(days, "days", optional=True)
        events = _days(event_days, "event_days", optional=True)
        ads = _days(ad_days, "ad_days", optional=True)
        with engine_of(request) as engine:
            engine.set_retention(
                engine.org_for(user), days=candidate_days, event_days=events, ad_days=ads, user_id=uid(user)
            )
    except KompetensError as exc:
        return retention_page(request, user, status=http_status(exc.code), error=exc, form=form)
    return see(request, "/retention", "retention-set")


def _days(raw: str, field: str, *, optional: bool) -> int | None:
    raw = raw.strip()
    if not raw and optional:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise KompetensError(Code.E301, "a number of days: a whole number of 1 or more", field=field)
    return int(raw)
