"""ESCO and JobTech taxonomies: compiled once by `kompetens setup`, read through ``Taxonomy``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Submodules load on first use (PEP 562): the compiler and importers are only needed by `kompetens setup` and
# `kompetens import`, and start-up time matters for every other command.
_EXPORTS = {
    "build_taxonomy": "build",
    "import_crosswalk": "importers",
    "import_esco_csv": "importers",
    "import_jobtech": "importers",
    "CONCEPT_KINDS": "model",
    "Concept": "model",
    "ConceptKind": "model",
    "jobtech_uri": "model",
    "normalize_label": "normalize",
    "default_cache_dir": "setup",
    "fetch_sources": "setup",
    "setup_taxonomy": "setup",
    "TAXONOMY_FILE": "store",
    "Taxonomy": "store",
    "taxonomy_path": "store",
}

if TYPE_CHECKING:
    from kompetens.taxonomy.build import build_taxonomy
    from kompetens.taxonomy.importers import import_crosswalk, import_esco_csv, import_jobtech
    from kompetens.taxonomy.model import CONCEPT_KINDS, Concept, ConceptKind, jobtech_uri
    from kompetens.taxonomy.normalize import normalize_label
    from kompetens.taxonomy.setup import default_cache_dir, fetch_sources, setup_taxonomy
    from kompetens.taxonomy.store import TAXONOMY_FILE, Taxonomy, taxonomy_path


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CONCEPT_KINDS",
    "TAXONOMY_FILE",
    "Concept",
    "ConceptKind",
    "Taxonomy",
    "build_taxonomy",
    "default_cache_dir",
    "fetch_sources",
    "import_crosswalk",
    "import_esco_csv",
    "import_jobtech",
    "jobtech_uri",
    "normalize_label",
    "setup_taxonomy",
    "taxonomy_path",
]
