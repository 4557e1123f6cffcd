"""Linking texts (phrases, sentences, job titles; Swedish or English) to taxonomy concepts."""

from kompetens.link.embed import E5Embedder, Embedder
from kompetens.link.linker import Candidate, LinkConfig, LinkedConcept, Linker, LinkKind, LinkResult

__all__ = [
    "Candidate",
    "E5Embedder",
    "Embedder",
    "LinkConfig",
    "LinkKind",
    "LinkResult",
    "LinkedConcept",
    "Linker",
]
