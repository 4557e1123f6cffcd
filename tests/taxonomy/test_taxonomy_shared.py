"""The importers on the real JobTech files and crosswalks in ../shared (skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kompetens.taxonomy import Taxonomy, import_crosswalk, import_jobtech, jobtech_uri

from .conftest import shared

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"


def _matches(taxonomy: Taxonomy, uri: str) -> set[tuple[str, str]]:
    return {rel for rel in taxonomy.relations(uri) if rel[0] != "broader"}


def test_jobtech_skills_load_with_swedish_labels(tmp_path: Path) -> None:
    counts = import_jobtech(shared("data", "jobtech", "skills.json"), data_dir=tmp_path)
    taxonomy = Taxonomy.load(tmp_path)
    assert counts["concepts"] == taxonomy.stats()["kind.jobtech-skill"] > 6000
    concept = taxonomy.get(jobtech_uri("bgC3_M9R_1K4"))
    assert concept is not None
    assert (concept.kind, concept.labels["sv"][0]) == ("jobtech-skill", "Klagomålshantering")
    assert [c.uri for c in taxonomy.search_label("klagomålshantering", "sv")] == [concept.uri]


def test_ssyk_groups_with_occupations(tmp_path: Path) -> None:
    import_jobtech(
        shared("data", "jobtech", "ssyk-level-4-groups-with-related-occupations.json"), data_dir=tmp_path
    )
    taxonomy = Taxonomy.load(tmp_path)
    group = taxonomy.get(jobtech_uri("13md_uyV_BNG"))  # SSYK 3511 Drifttekniker, IT
    occupation = taxonomy.get(jobtech_uri("AF1L_wVt_xmK"))  # IT-tekniker, in that group
    assert group is not None and occupation is not None
    assert (group.kind, group.code) == ("jobtech-occupation-group", "3511")
    assert occupation.kind == "jobtech-occupation"
    assert occupation.broader == [group.uri]


@pytest.fixture(scope="module")
def crosswalked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Taxonomy, dict[str, dict[str, int]]]:
    """Both real crosswalks imported into one taxonomy (once for the module: the skills file has 20k rows)."""
    data_dir = tmp_path_factory.mktemp("crosswalk")
    names = ("esco_skills_sv_crosswalk.csv", "esco_occupations_sv_crosswalk.csv")
    counts = {name: import_crosswalk(shared("data", "jobtech", name), data_dir=data_dir) for name in names}
    return Taxonomy.load(data_dir), counts


@pytest.mark.parametrize("name", ["esco_skills_sv_crosswalk.csv", "esco_occupations_sv_crosswalk.csv"])
def test_crosswalk_keeps_every_relation(
    crosswalked: tuple[Taxonomy, dict[str, dict[str, int]]], name: str
) -> None:
    text = shared("data", "jobtech", name).read_text(encoding="utf-8-sig")
    # every row naming a SKOS relation becomes a link; "no relation" rows do not
    assert crosswalked[1][name]["linked"] == len(re.findall(r"skos:\w+Match", text))


@pytest.mark.parametrize(
    ("esco", "jobtech", "relation"),
    [
        (ESCO_SKILL + "97965983-0da4-4902-9daf-d5cd2693ef73", "yQcc_fTn_JL5", "exactMatch"),
        # a row cut in two by a stray ';' in the file
        (ESCO_SKILL + "56823171-3d04-41a6-8f34-b6cd394abaef", "JreR_sTo_p7Z", "broadMatch"),
        (ESCO_OCCUPATION + "3594efa8-cd69-411e-a345-d88ba756b758", "h4wH_7kG_UTN", "broadMatch"),
    ],
)
def test_crosswalk_links_esco_to_jobtech(
    crosswalked: tuple[Taxonomy, dict[str, dict[str, int]]], esco: str, jobtech: str, relation: str
) -> None:
    taxonomy = crosswalked[0]
    inverse = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}.get(relation, relation)
    assert (relation, jobtech_uri(jobtech)) in _matches(taxonomy, esco)
    assert (inverse, esco) in _matches(taxonomy, jobtech_uri(jobtech))
    concept = taxonomy.get(esco)
    assert concept is not None and concept.labels.get("sv")  # ESCO concepts get their Swedish label


def test_crosswalk_after_jobtech_keeps_jobtech_kinds(tmp_path: Path) -> None:
    import_jobtech(shared("data", "jobtech", "isco-level-4-groups.json"), data_dir=tmp_path)
    before = Taxonomy.load(tmp_path).stats()["kind.jobtech-occupation-group"]
    import_crosswalk(shared("data", "jobtech", "esco_occupations_sv_crosswalk.csv"), data_dir=tmp_path)
    # the crosswalk maps some ESCO occupations to ISCO groups; they stay groups
    assert Taxonomy.load(tmp_path).stats()["kind.jobtech-occupation-group"] == before
