"""``serve``: what `kompetens serve` calls (like `datasette serve`: build the app, hand it to uvicorn)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from fastapi import FastAPI

from ..engine import Engine
from .app import create_app
from .auth import LOOPBACK_NAMES
from .limits import Limits


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
) -> None:
    """Run the web UI and API with uvicorn until interrupted.

    ``warm`` builds the extractor before the first request, so that request does not wait for it.
    Access logs hold method, path and status only; request bodies (ads, CVs) are never logged.
    """
    import uvicorn

    if warm:
        _ = engine.extractor
    app = create_app(
        engine, limits=limits, cors_origins=cors_origins, allowed_hosts=allowed_hosts, https=https
    )
    stop = threading.Event()
    threading.Thread(target=purge_daily, args=(app, stop), name="kompetens-purge", daemon=True).start()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        # Behind a TLS proxy the scheme and client come from its headers; trust them from loopback only.
        proxy_headers=https,
        forwarded_allow_ips="127.0.0.1",
    )
    stop.set()


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
                "purge: %d candidate(s), %d event(s)",
                sum(p.candidates for p in purged),
                sum(p.events for p in purged),
            )
        except Exception as exc:  # a failed purge must not stop the server; it is tried again tomorrow
            log.error("purge failed: %s", type(exc).__name__)
        if stop.wait(every):
            return
