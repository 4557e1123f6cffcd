"""NDCG@10 of the ranking on the demo pool against the expected orderings (goal: at least 0.9 per role).

    .venv/bin/python bench/rank_eval.py [--k 10] [--show 12] [--json] [--thorough]

Reads demo/cvs (through the real ingest and Engine), demo/roles, and tests/data/cvs_expected/<role>.json,
whose graded relevance (0-3 per CV) was written before the scorer existed. As a reference it also prints
the NDCG of ordering by the extractor's own area strengths (Profile.areas, no anonymisation, timeline or
evidence weighting) with the same (emphasised) role weights. ``--thorough`` also profiles every CV as
``kompetens rank --thorough`` does (span tagger, its phrases linked to ESCO) and prints both NDCGs, the
largest score change, the profiling times and the skills per CV, in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from kompetens.engine import Engine
from kompetens.ingest import iter_documents
from kompetens.match import CandidateProfile, build_candidate, load_role, rank
from kompetens.match.evaluate import ndcg_at_k
from kompetens.models import AREA_IDS, Document

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 27)  # fixed, so that recency and the figures do not drift with the calendar


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--show", type=int, default=0, help="print the top N of each ranking")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--thorough", action="store_true", help="also rank thorough profiles (span tagger)")
    args = ap.parse_args()

    engine = Engine()
    t0 = time.perf_counter()
    docs = [d for d in iter_documents([ROOT / "demo" / "cvs"]) if isinstance(d, Document)]
    cands = [build_candidate(d, engine.extract, today=TODAY, labels=engine.skill_labels) for d in docs]
    raw = {Path(d.source).name: engine.extract(d).areas for d in docs}
    build_s = time.perf_counter() - t0
    thorough: list[CandidateProfile] = []
    thorough_s = 0.0
    if args.thorough:
        fn = engine.profile_fn(thorough=True)
        fn(docs[0])  # load the tagger and the linker outside the timing
        t1 = time.perf_counter()
        thorough = [build_candidate(d, fn, today=TODAY, labels=engine.skill_labels) for d in docs]
        thorough_s = time.perf_counter() - t1
        t1 = time.perf_counter()
        for d in docs:
            build_candidate(d, engine.extract, today=TODAY)
        default_s = time.perf_counter() - t1

    results = {}
    for expected_file in sorted((ROOT / "tests" / "data" / "cvs_expected").glob("*.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        role = load_role(ROOT / expected["role_file"])
        relevance = expected["relevance"]
        ranked = rank(cands, role)
        names = [Path(r.score.source).name for r in ranked]
        baseline = sorted(
            raw,
            key=lambda n: (
                -sum(w * raw[n].get(a, 0.0) for a, w in zip(AREA_IDS, role.vector, strict=True)),
                n,
            ),
        )
        extra: dict[str, float] = {}
        if thorough:
            ranked_t = rank(thorough, role)
            names_t = [Path(r.score.source).name for r in ranked_t]
            by_name = {Path(r.score.source).name: r.score.score for r in ranked}
            extra = {
                "thorough_ndcg": ndcg_at_k(names_t, relevance, k=args.k),
                "max_score_change": max(
                    abs(r.score.score - by_name[Path(r.score.source).name]) for r in ranked_t
                ),
            }
        results[expected["role"]] = {
            **extra,
            "ndcg": ndcg_at_k(names, relevance, k=args.k),
            "baseline_ndcg": ndcg_at_k(baseline, relevance, k=args.k),
            "top": [
                (n, round(r.score.score, 1), relevance.get(n)) for n, r in zip(names, ranked, strict=True)
            ],
        }
    if args.json:
        keys = ("ndcg", "baseline_ndcg", "thorough_ndcg", "max_score_change")
        print(json.dumps({k: {f: v[f] for f in keys if f in v} for k, v in results.items()}))
        return 0
    print(f"demo pool: {len(cands)} CVs, profiled in {build_s:.1f} s (engine build included); k={args.k}")
    print(f"{'role':28s} {'NDCG@' + str(args.k):>8s} {'extractor areas only':>22s}")
    for role_id, r in results.items():
        print(f"{role_id:28s} {r['ndcg']:8.3f} {r['baseline_ndcg']:22.3f}")
        for i, (name, sc, rel) in enumerate(r["top"][: args.show], start=1):
            print(f"    {i:2d}. {sc:5.1f}  rel={rel}  {name}")
    worst = min(r["ndcg"] for r in results.values())
    print(f"lowest NDCG@{args.k}: {worst:.3f} (goal >= 0.9)")
    if thorough:
        n = len(docs)
        print(f"\nprofiling {n} CVs, models loaded: default {1000 * default_s / n:.1f} ms/CV, ", end="")
        print(f"thorough (rank --thorough) {1000 * thorough_s / n:.0f} ms/CV")
        print(f"{'role':28s} {'default':>8s} {'thorough':>9s} {'max |score change|':>19s}")
        for role_id, r in results.items():
            print(f"{role_id:28s} {r['ndcg']:8.3f} {r['thorough_ndcg']:9.3f} {r['max_score_change']:19.3f}")
        spans = sum(1 for c in thorough for s in c.skills if s.method == "span")
        base_sk = sum(len(c.skills) for c in cands)
        thor_sk = sum(len(c.skills) for c in thorough)
        print(f"linked skills per CV: default {base_sk / n:.1f}, thorough {thor_sk / n:.1f}", end="")
        print(f" ({spans} shown best by a span)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
