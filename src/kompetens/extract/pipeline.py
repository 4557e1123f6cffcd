"""Document -> mentions -> Profile: the extraction pipeline.

Steps, each a small function over the token list: phrase automaton (surface + lemma), compound parts of
unmatched long words, fuzzy fallback for misspelt names, overlap resolution, requirement cues, area strengths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..lang import lang_data
from ..models import AREA_IDS, ConceptRef, Document, Mention, Profile
from .compound import CompoundSplitter
from .cues import requirement_by_offset
from .lemma import SUPPORTED, lemma, zipf
from .phrases import Hit, PhraseIndex, PhraseSpec, Sense
from .text import Tokens, tokenize

CONF_SURFACE = 0.95
CONF_LEMMA = 0.9
CONF_COMPOUND = 0.75
CONF_FUZZY = 0.6
FUZZY_MIN_LEN = 6
FUZZY_CUTOFF = 88.0
AREA_GAIN = 0.55
KNOWN_ZIPF = 2.5
MIN_COMPOUND = 8
WORD_CACHE_MAX = 200_000
"""Each distinct concept in an area closes this share of the remaining gap to 1.0 (times its confidence)."""


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    spec: Sense
    confidence: float
    method: str


class Extractor:
    """Finds competence mentions in documents. Build once (it compiles the automaton), call per document."""

    def __init__(self, specs: Iterable[PhraseSpec]) -> None:
        self.index = PhraseIndex(specs)
        self._fuzzy_vocab = sorted(w for w in self.index.vocab if len(w) >= FUZZY_MIN_LEN - 1)
        self._splitters: dict[str, CompoundSplitter] = {}
        self._word_cache: dict[tuple[str, str], tuple[tuple[int, int, Sense, float, str], ...]] = {}
        self._refs: dict[Sense, ConceptRef] = {}

    def __call__(self, doc: Document) -> Profile:
        tokens = tokenize(doc.text)
        hits = list(self.index.scan(tokens, doc.lang))
        covered = bytearray(len(tokens))
        for h in hits:
            covered[h.first : h.last + 1] = b"\x01" * (h.last - h.first + 1)
        cands = [self._from_hit(tokens, h) for h in hits]
        cands += self._unmatched(tokens, covered, doc.lang)
        chosen = _resolve_overlaps(cands, len(doc.text))
        mentions = [self._mention(doc.text, c) for c in chosen]
        if doc.kind == "ad":
            _mark_required(mentions, doc.text, doc.lang, tokens)
        return Profile(doc=doc, mentions=mentions, areas=area_strengths(mentions))

    @staticmethod
    def _from_hit(tokens: Tokens, hit: Hit) -> _Candidate:
        conf = (CONF_LEMMA if hit.via_lemma else CONF_SURFACE) * hit.sense.weight
        method = "lemma" if hit.via_lemma else "phrase"
        return _Candidate(tokens.start(hit.first), tokens.end(hit.last), hit.sense, conf, method)

    def _splitter(self, lang: str) -> CompoundSplitter | None:
        if not lang_data(lang, "morphology").get("compounds"):
            return None
        if lang not in self._splitters:
            self._splitters[lang] = CompoundSplitter(lang=lang, vocab=self.index.vocab)
        return self._splitters[lang]

    def _unmatched(self, tokens: Tokens, covered: bytearray, lang: str) -> list[_Candidate]:
        """Compound parts, else a fuzzy match, for each long word no phrase covered (cached per word)."""
        out: list[_Candidate] = []
        cache = self._word_cache
        for i, word in enumerate(tokens.norms):
            if len(word) < FUZZY_MIN_LEN or covered[i]:
                continue
            found = cache.get((word, lang))
            if found is None:
                if len(cache) > WORD_CACHE_MAX:
                    cache.clear()
                found = cache[(word, lang)] = self._word_senses(word, lang)
            if found:
                start = tokens.start(i)
                out.extend(
                    _Candidate(start + a, start + b, sense, conf, how) for a, b, sense, conf, how in found
                )
        return out

    def _word_senses(self, word: str, lang: str) -> tuple[tuple[int, int, Sense, float, str], ...]:
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
        ref = self._refs.get(c.spec)
        if ref is None:
            ref = self._refs[c.spec] = ConceptRef(c.spec.concept_id, c.spec.label)
        return Mention(
            text=text[c.start : c.end],
            start=c.start,
            end=c.end,
            concept=ref,
            area=c.spec.area,
            confidence=min(1.0, c.confidence),
            method=c.method,
        )


def _is_known(word: str, lang: str) -> bool:
    return zipf(word, lang if lang in SUPPORTED else "en") >= KNOWN_ZIPF


def _resolve_overlaps(cands: list[_Candidate], text_len: int) -> list[_Candidate]:
    """Longest span first, then most confident; drop any candidate overlapping one already kept."""
    kept: list[_Candidate] = []
    taken = bytearray(text_len)
    for c in sorted(cands, key=lambda c: (c.start - c.end, -c.confidence, c.start)):
        if taken.find(1, c.start, c.end) != -1:
            continue
        kept.append(c)
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(kept, key=lambda c: c.start)


def _mark_required(mentions: list[Mention], text: str, lang: str, tokens: Tokens) -> None:
    segments = requirement_by_offset(text, lang, tokens=tokens, only_at=[m.start for m in mentions])
    j = 0
    for m in mentions:  # both sorted by offset
        while j < len(segments) and segments[j].end <= m.start:
            j += 1
        if j < len(segments) and segments[j].start <= m.start:
            m.required = segments[j].required
            m.boilerplate = segments[j].boilerplate


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
