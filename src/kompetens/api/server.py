"""``serve``: what `kompetens serve` calls (like `datasette serve`: build the app, hand it to uvicorn)."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine import Engine
from ..pool import DEFAULT_QUEUE, DEFAULT_TIMEOUT, EnginePool, PoolConfig, default_workers, engine_factory
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
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    queue: int = DEFAULT_QUEUE,
) -> None:
    """Run the web UI and API with uvicorn until interrupted.

    ``workers`` engine worker processes (default min(2, CPUs)), each with its own Engine over
    ``engine.data_dir``, run the engine's work; a request's engine work past ``timeout`` seconds is answered
    504 (E601) and its worker replaced; more than ``queue`` requests waiting for a worker are answered 503
    (E600). ``workers=0`` keeps the old way: every engine call on ``engine`` under one lock, no time limit.
    ``warm`` builds the extractor before the first request, so that request does not wait for it (the workers
    always do). Access logs hold method, path and status only; request bodies (ads, CVs) are never logged.
    """
    import uvicorn

    n = default_workers() if workers is None else workers
    if warm and n == 0:
        _ = engine.extractor
    pool = None
    if n > 0:
        config = PoolConfig(workers=n, timeout=timeout, queue=queue)
        pool = EnginePool(engine_factory(engine.data_dir), config).start()
    try:
        app = create_app(
            engine,
            limits=limits,
            cors_origins=cors_origins,
            allowed_hosts=allowed_hosts,
            https=https,
            pool=pool,
        )
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
    finally:
        if pool is not None:
            pool.close()
