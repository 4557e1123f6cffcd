"""Tokens with character offsets, and the normalisation every matcher shares.

Tokens are kept as parallel lists (not one object per token): extraction touches every token of every ad,
and per-token objects were the single largest cost in profiles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word: letters/digits, optionally with a Swedish genitive/plural colon suffix ("API:s", "KPI:er").
_TOKEN_RE = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3}\b)?", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


@dataclass(slots=True)
class Tokens:
    """The words of a text: surface ``texts``, character ``starts``/``ends`` and normalised ``norms``."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    norms: list[str]

    def __len__(self) -> int:
        return len(self.texts)


def _norm(word: str) -> str:
    w = word.lower()
    if ":" in w:
        w = w[: w.index(":")]
    return w


def normalize_word(word: str) -> str:
    """Lowercase, NFC, and drop a colon suffix ("API:s" -> "api")."""
    return _norm(unicodedata.normalize("NFC", word))


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` (which ingest has already NFC-normalised)."""
    matches = list(_TOKEN_RE.finditer(text))
    texts = [m.group() for m in matches]
    return Tokens(
        texts=texts,
        starts=[m.start() for m in matches],
        ends=[m.end() for m in matches],
        norms=[_norm(t) for t in texts],
    )


def normalize_phrase(text: str) -> str:
    """The whitespace-joined normalised tokens of a phrase."""
    return " ".join(tokenize(unicodedata.normalize("NFC", text)).norms)


def collapse_ws(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
