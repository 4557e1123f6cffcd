"""Compile the fictional wheel files and read them back through ``Taxonomy``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy import CONCEPT_KINDS, Taxonomy, build_taxonomy, taxonomy_path

from .conftest import ISCO, O1, OCC, SKILL, U1, U2, U3, U4


@pytest.mark.parametrize(
    ("uri", "kind", "labels", "description"),
    [
        (
            SKILL + U1,
            "skill",
            ["moderate online discussions", "moderate online forums", "moderating online discussions"],
            "Keep fictional forums civil and on topic.",
        ),
        (
            SKILL + U2,
            "skill",
            # ojd's labels exactly: the text's other first label ("write imaginary ...") is not added
            ["write fictional press releases", "draft fictional press releases"],
            "Compose press releases for Exempelbolaget AB.",
        ),
        (
            SKILL + U3,
            "skill",
            ["Testscript", "Testscript programming"],
            "The invented language Testscript is used only in tests.",
        ),
        (SKILL + U4, "skill", ["plan example campaigns"], "Plan campaigns for Fiktiva Fönster AB."),
        (
            OCC + O1,
            "occupation",
            ["example community keeper", "example forum keeper"],
            "Example community keepers look after fictional online communities. They answer Testa Testsson.",
        ),
        (ISCO + "099", "occupation-group", ["Example occupations"], "Example occupations do invented work."),
        (SKILL + "S1.2.1", "skill-group", ["example group alpha one"], ""),
        (SKILL + "S1", "skill-group", ["example top group"], ""),
        ("http://data.europa.eu/esco/isced-f/061", "skill-group", ["example field one"], ""),
    ],
)
def test_built_concepts(built: Path, uri: str, kind: str, labels: list[str], description: str) -> None:
    concept = Taxonomy.load(built).get(uri)
    assert concept is not None
    assert concept.kind == kind
    assert concept.labels == {"en": labels}
    assert concept.description == description


@pytest.mark.parametrize(
    ("uri", "broader"),
    [
        (SKILL + U1, [SKILL + "S1.2.1", SKILL + "T4.1"]),
        (SKILL + U3, ["http://data.europa.eu/esco/isced-f/0613"]),
        (SKILL + "S1.2.1", [SKILL + "S1.2"]),
        (SKILL + "S1.2", [SKILL + "S1"]),
        (ISCO + "099", [ISCO + "09"]),
        (SKILL + U4, []),
    ],
)
def test_built_hierarchy(built: Path, uri: str, broader: list[str]) -> None:
    concept = Taxonomy.load(built).get(uri)
    assert concept is not None
    assert sorted(concept.broader) == sorted(broader)


def test_group_codes_and_unnamed_groups(built: Path) -> None:
    taxonomy = Taxonomy.load(built)
    assert taxonomy.get(SKILL + "S1.2.1").code == "S1.2.1"  # type: ignore[union-attr]
    assert taxonomy.get(ISCO + "099").code == "099"  # type: ignore[union-attr]
    # K0613 has no name in the fixtures: no concept for it, though skills point at it
    assert taxonomy.get("http://data.europa.eu/esco/isced-f/0613") is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Moderate  ONLINE forums", "en", [SKILL + U1]),
        ("moderate online forums", None, [SKILL + U1]),
        ("moderate online forums", "sv", []),
        ("example forum keeper", "en", [OCC + O1]),
        ("nothing like this", None, []),
    ],
)
def test_search_label(built: Path, text: str, lang: str | None, expected: list[str]) -> None:
    assert [c.uri for c in Taxonomy.load(built).search_label(text, lang)] == expected


def test_concepts_by_kind_and_stats(built: Path) -> None:
    taxonomy = Taxonomy.load(built)
    stats = taxonomy.stats()
    by_kind = {kind: [c.uri for c in taxonomy.concepts(kind)] for kind in CONCEPT_KINDS}
    assert sorted(by_kind["skill"]) == sorted(SKILL + u for u in (U1, U2, U3, U4))
    assert by_kind["occupation"] == [OCC + O1]
    assert len(taxonomy) == stats["concepts"] == sum(len(v) for v in by_kind.values())
    assert [c.uri for c in taxonomy.concepts()] == [c.uri for c in taxonomy.concepts()]  # stable order
    for kind, uris in by_kind.items():
        assert stats.get(f"kind.{kind}", 0) == len(uris)
    labels = list(taxonomy.labels(lang="en"))
    assert stats["labels.en"] == len(labels)
    assert stats["concepts.en"] == len({uri for uri, *_ in labels})
    assert SKILL + U1 in taxonomy and "http://example.invalid/none" not in taxonomy


def test_labels_iterator_filters(built: Path) -> None:
    rows = list(Taxonomy.load(built).labels(kind="occupation"))
    assert rows == [
        (OCC + O1, "en", "example community keeper", 0),
        (OCC + O1, "en", "example forum keeper", 1),
    ]


def test_load_without_build_says_run_setup(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError) as err:
        Taxonomy.load(tmp_path)
    assert err.value.code is Code.E200
    assert "kompetens setup" in err.value.message


def test_load_of_a_foreign_file(tmp_path: Path) -> None:
    taxonomy_path(tmp_path).write_bytes(b"this is no sqlite file at all" * 100)
    with pytest.raises(TaxonomyError) as err:
        Taxonomy.load(tmp_path)
    assert err.value.code is Code.E200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unknown_key": Path("x.csv")}, "unknown"),
        ({"esco_skills": Path("/nonexistent/skills.csv")}, "file not found"),
    ],
)
def test_build_rejects_bad_sources(
    tmp_path: Path, sources: dict[str, Path], change: dict[str, Path], message: str
) -> None:
    with pytest.raises(TaxonomyError) as err:
        build_taxonomy(data_dir=tmp_path / "d", sources={**sources, **change})
    assert err.value.code is Code.E201
    assert message in str(err.value)
    assert not taxonomy_path(tmp_path / "d").exists()


@pytest.mark.parametrize(
    ("name", "header", "row", "message"),
    [
        ("ojd_esco", ["id", "description"], ["x", "y"], "missing column(s) hierarchy_levels, type"),
        (
            "ojd_esco",
            ["id", "description", "hierarchy_levels", "type"],
            ["x", "y", "S1.2", "preferredLabel"],
            "hierarchy_levels",
        ),
        ("esco_skills", ["uri", "text"], ["x", "y"], "missing column(s) id, description"),
    ],
)
def test_build_names_the_bad_file(
    tmp_path: Path, sources: dict[str, Path], name: str, header: list[str], row: list[str], message: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as err:
        build_taxonomy(data_dir=tmp_path / "d", sources={**sources, name: bad})
    assert err.value.code is Code.E201
    assert err.value.source == str(bad)
    assert message in err.value.message


def test_rebuild_replaces_the_file_and_progress_reports(built: Path, sources: dict[str, Path]) -> None:
    before = Taxonomy.load(built).stats()
    messages: list[str] = []
    build_taxonomy(data_dir=built, sources=sources, progress=messages.append)
    assert any("writing" in m for m in messages)
    assert not list(built.glob("*.tmp"))
    assert Taxonomy.load(built).stats() == before


def test_holds_prefix_agrees_with_a_scan_of_the_uris(built: Path) -> None:
    taxonomy = Taxonomy.load(built)
    uris = [c.uri for c in taxonomy.concepts()]
    prefixes = {uri[:n] for uri in uris for n in (0, 5, 20, len(uri) - 1, len(uri))}
    prefixes |= {uri + "x" for uri in uris} | {
        "kompetens:span:",
        "kompetens:span:excel",
        "zzz",
        "http://data.europa.eu/esco/skill/~",
    }
    for prefix in sorted(prefixes):
        assert taxonomy.holds_prefix(prefix) == any(uri.startswith(prefix) for uri in uris), prefix


def test_first_labels_are_the_concepts_first_labels(built: Path) -> None:
    taxonomy = Taxonomy.load(built)
    uris = [c.uri for c in taxonomy.concepts()]
    asked = [*uris, "kompetens:span:excel", "http://example.invalid/none"]
    found = taxonomy.first_labels(asked)
    assert set(found) == set(uris)  # a URI that is no concept is left out
    for uri in uris:
        concept = taxonomy.get(uri)
        assert concept is not None
        assert found[uri] == {lang: labels[0] for lang, labels in concept.labels.items() if labels}
