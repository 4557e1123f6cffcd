"""Interview kits: a section per gap and must-have, 2-3 questions, a work sample, a 1-5 anchored scale."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from kompetens.engine import Engine
from kompetens.errors import KompetensError
from kompetens.ingest import document_from_text
from kompetens.match.interview import interview_kit
from kompetens.match.role import Role, role_from_dict
from kompetens.models import AREA_IDS
from kompetens.schema import dump_json
from kompetens.taxonomy.areas import load_areas

from .support import MANAGER_AD, PRESCHOOL_AD, synthetic


def _load(lang: str) -> dict[str, Any]:
    text = resources.files("kompetens.lang").joinpath(lang, "interview.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _shape(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _shape(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_shape(v) for v in d]
    return type(d).__name__


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_language_files_cover_every_area(lang: str) -> None:
    data = _load(lang)
    assert set(data["areas"]) == set(AREA_IDS)
    for area in data["areas"].values():
        kinds = {q["kind"] for q in area["questions"]}
        assert 2 <= len(area["questions"]) <= 3
        assert kinds == {"behavioural", "situational"}
        assert set(area["anchors"]) == {"1", "3", "5"}
        assert area["work_sample"]


def test_swedish_and_english_files_have_the_same_shape() -> None:
    assert _shape(_load("sv")) == _shape(_load("en"))


ROLE = role_from_dict(
    {
        "title": "Community manager",
        "weights": {"community": 1.0, "customer_service": 0.7, "data_insight": 0.3, "api_seo": 0.0},
        "must_have": ["community", "concept:Discord"],
    }
)


def _levels(**kw: float) -> list[float]:
    return [kw.get(a, 0.0) for a in AREA_IDS]


def test_sections_for_gaps_and_must_haves() -> None:
    cand = synthetic(0, _levels(community=0.9, customer_service=0.1, data_insight=0.6))
    kit = interview_kit(cand, ROLE, lang="en")
    assert [(s.area, s.reason) for s in kit.sections] == [
        ("community", "must_have"),
        ("customer_service", "gap"),
    ]
    assert kit.missing_concepts == ("Discord",)
    section = kit.sections[1]
    assert 2 <= len(section.questions) <= 3
    assert section.work_sample
    assert sorted(section.scale.anchors) == [1, 3, 5]


def test_a_missing_must_have_is_also_a_gap() -> None:
    kit = interview_kit(synthetic(0, _levels(customer_service=0.9, data_insight=0.9)), ROLE)
    assert [(s.area, s.reason) for s in kit.sections] == [("community", "gap_must_have")]


def test_no_gaps_no_must_haves_still_gives_a_kit() -> None:
    role = Role("R", dict.fromkeys(AREA_IDS, 1.0))
    cand = synthetic(0, [0.9, 0.8, 0.95, 0.9, 0.9, 0.9, 0.9, 0.9])
    kit = interview_kit(cand, role)
    assert [(s.area, s.reason) for s in kit.sections] == [("customer_service", "verify")]


@pytest.mark.parametrize(("lang", "word"), [("sv", "Arbetsprov"), ("en", "Work sample")])
def test_markdown_and_dict(lang: str, word: str) -> None:
    cand = synthetic(7, _levels(community=0.05))
    kit = interview_kit(cand, ROLE, lang=lang, questions=2)
    md = kit.markdown
    assert md.startswith("# ") and "Community manager" in md and "cv007" in md
    assert md.count(f"### {word}") == len(kit.sections)
    assert all(len(s.questions) == 2 for s in kit.sections)
    d = json.loads(dump_json(kit))
    assert d["sections"][0]["scale"]["points"] == [1, 2, 3, 4, 5]
    assert set(d["sections"][0]["scale"]["anchors"]) == {"1", "3", "5"}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sections_are_named_as_the_areas_are_everywhere_else(lang: str) -> None:
    # "Platforms and publishing technology" where areas, rank and the explanation say "Platforms and technology"
    role = Role("R", dict.fromkeys(AREA_IDS, 1.0))
    kit = interview_kit(synthetic(0, _levels()), role, lang=lang)
    names = {a.id: a.label_sv if lang == "sv" else a.label_en for a in load_areas()}
    assert {s.area: s.label for s in kit.sections} == names
    assert all(f"## {i}. {names[s.area]}" in kit.markdown for i, s in enumerate(kit.sections, start=1))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_interview_texts_name_no_area(lang: str) -> None:
    # one name per area: the areas data's labels, not a second set in interview.json
    assert not [a for a, area in _load(lang)["areas"].items() if "label" in area]


def test_a_kit_for_an_ad_outside_the_field_says_so_and_asks_no_social_media_questions(engine: Engine) -> None:
    role = engine.role_from_ad(document_from_text(PRESCHOOL_AD, kind="ad", lang="sv"))
    assert not role.social_media and role.ad_areas == ()  # rank's weights are the default role's
    kit = interview_kit(synthetic(0, _levels()), role, lang="sv")  # every weighted area a gap
    assert kit.sections == () and kit.instructions == () and not kit.social_media
    assert kit.note.startswith("Annonsen efterfrågar inte kompetens inom sociala medier")
    assert kit.markdown.splitlines()[2] == f"> **Obs:** {kit.note}"  # at the top, under the title
    assert "Frågor" not in kit.markdown and "sociala medier som du skrev" not in kit.markdown


def test_a_kit_for_an_ad_outside_the_field_keeps_to_the_ad_s_own_areas(engine: Engine) -> None:
    role = engine.role_from_ad(document_from_text(MANAGER_AD, kind="ad", lang="en"))
    assert not role.social_media and role.ad_areas
    assert role.ad_areas == tuple(a for a in AREA_IDS if role.weights[a] > 0.0)
    kit = interview_kit(synthetic(0, _levels()), role, lang="en")
    assert {s.area for s in kit.sections} == set(role.ad_areas)
    assert kit.note.startswith("This ad does not ask for social-media competence.")
    assert "; ".join(s.label for s in sorted(kit.sections, key=lambda s: AREA_IDS.index(s.area))) in kit.note
    assert kit.markdown.splitlines()[2] == f"> **Note:** {kit.note}"


def test_outside_the_field_the_gaps_and_the_check_keep_to_the_ad_s_areas() -> None:
    ad_areas = ("api_seo", "psychology_interaction")
    role = Role("Engineering manager", dict.fromkeys(AREA_IDS, 1.0), social_media=False, ad_areas=ad_areas)
    gap = interview_kit(synthetic(0, _levels(api_seo=0.9)), role)  # seven gaps, one of them the ad's
    assert [(s.area, s.reason) for s in gap.sections] == [("psychology_interaction", "gap")]
    strong = interview_kit(synthetic(0, _levels(api_seo=0.9, psychology_interaction=0.8)), role)
    assert [(s.area, s.reason) for s in strong.sections] == [("psychology_interaction", "verify")]


def test_a_kit_in_the_field_has_no_note() -> None:
    kit = interview_kit(synthetic(7, _levels(community=0.05)), ROLE, lang="sv")
    assert kit.social_media and kit.note == "" and kit.instructions
    assert not any(line.startswith(">") for line in kit.markdown.splitlines())
    assert kit.markdown.splitlines()[2] == "**Kandidat:** cv007"


def test_unknown_language() -> None:
    with pytest.raises(KompetensError) as info:
        interview_kit(synthetic(0, _levels()), ROLE, lang="xx")
    assert info.value.field == "lang"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_outside_the_field_a_kit_asks_channel_neutral_questions(lang: str) -> None:
    # a user's test (stop 36): a phone and invoice helpdesk's kit asked about "200 comments in an hour"
    role = Role(
        "Kundservice", dict.fromkeys(AREA_IDS, 1.0), social_media=False, ad_areas=("customer_service",)
    )
    kit = interview_kit(synthetic(0, _levels()), role, lang=lang)
    texts = _load(lang)["areas"]["customer_service"]
    (section,) = kit.sections
    assert [q.text for q in section.questions] == [q["text"] for q in texts["outside_field"]["questions"]]
    assert section.work_sample == texts["outside_field"]["work_sample"]
    assert "200" not in kit.markdown
    in_field = interview_kit(synthetic(0, _levels()), ROLE, lang=lang)
    service = next(s for s in in_field.sections if s.area == "customer_service")
    assert [q.text for q in service.questions] == [q["text"] for q in texts["questions"]]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_channel_neutral_texts_have_the_usual_shape(lang: str) -> None:
    for area, texts in _load(lang)["areas"].items():
        general = texts.get("outside_field")
        if general is None:
            continue
        assert len(general["questions"]) == len(texts["questions"]), area
        assert [q["kind"] for q in general["questions"]] == [q["kind"] for q in texts["questions"]], area
        assert set(general["anchors"]) == set(texts["anchors"]) and general["work_sample"], area
        words = " ".join([*(q["text"] for q in general["questions"]), general["work_sample"]]).lower()
        assert not any(w in words for w in ("social", "sociala", "post", "inlägg", "kommentar", "comment")), (
            area
        )
