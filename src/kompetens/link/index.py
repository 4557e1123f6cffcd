"""A small inverted index in numpy (no scipy): term -> (doc, weight) postings, scored by accumulation.

Two weightings over the same structure:

* ``coverage``: weight(t, d) = idf(t) / sum of idf over the distinct terms of d, so a query scores
  the share of a label's (idf-weighted) terms that it contains: 1.0 when the whole label occurs.
* ``tfidf``: sublinear tf-idf, rows L2-normalised; with a query weighted the same way the score is a
  cosine (the character n-gram TF-IDF baseline of the ESCO-linking literature).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import numpy.typing as npt

Scheme = Literal["coverage", "tfidf"]
MIN_SKIPPED = 100
"""Postings this short cost nothing to read: ``max_df`` never skips them."""
FloatArray = npt.NDArray[np.float32]
ANY_LANG = "*"
"""The language of a single index over labels of every language (one saved before per-language indexes)."""
Postings = tuple[npt.NDArray[np.int64], FloatArray]
"""(document ids, weights): one entry per (query term, document) the term occurs in; a document may repeat."""
NO_POSTINGS: Postings = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


def summed(postings: Postings, n_docs: int) -> FloatArray:
    """Each document's summed weight (dense, length ``n_docs``)."""
    docs, weights = postings
    return np.bincount(docs, weights=weights, minlength=n_docs).astype(np.float32)


def joined(parts: Sequence[Postings], scales: Sequence[float] | None = None) -> Postings:
    """Several postings as one, each part's weights times its scale (1 without ``scales``)."""
    scaled = [
        (docs, weights if scale == 1.0 else weights * np.float32(scale))
        for (docs, weights), scale in zip(parts, scales or [1.0] * len(parts), strict=True)
        if len(docs)
    ]
    if not scaled:
        return NO_POSTINGS
    return np.concatenate([d for d, _ in scaled]), np.concatenate([w for _, w in scaled])


@dataclass(frozen=True, slots=True)
class TermQuery:
    """A query's known terms in one index, each with its weight: the postings it reads. ``limit``: terms with
    more postings are skipped (``max_df``); ``doc_map``: the index's document ids in a shared numbering
    (``LanguageIndexes``), None where they are that numbering."""

    index: InvertedIndex
    ids: npt.NDArray[np.int64]
    weights: FloatArray
    limit: float = math.inf
    doc_map: npt.NDArray[np.int64] | None = None
    mapped: npt.NDArray[np.int32] | None = None
    """The index's posting documents with ``doc_map`` applied (``LanguageIndexes.mapped``), where it has them:
    the walk over the postings (``link.sparse``) reads them in place of a look-up per posting."""

    def postings(self) -> Postings:
        """(document, posting weight x term weight) for every posting of the query's terms."""
        index = self.index
        starts, ends = index.indptr[self.ids], index.indptr[self.ids + 1]
        lengths = ends - starts
        qw = self.weights
        if math.isfinite(self.limit):
            keep = lengths <= self.limit
            qw, starts, lengths = qw[keep], starts[keep], lengths[keep]
        if len(lengths) == 0:
            return NO_POSTINGS
        # Gather all postings of the query terms at once: no Python loop per term.
        take = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        if self.mapped is not None:
            docs = self.mapped[take].astype(np.int64)
        else:
            docs = index.docs[take].astype(np.int64)
            docs = docs if self.doc_map is None else self.doc_map[docs]
        return (
            docs,
            (index.weights[take] * np.repeat(qw, lengths)).astype(np.float32),
        )


@dataclass(slots=True)
class InvertedIndex:
    """Postings in CSR form: the postings of term ``t`` are ``docs[indptr[t]:indptr[t+1]]``."""

    scheme: Scheme
    vocab: dict[str, int]
    idf: FloatArray
    indptr: npt.NDArray[np.int64]
    docs: npt.NDArray[np.int32]
    weights: FloatArray
    n_docs: int

    @classmethod
    def build(
        cls, doc_terms: Sequence[Sequence[str]], *, scheme: Scheme, groups: Sequence[str] | None = None
    ) -> InvertedIndex:
        """Index ``doc_terms`` (one term list per document).

        ``groups`` (one per document, e.g. its language): a term's idf counts only the documents of its
        own group, so adding documents of another group leaves the weights of this one as they were.
        """
        counts = [Counter(terms) for terms in doc_terms]
        vocab: dict[str, int] = {}
        for counter in counts:
            for term in counter:
                vocab.setdefault(term, len(vocab))
        n_docs = len(counts)
        df = np.zeros(len(vocab), dtype=np.float64)
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[float] = []
        for doc, counter in enumerate(counts):
            for term, tf in counter.items():
                rows.append(vocab[term])
                cols.append(doc)
                tfs.append(float(tf))
        term_ids = np.asarray(rows, dtype=np.int64)
        doc_ids = np.asarray(cols, dtype=np.int32)
        np.add.at(df, term_ids, 1.0)
        n_of_term = np.full(len(vocab), float(n_docs))
        if groups is not None:
            sizes = Counter(groups)
            n_of_term[term_ids] = np.asarray([sizes[groups[d]] for d in cols], dtype=np.float64)
        idf = (np.log((1.0 + n_of_term) / (1.0 + df)) + 1.0).astype(np.float32)
        weights = _doc_weights(scheme, term_ids, doc_ids, np.asarray(tfs), idf, n_docs)
        order = np.lexsort((doc_ids, term_ids))
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_ids, minlength=len(vocab)), out=indptr[1:])
        return cls(scheme, vocab, idf, indptr, doc_ids[order], weights[order], n_docs)

    def query_weights(self, terms: Sequence[str]) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """Known term ids of a query and their weights under this index's scheme."""
        counter = Counter(map(self.vocab.get, terms))  # term ids (None: unknown), counted in one C loop
        counter.pop(None, None)
        return self._weighted(cast("Counter[int]", counter))  # None popped: ids only

    def known_ids(self, terms: Iterable[str]) -> list[int]:
        """The ids of the known ones of ``terms``, in order, repeats kept: what :meth:`query_ids` counts. A
        caller that meets the same words again keeps these per word (``Linker._char_queries``)."""
        vocab = self.vocab
        return [i for t in terms if (i := vocab.get(t)) is not None]

    def query_ids(self, ids: Iterable[int], *, max_df: float = 1.0) -> TermQuery:
        """:meth:`query` of the terms whose :meth:`known_ids` are ``ids``: the same query, term for term."""
        return TermQuery(self, *self._weighted(Counter(ids)), self._limit(max_df))

    def _weighted(self, counter: Counter[int]) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """The term ids of ``counter`` (in its order) and their weights, from their counts."""
        ids = np.fromiter(counter, dtype=np.int64, count=len(counter))
        if self.scheme == "coverage":
            return ids, np.ones(len(ids), dtype=np.float32)
        tf = np.fromiter(counter.values(), dtype=np.float32, count=len(counter))
        w = (1.0 + np.log(tf)) * self.idf[ids]
        norm = float(np.sqrt(w @ w))  # ``np.linalg.norm(w)``, without its checks
        return ids, (w / norm if norm > 0 else w).astype(np.float32)

    def score(self, terms: Sequence[str], *, max_df: float = 1.0) -> FloatArray:
        """Score of every document for the query ``terms`` (dense, length ``n_docs``).

        Terms in more than ``max_df`` of the documents (and more than ``MIN_SKIPPED`` of them, so a
        small index keeps every term) are skipped: they weigh little (low idf) and
        their long postings are most of the cost.
        """
        return summed(self.query(terms, max_df=max_df).postings(), self.n_docs)

    def score_weighted(self, terms: Mapping[str, float], *, max_df: float = 1.0) -> FloatArray:
        """Like :meth:`score`, each known term's postings scaled by its own query weight (translated terms
        count less than the text's own)."""
        return summed(self.query_weighted(terms, max_df=max_df).postings(), self.n_docs)

    def query(self, terms: Sequence[str], *, max_df: float = 1.0) -> TermQuery:
        """The query :meth:`score` sums the postings of."""
        ids, qw = self.query_weights(terms)
        return TermQuery(self, ids, qw, self._limit(max_df))

    def query_weighted(self, terms: Mapping[str, float], *, max_df: float = 1.0) -> TermQuery:
        """The query :meth:`score_weighted` sums the postings of."""
        known = [(self.vocab[t], w) for t, w in terms.items() if t in self.vocab and w > 0]
        ids = np.asarray([i for i, _ in known], dtype=np.int64)
        qw = np.asarray([w for _, w in known], dtype=np.float32)
        return TermQuery(self, ids, qw, self._limit(max_df))

    def _limit(self, max_df: float) -> float:
        return math.inf if max_df >= 1.0 else max(max_df * self.n_docs, MIN_SKIPPED)

    def save(self, path: Path) -> None:
        np.savez(
            path,
            scheme=np.array(self.scheme),
            # One joined string: a fixed-width unicode array would pad every term to the longest.
            terms=np.array("\n".join(self.vocab)),
            idf=self.idf,
            indptr=self.indptr,
            docs=self.docs,
            weights=self.weights,
            n_docs=np.array(self.n_docs),
        )

    @classmethod
    def load(cls, path: Path) -> InvertedIndex:
        with np.load(path, allow_pickle=False) as data:
            scheme = str(data["scheme"])
            if scheme not in ("coverage", "tfidf"):
                raise ValueError(f"unknown index scheme {scheme!r}")
            joined = str(data["terms"])
            terms = joined.split("\n") if joined else []
            return cls(
                "coverage" if scheme == "coverage" else "tfidf",
                {t: i for i, t in enumerate(terms)},
                data["idf"],
                data["indptr"],
                data["docs"],
                data["weights"],
                int(data["n_docs"]),
            )


def _doc_weights(
    scheme: Scheme,
    term_ids: npt.NDArray[np.int64],
    doc_ids: npt.NDArray[np.int32],
    tf: npt.NDArray[np.float64],
    idf: FloatArray,
    n_docs: int,
) -> FloatArray:
    term_idf = idf[term_ids].astype(np.float64)
    if scheme == "coverage":
        mass = np.bincount(doc_ids, weights=term_idf, minlength=n_docs)
        return (term_idf / mass[doc_ids]).astype(np.float32)
    w = (1.0 + np.log(tf)) * term_idf
    norms = np.sqrt(np.bincount(doc_ids, weights=w * w, minlength=n_docs))
    return (w / norms[doc_ids]).astype(np.float32)


@dataclass(slots=True)
class LanguageIndexes:
    """One index per label language over a shared document numbering (``docs[lang]``: its documents' ids).

    Each language's weights (idf, the query vector's norm) come from its own labels alone, so adding labels
    in another language leaves a text's scores against this one's exactly as they were.
    """

    indexes: dict[str, InvertedIndex]
    docs: dict[str, npt.NDArray[np.int64]]
    n_docs: int
    mapped: dict[str, npt.NDArray[np.int32]] = field(init=False, repr=False, compare=False)
    """Per language, its index's posting documents in the shared numbering (int32: the walk over a text's
    postings reads one array in order instead of looking each posting's document up at random; 4 bytes a
    posting). Computed once here."""

    def __post_init__(self) -> None:
        self.mapped = {
            lang: self.docs[lang][index.docs].astype(np.int32) if len(index.docs) else np.zeros(0, np.int32)
            for lang, index in self.indexes.items()
        }

    @classmethod
    def build(
        cls, doc_terms: Sequence[Sequence[str]], langs: Sequence[str], *, scheme: Scheme
    ) -> LanguageIndexes:
        docs = {
            lang: np.asarray([i for i, x in enumerate(langs) if x == lang], dtype=np.int64)
            for lang in sorted(set(langs))
        }
        indexes = {
            lang: InvertedIndex.build([doc_terms[i] for i in ids.tolist()], scheme=scheme)
            for lang, ids in docs.items()
        }
        return cls(indexes, docs, len(doc_terms))

    def score(
        self, terms: Sequence[str], *, max_df: float = 1.0, langs: Sequence[str] | None = None
    ) -> FloatArray:
        """Scores of every document (0 for those of languages not in ``langs``; all languages when None)."""
        return summed(
            joined([q.postings() for q in self.queries(terms, max_df=max_df, langs=langs)]), self.n_docs
        )

    def languages(self, langs: Sequence[str] | None = None) -> list[str]:
        """The indexes :meth:`queries` reads for ``langs``, in order: those languages' and a single one's."""
        return [lang for lang in self.indexes if langs is None or lang in langs or lang == ANY_LANG]

    def queries_of_ids(self, ids: Mapping[str, Iterable[int]], *, max_df: float = 1.0) -> list[TermQuery]:
        """:meth:`queries` from each language's term ids (``InvertedIndex.known_ids`` of the terms), for the
        languages in ``ids``, in :meth:`languages` order."""
        found: list[TermQuery] = []
        for lang, index in self.indexes.items():
            if lang in ids:  # built at once, not ``replace``d: quick linking asks this per phrase
                terms, weights = index._weighted(Counter(ids[lang]))
                found.append(
                    TermQuery(index, terms, weights, index._limit(max_df), self.docs[lang], self.mapped[lang])
                )
        return found

    def queries(
        self, terms: Sequence[str], *, max_df: float = 1.0, langs: Sequence[str] | None = None
    ) -> list[TermQuery]:
        """The queries :meth:`score` sums the postings of, one per language, in the shared numbering."""
        return [
            replace(index.query(terms, max_df=max_df), doc_map=self.docs[lang], mapped=self.mapped[lang])
            for lang, index in self.indexes.items()
            if langs is None or lang in langs or lang == ANY_LANG
        ]

    def save(self, path: Path) -> None:
        """``path`` (``link_chars.npz``) holds the document ids per language, ``path-<lang>.npz`` each index."""
        arrays: dict[str, npt.NDArray[Any]] = {
            f"docs_{i}": self.docs[lang] for i, lang in enumerate(self.indexes)
        }
        arrays["langs"] = np.array("\n".join(self.indexes))
        arrays["n_docs"] = np.array(self.n_docs)
        np.savez(path, **arrays)  # type: ignore[arg-type]
        for lang, index in self.indexes.items():
            index.save(path.with_name(f"{path.stem}-{lang}.npz"))

    @classmethod
    def load(cls, path: Path) -> LanguageIndexes:
        """Read what :meth:`save` wrote; a single index (an index saved before per-language ones) loads as
        one index for every language (``ANY_LANG``) over all documents."""
        with np.load(path, allow_pickle=False) as data:
            if "langs" not in data:
                index = InvertedIndex.load(path)
                return cls(
                    {ANY_LANG: index}, {ANY_LANG: np.arange(index.n_docs, dtype=np.int64)}, index.n_docs
                )
            langs = str(data["langs"]).split("\n")
            docs = {lang: data[f"docs_{i}"].astype(np.int64) for i, lang in enumerate(langs)}
            n_docs = int(data["n_docs"])
        indexes = {lang: InvertedIndex.load(path.with_name(f"{path.stem}-{lang}.npz")) for lang in langs}
        return cls(indexes, docs, n_docs)
