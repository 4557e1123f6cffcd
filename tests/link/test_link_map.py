"""The cross-lingual e5 map of ``LinkConfig.w_map`` (issue #11, stop 42): fitting and its reading."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import kompetens.link.linker as linker_module
from kompetens.link import LinkConfig, Linker
from kompetens.link.embed import procrustes

from .test_link_translate import CONCEPTS, TRUST


def test_procrustes_recovers_a_rotation_and_is_orthogonal() -> None:
    rng = np.random.default_rng(42)
    source = rng.normal(size=(200, 16)).astype(np.float32)
    rotation, _ = np.linalg.qr(rng.normal(size=(16, 16)))
    target = source @ rotation + rng.normal(scale=0.01, size=(200, 16))
    found = procrustes(source, target.astype(np.float32))
    assert found.dtype == np.float32
    np.testing.assert_allclose(found, rotation, atol=1e-2)
    np.testing.assert_allclose(found @ found.T, np.eye(16), atol=1e-5)


def test_a_swedish_phrase_meets_the_english_labels_through_the_map_at_w_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linker = Linker.build(CONCEPTS, cache_dir=tmp_path, config=LinkConfig(static_words=0))
    assert LinkConfig().w_map == 0.0  # off by default: it did not help held out (docs/linking.md "Stop 42")

    def scores(text: str, w_map: float) -> dict[str, float]:
        linker.config = replace(linker.config, w_map=w_map)
        return {c.uri: c.score for c in linker.link([text], top=len(CONCEPTS))[0]}

    phrase, sentence = "bygga förtroende", "Du bygger förtroende och nätverk med kunder."
    monkeypatch.setattr(linker_module, "e5_map", lambda lang: None)
    assert scores(phrase, 0.0) == scores(phrase, 0.5)  # no map for the language: nothing read
    monkeypatch.setattr(linker_module, "e5_map", lambda lang: np.eye(384, dtype=np.float32))
    off, on = scores(phrase, 0.0), scores(phrase, 0.5)
    assert off != on
    # only the English labels are read through the map: *build trust* (English only) gains on every concept
    assert all(on[TRUST] - on[uri] >= off[TRUST] - off[uri] - 1e-4 for uri in off)
    # English texts and sentences (no e5 phrase) do not move
    assert scores("build trust", 0.0) == scores("build trust", 0.5)
    assert scores(sentence, 0.0) == scores(sentence, 0.5)
