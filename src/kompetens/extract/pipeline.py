"""Document -> mentions -> Profile: the extraction pipeline.

Steps, each a small function over the text's match line: phrase automaton (surface + lemma), compound parts
of unmatched long words, fuzzy fallback for misspelt names, overlap resolution, requirement cues, area
strengths. Candidates are plain tuples: an ad has dozens, and objects per candidate showed in profiles.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

from ..lang import lang_data
from ..models import AREA_IDS, ConceptRef, Document, Mention, Profile
from .compound import CompoundSplitter
from .cues import cue_phrases, cue_starts, requirement_status
from .lemma import SUPPORTED, lemma, zipf
from .phrases import Hit, PhraseIndex, PhraseSpec, Sense
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

_Candidate = tuple[int, float, int, int, int, Sense, str]
"""(start - end, -confidence, start, sequence, end, sense, method): sorting the tuples puts the longest,
then most confident, then earliest first, ties in the order found (so no key function is needed)."""
_WordSense = tuple[int, int, Sense, float, str]
"""start, end (offsets into the word), sense, confidence, method"""
_COLON_SUFFIX = re.compile(r":[^\W\d_]{1,3}\b")  # "KPI:er", "API:s": the evidence keeps the ending


class Extractor:
    """Finds competence mentions in documents. Build once (it compiles the automaton), call per document."""

    def __init__(self, specs: Iterable[PhraseSpec], *, cues: Iterable[tuple[str, str]] | None = None) -> None:
        """Compile ``specs``; the ads' requirement cues (default: every language's) join the same automaton."""
        self.index = PhraseIndex(specs, cues=cue_phrases() if cues is None else cues)
        self._fuzzy_vocab = sorted(w for w in self.index.vocab if len(w) >= FUZZY_MIN_LEN - 1)
        self._splitters: dict[str, CompoundSplitter] = {}
        self._word_cache: dict[str, dict[str, tuple[_WordSense, ...]]] = {}  # lang -> word -> senses
        self._refs: dict[Sense, ConceptRef] = {}

    def __call__(self, doc: Document) -> Profile:
        line = MatchLine(doc.text)
        senses = self.index.senses
        cue_hits: list[Hit] = []
        hits = self.index.scan(line, doc.lang, cue_hits)
        cands: list[_Candidate] = []
        append = cands.append
        for seq, (start, end, idx, via_lemma) in enumerate(hits):
            sense = senses[idx]
            if via_lemma:
                append((start - end, -CONF_LEMMA * sense.weight, start, seq, end, sense, "lemma"))
            else:
                append((start - end, -CONF_SURFACE * sense.weight, start, seq, end, sense, "phrase"))
        self._add_unmatched(cands, line, hits, doc.lang)
        mentions = [self._mention(doc.text, c) for c in _resolve_overlaps(cands, len(doc.text))]
        if doc.kind == "ad":
            _mark_required(mentions, doc.text, doc.lang, line, cue_starts(self.index, cue_hits))
        return Profile(doc=doc, mentions=mentions, areas=area_strengths(mentions))

    def _splitter(self, lang: str) -> CompoundSplitter | None:
        if not lang_data(lang, "morphology").get("compounds"):
            return None
        if lang not in self._splitters:
            self._splitters[lang] = CompoundSplitter(lang=lang, vocab=self.index.vocab)
        return self._splitters[lang]

    def _add_unmatched(self, cands: list[_Candidate], line: MatchLine, hits: list[Hit], lang: str) -> None:
        """Compound parts, else a fuzzy match, for each long word no phrase covered (cached per word)."""
        cache = self._word_cache.get(lang)
        if cache is None or len(cache) > WORD_CACHE_MAX:
            cache = self._word_cache[lang] = {}
        words = list(line.piece_set)
        found = list(map(cache.get, words))
        if None in found:
            for i, senses in enumerate(found):
                if senses is None:
                    found[i] = cache[words[i]] = self._word_senses(words[i], lang)
        covered: bytearray | None = None
        text = line.line
        for word in compress(words, found):  # the few words with senses
            if covered is None:
                covered = bytearray(len(line.text) + 1)
                for start, end, _, _ in hits:
                    covered[start:end] = b"\x01" * (end - start)
            key = " " + word + " "
            at = text.find(key)
            while at != -1:  # line index ``at`` is the space before the word: text offset ``at``
                if not covered[at]:
                    for a, b, sense, conf, how in cache[word]:
                        cands.append((a - b, -conf, at + a, len(cands), at + b, sense, how))
                at = text.find(key, at + len(word))

    def _word_senses(self, word: str, lang: str) -> tuple[_WordSense, ...]:
        if len(word) < FUZZY_MIN_LEN:
            return ()
        splitter = self._splitter(lang)
        if splitter is not None and len(word) >= MIN_COMPOUND:
            parts = []
            for part in splitter.split(word):
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

    def _fuzzy_lookup(self, word: str, lang: str) -> Sense | None:
        spec: Sense | None = None
        # A word the lemmatiser knows is a real word, not a misspelling of a name.
        if lemma(word, lang) == word and not _is_known(word, lang):
            from rapidfuzz import fuzz, process  # only unknown words get here: keep it off the start-up path

            best = process.extractOne(word, self._fuzzy_vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                spec = self.index.lookup(best[0])
        return spec

    def _mention(self, text: str, c: _Candidate) -> Mention:
        _, neg_confidence, start, _, end, sense, method = c
        if text.startswith(":", end) and (suffix := _COLON_SUFFIX.match(text, end)):
            end = suffix.end()
        ref = self._refs.get(sense)
        if ref is None:
            ref = self._refs[sense] = ConceptRef(sense.concept_id, sense.label)
        # Positional: 2.5x faster than keywords, and an ad makes dozens (order as in Mention).
        return Mention(text[start:end], start, end, ref, sense.area, min(1.0, -neg_confidence), None, method)


def _is_known(word: str, lang: str) -> bool:
    return zipf(word, lang if lang in SUPPORTED else "en") >= KNOWN_ZIPF


def _resolve_overlaps(cands: list[_Candidate], text_len: int) -> list[_Candidate]:
    """Longest span first, then most confident; drop any candidate overlapping one already kept."""
    kept: list[_Candidate] = []
    taken = bytearray(text_len)
    cands.sort()
    for c in cands:
        start, end = c[2], c[4]
        if taken.find(1, start, end) != -1:
            continue
        kept.append(c)
        taken[start:end] = b"\x01" * (end - start)
    kept.sort(key=itemgetter(2))
    return kept


def _mark_required(
    mentions: list[Mention], text: str, lang: str, line: MatchLine, cues: dict[str, list[int]]
) -> None:
    status = requirement_status(text, lang, [m.start for m in mentions], line=line, cues_found=cues)
    for m, (required, boilerplate) in zip(mentions, status, strict=True):
        m.required = required
        m.boilerplate = boilerplate


def area_strengths(mentions: Iterable[Mention]) -> dict[str, float]:
    """0..1 per area: each distinct concept closes part of the gap, weighted by its best confidence."""
    best: dict[tuple[str, str], float] = {}
    for m in mentions:
        if m.area is None or m.boilerplate:
            continue
        key = (m.area, m.concept.id)
        best[key] = max(best.get(key, 0.0), m.confidence)
    remaining = dict.fromkeys(AREA_IDS, 1.0)
    for (area, _), conf in best.items():
        if area in remaining:
            remaining[area] *= 1.0 - AREA_GAIN * conf
    return {a: round(1.0 - r, 4) if not math.isclose(r, 1.0) else 0.0 for a, r in remaining.items()}
