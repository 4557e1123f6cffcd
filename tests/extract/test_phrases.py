"""The phrase automaton: offsets by arithmetic, separators, lemmas, case, cues and the packed values."""

from __future__ import annotations

import pytest

from kompetens.extract.phrases import MAX_KEY_CHARS, MAX_SENSES, PhraseIndex, PhraseSpec, _pack, via_lemma
from kompetens.extract.text import MatchLine
from kompetens.extract.wordtrie import WordTrie


def _spans(index: PhraseIndex, text: str, lang: str = "sv") -> dict[str, str]:
    """Matched text -> concept id."""
    return {text[s:e]: index.sense(code).concept_id for s, e, code in index.scan(MatchLine(text), lang)}


def test_packed_values_fit_the_trie() -> None:
    # The trie keeps values as 32-bit signed ints: the largest packed value must survive, and one more sense
    # must not fit.
    value = _pack(MAX_SENSES - 1, MAX_KEY_CHARS, True)
    assert WordTrie({"k": value}).get("k") == value > 0
    with pytest.raises(ValueError):
        WordTrie({"k": _pack(MAX_SENSES, 0, False)})


@pytest.mark.parametrize(
    ("phrase", "text", "span"),
    [
        (
            "medie- och kommunikationsvetenskap",
            "Utbildning: Medie- och kommunikationsvetenskap, 180 hp",
            "Medie- och kommunikationsvetenskap",
        ),
        (
            "medie- och kommunikationsvetenskap",
            "medie och kommunikationsvetenskap",
            "medie och kommunikationsvetenskap",
        ),
        ("X (Twitter)", "Vi finns på X (Twitter) och Threads.", "X (Twitter"),  # spans end at a word
        ("A/B-testning", "Du driver A/B-testning av annonser.", "A/B-testning"),
        ("KPI", "Du följer upp KPI:er varje vecka.", "KPI"),
    ],
)
def test_phrase_found_as_the_text_writes_it(phrase: str, text: str, span: str) -> None:
    index = PhraseIndex([PhraseSpec(phrase, "c", phrase, None, lemmatize=False)])
    assert _spans(index, text) == {span: "c"}


def test_no_match_across_punctuation() -> None:
    index = PhraseIndex([PhraseSpec("social media plan", "c", "social media plan", None, lemmatize=False)])
    assert _spans(index, "how the company uses social media, plan and publish content", "en") == {}
    assert _spans(index, "a social media plan", "en") == {"social media plan": "c"}


def test_lemma_hits_map_back_to_the_inflected_text() -> None:
    index = PhraseIndex([PhraseSpec("sociala medier", "sm", "social media", None)])
    # Words before the hit change length when lemmatised ("skrevs", "texterna"): offsets must still land.
    text = "Texterna skrevs av kunderna i de sociala medierna och kanalerna."
    hits = index.scan(MatchLine(text), "sv")
    assert [(text[s:e], via_lemma(code)) for s, e, code in hits] == [("sociala medierna", True)]


def test_cased_names_need_their_case() -> None:
    index = PhraseIndex(
        [PhraseSpec("X", "x", "X", None, cased=True), PhraseSpec("Later", "later", "Later", None, cased=True)]
    )
    assert _spans(index, "Följ oss på X och Later, inte x eller later.") == {"X": "x", "Later": "later"}
    assert _spans(index, "AB X-konto") == {"X": "x"}
    assert _spans(index, "Hard X-ray Group, X-axeln och X-Men") == {}
    # the end of a hyphenated compound is no name (a blind test's finding 6: the energy term "Power-to-X")
    assert _spans(index, "vind, sol samt Power-to-X (vätgas) och Tic-Tac-Later") == {}
    assert _spans(index, "Power-to-X och X") == {"X": "x"}


def test_cues_share_the_scan_but_are_not_phrases() -> None:
    index = PhraseIndex(
        [PhraseSpec("SEO", "seo", "SEO", None)], cues=[("du har", "required"), ("krav", "required")]
    )
    cues: list[tuple[int, int, int]] = []
    hits = index.scan(MatchLine("Krav: du har SEO"), "sv", cues)
    assert [index.sense(code).concept_id for _, _, code in hits] == ["seo"]
    assert sorted((s, index.sense(code).concept_id) for s, _, code in cues) == [
        (0, "required"),
        (6, "required"),
    ]
    assert index.lookup("krav") is None and "krav" not in index.vocab  # no compound part or fuzzy match
    assert index.phrase_keys() == ["seo"]
