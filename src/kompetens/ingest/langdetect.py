"""Language identification with lingua, limited to the languages near ours.

The detector knows a few neighbours of Swedish and English (Danish, Norwegian, German, Finnish...)
so that a Danish ad is reported as unsupported instead of being forced into "sv". It is built once,
lazily, in low-accuracy (trigram) mode: lingua uses only trigrams for texts of 120+ characters
anyway, and the full models take seconds to load.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

SUPPORTED_LANGS: tuple[str, ...] = ("sv", "en")
"""Languages kompetens serves; anything else is reported as "und"."""

CANDIDATE_LANGS: tuple[str, ...] = (
    "sv", "en", "da", "nb", "nn", "de", "fi", "nl", "fr", "es",
)  # fmt: skip
"""Languages the detector chooses between (ISO 639-1); detection time grows with their number."""

UNDETERMINED = "und"
SAMPLE_CHARS = 1000
"""Characters looked at: detection time grows with length; 1,000 were as right as 2,000 on sv/en."""
_MIN_CONFIDENCE = 0.5  # below this the top guess is a coin toss between neighbours
_MIN_LETTERS = 3


@functools.cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in CANDIDATE_LANGS
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def sample(text: str, *, limit: int = SAMPLE_CHARS) -> str:
    """The first ``limit`` characters, cut back to a word boundary."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > limit // 2 else head


def identify_language(text: str) -> str | None:
    """The most likely candidate language (ISO 639-1), or None when the text gives no clear answer."""
    text = sample(text)
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


def detect_language(text: str, *, supported: Collection[str] = SUPPORTED_LANGS) -> str:
    """``"sv"``, ``"en"`` (or another of ``supported``), else ``"und"``."""
    code = identify_language(text)
    return code if code is not None and code in supported else UNDETERMINED
