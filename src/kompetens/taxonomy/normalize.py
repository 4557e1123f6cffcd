"""The one label normalisation used for exact look-ups: every module that compares labels imports it."""

from __future__ import annotations

import unicodedata


def normalize_label(text: str) -> str:
    """Lowercase, NFKC, drop invisible format characters (zero-width space...), collapse whitespace."""
    folded = unicodedata.normalize("NFKC", text).lower()
    # ESCO texts carry stray U+200B; str.split() does not treat it as a space, so drop category Cf.
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())
