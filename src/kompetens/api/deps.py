"""What every route needs from the app: its Engine (one call at a time), its limits, its uploads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from fastapi import Request
from starlette.datastructures import UploadFile

from ..engine import Engine
from ..errors import Code, KompetensError
from .inputs import Upload
from .limits import Limits


@contextmanager
def engine_of(request: Request) -> Iterator[Engine]:
    """The app's Engine under the app's lock: the engine makes no promise about threads."""
    with request.app.state.engine_lock:
        yield request.app.state.engine


def limits_of(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


def read_files(request: Request, files: Sequence[UploadFile], *, field: str = "cvs") -> list[Upload]:
    """The uploaded files' bytes; a form's empty file field (no name, no bytes) is skipped."""
    chosen = [f for f in files if f.filename or f.size]
    limit = limits_of(request).max_files
    if len(chosen) > limit:
        raise KompetensError(Code.E301, f"{len(chosen)} files; at most {limit} per request", field=field)
    return [Upload(f.filename or "", f.file.read()) for f in chosen]


def read_file(file: UploadFile | None) -> Upload | None:
    if file is None or not (file.filename or file.size):
        return None
    return Upload(file.filename or "", file.file.read())
