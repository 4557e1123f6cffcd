"""Teams: exact on small pools (checked against brute force), greedy within its proven bound."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.errors import KompetensError
from kompetens.match.role import Role
from kompetens.match.score import CandidateProfile, score, wording_fit
from kompetens.match.team import best_team, team_score
from kompetens.models import AREA_IDS
from kompetens.schema import to_jsonable

from .support import synthetic

vectors = st.lists(st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0]) | st.floats(0, 1), min_size=8, max_size=8)
# A role needs some weight left after the emphasis power (3e-118 ** 3 is 0.0: a role error, not a team).
weights = st.lists(st.sampled_from([0.0, 0.3, 1.0]) | st.floats(0, 2), min_size=8, max_size=8).filter(
    lambda w: max(w) > 1e-9
)


def brute_force(cands: list[CandidateProfile], role: Role, k: int) -> float:
    levels = np.array([c.vector for c in cands])
    return max(
        team_score(levels[list(combo)], role) for combo in itertools.combinations(range(len(cands)), k)
    )


@settings(max_examples=80, deadline=None)
@given(pool=st.lists(vectors, min_size=1, max_size=9), w=weights, k=st.integers(1, 4))
def test_exact_matches_brute_force(pool: list[list[float]], w: list[float], k: int) -> None:
    cands = [synthetic(i, v) for i, v in enumerate(pool)]
    role = Role("R", dict(zip(AREA_IDS, w, strict=True)))
    team = best_team(cands, role, k)
    assert team.exact
    assert len(team.members) == min(k, len(cands))
    assert team.score == pytest.approx(brute_force(cands, role, min(k, len(cands))), abs=1e-9)
    by_source = {c.source: c for c in cands}
    for j, area in enumerate(AREA_IDS):
        assert team.coverage[area] == max(by_source[m].vector[j] for m in team.members)


@settings(max_examples=60, deadline=None)
@given(pool=st.lists(vectors, min_size=5, max_size=10), w=weights, k=st.integers(2, 4))
def test_greedy_is_within_its_bound(pool: list[list[float]], w: list[float], k: int) -> None:
    cands = [synthetic(i, v) for i, v in enumerate(pool)]
    role = Role("R", dict(zip(AREA_IDS, w, strict=True)))
    greedy = best_team(cands, role, k, exact_limit=0)
    optimum = brute_force(cands, role, k)
    assert greedy.score >= (1 - 1 / math.e) * optimum - 1e-9
    assert greedy.upper_bound >= optimum - 1e-9  # the a-posteriori bound really bounds the optimum
    assert greedy.score <= optimum + 1e-9


def test_large_searches_go_greedy() -> None:
    role = Role("R", dict.fromkeys(AREA_IDS, 1.0))
    one_hot = [synthetic(i, [1.0 if j == i else 0.0 for j in range(8)]) for i in range(8)]
    team = best_team(one_hot, role, 3, exact_limit=10)  # C(8, 3) = 56 teams > 10
    assert not team.exact
    assert team.score == pytest.approx(37.5)
    assert team.upper_bound == pytest.approx(37.5)
    assert best_team(one_hot, role, 3).exact


def test_complementary_specialists_beat_two_generalists() -> None:
    role = Role("R", dict.fromkeys(AREA_IDS, 1.0))
    half = [1.0] * 4 + [0.0] * 4
    cands = [
        synthetic(0, [0.6] * 8),
        synthetic(1, [0.6] * 8),
        synthetic(2, half),
        synthetic(3, half[::-1]),
    ]
    team = best_team(cands, role, 2)
    assert team.members == ("cv002", "cv003")
    assert team.score == pytest.approx(100.0)
    data = to_jsonable(team)
    assert isinstance(data, dict) and data["members"] == ["cv002", "cv003"]


def test_ties_pick_the_first_sources() -> None:
    role = Role("R", dict.fromkeys(AREA_IDS, 1.0))
    cands = [synthetic(i, [0.5] * 8) for i in (4, 2, 3, 1)]
    assert best_team(cands, role, 2).members == ("cv001", "cv002")


def test_a_team_smaller_than_asked_for_says_why() -> None:
    """A user test's finding 24 (stop 36): a team of 5 from 2 CVs came back as a team of 2 without a word."""
    role = Role("R", dict.fromkeys(AREA_IDS, 1.0))
    cands = [synthetic(i, [0.5] * 8) for i in (1, 2)]
    short = best_team(cands, role, 5)
    assert short.members == ("cv001", "cv002") and short.size == 5
    assert len(short.notes) == 1 and "5" in short.notes[0] and "2 CVs" in short.notes[0]
    assert to_jsonable(short)["notes"] == short.notes  # type: ignore[index]
    full = best_team(cands, role, 2)
    assert full.size == 2 and full.notes == []


@pytest.mark.parametrize("size", [0, -1])
def test_bad_size(size: int) -> None:
    with pytest.raises(KompetensError) as info:
        best_team([synthetic(0, [0.5] * 8)], Role("R", dict.fromkeys(AREA_IDS, 1.0)), size)
    assert info.value.field == "size"


def brute_force_with_must_haves(cands: list[CandidateProfile], role: Role, k: int) -> tuple[int, float]:
    """The best (must-haves met, coverage) over every team of k: must-haves first."""
    levels = np.array([c.vector for c in cands])
    best = (-1, -1.0)
    for combo in itertools.combinations(range(len(cands)), k):
        met = sum(
            any(cands[i].vector[AREA_IDS.index(a)] >= role.min_levels.get(a, 0.1) for i in combo)
            for a in role.must_have
        )
        best = max(best, (met, team_score(levels[list(combo)], role)))
    return best


@settings(max_examples=60, deadline=None)
@given(
    pool=st.lists(vectors, min_size=2, max_size=8),
    w=weights,
    k=st.integers(1, 3),
    must=st.lists(st.sampled_from(AREA_IDS), min_size=1, max_size=3, unique=True),
)
def test_a_team_meets_the_most_must_haves_first(
    pool: list[list[float]], w: list[float], k: int, must: list[str]
) -> None:
    """A bug hunt's role made community a must-have at 0.5: the team of two had community 0.00."""
    cands = [synthetic(i, v) for i, v in enumerate(pool)]
    role = Role(
        "R", dict(zip(AREA_IDS, w, strict=True)), must_have=tuple(must), min_levels=dict.fromkeys(must, 0.5)
    )
    team = best_team(cands, role, k)
    met, coverage = brute_force_with_must_haves(cands, role, min(k, len(cands)))
    assert sum(team.must_haves.values()) == met
    assert team.missing_must_haves == [a for a in must if not team.must_haves[a]]
    assert math.isclose(team.score, coverage, abs_tol=1e-6)


def test_greedy_keeps_the_must_haves_first() -> None:
    # a large pool (greedy): the only candidate with community is weak elsewhere, and still chosen
    others = [a for a in range(8) if AREA_IDS[a] != "community"]
    rows = [[0.3] * 8 for _ in range(60)]
    for i, row in enumerate(rows):  # each strong in one area: no one dominates the pool
        row[AREA_IDS.index("community")] = 0.0
        row[others[i % 7]] = 0.5 + i / 200
    cands = [synthetic(i, row) for i, row in enumerate(rows)]
    cands.append(synthetic(60, [0.0, 0.0, 0.0, 0.0, 0.0, 0.6, 0.0, 0.0]))
    weights = dict.fromkeys(AREA_IDS, 1.0) | {"community": 0.1}  # by coverage alone, never worth a place
    role = Role("R", weights, must_have=("community",), min_levels={"community": 0.5})
    team = best_team(cands, role, 3, exact_limit=10)
    assert not team.exact and cands[60].source in team.members and team.missing_must_haves == []
    assert team.score <= team.upper_bound


def _worded(i: int, vec: list[float], words: dict[str, float]) -> CandidateProfile:
    cand = synthetic(i, vec)
    cand.wording = words
    return cand


WORDED_ROLE = Role(
    "R", dict.fromkeys(AREA_IDS, 1.0), wording={"redaktör": 0.8, "medier": 0.6}, lang="en", wording_share=0.4
)


@settings(max_examples=60, deadline=None)
@given(
    pool=st.lists(st.tuples(vectors, st.none() | st.floats(0, 1)), min_size=1, max_size=6),
    k=st.integers(1, 3),
)
def test_a_team_scores_on_ranks_scale(pool: list[tuple[list[float], float | None]], k: int) -> None:
    """A bug hunt: the best candidate scored 77 in rank and the team of two holding it 66: the team's score
    was the areas' coverage alone, without the ad's wording. A one-person team scores what rank gives that
    person, no team scores below a member, and a member added never lowers the score."""
    cands = [
        _worded(i, v, {} if f is None else {"redaktör": f, "medier": 1.0 - f, "annat": 0.3})
        for i, (v, f) in enumerate(pool)
    ]
    team = best_team(cands, WORDED_ROLE, k)
    ranked = {c.source: score(c, WORDED_ROLE).score for c in cands}
    assert team.member_scores == {m: ranked[m] for m in team.members}
    assert team.score >= max(ranked[m] for m in team.members) - 1e-9
    if k == 1:
        assert team.score == pytest.approx(ranked[team.members[0]], abs=1e-9)
    fits = [wording_fit(c, WORDED_ROLE) for c in cands]
    if any(f is not None for f in fits):
        assert team.wording_share == 0.4 and team.score >= team.coverage_score * 0.6 - 1e-9
    else:
        assert team.wording is None and team.score == pytest.approx(team.coverage_score, abs=1e-9)
    bigger = best_team(cands, WORDED_ROLE, k + 1)
    assert bigger.score >= team.score - 1e-9


def test_the_team_holding_the_best_candidate_scores_above_it() -> None:
    # the bug hunt's case: a strong CV sharing the ad's wording, a weaker one in other areas
    strong = _worded(0, [0.68, 0.0, 0.83, 0.0, 0.0, 0.25, 0.46, 0.0], {"redaktör": 0.8, "medier": 0.6})
    medium = _worded(1, [0.36, 0.42, 0.42, 0.0, 0.0, 0.0, 0.0, 0.0], {"webb": 1.0})
    alone = score(strong, WORDED_ROLE).score
    team = best_team([strong, medium], WORDED_ROLE, 2)
    assert team.members == ("cv000", "cv001") and team.score > alone > team.coverage_score
    # two shared words: each brings at most WORD_CAP (0.25) of the full fit
    assert team.wording == score(strong, WORDED_ROLE).wording == 0.5 and team.member_scores["cv000"] == alone
