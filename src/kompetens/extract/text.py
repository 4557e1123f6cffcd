"""Tokens with character offsets, and the normalisation every matcher shares.

Tokens are kept as parallel lists (not one object per token): extraction touches every token of every ad,
and per-token objects were the single largest cost in profiles.
"""

from __future__ import annotations

import re
import unicodedata

# A word: letters/digits, optionally with a Swedish genitive/plural colon suffix ("API:s", "KPI:er").
_TOKEN_RE = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3}\b)?", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


class Tokens:
    """The words of a text: surface ``texts``, normalised ``norms``, character ``start(i)``/``end(i)``.

    ``findall`` is 2.5x faster than building match objects, and offsets are needed only for the few
    tokens that hit something, so they are found on demand: tokens come in text order and only non-word
    characters lie between two tokens, so ``text.find(token, end_of_previous)`` is exactly its offset.
    """

    __slots__ = ("_starts", "_text", "norms", "texts")

    def __init__(self, text: str, texts: list[str]) -> None:
        self._text = text
        self.texts = texts
        self.norms: list[str] = [_norm(t) for t in texts]
        self._starts: list[int] = []

    def __len__(self) -> int:
        return len(self.texts)

    def start(self, i: int) -> int:
        starts = self._starts
        if i >= len(starts):
            find, texts = self._text.find, self.texts
            pos = starts[-1] + len(texts[len(starts) - 1]) if starts else 0
            for j in range(len(starts), i + 1):
                pos = find(texts[j], pos)
                starts.append(pos)
                pos += len(texts[j])
        return starts[i]

    def end(self, i: int) -> int:
        return self.start(i) + len(self.texts[i])


def _norm(word: str) -> str:
    w = word.lower()
    return w[: w.index(":")] if ":" in w else w


def normalize_word(word: str) -> str:
    """Lowercase, NFC, and drop a colon suffix ("API:s" -> "api")."""
    return _norm(unicodedata.normalize("NFC", word))


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` (which ingest has already NFC-normalised)."""
    return Tokens(text, _TOKEN_RE.findall(text))


def normalize_phrase(text: str) -> str:
    """The whitespace-joined normalised tokens of a phrase."""
    return " ".join(tokenize(unicodedata.normalize("NFC", text)).norms)


def collapse_ws(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
