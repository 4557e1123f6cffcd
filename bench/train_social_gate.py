"""Train the learned social-media gate (``kompetens.review.gate``) on the tune halves, and nothing else.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/train_social_gate.py [--shared ../shared] [--data-dir DIR]
                                                                      [--write] [--cache /tmp/gate.npz]

Examples: every social-media span the rules find (cue or mention, counted or set aside; never the title) in the
TUNE half (``sha256(id) % 2 == 0``) of the seven written sets (bench/data/social_*_written*.tsv) and of the
labelled real ads (../shared/data/dev/platsbanken: labels.jsonl and the two ``--labels`` files of
bench/review_real.py). Labels from the ad's ``somo``: every span of an ad without social-media work is a
negative; in an ad with it, a span the rules count is a positive and a set-aside span is left out (its label is
unknown). Noisy positives (an ad with social-media work may also name another team's channels): after a first
fit, a positive span scored below 0.1 in an ad where another counted span scores above 0.5 is dropped and the
model refitted (multiple-instance, once).

The model: an L2 logistic regression (Newton steps, numpy) over the sentence's e5 vector and the structural
features of ``gate.STRUCT``, classes weighted to balance. The threshold is chosen by leave-one-set-out
cross-validation over the tune halves (eight groups: seven written sets and the real ads): each group's ads
decided by a model fitted on the other seven; the threshold that maximises the pooled F1 of
``requires_social_media`` as if the rules had counted every span of the ads without social-media work (kinds
no rule was written for, which the tune halves no longer hold), with the pooled recall kept >= 0.95; the spread of each group's own best threshold is printed. Check
halves are never read. ``--write`` writes src/kompetens/review/social_gate.json (weights only: no ad text).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from _halves import half

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ["KOMPETENS_SOCIAL_GATE"] = "0"

import numpy as np

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.ingest import document_from_text
from kompetens.layout import layout_cues, segment
from kompetens.review.core import review_ad
from kompetens.review.gate import STRUCT, features, gated

ROOT = Path(__file__).resolve().parents[1]
SETS = (
    "social_en_written",
    "social_en_written_2",
    "social_en_written_3",
    "social_en_written_4",
    "social_sv_written",
    "social_sv_written_2",
    "social_sv_written_3",
)
OUT = ROOT / "src" / "kompetens" / "review" / "social_gate.json"
L2 = 1000.0
"""Strong: 403 features, about 700 spans (LOSO F1 0.907 at 1000, 0.904 at 100, 0.889 at 10)."""
MIN_RECALL = 0.95
"""The threshold keeps the pooled held-out recall at least this (issue #11 asks >= 0.9 on every check half)."""


def written(name: str) -> list[tuple[str, str, bool]]:
    """(id, text, somo) of a written set's tune rows (the check rows are skipped unread)."""
    out = []
    with (ROOT / "bench" / "data" / f"{name}.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if half(row["id"]) == "tune":
                out.append((row["id"], row["title"] + "\n\n" + row["text"], row["somo"] == "true"))
    return out


def real_labels(shared: Path) -> dict[str, bool]:
    """somo of every labelled real ad in the tune half (labels.jsonl and both TSV label files)."""
    data = shared / "data" / "dev" / "platsbanken"
    labels: dict[str, bool] = {}
    for row in map(json.loads, (data / "labels.jsonl").open(encoding="utf-8")):
        labels[row["id"]] = bool(row["somo"])
    for name in ("platsbanken_labels_2.tsv", "platsbanken_labels_en.tsv"):
        with (ROOT / "bench" / "data" / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                labels[row["id"]] = row["somo"] == "yes"
    return {k: v for k, v in labels.items() if half(k) == "tune"}


def collect(engine: Engine, group: int, docs: list[tuple[Any, bool]], acc: dict[str, list[Any]]) -> None:
    """Each ad's spans into ``acc``: texts to embed, structural rows, labels, whether counted, ad and group."""
    for doc, somo in docs:
        profile = engine.extract(doc, spans=False)
        review = review_ad(doc, profile, social_gate=False)
        layout = profile.layout or segment(doc.text, layout_cues(doc.lang), title=doc.title)
        ad = len(acc["ad_gold"])
        acc["ad_gold"].append(somo)
        acc["ad_group"].append(group)
        acc["ad_fixed"].append(any(e.counted and not gated(e) for e in review.evidence))
        spans = [e for e in review.evidence if e.via in {"cue", "mention"} and e.section != "title"]
        if not spans:
            continue
        texts, index, struct = features(doc.text, layout, spans, doc.lang)
        base = len(acc["texts"])
        acc["texts"].extend(texts)
        for e, i, row in zip(spans, index, struct, strict=True):
            acc["text"].append(base + i)
            acc["struct"].append(row)
            acc["counted"].append(e.counted)
            acc["ad"].append(ad)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """L2 logistic regression by Newton steps; ``w`` the examples' weights."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-(xb @ beta)))
        g = xb.T @ (w * (p - y)) + reg * beta
        h = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-6 * np.eye(d + 1)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta[:-1], float(beta[-1])


def train(
    x: np.ndarray, y: np.ndarray, ad: np.ndarray, counted: np.ndarray, l2: float = L2
) -> tuple[np.ndarray, float]:
    """Fit, drop noisy positives (multiple-instance, once), refit."""
    pos = y.sum()
    weights = np.where(y == 1, len(y) / (2 * max(pos, 1)), len(y) / (2 * max(len(y) - pos, 1)))
    coef, bias = fit(x, y, weights, l2)
    p = 1 / (1 + np.exp(-(x @ coef + bias)))
    keep = np.ones(len(y), dtype=bool)
    for i in np.flatnonzero((y == 1) & (p < 0.1)):
        others = (ad == ad[i]) & counted & (np.arange(len(y)) != i)
        if (p[others] > 0.5).any():
            keep[i] = False
    if keep.all():
        return coef, bias
    return fit(x[keep], y[keep], weights[keep], l2)


def decide(
    acc: dict[str, np.ndarray], probs: np.ndarray, t: float, ads: np.ndarray, *, unseen: bool = False
) -> np.ndarray:
    """Each ad's requires_social_media with the gate at threshold ``t``. ``unseen``: as if the rules had
    counted every span of an ad without social-media work (kinds no rule was written for: what a check
    half holds), spans set aside in an ad with it still unknown and left out."""
    flagged = acc["ad_fixed"][ads].copy()
    pos = {a: i for i, a in enumerate(ads)}
    spans = acc["counted"] | ~acc["ad_gold"].astype(bool)[acc["ad"]] if unseen else acc["counted"]
    for j in np.flatnonzero(spans):
        a = acc["ad"][j]
        if a in pos and probs[j] >= t:
            flagged[pos[a]] = True
    return flagged


def scores(gold: np.ndarray, found: np.ndarray) -> tuple[float, float, float, int, int]:
    tp = int((gold & found).sum())
    fp = int((~gold & found).sum())
    fn = int((gold & ~found).sum())
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    f = 2 * p * r / max(p + r, 1e-9)
    return p, r, f, fp, int((~gold).sum())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument(
        "--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME", ROOT / ".kompetens"))
    )
    ap.add_argument("--cache", type=Path, help="keep the collected features here (outside the repo)")
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    ap.add_argument("--l2", type=float, default=L2)
    args = ap.parse_args()
    names = [*SETS, "real"]
    if args.cache and args.cache.is_file():
        z = np.load(args.cache)
        acc = {k: z[k] for k in z.files}
    else:
        engine = Engine(args.data_dir)
        raw: dict[str, list[Any]] = {
            k: [] for k in ("texts", "text", "struct", "counted", "ad", "ad_gold", "ad_group", "ad_fixed")
        }
        for g, name in enumerate(SETS):
            lang = "sv" if "_sv" in name else "en"
            docs = [
                (document_from_text(text, source=i, lang=lang, kind="ad"), somo)
                for i, text, somo in written(name)
            ]
            collect(engine, g, docs, raw)
        labels = real_labels(args.shared)
        data = args.shared / "data" / "dev" / "platsbanken"
        ads = [a for a in map(json.loads, (data / "ads.jsonl").open(encoding="utf-8")) if a["id"] in labels]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "tune.jsonl"
            path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ads), encoding="utf-8")
            docs = [
                (d, labels[a["id"]])
                for a, d in zip(ads, engine.read([path], kind="ad"), strict=True)
                if not isinstance(d, IngestError)
            ]
        collect(engine, len(SETS), [(d, s) for d, s in docs if d.lang in {"sv", "en"}], raw)
        from kompetens.link.embed import E5Embedder

        vectors = E5Embedder().query(raw.pop("texts"))
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        acc = {k: np.asarray(v) for k, v in raw.items()}
        acc["x"] = np.hstack([vectors[acc["text"]], np.asarray(raw["struct"], dtype=np.float32)])
        if args.cache:
            np.savez(args.cache, **{k: v for k, v in acc.items()})
    x_all = acc["x"].astype(np.float64)
    counted = acc["counted"].astype(bool)
    span_gold = acc["ad_gold"].astype(bool)[acc["ad"]]
    use = counted | ~span_gold  # set-aside spans of an ad with social-media work: label unknown
    y = span_gold.astype(np.float64)
    group = acc["ad_group"][acc["ad"]]
    acc["ad_fixed"] = acc["ad_fixed"].astype(bool)
    acc["counted"] = counted
    print(
        f"{len(x_all)} spans in {len(acc['ad_gold'])} tune ads; trained on {int(use.sum())} "
        f"({int((use & (y == 1)).sum())} positive), {x_all.shape[1]} features"
    )

    # leave one set out
    probs = np.zeros(len(y))
    for g in range(len(names)):
        train_rows = use & (group != g)
        mean, scale = x_all[train_rows].mean(0), x_all[train_rows].std(0) + 1e-6
        xs = (x_all - mean) / scale
        coef, bias = train(xs[train_rows], y[train_rows], acc["ad"][train_rows], counted[train_rows], args.l2)
        held = group == g
        probs[held] = 1 / (1 + np.exp(-(xs[held] @ coef + bias)))
    gold = acc["ad_gold"].astype(bool)
    all_ads = np.arange(len(gold))
    grid = np.round(np.arange(0.0, 0.96, 0.05), 2)
    best_t, best = 0.0, (-1.0, 0.0)
    for unseen in (False, True):
        print(
            "as the rules count now:"
            if not unseen
            else "as if the rules counted every span of the negatives:"
        )
        for t in grid:
            p, r, f, fp, neg = scores(gold, decide(acc, probs, t, all_ads, unseen=unseen))
            print(f"  t {t:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} negatives flagged {fp}/{neg}")
            if unseen and r >= MIN_RECALL and (f, -t) > best:
                best_t, best = float(t), (f, -t)
    spread = []
    for g, name in enumerate(names):
        ads = np.flatnonzero(acc["ad_group"] == g)
        gb = max(
            grid, key=lambda t, ads=ads: (scores(gold[ads], decide(acc, probs, t, ads, unseen=True))[2], -t)
        )
        spread.append(float(gb))
        row = []
        for unseen in (False, True):
            rb = scores(gold[ads], decide(acc, probs, 0.0, ads, unseen=unseen))
            at = scores(gold[ads], decide(acc, probs, best_t, ads, unseen=unseen))
            row.append(
                f"P {rb[0]:.2f} R {rb[1]:.2f} FP {rb[3]}/{rb[4]} -> P {at[0]:.2f} R {at[1]:.2f} FP {at[3]}/{at[4]}"
            )
        print(f"  held out {name:20s} now: {row[0]} | unseen: {row[1]} | its own best t {gb:.2f}")
    print(
        f"threshold {best_t:.2f} (pooled F1 {best[0]:.3f}, unseen); per-set best {min(spread):.2f}-{max(spread):.2f}"
    )

    mean, scale = x_all[use].mean(0), x_all[use].std(0) + 1e-6
    coef, bias = train(((x_all - mean) / scale)[use], y[use], acc["ad"][use], counted[use], args.l2)
    if args.write:
        out = {
            "_doc": "kompetens.review.gate weights, written by bench/train_social_gate.py from the tune halves "
            "(no ad text): w over (e5 vector, STRUCT) after (x - mean) / scale, logistic, b the bias.",
            "struct": list(STRUCT),
            "threshold": best_t,
            "default": False,
            "cv_threshold_spread": [min(spread), max(spread)],
            "trained_on": int(use.sum()),
            "b": round(bias, 5),
            "w": [round(float(v), 5) for v in coef],
            "mean": [round(float(v), 5) for v in mean],
            "scale": [round(float(v), 5) for v in scale],
        }
        OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
