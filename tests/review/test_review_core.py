"""review_ad with hand-built profiles: where a mention stands decides whether it counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.errors import KompetensError
from kompetens.models import AREA_IDS, ConceptRef, Document, Mention, Profile
from kompetens.review import Review, review_ad
from tests.contract import REVIEW_KEYS as CONTRACT_KEYS

ADS = Path(__file__).resolve().parents[1] / "data" / "ads"
FLAG_KEYS = {"text", "start", "end", "category", "explanation", "suggestion", "source"}


def _doc(text: str, lang: str = "sv") -> Document:
    return Document(source="test", text=text, lang=lang, kind="ad")


def _mention(doc: Document, phrase: str, area: str, *, confidence: float = 0.9, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return Mention(
        phrase, start, start + len(phrase), ConceptRef(f"urn:test:{area}", phrase), area, confidence
    )


def _profile(doc: Document, mentions: list[Mention]) -> Profile:
    areas = dict.fromkeys(AREA_IDS, 0.0)
    for m in mentions:
        if m.area:
            areas[m.area] = max(areas[m.area], 0.8)
    return Profile(doc=doc, mentions=mentions, areas=areas)


def _review(text: str, phrases: list[tuple[str, str]], lang: str = "sv") -> Review:
    doc = _doc(text, lang)
    return review_ad(doc, _profile(doc, [_mention(doc, p, a) for p, a in phrases]))


def test_mention_in_duties_makes_a_social_media_ad() -> None:
    text = "Ekonom\n\nArbetsuppgifter\nDu ansvarar för vår community management."
    review = _review(text, [("community management", "community")])
    assert review.requires_social_media


def test_mention_only_in_about_us_does_not() -> None:
    text = "Ekonom\n\nOm oss\nVi är kända för vår community management.\n\nArbetsuppgifter\nDu bokför."
    review = _review(text, [("community management", "community")])
    assert not review.requires_social_media
    assert review.evidence
    assert {e.reason for e in review.evidence} == {"about_company"}


def test_weak_mention_does_not_decide() -> None:
    text = "Ekonom\n\nArbetsuppgifter\nDu ansvarar för innehållsplanering."
    doc = _doc(text)
    profile = _profile(doc, [_mention(doc, "innehållsplanering", "platform_technology", confidence=0.2)])
    assert not review_ad(doc, profile).requires_social_media


def test_merit_only_is_not_a_requirement_but_is_reported() -> None:
    text = "Butikssäljare\n\nKvalifikationer\nErfarenhet av försäljning.\n\nMeriterande\nErfarenhet av sociala medier."
    review = _review(text, [])
    assert not review.requires_social_media
    assert review.social_media_merit


def test_missing_areas_only_for_social_media_roles() -> None:
    sm = _review(
        "Kommunikatör\n\nArbetsuppgifter\nDu driver vårt Instagramkonto och skriver pressmeddelanden.",
        [("pressmeddelanden", "marketing_communication")],
    )
    assert sm.requires_social_media
    assert "marketing_communication" not in sm.missing_areas and "platform_technology" not in sm.missing_areas
    assert set(sm.missing_areas) == set(AREA_IDS) - {"marketing_communication", "platform_technology"}
    plain = _review("Ekonom\n\nArbetsuppgifter\nDu bokför.", [])
    assert plain.missing_areas == []


def test_areas_needed_limits_missing_areas() -> None:
    doc = _doc("Kommunikatör\n\nArbetsuppgifter\nDu driver vårt Instagramkonto.")
    review = review_ad(doc, _profile(doc, []), areas_needed=["platform_technology", "strategy"])
    assert review.missing_areas == ["strategy"]


UNICORN_PHRASES = {
    "sv15-digital-marknadsforare-enhorning.txt": [
        ("marknadsföring", "marketing_communication"),
        ("kundservice", "customer_service"),
        ("publiceringsverktyg", "platform_technology"),
        ("sökmotoroptimering", "api_seo"),
        ("beteendepsykologi", "psychology_interaction"),
        ("moderera communities", "community"),
        ("dataanalys", "data_insight"),
        ("affärsstrategi", "strategy"),
    ],
    "en13-head-of-digital-unicorn.txt": [
        ("marketing, brand and PR", "marketing_communication"),
        ("customer service", "customer_service"),
        ("publishing tools", "platform_technology"),
        ("search engine optimisation", "api_seo"),
        ("behavioural psychology", "psychology_interaction"),
        ("online communities", "community"),
        ("data analytics", "data_insight"),
        ("business strategy", "strategy"),
    ],
}


@pytest.mark.parametrize("name", sorted(UNICORN_PHRASES))
def test_unicorn_when_expert_level_is_demanded_in_all_eight(name: str) -> None:
    text = (ADS / name).read_text(encoding="utf-8")
    lang = name[:2]
    phrases = UNICORN_PHRASES[name]
    assert _review(text, phrases, lang).unicorn
    assert not _review(text, phrases[:-1], lang).unicorn


def test_no_unicorn_without_expert_words() -> None:
    text = (ADS / "sv05-social-media-specialist.txt").read_text(encoding="utf-8")
    phrases = [
        ("strategi", "strategy"),
        ("community", "community"),
        ("kundfrågor", "customer_service"),
        ("sökmotoroptimering", "api_seo"),
        ("Google Analytics", "data_insight"),
        ("marknadsföring", "marketing_communication"),
        ("tonläge", "psychology_interaction"),
        ("Meta Business Suite", "platform_technology"),
    ]
    review = _review(text, phrases)
    assert not review.unicorn
    assert review.missing_areas == []


def test_to_dict_keeps_the_contract() -> None:
    text = (ADS / "sv08-marknadskoordinator-digital-infodd.txt").read_text(encoding="utf-8")
    data = _review(text, []).to_dict()
    assert set(data) >= CONTRACT_KEYS
    assert set(data["areas"]) == set(AREA_IDS)
    assert all(0.0 <= v <= 1.0 for v in data["areas"].values())
    assert data["flags"] and all(set(f) >= FLAG_KEYS for f in data["flags"])
    for f in data["flags"]:
        assert text[f["start"] : f["end"]] == f["text"]


def test_unsupported_language() -> None:
    doc = Document(source="x", text="Koch\n\nSie kochen.", lang="de", kind="ad")
    with pytest.raises(KompetensError):
        review_ad(doc, Profile(doc=doc, mentions=[], areas={}))


@pytest.mark.parametrize(
    ("phrase", "area", "concept", "counts"),
    [
        ("Adobe Illustrator", "platform_technology", "urn:design-tools", False),
        ("webbredigering", "platform_technology", "urn:web-editing", False),
        ("sociala medieplattformar", "platform_technology", "urn:x", True),
        (
            "schemaläggning",
            "platform_technology",
            "http://data.jobtechdev.se/taxonomy/concept/k29D_fT4_Wso",
            True,
        ),
        ("moderering", "community", "urn:moderation", True),
    ],
)
def test_which_mentions_are_social_media(phrase: str, area: str, concept: str, counts: bool) -> None:
    doc = _doc(f"Grafisk formgivare\n\nArbetsuppgifter\nDu arbetar med {phrase}.")
    start = doc.text.index(phrase)
    mention = Mention(phrase, start, start + len(phrase), ConceptRef(concept, phrase), area, 0.95)
    review = review_ad(doc, Profile(doc=doc, mentions=[mention], areas={area: 0.8}))
    assert review.requires_social_media is counts
    assert review.areas[area] > 0.0


def test_mixed_language_boilerplate_and_merits_do_not_count() -> None:
    text = (
        "Ekonomiassistent\n\nDu sköter fakturering och bokföring.\n"
        "Nice to have: experience with Hootsuite or Sprout Social.\n"
        "Share this job on LinkedIn with your friends."
    )
    review = _review(text, [])
    assert not review.requires_social_media
    assert review.social_media_merit
