"""The web pages at /: forms that post back, rendered on the server, usable without JavaScript."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..engine import Engine
from ..errors import Code, KompetensError, http_status
from ..lang import REPORT_LANGS, report_words
from ..match import Kit, RankItem, Role
from ..models import Document
from ..review.flags import grounds_line
from ..review.jurisdiction import jurisdiction_line
from ..review.social import Evidence
from ..store.accounts import NO_ORG, User, email_digest
from .auth import client_address, page_user, record_call, session_user, throttle_of
from .csrf import CSRF_COOKIE, SESSION_COOKIE, check_csrf, set_cookie
from .deps import engine_of, form_file, read_file, read_files
from .highlight import pieces, review_spans
from .inputs import Upload, ad_document, read_uploads, resolve_role, safe_name, text_document
from .jobs import BACKGROUND_FILES, kept_page_lang, start_rank_job
from .render import PAGE_LANGS, html_download, lang_href, page, page_lang

router = APIRouter(dependencies=[Depends(page_user), Depends(check_csrf)])
"""The pages: signed in (once users exist), every POST with this browser's CSRF token."""
login_router = APIRouter(dependencies=[Depends(check_csrf)])
"""Signing in and out."""

WRITERS = ("admin", "recruiter")
"""The roles that may upload CVs (and so rank them) on the pages."""
KIT_LIMIT = 10
"""Interview kits are prepared for this many of the best candidates."""
LINK_TOP = 10

Text = Annotated[str, Form()]


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return page(request, "home.html")


# -- review ---------------------------------------------------------------------------------------


@router.get("/review", response_class=HTMLResponse)
def review_form(request: Request) -> Response:
    return page(request, "review.html", form={})


@router.post("/review", response_class=HTMLResponse)
async def review_submit(request: Request) -> Response:
    # Read by hand, as /rank's form: an unchosen file field arrives as a part with no file name.
    async with request.form() as data:
        form = {k: str(data.get(k) or "") for k in ("text", "title", "lang")}
        upload = form_file(data, "ad_file")
        read_from = str(data.get("source") or "")
    return await run_in_threadpool(review_page, request, form, upload, read_from)


def review_page(
    request: Request, form: dict[str, str], upload: Upload | None, read_from: str = ""
) -> Response:
    """The review of the form's ad, pasted or uploaded (``ad_document``). The report form beside it carries
    the ad's text as read, so an uploaded ad's report is of the same text, and an uploaded ad's file name
    (``source``), so the other language's review of that form still says which file it read (``read_from``)."""
    try:
        with engine_of(request) as engine:
            doc = ad_document(
                engine, text=form["text"], upload=upload, title=form["title"], lang=form["lang"]
            )
            result = engine.review(doc)
    except KompetensError as exc:  # an error of the ad's own (its language, its length) is its field's
        error = at_field(exc, "ad_file" if upload is not None else "text")
        return page(request, "review.html", status=http_status(exc.code), form=form, error=error)
    record_call(request, "review")
    lang = page_lang(request)
    labels = {a.id: a.label(lang) for a in request.app.state.engine.areas()}
    marked = pieces(doc.text, review_spans(result, labels, lang))
    report = {"text": doc.text, "title": doc.title or "", "lang": doc.lang}
    uploaded = doc.source if upload is not None else safe_name(read_from, index=1) if read_from else None
    if upload is not None:  # "Edit and review again" starts from the text read (and the title, unless typed)
        form = {**form, "text": doc.text, "title": form["title"] or doc.title or ""}
    return page(
        request,
        "review.html",
        form=form,
        review=result,
        pieces=marked,
        report=report,
        uploaded=uploaded,
        verdicts=report_words("review", lang)["verdicts"],
        grounds=grounds_line(result.grounds_checked, report_words("review", lang)),
        rules=jurisdiction_line(
            result.jurisdiction,
            result.jurisdiction_reason,
            result.jurisdiction_quote,
            report_words("review", lang),
        ),
        evidence_note=_evidence_note(report_words("review", lang)),
        section_name=lambda s: str(report_words("review", lang)["sections"].get(s, s)),
        # the other language's link sends the report form's fields (the ad's text as read, its title and
        # language) back to /review in that language: the same review, re-made, nothing stored ("?lang=sv"
        # was a GET of the empty form that threw the review away; a recruiter on a phone, hunt hO3)
        lang_form={
            "id": "review-report",
            "actions": {
                code: f"{root_of(request)}/review?{urlencode({'lang': code})}" for code, _ in PAGE_LANGS
            },
        },
    )


def _evidence_note(w: dict[str, Any]) -> Callable[[Evidence], str]:
    """What the "Why social media" list says of a piece of evidence, in the page's language: counted, or set
    aside and why (the HTML report's words, ``lang/*/review.json``)."""

    def note(e: Evidence) -> str:
        if e.counted:
            return str(w["html"]["counted"])
        said = w["reasons"].get(e.reason) or w["sections"].get(e.reason) or e.reason
        return str(w["html"]["set_aside_because"]).format(reason=said)

    return note


@router.post("/review/report", response_class=HTMLResponse)
def review_report(request: Request, text: Text = "", title: Text = "", lang: Text = "") -> Response:
    """The self-contained HTML report (engine.review_html), as a download, in the page's language (``?lang``,
    else the browser's Accept-Language: ``page_lang``)."""
    shown = page_lang(request)  # the report's words, and what it calls the pasted ad ("inklistrad annons")
    source = str(report_words("review", shown)["html"]["pasted_ad"])
    doc = text_document(text, kind="ad", lang=lang, title=title, source=source)
    with engine_of(request) as engine:
        html = engine.review_html(engine.review(doc), doc, lang=shown)
    record_call(request, "review")
    return html_download(html, "kompetens-review.html")


def at_field(exc: KompetensError, field: str) -> KompetensError:
    """``exc``, naming ``field`` as the one at fault when it names none: the form then marks that field."""
    if exc.field is None:
        exc.field = field
    return exc


# -- rank -----------------------------------------------------------------------------------------


@router.get("/rank", response_class=HTMLResponse)
def rank_form(request: Request) -> Response:
    user: User | None = getattr(request.state, "user", None)
    if user is not None and user.role not in WRITERS:  # the form is of no use to them: 403, as its POST
        raise KompetensError(Code.E504, f"the role {user.role} may not upload or rank CVs")
    return page(request, "rank.html", form={"role_source": "default"})


@router.post("/rank", response_class=HTMLResponse)
async def rank_submit(request: Request) -> Response:
    # The form is read by hand: a browser sends an unchosen file field as a part with no file name,
    # which Starlette turns into a string, and a typed UploadFile parameter would refuse the form.
    async with request.form() as data:
        cvs = [f for f in data.getlist("cvs") if isinstance(f, UploadFile)]
        role_file = data.get("role_file")
        form = {
            "role_source": str(data.get("role_source") or "default"),
            "ad": str(data.get("ad") or ""),
            "thorough": "on" if data.get("thorough") else "",
            "background": "on" if data.get("background") else "",
            "team": str(data.get("team") or "").strip(),
        }
        upload = role_file if isinstance(role_file, UploadFile) else None
        return await run_in_threadpool(rank_page, request, cvs, upload, form)


def rank_page(
    request: Request, cvs: list[UploadFile], role_file: UploadFile | None, form: dict[str, str]
) -> Response:
    user: User | None = getattr(request.state, "user", None)
    rid: str | None = None
    try:
        if user is not None and user.role not in WRITERS:
            raise KompetensError(Code.E504, f"the role {user.role} may not upload or rank CVs")
        files = read_files(request, cvs)
        if not files:
            raise KompetensError(Code.E301, "choose at least one CV file", field="cvs")
        team_size = _team_size(form.get("team", ""))
        role_upload = read_file(role_file)
        form["role_source"] = filled_source(form["role_source"], ad=form["ad"], upload=role_upload)
        with engine_of(request) as engine:
            thorough = bool(form.get("thorough"))
            role = chosen_role(
                engine, form["role_source"], ad=form["ad"], upload=role_upload, thorough=thorough
            )
            if form.get("background") or len(files) > BACKGROUND_FILES:
                job = start_rank_job(request, user, role, files, thorough=thorough)
                record_call(request, "jobs.rank", job.id)
                root = request.scope.get("root_path", "")
                return RedirectResponse(f"{root}/jobs/{job.id}{kept_page_lang(request)}", status_code=303)
            read = read_uploads(engine, files, kind="cv")
            ranking: list[RankItem] = []
            if user is not None and read.documents:  # the service keeps every ranking it makes
                rid, ranking = engine.rank_recorded(
                    user.org_id, role, read.documents, read.original, user_id=user.id, thorough=thorough
                )
            elif read.documents:  # open mode, a loopback demo: nothing is stored
                ranking = engine.rank(role, read.documents, thorough=thorough)
            kits = interview_kits(engine, role, ranking, read.documents)
            # who together cover the role, when no one does (hunt hR: the web pages had no team at all)
            team = engine.team(role, read.documents, size=team_size) if team_size and read.documents else None
            kit_labels = {kit.lang: engine.interview_labels(kit.lang) for kit in kits.values()}
            skill_labels = engine.ranked_skill_labels(ranking, page_lang(request))
    except KompetensError as exc:
        return page(request, "rank.html", status=http_status(exc.code), form=form, error=exc)
    record_call(request, "rank", rid)
    return page(
        request,
        "rank.html",
        form=form,
        role=role,
        ranking=ranking,
        failed=read.failed,
        kits=kits,
        kit_labels=kit_labels,
        skill_labels=skill_labels,
        # each CV's language, for its quoted evidence's lang (hunt hO finding 4, WCAG 3.1.2: a Swedish CV's
        # lines on an English page were read as English, an English CV's on a Swedish page as Swedish)
        cv_langs={d.source: d.lang for d in read.documents},
        ranking_id=rid,
        team=team,
        # the other language is the stored ranking's page: "?lang=sv" here was a GET of the empty form,
        # and the CVs had to be uploaded again (a recruiter on a phone, hunt hO3)
        lang_hrefs=_ranking_lang_hrefs(request, rid) if rid else _this_page_lang_hrefs(request),
    )


def root_of(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


def _this_page_lang_hrefs(request: Request) -> dict[str, str]:
    return {code: lang_href(request, code) for code, _ in PAGE_LANGS}


def _ranking_lang_hrefs(request: Request, rid: str) -> dict[str, str]:
    root = root_of(request)
    return {code: f"{root}/rankings/{quote(rid)}?{urlencode({'lang': code})}" for code, _ in PAGE_LANGS}


TEAM_MAX = 10
"""The largest team the /rank page proposes (``kompetens team --size`` takes any)."""


def _team_size(raw: str) -> int | None:
    """The form's team size: empty for none, else a whole number from 1 to ``TEAM_MAX`` (E301)."""
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= TEAM_MAX:
        raise KompetensError(Code.E301, f"a team of 1 to {TEAM_MAX} people, as a whole number", field="team")
    return int(raw)


def filled_source(source: str, *, ad: str, upload: Upload | None) -> str:
    """The role choice, read with what the form holds: the built-in role left chosen (the radio button a page
    opens with) while the ad's text or a role file is filled in means that ad or file (a bug hunt, h2: a
    pasted ad was ranked for the built-in role without a word); both filled in is a question to ask back."""
    if source != "default" or (not ad.strip() and upload is None):
        return source
    if ad.strip() and upload is not None:
        raise KompetensError(
            Code.E301,
            "a pasted ad and a role file are both filled in: choose which to rank for",
            field="role_source",
        )
    return "ad" if ad.strip() else "file"


def chosen_role(
    engine: Engine, source: str, *, ad: str, upload: Upload | None, thorough: bool = False
) -> Role:
    """The role the form's choice names: the field it points to must be filled in; the engine decides."""
    if source == "ad":
        if not ad.strip():
            raise KompetensError(Code.E101, "paste the job ad's text to rank for it", field="ad")
        return resolve_role(engine, ad_text=ad, thorough=thorough)
    if source == "file":
        if upload is None:
            raise KompetensError(Code.E301, "choose a role file or a job ad file", field="role_file")
        return resolve_role(engine, role_file=upload, thorough=thorough)
    if source == "default":
        return resolve_role(engine)
    raise KompetensError(Code.E301, f"unknown role choice {source!r}", field="role_source")


def interview_kits(
    engine: Engine, role: Role, ranking: list[RankItem], docs: list[Document]
) -> dict[str, Kit]:
    """Kits for the best candidates, by candidate (the file name ranking reports)."""
    by_source = {d.source: d for d in docs}
    kits: dict[str, Kit] = {}
    for item in ranking[:KIT_LIMIT]:
        doc = by_source.get(item.candidate)
        if doc is not None:
            kits[item.candidate] = engine.interview(role, doc)
    return kits


# -- areas and linking ----------------------------------------------------------------------------


@router.get("/areas", response_class=HTMLResponse)
def areas_page(request: Request) -> Response:
    with engine_of(request) as engine:
        model = engine.area_details()
    return page(request, "areas.html", model=model)


@router.get("/link", response_class=HTMLResponse)
def link_page(request: Request, q: str = "", kind: Literal["skill", "occupation"] = "skill") -> Response:
    form = {"q": q, "kind": kind}
    if not q.strip():
        return page(request, "link.html", form=form)
    try:
        with engine_of(request) as engine:
            found = engine.link([q.strip()], top=LINK_TOP, kind=kind)
        record_call(request, "link")
    except KompetensError as exc:
        return page(request, "link.html", status=http_status(exc.code), form=form, error=exc)
    return page(
        request,
        "link.html",
        form=form,
        candidates=found[0].candidates if found else [],
        gloss=found[0].gloss if found else None,
        terms=found[0].terms if found else [],
        phrases=found[0].phrases if found else [],
    )


# -- signing in and out ---------------------------------------------------------------------------


def safe_next(path: str) -> str:
    """Where to go after signing in: a path on this site only."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


@login_router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    engine: Engine = request.app.state.engine
    if not engine.has_users():
        return RedirectResponse(request.scope.get("root_path", "") + "/", status_code=303)
    request.state.user = session_user(request)
    return page(request, "login.html", form={"email": "", "next": safe_next(next)})


@login_router.post("/login", response_class=HTMLResponse)
def login_submit(request: Request, email: Text = "", password: Text = "", next: Text = "/") -> Response:
    engine: Engine = request.app.state.engine
    form = {"email": email, "next": safe_next(next)}
    throttle, address = throttle_of(request), client_address(request)
    if engine.has_users() and throttle.blocked(email, address):
        _log_signin(engine, "signin.throttled", email)
        error = KompetensError(
            Code.E513, "too many failed sign-ins: wait 15 minutes before you try again", field="email"
        )
        return page(request, "login.html", status=429, form=form, error=error)
    user = engine.accounts.check_password(email, password) if engine.has_users() and password else None
    if user is None:
        if engine.has_users():
            throttle.failed(email, address)
            _log_signin(engine, "signin.failed", email)
        error = KompetensError(Code.E503, "the email or the password is wrong")
        return page(request, "login.html", status=401, form=form, error=error)
    throttle.succeeded(email, address)
    engine.accounts.log("signin", user.org_id, user_id=user.id)
    target, lang = form["next"], request.query_params.get("lang")
    if lang in REPORT_LANGS and "lang=" not in target:  # the sign-in page's language holds after it
        target += ("&" if "?" in target else "?") + f"lang={lang}"
    response = RedirectResponse(request.scope.get("root_path", "") + target, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, engine.accounts.open_session(user))
    # A fresh CSRF cookie for the signed-in browser: tokens from before signing in stop working.
    set_cookie(request, response, CSRF_COOKIE, secrets.token_urlsafe(32))
    return response


@login_router.post("/logout")
def logout(request: Request) -> Response:
    engine: Engine = request.app.state.engine
    sid = request.cookies.get(SESSION_COOKIE)
    if sid and engine.has_users():
        user = engine.accounts.user_for_session(sid)
        engine.accounts.close_session(sid)
        if user is not None:
            engine.accounts.log("signout", user.org_id, user_id=user.id)
    root = request.scope.get("root_path", "")
    response = RedirectResponse(root + ("/login" if engine.has_users() else "/"), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=root + "/", httponly=True, samesite="strict")
    return response


def _log_signin(engine: Engine, event: str, email: str) -> None:
    """A refused sign-in in the event log: by the user's number when the email is a user's (in their
    organisation), else by the first 16 hex digits of the email's SHA-256 (no organisation). Never the
    email or the password."""
    try:
        known = engine.accounts.user(email)
    except KompetensError:
        engine.accounts.log(event, NO_ORG, user_id=None, object_id=email_digest(email))
        return
    engine.accounts.log(event, known.org_id, user_id=known.id)
