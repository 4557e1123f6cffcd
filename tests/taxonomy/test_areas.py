"""The curated competence model (taxonomy/data/areas.json) and the requirement cues (lang/*/cues.json)."""

from __future__ import annotations

import copy
import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import simplemma
from hypothesis import given
from hypothesis import strategies as st

from kompetens.errors import Code, TaxonomyError
from kompetens.models import AREA_IDS, Profile
from kompetens.taxonomy.areas import (
    ESCO_SKILL_PREFIX,
    JOBTECH_CONCEPT_PREFIX,
    CuratedConcept,
    area_label,
    concepts_by_area,
    load_areas,
    load_curated,
    parse_model,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
LANGS = ("sv", "en")
MIN_CONCEPTS_PER_AREA = 5
MIN_PHRASES_PER_AREA = 10

# Normalised phrases that may map to more than one area, each with the reason. Empty on purpose: a phrase that
# is evidence for two areas is evidence for neither; add an entry only with a written justification.
CROSS_AREA_ALLOWED: dict[tuple[str, ...], str] = {}


def _raw_model() -> dict[str, Any]:
    text = resources.files("kompetens.taxonomy").joinpath("data/areas.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _cues(lang: str) -> dict[str, list[str]]:
    text = resources.files(f"kompetens.lang.{lang}").joinpath("cues.json").read_text(encoding="utf-8")
    data: dict[str, list[str]] = json.loads(text)
    return data


def _shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared not found: {path}")
    return path


@cache
def _lemma(token: str, lang: str) -> str:
    return str(simplemma.lemmatize(token, lang=lang))


def _tokens(text: str) -> list[str]:
    # Same reference tokenisation as the matcher is meant to use: word characters only, so "API:s",
    # "A/B-test" and "big data-aspekterna" split into tokens that the phrases can line up with.
    return re.findall(r"\w+", text)


def _norm(text: str, lang: str) -> tuple[str, ...]:
    return tuple(_lemma(t, lang) for t in _tokens(text.lower()))


def _phrase_keys(concept: CuratedConcept) -> Iterator[tuple[str, ...]]:
    """Every phrase of a concept, lowercased and lemmatised; cased ones too, since "Later" also hits "later"."""
    for table in (concept.phrases, concept.phrases_cased):
        for lang, phrases in table.items():
            yield from (_norm(p, lang) for p in phrases)


def _contains(haystack: list[str], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(tuple(haystack[i : i + n]) == needle for i in range(len(haystack) - n + 1))


# --- areas ---------------------------------------------------------------------------------------------------


def test_all_eight_areas_in_contract_order() -> None:
    assert tuple(a.id for a in load_areas()) == AREA_IDS


@pytest.mark.parametrize("area", AREA_IDS)
def test_area_is_labelled_and_described_in_both_languages(area: str) -> None:
    found = next(a for a in load_areas() if a.id == area)
    for text in (found.label_sv, found.label_en, found.description_sv, found.description_en):
        assert text.strip()


@pytest.mark.parametrize("area", AREA_IDS)
def test_area_has_enough_concepts_and_phrases(area: str) -> None:
    concepts = concepts_by_area()[area]
    phrases = [p for c in concepts for lang in LANGS for p in c.all_phrases(lang)]
    assert len(concepts) >= MIN_CONCEPTS_PER_AREA
    assert len(phrases) >= MIN_PHRASES_PER_AREA


@pytest.mark.parametrize(("area", "lang", "expected"), [(a.id, "sv", a.label_sv) for a in load_areas()])
def test_area_label_swedish(area: str, lang: str, expected: str) -> None:
    assert area_label(area, lang) == expected


@pytest.mark.parametrize("lang", ["en", "de", "nb", ""])
def test_area_label_falls_back_to_english(lang: str) -> None:
    assert area_label("api_seo", lang) == next(a.label_en for a in load_areas() if a.id == "api_seo")


def test_area_label_unknown_area() -> None:
    with pytest.raises(TaxonomyError) as err:
        area_label("seo_magic", "sv")
    assert err.value.code is Code.E301


# --- concepts ------------------------------------------------------------------------------------------------


def test_concept_ids_are_unique_uris_backed_by_their_links() -> None:
    concepts = load_curated()
    assert len({c.id for c in concepts}) == len(concepts)
    for c in concepts:
        if c.id.startswith(ESCO_SKILL_PREFIX):
            assert c.id in c.esco, c.id
        else:
            assert c.id.removeprefix(JOBTECH_CONCEPT_PREFIX) in c.jobtech, c.id


def test_every_concept_links_to_a_taxonomy() -> None:
    assert all(c.esco or c.jobtech for c in load_curated())


def test_no_phrase_maps_to_two_areas() -> None:
    areas_by_key: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept in load_curated():
        for key in _phrase_keys(concept):
            areas_by_key[key].add(concept.area)
    clashes = {k: sorted(v) for k, v in areas_by_key.items() if len(v) > 1 and k not in CROSS_AREA_ALLOWED}
    assert clashes == {}


def test_no_phrase_repeated_within_a_language_list() -> None:
    for concept in load_curated():
        for table in (concept.phrases, concept.phrases_cased):
            for lang, phrases in table.items():
                lowered = [p.lower() for p in phrases]
                assert len(lowered) == len(set(lowered)), (concept.id, lang)


def test_cased_phrases_are_not_also_case_insensitive() -> None:
    # A name like "Later" must only match with exact case; listing it in ``phrases`` too would undo that.
    for concept in load_curated():
        for lang, cased in concept.phrases_cased.items():
            loose = {p.lower() for p in concept.phrases.get(lang, ())}
            assert not loose & {p.lower() for p in cased}, concept.id


def test_load_is_cached() -> None:
    assert load_curated() is load_curated()
    assert load_areas() is load_areas()


# --- the source article --------------------------------------------------------------------------------------


def test_article_quotes_are_verbatim() -> None:
    article = _shared("seed/article-sv.txt").read_text(encoding="utf-8")
    for area in load_areas():
        assert area.article_quote in article, area.id


def test_article_yields_all_eight_areas() -> None:
    article = _shared("seed/article-sv.txt").read_text(encoding="utf-8")
    lemmas = [_lemma(t, "sv") for t in _tokens(article.lower())]
    exact = _tokens(article)
    found: set[str] = set()
    for concept in load_curated():
        for phrases in concept.phrases.values():
            if any(_contains(lemmas, _norm(p, "sv")) for p in phrases):
                found.add(concept.area)
        for phrases in concept.phrases_cased.values():
            if any(_contains(exact, tuple(_tokens(p))) for p in phrases):
                found.add(concept.area)
    assert sorted(found) == sorted(AREA_IDS)


# --- identifiers exist in the third-party data ---------------------------------------------------------------


@cache
def _esco_uris() -> frozenset[str]:
    with _shared("data/esco/skills_en_text.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(row["id"] for row in csv.DictReader(fh))


@cache
def _jobtech_ids() -> frozenset[str]:
    data = json.loads(_shared("data/jobtech/skills.json").read_text(encoding="utf-8"))
    return frozenset(c["id"] for c in data["data"]["concepts"])


def test_every_esco_uri_exists() -> None:
    known = _esco_uris()
    cited = {uri for c in load_curated() for uri in c.esco}
    assert sorted(cited - known) == []


def test_every_jobtech_id_exists() -> None:
    known = _jobtech_ids()
    cited = {jid for c in load_curated() for jid in c.jobtech}
    cited |= {
        c.id.removeprefix(JOBTECH_CONCEPT_PREFIX)
        for c in load_curated()
        if c.id.startswith(JOBTECH_CONCEPT_PREFIX)
    }
    assert sorted(cited - known) == []


# --- validation of a bad file --------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return apply


def _duplicate_first_concept(data: dict[str, Any]) -> None:
    data["concepts"].append(copy.deepcopy(data["concepts"][0]))


def _drop_last_area(data: dict[str, Any]) -> None:
    data["areas"].pop()


BAD_FILES: list[tuple[str, Mutation]] = [
    ("unknown area on a concept", _set(("concepts", 0, "area"), "seo_magic")),
    ("unknown area id", _set(("areas", 0, "id"), "marketing")),
    ("missing area", _drop_last_area),
    ("duplicate concept id", _duplicate_first_concept),
    ("empty phrases", _set(("concepts", 0, "phrases"), {"sv": [], "en": []})),
    ("blank phrase", _set(("concepts", 0, "phrases", "sv"), ["  "])),
    ("bad kind", _set(("concepts", 0, "kind"), "gadget")),
    ("bad concept id", _set(("concepts", 0, "id"), "https://example.org/skill/1")),
    ("bad esco uri", _set(("concepts", 0, "esco"), ["http://data.europa.eu/esco/skill/not-a-uuid"])),
    ("bad jobtech id", _set(("concepts", 0, "jobtech"), ["not an id"])),
    ("unknown key", _set(("concepts", 0, "phrase_cased"), {"sv": ["X"]})),
    ("wrong version", _set(("version",), 2)),
    ("phrases not an object", _set(("concepts", 0, "phrases"), ["SEO"])),
    ("needs_context not a flag", _set(("concepts", 0, "needs_context"), "yes")),
    ("links_broader not a flag", _set(("concepts", 0, "links_broader"), 1)),
]


@pytest.mark.parametrize("mutate", [m for _, m in BAD_FILES], ids=[name for name, _ in BAD_FILES])
def test_bad_file_raises_e201(mutate: Mutation) -> None:
    data = _raw_model()
    mutate(data)
    with pytest.raises(TaxonomyError) as err:
        parse_model(data)
    assert err.value.code is Code.E201


def test_only_programming_languages_need_context() -> None:
    """A tool that other work uses too ("Python" in DevOps and embedded ads) shows its area in context only."""
    assert [c.label_en for c in load_curated() if c.needs_context] == ["Python (computer programming)"]


def test_only_ad_tools_link_to_broader_skills() -> None:
    """A tool whose links name a broader skill (Google Ads -> digital marketing techniques) is marked, so that
    a CV's broader skill does not show it (skills.match_skills)."""
    assert [c.label_en for c in load_curated() if c.links_broader] == ["Google Ads"]


def test_valid_file_parses_to_the_loaded_model() -> None:
    assert parse_model(_raw_model()) == (load_areas(), load_curated())


@given(area=st.text(max_size=30).filter(lambda s: s not in AREA_IDS))
def test_any_area_outside_the_eight_is_rejected(area: str) -> None:
    data = _raw_model()
    data["concepts"][0]["area"] = area
    with pytest.raises(TaxonomyError):
        parse_model(data)


# --- requirement cues ----------------------------------------------------------------------------------------


def test_cues_have_the_same_keys_in_every_language() -> None:
    keys = {lang: set(_cues(lang)) for lang in LANGS}
    assert keys["sv"] == keys["en"]
    assert {"required", "merit", "boilerplate", "section_required", "section_merit"} <= keys["sv"]


@pytest.mark.parametrize("lang", LANGS)
def test_cue_lists_are_lowercase_unique_and_non_empty(lang: str) -> None:
    for key, cues in _cues(lang).items():
        assert cues, key
        assert all(c.strip() and c == c.lower() for c in cues), key
        assert len(cues) == len(set(cues)), key


@pytest.mark.parametrize("lang", LANGS)
def test_required_and_merit_cues_do_not_overlap(lang: str) -> None:
    cues = _cues(lang)
    assert not set(cues["required"]) & set(cues["merit"])
    assert not set(cues["section_required"]) & set(cues["section_merit"])


# A bug hunt (F5): the same volunteer line counted in Swedish and not in English (26 vs 2 points for the
# community-manager role). Each pair says the same thing; both must find the same concepts, inflected too.
VOLUNTEER_TWINS = [
    (
        "Run the shelter's Facebook page and Instagram account, answer messages from the public, moderate the "
        "adopters' group.",
        "Driver djurhemmets Facebooksida och Instagramkonto, svarar på meddelanden från allmänheten, modererar "
        "adoptörernas grupp.",
    ),
    (
        "Moderated the forum and replied to DMs from followers; managed the account.",
        "Modererade forumet och svarade på DM från följare; skötte kontot.",
    ),
    (
        "Moderating comments and answering messages from customers.",
        "Modererar kommentarer och besvarar meddelanden från kunder.",
    ),
]


@pytest.mark.parametrize(("en", "sv"), VOLUNTEER_TWINS)
def test_community_work_counts_alike_in_english_and_swedish(engine: Any, en: str, sv: str) -> None:
    from kompetens.models import Document

    def labels(text: str, lang: str) -> set[str]:
        profile = engine.extract(Document(source="t", text=text, lang=lang, kind="cv"))
        # by the curated English label: a mention is labelled in its document's language, by the taxonomy
        curated = {c.id: c.label_en for c in load_curated()}
        mentions = [m for m in profile.mentions if m.area in ("community", "platform_technology")]
        return {curated.get(m.concept.id, m.concept.id) for m in mentions}

    found_en, found_sv = labels(en, "en"), labels(sv, "sv")
    assert {"moderation", "answering comments and messages"} <= found_en
    assert found_en == found_sv


CAMPAIGN_ANALYSIS_TWINS = [
    (
        "2019–2025 Digital strategist: KPI reporting, campaign analysis in Meta Ads, reports to management.",
        "2019–2025 Digital strateg: KPI-rapportering, analys av kampanjer i Meta Ads, rapporter till ledningen.",
    ),
    (
        "Analysed campaigns and tracked KPIs for our clients.",
        "Analyserade kampanjer och följde upp KPI:er åt kunder.",
    ),
    ("Campaign reporting and campaign evaluation.", "Kampanjrapportering och utvärdering av kampanjer."),
]


@pytest.mark.parametrize(("en", "sv"), CAMPAIGN_ANALYSIS_TWINS)
def test_campaign_analysis_is_data_work_in_english_and_swedish(engine: Any, en: str, sv: str) -> None:
    """Finding 7 of the new user's bug hunt: a strategist's campaign analysis and KPI reporting showed no
    data and insight at all."""
    from kompetens.models import Document

    def data_words(text: str, lang: str) -> list[str]:
        profile = engine.extract(Document(source="t", text=text, lang=lang, kind="cv"))
        return [m.text for m in profile.mentions if m.area == "data_insight" and Profile.counts(m)]

    found_en, found_sv = data_words(en, "en"), data_words(sv, "sv")
    assert found_en, en
    assert len(found_en) == len(found_sv), (found_en, found_sv)


# A blind user test: an ad's "analys av data från sociala medier" was a data must-have in Swedish while its
# English twin named no data work, and the demo's community managers, who track "engagement and sentiment"
# in monthly reports, showed none.
SOCIAL_DATA_TWINS = [
    (
        "Experience in community management and analysis of social media data.",
        "Erfarenhet av community management och analys av data från sociala medier.",
    ),
    (
        "Tracked engagement and sentiment in monthly reports.",
        "Följer engagemang och sentiment i månatliga rapporter.",
    ),
    ("Sentiment analysis of the comments.", "Sentimentanalys av kommentarerna."),
]


@pytest.mark.parametrize(("en", "sv"), SOCIAL_DATA_TWINS)
def test_social_media_data_work_is_data_work_in_english_and_swedish(engine: Any, en: str, sv: str) -> None:
    from kompetens.models import Document

    def shows_data(text: str, lang: str, kind: str) -> bool:
        profile = engine.extract(Document(source="t", text=text, lang=lang, kind=kind))
        return any(m.area == "data_insight" and Profile.counts(m) for m in profile.mentions)

    for kind in ("cv", "ad"):
        assert shows_data(en, "en", kind) and shows_data(sv, "sv", kind), (kind, en, sv)


# A blind user test (stop 36, findings 17, 4 and 22): answering customers' or citizens' questions in social
# media and handling their "synpunkter" showed no customer service; a shop manager's posts for the shop showed
# no marketing; social-media strategy written "strategi och riktlinjer för ... närvaro i sociala medier",
# "Social media-strateg" or "företagets sociala medier-strategi" showed no strategy. Fictional lines, each in
# Swedish and English: the area must count, in a CV and in an ad alike.
AREA_TWINS = [
    (
        "customer_service",
        "You answer customers' questions in the comments on our Instagram and Facebook.",
        "Du svarar på kunders frågor i kommentarerna på vår Instagram och Facebook.",
    ),
    (
        "customer_service",
        "You answer questions from residents in the municipality's social media and handle comments and complaints.",
        "Du besvarar frågor från invånare i kommunens kanaler i sociala medier och hanterar synpunkter.",
    ),
    # stop 37: answering questions in the comments is community work too (the service twin above stays)
    (
        "community",
        "You answer customers' questions in the comments on our Instagram and Facebook.",
        "Du svarar på kunders frågor i kommentarerna på vår Instagram och Facebook.",
    ),
    (
        "community",
        "Answered visitors' questions in the comments during the events.",
        "Svarade på besökarnas frågor i kommentarsfältet under evenemangen.",
    ),
    (
        "marketing_communication",
        "Started the shop's Instagram account, posted photos of new arrivals every week.",
        "Startade butikens Instagramkonto, publicerade bilder på nyinkomna varor varje vecka.",
    ),
    (
        "strategy",
        "Developed a strategy and guidelines for the bank's presence on social media.",
        "Tog fram strategi och riktlinjer för bankens närvaro i sociala medier.",
    ),
    (
        "strategy",
        "Social media strategist at Exempelbanken 2018-2025.",
        "Social media-strateg på Exempelbanken 2018-2025.",
    ),
    (
        "strategy",
        "Responsible for the company's social media strategy and policy.",
        "Ansvarade för företagets sociala medier-strategi och policy.",
    ),
]


@pytest.mark.parametrize(("area", "en", "sv"), AREA_TWINS)
def test_social_media_service_marketing_and_strategy_count_in_both_languages(
    engine: Any, area: str, en: str, sv: str
) -> None:
    from kompetens.models import Document

    def shows(text: str, lang: str, kind: str) -> bool:
        profile = engine.extract(Document(source="t", text=text, lang=lang, kind=kind))
        return any(m.area == area and Profile.counts(m) for m in profile.mentions)

    for kind in ("cv", "ad"):
        assert shows(en, "en", kind) and shows(sv, "sv", kind), (area, kind, en, sv)


# The same test's finding 21: a customer-service ad's trait "en skicklig kommunikatör" and its employer's own
# "marknadsavdelning" in the company's paragraph made it half a marketing job.
@pytest.mark.parametrize(
    "text",
    [
        "Vi letar efter dig som drivs av att ge bra service och är en skicklig kommunikatör – både i tal och skrift.",
        "Tillsammans strävar vi efter att skapa en marknadsavdelning som inspirerar. Våra huvudsakliga mål är att "
        "öka varumärkesmedvetenheten.\n\nDu svarar på kundernas frågor i telefon och chatt.",
    ],
)
def test_a_trait_or_the_employers_own_department_is_no_marketing_in_an_ad(engine: Any, text: str) -> None:
    from kompetens.models import Document

    profile = engine.extract(Document(source="t", text=text, lang="sv", kind="ad"))
    assert profile.areas.get("marketing_communication", 0.0) == 0.0, [
        (m.text, m.generic, m.boilerplate) for m in profile.mentions
    ]


# Finding 2: a personal Instagram with many followers is a consumer's use, no platform competence.
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I love Instagram and TikTok and have 12,000 followers on my personal account.", "en"),
        ("Jag älskar Instagram och TikTok och har 12 000 följare på mitt privata konto.", "sv"),
    ],
)
def test_a_private_account_is_no_platform_competence_in_a_cv(engine: Any, text: str, lang: str) -> None:
    from kompetens.models import Document

    profile = engine.extract(Document(source="t", text=text, lang=lang, kind="cv"))
    assert any(m.area == "platform_technology" for m in profile.mentions)  # kept, marked generic
    assert profile.areas.get("platform_technology", 0.0) == 0.0
    work = "Ran the shop's Instagram account." if lang == "en" else "Skötte butikens Instagramkonto."
    profile = engine.extract(Document(source="t", text=work, lang=lang, kind="cv"))
    assert profile.areas.get("platform_technology", 0.0) > 0.0


# Stop 49: "social accounts" is the short form of "social media accounts", as "social channels" is of "social
# media channels"; a newsroom CV's terse bullet ("Social accounts (5 platforms)") tells the same work.
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Social accounts (5 platforms), story packaging, live coverage posts.", "en"),
        ("Ran the newsroom's social accounts.", "en"),
        ("Skötte redaktionens sociala konton.", "sv"),
        ("Drev kommunens sociala mediekonton.", "sv"),
    ],
)
def test_social_accounts_are_social_media_management(engine: Any, text: str, lang: str) -> None:
    from kompetens.models import Document

    profile = engine.extract(Document(source="t", text=text, lang=lang, kind="cv"))
    curated = {c.id: c.label_en for c in load_curated()}
    found = {curated.get(m.concept.id) for m in profile.mentions if m.area == "platform_technology"}
    assert "social media management" in found
    assert profile.areas.get("platform_technology", 0.0) > 0.0


# Stop 50: a press desk's everyday work is public relations: media enquiries, a press office's duty rota, a
# spokesperson, press conferences, media training. The concept held "presskontakter" and "media relations" but
# not the words a press officer's CV writes for the same work ("Presstjänst (400 mediefrågor/år)", "Pressjour").
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kommunikatör, Invented region. Presstjänst (ca 400 mediefrågor/år).", "sv"),
        ("Presssekreterare. Pressjour och mediecoachning av politiker.", "sv"),
        ("Ordnade presskonferenser och förberedde talespersoner.", "sv"),
        ("Press Officer, Invented Board: ran the press desk and answered media enquiries.", "en"),
        ("Prepared spokespeople and gave media training before press conferences.", "en"),
    ],
)
def test_press_desk_work_is_public_relations(engine: Any, text: str, lang: str) -> None:
    from kompetens.models import Document

    profile = engine.extract(Document(source="t", text=text, lang=lang, kind="cv"))
    curated = {c.id: c.label_en for c in load_curated()}
    found = [curated.get(m.concept.id) for m in profile.mentions if m.area == "marketing_communication"]
    assert found.count("public relations") >= 2
    assert profile.areas.get("marketing_communication", 0.0) > 0.0


def test_time_pressure_and_the_press_are_no_public_relations(engine: Any) -> None:
    from kompetens.models import Document

    text = "Van att arbeta under tidspress. Läser dagspress. Worked under pressure in a busy press shop."
    profile = engine.extract(Document(source="t", text=text, lang="sv", kind="cv"))
    curated = {c.id: c.label_en for c in load_curated()}
    assert "public relations" not in {curated.get(m.concept.id) for m in profile.mentions}
