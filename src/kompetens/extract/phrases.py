"""The phrase automaton: every label variant, matched on surface forms and on lemmas in one linear scan.

A phrase becomes keys " t1 t2 " over its normalised tokens and (unless it is a name) over Swedish and English
lemmas. A text is scanned as a :class:`~kompetens.extract.text.MatchLine` (lowercased, non-word characters as
spaces, one for one), so a surface hit gives its character offsets by arithmetic; the lemma pass scans the
line of lemmas and maps hits back through the length differences of the words that changed. Automaton
values are plain ints (sense index, key length, lemma flag) so that the compiled index pickles and loads
fast, and the per-hit work stays a few integer operations. The ads' requirement cues ride along in the same
automaton (senses from ``first_cue`` on).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

import ahocorasick

from .lemma import LEMMA_MEMO_MAX, SUPPORTED, lemma, lemma_list
from .text import MatchLine, tokenize


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


Hit = tuple[int, int, int]
"""A phrase hit: text offsets ``start``, ``end``, and its code: the automaton value of its key (sense index,
key length, lemma flag; see :meth:`PhraseIndex.sense` and :func:`via_lemma`) with the lemma flag also set
for every hit of the lemma pass. Equal codes mean equal candidates, so callers can cache per code."""

_LEN_BITS = 8
MAX_KEY_CHARS = (1 << _LEN_BITS) - 1
"""Longer phrases are not indexed (no label comes near: taxonomy phrases have at most six words)."""
_SENSE_SHIFT = 1 + _LEN_BITS
MAX_SENSES = 1 << (31 - _SENSE_SHIFT)
"""pyahocorasick stores int values as 32-bit signed ints: sense, key length and flag share 31 bits."""


def _pack(sense: int, key_len: int, via_lemma: bool) -> int:
    return (sense << _SENSE_SHIFT) | (key_len << 1) | int(via_lemma)


def via_lemma(code: int) -> bool:
    """Whether a hit matched through lemmas (a lemma key, or any key on the line of lemmas)."""
    return bool(code & 1)


class PhraseIndex:
    """Aho-Corasick automata over normalised phrases (and a case-sensitive one for ambiguous names)."""

    def __init__(self, specs: Iterable[PhraseSpec], *, cues: Iterable[tuple[str, str]] = ()) -> None:
        """Index ``specs``; ``cues`` are (phrase, kind) pairs found in the same surface pass (see ``scan``).

        Cue senses come last (``first_cue`` on), so a phrase key shared with a cue stays a phrase.
        """
        self._auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._cased = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.senses: list[Sense] = []
        self._sense_ids: dict[Sense, int] = {}
        self.vocab: set[str] = set()  # single-token keys, for the compound splitter and fuzzy fallback
        self._cased_first: set[str] = set()  # lowercased first words of cased keys: most texts hold none
        self._cased_reach = 0  # longest cased key with its two spaces
        self._key_words: set[str] = set()  # every word of every key
        self._lemma_memo: dict[str, dict[str, str]] = {}  # lang -> changing word -> its lemma
        self._lemma_seen: dict[str, set[str]] = {}  # lang -> every word whose lemma has been looked at
        self.cue_kinds: dict[int, str] = {}  # cue hit code -> kind (see cues.cue_starts)
        self.size = 0
        for spec in specs:
            self._add(spec)
        self.first_cue = len(self.senses)
        for phrase, kind in cues:
            self._add(PhraseSpec(phrase, kind, kind, None, lemmatize=False), vocab=False)
        for auto in (self._auto, self._cased):
            if len(auto):
                auto.make_automaton()
        del self._sense_ids

    def _sense(self, spec: PhraseSpec) -> int:
        sense = Sense(spec.concept_id, spec.label, spec.area, spec.weight)
        idx = self._sense_ids.get(sense)
        if idx is None:
            if len(self.senses) >= MAX_SENSES:
                raise ValueError(f"more than {MAX_SENSES} phrase senses do not fit the automaton's values")
            idx = self._sense_ids[sense] = len(self.senses)
            self.senses.append(sense)
        return idx

    def _add(self, spec: PhraseSpec, *, vocab: bool = True) -> None:
        tokens = tokenize(unicodedata.normalize("NFC", spec.phrase))
        if not len(tokens):
            return
        self.size += 1
        sense = self._sense(spec)
        if spec.cased:
            key = " ".join(tokens.texts)
            self._insert(self._cased, key, _pack(sense, len(key), False))
            self._cased_first.add(tokens.norms[0])
            self._cased_reach = max(self._cased_reach, len(key) + 2)
            return
        surface = " ".join(tokens.norms)
        keys = {surface: False}
        if spec.lemmatize:
            for lang in SUPPORTED:
                keys.setdefault(" ".join(lemma(w, lang) for w in tokens.norms), True)
        # Texts match with one separator between words; a phrase written with more ("medie- och
        # kommunikationsvetenskap", "X (Twitter)") also gets its key as the text would show it.
        pieces = MatchLine(unicodedata.normalize("NFC", spec.phrase)).line.strip(" ").split(" ")
        if "" in pieces:
            keys.setdefault(" ".join(pieces), False)
            if spec.lemmatize:
                for lang in SUPPORTED:
                    keys.setdefault(" ".join(lemma_list(pieces, lang)), True)
        for key, via_lemma in keys.items():
            self._insert(self._auto, key, _pack(sense, len(key), via_lemma))
            self._key_words.update(key.split())
            if vocab and len(tokens) == 1:
                self.vocab.add(key)

    @staticmethod
    def _insert(auto: ahocorasick.Automaton, key: str, value: int) -> None:
        # The first phrase registered for a key keeps it (curated phrases come before taxonomy labels),
        # except that a surface key beats a lemma key of another phrase.
        if len(key) > MAX_KEY_CHARS:
            return
        existing = auto.get(" " + key + " ", None)
        if existing is not None and (not existing & 1 or value & 1):
            return
        auto.add_word(" " + key + " ", value)

    def phrase_keys(self) -> list[str]:
        """Every case-insensitive phrase key, cues left out (for benchmarks and diagnostics)."""
        if not len(self._auto):
            return []
        return [k.strip() for k, v in self._auto.items() if v >> _SENSE_SHIFT < self.first_cue]

    def sense(self, code: int) -> Sense:
        """The sense of a hit's code."""
        return self.senses[code >> _SENSE_SHIFT]

    def lookup(self, word: str) -> Sense | None:
        """The sense of a single-token key (surface or lemma), if any."""
        found = self._auto.get(" " + word + " ", None) if len(self._auto) else None
        if found is None:
            return None
        idx: int = found >> _SENSE_SHIFT
        return self.senses[idx] if idx < self.first_cue else None

    def scan(self, line: MatchLine, lang: str, cues: list[Hit] | None = None) -> list[Hit]:
        """All phrase hits in a text (overlaps included; the caller resolves them).

        Hits of cue phrases go to ``cues`` when given (else they are dropped): one pass finds both.
        """
        out: list[Hit] = []
        if len(self._auto):
            _scan_surface(self._auto, line.line, out, self.first_cue << _SENSE_SHIFT, cues)
            if lang in SUPPORTED:
                self._scan_lemmas(line, lang, out)
        if len(self._cased):
            self._scan_cased(line, out)
        return out

    def _scan_cased(self, line: MatchLine, out: list[Hit]) -> None:
        # Cased keys are few names ("X", "Later", "AB-test"); scan only from where their first word
        # occurs, as far as the longest key reaches, instead of the whole text.
        firsts = self._cased_first.intersection(line.piece_set)
        if not firsts:
            return
        lower, cased, reach = line.line, line.cased, self._cased_reach
        for word in firsts:
            key = " " + word + " "
            at = lower.find(key)
            while at != -1:  # line index of the space before the word, which is the word's text offset
                for end, value in self._cased.iter(cased, at, min(at + reach, len(cased))):
                    start = end - 1 - ((value >> 1) & MAX_KEY_CHARS)
                    if start == at:  # keys starting further on are found from their own first word
                        out.append((start, end - 1, value))
                at = lower.find(key, at + 1)

    def _changes(self, words: set[str], lang: str) -> dict[str, str]:
        """word -> lemma for the ``words`` whose lemma differs and is a word of some key.

        A lemma no key contains cannot take part in a match, so keeping the surface word changes no hit
        except to allow keys that mix forms; and the fewer words change, the less the lemma pass maps.
        Lemmas are memoised per language: after the first ads nearly every word has been seen.
        """
        seen = self._lemma_seen.get(lang)
        if seen is None or len(seen) > LEMMA_MEMO_MAX:
            seen = self._lemma_seen[lang] = set()
            self._lemma_memo[lang] = {}
        memo = self._lemma_memo[lang]  # only the words that change
        new = words.difference(seen)
        if new:
            key_words = self._key_words
            for word in new:
                base = lemma(word, lang) if word else word
                if base != word and base in key_words:
                    memo[word] = base
            seen |= new
        return {word: memo[word] for word in memo.keys() & words}  # iterates the smaller of the two

    def _scan_lemmas(self, line: MatchLine, lang: str, out: list[Hit]) -> None:
        # The line of lemmas is the surface line with each changed word (see _changes) replaced by its
        # lemma, so a key matches it under the same rule as on the surface, one separator between words.
        # A hit must hold a changed word, or it repeats a surface hit; the length differences of the
        # changed words before it map its lemma-line offsets back to the text.
        changes = self._changes(line.piece_set, lang)
        if not changes:
            return
        surface = line.line
        pieces = line.pieces
        parts: list[str] = []  # the lemma line, in pieces
        tails: list[int] = []  # lemma-line index of the space after each changed word
        shift: list[int] = []  # length difference (lemma - word) of the changed words so far
        pos = delta = 0
        for word in compress(pieces, map(changes.__contains__, pieces)):
            # Same word, same change: no unchanged piece equals ``word``, so its first occurrence after
            # the previous changed word is this one.
            at = surface.find(" " + word + " ", pos)  # line index of the space before the word
            base = changes[word]
            parts += (surface[pos : at + 1], base)
            pos = at + 1 + len(word)
            delta += len(base) - len(word)
            tails.append(pos + delta)
            shift.append(delta)
        parts.append(surface[pos:])
        cue_floor = self.first_cue << _SENSE_SHIFT
        n_tails = len(tails)
        for end, value in self._auto.iter("".join(parts)):
            if value >= cue_floor:
                continue  # cues are surface phrases
            start = end - ((value >> 1) & MAX_KEY_CHARS)  # first character of the key
            i = bisect_left(tails, start)  # first changed word ending after the key starts
            if i == n_tails or tails[i] > end:
                continue  # no changed word in the hit: the surface pass has it
            j = bisect_right(tails, end, lo=i)  # changed words ending up to the hit's end: i..j-1
            # text offset = lemma-line index - 1 (padding) - length difference of the changed words before
            before = shift[i - 1] if i else 0
            out.append((start - 1 - before, end - 1 - shift[j - 1], value | 1))


def _scan_surface(
    auto: ahocorasick.Automaton, line: str, out: list[Hit], cue_floor: int, cues: list[Hit] | None
) -> None:
    """Hits of ``auto`` in a match line; the key ends one character before the line index ``end``.

    Codes from ``cue_floor`` on are cues (their senses come last).
    """
    found = auto.iter(line)
    if cues is None:
        out += [(end - 1 - ((v >> 1) & MAX_KEY_CHARS), end - 1, v) for end, v in found if v < cue_floor]
        return
    found = list(found)
    out += [(end - 1 - ((v >> 1) & MAX_KEY_CHARS), end - 1, v) for end, v in found if v < cue_floor]
    cues += [(end - 1 - ((v >> 1) & MAX_KEY_CHARS), end - 1, v) for end, v in found if v >= cue_floor]
