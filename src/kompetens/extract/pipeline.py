"""Document -> mentions -> Profile: the extraction pipeline.

Steps, each a small function over the text's match line: phrase trie (surface + lemma), compound parts
of unmatched long words, fuzzy fallback for misspelt names, overlap resolution, requirement cues, area
strengths. Candidates are plain tuples: an ad has dozens, and objects per candidate showed in profiles.
Lemmas and word frequencies come from the extractor's :class:`~kompetens.extract.lemma.Lexicon` (the Engine's,
from its data folder), which ``dump_extractor`` leaves out of a pickle and ``load_extractor`` puts back.
"""

from __future__ import annotations

import math
import pickle
import re
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache, partial
from itertools import accumulate, islice
from operator import attrgetter, itemgetter
from typing import IO, NamedTuple
from weakref import WeakKeyDictionary

from ..lang import LANGUAGES, is_generic_evidence, lang_data
from ..layout import Layout, layout_cues, segment
from ..models import AREA_IDS, ConceptRef, Document, Mention, Profile
from .compound import CompoundSplitter, part_words
from .context import mark_out_of_context, mark_out_of_context_in_cv
from .cues import cue_phrases, cue_starts, requirement_status
from .lemma import SUPPORTED, Lexicon, default_lexicon
from .native import speedups as _speedups
from .phrases import Hit, PhraseIndex, PhraseSpec, Sense, via_lemma
from .text import MatchLine

CONF_SURFACE = 0.95
CONF_LEMMA = 0.9
CONF_COMPOUND = 0.75
CONF_FUZZY = 0.6
FUZZY_MIN_LEN = 6
FUZZY_CUTOFF = 88.0
AREA_GAIN = 0.55
"""Each distinct concept in an area closes this share of the remaining gap to 1.0 (times its confidence)."""
KNOWN_ZIPF = 2.5
MIN_COMPOUND = 8
WORD_CACHE_MAX = 200_000
PRESENSE_CHUNK = 5000
"""Words per step of ``Extractor.prepare``'s look-ups."""

_Candidate = tuple[int, float, int, int, int, Sense, str]
"""(start - end, -confidence, start, sequence, end, sense, method): sorting the tuples puts the longest,
then most confident, then earliest first, ties in the order found (so no key function is needed)."""
_WordSense = tuple[int, int, Sense, float, str]
"""start, end (offsets into the word), sense, confidence, method"""
_COLON_SUFFIX = re.compile(r":[^\W\d_]{1,3}\b")  # "KPI:er", "API:s": the evidence keeps the ending
_WORDS_LOCK = threading.Lock()
"""Held from a text's search for new words to their entry in the word cache (``Extractor.__call__``). The index's
set of met words takes them first; meanwhile its size differs from the cache's, which sends another thread's
search to the cache (``Extractor._new_words``), but a thread switched out between that check and its search
would find them met and without senses."""


class _Kinds(dict[int, tuple[float, Sense, str]]):
    """(-confidence, sense, method) per hit code, filled on first use: the same for every hit of a code."""

    def __init__(self, index: PhraseIndex) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, code: int) -> tuple[float, Sense, str]:
        sense = self.index.sense(code)
        if via_lemma(code):
            kind = self[code] = (-CONF_LEMMA * sense.weight, sense, "lemma")
        else:
            kind = self[code] = (-CONF_SURFACE * sense.weight, sense, "phrase")
        return kind


class Extractor:
    """Finds competence mentions in documents. Build once (it compiles the phrase trie), call per document."""

    def __init__(
        self,
        specs: Iterable[PhraseSpec],
        *,
        cues: Iterable[tuple[str, str]] | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        """Compile ``specs``; the ads' requirement cues (default: every language's) join the same trie.

        ``lexicon`` gives the lemmas and word frequencies, at build and per text (default:
        ``default_lexicon()``, the packages' own dictionaries; the Engine passes its data folder's)."""
        self.lexicon = lexicon or default_lexicon()
        self.index = PhraseIndex(specs, cues=cue_phrases() if cues is None else cues, lexicon=self.lexicon)
        self._fuzzy_vocab = sorted(w for w in self.index.vocab if len(w) >= FUZZY_MIN_LEN - 1)
        self._fuzzy_by_len: dict[int, list[str]] = {}  # word length -> ``_fuzzy_near``
        self._splitters: dict[str, CompoundSplitter] = {}
        self._part_words: dict[str, frozenset[str]] = {}  # lang -> ``part_words``: see ``prepare``
        self._word_cache: dict[str, dict[str, tuple[_WordSense, ...]]] = {}  # lang -> word -> senses
        self._presensed: dict[str, dict[str, tuple[_WordSense, ...]]] = {}  # see ``prepare``
        self._presensed_for = ""  # the ``Lexicon.words_id`` of the lexicon they were worked out with
        self._sensed: dict[str, set[str]] = {}  # lang -> the words in its cache that have senses
        self._refs: dict[Sense, ConceptRef] = {}
        self._kinds = _Kinds(self.index)  # hit code -> (-confidence, sense, method)

    def __call__(self, doc: Document) -> Profile:
        line = MatchLine(doc.text)
        cue_hits: list[Hit] = []
        with _WORDS_LOCK:
            new, met = self._new_words(line, doc.lang)
            hits = self.index.scan(line, doc.lang, cue_hits, fresh=new, met=met)
            cands = self._candidates(hits)
            self._add_unmatched(cands, line, hits, doc.lang, new)
        cands = _outside_false_friends(cands, line)
        kept = _resolve_overlaps(cands)
        inner: frozenset[Sense] = getattr(self.index, "inner", frozenset())  # none in an index pickled before
        if inner:
            kept = _with_inner(cands, kept, inner)
        status = None
        layout: Layout | None = None
        if doc.kind == "ad":  # the ad's one layout, which review reads too
            cues = cue_starts(self.index, cue_hits)
            lcues = layout_cues(doc.lang)
            cues["boilerplate_hint"] = sorted(
                cues["boilerplate_hint"] + _hints_in_phrases(doc.text, hits, lcues.boilerplate)
            )
            layout = segment(
                doc.text,
                lcues,
                title=doc.title,
                boilerplate_at=cues["boilerplate"],
                hints_at=cues["boilerplate_hint"],
                low=line.lower,  # made once for the false friends' search too
            )
            status = requirement_status(layout, [c[2] for c in kept], cues)
        mentions = self._mentions(doc.text, kept, status)
        if layout is not None:  # "Python" is data work only in context (extract.context)
            mark_out_of_context(mentions, layout)
        elif doc.kind == "cv":  # in a CV too: a backend developer's Python is no data work
            mark_out_of_context_in_cv(mentions, doc.text)
        return Profile(doc=doc, mentions=mentions, areas=area_strengths(mentions), layout=layout)

    def _candidates(self, hits: list[Hit]) -> list[_Candidate]:
        kinds = self._kinds
        return [(s - e, k[0], s, q, e, k[1], k[2]) for q, (s, e, c) in enumerate(hits) for k in [kinds[c]]]

    def prepare(self) -> None:
        """Do now the set-up work that a first text would otherwise pay for: what a compound part the phrase
        index knows looks like (``compound.part_words``, a scan of the lexicon's lemma table), and the senses
        of every word of the lexicon's ``words`` table (each word of the frequency lists) in each supported
        language: its compound parts or fuzzy match, as a new word of a text gets them (``_word_senses``);
        only the words that have some are kept. The Engine calls it before it keeps the extractor in its data
        folder; a text's new word of the table then costs a look-up (``_add_unmatched``)."""
        for code in SUPPORTED:
            if lang_data(code, "morphology").get("compounds") and code not in self._part_words:
                self._part_words[code] = part_words(self.index.vocab, self.lexicon, code)
        lexicon_id = self.lexicon.words_id()
        if not lexicon_id or getattr(self, "_presensed_for", "") == lexicon_id:
            return
        words = [w for w in self.lexicon.table_words() if len(w) >= FUZZY_MIN_LEN]
        found: dict[str, dict[str, tuple[_WordSense, ...]]] = {}
        for code in SUPPORTED:
            own = found[code] = {}
            for lo in range(0, len(words), PRESENSE_CHUNK):
                chunk = words[lo : lo + PRESENSE_CHUNK]
                self.lexicon.prefetch(chunk, code)  # lemmas and frequencies from the words table, at once
                for word in chunk:
                    senses = self._word_senses(word, code)
                    if senses:
                        own[word] = senses
        self._splitters = {}  # their caches hold this work, and their cached methods do not pickle
        self._presensed, self._presensed_for = found, lexicon_id

    def _presensed_words(self, lang: str) -> dict[str, tuple[_WordSense, ...]] | None:
        """``prepare``'s senses of the words table's words in ``lang`` (the words that have some), where they
        were worked out with this extractor's lexicon; else None."""
        made_for: str = getattr(self, "_presensed_for", "")  # none in an extractor pickled before
        if not made_for or made_for != self.lexicon.words_id():
            return None
        return self._presensed.get(lang)

    def _splitter(self, lang: str) -> CompoundSplitter | None:
        if not lang_data(lang, "morphology").get("compounds"):
            return None
        if lang not in self._splitters:
            parts = getattr(self, "_part_words", {}).get(lang)  # None: the splitter reads them on first use
            self._splitters[lang] = CompoundSplitter(
                lang=lang, vocab=self.index.vocab, lexicon=self.lexicon, parts=parts
            )
        return self._splitters[lang]

    def _new_words(self, line: MatchLine, lang: str) -> tuple[set[str], set[str] | None]:
        """The words of ``line`` that the word cache of ``lang`` lacks (``_add_unmatched``: few once it is
        warm), and the phrase index's set of met words (``PhraseIndex.met_words``) where it holds the same
        words as the cache, else None; the cache is started again where it grew too large, and the index's
        set with it.

        The index's set holds each word of the cache (``__call__`` scans a text before it adds its words),
        so where it is still the one the cache started with and as large, the two hold the same words: the
        set is searched (a set's look-ups touch less memory than a dict's) and the words it lacks serve the
        index's lemma pass too (``scan``'s ``fresh``): one search of a text's words, not two."""
        cache = self._word_cache.get(lang)
        step: dict[str, set[str] | None] = self.__dict__.setdefault("_in_step", {})  # none pickled before
        if cache is None or len(cache) > WORD_CACHE_MAX or lang not in step:
            cache = self._word_cache[lang] = {}
            self._sensed[lang] = set()
            step[lang] = self.index.forget_words(lang) if lang in SUPPORTED else None
        met = step[lang]
        if met is not None and met is self.index.met_words(lang) and len(met) == len(cache):
            return line.piece_set.difference(met), met
        return line.piece_set.difference(cache), None  # the index met words through other callers

    def _add_unmatched(
        self, cands: list[_Candidate], line: MatchLine, hits: list[Hit], lang: str, new: set[str]
    ) -> None:
        """Compound parts, else a fuzzy match, for each long word no phrase covered (cached per word).

        ``new``: the line's words that the word cache of ``lang`` lacks (``_new_words``)."""
        cache = self._word_cache[lang]
        sensed = self._sensed[lang]  # the cached words that have senses
        if new and self._fuzzy_vocab:  # the fuzzy fallback runs only with a vocabulary to match
            fuzzy = [w for w in new if len(w) >= FUZZY_MIN_LEN and w.isalpha()]
            for code in SUPPORTED:  # what _is_known asks, read at once
                self.lexicon.prefetch_zipf(fuzzy, code)
        known = self._presensed_words(lang) if new else None
        in_words = self.lexicon.in_words
        for word in new:
            if known is not None and in_words(word, lang):  # worked out at set-up (``prepare``)
                senses = cache[word] = known.get(word, ())
            else:
                senses = cache[word] = self._word_senses(word, lang)
            if senses:
                sensed.add(word)
        words = sensed.intersection(line.piece_set)
        if not words:
            return
        # A phrase hit spans whole words, so a word is covered when a hit starts at or before it and ends
        # after its start: the furthest end of the hits that start at or before it.
        by_start = sorted(hits)
        starts = list(map(itemgetter(0), by_start))
        reach = list(accumulate(map(itemgetter(1), by_start), max))  # furthest end so far: linear in the text
        text = line.line
        for word in words:
            key = " " + word + " "
            at = text.find(key)
            while at != -1:  # line index ``at`` is the space before the word: text offset ``at``
                k = bisect_right(starts, at)
                if not k or reach[k - 1] <= at:
                    for a, b, sense, conf, how in cache[word]:
                        cands.append((a - b, -conf, at + a, len(cands), at + b, sense, how))
                at = text.find(key, at + len(word))

    def _word_senses(self, word: str, lang: str) -> tuple[_WordSense, ...]:
        if len(word) < FUZZY_MIN_LEN:
            return ()
        splitter = self._splitter(lang)
        if splitter is not None and len(word) >= MIN_COMPOUND and splitter.might_hold(word):
            parts = []
            native = self._native_parts(lang)
            for part in splitter.split(word):
                heads = native.get(word[part.start : part.end])
                if heads and word[part.end :].startswith(heads):
                    continue  # "brand" of "brandvägg" is fire, not a brand
                sense = self.index.lookup(part.lemma) or self.index.lookup(word[part.start : part.end])
                if sense is not None:
                    parts.append((part.start, part.end, sense, CONF_COMPOUND * sense.weight, "compound"))
            if parts:
                return tuple(parts)
        if self._fuzzy_vocab and word.isalpha():
            sense = self._fuzzy_lookup(word, lang)
            if sense is not None:
                return ((0, len(word), sense, CONF_FUZZY * sense.weight, "fuzzy"),)
        return ()

    @staticmethod
    @lru_cache(maxsize=8)
    def _native_parts(lang: str) -> dict[str, tuple[str, ...]]:
        """``native_parts`` of the language's morphology.json: part -> the heads before which it is native."""
        data = lang_data(lang, "morphology").get("native_parts", {})
        return {part: tuple(heads) for part, heads in data.items()}

    def _fuzzy_lookup(self, word: str, lang: str) -> Sense | None:
        spec: Sense | None = None
        # A word the lemmatiser knows is a real word, not a misspelling of a name.
        if self.lexicon.lemma(word, lang) == word and not self._is_known(word, lang):
            near = self._fuzzy_near(len(word))
            best: str | None = None
            if near and _speedups is not None:  # only the choices whose letters can reach the cutoff
                near = _speedups.fuzzy_reach(word, near, self._fuzzy_counts(len(word)), FUZZY_CUTOFF)
                # rapidfuzz's pick among the few left, without rapidfuzz (its import: ~1 % of a first pass's CPU)
                best = _speedups.fuzzy_best(word, near, FUZZY_CUTOFF) if near else None
            elif near:
                extract_one, ratio = _rapidfuzz()
                found = extract_one(word, near, scorer=ratio, score_cutoff=FUZZY_CUTOFF)
                best = found[0] if found is not None else None
            if best is not None and not _holds_whole(word, best):
                spec = self.index.lookup(best)
        return spec

    def _fuzzy_near(self, n: int) -> list[str]:
        """The fuzzy vocabulary's words that a word of ``n`` letters can reach: ``fuzz.ratio`` is
        ``200 * common / (n + m)`` with at most ``min(n, m)`` letters in common, so a word of ``m`` letters
        far from ``n`` never scores ``FUZZY_CUTOFF`` (in the vocabulary's order: the same best on ties)."""
        by_len: dict[int, list[str]] | None = getattr(self, "_fuzzy_by_len", None)
        if by_len is None:  # an extractor pickled before the table existed
            by_len = self._fuzzy_by_len = {}
        near = by_len.get(n)
        if near is None:
            near = by_len[n] = [
                w for w in self._fuzzy_vocab if 200 * min(n, len(w)) >= (FUZZY_CUTOFF - 1e-6) * (n + len(w))
            ]
        return near

    def _fuzzy_counts(self, n: int) -> bytes:
        """``_speedups.fuzzy_counts`` of ``_fuzzy_near(n)``, made once per process (held outside the
        extractor, so that its pickle, which ``kompetens setup`` writes, stays as it was)."""
        counts = _FUZZY_LETTERS.get(self)
        if counts is None:
            counts = _FUZZY_LETTERS[self] = {}
        found = counts.get(n)
        if found is None:
            found = counts[n] = _speedups.fuzzy_counts(self._fuzzy_near(n))
        return found

    def _is_known(self, word: str, lang: str) -> bool:
        """A common word of the text's language or of another we support: "Optimize" in a Swedish ad's
        English line is a verb, not a misspelt "Optimizely"."""
        return any(self.lexicon.zipf(word, code) >= KNOWN_ZIPF for code in SUPPORTED)

    def _ref(self, sense: Sense) -> ConceptRef:
        ref = self._refs[sense] = ConceptRef(sense.concept_id, sense.label)
        return ref

    def _mentions(
        self, text: str, kept: list[_Candidate], status: list[tuple[bool | None, bool]] | None
    ) -> list[Mention]:
        ref = self._refs.get  # one hash of the sense per mention: senses are tuples, hashed item by item
        # Positional: 2.5x faster than keywords, and an ad makes dozens (order as in Mention).
        generic = is_generic_evidence if status is not None else _never  # in an ad: see Mention.generic
        if status is None:  # not an ad: no requirement status
            status = [(None, False)] * len(kept)
        mentions = [
            Mention(
                text[s:e],
                s,
                e,
                ref(sense) or self._ref(sense),
                sense.area,
                min(1.0, -nc),
                required,
                how,
                boiler,
                sense.area is not None and generic(text[s:e]),
            )
            for (_, nc, s, _, e, sense, how), (required, boiler) in zip(kept, status, strict=True)
        ]
        suffixes = {m.start(): m.end() for m in _COLON_SUFFIX.finditer(text)}  # ":er" at -> its end
        if suffixes:
            for m in mentions:
                if m.end in suffixes:
                    m.end = suffixes[m.end]
                    m.text = text[m.start : m.end]
        return mentions


def _letter_bucket(c: str) -> int:
    """A character's bucket of 64 (Knuth's multiplicative hash of its code point, the top 6 bits of 32)."""
    return ((ord(c) * 2654435761) & 0xFFFFFFFF) >> 26


_FUZZY_LETTERS: WeakKeyDictionary[Extractor, dict[int, bytes]] = WeakKeyDictionary()
"""Per extractor: word length -> ``_speedups.fuzzy_counts`` of its ``_fuzzy_near`` (``_fuzzy_counts``)."""


def _fuzzy_counts_python(choices: list[str]) -> bytes:
    """Each choice's letters per bucket (``_letter_bucket``), 64 bytes a choice, in order; none (all 0) for a
    choice of more than 255 characters: the twin of ``_speedups.fuzzy_counts``."""
    out = bytearray(64 * len(choices))
    for i, choice in enumerate(choices):
        if len(choice) <= 255:
            for b in map(_letter_bucket, choice):
                out[64 * i + b] += 1
    return bytes(out)


def _fuzzy_reach_python(word: str, choices: list[str], counts: bytes, cutoff: float) -> list[str]:
    """The ``choices`` (in order) whose ``fuzz.ratio`` with ``word`` may reach ``cutoff`` (``counts``: their
    ``_fuzzy_counts_python``): the twin of ``_speedups.fuzzy_reach``, which ``_fuzzy_lookup`` asks before
    rapidfuzz (stop 39).

    The ratio is ``200 * lcs / (n + m)``, and a longest common subsequence holds, for each bucket of letters
    (``_letter_bucket``), at most the fewer of the two words' letters in it; a choice is dropped where
    ``200 *`` that sum is under ``(cutoff - 1e-6) * (n + m)``, so no choice that reaches ``cutoff`` is, and
    ``extractOne`` over the rest finds the same best (the first on ties: the order is kept); a choice of more
    than 255 characters is kept. Over the 1,382 real ads' 6,233 look-ups 168 of 1,248,241 choices are
    left (rapidfuzz read all of them: ~8 % of a first pass's instructions); without the C code rapidfuzz
    reads them all, which is quicker than this in Python."""
    own = Counter(map(_letter_bucket, word))
    need = cutoff - 1e-6
    return [
        choice
        for i, choice in enumerate(choices)
        if len(choice) > 255
        or 200.0 * sum(min(k, counts[64 * i + b]) for b, k in own.items()) >= need * (len(word) + len(choice))
    ]


def _fuzzy_best_python(word: str, choices: list[str], cutoff: float) -> str | None:
    """The first of ``choices`` whose ``fuzz.ratio`` with ``word`` is the greatest where it reaches ``cutoff``,
    else None: what rapidfuzz's ``process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)``
    names; the twin of ``_speedups.fuzzy_best``, which ``_fuzzy_lookup`` asks about the choices ``fuzzy_reach``
    leaves (a few: 168 over the 1,382 real ads) instead of importing rapidfuzz for them (stop 50). The ratio is
    ``200 * lcs / (n + m)`` (100 where both are empty), ``lcs`` the longest common subsequence of code points,
    compared exactly where rapidfuzz's float steps round: the same wherever a ratio is not exactly the cutoff,
    and at ``FUZZY_CUTOFF`` (88), where it is too (a test compares them at such ties up to 800 letters)."""
    best: str | None = None
    best_lcs, best_sum = 0, 1  # the best ratio so far, as 200 * best_lcs / best_sum
    for choice in choices:
        row = [0] * (len(word) + 1)  # row[a]: the LCS of word[:a] and the choice's letters so far
        for c in choice:
            diag = 0
            for a, w in enumerate(word, 1):
                up = row[a]
                row[a] = diag + 1 if w == c else max(row[a - 1], up)
                diag = up
        lcs, total = (row[-1], len(word) + len(choice)) if word or choice else (1, 1)
        if 200.0 * lcs >= cutoff * total and (best is None or lcs * best_sum > best_lcs * total):
            best, best_lcs, best_sum = choice, lcs, total
    return best


@lru_cache(maxsize=1)
def _rapidfuzz() -> tuple[Callable[..., tuple[str, float, int] | None], Callable[..., float]]:
    """rapidfuzz's ``process.extractOne`` and ``fuzz.ratio``, imported on first use, where the C code is not in
    use (with it, ``_speedups.fuzzy_best`` names the same choice, and the default extraction imports none)."""
    from rapidfuzz import fuzz, process

    return process.extractOne, fuzz.ratio


_LEXICON = "lexicon"
"""The persistent id that stands for the extractor's lexicon in its pickle (see ``dump_extractor``)."""


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: object) -> str | None:
        return _LEXICON if isinstance(obj, Lexicon) else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, fh: IO[bytes], lexicon: Lexicon) -> None:
        super().__init__(fh)
        self.lexicon = lexicon

    def persistent_load(self, pid: object) -> Lexicon:
        if pid != _LEXICON:
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.lexicon


def dump_extractor(fh: IO[bytes], key: str, extractor: Extractor) -> None:
    """Pickle ``(key, extractor)`` into ``fh`` without the extractor's lexicon: it belongs to the data folder
    that loads the pickle (``load_extractor``), and a file connection does not pickle."""
    _Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump((key, extractor))


def load_extractor(fh: IO[bytes], lexicon: Lexicon) -> tuple[object, object]:
    """What ``dump_extractor`` wrote, as (key, extractor), the extractor using ``lexicon``.

    Raises what unpickling raises (``pickle.UnpicklingError``, ``EOFError``, ``AttributeError`` ...) for a
    broken file or one from other code; the caller checks the key and the type."""
    loaded = _Unpickler(fh, lexicon).load()
    if not (isinstance(loaded, tuple) and len(loaded) == 2):
        raise pickle.UnpicklingError("not a (key, extractor) pair")
    return loaded[0], loaded[1]


def _resolve_overlaps_python(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest span first, then most confident; drop any candidate overlapping one already kept.

    Returns the kept candidates in text order. Only candidates that overlap compete, so the greedy choice
    runs per cluster of overlapping candidates; most candidates overlap nothing and are kept as they are.
    ``_speedups.resolve`` does the same in C (``_resolve_overlaps`` is that one where it was built).
    """
    if not cands:
        return []
    cands.sort(key=_START)
    kept: list[_Candidate] = []
    cluster = [cands[0]]
    reach = cands[0][4]
    for c in islice(cands, 1, None):
        if c[2] < reach:  # overlaps the cluster
            cluster.append(c)
            if c[4] > reach:
                reach = c[4]
            continue
        if len(cluster) == 1:
            kept.append(cluster[0])
        else:
            kept += _greedy(cluster)
        cluster = [c]
        reach = c[4]
    if len(cluster) == 1:
        kept.append(cluster[0])
    else:
        kept += _greedy(cluster)
    return kept


def _greedy(cluster: list[_Candidate]) -> list[_Candidate]:
    """The candidates a longest-first choice keeps from overlapping ones, in text order."""
    cluster.sort()
    lo = min(c[2] for c in cluster)
    taken = bytearray(max(c[4] for c in cluster) - lo)
    kept: list[_Candidate] = []
    for c in cluster:
        start, end = c[2] - lo, c[4] - lo
        if taken.find(1, start, end) != -1:
            continue
        kept.append(c)
        taken[start:end] = b"\x01" * (end - start)
    kept.sort(key=_START)
    return kept


_START = itemgetter(2)
_resolve_overlaps: Callable[[list[_Candidate]], list[_Candidate]] = (
    _resolve_overlaps_python if _speedups is None else _speedups.resolve
)


def _with_inner(cands: list[_Candidate], kept: list[_Candidate], inner: frozenset[Sense]) -> list[_Candidate]:
    """``kept`` and, in text order, the candidates of ``inner`` senses (platform names) that a longer kept
    candidate of another area holds: "Facebook groups" is community work on a platform, and counts for both
    (the best one per span)."""
    nested = [c for c in cands if c[5] in inner]
    if not nested:
        return kept
    taken = set(kept)
    extra: list[_Candidate] = []
    for c in sorted(nested):  # longest, then most confident first
        start, end, area = c[2], c[4], c[5].area
        if c in taken or any(e[2] < end and start < e[4] for e in extra):
            continue
        if any(k[2] <= start and end <= k[4] and k[5].area != area for k in kept):
            extra.append(c)
    return sorted(kept + extra, key=_START) if extra else kept


class _FalseFriends(NamedTuple):
    firsts: frozenset[str]
    """The first word of each phrase, lowercased: a text without one of them holds none."""
    pattern: re.Pattern[str]
    lowered: re.Pattern[str] | None
    """``pattern`` lowercased and case-sensitive, for a ``MatchLine.latin1`` text lowercased; None where a
    phrase holds a character outside Latin-1."""


@lru_cache(maxsize=1)
def _false_friends() -> _FalseFriends | None:
    """``false_friends`` of every language's morphology.json, as one pattern (words apart by spaces or a
    hyphen, case ignored); None when no language has any."""
    phrases = [
        p.split() for code in LANGUAGES for p in lang_data(code, "morphology").get("false_friends", [])
    ]
    phrases = [words for words in phrases if words]
    if not phrases:
        return None

    def alternatives(lower: bool) -> str:
        return "|".join(
            r"(?:\s+|\s*[-\u2010\u2011]\s*)".join(re.escape(w.lower() if lower else w) for w in words)
            for words in phrases
        )

    pattern = re.compile(rf"(?<!\w)(?:{alternatives(False)})(?!\w)", re.IGNORECASE)
    # The same pattern lowercased, case-sensitive, for the lowercased text of a text whose word characters
    # are all Latin-1 (``MatchLine.latin1``), tried only where a first word stands (``_friend_spans``). Only
    # where the phrases are Latin-1 too.
    latin1 = all(ord(ch) < 256 for words in phrases for w in words for ch in w)
    lowered = re.compile(rf"(?<!\w)(?:{alternatives(True)})(?!\w)") if latin1 else None
    return _FalseFriends(frozenset(words[0].lower() for words in phrases), pattern, lowered)


def _outside_false_friends(cands: list[_Candidate], line: MatchLine) -> list[_Candidate]:
    """The candidates not inside a false friend ("brand new": no brand): a phrase key in a longer phrase
    that says something else. Looked for only in a text that holds the first word of one."""
    friends = _false_friends()
    if friends is None or not cands or friends.firsts.isdisjoint(line.piece_set):
        return cands
    spans = _friend_spans(friends, line)
    if not spans:
        return cands
    return _outside_spans(cands, spans)


def _friend_spans(friends: _FalseFriends, line: MatchLine) -> list[tuple[int, int]]:
    """The spans ``friends.pattern.finditer`` finds in the line's text. For a text whose word characters are
    all Latin-1 (``MatchLine.latin1``, nearly every ad), the lowercased pattern is matched on the lowercased
    text only where one of the phrases' first words stands (``str.find``), in order, each after the last
    match's end, as ``finditer`` would go on: every match starts with a first word. A search of the whole text
    tries every alternative at every position (~0.3 ms an ad; stop 37)."""
    if friends.lowered is None or not line.latin1:
        return [m.span() for m in friends.pattern.finditer(line.text)]
    low = line.lower
    starts: set[int] = set()
    for word in friends.firsts:
        at = low.find(word)
        while at != -1:
            starts.add(at)
            at = low.find(word, at + 1)
    spans: list[tuple[int, int]] = []
    end = 0
    match = friends.lowered.match
    for at in sorted(starts):
        if at >= end and (m := match(low, at)) is not None:
            spans.append(m.span())
            end = m.end()
    return spans


def _outside_spans(cands: list[_Candidate], spans: list[tuple[int, int]]) -> list[_Candidate]:
    """The candidates that no span of ``spans`` holds whole. The spans are a ``finditer``'s: in order and
    apart, so only the last span to start at or before a candidate's start can hold it (one bisection a
    candidate, not a test of every span: 462 real ads have false-friend spans, ~1,000 candidates each)."""
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    at = map(partial(bisect_right, starts), [c[2] for c in cands])
    return [c for c, k in zip(cands, at, strict=True) if not (k and c[4] <= ends[k - 1])]


_FIRST_WORD = re.compile(r"\w+")


def _hints_in_phrases(text: str, hits: list[Hit], hints: Collection[str]) -> list[int]:
    """Where a phrase hit starts with a boilerplate hint word: a key that is a phrase and a hint word
    ("linkedin") is the phrase's in the walk, which then finds no hint there, and "din Linkedin-länk räcker"
    counted as platform work (a blind test's finding 6)."""
    out: list[int] = []
    for start, end, _ in hits:
        word = _FIRST_WORD.match(text, start, end)
        if word is not None and word.group().lower() in hints:
            out.append(start)
    return out


FUZZY_MAX_ADDED = 1
"""A misspelling adds at most this many letters before a word it holds whole ("Iinstagram"); a word that
holds a key after more letters is another word built on it ("reusability" is no "usability", the UX skill:
a blind test's finding 6). Letters after the key are an ending ("innehållsplanen", "affärsmålen")."""


def _holds_whole(word: str, key: str) -> bool:
    """Whether ``word`` holds the vocabulary word ``key`` whole after more than ``FUZZY_MAX_ADDED``
    letters: a longer word, not a misspelling of ``key``."""
    return key in word[FUZZY_MAX_ADDED + 1 :]


def _never(text: str) -> bool:
    return False


def area_strengths(mentions: Iterable[Mention]) -> dict[str, float]:
    """0..1 per area: each distinct concept closes part of the gap, weighted by its best confidence.

    Mentions without an area, in boilerplate or ``generic`` count for nothing (``Profile.counts``)."""
    # by confidence, so that the last (best) confidence of each concept stays in the dict
    best = {
        (m.area, m.concept.id): m.confidence
        for m in sorted(filter(Profile.counts, mentions), key=_CONFIDENCE)
    }
    remaining = dict.fromkeys(AREA_IDS, 1.0)
    for (area, _), conf in best.items():
        if area in remaining:
            remaining[area] *= 1.0 - AREA_GAIN * conf
    return {a: round(1.0 - r, 4) if not math.isclose(r, 1.0) else 0.0 for a, r in remaining.items()}


_CONFIDENCE = attrgetter("confidence")
