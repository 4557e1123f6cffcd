"""Taxonomy data types: a concept (ESCO skill/occupation or JobTech concept) with multilingual labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ConceptKind = Literal[
    "skill",
    "occupation",
    "jobtech-skill",
    "jobtech-occupation",
    "skill-group",  # ESCO skill hierarchy (S1.2, ISCED-F 0613 ...)
    "occupation-group",  # ESCO ISCO-08 groups
    "jobtech-occupation-group",  # SSYK / ISCO groups from JobTech
]
CONCEPT_KINDS: tuple[ConceptKind, ...] = (
    "skill",
    "occupation",
    "jobtech-skill",
    "jobtech-occupation",
    "skill-group",
    "occupation-group",
    "jobtech-occupation-group",
)

JOBTECH_URI = "http://data.jobtechdev.se/taxonomy/concept/"
"""JobTech concept ids (e.g. ``DXNc_cU4_j4N``) become URIs with this prefix."""

ESCO_SKILL_URI = "http://data.europa.eu/esco/skill/"
ESCO_OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"
ESCO_ISCO_URI = "http://data.europa.eu/esco/isco/C"
ESCO_ISCED_URI = "http://data.europa.eu/esco/isced-f/"


def jobtech_uri(concept_id: str) -> str:
    return concept_id if concept_id.startswith("http") else JOBTECH_URI + concept_id


@dataclass(slots=True)
class Concept:
    """One taxonomy concept.

    ``labels`` maps a language code to its labels, the preferred label first (``labels["en"][0]``).
    ``broader`` holds URIs of skill groups / parent concepts; ``related`` holds crosswalk links
    (ESCO <-> JobTech) as URIs.
    """

    uri: str
    kind: ConceptKind
    labels: dict[str, list[str]] = field(default_factory=dict)
    description: str = ""
    broader: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    code: str | None = None  # ISCO / SSYK code for occupations
    descriptions: dict[str, str] = field(default_factory=dict)  # per language; ``description`` is one of them

    def label(self, lang: str = "en") -> str:
        """Preferred label in ``lang``, falling back to English, then any language."""
        for key in (lang, "en", *self.labels):
            if self.labels.get(key):
                return self.labels[key][0]
        return self.uri
