"""Quick linking: the sparse lexical scores (C walk and numpy twin) and ``Linker.link_quick``."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.errors import KompetensError
from kompetens.extract.native import speedups
from kompetens.link import LinkConfig, Linker
from kompetens.link.index import InvertedIndex, LanguageIndexes
from kompetens.link.sparse import Scratch, pool_queries, pool_queries_python
from kompetens.link.text import clean, words

TEXTS = [
    "manage social media channels",
    "write press releases",
    "skriva pressmeddelanden och hantera sociala medier",
    "klippa film",
    "webbanalys",
    "analysera webbtrafiken varje vecka",
    "budgetansvar",
    "Python",
    "C#",
    "social media manager",
    "draft news releases for our customers",
    "zorblax",
]


def _no_e5(linker: Linker) -> Linker:
    """The session linker as ``link`` reads a text without e5: the signals ``link_quick`` has, the static stand-in
    at quick linking's weight (``link`` weighs it at ``w_static_skill`` for a skill sentence)."""
    return replace(linker, config=replace(linker.config, e5_words=0, w_static_skill=linker.config.w_static))


def _as_dict(groups: np.ndarray, scores: np.ndarray) -> dict[int, float]:
    return dict(zip(groups.tolist(), scores.tolist(), strict=True))


@pytest.mark.parametrize("text", TEXTS)
def test_sparse_lexical_scores_are_the_dense_ones(linker: Linker, text: str) -> None:
    tokens = words(clean(text))
    lang = linker.langid.detect(tokens)
    dense = linker._lexical(tokens, lang)
    groups, scores = linker._lexical_sparse(tokens, lang)
    assert len(set(groups.tolist())) == len(groups)
    full = np.zeros_like(dense)
    full[groups] = scores
    np.testing.assert_allclose(full, dense, atol=1e-5)
    assert set(np.flatnonzero(dense).tolist()) <= set(groups.tolist())


def _random_index(rng: np.random.Generator, n_docs: int, n_terms: int, scheme: str) -> InvertedIndex:
    docs = [[f"t{int(t)}" for t in rng.integers(0, n_terms, size=rng.integers(1, 6))] for _ in range(n_docs)]
    return InvertedIndex.build(docs, scheme=scheme)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), max_df=st.sampled_from([1.0, 0.3]), w_part=st.floats(0.0, 1.0))
def test_the_c_walk_gives_its_twin_s_scores(seed: int, max_df: float, w_part: float) -> None:
    if speedups is None:
        pytest.skip("built without the C code (or KOMPETENS_PURE_PYTHON=1): the twin is what runs")
    rng = np.random.default_rng(seed)
    n_docs = int(rng.integers(1, 200))
    words_index = _random_index(rng, n_docs, 30, "coverage")
    langs = [("en", "sv")[int(x)] for x in rng.integers(0, 2, size=n_docs)]
    chars = LanguageIndexes.build(
        [[f"t{int(t)}" for t in rng.integers(0, 20, size=4)] for _ in range(n_docs)], langs, scheme="tfidf"
    )
    query = [f"t{int(t)}" for t in rng.integers(0, 40, size=int(rng.integers(0, 8)))]
    queries = (
        [(words_index.query(query), 1.0)],
        [(words_index.query(query[:2]), 1.0)],
        [(q, 0.7) for q in chars.queries(query, max_df=max_df)],
    )
    groups = np.sort(rng.integers(0, max(1, n_docs // 3), size=n_docs)).astype(np.int64)
    n_groups = int(groups.max()) + 1
    scratch = Scratch(n_docs, n_groups)
    c = _as_dict(*pool_queries(queries, groups, scratch, 1.0, w_part))
    twin = _as_dict(*pool_queries_python(queries, groups, 1.0, w_part))
    assert c.keys() == twin.keys()
    for g, score in twin.items():
        assert c[g] == pytest.approx(score, abs=1e-5)
    # the scratch is left as it was given: zeroed
    assert not scratch.cells.any() and not scratch.gseen.any()


@pytest.mark.parametrize("text", TEXTS)
def test_quick_linking_scores_as_link_without_e5(linker: Linker, text: str) -> None:
    # the fictional taxonomy has fewer concepts than QUICK_PROBE and QUICK_DEPTH: the probe is every concept,
    # so the static z-scores are the exact ones and both scores must agree to float error
    slow = {c.uri: c.score for c in _no_e5(linker).link([text], top=50)[0]}
    quick = linker.link_quick([text], top=50)[0]
    assert [c.score for c in quick] == sorted((c.score for c in quick), reverse=True)
    for c in quick:
        assert c.score == pytest.approx(slow[c.uri], abs=1e-3), c.uri
    # what quick linking leaves out is what no lexical signal reaches: ``link`` ranks those on vectors alone
    tokens = words(clean(text))
    lexical = linker._lexical(tokens, linker.langid.detect(tokens))
    reached = {
        linker.uris[int(linker._group_concept[g])]
        for g in np.flatnonzero((lexical > 0) & linker._kind_mask["skill"])
    }
    assert reached <= {c.uri for c in quick}


@pytest.mark.parametrize(
    ("text", "uri"),
    [
        ("manage social media channels", "urn:test:skill:social"),
        ("skriva pressmeddelanden", "urn:test:skill:press"),
        ("Python (computer programming)", "urn:test:skill:python"),
        ("C#", "urn:test:skill:csharp"),
        ("klipa film", "urn:test:skill:video"),  # misspelt
    ],
)
def test_quick_linking_finds_the_label(linker: Linker, text: str, uri: str) -> None:
    assert linker.link_quick([text])[0][0].uri == uri


def test_one_answer_gets_static_scores_for_the_lexically_best_only(
    linker: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # top=1 (thorough extraction) scores ``QUICK_BEST_DEPTH`` candidates on vectors, more answers ``QUICK_DEPTH``
    import kompetens.link.linker as linker_module

    text = "manage social media channels"
    every = linker.link_quick([text], top=50)[0]
    monkeypatch.setattr(linker_module, "QUICK_BEST_DEPTH", 1)
    (best,) = linker.link_quick([text], top=1)[0]
    # the one candidate left keeps its score (its static share is its own), and more answers are still many
    assert best.score == {c.uri: c.score for c in every}[best.uri]
    assert len(linker.link_quick([text], top=3)[0]) == 3
    monkeypatch.setattr(linker_module, "QUICK_BEST_DEPTH", linker_module.QUICK_DEPTH)
    assert linker.link_quick([text], top=1)[0][0] == every[0]


def test_quick_linking_keeps_kinds_and_empty_texts_apart(linker: Linker) -> None:
    found = linker.link_quick(["social media manager", "", "!!!", "zorblax"], top=3, kind="occupation")
    assert found[0][0].uri == "urn:test:occupation:community"
    assert all(c.uri.startswith("urn:test:occupation:") for cands in found for c in cands)
    assert found[1] == [] and found[2] == [] and found[3] == []
    with pytest.raises(KompetensError, match="unknown kind"):
        linker.link_quick(["x"], kind="tool")  # type: ignore[arg-type]


def test_quick_linking_works_without_vectors(lexical: Linker) -> None:
    assert lexical.link_quick(["write press releases"])[0][0].uri == "urn:test:skill:press"
    assert lexical.config == LinkConfig(dense=False)


def test_the_c_walk_refuses_what_is_out_of_range_and_leaves_its_scratch_zeroed() -> None:
    if speedups is None:
        pytest.skip("built without the C code (or KOMPETENS_PURE_PYTHON=1)")
    index = InvertedIndex.build([["a", "b"], ["b"]], scheme="coverage")
    good = index.query(["a", "b"])
    scratch = Scratch(2, 1)
    groups = np.zeros(2, dtype=np.int64)
    bad_term = replace(good, ids=np.array([0, 7], dtype=np.int64))
    with pytest.raises(ValueError, match="term out of range"):
        pool_queries(([(bad_term, 1.0)], [], []), groups, scratch, 1.0, 0.3)
    with pytest.raises(ValueError, match="document out of range"):
        pool_queries(
            ([(replace(good, doc_map=np.array([0], dtype=np.int64)), 1.0)], [], []), groups, scratch, 1.0, 0.3
        )
    with pytest.raises(ValueError, match="concept group out of range"):
        pool_queries(([(good, 1.0)], [], []), np.array([0, 3], dtype=np.int64), scratch, 1.0, 0.3)
    assert not scratch.cells.any() and not scratch.gseen.any()
    assert _as_dict(*pool_queries(([(good, 1.0)], [], []), groups, scratch, 1.0, 0.3)) == {
        0: pytest.approx(1.0)
    }


@pytest.mark.parametrize("text", [*TEXTS, "analysera analys webbtrafik", "Power BI och webbanalys"])
def test_character_queries_from_cached_word_ids_are_the_text_s_own(linker: Linker, text: str) -> None:
    tokens = words(clean(text))
    for langs in (["en"], ["sv"], ["en", "sv"]):
        for _ in range(2):  # the words' ids computed, then read from the cache
            cached = linker._char_queries(tokens, langs)
            own = linker.char_index.queries(
                linker._terms.chars(tokens), max_df=linker.config.max_df_chr, langs=langs
            )
            assert len(cached) == len(own)
            for a, b in zip(cached, own, strict=True):
                assert np.array_equal(a.ids, b.ids) and a.weights.tobytes() == b.weights.tobytes()
                assert a.limit == b.limit and a.index is b.index
                assert a.doc_map is b.doc_map and a.mapped is b.mapped


_WORDS = sorted({w for text in TEXTS for w in words(clean(text))})


@settings(max_examples=80, deadline=None)
@given(
    tokens=st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text(alphabet="abcdeåäöklmnrstxz", min_size=1, max_size=9)),
        max_size=6,
    )
)
def test_quick_language_from_kept_word_scores_is_detect_s(linker: Linker, tokens: list[str]) -> None:
    for _ in range(2):  # the words' scores computed, then read from the cache
        assert linker._detect_quick(tokens) == linker.langid.detect(tokens)


def test_the_c_walk_over_more_postings_than_its_first_room_gives_its_twin_s_scores() -> None:
    if speedups is None:
        pytest.skip("built without the C code (or KOMPETENS_PURE_PYTHON=1)")
    # the walk keeps room for every posting of a term to be a first touch, from 1,024 up: terms of 3,000
    # documents, half of them shared, and groups met again and again
    n_docs = 6000
    index = InvertedIndex.build(
        [["common", "even" if d % 2 else "odd", f"own{d % 7}"] for d in range(n_docs)], scheme="coverage"
    )
    queries = ([(index.query(["odd", "even", "own3"]), 1.0)], [(index.query(["own5"]), 1.0)], [])
    groups = (np.arange(n_docs) // 4).astype(np.int64)
    scratch = Scratch(n_docs, int(groups[-1]) + 1)
    c = pool_queries(queries, groups, scratch, 1.0, 0.3)
    twin = pool_queries_python(queries, groups, 1.0, 0.3)
    assert _as_dict(*c) == pytest.approx(_as_dict(*twin))
    assert len(c[0]) == len(set(c[0].tolist())) == n_docs // 4  # each group once
    assert not scratch.cells.any() and not scratch.gseen.any()
