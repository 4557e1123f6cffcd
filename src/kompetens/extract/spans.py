"""A learned skill-span finder: a B/I/O sequence tagger over hashed sparse features (numpy only).

Where the phrase index finds a competency only where a label or curated phrase is written, the tagger marks
the phrases an ad asks for whatever their wording ("deploy your applications", "attention to detail", "Java").
The model is an averaged structured perceptron with Viterbi decoding, trained on SkillSpan's train split by
``scripts/train_spans.py`` (skill and knowledge spans merged into one label); ``docs/extraction.md`` has the
figures. The model file ships in ``extract/data/spans.npz``.

Features of a token: its lowercased form, lemma, prefix, suffixes, shape, case and a word class from
``lang/<code>/spans.json`` (cue words such as "experience"/"erfarenhet", prepositions, conjunctions ...),
and the same of its neighbours at +-1 (+-2: form, shape, class), plus the two word bigrams around it.
Everything but the bigrams depends on one word only, so decoding sums cached per-word tables (one per
neighbour position) instead of hashing features per token.
"""

from __future__ import annotations

import io
import random
import re
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import groupby, islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..lang import lang_data
from .lemma import Lexicon, default_lexicon
from .native import speedups

MODEL_VERSION = 2
"""Bumped when features or the file layout change: a model file of another version does not load (a version 1
file, without word clusters, still does: its features are the same)."""
READS = (1, 2)
MODEL_FILE = "spans.npz"
BITS = 19
"""2**BITS hashed feature rows."""
LABELS = ("O", "B", "I")
OUT, BEGIN, INSIDE = 0, 1, 2
OFFSETS = (-2, -1, 0, 1, 2)
SENTENCE_CLASSES = frozenset({"cue", "we", "you", "req", "do"})
"""Word classes (``lang/<code>/spans.json``) whose presence anywhere in a sentence is a feature of each token."""
MAX_TOKENS = 120
"""Longer segments are cut into pieces of this many tokens (decoding is linear; features are local)."""

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

TOKEN = re.compile(r"\w+(?:[.\-/'’+#&]\w+)*[+#]*|[^\w\s]")
"""Words (with inner dots, hyphens, slashes: "Node.js", "CI/CD", "C++", "C#") and single other characters."""
_SENTENCE_END = frozenset(".!?")
_SHAPE = str.maketrans(
    {
        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ"},
        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzåäöéü"},
        **{c: "d" for c in "0123456789"},
    }
)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for each token of ``text``."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def segments(text: str) -> list[list[tuple[str, int, int]]]:
    """The text's tokens in sentences: a line break, or ``. ! ?`` before a capital, ends one."""
    out: list[list[tuple[str, int, int]]] = []
    for line in re.finditer(r"[^\n]+", text):
        current: list[tuple[str, int, int]] = []
        base = line.start()
        toks = tokenize(line.group())
        for k, (tok, s, e) in enumerate(toks):
            current.append((tok, base + s, base + e))
            nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
            if (tok in _SENTENCE_END and nxt[:1].isupper()) or len(current) >= MAX_TOKENS:
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def _shape(word: str) -> str:
    full = word.translate(_SHAPE)
    # runs squeezed ("Xxxxx" -> "Xx"): a groupby, 2.4x faster than a regex substitution
    return "".join([k for k, _ in groupby(full)]) if len(full) > 4 else full


def _case(word: str) -> str:
    if not any(c.isalpha() for c in word):
        return "digit" if any(c.isdigit() for c in word) else "punct"
    if word.isupper():
        return "upper" if len(word) > 1 else "cap1"
    if word[0].isupper():
        return "title" if word[1:].islower() or len(word) == 1 else "mixed"
    return "lower" if word.islower() else "mixed"


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << BITS) - 1)


class _Hashes(dict[str, int]):
    """Feature string -> hashed id, filled on first use (``map(hashes.__getitem__, features)`` runs in C)."""

    def __missing__(self, feature: str) -> int:
        if len(self) > 1_000_000:
            self.clear()
        h = self[feature] = _hash(feature)
        return h


class Featurizer:
    """Hashed feature ids per word (per neighbour position) and per token (bigrams), for one lexicon and
    (optionally) word clusters: lowercased word -> its cluster at each granularity (``SpanModel.clusters``)."""

    def __init__(
        self, lexicon: Lexicon | None = None, clusters: dict[str, tuple[int, ...]] | None = None
    ) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.clusters = clusters or {}
        self.hashed = _Hashes()
        self._classes: dict[str, dict[str, str]] = {}
        self._ids: dict[tuple[str, str], list[IntArray]] = {}

    def word_class(self, lower: str, lang: str) -> str:
        classes = self._classes.get(lang)
        if classes is None:
            classes = self._classes[lang] = {
                w: name for name, ws in lang_data(lang, "spans").get("classes", {}).items() for w in ws
            }
        return classes.get(lower, "-")

    def word_features(self, word: str, lang: str) -> list[list[str]]:
        """Feature strings of ``word`` for each position in ``OFFSETS`` (the word seen from its neighbour)."""
        return [
            [f"{o}:{f}" for f in fs] for o, fs in zip(OFFSETS, self.feature_groups(word, lang), strict=True)
        ]

    def feature_groups(self, word: str, lang: str) -> list[list[str]]:
        """The features of ``word`` seen from each position in ``OFFSETS``, without the position's prefix
        (``word_features`` adds it)."""
        lower = word.lower()
        lemma = self.lexicon.lemma(lower, lang) if lower.isalpha() else lower
        shape, case, cls = _shape(word), _case(word), self.word_class(lower, lang)
        own = [
            f"w={lower}",
            f"l={lemma}",
            f"p3={lower[:3]}",
            f"s3={lower[-3:]}",
            f"s2={lower[-2:]}",
            f"sh={shape}",
            f"c={case}",
            f"k={cls}",
            f"len={min(len(word), 12)}",
        ]
        near = [f"w={lower}", f"l={lemma}", f"s3={lower[-3:]}", f"sh={shape}", f"k={cls}", f"c={case}"]
        far = [f"w={lower}", f"sh={shape}", f"k={cls}"]
        if self.clusters:  # the word's clusters of multilingual e5 vectors: "Java" near "Python", sv near en
            found = self.clusters.get(lower) or self.clusters.get(lemma)
            grains = [f"g{i}={c}" for i, c in enumerate(found)] if found else ["g=?"]
            own += grains
            near += grains
            far += grains[:1]
        by = {-2: far, -1: near, 0: own, 1: near, 2: far}
        return [by[o] for o in OFFSETS]

    def fill_row(self, word: str, lang: str, weights: FloatArray, out: FloatArray, class_lang: str) -> int:
        """Write :meth:`word_table` of ``word`` into ``out`` (float32, positions x labels) and return the code
        of its sentence class in ``class_lang`` (``_SENTENCE_CLASS_CODES``, 0 for none): a word cache's new
        row (``WordTables``). The C code (``_speedups.word_row``, which builds and hashes the features itself)
        where it is built, else :meth:`word_table_python`: the same sums, in the same order."""
        lower = word.lower()
        if speedups is None:
            out[:] = self.word_table_python(word, lang, weights)
        else:
            lemma = self.lexicon.lemma(lower, lang) if lower.isalpha() else lower
            grains = (self.clusters.get(lower) or self.clusters.get(lemma) or ()) if self.clusters else None
            speedups.word_row(word, lower, lemma, self.word_class(lower, lang), grains, weights, out)
        return _SENTENCE_CLASS_CODES.get(self.word_class(lower, class_lang), 0)

    def row_filler(self, lang: str, weights: FloatArray) -> Callable[[str, FloatArray], int]:
        """``fill(word, out)``: :meth:`fill_row` of ``word`` in ``lang`` (the pad's in no language), its class
        in ``lang``: what a word cache of ``lang`` fills its new rows with. With the C code, :meth:`rows_filler`'s
        ``fill_many`` of the one word (its inputs worked out in one place for both)."""
        fill_row = self.fill_row
        fill_many = self.rows_filler(lang, weights)
        if fill_many is None:
            return lambda word, out: fill_row(word, "-" if word == "<pad>" else lang, weights, out, lang)

        def fill(word: str, out: FloatArray) -> int:
            if word == "<pad>":
                return fill_row(word, "-", weights, out, lang)
            code = np.zeros(1, dtype=np.int8)
            fill_many([word], out[np.newaxis], code, 0)
            return int(code[0])

        return fill

    def rows_filler(
        self, lang: str, weights: FloatArray
    ) -> Callable[[list[str], FloatArray, npt.NDArray[np.int8], int], None] | None:
        """``fill_many(words, tables, classes, first)``: :meth:`fill_row` of each of ``words`` in ``lang`` (no
        pad among them) into ``tables[first + k]`` and its class code in ``lang`` into ``classes[first + k]``,
        the tables in one C call (``_speedups.word_rows_into``): what a word cache adds a text's new words with
        (``WordTables.add_many``), and one new word (:meth:`row_filler`). None without the C code (the cache
        then fills a word at a time)."""
        if speedups is None:
            return None
        word_rows_into = speedups.word_rows_into
        lemmas = self.lexicon.lemmas
        clusters = self.clusters
        self.word_class("", lang)  # the language's classes, read once
        classes = self._classes[lang]
        codes = _SENTENCE_CLASS_CODES

        def fill_many(words: list[str], tables: FloatArray, out: npt.NDArray[np.int8], first: int) -> None:
            lowers = [word.lower() for word in words]
            bases = lemmas(lowers, lang)  # a non-word's lemma is itself
            kinds = [classes.get(lower, "-") for lower in lowers]
            # each word's clusters (``clusters.get(lower) or clusters.get(base) or ()``) looked up in the C call
            word_rows_into(words, lowers, bases, kinds, clusters or None, weights, tables, first)
            out[first : first + len(words)] = [codes.get(kind, 0) for kind in kinds]

        return fill_many

    def word_table(self, word: str, lang: str, weights: FloatArray) -> FloatArray:
        """The tagger's table of ``word`` (positions x labels): the sum of its features' ``weights`` rows at
        each position (:meth:`fill_row`)."""
        out = np.empty((len(OFFSETS), len(LABELS)), dtype=np.float32)
        self.fill_row(word, lang, weights, out, lang)
        return out

    def word_table_python(self, word: str, lang: str, weights: FloatArray) -> FloatArray:
        """:meth:`word_table` in Python and numpy (the C code's twin and reference)."""
        return np.stack([weights[ids].sum(axis=0) for ids in self.word_ids(word, lang)])

    def word_ids(self, word: str, lang: str) -> list[IntArray]:
        key = (word, lang)
        ids = self._ids.get(key)
        if ids is None:
            if len(self._ids) > 500_000:
                self._ids.clear()
            ids = self._ids[key] = [
                np.array([_hash(f) for f in fs], dtype=np.int64) for fs in self.word_features(word, lang)
            ]
        return ids

    def token_features(self, words: Sequence[str], lang: str) -> list[list[str]]:
        """Features that depend on more than one word: bigrams, the sentence's edges, the word classes the
        sentence holds (a cue word, "we"/"our" ...) and how far back the last cue word is."""
        lowers = [w.lower() for w in words]
        n = len(lowers)
        padded = ["<s>", *lowers, "</s>"]
        classes = [self.word_class(w, lang) for w in lowers]
        held = [f"sk={c}" for c in sorted(set(classes)) if c in SENTENCE_CLASSES]
        out: list[list[str]] = []
        last_cue = -100
        for i in range(n):
            gap = i - last_cue
            fs = ["bias", f"b-={padded[i]}|{padded[i + 1]}", f"b+={padded[i + 1]}|{padded[i + 2]}", *held]
            fs.append(f"cue<{gap if gap <= 4 else 8 if gap <= 8 else 'far'}")
            if i == 0:
                fs.append("first")
            if i == n - 1:
                fs.append("last")
            out.append(fs)
            if classes[i] == "cue":
                last_cue = i
        return out

    def sentence_ids(self, words: Sequence[str], lang: str) -> tuple[IntArray, IntArray]:
        """All feature ids of each token, flat, with the index of the token each belongs to (for training)."""
        n = len(words)
        per_word = [self.word_ids(w, lang) for w in words]
        pad = self.word_ids("<pad>", "-")
        ids: list[IntArray] = []
        owner: list[IntArray] = []
        for i in range(n):
            for k, o in enumerate(OFFSETS):
                j = i + o
                arr = per_word[j][k] if 0 <= j < n else pad[k]
                ids.append(arr)
                owner.append(np.full(len(arr), i, dtype=np.int64))
        for i, fs in enumerate(self.token_features(words, lang)):
            ids.append(np.array([_hash(f) for f in fs], dtype=np.int64))
            owner.append(np.full(len(fs), i, dtype=np.int64))
        return np.concatenate(ids), np.concatenate(owner)


def viterbi(emissions: FloatArray, trans: FloatArray) -> list[int]:
    """Best B/I/O labels for ``emissions`` (n x 3) under ``trans`` (4 x 3: row 3 is the start).

    An I may only follow a B or an I: a decoded sequence always reads as well-formed spans."""
    return _viterbi(emissions.tolist(), trans.tolist())


def _viterbi(em: list[list[float]], t: list[list[float]]) -> list[int]:
    if not em:
        return []
    (too, tob, _toi), (tbo, tbb, tbi), (tio, tib, tii), (tso, tsb, _) = t
    so, sb, si = em[0][OUT] + tso, em[0][BEGIN] + tsb, -1e30
    back: list[tuple[int, int, int]] = []
    for eo, eb, ei in islice(em, 1, None):
        # to O or B from any label, to I from B or I only (plain comparisons: this loop runs per word)
        x, y, z = so + too, sb + tbo, si + tio
        no, po = (x, OUT) if x >= y and x >= z else (y, BEGIN) if y >= z else (z, INSIDE)
        x, y, z = so + tob, sb + tbb, si + tib
        nb, pb = (x, OUT) if x >= y and x >= z else (y, BEGIN) if y >= z else (z, INSIDE)
        y, z = sb + tbi, si + tii
        ni, pi = (y, BEGIN) if y >= z else (z, INSIDE)
        so, sb, si = no + eo, nb + eb, ni + ei
        back.append((po, pb, pi))
    label = OUT if so >= sb and so >= si else BEGIN if sb >= si else INSIDE
    out = [label]
    for ptr in reversed(back):
        label = ptr[label]
        out.append(label)
    out.reverse()
    return out


def labels_to_spans(labels: Sequence[int]) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` of a B/I/O sequence (an I without a B starts a span, as in SkillSpan)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, lab in enumerate([*labels, OUT]):
        if lab != INSIDE:
            if start is not None:
                out.append((start, i))
                start = None
            if lab == BEGIN:
                start = i
        elif start is None:
            start = i
    return out


@dataclass(slots=True)
class SpanScore:
    """Strict and loose span counts as ``shared/tools/eval_spans.py`` takes them: strict, the same first
    and last token as a gold span; loose, any overlap (precision over predicted, recall over gold)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    loose_p: int = 0
    loose_r: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> None:
        """Count one sentence's predicted and gold (first token, end token) spans."""
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        self.loose_p += sum(any(a < ge and ga < b for ga, ge in gold) for a, b in pred)
        self.loose_r += sum(any(a < ge and ga < b for a, b in pred) for ga, ge in gold)
        self.predicted += len(pred)
        self.gold += len(gold)

    def figures(self) -> dict[str, float]:
        """Percentages: strict ``P``, ``R``, ``F1``; loose ``loose_P``, ``loose_R``, ``loose``(F1)."""
        p, r = self.tp / max(1, self.tp + self.fp), self.tp / max(1, self.tp + self.fn)
        lp, lr = self.loose_p / max(1, self.predicted), self.loose_r / max(1, self.gold)
        return {
            "P": 100 * p,
            "R": 100 * r,
            "F1": 100 * _f1(p, r),
            "loose_P": 100 * lp,
            "loose_R": 100 * lr,
            "loose": 100 * _f1(lp, lr),
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) token spans of BIO tags as ``shared/tools/eval_spans.py`` reads them: a span opens at
    ``B`` or at an ``I`` after ``O`` and closes at the next ``B`` or ``O``."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B"):
            if start is not None:
                out.append((start, i))
                start = None
            if t.startswith("B"):
                start = i
        elif start is None:
            start = i
    return out


def bracketed(line: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The words of a line whose skill phrases are in [brackets], and those phrases' token spans: the
    format of our Swedish span sets (``bench/data/spans_sv*.txt``, ``scripts/data/spans_sv_train.txt``)."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for piece in re.split(r"(\[[^\]]+\])", line):
        tokens = [t for t, _, _ in tokenize(piece.strip("[]"))]
        if piece.startswith("[") and tokens:
            spans.append((len(words), len(words) + len(tokens)))
        words += tokens
    return words, spans


def read_bracketed(path: Path) -> list[tuple[list[str], list[tuple[int, int]]]]:
    """:func:`bracketed` of each line of ``path`` that is not blank or a ``#`` comment."""
    return [example for ad in read_bracketed_ads(path) for example in ad]


def read_bracketed_ads(path: Path) -> list[list[tuple[list[str], list[tuple[int, int]]]]]:
    """:func:`read_bracketed`, grouped into the file's ads: a new one at each ``# ad`` comment (a file
    without them is one group)."""
    ads: list[list[tuple[list[str], list[tuple[int, int]]]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ad") and ads[-1]:
            ads.append([])
        if line.strip() and not line.startswith("#"):
            ads[-1].append(bracketed(line))
    return [ad for ad in ads if ad]


def spans_to_labels(n: int, spans: Iterable[tuple[int, int]]) -> list[int]:
    labels = [OUT] * n
    for s, e in spans:
        labels[s] = BEGIN
        for k in range(s + 1, e):
            labels[k] = INSIDE
    return labels


@dataclass
class SpanModel:
    """Weights (2**BITS x 3 feature rows, 4 x 3 transitions) and where they came from."""

    weights: FloatArray
    trans: FloatArray
    meta: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Lowercased word -> its cluster id at each granularity (k-means of the e5 vectors of the taxonomy's
    label words, ``scripts/train_spans.py``); empty: no cluster features."""

    def save(self, path: Path) -> None:
        """A compressed ``.npz`` (``np.load`` reads it) whose bytes depend on the weights only: no dates."""
        rows = np.flatnonzero(np.any(self.weights != 0, axis=1))
        arrays = {
            "version": np.array(MODEL_VERSION),
            "bits": np.array(BITS),
            "rows": rows.astype(np.int32),
            "values": self.weights[rows].astype(np.float16),
            "trans": self.trans.astype(np.float32),
            "meta": np.array(sorted(f"{k}={v}" for k, v in self.meta.items())),
        }
        if self.clusters:
            words = sorted(self.clusters)
            arrays["cluster_words"] = np.array("\n".join(words))
            arrays["cluster_ids"] = np.array([self.clusters[w] for w in words], dtype=np.int16)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, array in arrays.items():
                buf = io.BytesIO()
                np.lib.format.write_array(buf, array, allow_pickle=False)
                zf.writestr(
                    zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                    buf.getvalue(),
                    compress_type=zipfile.ZIP_DEFLATED,
                )

    @classmethod
    def load(cls, path: Path | Any) -> SpanModel:
        with np.load(path, allow_pickle=False) as f:
            version = int(f["version"])
            if version not in READS or int(f["bits"]) != BITS:
                raise ValueError(
                    f"span model {path} is version {version}, this code reads version {MODEL_VERSION}: "
                    "rebuild it with scripts/train_spans.py"
                )
            weights = np.zeros((1 << BITS, 3), dtype=np.float32)
            weights[f["rows"]] = f["values"].astype(np.float32)
            meta = dict(str(item).split("=", 1) for item in f["meta"])
            clusters: dict[str, tuple[int, ...]] = {}
            if "cluster_words" in f.files:
                ids = f["cluster_ids"].astype(np.int64).tolist()
                clusters = dict(zip(str(f["cluster_words"]).split("\n"), map(tuple, ids), strict=True))
            return cls(weights, f["trans"].astype(np.float32), meta, clusters)


def packaged_model_path() -> Any:
    return resources.files(__package__).joinpath("data", MODEL_FILE)


_SENTENCE_CLASS_CODES = {"cue": 1, "do": 2, "req": 3, "we": 4, "you": 5}
"""Codes of ``SENTENCE_CLASSES`` in their sorted order (the C code adds their features in this order); 0 for
any other word."""
_FIXED = (
    "bias",
    *(f"sk={c}" for c in sorted(SENTENCE_CLASSES)),
    *(f"cue<{g}" for g in (1, 2, 3, 4, 8, "far")),
    "first",
    "last",
)
"""The token features that name no word, in the order the C code takes their ids."""


HASH_SLOTS = 1 << 16
"""Slots of a word cache's hash table for the C code (1 MB)."""


class WordTables:
    """One language's word cache of a :class:`SpanTagger`: ``rows`` maps a word (as written) to its row of
    ``tables`` (its emission parts seen from each neighbour position, 5 x 3) and of ``classes`` (its
    sentence-class code). Row 0 is the pad, the position outside a sentence (``pad``). ``hcache`` lets the C code
    find most words' rows without a str or a dict look-up.

    ``fill(word, out)`` writes a word's table into ``out`` (a row of ``tables``) and returns its class code;
    ``fill_many(words, tables, classes, first)``, where given, does so for many words at once
    (``Featurizer.rows_filler``: what ``add_many`` uses)."""

    def __init__(
        self,
        fill: Callable[[str, FloatArray], int],
        fill_many: Callable[[list[str], FloatArray, npt.NDArray[np.int8], int], None] | None = None,
    ) -> None:
        self._fill = fill
        self._fill_many = fill_many
        self._lock = threading.Lock()
        self.rows: dict[str, int] = {}
        self.tables = np.zeros((1024, len(OFFSETS), len(LABELS)), dtype=np.float32)
        self.classes = np.zeros(1024, dtype=np.int8)
        fill("<pad>", self.tables[0])
        self.pad = self.tables[0].copy()
        self._size = 1
        self.hcache = np.zeros(2 * HASH_SLOTS, dtype=np.int64)
        """The C code's direct-mapped cache of word hash -> row + 1 (``_speedups.tag_spans``)."""

    def __len__(self) -> int:
        return self._size

    def add(self, word: str) -> int:
        """The row of ``word``, filled in if it is new (the arrays double when full)."""
        with self._lock:  # the table is written in place: one writer at a time
            row = self.rows.get(word)
            if row is not None:
                return row
            row = self._size
            if row == len(self.tables):
                self.tables = np.concatenate([self.tables, np.zeros_like(self.tables)])
                self.classes = np.concatenate([self.classes, np.zeros_like(self.classes)])
            self.classes[row] = self._fill(word, self.tables[row])
            self.rows[word] = row
            self._size = row + 1
            return row

    def add_many(self, words: list[str]) -> list[int]:
        """The rows of ``words``, those not in the cache filled in together (one C call where ``fill_many``
        is given), in the order first met: the rows and tables are those ``add`` of each word in turn gives.
        What the C code (``_speedups.tag_spans``) adds a text's new words with."""
        fill_many = self._fill_many
        if fill_many is None or "<pad>" in words:  # the pad's row is filled in no language
            return [self.add(word) for word in words]
        with self._lock:
            rows = self.rows
            new = [word for word in dict.fromkeys(words) if word not in rows]
            if new:
                first = self._size
                size = len(self.tables)
                while size < first + len(new):  # doubled as ``add`` doubles it
                    size *= 2
                if size > len(self.tables):
                    tables = np.zeros((size, *self.tables.shape[1:]), dtype=self.tables.dtype)
                    classes = np.zeros(size, dtype=self.classes.dtype)
                    tables[:first] = self.tables[:first]
                    classes[:first] = self.classes[:first]
                    self.tables, self.classes = tables, classes
                fill_many(new, self.tables, self.classes, first)
                rows.update(zip(new, range(first, first + len(new)), strict=True))
                self._size = first + len(new)
            return [rows[word] for word in words]

    def row(self, word: str) -> int:
        row = self.rows.get(word)
        return self.add(word) if row is None else row


class SpanTagger:
    """Finds skill spans in text with a :class:`SpanModel`."""

    MAX_WORDS = 300_000
    """A language's word cache starts again when it holds more words than this (about 20 MB)."""

    def __init__(self, model: SpanModel, *, lexicon: Lexicon | None = None) -> None:
        self.model = model
        self.features = Featurizer(lexicon, model.clusters)
        self._stores: dict[str, WordTables] = {}
        self._weights = np.ascontiguousarray(model.weights, dtype=np.float32)
        self._trans = np.ascontiguousarray(model.trans, dtype=np.float32)
        self._fixed = np.array([_hash(f) for f in _FIXED], dtype=np.int64)

    @classmethod
    def packaged(cls, *, lexicon: Lexicon | None = None) -> SpanTagger:
        """The tagger with the model that ships in the package."""
        with resources.as_file(packaged_model_path()) as path:
            return cls(SpanModel.load(path), lexicon=lexicon)

    def words(self, lang: str) -> WordTables:
        """The word cache of ``lang`` (a new one once it holds ``MAX_WORDS``)."""
        store = self._stores.get(lang)
        if store is None or len(store) > self.MAX_WORDS:
            store = self._stores[lang] = WordTables(
                self.features.row_filler(lang, self._weights), self.features.rows_filler(lang, self._weights)
            )
        return store

    def emissions(self, words: Sequence[str], lang: str) -> FloatArray:
        """The label scores (n x 3) of one sentence's words."""
        return self.batch_emissions([words], lang)[0]

    def batch_emissions(self, sentences: Sequence[Sequence[str]], lang: str) -> list[FloatArray]:
        """The label scores of many sentences, computed together (a few numpy calls per text, not per
        sentence): each word's cached table at its place between two pads, summed along the diagonal."""
        store = self.words(lang)
        places: list[int] = []
        index = [0, 0]
        for words in sentences:
            places.extend(range(len(index), len(index) + len(words)))
            index += [store.row(w) for w in words]
            index += [0, 0]
        if not places:
            return [np.zeros((0, 3), dtype=np.float32) for _ in sentences]
        stacked = store.tables[np.array(index)]  # (N, 5, 3)
        n = len(index) - 4
        em = stacked[0:n, 0] + stacked[1 : n + 1, 1] + stacked[2 : n + 2, 2] + stacked[3 : n + 3, 3]
        em += stacked[4 : n + 4, 4]  # em[p - 2] holds the scores of the word at place p
        hashes: list[int] = []
        counts: list[int] = []
        hashed = self.features.hashed
        for words in sentences:
            for fs in self.features.token_features(words, lang):
                hashes.extend(map(hashed.__getitem__, fs))
                counts.append(len(fs))
        starts = np.zeros(len(counts), dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        extra = np.add.reduceat(self._weights[np.array(hashes)], starts, axis=0)
        rows = em[np.array(places) - 2] + extra
        out: list[FloatArray] = []
        at = 0
        for words in sentences:
            out.append(rows[at : at + len(words)])
            at += len(words)
        return out

    def tag(self, words: Sequence[str], lang: str = "en") -> list[tuple[int, int]]:
        """Token spans ``(start, end)`` in one sentence's words."""
        if not words:
            return []
        return labels_to_spans(viterbi(self.emissions(words, lang), self.model.trans))

    def find(self, text: str, lang: str = "en", lower: str | None = None) -> list[tuple[int, int]]:
        """Character spans ``(start, end)`` of the skill phrases in ``text``, in text order.

        The C code (``_speedups.tag_spans``) where it is built, else :meth:`find_python`: the same spans. A
        text whose lowercase is longer than itself ("İ") or context-dependent (a Greek final sigma) takes the
        Python path: the C code reads each word's lowercase from the lowercased text at the word's place.
        ``lower``: ``text.lower()`` where the caller made it (an ad's layout did: ``Layout.lower``)."""
        if speedups is not None:
            if lower is None:
                lower = text.lower()
            if len(lower) == len(text) and "Σ" not in text:
                return speedups.tag_spans(
                    text, lower, self.words(lang), self._weights, self._trans, self._fixed, MAX_TOKENS
                )
        return self.find_python(text, lang)

    def find_python(self, text: str, lang: str = "en") -> list[tuple[int, int]]:
        """:meth:`find` in Python and numpy (the C code's twin and reference)."""
        segs = segments(text)
        ems = self.batch_emissions([[t for t, _, _ in seg] for seg in segs], lang)
        trans = self.model.trans.tolist()
        out: list[tuple[int, int]] = []
        for seg, em in zip(segs, ems, strict=True):
            for s, e in labels_to_spans(_viterbi(em.tolist(), trans)):
                out.append((seg[s][1], seg[e - 1][2]))
        return out


Example = tuple[Sequence[str], Sequence[tuple[int, int]]]
"""One training sentence: its words and its gold token spans."""


def train(
    examples: Sequence[Example],
    *,
    lang: str = "en",
    langs: Sequence[str] | None = None,
    epochs: int = 8,
    seed: int = 13,
    lexicon: Lexicon | None = None,
    clusters: dict[str, tuple[int, ...]] | None = None,
    on_epoch: Callable[[int, SpanModel], None] | None = None,
) -> SpanModel:
    """An averaged structured perceptron over ``examples`` (shuffled per epoch with ``seed``).

    ``on_epoch(epoch, averaged_model)`` runs after each epoch (cross-validation reads every epoch count
    from one run). ``langs``: each example's language (default ``lang`` for all)."""
    feats = Featurizer(lexicon, clusters)
    codes = list(langs) if langs is not None else [lang] * len(examples)
    data = [
        (feats.sentence_ids(words, code), spans_to_labels(len(words), spans))
        for (words, spans), code in zip(examples, codes, strict=True)
    ]
    size = 1 << BITS
    w = np.zeros((size, 3), dtype=np.float32)
    u = np.zeros((size, 3), dtype=np.float32)  # the updates weighted by when they happened, for averaging
    t = np.zeros((4, 3), dtype=np.float32)
    tu = np.zeros((4, 3), dtype=np.float32)
    rng = random.Random(seed)
    order = list(range(len(data)))
    step = 1
    model = SpanModel(w, t)
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        for k in order:
            (ids, owner), gold = data[k]
            n = len(gold)
            if n == 0:
                continue
            em = np.zeros((n, 3), dtype=np.float32)
            np.add.at(em, owner, w[ids])
            pred = viterbi(em, t)
            if pred != gold:
                gold_a = np.array(gold)
                pred_a = np.array(pred)
                wrong = (gold_a != pred_a)[owner]
                np.add.at(w, (ids[wrong], gold_a[owner[wrong]]), 1.0)
                np.add.at(w, (ids[wrong], pred_a[owner[wrong]]), -1.0)
                np.add.at(u, (ids[wrong], gold_a[owner[wrong]]), float(step))
                np.add.at(u, (ids[wrong], pred_a[owner[wrong]]), -float(step))
                for seq, sign in ((gold, 1.0), (pred, -1.0)):
                    prev = 3
                    for lab in seq:
                        t[prev, lab] += sign
                        tu[prev, lab] += sign * step
                        prev = lab
            step += 1
        model = SpanModel(
            (w - u / step).astype(np.float32),
            (t - tu / step).astype(np.float32),
            {"epochs": str(epoch), "seed": str(seed)},
            dict(clusters or {}),
        )
        if on_epoch is not None:
            on_epoch(epoch, model)
    return model
