"""The concepts the linker indexes: ESCO concepts carrying the Swedish labels of the JobTech concepts they match.

A Swedish phrase should come back as the ESCO concept, labelled in the text's language, not as a JobTech
concept beside it. The crosswalks link both: a JobTech concept whose meaning an ESCO concept covers
(the same, close, or narrower) lends its Swedish labels to that ESCO concept and is not indexed itself.
Occupation names lend theirs to every ESCO occupation and ISCO group they are linked to in any direction
(a Swedish job title is often broader or narrower than the ESCO occupation, and both are right answers);
JobTech's ISCO-4 groups lend theirs to the ESCO ISCO group of the same code. JobTech concepts that no
ESCO concept covers stay as they are.
"""

from __future__ import annotations

from kompetens.taxonomy.model import JOBTECH_URI, Concept
from kompetens.taxonomy.store import Taxonomy

SKILL_RELATIONS = frozenset({"exactMatch", "closeMatch"})
"""Seen from the ESCO skill: the JobTech skill is the same or close. Not a broader one (``3D-modellering`` for
*3D-belysning*), nor a narrower one: ``Pressmeddelanden`` is narrower than *journalism* and would make every
text about press releases fully cover *journalism* (it did: "skriva pressmeddelanden" -> journalism)."""
INVERSE = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}


def linkable_concepts(taxonomy: Taxonomy) -> list[Concept]:
    """All concepts with JobTech labels folded into the ESCO concepts that match them (see module doc)."""
    concepts = list(taxonomy.concepts())
    by_uri = {c.uri: c for c in concepts}
    folded: set[str] = set()
    for uri, rel, target in taxonomy.match_links():
        # Each crosswalk row is stored from both sides; read it from the ESCO side.
        if uri.startswith(JOBTECH_URI) and not target.startswith(JOBTECH_URI):
            uri, rel, target = target, INVERSE.get(rel, rel), uri
        esco, jobtech = by_uri.get(uri), by_uri.get(target)
        if esco is None or jobtech is None or esco.kind.startswith("jobtech"):
            continue
        if esco.kind not in _TARGET_KINDS.get(jobtech.kind, ()):
            continue
        folded.add(jobtech.uri)
        if not _lends(jobtech, rel):
            continue
        have = esco.labels.setdefault("sv", [])
        have.extend(label for label in jobtech.labels.get("sv", []) if label not in have)
    return [c for c in concepts if c.uri not in folded]


_TARGET_KINDS = {
    "jobtech-skill": ("skill",),
    "jobtech-occupation": ("occupation", "occupation-group"),
    "jobtech-occupation-group": ("occupation-group",),
}


def _lends(jobtech: Concept, rel: str) -> bool:
    if jobtech.kind == "jobtech-skill":
        return rel in SKILL_RELATIONS
    if jobtech.kind == "jobtech-occupation":
        return True
    return jobtech.kind == "jobtech-occupation-group" and rel == "exactMatch"
