"""Take an erased person's name out of free text the store keeps (a ranking's confirmation reason).

A recruiter who reorders a ranking gives a reason, and a natural one names the person ("Zorbalina
Quixtrömmer har mer erfarenhet"). Erasing that person must not leave the name behind in the decision record
(a bug hunt found it in the database file and in ``rankings show``). The words to remove come from the
caller (the Engine finds the name with the anonymiser); this module only replaces them, whole words, in
any case and with or without diacritics ("Quixtrommer").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

ERASED = "[erased]"
"""What stands where an erased person's name stood."""
MIN_WORD = 2
"""Shorter words of a name (an initial) are not replaced: "A" would take every "a" of a reason."""


def plain(word: str) -> str:
    """``word`` without diacritics ("Quixtrömmer" -> "Quixtrommer")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def name_pattern(words: Collection[str]) -> re.Pattern[str] | None:
    """A pattern of the name's words and their forms without diacritics, whole words, any case; None when
    no word is long enough to replace safely."""
    forms = {f for w in words if len(w) >= MIN_WORD for f in (w, plain(w))}
    if not forms:
        return None
    alts = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def redact(text: str, words: Collection[str]) -> str:
    """``text`` with each of ``words`` (a name's words) replaced by ``ERASED``; unchanged without them."""
    pattern = name_pattern(words)
    if pattern is None:
        return text
    return pattern.sub(ERASED, text)
