"""Stored work over the API: an organisation's candidates, rankings (decision records), explanations and
retention period.

Every route works in the caller's organisation (the default organisation while the server is open, with no
users): an id of another organisation answers 404 exactly like an id that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import Field

from ..engine import Engine
from ..errors import AllFailed, Code, FailedInput, KompetensError
from ..match import Kit, Role
from ..match.decision import CandidateExport, Decision, Explanation, StoredRole
from ..match.shortlist import Shortlist
from ..store.accounts import User
from ..store.records import (
    ALL_ROWS,
    MAX_RETENTION_DAYS,
    UNCHANGED,
    Event,
    Retention,
    StoredAd,
    StoredCandidate,
)
from . import blind, schemas
from .auth import Admin, CurrentUser, Interviewer, Writer, record_call
from .deps import engine_of, known_form_fields, read_file, read_files
from .inputs import MAX_ID, ad_document, attachment, checked_lang, safe_name
from .routes import (
    AUTH_RESPONSES,
    AdFile,
    AdFileText,
    AdLang,
    AdTitle,
    CvFiles,
    all_failed,
    json_response,
)

router = APIRouter(
    prefix="/api/v1",
    dependencies=[Depends(known_form_fields)],
    responses={
        **AUTH_RESPONSES,
        400: {"model": schemas.ErrorResponse, "description": schemas.UNPARSED},
        404: {
            "model": schemas.ErrorResponse,
            "description": "No such candidate or ranking in the organisation",
        },
        413: {"model": schemas.ErrorResponse, "description": "Request body or upload too large"},
        422: {"model": schemas.ErrorResponse, "description": schemas.UNUSABLE},
    },
)

Added = list[StoredCandidate | FailedInput]
"""``POST /api/v1/candidates``: one stored candidate per readable file, a failed item per other."""


class RankingRequest(schemas.StrictBody):
    candidates: Annotated[list[str], Field(min_length=1)] | None = Field(
        default=None,
        description="Candidate ids to rank (at least one: an empty list is 422, E301); all of the "
        "organisation's when left out.",
    )
    role: dict[str, Any] | None = Field(
        default=None,
        description="The role: {title, weights, must_have?, min_levels?, emphasis?}; the built-in social "
        "media specialist when neither this nor role_id is given.",
    )
    role_id: str | None = Field(
        default=None, description="A stored role's id: its latest version is scored and recorded."
    )
    ad_id: str | None = Field(default=None, description="A stored ad's id: the role it asks for is scored.")
    top: int | None = Field(default=None, ge=1, description="Keep only the best N.")


class ConfirmRequest(schemas.StrictBody):
    order: list[str] | None = Field(
        default=None, description="The final order, candidate ids best first; the system's when left out."
    )
    reason: str | None = Field(
        default=None, max_length=2000, description="Why the order differs from the system's (required then)."
    )


class RetentionRequest(schemas.StrictBody):
    days: int | None = Field(
        ge=1,
        le=MAX_RETENTION_DAYS,
        description="Candidates are erased this many days after they were stored.",
    )
    event_days: int | None = Field(
        default=None, ge=1, le=MAX_RETENTION_DAYS, description="Events are kept this many days (183)."
    )
    ad_days: int | None = Field(
        default=None,
        ge=1,
        le=MAX_RETENTION_DAYS,
        description="Stored job ads are deleted this many days after they were stored (an ad can name a "
        "contact person); null keeps them until deleted; left out, the period stays as it is.",
    )


def _user_id(user: User | None) -> int | None:
    return user.id if user is not None else None


@router.post(
    "/candidates",
    response_model=Added,
    status_code=201,
    summary="Store CVs as candidates of the organisation (admin, recruiter)",
    description="Multipart `cvs`. Each file is kept as uploaded (for export) with its profile, under a random "
    "id; the file's name is shown inside the organisation only. Every file is profiled before any is stored: "
    "a request stopped at the time limit (504, E601) stores none. A file that cannot be read, or that the "
    "organisation holds already (E514), is an item with `error` among the stored ones (201); when no file "
    "is stored the answer is an error: `error`, the first unreadable file's with its code's status (422; "
    "413 for E103) or, when every file is held already, E514 (409); and `failed`, an item per file.",
    responses={
        409: {"model": AllFailed, "description": "Every file is stored already (E514): none stored"},
        413: {
            "model": schemas.ErrorResponse | AllFailed,
            "description": "The upload is too large; or no file stored, the first unreadable one too large "
            "(E103, with `failed`)",
        },
        422: {
            "model": schemas.ErrorResponse | AllFailed,
            "description": "Input that cannot be used; or no file could be read (E1xx, with `failed`): "
            "none stored",
        },
    },
)
def add_candidates(request: Request, user: Writer, cvs: CvFiles) -> Response:
    uploads = read_files(request, cvs)
    files = [(safe_name(u.name, index=i), u.data) for i, u in enumerate(uploads, start=1)]
    with engine_of(request) as engine:
        added = engine.add_candidates(engine.org_for(user), files, user_id=_user_id(user))
    failed = [a for a in added if isinstance(a, KompetensError)]
    if failed and len(failed) == len(added):
        return all_failed(failed)
    out: Added = [a.failed() if isinstance(a, KompetensError) else a for a in added]
    return json_response(out, Added, status=201)


TOTAL_HEADER = "X-Total-Count"
"""The header a list answer gives its total in (the body stays a plain list: existing clients read it)."""
Offset = Annotated[
    int,
    Query(ge=0, le=ALL_ROWS, description="Skip this many first: with `limit`, a page (default 0)."),
]


def _total_header(what: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI entry of a list answer's ``X-Total-Count``."""
    header = {
        "description": f"How many {what} there are in all, whatever the page.",
        "schema": {"type": "integer"},
    }
    return {200: {"headers": {TOTAL_HEADER: header}}}


def _page(found: list[Any], shape: Any, total: int) -> Response:
    """A page of a list as JSON, with the list's total in ``X-Total-Count``: a client pages with ``offset``
    until it has that many."""
    response = json_response(found, shape)
    response.headers[TOTAL_HEADER] = str(total)
    return response


Limit = Annotated[int | None, Query(ge=1, le=500, description="At most this many (default: all).")]


def _sliced(found: list[Any], shape: Any, limit: int | None, offset: int) -> Response:
    """``found[offset:offset + limit]`` as a page (``_page``) whose total is all of ``found``: the lists
    that had no paging (ads, roles, events: a bug hunt, hJ, found ``?limit=1`` ignored and no total)."""
    end = None if limit is None else offset + limit
    return _page(found[offset:end], shape, len(found))


@router.get(
    "/candidates",
    response_model=list[StoredCandidate],
    summary="The organisation's candidates",
    description="Oldest first, all of them by default; `limit` and `offset` give a page (new candidates come "
    "last, so pages stay put while they are added). `X-Total-Count` holds how many there are in all. A "
    "hiring manager sees a candidate's `name` as a pseudonym (`#` and the id's first six characters) "
    "until a ranking holding them is confirmed, and `q` matches the names they see.",
    responses=_total_header("candidates (that match `q`)"),
)
def list_candidates(
    request: Request,
    user: CurrentUser,
    q: Annotated[str | None, Query(max_length=200, description="Only names that hold this.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=500, description="At most this many (default: all).")] = None,
    offset: Offset = 0,
    person: Annotated[
        list[str] | None,
        Query(
            max_length=200,
            description="Admin, recruiter: only the candidates whose kept CV holds any of these (a person's "
            "name, e-mail or phone number by its digits), for a data subject's request "
            "(`kompetens candidates find`; docs/privacy.md). Repeat it for more.",
        ),
    ] = None,
) -> Response:
    if person:
        if user is not None and user.role not in ("admin", "recruiter"):
            raise KompetensError(
                Code.E504,
                "a hiring manager sees candidates by pseudonym, so cannot search them by the person; "
                "ask a recruiter",
                field="person",
            )
        with engine_of(request) as engine:
            named = engine.find_candidates(engine.org_for(user), person)
        if q:
            named = [c for c in named if q.casefold() in c.name.casefold()]
        record_call(request, "candidates.list")
        end = None if limit is None else offset + limit
        return _page(named[offset:end], list[StoredCandidate], len(named))
    with engine_of(request) as engine:
        found, total = blind.shown_list(
            engine, engine.org_for(user), user, query=q, limit=limit, offset=offset
        )
    record_call(request, "candidates.list")
    return _page(found, list[StoredCandidate], total)


@router.get("/candidates/{cid}", response_model=StoredCandidate, summary="One candidate")
def get_candidate(request: Request, user: CurrentUser, cid: str) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        kept = blind.shown_one(engine, org, user, engine.stored_candidate(org, cid))
    record_call(request, "candidates.get", cid)
    return json_response(kept)


@router.delete(
    "/candidates/{cid}",
    response_model=StoredCandidate,
    summary="Erase a candidate for real (admin, recruiter)",
    description="The file, the profile and their items in rankings are deleted and the database rewritten; "
    "the event log keeps `candidate.erase` with the random id only. Answers the erased record.",
)
def erase_candidate(request: Request, user: Writer, cid: str) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.erase_candidate(engine.org_for(user), cid, user_id=_user_id(user)))


@router.get(
    "/candidates/{cid}/export",
    response_model=CandidateExport,
    summary="Everything held on a candidate (GDPR Art. 15, 20)",
    description="The record, the profile, the original file (base64), the rankings and the events. 403 "
    "(E504) for a hiring manager while they see the candidate by pseudonym (no confirmed ranking holds them).",
)
def export_candidate(request: Request, user: CurrentUser, cid: str) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        engine.stored_candidate(org, cid)  # E505 first: an unknown id is not found, whoever asks
        blind.check_named(engine, org, user, cid, "their export")
        return json_response(engine.export_candidate(org, cid, user_id=_user_id(user)))


@router.get(
    "/candidates/{cid}/file",
    summary="The candidate's original file",
    description="As uploaded. 403 (E504) for a hiring manager while they see the candidate by pseudonym.",
    responses={200: {"content": {"application/octet-stream": {"schema": {"type": "string"}}}}},
)
def candidate_file(request: Request, user: CurrentUser, cid: str) -> Response:
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


@router.get(
    "/candidates/{cid}/explanation",
    response_model=Explanation,
    summary="A candidate's own score in plain language (AI Act Art. 86)",
    description="From the latest ranking the candidate was part of, or `?ranking=ID`; in the CV's language "
    "(Swedish or English; English for a CV in neither), or `?lang=sv|en`. 409 (E510) before any ranking.",
    responses={
        409: {
            "model": schemas.ErrorResponse,
            "description": "The candidate is in no ranking yet, or not in `ranking` (E510)",
        }
    },
)
def explain_candidate(
    request: Request,
    user: CurrentUser,
    cid: str,
    ranking: Annotated[str | None, Query(description="A ranking's id.")] = None,
    lang: Annotated[
        Literal["sv", "en"] | None,
        Query(description="The explanation's language (default: the CV's; English for a CV in neither)."),
    ] = None,
) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        explained = engine.explain_candidate(org, cid, ranking=ranking, lang=lang, user_id=_user_id(user))
        return json_response(explained)


@router.post(
    "/rankings",
    response_model=Decision,
    status_code=201,
    summary="Rank stored candidates for a role: a decision record (admin, recruiter)",
    description="A proposal until a person confirms it (`POST /api/v1/rankings/{id}/confirm`).",
)
def create_ranking(request: Request, user: Writer, body: RankingRequest) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        given = [k for k in ("role", "role_id", "ad_id") if getattr(body, k) is not None]
        if len(given) > 1:
            raise KompetensError(
                Code.E301, f"give one of role, role_id or ad_id, not {' and '.join(given)}", field=given[-1]
            )
        role: Role | StoredRole
        if body.role_id is not None:
            role = engine.stored_role(org, body.role_id)
        elif body.ad_id is not None:
            role = engine.role_for_ad(org, body.ad_id)
        else:
            role = engine.choose_role(role=body.role)
        decision = engine.rank_stored(org, role, body.candidates, user_id=_user_id(user), top=body.top)
    return json_response(decision, status=201)


@router.get(
    "/rankings",
    response_model=list[Decision],
    summary="The organisation's rankings, latest first",
    description="The newest 50 by default; `limit` and `offset` give a page, so older decision records can "
    "be listed too. `X-Total-Count` holds how many there are in all.",
    responses=_total_header("rankings"),
)
def list_rankings(
    request: Request,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many, newest first.")] = 50,
    offset: Offset = 0,
) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        found = engine.decisions(org, limit=limit, offset=offset)
        total = engine.count_decisions(org)
    record_call(request, "rankings.list")
    return _page(found, list[Decision], total)


@router.get("/rankings/{rid}", response_model=Decision, summary="A stored ranking (decision record)")
def get_ranking(request: Request, user: CurrentUser, rid: str) -> Response:
    with engine_of(request) as engine:
        decision = engine.decision(engine.org_for(user), rid)
    record_call(request, "rankings.get", rid)
    return json_response(decision)


ExportFormat = Annotated[
    Literal["csv", "json", "html"],
    Query(alias="format", description="csv (Excel: UTF-8 with a BOM, `;` in Swedish), json or html."),
]
ExportLang = Annotated[
    Literal["sv", "en"] | None,
    Query(description="Headings and area names: sv or en (default: the ranked ad's language)."),
]


def export_response(
    engine: Engine, user: User | None, rid: str, fmt: str, blind_all: bool, lang: str | None
) -> Response:
    """A ranking's shortlist as a download (``Engine.shortlist``): a hiring manager's candidates not yet
    shortlisted by a confirmed ranking are pseudonyms whatever ``blind_all`` says, as on every page."""
    from ..match.shortlist import to_csv, to_html

    org = engine.org_for(user)
    decision = engine.decision(org, rid)
    hidden = blind.hidden_ids(engine, org, user, [i.candidate for i in decision.items])
    listing = engine.shortlist(org, rid, blind=blind_all, lang=lang, hidden=hidden)
    name = f"shortlist-{rid}.{fmt}"
    headers = {"Content-Disposition": attachment(name)}
    if fmt == "csv":
        return Response(to_csv(listing), media_type="text/csv; charset=utf-8", headers=headers)
    if fmt == "html":
        return Response(to_html(listing), media_type="text/html; charset=utf-8", headers=headers)
    answer = json_response(listing)
    answer.headers.update(headers)
    return answer


@router.get(
    "/rankings/{rid}/export",
    response_model=Shortlist,
    summary="A ranking as a shortlist to send to a client",
    description="Per candidate, in the confirmed order once final: place, score, level per area the role "
    "weighs, must-haves met, the ad's merits shown apart, evidence quotes (anonymised CV text) and gaps. "
    "`?format=csv` (the default: UTF-8 with a BOM for Excel, `;` between fields in Swedish, `,` in English), "
    "`json` or `html` (a printable page); `?blind=true` shows every candidate by pseudonym (no names, file "
    "names or contact details), as a hiring manager always sees those no confirmed ranking holds; `?lang=sv|en` "
    "(default: the ranked ad's language). A download (`Content-Disposition`). 404 (E506) for a ranking the "
    "organisation does not hold.",
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            }
        }
    },
)
def export_ranking(
    request: Request,
    user: CurrentUser,
    rid: str,
    fmt: ExportFormat = "csv",
    blind_all: Annotated[bool, Query(alias="blind", description="Pseudonyms for every candidate.")] = False,
    lang: ExportLang = None,
) -> Response:
    with engine_of(request) as engine:
        answer = export_response(engine, user, rid, fmt, blind_all, lang)
    record_call(request, "rankings.export", rid)
    return answer


@router.post(
    "/rankings/{rid}/confirm",
    response_model=Decision,
    summary="Make a ranking final: a person's order",
    description="Without `order` the system's order becomes final; an order that differs needs a `reason` "
    "(422, E508). A ranking is confirmed once (409, E507).",
    responses={
        409: {"model": schemas.ErrorResponse, "description": "The ranking was confirmed already (E507)"}
    },
)
def confirm_ranking(request: Request, user: CurrentUser, rid: str, body: ConfirmRequest) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        decision = engine.confirm_ranking(
            org, rid, order=body.order, reason=body.reason, user_id=_user_id(user)
        )
    return json_response(decision)


@router.get(
    "/rankings/{rid}/candidates/{cid}/interview",
    response_model=Kit,
    summary="An interview kit for a ranked candidate, for the ranking's role",
    description="The kit `POST /api/v1/interview` makes from a CV, made from the stored candidate's profile "
    "for the role the ranking recorded: questions, a work sample and anchored 1-5 scales for the candidate's "
    "gaps and the role's must-haves. In the CV's language (Swedish or English; English for a CV in neither), "
    "or `?lang=sv|en`; `?format=markdown` gives the kit as Markdown. 404 for a ranking (E506) or a candidate "
    "(E505: erased, or never stored) the organisation does not hold; 409 (E510) for a candidate who is not "
    "in the ranking.",
    responses={
        200: {"content": {"text/markdown": {"schema": {"type": "string"}}}},
        409: {"model": schemas.ErrorResponse, "description": "The candidate is not in the ranking (E510)"},
    },
)
def ranking_interview(
    request: Request,
    user: Interviewer,
    rid: str,
    cid: str,
    lang: Annotated[
        Literal["sv", "en"] | None,
        Query(description="The kit's language (default: the CV's; English for a CV in neither)."),
    ] = None,
    fmt: Annotated[Literal["json", "markdown"], Query(alias="format")] = "json",
) -> Response:
    with engine_of(request) as engine:
        kit = engine.ranking_interview(engine.org_for(user), rid, cid, lang=lang, user_id=_user_id(user))
    if fmt == "markdown":
        return PlainTextResponse(kit.markdown, media_type="text/markdown; charset=utf-8")
    return json_response(kit)


class AdRequest(schemas.StrictBody):
    text: str = Field(description="The ad's text.", max_length=200_000)
    title: str | None = Field(
        default=None,
        description="The ad's title; without one, the title read from the ad (review's and the ranking's).",
    )
    lang: str | None = Field(default=None, description="sv or en; detected when left out.")


@router.post("/ads", response_model=StoredAd, status_code=201, summary="Keep a job ad for the organisation")
def create_ad(request: Request, user: CurrentUser, body: AdRequest) -> Response:
    with engine_of(request) as engine:
        kept = engine.add_ad(
            engine.org_for(user),
            body.text,
            title=(body.title or "").strip() or None,
            lang=checked_lang(body.lang),
            user_id=_user_id(user),
        )
    return json_response(kept, status=201)


@router.post(
    "/ads/file",
    response_model=StoredAd,
    status_code=201,
    summary="Keep a job ad's file for the organisation",
    description="`POST /api/v1/ads` for an ad as a file: a multipart form with `ad_file` (txt, md, html, "
    "pdf, docx, or a JobTech ad as JSON), `title?` and `lang?` before the file's own; `text` instead of the "
    "file, not both (E301). The ad's text as read is kept (the file is not), as the web page /ads does.",
)
def create_ad_file(
    request: Request,
    user: CurrentUser,
    ad_file: AdFile = None,
    text: AdFileText = None,
    title: AdTitle = None,
    lang: AdLang = None,
) -> Response:
    upload = read_file(ad_file)
    with engine_of(request) as engine:
        doc = ad_document(engine, text=text or "", upload=upload, title=title, lang=lang, source="ad")
        kept = engine.add_ad(
            engine.org_for(user), doc.text, title=doc.title, lang=doc.lang, user_id=_user_id(user)
        )
    return json_response(kept, status=201)


@router.get(
    "/ads",
    response_model=list[StoredAd],
    summary="The organisation's stored ads",
    description="All of them by default; `limit` and `offset` give a page. `X-Total-Count` holds how many "
    "there are in all.",
    responses=_total_header("stored ads"),
)
def list_ads(request: Request, user: CurrentUser, limit: Limit = None, offset: Offset = 0) -> Response:
    with engine_of(request) as engine:
        return _sliced(engine.ads(engine.org_for(user)), list[StoredAd], limit, offset)


@router.get("/ads/{ad_id}", response_model=StoredAd, summary="A stored ad")
def get_ad(request: Request, user: CurrentUser, ad_id: str) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.stored_ad(engine.org_for(user), ad_id))


@router.delete("/ads/{ad_id}", response_model=StoredAd, summary="Delete a stored ad (admin, recruiter)")
def delete_ad(request: Request, user: Writer, ad_id: str) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.delete_ad(engine.org_for(user), ad_id, user_id=_user_id(user)))


@router.post(
    "/roles",
    response_model=StoredRole,
    status_code=201,
    summary="Keep a role for the organisation",
    description="The body is the role: {title, weights, must_have?, min_levels?, emphasis?}.",
)
def create_role(request: Request, user: CurrentUser, body: dict[str, Any]) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        kept = engine.save_role(org, engine.choose_role(role=body), user_id=_user_id(user))
    return json_response(kept, status=201)


@router.get(
    "/roles",
    response_model=list[StoredRole],
    summary="The organisation's roles (latest versions)",
    description="All of them by default; `limit` and `offset` give a page. `X-Total-Count` holds how many "
    "there are in all.",
    responses=_total_header("stored roles"),
)
def list_roles(request: Request, user: CurrentUser, limit: Limit = None, offset: Offset = 0) -> Response:
    with engine_of(request) as engine:
        return _sliced(engine.stored_roles(engine.org_for(user)), list[StoredRole], limit, offset)


@router.get("/roles/{role_id}", response_model=StoredRole, summary="A stored role")
def get_role(
    request: Request,
    user: CurrentUser,
    role_id: str,
    version: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="A version (default: the latest).")
    ] = None,
) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.stored_role(engine.org_for(user), role_id, version))


@router.put(
    "/roles/{role_id}",
    response_model=StoredRole,
    summary="Change a stored role: a new version",
    description="Earlier versions stay, as decision records name them.",
)
def update_role(request: Request, user: CurrentUser, role_id: str, body: dict[str, Any]) -> Response:
    with engine_of(request) as engine:
        org = engine.org_for(user)
        role = engine.choose_role(role=body)
        return json_response(engine.save_role(org, role, role_id=role_id, user_id=_user_id(user)))


@router.delete(
    "/roles/{role_id}", response_model=StoredRole, summary="Delete a stored role (admin, recruiter)"
)
def delete_role(request: Request, user: Writer, role_id: str) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.delete_role(engine.org_for(user), role_id, user_id=_user_id(user)))


@router.get(
    "/events",
    response_model=list[Event],
    summary="The organisation's event log (admin)",
    description="Oldest first; `?since=YYYY-MM-DD` from that day on; `limit` and `offset` give a page (new "
    "entries come last, so pages stay put). `X-Total-Count` holds how many there are in all. Entries hold the "
    "event, the organisation, the user's number, an object's id and the time: never a text, a name or a "
    "file name.",
    responses=_total_header("events (since `since`)"),
)
def list_events(
    request: Request,
    admin: Admin,
    since: Annotated[
        str | None,
        Query(
            pattern=r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$",
            description="UTC, YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; or an ISO 8601 moment as answers write "
            "it (2026-12-06T11:07:30+00:00).",
        ),
    ] = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> Response:
    with engine_of(request) as engine:
        found = engine.events(engine.org_for(admin), since=since)
    record_call(request, "events")
    return _sliced(found, list[Event], limit, offset)


@router.get("/retention", response_model=Retention, summary="The organisation's retention periods")
def get_retention(request: Request, user: CurrentUser) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.retention(engine.org_for(user)))


@router.put("/retention", response_model=Retention, summary="Set the retention periods (admin)")
def set_retention(request: Request, admin: Admin, body: RetentionRequest) -> Response:
    with engine_of(request) as engine:
        ads = body.ad_days if "ad_days" in body.model_fields_set else UNCHANGED
        kept = engine.set_retention(
            engine.org_for(admin),
            days=body.days,
            event_days=body.event_days,
            ad_days=ads,
            user_id=_user_id(admin),
        )
    return json_response(kept)
