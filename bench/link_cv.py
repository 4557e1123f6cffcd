"""Linking weights by k-fold cross-validation over all the labelled linking data we have.

    OPENBLAS_NUM_THREADS=1 python bench/link_cv.py --data-dir DIR [--shared ../shared] [--folds 5] [--seed 14]
                                                    [--vector-cache DIR] [--no-sv] [--sv2] [--no-spans] [--json FILE]

Pools the Decorte et al. TECH and HOUSE validation sentences (gold: ESCO v1.1.0 names, scored as
bench/eval.py scores them) and our Swedish phrase list bench/data/link_sv.tsv (gold: ESCO URIs; a
Swedish phrase, its variants and its English twin form one unit, so they share a fold); with ``--sv2`` round 2
of that list (bench/data/link_sv_2.tsv) as a fourth set. Each set is cut
into ``--folds`` folds by a seeded hash of the unit (``fold_of``: deterministic, disjoint). For every
fold, a small grid of ``LinkConfig`` fusion weights is scored on the other folds, the best (mean over
the three sets of RP@5) is kept and scored on the held-out fold; the current defaults are scored on the
same folds beside it. Printed: per-fold RP@5 per set, mean and standard deviation over folds, the weights
chosen per fold.

Span fusion: the skill phrases the span tagger (extract/spans.py) finds in a sentence are linked as short
texts (each gets an e5 vector, like any text of ``e5_words`` words or fewer) and their rankings fused with
the sentence's by weighted reciprocal-rank fusion (``kompetens.link.linker.fuse_ranked``: weight and k
from the same cross-validation, jointly with the weights). Scored per fold beside plain linking.

The sentence scores are rebuilt from the linker's signals (lexical at each ``w_chr`` of the grid, static,
e5), so the grid costs one pass of the linker per text; ``check`` compares the rebuilt default with
``Linker.link`` on every text. Everything is measured in the fast mode (``e5_gate`` 0, the default).
The held-out-fold mean is the honest figure here: the Decorte test sets are not local, and will be lower.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from eval import CachedEmbedder, decorte_sets, gold_names, rp_at
from link_sv import load as load_sv

from kompetens.engine import Engine
from kompetens.link import E5Embedder, Embedder, LinkConfig, Linker
from kompetens.link.linker import fuse_ranked
from kompetens.link.text import clean, words

ROOT = Path(__file__).resolve().parents[1]
SETS = ("tech", "house", "sv", "sv2")
SV2 = Path(__file__).resolve().parent / "data" / "link_sv_2.tsv"
DEPTH = 100
GRID_CHR = (0.5, 1.0, 1.5)
GRID_STATIC = (0.0, 0.05, 0.1, 0.2, 0.3)
GRID_DEN = (0.1, 0.2, 0.3, 0.5)
GRID_TOOL = (0.0, 0.5, 1.0, 2.0, 3.0)
GRID_TERM = (0.0, 1.0, 2.0, 3.0)
GRID_SPAN_WEIGHT = (0.0, 0.25, 0.5, 1.0)
GRID_SPAN_K = (1, 3, 10, 60)


def fold_of(unit: str, folds: int, seed: int) -> int:
    """The fold of a unit (a sentence, or a Swedish phrase with its variants and twin): a seeded hash."""
    return int(hashlib.sha256(f"{seed}\t{unit}".encode()).hexdigest(), 16) % folds


def assign_folds(units: Sequence[str], folds: int, seed: int) -> list[int]:
    """Balanced folds: units sorted by their seeded hash and dealt round-robin (sizes differ by <= 1)."""
    order = sorted(
        range(len(units)), key=lambda i: hashlib.sha256(f"{seed}\t{units[i]}".encode()).hexdigest()
    )
    out = [0] * len(units)
    for rank, i in enumerate(order):
        out[i] = rank % folds
    return out


@dataclass(slots=True)
class Item:
    set: str
    unit: str
    text: str
    gold: frozenset[str]
    lang: str | None
    spans: list[str] = field(default_factory=list)


def items(shared: Path, sv: bool, sv2: bool = False) -> list[Item]:
    out = [
        Item(name, sentence, sentence, frozenset(gold), "en")
        for name in ("tech", "house")
        for sentence, gold in decorte_sets(shared, name).items()
    ]
    if sv:
        rows = load_sv()
        for r in rows:
            unit = r.variant or r.id
            out.append(Item("sv", unit, r.sv, r.gold, None))
            if not r.variant:
                out.append(Item("sv", unit, r.en, r.gold, None))
    if sv2:  # round 2 (stop 24): a set of its own, so it weighs as much as each other set
        for r in load_sv(SV2):
            unit = "r2:" + (r.variant or r.id)
            out.append(Item("sv2", unit, r.sv, r.gold, None))
            if not r.variant:
                out.append(Item("sv2", unit, r.en, r.gold, None))
    return out


Config = tuple[float, float, float, float, float]  # w_chr, w_static, w_den, w_tool, w_term (w_cov 1: ratios)
PARAMS = ("w_chr", "w_static", "w_den", "w_tool", "w_term")


def signals(linker: Linker, item: Item, idx: np.ndarray) -> dict[str, np.ndarray]:
    """Per skill concept group (``idx``): lexical at each grid ``w_chr``, static, e5 of the text."""
    cleaned = clean(item.text)
    tokens = words(cleaned)
    lang = item.lang or linker.langid.detect(tokens)
    saved = linker.config
    out: dict[str, np.ndarray] = {}
    try:
        for w_chr in GRID_CHR:
            linker.config = LinkConfig(**{**_fields(saved), "w_cov": 1.0, "w_chr": w_chr})
            out[f"lex{w_chr}"] = linker._lexical(tokens, lang, translate=True)[idx]
    finally:
        linker.config = saved
    langs = [linker._label_langs(tokens, lang)]
    out["static"] = linker._static_sims([tokens], langs)[0][idx]
    if len(tokens) <= linker.config.e5_words:
        out["den"] = linker._e5_sims([cleaned], langs)[0][0][idx]
    tool = np.zeros(linker._group_concept.shape[0], dtype=np.float32)
    tool[linker._tool_groups(tokens, cleaned)] = 1.0
    out["tool"] = tool[idx]
    term = np.zeros(linker._group_concept.shape[0], dtype=np.float32)
    term[linker._term_groups(tokens, lang)] = 1.0
    out["term"] = term[idx]
    return out


def _fields(cfg: LinkConfig) -> dict[str, object]:
    return {k: getattr(cfg, k) for k in LinkConfig.__dataclass_fields__}


def score(sig: dict[str, np.ndarray], cfg: Config) -> np.ndarray:
    """The fast-mode fused score: lexical + static, or lexical + e5 for a short text."""
    w_chr, w_static, w_den, w_tool, w_term = cfg
    lex = sig[f"lex{w_chr}"]
    if "den" in sig:
        fused = lex + np.float32(w_den) * sig["den"]
    else:
        fused = lex + np.float32(w_static) * sig["static"] if w_static else lex
    if w_tool:
        fused = fused + np.float32(w_tool) * sig["tool"]
    return fused + np.float32(w_term) * sig["term"] if w_term else fused


def top(values: np.ndarray, k: int = DEPTH) -> list[int]:
    part = np.argpartition(-values, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-values[part], kind="stable")]]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, required=True, help="a data folder `kompetens setup` built")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--repeats", type=int, default=4, help="cross-validations with seeds seed, seed+1, ...")
    ap.add_argument("--vector-cache", type=Path, help="reuse e5 query vectors across runs (by text)")
    ap.add_argument("--no-sv", action="store_true", help="leave out the Swedish phrase list")
    ap.add_argument("--sv2", action="store_true", help="add round 2 of the list (bench/data/link_sv_2.tsv)")
    ap.add_argument("--no-spans", action="store_true", help="skip span fusion")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument(
        "--rerank",
        action="store_true",
        help="the reranker of bench/link_rerank.py over Decorte and the four lists' tune halves instead",
    )
    ap.add_argument(
        "--speed", action="store_true", help="sentences/s with and without span fusion (HOUSE, cold)"
    )
    args = ap.parse_args(argv)
    if not (args.shared / "data" / "dev" / "decorte").is_dir():
        sys.exit(f"Decorte validation sets not found under {args.shared}/data/dev")

    t0 = time.perf_counter()
    engine = Engine(args.data_dir)
    embedder: Embedder = E5Embedder(num_threads=1)
    if args.vector_cache:
        embedder = CachedEmbedder(embedder, args.vector_cache)
    linker = Linker.load(args.data_dir / "link", embedder=embedder)
    default = linker.config
    default_cfg: Config = (
        default.w_chr / default.w_cov,
        default.w_static_skill / default.w_cov,  # skill texts (link_cv links kind="skill")
        default.w_den / default.w_cov,
        default.w_tool / default.w_cov,
        default.w_term / default.w_cov,
    )
    assert default.w_cov == 1.0 and default.w_chr in GRID_CHR, "grid assumes w_cov 1 and w_chr in GRID_CHR"
    idx = np.flatnonzero(linker._kind_mask["skill"])
    names = gold_names(args.shared)
    group_uri = [linker.uris[int(linker._group_concept[g])] for g in idx]
    group_key = {
        "uri": group_uri,
        "name": [
            names.get(u) or linker.labels[int(linker._group_concept[g])].get("en", "").lower()
            for u, g in zip(group_uri, idx, strict=True)
        ],
    }
    if args.rerank:
        import link_rerank

        summary = link_rerank.run(
            linker, args.shared, group_key, folds=args.folds, seed=args.seed, repeats=args.repeats
        )
        if args.json:
            args.json.write_text(json.dumps(summary, indent=1, default=str))
        return
    data = items(args.shared, not args.no_sv, args.sv2)
    print(
        f"{len(data)} texts: " + ", ".join(f"{s} {sum(i.set == s for i in data)}" for s in SETS),
        file=sys.stderr,
    )

    sigs = [signals(linker, it, idx) for it in data]
    print(f"signals {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    check(linker, data, sigs, default_cfg, group_key)

    grid: list[Config] = list(itertools.product(GRID_CHR, GRID_STATIC, GRID_DEN, GRID_TOOL, GRID_TERM))
    if default_cfg not in grid:
        grid.append(default_cfg)
    rankings = {cfg: [top(score(s, cfg)) for s in sigs] for cfg in grid}

    def keys(it: Item) -> list[str]:
        return group_key["uri" if it.set.startswith("sv") else "name"]

    def rp5(it: Item, ranked: list[int]) -> float:
        k = keys(it)
        return rp_at([k[g] for g in ranked], set(it.gold), 5)

    plain = {cfg: np.array([rp5(it, r) for it, r in zip(data, rankings[cfg], strict=True)]) for cfg in grid}

    # Span fusion: ("e5") the phrases linked as `link` links them (a text of e5_words words or fewer gets an
    # e5 vector), ("static") on the fast path only (no e5: what 200 sentences/s allows).
    fused: dict[str, dict[tuple[Config, float, int], np.ndarray]] = {}
    if not args.no_spans:
        t1 = time.perf_counter()
        tagger = engine.span_tagger
        for it in data:
            cleaned = clean(it.text)
            if (
                not it.set.startswith("sv") and len(words(cleaned)) > default.e5_words
            ):  # as Linker.link(spans=...)
                it.spans = list(
                    dict.fromkeys(cleaned[s:e] for s, e in tagger.find(cleaned, "en") if words(cleaned[s:e]))
                )
        span_texts = list(dict.fromkeys(t for it in data for t in it.spans))
        pos = {u: i for i, u in enumerate(group_uri)}
        n_spans = sum(len(it.spans) for it in data if not it.set.startswith("sv"))
        n_sent = sum(not it.set.startswith("sv") for it in data)
        print(f"spans: {n_spans} in {n_sent} sentences, {len(span_texts)} distinct", file=sys.stderr)
        for how, e5_words in (("e5", default.e5_words), ("static", 0)):
            linker.config = LinkConfig(**{**_fields(default), "e5_words": e5_words})
            linked = dict(
                zip(span_texts, linker.link(span_texts, top=DEPTH, kind="skill", lang="en"), strict=True)
            )
            linker.config = default
            span_rank = [[[pos[c.uri] for c in linked[t] if c.uri in pos] for t in it.spans] for it in data]
            if how == "e5":
                span_rank_e5 = span_rank
            cfgs = grid if how == "e5" else [default_cfg]
            table = fused[how] = {}
            for cfg in cfgs:
                for weight, k in itertools.product(GRID_SPAN_WEIGHT, GRID_SPAN_K):
                    table[(cfg, weight, k)] = (
                        plain[cfg]
                        if weight == 0
                        else np.array(
                            [
                                rp5(it, fuse_ranked(r, sr, weight=weight, k=k)[:5]) if sr else rp5(it, r)
                                for it, r, sr in zip(data, rankings[cfg], span_rank, strict=True)
                            ]
                        )
                    )
        print(f"span fusion {time.perf_counter() - t1:.0f} s", file=sys.stderr)
        # The library's span fusion (Linker.link(spans=...), the default span_weight and span_k) as rebuilt here.
        texts = [it for it in data if not it.set.startswith("sv")]
        lib = linker.link([it.text for it in texts], top=5, kind="skill", lang="en", spans=tagger.find)
        pos_of = {id(it): n for n, it in enumerate(data)}
        differ = 0
        for it, cands in zip(texts, lib, strict=True):
            n = pos_of[id(it)]
            mine = fuse_ranked(
                rankings[default_cfg][n], span_rank_e5[n], weight=default.span_weight, k=default.span_k
            )
            differ += [group_uri[g] for g in mine[:5]] != [c.uri for c in cands]
        print(
            f"check: rebuilt span fusion top 5 differs from Linker.link(spans=...) on {differ} of {len(texts)}",
            file=sys.stderr,
        )
        if args.speed:
            speed(linker, [it.text for it in data if it.set == "house"], tagger.find)

    sets = np.array([it.set for it in data])
    present = [s for s in SETS if (sets == s).any()]

    def folds_for(seed: int) -> np.ndarray:
        fold = np.zeros(len(data), dtype=int)
        for s in present:
            members = np.flatnonzero(sets == s)
            units = sorted({data[i].unit for i in members})
            unit_fold = dict(zip(units, assign_folds(units, args.folds, seed), strict=True))
            for i in members:
                fold[i] = unit_fold[data[i].unit]
        return fold

    def objective(values: np.ndarray, mask: np.ndarray) -> float:
        return float(np.mean([values[mask & (sets == s)].mean() for s in present]))

    def per_set(values: np.ndarray, mask: np.ndarray) -> dict[str, float]:
        return {s: 100 * float(values[mask & (sets == s)].mean()) for s in present}

    def cv(seed: int) -> list[dict[str, object]]:
        fold = folds_for(seed)
        rows: list[dict[str, object]] = []
        for f in range(args.folds):
            train, test = fold != f, fold == f
            best = max(grid, key=lambda c: (objective(plain[c], train), c == default_cfg))
            row: dict[str, object] = {
                "seed": seed,
                "fold": f,
                "n": {s: int((test & (sets == s)).sum()) for s in present},
                "default": per_set(plain[default_cfg], test),
                "cv": per_set(plain[best], test),
                "cv_params": dict(zip(PARAMS, best, strict=True)),
            }
            for how, table in fused.items():
                # span weight and k chosen on the training folds, over the default weights ...
                dbest = max(
                    (c for c in table if c[0] == default_cfg),
                    key=lambda c: (objective(table[c], train), c[1] == 0),
                )
                row[f"spans_{how}"] = per_set(table[dbest], test)
                row[f"spans_{how}_params"] = {"span_weight": dbest[1], "span_k": dbest[2]}
                if how == "e5":  # ... and jointly with the weights
                    jbest = max(
                        table, key=lambda c: (objective(table[c], train), c[1] == 0, c[0] == default_cfg)
                    )
                    row["cv_spans"] = per_set(table[jbest], test)
                    row["cv_spans_params"] = {
                        **dict(zip(PARAMS, jbest[0], strict=True)),
                        "span_weight": jbest[1],
                        "span_k": jbest[2],
                    }
            rows.append(row)
        return rows

    all_rows = np.ones(len(data), dtype=bool)
    runs = [cv(args.seed + r) for r in range(args.repeats)]
    summary: dict[str, object] = {
        "whole_default": per_set(plain[default_cfg], all_rows),
        "folds": runs,
        "grid": len(grid),
        "seconds": round(time.perf_counter() - t0),
    }
    report(runs, present, default_cfg, summary)
    print(f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, default=str))


VARIANTS = {
    "default": "default weights",
    "cv": "CV-chosen weights",
    "spans_e5": "default weights + span fusion, phrases with e5 (span weight, k by CV)",
    "spans_static": "default weights + span fusion, phrases without e5 (span weight, k by CV)",
    "cv_spans": "CV-chosen weights + span fusion with e5 (jointly)",
}


def report(
    runs: list[list[dict[str, object]]], present: list[str], default_cfg: Config, summary: dict[str, object]
) -> None:
    rows = runs[0]
    variants = [v for v in VARIANTS if v in rows[0]]
    print(f"RP@5 on held-out folds, seed {rows[0]['seed']}: {len(rows)} folds (n per fold: {rows[0]['n']})")
    print(f"default (w_chr, w_static, w_den, w_tool, w_term) = {default_cfg} with w_cov 1")
    print("fold  " + "  ".join(f"{s:>6}" for s in present) + "  chosen on the other folds")
    for v in variants:
        print(f"-- {VARIANTS[v]}")
        for r in rows:
            figs = r[v]
            assert isinstance(figs, dict)
            print(
                f"{r['fold']:>4}  "
                + "  ".join(f"{figs[s]:6.2f}" for s in present)
                + f"  {r.get(v + '_params', '')}"
            )
        _mean_sd("mean", [rows], v, present, summary)
    if len(runs) > 1:
        print(f"\nover {len(runs)} seeds x {len(rows)} folds (mean, sd over all held-out folds)")
        for v in variants:
            print(f"-- {VARIANTS[v]}")
            _mean_sd("all", runs, v, present, summary)
    whole: dict[str, float] = summary["whole_default"]  # type: ignore[assignment]
    print("\ndefault weights on all texts: " + ", ".join(f"{s} {x:.2f}" for s, x in whole.items()))


def _mean_sd(
    tag: str, runs: list[list[dict[str, object]]], v: str, present: list[str], summary: dict[str, object]
) -> None:
    values = {s: np.array([r[v][s] for rows in runs for r in rows]) for s in present}  # type: ignore[index]
    print(
        "mean  "
        + "  ".join(f"{m.mean():6.2f}" for m in values.values())
        + f"  (mean of sets {np.mean([m.mean() for m in values.values()]):.2f})"
    )
    print("sd    " + "  ".join(f"{m.std(ddof=1):6.2f}" for m in values.values()))
    summary[f"{tag}_{v}"] = {
        s: [round(float(m.mean()), 2), round(float(m.std(ddof=1)), 2)] for s, m in values.items()
    }


def speed(linker: Linker, sentences: list[str], finder: object) -> None:
    """Sentences per second, 1 process, cold e5 cache, plain and with span fusion (as bench/eval.py times)."""
    linker.link(["warm-up: prepare the label matrices before the clock starts"], spans=finder)  # type: ignore[arg-type]
    out = []
    for name, spans in (("plain", None), ("spans", finder)):
        linker.clear_cache()
        start = time.perf_counter()
        linker.link(sentences, top=10, spans=spans)  # type: ignore[arg-type]
        out.append(f"{name} {len(sentences) / (time.perf_counter() - start):.1f}")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"sentences/s, 1 process, {len(sentences)} HOUSE sentences, cold: {', '.join(out)} (load {load})")


def check(
    linker: Linker,
    data: list[Item],
    sigs: list[dict[str, np.ndarray]],
    cfg: Config,
    key: dict[str, list[str]],
) -> None:
    """The rebuilt default score ranks as ``Linker.link`` does (top 5 of each text)."""
    differ: dict[str, int] = {}
    for it, sig in zip(data, sigs, strict=True):
        mine = [key["uri"][g] for g in top(score(sig, cfg), 5)]
        theirs = [c.uri for c in linker.link([it.text], top=5, kind="skill", lang=it.lang)[0]]
        differ[it.set] = differ.get(it.set, 0) + (mine != theirs)
    print(
        f"check: rebuilt default top 5 differs from Linker.link on {sum(differ.values())} of {len(data)} texts "
        f"({', '.join(f'{s} {n}' for s, n in differ.items())}; the rebuilt score leaves out the gloss of short "
        "Swedish texts and their requirement wording's removal)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
