"""Swedish job titles -> ESCO occupations through the engine (``kompetens link --kind occupation``), MELO sv.

    OPENBLAS_NUM_THREADS=1 python bench/melo_cli.py --data-dir .kompetens [--shared ../shared] [--top 100]

Unlike ``bench/eval.py --only melo`` (which builds an index of the MELO corpus alone), this links each
MELO Swedish query (``dev/melo_sv/swe_q_sv_c_sv/queries.tsv``) with ``Engine.link(titles, kind="occupation")``
against the whole taxonomy `kompetens setup` built, as a user's title would be. MELO names its gold by
corpus concept (``C000123``), not by URI: each corpus concept is mapped to the ESCO occupations and ISCO
groups whose English preferred label (else any English label) equals the concept's first English corpus
element (``swe_q_sv_c_en/corpus_elements.tsv``, the same concepts in English). Linked URIs become corpus
concepts in rank order (first occurrence kept), and MAP / MRR are over corpus concepts; gold concepts that
map to no URI stay in the gold (misses).

The queries are split into a tune half and a check half by ``int(sha256(title).hexdigest(), 16) % 2`` of the
query text (0 = tune, 1 = check); both are printed. Tune on the tune half only. (Not by query id: the ids
in shared/ were themselves chosen as the half with an even hash of the id, so that split puts all in one.)

Caveat: MELO's Swedish queries are the JobTech occupation names of the official ESCO <-> SSYK crosswalk
(every query is one), and that crosswalk ships with the package, so this measures look-up through the
crosswalk more than linking of unseen titles. ``--esco-labels-only`` links against an index of the ESCO
concepts with their own labels only (no JobTech concepts or labels; lexical, built in a temporary folder)
to show the linking part alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import half, halves_epilog

from kompetens.engine import Engine
from kompetens.link import LinkConfig, Linker
from kompetens.taxonomy import Taxonomy, normalize_label

ROOT = Path(__file__).resolve().parents[1]
OCCUPATION_KINDS = ("occupation", "occupation-group")


def _tsv(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if line.strip()]


def concept_uris(taxonomy: Taxonomy, folder_en: Path) -> dict[str, list[str]]:
    """MELO corpus concept id -> ESCO occupation / ISCO group URIs with the same English label."""
    english: dict[str, list[str]] = defaultdict(list)
    for element, text in _tsv(folder_en / "corpus_elements.tsv"):
        english[element.split("_")[0]].append(text)
    pref: dict[str, list[str]] = defaultdict(list)
    alt: dict[str, list[str]] = defaultdict(list)
    for kind in OCCUPATION_KINDS:
        for uri, _lang, label, pos in taxonomy.labels(lang="en", kind=kind):
            (pref if pos == 0 else alt)[normalize_label(label)].append(uri)
    out: dict[str, list[str]] = {}
    for cid, texts in english.items():
        key = normalize_label(texts[0])
        uris = pref.get(key) or alt.get(key) or []
        if uris:
            out[cid] = sorted(set(uris))
    return out


def average_precision(ranked: Sequence[str], gold: set[str]) -> float:
    hits, total = 0, 0.0
    for i, item in enumerate(ranked, 1):
        if item in gold:
            hits += 1
            total += hits / i
    return total / len(gold) if gold else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: set[str]) -> float:
    return next((1.0 / i for i, item in enumerate(ranked, 1) if item in gold), 0.0)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=halves_epilog(
            "the queries are split in two halves by sha256(query text) % 2 (0: tune)",
            fixed="weights are chosen on the tune half only",
        ),
    )
    ap.add_argument("--data-dir", type=Path, required=True, help="a data folder `kompetens setup` built")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--show", type=int, default=0, help="print this many missed tune queries")
    ap.add_argument(
        "--esco-labels-only",
        action="store_true",
        help="link against the ESCO concepts' own labels only (no JobTech concepts or labels; lexical, an index built in a temporary folder): the linking part alone, without the crosswalk look-up",
    )
    args = ap.parse_args(argv)
    base = args.shared / "data" / "dev" / "melo_sv"
    if not base.is_dir():
        sys.exit(f"MELO not found under {base}")
    folder = base / "swe_q_sv_c_sv"
    queries = dict((q[0], q[1]) for q in _tsv(folder / "queries.tsv"))
    gold: dict[str, set[str]] = defaultdict(set)
    for qid, _, element, rel in _tsv(folder / "annotations.tsv"):
        if rel.strip() == "1":
            gold[qid].add(element.split("_")[0])
    engine = Engine(args.data_dir)
    taxonomy = engine.require_taxonomy()
    uris_of = concept_uris(taxonomy, base / "swe_q_sv_c_en")
    concept_of: dict[str, list[str]] = defaultdict(list)
    for cid, uris in uris_of.items():
        for uri in uris:
            concept_of[uri].append(cid)
    gold_cids = {c for g in gold.values() for c in g}
    mapped = sum(c in uris_of for c in gold_cids)
    qids = [q for q in queries if q in gold]
    if args.esco_labels_only:
        concepts = [c for c in taxonomy.concepts() if not c.kind.startswith("jobtech")]
        folder = Path(tempfile.mkdtemp(prefix="melo-esco-"))
        engine.__dict__["linker"] = Linker.build(
            concepts, cache_dir=folder, config=LinkConfig.preset("lexical")
        )
    t = time.perf_counter()
    engine.linker  # noqa: B018 (load before timing the links)
    load = time.perf_counter() - t
    t = time.perf_counter()
    results = engine.link([queries[q] for q in qids], top=args.top, kind="occupation")
    took = time.perf_counter() - t
    per: dict[str, dict[str, list[float]]] = {"tune": defaultdict(list), "check": defaultdict(list)}
    missed: list[str] = []
    for qid, result in zip(qids, results, strict=True):
        ranked = list(dict.fromkeys(c for cand in result.candidates for c in concept_of.get(cand.id, [])))
        ap_ = average_precision(ranked, gold[qid])
        part = half(queries[qid])
        per[part]["ap"].append(ap_)
        per[part]["rr"].append(reciprocal_rank(ranked, gold[qid]))
        if ap_ == 0 and part == "tune":
            best = result.candidates[0].label if result.candidates else "-"
            missed.append(f"  {queries[qid]!r} -> {best!r}")
    print(
        f"gold corpus concepts mapped to ESCO URIs: {mapped}/{len(gold_cids)}; {len(qids)} queries; "
        f"linker load {load:.1f} s, {len(qids) / took:.0f} titles/s"
    )
    for name in ("tune", "check"):
        aps, rrs = per[name]["ap"], per[name]["rr"]
        n = max(len(aps), 1)
        print(
            f"MELO sv via Engine.link, {name:<5}: MAP {sum(aps) / n:.3f}  MRR {sum(rrs) / n:.3f}  n={len(aps)}"
        )
    for line in missed[: args.show]:
        print(line)


if __name__ == "__main__":
    main()
