"""Request size limits: 413 in the error shape, whether the size is declared or only streamed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kompetens.api import Limits
from kompetens.engine import Engine

from .support import client_for

LIMITS = Limits(max_body_bytes=2_000, max_upload_bytes=6_000, max_files=3)


@pytest.fixture(scope="module")
def small(engine: Engine) -> TestClient:
    return client_for(engine, limits=LIMITS)


def _chunks(total: int, size: int = 500) -> Iterator[bytes]:
    yield b'{"text": "'
    for _ in range(total // size):
        yield b"x" * size
    yield b'"}'


@pytest.mark.parametrize("path", ["/api/v1/extract", "/api/v1/review", "/api/v1/link"])
def test_declared_body_over_the_limit(small: TestClient, path: str) -> None:
    r = small.post(path, json={"text": "SEO " * 1_000, "texts": ["SEO"]})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "E111"
    assert "2,000" in r.json()["error"]["message"]


def test_streamed_body_over_the_limit(small: TestClient) -> None:
    r = small.post("/api/v1/extract", content=_chunks(5_000), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "E111"


def test_streamed_body_under_the_limit_passes(small: TestClient) -> None:
    r = small.post("/api/v1/extract", content=_chunks(1_000), headers={"content-type": "application/json"})
    assert r.status_code == 200


def test_upload_over_the_limit(small: TestClient) -> None:
    files = [("cvs", ("big.txt", b"Instagram och SEO\n" * 500))]
    r = small.post("/api/v1/rank", files=files)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "E103"


def test_too_many_files(small: TestClient) -> None:
    files = [("cvs", (f"cv{i}.txt", b"Instagram och SEO")) for i in range(LIMITS.max_files + 1)]
    r = small.post("/api/v1/rank", files=files)
    assert r.status_code == 422
    assert r.json()["error"] | {"message": ""} == {
        "code": "E301",
        "kind": "invalid option",
        "message": "",
        "source": None,
        "field": "cvs",
    }


def test_web_pages_answer_413_in_html(small: TestClient) -> None:
    r = small.post("/review", data={"text": "SEO " * 1_000})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("text/html")


def test_an_upload_under_the_limit_is_never_spooled_to_disk(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starlette spools a file part past 1 MB to a temporary file on disk; a CV of 1.5 MB reached $TMPDIR
    (hunt hH, finding 4). Every part under the upload limit stays in memory."""
    from tempfile import SpooledTemporaryFile

    import starlette.formparsers

    rolled: list[int] = []

    class Recording(SpooledTemporaryFile):  # type: ignore[type-arg]
        def rollover(self) -> None:
            rolled.append(self.tell())
            super().rollover()

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", Recording)
    big = ("Fiktiv Exempelsson skriver inlägg på Instagram.\n" * 32_000).encode()  # about 1.6 MB
    r = client.post(
        "/api/v1/review/file", files={"ad_file": ("annons.txt", big, "text/plain")}, data={"text": "x"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "E301"  # parsed, then refused: both given
    assert rolled == []


def test_more_files_than_the_parser_takes_is_422_not_malformed(engine: Engine) -> None:
    """A bug hunt, hJ: 1,001 CVs in one upload answered 400 E114 "the multipart body is not well-formed" (the
    multipart parser's own cap of 1,000 parts, met before the route's limit). The body is well-formed; it
    holds too many files: 422, E301, naming the file field and the limit."""
    client = client_for(engine)
    files = [("cvs", (f"cv{i}.txt", b"x")) for i in range(1_001)]
    for path in ("/api/v1/rank", "/api/v1/candidates"):
        r = client.post(path, files=files)
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert (error["code"], error["field"]) == ("E301", "cvs"), error
        assert "at most 200 files" in error["message"]
    r = client.post("/api/v1/market", files=[("ads", (f"a{i}.jsonl", b"{}")) for i in range(1_001)])
    assert r.status_code == 422 and r.json()["error"]["field"] == "ads", r.text
