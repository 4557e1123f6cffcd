"""Document -> mentions -> Profile: the extraction pipeline.

Steps, each a small function over the token list: phrase automaton (surface + lemma), compound parts of
unmatched long words, fuzzy fallback for misspelt names, overlap resolution, requirement cues, area strengths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..lang import lang_data
from ..models import AREA_IDS, ConceptRef, Document, Mention, Profile
from .compound import CompoundSplitter
from .cues import requirement_by_offset
from .lemma import SUPPORTED, lemma, zipf
from .phrases import Hit, PhraseIndex, PhraseSpec, Sense
from .text import Token, tokenize

CONF_SURFACE = 0.95
CONF_LEMMA = 0.9
CONF_COMPOUND = 0.75
CONF_FUZZY = 0.6
FUZZY_MIN_LEN = 6
FUZZY_CUTOFF = 88.0
AREA_GAIN = 0.55
KNOWN_ZIPF = 2.5
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
        self._fuzzy_cache: dict[str, Sense | None] = {}

    def __call__(self, doc: Document) -> Profile:
        tokens = tokenize(doc.text)
        cands = [self._from_hit(tokens, h) for h in self.index.scan(tokens, doc.lang)]
        covered = _covered_tokens(tokens, cands)
        cands += self._compound_parts(tokens, covered, doc.lang)
        cands += self._fuzzy(tokens, covered, doc.lang)
        chosen = _resolve_overlaps(cands)
        mentions = [self._mention(doc.text, c) for c in chosen]
        if doc.kind == "ad":
            _mark_required(mentions, doc.text, doc.lang)
        return Profile(doc=doc, mentions=mentions, areas=area_strengths(mentions))

    @staticmethod
    def _from_hit(tokens: list[Token], hit: Hit) -> _Candidate:
        conf = (CONF_LEMMA if hit.via_lemma else CONF_SURFACE) * hit.sense.weight
        method = "lemma" if hit.via_lemma else "phrase"
        return _Candidate(tokens[hit.first].start, tokens[hit.last].end, hit.sense, conf, method)

    def _splitter(self, lang: str) -> CompoundSplitter | None:
        if not lang_data(lang, "morphology").get("compounds"):
            return None
        if lang not in self._splitters:
            self._splitters[lang] = CompoundSplitter(lang=lang, vocab=self.index.vocab)
        return self._splitters[lang]

    def _compound_parts(self, tokens: list[Token], covered: set[int], lang: str) -> list[_Candidate]:
        splitter = self._splitter(lang)
        if splitter is None:
            return []
        out: list[_Candidate] = []
        for i, tok in enumerate(tokens):
            if i in covered or len(tok.norm) < 8:
                continue
            for part in splitter.split(tok.norm):
                spec = self.index.lookup(part.lemma) or self.index.lookup(tok.norm[part.start : part.end])
                if spec is not None:
                    out.append(
                        _Candidate(
                            tok.start + part.start,
                            tok.start + part.end,
                            spec,
                            CONF_COMPOUND * spec.weight,
                            "compound",
                        )
                    )
        return out

    def _fuzzy(self, tokens: list[Token], covered: set[int], lang: str) -> list[_Candidate]:
        if not self._fuzzy_vocab:
            return []
        out: list[_Candidate] = []
        for i, tok in enumerate(tokens):
            if i in covered or len(tok.norm) < FUZZY_MIN_LEN or not tok.norm.isalpha():
                continue
            spec = self._fuzzy_lookup(tok.norm, lang)
            if spec is not None:
                out.append(_Candidate(tok.start, tok.end, spec, CONF_FUZZY * spec.weight, "fuzzy"))
        return out

    def _fuzzy_lookup(self, word: str, lang: str) -> Sense | None:
        if word in self._fuzzy_cache:
            return self._fuzzy_cache[word]
        spec: Sense | None = None
        # A word the lemmatiser knows is a real word, not a misspelling of a name.
        if lemma(word, lang) == word and not _is_known(word, lang):
            best = process.extractOne(word, self._fuzzy_vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                spec = self.index.lookup(best[0])
        self._fuzzy_cache[word] = spec
        return spec

    @staticmethod
    def _mention(text: str, c: _Candidate) -> Mention:
        return Mention(
            text=text[c.start : c.end],
            start=c.start,
            end=c.end,
            concept=ConceptRef(c.spec.concept_id, c.spec.label),
            area=c.spec.area,
            confidence=min(1.0, c.confidence),
            method=c.method,
        )


def _is_known(word: str, lang: str) -> bool:
    return zipf(word, lang if lang in SUPPORTED else "en") >= KNOWN_ZIPF


def _covered_tokens(tokens: list[Token], cands: list[_Candidate]) -> set[int]:
    spans = [(c.start, c.end) for c in cands]
    return {i for i, t in enumerate(tokens) if any(s <= t.start and t.end <= e for s, e in spans)}


def _resolve_overlaps(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest span first, then most confident; drop any candidate overlapping one already kept."""
    kept: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def _mark_required(mentions: list[Mention], text: str, lang: str) -> None:
    segments = requirement_by_offset(text, lang)
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
