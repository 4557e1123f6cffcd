"""Background jobs: work too long for one request (ranking many CVs) runs after the answer, with progress.

``POST /api/v1/rank?background=1`` (or more than ``BACKGROUND_FILES`` CVs, or the web /rank page's
"in the background" box) answers 202 at once with the job (``Location``: ``/api/v1/jobs/{id}``); the job reads
and profiles the CVs in chunks of ``CHUNK`` through the engine pool (each chunk under the time limit of a
request, so the pool's workers are shared with requests between chunks) and counts them: that count is the
progress. When all are profiled it ranks them (and, once the server has users, stores them and the ranking
as the synchronous route does) and keeps the answer.

Jobs live in the server process's memory only: at most ``JOB_LIMIT`` at once (queued, running or finished;
more waiting or running than ``ACTIVE_LIMIT`` is E603), ``RUNNERS`` run at a time, and a finished one is
forgotten ``KEEP_SECONDS`` after it ended (or when the server stops). A job belongs to the organisation of
the user who started it (the default organisation in open mode): anyone else gets 404 (E604), as for an id
that does not exist. Nothing of a job is logged but its id, kind and outcome.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from ..errors import Code, ErrorInfo, FailedInput, KompetensError, http_status
from ..lang import REPORT_LANGS, report_words
from ..match import CandidateProfile, RankItem, Role
from ..schema import Time, adapter, to_jsonable
from ..store.accounts import User
from . import schemas
from .auth import CurrentUser, api_user, page_user, record_call
from .csrf import check_csrf
from .deps import engine_for, known_form_fields, read_files
from .errors import raised_at
from .inputs import Upload, attachment, checked_lang, read_uploads, upload_files, upload_names
from .messages import api_message
from .render import WRITERS, html_download, page, page_lang

log = logging.getLogger("kompetens.jobs")

BACKGROUND_FILES = 50
"""``POST /api/v1/rank`` with more CVs than this runs as a job unless ``?background=0``."""
CHUNK = 8
"""CVs profiled per engine call of a job: the step its progress moves by."""
JOB_LIMIT = 64
"""Jobs kept in memory at once; the oldest finished one makes room for a new one."""
ACTIVE_LIMIT = 8
"""Jobs waiting or running at once; one more is refused (E603)."""
RUNNERS = 2
"""Jobs that run at the same time (each sends its chunks through the engine pool, one at a time)."""
KEEP_SECONDS = 3600.0
"""A finished job (and its answer) is kept this long, then forgotten."""
MARKET_TIMEOUT = 1800.0
"""Seconds a market job's run may take (it is one engine call: the ads are measured together)."""
JOB_LOCATION: dict[str, Any] = {
    "Location": {
        "description": "Where to follow the job: `/api/v1/jobs/{id}` (`GET` it until `status` is `done`).",
        "schema": {"type": "string"},
    }
}
"""The header of every 202 that starts a job, as the OpenAPI document declares it (a bug hunt, hJ: the 202s
of `/rank` and `/market` declared none, though docs/api.md tells clients to follow it)."""

REFRESH_SECONDS = 2
"""The job page reloads itself this often while the job waits or runs (``<meta http-equiv="refresh">``)."""

router = APIRouter(
    prefix="/api/v1",
    dependencies=[Depends(api_user), Depends(known_form_fields)],
    responses={401: {"model": schemas.ErrorResponse, "description": "No valid API token (once users exist)"}},
)
pages = APIRouter(dependencies=[Depends(page_user), Depends(check_csrf)])
PageUser = Annotated[User | None, Depends(page_user)]

RankAnswer = list[RankItem | FailedInput]
for _shape in (RankAnswer, Role, RankItem):
    adapter(_shape)
"""Built now, at import: the jobs' answers need them, and a kept ranking its role and items
(``Engine.record_ranking``). A job thread that built one would run ``ast.parse`` (field docstrings), which
CPython 3.11 does not allow beside another thread's parse (``schema.adapter`` only keeps two builds apart);
a rank job once failed so in the tests."""

Status = Literal["queued", "running", "done", "failed"]
JobKind = Literal["rank", "market"]


ProgressUnit = Literal["cvs", "files", "ads"]


class JobProgress(BaseModel):
    done: int = Field(description="Items (CVs, ads) done so far.")
    total: int = Field(description="Items in all.")
    unit: ProgressUnit = Field(
        default="cvs",
        description="What `done` and `total` count: `cvs` (a rank job), `files` (a market job before it has "
        "counted its ads: `total` is the uploaded files) or `ads` (a market job once counted: ads and failed "
        "inputs).",
    )


class JobView(BaseModel):
    """``GET /api/v1/jobs/{id}``: a background job and, once it is done, its answer."""

    id: str = Field(description="The job's random id.")
    kind: JobKind = Field(
        description="What it does: `rank` (POST /api/v1/rank) or `market` (POST /api/v1/market)."
    )
    status: Status = Field(description="queued, running, done or failed.")
    progress: JobProgress
    created: Time = Field(description="When it was started (UTC, ISO 8601 with the offset).")
    result: list[Any] | dict[str, Any] | None = Field(
        default=None,
        description="Once done: the answer (rank: the synchronous route's list; market: "
        "`kompetens market --json`'s object).",
    )
    ranking: str | None = Field(
        default=None,
        description="Once done, with users: the decision record's id (GET /api/v1/rankings/{id}).",
    )
    error: ErrorInfo | None = Field(default=None, description="Once failed: why, as every error.")
    erased: int = Field(
        default=0,
        description="With a stored ranking: how many of its candidates were erased since it ran; their items "
        "are gone from `result` and the others' `rank` counts those still held, as the ranking's record does.",
    )
    links: dict[str, str] = Field(
        description="`self` (this), `page` (the web page), `ranking` once there is one."
    )


@dataclass(slots=True, eq=False)
class Job:
    id: str
    kind: JobKind
    org: int | None
    """The organisation it belongs to (None: the open server's)."""
    total: int
    done: int = 0
    status: Status = "queued"
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    result: list[Any] | dict[str, Any] | None = None
    ranking: str | None = None
    error: ErrorInfo | None = None
    ended: float | None = None
    """time.monotonic() when it ended."""
    report_html: dict[str, str] | None = None
    """A market run's self-contained HTML report with its charts (``MarketReport.render_html``) in each report
    language (``REPORT_LANGS``), by language."""
    unit: ProgressUnit = "cvs"
    """What ``done`` and ``total`` count (``JobProgress.unit``)."""
    erased: int = 0
    """How many of its stored ranking's candidates were erased since it ran (set by ``still_held``)."""

    def view(self, root: str = "") -> JobView:
        links = {"self": f"{root}/api/v1/jobs/{self.id}", "page": f"{root}/jobs/{self.id}"}
        if self.ranking is not None:
            links["ranking"] = f"{root}/api/v1/rankings/{self.ranking}"
        return JobView(
            id=self.id,
            kind=self.kind,
            status=self.status,
            progress=JobProgress(done=self.done, total=self.total, unit=self.unit),
            created=self.created,
            # the answer once the job is done: work sets it just before, while the status still says running
            result=self.result if self.status == "done" else None,
            ranking=self.ranking if self.status == "done" else None,
            error=self.error,
            erased=self.erased,
            links=links,
        )


Work = Callable[[Job], None]
"""What a job does: it moves ``job.done`` as it goes and sets ``job.result`` (and ``job.ranking``)."""


class Jobs:
    """The server's background jobs, in memory; see the module's docstring."""

    def __init__(
        self,
        *,
        limit: int = JOB_LIMIT,
        active: int = ACTIVE_LIMIT,
        runners: int = RUNNERS,
        keep: float = KEEP_SECONDS,
    ) -> None:
        self.limit = limit
        self.active = active
        self.keep = keep
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._runners = ThreadPoolExecutor(max_workers=runners, thread_name_prefix="kompetens-job")

    def submit(
        self, kind: JobKind, org: int | None, total: int, work: Work, *, unit: ProgressUnit = "cvs"
    ) -> Job:
        """A new job, queued to run ``work``; E603 when ``active`` jobs wait or run already, or ``limit``
        jobs are held and none has ended. ``unit``: what ``total`` counts."""
        with self._lock:
            self._expire()
            running = sum(j.ended is None for j in self._jobs.values())
            if running >= self.active:
                raise KompetensError(Code.E603, f"{running} jobs are waiting or running; retry later")
            if len(self._jobs) >= self.limit:
                oldest = min(
                    (j for j in self._jobs.values() if j.ended is not None), key=_ended, default=None
                )
                if oldest is None:
                    raise KompetensError(Code.E603, f"{len(self._jobs)} jobs are held; retry later")
                del self._jobs[oldest.id]
            job = Job(secrets.token_urlsafe(16), kind, org, total, unit=unit)
            self._jobs[job.id] = job
        self._runners.submit(self._run, job, work)
        return job

    def get(self, jid: str, org: int | None) -> Job:
        """The job ``jid`` of organisation ``org``; E604 when there is none (or it is another's)."""
        with self._lock:
            self._expire()
            job = self._jobs.get(jid)
        if job is None or job.org != org:
            raise KompetensError(Code.E604, "no such job (finished jobs are kept for an hour)", field="id")
        return job

    def _expire(self) -> None:
        """Forget the jobs that ended more than ``keep`` seconds ago (under ``_lock``)."""
        now = time.monotonic()
        for jid in [j.id for j in self._jobs.values() if j.ended is not None and now - j.ended > self.keep]:
            del self._jobs[jid]

    def _run(self, job: Job, work: Work) -> None:
        job.status = "running"
        try:
            work(job)
            job.done = job.total
            job.status = "done"
        except KompetensError as exc:
            job.error = exc.info()
            job.status = "failed"
        except Exception as exc:  # logged by type only: a message may quote a CV
            log.error("job %s (%s) failed: %s at %s", job.id, job.kind, type(exc).__name__, raised_at(exc))
            job.error = ErrorInfo(
                Code.E602.name, Code.E602.value, "the job failed; start it again", None, None
            )
            job.status = "failed"
        finally:
            job.ended = time.monotonic()
        log.info("job %s (%s) %s", job.id, job.kind, job.status)

    def close(self) -> None:
        """Run no more jobs (queued ones are dropped; running ones end with their current chunk)."""
        self._runners.shutdown(wait=False, cancel_futures=True)


def _ended(job: Job) -> float:
    return job.ended if job.ended is not None else float("inf")


def jobs_of(app: FastAPI) -> Jobs:
    jobs: Jobs = app.state.jobs
    return jobs


def org_of(user: User | None) -> int | None:
    """Whose a job is: the user's organisation (None for the open server)."""
    return user.org_id if user is not None else None


def start_rank_job(
    request: Request,
    user: User | None,
    role: Role,
    uploads: list[Upload],
    *,
    top: int | None = None,
    thorough: bool = False,
) -> Job:
    """Queue a background ``/rank`` of ``uploads`` for ``role`` (E603 when the queue is full)."""
    work = rank_job(request.app, role, uploads, user, top=top, thorough=thorough)
    return jobs_of(request.app).submit("rank", org_of(user), len(uploads), work)


def job_response(request: Request, job: Job, *, status: int = 200) -> Response:
    """The job as JSON; a new one (202) with ``Location``: where to follow it."""
    view = job.view(request.scope.get("root_path", ""))
    response = Response(view.model_dump_json(), status_code=status, media_type="application/json")
    if status == 202:
        response.headers["Location"] = view.links["self"]
    return response


@router.get(
    "/jobs/{jid}",
    response_model=JobView,
    summary="A background job: its status, progress and, once done, its answer",
    description="Jobs are kept in the server's memory for an hour after they end. Another organisation's "
    "job answers 404 (E604) like one that does not exist.",
    responses={
        403: {
            "model": schemas.ErrorResponse,
            "description": "A ranking's job, to a role that may not rank (E504)",
        },
        404: {"model": schemas.ErrorResponse, "description": "No such job (E604)"},
    },
)
def get_job(request: Request, user: CurrentUser, jid: str) -> Response:
    return job_response(
        request, still_held(request.app, visible(jobs_of(request.app).get(jid, org_of(user)), user))
    )


def visible(job: Job, user: User | None) -> Job:
    """The job, to one who may run its kind: a ranking's job holds the CVs' evidence, which only those who may
    rank see (a hiring manager reads the stored ranking instead); E504 otherwise."""
    if job.kind == "rank" and user is not None and user.role not in WRITERS:
        raise KompetensError(Code.E504, f"the role {user.role} may not see a ranking's job")
    return job


def still_held(app: FastAPI, job: Job) -> Job:
    """A stored ranking's job without the candidates erased since it ran (by hand or by retention): their
    file names and evidence are personal data that an erasure removes everywhere. Failed inputs stay.
    The job's items and the record's are the same ranking: matched by the place each had when it ran, not by
    name (a CV stored before under another name is the stored candidate in the record, and the uploaded
    file's name in the job); those left are renumbered 1, 2, ... as the record's are (a new user's job
    answer started at rank 2 after the best was erased)."""
    if job.ranking is None or job.org is None or not isinstance(job.result, list):
        return job
    with engine_for(app) as engine:
        try:
            held = engine.ranked_places(job.org, job.ranking)
        except KompetensError:  # the ranking itself is gone
            held = []
    place = {rank: n for n, rank in enumerate(sorted(held), 1)}
    kept = [
        i if not isinstance(i, dict) or "error" in i else i | {"rank": place[i["rank"]]}
        for i in job.result
        if not isinstance(i, dict) or "error" in i or i.get("rank") in place
    ]
    erased = len(job.result) - len(kept)
    return job if not erased else replace(job, result=kept, erased=erased)


@pages.get("/jobs/{jid}", response_class=HTMLResponse)
def job_page(request: Request, user: PageUser, jid: str) -> Response:
    """Progress, refreshed every few seconds by the browser until the job ends, then the answer's links."""
    job = still_held(request.app, visible(jobs_of(request.app).get(jid, org_of(user)), user))
    said = page_lang(request)
    return page(
        request,
        "job.html",
        job=job.view(request.scope.get("root_path", "")),
        refresh=REFRESH_SECONDS,
        w=report_words("job", said),
        page_lang=said,
        other_langs=[
            (code, report_words("job", code)["language_name"]) for code in REPORT_LANGS if code != said
        ],
        order_rule_said=request.app.state.engine.order_rule(said),
    )


def rank_job(
    app: FastAPI,
    role: Role,
    uploads: list[Upload],
    user: User | None,
    *,
    top: int | None = None,
    thorough: bool = False,
) -> Work:
    """The work of a background ``/rank``: the synchronous route's answer, built a chunk at a time."""

    def work(job: Job) -> None:
        names = upload_names(uploads)
        cands: list[CandidateProfile] = []
        originals: list[bytes] = []
        failed: list[FailedInput] = []
        for start in range(0, len(uploads), CHUNK):
            part = uploads[start : start + CHUNK]
            with engine_for(app) as engine:
                read = read_uploads(
                    engine, part, kind="cv", names=names[start : start + CHUNK], first=start + 1
                )
                cands += engine.candidates_of(read.documents, thorough=thorough)
            originals += [read.original(d) for d in read.documents]
            failed += [e.failed() for e in read.failed]
            job.done = min(job.total, start + len(part))
        ranking: list[RankItem] = []
        with engine_for(app) as engine:
            if user is not None and cands:
                job.ranking, ranking = engine.rank_and_record(
                    user.org_id, role, cands, originals, user_id=user.id, top=top
                )
            elif cands:
                ranking = engine.rank_candidates(role, cands, top=top)
        items: RankAnswer = [*ranking, *failed]
        answer = to_jsonable(items, RankAnswer)
        assert isinstance(answer, list)
        job.result = answer

    return work


def market_job(
    app: FastAPI, uploads: list[Upload], *, delimiter: str | None = None, lang: str | None = None
) -> Work:
    """The work of ``POST /api/v1/market``: ``Engine.market`` over the uploaded corpus files (in a private
    temporary folder while it runs), in one engine call under ``MARKET_TIMEOUT`` that reports its progress
    (ads measured and failed) as it goes. Nothing is kept in the data folder."""

    def work(job: Job) -> None:
        files = upload_files(uploads)
        with tempfile.TemporaryDirectory(prefix="kompetens-market-") as tmp:
            paths = []
            for i, (name, data) in enumerate(files):
                (Path(tmp) / str(i)).mkdir()
                paths.append(Path(tmp) / str(i) / name)
                paths[-1].write_bytes(data)
            with engine_for(app, timeout=MARKET_TIMEOUT) as engine:
                counted = engine.count_ads(paths, delimiter=delimiter)
                if counted:
                    job.done, job.total, job.unit = 0, counted, "ads"

                def advance(ads: int, errors: int) -> None:
                    job.done = min(job.total, ads + errors)

                report = engine.market(paths, progress=advance, delimiter=delimiter, lang=lang)
            shown = dict(zip(map(str, paths), upload_names(uploads), strict=True))
            for error in report.errors:  # name the uploads, not the temporary files
                path, _, rest = (error.source or "").partition("#")
                error.source = shown.get(path, "upload") + (f"#{rest}" if rest else "") if path else None
                error.message = api_message(error.message)  # no CLI option in what an API user reads
        job.result = report.to_dict()
        job.report_html = {lang: report.render_html(lang=lang) for lang in REPORT_LANGS}

    return work


@pages.get("/jobs/{jid}/json")
def job_json(request: Request, user: PageUser, jid: str) -> Response:
    """The job as ``GET /api/v1/jobs/{id}`` answers it, for a signed-in page user (the API wants a token):
    a download named after the job."""
    job = still_held(request.app, visible(jobs_of(request.app).get(jid, org_of(user)), user))
    response = job_response(request, job)
    response.headers["Content-Disposition"] = attachment(f"kompetens-{job.kind}-{jid}.json")
    return response


@pages.get("/jobs/{jid}/report", response_class=HTMLResponse)
def job_report(request: Request, user: PageUser, jid: str) -> Response:
    """A finished market run's HTML report (charts included), as a download, in the page's language
    (``?lang=sv|en``, else the browser's); 404 for other jobs."""
    return _market_report(jobs_of(request.app).get(jid, org_of(user)), page_lang(request))


@router.get(
    "/jobs/{jid}/report",
    response_class=HTMLResponse,
    summary="A finished market job's HTML report, with its charts",
    description="The self-contained HTML report of a done market job (`kompetens market --html`), as a "
    "download, in `report_lang` (en, the default, or sv: `kompetens market --report-lang`); 404 (E604) for "
    "a job that has none (a ranking's, or one not done yet).",
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}},
        404: {"model": schemas.ErrorResponse, "description": "No such job, or no report (E604)"},
    },
)
def get_job_report(
    request: Request,
    user: CurrentUser,
    jid: str,
    report_lang: Annotated[
        Literal["en", "sv"],
        Query(description="The report's language (headings, notes, area names, numbers)."),
    ] = "en",
) -> Response:
    return _market_report(jobs_of(request.app).get(jid, org_of(user)), report_lang)


def _market_report(job: Job, lang: str) -> Response:
    if job.report_html is None:
        raise KompetensError(Code.E604, "the job has no report (a market run's, once it is done)", field="id")
    return html_download(job.report_html.get(lang) or job.report_html["en"], "kompetens-market.html")


@pages.get("/market", response_class=HTMLResponse)
def market_form(request: Request, user: PageUser) -> Response:
    """Upload ads for a market run (any signed-in role: nothing is stored)."""
    return page(request, "market.html", form={"delimiter": "", "lang": ""})


@pages.post("/market", response_class=HTMLResponse)
async def market_submit(request: Request, user: PageUser) -> Response:
    # read by hand, as /rank's form: an unchosen file field arrives as a string part
    async with request.form() as data:
        ads = [f for f in data.getlist("ads") if isinstance(f, StarletteUpload)]
        delimiter = str(data.get("delimiter") or "")
        lang = str(data.get("lang") or "")
        return await run_in_threadpool(_market_page, request, user, ads, delimiter, lang)


def _market_page(
    request: Request, user: User | None, ads: list[StarletteUpload], delimiter: str, lang: str = ""
) -> Response:
    try:
        job = submit_market(request, user, ads, delimiter, lang)
    except KompetensError as exc:
        form = {"delimiter": delimiter, "lang": lang}
        return page(request, "market.html", status=http_status(exc.code), error=exc, form=form)
    return RedirectResponse(
        f"{request.scope.get('root_path', '')}/jobs/{job.id}{kept_page_lang(request)}", status_code=303
    )


def kept_page_lang(request: Request) -> str:
    """``?lang=sv`` (or en) when the page that started a background job was asked for in it, for the job's
    page: the redirect dropped it, and a Swedish user's job page and its report link came in English (hunt
    hO, finding 5)."""
    lang = request.query_params.get("lang")
    return f"?lang={lang}" if lang in REPORT_LANGS else ""


@router.post(
    "/market",
    response_model=JobView,
    status_code=202,
    summary="Measure the market over uploaded ads: a background job",
    description="Multipart `ads`: JSON lines, CSV or ad files (`kompetens market`'s inputs). Answers 202 with "
    "the job at once (`Location`); its `result` is `kompetens market --json`'s object. Nothing is stored.",
    responses={
        202: {"headers": JOB_LOCATION},
        400: {"model": schemas.ErrorResponse, "description": schemas.UNPARSED},
        413: {"model": schemas.ErrorResponse, "description": "Request body or upload too large"},
        422: {"model": schemas.ErrorResponse, "description": schemas.UNUSABLE},
        503: {"model": schemas.ErrorResponse, "description": "Too many jobs waiting or running (E603)"},
    },
)
def start_market(
    request: Request,
    user: CurrentUser,
    ads: Annotated[list[UploadFile], File(description="Ad corpus files: .jsonl, .csv, .json, .txt, ...")],
    delimiter: Annotated[
        str | None, Form(description="CSV: the delimiter (default: told from the header).")
    ] = None,
    lang: Annotated[
        str | None,
        Form(description="Every ad's language (sv, en) instead of the one detected for each."),
    ] = None,
) -> Response:
    return job_response(request, submit_market(request, user, ads, delimiter, lang), status=202)


def submit_market(
    request: Request,
    user: User | None,
    ads: Sequence[StarletteUpload],
    delimiter: str | None,
    lang: str | None = None,
) -> Job:
    """A market job over the uploaded files of ads (the API's and the page's), recorded as a call."""
    files = read_files(request, ads, field="ads")
    if not files:
        raise KompetensError(Code.E301, "upload at least one file of ads", field="ads")
    with engine_for(request.app) as engine:  # a delimiter of two characters is refused now, not by the job
        engine.csv_format(delimiter=delimiter or None)
    work = market_job(request.app, files, delimiter=delimiter or None, lang=checked_lang(lang))
    job = jobs_of(request.app).submit("market", org_of(user), len(files), work, unit="files")
    record_call(request, "jobs.market", job.id)
    return job
