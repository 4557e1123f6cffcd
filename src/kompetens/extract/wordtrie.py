"""Phrase keys as a trie over words, scanned over a text's words: the surface and the lemma pass in one walk.

Every phrase key is a run of whole words, and a match line is the text's words joined by single spaces
(``MatchLine.pieces``), so a key matches exactly where consecutive pieces equal its words. The trie walks
from each piece along the following ones, word ids against a hash table of (node, word) -> child. The
lemma pass walks the same pieces with the changed words replaced by their lemmas and keeps the hits that
hold one: no second line of lemmas is built, and offsets come straight from the pieces.

The table is flat arrays (open addressing, linear probing), so the index pickles and loads as a few byte
buffers; the walk runs in C (``_speedups``, built with the package where a compiler is present) and in
Python otherwise. Both give the same hits in the same order: by end, then start, as an Aho-Corasick scan of
the match line reports them (that order breaks ties between equal candidates downstream).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from itertools import accumulate, compress
from operator import itemgetter

from .native import speedups as _speedups

Hit = tuple[int, int, int]
"""(text start, text end, code): see :data:`kompetens.extract.phrases.Hit`."""

EMPTY = (1 << 64) - 1
"""A free slot of the table (no node or word id reaches 2**32 - 1)."""
_MULT = 0x9E3779B97F4A7C15  # Fibonacci hashing: the high bits of key * 2**64/phi
_MASK64 = (1 << 64) - 1
_BY_END = itemgetter(1, 0)
_PLUS_ONE = (1).__add__


def _slot(key: int, bits: int) -> int:
    return ((key * _MULT) & _MASK64) >> (64 - bits)


class WordTrie:
    """Phrase keys (words joined by single spaces) with an int value each, found in lists of words."""

    def __init__(self, keys: Mapping[str, int]) -> None:
        """Index ``keys``: key -> value, values in 0..2**31-1 (stored as 32-bit signed ints)."""
        self.vocab: dict[str, int] = {}  # every word of every key -> its id
        trans: dict[int, int] = {}  # node << 32 | word id -> child node
        values = [-1]  # per node: the value of the key ending there, -1 for none; node 0 is the root
        self.depth = 0  # the most words in a key
        reach: list[int] = []  # per word id: the furthest position (from 0) it takes in a key
        for key, value in keys.items():
            if not 0 <= value < 1 << 31:
                raise ValueError(f"value {value} of key {key!r} is outside 0..2**31-1")
            node = 0
            words = key.split(" ")
            self.depth = max(self.depth, len(words))
            for at, word in enumerate(words):
                wid = self.vocab.setdefault(word, len(self.vocab))
                if wid == len(reach):
                    reach.append(at)
                elif reach[wid] < at:
                    reach[wid] = at
                step = node << 32 | wid
                child = trans.get(step)
                if child is None:
                    child = trans[step] = len(values)
                    values.append(-1)
                node = child
            values[node] = value
        if len(values) >= 1 << 32 or len(self.vocab) >= 1 << 32:
            raise ValueError("too many phrase words for the trie's 32-bit ids")
        self._root = array("I", [0]) * len(self.vocab)  # the root's child per word id: most steps are these
        for wid, child in trans.items():
            if wid < 1 << 32:
                self._root[wid] = child
        self.bits = max(4, (2 * len(trans)).bit_length())  # at most half full
        size = 1 << self.bits
        self._keys = array("Q", [EMPTY]) * size
        self._kids = array("I", [0]) * size
        for step, child in trans.items():
            at = _slot(step, self.bits)
            while self._keys[at] != EMPTY:
                at = (at + 1) & (size - 1)
            self._keys[at] = step
            self._kids[at] = child
        self._values = array("i", values)
        self._reach = array("H", reach)
        self._count = sum(v >= 0 for v in values)
        # The Python walk's table and root steps, derived from the arrays when it first runs (the C walk
        # needs neither): as dicts they would double the memory and the pickle.
        self._trans: dict[int, int] | None = None
        self._heads: dict[str, int] | None = None

    def __len__(self) -> int:
        return self._count

    def _table(self) -> dict[int, int]:
        if self._trans is None:
            self._trans = {k: c for k, c in zip(self._keys, self._kids, strict=True) if k != EMPTY}
        return self._trans

    def get(self, key: str) -> int | None:
        """The value of ``key``, if it is a key."""
        node = 0
        for word in key.split(" "):
            wid = self.vocab.get(word)
            if wid is None:
                return None
            node = self._child(node << 32 | wid)
            if not node:
                return None
        value = self._values[node]
        return value if value >= 0 else None

    def _child(self, step: int) -> int:
        size = 1 << self.bits
        at = _slot(step, self.bits)
        while (found := self._keys[at]) != step:
            if found == EMPTY:
                return 0
            at = (at + 1) & (size - 1)
        return self._kids[at]

    def items(self) -> Iterator[tuple[str, int]]:
        """Every key with its value, depth first."""
        words = list(self.vocab)
        children: dict[int, list[tuple[int, int]]] = {}
        for step, child in self._table().items():
            children.setdefault(step >> 32, []).append((step & 0xFFFFFFFF, child))
        stack: list[tuple[int, str]] = [(0, "")]
        while stack:
            node, prefix = stack.pop()
            for wid, child in children.get(node, ()):
                key = words[wid] if node == 0 else prefix + " " + words[wid]
                if self._values[child] >= 0:
                    yield key, self._values[child]
                stack.append((child, key))

    def scan(
        self, pieces: list[str], lemmas: dict[str, str] | None, floor: int
    ) -> tuple[list[Hit], list[Hit], list[Hit]]:
        """Hits of the keys in ``pieces`` (a match line split at single spaces, ``MatchLine.pieces``).

        Returns (hits, cues, lemma hits): keys with values below ``floor``, those from ``floor`` on, and
        the keys below ``floor`` found with each word of ``lemmas`` replaced by its lemma that hold such a
        word (their code has bit 0 set). Each list is ordered by end, then start. Offsets are into the
        text of the line: piece k starts at the lengths plus separators of the pieces before it, minus one.
        """
        if _speedups is not None:
            return _speedups.scan(
                pieces,
                self.vocab,
                lemmas or None,
                self._root,
                self._keys,
                self._kids,
                self._values,
                self.depth,
                floor,
            )
        return self.scan_python(pieces, lemmas, floor)

    def scan_python(
        self, pieces: list[str], lemmas: dict[str, str] | None, floor: int
    ) -> tuple[list[Hit], list[Hit], list[Hit]]:
        """:meth:`scan` in Python: the fallback without a C compiler, and the C walk's test reference."""
        starts = list(accumulate(map(_PLUS_ONE, map(len, pieces)), initial=-1))  # text offset of each piece
        heads = self._root_steps()
        hits: list[Hit] = []
        cues: list[Hit] = []
        for i, j, value in self._walk(pieces, compress(range(len(pieces)), map(heads.__contains__, pieces))):
            (hits if value < floor else cues).append((starts[i], starts[j] + len(pieces[j]), value))
        found: list[Hit] = []
        if lemmas:
            based = list(map(lemmas.get, pieces, pieces))  # each word, or its lemma where it changes
            changed = list(compress(range(len(pieces)), map(lemmas.__contains__, pieces)))
            starting = list(map(heads.__contains__, based))
            for i, j, value in self._walk(based, [i for i in self._reaching(changed, based) if starting[i]]):
                k = bisect_left(changed, i)  # the first changed word from i on: in the hit if it is by j
                if value < floor and k < len(changed) and changed[k] <= j:
                    found.append((starts[i], starts[j] + len(pieces[j]), value | 1))
        hits.sort(key=_BY_END)
        cues.sort(key=_BY_END)
        found.sort(key=_BY_END)
        return hits, cues, found

    def _reaching(self, changed: list[int], words: list[str]) -> list[int]:
        """The positions a key can start at and hold one of the ``changed`` positions of ``words``."""
        vocab, reach = self.vocab, self._reach
        begins: set[int] = set()
        for c in changed:
            wid = vocab.get(words[c])
            if wid is not None:  # else no key holds the word
                begins.update(range(max(c - reach[wid], 0), c + 1))
        return sorted(begins)

    def _root_steps(self) -> dict[str, int]:
        """The root's child per word that has one."""
        if self._heads is None:
            self._heads = {w: self._root[i] for w, i in self.vocab.items() if self._root[i]}
        return self._heads

    def _walk(self, words: list[str], begins: Iterable[int]) -> Iterator[tuple[int, int, int]]:
        """(first word, last word, value) of each key found from one of ``begins`` (words with a root step)."""
        heads, vocab, trans, values = self._root_steps(), self.vocab, self._table(), self._values
        n = len(words)
        for i in begins:
            node = heads[words[i]]
            j = i
            while node:
                if values[node] >= 0:
                    yield i, j, values[node]
                j += 1
                if j == n or (wid := vocab.get(words[j])) is None:
                    break
                node = trans.get(node << 32 | wid, 0)
