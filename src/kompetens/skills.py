"""Skill lists: the ESCO/JobTech-linked skills of one CV or ad, one entry per concept, best evidence first.

A recruiter reads a profile as a list of skills, not as area levels: ``skill_list`` folds a document's
mentions into one ``Skill`` per linked concept (an ESCO or JobTech URI), with every evidence span that
shows it, strongest first. Unlinked span-tagger phrases (``kompetens:span:...``) and an ad's boilerplate
(about us, benefits) are left out. Labels come from the taxonomy when it is built: the preferred label in
the text's language and the English one; without it, the label the extractor gave.

``match_skills`` sets a role's skills against a candidate's: which the CV shows (with its evidence) and
which it does not. It is an explanation only: no score reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import DOCUMENTED, R4

if TYPE_CHECKING:
    from .models import Mention

LINKED_PREFIXES = ("http://", "https://")
"""Concept ids that name a taxonomy concept (ESCO or JobTech URIs); curated and span ids do not."""
EVIDENCE_KEEP = 5
"""Evidence spans kept per skill (the strongest)."""
Labeler = Callable[[str, str], "tuple[str | None, str | None]"]
"""(concept URI, language) -> (preferred label in that language, English preferred label); None if unknown."""


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """One place the skill is shown: ``text[start:end]`` of the document's plain text."""

    __pydantic_config__ = DOCUMENTED

    text: str
    start: int
    end: int
    method: str
    """How it was found: phrase, lemma, compound, fuzzy, link or span."""
    confidence: R4

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "method": self.method,
            "confidence": round(self.confidence, 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SkillEvidence:
        return cls(d["text"], int(d["start"]), int(d["end"]), d["method"], float(d["confidence"]))


@dataclass(slots=True)
class Skill:
    """One linked skill of a CV or ad: its concept, labels and the evidence that shows it."""

    __pydantic_config__ = DOCUMENTED

    concept: str
    """ESCO or JobTech URI."""
    label: str
    """Preferred label in the text's language (the English one, or the extractor's, where the taxonomy has
    none)."""
    label_en: str | None
    """English preferred label; null when the taxonomy has none."""
    area: str | None
    """The area the concept evidences; null for a concept outside the eight, and in an ad for a skill shown
    only in words every kind of job asks for ("engagemang", "KPI:er", "Excel": they count for no area)."""
    method: str
    """How the best evidence was found: phrase, lemma, compound, fuzzy, link or span."""
    confidence: R4
    """The best evidence's confidence, 0..1."""
    required: bool | None
    """In ads: must-have (true) when any evidence stands in a requirement, merit (false) when all stand in
    merits; null elsewhere."""
    evidence: list[SkillEvidence] = field(default_factory=list)
    """Where the text shows it, strongest first (at most five); offsets index the document's plain text
    (a ranked CV's anonymised text)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "label": self.label,
            "label_en": self.label_en,
            "area": self.area,
            "method": self.method,
            "confidence": round(self.confidence, 4),
            "required": self.required,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Skill:
        return cls(
            d["concept"],
            d["label"],
            d.get("label_en"),
            d.get("area"),
            d.get("method", "phrase"),
            float(d.get("confidence", 0.0)),
            d.get("required"),
            [SkillEvidence.from_dict(e) for e in d.get("evidence", [])],
        )


def is_linked(concept_id: str) -> bool:
    return concept_id.startswith(LINKED_PREFIXES)


def skill_list(
    mentions: Iterable[Mention], lang: str = "en", *, labels: Labeler | None = None
) -> list[Skill]:
    """One ``Skill`` per linked concept of ``mentions``, the best-shown first (confidence, then how many
    places show it, then text order). Boilerplate mentions and unlinked phrases are left out."""
    by_concept: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.boilerplate or not is_linked(m.concept.id):
            continue
        by_concept.setdefault(m.concept.id, []).append(m)
    skills: list[tuple[tuple[float, int, int], Skill]] = []
    for concept, found in by_concept.items():
        found.sort(key=lambda m: (-m.confidence, m.start, m.end))
        evidence: list[SkillEvidence] = []
        seen: set[tuple[int, int]] = set()
        for m in found:
            if (m.start, m.end) in seen:
                continue
            seen.add((m.start, m.end))
            evidence.append(SkillEvidence(m.text, m.start, m.end, m.method, m.confidence))
        best = found[0]
        # a must-have in words every kind of job asks for ("BI and data community", "stort engagemang":
        # ``generic``) is no must-have skill, as it makes no must-have area (match/role.py)
        flags = [m.required for m in found if m.required is not None and not m.generic]
        required = (True in flags) if flags else None
        own, english = labels(concept, lang) if labels is not None else (None, None)
        label = own or english or best.concept.label
        # a skill an ad shows only in words every kind of job asks for ("engagemang", "KPI:er": ``generic``)
        # is evidence of no area, as its area's score says
        area = next((m.area for m in found if m.area is not None and not m.generic), None)
        skill = Skill(
            concept, label, english, area, best.method, best.confidence, required, evidence[:EVIDENCE_KEEP]
        )
        first = min(m.start for m in found)
        skills.append(((-best.confidence, -len(evidence), first), skill))
    skills.sort(key=lambda pair: pair[0])
    return [s for _, s in skills]


# -- a role's skills against a candidate's ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleSkill:
    """A skill the role asks for: from the ad it was derived from, or the role file's ``skills`` and
    concept must-haves."""

    __pydantic_config__ = DOCUMENTED

    concept: str
    """ESCO or JobTech URI, or (from a role file) a preferred label."""
    label: str
    required: bool | None = None
    """Must-have (true), merit (false), or not said (null)."""


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """One of the role's skills and what the CV shows of it."""

    __pydantic_config__ = DOCUMENTED

    concept: str
    label: str
    """The role's label for it."""
    required: bool | None
    """Must-have (true), merit (false), or not said (null)."""
    evidence: list[str] = field(default_factory=list)
    """The CV's words that show it (anonymised text), strongest first; empty for a missing skill."""


def match_skills(
    wanted: Sequence[RoleSkill],
    have: Sequence[Skill],
    links: Mapping[str, frozenset[str]] | None = None,
    narrow: frozenset[str] = frozenset(),
) -> tuple[list[SkillMatch], list[SkillMatch]]:
    """(matched, missing): the role's skills the candidate's skills show, by concept URI or (for a role
    file's label) by either label, case-insensitively; must-haves first, then the role's order.

    With ``links`` (``taxonomy.areas.curated_links``: a curated concept -> the ESCO and JobTech concepts it
    links to), a curated concept is shown by the concepts it links to, and they by it: the ad's "Kundsupport" (JobTech, linked to ESCO customer service) is shown by a CV's
    "kundtjänst" (ESCO customer service). Two concepts that only link to a third do not show each other.
    A concept of ``narrow`` (``taxonomy.areas.curated_narrow``: its links are broader skills) shows its links
    but is not shown by them: a CV's "digital marknadsföring" is no ad's "Google Ads"."""
    links = links or {}
    index: dict[str, Skill] = {}
    linked: dict[str, Skill] = {}  # a curated link of a candidate's concept -> that skill
    for s in have:
        for key in (s.concept, s.label.casefold(), (s.label_en or "").casefold()):
            if key:
                index.setdefault(key, s)
        for uri in links.get(s.concept, ()):
            linked.setdefault(uri, s)
    matched: list[SkillMatch] = []
    missing: list[SkillMatch] = []
    for w in sorted(wanted, key=lambda w: w.required is not True):
        found = (
            index.get(w.concept)
            or index.get(w.concept.casefold())
            or index.get(w.label.casefold())
            or linked.get(w.concept)
            or (
                None
                if w.concept in narrow
                else next((index[u] for u in links.get(w.concept, ()) if u in index), None)
            )
        )
        if found is None:
            missing.append(SkillMatch(w.concept, w.label, w.required))
        else:
            words = list(dict.fromkeys(e.text for e in found.evidence))[:3]
            matched.append(SkillMatch(w.concept, w.label, w.required, words))
    return matched, missing


def role_skills(skills: Iterable[Skill]) -> tuple[RoleSkill, ...]:
    """An ad's skill list as the skills its role asks for."""
    return tuple(RoleSkill(s.concept, s.label, s.required) for s in skills)
