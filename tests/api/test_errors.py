"""Errors: one JSON shape and fitting status codes; no request text in responses or logs."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app
from kompetens.engine import Engine

from .support import AD_SV, TEST_HOSTS, client_for, csrf

ERROR_KEYS = {"code", "kind", "message", "source", "field"}
SECRET = "Testa Testsson, född 1990-01-01, testa@example.invalid"

CASES: list[tuple[str, str, Any, int, str, str | None]] = [
    # method, path, JSON body, status, code, field
    ("post", "/api/v1/extract", {"text": ""}, 422, "E101", None),
    ("post", "/api/v1/extract", {"text": " \n\t "}, 422, "E101", None),
    ("post", "/api/v1/review", {"text": ""}, 422, "E101", None),
    ("post", "/api/v1/extract", {}, 422, "E301", "text"),
    ("post", "/api/v1/extract", {"text": "SEO", "kind": "poem"}, 422, "E301", "kind"),
    ("post", "/api/v1/extract", {"text": "SEO", "lang": "fi"}, 422, "E109", "lang"),
    ("post", "/api/v1/extract", {"text": 42}, 422, "E301", "text"),
    ("post", "/api/v1/link", {"texts": []}, 422, "E301", "texts"),
    ("post", "/api/v1/link", {"texts": ["SEO"], "top": 0}, 422, "E301", "top"),
    ("post", "/api/v1/link", {"texts": ["SEO"], "min_confidence": 1.5}, 422, "E301", "min_confidence"),
    ("get", "/api/v1/no-such-thing", None, 404, "HTTP404", None),
    ("get", "/api/v1/extract", None, 405, "HTTP405", None),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "code", "field"), CASES)
def test_error_shape(
    client: TestClient, method: str, path: str, body: Any, status: int, code: str, field: str | None
) -> None:
    r = client.request(method.upper(), path, json=body)
    assert r.status_code == status
    error = r.json()["error"]
    assert set(error) == ERROR_KEYS
    assert error["code"] == code
    assert error["field"] == field
    assert error["message"]


def test_malformed_json_is_400(client: TestClient) -> None:
    r = client.post("/api/v1/extract", content=b'{"text": ', headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "E107"


@pytest.mark.parametrize("body", [{"text": ["a list", SECRET]}, {"text": SECRET, "kind": SECRET}])
def test_validation_errors_do_not_echo_the_input(client: TestClient, body: dict[str, Any]) -> None:
    r = client.post("/api/v1/extract", json=body)
    assert r.status_code == 422
    assert "Testsson" not in r.text


def test_no_request_text_in_logs(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    client = client_for(engine)
    with caplog.at_level(logging.DEBUG):
        client.post("/api/v1/extract", json={"text": f"{SECRET}. {AD_SV}", "kind": "cv"})
        client.post("/api/v1/review", json={"text": f"{SECRET}. {AD_SV}"})
        client.post("/api/v1/extract", json={"text": SECRET, "lang": "fi"})
        client.post(
            "/api/v1/rank", files=[("cvs", ("cv.txt", f"{SECRET}\nSEO".encode()))], data={"role": "["}
        )
    assert caplog.records, "the test must see the app's log records to mean anything"
    assert "Testsson" not in caplog.text


def test_internal_errors_are_json_without_details(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError(SECRET)

    client = client_for(engine)
    monkeypatch.setattr(client.app.state.engine, "extract", broken)  # type: ignore[attr-defined]
    with caplog.at_level(logging.ERROR):
        r = client.post("/api/v1/extract", json={"text": AD_SV})
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "E000"
    assert "Testsson" not in r.text
    # the log says where it was raised (file, line, function), never the message
    assert "RuntimeError on POST /api/v1/extract at test_errors.py:" in caplog.text
    assert "in broken" in caplog.text
    assert "Testsson" not in caplog.text


def test_cors_is_off_by_default(client: TestClient, engine: Engine) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/v1/areas", headers=origin).headers
    allowed = client_for(engine, cors=("http://elsewhere.example",))
    got = allowed.get("/api/v1/areas", headers=origin).headers
    assert got["access-control-allow-origin"] == "http://elsewhere.example"
    # a browser client may read a list's total and a kept ranking's record (stop 38, an ATS hunt)
    exposed = {h.strip().lower() for h in got["access-control-expose-headers"].split(",")}
    assert {"x-total-count", "kompetens-ranking", "location"} <= exposed


def test_an_internal_error_never_reaches_the_server_whole(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Starlette answers 500 and then raises the exception again for the server, which logs it whole
    # (message and source lines); a TestClient that raises server exceptions shows whether it still does
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError(SECRET)

    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS))  # raise_server_exceptions=True
    monkeypatch.setattr(client.app.state.engine, "extract", broken)  # type: ignore[attr-defined]
    r = client.post("/api/v1/extract", json={"text": AD_SV})
    assert r.status_code == 500 and r.json()["error"]["code"] == "E000"
    monkeypatch.setattr(client.app.state.engine, "review", broken)  # type: ignore[attr-defined]
    page = client.post("/review", data={"text": AD_SV, "csrf_token": csrf(client)})
    assert page.status_code == 500 and "<html" in page.text.lower() and "Testsson" not in page.text


@pytest.mark.parametrize("path", ["/api/v1/extract", "/api/v1/review", "/api/v1/link"])
def test_text_that_is_not_unicode_is_a_user_error(client: TestClient, path: str) -> None:
    key = (
        '"texts": ["Kundtjänst \\ud800 Instagram"]'
        if path.endswith("link")
        else '"text": "Kundtjänst \\ud800 Instagram"'
    )
    body = "{" + key + "}"  # the key each operation takes: another is 422 E301 (finding 12, hK)
    r = client.post(path, content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code in (400, 422), r.text
    assert r.json()["error"]["code"] == "E102" and "surrogate" in r.json()["error"]["message"]


def test_a_json_body_not_in_utf8_is_e107(client: TestClient) -> None:
    body = '{"text": "Kundtjänst och Instagram"}'.encode("latin-1")
    r = client.post("/api/v1/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E107", r.text


@pytest.mark.parametrize(
    ("path", "body", "key"),
    [
        ("/api/v1/review", {"text": AD_SV, "rport_lang": "sv"}, "rport_lang"),
        ("/api/v1/extract", {"text": AD_SV, "knd": "ad"}, "knd"),
        ("/api/v1/link", {"texts": ["SEO"], "tpo": 3}, "tpo"),
        ("/api/v1/rankings", {"adid": "x"}, "adid"),
    ],
)
def test_a_key_the_operation_does_not_take_is_422(client: TestClient, path: str, body: Any, key: str) -> None:
    """A bug hunt (hK, finding 12): ``POST /api/v1/rankings`` with ``"ad"`` (it takes ``ad_id``) or ``"adid"``
    kept a decision record for the built-in role, and other misspelt keys were ignored as silently."""
    r = client.post(path, json=body)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert (error["code"], error["field"]) == ("E301", key)
