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
from collections.abc import Iterator, Mapping
from itertools import accumulate
from operator import itemgetter

try:
    from . import _speedups
except ImportError:  # no compiler when the package was installed: the Python walk below does the same
    _speedups = None  # type: ignore[assignment]

COMPILED = _speedups is not None
"""Whether the C walk is in use (``kompetens setup`` reports it as ``phrase_walk``)."""

Hit = tuple[int, int, int]
"""(text start, text end, code): see :data:`kompetens.extract.phrases.Hit`."""

EMPTY = (1 << 64) - 1
"""A free slot of the table (no node or word id reaches 2**32 - 1)."""
_MULT = 0x9E3779B97F4A7C15  # Fibonacci hashing: the high bits of key * 2**64/phi
_MASK64 = (1 << 64) - 1
_BY_END = itemgetter(1, 0)


def _slot(key: int, bits: int) -> int:
    return ((key * _MULT) & _MASK64) >> (64 - bits)


class WordTrie:
    """Phrase keys (words joined by single spaces) with an int value each, found in lists of words."""

    def __init__(self, keys: Mapping[str, int]) -> None:
        """Index ``keys``: key -> value, values in 0..2**31-1 (pyahocorasick's range, which codes keep)."""
        self.vocab: dict[str, int] = {}  # every word of every key -> its id
        trans: dict[int, int] = {}  # node << 32 | word id -> child node
        values = [-1]  # per node: the value of the key ending there, -1 for none; node 0 is the root
        self.depth = 0  # the most words in a key
        for key, value in keys.items():
            if not 0 <= value < 1 << 31:
                raise ValueError(f"value {value} of key {key!r} is outside 0..2**31-1")
            node = 0
            words = key.split(" ")
            self.depth = max(self.depth, len(words))
            for word in words:
                wid = self.vocab.setdefault(word, len(self.vocab))
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
        self._count = sum(v >= 0 for v in values)
        self._trans: dict[int, int] | None = trans  # the Python walk's table; rebuilt after unpickling

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_trans"] = None  # the flat arrays hold it: half the pickle, and faster to load
        return state

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
        """:meth:`scan` in Python (the reference the C walk is tested against)."""
        vocab, trans, values = self.vocab, self._table(), self._values
        ids = list(map(vocab.get, pieces))
        starts = list(accumulate((len(p) + 1 for p in pieces), initial=-1))  # text offset of each piece
        hits: list[Hit] = []
        cues: list[Hit] = []
        for i, run in _runs(ids, trans, values):
            for j, value in run:
                hit = (starts[i], starts[j] + len(pieces[j]), value)
                (hits if value < floor else cues).append(hit)
        found: list[Hit] = []
        if lemmas:
            changed = [p in lemmas for p in pieces]
            lemma_ids = [
                vocab.get(lemmas[p], -1) if c else w for p, c, w in zip(pieces, changed, ids, strict=True)
            ]
            last = max((i for i, c in enumerate(changed) if c), default=-1)
            for i, run in _runs(lemma_ids, trans, values, stop=last + 1):
                for j, value in run:
                    if value < floor and any(changed[i : j + 1]):
                        found.append((starts[i], starts[j] + len(pieces[j]), value | 1))
        hits.sort(key=_BY_END)
        cues.sort(key=_BY_END)
        found.sort(key=_BY_END)
        return hits, cues, found


def _runs(
    ids: list[int | None], trans: dict[int, int], values: array[int], stop: int | None = None
) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """Per start piece i (before ``stop``): the (end piece, value) of each key starting there."""
    n = len(ids)
    for i in range(n if stop is None else stop):
        wid = ids[i]
        if wid is None or wid < 0:
            continue
        node = trans.get(wid, 0)  # the root's steps are the word ids themselves
        run: list[tuple[int, int]] = []
        j = i
        while node:
            if values[node] >= 0:
                run.append((j, values[node]))
            j += 1
            if j == n or (wid := ids[j]) is None or wid < 0:
                break
            node = trans.get(node << 32 | wid, 0)
        if run:
            yield i, run
