"""What every route needs from the app: its Engine (in worker processes, or one call at a time), its limits,
its uploads."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import cast

from fastapi import FastAPI, Request
from starlette.datastructures import FormData, UploadFile

from ..engine import Engine
from ..errors import Code, KompetensError
from ..pool import EnginePool, RemoteEngine
from .inputs import Upload
from .limits import Limits


@contextmanager
def engine_of(request: Request) -> Iterator[Engine]:
    """The Engine a route calls.

    With an engine pool (``kompetens serve --workers N``, N >= 1) it is the request's ``RemoteEngine``: each
    computing call runs in a free worker process, and all of the request's calls share one deadline, counted
    from its first one (E601 past it, E600 when no worker frees up in time); nothing is held between calls.
    Without a pool (``--workers 0``, and ``create_app(engine)`` by default) it is the app's one Engine under
    the app's lock, as before: the engine makes no promise about threads.
    """
    pool: EnginePool | None = request.app.state.engine_pool
    if pool is None:
        with request.app.state.engine_lock:
            yield request.app.state.engine
        return
    remote: RemoteEngine | None = getattr(request.state, "remote_engine", None)
    if remote is None:
        length = request.headers.get("content-length", "")
        big = length.isdigit() and int(length) > pool.config.big_bytes
        deadline = time.monotonic() + pool.config.timeout
        remote = RemoteEngine(
            pool, request.app.state.engine, request.app.state.engine_lock, deadline=deadline, big=big
        )
        request.state.remote_engine = remote
    yield cast(Engine, remote)


@contextmanager
def engine_for(app: FastAPI, *, timeout: float | None = None) -> Iterator[Engine]:
    """The Engine for one step of work outside a request (a background job's chunk): with a pool, the calls
    of the ``with`` block share a deadline of their own, ``timeout`` seconds (the pool's by default) from
    now; without one, the app's Engine under the app's lock for the block (so requests get their turn
    between steps, and wait for a step)."""
    pool: EnginePool | None = app.state.engine_pool
    if pool is None:
        with app.state.engine_lock:
            yield app.state.engine
        return
    limit = pool.config.timeout if timeout is None else timeout
    remote = RemoteEngine(
        pool,
        app.state.engine,
        app.state.engine_lock,
        deadline=time.monotonic() + limit,
        big=False,
        limit_s=limit,
    )
    yield cast(Engine, remote)


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


def form_file(data: FormData, field: str) -> Upload | None:
    """The file a page's form sent in ``field``, or None when none was chosen (a browser sends an unchosen
    file field as a part with no file name, which Starlette reads as a string)."""
    file = data.get(field)
    return read_file(file) if isinstance(file, UploadFile) else None


async def known_form_fields(request: Request) -> None:
    """A multipart form's part whose name the operation does not take is 422 (E301, ``field``: the name),
    never dropped: a misspelt ``role_fil`` ranked for the built-in role and kept the ranking as a decision
    record (a bug hunt, hJ), as a JSON body's unknown key already is (``extra="forbid"``). The names are the
    operation's form properties in the app's OpenAPI document. Where a field the form needs is missing too
    the check stands aside, so that the answer names the missing field (``cv`` sent for ``cvs``: "cvs:
    Field required")."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "multipart/form-data":
        return
    route = request.scope.get("route")
    template = getattr(route, "path_format", None)
    if template is None:
        return
    operation = request.app.openapi().get("paths", {}).get(template, {}).get(request.method.lower(), {})
    schema = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data", {}).get("schema")
    if not schema:
        return
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = request.app.openapi().get("components", {}).get("schemas", {}).get(name, {})
    taken = set(schema.get("properties", {}))
    form = await request.form()  # parsed once already for the route: Starlette keeps it
    sent = list(dict.fromkeys(form.keys()))
    if any(name not in sent for name in schema.get("required", [])):
        return
    unknown = [name for name in sent if name not in taken]
    if unknown:
        raise KompetensError(
            Code.E301,
            f"this route takes no form field {unknown[0]!r}; it takes: {', '.join(sorted(taken))}",
            field=unknown[0],
        )
