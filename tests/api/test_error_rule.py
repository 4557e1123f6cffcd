"""The one rule of error statuses and ``field`` (docs/api.md "Errors"), walked over every operation of the
OpenAPI document: a request body that cannot be parsed is 400 (E107); every other input that cannot be used is
422; ``field`` names the field at fault as the operation documents it, without where it is sent (``limit``,
not ``query.limit``; ``candidates``, not ``body.candidates``).

A new user's finding: ``{"role_id", "ad_id"}`` was 400 E301 and ``{"candidates": []}`` 422 E301; a query
parameter's field was ``query.limit`` and a body's ``candidates``; E510's kind said "not ranked yet" for a
candidate ranked elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app
from kompetens.engine import Engine
from kompetens.errors import Code

from .support import TEST_HOSTS

LOCATIONS = ("body.", "query.", "path.", "form.", "header.", "cookie.")
BAD_VALUES: dict[str, Any] = {
    "integer": "not-a-number",
    "number": "not-a-number",
    "boolean": "not-a-boolean",
}
"""A query or form value each type refuses (a string goes through any string parameter)."""
WRONG_JSON: dict[str, Any] = {
    "string": {"not": "a string"},
    "integer": "not-a-number",
    "number": "not-a-number",
    "boolean": {"not": "a boolean"},
    "array": 7,
    "object": 7,
}
"""A JSON value each JSON type refuses."""


@dataclass
class Operation:
    method: str
    path: str
    names: set[str]
    """Every name the operation documents: path and query parameters, JSON or form keys."""
    query: dict[str, dict[str, Any]] = field(default_factory=dict)
    json_body: dict[str, Any] | None = None
    form: dict[str, Any] | None = None

    def url(self, query: dict[str, str] | None = None) -> str:
        url = self.path
        for name in self.names:
            url = url.replace("{" + name + "}", "x")
        return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    engine = Engine(Path(tmp_path_factory.mktemp("error-rule")))
    engine.accounts.add_user("admin@rule.example", org="Regelbolaget", role="admin")
    token = engine.accounts.issue_token("admin@rule.example").token
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    yield client, {"Authorization": f"Bearer {token}"}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str | None:
    """The one JSON type a property takes besides null; None for a union or anything."""
    schema = _resolve(schema, components)
    if "type" in schema:
        return str(schema["type"])
    types = [_resolve(s, components).get("type") for s in schema.get("anyOf", [])]
    real = [t for t in types if t != "null"]
    return str(real[0]) if len(real) == 1 and None not in real else None


def operations(schema: dict[str, Any]) -> list[Operation]:
    components = schema["components"]["schemas"]
    found: list[Operation] = []
    for path, methods in schema["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method, op in methods.items():
            params = op.get("parameters", [])
            names = {p["name"] for p in params}
            query = {p["name"]: p for p in params if p["in"] == "query"}
            content = op.get("requestBody", {}).get("content", {})
            json_body = form = None
            if "application/json" in content:
                json_body = _resolve(content["application/json"]["schema"], components)
            if "multipart/form-data" in content:
                form = _resolve(content["multipart/form-data"]["schema"], components)
            for body in (json_body, form):
                names |= set((body or {}).get("properties", {}))
            found.append(Operation(method, path, names, query, json_body, form))
    return found


def assert_the_rule(op: Operation, r: httpx.Response, what: str) -> dict[str, Any]:
    """400 only for a body that cannot be parsed (E107 JSON, E114 multipart); every other input that cannot be used is 422; a
    ``field`` is a name the operation documents (its first part: ``candidates.0``, ``weights.x`` of a role),
    never prefixed by its location."""
    where = f"{op.method.upper()} {op.path} {what}: {r.status_code} {r.text[:300]}"
    error: dict[str, Any] = r.json()["error"]
    if r.status_code == 400:
        assert error["code"] in (Code.E107.name, Code.E114.name), where
    else:
        assert r.status_code == 422, where
    name = error["field"]
    if name is not None:
        assert not name.startswith(LOCATIONS), where
        top = name.split(".")[0]
        role_field = error["code"] == Code.E300.name  # a role's own field: its source names the request's
        assert top in op.names or (role_field and error["source"] in op.names), where
    return error


def test_every_query_parameter_of_a_wrong_type_is_422_naming_it(
    admin: tuple[TestClient, dict[str, str]],
) -> None:
    client, auth = admin
    checked = 0
    for op in operations(client.app.openapi()):  # type: ignore[attr-defined]
        components = client.app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
        for name, param in op.query.items():
            kind = _type(param["schema"], components)
            enum = _resolve(param["schema"], components).get("enum")
            bad = "no-such-value" if enum else BAD_VALUES.get(kind or "")
            if bad is None:
                continue
            r = client.request(op.method.upper(), op.url({name: bad}), headers=auth)
            error = assert_the_rule(op, r, f"?{name}={bad}")
            assert error["code"] == Code.E301.name
            if op.json_body is None and op.form is None:  # nothing else to be at fault
                assert error["field"] == name, (op.path, error)
            checked += 1
    assert checked >= 10, checked  # limit, offset, format, background, thorough, version...


def test_every_json_body_is_400_unparsed_and_422_invalid(admin: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = admin
    components = client.app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
    bodies = keys = 0
    for op in operations(client.app.openapi()):  # type: ignore[attr-defined]
        if op.json_body is None:
            continue
        bodies += 1
        url = op.url()
        broken = client.request(
            op.method.upper(), url, content=b'{"x": ', headers={**auth, "content-type": "application/json"}
        )
        assert (broken.status_code, broken.json()["error"]["code"]) == (400, "E107"), (op.path, broken.text)
        # stop 38 (an ATS developer's hunt): a JSON route sent text/plain said pydantic's "Input should be a
        # valid dictionary or object to extract fields from"; it says the route takes JSON
        plain = client.request(
            op.method.upper(),
            url,
            content="Vi söker en kommunikatör".encode(),
            headers={**auth, "content-type": "text/plain"},
        )
        said = plain.json()["error"]
        assert plain.status_code == 422 and said["code"] == "E301", (op.path, plain.text)
        assert "takes a JSON body (Content-Type: application/json)" in said["message"], (op.path, said)
        required = op.json_body.get("required", [])
        if required:
            error = assert_the_rule(op, client.request(op.method.upper(), url, json={}, headers=auth), "{}")
            assert error["code"] == Code.E301.name and error["field"] in required, (op.path, error)
        for name, prop in op.json_body.get("properties", {}).items():
            wrong = WRONG_JSON.get(_type(prop, components) or "")
            if wrong is None:
                continue
            r = client.request(op.method.upper(), url, json={name: wrong}, headers=auth)
            error = assert_the_rule(op, r, f"{{{name!r}: {wrong!r}}}")
            assert error["code"] == Code.E301.name
            keys += 1
    assert bodies >= 8 and keys >= 15, (bodies, keys)


def test_every_form_is_422_naming_a_missing_or_wrong_field(admin: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = admin
    components = client.app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
    forms = 0
    for op in operations(client.app.openapi()):  # type: ignore[attr-defined]
        if op.form is None:
            continue
        forms += 1
        url = op.url()
        files = [("no_such_field", ("x.txt", b"x"))]  # multipart, without a single field it takes
        # a multipart body that cannot be parsed (no boundary): 400 with its own code, not "HTTP400"
        broken = client.request(
            op.method.upper(), url, content=b"x", headers={**auth, "content-type": "multipart/form-data"}
        )
        error = assert_the_rule(op, broken, "a multipart body without a boundary")
        assert (broken.status_code, error["code"]) == (400, Code.E114.name), (op.path, error)
        required = op.form.get("required", [])
        if required:
            r = client.request(op.method.upper(), url, files=files, headers=auth)
            error = assert_the_rule(op, r, "a form of no known field")
            assert error["code"] == Code.E301.name and error["field"] in required, (op.path, error)
        # a part the operation takes, so that a wrong value is what is at fault (an unknown part is E301 too)
        file_field = next(
            (n for n, p in op.form.get("properties", {}).items() if _is_file(p, components)), None
        )
        known = [(file_field, ("x.txt", b"x"))] if file_field else files
        for name, prop in op.form.get("properties", {}).items():
            bad = BAD_VALUES.get(_type(prop, components) or "")
            if bad is not None:
                r = client.request(op.method.upper(), url, files=known, data={name: bad}, headers=auth)
                assert_the_rule(op, r, f"{name}={bad}")
    assert forms >= 8, forms


def _is_file(prop: dict[str, Any], components: dict[str, Any]) -> bool:
    """Whether a form property is a file (or a list of files)."""
    for schema in [prop, *prop.get("anyOf", [])]:
        schema = _resolve(schema, components)
        if "contentMediaType" in schema or "contentMediaType" in schema.get("items", {}):
            return True
    return False


def test_every_form_refuses_a_part_it_does_not_take(admin: tuple[TestClient, dict[str, str]]) -> None:
    """A bug hunt, hJ: a multipart part the operation does not take was dropped, so ``role_fil`` (for
    ``role_file``) ranked for the built-in role; now 422, E301, ``field`` the part's name, as a JSON key."""
    client, auth = admin
    components = client.app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
    forms = 0
    for op in operations(client.app.openapi()):  # type: ignore[attr-defined]
        if op.form is None:
            continue
        forms += 1
        properties = op.form.get("properties", {})
        files = [
            (n, ("x.txt", b"x")) for n in op.form.get("required", []) if _is_file(properties[n], components)
        ]
        if not files:  # a file part the operation takes, so that the body is multipart
            files = [(next(n for n, p in properties.items() if _is_file(p, components)), ("x.txt", b"x"))]
        data = {n: "1" for n in op.form.get("required", []) if not _is_file(properties[n], components)}
        data["role_fil"] = "x"
        r = client.request(op.method.upper(), op.url(), files=files, data=data, headers=auth)
        where = f"{op.method.upper()} {op.path}: {r.status_code} {r.text[:300]}"
        assert r.status_code == 422, where
        error = r.json()["error"]
        assert (error["code"], error["field"]) == (Code.E301.name, "role_fil"), where
        assert "role_fil" in error["message"], where
    assert forms >= 8, forms


RULE_CASES: list[tuple[str, str, dict[str, Any], str, str]] = [
    # method, path, request keywords, code, field: refusals the routes' own code makes, not the schema's
    ("post", "/api/v1/rankings", {"json": {"role_id": "r", "ad_id": "a"}}, "E301", "ad_id"),
    ("post", "/api/v1/rankings", {"json": {"candidates": []}}, "E301", "candidates"),
    ("post", "/api/v1/rankings", {"json": {"role": {"title": "X", "weights": {"communit": 1}}}}, "E300", ""),
    ("post", "/api/v1/users", {"json": {"email": "bo@rule.example", "role": "boss"}}, "E500", ""),
    ("post", "/api/v1/users", {"json": {"email": "no email", "role": "recruiter"}}, "E301", "email"),
    ("put", "/api/v1/retention", {"json": {"days": 0}}, "E301", "days"),
    (
        "post",
        "/api/v1/audit",
        {"data": {"synthetic": "200"}, "files": [("groups", ("g.csv", b"x"))]},
        "E301",
        "",
    ),
    (
        "post",
        "/api/v1/review/file",
        {"data": {"text": "Vi söker"}, "files": [("ad_file", ("a.txt", b"x"))]},
        "E301",
        "ad_file",
    ),
    ("post", "/api/v1/link", {"json": {"texts": ["SEO"], "top": 0}}, "E301", "top"),
    ("get", "/api/v1/events?since=2026-13-45", {}, "E301", "since"),
]


@pytest.mark.parametrize(("method", "path", "request_kw", "code", "named"), RULE_CASES)
def test_refusals_of_the_routes_own_code_keep_the_rule(
    admin: tuple[TestClient, dict[str, str]],
    method: str,
    path: str,
    request_kw: dict[str, Any],
    code: str,
    named: str,
) -> None:
    client, auth = admin
    op = next(
        o
        for o in operations(client.app.openapi())  # type: ignore[attr-defined]
        if o.path == path.split("?")[0] and o.method == method
    )
    error = assert_the_rule(op, client.request(method.upper(), path, headers=auth, **request_kw), code)
    assert error["code"] == code, error
    if named:
        assert error["field"] == named, error


def test_not_found_names_the_path_parameter(admin: tuple[TestClient, dict[str, str]]) -> None:
    """The store names a missing object ``id``; the API names it as the route takes it."""
    client, auth = admin
    for path, name in [
        ("/api/v1/candidates/x", "cid"),
        ("/api/v1/candidates/x/explanation", "cid"),
        ("/api/v1/rankings/x", "rid"),
        ("/api/v1/roles/x", "role_id"),
        ("/api/v1/ads/x", "ad_id"),
        ("/api/v1/jobs/x", "jid"),
    ]:
        error = client.get(path, headers=auth).json()["error"]
        assert error["field"] == name, (path, error)


def test_a_multipart_route_sent_json_says_it_takes_a_form(admin: tuple[TestClient, dict[str, str]]) -> None:
    """A bug hunt, hJ: JSON (or a file's bytes as the body) posted to ``/candidates``, ``/rank``... answered
    "cvs: Field required" alone; a form to a JSON route says it takes JSON. Now every multipart operation
    with a required field says it takes a multipart form, and its file field."""
    client, auth = admin
    checked = 0
    for op in operations(client.app.openapi()):  # type: ignore[attr-defined]
        if op.form is None or not op.form.get("required"):
            continue
        for kw in (
            {"json": {"text": "Fiktivt CV"}},
            {"content": b"x", "headers": {"content-type": "text/plain"}},
        ):
            headers = {**auth, **kw.pop("headers", {})}  # type: ignore[dict-item]
            r = client.request(op.method.upper(), op.url(), headers=headers, **kw)  # type: ignore[arg-type]
            error = assert_the_rule(op, r, "a body that is no form")
            assert error["code"] == Code.E301.name, (op.path, error)
            assert "takes a multipart form (Content-Type: multipart/form-data" in error["message"], (
                op.path,
                error,
            )
            checked += 1
    r = client.post("/api/v1/candidates", json={"text": "Fiktivt CV"}, headers=auth)
    assert "its files as `cvs`); the body was sent as application/json" in r.json()["error"]["message"]
    assert checked >= 8, checked
