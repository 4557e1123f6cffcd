"""ESCO and JobTech taxonomies: compiled once by `kompetens setup`, read through ``Taxonomy``."""

from kompetens.taxonomy.build import build_taxonomy
from kompetens.taxonomy.importers import import_crosswalk, import_esco_csv, import_jobtech
from kompetens.taxonomy.model import CONCEPT_KINDS, Concept, ConceptKind, jobtech_uri
from kompetens.taxonomy.normalize import normalize_label
from kompetens.taxonomy.setup import default_cache_dir, fetch_sources, setup_taxonomy
from kompetens.taxonomy.store import TAXONOMY_FILE, Taxonomy, taxonomy_path

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
