"""The package's Swedish data (taxonomy/data/sv): it loads, stays small, holds no descriptions, and the
linker sees ESCO concepts with the Swedish labels of the JobTech concepts they match."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from kompetens.taxonomy import Taxonomy, build_taxonomy, import_crosswalk, import_jobtech, jobtech_uri
from kompetens.taxonomy.build import SWEDISH_FILES, import_swedish, swedish_data_dir
from kompetens.taxonomy.importers import _crosswalk_rows
from kompetens.taxonomy.linkable import linkable_concepts
from kompetens.taxonomy.store import recorded_sources, taxonomy_path

from .conftest import JOBTECH, JOBTECH_DUMP, SKILL, U1, U2, shared, write_crosswalk

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 3_000_000


def test_shipped_files_are_there_small_and_without_descriptions() -> None:
    folder = swedish_data_dir()
    sizes = {name: (folder / name).stat().st_size for name in SWEDISH_FILES}
    assert sum(sizes.values()) < MAX_BYTES, sizes
    dump = json.loads(gzip.decompress((folder / "jobtech_taxonomy.json.gz").read_bytes()))
    assert '"definition"' not in json.dumps(dump)
    for name in SWEDISH_FILES[1:]:
        meta, rows, header = _crosswalk_rows(folder / name)
        assert meta["Classification 1 Language"] == "sv"
        assert len(header) == 5 and sum(1 for _ in rows) > 5000


def test_swedish_import_adds_jobtech_but_no_esco_concepts(tmp_path: Path, built: Path) -> None:
    before = Taxonomy.load(built).stats()
    counts = import_swedish(taxonomy_path(built))
    after = Taxonomy.load(built).stats()
    assert counts["jobtech_concepts"] > 9000
    assert after["kind.jobtech-skill"] > 6000 and after["kind.jobtech-occupation"] > 2000
    for kind in ("skill", "occupation", "occupation-group", "skill-group"):
        assert after.get(f"kind.{kind}") == before.get(
            f"kind.{kind}"
        )  # none of the crosswalks' ESCO ids is here
    assert (
        recorded_sources(taxonomy_path(built)) == []
    )  # not a user import: not replayed, not a phrase source


def test_build_with_swedish(tmp_path: Path, sources: dict[str, Path]) -> None:
    build_taxonomy(data_dir=tmp_path / "d", sources=sources, swedish=True)
    taxonomy = Taxonomy.load(tmp_path / "d")
    assert taxonomy.stats()["kind.skill"] == 4
    concept = taxonomy.get(jobtech_uri("bgC3_M9R_1K4"))
    assert concept is not None and concept.labels["sv"] == ["Klagomålshantering"]


def test_linkable_concepts_fold_matching_jobtech_labels(built: Path, tmp_path: Path) -> None:
    dump = tmp_path / "jobtech.json"
    dump.write_text(json.dumps(JOBTECH_DUMP), encoding="utf-8")
    import_jobtech(dump, data_dir=built)
    import_crosswalk(write_crosswalk(tmp_path / "cw.csv", semicolon=False), data_dir=built)
    concepts = {c.uri: c for c in linkable_concepts(Taxonomy.load(built))}
    # exactMatch: the JobTech skill's label becomes a Swedish label of the ESCO skill, and it is not indexed
    assert concepts[SKILL + U1].labels["sv"] == ["moderera onlinediskussioner", "Forummoderering"]
    assert JOBTECH + "Test_Ab1_Xy2" not in concepts
    # broadMatch (the JobTech skill is broader): not folded, and not indexed beside the ESCO skill either
    assert concepts[SKILL + U2].labels["sv"] == ["skriva pressmeddelanden"]
    assert JOBTECH + "Test_Pr_0001" not in concepts
    # an occupation name no crosswalk row names stays as it is
    assert concepts[JOBTECH + "Test_Occ_001"].labels["sv"] == ["Forumvärd"]


@pytest.mark.slow
def test_the_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    shared_dir = shared("data", "jobtech").parents[1]
    spec = importlib.util.spec_from_file_location("build_sv", ROOT / "scripts" / "build_sv_taxonomy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = shared_dir / "data" / "jobtech"
    for source, (target, side2) in module.CROSSWALKS.items():
        module.crosswalk(folder / source, tmp_path / target, side2)
    module.jobtech(folder, tmp_path / "jobtech_taxonomy.json.gz")
    for name in SWEDISH_FILES:
        assert (tmp_path / name).read_bytes() == (swedish_data_dir() / name).read_bytes(), name
