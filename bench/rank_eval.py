"""NDCG@10 of the ranking on the demo pool against the expected orderings (goal: at least 0.9 per role).

    .venv/bin/python bench/rank_eval.py [--k 10] [--show 12] [--json]

Reads demo/cvs (through the real ingest and Engine), demo/roles, and tests/data/cvs_expected/<role>.json,
whose graded relevance (0-3 per CV) was written before the scorer existed. As a reference it also prints
the NDCG of ordering by the extractor's own area strengths (Profile.areas, no anonymisation, timeline or
evidence weighting) with the same (emphasised) role weights.
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
from kompetens.match import build_candidate, load_role, rank
from kompetens.match.evaluate import ndcg_at_k
from kompetens.models import AREA_IDS, Document

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 27)  # fixed, so that recency and the figures do not drift with the calendar


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--show", type=int, default=0, help="print the top N of each ranking")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    engine = Engine()
    t0 = time.perf_counter()
    docs = [d for d in iter_documents([ROOT / "demo" / "cvs"]) if isinstance(d, Document)]
    cands = [build_candidate(d, engine.extract, today=TODAY) for d in docs]
    raw = {Path(d.source).name: engine.extract(d).areas for d in docs}
    build_s = time.perf_counter() - t0

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
        results[expected["role"]] = {
            "ndcg": ndcg_at_k(names, relevance, k=args.k),
            "baseline_ndcg": ndcg_at_k(baseline, relevance, k=args.k),
            "top": [
                (n, round(r.score.score, 1), relevance.get(n)) for n, r in zip(names, ranked, strict=True)
            ],
        }
    if args.json:
        print(
            json.dumps(
                {k: {"ndcg": v["ndcg"], "baseline_ndcg": v["baseline_ndcg"]} for k, v in results.items()}
            )
        )
        return 0
    print(f"demo pool: {len(cands)} CVs, profiled in {build_s:.1f} s (engine build included); k={args.k}")
    print(f"{'role':28s} {'NDCG@' + str(args.k):>8s} {'extractor areas only':>22s}")
    for role_id, r in results.items():
        print(f"{role_id:28s} {r['ndcg']:8.3f} {r['baseline_ndcg']:22.3f}")
        for i, (name, sc, rel) in enumerate(r["top"][: args.show], start=1):
            print(f"    {i:2d}. {sc:5.1f}  rel={rel}  {name}")
    worst = min(r["ndcg"] for r in results.values())
    print(f"lowest NDCG@{args.k}: {worst:.3f} (goal >= 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
