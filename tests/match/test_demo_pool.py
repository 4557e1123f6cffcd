"""The demo pool and its expected orderings, and the ranking quality on them (NDCG@10 >= 0.9 per role)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.ingest.reader import read_path
from kompetens.match.evaluate import ndcg_at_k
from kompetens.match.role import load_role
from kompetens.match.score import CandidateProfile, build_candidate, rank
from kompetens.models import Document, Profile

from .support import DEMO_CVS, EXPECTED, ROOT, TODAY, load_expected, standin_extract

ROLE_IDS = sorted(p.stem for p in EXPECTED.glob("*.json"))


def test_pool_size_languages_and_formats(demo_files: list[Path]) -> None:
    assert len(demo_files) >= 30
    langs = Counter(read_path(p)[0].lang for p in demo_files)
    assert langs["sv"] >= 10 and langs["en"] >= 10
    assert {p.suffix for p in demo_files} == {".txt", ".md"}
    assert len(ROLE_IDS) >= 3


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_expected_orderings_cover_the_pool(role_id: str, demo_files: list[Path]) -> None:
    expected = load_expected(role_id)
    assert set(expected["relevance"]) == {p.name for p in demo_files}
    assert set(expected["relevance"].values()) <= {0, 1, 2, 3}
    assert Counter(expected["relevance"].values())[3] >= 3
    load_role(ROOT / expected["role_file"])


@pytest.mark.parametrize("name", sorted(p.name for p in DEMO_CVS.iterdir()))
def test_every_demo_cv_has_personal_data_and_a_timeline(name: str) -> None:
    c = build_candidate(read_path(DEMO_CVS / name)[0], standin_extract, today=TODAY)
    assert {"name", "email"} <= set(c.removed)
    assert c.positions
    assert c.languages


@pytest.fixture(scope="module")
def engine_pool(
    engine_extract: Callable[[Document], Profile], demo_files: list[Path]
) -> list[CandidateProfile]:
    return [build_candidate(read_path(p)[0], engine_extract, today=TODAY) for p in demo_files]


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_ndcg_at_10(role_id: str, engine_pool: list[CandidateProfile]) -> None:
    expected = load_expected(role_id)
    ranking = [Path(r.score.source).name for r in rank(engine_pool, load_role(ROOT / expected["role_file"]))]
    assert ndcg_at_k(ranking, expected["relevance"], k=10) >= 0.9


def test_consumer_only_platform_use_ranks_low(engine_pool: list[CandidateProfile]) -> None:
    """The article's point: using the platforms as a consumer is not the job."""
    ranked = [
        Path(r.score.source).name
        for r in rank(engine_pool, load_role(ROOT / "demo/roles/social_media_specialist.yaml"))
    ]
    for consumer in ("sv-03-ung-konsument.txt", "en-04-young-consumer.md"):
        assert ranked.index(consumer) >= len(ranked) // 2


def test_the_demo_ad_as_role_ranks_well_with_its_wording(engine: Engine, demo_files: list[Path]) -> None:
    """``kompetens rank --role demo/ads/...``: the role from the ad weighs the wording a CV shares with it
    (match/wording.py); the ranking still meets the specialist grades and keeps the consumers low."""
    role = engine.role_from_ad(read_path(ROOT / "demo" / "ads" / "social-media-specialist-sv.txt")[0])
    assert role.wording and role.lang == "sv" and role.wording_en
    bridge = engine.word_bridge
    assert bridge is not None, "the linking index is built (kompetens setup)"
    cands = [
        build_candidate(read_path(p)[0], engine.extract, today=TODAY, zipf=engine.lexicon.zipf, bridge=bridge)
        for p in demo_files
    ]
    ranked = rank(cands, role)
    names = [Path(r.score.source).name for r in ranked]
    assert ndcg_at_k(names, load_expected("social_media_specialist")["relevance"], k=10) >= 0.9
    for consumer in ("sv-03-ung-konsument.txt", "en-04-young-consumer.md"):
        assert names.index(consumer) >= len(names) // 2
    assert all(r.score.wording is not None for r in ranked)  # the English CVs through their English terms
    english = [r.item() for r in ranked if r.score.candidate.lang == "en"]
    assert english and all(i.wording_in_english for i in english)
    assert any(i.wording_shared for i in english)
