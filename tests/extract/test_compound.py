from __future__ import annotations

import pytest

from kompetens.extract.compound import CompoundSplitter

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
