"""The linker's lexical scores for the concepts a text's terms reach only (``Linker.link_quick``).

``Linker.link`` sums every label's postings into arrays as long as the taxonomy (153,000 labels) and pools
them per concept (20,000): ~2.5 ms a short phrase, nearly all of it spent on labels the phrase shares no
term with. :func:`pool_queries` walks the postings of the text's terms only and keeps, per concept, the
best of the labels they reach: the same scores (the tests compare them with ``Linker._lexical``), at a cost
set by the text's postings. The walk is C (``_speedups.pool_queries``) with :func:`pool_queries_python`
as its twin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kompetens.extract.native import speedups
from kompetens.link.index import NO_POSTINGS, FloatArray, Postings, TermQuery, joined, summed

__all__ = ["LexicalQueries", "Scratch", "fuse_parts", "pool_queries", "pool_queries_python", "postings"]

WeightedQueries = list[tuple[TermQuery, float]]
LexicalQueries = tuple[WeightedQueries, WeightedQueries, WeightedQueries]
"""A text's term queries, each at its weight: ``cov`` of its whole words, of its compound parts, the rest."""
Pooled = tuple[npt.NDArray[np.int64], FloatArray]
"""(concept groups, their scores)."""


def fuse_parts(
    whole: FloatArray, parts: FloatArray, rest: FloatArray, w_cov: float, w_part: float
) -> FloatArray:
    """Per label: ``whole`` + the compound ``parts`` (in full where the label matched a whole word of the
    text, else at ``w_part``; see ``LinkConfig.w_part``) + ``rest``."""
    if not parts.any():  # most texts: no compound part apart (three passes over the labels saved)
        plain: FloatArray = (whole + rest).astype(np.float32)
        return plain
    fused: FloatArray = (whole + w_cov * np.where(whole > 0, parts, w_part * parts) + rest).astype(np.float32)
    return fused


def postings(queries: WeightedQueries) -> Postings:
    """The postings of weighted queries as one list, each weight times its query's."""
    if not queries:
        return NO_POSTINGS
    return joined([q.postings() for q, _ in queries], [w for _, w in queries])


@dataclass(slots=True)
class Scratch:
    """Zeroed work arrays of the C walk, as long as the labels and the concepts; left zeroed after each call.
    One per linker: the walk holds the interpreter lock, so threads do not share them at once."""

    n_docs: int
    n_groups: int
    cells: FloatArray = field(init=False)
    gbest: FloatArray = field(init=False)
    gseen: npt.NDArray[np.uint8] = field(init=False)
    doc_group32: npt.NDArray[np.int32] | None = None
    """The labels' concept groups as int32, for the C code of quick linking (``link.quick.walk_select``)."""
    label_masks: dict[int, tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint8]]] = field(default_factory=dict)
    """Per group mask (by id, the mask kept beside), the labels it keeps: ``mask[doc_group]`` as uint8, read by
    the C walk of quick linking to skip a dropped label's postings (a link kind's mask; 150 KB each)."""

    def __post_init__(self) -> None:
        self.cells = np.zeros(4 * self.n_docs, dtype=np.float32)  # per label: its three sums and a mark
        self.gbest = np.zeros(self.n_groups, dtype=np.float32)
        self.gseen = np.zeros(self.n_groups, dtype=np.uint8)


def walk_items(queries: LexicalQueries) -> list[tuple[int, float, Any, Any, Any, Any, Any, Any, float]]:
    """The queries as the C walks take them (``pool_queries`` here, ``walk_select`` of quick linking): per
    query with terms, its part, weight, the index's postings (mapped where the query maps them), its terms'
    ids and weights, and its posting limit."""
    return [
        (
            part,
            float(weight),
            q.index.indptr,
            q.index.docs if q.mapped is None else q.mapped,
            q.index.weights,
            q.doc_map if q.mapped is None else None,
            q.ids,
            q.weights,
            q.limit,
        )
        for part, weighted in enumerate(queries)
        for q, weight in weighted
        if len(q.ids)
    ]


def pool_queries(
    queries: LexicalQueries, doc_group: npt.NDArray[np.int64], scratch: Scratch, w_cov: float, w_part: float
) -> Pooled:
    """Per concept group the queries reach: the best fused score (``fuse_parts``) of its labels. Groups in no
    particular order."""
    if speedups is None:
        return pool_queries_python(queries, doc_group, w_cov, w_part)
    items = walk_items(queries)
    groups, scores = speedups.pool_queries(
        items, doc_group, scratch.cells, scratch.gbest, scratch.gseen, w_cov, w_part
    )
    return np.frombuffer(groups, dtype=np.int64), np.frombuffer(scores, dtype=np.float32)


def pool_queries_python(
    queries: LexicalQueries, doc_group: npt.NDArray[np.int64], w_cov: float, w_part: float
) -> Pooled:
    """The twin of the C walk, in numpy: the labels the postings reach, their fused scores, pooled per group."""
    found = [postings(weighted) for weighted in queries]
    docs, at = np.unique(np.concatenate([d for d, _ in found]), return_inverse=True)
    if not len(docs):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    bounds = np.cumsum([0, *(len(d) for d, _ in found)])
    whole, parts, rest = (
        summed((at[a:b], w), len(docs)) for a, b, (_, w) in zip(bounds[:-1], bounds[1:], found, strict=True)
    )
    score = fuse_parts(whole, parts, rest, w_cov, w_part)
    groups = doc_group[docs]
    first = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])  # labels are sorted by group
    return groups[first], np.maximum.reduceat(score, first).astype(np.float32)
