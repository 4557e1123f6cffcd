"""How right are the ESCO links thorough extraction gives the tagger's phrases, by linker score?

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/phrase_links.py [--data-dir .kompetens] [--show] [--calibrate] [--ranks]
        [--calibrate-ranks] [--to-judge /tmp/pairs.tsv]

Draws two samples of real Swedish ads from the *tune* half of ../shared/data/dev/platsbanken (seeded:
12 ads each), extracts them as ``kompetens extract --thorough`` does, and records every tagger phrase the
linker was asked about with its best concept and score. Of those scoring >= 1.2 (the floor before stop 24),
90 per sample (seeded) were judged by hand: is the concept a fair ESCO skill for the phrase as a recruiter
reads it? The judgements are in ``bench/data/phrase_link_labels.tsv``, keyed by a hash of phrase and concept
label (no ad text is kept). Sample A chose ``PHRASE_LINK_MIN_SCORE``; sample B is its check.

The linker changed since: ``--to-judge FILE`` writes the pairs still without a judgement (the drawn best
concepts, full and quick, and the 2nd and 3rd concepts ``kompetens link --top 3 --no-spans`` gives each drawn
phrase), shuffled, without scores or ranks, to be judged blind by the same rule; 385 were (205 A, 180 B), so
every drawn phrase's first three concepts have a judgement. ``--calibrate-ranks`` fits a confidence for the 2nd
and 3rd concepts on sample A and scores it on B.

Prints per sample, for each score floor: the links kept, the share of them that are right, and the share of
the right links kept. A link whose (phrase, concept) has no judgement (the linker's answer changed since)
is counted apart.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

from _halves import half

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from kompetens.engine import PHRASE_LINK_MIN_SCORE, QUICK_LINK_MIN_SCORE, Engine
from kompetens.errors import IngestError

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "data" / "phrase_link_labels.tsv"
FLOORS = (1.2, 1.5, 2.0, 2.5, 3.0)
QUICK_FLOORS = (1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.5)
SEED, PER_SAMPLE, ADS = 5, 90, 12


def key(phrase: str, label: str) -> str:
    return hashlib.sha256(f"{phrase}\t{label}".encode()).hexdigest()[:16]


def sample(
    engine: Engine, docs: list, rng: random.Random, uris: dict[str, str] | None = None
) -> list[tuple[str, str, float]]:
    """(phrase, best concept's label, score) of PER_SAMPLE linked phrases scoring >= 1.2, as drawn in stop 24:
    the phrases thorough extraction links, linked by the full linker (as thorough extraction did then).
    ``uris``, when given, gets each linked phrase's best concept URI."""
    seen: dict[str, tuple[str, float]] = {}
    link_phrases = engine.link_phrases

    def spy(phrases, *, quick=True):  # type: ignore[no-untyped-def]
        found = link_phrases(phrases, quick=False)
        for phrase, best in zip(phrases, found, strict=True):
            if best is not None:
                seen[phrase] = (best.label, best.score)
                if uris is not None:
                    uris[phrase] = best.id
        return found

    engine.link_phrases = spy  # type: ignore[method-assign]
    try:
        for doc in docs:
            engine.extract(doc, thorough=True)
    finally:
        engine.link_phrases = link_phrases  # type: ignore[method-assign]
    items = sorted(seen.items(), key=lambda x: -x[1][1])
    rng.shuffle(items)
    return [(t, lab, sc) for t, (lab, sc) in items[:400] if sc >= 1.2][:PER_SAMPLE]


def report(
    name: str,
    rows: list[tuple[str, str, float, bool | None]],
    floors: tuple[float, ...],
    keep: Callable[[str, str], bool] | None = None,
) -> None:
    """Per floor: the links kept, the share right, the share of the right links kept; with ``keep`` (the
    engine's ``SkillPhrases.keeps``: stop 38's filter of what gets linked) the same once the filter has
    dropped the links of phrases that are no skill phrase (the same drawn links: a paired comparison)."""
    unjudged = sum(r[3] is None for r in rows)
    right_all = sum(r[3] is True for r in rows)
    passed = [keep(r[0], r[1]) if keep is not None else True for r in rows]
    print(f"sample {name}: {len(rows)} links, {right_all} right, {unjudged} without a judgement")
    if keep is not None:
        dropped = [r for r, ok in zip(rows, passed, strict=True) if not ok]
        print(
            f"  the filter drops {len(dropped)} links ({sum(r[3] is True for r in dropped)} right,"
            f" {sum(r[3] is False for r in dropped)} wrong, {sum(r[3] is None for r in dropped)} unjudged)"
        )
    head = f"  {'floor':>5}  {'kept':>4}  {'right':>6}  {'right kept':>10}"
    print(head + (f"  | filtered: {'kept':>4}  {'right':>6}  {'right kept':>10}" if keep is not None else ""))
    for floor in floors:
        cells = []
        for use in (False, True) if keep is not None else (False,):
            kept = [
                r
                for r, ok in zip(rows, passed, strict=True)
                if r[2] >= floor and r[3] is not None and (ok or not use)
            ]
            right = sum(r[3] is True for r in kept)
            prec = right / len(kept) if kept else 0.0
            rec = right / right_all if right_all else 0.0
            cells.append(f"{len(kept):4d}  {100 * prec:5.0f}%  {100 * rec:9.0f}%")
        print(f"  {floor:5.1f}  " + "  |           ".join(cells))


def fit_logistic(rows: list[tuple[float, bool]], *, ridge: float = 1.0) -> tuple[float, float]:
    """``(a, b)`` of P(right | score) = 1 / (1 + exp(-(a + b * score))), by Newton's method on the log-loss with
    a small ridge on ``b`` (a few dozen judged links: a steep fit would promise certainties they do not
    hold)."""
    import numpy as np

    x = np.array([[1.0, s] for s, _ in rows])
    y = np.array([float(ok) for _, ok in rows])
    w = np.zeros(2)
    penalty = np.diag([0.0, ridge])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return float(w[0]), float(w[1])


def losses(rows: list[tuple[float, bool]], predict: Callable[[float], float]) -> tuple[float, float]:
    """Log-loss and Brier score of ``predict`` over judged ``(score, right)`` rows."""
    ll = br = 0.0
    for score, ok in rows:
        p = min(max(predict(score), 1e-6), 1 - 1e-6)
        ll -= math.log(p if ok else 1 - p)
        br += (p - ok) ** 2
    return ll / len(rows), br / len(rows)


def calibrate(judged_links: dict[str, dict[str, list[tuple[float, bool]]]]) -> None:
    """Fit the link confidence (``link_confidence``) on sample A's kept links of each linking, score it on B's
    against the constant 0.5 the mentions had, A's share of right links, and the packaged parameters."""
    from kompetens.link.confidence import LINK_CALIBRATION, link_confidence

    for mode, floor in (("full", PHRASE_LINK_MIN_SCORE), ("quick", QUICK_LINK_MIN_SCORE)):
        tune = [r for r in judged_links[mode]["A"] if r[0] >= floor]
        check = [r for r in judged_links[mode]["B"] if r[0] >= floor]
        a, b = fit_logistic(tune)
        base = sum(ok for _, ok in tune) / len(tune)
        print(
            f"calibration, {mode} linking (links >= {floor}): fitted on A ({len(tune)} links): a={a:.3f} b={b:.3f}"
        )
        curves: list[tuple[str, Callable[[float], float]]] = [
            ("constant 0.5", lambda _s: 0.5),
            (f"A's share right ({base:.2f})", lambda _s, base=base: base),
            ("fitted on A", lambda s, a=a, b=b: 1.0 / (1.0 + math.exp(-(a + b * s)))),
            (f"packaged {LINK_CALIBRATION[mode]}", lambda s, mode=mode: link_confidence(s, mode)),
        ]
        for name, fn in curves:
            (ll_a, br_a), (ll_b, br_b) = losses(tune, fn), losses(check, fn)
            print(
                f"  {name:<34} A log-loss {ll_a:.3f} Brier {br_a:.3f} | B (check, {len(check)}) log-loss {ll_b:.3f} Brier {br_b:.3f}"
            )


def ranks(
    engine: Engine, sampled: dict[str, list[tuple[str, str, float]]], judged: dict[tuple[str, str], bool]
) -> None:
    """What ``kompetens link``'s confidence rests on. Per sample: the packaged full curve's mean against the
    share of right links in each score band of the judged best concepts (the curve was fitted on those
    >= 2.0; 1.2-2.0 is judged but was not fitted); the phrases' word counts (``link`` gives a confidence to a
    text of up to five words); and, linking each phrase as ``kompetens link --top 3 --no-spans`` does, how many of
    its 1st, 2nd and 3rd concepts have a judgement (the labels judge the best concept only) and the curve's
    mean on those."""
    from kompetens.link.confidence import link_confidence

    bands = ((1.2, 2.0), (2.0, 3.0), (3.0, 4.0), (4.0, math.inf))
    for tag, links in sampled.items():
        rows = [(sc, judged.get((tag, key(t, lab)))) for t, lab, sc in links]
        print(f"sample {tag}: full curve by score band (judged best concepts)")
        for low, high in bands:
            got = [(sc, ok) for sc, ok in rows if ok is not None and low <= sc < high]
            if got:
                mean = sum(link_confidence(sc, "full") for sc, _ in got) / len(got)
                right = sum(ok for _, ok in got) / len(got)
                print(f"  {low:.1f}-{high:<4.1f} {len(got):3d} links: curve {mean:.2f}, right {right:.2f}")
        lengths = [len(t.split()) for t, _, _ in links]
        print(
            f"  phrase words: max {max(lengths)}, > 5 words: {sum(n > 5 for n in lengths)} of {len(lengths)}"
        )
        found = engine.link([t for t, _, _ in links], top=3, spans=False)  # as the judged links were linked
        for rank in range(3):
            at = [(r.input, r.candidates[rank]) for r in found if len(r.candidates) > rank]
            hits = [
                (c.score, judged[(tag, key(t, c.label))]) for t, c in at if (tag, key(t, c.label)) in judged
            ]
            curve = sum(link_confidence(sc, "full") for sc, _ in hits) / max(len(hits), 1)
            own = sum(link_confidence(sc, "full", rank + 1) for sc, _ in hits) / max(len(hits), 1)
            print(
                f"  rank {rank + 1}: {len(at)} concepts, {len(hits)} judged ({sum(ok for _, ok in hits)} right;"
                f" the best concept's curve's mean on them {curve:.2f}, their rank's curve's {own:.2f})"
            )


def fit_factor(rows: list[tuple[float, bool]], curve: Callable[[float], float]) -> float:
    """The factor ``f`` (0.01-2.00, by a grid of 0.01) for which ``min(f * curve(score), 0.95)`` has the lowest
    log-loss on ``rows``."""
    grid = [i / 100 for i in range(1, 201)]
    return min(grid, key=lambda f: losses(rows, lambda s: min(f * curve(s), 0.95))[0])


def calibrate_ranks(
    engine: Engine, sampled: dict[str, list[tuple[str, str, float]]], judged: dict[tuple[str, str], bool]
) -> None:
    """A confidence for the 2nd and 3rd concepts: each drawn phrase of up to five words (what ``kompetens link``
    calibrates) linked as ``kompetens link --top 3 --no-spans`` links it; its judged 2nd and 3rd concepts scoring
    >= ``JUDGED_MIN_SCORE``. Fitted on sample A: a constant (A's share right, per rank and pooled), the logistic
    form on score (ranks 2 and 3 pooled, and per rank), and the rank-1 curve times a factor per rank; each
    scored by log-loss and Brier on A and on B (the check), beside the rank-1 curve as it is."""
    from kompetens.link.confidence import JUDGED_MIN_SCORE, RANK_CALIBRATION, link_confidence

    data: dict[str, dict[int, list[tuple[float, bool]]]] = {}
    for tag, links in sampled.items():
        phrases = [t for t, _, _ in links if engine.linker.is_phrase(t)]
        found = engine.link(phrases, top=3, spans=False)
        data[tag] = {rank: [] for rank in (1, 2, 3)}
        unjudged = dict.fromkeys((1, 2, 3), 0)
        for result in found:
            for rank, c in enumerate(result.candidates[:3], start=1):
                ok = judged.get((tag, key(result.input, c.label)))
                if c.score < JUDGED_MIN_SCORE:
                    continue
                if ok is None:
                    unjudged[rank] += 1
                else:
                    data[tag][rank].append((c.score, ok))
        print(
            f"sample {tag}: {len(phrases)} phrases of up to five words; concepts scoring >= {JUDGED_MIN_SCORE}"
        )
        for rank, got in data[tag].items():
            right = sum(ok for _, ok in got)
            scores = sorted(sc for sc, _ in got)
            mid = scores[len(scores) // 2] if scores else 0.0
            curve = sum(link_confidence(sc, "full") for sc, _ in got) / max(len(got), 1)
            print(
                f"  rank {rank}: {len(got)} judged, {right} right ({right / max(len(got), 1):.2f}), "
                f"{unjudged[rank]} unjudged; score median {mid:.2f}; the rank-1 curve's mean {curve:.2f}"
            )
    tune = {r: data["A"][r] for r in (2, 3)}
    check = {r: data["B"][r] for r in (2, 3)}
    pooled_a = tune[2] + tune[3]
    share = {r: sum(ok for _, ok in tune[r]) / len(tune[r]) for r in (2, 3)}
    share_pooled = sum(ok for _, ok in pooled_a) / len(pooled_a)
    a, b = fit_logistic(pooled_a)
    per_rank = {r: fit_logistic(tune[r]) for r in (2, 3)}

    def curve(s: float) -> float:
        return link_confidence(s, "full")

    factors = {r: fit_factor(tune[r], curve) for r in (2, 3)}
    factor_pooled = fit_factor(pooled_a, curve)

    def logistic(p: tuple[float, float]) -> Callable[[float], float]:
        return lambda s: 1.0 / (1.0 + math.exp(-(p[0] + p[1] * s)))

    models: list[tuple[str, dict[int, Callable[[float], float]]]] = [
        ("rank-1 curve as it is", {2: curve, 3: curve}),
        (
            f"constant, A's share pooled ({share_pooled:.3f})",
            {2: lambda _s: share_pooled, 3: lambda _s: share_pooled},
        ),
        (
            f"constant per rank ({share[2]:.3f}, {share[3]:.3f})",
            {2: lambda _s: share[2], 3: lambda _s: share[3]},
        ),
        (f"logistic pooled (a={a:.3f} b={b:.3f})", {2: logistic((a, b)), 3: logistic((a, b))}),
        (
            "logistic per rank ("
            + ", ".join(f"{r}: a={per_rank[r][0]:.3f} b={per_rank[r][1]:.3f}" for r in (2, 3))
            + ")",
            {2: logistic(per_rank[2]), 3: logistic(per_rank[3])},
        ),
        (
            f"rank-1 curve x {factor_pooled:.2f} pooled",
            {r: (lambda s, f=factor_pooled: min(f * curve(s), 0.95)) for r in (2, 3)},
        ),
        (
            f"rank-1 curve x factor per rank ({factors[2]:.2f}, {factors[3]:.2f})",
            {r: (lambda s, f=factors[r]: min(f * curve(s), 0.95)) for r in (2, 3)},
        ),
        (
            f"packaged {RANK_CALIBRATION[2]}, {RANK_CALIBRATION[3]} (capped by the rank-1 curve)",
            {r: (lambda s, r=r: link_confidence(s, "full", r)) for r in (2, 3)},
        ),
    ]
    print(
        f"2nd and 3rd concepts: fitted on A ({len(tune[2])} + {len(tune[3])}), checked on B ({len(check[2])} + {len(check[3])})"
    )
    for name, fns in models:
        cells = []
        for tag, part in (("A", tune), ("B (check)", check)):
            both = [(s, ok, r) for r in (2, 3) for s, ok in part[r]]
            ll = br = 0.0
            for s, ok, r in both:
                (l1, b1) = losses([(s, ok)], fns[r])
                ll += l1
                br += b1
            by_rank = " ".join(f"r{r} {losses(part[r], fns[r])[0]:.3f}" for r in (2, 3))
            cells.append(f"{tag} log-loss {ll / len(both):.3f} ({by_rank}) Brier {br / len(both):.3f}")
        print(f"  {name}\n    " + " | ".join(cells))
    # how sure B's gain is: the packaged curve's log-loss against the constant's, B's links resampled
    rows_b = [(s, ok, r) for r in (2, 3) for s, ok in check[r]]
    packaged, constant = models[-1][1], models[1][1]
    gain = [losses([(s, ok)], constant[r])[0] - losses([(s, ok)], packaged[r])[0] for s, ok, r in rows_b]
    boot = random.Random(SEED)
    means = sorted(sum(boot.choices(gain, k=len(gain))) / len(gain) for _ in range(2000))
    print(
        f"  B: packaged vs constant, log-loss lower by {sum(gain) / len(gain):.3f} "
        f"(95 % bootstrap interval {means[50]:.3f} to {means[1949]:.3f})"
    )


def to_judge(
    engine: Engine,
    sampled: dict[str, list[tuple[str, str, float]]],
    quick: dict[str, list[tuple[str, str, str]]],
    uris: dict[str, dict[str, str]],
    judged: dict[tuple[str, str], bool],
    out: Path,
) -> None:
    """Write the (phrase, concept) pairs of both samples that still lack a judgement, for judging blind: the
    drawn best concepts (full linker; and quick linking's best of the same phrases), and the 2nd and 3rd
    concepts ``kompetens link --top 3 --no-spans`` gives each drawn phrase (as ``ranks`` reads them). One row
    per (sample, key), shuffled (seeded), with no score and no rank: sample, key, phrase, the concept's label
    as linked (the key's), its English and Swedish preferred labels, its URI and the start of its English
    description. The file holds phrases of real ads: keep it outside the repository."""
    taxonomy = engine.require_taxonomy()
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    for tag, links in sampled.items():
        pairs = [(t, lab, uris[tag][t]) for t, lab, _ in links]
        pairs += quick.get(tag, [])
        found = engine.link([t for t, _, _ in links], top=3, spans=False)
        pairs += [(r.input, c.label, c.id) for r in found for c in r.candidates[1:3]]
        for phrase, label, uri in pairs:
            k = key(phrase, label)
            if (tag, k) not in judged:
                rows.setdefault((tag, k), (phrase, label, uri))
    lines = []
    for (tag, k), (phrase, label, uri) in rows.items():
        concept = taxonomy.get(uri)
        en = concept.labels.get("en", [""])[0] if concept else ""
        sv = concept.labels.get("sv", [""])[0] if concept else ""
        desc = (
            " ".join((concept.descriptions.get("en") or concept.description).split())[:160] if concept else ""
        )
        lines.append([tag, k, phrase, label, en, sv, uri, desc])
    random.Random(SEED).shuffle(lines)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["sample", "key", "phrase", "label", "label_en", "label_sv", "uri", "description_en"])
        w.writerows(lines)
    counts = {tag: sum(line[0] == tag for line in lines) for tag in sampled}
    print(f"to judge: {len(lines)} pairs ({counts}) -> {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME") or ".kompetens"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="print each sampled link with its judgement")
    ap.add_argument("--unjudged", action="store_true", help="with --show: list the links without a judgement")
    ap.add_argument(
        "--calibrate", action="store_true", help="fit the link confidence on sample A, score it on B"
    )
    ap.add_argument(
        "--ranks",
        action="store_true",
        help="check what `kompetens link`'s confidence reads: the full curve by score band, and whether the "
        "judgements cover the 2nd and 3rd concepts",
    )
    ap.add_argument(
        "--calibrate-ranks",
        action="store_true",
        help="fit a confidence for the 2nd and 3rd concepts on sample A, score it on B",
    )
    ap.add_argument(
        "--to-judge",
        type=Path,
        metavar="FILE",
        help="write the pairs still without a judgement (best concepts; 2nd and 3rd of `link --top 3 "
        "--no-spans`) to FILE, shuffled, without scores or ranks, for judging blind (outside the repository: "
        "it holds ad phrases)",
    )
    args = ap.parse_args()
    ads = args.shared / "data" / "dev" / "platsbanken" / "ads.jsonl"
    if not ads.is_file():
        print(f"{ads}: not found; needs ../shared", file=sys.stderr)
        return 2
    with LABELS.open(encoding="utf-8") as fh:
        judged = {(r["sample"], r["key"]): r["right"] == "1" for r in csv.DictReader(fh, delimiter="\t")}
    engine = Engine(args.data_dir)
    docs = [d for d in engine.read([ads], kind="ad") if not isinstance(d, IngestError)]
    docs = [d for d in docs if half(str(d.meta.get("id", ""))) == "tune" and d.lang == "sv"]
    rng = random.Random(SEED)
    rng.shuffle(docs)
    judged_links: dict[str, dict[str, list[tuple[float, bool]]]] = {"full": {}, "quick": {}}
    sampled: dict[str, list[tuple[str, str, float]]] = {}
    uris: dict[str, dict[str, str]] = {}
    quick_pairs: dict[str, list[tuple[str, str, str]]] = {}
    for name, part in (("A (chose the floor)", docs[:ADS]), ("B (check)", docs[ADS : 2 * ADS])):
        tag = name[0]
        # each sample was drawn by a fresh run seeded the same way: one generator per sample, as then
        rng = random.Random(SEED)
        rng.shuffle(list(range(len(docs))))
        engine = Engine(args.data_dir)
        engine.filter_phrase_links = False  # drawn as before stop 38's filter; ``keep`` applies it after
        uris[tag] = {}
        links = sample(engine, part, rng, uris[tag])
        skill = engine.skill_phrases

        def keep(phrase: str, label: str, skill=skill) -> bool:  # type: ignore[no-untyped-def]
            return skill.keeps(phrase, label, "sv")

        sampled[tag] = links
        rows = [(t, lab, sc, judged.get((tag, key(t, lab)))) for t, lab, sc in links]
        report(f"{name}, full linker (extract --link), links >= 1.2", rows, FLOORS, keep)
        # the same phrases by quick linking (thorough extraction): a link is judged where the full linker
        # gave the same concept, or where its own (phrase, concept) was judged
        quick = engine.link_phrases([t for t, _, _ in links], quick=True)
        rows_q = [
            (t, best.label, best.score, judged.get((tag, key(t, best.label))))
            for (t, _, _), best in zip(links, quick, strict=True)
            if best is not None
        ]
        report(f"{name}, quick linking (extract --thorough), the same phrases", rows_q, QUICK_FLOORS, keep)
        quick_pairs[tag] = [
            (t, best.label, best.id) for (t, _, _), best in zip(links, quick, strict=True) if best is not None
        ]
        for mode, got in (("full", rows), ("quick", rows_q)):
            judged_links[mode][tag] = [(sc, ok) for _, _, sc, ok in got if ok is not None]
        if args.show:
            for title, shown in (("full", rows), ("quick", rows_q)):
                print(f"  {title}:")
                for t, lab, sc, ok in shown:
                    mark = "" if keep(t, lab) else "  [filtered]"
                    print(f"    {sc:4.2f} {'+' if ok else '-' if ok is False else '?'} {t} -> {lab}{mark}")
            if args.unjudged:
                for t, lab, _, ok in rows + rows_q:
                    if ok is None:
                        print(f"UNJUDGED\t{tag}\t{key(t, lab)}\t{t}\t{lab}")
    if args.calibrate:
        calibrate(judged_links)
    if args.ranks:
        ranks(Engine(args.data_dir), sampled, judged)
    if args.calibrate_ranks:
        calibrate_ranks(Engine(args.data_dir), sampled, judged)
    if args.to_judge:
        to_judge(Engine(args.data_dir), sampled, quick_pairs, uris, judged, args.to_judge)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
