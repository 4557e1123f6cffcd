"""Write the Swedish taxonomy data that ships in the package (dev time; reproducible from ../shared).

    .venv/bin/python scripts/build_sv_taxonomy.py [--shared ../shared] [--out src/kompetens/taxonomy/data/sv]

Reads ../shared/data/jobtech (see shared/data/PROVENANCE.md) and writes, gzip-compressed:

* ``esco_skills_crosswalk.csv.gz``, ``esco_occupations_crosswalk.csv.gz``: the official ESCO <-> JobTech
  crosswalks (Swedish ESCO preferred labels, JobTech concept ids and labels, the SKOS relation), cut to the
  five columns ``kompetens import crosswalk`` reads, in the same CSV shape (metadata block, header line).
* ``jobtech_taxonomy.json.gz``: the JobTech Taxonomy's skills, SSYK groups with their occupation names and
  the ISCO-4 groups related to each SSYK-4 group, as one ``{"data": {"concepts": [...]}}`` dump that
  ``kompetens import jobtech`` reads: identifiers, labels, codes and relations only.

Descriptions (``definition``) are dropped: only labels, identifiers and relations of these open taxonomies
ship (NOTICE). No evaluation data is read. Output is deterministic (sorted, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CROSSWALK_HEADER = [
    "Classification 1 URI",
    "Classification 1 PrefLabel",
    "Classification 2 URI",
    "Classification 2 PrefLabel",
    "Mapping relation",
]
# The metadata the importer reads (languages, the kind of side 2), plus where the rows come from.
CROSSWALKS = {
    "esco_skills_sv_crosswalk.csv": ("esco_skills_crosswalk.csv.gz", "Skill"),
    "esco_occupations_sv_crosswalk.csv": ("esco_occupations_crosswalk.csv.gz", "Occupation"),
}
JOBTECH = (
    "skills.json",
    "the-ssyk-hierarchy-with-occupations.json",
    "ssyk-level-4-with-related-isco-level-4-groups.json",
)
KEEP_KEYS = ("id", "type", "preferred_label", "alternative_labels", "ssyk_code_2012", "isco_code_08")


def _write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def crosswalk(source: Path, target: Path, side2: str) -> int:
    """The crosswalk's rows as (ESCO URI, Swedish ESCO label, JobTech URI, JobTech label, relation).

    Rows are read with the package's own importer code (``_crosswalk_rows`` / ``_crosswalk_cells``), so the
    shipped file holds exactly what ``kompetens import crosswalk`` would take from the original.
    """
    from kompetens.taxonomy.importers import _crosswalk_cells, _crosswalk_rows

    meta, reader, _header = _crosswalk_rows(source)
    rows = sorted({cells for row in reader if (cells := _crosswalk_cells(row)) is not None})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Mapping project name", meta.get("Mapping project name", "")])
    writer.writerow(["Classification 1 Version", meta.get("Classification 1 Version", "")])
    writer.writerow(["Classification 1 Language", meta.get("Classification 1 Language", "sv")])
    writer.writerow(["Classification 2 Concept type", side2])
    writer.writerow(["Classification 2 Version", meta.get("Classification 2 Version", "")])
    writer.writerow(["Classification 2 Language", meta.get("Classification 2 Language", "sv")])
    writer.writerow(["Source", f"shared/data/jobtech/{source.name} (see NOTICE)"])
    writer.writerow(CROSSWALK_HEADER)
    for uri1, label1, uri2, label2, rel in rows:
        writer.writerow([uri1, label1, uri2, label2, f"skos:{rel}"])
    _write_gz(target, out.getvalue())
    return len(rows)


def _strip(item: Any) -> Any:
    """A concept without its definition; nested concepts (narrower, broader, related) likewise."""
    if not isinstance(item, dict):
        return item
    out: dict[str, Any] = {k: item[k] for k in KEEP_KEYS if item.get(k)}
    for key in ("narrower", "broader", "related"):
        if item.get(key):
            out[key] = sorted((_strip(x) for x in item[key]), key=lambda c: str(c.get("id")))
    return out


def jobtech(folder: Path, target: Path) -> int:
    concepts: list[Any] = []
    for name in JOBTECH:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        concepts += sorted((_strip(c) for c in data["data"]["concepts"]), key=lambda c: str(c.get("id")))
    dump = {
        "source": "JobTech Taxonomy, Arbetsförmedlingen: " + ", ".join(JOBTECH) + " (definitions dropped)",
        "data": {"concepts": concepts},
    }
    _write_gz(target, json.dumps(dump, ensure_ascii=False, separators=(",", ":")))
    return len(concepts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "kompetens" / "taxonomy" / "data" / "sv")
    args = ap.parse_args()
    folder = args.shared / "data" / "jobtech"
    for source, (target, side2) in CROSSWALKS.items():
        n = crosswalk(folder / source, args.out / target, side2)
        print(f"{target}: {n} rows, {(args.out / target).stat().st_size:,} bytes")
    n = jobtech(folder, args.out / "jobtech_taxonomy.json.gz")
    size = (args.out / "jobtech_taxonomy.json.gz").stat().st_size
    print(f"jobtech_taxonomy.json.gz: {n} top-level concepts, {size:,} bytes")


if __name__ == "__main__":
    main()
