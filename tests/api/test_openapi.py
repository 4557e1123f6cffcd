"""The OpenAPI schema documents every API route, with request examples and the error shape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from kompetens.api import apidocs, jobs, stored, users
from kompetens.api.routes import public, router
from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError

from .support import client_for

EXPECTED = {
    ("get", "/api/v1/health"),
    ("get", "/api/v1/areas"),
    ("post", "/api/v1/extract"),
    ("post", "/api/v1/review"),
    ("post", "/api/v1/review/file"),
    ("post", "/api/v1/link"),
    ("post", "/api/v1/rank"),
    ("post", "/api/v1/team"),
    ("post", "/api/v1/interview"),
    ("post", "/api/v1/role"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/users"),
    ("post", "/api/v1/users"),
    ("delete", "/api/v1/users/{email}"),
    ("post", "/api/v1/tokens"),
    ("delete", "/api/v1/tokens/{token_id}"),
    ("post", "/api/v1/candidates"),
    ("get", "/api/v1/candidates"),
    ("get", "/api/v1/candidates/{cid}"),
    ("delete", "/api/v1/candidates/{cid}"),
    ("get", "/api/v1/candidates/{cid}/export"),
    ("get", "/api/v1/candidates/{cid}/file"),
    ("get", "/api/v1/candidates/{cid}/explanation"),
    ("post", "/api/v1/rankings"),
    ("get", "/api/v1/rankings"),
    ("get", "/api/v1/rankings/{rid}"),
    ("post", "/api/v1/rankings/{rid}/confirm"),
    ("get", "/api/v1/rankings/{rid}/candidates/{cid}/interview"),
    ("get", "/api/v1/rankings/{rid}/export"),
    ("post", "/api/v1/ads"),
    ("post", "/api/v1/ads/file"),
    ("get", "/api/v1/ads"),
    ("get", "/api/v1/ads/{ad_id}"),
    ("delete", "/api/v1/ads/{ad_id}"),
    ("post", "/api/v1/roles"),
    ("get", "/api/v1/roles"),
    ("get", "/api/v1/roles/{role_id}"),
    ("put", "/api/v1/roles/{role_id}"),
    ("delete", "/api/v1/roles/{role_id}"),
    ("get", "/api/v1/retention"),
    ("put", "/api/v1/retention"),
    ("get", "/api/v1/events"),
    ("post", "/api/v1/audit"),
    ("get", "/api/v1/jobs/{jid}"),
    ("get", "/api/v1/jobs/{jid}/report"),
    ("post", "/api/v1/market"),
}


@pytest.fixture(scope="module")
def schema(client: TestClient) -> dict[str, Any]:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    result: dict[str, Any] = r.json()
    return result


def _documented(schema: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m, p) for p, ops in schema["paths"].items() for m in ops}


def test_every_api_route_is_documented(schema: dict[str, Any]) -> None:
    every = [*public.routes, *router.routes, *users.router.routes, *stored.router.routes, *jobs.router.routes]
    routes = {(m.lower(), r.path) for r in every if isinstance(r, APIRoute) for m in r.methods}
    assert routes == EXPECTED
    assert _documented(schema) == EXPECTED, "web pages stay out of the API schema"


@pytest.mark.parametrize(("method", "path"), sorted(EXPECTED))
def test_operations_have_summaries_and_error_responses(
    schema: dict[str, Any], method: str, path: str
) -> None:
    op = schema["paths"][path][method]
    assert op.get("summary")
    assert "200" in op["responses"] or "201" in op["responses"] or "202" in op["responses"]
    if method == "post":
        for status in ("400", "413", "422"):
            shape = op["responses"][status]["content"]["application/json"]["schema"]
            refs = [s["$ref"] for s in shape.get("anyOf", [shape])]  # ErrorResponse, or one of a few
            assert any(ref.endswith("/ErrorResponse") for ref in refs), (status, refs)


def test_link_documents_the_confidence_and_its_cut_off(schema: dict[str, Any]) -> None:
    models = schema["components"]["schemas"]
    confidence = models["LinkedConcept"]["properties"]["confidence"]
    assert {s.get("type") for s in confidence["anyOf"]} == {"number", "null"} and confidence["description"]
    cut = models["LinkRequest"]["properties"]["min_confidence"]
    assert "min_confidence" not in models["LinkRequest"].get("required", []) and cut["description"]


@pytest.mark.parametrize("model", ["ExtractRequest", "ReviewRequest", "LinkRequest"])
def test_request_models_have_examples(schema: dict[str, Any], model: str) -> None:
    props = schema["components"]["schemas"][model]["properties"]
    assert any(p.get("examples") for p in props.values())


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/rank",
        "/api/v1/team",
        "/api/v1/interview",
        "/api/v1/role",
        "/api/v1/audit",
        "/api/v1/market",
        "/api/v1/review/file",
        "/api/v1/ads/file",
    ],
)
def test_uploads_are_multipart(schema: dict[str, Any], path: str) -> None:
    assert "multipart/form-data" in schema["paths"][path]["post"]["requestBody"]["content"]


@pytest.mark.parametrize(
    ("path", "twin"), [("/api/v1/review", "/api/v1/review/file"), ("/api/v1/ads", "/api/v1/ads/file")]
)
def test_ad_routes_take_json_and_their_twins_an_ad_file(schema: dict[str, Any], path: str, twin: str) -> None:
    """The JSON routes keep their JSON body; their multipart twins take the ad's file or its text."""
    assert set(schema["paths"][path]["post"]["requestBody"]["content"]) == {"application/json"}
    (form,) = schema["paths"][twin]["post"]["requestBody"]["content"].values()
    ref = form["schema"]["$ref"].rsplit("/", 1)[1]
    fields = schema["components"]["schemas"][ref]["properties"]
    assert set(fields) == {"ad_file", "text", "title", "lang"}
    assert fields["ad_file"]["anyOf"][0]["contentMediaType"] == "application/octet-stream"


LOADED = re.compile(r"""(?:\bsrc|\bhref|spec-url)="([^"]+)"|\burl: '([^']+)'""")
"""What a page loads: scripts, stylesheets and icons, and the schema Swagger UI (url:) or ReDoc (spec-url) reads."""


def _loaded_urls(html: str) -> list[str]:
    return [a or b for a, b in LOADED.findall(html)]


def test_api_reference_loads_nothing_from_elsewhere(client: TestClient) -> None:
    """/docs loads its assets from this server (FastAPI's default took them from a CDN, and the page stayed
    blank offline): every URL it loads is a path here, and each answers, cacheable. /redoc is off (ReDoc
    loads its logo from a CDN)."""
    r = client.get("/docs")
    assert r.status_code == 200
    urls = _loaded_urls(r.text)
    assert "/openapi.json" in urls and "/static/apidocs/swagger-ui-bundle.js" in urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        got = client.get(url)
        assert got.status_code == 200, url
        if url.startswith("/static/"):
            assert "no-store" not in got.headers.get("cache-control", ""), url
    assert client.get("/redoc").status_code == 404


def test_api_reference_under_a_root_path(engine: Engine) -> None:
    """Behind `serve --root-path /kompetens` the page loads the schema and the assets under the prefix."""
    client = TestClient(client_for(engine).app, root_path="/kompetens")  # uvicorn puts the prefix in the path
    urls = _loaded_urls(client.get("/kompetens/docs").text)
    assert "/kompetens/openapi.json" in urls and "/kompetens/static/apidocs/swagger-ui.css" in urls
    assert all(client.get(url).status_code == 200 for url in urls), urls


def test_missing_assets_are_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apidocs, "ASSETS_PACKAGE", "kompetens_no_such_package")
    with pytest.raises(KompetensError) as e:
        apidocs.assets_dir()
    assert e.value.code is Code.E302 and "fastapi-offline" in e.value.message


def test_docs_cover_every_route(schema: dict[str, Any]) -> None:
    """docs/api.md names every endpoint with its method, and shows a curl example for each."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    for method, path in _documented(schema):
        assert f"`{method.upper()} {path}`" in docs
        assert f"$API{path.removeprefix('/api/v1')}" in docs, f"no curl example for {path}"


def test_background_jobs_are_documented(schema: dict[str, Any]) -> None:
    rank = schema["paths"]["/api/v1/rank"]["post"]
    assert rank["responses"]["202"]["content"]["application/json"]["schema"]["$ref"].endswith("/JobView")
    assert any(p["name"] == "background" for p in rank["parameters"])
    job = schema["paths"]["/api/v1/jobs/{jid}"]["get"]
    assert job["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/JobView")
    assert job["responses"]["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert job["security"] == [{"HTTPBearer": []}]


def test_every_moment_is_declared_a_date_time(schema: dict[str, Any]) -> None:
    """Stored moments and a job's start answer ISO 8601 with the offset, and say so (``schema.Time``)."""
    declared = {
        (name, key): prop
        for name, model in schema["components"]["schemas"].items()
        for key, prop in model.get("properties", {}).items()
        if key in ("created", "time")
    }
    assert {
        ("StoredAd", "created"),
        ("Decision", "created"),
        ("Confirmation", "time"),
        ("JobView", "created"),
    } <= set(declared)
    assert all(prop.get("format") == "date-time" for prop in declared.values()), declared


def test_bearer_security_is_documented(schema: dict[str, Any]) -> None:
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert schema["paths"]["/api/v1/areas"]["get"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in schema["paths"]["/api/v1/health"]["get"]
    assert "401" in schema["paths"]["/api/v1/rank"]["post"]["responses"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/api/v1/rankings/{rid}/confirm", "409"),  # E507: confirmed already
        ("get", "/api/v1/candidates/{cid}/explanation", "409"),  # E510: in no ranking yet
        ("get", "/api/v1/rankings/{rid}/candidates/{cid}/interview", "409"),  # E510: not in the ranking
        ("get", "/api/v1/rankings/{rid}/candidates/{cid}/interview", "404"),  # E505: erased; E506
        ("get", "/api/v1/jobs/{jid}", "403"),  # E504: a ranking's job, to a hiring manager
        ("post", "/api/v1/rankings", "503"),  # the engine's workers run stored work too
        ("post", "/api/v1/candidates", "504"),
        ("post", "/api/v1/candidates", "409"),  # every file held already (E514): none stored
    ],
)
def test_the_statuses_routes_answer_are_documented(
    schema: dict[str, Any], method: str, path: str, status: str
) -> None:
    """What a new user's bug hunt saw answered and the schema did not list."""
    assert status in schema["paths"][path][method]["responses"]
