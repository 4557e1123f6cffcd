"""The word trie: keys found as runs of whole words, lemma hits, its table, and the C walk against Python."""

from __future__ import annotations

import importlib.util
import os
import pickle
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.extract import wordtrie
from kompetens.extract.text import MatchLine
from kompetens.extract.wordtrie import WordTrie

FLOOR = 1000  # values from here on are cues

words = st.sampled_from(["a", "b", "ab", "c", "", "då", "x"])
keys = st.dictionaries(
    st.lists(words, min_size=1, max_size=4)
    .filter(lambda ws: ws[0] != "" and ws[-1] != "")  # a key never starts or ends with a separator
    .map(" ".join),
    st.integers(0, 2000).map(lambda v: v & ~1),  # bit 0 is the lemma flag
    min_size=1,
    max_size=12,
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, int], str, dict[str, str]]:
    """Keys, a match line of keys and their words (so that keys nest and overlap), lemmas for some words."""
    key_map = draw(keys)
    vocab = sorted({w for k in key_map for w in k.split(" ")} | {"", "y"})
    parts = st.one_of(st.sampled_from(sorted(key_map)), st.sampled_from(vocab))
    line = " " + " ".join(draw(st.lists(parts, max_size=8))) + " "
    lemmas = draw(st.dictionaries(st.sampled_from(vocab[1:]), st.sampled_from([*vocab[1:], "z"]), max_size=3))
    return key_map, line, lemmas


def _reference(
    key_map: dict[str, int], line: str, lemmas: dict[str, str]
) -> tuple[list[tuple[int, int, int]], ...]:
    """Every run of whole words in the line (and in its line of lemmas) that is a key, by brute force."""
    pieces = line.split(" ")
    starts = [sum(len(p) + 1 for p in pieces[:k]) - 1 for k in range(len(pieces))]
    based = [lemmas.get(p, p) for p in pieces]
    hits, cues, found = [], [], []
    for i in range(len(pieces)):
        for j in range(i, len(pieces)):
            span = (starts[i], starts[j] + len(pieces[j]))
            value = key_map.get(" ".join(pieces[i : j + 1]))
            if value is not None:
                (hits if value < FLOOR else cues).append((*span, value))
            value = key_map.get(" ".join(based[i : j + 1]))
            if value is not None and value < FLOOR and any(p in lemmas for p in pieces[i : j + 1]):
                found.append((*span, value | 1))
    return tuple(sorted(h, key=lambda h: (h[1], h[0])) for h in (hits, cues, found))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_python_walk_finds_exactly_the_keys_a_brute_force_finds(
    case: tuple[dict[str, int], str, dict[str, str]],
) -> None:
    key_map, line, lemmas = case
    trie = WordTrie(key_map)
    assert trie.scan_python(line.split(" "), lemmas, FLOOR) == _reference(key_map, line, lemmas)


@pytest.mark.skipif(
    wordtrie._speedups is None, reason="no C code: built without a compiler, or KOMPETENS_PURE_PYTHON=1"
)
@settings(max_examples=300, deadline=None)
@given(cases())
def test_c_walk_matches_the_python_walk(case: tuple[dict[str, int], str, dict[str, str]]) -> None:
    key_map, line, lemmas = case
    trie = pickle.loads(pickle.dumps(WordTrie(key_map)))  # as the engine loads it
    pieces = line.split(" ")
    assert trie.scan(pieces, lemmas or None, FLOOR) == trie.scan_python(pieces, lemmas, FLOOR)


def test_c_walk_is_built_where_a_compiler_is() -> None:
    # scripts/test.sh sets this where a C compiler is on PATH: the optional build must not fail silently.
    if os.environ.get("KOMPETENS_REQUIRE_C") != "1":
        pytest.skip("KOMPETENS_REQUIRE_C is not set (scripts/test.sh sets it where cc exists)")
    found = importlib.util.find_spec("kompetens.extract._speedups")
    assert found is not None, "pip install -e . did not build kompetens.extract._speedups"
    from kompetens.extract import _speedups, native

    assert _speedups.VERSION == native.VERSION, "the C code is an older build: pip install -e ."


def test_offsets_point_into_the_text() -> None:
    trie = WordTrie({"sociala medier": 2, "kund tjänst": 4, "krav": 1000})
    text = "Krav: arbete i sociala medierna, kund-tjänst."
    line = MatchLine(text)
    hits, cues, found = trie.scan(line.pieces, {"medierna": "medier"}, FLOOR)
    assert [text[s:e] for s, e, _ in hits] == ["kund-tjänst"]
    assert [text[s:e] for s, e, _ in cues] == ["Krav"]
    assert [(text[s:e], code) for s, e, code in found] == [("sociala medierna", 3)]


def test_get_items_and_pickle() -> None:
    key_map = {"a": 2, "a b": 4, "a b c": 6, "b": 8, "medie  och": 10}
    trie = WordTrie(key_map)
    loaded = pickle.loads(pickle.dumps(trie))
    assert loaded._trans is None  # the flat arrays travel, not the dict
    for t in (trie, loaded):
        assert len(t) == 5
        assert dict(t.items()) == key_map
        assert [t.get(k) for k in ("a b", "a b c", "b c", "c", "", "medie  och")] == [
            4,
            6,
            None,
            None,
            None,
            10,
        ]


def test_values_must_fit_32_bit_ints() -> None:
    with pytest.raises(ValueError, match="outside"):
        WordTrie({"a": 1 << 31})
    with pytest.raises(ValueError, match="outside"):
        WordTrie({"a": -1})


@pytest.mark.skipif(
    wordtrie._speedups is None, reason="no C code: built without a compiler, or KOMPETENS_PURE_PYTHON=1"
)
def test_c_walk_refuses_bad_arguments() -> None:
    trie = WordTrie({"a b": 2})
    scan = wordtrie._speedups.scan
    tables = (trie._root, trie._keys, trie._kids, trie._values, trie.depth)
    with pytest.raises(TypeError, match="pieces must be str"):
        scan(["a", 3], trie.vocab, None, *tables, FLOOR)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="lemmas"):
        scan(["a"], trie.vocab, ["a"], *tables, FLOOR)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="do not fit"):
        scan(
            ["a"], trie.vocab, None, trie._root, trie._keys, array("I", [0]), trie._values, trie.depth, FLOOR
        )
    bad = array("i", [-1, -1])  # a child points past the values
    with pytest.raises(ValueError, match="corrupt"):
        scan(["a", "b"], trie.vocab, None, trie._root, trie._keys, trie._kids, bad, trie.depth, FLOOR)
