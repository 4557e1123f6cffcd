"""A note for an ad that asks for most of the eight areas from a junior, assistant or part-time role.

The seed article's case: companies hand their social media to the youngest hire, yet the job needs
marketing, service, the platforms, APIs and SEO, psychology, community, data and strategy at once. The
``unicorn`` warning needs expert wording in all eight areas, which such ads never write; this note reads
the role's level instead (``lang/<code>/breadth.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..lang import LANGUAGES, lang_data
from ..layout import Layout, any_of
from ..schema import DOCUMENTED

MIN_AREAS = 6
"""Areas asked for (at ``MIN_SCORE`` or more) that make a junior role's ad too broad."""
MIN_SCORE = 0.5
"""An area's score from which it counts as asked for: the review's table shows half a bar or more."""


@dataclass(slots=True)
class BreadthNote:
    """Most of the eight areas asked for from a role the ad itself calls junior, assistant or part-time."""

    __pydantic_config__ = DOCUMENTED

    areas: list[str]
    """The areas asked for at 0.5 or more, in the contract's order."""
    level: list[str]
    """The ad's words that describe the role as junior, an assistant's or part-time, as written."""
    note: str
    """What the review says, in the ad's language."""


@lru_cache(maxsize=8)
def _level(lang: str) -> re.Pattern[str] | None:
    """Every language's level words (ads mix languages: "Junior" in a Swedish ad)."""
    return any_of([p for code in LANGUAGES for p in lang_data(code, "breadth").get("level", [])])


def breadth_note(areas: Mapping[str, float], layout: Layout, text: str, lang: str) -> BreadthNote | None:
    """The note when at least ``MIN_AREAS`` areas score ``MIN_SCORE`` or more and the title or a sentence
    about the job (not boilerplate, not the employer's own text) calls the role junior; else None."""
    asked = [a for a, v in areas.items() if v >= MIN_SCORE]
    pattern = _level(lang)
    if len(asked) < MIN_AREAS or pattern is None:
        return None
    found: list[str] = []
    title = layout.title or ""
    found += [m.group() for m in pattern.finditer(title)]
    for m in pattern.finditer(text):
        unit = layout.unit_at(m.start())
        if unit is not None and unit.about_the_job and m.group() not in found:
            found.append(m.group())
    if not found:
        return None
    words = lang_data(lang, "breadth") or lang_data("en", "breadth")
    level = ", ".join(f"'{w}'" for w in dict.fromkeys(found))
    return BreadthNote(asked, list(dict.fromkeys(found)), words["note"].format(n=len(asked), level=level))
