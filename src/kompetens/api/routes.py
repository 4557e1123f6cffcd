"""The JSON endpoints under /api/v1. Each parses its input, calls the Engine and answers with its result,
written by kompetens.schema: the same JSON as ``kompetens ... --json`` for the same input."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from .. import __version__
from ..engine import Engine
from ..errors import AllFailed, Code, FailedInput, KompetensError, http_status, upload_error
from ..lang import report_lang as resolve_report_lang
from ..link import LinkResult
from ..match import AuditReport, Kit, RankItem, Role, Team
from ..models import Document, Extraction
from ..review import Review
from ..schema import dump_json
from ..taxonomy.areas import AreaInfo
from . import schemas
from .auth import Interviewer, Writer, api_user, record_call
from .deps import engine_of, known_form_fields, read_file, read_files
from .inputs import (
    ReadResult,
    Upload,
    ad_document,
    read_uploads,
    resolve_role,
    text_document,
    upload_files,
    upload_names,
)
from .jobs import BACKGROUND_FILES, JOB_LOCATION, JobView, job_response, start_rank_job
from .messages import api_message

MAX_SYNTHETIC = 2_000
"""The largest synthetic pool one request may ask for (scoring 2,000 CVs takes seconds)."""
RankList = list[RankItem | FailedInput]
"""``kompetens rank --json``: the ranked candidates best first, then the CVs that could not be read."""

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorResponse, "description": "No valid API token (once users exist)"},
    403: {"model": schemas.ErrorResponse, "description": "The user's role may not do this"},
}

public = APIRouter(prefix="/api/v1")
"""Routes open to all: health."""

router = APIRouter(
    prefix="/api/v1",
    dependencies=[Depends(api_user), Depends(known_form_fields)],
    responses={
        **AUTH_RESPONSES,
        400: {"model": schemas.ErrorResponse, "description": schemas.UNPARSED},
        413: {"model": schemas.ErrorResponse, "description": "Request body or upload too large"},
        422: {"model": schemas.ErrorResponse, "description": schemas.UNUSABLE},
    },
)

CvFiles = Annotated[
    list[UploadFile],
    File(description="CV files: txt, md, html, pdf, docx (one candidate each)."),
]
RoleJson = Annotated[
    str | None,
    Form(
        description="The role as JSON: {title, weights, must_have?, min_levels?, emphasis?}.",
        examples=['{"title": "Community manager", "weights": {"community": 1, "customer_service": 0.6}}'],
    ),
]
RoleFile = Annotated[
    UploadFile | None,
    File(description="A role file (YAML, or JSON with weights), or a job ad file to derive the role from."),
]
AdText = Annotated[str | None, Form(description="A job ad's text to derive the role from.")]
AdFile = Annotated[
    UploadFile | None,
    File(
        description="The job ad's file: txt, md, html, pdf, docx, or a JobTech ad as JSON (.json, or a "
        ".jsonl of one ad). Give it or `text`, not both."
    ),
]
AdFileText = Annotated[
    str | None, Form(description="The ad's text instead of its file (as the JSON body's `text`).")
]
AdTitle = Annotated[str | None, Form(description="The ad's title, before the file's own.")]
AdLang = Annotated[str | None, Form(description="'sv' or 'en', before the one detected in the file.")]
ReviewFormat = Annotated[Literal["json", "html"], Query(alias="format")]
ReportLang = Annotated[
    Literal["en", "sv", "auto"],
    Query(
        description="The HTML report's language (`format=html`): its headings and notes in English (the "
        "default) or Swedish, or `auto`, the ad's own (`kompetens review --report-lang`). The JSON does not change."
    ),
]


def json_response(value: object, shape: Any = None, *, status: int = 200) -> Response:
    """``value`` as JSON, in the form its type (or ``shape``) defines: what the CLI prints for it."""
    return Response(dump_json(value, shape), status_code=status, media_type="application/json")


def failed_items(read: ReadResult) -> list[FailedInput]:
    return [e.failed() for e in read.failed]


def all_failed(failed: Sequence[KompetensError]) -> Response:
    """The error answer of a call none of whose uploads could be used (a 200 or 201 would say something was):
    the first unreadable file's error, or E514 when each file is held already, with an item per file."""
    first = upload_error(failed)
    return json_response(
        AllFailed(first.info(), tuple(e.failed() for e in failed)), status=http_status(first.code)
    )


def role_and_cvs(
    request: Request,
    files: list[Upload],
    role: str | None,
    role_file: UploadFile | None,
    ad: str | None,
    *,
    thorough: bool = False,
) -> tuple[Engine, Role, ReadResult]:
    role_upload = read_file(role_file)
    with engine_of(request) as engine:
        chosen = resolve_role(engine, role_json=role, role_file=role_upload, ad_text=ad, thorough=thorough)
        read = read_uploads(engine, files, kind="cv")
    return engine, chosen, read


@public.get("/health", response_model=schemas.Health, summary="Liveness and set-up state")
def health(request: Request) -> schemas.Health:
    engine: Engine = request.app.state.engine
    return schemas.Health(version=__version__, taxonomy=engine.taxonomy is not None)


@router.get("/areas", response_model=list[AreaInfo], summary="The eight competence areas")
def areas(request: Request) -> Response:
    with engine_of(request) as engine:
        return json_response(engine.area_details(), list[AreaInfo])


@router.post("/extract", response_model=Extraction, summary="Competences in a text, with evidence spans")
def extract(request: Request, body: schemas.ExtractRequest) -> Response:
    doc = text_document(body.text, kind=body.kind, lang=body.lang, title=body.title)
    with engine_of(request) as engine:
        profile = engine.extract(doc, spans=body.spans, thorough=body.thorough)
    record_call(request, "extract")
    return json_response(profile.extraction(engine.skill_labels))


@router.post(
    "/review",
    response_model=Review,
    summary="Review a job ad",
    description="Hidden social-media needs, missing areas and biased wording. "
    "`?format=html` returns the self-contained HTML report instead (`report_lang`: its language).",
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
def review(
    request: Request, body: schemas.ReviewRequest, fmt: ReviewFormat = "json", report_lang: ReportLang = "en"
) -> Response:
    doc = text_document(body.text, kind="ad", lang=body.lang, title=body.title, source="<ad>")
    return _review(request, doc, fmt, report_lang)


@router.post(
    "/review/file",
    response_model=Review,
    summary="Review a job ad's file",
    description="`POST /api/v1/review` for an ad as a file, as an ATS sends it: a multipart form with the "
    "ad's file `ad_file` (txt, md, html, pdf, docx, or a JobTech ad as JSON: `Engine.read_ad`, as the web "
    "page /review reads an upload), and `title?` and `lang?` that go before the file's own. `text` instead "
    "of the file is taken too, but not both (E301). A file that cannot be read is its own error (E1xx), "
    "naming the file; one of several ads (a .jsonl of many) is E301. `?format=html` returns the HTML report "
    "(`report_lang`: its language).",
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
def review_file(
    request: Request,
    ad_file: AdFile = None,
    text: AdFileText = None,
    title: AdTitle = None,
    lang: AdLang = None,
    fmt: ReviewFormat = "json",
    report_lang: ReportLang = "en",
) -> Response:
    upload = read_file(ad_file)
    with engine_of(request) as engine:
        doc = ad_document(engine, text=text or "", upload=upload, title=title, lang=lang, source="<ad>")
    return _review(request, doc, fmt, report_lang)


def _review(
    request: Request, doc: Document, fmt: Literal["json", "html"], report_lang: str = "en"
) -> Response:
    record_call(request, "review")
    with engine_of(request) as engine:
        result = engine.review(doc)
        if fmt == "html":
            return HTMLResponse(
                engine.review_html(result, doc, lang=resolve_report_lang(report_lang, result.lang))
            )
    return json_response(result)  # its ``text`` is the normalised text the offsets index


@router.post(
    "/link",
    response_model=list[LinkResult],
    summary="Link free-text skills to ESCO concepts",
    description="Needs the taxonomy (`kompetens setup`); answers 503 (E200) before that.",
)
def link(request: Request, body: schemas.LinkRequest) -> Response:
    with engine_of(request) as engine:
        result = engine.link(
            body.texts, top=body.top, kind=body.kind, spans=body.spans, min_confidence=body.min_confidence
        )
    record_call(request, "link")
    return json_response(result, list[LinkResult])


@router.post(
    "/role",
    response_model=Role,
    summary="The role that rank, team and interview score for",
    description="The same multipart fields as /rank: `role` (JSON), `role_file` (role or ad file) or `ad` "
    "(text); the built-in social media specialist when none is given. Shows the weights a job ad gives.",
)
def show_role(
    request: Request, role: RoleJson = None, role_file: RoleFile = None, ad: AdText = None
) -> Response:
    upload = read_file(role_file)
    with engine_of(request) as engine:
        chosen = resolve_role(engine, role_json=role, role_file=upload, ad_text=ad)
    record_call(request, "role")
    return json_response(chosen)


@router.post(
    "/rank",
    response_model=RankList,
    summary="Rank CVs for a role",
    description="Multipart form. The role: `role` (JSON), `role_file` (role or ad file) or `ad` (text); "
    "the built-in social media specialist when none is given (`POST /api/v1/role` shows it). The answer is "
    "`kompetens rank --json`'s list: candidates best first, then an item with `error` per unreadable upload. "
    "Once the server has users (admin, recruiter), every ranking is kept: the CVs become stored candidates "
    "of the organisation (random ids, its retention applies) and the ranking a decision record, whose id "
    "the `Kompetens-Ranking` header carries (`Location`: the record) for a person to confirm it. "
    f"More than {BACKGROUND_FILES} CVs, or `?background=true`, run as a background job: 202 with the job. "
    "When no CV could be read, the first file's error (422) with an item per file, and nothing is ranked.",
    responses={
        200: {
            "headers": {
                "Kompetens-Ranking": {
                    "description": "The id of the decision record this ranking was kept as, for a person to "
                    "confirm (`POST /api/v1/rankings/{id}/confirm`); absent in open mode, where nothing is "
                    "kept, and when no CV could be read.",
                    "schema": {"type": "string"},
                },
                "Location": {
                    "description": "The record: `/api/v1/rankings/{id}` (with `Kompetens-Ranking`).",
                    "schema": {"type": "string"},
                },
            }
        },
        202: {"model": JobView, "description": "Started as a background job", "headers": JOB_LOCATION},
        422: {
            "model": schemas.ErrorResponse | AllFailed,
            "description": "A bad field, or no CV could be read",
        },
    },
)
def rank(
    request: Request,
    user: Writer,
    cvs: CvFiles,
    role: RoleJson = None,
    role_file: RoleFile = None,
    ad: AdText = None,
    top: Annotated[int | None, Form(ge=1, description="Keep only the best N.")] = None,
    thorough: Annotated[
        bool,
        Form(
            description="Profile with the learned span tagger too, its phrases linked to ESCO "
            "(`kompetens rank --thorough`; slower)."
        ),
    ] = False,
    background: Annotated[
        bool | None,
        Query(
            description="Run as a background job: 202 with the job (`Location`: `/api/v1/jobs/{id}`). "
            f"By default only for more than {BACKGROUND_FILES} CVs; `false` never."
        ),
    ] = None,
    thorough_query: Annotated[
        bool,
        Query(
            alias="thorough", description="`thorough` as a query parameter, beside `background`: the same."
        ),
    ] = False,
) -> Response:
    thorough = thorough or thorough_query  # ?thorough=true was once ignored for the form field alone
    files = read_files(request, cvs)
    if background or (background is None and len(files) > BACKGROUND_FILES):
        with engine_of(request) as engine:
            chosen = resolve_role(
                engine, role_json=role, role_file=read_file(role_file), ad_text=ad, thorough=thorough
            )
        job = start_rank_job(request, user, chosen, files, top=top, thorough=thorough)
        record_call(request, "jobs.rank", job.id)
        return job_response(request, job, status=202)
    if user is None:  # open mode, a loopback demo: nothing is stored; read and ranked in one engine call
        with engine_of(request) as engine:
            chosen = resolve_role(
                engine, role_json=role, role_file=read_file(role_file), ad_text=ad, thorough=thorough
            )
            ranking, failed = engine.rank_files(
                chosen, upload_files(files), names=upload_names(files), top=top, thorough=thorough
            )
        if failed and not ranking:
            return all_failed(failed)
        record_call(request, "rank")
        return json_response([*ranking, *(e.failed() for e in failed)], RankList)
    engine, chosen, read = role_and_cvs(request, files, role, role_file, ad, thorough=thorough)
    if read.failed and not read.documents:
        return all_failed(read.failed)
    rid: str | None = None
    with engine_of(request):
        if read.documents:
            rid, ranking = engine.rank_recorded(
                user.org_id,
                chosen,
                read.documents,
                read.original,
                user_id=user.id,
                top=top,
                thorough=thorough,
            )
        else:
            ranking = []
    record_call(request, "rank", rid)
    items: RankList = [*ranking, *failed_items(read)]
    response = json_response(items, RankList)
    if rid is not None:
        response.headers["Kompetens-Ranking"] = rid
        response.headers["Location"] = f"{request.scope.get('root_path', '')}/api/v1/rankings/{rid}"
    return response


@router.post(
    "/team",
    response_model=Team,
    summary="The team of N that covers a role best",
    description="`kompetens team --json`'s object; `failed` lists the uploads that could not be read.",
)
def team(
    request: Request,
    user: Writer,
    cvs: CvFiles,
    size: Annotated[int, Form(ge=1, le=50, description="Team size.")],
    role: RoleJson = None,
    role_file: RoleFile = None,
    ad: AdText = None,
) -> Response:
    engine, chosen, read = role_and_cvs(request, read_files(request, cvs), role, role_file, ad)
    if not read.documents and read.failed:  # nothing to build from: say which files and why
        raise read.failed[0]
    with engine_of(request):
        result = engine.team(chosen, read.documents, size=size)
    record_call(request, "team")
    return json_response(replace(result, failed=tuple(failed_items(read))))


@router.post(
    "/interview",
    response_model=Kit,
    summary="A structured interview kit for one candidate",
    description="`?format=markdown` returns the kit as Markdown.",
    responses={200: {"content": {"text/markdown": {"schema": {"type": "string"}}}}},
)
def interview(
    request: Request,
    user: Interviewer,
    cv: Annotated[UploadFile, File(description="One CV file.")],
    role: RoleJson = None,
    role_file: RoleFile = None,
    ad: AdText = None,
    fmt: Annotated[Literal["json", "markdown"], Query(alias="format")] = "json",
    lang: Annotated[
        Literal["sv", "en"] | None,
        Form(description="The kit's language (`kompetens interview --lang`; default: the CV's)."),
    ] = None,
) -> Response:
    engine, chosen, read = role_and_cvs(request, read_files(request, [cv]), role, role_file, ad)
    if read.failed:
        raise read.failed[0]
    if not read.documents:
        raise KompetensError(Code.E110, "no CV text found in the upload", field="cv")
    with engine_of(request):
        kit = engine.interview(chosen, read.documents[0], lang=lang)
    record_call(request, "interview")
    if fmt == "markdown":
        return PlainTextResponse(kit.markdown, media_type="text/markdown; charset=utf-8")
    return json_response(kit)


@router.post(
    "/audit",
    response_model=AuditReport,
    summary="Bias audit: impact ratios by sex and age band (NYC Local Law 144)",
    description="Multipart form. Either `cvs` with a `groups` file (CSV or JSON: file name -> sex and "
    "birth_year, age or age_band; the names are the uploads' file names), or `synthetic` (a generated pool "
    "of N CVs with equal competence in every group). The role fields are /rank's. Selection: `top` N, or "
    "`threshold` (scores at least T); neither: the top quarter. The answer is `kompetens audit --json`'s "
    "object; `failed` names the uploads that could not be read.",
)
def audit(
    request: Request,
    user: Writer,
    cvs: Annotated[list[UploadFile] | None, File(description="CV files, one candidate each.")] = None,
    groups: Annotated[
        UploadFile | None, File(description="CSV or JSON: file -> sex, birth_year | age | age_band.")
    ] = None,
    synthetic: Annotated[
        int | None, Form(ge=8, le=MAX_SYNTHETIC, description="Audit a generated pool of N CVs instead.")
    ] = None,
    seed: Annotated[int, Form(description="The synthetic pool's seed.")] = 0,
    top: Annotated[int | None, Form(ge=1, description="Selection: the best N.")] = None,
    threshold: Annotated[float | None, Form(ge=0, le=100, description="Selection: scores >= T.")] = None,
    role: RoleJson = None,
    role_file: RoleFile = None,
    ad: AdText = None,
) -> Response:
    files = read_files(request, cvs or [])
    groups_upload = read_file(groups)
    if synthetic is not None and (files or groups_upload is not None):
        raise KompetensError(Code.E301, "give synthetic, or cvs with groups, not both", field="synthetic")
    if synthetic is None and (not files or groups_upload is None):
        raise KompetensError(Code.E301, "give cvs and a groups file, or synthetic", field="groups")
    role_upload = read_file(role_file)
    with engine_of(request) as engine:
        chosen = resolve_role(engine, role_json=role, role_file=role_upload, ad_text=ad)
        if synthetic is not None:
            report = engine.audit_synthetic(chosen, synthetic, seed=seed, top=top, threshold=threshold)
            report = replace(report, notes=[api_message(n) for n in report.notes])  # "synthetic 20: 16 CVs"
            record_call(request, "audit")
            return json_response(report)
        assert groups_upload is not None
        table = engine.read_groups(groups_upload.data, name=groups_upload.name or "groups")
        read = read_uploads(engine, files, kind="cv")
        report = engine.audit(
            chosen,
            read.documents,
            table,
            top=top,
            threshold=threshold,
            pool="uploads",
            failed=[e.source or "" for e in read.failed],
        )
    record_call(request, "audit")
    return json_response(report)
