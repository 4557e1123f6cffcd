"""Bias audit of the ranking on synthetic pools (issue #13): impact ratios by sex and age band.

    PYTHONPATH=src KOMPETENS_HOME=.kompetens .venv/bin/python bench/audit.py [--n 200] [--seeds 0 1 2] [--top 50]

For each built-in role (the default social media specialist and the demo roles in demo/roles), a synthetic
pool of N CVs (``kompetens.match.synthetic``: every competence template rendered once for each sex x age
band, only the markers differ: name, birth year or age, gender words, pronouns, graduation year) is ranked
by the real Engine and audited as NYC Local Law 144 asks: scoring rate (share above the median) and
selection rate (top K), each group's impact ratio against the highest group. The check: every ratio of
the sex and age categories is at least 0.8, so every pair of groups lies within 0.8-1.25 of each other.

Two negative controls in the same run show the audit can fail:

1. an unequal pool: the CVs of the 50+ band lose their data and insight lines (and another, the women's
   lose their strategy lines), ranked by the same real scorer;
2. a biased scorer: the same equal pool, but 8 points taken off every woman's score after ranking, as a
   scorer that read the name would do.

Both must be flagged (a ratio under 0.8) or the bench exits 1, as it does when an equal pool is flagged.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kompetens.engine import Engine
from kompetens.match import AuditReport, Role, default_role, load_role
from kompetens.match.audit import audit_ranking

ROOT = Path(__file__).resolve().parents[1]
BIAS_POINTS = 8.0


def roles() -> list[Role]:
    """The built-in role and the demo roles (a demo copy of the built-in one counted once)."""
    out = [default_role()]
    for path in sorted((ROOT / "demo" / "roles").glob("*.yaml")):
        role = load_role(path)
        if role.weights != out[0].weights or role.must_have != out[0].must_have:
            out.append(role)
    return out


def ratios(report: AuditReport, category: str, measure: str) -> dict[str, float | None]:
    for r in report.results:
        if r.category == category and r.measure == measure:
            return {g.group: g.impact_ratio for g in r.groups}
    raise KeyError((category, measure))


def lowest(report: AuditReport) -> float:
    return min(
        (
            r.lowest_ratio
            for r in report.results
            if r.category in ("sex", "age") and r.lowest_ratio is not None
        ),
        default=0.0,
    )


def show(label: str, report: AuditReport) -> None:
    print(
        f"\n{label}: {report.candidates} CVs, median {report.median_score:.1f}, selection {report.selection}"
    )
    for measure in ("scoring_rate", "selection_rate"):
        for category in ("sex", "age"):
            cells = "  ".join(
                f"{g} {'-' if v is None else f'{v:.2f}'}"
                for g, v in ratios(report, category, measure).items()
            )
            print(f"  {measure:<15} {category:<4} {cells}")
    verdict = "all within 0.8-1.25" if report.four_fifths_ok else "FLAGGED (ratio under 0.8)"
    print(f"  lowest ratio {lowest(report):.2f}: {verdict}")


def biased(engine: Engine, role: Role, n: int, seed: int, top: int) -> AuditReport:
    """The equal pool, ranked by a scorer that takes BIAS_POINTS off every woman's score."""
    docs, groups = engine.synthetic_pool(role, n, seed=seed)
    ranking = [
        (r.candidate, r.score - (BIAS_POINTS if groups[r.candidate].sex == "female" else 0.0))
        for r in engine.rank(role, docs)
    ]
    ranking.sort(key=lambda item: (-item[1], item[0]))
    return audit_ranking(
        role.title + " (biased scorer)", ranking, groups, pool="synthetic", top=top, seed=seed
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args(argv)
    engine = Engine()
    ok = True
    started = time.perf_counter()
    worst = 1.0
    for role in roles():
        for seed in args.seeds:
            report = engine.audit_synthetic(role, args.n, seed=seed, top=args.top)
            show(f"{role.title}, seed {seed}", report)
            worst = min(worst, lowest(report))
            ok &= report.four_fifths_ok
    print(
        f"\nequal pools: lowest impact ratio {worst:.2f} over {len(roles())} role(s) x {len(args.seeds)} seed(s)"
    )
    print("\n-- negative controls (each must be flagged) --")
    role = default_role()
    seed = args.seeds[0]
    controls = [
        (
            "50+ lack data and insight",
            engine.audit_synthetic(role, args.n, seed=seed, top=args.top, lacking=("50+", "data_insight")),
        ),
        (
            "women lack strategy",
            engine.audit_synthetic(role, args.n, seed=seed, top=args.top, lacking=("female", "strategy")),
        ),
        (f"scorer takes {BIAS_POINTS:g} points off women", biased(engine, role, args.n, seed, args.top)),
    ]
    for label, report in controls:
        show(label, report)
        if report.four_fifths_ok:
            print("  CONTROL NOT CAUGHT")
            ok = False
    print(f"\n{time.perf_counter() - started:.1f} s; {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
