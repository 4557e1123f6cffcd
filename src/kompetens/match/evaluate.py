"""Ranking quality against graded relevance (the expected orderings of tests/data/cvs_expected)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain with exponential gain: sum (2^rel - 1) / log2(i + 1)."""
    return math.fsum((2.0**g - 1.0) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranking: Sequence[str], relevance: Mapping[str, float], *, k: int = 10) -> float:
    """NDCG@k of ``ranking`` (ids, best first) against graded ``relevance``; unknown ids count 0."""
    ideal = dcg(sorted(relevance.values(), reverse=True)[:k])
    if ideal == 0.0:
        return 1.0
    return dcg([relevance.get(r, 0.0) for r in ranking[:k]]) / ideal
