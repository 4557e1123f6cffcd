"""Tokens with character offsets, and the normalisation every matcher shares."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word: letters/digits, optionally with a Swedish genitive/plural colon suffix ("API:s", "KPI:er").
_TOKEN_RE = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3}\b)?", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


@dataclass(slots=True, frozen=True)
class Token:
    text: str
    start: int
    end: int
    norm: str  # lowercased, colon suffix removed


def normalize_word(word: str) -> str:
    """Lowercase, NFC, and drop a colon suffix ("API:s" -> "api")."""
    w = unicodedata.normalize("NFC", word).lower()
    colon = w.find(":")
    return w[:colon] if colon > 0 else w


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end(), normalize_word(m.group())) for m in _TOKEN_RE.finditer(text)]


def normalize_phrase(text: str) -> str:
    """The whitespace-joined normalised tokens of a phrase."""
    return " ".join(t.norm for t in tokenize(text))


def collapse_ws(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
