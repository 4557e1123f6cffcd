"""Tools whose area shows only in context.

A programming language is evidence of data and analytics work in "analysera data med Python" or beside
"pandas", not in a DevOps ad's "scriptprogrammering i Linuxmiljöer så som Python, Ruby, Perl": on the tune
half of the real ads, "Python" alone made 60 of the 300 ads that asked for data and insight (DevOps,
embedded, robotics, test automation). A curated concept marked ``needs_context`` in
``taxonomy/data/areas.json`` counts for its area in an ad only when its sentence holds one of the area's
``area_context`` words (``lang/<code>/sections.json``, every language's: ads mix languages), or when the
ad shows the area by other evidence in a sentence about the job. Otherwise its mentions are marked
``generic``: kept in extraction, evidence of no area (``Profile.counts``), in the profile and the review
alike. A CV is read the same way (``mark_out_of_context_in_cv``): a backend developer's "internal tools in
Python" is a skill, not data and analytics work, and met an ad's data must-have ("analys av data från
sociala medier") on its own; "Python for reporting and analysis", or Python beside SQL or Tableau, is.

A CV's sentence about the writer's own, private use of a platform ("I love Instagram and TikTok and have
12,000 followers on my personal account", "mitt privata konto": ``private_use`` in ``lang/<code>/cv.json``)
shows a consumer of the platform, which the areas exist to tell apart from someone who worked in it: the
platform mentions of that sentence (area ``platform_technology``) are marked ``generic`` too
(``mark_private_use``) and count towards no area; its work words (video editing, content creation) still do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from types import MappingProxyType

from ..lang import LANGUAGES, lang_data
from ..layout import Layout, any_of
from ..models import Mention, Profile
from ..taxonomy.areas import load_curated
from ..taxonomy.model import jobtech_uri
from .cues import sentence_spans

__all__ = ["context_concepts", "mark_out_of_context", "mark_out_of_context_in_cv", "mark_private_use"]


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
    _mark(mentions, layout.text, partial(_sentence, layout), partial(_about_the_job, layout))


def mark_out_of_context_in_cv(mentions: list[Mention], text: str) -> None:
    """The same in a CV: a ``needs_context`` concept counts for its area when its sentence (a line, split at
    sentence ends) holds an ``area_context`` word, or another mention anywhere in the CV shows the area."""
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]

    def bounds(m: Mention) -> tuple[int, int]:
        k = bisect_right(starts, m.start) - 1
        return spans[k] if k >= 0 and m.start < spans[k][1] else (m.start, m.end)

    _mark(mentions, text, bounds, _anywhere)
    mark_private_use(mentions, text)


PRIVATE_AREA = "platform_technology"
"""The area whose mentions a sentence about private use marks ``generic`` (``mark_private_use``)."""


@lru_cache(maxsize=1)
def _private_use() -> re.Pattern[str] | None:
    """One whole-word, case-blind pattern of every language's ``private_use`` (``cv.json``)."""
    return any_of([p for code in LANGUAGES for p in lang_data(code, "cv").get("private_use", [])])


def mark_private_use(mentions: list[Mention], text: str) -> None:
    """Mark ``generic`` a CV's counting mentions of ``PRIVATE_AREA`` in a sentence (a line, split at
    sentence ends) about the writer's private use of a platform ("12,000 followers on my personal account",
    "jag älskar Instagram"): a consumer's use, no platform competence. A private account is at most weak
    evidence; it is counted as none, and the sentence's mentions of other areas still count."""
    pattern = _private_use()
    waiting = [m for m in mentions if m.area == PRIVATE_AREA and Profile.counts(m)]
    if pattern is None or not waiting:
        return
    spans = [(s, e) for s, e in sentence_spans(text) if pattern.search(text, s, e)]
    if not spans:
        return
    starts = [s for s, _ in spans]
    for m in waiting:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < spans[k][1]:
            m.generic = True


def _anywhere(m: Mention) -> bool:
    return True


def _mark(
    mentions: list[Mention],
    text: str,
    bounds: Callable[[Mention], tuple[int, int]],
    shows: Callable[[Mention], bool],
) -> None:
    """Mark ``generic`` the counting mentions of ``needs_context`` concepts whose area no other counting
    mention for which ``shows`` holds shows, and whose sentence (``bounds``) holds no ``area_context`` word."""
    needs = context_concepts()
    waiting = [m for m in mentions if m.concept.id in needs and Profile.counts(m)]
    if not waiting:
        return
    shown = {m.area for m in mentions if m.concept.id not in needs and Profile.counts(m) and shows(m)}
    words = _context_words()
    for m in waiting:
        if m.area in shown:
            continue
        pattern = words.get(m.area) if m.area is not None else None
        start, end = bounds(m)
        if pattern is None or not pattern.search(text, start, end):
            m.generic = True
