"""Tokens, the match line, and the normalisation every matcher shares.

Phrases become keys through :func:`tokenize`; texts are scanned as a :class:`MatchLine`, built by C code
alone (``lower``, a Latin-1 ``translate``, ``split``), because extraction touches every character of every
ad and per-token Python work was the largest cost in profiles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .native import speedups as _speedups

# A word: letters/digits, optionally with a Swedish genitive/plural colon suffix ("API:s", "KPI:er").
_TOKEN_RE = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3}\b)?", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")
_SEPARATOR_RE = re.compile(r"[\W_]")
_NON_LATIN1_WORD_CHAR_RE = re.compile(r"[^\W\x00-\xff]")
# Latin-1 byte -> space for every non-word character: a C translate instead of a regex substitution.
_LATIN1_SEPARATORS = bytes(32 if _SEPARATOR_RE.match(chr(b)) else b for b in range(256))
# ...and lowercased too, where a Latin-1 letter's lowercase is one Latin-1 letter (all but none: "ß", "ÿ"
# and "µ" lowercase to themselves or stay in Latin-1; the test checks the table against str.lower).
_LATIN1_MATCH = bytes(
    32
    if _SEPARATOR_RE.match(chr(b))
    else ord(low)
    if len(low := chr(b).lower()) == 1 and ord(low) < 256
    else b
    for b in range(256)
)


class Tokens:
    """The words of a text: surface ``texts`` and normalised ``norms`` (phrase keys are built from these).

    Tokens are kept as parallel lists, not one object per token. Scanning texts uses :class:`MatchLine`.
    """

    __slots__ = ("norms", "texts")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.norms: list[str] = [_norm(t) for t in texts]

    def __len__(self) -> int:
        return len(self.texts)


def _norm(word: str) -> str:
    w = word.lower()
    return w[: w.index(":")] if ":" in w else w


def normalize_word(word: str) -> str:
    """Lowercase, NFC, and drop a colon suffix ("API:s" -> "api")."""
    return _norm(unicodedata.normalize("NFC", word))


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` (which ingest has already NFC-normalised)."""
    return Tokens(_TOKEN_RE.findall(text))


def normalize_phrase(text: str) -> str:
    """The whitespace-joined normalised tokens of a phrase."""
    return " ".join(tokenize(unicodedata.normalize("NFC", text)).norms)


def collapse_ws(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


# "http://", "https://" or "www." in any case, then the address: what (?:https?://|www\.)[^\s<>"')\]]+ finds with
# re.IGNORECASE (where "s" matches "ſ" too; no other letter of these matches a third character). Written with
# its first letter as a set, so sre skips to the offsets where one stands instead of trying every offset with
# case folded (4x faster; a test holds the two equal).
_WEB_RE = re.compile(r"[hHwW](?:(?<=[hH])[tT][tT][pP][sSſ]?://|(?<=[wW])[wW][wW]\.)[^\s<>\"')\]]+")
_MAIL_USER_RE = re.compile(r"[\w.+-]+$")
_MAIL_HOST_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+")
# a domain with a lower-case top level ("M.Sc/PhD" is none)
_DOMAIN_RE = re.compile(r"(?<![\w.@/-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$")
_PATH_RE = re.compile(r"[^\s<>\"')\]]*")


@lru_cache(maxsize=8)
def address_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the web and e-mail addresses in ``text`` ("instagram.com/truecaller/",
    "https://www.linkedin.com/company/x", "jobb@exempel.se"): a platform or skill word inside one is an
    address, no evidence. Found from their marks ("://", "www.", "@", a domain before "/") by C-level
    searches, so a text without any costs next to nothing. The last few texts' answers are kept: the phrase
    index and the span tagger ask for the same text's."""
    spans = [m.span() for m in _WEB_RE.finditer(text)] if "://" in text or "www." in text else []
    at = text.find("@")
    while at != -1:
        user = _MAIL_USER_RE.search(text, max(0, at - 64), at)
        host = _MAIL_HOST_RE.match(text, at + 1)
        if user is not None and host is not None:
            spans.append((user.start(), host.end()))
        at = text.find("@", at + 1)
    at = text.find("/")
    while at != -1:
        # a domain before "/" is a word with a dot in it: most "/" ("och/eller", "B2B/B2C") have none
        word_start = max(text.rfind(" ", max(0, at - 80), at), text.rfind("\n", max(0, at - 80), at)) + 1
        if at and text[at - 1] != " " and text.find(".", word_start, at) != -1:
            domain = _DOMAIN_RE.search(text, max(0, at - 80), at)
            if domain is not None:
                path = _PATH_RE.match(text, at)
                spans.append((domain.start(), path.end() if path is not None else at + 1))
        at = text.find("/", at + 1)
    return tuple(sorted(spans))


class MatchLine:
    """A text as the phrase index reads it: lowercased, every non-word character turned into one space.

    The line has the text's length plus one space at each end, so a word's text offset is its line index
    minus one, and a hit over whole words gets its span from the words' lengths: no token table is needed,
    and everything is built by C code (``lower``, a Latin-1 ``translate``, ``split``). Its pieces (split at
    single spaces) are the words, with "" for each further separator.
    """

    __slots__ = ("_cased", "_lower", "_piece_set", "_pieces", "_raw", "line", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._raw = raw = _latin1(text)  # read once: the cased line and ``latin1`` ask again
        line = _match_form(text, raw)
        for start, end in address_spans(text):  # no phrase inside a web or e-mail address
            line = line[:start] + " " * (end - start) + line[end:]
        self.line = " " + line + " "
        self._cased: str | None = None
        self._lower: str | None = None
        self._pieces: list[str] | None = None
        self._piece_set: set[str] | None = None

    @property
    def pieces(self) -> list[str]:
        """The line split at single spaces: the words, with "" for each extra separator (and the ends)."""
        if self._pieces is None:
            self._pieces = self.line.split(" ")
        return self._pieces

    @property
    def piece_set(self) -> set[str]:
        """The distinct pieces."""
        if self._piece_set is None:
            self._piece_set = set(self.pieces)
        return self._piece_set

    @property
    def cased(self) -> str:
        """The same line with case kept (for names that are words too: "X", "Later")."""
        if self._cased is None:
            raw = self._raw
            cased = (
                raw.translate(_LATIN1_SEPARATORS).decode("latin-1")
                if raw is not None
                else _SEPARATOR_RE.sub(" ", self.text)
            )  # what ``_separators_to_spaces`` gives, without its second ``_latin1``
            self._cased = " " + cased + " "
        return self._cased

    @property
    def lower(self) -> str:
        """``text.lower()``, made once: the false friends' search and the ad's layout both read it."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def latin1(self) -> bool:
        """Whether no word character of the text lies outside Latin-1 (``_latin1``). Then ``text.lower()``
        has the text's length, and a case-sensitive pattern of lowercase Latin-1 letters over it finds what
        the same pattern finds case-insensitively over the text (``pipeline._false_friends``; a test checks
        every code point)."""
        return self._raw is not None


def _match_form(text: str, raw: bytes | None) -> str:
    """``text`` lowercased, each non-word character (and "_") one space; the length stays the same.

    For Latin-1 text one byte ``translate`` does both (6x faster than ``str.lower`` alone). ``raw``: what
    ``_latin1(text)`` gives.
    """
    if raw is not None:
        return raw.translate(_LATIN1_MATCH).decode("latin-1")
    low = text.lower()
    if len(low) != len(text):  # a few characters lowercase to two ("İ"): keep those as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return _separators_to_spaces(low)


def _latin1_python(text: str) -> bytes | None:
    """The text as Latin-1 bytes when no word character lies outside Latin-1 (others become "?"). The C code's
    ``latin1`` (``_latin1``) gives the same without the regular expression's search of the ~2/3 of ads that
    hold a dash, bullet or emoji outside Latin-1."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        if _NON_LATIN1_WORD_CHAR_RE.search(text):
            return None
        return text.encode("latin-1", "replace")  # only separators ("–", "•", emoji) were outside


_latin1: Callable[[str], bytes | None] = _speedups.latin1 if _speedups is not None else _latin1_python


def _separators_to_spaces(text: str) -> str:
    """``text`` with each non-word character (and "_") replaced by one space.

    Ads are nearly all Latin-1 letters: encoding to Latin-1 (anything else becomes "?", a separator) and a
    byte translate is ~20x faster than ``re.sub``. Exact only if no word character lies outside Latin-1,
    so texts with one ("ł", "ş", Cyrillic) take the regex.
    """
    raw = _latin1(text)
    if raw is None:
        return _SEPARATOR_RE.sub(" ", text)
    return raw.translate(_LATIN1_SEPARATORS).decode("latin-1")
