"""The engine pool (``kompetens serve --workers N --timeout S``): a long request holds one worker while the
others answer; past the time limit it is answered 504 (E601) and its worker is replaced; a full queue is 503
(E600). Nothing here is a timed threshold: "meanwhile" is checked by what has or has not answered yet."""

from __future__ import annotations

import functools
import json
import os
import pickle
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app
from kompetens.engine import Engine
from kompetens.errors import Code, IngestError, KompetensError
from kompetens.ingest import document_from_text
from kompetens.link.linker import LinkedConcept, LinkResult
from kompetens.pool import PROGRESS, EnginePool, PoolConfig
from kompetens.review import Review

from .slow_engine import SlowEngine, slow_text
from .support import AD_EN, ROOT, TEST_HOSTS, as_files, client_for, demo_cvs

WAIT = 60.0
"""The most any step waits for a worker process (a loaded machine starts them slowly); never reached."""


def _pool(data_dir: Path, **config: float) -> EnginePool:
    settings = {"workers": 2, "timeout": WAIT, **config}
    return EnginePool(
        functools.partial(SlowEngine, data_dir),
        PoolConfig(
            workers=int(settings["workers"]),
            timeout=float(settings["timeout"]),
            queue=int(settings.get("queue", 32)),
            big_bytes=int(settings.get("big_bytes", 2_000_000)),
        ),
    ).start()


def _client(engine: Engine, pool: EnginePool) -> TestClient:
    app = create_app(engine, allowed_hosts=TEST_HOSTS, pool=pool)
    return TestClient(app, raise_server_exceptions=False)


def _wait_for(path: Path) -> None:
    end = time.monotonic() + WAIT
    while not path.exists():
        assert time.monotonic() < end, f"{path.name} never appeared"
        time.sleep(0.02)


class Background:
    """A request sent from another thread; ``done`` says whether it has been answered yet."""

    def __init__(self, client: TestClient, path: str, **kwargs: object) -> None:
        self.response: httpx.Response | None = None
        self.thread = threading.Thread(target=self._run, args=(client, path, kwargs), daemon=True)
        self.thread.start()

    def _run(self, client: TestClient, path: str, kwargs: dict[str, object]) -> None:
        self.response = client.post(path, **kwargs)  # type: ignore[arg-type]

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()

    def result(self) -> httpx.Response:
        self.thread.join(WAIT)
        assert self.response is not None
        return self.response


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def pool(data_dir: Path) -> Iterator[EnginePool]:
    with _pool(data_dir) as p:
        yield p


@pytest.fixture(scope="module")
def pooled(engine: Engine, pool: EnginePool) -> TestClient:
    return _client(engine, pool)


def test_errors_and_link_results_pickle() -> None:
    err = IngestError(Code.E101, "the text is empty", source="cv.txt", field="cvs")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is IngestError and back.info() == err.info() and str(back) == str(err)
    # /link's answer (its linker takes seconds to load in a worker: checked here, not over HTTP)
    result = LinkResult("sociala medier", [LinkedConcept("http://data.europa.eu/esco/skill/x", "x", 0.5)])
    assert pickle.loads(pickle.dumps(result)) == result


def test_small_request_answers_while_a_long_one_runs(pooled: TestClient, tmp_path: Path) -> None:
    slow = Background(pooled, "/api/v1/review", json={"text": slow_text(tmp_path), "lang": "en"})
    _wait_for(tmp_path / "started")
    small = pooled.post("/api/v1/review", json={"text": AD_EN})
    assert small.status_code == 200, small.text
    assert not slow.done, "the small review waited for the long one"
    (tmp_path / "release").touch()
    assert slow.result().status_code == 200


def test_a_small_rank_answers_while_a_long_one_runs(pooled: TestClient, tmp_path: Path) -> None:
    """Ranking runs in a worker (the slow role only waits in a worker's SlowEngine): another rank answers."""
    slow_role = json.dumps({"title": f"SLOW {tmp_path} x", "weights": {"community": 1}})
    files = as_files(demo_cvs(3))
    slow = Background(pooled, "/api/v1/rank", files=files, data={"role": slow_role})
    _wait_for(tmp_path / "started")
    small = pooled.post("/api/v1/rank", files=files)
    assert small.status_code == 200, small.text
    assert not slow.done, "the small rank waited for the long one"
    (tmp_path / "release").touch()
    assert slow.result().status_code == 200


def test_pooled_answers_are_the_lock_modes(engine: Engine, pooled: TestClient) -> None:
    direct = client_for(engine)
    files = as_files(demo_cvs(4))
    for path, kwargs in [
        ("/api/v1/rank", {"files": files, "data": {"top": "3"}}),
        ("/api/v1/review", {"json": {"text": AD_EN}}),
        ("/api/v1/extract", {"json": {"text": AD_EN}}),
        ("/api/v1/team", {"files": files, "data": {"size": "2"}}),
        ("/api/v1/interview", {"files": as_files(demo_cvs(1), "cv"), "data": {"ad": AD_EN}}),
        ("/api/v1/role", {"data": {"ad": AD_EN}}),
        ("/api/v1/audit", {"data": {"synthetic": "16", "top": "4"}}),
    ]:
        a, b = direct.post(path, **kwargs), pooled.post(path, **kwargs)  # type: ignore[arg-type]
        assert (a.status_code, a.json()) == (b.status_code, b.json()), path
    assert direct.get("/api/v1/areas").json() == pooled.get("/api/v1/areas").json()
    bad = pooled.post("/api/v1/rank", files=[("cvs", ("empty.txt", b""))])
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E101"  # an IngestError came back
    assert pooled.post("/api/v1/review", json={"text": "   "}).json()["error"]["code"] == "E101"


def test_pages_use_the_pool(pooled: TestClient) -> None:
    page = pooled.get("/review")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = pooled.post("/review", data={"text": AD_EN, "csrf_token": token})
    assert r.status_code == 200 and "Requires social media competence" in r.text


def test_time_limit_answers_504_and_the_pool_recovers(engine: Engine, data_dir: Path, tmp_path: Path) -> None:
    with _pool(data_dir, workers=1, timeout=1.0) as pool:
        client = _client(engine, pool)
        r = client.post("/api/v1/review", json={"text": slow_text(tmp_path), "lang": "en"})
        assert r.status_code == 504, r.text
        assert r.json()["error"]["code"] == "E601" and set(r.json()["error"]) == {
            "code",
            "kind",
            "message",
            "source",
            "field",
        }
        pid = int((tmp_path / "started").read_text())
        assert not _alive(pid), "the timed-out worker still runs"
        assert pool.replaced == 1
        pool.config = replace(pool.config, timeout=WAIT)  # the successor may take a while to start here
        again = client.post("/api/v1/review", json={"text": AD_EN})
        assert again.status_code == 200, again.text
        assert pool.pids() and pid not in pool.pids()


def test_full_queue_answers_503(engine: Engine, data_dir: Path, tmp_path: Path) -> None:
    with _pool(data_dir, workers=1, queue=0) as pool:
        client = _client(engine, pool)
        slow = Background(client, "/api/v1/review", json={"text": slow_text(tmp_path), "lang": "en"})
        _wait_for(tmp_path / "started")
        r = client.post("/api/v1/review", json={"text": AD_EN})
        assert r.status_code == 503 and r.json()["error"]["code"] == "E600"
        assert r.headers["retry-after"] == "1"
        assert not slow.done
        (tmp_path / "release").touch()
        assert slow.result().status_code == 200


def test_big_requests_leave_a_worker_for_small_ones(pool: EnginePool, tmp_path: Path) -> None:
    slow = document_from_text(slow_text(tmp_path), source="slow", kind="ad", lang="en")
    small = document_from_text(AD_EN, source="small", kind="ad", lang="en")
    end = time.monotonic() + WAIT
    big = threading.Thread(
        target=pool.call, args=("review", (slow,), {}), kwargs={"deadline": end, "big": True}
    )
    big.start()
    _wait_for(tmp_path / "started")
    with pytest.raises(KompetensError) as refused:  # the other worker is kept for small requests
        pool.call("review", (small,), {}, deadline=time.monotonic() + 0.2, big=True)
    assert refused.value.code == Code.E600
    assert isinstance(pool.call("review", (small,), {}, deadline=end), Review)
    assert big.is_alive()
    (tmp_path / "release").touch()
    big.join(WAIT)


def test_waiting_requests_are_served_in_order(data_dir: Path, tmp_path: Path) -> None:
    with _pool(data_dir, workers=1) as pool:
        slow = document_from_text(slow_text(tmp_path), source="slow", kind="ad", lang="en")
        end = time.monotonic() + WAIT
        holder = threading.Thread(target=pool.call, args=("review", (slow,), {}), kwargs={"deadline": end})
        holder.start()
        _wait_for(tmp_path / "started")
        served: list[int] = []

        def small(i: int) -> None:
            doc = document_from_text(f"{AD_EN}\n{i}", source=str(i), kind="ad", lang="en")
            pool.call("review", (doc,), {}, deadline=end)
            served.append(i)

        callers = []
        for i in range(4):
            callers.append(threading.Thread(target=small, args=(i,)))
            callers[-1].start()
            while len(pool._line) < i + 1:  # in line before the next one comes
                time.sleep(0.005)
        (tmp_path / "release").touch()
        for t in [holder, *callers]:
            t.join(WAIT)
        assert served == [0, 1, 2, 3]


def test_stored_work_stays_in_the_server_process(tmp_path: Path) -> None:
    """Candidates and rankings are written by the server's Engine (its store); computing goes to the pool."""
    engine = Engine(tmp_path)
    engine.accounts.add_user("rec@a.example", org="Org A", role="recruiter")
    auth = {"Authorization": f"Bearer {engine.accounts.issue_token('rec@a.example').token}"}
    with _pool(tmp_path, workers=1) as pool:
        client = _client(engine, pool)
        r = client.post("/api/v1/candidates", files=as_files(demo_cvs(2)), headers=auth)
        assert r.status_code == 201, r.text
        ids = [c["id"] for c in r.json()]
        assert [c["id"] for c in client.get("/api/v1/candidates", headers=auth).json()] == ids
        ranking = client.post("/api/v1/rankings", json={"candidates": ids}, headers=auth)
        assert ranking.status_code == 201, ranking.text
        assert client.post("/api/v1/review", json={"text": AD_EN}, headers=auth).status_code == 200


def test_stored_work_past_its_deadline_stores_nothing(tmp_path: Path) -> None:
    """Adding candidates, ranking stored ones and a recorded /rank profile and score in a worker under the
    deadline and write in the server process only after: stopped at the deadline (E601), none of it is kept."""
    engine = Engine(tmp_path / "data")
    engine.accounts.add_user("rec@a.example", org="Org A", role="recruiter")
    org = engine.accounts.user("rec@a.example").org_id
    auth = {"Authorization": f"Bearer {engine.accounts.issue_token('rec@a.example').token}"}
    slow_role = {"title": f"SLOW {tmp_path} x", "weights": {"community": 1}}
    with _pool(tmp_path / "data", workers=1) as pool:
        client = _client(engine, pool)
        kept = client.post("/api/v1/candidates", files=as_files(demo_cvs(2)), headers=auth)
        assert kept.status_code == 201, kept.text
        before = engine.events(org)
        pool.config = replace(pool.config, timeout=1.0)
        for path, kwargs in [
            (
                "/api/v1/candidates",
                {"files": [*as_files(demo_cvs(1)), ("cvs", ("x.txt", slow_text(tmp_path).encode()))]},
            ),
            ("/api/v1/rankings", {"json": {"role": slow_role}}),
            ("/api/v1/rank", {"files": as_files(demo_cvs(2)), "data": {"role": json.dumps(slow_role)}}),
        ]:
            (tmp_path / "started").unlink(missing_ok=True)
            r = client.post(path, headers=auth, **kwargs)  # type: ignore[arg-type]
            assert r.status_code == 504 and r.json()["error"]["code"] == "E601", (path, r.text)
            assert (tmp_path / "started").exists(), path  # it did reach the slow part
            pool.config = replace(pool.config, timeout=WAIT)  # the successor may take a while to start
            listed = client.get("/api/v1/candidates", headers=auth).json()
            assert [c["id"] for c in listed] == [c["id"] for c in kept.json()], path
            ready = client.post("/api/v1/review", json={"text": AD_EN}, headers=auth)  # the successor is up
            assert ready.status_code == 200, ready.text
            pool.config = replace(pool.config, timeout=1.0)
        written = [e.event for e in engine.events(org)[len(before) :]]
        assert not {"candidate.add", "ranking.create"} & set(written), written
        assert pool.replaced == 3


def test_a_background_rank_runs_in_the_pool(engine: Engine, pooled: TestClient) -> None:
    files = as_files(demo_cvs(12))  # two chunks
    started = pooled.post("/api/v1/rank?background=true", files=files)
    assert started.status_code == 202, started.text
    end = time.monotonic() + WAIT
    while (job := pooled.get(started.headers["location"]).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < end, "the job never ended"
        time.sleep(0.05)
    assert job["status"] == "done", job
    assert job["result"] == client_for(engine).post("/api/v1/rank", files=files).json()


def test_progress_crosses_the_pipe(pool: EnginePool) -> None:
    seen: list[tuple[int, int]] = []
    answer = pool.call(
        "count_up",
        (3,),
        {"progress": PROGRESS},
        deadline=time.monotonic() + WAIT,
        on_progress=lambda *values: seen.append(values),
    )
    assert answer == 3 and seen == [(1, 0), (2, 0), (3, 0)]


def test_a_market_job_runs_in_the_pool(engine: Engine, pooled: TestClient) -> None:
    ads = sorted((ROOT / "tests" / "data" / "ads").glob("*.txt"))[:6]
    started = pooled.post("/api/v1/market", files=as_files(ads, "ads"))
    assert started.status_code == 202, started.text
    end = time.monotonic() + WAIT
    while (job := pooled.get(started.headers["location"]).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < end, "the job never ended"
        time.sleep(0.05)
    assert job["status"] == "done", job
    assert job["progress"] == {"done": 6, "total": 6, "unit": "ads"} and job["result"]["ads"] == 6


def test_an_audit_of_uploads_with_a_groups_file_runs_in_the_pool(pooled: TestClient) -> None:
    # read_groups(data, name=...): a call's keyword named "name" once clashed with the method's name
    cvs = demo_cvs(4)
    groups = {p.name: {"sex": "female" if i < 2 else "male"} for i, p in enumerate(cvs)}
    files = [*as_files(cvs), ("groups", ("groups.json", json.dumps(groups).encode()))]
    r = pooled.post("/api/v1/audit", files=files, data={"top": "2"})
    assert r.status_code == 200, r.text
    assert r.json()["candidates"] == 4
