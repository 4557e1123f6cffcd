"""The web pages of stored work: the organisation's candidates, rankings a person confirms, explanations.

The same Engine methods as the API (api/stored.py), in the signed-in user's organisation (the default
organisation while the server is open). Every POST carries this browser's CSRF token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import Code, FailedInput, KompetensError, http_status
from ..schema import dump_json
from ..store.accounts import User
from .auth import page_user
from .csrf import check_csrf
from .deps import engine_of, read_files
from .inputs import safe_name
from .render import page

router = APIRouter(dependencies=[Depends(page_user), Depends(check_csrf)])

PageUser = Annotated[User | None, Depends(page_user)]
Text = Annotated[str, Form()]


def _see(request: Request, path: str) -> Response:
    return RedirectResponse(request.scope.get("root_path", "") + path, status_code=303)


def _uid(user: User | None) -> int | None:
    return user.id if user is not None else None


def candidates_page(request: Request, user: User | None, **context: object) -> Response:
    with engine_of(request) as engine:
        found = engine.candidates(engine.org_for(user))
    status = context.pop("status", 200)
    assert isinstance(status, int)
    return page(request, "candidates.html", status=status, candidates=found, **context)


@router.get("/candidates", response_class=HTMLResponse)
def candidates_list(request: Request, user: PageUser) -> Response:
    return candidates_page(request, user)


@router.post("/candidates", response_class=HTMLResponse)
async def candidates_add(request: Request, user: PageUser) -> Response:
    async with request.form() as data:
        cvs = [f for f in data.getlist("cvs") if isinstance(f, UploadFile)]
        return await run_in_threadpool(_add, request, user, cvs)


def _add(request: Request, user: User | None, cvs: list[UploadFile]) -> Response:
    failed: list[FailedInput] = []
    try:
        _may_write(user, "upload candidates")
        files = read_files(request, cvs)
        if not files:
            raise KompetensError(Code.E301, "choose at least one CV file", field="cvs")
        named = [(safe_name(u.name, index=i), u.data) for i, u in enumerate(files, start=1)]
        with engine_of(request) as engine:  # all profiled before any is stored (Engine.add_candidates)
            added = engine.add_candidates(engine.org_for(user), named, user_id=_uid(user))
        failed = [a.failed() for a in added if isinstance(a, KompetensError)]
    except KompetensError as exc:
        return candidates_page(request, user, status=http_status(exc.code), error=exc)
    if failed:
        return candidates_page(request, user, failed=failed)
    return _see(request, "/candidates")


@router.post("/candidates/{cid}/erase")
def candidates_erase(request: Request, user: PageUser, cid: str) -> Response:
    _may_write(user, "erase candidates")
    with engine_of(request) as engine:
        engine.erase_candidate(engine.org_for(user), cid, user_id=_uid(user))
    return _see(request, "/candidates")


@router.get("/candidates/{cid}/export")
def candidates_export(request: Request, user: PageUser, cid: str) -> Response:
    with engine_of(request) as engine:
        export = engine.export_candidate(engine.org_for(user), cid, user_id=_uid(user))
    return Response(
        dump_json(export, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="candidate-{cid}.json"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/candidates/{cid}/explanation", response_class=HTMLResponse)
def candidates_explanation(request: Request, user: PageUser, cid: str) -> Response:
    with engine_of(request) as engine:
        explained = engine.explain_candidate(engine.org_for(user), cid, user_id=_uid(user))
    return page(request, "explanation.html", explanation=explained)


@router.post("/rankings")
def rankings_create(request: Request, user: PageUser) -> Response:
    _may_write(user, "rank candidates")
    with engine_of(request) as engine:
        decision = engine.rank_stored(engine.org_for(user), engine.role(), user_id=_uid(user))
    return _see(request, f"/rankings/{decision.id}")


def ranking_page(request: Request, user: User | None, rid: str, **context: object) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        decision = engine.decision(org, rid)
        names = {c.id: c.name for c in engine.candidates(org)}
    status = context.pop("status", 200)
    assert isinstance(status, int)
    return page(request, "ranking.html", status=status, decision=decision, names=names, **context)


@router.get("/rankings/{rid}", response_class=HTMLResponse)
def rankings_show(request: Request, user: PageUser, rid: str) -> Response:
    return ranking_page(request, user, rid)


@router.post("/rankings/{rid}/confirm", response_class=HTMLResponse)
async def rankings_confirm(request: Request, user: PageUser, rid: str) -> Response:
    async with request.form() as data:
        places = {str(k)[4:]: str(v) for k, v in data.items() if str(k).startswith("pos_")}
        reason = str(data.get("reason") or "")
    return await run_in_threadpool(_confirm, request, user, rid, places, reason)


def _confirm(request: Request, user: User | None, rid: str, places: dict[str, str], reason: str) -> Response:
    try:
        with engine_of(request) as engine:
            org = engine.org_for(user)
            system = engine.decision(org, rid).inputs
            order = _order(system, places)
            engine.confirm_ranking(org, rid, order=order, reason=reason, user_id=_uid(user))
    except KompetensError as exc:
        if exc.code in (Code.E506,):
            raise
        return ranking_page(request, user, rid, status=http_status(exc.code), error=exc, reason=reason)
    return _see(request, f"/rankings/{rid}")


def _order(system: list[str], places: dict[str, str]) -> list[str]:
    """The final order from the form's places (1 = first); a candidate without a place keeps the system's."""

    def place(cid: str) -> tuple[float, int]:
        raw = places.get(cid, "").strip()
        try:
            return (float(raw) if raw else float(system.index(cid) + 1), system.index(cid))
        except ValueError:
            raise KompetensError(Code.E508, f"the place {raw!r} is not a number", field="order") from None

    return sorted(system, key=place)


def _may_write(user: User | None, what: str) -> None:
    """Uploading, ranking and erasing are for admins and recruiters (E504, 403, for hiring managers)."""
    if user is not None and user.role not in ("admin", "recruiter"):
        raise KompetensError(Code.E504, f"the role {user.role} may not {what}")
