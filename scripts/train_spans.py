"""Train the skill-span tagger (src/kompetens/extract/spans.py) on SkillSpan's train split.

    python scripts/train_spans.py [--data ../shared/data/dev/skillspan] [--epochs 60] [--folds 5] [--out PATH]
                                  [--cv-only] [--no-cv] [--grid 40,50,60,70] [--biases 0,4,8]
                                  [--swedish scripts/data/spans_sv_train.txt] [--sv-weight 1] [--sv-weights 0,1,3]

Prints 5-fold cross-validation inside train (folds by posting: source and idx), strict and loose span
P/R/F1 per epoch count (mean and spread across folds), then trains on all of train with --epochs and writes
src/kompetens/extract/data/spans.npz. Our fictional Swedish training lines (``--swedish``, written for this:
no data set's text) join every fold's training, ``--sv-weight`` times each, and are cross-validated by ad
beside SkillSpan. Deterministic: the folds and the shuffles are seeded. The dev split is
not read here (bench/spans.py reports it once); the data never enters the repository, only the weights.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kompetens.extract.spans import (  # noqa: E402
    SpanModel,
    SpanScore,
    SpanTagger,
    bio_spans,
    read_bracketed_ads,
    tokenize,
    train,
)

SEED = 13
SV_WEIGHT = 3
"""Times each of our Swedish training lines is trained on (chosen by cross-validation: docs/extraction.md)."""


def gold_spans(row: dict[str, object]) -> set[tuple[int, int]]:
    """Skill and knowledge spans of a SkillSpan row, as in shared/tools/eval_spans.py."""
    out: set[tuple[int, int]] = set()
    for key in ("tags_skill", "tags_knowledge"):
        tags = row[key]
        assert isinstance(tags, list)
        out.update(bio_spans(tags))
    return out


def subtokens(tokens: list[str]) -> tuple[list[str], list[int]]:
    """The tagger's tokens of a SkillSpan row and the row token each comes from."""
    words: list[str] = []
    owner: list[int] = []
    for k, tok in enumerate(tokens):
        for w, _, _ in tokenize(tok) or [(tok, 0, len(tok))]:
            words.append(w)
            owner.append(k)
    return words, owner


def example(row: dict[str, object]) -> tuple[list[str], list[tuple[int, int]]]:
    tokens = row["tokens"]
    assert isinstance(tokens, list)
    words, owner = subtokens(tokens)
    first = {k: owner.index(k) for k in set(owner)}
    last = {k: len(owner) - 1 - owner[::-1].index(k) for k in set(owner)}
    spans: list[tuple[int, int]] = []
    taken = [False] * len(words)
    for s, e in sorted(gold_spans(row), key=lambda se: (se[0] - se[1], se[0])):  # longest first
        a, b = first[s], last[e - 1] + 1
        if not any(taken[a:b]):
            spans.append((a, b))
            taken[a:b] = [True] * (b - a)
    return words, sorted(spans)


def predict_rows(tagger: SpanTagger, rows: list[dict[str, object]]) -> list[set[tuple[int, int]]]:
    """Predicted spans of each row, in the row's own tokens."""
    out = []
    for row in rows:
        tokens = row["tokens"]
        assert isinstance(tokens, list)
        words, owner = subtokens(tokens)
        out.append({(owner[s], owner[e - 1] + 1) for s, e in tagger.tag(words, "en")})
    return out


def score(preds: list[set[tuple[int, int]]], golds: list[set[tuple[int, int]]]) -> dict[str, float]:
    """Strict and loose P/R/F1 as shared/tools/eval_spans.py computes them."""
    counts = SpanScore()
    for pred, gold in zip(preds, golds, strict=True):
        counts.add(pred, gold)
    return counts.figures()


def folds(rows: list[dict[str, object]], k: int) -> list[int]:
    """Fold of each row: postings (source, idx) dealt round-robin in a seeded order."""
    import random

    keys = sorted({(str(r.get("source")), int(str(r["idx"]))) for r in rows})
    random.Random(SEED).shuffle(keys)
    fold_of = {key: i % k for i, key in enumerate(keys)}
    return [fold_of[(str(r.get("source")), int(str(r["idx"])))] for r in rows]


def with_bias(model: SpanModel, bias: float) -> SpanModel:
    """``model`` with ``bias`` added to each B and I label: the same as a column of the transitions."""
    trans = model.trans.copy()
    trans[:, 1:] += bias
    return SpanModel(model.weights, trans, {**model.meta, "bias": str(bias)}, model.clusters)


def word_clusters(sizes: list[int], *, iterations: int = 20) -> dict[str, tuple[int, ...]]:
    """Lowercased word -> its cluster at each size in ``sizes``: spherical k-means (seeded, deterministic) of
    the multilingual e5 vectors of the taxonomy's label words that ship in the package (link/packaged.py), so
    Swedish and English words of one meaning share clusters. Words with no letter are left out."""
    import numpy as np

    from kompetens.link.packaged import packaged_vectors

    _, vectors = packaged_vectors()
    words = sorted(w for w in vectors if any(c.isalpha() for c in w) and w == w.lower())
    if not words or not sizes:
        return {}
    x = np.stack([vectors[w] for w in words]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    ids = []
    for k in sizes:
        rng = np.random.default_rng(SEED + k)
        centres = x[rng.choice(len(x), size=k, replace=False)].copy()
        assign = np.zeros(len(x), dtype=np.int64)
        for _ in range(iterations):
            assign = np.argmax(x @ centres.T, axis=1)
            sums = np.zeros_like(centres)
            np.add.at(sums, assign, x)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            centres = np.where(norms > 0, sums / np.maximum(norms, 1e-9), centres)
        ids.append(assign)
    return {w: tuple(int(col[i]) for col in ids) for i, w in enumerate(words)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "skillspan")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--grid", default="40,50,60,70", help="epoch counts scored in cross-validation")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--bias", type=float, default=4.0, help="added to every B and I label (recall vs precision)"
    )
    ap.add_argument("--biases", default="0,4,8", help="biases scored in cross-validation")
    ap.add_argument(
        "--clusters", default="32,256,1024", help="k-means sizes of the word clusters ('' for none)"
    )
    ap.add_argument(
        "--swedish",
        type=Path,
        default=ROOT / "scripts" / "data" / "spans_sv_train.txt",
        help="our Swedish training lines ('' for none)",
    )
    ap.add_argument("--sv-weight", type=int, default=SV_WEIGHT, help="times each Swedish line is trained on")
    ap.add_argument(
        "--sv-weights", default="", help="Swedish weights scored in cross-validation (default: --sv-weight)"
    )
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "kompetens" / "extract" / "data" / "spans.npz")
    args = ap.parse_args()

    rows = [json.loads(line) for line in (args.data / "train.json").open(encoding="utf-8") if line.strip()]
    examples = [example(r) for r in rows]
    golds = [gold_spans(r) for r in rows]
    print(f"train: {len(rows)} sentences, {sum(map(len, golds))} gold spans")
    t0 = time.process_time()
    clusters = word_clusters([int(k) for k in args.clusters.split(",") if k.strip()])
    print(
        f"word clusters {args.clusters or 'none'}: {len(clusters)} words ({time.process_time() - t0:.0f} s CPU)"
    )
    grid = sorted(int(x) for x in args.grid.split(","))
    sv_ads = read_bracketed_ads(args.swedish) if str(args.swedish) and args.swedish.is_file() else []
    print(f"Swedish training lines: {sum(map(len, sv_ads))} in {len(sv_ads)} ads ({args.swedish})")
    if not args.no_cv:
        fold_of = folds(rows, args.folds)
        biases = [float(x) for x in args.biases.split(",")]
        weights = [int(x) for x in (args.sv_weights or str(args.sv_weight)).split(",")]
        Key = tuple[int, float, int]
        results: dict[Key, list[dict[str, float]]] = {}
        sv_results: dict[Key, list[dict[str, float]]] = {}
        for weight in weights:
            for fold in range(args.folds):
                t0 = time.process_time()
                train_ex = [ex for ex, f in zip(examples, fold_of, strict=True) if f != fold]
                test_rows = [r for r, f in zip(rows, fold_of, strict=True) if f == fold]
                test_gold = [g for g, f in zip(golds, fold_of, strict=True) if f == fold]
                sv_train = [ex for k, ad in enumerate(sv_ads) if k % args.folds != fold for ex in ad]
                sv_test = [ex for k, ad in enumerate(sv_ads) if k % args.folds == fold for ex in ad]
                fold_ex = train_ex + sv_train * weight
                fold_langs = ["en"] * len(train_ex) + ["sv"] * (len(sv_train) * weight)

                def scored(  # type: ignore[no-untyped-def]
                    epoch: int,
                    model: SpanModel,
                    test_rows=test_rows,
                    test_gold=test_gold,
                    sv_test=sv_test,
                    weight=weight,
                ) -> None:
                    for bias in biases if epoch in grid else []:
                        tagger = SpanTagger(with_bias(model, bias))
                        key = (epoch, bias, weight)
                        results.setdefault(key, []).append(score(predict_rows(tagger, test_rows), test_gold))
                        if sv_test:
                            preds = [set(tagger.tag(words, "sv")) for words, _ in sv_test]
                            sv_results.setdefault(key, []).append(
                                score(preds, [set(sp) for _, sp in sv_test])
                            )

                train(
                    fold_ex, langs=fold_langs, epochs=max(grid), seed=SEED, clusters=clusters, on_epoch=scored
                )
                best = results[(max(grid), biases[0], weight)][-1]
                print(
                    f"Swedish weight {weight}, fold {fold}: {len(test_rows)} sentences, {max(grid)} epochs strict "
                    f"F1 {best['F1']:.1f} loose {best['loose']:.1f} ({time.process_time() - t0:.0f} s CPU)",
                    flush=True,
                )
        for title, table in (("SkillSpan train", results), ("our Swedish lines (folds by ad)", sv_results)):
            print(
                f"cross-validation on {title} ({args.folds} folds), mean ± standard deviation across folds:"
            )
            for (epoch, bias, weight), rs in table.items():
                cells = "  ".join(
                    f"{m} {statistics.mean(r[m] for r in rs):.1f} ± {statistics.stdev(r[m] for r in rs):.1f}"
                    for m in ("P", "R", "F1", "loose")
                )
                print(f"  epochs {epoch:2d} bias {bias:4.1f} Swedish x{weight}: {cells}")
    if args.cv_only:
        return
    sv_all = [ex for ad in sv_ads for ex in ad] * args.sv_weight
    model = with_bias(
        train(
            examples + sv_all,
            langs=["en"] * len(examples) + ["sv"] * len(sv_all),
            epochs=args.epochs,
            seed=SEED,
            clusters=clusters,
        ),
        args.bias,
    )
    model.meta.update(
        {
            "data": "SkillSpan train (skill + knowledge merged)"
            + (f" + our Swedish lines x{args.sv_weight}" if sv_all else ""),
            "sentences": str(len(rows)),
            "swedish_lines": str(len(sv_all) // max(1, args.sv_weight)),
            "clusters": args.clusters,
        }
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
