"""Static word vectors: text vectors from word vectors, compound splitting, reuse on rebuild, save/load."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.link.static import StaticVectors, _frequent_words

DIM = 16


class HashEmbedder:
    """Deterministic pseudo-random unit vector per text; counts what it was asked to embed."""

    dim = DIM

    def __init__(self) -> None:
        self.queries: list[str] = []

    def query(self, texts: Sequence[str]) -> np.ndarray:
        self.queries += list(texts)
        return np.stack([_vector(t) for t in texts]) if texts else np.zeros((0, DIM), np.float32)

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self.query(texts)


def _vector(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
    v = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


LABEL_WORDS = {
    "en": {"clinic", "veterinarian", "write", "press", "releases"},
    "sv": {"klinik", "veterinär", "mätning", "ingenjör", "skriva"},
}


@pytest.fixture(scope="module")
def static() -> StaticVectors:
    return StaticVectors.build(LABEL_WORDS, HashEmbedder(), frequent=0)


def _unit(static: StaticVectors, tokens: list[str]) -> np.ndarray:
    return static.encode([tokens])[0]


def test_vocabulary_is_the_label_words(static: StaticVectors) -> None:
    assert set(static.vocab) == LABEL_WORDS["en"] | LABEL_WORDS["sv"]


def test_a_known_word_encodes_to_its_own_vector(static: StaticVectors) -> None:
    np.testing.assert_allclose(_unit(static, ["klinik"]), static.vectors[static.vocab["klinik"]], atol=1e-6)


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("klinikveterinär", ["klinik", "veterinär"]),
        ("mätningsingenjör", ["mätning", "ingenjör"]),  # a linking letter between the parts
    ],
)
def test_compounds_split_into_known_parts(static: StaticVectors, compound: str, parts: list[str]) -> None:
    np.testing.assert_allclose(_unit(static, [compound]), _unit(static, parts), atol=1e-6)


@pytest.mark.parametrize("tokens", [[], ["okänt"], ["xyzklinik"], ["kli"]])
def test_unknown_words_give_a_zero_vector(static: StaticVectors, tokens: list[str]) -> None:
    assert not _unit(static, tokens).any()


def test_unknown_words_do_not_change_a_known_vector(static: StaticVectors) -> None:
    np.testing.assert_allclose(_unit(static, ["okänt", "press", "qqq"]), _unit(static, ["press"]), atol=1e-6)


def test_vectors_are_centred_and_unit(static: StaticVectors) -> None:
    np.testing.assert_allclose(np.linalg.norm(static.vectors, axis=1), 1.0, atol=1e-5)
    centred = static.raw - static.raw.mean(axis=0)
    cos = (centred[0] @ static.vectors[0]) / np.linalg.norm(centred[0])
    assert cos == pytest.approx(1.0, abs=1e-5)


def test_frequent_words_join_the_vocabulary_and_weigh_less() -> None:
    built = StaticVectors.build(LABEL_WORDS, HashEmbedder(), frequent=200)
    assert "the" in built.vocab and "och" in built.vocab
    assert built.weights[built.vocab["the"]] < 0.1 < built.weights[built.vocab["veterinär"]]


def test_a_language_without_frequencies_adds_no_words() -> None:
    assert _frequent_words("xx", 100) == []
    built = StaticVectors.build({"xx": {"ord"}}, HashEmbedder(), frequent=100)
    assert list(built.vocab) == ["ord"]


def test_rebuild_embeds_only_new_words(static: StaticVectors) -> None:
    counting = HashEmbedder()
    grown = {**LABEL_WORDS, "en": LABEL_WORDS["en"] | {"bake"}}
    rebuilt = StaticVectors.build(grown, counting, frequent=0, known=static.known())
    assert counting.queries == ["bake"]
    np.testing.assert_allclose(rebuilt.raw[rebuilt.vocab["press"]], static.raw[static.vocab["press"]])


def test_save_load_round_trip(static: StaticVectors, tmp_path: Path) -> None:
    static.save(tmp_path / "s.npz")
    loaded = StaticVectors.load(tmp_path / "s.npz")
    assert loaded.vocab == static.vocab
    tokens = [["skriva", "press"], ["klinikveterinär"]]
    np.testing.assert_allclose(loaded.encode(tokens), static.encode(tokens), atol=2e-3)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=12))
def test_any_tokens_encode_to_unit_or_zero(tokens: list[str]) -> None:
    static = StaticVectors.build(LABEL_WORDS, HashEmbedder(), frequent=0)
    norm = float(np.linalg.norm(static.encode([tokens])[0]))
    assert norm == pytest.approx(1.0, abs=1e-5) or norm == 0.0
