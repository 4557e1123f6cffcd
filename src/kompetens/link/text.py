"""Text preparation for linking: cleaning, word tokens, stems, character n-grams, candidate spans."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

import Stemmer

MAX_CHARS = 2000
"""Texts are cut here (at a word boundary): a skill phrase or sentence is far shorter, and a 100 kB
"sentence" must not make the scoring cost explode."""

# Snowball stemmer names per language code; languages missing here are matched unstemmed.
STEMMER_NAMES = {"en": "english", "sv": "swedish", "da": "danish", "no": "norwegian", "de": "german"}

# \w+ plus the suffixes that make programming-language names (c++, c#, f#) distinct from "c" or "f".
_TOKEN = re.compile(r"\w+[+#]*")
_SENTENCE_BREAK = re.compile(r"[,;:()\[\]{}|/•·!?\"]+|\s[-–—]\s|\.(?=\s|$)")


def clean(text: str, *, max_chars: int = MAX_CHARS) -> str:
    """NFKC, control and format characters to spaces, whitespace collapsed, cut to ``max_chars``.

    Case is kept: the e5 tokenizer is case-sensitive; :func:`words` lowercases for the lexical side.
    """
    folded = unicodedata.normalize("NFKC", text[: max_chars * 2])
    # Control (Cc) and format (Cf, e.g. U+200B) characters would glue or split words unpredictably.
    visible = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in folded)
    out = " ".join(visible.split())
    if len(out) > max_chars:
        cut = out.rfind(" ", 0, max_chars)
        out = out[: cut if cut > 0 else max_chars]
    return out


def words(text: str) -> list[str]:
    """Lowercased word tokens of a cleaned text."""
    return _TOKEN.findall(text.lower())


@cache
def _stemmer(lang: str) -> Callable[[list[str]], list[str]] | None:
    name = STEMMER_NAMES.get(lang)
    if name is None:
        return None
    stemmer = Stemmer.Stemmer(name)
    stem_words: Callable[[list[str]], list[str]] = stemmer.stemWords
    return stem_words


def stems(tokens: Sequence[str], lang: str) -> list[str]:
    """Snowball stems of ``tokens`` in ``lang`` (the tokens themselves where no stemmer exists)."""
    stem_words = _stemmer(lang)
    return list(tokens) if stem_words is None else stem_words(list(tokens))


def char_ngrams(tokens: Sequence[str], *, sizes: tuple[int, ...] = (3, 4, 5)) -> list[str]:
    """Character n-grams inside word boundaries (``" word "`` padded), the char_wb scheme."""
    grams: list[str] = []
    for token in tokens:
        padded = f" {token} "
        if len(padded) <= min(sizes):
            grams.append(padded)
            continue
        for size in sizes:
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def chunks(text: str) -> list[str]:
    """Split a cleaned text at punctuation into phrase-sized pieces (list items, clauses)."""
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part and part.strip()]


def spans(tokens: Sequence[str], *, max_len: int = 4) -> list[tuple[int, int]]:
    """All ``(start, end)`` token windows of 1..``max_len`` tokens."""
    n = len(tokens)
    return [(i, j) for i in range(n) for j in range(i + 1, min(n, i + max_len) + 1)]
