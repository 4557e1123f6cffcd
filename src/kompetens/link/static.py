"""Static word vectors distilled from e5: a sentence vector for ~0.1 ms instead of ~70 ms.

At build time every vocabulary word (the label words plus the most frequent words of each label
language) is embedded alone by e5 as a query. A text's vector is then the frequency-weighted sum of
its words' vectors (the Model2Vec idea, without training). It is far from e5 on a whole sentence, but
it carries word meaning that shares no letters with a label (``enthusiastic`` ~ ``determination``) at
the cost of a dictionary look-up per word.

Vectors are centred on the vocabulary mean before normalising: e5 vectors share one large common
direction, which would otherwise swamp a sum of many words. Weights are SIF weights
``a / (a + frequency)`` from wordfreq, so frequent words count little.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kompetens.link.embed import BATCH, Embedder, Progress, Vectors, embed_texts
from kompetens.link.text import split_compound, words

SIF_A = 1e-4
"""SIF smoothing: a word at frequency 1e-4 (~ "data" in English) weighs 0.5, a rare word ~1."""
MIN_PART = 3
"""Shortest part of a split compound (``klinik|veterinär``); shorter parts match too much."""


@dataclass(slots=True)
class StaticVectors:
    """Word -> raw e5 vector and weight; :meth:`encode` turns token lists into text vectors."""

    vocab: dict[str, int]
    raw: Vectors
    weights: npt.NDArray[np.float32]
    vectors: Vectors = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not (len(self.vocab) == len(self.raw) == len(self.weights)):
            raise ValueError("static vectors, weights and vocabulary differ in length")
        raw = self.raw.astype(np.float32)
        centred = raw - raw.mean(axis=0, dtype=np.float64).astype(np.float32) if len(raw) else raw
        norms = np.linalg.norm(centred, axis=1, keepdims=True)
        self.vectors = (centred / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    @classmethod
    def build(
        cls,
        label_words: Mapping[str, set[str]],
        embedder: Embedder,
        *,
        frequent: int,
        known: Mapping[str, Vectors] | None = None,
        progress: Progress | None = None,
    ) -> StaticVectors:
        """Embed the label words plus the ``frequent`` most frequent words of each label language.

        ``known`` maps words to raw e5 vectors of an earlier build, so a rebuild embeds only new words.
        """
        vocab = _vocabulary(label_words, frequent)
        # single words are short: bigger batches keep both cores busy
        raw = embed_texts(embedder, vocab, known=known, progress=progress, query=True, batch=BATCH * 8)
        weights = _sif_weights(vocab, label_words)
        return cls({w: i for i, w in enumerate(vocab)}, raw, weights)

    def known(self) -> dict[str, Vectors]:
        """Raw vectors by word, for :meth:`build` to reuse."""
        return {w: self.raw[i] for w, i in self.vocab.items()}

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def encode(self, token_lists: Sequence[Sequence[str]]) -> Vectors:
        """One unit vector per token list; all zeros where no word is known."""
        out = np.zeros((len(token_lists), self.dim), dtype=np.float32)
        for row, tokens in enumerate(token_lists):
            ids = [i for token in tokens for i in self._ids(token)]
            if not ids:
                continue
            vector = self.weights[ids] @ self.vectors[ids]
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[row] = vector / norm
        return out

    def _ids(self, word: str) -> list[int]:
        """The word's id, or the ids of the two known parts of a compound (modifier, head).

        Compounds (``klinikveterinär``, ``mätningsingenjör``) are split where the longest known head
        ends the word and the rest, or the rest less one linking letter, is a known word.
        """
        i = self.vocab.get(word)
        if i is not None:
            return [i]
        parts = split_compound(word, self.vocab.get, min_part=MIN_PART)
        return list(parts) if parts else []

    def save(self, path: Path) -> None:
        np.savez(
            path,
            words=np.array("\n".join(self.vocab)),
            raw=self.raw.astype(np.float16),
            weights=self.weights,
        )

    @classmethod
    def load(cls, path: Path) -> StaticVectors:
        with np.load(path, allow_pickle=False) as data:
            joined = str(data["words"])
            vocab = joined.split("\n") if joined else []
            raw = data["raw"].astype(np.float32)
            weights = data["weights"].astype(np.float32)
        return cls({w: i for i, w in enumerate(vocab)}, raw, weights)


def _vocabulary(label_words: Mapping[str, set[str]], frequent: int) -> list[str]:
    vocab: dict[str, None] = {}
    for lang in sorted(label_words):
        vocab.update(dict.fromkeys(sorted(label_words[lang])))
    for lang in sorted(label_words):
        for entry in _frequent_words(lang, frequent):
            vocab.update(dict.fromkeys(words(entry)))
    vocab.pop("", None)
    return list(vocab)


def _frequent_words(lang: str, n: int) -> list[str]:
    """wordfreq's ``n`` most frequent words of ``lang``; none for a language it does not know."""
    if n <= 0:
        return []
    try:
        import wordfreq

        return list(wordfreq.top_n_list(lang, n))
    except (ImportError, LookupError, ValueError):
        return []


def _sif_weights(vocab: Sequence[str], langs: Iterable[str]) -> npt.NDArray[np.float32]:
    """SIF weight of each word from its highest wordfreq frequency over ``langs`` (1.0 when unknown)."""
    try:
        import wordfreq
    except ImportError:
        return np.ones(len(vocab), dtype=np.float32)
    usable = [lang for lang in sorted(langs) if _frequent_words(lang, 1)]
    freq = np.asarray(
        [max((wordfreq.word_frequency(w, lang) for lang in usable), default=0.0) for w in vocab],
        dtype=np.float64,
    )
    return (SIF_A / (SIF_A + freq)).astype(np.float32)
