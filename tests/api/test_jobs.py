"""Background jobs: a /rank of many CVs answers 202 at once and is followed at /api/v1/jobs/{id} and the page
/jobs/{id}; its answer is the synchronous route's; a job is its organisation's only; the queue is bounded.
Waiting for a job polls its status (bounded by WAIT, never reached): the checks are on what it answers."""

from __future__ import annotations

import csv
import io
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app, routes
from kompetens.api.jobs import Job, Jobs
from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError

from .support import ROOT, TEST_HOSTS, Elements, as_files, client_for, csrf, demo_cvs

WAIT = 120.0


def _finished(client: TestClient, location: str, **kwargs: Any) -> dict[str, Any]:
    end = time.monotonic() + WAIT
    while True:
        r = client.get(location, **kwargs)
        assert r.status_code == 200, r.text
        if r.json()["status"] in ("done", "failed"):
            return dict(r.json())
        assert time.monotonic() < end, "the job never ended"
        time.sleep(0.05)


def test_a_background_rank_answers_what_the_route_answers(engine: Engine) -> None:
    client = client_for(engine)
    files = [*as_files(demo_cvs(10)), ("cvs", ("empty.txt", b""))]
    started = client.post("/api/v1/rank?background=true", files=files, data={"top": "7"})
    assert started.status_code == 202, started.text
    job = started.json()
    assert started.headers["location"] == f"/api/v1/jobs/{job['id']}" == job["links"]["self"]
    assert job["kind"] == "rank" and job["status"] in ("queued", "running", "done")
    assert job["progress"]["total"] == 11
    done = _finished(client, started.headers["location"])
    assert done["status"] == "done" and done["progress"] == {"done": 11, "total": 11, "unit": "cvs"}
    direct = client.post("/api/v1/rank", files=files, data={"top": "7"})
    assert direct.status_code == 200
    assert done["result"] == direct.json()  # the same scores, order and failed item
    assert done["result"][-1]["error"]["code"] == "E101" and done["ranking"] is None


def test_many_cvs_go_to_the_background(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "BACKGROUND_FILES", 2)
    client = client_for(engine)
    files = as_files(demo_cvs(3))
    started = client.post("/api/v1/rank", files=files)
    assert started.status_code == 202
    assert _finished(client, started.headers["location"])["status"] == "done"  # no job left running
    assert client.post("/api/v1/rank?background=false", files=files).status_code == 200
    assert client.post("/api/v1/rank", files=files[:2]).status_code == 200


def test_jobs_belong_to_their_organisation(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    tokens = {}
    for email, org in [("rec@a.example", "Org A"), ("rec@b.example", "Org B")]:
        engine.accounts.add_user(email, org=org, role="recruiter")
        tokens[org] = {"Authorization": f"Bearer {engine.accounts.issue_token(email).token}"}
    client = client_for(engine)
    started = client.post("/api/v1/rank?background=1", files=as_files(demo_cvs(3)), headers=tokens["Org A"])
    assert started.status_code == 202, started.text
    done = _finished(client, started.headers["location"], headers=tokens["Org A"])
    assert done["status"] == "done" and done["ranking"]
    assert done["links"]["ranking"] == f"/api/v1/rankings/{done['ranking']}"
    record = client.get(done["links"]["ranking"], headers=tokens["Org A"]).json()
    assert [i["score"] for i in record["items"]] == [i["score"] for i in done["result"]]
    assert len(client.get("/api/v1/candidates", headers=tokens["Org A"]).json()) == 3  # kept, as /rank does
    for r in [
        client.get(started.headers["location"], headers=tokens["Org B"]),
        client.get("/api/v1/jobs/no-such-job", headers=tokens["Org A"]),
    ]:
        assert r.status_code == 404 and r.json()["error"]["code"] == "E604"
    assert client.get(started.headers["location"]).status_code == 401
    page = client.get(f"/jobs/{done['id']}", follow_redirects=False)
    assert page.status_code == 303 and "/login" in page.headers["location"]  # the page wants a session


def test_an_erased_candidate_leaves_the_job_s_answer(tmp_path: Path) -> None:
    # erasure removes a candidate everywhere: the job the ranking ran in keeps it for an hour otherwise
    engine = Engine(tmp_path)
    engine.accounts.add_user("rec@a.example", org="Org A", role="recruiter")
    headers = {"Authorization": f"Bearer {engine.accounts.issue_token('rec@a.example').token}"}
    client = client_for(engine)
    cvs = demo_cvs(3)
    started = client.post("/api/v1/rank?background=1", files=as_files(cvs), headers=headers)
    done = _finished(client, started.headers["location"], headers=headers)
    assert {i["candidate"] for i in done["result"]} == {p.name for p in cvs}
    gone = next(
        c for c in client.get("/api/v1/candidates", headers=headers).json() if c["name"] == cvs[0].name
    )
    assert client.delete(f"/api/v1/candidates/{gone['id']}", headers=headers).status_code == 200
    after = client.get(started.headers["location"], headers=headers).json()
    assert {i["candidate"] for i in after["result"]} == {p.name for p in cvs[1:]}
    # the places left count those still held, as the ranking's record does (it started at 2 or 3)
    assert sorted(i["rank"] for i in after["result"]) == [1, 2] and after["erased"] == 1
    record = client.get(f"/api/v1/rankings/{after['ranking']}", headers=headers).json()
    assert [i["rank"] for i in record["items"]] == [1, 2] and record["erased"] == 1
    assert done["erased"] == 0
    assert cvs[0].name not in client.get(started.headers["location"], headers=headers).text
    # a hiring manager reads the stored ranking, not the job that holds the CVs' evidence
    engine.accounts.add_user("hm@a.example", org="Org A", role="hiring_manager")
    hm = {"Authorization": f"Bearer {engine.accounts.issue_token('hm@a.example').token}"}
    refused = client.get(started.headers["location"], headers=hm)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "E504"


def test_a_cv_stored_before_under_another_name_stays_in_the_job_s_answer(tmp_path: Path) -> None:
    """The record names the stored candidate; the job's answer keeps the upload's own name (a UI bug hunt
    found the job's best candidate missing)."""
    engine = Engine(tmp_path)
    engine.accounts.add_user("rec@a.example", org="Org A", role="recruiter")
    headers = {"Authorization": f"Bearer {engine.accounts.issue_token('rec@a.example').token}"}
    client = client_for(engine)
    first, other = demo_cvs(2)
    stored = client.post(
        "/api/v1/candidates", files=[("cvs", ("förra-namnet.md", first.read_bytes()))], headers=headers
    )
    assert stored.status_code == 201, stored.text
    files = [("cvs", ("nytt namn.md", first.read_bytes())), ("cvs", (other.name, other.read_bytes()))]
    started = client.post("/api/v1/rank?background=1", files=files, headers=headers)
    done = _finished(client, started.headers["location"], headers=headers)
    assert {i["candidate"] for i in done["result"]} == {"nytt namn.md", other.name}
    assert len(client.get("/api/v1/candidates", headers=headers).json()) == 2  # the same file kept once


def test_a_full_job_queue_answers_503(engine: Engine) -> None:
    app = create_app(engine, allowed_hosts=TEST_HOSTS)
    app.state.jobs = Jobs(active=0)
    client = TestClient(app, raise_server_exceptions=False)
    r = client.post("/api/v1/rank?background=true", files=as_files(demo_cvs(2)))
    assert r.status_code == 503 and r.json()["error"]["code"] == "E603"
    assert r.headers["retry-after"] == "5"


def test_progress_and_outcome_of_a_job() -> None:
    jobs = Jobs(runners=1)
    go, halfway = threading.Event(), threading.Event()

    def work(job: Job) -> None:
        job.done = 1
        job.result = ["answer"]  # set before the job is done (as a market job's work sets it)
        halfway.set()
        assert go.wait(WAIT)

    job = jobs.submit("rank", 7, 2, work)
    assert halfway.wait(WAIT)
    seen = jobs.get(job.id, 7).view()
    # a bug hunt: GET /jobs/{id} returned the full result while its status still said running
    assert (seen.status, seen.progress.done, seen.progress.total, seen.result) == ("running", 1, 2, None)
    assert seen.progress.unit == "cvs"
    with pytest.raises(KompetensError) as other:
        jobs.get(job.id, 8)
    assert other.value.code == Code.E604
    go.set()
    _ended(jobs, job)
    assert (job.status, job.done, job.result) == ("done", 2, ["answer"])

    def fails(job: Job) -> None:
        raise KompetensError(Code.E601, "the request ran past the time limit of 1 s")

    failed = jobs.submit("rank", 7, 3, fails)
    _ended(jobs, failed)
    assert failed.status == "failed" and failed.error is not None and failed.error.code == "E601"
    jobs.close()


def test_finished_jobs_expire_and_make_room() -> None:
    jobs = Jobs(limit=1, keep=3600)
    first = jobs.submit("rank", None, 1, lambda job: None)
    _ended(jobs, first)
    second = jobs.submit("rank", None, 1, lambda job: None)  # the finished first one makes room
    with pytest.raises(KompetensError):
        jobs.get(first.id, None)
    _ended(jobs, second)
    jobs.keep = 0.0
    time.sleep(0.01)  # so that "ended more than 0 s ago" holds: not a timing threshold
    with pytest.raises(KompetensError) as gone:
        jobs.get(second.id, None)
    assert gone.value.code == Code.E604
    jobs.close()


def _ended(jobs: Jobs, job: Job) -> None:
    end = time.monotonic() + WAIT
    while job.ended is None:
        assert time.monotonic() < end
        time.sleep(0.01)


def test_the_rank_page_runs_in_the_background(engine: Engine) -> None:
    client = client_for(engine)
    token = csrf(client, "/rank")
    r = client.post(
        "/rank",
        data={"role_source": "default", "background": "on", "csrf_token": token},
        files=as_files(demo_cvs(3)),
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/"), r.text
    jid = r.headers["location"].removeprefix("/jobs/")
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    job = _finished(client, f"/api/v1/jobs/{jid}")
    done = client.get(r.headers["location"])
    refresh = Elements(done.text).all("meta", **{"http-equiv": "refresh"})
    assert not refresh, "a finished job's page stops reloading"
    assert f"/jobs/{jid}/json" in [
        a.get("href") for a in Elements(done.text).all("a")
    ]  # a page route: no token
    assert all(item["candidate"] in done.text for item in job["result"])
    assert client.get("/jobs/no-such-job").status_code == 404


def test_a_market_job_measures_the_uploaded_ads(engine: Engine) -> None:
    client = client_for(engine)
    ads = sorted((ROOT / "tests" / "data" / "ads").glob("*.txt"))[:8]
    files = [*as_files(ads, "ads"), ("ads", ("empty.txt", b""))]
    started = client.post("/api/v1/market", files=files)
    assert started.status_code == 202, started.text
    # the total counts the files until the job has counted the ads, and says which it counts
    assert started.json()["kind"] == "market"
    assert started.json()["progress"] in (
        {"done": 0, "total": 9, "unit": "files"},
        {"done": 0, "total": 9, "unit": "ads"},  # already counted (9 files of one ad each)
    )
    done = _finished(client, started.headers["location"])
    assert done["status"] == "done", done
    assert done["progress"] == {"done": 9, "total": 9, "unit": "ads"}
    direct = engine.market(ads).to_dict()
    result = done["result"]
    for key in ("ads", "social_media_ads", "by_area", "by_lang", "flags"):
        assert result[key] == direct[key], key
    assert [f["source"] for f in result["failed"]] == ["empty.txt"]  # the upload's name, not a temporary path
    page = client.get(f"/jobs/{done['id']}")
    assert page.status_code == 200 and "Market run" in page.text
    assert client.post("/api/v1/market", files=[]).status_code in (400, 422)
    two = client.post("/api/v1/market", files=as_files(ads[:1], "ads"), data={"delimiter": "ab"})
    assert (
        two.status_code in (400, 422) and two.json()["error"]["code"] == "E301"
    )  # refused now, not by the job
    assert two.json()["error"]["field"] == "delimiter"  # null before (hunt hH, finding 11)
    french = client.post("/api/v1/market", files=as_files(ads[:1], "ads"), data={"lang": "fr"})
    assert french.status_code == 422 and french.json()["error"]["code"] == "E109"
    short = [
        ("ads", ("short.jsonl", b'{"headline": "S\xc3\xa4ljare", "description": {"text": "Ring oss."}}\n'))
    ]
    told = _finished(client, client.post("/api/v1/market", files=short).headers["location"])
    forced = _finished(
        client, client.post("/api/v1/market", files=short, data={"lang": "sv"}).headers["location"]
    )
    assert told["result"]["ads"] == 0 and told["result"]["failed"][0]["error"]["code"] == "E109"
    assert forced["result"]["ads"] == 1 and forced["result"]["by_lang"] == {"sv": 1}
    team = client.post(
        "/api/v1/team", files=[("cvs", ("tom.txt", b"")), ("cvs", ("gammal.doc", b"x"))], data={"size": "2"}
    )
    assert (
        team.status_code in (400, 422) and team.json()["error"]["source"] == "tom.txt"
    )  # which file, and why


def _bodies_csv(ads: list[Path]) -> str:
    """The ads' texts below their title lines as a CSV of id and text: no title to read."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text"])
    for i, ad in enumerate(ads):
        writer.writerow([i, ad.read_text(encoding="utf-8").split("\n\n", 1)[1]])
    return out.getvalue()


def test_the_market_page_starts_a_market_job(engine: Engine) -> None:
    client = client_for(engine)
    form = client.get("/market")
    assert form.status_code == 200
    assert [i.get("name") for i in Elements(form.text).all("input")] == ["csrf_token", "ads", "delimiter"]
    token = csrf(client, "/market")
    ads = sorted((ROOT / "tests" / "data" / "ads").glob("*.txt"))[:3]
    r = client.post("/market", data={"csrf_token": token}, files=as_files(ads, "ads"), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/"), r.text
    job = _finished(client, "/api/v1/jobs/" + r.headers["location"].removeprefix("/jobs/"))
    assert job["kind"] == "market" and job["result"]["ads"] == 3
    french = client.post("/market", data={"csrf_token": token, "lang": "fr"}, files=as_files(ads, "ads"))
    assert french.status_code == 422 and "unsupported language" in french.text
    done = client.get(r.headers["location"])
    assert "3 ads, of which" in done.text
    assert "Done: 3 inputs read: 3 ads measured." in done.text
    assert '<progress class="job"' in done.text
    as_json = client.get(r.headers["location"] + "/json")  # what the page links: no API token needed
    assert f'href="{r.headers["location"]}/json"' in done.text
    assert as_json.status_code == 200 and "attachment" in as_json.headers["content-disposition"]
    assert as_json.json()["result"] == job["result"]
    report = client.get(r.headers["location"] + "/report")
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert "<svg" in report.text
    # in Swedish: the page by ?lang= or the browser's Accept-Language, the report it links, the API's report
    swedish = client.get(r.headers["location"], headers={"Accept-Language": "sv-SE,sv;q=0.9,en;q=0.8"})
    assert (
        "Marknadskörning i bakgrunden" in swedish.text
        and "Klart: 3 indata lästa, 3 annonser mätta." in swedish.text
    )
    assert f'href="{r.headers["location"]}/report?lang=sv"' in swedish.text
    chosen = client.get(r.headers["location"] + "?lang=sv").text
    # the same page, its navigation carrying the choice (``?lang=sv``) to the next page
    assert chosen.replace("?lang=sv", "") == swedish.text.replace("?lang=sv", "") and chosen != swedish.text
    assert (
        "Market run in the background"
        in client.get(r.headers["location"], headers={"Accept-Language": "fr, en;q=0.5"}).text
    )
    in_swedish = client.get(r.headers["location"] + "/report?lang=sv")
    assert (
        in_swedish.status_code == 200 and '<html lang="sv">' in in_swedish.text and "<svg" in in_swedish.text
    )
    api = client.get(
        "/api/v1/jobs/" + r.headers["location"].removeprefix("/jobs/") + "/report?report_lang=sv"
    )
    assert api.status_code == 200 and api.text == in_swedish.text
    assert '<html lang="en">' in report.text
    # a CSV without a title column (the page names no columns): no ad is title-silent, and the page says why
    untitled = client.post(
        "/market",
        data={"csrf_token": token},
        files=[("ads", ("ads.csv", _bodies_csv(ads)))],
        follow_redirects=False,
    )
    result = _finished(client, "/api/v1/jobs/" + untitled.headers["location"].removeprefix("/jobs/"))[
        "result"
    ]
    assert result["ads"] == 3 and result["ads_without_title"] == 3
    assert result["social_media_ads_title_silent"] == 0 and result["share_title_silent"] is None
    assert "had no title read" in client.get(untitled.headers["location"]).text
    # no file: the form again, with the coded error tied to the field
    again = client.post("/market", data={"csrf_token": token}, files=[("ads", ("", b""))])
    assert again.status_code in (400, 422) and 'id="form-error"' in again.text
    assert 'aria-describedby="ads-help form-error"' in again.text
    # without the CSRF token: refused
    assert client.post("/market", files=as_files(ads, "ads")).status_code == 403


def test_the_market_job_page_says_what_was_read_twice_and_what_failed(engine: Engine) -> None:
    """A bug hunt: "Done: 675 ads measured." above "667 ads, of which 18...": the 675 counted failed lines and
    ads read twice. The page now says "675 inputs read: 667 ads measured, 4 read twice, 4 could not be read"."""
    client = client_for(engine)
    ads = sorted((ROOT / "tests" / "data" / "ads").glob("*.txt"))[:2]
    files = [*as_files(ads, "ads"), *as_files(ads[:1], "ads"), ("ads", ("empty.txt", b""))]
    started = client.post("/api/v1/market", files=files)
    done = _finished(client, started.headers["location"])
    result = done["result"]
    assert (result["ads_read"], result["ads"], result["errors"]) == (3, 2, 1)
    page = " ".join(client.get(f"/jobs/{done['id']}").text.split())
    assert "Done: 4 inputs read: 2 ads measured, 1 read twice (counted once), 1 could not be read." in page


def test_api_errors_name_fields_not_cli_options(engine: Engine) -> None:
    """A known leftover (stop 42): an API user read CLI options in messages: a CSV without a text column
    "name it with --text-col" (the API has no such field), a header in one column "(--delimiter)", an ad too
    short "(market --lang sv|en)", a synthetic audit's note "--synthetic 20: ...". Now the request's field."""
    from kompetens.api.messages import api_message

    client = client_for(engine)
    csv_bytes = "rubrik;brödtext\nSäljare;Vi söker en säljare\n".encode()
    started = client.post("/api/v1/market", files=[("ads", ("ads.csv", csv_bytes))], data={"delimiter": ","})
    done = _finished(client, started.headers["location"])
    short = [
        ("ads", ("short.jsonl", b'{"headline": "S\xc3\xa4ljare", "description": {"text": "Ring oss."}}\n'))
    ]
    told = _finished(client, client.post("/api/v1/market", files=short).headers["location"])
    plain = [("ads", ("ads.csv", "title,body\nSäljare,Vi söker en säljare\n".encode()))]
    untexted = _finished(client, client.post("/api/v1/market", files=plain).headers["location"])
    messages = [f["error"]["message"] for job in (done, told, untexted) for f in job["result"]["failed"]]
    assert len(messages) == 3, messages
    assert all("--" not in m for m in messages), messages
    assert "(the delimiter field)" in messages[0] and "(the lang field: sv or en)" in messages[1]
    assert "name that column 'text'" in messages[2]
    audit = client.post("/api/v1/audit", data={"synthetic": "20", "top": "4"})
    assert audit.status_code == 200, audit.text
    assert audit.json()["notes"][0].startswith("synthetic 20: 16 CVs"), audit.json()["notes"]
    assert api_message("did you mean --org 'Fiktiv byrå'? (matched exactly)") == (
        "did you mean org 'Fiktiv byrå'? (matched exactly)"
    )
    assert api_message("kind must be ad, cv or text (--kind)") == "kind must be ad, cv or text (kind)"
