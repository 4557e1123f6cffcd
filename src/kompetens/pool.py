"""Engine calls in worker processes, each under a time limit: what keeps one long request from stalling the rest.

``EnginePool`` starts N worker processes ('spawn'); each builds its own Engine from the same data folder once
and then answers calls (a method name and its arguments) over a pipe, one at a time. A server thread takes a
free worker for one call and gives it back after. A call still running at its deadline is answered with E601
and its worker is killed and replaced (a new process, a new Engine); no free worker before the deadline, or
more than ``queue`` callers already waiting for one, is E600 (retry later). A worker that dies mid-call is
replaced the same way (E602).

Big requests (``big=True``: the server marks those whose body is over a size) may hold at most N - 1 workers
at once, so with two workers or more one is always left for small requests.

Arguments and results cross the pipe pickled: the Engine's inputs and results are dataclasses, and
``KompetensError`` pickles with its code. Calls that return an iterator (``Engine.read``) are run to the end in
the worker and come back as an iterator over the list. Nothing that must stay in the server process (accounts,
sessions, store writes) goes through here: ``RemoteEngine`` sends only the methods of ``REMOTE`` (pure
computation) and runs everything else on the server's own Engine under the server's lock; the methods of
``SPLIT`` (compute, then store) are run as their parts, the computing ones in a worker.

This module imports no web framework: a worker starts with the Engine's imports only.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from .engine import Engine
from .errors import Code, KompetensError

log = logging.getLogger("kompetens.pool")

REMOTE = frozenset(
    {
        "area_details",
        "areas",
        "audit",
        "audit_synthetic",
        "candidate",  # with store=True it runs in the server process: it writes the store
        "candidates_of",
        "choose_role",
        "count_ads",
        "extract",
        "extract_text",
        "interview",
        "link",
        "market",  # with store=True it runs in the server process: it writes the data folder
        "profile_files",
        "rank",
        "rank_candidates",
        "rank_files",
        "read",
        "read_ad",
        "read_files",
        "read_groups",
        "review",
        "review_html",
        "role",
        "role_from_ad",
        "synthetic_pool",
        "team",
    }
)
"""Engine methods that only compute (read files, no store): these run in a worker."""

SPLIT = frozenset({"add_candidate", "add_candidates", "rank_and_record", "rank_recorded", "rank_stored"})
"""Engine methods that compute and then write the store, written as calls of other Engine methods only:
``RemoteEngine`` runs their code with itself as the engine, so the computing calls (``profile_files``,
``candidates_of``, ``rank_candidates``) go to a worker under the request's deadline and the writes
(``keep_candidates``, ``record_ranking``...) run in the server process under its lock, after all the
computing: a request stopped at its deadline has written nothing."""

PROGRESS = "kompetens-pool-progress"
"""Sent as a call's ``progress`` argument: the worker passes a callback that reports to the server, whose
``on_progress`` gets the same arguments (``Engine.market``'s ``progress(ads, errors)``)."""

DEFAULT_TIMEOUT = 60.0
DEFAULT_QUEUE = 32
"""Requests that may wait for a worker. Sync routes run in a pool of 40 threads: waiting beyond this would
take the threads that routes without engine work (health, sign-in, static pages) need."""
DEFAULT_BIG_BYTES = 2_000_000
"""A request body over this many bytes is big (only multipart uploads can be: JSON bodies stop at 2 MB)."""
START_TIMEOUT = 120.0
"""Seconds a new worker may take to build its Engine."""


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def engine_factory(data_dir: Path | str, database_url: str | None = None) -> Callable[[], Engine]:
    """What a worker builds its Engine with: an Engine over ``data_dir`` and the server's database
    (picklable, for 'spawn')."""
    return functools.partial(Engine, Path(data_dir), database_url=database_url)


@dataclass(frozen=True, slots=True)
class PoolConfig:
    workers: int
    """Worker processes; 0 means none: the server's one Engine under one lock (the old behaviour)."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds a request's engine work may take, from its first engine call (waiting for a worker included)."""
    queue: int = DEFAULT_QUEUE
    """Callers that may wait for a free worker; more are answered E600 at once."""
    big_bytes: int = DEFAULT_BIG_BYTES
    """Bodies over this many bytes are big: they may hold at most workers - 1 workers."""


# -- the worker process ---------------------------------------------------------------------------


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a plain error that names its type only (messages may quote input)."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__} in an engine worker")
    return exc


def _watch_parent() -> None:
    """End this worker when the server process ends, even in the middle of a call."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait_for([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="kompetens-parent-watch", daemon=True).start()


def worker_main(conn: Connection, factory: Callable[[], Engine]) -> None:
    """A worker: build the Engine once, say ready, then answer ``(method, args, kwargs)`` until told to stop."""
    _watch_parent()
    try:
        engine = factory()
        _ = engine.extractor  # the first request should not wait for it
    except BaseException as exc:
        conn.send(("err", _portable(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, args, kwargs = message
        if kwargs.get("progress") == PROGRESS:  # the caller follows the call: report as it goes
            kwargs = {**kwargs, "progress": functools.partial(_report, conn)}
        try:
            value = getattr(engine, name)(*args, **kwargs)
            reply: tuple[str, Any] = ("iter", list(value)) if isinstance(value, Iterator) else ("ok", value)
        except BaseException as exc:
            reply = ("err", _portable(exc))
        try:
            conn.send(reply)
        except Exception as exc:  # a result that does not pickle: nothing was written yet
            conn.send(("err", _portable(exc)))


def _report(conn: Connection, *values: Any) -> None:
    """A worker's progress callback: ``("progress", values)`` to the server, before the call's answer."""
    conn.send(("progress", values))


# -- the server side ------------------------------------------------------------------------------


@dataclass(slots=True)
class Worker:
    process: BaseProcess
    conn: Connection
    big: bool = False
    """Held by a big request now."""

    @property
    def pid(self) -> int | None:
        return self.process.pid


@dataclass(slots=True, eq=False)
class Waiter:
    """A caller in line for a worker."""

    big: bool
    event: threading.Event = field(default_factory=threading.Event)
    worker: Worker | None = None


def busy(message: str) -> KompetensError:
    return KompetensError(Code.E600, message)


class EnginePool:
    """N engine worker processes with a per-call deadline; see the module's docstring."""

    def __init__(
        self,
        factory: Callable[[], Engine],
        config: PoolConfig,
    ) -> None:
        if config.workers < 1:
            raise ValueError("an EnginePool needs at least one worker")
        self.factory = factory
        self.config = config
        self._ctx = multiprocessing.get_context("spawn")  # no forked copies of the server's threads
        self._lock = threading.Lock()
        self._free: list[Worker] = []
        self._all: list[Worker] = []
        self._line: list[Waiter] = []
        self._big_held = 0
        self._closed = False
        self.replaced = 0
        """Workers killed and replaced so far (timeouts and crashes)."""

    @property
    def big_slots(self) -> int:
        return max(1, self.config.workers - 1)

    # -- life cycle ------------------------------------------------------------------------------
    def start(self) -> EnginePool:
        """Start every worker and wait until each has built its Engine (raises what a failed one raised)."""
        started: list[Worker | BaseException] = []

        def one() -> None:
            try:
                started.append(self._spawn())
            except BaseException as exc:
                started.append(exc)

        threads = [threading.Thread(target=one) for _ in range(self.config.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        errors = [s for s in started if isinstance(s, BaseException)]
        with self._lock:
            for s in started:
                if isinstance(s, Worker):
                    self._all.append(s)
                    self._free.append(s)
            self._dispatch()
        if errors:
            self.close()
            raise errors[0]
        return self

    def _spawn(self) -> Worker:
        ours, theirs = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main, args=(theirs, self.factory), name="kompetens-engine", daemon=True
        )
        process.start()
        theirs.close()
        worker = Worker(process, ours)
        if not ours.poll(START_TIMEOUT):
            self._kill(worker)
            raise RuntimeError(f"an engine worker did not start within {START_TIMEOUT:.0f} s")
        try:
            status, value = ours.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise RuntimeError("an engine worker stopped while starting") from None
        if status != "ready":
            self._kill(worker)
            raise value if isinstance(value, BaseException) else RuntimeError(str(value))
        return worker

    @staticmethod
    def _kill(worker: Worker) -> None:
        worker.process.terminate()
        worker.process.join(2)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(2)
        worker.conn.close()

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` now and start its successor in the background (it joins the free ones when ready)."""
        self._kill(worker)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            self.replaced += 1
            if self._closed:
                return
        threading.Thread(target=self._respawn, name="kompetens-respawn", daemon=True).start()

    def _respawn(self) -> None:
        delay = 1.0
        while True:
            with self._lock:
                if self._closed:
                    return
            try:
                worker = self._spawn()
            except Exception as exc:
                log.error(
                    "an engine worker failed to start (%s); trying again in %.0f s", type(exc).__name__, delay
                )
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            with self._lock:
                if self._closed:
                    self._kill(worker)
                    return
                self._all.append(worker)
                self._free.append(worker)
                self._dispatch()
            return

    def close(self) -> None:
        """Stop every worker (those in a call are killed)."""
        with self._lock:
            self._closed = True
            workers, self._all, self._free = list(self._all), [], []
            for waiter in self._line:
                waiter.event.set()
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in workers:
            worker.process.join(1)
            if worker.process.is_alive():
                self._kill(worker)
            else:
                worker.conn.close()

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._all if w.pid is not None]

    # -- calls -----------------------------------------------------------------------------------
    def _acquire(self, deadline: float, *, big: bool) -> Worker:
        """A free worker, first come first served: callers wait in line and a freed worker goes to the first
        one that may take it (a big caller may not while big ones hold ``big_slots``)."""
        with self._lock:
            if self._closed:
                raise busy("the server is shutting down")
            if self._ready(big=big):  # a free worker now is one nobody waiting may take
                return self._hand(self._free.pop(0), big=big)
            if len(self._line) >= self.config.queue:
                raise busy(f"the server is busy ({len(self._line)} requests waiting); retry later")
            waiter = Waiter(big)
            self._line.append(waiter)
        waiter.event.wait(max(0.0, deadline - time.monotonic()))
        with self._lock:
            if waiter.worker is not None:
                return waiter.worker
            self._line.remove(waiter)
        if self._closed:
            raise busy("the server is shutting down")
        raise busy("no engine worker became free within the time limit; retry later")

    def _ready(self, *, big: bool) -> bool:
        return bool(self._free) and (not big or self._big_held < self.big_slots)

    def _hand(self, worker: Worker, *, big: bool) -> Worker:
        worker.big = big
        self._big_held += big
        return worker

    def _dispatch(self) -> None:
        """Give free workers to the callers in line (under ``_lock``)."""
        while self._free:
            waiter = next((w for w in self._line if self._ready(big=w.big)), None)
            if waiter is None:
                return
            self._line.remove(waiter)
            waiter.worker = self._hand(self._free.pop(0), big=waiter.big)
            waiter.event.set()

    def _release(self, worker: Worker, *, alive: bool) -> None:
        with self._lock:
            self._big_held -= worker.big
            worker.big = False
            if alive and not self._closed:
                self._free.append(worker)
            self._dispatch()

    def call(
        self,
        name: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        *,
        deadline: float,
        big: bool = False,
        on_progress: Callable[..., None] | None = None,
        limit_s: float | None = None,
    ) -> Any:
        """``Engine.<name>(*args, **kwargs)`` in a free worker, answered by ``deadline`` (time.monotonic).
        With ``kwargs["progress"] == PROGRESS`` the worker reports progress as the call goes: each report
        is handed to ``on_progress`` (in this thread) until the answer comes. ``limit_s``: the time limit
        an E601 names (the pool's by default)."""
        worker = self._acquire(deadline, big=big)
        if deadline <= time.monotonic():  # handed over as time ran out: it has done nothing, keep it
            self._release(worker, alive=True)
            raise busy("no engine worker became free within the time limit; retry later")
        alive = False
        try:
            try:
                worker.conn.send((name, args, kwargs))
                while True:
                    if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                        log.warning("engine call %s ran past the time limit; its worker is replaced", name)
                        limit = self.config.timeout if limit_s is None else limit_s
                        raise KompetensError(Code.E601, f"the request ran past the time limit of {limit:g} s")
                    status, value = worker.conn.recv()
                    if status != "progress":
                        break
                    if on_progress is not None:
                        on_progress(*value)
            except (EOFError, OSError, pickle.PicklingError) as exc:
                log.error("engine worker %s failed in %s (%s)", worker.pid, name, type(exc).__name__)
                raise KompetensError(Code.E602, "the engine worker stopped; retry the request") from None
            alive = True
        finally:
            self._release(worker, alive=alive)
            if not alive:
                self._replace(worker)
        if status == "err":
            raise value
        return iter(value) if status == "iter" else value


class RemoteEngine:
    """What ``engine_of`` hands a request when the server has workers: the Engine's methods, as calls.

    Methods in ``REMOTE`` go to the pool under the request's deadline; everything else (accounts, the store,
    ``has_users``...) is the server's own Engine's, its methods run under the server's lock as before."""

    def __init__(
        self,
        pool: EnginePool,
        local: Engine,
        lock: threading.Lock,
        *,
        deadline: float,
        big: bool,
        limit_s: float | None = None,
    ) -> None:
        self._pool = pool
        self._local = local
        self._lock = lock
        self.deadline = deadline
        self.big = big
        self.limit_s = limit_s
        """The seconds the deadline allows, for messages (the pool's time limit by default)."""

    def __getattr__(self, name: str) -> Any:
        if name in SPLIT:
            return functools.partial(getattr(Engine, name), self)
        if name in REMOTE:
            return functools.partial(self._remote, name)
        value = getattr(self._local, name)
        if callable(value):
            return functools.partial(self._locked, value)
        return value

    def _remote(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        # ``name`` is positional-only: a call's own keyword may be ``name`` too (``read_groups(data, name=...)``)
        if kwargs.get("store"):  # writes the store: stays in the server process
            return self._locked(getattr(self._local, name), *args, **kwargs)
        if name == "choose_role" and kwargs.get("ad") is None and kwargs.get("role_file") is None:
            # a role as JSON, or the built-in one: parsing only, not worth a trip (and a turn in line)
            return self._locked(self._local.choose_role, *args, **kwargs)
        on_progress = kwargs.get("progress")
        if callable(
            on_progress
        ):  # a callback cannot cross the pipe: the worker reports, this thread calls it
            kwargs = {**kwargs, "progress": PROGRESS}
        else:
            on_progress = None
        return self._pool.call(
            name,
            args,
            kwargs,
            deadline=self.deadline,
            big=self.big,
            on_progress=on_progress,
            limit_s=self.limit_s,
        )

    def _locked(self, method: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(*args, **kwargs)
