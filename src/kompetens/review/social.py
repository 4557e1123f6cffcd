"""Does the job need social-media competence? Evidence from the ad's own cues and from extracted mentions.

Only sentences that describe the job count (duties, requirements, unheaded job text); follow-us lines,
share-this-job lines and about-the-company paragraphs never do, whatever platform they name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..models import Mention
from .lexicon import SectionCues
from .sections import Layout


@dataclass(slots=True, frozen=True)
class Evidence:
    """A span that speaks for (or, when ``counted`` is false, was set aside from) social-media work."""

    text: str
    start: int
    end: int
    area: str | None
    section: str
    counted: bool
    reason: str  # "job" | "merit" | "boilerplate" | the section kind that was set aside
    via: str  # "cue" (the ad-review cues) | "mention" (the extraction pipeline)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "area": self.area,
            "section": self.section,
            "counted": self.counted,
            "reason": self.reason,
            "via": self.via,
        }


def _judge(layout: Layout, start: int) -> tuple[str, bool, str]:
    """(section, counted, reason) for a span starting at ``start``."""
    unit = layout.unit_at(start)
    if unit is None:
        return (
            "title" if layout.title_span and layout.title_span[0] <= start < layout.title_span[1] else "none",
            False,
            "heading",
        )
    if unit.boilerplate:
        return unit.section, False, "boilerplate"
    if unit.counts_as_job:
        return unit.section, True, "job"
    return unit.section, False, "merit" if unit.section == "merits" else unit.section


def cue_evidence(text: str, layout: Layout, cues: SectionCues) -> Iterator[Evidence]:
    """Social-media cues of the ad's language (platform names, 'sociala medier', moderation...)."""
    for cue in cues.social_media:
        for m in cue.pattern.finditer(text):
            section, counted, reason = _judge(layout, m.start())
            if section == "title":
                continue
            yield Evidence(m.group(), m.start(), m.end(), cue.area, section, counted, reason, "cue")


def is_social_mention(m: Mention, cues: SectionCues) -> bool:
    """A mention of social-media competence: a community concept, a social platform or tool.

    Other platform_technology concepts (design tools, a CMS, UX) are digital skills a graphic designer or
    web editor needs too, so they alone do not make an ad a social-media ad.
    """
    if m.area in cues.social_media_areas or m.concept.id in cues.social_media_concepts:
        return True
    return m.area is not None and (
        cues.names_social_media(m.text) or cues.names_social_media(m.concept.label)
    )


def mention_evidence(
    mentions: Iterable[Mention], layout: Layout, cues: SectionCues, *, min_confidence: float
) -> Iterator[Evidence]:
    """Extracted mentions of social-media competence, judged by where they stand."""
    for m in mentions:
        if m.confidence < min_confidence or not is_social_mention(m, cues):
            continue
        section, counted, reason = _judge(layout, m.start)
        if section == "title":
            continue
        yield Evidence(m.text, m.start, m.end, m.area, section, counted, reason, "mention")


def title_mentions_social_media(title: str | None, cues: SectionCues) -> bool:
    """True when the title itself names social-media work ("Social media manager", "Communityansvarig")."""
    if not title:
        return False
    if cues.names_social_media(title):
        return True
    return bool(cues.title_social_media and cues.title_social_media.search(title))
