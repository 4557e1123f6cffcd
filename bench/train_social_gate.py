"""Train the learned social-media gate (``kompetens.review.gate``) on the tune halves, and nothing else.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/train_social_gate.py [--shared ../shared] [--data-dir DIR]
                                                                      [--write]

Examples (stop 46): every social-media span of the ad's text the rules find (a cue or a mention, counted or set
aside; never the title) in the TUNE half (``sha256(id) % 2 == 0``) of the written social sets
named in ``SETS`` (bench/data/social_*_written*.tsv up to stop 45) and of the labelled real ads (../shared/data/dev/platsbanken: labels.jsonl and
the two ``--labels`` files of bench/review_real.py). Labels from the ad's ``somo``: every span of an ad without
social-media work is a negative (the tune halves' negatives are no longer flagged, so their set-aside spans
stand for the kinds a new writer's traps bring); in an ad with it, a span the rules count is a positive and a
set-aside span is left out (its label is unknown). Noisy positives (an ad with social-media work may also name
another team's channels): after a first fit, a positive span scored below 0.1 in an ad where another counted span
scores above 0.5 is dropped and the model refitted (multiple-instance, once).

The model: an L2 logistic regression (Newton steps, numpy) over the structural features of ``gate.STRUCT`` only
(no sentence vector, no words of any one trap), classes weighted to balance. The threshold comes from
cross-validation by set over the tune halves (each written set and the real ads one fold, so a fold's set is
unseen in its fit): the highest (in steps of 0.01) at which the folds' decisions keep every tune positive the
rules find without the gate. Check halves are never read. ``--write`` writes src/kompetens/review/social_gate.json
(weights only: no ad text); tests/review/test_review_gate.py checks that the shipped file is what this writes.
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

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from _halves import half

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.ingest import document_from_text
from kompetens.layout import layout_cues, segment
from kompetens.review.core import review_ad
from kompetens.review.gate import STRUCT, features, gated, readable

ROOT = Path(__file__).resolve().parents[1]
SETS = tuple(
    sorted(
        [f"social_en_written{n}" for n in ("", *(f"_{k}" for k in range(2, 10)))]
        + [f"social_sv_written{n}" for n in ("", *(f"_{k}" for k in range(2, 9)))]
    )
)
"""The written sets the shipped weights were fit on (stop 46: the 17 sets before it). A set written later is
held out from the gate until it is refitted with that set named here; a glob over bench/data would change the
shipped weights' source whenever a set is added."""
OUT = ROOT / "src" / "kompetens" / "review" / "social_gate.json"
L2 = 10.0
"""About 1,300 examples over 22 features: a light penalty (chosen before any fold was read)."""
GRID = np.round(np.arange(0.0, 1.0, 0.01), 2)


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
    """Each ad's spans into ``acc``: structural rows, whether counted, ad; each ad's label, group, and whether
    evidence the gate does not read (the title) flags it."""
    for doc, somo in docs:
        profile = engine.extract(doc, spans=False)
        review = review_ad(doc, profile, social_gate=False)
        layout = profile.layout or segment(doc.text, layout_cues(doc.lang), title=doc.title)
        ad = len(acc["ad_gold"])
        acc["ad_gold"].append(somo)
        acc["ad_group"].append(group)
        acc["ad_fixed"].append(any(e.counted and not gated(e) for e in review.evidence))
        rows = features(doc.text, layout, review.evidence, doc.lang)
        for e, row in zip([e for e in review.evidence if readable(e)], rows, strict=True):
            acc["struct"].append(row)
            acc["counted"].append(e.counted)
            acc["ad"].append(ad)


def build(engine: Engine, shared: Path) -> dict[str, np.ndarray]:
    """The tune halves' spans and ads (groups: SETS in order, then the real ads)."""
    raw: dict[str, list[Any]] = {
        k: [] for k in ("struct", "counted", "ad", "ad_gold", "ad_group", "ad_fixed")
    }
    for g, name in enumerate(SETS):
        lang = "sv" if "_sv" in name else "en"
        docs = [
            (document_from_text(text, source=i, lang=lang, kind="ad"), somo)
            for i, text, somo in written(name)
        ]
        collect(engine, g, docs, raw)
    labels = real_labels(shared)
    data = shared / "data" / "dev" / "platsbanken"
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
    acc = {k: np.asarray(v) for k, v in raw.items() if k != "struct"}
    acc["x"] = np.asarray(raw["struct"], dtype=np.float64).reshape(len(raw["struct"]), len(STRUCT))
    acc["counted"] = acc["counted"].astype(bool)
    acc["ad_gold"] = acc["ad_gold"].astype(bool)
    acc["ad_fixed"] = acc["ad_fixed"].astype(bool)
    return acc


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


def scaled_fit(
    acc: dict[str, np.ndarray], rows: np.ndarray, l2: float = L2
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(mean, scale, coef, bias) fitted on the spans ``rows``."""
    x = acc["x"][rows]
    mean, scale = x.mean(0), x.std(0) + 1e-6
    y = acc["ad_gold"][acc["ad"][rows]].astype(np.float64)
    coef, bias = train((x - mean) / scale, y, acc["ad"][rows], acc["counted"][rows], l2)
    return mean, scale, coef, bias


def flagged(acc: dict[str, np.ndarray], probs: np.ndarray, t: float, *, unseen: bool = False) -> np.ndarray:
    """Each ad's requires_social_media with the gate at ``t``; ``unseen``: as if the rules had counted every
    span of the ads without social-media work (kinds no rule was written for, what a new set holds)."""
    spans = acc["counted"] | (~acc["ad_gold"][acc["ad"]] if unseen else False)
    out = acc["ad_fixed"].copy()
    hit = spans & (probs >= t)
    out[acc["ad"][hit]] = True
    return out


def weights(acc: dict[str, np.ndarray], l2: float = L2, log: bool = False) -> dict[str, Any]:
    """Cross-validate by group, choose the threshold, fit on every tune span; the weights file's content."""
    use = acc["counted"] | ~acc["ad_gold"][acc["ad"]]
    group = acc["ad_group"][acc["ad"]]
    probs = np.zeros(len(use))
    for g in np.unique(group):
        mean, scale, coef, bias = scaled_fit(acc, use & (group != g), l2)
        held = group == g
        probs[held] = 1 / (1 + np.exp(-(((acc["x"][held] - mean) / scale) @ coef + bias)))
    gold = acc["ad_gold"]
    kept = int((flagged(acc, probs, 0.0) & gold).sum())
    threshold = max(float(t) for t in GRID if int((flagged(acc, probs, float(t)) & gold).sum()) >= kept)
    if log:
        for t in sorted({0.0, threshold, 0.1, 0.3, 0.5}):
            parts = []
            for unseen in (False, True):
                f = flagged(acc, probs, t, unseen=unseen)
                parts.append(
                    f"recall {int((f & gold).sum())}/{int(gold.sum())}, negatives flagged "
                    f"{int((f & ~gold).sum())}/{int((~gold).sum())}"
                )
            print(f"  folds at t {t:.2f}: {parts[0]} | as if unseen: {parts[1]}")
    mean, scale, coef, bias = scaled_fit(acc, use, l2)
    return {
        "_doc": "kompetens.review.gate weights, written by bench/train_social_gate.py from the tune halves "
        "(no ad text): w over STRUCT after (x - mean) / scale, logistic, b the bias.",
        "struct": list(STRUCT),
        "threshold": threshold,
        "default": True,
        "trained_on": int(use.sum()),
        "b": round(bias, 5),
        "w": [round(float(v), 5) for v in coef],
        "mean": [round(float(v), 5) for v in mean],
        "scale": [round(float(v), 5) for v in scale],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument(
        "--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME", ROOT / ".kompetens"))
    )
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    ap.add_argument("--l2", type=float, default=L2)
    args = ap.parse_args()
    acc = build(Engine(args.data_dir), args.shared)
    print(
        f"{len(acc['x'])} spans in {len(acc['ad_gold'])} tune ads of {len(SETS)} written sets and the real ads, "
        f"{len(STRUCT)} features"
    )
    out = weights(acc, args.l2, log=True)
    print(f"threshold {out['threshold']:.2f}")
    for name, w in sorted(zip(STRUCT, out["w"], strict=True), key=lambda p: p[1]):
        print(f"    {name:22s} {w:+.3f}")
    if args.write:
        OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
