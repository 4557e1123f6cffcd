"""Tools whose area shows only in context.

A programming language is evidence of data and analytics work in "analysera data med Python" or beside
"pandas", not in a DevOps ad's "scriptprogrammering i Linuxmiljöer så som Python, Ruby, Perl": on the tune
half of the real ads, "Python" alone made 60 of the 300 ads that asked for data and insight (DevOps,
embedded, robotics, test automation). A curated concept marked ``needs_context`` in
``taxonomy/data/areas.json`` counts for its area in an ad only when its sentence holds one of the area's
``area_context`` words (``lang/<code>/sections.json``, every language's: ads mix languages), or when the
ad shows the area by other evidence in a sentence about the job. Otherwise its mentions are marked
``generic``: kept in extraction, evidence of no area (``Profile.counts``), in the profile and the review
alike. A CV is not read this way: a candidate's Python is a skill wherever it is named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from ..lang import LANGUAGES, lang_data
from ..layout import Layout, any_of
from ..models import Mention, Profile
from ..taxonomy.areas import load_curated
from ..taxonomy.model import jobtech_uri

__all__ = ["context_concepts", "mark_out_of_context"]


@lru_cache(maxsize=1)
def context_concepts() -> frozenset[str]:
    """The URIs (curated id, linked ESCO and JobTech concepts) of the concepts marked ``needs_context``."""
    return frozenset(
        uri
        for c in load_curated()
        if c.needs_context
        for uri in (c.id, *c.esco, *(jobtech_uri(j) for j in c.jobtech))
    )


@lru_cache(maxsize=1)
def _context_words() -> Mapping[str, re.Pattern[str] | None]:
    """Area -> one whole-word, case-blind pattern of every language's ``area_context`` words for it."""
    words: dict[str, list[str]] = {}
    for code in LANGUAGES:
        for area, patterns in lang_data(code, "sections").get("area_context", {}).items():
            words.setdefault(area, []).extend(patterns)
    return MappingProxyType({area: any_of(patterns) for area, patterns in words.items()})


def _sentence(layout: Layout, m: Mention) -> tuple[int, int]:
    """The bounds of the sentence holding ``m``; its line where the layout places it in none (the title)."""
    unit = layout.unit_at(m.start)
    if unit is not None:
        return unit.start, unit.end
    text = layout.text
    end = text.find("\n", m.end)
    return text.rfind("\n", 0, m.start) + 1, len(text) if end < 0 else end


def _about_the_job(layout: Layout, m: Mention) -> bool:
    unit = layout.unit_at(m.start)
    return unit is None or unit.about_the_job


def mark_out_of_context(mentions: list[Mention], layout: Layout) -> None:
    """Mark ``generic`` each counting mention of a ``needs_context`` concept whose area the ad shows
    neither in the mention's sentence (an ``area_context`` word) nor by another mention of the area in a
    sentence about the job."""
    needs = context_concepts()
    waiting = [m for m in mentions if m.concept.id in needs and Profile.counts(m)]
    if not waiting:
        return
    shown = {
        m.area
        for m in mentions
        if m.concept.id not in needs and Profile.counts(m) and _about_the_job(layout, m)
    }
    words = _context_words()
    for m in waiting:
        if m.area in shown:
            continue
        pattern = words.get(m.area) if m.area is not None else None
        start, end = _sentence(layout, m)
        if pattern is None or not pattern.search(layout.text, start, end):
            m.generic = True
