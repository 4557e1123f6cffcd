from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.extract.native import speedups
from kompetens.extract.text import _WEB_RE, MatchLine, _latin1_python, address_spans, normalize_word


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


_NO_C = "no C code: built without a compiler, or KOMPETENS_PURE_PYTHON=1"


@pytest.mark.skipif(speedups is None, reason=_NO_C)
def test_the_c_latin1_test_is_the_python_one_for_every_code_point() -> None:
    """``latin1`` (C) gives what ``_latin1_python`` gives: the Latin-1 bytes, "?" for each code point outside
    Latin-1, or None where a word character lies outside it; every code point (surrogates too) between word
    characters, and a Latin-1 text."""
    assert speedups is not None
    for code in range(0x110000):
        text = "a" + chr(code) + "b"
        assert speedups.latin1(text) == _latin1_python(text), hex(code)
    assert speedups.latin1("Fiktiv AB söker") == "Fiktiv AB söker".encode("latin-1")


@pytest.mark.skipif(speedups is None, reason=_NO_C)
@given(st.text(alphabet=st.sampled_from(_LINE_ALPHABET), max_size=80))
def test_the_c_latin1_test_is_the_python_one_on_any_text(text: str) -> None:
    assert speedups is not None
    assert speedups.latin1(text) == _latin1_python(text)


_WEB_IGNORING_CASE = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)


def test_the_web_address_letters_match_what_case_ignored_matches() -> None:
    """The web pattern spells its letters' cases out: each is every code point that matches the letter with
    case ignored ("s" matches "ſ" too)."""
    for letter, spelled in (("h", "hH"), ("t", "tT"), ("p", "pP"), ("s", "sSſ"), ("w", "wW")):
        folded = re.compile(letter, re.IGNORECASE).fullmatch
        assert [chr(c) for c in range(0x110000) if folded(chr(c))] == sorted(spelled)


@given(st.lists(st.sampled_from([*"hHtTpPsSſwWK :/.-x<\n\u00a0)", "http", "www.", "://"]), max_size=40))
def test_the_web_pattern_finds_what_its_case_ignoring_form_finds(parts: list[str]) -> None:
    text = "".join(parts)
    assert [m.span() for m in _WEB_RE.finditer(text)] == [m.span() for m in _WEB_IGNORING_CASE.finditer(text)]
