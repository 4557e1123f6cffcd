"""A job ad sent as a file to the API: ``POST /api/v1/review/file`` and ``POST /api/v1/ads/file`` (multipart
twins of the JSON routes, as an ATS sends an ad), in each format ``Engine.read_ad`` reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app
from kompetens.engine import Engine
from kompetens.ingest.reader import EXTRACTORS
from kompetens.layout import ad_title
from kompetens.schema import to_jsonable

from .support import AD_FILE_TEXT, AD_FILE_TITLE, AD_SV, TEST_HOSTS, ad_files, csrf

ONE_AD_JSONL = (
    json.dumps({"headline": AD_FILE_TITLE, "description": {"text": AD_FILE_TEXT}}, ensure_ascii=False) + "\n"
).encode()


def every_format() -> dict[str, bytes]:
    """``ad_files`` and a JSON lines file holding one ad (read as that ad, as a .json is)."""
    return {**ad_files(), "ad.jsonl": ONE_AD_JSONL}


ANOTHER_AD = {"headline": "Andra annonsen", "description": {"text": "Vi söker en säljare till butiken."}}
BAD_FILES = [
    ("annons.pdf", b"%PDF-1.4 not really a PDF", "E104"),
    ("annons.doc", b"\xd0\xcf\x11\xe0 an old Word file", "E108"),
    ("annons.txt", b"", "E101"),
    ("annons.json", b"{not json", "E107"),
    ("annonser.jsonl", (json.dumps(ANOTHER_AD) + "\n" + json.dumps(ANOTHER_AD) + "\n").encode(), "E301"),
]


# -- POST /api/v1/review/file ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(every_format()))
def test_review_of_an_ad_file_is_the_engines_review_of_it(
    client: TestClient, engine: Engine, name: str
) -> None:
    data = every_format()[name]
    r = client.post("/api/v1/review/file", files={"ad_file": (name, data)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == to_jsonable(engine.review(engine.read_ad(name, data)))
    assert "Påhittade Paraplyer AB söker" in body["text"]
    assert body["source"].startswith(name) and body["lang"] == "sv"
    assert body["requires_social_media"] is True


def test_review_file_as_html_and_with_a_typed_title_and_language(client: TestClient, engine: Engine) -> None:
    name, data = "ad.docx", ad_files()["ad.docx"]
    r = client.post(
        "/api/v1/review/file?format=html",
        files={"ad_file": (name, data)},
        data={"title": "Min egen rubrik", "lang": "sv"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Min egen rubrik" in r.text and "Påhittade Paraplyer" in r.text
    body = client.post(
        "/api/v1/review/file", files={"ad_file": (name, data)}, data={"title": "Min egen rubrik"}
    ).json()
    assert body["title"] == "Min egen rubrik"


@pytest.mark.parametrize(("name", "data", "code"), BAD_FILES)
def test_a_bad_ad_file_is_a_coded_error_naming_it(
    client: TestClient, name: str, data: bytes, code: str
) -> None:
    r = client.post("/api/v1/review/file", files={"ad_file": (name, data)})
    assert 400 <= r.status_code < 500, r.text
    error = r.json()["error"]
    assert error["code"] == code
    assert error["source"] == name and error["field"] == "ad_file"


def test_text_and_file_together_are_refused_and_neither_is_empty(client: TestClient) -> None:
    r = client.post(
        "/api/v1/review/file", data={"text": AD_SV}, files={"ad_file": ("ad.txt", ad_files()["ad.txt"])}
    )
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "E301" and "ad.txt" in error["message"] and error["field"] == "ad_file"
    r = client.post("/api/v1/review/file", data={"title": "Bara en rubrik"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E101"


def test_the_text_alone_in_the_form_is_reviewed_as_the_json_route_does(client: TestClient) -> None:
    form = client.post("/api/v1/review/file", data={"text": AD_SV, "lang": "sv"})
    body = client.post("/api/v1/review", json={"text": AD_SV, "lang": "sv"})
    assert form.status_code == body.status_code == 200
    assert form.json() == body.json()


# -- POST /api/v1/ads/file ---------------------------------------------------------------------------


@pytest.fixture
def open_server(tmp_path: Path) -> tuple[TestClient, Engine]:
    """A server with no users (open; its ads are the default organisation's) over an empty data folder."""
    engine = Engine(tmp_path)
    return TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False), engine


@pytest.mark.parametrize("name", sorted(every_format()))
def test_an_ad_file_is_kept_as_its_text(open_server: tuple[TestClient, Engine], name: str) -> None:
    client, engine = open_server
    data = every_format()[name]
    r = client.post("/api/v1/ads/file", files={"ad_file": (name, data)})
    assert r.status_code == 201, r.text
    doc = engine.read_ad(name, data)
    (kept,) = engine.ads(engine.records.default_org())
    assert r.json()["id"] == kept.id
    assert kept.text == doc.text and "Påhittade Paraplyer AB söker" in kept.text
    # the file's own title, else the one review and the ranking read from the ad (layout.ad_title)
    assert kept.title == ad_title(doc.text, doc.lang, doc.title) and kept.title != name and kept.lang == "sv"
    assert kept.title and kept.title.startswith("Kommunikatör")


@pytest.mark.parametrize(("name", "data", "code"), BAD_FILES)
def test_a_bad_ad_file_is_named_and_nothing_is_kept(
    open_server: tuple[TestClient, Engine], name: str, data: bytes, code: str
) -> None:
    client, engine = open_server
    r = client.post("/api/v1/ads/file", files={"ad_file": (name, data)}, data={"title": "Rubrik"})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["error"]["code"] == code and r.json()["error"]["source"] == name
    r = client.post(
        "/api/v1/ads/file", data={"text": AD_SV}, files={"ad_file": ("ad.md", ad_files()["ad.md"])}
    )
    assert (
        r.status_code == 422
        and r.json()["error"]["code"] == "E301"
        and "ad.md" in r.json()["error"]["message"]
    )
    assert engine.ads(engine.records.default_org()) == []


# -- the web pages' file picker ----------------------------------------------------------------------


def test_the_pickers_accept_list_is_what_is_read(client: TestClient) -> None:
    """Every suffix the ad file picker offers is one the ingest reads, and each format an ad is read from
    (a one-ad .jsonl too) is offered."""
    r = client.get("/review")
    (accept,) = re.findall(r'id="ad_file"[^>]*accept="([^"]+)"', r.text)
    offered = set(accept.split(","))
    assert offered <= set(EXTRACTORS)
    assert {Path(name).suffix for name in every_format()} <= offered


def test_the_review_page_reads_a_one_ad_jsonl(client: TestClient) -> None:
    r = client.post(
        "/review",
        data={"csrf_token": csrf(client), "text": "", "title": "", "lang": ""},
        files={"ad_file": ("ad.jsonl", ONE_AD_JSONL)},
    )
    assert r.status_code == 200, r.text
    assert "Påhittade Paraplyer AB söker" in r.text and "Read from the file ad.jsonl" in r.text


@pytest.mark.parametrize("route", ["/api/v1/review", "/api/v1/ads"])
def test_a_file_posted_to_the_json_route_is_pointed_to_its_file_twin(
    open_server: tuple[TestClient, Engine], route: str
) -> None:
    client, _ = open_server
    r = client.post(route, files={"ad_file": ("ad.md", ad_files()["ad.md"])})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert (
        error["code"] == "E301" and f"send a file as multipart/form-data to {route}/file" in error["message"]
    )
    r = client.post(route, json={"txt": "no text field"})  # JSON that misses a field: no such hint
    assert r.status_code == 422 and "multipart" not in r.json()["error"]["message"]
