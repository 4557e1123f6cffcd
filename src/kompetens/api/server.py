"""``serve``: what `kompetens serve` calls (like `datasette serve`: build the app, hand it to uvicorn)."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI

from ..engine import Engine
from ..errors import Code, KompetensError
from ..pool import DEFAULT_QUEUE, DEFAULT_TIMEOUT, EnginePool, PoolConfig, default_workers, engine_factory
from .app import create_app
from .auth import LOOPBACK_NAMES
from .csrf import persistent_key
from .errors import raised_at
from .limits import Limits


def cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (a port another process listens on), or None. Bound
    and closed at once with SO_REUSEADDR, as uvicorn binds, so a port in TIME_WAIT is free as it is there."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def serve(
    engine: Engine,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    limits: Limits | None = None,
    cors_origins: Sequence[str] = (),
    allowed_hosts: Sequence[str] = LOOPBACK_NAMES,
    https: bool = False,
    warm: bool = True,
    log_level: str = "info",
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    queue: int = DEFAULT_QUEUE,
    root_path: str = "",
) -> None:
    """Run the web UI and API with uvicorn until interrupted; under ``root_path`` (a reverse proxy's path
    prefix, "/kompetens") the pages' links, forms and redirects carry the prefix.

    ``workers`` engine worker processes (default min(2, CPUs)), each with its own Engine over
    ``engine.data_dir``, run the engine's work; a request's engine work past ``timeout`` seconds is answered
    504 (E601) and its worker replaced; more than ``queue`` requests waiting for a worker are answered 503
    (E600). ``workers=0`` keeps the old way: every engine call on ``engine`` under one lock, no time limit.
    ``warm`` builds the extractor before the first request, so that request does not wait for it (the workers
    always build theirs). Stored candidates and ads past their retention are purged at start and daily.
    Access logs hold method, path and status only; request bodies (ads, CVs) are never logged.
    """
    import uvicorn

    busy = cannot_listen(host, port)
    if busy is not None:  # said at once, not after the workers' start-up (25 s on a bug hunt's machine, hK)
        raise KompetensError(
            Code.E301, f"cannot listen on {host}:{port}: {busy} (another server there? --port)", field="port"
        )
    n = default_workers() if workers is None else workers
    if warm:  # the server's own Engine too: the stored-work routes extract in the server process
        _ = engine.extractor
    pool = None
    if n > 0:
        config = PoolConfig(workers=n, timeout=timeout, queue=queue)
        pool = EnginePool(engine_factory(engine.data_dir, engine.database_url), config).start()
    stop = threading.Event()
    app: FastAPI | None = None
    try:
        app = create_app(
            engine,
            limits=limits,
            cors_origins=cors_origins,
            allowed_hosts=allowed_hosts,
            https=https,
            pool=pool,
            csrf_key=persistent_key(engine.data_dir),
        )
        threading.Thread(target=purge_daily, args=(app, stop), name="kompetens-purge", daemon=True).start()
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level=log_level,
            log_config=log_config(),
            server_header=False,
            # Behind a TLS proxy the scheme and client come from its headers; trust them from loopback only.
            proxy_headers=https,
            forwarded_allow_ips="127.0.0.1",
            root_path=root_path,
        )
    finally:
        stop.set()
        if app is not None:
            app.state.jobs.close()
        if pool is not None:
            pool.close()


class PathOnly(logging.Filter):
    """The access log's path without its query string: a search (``/candidates?q=Kalle``) may name a person."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):  # uvicorn's access line
            record.args = (*args[:2], args[2].partition("?")[0], *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging set-up with ``PathOnly`` on its access log."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["path_only"] = {"()": PathOnly}
    config["handlers"]["access"]["filters"] = ["path_only"]
    return config


PURGE_SECONDS = 24 * 60 * 60


def purge_daily(app: FastAPI, stop: threading.Event, *, every: float = PURGE_SECONDS) -> None:
    """``kompetens purge`` at start and then once a day, under the app's engine lock, until ``stop``.
    Logs counts only."""
    log = logging.getLogger("kompetens")
    while True:
        try:
            with app.state.engine_lock:
                purged = app.state.engine.purge()
            log.info(
                "purge: %d candidate(s), %d stored ad(s), %d event(s)",
                sum(p.candidates for p in purged),
                sum(p.ads for p in purged),
                sum(p.events for p in purged),
            )
        except Exception as exc:  # a failed purge must not stop the server; it is tried again tomorrow
            log.error("purge failed: %s at %s", type(exc).__name__, raised_at(exc))
        if stop.wait(every):
            return
