"""The labelled test set (tests/data/ads) and the goals of issue 4 measured on it:
flag precision >= 0.9, recall >= 0.8, requires_social_media right on >= 95% of the ads."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kompetens.errors import KompetensError
from kompetens.models import Document, Profile
from kompetens.review import Review, review_ad
from kompetens.review.evaluate import LabelledAd, Scores, evaluate, load_test_set

ADS = Path(__file__).resolve().parents[1] / "data" / "ads"
CATEGORIES = {"age", "gender", "exclusion", "experience"}
MIN_PRECISION, MIN_RECALL, MIN_RSM = 0.9, 0.8, 0.95


@pytest.fixture(scope="module")
def ads() -> list[LabelledAd]:
    return load_test_set(ADS)


def test_set_size_and_balance(ads: list[LabelledAd]) -> None:
    assert len(ads) >= 40
    langs = Counter(ad.doc.lang for ad in ads)
    assert set(langs) == {"sv", "en"} and abs(langs["sv"] - langs["en"]) <= len(ads) // 5
    kinds = Counter(ad.requires_social_media for ad in ads)
    assert kinds[True] >= 10 and kinds[False] >= 10
    hidden = [ad for ad in ads if ad.requires_social_media and not ad.title_mentions_social_media]
    neutral = [ad for ad in ads if not ad.flags]
    assert len(hidden) >= 10 and len(neutral) >= 10
    assert {f.category for ad in ads for f in ad.flags} == CATEGORIES


def test_every_expected_flag_is_in_its_ad(ads: list[LabelledAd]) -> None:
    for ad in ads:
        for flag in ad.flags:
            assert flag.spans, f"{ad.name}: {flag.text!r} not found"
        assert set(ad.areas) <= {
            "marketing_communication",
            "customer_service",
            "platform_technology",
            "api_seo",
            "psychology_interaction",
            "community",
            "data_insight",
            "strategy",
        }


def test_demo_files_are_fictional_and_readable() -> None:
    demo = Path(__file__).resolve().parents[2] / "demo" / "ads" / "social-media-specialist-sv.txt"
    text = demo.read_text(encoding="utf-8")
    assert "Social media-specialist" in text and "ungt gäng" in text and "digital infödd" in text


def _report(scores: Scores) -> str:
    return f"{scores.to_dict()}\n" + "\n".join(scores.errors)


def _assert_goals(scores: Scores) -> None:
    assert scores.precision >= MIN_PRECISION, _report(scores)
    assert scores.recall >= MIN_RECALL, _report(scores)
    assert scores.rsm_accuracy >= MIN_RSM, _report(scores)


def _cues_only(doc: Document) -> Review:
    return review_ad(doc, Profile(doc=doc, mentions=[], areas={}))


def test_goals_with_the_review_cues_alone(ads: list[LabelledAd]) -> None:
    scores = evaluate(ads, _cues_only)
    _assert_goals(scores)
    assert scores.title_accuracy >= MIN_RSM, _report(scores)


def test_goals_with_engine_profiles(ads: list[LabelledAd]) -> None:
    try:
        from kompetens.engine import Engine
    except ImportError as exc:  # the extraction pipeline is being written beside this module
        pytest.skip(f"kompetens.engine not importable yet: {exc}")
    engine = Engine()
    try:
        scores = evaluate(ads, lambda doc: review_ad(doc, engine.extract(doc)))
    except KompetensError as exc:
        pytest.skip(f"Engine cannot extract here: {exc}")
    _assert_goals(scores)
