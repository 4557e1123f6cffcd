"""Quick linking's hot steps (``Linker.link_quick``): C (``_quick.c``) where it is built, numpy twins otherwise.

:func:`walk_select` is the walk over a text's postings (``sparse.pool_queries``) followed by what
``link_quick`` does with its result: the boosts added and the link kind's concepts kept. :func:`static_add`
is the per-text end of the static scores: each candidate's best vector similarity, z-scored and added. The
C code does the twins' arithmetic in their order and precision, so both give the same scores to the bit
(tests/link/test_link_quick_c.py compares them on random input and on the linker's own).
``KOMPETENS_PURE_PYTHON=1`` asks for the twins, as it does for the extraction's C code.
"""

from __future__ import annotations

import math
import os
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from kompetens.link.index import FloatArray, InvertedIndex, LanguageIndexes, TermQuery
from kompetens.link.sparse import LexicalQueries, Pooled, Scratch, pool_queries, walk_items
from kompetens.link.text import char_ngrams

__all__ = [
    "COMPILED",
    "VERSION",
    "char_queries_of_ids",
    "gloss_query",
    "gloss_query_python",
    "gram_ids",
    "gram_ids_python",
    "own_terms",
    "own_terms_python",
    "probe_stats",
    "probe_stats_python",
    "select_python",
    "static_add",
    "static_add_python",
    "term_query",
    "walk_select",
]

VERSION = 4
"""The ``VERSION`` of ``_quick.c`` this code calls (raised with any change of its functions' signatures)."""


def _load() -> ModuleType | None:
    try:
        from . import _quick
    except ImportError:  # built without a C compiler
        return None
    if getattr(_quick, "VERSION", None) != VERSION:
        warnings.warn(
            "kompetens: the compiled quick-linking code is out of date; running the slower Python code. "
            "Rebuild it with `pip install -e .` (scripts/env.sh does this).",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    if os.environ.get("KOMPETENS_PURE_PYTHON") == "1":
        return None
    module: ModuleType = _quick
    return module


_native = _load()
COMPILED = _native is not None
"""Whether the C code of quick linking is in use."""


def select_python(
    groups: npt.NDArray[np.int64], score: FloatArray, boosts: Mapping[int, float], mask: npt.NDArray[np.bool_]
) -> Pooled:
    """The twin of the C code's second half: ``boosts`` (group -> what it adds) added to the pooled scores
    (a group the walk did not reach starting from 0; the groups then in ascending order), then only the
    groups of ``mask``."""
    if boosts:
        extra = np.fromiter(boosts, dtype=np.int64, count=len(boosts))
        groups = np.concatenate([groups, extra])
        score = np.concatenate([score, np.zeros(len(extra), dtype=np.float32)])
        groups, at = np.unique(groups, return_inverse=True)
        score = np.bincount(at, weights=score, minlength=len(groups)).astype(np.float32)
        score[np.searchsorted(groups, extra)] += np.fromiter(boosts.values(), dtype=np.float32)
    keep = mask[groups]
    return groups[keep], score[keep]


def walk_select(
    queries: LexicalQueries,
    doc_group: npt.NDArray[np.int64],
    scratch: Scratch,
    w_cov: float,
    w_part: float,
    boosts: Mapping[int, float],
    mask: npt.NDArray[np.bool_],
    *,
    native: bool = True,
) -> Pooled:
    """The concept groups of ``mask`` that the queries or the boosts reach, with their pooled lexical scores
    plus the boosts (``link_quick`` before its static scores). ``native=False``: the Python twin."""
    if _native is None or not native:
        groups, score = pool_queries(queries, doc_group, scratch, w_cov, w_part)
        return select_python(groups, score, boosts, mask)
    items = walk_items(queries)
    doc_group32 = scratch.doc_group32
    if doc_group32 is None or len(doc_group32) != len(doc_group):
        doc_group32 = scratch.doc_group32 = doc_group.astype(np.int32)
    # the labels whose group the mask keeps, kept per mask (a link kind's): the C walk skips the others'
    # postings as it reads them (stop 41: a quarter of a skill phrase's labels are occupations'; same result)
    kept = scratch.label_masks.get(id(mask))
    if kept is None or kept[0] is not mask:
        kept = scratch.label_masks[id(mask)] = (mask, mask.view(np.uint8)[doc_group32])
    found, scores = _native.walk_select(
        items,
        doc_group32,
        scratch.cells,
        scratch.gbest,
        scratch.gseen,
        w_cov,
        w_part,
        boosts if isinstance(boosts, dict) else dict(boosts),
        mask.view(np.uint8),
        kept[1],
    )
    return np.frombuffer(found, dtype=np.int64), np.frombuffer(scores, dtype=np.float32)


def static_add_python(
    score: FloatArray,
    sims: FloatArray,
    members: npt.NDArray[np.int64],
    allowed: npt.NDArray[np.bool_] | None,
    with_vec: npt.NDArray[np.bool_],
    mean: np.float32,
    std: np.float32,
    w: np.float32,
) -> None:
    """``score += w * nan_to_num((pooled - mean) / std)`` in place: ``pooled`` each candidate's best
    similarity over its vector rows (``sims`` and ``members``: candidates with vectors x rows; only the
    ``allowed`` rows, NaN where none is) and 0 for a candidate without vectors (``with_vec``)."""
    pooled = np.zeros(len(score), dtype=np.float32)
    if len(members):
        if allowed is not None:
            sims = np.where(allowed[members], sims, -np.inf)
        best: FloatArray = sims.max(axis=1).astype(np.float32)
        if allowed is not None:
            best[np.isneginf(best)] = np.nan
        pooled[with_vec] = best
    score += w * np.nan_to_num((pooled - mean) / std, nan=0.0)


def static_add(
    score: FloatArray,
    sims: FloatArray,
    members: npt.NDArray[np.int64],
    allowed: npt.NDArray[np.bool_] | None,
    with_vec: npt.NDArray[np.bool_],
    mean: np.float32,
    std: np.float32,
    w: np.float32,
    *,
    native: bool = True,
) -> None:
    """:func:`static_add_python`, in C where it is built (``native=False``: the twin)."""
    if _native is None or not native:
        static_add_python(score, sims, members, allowed, with_vec, mean, std, w)
        return
    _native.static_add(
        score,
        np.ascontiguousarray(sims, dtype=np.float32),
        np.ascontiguousarray(members, dtype=np.int64),
        None if allowed is None else allowed.view(np.uint8),
        with_vec.view(np.uint8),
        float(mean),
        float(std),
        float(w),
    )


def probe_stats_python(
    sims: FloatArray,
    members: npt.NDArray[np.int64],
    allowed: npt.NDArray[np.bool_] | None,
    has: npt.NDArray[np.bool_],
) -> tuple[FloatArray, FloatArray]:
    """Each text's static row mean and spread over the probe (``Linker._quick_probe``): ``sims`` (texts x
    the probe's vector rows, in ``members``' shape) pooled per probe concept, the best of its rows (only the
    ``allowed`` ones: NaN where none is; 0 for a probe concept without vectors: ``has``), then
    ``np.nanmean`` and ``np.nanstd`` per text, a spread that is not above 0 read as 1."""
    stats = np.zeros((len(sims), len(has)), dtype=np.float32)
    if allowed is not None:
        sims = np.where(allowed[members][None, :, :], sims, -np.inf)
    pooled: FloatArray = sims.max(axis=2).astype(np.float32)
    if allowed is not None:
        pooled[np.isneginf(pooled)] = np.nan
    stats[:, has] = pooled
    mean: FloatArray = np.nanmean(stats, axis=1)
    std: FloatArray = np.nanstd(stats, axis=1)
    std[~(std > 0)] = 1.0
    return mean, std


def probe_stats(
    sims: FloatArray,
    members: npt.NDArray[np.int64],
    allowed: npt.NDArray[np.bool_] | None,
    has: npt.NDArray[np.bool_],
    *,
    native: bool = True,
) -> tuple[FloatArray, FloatArray]:
    """:func:`probe_stats_python`, in C where it is built (``native=False``: the twin). The C code sums as
    numpy does (its pairwise float32 sum), so the figures are numpy's to the bit."""
    if _native is None or not native:
        return probe_stats_python(sims, members, allowed, has)
    mean, std = _native.probe_stats(
        np.ascontiguousarray(sims, dtype=np.float32),
        np.ascontiguousarray(members, dtype=np.int64),
        None if allowed is None else allowed.view(np.uint8),
        has.view(np.uint8),
        len(sims),
    )
    return np.frombuffer(mean, dtype=np.float32), np.frombuffer(std, dtype=np.float32)


LOG_COUNTS = 64
"""Counts of one n-gram in a text whose log the C code reads from a table (more: numpy's own ``_weighted``)."""
_LOGS: FloatArray = np.log(np.arange(1, LOG_COUNTS + 1, dtype=np.float32))
"""numpy's float32 log of 1 .. ``LOG_COUNTS``: the values ``InvertedIndex._weighted`` computes for the counts."""


def char_queries_of_ids(
    chars: LanguageIndexes,
    ids: Mapping[str, Sequence[Sequence[int]]],
    *,
    max_df: float,
    native: bool = True,
) -> list[TermQuery]:
    """``chars.queries_of_ids`` of each language's ids (``ids``: per language, each word's n-gram ids, the
    text's ids one word after another), the same queries to the bit, the counting and the weights before
    the norm in C where it is built (``native=False``: numpy's). The norm is numpy's own dot product (BLAS),
    as in ``_weighted`` (``np.dot``: ``@``'s cost without the ufunc's), and the division by it numpy's float32
    one, in place."""
    if _native is None or not native:
        return chars.queries_of_ids(
            {lang: list(chain.from_iterable(own)) for lang, own in ids.items()}, max_df=max_df
        )
    found: list[TermQuery] = []
    for lang, index in chars.indexes.items():
        own = ids.get(lang)
        if own is None:
            continue
        weighted = (
            _native.tfidf_weights(own if isinstance(own, list) else list(own), index.idf, _LOGS)
            if index.scheme == "tfidf" and index.idf.dtype == np.float32 and index.idf.flags.c_contiguous
            else None
        )
        if weighted is None:
            terms, weights = index._weighted(Counter(chain.from_iterable(own)))
        else:
            terms = np.frombuffer(weighted[0], dtype=np.int64)
            weights = np.frombuffer(weighted[1], dtype=np.float32)  # a bytearray: writable
            # ``float(np.sqrt(w @ w))``: the same BLAS dot (np.dot and ``@`` of two vectors both call numpy's
            # FLOAT_dot), its root in double, which rounds to sqrtf's float32 (a double holds more than twice
            # float32's digits); numpy divides by it in float32 as by the float32 root: the same weights
            norm = math.sqrt(np.dot(weights, weights))
            if norm > 0:  # ``(w / norm).astype(np.float32)``: a float32 division either way
                np.divide(weights, norm, out=weights)
        found.append(
            TermQuery(index, terms, weights, index._limit(max_df), chars.docs[lang], chars.mapped[lang])
        )
    return found


def gram_ids_python(word: str, vocabs: Sequence[Mapping[str, int]]) -> list[list[int]]:
    """The twin of the C code's ``gram_ids``: per vocab, the ids of ``char_ngrams([word])`` it knows, in order
    (``InvertedIndex.known_ids``)."""
    grams = char_ngrams([word])
    return [[i for g in grams if (i := vocab.get(g)) is not None] for vocab in vocabs]


def gram_ids(word: str, vocabs: Sequence[dict[str, int]], *, native: bool = True) -> list[list[int]]:
    """:func:`gram_ids_python`, in C where it is built (``native=False``: the twin): each n-gram of the word made
    once for every vocab, without Python's slicing loop."""
    if _native is None or not native:
        return gram_ids_python(word, vocabs)
    found: list[list[int]] = _native.gram_ids(word, vocabs if isinstance(vocabs, list) else list(vocabs))
    return found


def term_query(index: InvertedIndex, terms: list[str], *, native: bool = True) -> TermQuery:
    """``index.query(terms)``, the same query, its term ids looked up and counted once each in C where it is
    built and the index weighs by coverage (every weight 1: the counts do not matter); else numpy's."""
    if _native is None or not native or index.scheme != "coverage":
        return index.query(terms)
    ids = np.frombuffer(_native.distinct_ids(terms, index.vocab), dtype=np.int64)
    return TermQuery(index, ids, np.ones(len(ids), dtype=np.float32), index._limit(1.0))


GlossEntry = tuple[str | None, bytes, bytes]
"""A key's translations as :func:`gloss_query` reads them: the first target's word (None without one), the
targets' term ids in the words index (int64 bytes, -1 where it lacks the term) and their weights (float64 bytes)."""
GlossResult = tuple[npt.NDArray[np.int64], FloatArray, list[str], bool]
"""The gloss's cov query (its term ids and weights), the own terms' best targets' words, and whether any target
got a weight."""


def gloss_entry(pairs: Sequence[tuple[str, float]], vocab: Mapping[str, int], prefix: str) -> GlossEntry:
    """The table entry (:data:`GlossEntry`) of a key's translations ``pairs`` (``Linker._translations_of``), the
    targets looked up as ``prefix + target`` in ``vocab``."""
    ids = np.asarray([vocab.get(prefix + t, -1) for t, _ in pairs], dtype=np.int64)
    shares = np.asarray([float(w) for _, w in pairs], dtype=np.float64)
    return (pairs[0][0] if pairs else None), ids.tobytes(), shares.tobytes()


def gloss_query_python(
    tokens: Sequence[str],
    own: Sequence[str],
    extra: Mapping[str, float] | None,
    token_keys: Mapping[str, tuple[str, str] | None] | None,
    table: Mapping[str, GlossEntry],
) -> GlossResult | tuple[list[str], list[str]]:
    """The twin of the C code's ``gloss_query``: ``Linker._translated``'s gloss from per-word tables. Each own
    term (weight 1) and then each ``extra`` term (at its weight) is keyed by its lemma, or where a token's entry
    in ``token_keys`` (None: no keying) folds to that lemma, by the last such entry's key; a target keeps the
    largest share x weight above 0, targets in the order first given one. Missing entries: (the tokens
    ``token_keys`` lacks, else the keys ``table`` lacks) instead, the tables to be filled by the caller."""
    keyed: dict[str, str] = {}
    if token_keys is not None:
        missing = [t for t in tokens if t not in token_keys]
        if missing:
            return missing, []
        for token in tokens:
            keys = token_keys[token]
            if keys is not None:
                keyed[keys[0]] = keys[1]
    found: dict[int, float] = {}
    best: list[str] = []
    any_found = False
    absent: list[str] = []
    terms = [*((t, 1.0, True) for t in own), *((t, w, False) for t, w in (extra or {}).items())]
    for term, weight, is_own in terms:
        lemma = term.partition(":")[2]
        key = keyed.get(lemma, lemma)
        entry = table.get(key)
        if entry is None:
            absent.append(key)
            continue
        first, id_bytes, share_bytes = entry
        if is_own and first is not None:
            best.append(first)
        ids = np.frombuffer(id_bytes, dtype=np.int64).tolist()
        for i, share in zip(ids, np.frombuffer(share_bytes, dtype=np.float64).tolist(), strict=True):
            val = share * weight
            if not val > 0.0:
                continue
            any_found = True
            if i >= 0 and val > found.get(i, 0.0):
                found[i] = val
    if absent:
        return [], absent
    return (
        np.fromiter(found, dtype=np.int64, count=len(found)),
        np.fromiter(found.values(), dtype=np.float32, count=len(found)),
        best,
        any_found,
    )


def gloss_query(
    tokens: list[str],
    own: list[str],
    extra: dict[str, float] | None,
    token_keys: dict[str, tuple[str, str] | None] | None,
    table: dict[str, GlossEntry],
    *,
    native: bool = True,
) -> GlossResult | tuple[list[str], list[str]]:
    """:func:`gloss_query_python`, in C where it is built (``native=False``: the twin)."""
    if _native is None or not native:
        return gloss_query_python(tokens, own, extra, token_keys, table)
    found: Any = _native.gloss_query(tokens, own, extra, token_keys, table)
    if len(found) == 2:
        missing: tuple[list[str], list[str]] = found
        return missing
    ids, weights, best, any_found = found
    return np.frombuffer(ids, dtype=np.int64), np.frombuffer(weights, dtype=np.float32), best, any_found


WordTerms = tuple[str, str, str | None, tuple[str, ...]]
"""A token's entry in a language's table of :func:`own_terms`: its lemma, its term ("sv:lemma"), the known term
one letter away (or None), its compound parts' terms."""
OwnTerms = tuple[list[str], list[str], list[str], list[str], int, int]
"""A text's terms (every label language's), those without the parts apart, the parts apart, its own language's
lemmas, and that language's slice of the terms."""


def own_terms_python(
    tokens: Sequence[str], tables: Sequence[Mapping[str, WordTerms]], text_at: int
) -> OwnTerms | list[tuple[int, str]]:
    """The twin of the C code's ``own_terms``: a text's terms from per-word tables, one per label language
    (``Linker._tagged``: per language its tokens' terms, their near terms, their parts), the parts of the text's
    own language (``tables[text_at]``; -1: none) that are no term of its tokens but are among the terms, each
    once (``_part_terms``), the terms without those, the language's lemmas and its slice of the terms; where a
    table lacks a token, the (table, token) pairs missing instead."""
    missing = [(t, token) for t, table in enumerate(tables) for token in tokens if token not in table]
    if missing:
        return missing
    own: list[str] = []
    start = end = 0
    for t, table in enumerate(tables):
        entries = [table[token] for token in tokens]
        if t == text_at:
            start = len(own)
        own += [e[1] for e in entries]
        own += [e[2] for e in entries if e[2] is not None]
        own += [p for e in entries for p in e[3]]
        if t == text_at:
            end = len(own)
    if text_at < 0:
        return own, list(own), [], [], 0, 0
    entries = [tables[text_at][token] for token in tokens]
    whole = {e[1] for e in entries}
    held = set(own)
    parts = list(dict.fromkeys(p for e in entries for p in e[3] if p not in whole and p in held))
    apart = set(parts)
    return own, [t for t in own if t not in apart], parts, [e[0] for e in entries], start, end


def own_terms(
    tokens: list[str], tables: list[dict[str, WordTerms]], text_at: int, *, native: bool = True
) -> OwnTerms | list[tuple[int, str]]:
    """:func:`own_terms_python`, in C where it is built (``native=False``: the twin)."""
    if _native is None or not native:
        return own_terms_python(tokens, tables, text_at)
    found: Any = _native.own_terms(tokens, tables, text_at)
    return found  # type: ignore[no-any-return]
