from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.extract.text import MatchLine, address_spans, normalize_word


@pytest.mark.parametrize(
    ("word", "norm"),
    [("API:s", "api"), ("KPI:er", "kpi"), ("Marknadsföring", "marknadsföring"), ("SEO", "seo")],
)
def test_normalize_word(word: str, norm: str) -> None:
    assert normalize_word(word) == norm


_LINE_ALPHABET = list("abcåäöABÅÄÖÉÜÞÐØÆ×µÿ: -_.,\n1éİł–•’😀ßXx\t")


@given(st.text(alphabet=st.sampled_from(_LINE_ALPHABET), max_size=200))
def test_match_line_is_the_text_one_for_one(text: str) -> None:
    """The fast Latin-1 path gives exactly the regex reference: lowercase, each non-word char a space."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    line = MatchLine(text)
    assert line.line == " " + re.sub(r"[\W_]", " ", low) + " "
    assert len(line.line) == len(text) + 2
    assert " ".join(line.pieces) == line.line
    assert line.piece_set == set(line.pieces)
    assert line.cased == " " + re.sub(r"[\W_]", " ", text) + " "


def test_every_latin1_character_matches_as_str_lower_would() -> None:
    for code in range(256):
        char = chr(code)
        expected = " " + re.sub(r"[\W_]", " ", char.lower()) + " "
        assert MatchLine(char).line == expected, repr(char)


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        ("Behind the code: instagram.com/truecaller/ Applying", ["instagram.com/truecaller/"]),
        (
            "Läs mer på https://www.linkedin.com/company/x och mejla jobb@exempel.se.",
            ["https://www.linkedin.com/company/x", "jobb@exempel.se"],
        ),
        ("Vi använder ASP.NET, Node.js och socket.io.", []),  # tools, not addresses
        ("Du har 50/50 distans, sälj/marknad och B2B/B2C.", []),
        ("You hold an M.Sc/PhD in Computer Science.", []),  # a degree, no domain
    ],
)
def test_addresses_are_found_and_read_as_no_words(text: str, addresses: list[str]) -> None:
    """A platform or a person's name inside a web or e-mail address is no evidence (real ads: "linkedin" in
    a company page's URL, a recruiter's name in an e-mail address extracted as skill phrases)."""
    spans = address_spans(text)
    assert [text[s:e] for s, e in spans] == addresses
    line = MatchLine(text).line
    assert all(line[s + 1 : e + 1].strip() == "" for s, e in spans)
    assert len(line) == len(text) + 2


@given(st.text(alphabet=st.sampled_from(_LINE_ALPHABET), max_size=60))
def test_latin1_says_whether_every_word_character_is_latin1(text: str) -> None:
    assert MatchLine(text).latin1 == (re.search(r"[^\W\x00-\xff]", text) is None)


def test_a_latin1_text_lowercased_matches_as_case_ignored() -> None:
    """What ``MatchLine.latin1`` promises (``pipeline._friend_spans`` relies on it): every character a
    ``latin1`` text may hold (Latin-1, or no word character) lowercases to one character, is a word character
    or a space exactly when its lowercase is, and matches a lowercase Latin-1 letter with case ignored exactly
    when it lowercases to it. Every code point is checked."""
    letters = "".join(c for c in map(chr, range(256)) if c.isalpha() and c.lower() == c)
    any_letter = re.compile(f"[{re.escape(letters)}]", re.IGNORECASE)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        if code > 0xFF and word.match(char):
            continue  # such a text is no ``latin1`` text
        low = char.lower()
        assert len(low) == 1, repr(char)
        assert bool(word.match(char)) == bool(word.match(low)), repr(char)
        assert bool(space.match(char)) == bool(space.match(low)), repr(char)
        assert bool(any_letter.fullmatch(char)) == (low in letters), repr(char)


@given(st.text(alphabet=st.sampled_from("aÅäöİſKx -.\n"), max_size=30))
def test_the_match_line_s_lowercased_text_is_the_text_s(text: str) -> None:
    """``MatchLine.lower`` (read by the false friends' search and the ad's layout) is ``text.lower()``,
    made once."""
    line = MatchLine(text)
    assert line.lower == text.lower()
    assert line.lower is line.lower
