"""The numpy inverted index: coverage and tf-idf cosine scores, save/load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kompetens.link.index import InvertedIndex

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
