"""Importers on fictional files: official ESCO CSV (sv), JobTech dumps, crosswalks; their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy import Taxonomy, build_taxonomy, import_crosswalk, import_esco_csv, import_jobtech

from .conftest import (
    ESCO_SV_HEADER,
    ESCO_SV_ROWS,
    JOBTECH,
    JOBTECH_DUMP,
    SKILL,
    U1,
    U2,
    U3,
    U4,
    write_crosswalk,
    write_csv,
)


def _matches(taxonomy: Taxonomy, uri: str) -> list[tuple[str, str]]:
    return [rel for rel in taxonomy.relations(uri) if rel[0] != "broader"]


def test_import_esco_csv_adds_swedish_labels(built: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "skills_sv.csv", ESCO_SV_HEADER, ESCO_SV_ROWS)
    counts = import_esco_csv(path, data_dir=built)
    assert counts == {"rows": 2, "updated": 2}
    concept = Taxonomy.load(built).get(SKILL + U1)
    assert concept is not None
    assert concept.labels["sv"] == [
        "moderera onlinediskussioner",
        "moderera forum",
        "moderering av diskussioner",
    ]
    assert concept.labels["en"][0] == "moderate online discussions"  # untouched
    assert concept.descriptions["sv"] == "Håll fiktiva forum sakliga."
    assert concept.description == concept.descriptions["en"]  # English stays the main description
    found = Taxonomy.load(built).search_label("Moderering av  diskussioner", "sv")
    assert [c.uri for c in found] == [SKILL + U1]
    assert Taxonomy.load(built).stats()["concepts.sv"] == 2


def test_import_esco_csv_twice_replaces_not_duplicates(built: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "skills_sv.csv", ESCO_SV_HEADER, ESCO_SV_ROWS)
    import_esco_csv(path, data_dir=built)
    first = Taxonomy.load(built).stats()
    import_esco_csv(path, data_dir=built)
    assert Taxonomy.load(built).stats() == first


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [("skills_sv.csv", None, "sv"), ("occupations_en.csv", None, "en"), ("my-file.csv", "nb", "nb")],
)
def test_import_esco_csv_language(
    built: Path, tmp_path: Path, name: str, lang: str | None, expected: str
) -> None:
    path = write_csv(tmp_path / name, ESCO_SV_HEADER, ESCO_SV_ROWS[:1])
    import_esco_csv(path, data_dir=built, lang=lang)
    concept = Taxonomy.load(built).get(SKILL + U1)
    assert concept is not None and concept.labels[expected][0] == "moderera onlinediskussioner"


def test_import_esco_csv_tabiya_columns_add_occupations(built: Path, tmp_path: Path) -> None:
    uri = "http://data.europa.eu/esco/occupation/0c0c0c0c-0000-4000-8000-000000000009"
    header = ["ORIGINURI", "ID", "ISCOGROUPCODE", "CODE", "PREFERREDLABEL", "ALTLABELS", "DESCRIPTION"]
    rows = [[uri, "key_1", "0991", "0991.1", "example tester", "example tester\nexample checker", "Tests."]]
    counts = import_esco_csv(write_csv(tmp_path / "occupations_en.csv", header, rows), data_dir=built)
    assert counts == {"rows": 1, "added": 1}
    concept = Taxonomy.load(built).get(uri)
    assert concept is not None
    assert (concept.kind, concept.code, concept.labels["en"]) == (
        "occupation",
        "0991.1",
        ["example tester", "example checker"],
    )
    assert concept.broader == ["http://data.europa.eu/esco/isco/C0991"]


def test_import_jobtech_dump(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(JOBTECH_DUMP), encoding="utf-8")
    counts = import_jobtech(path, data_dir=built)
    assert counts == {"concepts": 3, "skipped": 1}
    taxonomy = Taxonomy.load(built)
    skill = taxonomy.get(JOBTECH + "Test_Ab1_Xy2")
    group = taxonomy.get(JOBTECH + "Test_Grp_001")
    occupation = taxonomy.get(JOBTECH + "Test_Occ_001")
    assert skill is not None and group is not None and occupation is not None
    assert (skill.kind, skill.labels) == ("jobtech-skill", {"sv": ["Forummoderering"]})
    assert (group.kind, group.code, group.description) == (
        "jobtech-occupation-group",
        "9999",
        "Påhittade yrken för tester.",
    )
    assert (occupation.kind, occupation.broader) == ("jobtech-occupation", [JOBTECH + "Test_Grp_001"])
    assert JOBTECH + "Test_Key_001" not in taxonomy  # keywords are skipped


@pytest.mark.parametrize("semicolon", [True, False])
def test_import_crosswalk_links_both_ways(built: Path, tmp_path: Path, semicolon: bool) -> None:
    counts = import_crosswalk(write_crosswalk(tmp_path / "cw.csv", semicolon=semicolon), data_dir=built)
    assert counts == {"linked": 2, "unmapped": 1}
    taxonomy = Taxonomy.load(built)
    assert _matches(taxonomy, SKILL + U1) == [("exactMatch", JOBTECH + "Test_Ab1_Xy2")]
    assert _matches(taxonomy, JOBTECH + "Test_Ab1_Xy2") == [("exactMatch", SKILL + U1)]
    # the shifted row: the ESCO skill is broader than nothing; JobTech's concept is the broader one
    assert _matches(taxonomy, SKILL + U2) == [("broadMatch", JOBTECH + "Test_Pr_0001")]
    assert _matches(taxonomy, JOBTECH + "Test_Pr_0001") == [("narrowMatch", SKILL + U2)]
    esco = taxonomy.get(SKILL + U2)
    stub = taxonomy.get(JOBTECH + "Test_Pr_0001")
    assert esco is not None and stub is not None
    assert esco.labels["sv"] == ["skriva pressmeddelanden"]
    assert esco.related == [JOBTECH + "Test_Pr_0001"]
    assert (stub.kind, stub.labels) == ("jobtech-skill", {"sv": ["Pressarbete, fiktivt"]})
    unmapped = taxonomy.get(SKILL + U3)
    assert unmapped is not None and "sv" not in unmapped.labels


def test_jobtech_dump_fixes_a_kind_the_crosswalk_guessed(built: Path, tmp_path: Path) -> None:
    import_crosswalk(write_crosswalk(tmp_path / "cw.csv", semicolon=True), data_dir=built)
    dump = {
        "data": {
            "concepts": [{"id": "Test_Pr_0001", "preferred_label": "Pressarbete", "type": "ssyk-level-4"}]
        }
    }
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    import_jobtech(path, data_dir=built)
    concept = Taxonomy.load(built).get(JOBTECH + "Test_Pr_0001")
    assert concept is not None and concept.kind == "jobtech-occupation-group"
    assert concept.labels["sv"] == ["Pressarbete, fiktivt", "Pressarbete"]


def test_importers_work_before_a_build(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(JOBTECH_DUMP), encoding="utf-8")
    import_jobtech(path, data_dir=tmp_path / "data")
    assert Taxonomy.load(tmp_path / "data").stats()["kind.jobtech-skill"] == 1


def test_rebuild_replays_imports(built: Path, tmp_path: Path, sources: dict[str, Path]) -> None:
    import_esco_csv(write_csv(tmp_path / "skills_sv.csv", ESCO_SV_HEADER, ESCO_SV_ROWS), data_dir=built)
    import_crosswalk(write_crosswalk(tmp_path / "cw.csv", semicolon=True), data_dir=built)
    gone = tmp_path / "gone.json"
    gone.write_text(json.dumps(JOBTECH_DUMP), encoding="utf-8")
    import_jobtech(gone, data_dir=built)
    gone.unlink()
    before = Taxonomy.load(built).get(SKILL + U4)
    messages: list[str] = []
    build_taxonomy(data_dir=built, sources=sources, progress=messages.append)
    taxonomy = Taxonomy.load(built)
    assert taxonomy.get(SKILL + U4) == before
    assert _matches(taxonomy, SKILL + U1) == [("exactMatch", JOBTECH + "Test_Ab1_Xy2")]
    assert JOBTECH + "Test_Grp_001" not in taxonomy
    assert any("file gone" in m and "gone.json" in m for m in messages)


@pytest.mark.parametrize(
    ("importer", "name", "content", "message"),
    [
        (import_jobtech, "x.json", "{not json", "not JSON"),
        (import_jobtech, "x.json", '{"data": {"a": 1}}', "JobTech dump"),
        (import_jobtech, "x.json", '{"data": {"concepts": [{"label": "no id"}]}}', "without a string 'id'"),
        (import_jobtech, "x.json", b"\xff\xfe\x00bad", "not UTF-8"),
        (import_esco_csv, "skills_sv.csv", "uri,label\nx,y\n", "missing column conceptUri or preferredLabel"),
        (import_esco_csv, "skills.csv", "conceptUri,preferredLabel\nx,y\n", "cannot tell the language"),
        (import_crosswalk, "cw.csv", "a,b\nc,d\n", "Classification 1 URI"),
        (import_crosswalk, "cw.csv", "Classification 1 URI,Mapping relation\n", "missing column(s)"),
    ],
)
def test_bad_files_name_the_file_and_the_fault(
    tmp_path: Path, importer: object, name: str, content: str | bytes, message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError) as err:
        importer(path, data_dir=tmp_path / "data")  # type: ignore[operator]
    assert err.value.code is Code.E201
    assert err.value.source == str(path)
    assert message in err.value.message


@pytest.mark.parametrize("name", ["skills_sv.csv", "nothere.csv"])
@pytest.mark.parametrize("importer", [import_jobtech, import_esco_csv, import_crosswalk])
def test_missing_file(tmp_path: Path, importer: object, name: str) -> None:
    """A missing file is said to be missing, also where its name tells no language."""
    with pytest.raises(TaxonomyError) as err:
        importer(tmp_path / name, data_dir=tmp_path)  # type: ignore[operator]
    assert err.value.code is Code.E201
    assert "not found" in err.value.message


def test_a_language_not_told_by_the_name_is_asked_for_with_the_cli_option(tmp_path: Path) -> None:
    path = tmp_path / "skills.csv"
    path.write_text("conceptUri,preferredLabel\nx,y\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as err:
        import_esco_csv(path, data_dir=tmp_path / "data")
    assert "--lang" in err.value.message
