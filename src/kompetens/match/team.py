"""The team of N candidates that together cover a role best; one person rarely covers all eight areas.

Coverage of a team is ``sum_a w_a * max_{c in team} level_c[a] / sum_a w_a``: each area counts at the
level of the team's strongest member in it. That function is monotone and submodular (a weighted sum
of maxima), so:

* exact search looks at every team of the pool left after removing dominated candidates (someone else is
  at least as strong in every weighted area): C(n, k) teams, e.g. C(35, 4) = 52,360, C(100, 4) = 3.9
  million. It runs while C(n, k) <= ``exact_limit``;
* beyond that, greedy selection (best marginal gain, k rounds over n candidates: O(n k) work) is within
  (1 - 1/e) ~ 63% of the optimum (Nemhauser, Wolsey and Fisher 1978), and the result carries the
  tighter bound measured on the data: optimum <= f(S_i) + the k largest marginal gains at S_i, for every
  greedy prefix S_i (Minoux's a-posteriori bound).

The score is ``kompetens rank``'s, on its scale: where the role has distinctive wording (a role derived from an
ad) and some CV's wording can be compared with it, the areas' coverage brings ``1 - role.wording_share`` of the
100 points and the team's wording fit, its best member's, the rest, as a candidate's areas and wording do in
rank. A member whose wording cannot be compared counts its own area score in the wording's place (rank then
scores it by its areas alone: the same number). The wording is one more column taken at the team's best
member, so the function stays a weighted sum of maxima; a one-person team scores what rank gives that person,
and adding a member never lowers a team's score. Without wording (a role file), the score is the coverage.

The role's must-haves come first: a team that meets more of them (an area at its level in one member, or a
concept one member shows) beats any team that meets fewer, whatever their coverage; the search compares
coverage among the teams that meet the most. ``missing_must_haves`` names what the chosen team still lacks.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..errors import Code, FailedInput, KompetensError
from ..models import AREA_IDS
from ..schema import DOCUMENTED, R2, R4
from .role import Role
from .score import CandidateProfile, meets, score, wording_fit

EXACT_LIMIT = 2_000_000
"""Teams evaluated at most by exact search; above it, greedy."""
DOMINANCE_LIMIT = 3_000
"""Pools larger than this skip the pairwise dominance filter (n^2 comparisons)."""
_CHUNK = 65_536

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True, slots=True)
class Team:
    """The chosen members (sources), the level the team reaches per area, and its 0..100 score on rank's
    scale: the ``kompetens team --json`` object."""

    __pydantic_config__ = DOCUMENTED

    members: tuple[str, ...]
    """The CVs' sources, in source order."""
    coverage: dict[str, R4]
    """The level of the team's strongest member per area (all eight), 0..1."""
    score: R2
    """0..100 on ``kompetens rank``'s scale: the areas' weighted coverage and, where the wording was compared,
    the team's wording fit (its best member's) with the role's ``wording_share``; a one-person team scores
    what rank gives that person, and no team scores below any of its members."""
    exact: bool
    """True when every possible team was compared (else greedy, within ``upper_bound``)."""
    upper_bound: R2
    """No team that meets as many must-haves scores above this."""
    teams_evaluated: int
    """How many teams (or, greedy, candidate checks) the search compared."""
    failed: tuple[FailedInput, ...] = ()
    """CVs that could not be read (the team is chosen from the others)."""
    must_haves: dict[str, bool] = field(default_factory=dict)
    """Each of the role's must-haves, and whether a member meets it."""
    missing_must_haves: list[str] = field(default_factory=list)
    """The role's must-haves no member meets (a team is chosen among those that meet the most)."""
    coverage_score: R2 = 0.0
    """The areas' weighted coverage alone, 0..100 (``score`` without the wording)."""
    wording: R4 | None = None
    """The team's wording fit, 0..1: its best member's (null when no CV's wording was compared)."""
    wording_share: R2 = 0.0
    """The share of ``score`` the wording brings (0 when it was not compared)."""
    member_scores: dict[str, R2] = field(default_factory=dict)
    """Each member's own ``kompetens rank`` score for the role, by source."""
    size: int = 0
    """The team size asked for: ``members`` holds fewer when fewer CVs could be used (``notes`` says so)."""
    notes: list[str] = field(default_factory=list)
    """Why the team is not what was asked for, in words (a team of 5 asked for from 2 CVs); empty when it is."""


def team_columns(cands: list[CandidateProfile], role: Role) -> tuple[FloatArray, FloatArray, float]:
    """The columns a team's score takes at its best member (the eight area levels, then the wording fit) and
    each column's weight, so that ``100 x best @ weights`` is the score; and the wording's share (0 when no
    CV's wording was compared with the role's: the coverage alone, as rank scores then)."""
    levels = np.array([c.vector for c in cands], dtype=np.float64).reshape(len(cands), len(AREA_IDS))
    weights = np.asarray(role.vector, dtype=np.float64) / role.total_weight
    fits = [wording_fit(c, role) for c in cands]
    share = role.wording_share if any(f is not None for f in fits) else 0.0
    alone = levels @ weights  # a CV without a compared wording: its area score stands in, as in rank
    words = np.array([alone[i] if f is None else f for i, f in enumerate(fits)], dtype=np.float64)
    cols = np.hstack([levels, words.reshape(-1, 1)])
    return cols, np.concatenate([(1.0 - share) * weights, [share]]), share


def team_score(levels: FloatArray, role: Role) -> float:
    """0..100 coverage of a team given its members' level rows (the areas alone)."""
    if len(levels) == 0:
        return 0.0
    best = levels.max(axis=0)
    return float(100.0 * (best @ np.asarray(role.vector)) / role.total_weight)


def _value(cols: FloatArray, gains: FloatArray) -> float:
    """0..100: a team's score from its members' ``team_columns`` rows."""
    return float(100.0 * (cols.max(axis=0) @ gains)) if len(cols) else 0.0


def best_team(
    candidates: Iterable[CandidateProfile], role: Role, size: int, *, exact_limit: int = EXACT_LIMIT
) -> Team:
    """The ``size`` candidates that together cover ``role`` best: exact when the search is small enough."""
    if size < 1:
        raise KompetensError(Code.E301, f"team size must be at least 1, not {size}", field="size")
    cands = sorted(candidates, key=lambda c: c.source)
    if not cands:
        raise KompetensError(Code.E301, "no candidates to build a team from", field="candidates")
    cols, weights, share = team_columns(cands, role)
    # must-haves as extra columns, each 0 or ``big`` (more than the whole score together), so that one more
    # must-have met outweighs any score; a team "has" one when a member does: the same max as the areas
    must = np.array([[meets(c, role, key) for key in role.must_have] for c in cands], dtype=np.float64)
    must = must.reshape(len(cands), len(role.must_have))
    big = float(weights.sum()) + 1.0
    rows = np.hstack([cols, must])
    gains = np.concatenate([weights, np.full(must.shape[1], big)])
    scored = _Scored(cands, cols, weights, share, must, role)
    k = min(size, len(cands))
    notes = [] if k == size else [_short_note(size, len(cands))]
    pool = _undominated(rows, gains) if len(cands) <= DOMINANCE_LIMIT else list(range(len(cands)))
    if len(pool) <= k:
        chosen = pool + [i for i in _by_score(rows, gains) if i not in pool][: k - len(pool)]
        return replace(scored.team(chosen, exact=True, bound=None, evaluated=1), size=size, notes=notes)
    n_teams = math.comb(len(pool), k)
    if n_teams <= exact_limit:
        chosen = _exact(rows[pool], gains, k)
        team = scored.team([pool[i] for i in chosen], exact=True, bound=None, evaluated=n_teams)
        return replace(team, size=size, notes=notes)
    chosen = _greedy(rows, gains, k)
    # Minoux's bound on the score alone (the must-have columns are not score)
    bound = _bound(chosen, cols, weights, k)
    return replace(
        scored.team(chosen, exact=False, bound=bound, evaluated=len(cands) * k), size=size, notes=notes
    )


def _short_note(size: int, given: int) -> str:
    """The note of a team smaller than asked for: every CV given is in it."""
    cvs = "1 CV" if given == 1 else f"{given} CVs"
    return (
        f"a team of {size} was asked for, but only {cvs} could be used: the team holds all of them "
        "(a CV that could not be read is listed in failed)"
    )


@dataclass(frozen=True, slots=True)
class _Scored:
    """The pool as the search scores it (``team_columns``), to build the ``Team`` of chosen rows."""

    cands: list[CandidateProfile]
    cols: FloatArray
    weights: FloatArray
    share: float
    must: FloatArray
    role: Role

    def team(self, chosen: list[int], *, exact: bool, bound: float | None, evaluated: int) -> Team:
        chosen = sorted(chosen)
        best = self.cols[chosen].max(axis=0)
        value = _value(self.cols[chosen], self.weights)
        members = [self.cands[i] for i in chosen]
        fits = [f for f in (wording_fit(c, self.role) for c in members) if f is not None]
        met = {key: bool(self.must[chosen, j].max() > 0) for j, key in enumerate(self.role.must_have)}
        return Team(
            members=tuple(c.source for c in members),
            coverage={a: float(best[j]) for j, a in enumerate(AREA_IDS)},
            score=value,
            exact=exact,
            upper_bound=value if bound is None else max(value, min(100.0, 100.0 * bound)),
            teams_evaluated=evaluated,
            must_haves=met,
            missing_must_haves=[key for key, ok in met.items() if not ok],
            coverage_score=team_score(self.cols[chosen, : len(AREA_IDS)], self.role),
            wording=max(fits) if self.share and fits else None,
            wording_share=self.share,
            member_scores={c.source: score(c, self.role).score for c in members},
        )


def _bound(order: list[int], levels: FloatArray, weights: FloatArray, k: int) -> float:
    """An upper bound on the best coverage of any k candidates: for each prefix S of the greedy ``order``,
    f(S) plus the k largest marginal gains over S (Minoux), the least of them."""
    current = np.zeros(levels.shape[1])
    bound = float(weights.sum())
    for i in [*order, None]:
        gains = (np.maximum(levels, current) - current) @ weights
        top = np.sort(gains)[::-1][:k]
        bound = min(bound, float(current @ weights) + float(top[top > 0].sum()))
        if i is not None:
            current = np.maximum(current, levels[i])
    return bound


def _by_score(levels: FloatArray, weights: FloatArray) -> list[int]:
    totals = levels @ weights
    return sorted(range(len(levels)), key=lambda i: (-totals[i], i))


def _undominated(levels: FloatArray, weights: FloatArray) -> list[int]:
    """Candidates no one else dominates in the weighted areas (equal rows: the first one stays)."""
    cols = weights > 0
    x = levels[:, cols]
    ge = (x[:, None, :] >= x[None, :, :]).all(axis=2)  # ge[j, i]: j at least as strong as i everywhere
    gt = (x[:, None, :] > x[None, :, :]).any(axis=2)
    n = len(x)
    earlier = np.tri(n, n, -1, dtype=bool).T  # earlier[j, i]: j < i
    dominated = np.asarray((ge & (gt | earlier)).any(axis=0), dtype=bool).tolist()
    return [i for i, d in enumerate(dominated) if not d]


def _exact(levels: FloatArray, weights: FloatArray, k: int) -> list[int]:
    """Every k-subset, in chunks; the first best in lexicographic order wins ties."""
    best_value = -1.0
    best_combo: tuple[int, ...] = tuple(range(k))
    combos = itertools.combinations(range(len(levels)), k)
    while True:
        chunk = np.fromiter(
            itertools.chain.from_iterable(itertools.islice(combos, _CHUNK)), dtype=np.int64
        ).reshape(-1, k)
        if len(chunk) == 0:
            break
        values = levels[chunk].max(axis=1) @ weights
        i = int(np.argmax(values))
        if values[i] > best_value:
            best_value, best_combo = float(values[i]), tuple(int(c) for c in chunk[i])
    return list(best_combo)


def _greedy(levels: FloatArray, weights: FloatArray, k: int) -> list[int]:
    """Greedy by marginal gain (ties: lower index), in the order chosen (``_bound`` reads the prefixes)."""
    current = np.zeros(levels.shape[1])
    chosen: list[int] = []
    available = np.ones(len(levels), dtype=bool)
    for _ in range(k):
        gains = (np.maximum(levels, current) - current) @ weights
        gains[~available] = -1.0
        i = int(np.argmax(gains))
        chosen.append(i)
        available[i] = False
        current = np.maximum(current, levels[i])
    return chosen
