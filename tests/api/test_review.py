"""POST /review: the review contract as JSON, or the engine's HTML report with ?format=html."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.models import AREA_IDS
from kompetens.schema import to_jsonable
from tests.contract import REVIEW_KEYS as CONTRACT_KEYS

from .support import AD_EN, AD_SV, DEMO_AD

ADS = [AD_SV, AD_EN, DEMO_AD.read_text(encoding="utf-8")]


@pytest.mark.parametrize("text", ADS)
def test_review_json_is_the_engines(client: TestClient, engine: Engine, text: str) -> None:
    r = client.post("/api/v1/review", json={"text": text})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= CONTRACT_KEYS
    assert set(body["areas"]) == set(AREA_IDS)
    doc = document_from_text(text, source="<ad>", kind="ad")
    expected = to_jsonable(engine.review(doc))
    assert isinstance(expected, dict)
    assert body == expected  # the engine's review, its normalised ``text`` included (review --json's too)


@pytest.mark.parametrize("text", ADS)
def test_flag_offsets_index_the_text(client: TestClient, text: str) -> None:
    body = client.post("/api/v1/review", json={"text": text}).json()
    assert body["flags"], "each of these ads has biased wording"
    for f in body["flags"]:
        assert body["text"][f["start"] : f["end"]] == f["text"]
        assert f["explanation"] and f["suggestion"] and f["source"]


def test_title_is_passed_on(client: TestClient) -> None:
    body = client.post("/api/v1/review", json={"text": AD_EN, "title": "Social media coordinator"}).json()
    assert body["title"] == "Social media coordinator"
    assert body["title_mentions_social_media"] is True


def test_review_html(client: TestClient, engine: Engine) -> None:
    r = client.post("/api/v1/review?format=html", json={"text": AD_SV})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    doc = document_from_text(AD_SV, source="<ad>", kind="ad")
    assert r.text == engine.review_html(engine.review(doc), doc)
    assert "<mark" in r.text


def test_review_html_in_the_report_language(client: TestClient, engine: Engine) -> None:
    """``report_lang``: the report's own headings in Swedish (or the ad's language with ``auto``); English
    stays the default, and the JSON does not change."""
    doc = document_from_text(AD_SV, source="<ad>", kind="ad")
    review = engine.review(doc)
    sv = client.post("/api/v1/review?format=html&report_lang=sv", json={"text": AD_SV})
    assert sv.status_code == 200 and sv.text == engine.review_html(review, doc, lang="sv")
    assert '<html lang="sv">' in sv.text and "<h2>Sammanfattning</h2>" in sv.text and "Summary" not in sv.text
    # a Swedish percentage has a space before its sign (hT): "52 %", not "52%"
    assert re.search(r">\d+ %</text>", sv.text) and not re.search(r">\d+%</text>", sv.text)
    auto = client.post("/api/v1/review?format=html&report_lang=auto", json={"text": AD_SV})
    assert auto.text == sv.text
    english = client.post("/api/v1/review?format=html&report_lang=auto", json={"text": AD_EN})
    assert '<html lang="en">' in english.text and "<h2>Summary</h2>" in english.text
    same = client.post("/api/v1/review?report_lang=sv", json={"text": AD_SV}).json()
    assert same == client.post("/api/v1/review", json={"text": AD_SV}).json()
    bad = client.post("/api/v1/review?format=html&report_lang=fr", json={"text": AD_SV})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "report_lang"


def test_unknown_format_is_refused(client: TestClient) -> None:
    r = client.post("/api/v1/review?format=pdf", json={"text": AD_SV})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "format"
