"""A word translation table learnt from the taxonomy's own parallel labels (issue #11).

Every concept with labels in two languages is a parallel pair: ``hantera klagomål`` / ``handle complaints``,
``bygga förtroende`` / ``build trust``. From these pairs :func:`learn` aligns words (lemmas) with a simple,
well-understood method, Melamed's competitive linking over Dice scores:

1. per concept, the set of source terms (the lemmas of all its source-language labels) and of target terms;
2. Dice(s, t) = 2 c(s, t) / (c(s) + c(t)) over concepts (c: the number of concepts whose labels hold it);
3. in each concept, links are drawn greedily by Dice, each source and target term linked at most once
   (one-to-one within a pair: ``hantera`` takes ``handle`` and leaves ``complaints`` to ``klagomål``);
4. a pair is kept when it was linked in ``min_links`` concepts or more and in at least ``min_share`` of
   the concepts its source term occurs in; a source term keeps its ``per_word`` most linked targets,
   weighted by that share.

Nothing but the labels goes in: the table is derived from whatever taxonomy the user set up.

A hand-written :class:`Glossary` (``lang/<code>/glossary.json``: the words of job ads and their English in
ESCO's wording) stands before the learnt table where it has the word: the alignment is noisy on rare words
(``empati`` -> *woman*), a dictionary is not.

Both are keyed by lemmas without their accents (``klagomal`` finds ``klagomål``: text typed without å, ä, ö),
except where that would make two words one (:class:`Accents`, stop 46).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kompetens.lang import lang_data
from kompetens.link.text import fold, words

GLOSSARY_FILE = "glossary"
GLOSSARY_NEXT = 0.8
"""Weight of a glossary word's second and later renderings (the first counts 1)."""
ACCENT_MARGIN = 1.0
"""Zipf by which a word with accents must be the more frequent for the same letters without them to read as it
typed without its accents (the lexicon's ``RESTORE_MARGIN``: ten times as frequent)."""
MIN_LINKS = 2
MIN_SHARE = 0.2
MIN_DICE = 0.05
PER_WORD = 3


@dataclass(slots=True)
class Translations:
    """Source term -> ``[(target term, weight), ...]``, best first; weights in (0, 1]."""

    table: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.table)

    def get(self, term: str) -> list[tuple[str, float]]:
        return self.table.get(term, [])

    def translate(self, terms: Iterable[str]) -> dict[str, float]:
        """Every translation of ``terms``, each with its best weight."""
        out: dict[str, float] = {}
        for term in terms:
            for target, weight in self.table.get(term, ()):
                if weight > out.get(target, 0.0):
                    out[target] = weight
        return out

    def to_json(self) -> dict[str, list[list[str | float]]]:
        return {s: [[t, round(w, 4)] for t, w in pairs] for s, pairs in self.table.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence[Sequence[str | float]]]) -> Translations:
        return cls({str(s): [(str(t), float(w)) for t, w in pairs] for s, pairs in data.items()})


def learn(
    pairs: Iterable[tuple[Iterable[str], Iterable[str]]],
    *,
    min_links: int = MIN_LINKS,
    min_share: float = MIN_SHARE,
    min_dice: float = MIN_DICE,
    per_word: int = PER_WORD,
) -> Translations:
    """Learn source -> target term translations from parallel term sets (one pair per concept)."""
    units = [(frozenset(src), frozenset(tgt)) for src, tgt in pairs]
    units = [(s, t) for s, t in units if s and t]
    n_src: Counter[str] = Counter()
    n_tgt: Counter[str] = Counter()
    n_both: Counter[tuple[str, str]] = Counter()
    for src, tgt in units:
        n_src.update(src)
        n_tgt.update(tgt)
        n_both.update((s, t) for s in src for t in tgt)

    def dice(s: str, t: str) -> float:
        return 2.0 * n_both[s, t] / (n_src[s] + n_tgt[t])

    links: Counter[tuple[str, str]] = Counter()
    for src, tgt in units:
        scored = sorted(
            ((dice(s, t), s, t) for s in src for t in tgt),
            key=lambda x: (-x[0], x[1], x[2]),  # ties by term: the same table on every run
        )
        used_s: set[str] = set()
        used_t: set[str] = set()
        for score, s, t in scored:
            if score < min_dice:
                break
            if s in used_s or t in used_t:
                continue
            used_s.add(s)
            used_t.add(t)
            links[s, t] += 1
    by_source: dict[str, list[tuple[str, float]]] = {}
    for (s, t), count in links.items():
        share = count / n_src[s]
        if count >= min_links and share >= min_share:
            by_source.setdefault(s, []).append((t, share))
    table = {
        s: sorted(found, key=lambda x: (-x[1], x[0]))[:per_word] for s, found in sorted(by_source.items())
    }
    return Translations(table)


@dataclass(frozen=True, slots=True)
class Accents:
    """Where folding the accents of a language's lemmas would make two words one key (stop 46).

    The word table and the glossary are keyed by lemmas without accents, so a text typed without å, ä, ö finds
    its words ("klagomal": *complaint*). Folding also merges words: ``växa`` (grow) and ``vaxa`` (wax) were one
    key, rendered *wax*; ``vänlig`` and ``vanlig`` one, *friendly*; and a text's ``här`` (here) found the key of
    ``hår`` (*hair*), ``väl`` that of ``val`` (*selection*), ``ort`` that of ``ört`` (*botanical*).

    - ``ambiguous``: the keys that two or more lemmas as written fold to; those lemmas keep their accents as
      keys (:meth:`key`);
    - ``others``: the dictionary's words that are no lemma and no form of one but fold to a lemma's key, and do
      not read as that lemma with its accents typed otherwise (no lemma of the key ``ACCENT_MARGIN`` more frequent): their key
      is another word's (:meth:`foreign`): ``här`` beside ``hår``, ``ort`` beside ``ört``, ``svar`` beside
      ``svår``; not ``oka`` beside ``öka`` (typed without its accent), nor a misspelling the dictionary lacks."""

    ambiguous: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()

    def key(self, lemma: str) -> str:
        """The table's and the glossary's key of a lemma as written: without accents, unless ambiguous."""
        folded = fold(lemma)
        return lemma if folded in self.ambiguous else folded

    @property
    def keys(self) -> frozenset[str]:
        """The folded keys that hold two words of different lemmas: the ``ambiguous`` and those of ``others``."""
        return self.ambiguous | frozenset(fold(x) for x in self.others)

    def foreign(self, lemma: str) -> bool:
        """Whether the key of a text's lemma as written (or of a word the lemmas lack) holds other words."""
        return lemma in self.others

    @classmethod
    def build(
        cls,
        lemmas: Iterable[str],
        dictionary: Iterable[tuple[str, str]] = (),
        zipf: Callable[[str], float] | None = None,
    ) -> Accents:
        """From a language's lemmas as written, its dictionary's (form, lemma) pairs and, where known, its word
        frequencies (Zipf; without them every such dictionary word is one of ``others``)."""
        by_key: dict[str, set[str]] = {}
        for lemma in lemmas:
            by_key.setdefault(fold(lemma), set()).add(lemma)
        others = {
            word
            for form, lemma in dictionary
            for word in (form, lemma)
            if (found := by_key.get(fold(word))) is not None
            and word not in found
            and lemma not in found  # "brandmän" is a form of "brandman"
            and (zipf is None or max(zipf(x) for x in found) < zipf(word) + ACCENT_MARGIN)
        }
        return cls(frozenset(key for key, found in by_key.items() if len(found) > 1), frozenset(others))

    def to_json(self) -> dict[str, list[str]]:
        return {"ambiguous": sorted(self.ambiguous), "others": sorted(self.others)}

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence[str]]) -> Accents:
        return cls(*(frozenset(str(x) for x in data.get(part, ())) for part in ("ambiguous", "others")))


@dataclass(slots=True)
class Glossary:
    """One language's hand-written word glossary, keyed by the linker's lemmas: each word's English
    renderings as text (best first) and as English index terms with weights (1 for the first rendering,
    ``GLOSSARY_NEXT`` for the others)."""

    renderings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    targets: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.renderings)

    def __contains__(self, lemma: object) -> bool:
        return lemma in self.renderings

    @classmethod
    def from_data(
        cls,
        data: Mapping[str, Any],
        source: Callable[[Sequence[str]], list[str]],
        target: Callable[[Sequence[str]], list[str]],
    ) -> Glossary:
        """The glossary of a parsed ``glossary.json``; ``source`` and ``target`` map words to the linker's
        lemmas of the word's language and of English."""
        renderings: dict[str, tuple[str, ...]] = {}
        targets: dict[str, list[tuple[str, float]]] = {}
        own: set[str] = set()  # lemmas taken by the word that is its own lemma
        for word, english in sorted(data.get("words", {}).items()):
            lemma = source(words(word))
            if len(lemma) != 1 or not english:
                continue
            # Two words may share a lemma ("skapa", "skapande"; "data", "dator"): the word that is itself
            # the lemma keeps it, else the first in order.
            is_own = lemma[0] in (word, fold(word))
            if lemma[0] in own or (lemma[0] in renderings and not is_own):
                continue
            if is_own:
                own.add(lemma[0])
            renderings[lemma[0]] = tuple(english)
            found: dict[str, float] = {}
            for rank, text in enumerate(english):
                weight = 1.0 if rank == 0 else GLOSSARY_NEXT
                for term in target(words(text)):
                    found[term] = max(found.get(term, 0.0), weight)
            targets[lemma[0]] = sorted(found.items(), key=lambda x: (-x[1], x[0]))
        return cls(renderings, targets)

    @classmethod
    def load(cls, lang: str, lemmas: Callable[[Sequence[str], str], list[str]], to: str = "en") -> Glossary:
        """The glossary of ``lang`` (empty without a ``glossary.json``); ``lemmas(words, lang)`` maps words to
        the linker's lemmas."""
        return cls.from_data(
            lang_data(lang, GLOSSARY_FILE), lambda w: lemmas(w, lang), lambda w: lemmas(w, to)
        )
