"""Linking texts (phrases, sentences, job titles; Swedish or English) to taxonomy concepts."""

from kompetens.link.embed import E5Embedder, Embedder
from kompetens.link.linker import Candidate, LinkConfig, Linker, LinkKind

__all__ = ["Candidate", "E5Embedder", "Embedder", "LinkConfig", "LinkKind", "Linker"]
