from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.extract.compound import CompoundSplitter, part_words
from kompetens.extract.lemma import Lexicon, write_lexicon

VOCAB = {"marknadsföring", "kundtjänst", "community", "kundservice", "dataanalys"}


@pytest.mark.parametrize(
    ("word", "lemmas"),
    [
        ("marknadsföringskanalerna", ["marknadsföring", "kanal"]),
        ("kundtjänstmedarbetare", ["kundtjänst", "medarbetare"]),
        ("communityansvarig", ["community", "ansvarig"]),
        ("kampanjplanering", ["kampanj", "planering"]),
        ("kommunikationsplattformar", ["kommunikation", "plattform"]),
        ("innehållsstrategi", ["innehåll", "strategi"]),
    ],
)
def test_splits_swedish_compounds(word: str, lemmas: list[str]) -> None:
    parts = CompoundSplitter(lang="sv", vocab=VOCAB).split(word)
    assert [p.lemma for p in parts] == lemmas
    assert "".join(word[p.start : p.end] for p in parts).replace("s", "") == word.replace("s", "")


@pytest.mark.parametrize("word", ["kund", "hej", "strategi", "12345678", "abcdefghijk"])
def test_leaves_simple_words_alone(word: str) -> None:
    assert CompoundSplitter(lang="sv", vocab=VOCAB).split(word) == ()


def test_might_hold_finds_vocabulary_parts_forms_stems_and_folded_spellings(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.sqlite"
    write_lexicon(path, [("sv", "bränder", "brand"), ("sv", "mässan", "mässa")], [("sv", "brand", 4.0)])
    lexicon = Lexicon(path)
    vocab = {"brand", "mässa", "kundtjänst"}
    parts = part_words(vocab, lexicon, "sv")
    assert {"bränder", "mäss", "kundtjanst", "brander"} <= parts
    splitter = CompoundSplitter(lang="sv", vocab=vocab, lexicon=lexicon, parts=parts)
    for word in ("skogsbränder", "mässmaterial", "kundtjanstmedarbetare", "brandvägg", "mässansvarig"):
        assert splitter.might_hold(word), word
    for word in ("sjuksköterska", "lagerarbetare", "abcdefghijk"):
        assert not splitter.might_hold(word), word
    # without parts given, the splitter reads them from its lexicon on first use
    assert CompoundSplitter(lang="sv", vocab=vocab, lexicon=lexicon).might_hold("skogsbränder")
    assert not CompoundSplitter(lang="sv", vocab=(), lexicon=lexicon).might_hold("skogsbränder")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["kund", "tjänst", "marknads", "föring", "data", "analys", "s", "ning", "plan", "e"]),
        min_size=2,
        max_size=6,
    )
)
def test_a_word_with_a_part_the_vocabulary_knows_might_hold_one(pieces: list[str]) -> None:
    """might_hold lets the extractor skip a split: it must never skip one that finds a vocabulary part."""
    word = "".join(pieces)
    splitter = _SPLITTER
    known = [p for p in splitter.split(word) if p.lemma in VOCAB or word[p.start : p.end] in VOCAB]
    if known:
        assert splitter.might_hold(word)


_SPLITTER = CompoundSplitter(lang="sv", vocab=VOCAB)
