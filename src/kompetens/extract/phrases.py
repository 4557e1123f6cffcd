"""The phrase automaton: every label variant, matched on surface forms and on lemmas in one linear scan.

Text and phrases go through the same tokenizer. A phrase becomes keys " t1 t2 " over normalised tokens and
(unless it is a name) over Swedish and English lemmas; the text is scanned twice (surface string, lemma string
of its language) with Aho-Corasick, and every hit is mapped back to character offsets through token
boundaries. Automaton values are plain ints (sense index, token count, lemma flag) so that the compiled index
pickles and loads fast.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from .lemma import SUPPORTED, lemma
from .text import Tokens, tokenize


@dataclass(slots=True, frozen=True)
class PhraseSpec:
    """One surface form of a concept: the phrase, what it means, and how much we trust it.

    ``cased`` phrases match only with their exact case ("X", "Later"); ``lemmatize=False`` phrases match
    only their surface form (tool names: "Looker" must not become "look").
    """

    phrase: str
    concept_id: str
    label: str
    area: str | None
    weight: float = 1.0
    cased: bool = False
    lemmatize: bool = True


class Sense(NamedTuple):
    """What a key means: a concept, its label and area, and the weight of the phrase."""

    concept_id: str
    label: str
    area: str | None
    weight: float


class Hit(NamedTuple):
    """A phrase hit over tokens ``first..last`` (inclusive)."""

    first: int
    last: int
    sense: Sense
    via_lemma: bool


def _pack(sense: int, n_tokens: int, via_lemma: bool) -> int:
    return (sense << 8) | (min(n_tokens, 127) << 1) | int(via_lemma)


def _unpack(value: int) -> tuple[int, int, bool]:
    return value >> 8, (value >> 1) & 127, bool(value & 1)


class PhraseIndex:
    """Aho-Corasick automata over normalised phrases (and a case-sensitive one for ambiguous names)."""

    def __init__(self, specs: Iterable[PhraseSpec]) -> None:
        self._auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._cased = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.senses: list[Sense] = []
        self._sense_ids: dict[Sense, int] = {}
        self.vocab: set[str] = set()  # single-token keys, for the compound splitter and fuzzy fallback
        self._cased_first: set[str] = set()  # first tokens of cased keys: most texts hold none, skip the scan
        self.size = 0
        for spec in specs:
            self._add(spec)
        for auto in (self._auto, self._cased):
            if len(auto):
                auto.make_automaton()
        del self._sense_ids

    def _sense(self, spec: PhraseSpec) -> int:
        sense = Sense(spec.concept_id, spec.label, spec.area, spec.weight)
        idx = self._sense_ids.get(sense)
        if idx is None:
            idx = self._sense_ids[sense] = len(self.senses)
            self.senses.append(sense)
        return idx

    def _add(self, spec: PhraseSpec) -> None:
        tokens = tokenize(unicodedata.normalize("NFC", spec.phrase))
        if not len(tokens):
            return
        self.size += 1
        sense = self._sense(spec)
        if spec.cased:
            key = " ".join(tokens.texts)
            self._insert(self._cased, key, _pack(sense, len(tokens), False))
            self._cased_first.add(tokens.texts[0])
            return
        surface = " ".join(tokens.norms)
        keys = {surface: False}
        if spec.lemmatize:
            for lang in SUPPORTED:
                keys.setdefault(" ".join(lemma(w, lang) for w in tokens.norms), True)
        for key, via_lemma in keys.items():
            self._insert(self._auto, key, _pack(sense, len(tokens), via_lemma))
            if len(tokens) == 1:
                self.vocab.add(key)

    @staticmethod
    def _insert(auto: ahocorasick.Automaton, key: str, value: int) -> None:
        # The first phrase registered for a key keeps it (curated phrases come before taxonomy labels),
        # except that a surface key beats a lemma key of another phrase.
        existing = auto.get(" " + key + " ", None)
        if existing is not None and (not existing & 1 or value & 1):
            return
        auto.add_word(" " + key + " ", value)

    def phrase_keys(self) -> list[str]:
        """Every case-insensitive key (for benchmarks and diagnostics)."""
        return [k.strip() for k in self._auto.keys()] if len(self._auto) else []  # noqa: SIM118

    def lookup(self, word: str) -> Sense | None:
        """The sense of a single-token key (surface or lemma), if any."""
        found = self._auto.get(" " + word + " ", None) if len(self._auto) else None
        return None if found is None else self.senses[_unpack(found)[0]]

    def scan(self, tokens: Tokens, lang: str) -> Iterator[Hit]:
        """All phrase hits in a token list (overlaps included; the caller resolves them)."""
        if not len(tokens):
            return
        if len(self._auto):
            yield from self._scan(self._auto, tokens.norms, False)
            if lang in SUPPORTED:
                norms = tokens.norms
                lemmas = [lemma(w, lang) for w in norms]
                changed = [a != b for a, b in zip(lemmas, norms, strict=True)]
                # A lemma-pass hit over words that are their own lemmas repeats a surface hit.
                for hit in self._scan(self._auto, lemmas, True):
                    if any(changed[hit.first : hit.last + 1]):
                        yield hit
        if len(self._cased) and not self._cased_first.isdisjoint(tokens.texts):
            yield from self._scan(self._cased, tokens.texts, False)

    def _scan(self, auto: ahocorasick.Automaton, words: list[str], lemma_pass: bool) -> Iterator[Hit]:
        line = " " + " ".join(words) + " "
        ends: dict[int, int] = {}
        pos = 0
        for i, w in enumerate(words):
            pos += 1 + len(w)
            ends[pos] = i  # index of the space that follows token i
        senses = self.senses
        for end, value in auto.iter(line):
            last = ends.get(end)
            if last is not None:
                n = (value >> 1) & 127
                yield Hit(last - n + 1, last, senses[value >> 8], bool(value & 1) or lemma_pass)
