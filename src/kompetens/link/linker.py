"""The linker: texts -> ranked taxonomy concepts, from lexical and dense evidence over concept labels.

Every label (preferred and alternative, every language) is one document; a concept scores the best of
its documents (max-pooling). Three signals per concept, fused by a weighted sum:

* ``cov``  share of a label's idf-weighted word lemmas found in the text (a whole label inside the text
           scores 1.0, wherever it stands: this is span matching without enumerating spans);
* ``chr``  character 3-5-gram TF-IDF cosine between text and label (spelling variants, compounds);
* ``den``  e5 cosine between the text (and each of its phrase chunks) and the label, z-scored per
           text because e5 cosines sit in a narrow band.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from kompetens.errors import Code, KompetensError, TaxonomyError
from kompetens.link.embed import E5Embedder, Embedder, Progress, Vectors, embed_passages
from kompetens.link.index import FloatArray, InvertedIndex
from kompetens.link.langid import TrigramLangId
from kompetens.link.text import Lemmatizer, char_ngrams, chunks, clean, words
from kompetens.taxonomy.model import Concept

FORMAT_VERSION = 2
QUERY_BATCH = 64
DENSE_CHARS = 1000
LinkKind = Literal["skill", "occupation"]
KINDS: dict[str, tuple[str, ...]] = {
    "skill": ("skill", "jobtech-skill"),
    "occupation": ("occupation", "jobtech-occupation"),
}


class Candidate(NamedTuple):
    """One linked concept: its URI, its preferred label in the text's language, and the fused score."""

    uri: str
    label: str
    score: float

    def to_dict(self) -> dict[str, str | float]:
        """The contract's JSON form: ``{"id": uri, "label": ..., "score": ...}``."""
        return {"id": self.uri, "label": self.label, "score": self.score}


@dataclass(slots=True)
class LinkConfig:
    """Fusion weights and limits; the defaults were chosen on the validation sets (docs/linking.md)."""

    w_cov: float = 1.0
    w_chr: float = 1.0
    w_den: float = 0.2
    w_chunk: float = 0.0  # phrase chunks: +2 RP@5 on TECH, -1 on HOUSE, at 2-5x the embedding cost
    dense: bool = True
    max_chunks: int = 8
    max_df_chr: float = 1.0  # character n-grams in more than this share of labels are skipped (speed)
    # Alternative labels per concept and language that get vectors: 0 (preferred labels only) was as
    # good on the validation sets and cuts the build from ~100k to ~22k label embeddings.
    max_alt_dense: int | None = 0


@dataclass(slots=True)
class _Docs:
    """The label documents, sorted by concept so per-concept pooling is one ``reduceat``."""

    concept: npt.NDArray[np.int32]
    lang: list[str]
    text: list[str]

    def group_starts(self) -> npt.NDArray[np.int64]:
        change = np.flatnonzero(self.concept[1:] != self.concept[:-1]) + 1
        return np.concatenate([[0], change]).astype(np.int64)


@dataclass
class Linker:
    """Links texts to concepts. Build once with :meth:`build`, reopen with :meth:`load`."""

    uris: list[str]
    kinds: list[str]
    labels: list[dict[str, str]]
    docs: _Docs
    lemmatizer: Lemmatizer
    words_index: InvertedIndex
    char_index: InvertedIndex
    langid: TrigramLangId
    config: LinkConfig = field(default_factory=LinkConfig)
    dense_docs: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    dense_vectors: Vectors = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))
    embedder: Embedder | None = None

    def __post_init__(self) -> None:
        self._starts = self.docs.group_starts()
        self._doc_langs = sorted(set(self.docs.lang))
        group_concepts = self.docs.concept[self._starts]
        self._group_concept = group_concepts.astype(np.int64)
        self._dense_groups = (
            _dense_group_starts(self.docs.concept[self.dense_docs]) if len(self.dense_docs) else None
        )
        kind_arr = np.array(self.kinds)
        self._label_table: set[tuple[str, ...]] | None = None
        self._kind_mask = {k: np.isin(kind_arr[self._group_concept], v) for k, v in KINDS.items()}

    # ----------------------------------------------------------------------------------- building
    @classmethod
    def build(
        cls,
        concepts: Iterable[Concept],
        *,
        cache_dir: Path,
        progress: Progress | None = None,
        config: LinkConfig | None = None,
        embedder: Embedder | None = None,
    ) -> Linker:
        """Index ``concepts``, embed their labels (reusing vectors cached in ``cache_dir``), save, return."""
        config = config or LinkConfig()
        uris, kinds, labels, docs = _collect(concepts)
        if not uris:
            raise TaxonomyError(Code.E200, "no concepts with labels to link to")
        label_words: dict[str, set[str]] = {}
        for text, lang in zip(docs.text, docs.lang, strict=True):
            label_words.setdefault(lang, set()).update(words(text))
        lemmatizer = Lemmatizer.build(label_words)
        words_index = InvertedIndex.build(
            [
                _tagged(lemmatizer.lemmas(words(t), lang), lang)
                for t, lang in zip(docs.text, docs.lang, strict=True)
            ],
            scheme="coverage",
        )
        char_index = InvertedIndex.build([char_ngrams(words(t)) for t in docs.text], scheme="tfidf")
        by_lang: dict[str, list[list[str]]] = {}
        for text, lang in zip(docs.text, docs.lang, strict=True):
            by_lang.setdefault(lang, []).append(words(text))
        langid = TrigramLangId.build(by_lang)
        dense_docs = (
            _dense_subset(docs, config.max_alt_dense) if config.dense else np.zeros(0, dtype=np.int64)
        )
        vectors = np.zeros((0, 384), dtype=np.float32)
        if config.dense:
            embedder = embedder or E5Embedder()
            texts = [docs.text[i] for i in dense_docs]
            known = _load_known_vectors(cache_dir)  # read before save() below overwrites them
            vectors = embed_passages(embedder, texts, known=known, progress=progress)
        linker = cls(
            uris,
            kinds,
            labels,
            docs,
            lemmatizer,
            words_index,
            char_index,
            langid,
            config,
            dense_docs,
            vectors,
        )
        linker.embedder = embedder if config.dense else None
        linker.save(cache_dir)
        return linker

    def save(self, cache_dir: Path) -> None:
        """Write the index to ``cache_dir`` (label vectors as float16 ``.npy``)."""
        cache_dir.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT_VERSION,
            "uris": self.uris,
            "kinds": self.kinds,
            "labels": self.labels,
            "doc_lang": self.docs.lang,
            "doc_text": self.docs.text,
            "langid": self.langid.to_json(),
            "config": asdict(self.config),
        }
        (cache_dir / "link_meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        np.save(cache_dir / "link_doc_concept.npy", self.docs.concept)
        lemmas = json.dumps(self.lemmatizer.table, ensure_ascii=False)
        (cache_dir / "link_lemmas.json").write_text(lemmas, encoding="utf-8")
        self.words_index.save(cache_dir / "link_words.npz")
        self.char_index.save(cache_dir / "link_chars.npz")
        np.save(cache_dir / "link_dense_docs.npy", self.dense_docs)
        np.save(cache_dir / "link_dense.npy", self.dense_vectors.astype(np.float16))

    @classmethod
    def load(cls, cache_dir: Path, *, embedder: Embedder | None = None) -> Linker:
        """Reopen a linker saved by :meth:`build`."""
        meta_path = cache_dir / "link_meta.json"
        if not meta_path.is_file():
            raise TaxonomyError(
                Code.E200, "the linking index is not built; run `kompetens setup`", source=str(cache_dir)
            )
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(f"index format {meta.get('format')}, expected {FORMAT_VERSION}")
            docs = _Docs(np.load(cache_dir / "link_doc_concept.npy"), meta["doc_lang"], meta["doc_text"])
            linker = cls(
                meta["uris"],
                meta["kinds"],
                meta["labels"],
                docs,
                Lemmatizer(json.loads((cache_dir / "link_lemmas.json").read_text(encoding="utf-8"))),
                InvertedIndex.load(cache_dir / "link_words.npz"),
                InvertedIndex.load(cache_dir / "link_chars.npz"),
                TrigramLangId.from_json(meta["langid"]),
                LinkConfig(**meta["config"]),
                np.load(cache_dir / "link_dense_docs.npy"),
                np.load(cache_dir / "link_dense.npy").astype(np.float32),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise TaxonomyError(
                Code.E201, f"the linking index is damaged ({exc}); rebuild it", source=str(cache_dir)
            ) from exc
        if linker.config.dense and len(linker.dense_docs):
            linker.embedder = embedder or E5Embedder()
        return linker

    # ------------------------------------------------------------------------------------ linking
    def link(
        self,
        texts: Sequence[str],
        *,
        top: int = 5,
        kind: LinkKind = "skill",
        lang: str | None = None,
    ) -> list[list[Candidate]]:
        """The ``top`` concepts of ``kind`` for each text; an empty or wordless text gets ``[]``."""
        if kind not in KINDS:
            raise KompetensError(
                Code.E301, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}", field="kind"
            )
        if top < 1:
            raise KompetensError(Code.E301, "top must be at least 1", field="top")
        cleaned = [_clean_input(text) for text in texts]
        vectors = self._embed_queries(cleaned)
        return [
            self._rank(c, v, top=top, kind=kind, lang=lang) for c, v in zip(cleaned, vectors, strict=True)
        ]

    def detect_lang(self, text: str) -> str:
        """The label language that ``text`` reads as."""
        return self.langid.detect(words(clean(text)))

    def features(self, text: str) -> dict[str, FloatArray]:
        """Per-concept-group signals (``cov``, ``chr``, ``den``, ``chunk``) for ``text``; for tuning."""
        cleaned = clean(text)
        return self._features(cleaned, self._embed_queries([cleaned])[0])

    def _features(self, cleaned: str, vectors: Vectors | None) -> dict[str, FloatArray]:
        tokens = words(cleaned)
        out: dict[str, FloatArray] = {"cov": self._pool(self._coverage(tokens))}
        if self.config.w_chr:
            out["chr"] = self._pool(self.char_index.score(char_ngrams(tokens), max_df=self.config.max_df_chr))
        if vectors is not None and len(vectors):
            dense = self._pool_dense(vectors @ self.dense_vectors.T)
            out["den"] = _zscore(dense[0])
            out["chunk"] = _zscore(dense[1:].max(axis=0)) if len(dense) > 1 else out["den"]
        return out

    def _embed_queries(self, cleaned: Sequence[str]) -> list[Vectors | None]:
        """Query vectors per text (the text, then its phrase chunks), embedded in shared batches."""
        if not (self.config.dense and self._dense_groups is not None and self.embedder is not None):
            return [None] * len(cleaned)
        per_text = [self._dense_queries(text) for text in cleaned]
        flat = [q for queries in per_text for q in queries]
        vectors = np.zeros((len(flat), self.dense_vectors.shape[1]), dtype=np.float32)
        for start in range(0, len(flat), QUERY_BATCH):
            vectors[start : start + QUERY_BATCH] = self.embedder.query(flat[start : start + QUERY_BATCH])
        out: list[Vectors | None] = []
        offset = 0
        for queries in per_text:
            out.append(vectors[offset : offset + len(queries)] if queries else None)
            offset += len(queries)
        return out

    def _dense_queries(self, cleaned: str) -> list[str]:
        if not words(cleaned):
            return []
        pieces = chunks(cleaned)[: self.config.max_chunks] if self.config.w_chunk else []
        # e5 reads at most 512 tokens; cut earlier since a skill sentence is short and time grows with length.
        head = cleaned[:DENSE_CHARS]
        return [head, *pieces] if len(pieces) > 1 else [head]

    def extract_spans(self, tokens: Sequence[str], *, max_len: int = 6) -> list[tuple[int, int]]:
        """Token spans ``(start, end)`` whose lemmas spell a whole label: longest first, no overlaps."""
        table = self._label_lemmas()
        token_words = [words(clean(t, max_chars=200)) for t in tokens]
        n = len(token_words)
        found: list[tuple[int, int]] = []
        taken = [False] * n
        windows = [
            (i, j)
            for i in range(n)
            for j in range(i + 1, min(n, i + max_len) + 1)
            if token_words[i] and token_words[j - 1]  # a span starts and ends on a word
        ]
        for i, j in sorted(windows, key=lambda s: (s[0] - s[1], s[0])):
            if any(taken[i:j]):
                continue
            span_words = [w for ws in token_words[i:j] for w in ws]
            if any(tuple(self.lemmatizer.lemmas(span_words, lang)) in table for lang in self._doc_langs):
                found.append((i, j))
                taken[i:j] = [True] * (j - i)
        return sorted(found)

    def _label_lemmas(self) -> set[tuple[str, ...]]:
        if self._label_table is None:
            self._label_table = {
                tuple(self.lemmatizer.lemmas(words(text), lang))
                for text, lang in zip(self.docs.text, self.docs.lang, strict=True)
            }
        return self._label_table

    def _rank(
        self, cleaned: str, vectors: Vectors | None, *, top: int, kind: LinkKind, lang: str | None
    ) -> list[Candidate]:
        tokens = words(cleaned)
        if not tokens:
            return []
        score = np.where(self._kind_mask[kind], self._fuse(self._features(cleaned, vectors)), -np.inf)
        out_lang = lang or self.langid.detect(tokens)
        return [
            Candidate(self.uris[c], _label(self.labels[c], out_lang), round(float(score[g]), 4))
            for g in _top(score, top)
            if np.isfinite(score[g])
            for c in [int(self._group_concept[g])]
        ]

    def _fuse(self, feats: dict[str, FloatArray]) -> FloatArray:
        cfg = self.config
        score = cfg.w_cov * feats["cov"]
        if "chr" in feats:
            score = score + cfg.w_chr * feats["chr"]
        if "den" in feats:
            score = score + cfg.w_den * feats["den"] + cfg.w_chunk * feats["chunk"]
        return score.astype(np.float32)

    def _coverage(self, tokens: list[str]) -> FloatArray:
        # Index terms carry their label's language ("sv:kund"): the text is lemmatised in every label
        # language and each label meets only the lemmas of its own language, in one pass.
        terms = [
            term for lang in self._doc_langs for term in _tagged(self.lemmatizer.lemmas(tokens, lang), lang)
        ]
        return self.words_index.score(terms)

    def _pool(self, doc_scores: FloatArray) -> FloatArray:
        return np.maximum.reduceat(doc_scores, self._starts).astype(np.float32)

    def _pool_dense(self, sims: FloatArray) -> FloatArray:
        """Max over each concept's vectors, scattered onto concept groups (0 where a concept has none)."""
        assert self._dense_groups is not None
        starts, groups = self._dense_groups
        pooled = np.maximum.reduceat(sims, starts, axis=1)
        out = np.zeros((sims.shape[0], len(self._starts)), dtype=np.float32)
        out[:, np.searchsorted(self._group_concept, groups)] = pooled
        return out


def _collect(concepts: Iterable[Concept]) -> tuple[list[str], list[str], list[dict[str, str]], _Docs]:
    uris: list[str] = []
    kinds: list[str] = []
    labels: list[dict[str, str]] = []
    doc_concept: list[int] = []
    doc_lang: list[str] = []
    doc_text: list[str] = []
    for concept in concepts:
        seen: set[str] = set()
        added = False
        for lang, names in concept.labels.items():
            for name in names:
                text = clean(name, max_chars=300)
                key = f"{lang}\t{text.lower()}"
                if not words(text) or key in seen:
                    continue
                seen.add(key)
                doc_concept.append(len(uris))
                doc_lang.append(lang)
                doc_text.append(text)
                added = True
        if added:
            uris.append(concept.uri)
            kinds.append(concept.kind)
            labels.append({lang: names[0] for lang, names in concept.labels.items() if names})
    return uris, kinds, labels, _Docs(np.asarray(doc_concept, dtype=np.int32), doc_lang, doc_text)


def _dense_subset(docs: _Docs, max_alt: int | None) -> npt.NDArray[np.int64]:
    """Documents that get vectors: every preferred label plus up to ``max_alt`` alternatives per language."""
    keep: list[int] = []
    seen: dict[tuple[int, str], int] = {}
    for i, (concept, lang) in enumerate(zip(docs.concept.tolist(), docs.lang, strict=True)):
        n = seen.get((concept, lang), 0)
        if max_alt is None or n <= max_alt:
            keep.append(i)
        seen[(concept, lang)] = n + 1
    return np.asarray(keep, dtype=np.int64)


def _dense_group_starts(
    concepts: npt.NDArray[np.int32],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    change = np.flatnonzero(concepts[1:] != concepts[:-1]) + 1
    starts = np.concatenate([[0], change]).astype(np.int64)
    return starts, concepts[starts].astype(np.int64)


def _load_known_vectors(cache_dir: Path) -> dict[str, Vectors]:
    """Vectors of a previous build, by label text, so a rebuild embeds only new labels."""
    try:
        meta = json.loads((cache_dir / "link_meta.json").read_text(encoding="utf-8"))
        ids = np.load(cache_dir / "link_dense_docs.npy")
        vectors = np.load(cache_dir / "link_dense.npy").astype(np.float32)
        texts = [meta["doc_text"][i] for i in ids.tolist()]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}
    return dict(zip(texts, vectors, strict=False))


def _clean_input(text: object) -> str:
    if not isinstance(text, str):
        raise KompetensError(Code.E301, "each text to link must be a string", field="texts")
    return clean(text)


def _tagged(lemmas: list[str], lang: str) -> list[str]:
    return [f"{lang}:{lemma}" for lemma in lemmas]


def _zscore(values: FloatArray) -> FloatArray:
    std = float(values.std())
    centred: FloatArray = (values - values.mean()).astype(np.float32)
    return centred / np.float32(std) if std > 0 else centred


def _top(score: FloatArray, k: int) -> list[int]:
    k = min(k, len(score))
    part = np.argpartition(-score, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-score[part], kind="stable")]]


def _label(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()))
