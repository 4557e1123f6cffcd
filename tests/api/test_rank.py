"""POST /rank, /team, /interview, /role (multipart uploads) and /link: thin over the Engine's methods."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kompetens.engine import Engine
from kompetens.errors import KompetensError
from kompetens.match import default_role, load_role
from kompetens.models import AREA_IDS
from kompetens.taxonomy import taxonomy_path
from tests.match.support import MANAGER_AD, PRESCHOOL_AD

from .support import AD_SV, DEMO_ROLES, as_files, demo_cvs

N_CVS = 6
RANK_KEYS = {"candidate", "rank", "score", "areas", "evidence", "gaps"}
ROLE_JSON = {"title": "Community manager", "weights": {"community": 1.0, "customer_service": 0.6}}


@pytest.fixture(scope="module")
def cvs() -> list[Path]:
    return demo_cvs(N_CVS)


def _rank(client: TestClient, cvs: list[Path], **data: str) -> list[dict[str, Any]]:
    r = client.post("/api/v1/rank", files=as_files(cvs), data=data)
    assert r.status_code == 200, r.text
    body: list[dict[str, Any]] = r.json()
    return body


def _role(client: TestClient, files: list[Any] | None = None, **data: str) -> dict[str, Any]:
    r = client.post("/api/v1/role", files=files or [], data=data)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_rank_with_the_default_role(client: TestClient, engine: Engine, cvs: list[Path]) -> None:
    ranking = _rank(client, cvs)  # the contract's list, as `kompetens rank --json` prints it
    assert [r["rank"] for r in ranking] == list(range(1, len(cvs) + 1))
    assert {r["candidate"] for r in ranking} == {p.name for p in cvs}
    assert all(set(r) >= RANK_KEYS and set(r["areas"]) == set(AREA_IDS) for r in ranking)
    # The same scores as the engine gives the same files read from disk.
    docs = [d for d in engine.read(cvs, kind="cv") if not isinstance(d, KompetensError)]
    direct = {Path(r.candidate).name: round(r.score, 2) for r in engine.rank(default_role(), docs)}
    assert {r["candidate"]: r["score"] for r in ranking} == direct


def test_top_keeps_the_best(client: TestClient, cvs: list[Path]) -> None:
    full = _rank(client, cvs)
    top = _rank(client, cvs, top="2")
    assert top == full[:2]


def test_unreadable_upload_is_reported_and_the_rest_ranked(client: TestClient, cvs: list[Path]) -> None:
    files = [*as_files(cvs[:2]), ("cvs", ("photo.exe", b"MZ\x90\x00")), ("cvs", ("empty.txt", b""))]
    body = client.post("/api/v1/rank", files=files).json()
    assert [r["rank"] for r in body[:2]] == [1, 2]  # the ranked first, then the failed, as the CLI prints
    failed = {f["source"]: f["error"]["code"] for f in body[2:]}
    assert failed == {"photo.exe": "E108", "empty.txt": "E101"}
    assert all(set(f) == {"source", "error"} for f in body[2:])


def test_no_readable_cv_is_an_error_not_an_empty_ranking(client: TestClient) -> None:
    files = [("cvs", ("photo.exe", b"MZ\x90\x00")), ("cvs", ("empty.txt", b""))]
    reply = client.post("/api/v1/rank", files=files)
    assert reply.status_code == 422  # was 200 with no ranked candidate
    body = reply.json()
    assert body["error"]["code"] == "E108"
    assert {f["source"]: f["error"]["code"] for f in body["failed"]} == {
        "photo.exe": "E108",
        "empty.txt": "E101",
    }


@pytest.mark.parametrize(
    ("data", "title"),
    [
        ({"role": json.dumps(ROLE_JSON)}, ROLE_JSON["title"]),
        ({}, default_role().title),
    ],
)
def test_role_choice(client: TestClient, data: dict[str, str], title: str) -> None:
    role = _role(client, **data)
    assert role["title"] == title
    assert set(role["weights"]) == set(AREA_IDS)


def test_the_role_is_the_one_rank_scores_for(client: TestClient, cvs: list[Path]) -> None:
    role = _role(client, role=json.dumps(ROLE_JSON))
    assert role.pop("source") == "role"  # the rest can be posted back as the role
    assert _rank(client, cvs, role=json.dumps(role)) == _rank(client, cvs, role=json.dumps(ROLE_JSON))


def test_role_from_ad_text(client: TestClient) -> None:
    role = _role(client, ad=AD_SV)
    assert role["description"] == "derived from a job ad"
    assert role["weights"]["platform_technology"] > 0
    # titled as every interface titles a role from an ad (Engine.role_from_ad): the ad's title line
    assert role["title"] == AD_SV.splitlines()[0]


@pytest.mark.parametrize("path", sorted(DEMO_ROLES.iterdir()), ids=lambda p: p.name)
def test_role_file(client: TestClient, cvs: list[Path], path: Path) -> None:
    files = [*as_files(cvs), ("role_file", (path.name, path.read_bytes()))]
    r = client.post("/api/v1/rank", files=files)
    assert r.status_code == 200, r.text
    role = _role(client, files=[("role_file", (path.name, path.read_bytes()))])
    assert role["title"] == load_role(path).title
    assert role["source"] == path.name


def test_ad_file_as_role(client: TestClient) -> None:
    role = _role(client, files=[("role_file", ("annons.txt", AD_SV.encode()))])
    assert role["description"] == "derived from a job ad"


@pytest.mark.parametrize(
    ("data", "status", "code", "field"),
    [
        ({"role": json.dumps(ROLE_JSON), "ad": AD_SV}, 422, "E301", "role"),
        ({"role": "{not json"}, 422, "E107", "role"),
        ({"role": json.dumps({"title": "X", "weights": {"communit": 1}})}, 422, "E300", "weights.communit"),
        ({"role": json.dumps({"title": "X"})}, 422, "E300", "weights"),
        ({"top": "0"}, 422, "E301", "top"),
    ],
)
def test_rank_errors(
    client: TestClient, cvs: list[Path], data: dict[str, str], status: int, code: str, field: str
) -> None:
    r = client.post("/api/v1/rank", files=as_files(cvs[:1]), data=data)
    assert r.status_code == status
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["field"] == field


def test_invalid_role_file_names_the_upload(client: TestClient, cvs: list[Path]) -> None:
    files = [*as_files(cvs[:1]), ("role_file", ("roll.yaml", b"title: X\nweights: {strategy: -1}\n"))]
    error = client.post("/api/v1/rank", files=files).json()["error"]
    assert (error["code"], error["source"], error["field"]) == ("E300", "roll.yaml", "weights.strategy")


def test_rank_needs_files(client: TestClient) -> None:
    r = client.post("/api/v1/rank", data={"ad": AD_SV})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "cvs"


@pytest.mark.parametrize("size", [1, 2, 3])
def test_team(client: TestClient, cvs: list[Path], size: int) -> None:
    r = client.post("/api/v1/team", files=as_files(cvs), data={"size": str(size)})
    assert r.status_code == 200, r.text
    team = r.json()  # `kompetens team --json`'s object
    assert team["failed"] == []
    assert len(team["members"]) == size
    assert set(team["members"]) <= {p.name for p in cvs}
    assert set(team["coverage"]) == set(AREA_IDS)
    assert 0 <= team["score"] <= 100
    assert team["size"] == size and team["notes"] == []


def test_a_team_of_more_than_the_cvs_given_says_so(client: TestClient, cvs: list[Path]) -> None:
    """A user test's finding 24 (stop 36): size=5 with 2 CVs silently answered a team of 2."""
    r = client.post("/api/v1/team", files=as_files(cvs[:2]), data={"size": "5"})
    assert r.status_code == 200, r.text
    team = r.json()
    assert len(team["members"]) == 2 and team["size"] == 5
    assert len(team["notes"]) == 1 and "a team of 5" in team["notes"][0] and "2 CVs" in team["notes"][0]


def test_interview_json_and_markdown(client: TestClient, cvs: list[Path]) -> None:
    files = as_files(cvs[:1], field="cv")
    kit = client.post("/api/v1/interview", files=files).json()
    assert kit["candidate"] == cvs[0].name
    assert kit["role"] == default_role().title
    md = client.post("/api/v1/interview?format=markdown", files=files)
    assert md.status_code == 200
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text == kit["markdown"]
    langs = {
        lang: client.post("/api/v1/interview", files=files, data={"lang": lang}).json()["markdown"]
        for lang in ("sv", "en")
    }
    assert langs["sv"] != langs["en"]  # the kit in the language asked for, as `interview --lang`


def test_interview_for_an_ad_outside_the_field(client: TestClient, cvs: list[Path]) -> None:
    files = as_files(cvs[:1], field="cv")
    kit = client.post("/api/v1/interview", files=files, data={"ad": PRESCHOOL_AD, "lang": "sv"}).json()
    assert kit["social_media"] is False and kit["sections"] == []
    assert kit["note"].startswith("Annonsen efterfrågar inte kompetens inom sociala medier")
    md = client.post("/api/v1/interview?format=markdown", files=files, data={"ad": MANAGER_AD, "lang": "en"})
    assert md.text.splitlines()[2].startswith("> **Note:** This ad does not ask for social-media competence.")
    role = _role(client, ad=MANAGER_AD)
    assert role["social_media"] is False and role["ad_areas"]
    kit = client.post("/api/v1/interview", files=files, data={"ad": MANAGER_AD}).json()
    assert {s["area"] for s in kit["sections"]} <= set(role["ad_areas"])
    assert _role(client)["social_media"] is True  # the built-in role: its kits are as before


def test_interview_of_an_unreadable_file(client: TestClient) -> None:
    r = client.post("/api/v1/interview", files=[("cv", ("cv.exe", b"MZ"))])
    assert r.status_code == 422
    assert (r.json()["error"]["code"], r.json()["error"]["source"]) == ("E108", "cv.exe")


def test_link(client: TestClient, engine: Engine) -> None:
    r = client.post("/api/v1/link", json={"texts": ["community management", "sökmotoroptimering"], "top": 3})
    if not taxonomy_path(engine.data_dir).is_file():
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "E200"
        return
    assert r.status_code == 200
    body = r.json()
    assert [b["input"] for b in body] == ["community management", "sökmotoroptimering"]
    for item in body:
        assert len(item["candidates"]) <= 3
        scores = [c["score"] for c in item["candidates"]]
        assert scores == sorted(scores, reverse=True)


def test_link_fuses_a_skill_sentence_with_its_phrases_unless_asked_not_to(
    client: TestClient, engine: Engine
) -> None:
    if not taxonomy_path(engine.data_dir).is_file():
        pytest.skip("needs the taxonomy (kompetens setup)")
    sentence = "You will plan our campaigns and write press releases for the national media."
    short = "write press releases"

    def top(**extra: object) -> list[list[dict[str, object]]]:
        r = client.post("/api/v1/link", json={"texts": [sentence, short], "top": 5, **extra})
        assert r.status_code == 200
        phrases = [item["phrases"] for item in r.json()]
        assert not phrases[1] and bool(phrases[0]) is (extra.get("spans") is not False)  # which scale: said
        return [item["candidates"] for item in r.json()]

    (fused, phrase), (plain, phrase_plain) = top(), top(spans=False)
    assert phrase == phrase_plain  # a phrase of a few words is linked as it is
    assert fused != plain
    # fusion scores (1/(k + rank) sums, under 1.5) against the linker's fused scores
    assert max(float(c["score"]) for c in fused) < 1.5 < max(float(c["score"]) for c in plain)  # type: ignore[arg-type]
    assert "press releases" in str(fused[0]["label"]).lower() or "press" in str(fused[1]["label"]).lower()
    occupations = client.post("/api/v1/link", json={"texts": [sentence], "kind": "occupation"}).json()
    assert (
        occupations
        == client.post(
            "/api/v1/link", json={"texts": [sentence], "kind": "occupation", "spans": False}
        ).json()
    )  # occupations are not fused: the tagger finds skills


def test_rank_thorough_gives_matched_and_missing_skills(client: TestClient, cvs: list[Path]) -> None:
    plain = _rank(client, cvs[:3], ad=AD_SV)
    thorough = _rank(client, cvs[:3], ad=AD_SV, thorough="true")
    assert [r["candidate"] for r in thorough] == [r["candidate"] for r in plain]
    as_query = client.post("/api/v1/rank?thorough=true", files=as_files(cvs[:3]), data={"ad": AD_SV}).json()
    assert as_query == thorough  # ?thorough=true, beside ?background=, is the form field's
    for r in thorough:
        assert isinstance(r["matched_skills"], list) and isinstance(r["missing_skills"], list)
        assert r["matched_skills"] or r["missing_skills"]  # the ad's skills, set against the CV's
        assert all(m["evidence"] for m in r["matched_skills"])


def test_link_confidence_and_cut_off(client: TestClient, engine: Engine) -> None:
    if not taxonomy_path(engine.data_dir).is_file():
        pytest.skip("needs the taxonomy (kompetens setup)")
    texts = ["sociala medier", "Instagram", "analysera onlinetrafik"]
    r = client.post("/api/v1/link", json={"texts": texts, "top": 3})
    assert r.status_code == 200
    items = r.json()
    best = [item["candidates"][0]["confidence"] for item in items]
    assert any(x is not None for x in best)
    lower = [c["confidence"] for item in items for c in item["candidates"][1:]]
    assert any(x is not None for x in lower)  # the 2nd and 3rd concepts have their own curve (stop 35)
    assert all(0.05 <= x <= 0.95 for x in [*best, *lower] if x is not None)
    sure = max(x for x in best if x is not None)
    cut = client.post("/api/v1/link", json={"texts": texts, "top": 3, "min_confidence": sure}).json()
    assert cut == [
        {
            **item,
            "candidates": [
                c for c in item["candidates"] if c["confidence"] is not None and c["confidence"] >= sure
            ],
        }
        for item in items
    ]
    assert sum(len(item["candidates"]) for item in cut) >= 1
