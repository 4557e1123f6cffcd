"""The data types that flow through the pipeline: Document -> Mention -> Profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .schema import DOCUMENTED, R4
from .skills import Labeler, Skill, skill_list

if TYPE_CHECKING:
    from .layout import Layout

AREA_IDS: tuple[str, ...] = (
    "marketing_communication",
    "customer_service",
    "platform_technology",
    "api_seo",
    "psychology_interaction",
    "community",
    "data_insight",
    "strategy",
)
"""The eight competence areas of shared/CONTRACT.md, in the article's order."""

DocKind = Literal["ad", "cv", "text"]


@dataclass(slots=True)
class Document:
    """Plain text plus metadata. Mentions point into ``text`` by character offsets."""

    source: str
    text: str
    lang: str = "und"
    kind: DocKind = "text"
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class ConceptRef:
    """A taxonomy concept as shown in output: an ESCO or JobTech URI and its preferred label."""

    __pydantic_config__ = DOCUMENTED

    id: str
    """ESCO or JobTech URI, or a curated concept id."""
    label: str
    """Preferred label in the document's language, else the English one (a mention's, from
    ``Engine.extract``); an unlinked phrase's own words."""


@dataclass(slots=True)
class Mention:
    """A competence found in a document, with its evidence span ``text[start:end]``."""

    __pydantic_config__ = DOCUMENTED

    text: str
    """The words found: ``text[start:end]`` of the document's plain text."""
    start: int
    """Character offset (``end`` exclusive)."""
    end: int
    concept: ConceptRef
    area: str | None
    """The area the concept evidences; null for a concept outside the eight."""
    confidence: R4
    """0..1."""
    required: bool | None = None
    """In ads: must-have (true) or merit (false); null elsewhere."""
    method: str = "phrase"  # phrase | lemma | compound | fuzzy | link | span
    boilerplate: bool = False  # in an ad's boilerplate (follow us, about us, benefits): not a requirement
    generic: bool = False
    """In an ad: the words are ones every kind of job ad asks for ("engagemang", "serviceinriktad", "Excel";
    ``generic_area_evidence`` in ``lang/<code>/sections.json``): kept, but evidence of no area. In an ad or a
    CV: a tool whose area shows only in context, named outside that area's work ("Python" in a DevOps line;
    ``extract.context``)."""


@dataclass(slots=True)
class Profile:
    """What a document says about competence: its mentions and a 0..1 strength per area.

    ``layout``: an ad's structure as extraction read it (:mod:`kompetens.layout`); review reads the same."""

    doc: Document
    mentions: list[Mention]
    areas: dict[str, float]
    layout: Layout | None = None

    @staticmethod
    def counts(m: Mention) -> bool:
        """Whether ``m`` counts towards its area's strength: it has an area, and is neither boilerplate nor
        (in an ad) ``generic``."""
        return m.area is not None and not m.boilerplate and not m.generic

    def evidence(self, area: str, limit: int = 3) -> list[str]:
        """The distinct snippets that count towards one area (``counts``), strongest first."""
        seen: list[str] = []
        counted = (m for m in self.mentions if m.area == area and self.counts(m))
        for m in sorted(counted, key=lambda m: -m.confidence):
            if m.text not in seen:
                seen.append(m.text)
            if len(seen) >= limit:
                break
        return seen

    def skills(self, labels: Labeler | None = None) -> list[Skill]:
        """The linked skills, one per concept, best-shown first (``kompetens.skills.skill_list``)."""
        return skill_list(self.mentions, self.doc.lang, labels=labels)

    def extraction(self, labels: Labeler | None = None) -> Extraction:
        """The ``kompetens extract --json`` item of this profile; ``labels`` names the skills in the text's
        language (``Engine.skill_labels``)."""
        doc = self.doc
        areas = {a: self.areas.get(a, 0.0) for a in AREA_IDS}
        return Extraction(
            doc.source, doc.lang, doc.kind, doc.title, self.mentions, areas, self.skills(labels), doc.text
        )


@dataclass(slots=True)
class Extraction:
    """What extraction found in one document: the ``kompetens extract --json`` item."""

    __pydantic_config__ = DOCUMENTED

    source: str
    """The file (``path``, or ``path#line`` for one ad of a JSONL file)."""
    lang: str
    """sv, en, or the language detected (only sv and en are read)."""
    kind: DocKind
    title: str | None
    mentions: list[Mention]
    """Offsets index ``text``."""
    areas: dict[str, R4]
    """All eight area ids, 0..1."""
    skills: list[Skill] = field(default_factory=list)
    """The ESCO/JobTech-linked skills, one per concept, best-shown first, each with its evidence spans
    (an ad's boilerplate left out)."""
    text: str = ""
    """The document's plain text as read and normalised (NFC, \\n newlines, invisible characters removed; a
    JobTech ad's title, a blank line, its text; a PDF's or a Word file's text, a PDF's visual lines reflowed:
    a line of 50 characters or more that ends mid-sentence joined with the next, unless that is a list item
    or a heading, and runs of spaces made one): the text every ``start``/``end`` of ``mentions`` and
    ``skills`` indexes, which may differ from the file's own."""
