"""The web pages of stored work: the organisation's candidates, rankings a person confirms, explanations.

The same Engine methods as the API (api/stored.py), in the signed-in user's organisation (the default
organisation while the server is open), with the same rights: uploading, ranking and erasing are for
admins and recruiters (403, E504, for hiring managers). Every POST carries this browser's CSRF token; a
form that worked sends the browser on with ``?done=KEY`` (render.NOTICES: a fixed status message). The
reads are logged under the API's names (``call.candidates.list``, ``call.candidates.get``,
``call.candidates.file``, ``call.rankings.list``, ``call.rankings.get``, ``call.rankings.export``), by id only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from ..engine import Engine
from ..errors import Code, FailedInput, KompetensError, http_status, upload_error
from ..lang import REPORT_LANGS
from ..match import Role
from ..match.decision import StoredRole
from ..schema import dump_json
from ..store.accounts import User
from ..store.records import ALL_ROWS, StoredCandidate
from . import blind
from .auth import page_user, record_call
from .csrf import check_csrf
from .deps import engine_of, read_files
from .inputs import attachment, checked_lang, safe_name
from .render import ADMINS, WRITERS, page

router = APIRouter(dependencies=[Depends(page_user), Depends(check_csrf)])

PageUser = Annotated[User | None, Depends(page_user)]

RANKINGS_SHOWN = 50
"""The rankings page lists this many of the latest rankings."""


# -- helpers the page modules share ---------------------------------------------------------------


def see(request: Request, path: str, done: str | None = None) -> Response:
    """Send the browser on to ``path`` (303), with ``?done=KEY`` for the status message there and the page
    language chosen with ``?lang=`` kept (a Swedish user stays on Swedish pages after a form succeeds)."""
    params = {"done": done} if done else {}
    lang = request.query_params.get("lang")
    if lang in REPORT_LANGS:
        params["lang"] = lang
    query = f"?{urlencode(params)}" if params else ""
    return RedirectResponse(request.scope.get("root_path", "") + path + query, status_code=303)


def uid(user: User | None) -> int | None:
    return user.id if user is not None else None


def may(user: User | None, roles: Sequence[str], what: str) -> None:
    """The REST rights on the pages: ``user`` must have one of ``roles`` (E504, 403, otherwise). Open mode
    (no users: a loopback demo) may do everything."""
    if user is not None and user.role not in roles:
        raise KompetensError(Code.E504, f"the role {user.role} may not {what}")


def may_write(user: User | None, what: str) -> None:
    """Uploading, ranking, erasing and deleting are for admins and recruiters."""
    may(user, WRITERS, what)


def is_admin(user: User | None) -> bool:
    return user is None or user.role in ADMINS


def can_write(user: User | None) -> bool:
    return user is None or user.role in WRITERS


def status_of(context: dict[str, object]) -> int:
    status = context.pop("status", 200)
    assert isinstance(status, int)
    return status


# -- candidates -----------------------------------------------------------------------------------


def candidates_page(request: Request, user: User | None, **context: object) -> Response:
    query = request.query_params.get("q", "").strip()[:200]
    with engine_of(request) as engine:
        org = engine.org_for(user)
        found, _total = blind.shown_list(engine, org, user, query=query or None)
        hidden = blind.hidden_ids(engine, org, user, [c.id for c in found])
        kept_until_erased = engine.retention(org).candidate_days is None
    status = status_of(context)
    return page(
        request,
        "candidates.html",
        status=status,
        kept_until_erased=kept_until_erased,
        candidates=found,
        hidden=hidden,
        blind=blind.is_blind(user),
        query=query,
        can_write=can_write(user),
        **context,
    )


@router.get("/candidates", response_class=HTMLResponse)
def candidates_list(request: Request, user: PageUser) -> Response:
    shown = candidates_page(request, user)
    record_call(request, "candidates.list")  # a read of personal data, logged as the API's
    return shown


@router.post("/candidates", response_class=HTMLResponse)
async def candidates_add(request: Request, user: PageUser) -> Response:
    async with request.form() as data:
        cvs = [f for f in data.getlist("cvs") if isinstance(f, UploadFile)]
        return await run_in_threadpool(_add, request, user, cvs)


def _add(request: Request, user: User | None, cvs: list[UploadFile]) -> Response:
    failed: list[FailedInput] = []
    added = 0
    try:
        may_write(user, "upload candidates")
        files = read_files(request, cvs)
        if not files:
            raise KompetensError(Code.E301, "choose at least one CV file", field="cvs")
        named = [(safe_name(u.name, index=i), u.data) for i, u in enumerate(files, start=1)]
        with engine_of(request) as engine:  # all profiled before any is stored (Engine.add_candidates)
            results = engine.add_candidates(engine.org_for(user), named, user_id=uid(user))
        errors = [r for r in results if isinstance(r, KompetensError)]
        failed = [e.failed() for e in errors]
        added = len(results) - len(failed)
    except KompetensError as exc:
        return candidates_page(request, user, status=http_status(exc.code), error=exc)
    if failed:
        # none stored: the status of the API's answer (the first unreadable file's, 409 when each is held)
        status = http_status(upload_error(errors).code) if not added else 200
        return candidates_page(request, user, failed=failed, added=added, status=status)
    return see(request, "/candidates", "added")


@router.get("/candidates/{cid}", response_class=HTMLResponse)
def candidates_show(request: Request, user: PageUser, cid: str) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        kept = engine.stored_candidate(org, cid)
        hidden = bool(blind.hidden_ids(engine, org, user, [cid]))
    record_call(request, "candidates.get", cid)
    shown = replace(kept, name=blind.pseudonym(cid)) if hidden else kept
    return page(request, "candidate.html", candidate=shown, hidden=hidden, can_write=can_write(user))


@router.get("/candidates/{cid}/erase", response_class=HTMLResponse)
def candidates_erase_form(request: Request, user: PageUser, cid: str) -> Response:
    """The confirmation step before erasing: erasing cannot be undone."""
    may_write(user, "erase candidates")
    with engine_of(request) as engine:
        kept = engine.stored_candidate(engine.org_for(user), cid)
    return page(request, "erase.html", candidate=kept)


@router.post("/candidates/{cid}/erase")
def candidates_erase(request: Request, user: PageUser, cid: str) -> Response:
    may_write(user, "erase candidates")
    with engine_of(request) as engine:
        engine.erase_candidate(engine.org_for(user), cid, user_id=uid(user))
    return see(request, "/candidates", "erased")


@router.get("/candidates/{cid}/export")
def candidates_export(request: Request, user: PageUser, cid: str) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        engine.stored_candidate(org, cid)  # E505 first
        blind.check_named(engine, org, user, cid, "their export")
        export = engine.export_candidate(org, cid, user_id=uid(user))
    return Response(
        dump_json(export, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="candidate-{cid}.json"'},
    )


@router.get("/candidates/{cid}/file")
def candidates_file(request: Request, user: PageUser, cid: str) -> Response:
    """The original file, as uploaded, as a download (never shown inline: it may be HTML)."""
    with engine_of(request) as engine:
        org = engine.org_for(user)
        kept = engine.stored_candidate(org, cid)
        blind.check_named(engine, org, user, cid, "their file")
        data = engine.original_file(org, cid)
    record_call(request, "candidates.file", cid)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": attachment(kept.name)},
    )


@router.get("/candidates/{cid}/explanation", response_class=HTMLResponse)
def candidates_explanation(
    request: Request, user: PageUser, cid: str, ranking: str | None = None, lang: str | None = None
) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        explained = engine.explain_candidate(
            org, cid, ranking=ranking, lang=checked_lang(lang), user_id=uid(user)
        )
        kept = blind.shown_one(engine, org, user, engine.stored_candidate(org, cid))
        words = engine.page_labels("explanation", explained.lang)
    return page(request, "explanation.html", explanation=explained, candidate=kept, words=words)


# -- rankings -------------------------------------------------------------------------------------


def _offset(request: Request) -> int:
    """The page's ``?offset=`` (0 when absent or not a count): where its list starts."""
    given = request.query_params.get("offset", "")
    return min(int(given), ALL_ROWS) if given.isdigit() else 0


def rankings_page(request: Request, user: User | None, **context: object) -> Response:
    offset = _offset(request)
    with engine_of(request) as engine:
        org = engine.org_for(user)
        decisions = engine.decisions(org, limit=RANKINGS_SHOWN, offset=offset)
        total = engine.count_decisions(org)
        found = blind.shown(engine, org, user, engine.candidates(org))
        roles = engine.stored_roles(org)
        ads = engine.ads(org)
    status = status_of(context)
    context.setdefault("form", {"role_source": request.query_params.get("source", "default")})
    context.setdefault(
        "chosen",
        {"role_id": request.query_params.get("role_id", ""), "ad_id": request.query_params.get("ad_id", "")},
    )
    return page(
        request,
        "rankings.html",
        status=status,
        decisions=decisions,
        shown=(offset, total, RANKINGS_SHOWN),
        candidates=found,
        roles=roles,
        ads=ads,
        can_write=can_write(user),
        **context,
    )


@router.get("/rankings", response_class=HTMLResponse)
def rankings_list(request: Request, user: PageUser) -> Response:
    shown = rankings_page(request, user)
    record_call(request, "rankings.list")
    return shown


@router.post("/rankings", response_class=HTMLResponse)
async def rankings_create(request: Request, user: PageUser) -> Response:
    async with request.form() as data:
        form = _ranking_form(data)
    return await run_in_threadpool(_rank, request, user, form)


def _ranking_form(data: FormData) -> dict[str, object]:
    """The ranking form: ``role_choice`` (the page's one list: ``default``, ``role:ID`` or ``ad:ID``), or
    ``role_source`` with ``role_id`` / ``ad_id``."""
    source = str(data.get("role_source") or "default")
    role_id, ad_id = str(data.get("role_id") or ""), str(data.get("ad_id") or "")
    kind, _, chosen = str(data.get("role_choice") or "").partition(":")
    if kind == "role":
        source, role_id = "role", chosen
    elif kind == "ad":
        source, ad_id = "ad", chosen
    elif kind:
        source = kind
    return {
        "role_source": source,
        "role_id": role_id,
        "ad_id": ad_id,
        "top": str(data.get("top") or "").strip(),
        "candidates": [str(c) for c in data.getlist("candidates")],
        "chose": bool(data.get("chose")),
    }


def _rank(request: Request, user: User | None, form: dict[str, object]) -> Response:
    try:
        may_write(user, "rank candidates")
        top = _top(str(form["top"]))
        chosen = form["candidates"]
        assert isinstance(chosen, list)
        with engine_of(request) as engine:
            org = engine.org_for(user)
            role = _ranking_role(engine, org, form)
            ids = chosen if form["chose"] else None
            decision = engine.rank_stored(org, role, ids, user_id=uid(user), top=top)
    except KompetensError as exc:
        chosen_ids = {"role_id": form["role_id"], "ad_id": form["ad_id"]}
        return rankings_page(
            request, user, status=http_status(exc.code), error=exc, form=form, chosen=chosen_ids
        )
    return see(request, f"/rankings/{decision.id}")


def _top(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise KompetensError(Code.E301, "keep the best N: a whole number of 1 or more", field="top")
    return int(raw)


def _ranking_role(engine: Engine, org: int, form: dict[str, object]) -> Role | StoredRole:
    """The role the form names: the built-in one, a stored role (recorded by id and version) or an ad's."""
    source = form["role_source"]
    if source == "role":
        if not form["role_id"]:
            raise KompetensError(Code.E511, "choose a stored role", field="role_choice")
        return engine.stored_role(org, str(form["role_id"]))
    if source == "ad":
        if not form["ad_id"]:
            raise KompetensError(Code.E512, "choose a stored ad", field="role_choice")
        return engine.role_for_ad(org, str(form["ad_id"]))
    if source == "default":
        return engine.role()
    raise KompetensError(
        Code.E301, "choose the built-in role, a stored role or a stored ad", field="role_choice"
    )


def ranking_page(request: Request, user: User | None, rid: str, **context: object) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        decision = engine.decision(org, rid)
        held = blind.shown(engine, org, user, engine.candidates(org))
        asked = request.query_params.get("lang")
        kit_links = _kit_links(engine, held, asked if asked in REPORT_LANGS else None)
    status = status_of(context)
    return page(
        request,
        "ranking.html",
        status=status,
        decision=decision,
        names={c.id: c.name for c in held},
        kit_links=kit_links,
        **context,
    )


def _kit_links(
    engine: Engine, held: list[StoredCandidate], asked: str | None = None
) -> dict[str, tuple[str, str]]:
    """Each candidate's kit link: the language their kit is in (``asked``, the page's ``?lang=`` where the
    user chose one, else their CV's: ``Engine.kit_language``) and the kit's title in it ("Strukturerad
    intervjuguide"), as the kit page heads it."""
    langs = {c.id: asked or engine.kit_language(c.lang) for c in held}
    titles = {lang: str(engine.interview_labels(lang)["title"]) for lang in set(langs.values())}
    return {cid: (lang, titles[lang]) for cid, lang in langs.items()}


@router.get("/rankings/{rid}", response_class=HTMLResponse)
def rankings_show(request: Request, user: PageUser, rid: str) -> Response:
    shown = ranking_page(request, user, rid)
    record_call(request, "rankings.get", rid)
    return shown


@router.get("/rankings/{rid}/export")
def rankings_export(
    request: Request,
    user: PageUser,
    rid: str,
    fmt: Annotated[Literal["csv", "json", "html"], Query(alias="format")] = "csv",
    blind_all: Annotated[bool, Query(alias="blind")] = False,
    lang: Annotated[Literal["sv", "en"] | None, Query()] = None,
) -> Response:
    """The ranking page's export buttons: the shortlist as ``GET /api/v1/rankings/{id}/export`` gives it."""
    from .stored import export_response

    with engine_of(request) as engine:
        answer = export_response(engine, user, rid, fmt, blind_all, lang)
    if fmt == "html":  # the page's "printable page" opens to print, not as a file in Downloads (hunt hR)
        disposition = answer.headers["Content-Disposition"]
        answer.headers["Content-Disposition"] = disposition.replace("attachment", "inline", 1)
        answer.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    record_call(request, "rankings.export", rid)
    return answer


@router.get("/rankings/{rid}/candidates/{cid}/interview", response_class=HTMLResponse)
def rankings_interview(
    request: Request, user: PageUser, rid: str, cid: str, lang: str | None = None
) -> Response:
    """A ranked candidate's interview kit for the ranking's role (``Engine.ranking_interview``), headed with
    the kit's own labels in its language (``Engine.interview_labels``), as the /rank page's kits are."""
    with engine_of(request) as engine:
        org = engine.org_for(user)
        kit = engine.ranking_interview(org, rid, cid, lang=checked_lang(lang), user_id=uid(user))
        decision = engine.decision(org, rid)
        kept = blind.shown_one(engine, org, user, engine.stored_candidate(org, cid))
        labels = engine.interview_labels(kit.lang)
        chrome = engine.page_labels("interview", kit.lang)
    item = next(i for i in decision.items if i.candidate == cid)
    return page(
        request, "kit.html", kit=kit, lab=labels, words=chrome, decision=decision, item=item, candidate=kept
    )


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
            engine.confirm_ranking(org, rid, order=order, reason=reason, user_id=uid(user))
    except KompetensError as exc:
        if exc.code in (Code.E506,):
            raise
        return ranking_page(
            request, user, rid, status=http_status(exc.code), error=exc, reason=reason, places=places
        )
    return see(request, f"/rankings/{rid}", "confirmed")


def _order(system: list[str], places: dict[str, str]) -> list[str]:
    """The final order from the form's places (1 = first); a candidate without a place keeps the system's.
    Two candidates given one place is E508: which of them comes first is the person's call, not ours."""

    def place(cid: str) -> tuple[float, int]:
        raw = places.get(cid, "").strip()
        try:
            return (float(raw) if raw else float(system.index(cid) + 1), system.index(cid))
        except ValueError:
            raise KompetensError(Code.E508, f"the place {raw!r} is not a number", field="order") from None

    given = [place(cid)[0] for cid in system]
    shared = sorted({p for p in given if given.count(p) > 1})
    if shared:
        raise KompetensError(
            Code.E508,
            f"more than one candidate has place {shared[0]:g}: give each candidate a place of its own",
            field="order",
        )
    return sorted(system, key=place)
