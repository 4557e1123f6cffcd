"""The phrase index: every label variant, matched on surface forms and on lemmas in one walk over the words.

A phrase becomes keys "t1 t2" over its normalised tokens and (unless it is a name) over Swedish and English
lemmas. A text is scanned as a :class:`~kompetens.extract.text.MatchLine` (lowercased, non-word characters as
spaces, one for one) split into its words, which a :class:`~kompetens.extract.wordtrie.WordTrie` walks: a
hit is a run of whole words, so its character offsets follow from the words' lengths; the lemma pass walks
the same words with the changed ones replaced by their lemmas. Values are plain ints (sense index, key
length, lemma flag) so that the compiled index pickles and loads fast, and the per-hit work stays a few
integer operations. The ads' requirement cues ride along in the same trie (senses from ``first_cue`` on).
Names that are also words ("X", "Later") match with their case, looked for where their first word occurs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..lang import LANGUAGES, lang_data
from .lemma import LEMMA_MEMO_MAX, SUPPORTED, Lexicon, default_lexicon
from .text import MatchLine, normalize_word, tokenize
from .wordtrie import WordTrie


@dataclass(slots=True, frozen=True)
class PhraseSpec:
    """One surface form of a concept: the phrase, what it means, and how much we trust it.

    ``cased`` phrases match only with their exact case ("X", "Later"); ``lemmatize=False`` phrases match
    only their surface form (tool names: "Looker" must not become "look"). An ``inner`` phrase (a platform
    name) is also a mention inside a longer one of another area: "Facebook" in "Facebook groups".
    """

    phrase: str
    concept_id: str
    label: str
    area: str | None
    weight: float = 1.0
    cased: bool = False
    lemmatize: bool = True
    inner: bool = False


class Sense(NamedTuple):
    """What a key means: a concept, its label and area, and the weight of the phrase."""

    concept_id: str
    label: str
    area: str | None
    weight: float


Hit = tuple[int, int, int]
"""A phrase hit: text offsets ``start``, ``end``, and its code: the trie value of its key (sense index,
key length, lemma flag; see :meth:`PhraseIndex.sense` and :func:`via_lemma`) with the lemma flag also set
for every hit of the lemma pass. Equal codes mean equal candidates, so callers can cache per code."""

_LEN_BITS = 8
MAX_KEY_CHARS = (1 << _LEN_BITS) - 1
"""Longer phrases are not indexed (no label comes near: taxonomy phrases have at most six words)."""
_SENSE_SHIFT = 1 + _LEN_BITS
MAX_SENSES = 1 << (31 - _SENSE_SHIFT)
"""The trie stores values as 32-bit signed ints: sense, key length and flag share 31 bits."""


def _pack(sense: int, key_len: int, via_lemma: bool) -> int:
    return (sense << _SENSE_SHIFT) | (key_len << 1) | int(via_lemma)


def via_lemma(code: int) -> bool:
    """Whether a hit matched through lemmas (a lemma key, or any key on the line of lemmas)."""
    return bool(code & 1)


class PhraseIndex:
    """A word trie over normalised phrases (and the few ambiguous names that must match with their case)."""

    def __init__(
        self,
        specs: Iterable[PhraseSpec],
        *,
        cues: Iterable[tuple[str, str]] = (),
        lexicon: Lexicon | None = None,
    ) -> None:
        """Index ``specs``; ``cues`` are (phrase, kind) pairs found in the same surface pass (see ``scan``).

        Cue senses come last (``first_cue`` on), so a phrase key shared with a cue stays a phrase. Lemma
        keys, and the lemmas of scanned texts, come from ``lexicon`` (default: ``default_lexicon()``).
        """
        self.lexicon = lexicon or default_lexicon()
        keys: dict[str, int] = {}  # normalised key -> packed value (see _pack)
        cased: dict[str, int] = {}  # the same for keys that keep their case
        self.senses: list[Sense] = []
        self._sense_ids: dict[Sense, int] = {}
        self.vocab: set[str] = set()  # single-token keys, for the compound splitter and fuzzy fallback
        # lowercased first word of the cased keys -> (" key ", value, key length), shortest first
        self._cased_first: dict[str, list[tuple[str, int, int]]] = {}
        self._lemma_memo: dict[str, dict[str, str]] = {}  # lang -> changing word -> its lemma
        self._lemma_seen: dict[str, set[str]] = {}  # lang -> every word whose lemma has been looked at
        self.cue_kinds: dict[int, str] = {}  # cue hit code -> kind (see cues.cue_starts)
        self.size = 0
        inner: set[Sense] = set()
        for spec in specs:
            self._add(spec, keys, cased)
            if spec.inner:
                inner.add(self.senses[self._sense(spec)])
        self.inner = frozenset(inner)
        """The senses of ``inner`` phrases: mentions inside a longer one of another area too."""
        self.first_cue = len(self.senses)
        for phrase, kind in cues:
            self._add(PhraseSpec(phrase, kind, kind, None, lemmatize=False), keys, cased, vocab=False)
        self._trie = WordTrie(keys)
        for key, value in sorted(cased.items(), key=lambda kv: len(kv[0])):
            first = normalize_word(key.split(" ")[0])
            self._cased_first.setdefault(first, []).append((" " + key + " ", value, len(key)))
        del self._sense_ids

    def _sense(self, spec: PhraseSpec) -> int:
        sense = Sense(spec.concept_id, spec.label, spec.area, spec.weight)
        idx = self._sense_ids.get(sense)
        if idx is None:
            if len(self.senses) >= MAX_SENSES:
                raise ValueError(f"more than {MAX_SENSES} phrase senses do not fit the trie's values")
            idx = self._sense_ids[sense] = len(self.senses)
            self.senses.append(sense)
        return idx

    def _add(
        self, spec: PhraseSpec, keys: dict[str, int], cased: dict[str, int], *, vocab: bool = True
    ) -> None:
        tokens = tokenize(unicodedata.normalize("NFC", spec.phrase))
        if not len(tokens):
            return
        self.size += 1
        sense = self._sense(spec)
        if spec.cased:
            key = " ".join(tokens.texts)
            value = _pack(sense, len(key), False)
            if len(key) <= MAX_KEY_CHARS and _wins(cased.get(key), value):
                cased[key] = value
            return
        surface = " ".join(tokens.norms)
        variants = {surface: False}
        if spec.lemmatize:
            lemma = self.lexicon.lemma
            for lang in SUPPORTED:
                variants.setdefault(" ".join(lemma(w, lang) for w in tokens.norms), True)
        # Texts match with one separator between words; a phrase written with more ("medie- och
        # kommunikationsvetenskap", "X (Twitter)") also gets its key as the text would show it.
        pieces = MatchLine(unicodedata.normalize("NFC", spec.phrase)).line.strip(" ").split(" ")
        if "" in pieces:
            variants.setdefault(" ".join(pieces), False)
            if spec.lemmatize:
                for lang in SUPPORTED:
                    variants.setdefault(" ".join(self.lexicon.lemma_list(pieces, lang)), True)
        for key, via_lemma in variants.items():
            value = _pack(sense, len(key), via_lemma)
            if len(key) <= MAX_KEY_CHARS and _wins(keys.get(key), value):
                keys[key] = value
            if vocab and len(tokens) == 1:
                self.vocab.add(key)

    def phrase_keys(self) -> list[str]:
        """Every case-insensitive phrase key, cues left out (for benchmarks and diagnostics)."""
        return [k for k, v in self._trie.items() if v >> _SENSE_SHIFT < self.first_cue]

    def sense(self, code: int) -> Sense:
        """The sense of a hit's code."""
        return self.senses[code >> _SENSE_SHIFT]

    def lookup(self, word: str) -> Sense | None:
        """The sense of a single-token key (surface or lemma), if any."""
        found = self._trie.get(word)
        if found is None:
            return None
        idx: int = found >> _SENSE_SHIFT
        return self.senses[idx] if idx < self.first_cue else None

    def scan(
        self,
        line: MatchLine,
        lang: str,
        cues: list[Hit] | None = None,
        *,
        fresh: set[str] | None = None,
        met: set[str] | None = None,
    ) -> list[Hit]:
        """All phrase hits in a text (overlaps included; the caller resolves them): surface hits by end,
        then lemma hits by end, then cased names.

        Hits of cue phrases go to ``cues`` when given (else they are dropped): one walk finds both.
        ``fresh`` and ``met`` spare the lemma pass its own search for the text's new words (``_changes``):
        where ``met`` is still this index's set of met words in ``lang`` (``met_words``), ``fresh`` is taken
        to hold every word of the line that ``met`` lacks (``Extractor._new_words``).
        """
        out: list[Hit] = []
        if len(self._trie):
            if lang not in SUPPORTED:
                lemmas = None
            elif met is not None and met is self._lemma_seen.get(lang):
                lemmas = self._changes(line.piece_set, lang, fresh)
            else:
                lemmas = self._changes(line.piece_set, lang)
            out, cue_hits, lemma_hits = self._trie.scan(line.pieces, lemmas, self.first_cue << _SENSE_SHIFT)
            if lemma_hits and lemmas:
                lemma_hits = _guard_short(line, lang, lemmas, lemma_hits)
            out += lemma_hits
            if cues is not None:
                cues += cue_hits
        if self._cased_first:
            self._scan_cased(line, out)
        return out

    def _scan_cased(self, line: MatchLine, out: list[Hit]) -> None:
        # Cased keys are few names ("X", "Later", "AB-test"): look for them only where their first word
        # occurs, in the line with case kept (its words line up with the match line's).
        firsts = self._cased_first.keys() & line.piece_set
        if not firsts:
            return
        lower, cased = line.line, line.cased
        found: list[Hit] = []
        for word in firsts:
            keys = self._cased_first[word]
            first = " " + word + " "
            at = lower.find(first)
            while at != -1:  # line index of the space before the word, which is the word's text offset
                if not _compound_tail(line.text, at):
                    found += [
                        (at, at + length, value)
                        for key, value, length in keys
                        if cased.startswith(key, at) and (length > 1 or not _hyphened(line.text, at))
                    ]
                at = lower.find(first, at + 1)
        found.sort()
        out += found

    def met_words(self, lang: str) -> set[str] | None:
        """The words of ``lang`` whose lemmas this index has looked at (``_changes``; None before the first
        text): the set itself, which grows with each text and is replaced, not emptied, when it starts
        again."""
        return self._lemma_seen.get(lang)

    def forget_words(self, lang: str) -> set[str]:
        """Start the met words of ``lang`` and their lemmas' memo again; returns the new, empty set."""
        seen = self._lemma_seen[lang] = set()
        self._lemma_memo[lang] = {}
        return seen

    def _changes(self, words: set[str], lang: str, fresh: set[str] | None = None) -> dict[str, str]:
        """word -> lemma for the ``words`` whose lemma differs and is a word of some key.

        A lemma no key contains cannot take part in a match, so keeping the surface word changes no hit
        except to allow keys that mix forms; and the fewer words change, the less the lemma pass maps.
        Lemmas are memoised per language: after the first ads nearly every word has been seen. ``fresh``
        (``scan``): a set of ``words`` that holds every one not seen yet, so that they need no search.
        """
        seen = self._lemma_seen.get(lang)
        if seen is None or len(seen) > LEMMA_MEMO_MAX:
            seen = self._lemma_seen[lang] = set()
            self._lemma_memo[lang] = {}
            fresh = None  # the words seen before are forgotten: every word is new
        memo = self._lemma_memo[lang]  # only the words that change
        new = words.difference(seen) if fresh is None else fresh
        if new:
            key_words = self._trie.vocab  # every word of every key
            listed = list(new)
            self.lexicon.prefetch(listed, lang)
            memo.update(
                {
                    word: base
                    for word, base in zip(listed, self.lexicon.lemmas(listed, lang), strict=True)
                    if base != word and base in key_words
                }
            )
            seen |= new
        changes = {word: memo[word] for word in memo.keys() & words}  # iterates the smaller of the two
        # lang -> short form -> its long form's lemma where that is a key word (``_short_forms``); set here,
        # not in __init__, so that an index pickled before has it too
        shorts: dict[str, dict[str, str]] = self.__dict__.setdefault("_short", {})
        short = shorts.get(lang)
        if short is None:
            key_words = self._trie.vocab
            short = shorts[lang] = {
                word: base
                for word, (long, _) in _short_forms(lang).items()
                if (base := self.lexicon.lemma(long, lang)) in key_words
            }
        for word in short.keys() & words:
            changes[word] = short[word]
        return changes


def _wins(existing: int | None, value: int) -> bool:
    """Whether ``value`` takes a key that holds ``existing``: the first phrase registered for a key keeps it
    (curated phrases come before taxonomy labels), except that a surface key beats a lemma key."""
    return existing is None or (existing & 1 == 1 and value & 1 == 0)


@cache
def _short_forms(lang: str) -> dict[str, tuple[str, frozenset[str]]]:
    """``short_forms`` of ``lang``'s morphology.json: a clipped word of the field -> (its long form, the words
    one of which must follow it, or none): "comms" is read as "communications", "mods" as "moderators",
    "mod" as "moderation" only before a noun such as "team" or "queue" ("mod team", not a game's "mod")."""
    return {
        entry["short"]: (entry["long"], frozenset(entry.get("before", ())))
        for entry in lang_data(lang, "morphology").get("short_forms", [])
    }


def _guard_short(line: MatchLine, lang: str, lemmas: dict[str, str], hits: list[Hit]) -> list[Hit]:
    """``hits`` of the lemma pass less those over a guarded short form (one with ``before`` words) that is not
    followed, past one separator, by one of its words."""
    guarded = {w: before for w, (_, before) in _short_forms(lang).items() if before and w in lemmas}
    if not guarded:
        return hits
    pieces = line.pieces
    bad: list[int] = []  # text offsets of the short forms that stand alone
    at = -1  # the text offset of pieces[i] is its line index minus one
    for i, word in enumerate(pieces):
        before = guarded.get(word)
        if before is not None and (i + 1 >= len(pieces) or pieces[i + 1] not in before):
            bad.append(at)
        at += len(word) + 1
    if not bad:
        return hits
    return [hit for hit in hits if not any(hit[0] <= b < hit[1] for b in bad)]


@cache
def _letter_compounds() -> tuple[str, ...]:
    """``letter_compounds`` of every language's morphology.json: words that a one-letter name joined to them
    by a hyphen makes no name ("X-ray", "X-axeln", "X-Men"; "X-kontot" stays one)."""
    return tuple(w for code in LANGUAGES for w in lang_data(code, "morphology").get("letter_compounds", []))


_HYPHENS = "-\u2010\u2011"


def _compound_tail(text: str, at: int) -> bool:
    """Whether the word at ``at`` ends a hyphenated compound ("Power-to-X", "Tic-Tac-Threads"): an
    ambiguous name there is a part of another word, no platform (a blind test's finding 6: the energy
    term "Power-to-X" was the platform X)."""
    return at >= 2 and text[at - 1] in _HYPHENS and text[at - 2].isalnum()


def _hyphened(text: str, at: int) -> bool:
    """Whether the one-letter word at ``at`` is the start of a compound like "X-ray" (``_letter_compounds``)."""
    if text[at + 1 : at + 2] != "-":
        return False
    return text[at + 2 : at + 12].lower().startswith(_letter_compounds())
