"""GET /areas, GET /health and POST /extract: the engine's answers, passed through unchanged."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetens import __version__
from kompetens.engine import Engine
from kompetens.ingest import normalize_text
from kompetens.models import AREA_IDS
from kompetens.schema import to_jsonable
from kompetens.taxonomy.areas import AreaInfo

from .support import AD_EN, AD_SV

TEXTS = [
    (AD_SV, "ad"),
    (AD_EN, "ad"),
    ("Jag har drivit vår community på Discord och skrivit pressmeddelanden.", "cv"),
    ("Windows line ends\r\nwith SEO and Google Analytics\r\nand community management.", "text"),
    ("Decomposed accents: Kunde\u0301r, se\u0301o, sociala medier och Instagram.", "text"),
]

FRAGMENTS = [
    "Instagram",
    "sökmotoroptimering",
    "community management",
    "Google Analytics",
    "kundtjänst",
    " och ",
    "\r\n",
    "\u00ad",
    "e\u0301",
    "pressmeddelanden",
    "  ",
    "API",
    "strategi för sociala medier",
]


def test_health(client: TestClient) -> None:
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["version"] == __version__
    assert isinstance(body["taxonomy"], bool)


def test_areas_are_the_engines(client: TestClient, engine: Engine) -> None:
    r = client.get("/api/v1/areas")
    assert r.status_code == 200
    assert [a["id"] for a in r.json()] == list(AREA_IDS)
    assert r.json() == to_jsonable(engine.area_details(), list[AreaInfo])


@pytest.mark.parametrize(("text", "kind"), TEXTS)
def test_extract_matches_the_engine(client: TestClient, engine: Engine, text: str, kind: str) -> None:
    r = client.post("/api/v1/extract", json={"text": text, "kind": kind})
    assert r.status_code == 200
    body = r.json()
    expected = to_jsonable(engine.extract_text(text, kind=kind).extraction(engine.skill_labels))  # type: ignore[arg-type]
    assert isinstance(expected, dict)
    assert body == expected  # the text the offsets index too, as the CLI prints it
    assert body["kind"] == kind
    assert set(body["areas"]) == set(AREA_IDS)


def test_extract_spans_false_is_the_phrase_index_alone(client: TestClient, engine: Engine) -> None:
    text = "You have experience with Kubernetes and attention to detail."
    default = client.post("/api/v1/extract", json={"text": text, "kind": "ad"}).json()
    alone = client.post("/api/v1/extract", json={"text": text, "kind": "ad", "spans": False}).json()
    assert "span" in {m["method"] for m in default["mentions"]}
    assert "span" not in {m["method"] for m in alone["mentions"]}


@pytest.mark.parametrize(("text", "kind"), TEXTS)
def test_evidence_spans_index_the_returned_text(client: TestClient, text: str, kind: str) -> None:
    body = client.post("/api/v1/extract", json={"text": text, "kind": kind}).json()
    assert body["text"] == normalize_text(text)
    if body["text"] == text:
        assert body["mentions"], "each text names at least one competence"
    for m in body["mentions"]:
        assert body["text"][m["start"] : m["end"]] == m["text"]


def test_spans_index_the_posted_text_when_it_is_already_normal(client: TestClient) -> None:
    body = client.post("/api/v1/extract", json={"text": AD_SV, "kind": "ad"}).json()
    assert body["mentions"]
    for m in body["mentions"]:
        assert AD_SV[m["start"] : m["end"]] == m["text"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12))
def test_offsets_hold_for_any_text(client: TestClient, parts: list[str]) -> None:
    text = "Vi söker " + "".join(parts)
    body = client.post("/api/v1/extract", json={"text": text}).json()
    for m in body["mentions"]:
        assert 0 <= m["start"] < m["end"] <= len(body["text"])
        assert body["text"][m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize("lang", ["sv", "en", "SV"])
def test_lang_override(client: TestClient, lang: str) -> None:
    body = client.post("/api/v1/extract", json={"text": AD_SV, "lang": lang}).json()
    assert body["lang"] == lang.lower()


def test_title_is_kept(client: TestClient) -> None:
    body = client.post("/api/v1/extract", json={"text": AD_SV, "title": "  Kommunikatör "}).json()
    assert body["title"] == "Kommunikatör"
