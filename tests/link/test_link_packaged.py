"""The e5 vectors shipped in the package: stored as int8 without losing the cosines, used by setup so that
only texts they lack are embedded, and covering the labels of the default taxonomy."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from kompetens.link import LinkConfig, Linker
from kompetens.link import linker as linker_module
from kompetens.link.packaged import PACKAGED, packaged_vectors, save_packaged
from kompetens.link.text import words

from .conftest import CONCEPTS

DIM = 384


def _vector(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
    v = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


class CountingE5:
    """Stands in for the e5 model: a deterministic vector per text, and a record of what it embedded."""

    dim = DIM
    seen: ClassVar[list[str]] = []

    def query(self, texts: Sequence[str]) -> np.ndarray:
        CountingE5.seen += list(texts)
        return np.stack([_vector(t) for t in texts]) if texts else np.zeros((0, DIM), np.float32)

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self.query(texts)


def test_int8_storage_keeps_texts_and_cosines(tmp_path: Path) -> None:
    labels = {f"label {i}": _vector(f"label {i}") for i in range(50)}
    words_ = {"kund": _vector("kund"), "klagomål": _vector("klagomål")}
    path = tmp_path / "v.npz"
    save_packaged(path, labels=labels, words=words_)
    got_labels, got_words = packaged_vectors.__wrapped__(path)
    assert set(got_labels) == set(labels) and set(got_words) == set(words_)
    for table, got in ((labels, got_labels), (words_, got_words)):
        for text, vector in table.items():
            assert float(vector @ got[text]) / float(np.linalg.norm(got[text])) > 0.999


def test_a_missing_artefact_gives_empty_tables(tmp_path: Path) -> None:
    assert packaged_vectors.__wrapped__(tmp_path / "absent.npz") == ({}, {})


def test_build_embeds_only_what_the_package_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = LinkConfig(static_words=0)
    first = Linker.build(CONCEPTS, cache_dir=tmp_path / "all", config=config, embedder=CountingE5())
    label_texts = [first.docs.text[i] for i in first.dense_docs]
    assert first.static is not None
    all_words = list(first.static.vocab)
    shipped_labels = {t: _vector(t) for t in label_texts[: len(label_texts) // 2]}
    shipped_words = {w: _vector(w) for w in all_words[: len(all_words) // 2]}
    monkeypatch.setattr(linker_module, "packaged_vectors", lambda: (shipped_labels, shipped_words))
    monkeypatch.setattr(linker_module, "E5Embedder", CountingE5)
    CountingE5.seen = []
    built = Linker.build(CONCEPTS, cache_dir=tmp_path / "shipped", config=config)
    assert sorted(CountingE5.seen) == sorted(
        [w for w in all_words if w not in shipped_words] + [t for t in label_texts if t not in shipped_labels]
    )
    # the same index as embedding everything (the stand-in gives the package's vectors too)
    np.testing.assert_allclose(built.dense_vectors, first.dense_vectors, atol=1e-6)
    assert built.link(["hantera sociala medier"], top=3) == first.link(["hantera sociala medier"], top=3)


def test_an_explicit_embedder_never_takes_the_packaged_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linker_module, "packaged_vectors", lambda: pytest.fail("packaged vectors read"))
    Linker.build(CONCEPTS, cache_dir=tmp_path, config=LinkConfig(static_words=0), embedder=CountingE5())


@pytest.mark.skipif(not PACKAGED.is_file(), reason="the package's e5 vectors are not in this checkout")
def test_the_shipped_vectors_cover_the_default_taxonomy() -> None:
    """Setup on the default taxonomy embeds no label: rebuild the artefact (scripts/build_vectors.py) when the
    taxonomy data changes. Checked against the data folder the test command built, where there is one."""
    labels, label_words = packaged_vectors()
    assert len(labels) > 30_000 and len(label_words) > 25_000
    home = os.environ.get("KOMPETENS_HOME")
    if not home or not (Path(home) / "link" / "link_dense_docs.npy").is_file():
        pytest.skip("no data folder built with vectors ($KOMPETENS_HOME)")
    linker = Linker.load(Path(home) / "link")
    if not len(linker.dense_docs):
        pytest.skip("the data folder was built without vectors")
    missing = [linker.docs.text[i] for i in linker.dense_docs if linker.docs.text[i] not in labels]
    assert not missing, f"{len(missing)} labels lack a shipped vector, e.g. {missing[:3]}"
    vocab_missing = {w for i in linker.dense_docs for w in words(linker.docs.text[i])} - set(label_words)
    assert not vocab_missing, f"{len(vocab_missing)} label words lack a shipped vector"
