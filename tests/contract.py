"""Keys that shared/CONTRACT.md fixes, for the tests of every interface that emits them."""

from __future__ import annotations

REVIEW_KEYS = frozenset(
    {
        "source",
        "lang",
        "title",
        "requires_social_media",
        "title_mentions_social_media",
        "areas",
        "missing_areas",
        "flags",
    }
)
