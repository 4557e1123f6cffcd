"""All user-facing errors, each with a stable code (the habit of spacy/errors.py).

A ``KompetensError`` is what interfaces catch and print: a code, the file it concerns (if any) and a
message written for a person. No traceback reaches the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

from .schema import DOCUMENTED


class Code(StrEnum):
    """Error codes. E1xx input files, E2xx taxonomy/data, E3xx roles and options, E4xx store,
    E5xx accounts, access and stored work (candidates, rankings, organisations), E6xx the server's engine
    workers (``kompetens serve``, kompetens.pool) and its background jobs (api/jobs.py)."""

    E100 = "file not found"
    E101 = "empty file"
    E102 = "binary or undecodable file"
    E103 = "file too large"
    E104 = "corrupt or unreadable PDF"
    E105 = "encrypted PDF"
    E106 = "corrupt or unsafe DOCX"
    E107 = "invalid JSON"
    E108 = "unsupported file format"
    E109 = "unknown or unsupported language"
    E110 = "no text could be extracted"
    E111 = "text too long"
    E112 = "invalid CSV"
    E113 = "invalid groups file"
    E114 = "malformed multipart body"
    E200 = "taxonomy not built"
    E201 = "taxonomy source file invalid"
    E202 = "taxonomy download failed"
    E300 = "invalid role"
    E301 = "invalid option"
    E400 = "store error"
    E401 = "not found in store"
    E402 = "invalid database URL"
    E403 = "database unreachable"
    E302 = "optional extra not installed"
    E303 = "backend failed"
    E304 = "output cannot be written"
    E500 = "unknown user role"
    E501 = "user exists already"
    E502 = "unknown user"
    E503 = "not signed in"
    E504 = "not allowed"
    E505 = "unknown candidate"
    E506 = "unknown ranking"
    E507 = "ranking already confirmed"
    E508 = "invalid confirmation"
    E509 = "unknown organisation"
    E510 = "candidate not in the ranking"
    E511 = "unknown stored role"
    E512 = "unknown stored ad"
    E513 = "too many failed sign-ins"
    E514 = "candidate stored already"
    E515 = "ambiguous candidate name"
    E516 = "host not served"
    E517 = "request from another site"
    E518 = "form token missing or out of date"
    E600 = "server busy"
    E601 = "time limit exceeded"
    E602 = "engine worker failed"
    E603 = "job queue full"
    E604 = "unknown job"


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """The JSON error object of every interface: ``kompetens ... --json`` and the REST API."""

    __pydantic_config__ = DOCUMENTED

    code: str
    """Stable error code, e.g. E101 (see kompetens.errors.Code)."""
    kind: str
    """What the code means, e.g. 'empty file'."""
    message: str
    """Written for a person."""
    source: str | None = None
    """The input (file name or field) it concerns."""
    field: str | None = None
    """The request or role field at fault: in the REST API the name the operation documents, without its
    location (`limit`, `cvs`, `candidates`, `cid`); a role's own field (`weights.community`) for E300. A
    stored object's id not found is named as the API names it in the CLI's JSON too (`cid`, `rid`)."""


@dataclass(frozen=True, slots=True)
class FailedInput:
    """An input that could not be used, as an item among the results of the others."""

    __pydantic_config__ = DOCUMENTED

    source: str | None
    """The input: a file (``path``, ``path#line``) or an upload's name."""
    error: ErrorInfo


@dataclass(frozen=True, slots=True)
class ErrorReply:
    """A whole command (or request) that failed: ``{"error": {...}}``."""

    __pydantic_config__ = DOCUMENTED

    error: ErrorInfo


@dataclass(frozen=True, slots=True)
class AllFailed:
    """A request of inputs none of which could be used, so nothing was done: ``{"error": {...}, "failed":
    [...]}``, the request's error (one input's) and an item per input, as among the results of others."""

    __pydantic_config__ = DOCUMENTED

    error: ErrorInfo
    failed: tuple[FailedInput, ...]
    """Every input, in the order given, with why it could not be used."""


ID_FIELDS: dict[Code, str] = {
    Code.E505: "cid",
    Code.E506: "rid",
    Code.E507: "rid",
    Code.E510: "cid",
    Code.E511: "role_id",
    Code.E512: "ad_id",
    Code.E604: "jid",
}
"""The public name of a stored object's id that the store names by its generic ``id`` (or ``candidate``): the
REST API's path parameter or JSON key (``/candidates/{cid}``, ``{"role_id": ...}``), and the CLI's JSON error
says the same (``kompetens candidates erase X --json``: ``field: "cid"``, as the API answers)."""


def public_field(code: Code, field: str | None) -> str | None:
    """``field`` as the interfaces name it: a stored object's generic ``id`` (or ``candidate``) by the name of
    the id that ``code`` is about (``ID_FIELDS``); any other field as it is."""
    if field in ("id", "candidate"):
        return ID_FIELDS.get(code, field)
    return field


class KompetensError(Exception):
    """An error meant for the user: a code, an optional source (file) and a message."""

    def __init__(self, code: Code, message: str, *, source: str | None = None, field: str | None = None):
        self.code = code
        self.message = message
        self.source = source
        self.field = field
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message} [{code.name}]")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickles with its code, source and field (an engine worker sends errors to the server)."""
        return (_rebuild, (type(self), self.code, self.message, self.source, self.field))

    def info(self) -> ErrorInfo:
        """The error as every interface writes it, ``field`` by its public name (``public_field``)."""
        return ErrorInfo(
            self.code.name, self.code.value, self.message, self.source, public_field(self.code, self.field)
        )

    def failed(self) -> FailedInput:
        """This error as the item of a failed input among results."""
        return FailedInput(self.source, self.info())

    def to_dict(self) -> dict[str, str | None]:
        """``info()`` as a dict (every key present)."""
        return asdict(self.info())


def _rebuild(
    cls: type[KompetensError], code: Code, message: str, source: str | None, field: str | None
) -> KompetensError:
    return cls(code, message, source=source, field=field)


class IngestError(KompetensError):
    """A file could not be read into a Document."""


class SkippedInput(UserWarning):
    """A warning: an input that could not be read (an ``IngestError`` among what ``Engine.read`` yields) was
    passed over by ``Engine.rank``/``team``, so that one bad file never stops the others. Its text is the
    error's: the file, the message and the code."""


class TaxonomyError(KompetensError):
    """The taxonomy is missing or a taxonomy file is invalid."""


class RoleError(KompetensError):
    """A role file is invalid; ``field`` names the offending field."""


_HTTP_STATUS: dict[Code, int] = {
    Code.E100: 404,
    Code.E103: 413,
    Code.E111: 413,
    Code.E200: 503,
    Code.E201: 500,
    Code.E202: 503,
    Code.E400: 500,
    Code.E401: 404,
    Code.E402: 500,
    Code.E403: 503,
    Code.E501: 409,
    Code.E502: 404,
    Code.E503: 401,
    Code.E504: 403,
    Code.E505: 404,
    Code.E506: 404,
    Code.E507: 409,
    Code.E509: 404,
    Code.E510: 409,
    Code.E511: 404,
    Code.E512: 404,
    Code.E513: 429,
    Code.E514: 409,
    Code.E515: 409,
    Code.E516: 400,
    Code.E517: 403,
    Code.E518: 403,
    Code.E600: 503,
    Code.E601: 504,
    Code.E602: 500,
    Code.E603: 503,
    Code.E604: 404,
}
"""Codes that are not plain invalid input (422). Every input that cannot be used is 422, E301 (a field missing or
out of range) and E500 (an unknown user role) included; the REST API answers 400 only for a request body it
cannot parse at all (``api/errors.py``: E107, JSON that is not JSON or not UTF-8) and for a ``Host`` header
naming a host the server does not serve (E516, ``api/auth.py``'s guard, before any route)."""


def upload_error(errors: Sequence[KompetensError]) -> KompetensError:
    """The error of an upload none of whose files was stored: the first unreadable file's, or (E514) the
    first one's when each file is held already; what the REST API and the web page answer with."""
    return next((e for e in errors if e.code != Code.E514), errors[0])


def http_status(code: Code) -> int:
    """The HTTP status the REST API and the web pages answer a coded error with."""
    return _HTTP_STATUS.get(code, 422)
