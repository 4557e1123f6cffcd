"""All user-facing errors, each with a stable code (the habit of spacy/errors.py).

A ``KompetensError`` is what interfaces catch and print: a code, the file it concerns (if any) and a
message written for a person. No traceback reaches the user.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Code(StrEnum):
    """Error codes. E1xx input files, E2xx taxonomy/data, E3xx roles and options, E4xx store."""

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
    E200 = "taxonomy not built"
    E201 = "taxonomy source file invalid"
    E202 = "taxonomy download failed"
    E300 = "invalid role"
    E301 = "invalid option"
    E400 = "store error"
    E401 = "not found in store"
    E302 = "optional extra not installed"
    E303 = "backend failed"


class KompetensError(Exception):
    """An error meant for the user: a code, an optional source (file) and a message."""

    def __init__(self, code: Code, message: str, *, source: str | None = None, field: str | None = None):
        self.code = code
        self.message = message
        self.source = source
        self.field = field
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message} [{code.name}]")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code.name, "kind": self.code.value, "message": self.message}
        if self.source is not None:
            out["source"] = self.source
        if self.field is not None:
            out["field"] = self.field
        return out


class IngestError(KompetensError):
    """A file could not be read into a Document."""


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
    Code.E301: 400,
    Code.E400: 500,
    Code.E401: 404,
}
"""Codes that are not plain invalid input (422)."""


def http_status(code: Code) -> int:
    """The HTTP status the REST API and the web pages answer a coded error with."""
    return _HTTP_STATUS.get(code, 422)
