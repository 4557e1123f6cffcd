"""Taxonomy figures: build time, file size, load time and memory, label-splitting quality.

    .venv/bin/python bench/bench_taxonomy.py [--cache DIR] [--shared ../shared]

Needs the two wheels in DIR ($KOMPETENS_WHEEL_CACHE or the default cache; `kompetens setup` puts them
there). The baseline is re-parsing the wheel files at every start, which the compiled file avoids.
Splitting quality is scored against ojd's labels (skills) and, when ../shared is there, against Tabiya's
ESCO occupations CSV (occupations).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kompetens.taxonomy import Taxonomy, build_taxonomy, default_cache_dir, fetch_sources, normalize_label
from kompetens.taxonomy.build import compile_concepts
from kompetens.taxonomy.wheels import ESCO_OCCUPATIONS, ESCO_SKILLS, OJD_ESCO, read_ojd_esco

_CHILD = """
import resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
from kompetens.taxonomy import Taxonomy
tx = Taxonomy.load(Path(sys.argv[1]))
tx.get("http://data.europa.eu/esco/occupation/137b1d11-c4bc-4016-89ba-45345d4c71f0")
tx.search_label("social media manager", "en")
t1 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
n = sum(1 for _ in tx.concepts())
labels = sum(1 for _ in tx.labels())
t2 = time.perf_counter()
rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{t1 - t0:.3f} {rss1:.0f} {t2 - t1:.3f} {rss2:.0f} {n} {labels}")
"""


def _child(data_dir: Path) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir)], capture_output=True, text=True, check=True
    )
    return [float(x) for x in out.stdout.split()]


def _baseline_parse(sources: dict[str, Path]) -> float:
    """Seconds to parse and split the wheel files, as a start without a compiled file would."""
    t0 = time.perf_counter()
    compile_concepts(sources)
    return time.perf_counter() - t0


def _score(got: list[set[str]], gold: list[set[str]]) -> str:
    tp = sum(len(g & w) for g, w in zip(got, gold, strict=True))
    fp = sum(len(g - w) for g, w in zip(got, gold, strict=True))
    fn = sum(len(w - g) for g, w in zip(got, gold, strict=True))
    return f"precision {tp / max(tp + fp, 1):.3f} recall {tp / max(tp + fn, 1):.3f} ({len(gold)} concepts)"


def _split_quality(taxonomy: Taxonomy, sources: dict[str, Path], shared: Path) -> None:
    ojd = read_ojd_esco(sources[OJD_ESCO])
    prefix = "http://data.europa.eu/esco/skill/"
    got, gold = [], []
    for key, labels in ojd.labels.items():
        concept = taxonomy.get(prefix + key)
        if concept is not None:
            got.append({normalize_label(x) for x in concept.labels.get("en", [])})
            gold.append({normalize_label(x) for x in labels})
    print(f"skills: ojd labels kept (recall should be 1.0): {_score(got, gold)}")
    tabiya = shared / "data" / "esco" / "occupations_en.csv"
    if not tabiya.is_file():
        print(f"occupations: {tabiya} not found, not scored")
        return
    got, gold, pref_ok, desc_ok = [], [], 0, 0
    with tabiya.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            concept = taxonomy.get(row["ORIGINURI"])
            if concept is None:
                continue
            labels = concept.labels.get("en", [])
            pref_ok += bool(labels) and labels[0] == row["PREFERREDLABEL"]
            desc_ok += concept.description == row["DESCRIPTION"].strip()
            got.append({normalize_label(x) for x in labels})
            gold.append({normalize_label(x) for x in [row["PREFERREDLABEL"], *row["ALTLABELS"].splitlines()]})
    n = max(len(gold), 1)
    print(f"occupations vs Tabiya ESCO 1.1.1: labels {_score(got, gold)}")
    print(f"occupations: preferred label right {pref_ok / n:.3f}, description right {desc_ok / n:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = parser.parse_args()
    sources = fetch_sources(cache_dir=args.cache or default_cache_dir())
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        t0 = time.perf_counter()
        path = build_taxonomy(data_dir=data_dir, sources=sources)
        build_s = time.perf_counter() - t0
        baseline_s = _baseline_parse(sources)
        load_s, load_rss, all_s, all_rss, n, labels = _child(data_dir)
        print(
            f"build: {build_s:.1f} s, file {path.stat().st_size / 2**20:.1f} MiB, {int(n)} concepts, {int(labels)} labels"
        )
        print(f"start (import + load + one get + one search): {load_s:.3f} s, max RSS {load_rss:.0f} MB")
        print(f"all concepts and labels read: +{all_s:.2f} s, max RSS {all_rss:.0f} MB")
        print(
            f"baseline, parsing the wheel files at start: {baseline_s:.2f} s ({baseline_s / load_s:.0f}x the start)"
        )
        print(
            f"sources: {', '.join(Path(sources[k]).name for k in (OJD_ESCO, ESCO_SKILLS, ESCO_OCCUPATIONS))}"
        )
        taxonomy = Taxonomy.load(data_dir)
        _split_quality(taxonomy, sources, args.shared)
        taxonomy.close()


if __name__ == "__main__":
    main()
