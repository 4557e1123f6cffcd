"""Templates and the page helper: every page gets the navigation, the area labels and safe headers."""

from __future__ import annotations

from contextvars import ContextVar
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse, Response

from ..engine import Engine
from ..errors import Code, KompetensError, http_status
from ..lang import REPORT_LANGS, error_words, lang_data, said_error
from ..match.decision import warning_text
from ..store.accounts import User
from ..store.records import REASON_ERASED
from ..taxonomy.model import jobtech_uri
from .csrf import csrf_token, set_csrf_cookie
from .headers import route_path
from .messages import api_message  # the page's user has fields, not the CLI's options

ALL_ROLES = ("admin", "recruiter", "hiring_manager")
WRITERS = ("admin", "recruiter")
ADMINS = ("admin",)

NAV: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/", "Home", ALL_ROLES),
    ("/review", "Review an ad", ALL_ROLES),
    ("/rank", "Rank candidates", WRITERS),
    ("/candidates", "Stored candidates", ALL_ROLES),
    ("/ads", "Job ads", ALL_ROLES),
    ("/roles", "Roles", ALL_ROLES),
    ("/rankings", "Rankings", ALL_ROLES),
    ("/market", "Market", ALL_ROLES),
    ("/areas", "Areas", ALL_ROLES),
    ("/link", "Link a skill", ALL_ROLES),
    ("/retention", "Retention", ALL_ROLES),
    ("/users", "Users and tokens", ADMINS),
    ("/events", "Event log", ADMINS),
)
"""The navigation: path, label and the roles that may use the page. In open mode (no users) every page but
the users' (which needs users) is listed."""
NEEDS_USERS = frozenset({"/users"})

_PAGE_LANG: ContextVar[str] = ContextVar("page_lang", default="en")


def web_words(lang: str) -> dict[str, str]:
    """The pages' words in ``lang`` (``lang/<lang>/web.json``): the English text of a page -> this language's,
    as gettext keys them. English needs no file: a text missing from it stays English."""
    found: dict[str, str] = lang_data(lang, "web")
    return {k: v for k, v in found.items() if not k.startswith("_")}


def error_kind(code: Code | str) -> str:
    """A code's kind ("empty file") in the page's language; ``code`` a ``Code`` or its name ("E101")."""
    name = code.name if isinstance(code, Code) else str(code)
    english = code.value if isinstance(code, Code) else Code[name].value if name in Code.__members__ else name
    return str(error_words(_PAGE_LANG.get()).get("kinds", {}).get(name, english))


def error_message(message: str) -> str:
    """A coded error's message in the page's language where ``lang/<lang>/errors.json`` has it (its varying
    parts kept, a role or a language named in that language), else as written (English). The pages said
    every error in English, and a Swedish user met "a final order that differs from the system's needs a
    reason" at the one step she had to understand (hunt hR, finding 4)."""
    return said_error(api_message(message), _PAGE_LANG.get())


def error_field(field: str | None) -> str:
    """The form field an error names, as the page's language calls it ("weights.community": weights')."""
    if not field:
        return ""
    fields: dict[str, str] = error_words(_PAGE_LANG.get()).get("fields", {})
    return fields.get(field, fields.get(field.split(".", 1)[0], field))


def http_phrase(phrase: str) -> str:
    """An HTTP status phrase ("Not Found") in the page's language."""
    return str(error_words(_PAGE_LANG.get()).get("http", {}).get(phrase, phrase))


def translate(text: str, **fields: object) -> str:
    """``_("...")`` in the templates: ``text`` in the language of the page being drawn, its ``{fields}``
    filled in after (a name or a title is never looked up)."""
    lang = _PAGE_LANG.get()
    said = text if lang == "en" else web_words(lang).get(text, text)
    return said.format(**fields) if fields else said


EVENT_LABELS: dict[str, str] = {
    "candidate.add": "candidate stored",
    "candidate.export": "candidate's data exported",
    "candidate.explain": "candidate's result explained",
    "candidate.interview": "interview guide made",
    "candidate.erase": "candidate erased",
    "candidate.purge": "candidate erased after the retention period",
    "candidate.reprofile": "candidate's profile rebuilt",
    "ranking.create": "ranking made",
    "ranking.confirm": "ranking confirmed",
    "ranking.redact": "ranking's reason removed",
    "role.save": "role saved",
    "role.delete": "role deleted",
    "ad.add": "job ad stored",
    "ad.delete": "job ad deleted",
    "ad.purge": "job ad deleted after the retention period",
    "retention.set": "retention period set",
    "signin": "signed in",
    "signin.failed": "sign-in failed",
    "signin.throttled": "sign-in held back after failures",
    "signout": "signed out",
    "token.issue": "API token issued",
    "token.revoke": "API token revoked",
    "user.add": "user added",
    "user.remove": "user removed",
    "user.password": "password changed",
    "user.role": "user's role changed",
}
"""The event log's events in words, beside their names (a Swedish recruiter's hunt, hO2: "candidate.add" was all
a Swedish page said); an engine call (``call.<route>``) is said as a call of its route."""


def event_label(event: str) -> str:
    """An event in the page's language: its words, or for an engine call the call's words and route."""
    if event.startswith("call."):
        return translate("call of {route}", route=event.removeprefix("call."))
    return translate(EVENT_LABELS[event]) if event in EVENT_LABELS else event


SHORT_LABELS: dict[str, str] = {
    "marketing_communication": "Marketing",
    "customer_service": "Customer service",
    "platform_technology": "Platforms",
    "api_seo": "API & SEO",
    "psychology_interaction": "Psychology",
    "community": "Community",
    "data_insight": "Data",
    "strategy": "Strategy",
}
"""Column headings for the ranking table, where the full area names do not fit."""

# Pages load only their own stylesheet and never run inline code; forms post back to this server.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "same-origin",
}
"""The pages' own headers (``nosniff`` and ``no-store`` go on every response: api/headers.py).
``same-origin``: no URL of a page (candidate and ranking ids) reaches another site, while the browser's
own form posts keep their ``Origin``. Under ``no-referrer`` a browser sends ``Origin: null`` with every
form post, and the Origin guard (api/auth.py) refuses them all (the end-to-end test found it)."""


def templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("kompetens.api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: f"{round(100 * float(v or 0.0))}"
    env.filters["level"] = lambda v: min(10, max(0, round(10 * float(v or 0.0))))
    env.filters["num"] = number
    # a JobTech concept id as its URI (a bare id links to a 404 of this server)
    env.filters["jobtech_uri"] = jobtech_uri
    env.globals["_"] = translate
    env.globals["error_kind"] = error_kind
    env.globals["error_message"] = error_message
    env.globals["error_field"] = error_field
    env.globals["http_phrase"] = http_phrase
    env.globals["capital"] = capital
    env.globals["event_label"] = event_label
    env.globals["reason_erased"] = REASON_ERASED  # said in the page's language (hunt hO2, finding 6)
    env.globals["warning_text"] = lambda warning: warning_text(warning, _PAGE_LANG.get())
    return Jinja2Templates(env=env)


def area_info(engine: Engine, lang: str = "en") -> list[dict[str, str]]:
    """Each area's id, English and Swedish names, its name in the page's language (``label``) and in the
    other (``twin``, ``twin_lang``) and short label, in the contract's order."""
    twin_lang = "en" if lang == "sv" else "sv"
    return [
        {
            "id": a.id,
            "label_en": a.label_en,
            "label_sv": a.label_sv,
            "label": a.label(lang) or a.label_en,
            "twin": a.label(twin_lang) or a.label_en,
            "twin_lang": twin_lang,
            "short": translate(SHORT_LABELS.get(a.id, a.label_en)),
            "description": a.description_en,
        }
        for a in engine.areas()
    ]


NOTICES: dict[str, str] = {
    "added": "The CVs were stored.",
    "erased": "The candidate was erased, for real.",
    "confirmed": "The ranking is final.",
    "ad-added": "The ad was stored.",
    "ad-deleted": "The ad was deleted.",
    "role-saved": "The role was saved.",
    "role-deleted": "The role was deleted.",
    "retention-set": "The retention periods were set.",
    "user-removed": "The user was removed, with their tokens and sessions.",
    "token-revoked": "The token was revoked.",
    "password-set": "The password was set; the user's web sessions were ended.",
    "role-changed": "The role was changed.",
}
"""What a page says (in ``role="status"``) after a form sent the browser there with ``?done=KEY``: fixed
texts only, so nothing of the request is echoed."""


def nav_for(user: User | None, *, has_users: bool) -> list[tuple[str, str]]:
    """The navigation links a user may follow: by role; in open mode (no users) all but the users' page;
    none for a signed-out visitor once users exist (every page would send them back to sign in)."""
    if user is None:
        return [] if has_users else [(href, label) for href, label, _ in NAV if href not in NEEDS_USERS]
    return [(href, label) for href, label, roles in NAV if user.role in roles]


def html_download(html: str, filename: str) -> Response:
    """A self-contained HTML report as a download (not shown under the pages' policy; never sniffed, as no
    response is: api/headers.py)."""
    return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def page_lang(request: Request) -> str:
    """The language a page that speaks both writes in: ``?lang=sv|en``, else the first of them the browser's
    ``Accept-Language`` asks for (by its q-values; ``sv-SE`` is ``sv``), else English."""
    asked = request.query_params.get("lang", "")
    if asked in REPORT_LANGS:
        return asked
    wanted: list[tuple[float, int, str]] = []
    for n, part in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        quality = params.strip().removeprefix("q=")
        try:
            q = float(quality) if quality else 1.0
        except ValueError:
            q = 0.0
        if code in REPORT_LANGS and q > 0:
            wanted.append((-q, n, code))
    return min(wanted)[2] if wanted else "en"


def page(request: Request, name: str, *, status: int = 200, **context: Any) -> Response:
    """A page drawn in ``page_lang``: its own words from ``lang/<lang>/web.json`` (``translate``), the area
    names in that language; a ``?lang=`` choice is carried by the navigation's links to the pages after."""
    lang = page_lang(request)
    token = _PAGE_LANG.set(lang)
    try:
        return _page(request, name, lang, status=status, **context)
    finally:
        _PAGE_LANG.reset(token)


def _page(request: Request, name: str, lang: str, *, status: int = 200, **context: Any) -> Response:
    engine: Engine = request.app.state.engine
    areas = area_info(engine, lang)
    tpl: Jinja2Templates = request.app.state.templates
    user: User | None = getattr(request.state, "user", None)
    base = {
        "nav": nav_for(user, has_users=engine.has_users()),
        "csrf": csrf_token(request),
        "user": user,
        "path": route_path(request.scope),
        "notice": NOTICES.get(request.query_params.get("done", "")),
        "root": request.scope.get("root_path", ""),
        "areas": areas,
        "area": {a["id"]: a for a in areas},
        "order_rule": engine.order_rule(lang),
        "page_lang": lang,
        "page_langs": PAGE_LANGS,
        "lang_hrefs": {code: lang_href(request, code) for code, _ in PAGE_LANGS},
        "lang_query": f"?lang={lang}" if request.query_params.get("lang") in REPORT_LANGS else "",
    }
    response = tpl.TemplateResponse(request, name, base | context, status_code=status, headers=HEADERS)
    set_csrf_cookie(request, response)
    return response


PAGE_LANGS: tuple[tuple[str, str], ...] = (("sv", "Svenska"), ("en", "English"))
"""The languages a page offers to switch to, by their own names."""


def lang_href(request: Request, code: str) -> str:
    """The link to this page in language ``code``: its query (a search, a page number, a filter) kept, only
    ``lang`` set, so switching language does not drop what the page shows."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("lang", "done")]
    return "?" + urlencode([*kept, ("lang", code)])


def error_page(request: Request, exc: KompetensError) -> Response:
    """The error page of a coded error, with the HTTP status the API gives the same code."""
    return page(
        request, "error.html", status=http_status(exc.code), heading=exc.code.value.capitalize(), error=exc
    )


def http_error_page(request: Request, status: int, detail: Any) -> Response:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    message = detail if isinstance(detail, str) and detail != phrase else None
    return page(request, "error.html", status=status, heading=phrase, message=message, status_code=status)


def number(value: float | None, pattern: str = "%g") -> str:
    """A number as ``pattern`` writes it, with the page language's decimal mark: "0,76" on a Swedish page,
    where the weights read "0.76" and a stored role's "0.7589" (hunt hR)."""
    said: str = pattern % float(value or 0.0)
    return said.replace(".", ",") if _PAGE_LANG.get() == "sv" else said


def capital(text: str) -> str:
    """``text`` with its first letter upper case, the rest as it is ("skadad eller oläslig PDF")."""
    return text[:1].upper() + text[1:]
