"""The job ads page (api/work_pages.py): an ad pasted or uploaded as a file, one or the other."""

from __future__ import annotations

import html
import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app
from kompetens.engine import Engine

from .support import AD_FILE_TITLE, TEST_HOSTS, Elements, ad_files, csrf

PASSWORD = "a long enough password"


@pytest.fixture
def signed_in(tmp_path: Path) -> tuple[TestClient, Engine, int]:
    """A hiring manager's browser (every role may keep ads), their engine and organisation."""
    engine = Engine(tmp_path)
    engine.accounts.add_user("hm@x.example", org="X", role="hiring_manager", password=PASSWORD)
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    data = {"csrf_token": csrf(client, "/login"), "email": "hm@x.example", "password": PASSWORD}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    return client, engine, engine.org_for(engine.accounts.user("hm@x.example"))


def _post(client: TestClient, data: dict[str, str], file: tuple[str, bytes] | None) -> httpx.Response:
    files = {"ad_file": file if file is not None else ("", b"")}  # a browser sends an unchosen field too
    return client.post(
        "/ads", data={"csrf_token": csrf(client, "/ads"), **data}, files=files, follow_redirects=False
    )


@pytest.mark.parametrize("name", sorted(ad_files()))
def test_an_ad_file_of_each_format_is_stored_as_its_text(
    signed_in: tuple[TestClient, Engine, int], name: str
) -> None:
    client, engine, org = signed_in
    data = ad_files()[name]
    r = _post(client, {"text": "", "title": "", "lang": ""}, (name, data))
    assert r.status_code == 303, r.text
    (kept,) = engine.ads(org)
    assert r.headers["location"] == f"/ads/{kept.id}?done=ad-added"
    doc = engine.read_ad(name, data)
    assert kept.text == doc.text and "Påhittade Paraplyer AB söker" in kept.text
    # the title the format names, else the one the layout reads: the ranking made from the ad says the same
    assert kept.lang == "sv" and kept.title == AD_FILE_TITLE == engine.role_from_ad(doc).title
    assert kept.title != name  # never the file's name: it is not the ad's


def test_a_typed_title_goes_before_the_files_and_pasting_still_works(
    signed_in: tuple[TestClient, Engine, int],
) -> None:
    client, engine, org = signed_in
    r = _post(client, {"text": "", "title": "Egen rubrik", "lang": "sv"}, ("ad.json", ad_files()["ad.json"]))
    assert r.status_code == 303
    pasted = "Vi söker en kommunikatör till Exempelbolaget AB som sköter Instagram och LinkedIn."
    r = _post(client, {"text": pasted, "title": "Inklistrad", "lang": ""}, None)
    assert r.status_code == 303
    assert [(a.title, a.text) for a in engine.ads(org)] == [
        ("Egen rubrik", engine.read_ad("ad.json", ad_files()["ad.json"]).text),
        ("Inklistrad", pasted),
    ]


def test_a_pasted_ad_without_a_title_is_named_as_its_ranking_names_it(
    signed_in: tuple[TestClient, Engine, int],
) -> None:
    client, engine, org = signed_in
    heading = "Kommunikatör med fokus på digitala kanaler – Exempelbolaget AB"
    prose = "Vi söker en kommunikatör som sköter Instagram och LinkedIn och följer upp resultaten."
    for text in (f"{heading}\n\n{prose}", prose):  # a title line; a first line that reads as no title
        assert _post(client, {"text": text, "title": "", "lang": ""}, None).status_code == 303
    named, unnamed = engine.ads(org)
    assert named.title == heading and unnamed.title == prose[:80]  # the first line (cut) when none is read
    r = client.get(f"/ads/{named.id}")
    assert f"<h1>{heading}</h1>" in r.text and "Untitled ad" not in client.get("/ads").text
    (shown,) = Elements(r.text).all("div", **{"class": "card ad"})
    assert shown.get("lang") == "sv"  # the ad's text marked with its language, as on the review page


@pytest.mark.parametrize(
    ("file", "text", "code", "status"),
    [
        (("annons.pdf", b"%PDF-1.4 not really a PDF"), "", "E104", 422),
        (("annons.png", b"\x89PNG\r\n\x1a\n"), "", "E108", 422),
        (("annons.txt", b"   \n"), "", "E101", 422),
        (("annons.txt", "Vi söker en kommunikatör.".encode()), "Inklistrad text", "E301", 422),
    ],
)
def test_a_bad_ad_file_is_named_nothing_is_stored_and_the_form_keeps_what_was_typed(
    signed_in: tuple[TestClient, Engine, int], file: tuple[str, bytes], text: str, code: str, status: int
) -> None:
    client, engine, org = signed_in
    r = _post(client, {"text": text, "title": "Min rubrik", "lang": "sv"}, file)
    assert r.status_code == status, r.text
    body = r.text
    (alert,) = re.findall(r'<div class="error" role="alert".*?</div>', body, re.DOTALL)
    assert file[0] in alert and f"Error {code}" in alert
    page = Elements(body)
    (control,) = page.all("input", id="ad_file")
    assert control.get("aria-invalid") == "true"
    assert (control.get("aria-describedby") or "").split() == ["ad-file-help", "form-error"]
    (title,) = page.all("input", id="title")
    assert title.get("value") == "Min rubrik"
    assert [o.get("value") for o in page.all("option") if "selected" in o] == ["sv"]
    assert f">{text}</textarea>" in body
    assert engine.ads(org) == []


def test_the_ad_forms_name_the_text_alike_and_the_cv_upload_says_what_it_takes(
    signed_in: tuple[TestClient, Engine, int],
) -> None:
    client, engine, _org = signed_in
    for path in ("/ads", "/review"):
        labels = re.findall(r'<label for="text">(.*?)</label>', client.get(path).text)
        assert [html.unescape(x) for x in labels] == ["The ad's text"], path
    engine.accounts.add_user("rec@x.example", org="X", role="recruiter", password=PASSWORD)  # may store CVs
    client.post("/logout", data={"csrf_token": csrf(client, "/ads")})
    data = {"csrf_token": csrf(client, "/login"), "email": "rec@x.example", "password": PASSWORD}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    (cvs,) = Elements(client.get("/candidates").text).all("input", id="cvs")
    assert cvs.get("accept") == ".txt,.md,.html,.htm,.pdf,.docx"


def test_neither_text_nor_file_marks_the_text(signed_in: tuple[TestClient, Engine, int]) -> None:
    client, engine, org = signed_in
    r = _post(client, {"text": " ", "title": "", "lang": ""}, None)
    assert r.status_code == 422 and "E101" in r.text
    (control,) = Elements(r.text).all("textarea", id="text")
    assert control.get("aria-invalid") == "true" and engine.ads(org) == []
    assert Elements(r.text).all("form", enctype="multipart/form-data", action="/ads")
