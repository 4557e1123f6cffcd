"""A small Swedish compound splitter: "marknadsföringskanalerna" -> marknadsföring + kanal.

Swedish writes compounds as one word, so a phrase index over whole words misses "kundtjänstmedarbetare".
We split a long word into a known modifier and a known head (trying the linking -s- and -e- of Swedish), using
the phrase vocabulary and the frequencies of a :class:`~kompetens.extract.lemma.Lexicon` (wordfreq's) as the
lexicon, and recurse into the modifier.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lemma import Lexicon, default_lexicon

MIN_WORD = 8
MIN_PART = 4
MIN_ZIPF = 2.8
PART_PENALTY = 1.5
LINKERS = ("s", "e", "a", "u", "o")


@dataclass(slots=True, frozen=True)
class Part:
    """A compound part: ``word[start:end]`` (offsets into the compound), and its lemma."""

    start: int
    end: int
    lemma: str


VOWELS = frozenset("aeiouyåäö")


def part_words(vocab: Collection[str], lexicon: Lexicon, lang: str) -> frozenset[str]:
    """What a compound part that ``vocab`` knows can look like inside a word: a vocabulary word, a form the
    lexicon gives it ("bränder" of "brand", as in "skogsbränder"), either without a last vowel ("mäss" of
    "mässa", as in "mässmaterial"), and each of these without diacritics ("kundtjanst"). Set-up work: the
    forms come from a scan of the lexicon (``Lexicon.forms``)."""
    from kompetens.link.text import fold  # the linker's folding, as the lexicon's restored spellings use

    words = set(vocab) | lexicon.forms(vocab, lang)
    words |= {w[:-1] for w in words if len(w) > MIN_PART and w[-1] in VOWELS}
    words |= {fold(w) for w in words}
    return frozenset(w for w in words if len(w) >= MIN_PART)


class CompoundSplitter:
    """Splits compounds of one language against a vocabulary (phrase heads) plus general word frequencies.

    Lemmas and frequencies come from ``lexicon`` (default: ``default_lexicon()``)."""

    def __init__(
        self,
        *,
        lang: str = "sv",
        vocab: Collection[str] = (),
        lexicon: Lexicon | None = None,
        parts: Collection[str] | None = None,
    ) -> None:
        """``parts``: what :meth:`might_hold` looks for (default: ``part_words`` of ``vocab``, read from the
        lexicon on its first call)."""
        self.lang = lang
        self.vocab = frozenset(vocab)
        self.lexicon = lexicon = lexicon or default_lexicon()
        self._lemma, self._zipf, self._prefetch = lexicon.lemma, lexicon.zipf, lexicon.prefetch
        self._parts = parts
        self._scan: Any = None  # an ahocorasick.Automaton over the part words, built on first use
        self._known: Callable[[str], float] = lru_cache(maxsize=100_000)(self._known_score)
        self.split = lru_cache(maxsize=100_000)(self._split)

    def might_hold(self, word: str) -> bool:
        """Whether some part of ``word`` (lowercase) could be a vocabulary word or have one as its lemma: a
        part word (``part_words``) occurs in it. Where none does, no split of ``word`` has a part the
        vocabulary knows, and a caller that wants only those can skip :meth:`split`, the costly step (it
        looks up every head and modifier)."""
        scan = self._scan
        if scan is None:
            import ahocorasick

            scan = ahocorasick.Automaton()
            parts = (
                self._parts if self._parts is not None else part_words(self.vocab, self.lexicon, self.lang)
            )
            for w in parts:
                scan.add_word(w, len(w))
            if not parts:
                scan.add_word("\0", 1)  # an automaton needs a word; no text holds this one
            scan.make_automaton()
            self._scan = scan
        return next(scan.iter(word), None) is not None

    def _known_score(self, word: str) -> float:
        """How sure we are that ``word`` is a word: vocabulary words rank highest."""
        if len(word) < MIN_PART:
            return 0.0
        if word in self.vocab:
            return 8.0
        base = self._lemma(word, self.lang)
        if base in self.vocab:
            return 7.5
        return max(self._zipf(word, self.lang), self._zipf(base, self.lang))

    def _split(self, word: str) -> tuple[Part, ...]:
        """The parts of ``word`` (lowercase), or () when it is not a compound we can split."""
        if len(word) < MIN_WORD or not word.isalpha():
            return ()
        best: tuple[float, tuple[Part, ...]] = (0.0, ())
        # the heads and modifiers below, read from the lexicon in one go (their look-ups then hit its memo)
        self._prefetch(
            [word[i:] for i in range(MIN_PART, len(word) - MIN_PART + 1)]
            + [word[:i] for i in range(MIN_PART, len(word) - MIN_PART + 1)],
            self.lang,
        )
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head = word[i:]
            head_score = self._known(head)
            if head_score < MIN_ZIPF:
                continue
            for mod_end in self._modifier_ends(word, i):
                modifier = word[:mod_end]
                mod_parts = self._parts_of_modifier(modifier)
                if not mod_parts:
                    continue
                mod_score = min(self._known(word[p.start : p.end]) for p in mod_parts)
                # Prefer few, long parts: "kampanj|planering" over "kampanj|plane|ring".
                score = min(head_score, mod_score) - PART_PENALTY * (len(mod_parts) - 1) + 0.01 * len(head)
                if score > best[0]:
                    best = (score, (*mod_parts, Part(i, len(word), self._lemma(head, self.lang))))
        return best[1]

    @staticmethod
    def _modifier_ends(word: str, head_start: int) -> list[int]:
        ends = [head_start]
        if word[head_start - 1] in LINKERS and head_start - 1 >= MIN_PART:
            ends.append(head_start - 1)
        return ends

    def _parts_of_modifier(self, modifier: str) -> tuple[Part, ...]:
        if self._known(modifier) >= MIN_ZIPF:
            return (Part(0, len(modifier), self._lemma(modifier, self.lang)),)
        return self.split(modifier)
