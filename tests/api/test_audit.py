"""POST /api/v1/audit: the `kompetens audit --json` object for uploads with a groups file, or a synthetic pool."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from kompetens.engine import Engine
from kompetens.match import default_role
from kompetens.schema import to_jsonable

from .support import as_files, demo_cvs


def test_audit_a_synthetic_pool(client: TestClient, engine: Engine) -> None:
    r = client.post("/api/v1/audit", data={"synthetic": "32", "seed": "2", "top": "8"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == to_jsonable(engine.audit_synthetic(default_role(), 32, seed=2, top=8))  # the CLI's JSON
    assert body["candidates"] == 32 and body["four_fifths_ok"] is True


def test_audit_uploads_with_a_groups_file(client: TestClient) -> None:
    cvs = demo_cvs(6)
    groups = {p.name: {"sex": "female" if i < 3 else "male", "age": 25 + 7 * i} for i, p in enumerate(cvs)}
    files = [*as_files(cvs), ("groups", ("groups.json", json.dumps(groups).encode()))]
    r = client.post("/api/v1/audit", files=files, data={"top": "2"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["pool"] == "uploads" and body["candidates"] == 6 and body["ungrouped"] == []
    sex = next(x for x in body["results"] if x["category"] == "sex" and x["measure"] == "selection_rate")
    assert sum(g["hits"] for g in sex["groups"]) == 2


def test_audit_errors(client: TestClient) -> None:
    cvs = as_files(demo_cvs(2))
    both = client.post("/api/v1/audit", files=cvs, data={"synthetic": "16"})
    assert both.status_code == 422 and both.json()["error"]["code"] == "E301"
    no_groups = client.post("/api/v1/audit", files=cvs)
    assert no_groups.status_code == 422
    bad = client.post("/api/v1/audit", files=[*cvs, ("groups", ("g.csv", b"name,sex\na,f\n"))])
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E113"
    too_many = client.post("/api/v1/audit", data={"synthetic": "100000"})
    assert too_many.status_code == 422
