"""The numpy inverted index: coverage and tf-idf cosine scores, save/load."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kompetens.link.index import InvertedIndex, LanguageIndexes, TermQuery

DOCS = [["manag", "budget"], ["write", "press", "releas"], ["budget"], ["press"]]


def test_coverage_is_share_of_label_found() -> None:
    index = InvertedIndex.build(DOCS, scheme="coverage")
    scores = index.score(["we", "manag", "the", "budget", "daili"])
    assert scores[0] == pytest.approx(1.0)
    assert scores[2] == pytest.approx(1.0)
    assert 0.0 < index.score(["press"])[1] < 1.0
    assert scores[1] == 0.0


def test_tfidf_is_a_cosine() -> None:
    index = InvertedIndex.build(DOCS, scheme="tfidf")
    scores = index.score(["write", "press", "releas"])
    assert scores[1] == pytest.approx(1.0, abs=1e-5)
    assert np.all(scores <= 1.0 + 1e-5)
    assert int(np.argmax(scores)) == 1


def test_unknown_terms_score_zero() -> None:
    index = InvertedIndex.build(DOCS, scheme="coverage")
    assert not index.score(["okänt"]).any()
    assert not index.score([]).any()


@pytest.mark.parametrize("scheme", ["coverage", "tfidf"])
def test_save_load_round_trip(tmp_path: Path, scheme: str) -> None:
    index = InvertedIndex.build(DOCS, scheme="coverage" if scheme == "coverage" else "tfidf")
    index.save(tmp_path / "i.npz")
    loaded = InvertedIndex.load(tmp_path / "i.npz")
    assert loaded.vocab == index.vocab
    query = ["press", "budget", "manag"]
    np.testing.assert_allclose(loaded.score(query), index.score(query))


def test_max_df_skips_frequent_terms_only_in_a_large_index() -> None:
    small = InvertedIndex.build(DOCS, scheme="tfidf")
    np.testing.assert_allclose(small.score(["press"], max_df=0.01), small.score(["press"]))
    docs = [["common", f"rare{i}"] for i in range(500)]
    large = InvertedIndex.build(docs, scheme="tfidf")
    assert not large.score(["common"], max_df=0.1).any()  # in all 500 docs: skipped
    assert large.score(["common"]).all()
    assert large.score(["rare7"], max_df=0.1)[7] > 0


def _same_query(a: TermQuery, b: TermQuery) -> bool:
    """Term for term the same query: ids and weights bit for bit, and the same postings read."""
    return (
        np.array_equal(a.ids, b.ids)
        and a.weights.tobytes() == b.weights.tobytes()
        and a.limit == b.limit
        and all(np.array_equal(x, y) for x, y in zip(a.postings(), b.postings(), strict=True))
    )


@pytest.mark.parametrize("scheme", ["coverage", "tfidf"])
def test_a_query_from_known_ids_is_the_query_from_terms(scheme: str) -> None:
    index = InvertedIndex.build(DOCS, scheme="coverage" if scheme == "coverage" else "tfidf")
    for terms in (["press", "x", "press", "budget", "manag"], ["x"], [], ["releas", "write", "releas"]):
        ids = index.known_ids(terms)
        assert ids == [index.vocab[t] for t in terms if t in index.vocab]
        assert _same_query(index.query_ids(ids, max_df=0.5), index.query(terms, max_df=0.5))


def test_per_language_queries_from_ids_are_those_from_terms() -> None:
    rng = np.random.default_rng(3)
    docs = [[f"g{int(t)}" for t in rng.integers(0, 30, size=5)] for _ in range(300)]
    langs = [("en", "sv")[int(x)] for x in rng.integers(0, 2, size=300)]
    chars = LanguageIndexes.build(docs, langs, scheme="tfidf")
    terms = [f"g{int(t)}" for t in rng.integers(0, 40, size=25)]
    for asked in (["en"], ["sv"], ["en", "sv"]):
        wanted = chars.languages(asked)
        ids = {lang: chars.indexes[lang].known_ids(terms) for lang in wanted}
        from_ids = chars.queries_of_ids(ids, max_df=0.05)
        from_terms = chars.queries(terms, max_df=0.05, langs=asked)
        assert len(from_ids) == len(from_terms) == len(asked)
        assert all(_same_query(a, b) for a, b in zip(from_ids, from_terms, strict=True))


def test_postings_in_the_shared_numbering_are_the_mapped_ones() -> None:
    chars = LanguageIndexes.build(
        [["a", "b"], ["b"], ["a"], ["c", "a"]], ["en", "sv", "sv", "en"], scheme="tfidf"
    )
    for q in chars.queries(["a", "b", "c"]):
        unmapped = replace(q, mapped=None)
        assert q.mapped is not None and np.array_equal(q.mapped, q.doc_map[q.index.docs])  # type: ignore[index]
        assert all(np.array_equal(x, y) for x, y in zip(q.postings(), unmapped.postings(), strict=True))
    assert sorted(chars.queries(["a"])[1].postings()[0].tolist()) == [2]  # "a" in Swedish: document 2
