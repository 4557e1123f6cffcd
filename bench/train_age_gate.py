"""Train the whose-age gate (``src/kompetens/review/age_gate.json``, stop 41) on tune halves only.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/train_age_gate.py [--data-dir .kompetens] [--write]

Fires the review's age rules on the TUNE halves of the written age sets 1-15 (``half`` column; ``--written N``
reads sets 1 to N; the shipped weights are stop 41's, not refitted since), the even rows of the sentence sets
1-4 (``bench/review_written.py``'s tune rows) and the real ads' tune half (``sha256(id) % 2 == 0``;
labels.jsonl, platsbanken_labels_2.tsv, platsbanken_labels_en.tsv), twice: with the age guards of
``bias.json`` and without them (the look-alikes they stop are the gate's negatives too), the gate itself off.
A flag of a rule the gate judges (``RULES``) is a positive where its ad is age-coded and the flag touches the
labelled quote, a negative where the ad is not age-coded (unsure real ads and other flags of age-coded ads are
left out). Features: ``kompetens.review.whose`` (the e5 vector of the words around the age
and the structural cues). A logistic regression (L2, classes weighted), cross-validated leave-one-set-out
(sets: each written age set, the sentence sets, the real ads), its spread and accuracy printed; ``--write``
stores the weights fitted on every set. The held-out figures count as kept whatever ``whose.stands_alone``
keeps (the deciding cues, the team's make-up, the hire's noun after a list, a hiring verb's object; stop 50).
No ad text enters the artefact: the weights, the features' scaling, the cut.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from _halves import half

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

import kompetens.review.core as core
import kompetens.review.flags as flags
from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.ingest import document_from_text
from kompetens.review import whose

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
RULES = (
    "age.ung",
    "age.young",
    "age.yngre",
    "age.aldre",
    "age.ungdomlig",
    "age.youthful",
    "age.mellan_ar",
    "age.i_aldern",
    "age.aged_range",
    "age.max_ar",
    "age.minst_ar",
    "age.over_under",
    "age.under",
    "age.decade",
    "age.ar_gammal",
    "age.years_old",
    "age.arsaldern",
    "age.jamfor_alder",
    "age.medelalder",
    "age.generation",
)
"""The rules the gate judges: bare ages and age adjectives, words that can be anyone's age."""
L2 = 10.0
THRESHOLD = 0.3
"""The cut, chosen on the leave-one-set-out probabilities of the tune halves (recall first)."""

Flag = tuple[str, str, bool | None, str, int, int, int, int, str | None, bool, str, str, list[str]]
"""(set, ad id, gold, text, start, end, sentence start, sentence end, section, in title, title, rule, quotes)"""


WRITTEN = 15
"""The written age sets read (their tune halves): 1 to this (stop 50: 1-8 before). A set written blind and held
out whole is added only once it has been measured held out."""


def collect(engine: Engine, shared: Path, *, guards: bool, written: int = WRITTEN) -> list[Flag]:
    """The age flags fired on the tune halves, the gate off (and the guards off unless ``guards``)."""
    seen: dict[str, Any] = {}
    find = core.find_flags

    def spy(text: str, lexicon: Any, layout: Any, **kw: Any) -> Any:
        seen["at"] = (text, layout)
        return find(text, lexicon, layout, **kw)

    core.find_flags = spy  # type: ignore[assignment]
    old_gate, old_guarded = flags.applicant_age, flags.guarded
    flags.applicant_age = lambda *a, **k: True  # type: ignore[assignment]
    if not guards:
        flags.guarded = lambda *a, **k: False  # type: ignore[assignment]
    out: list[Flag] = []

    def run(name: str, ad_id: str, doc: Any, gold: bool | None, quotes: list[str]) -> None:
        review = engine.review(doc)
        text, layout = seen["at"]
        for f in review.flags:
            if f.category != "age":
                continue
            unit = layout.unit_at(f.start)
            s, e = flags._sentence_bounds(text, layout, f.start, f.end)
            span = layout.title_span
            in_title = unit is None or (span is not None and span[0] <= f.start < span[1])
            section = unit.section if unit is not None else None
            title = layout.title or ""
            out.append(
                (name, ad_id, gold, text, f.start, f.end, s, e, section, in_title, title, f.rule, quotes)
            )

    try:
        for n in ("", *(f"_{i}" for i in range(2, written + 1))):
            with (DATA / f"age_ads_written{n}.tsv").open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if row["half"] == "tune":
                        text = row["title"] + "\n\n" + row["text"]
                        doc = document_from_text(text, source=row["id"], lang=row["lang"], kind="ad")
                        run(f"age{n or '_1'}", row["id"], doc, row["age_coded"] == "true", [row["quote"]])
        titles = {"sv": "Säljare", "en": "Sales assistant"}
        for n in ("", "_2", "_3", "_4"):
            with (DATA / f"coded_wording{n}.tsv").open(encoding="utf-8") as fh:
                for i, row in enumerate(csv.DictReader(fh, delimiter="\t")):
                    if i % 2 == 0 and row["label"] != "gender":
                        text = titles[row["lang"]] + "\n\n" + row["sentence"]
                        doc = document_from_text(text, lang=row["lang"], kind="ad")
                        run("sentences", f"{n}:{i}", doc, row["label"] == "age", [row["quote"]])
        real = shared / "data" / "dev" / "platsbanken"
        if (real / "labels.jsonl").is_file():
            sys.path.insert(0, str(ROOT / "bench"))
            import review_real

            every = {a["id"]: a for a in map(json.loads, (real / "ads.jsonl").open(encoding="utf-8"))}
            for labels_file in (None, DATA / "platsbanken_labels_2.tsv", DATA / "platsbanken_labels_en.tsv"):
                labels = (
                    review_real._tsv_labels(labels_file, every)
                    if labels_file
                    else {r["id"]: r for r in map(json.loads, (real / "labels.jsonl").open(encoding="utf-8"))}
                )
                part = [a for a in every.values() if a["id"] in labels and half(a["id"]) == "tune"]
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / "tune.jsonl"
                    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in part), "utf-8")
                    for ad, doc in zip(part, engine.read([path], kind="ad"), strict=True):
                        gold = labels[ad["id"]]["age_coded"]
                        if isinstance(doc, IngestError):
                            continue
                        try:
                            run("real", ad["id"], doc, None if gold is None else bool(gold), list(gold or []))
                        except IngestError:
                            continue
    finally:
        core.find_flags = find  # type: ignore[assignment]
        flags.applicant_age, flags.guarded = old_gate, old_guarded
    return out


def label(f: Flag) -> int | None:
    """1: the applicant's age (an age-coded ad, the flag on its quote); 0: a neutral ad's; None: unsure."""
    gold, text, start, end, quotes = f[2], f[3], f[4], f[5], f[12]
    if gold is None:
        return None
    if not gold:
        return 0
    low = text.lower()
    for q in quotes:
        q = q.strip().lower()
        if not q:
            continue
        at = low.find(q)
        while at >= 0:
            if at < end and start < at + len(q):
                return 1
            at = low.find(q, at + 1)
        if low[start:end] in q:
            return 1
    return None


def features(fs: list[Flag]) -> np.ndarray:
    windows = [whose.window(f[3], f[6], f[7], f[4], f[5]) for f in fs]
    vectors = whose._embedder().passage(windows).astype(np.float64)
    cues = np.asarray(
        [whose.structure(f[3], f[6], f[7], f[4], f[5], section=f[8], in_title=f[9], title=f[10]) for f in fs],
        dtype=np.float64,
    ).reshape(len(fs), len(whose.STRUCTURE))
    return np.hstack([vectors, cues])


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """L2 logistic regression, classes weighted, by Newton's method on standardised features."""
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / scale
    z1 = np.hstack([z, np.ones((len(z), 1))])
    w = np.zeros(z1.shape[1])
    sw = np.where(y == 1, len(y) / (2 * max(1, y.sum())), len(y) / (2 * max(1, (1 - y).sum())))
    reg = np.full(z1.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-(z1 @ w)))
        g = z1.T @ (sw * (p - y)) + reg * w
        h = (z1 * (sw * p * (1 - p))[:, None]).T @ z1 + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return {"mean": mean, "scale": scale, "weights": w[:-1], "bias": float(w[-1])}


def predict(model: dict[str, Any], x: np.ndarray) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"]
    return np.asarray(1 / (1 + np.exp(-(z @ model["weights"] + model["bias"]))))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--written", type=int, default=WRITTEN, help="read the written age sets 1 to this")
    ap.add_argument("--write", action="store_true", help="store the weights in review/age_gate.json")
    args = ap.parse_args()
    engine = Engine(args.data_dir)
    raw = collect(engine, args.shared, guards=False, written=args.written)
    shipped = collect(engine, args.shared, guards=True, written=args.written)
    gated = [f for f in raw if f[11] in RULES]
    keys = {(f[0], f[1], f[4]) for f in gated}
    train = [f for f in gated if label(f) is not None]
    y = np.asarray([label(f) for f in train], dtype=np.float64)
    x = features(train)
    groups = np.asarray([f[0] for f in train])
    cue = x[:, -len(whose.STRUCTURE) :]
    hard = (
        np.asarray(  # what keeps a flag alone (``AgeGate.keep``), stop 50: all of it, not the three cues only
            [
                whose.stands_alone(f[3], f[6], f[7], f[4], f[5], list(c))
                for f, c in zip(train, cue, strict=True)
            ],
            dtype=bool,
        )
    )
    print(
        f"gated flags on the tune halves (guards off): {len(gated)}; labelled {len(train)}: "
        f"{int(y.sum())} the applicant's, {int(len(y) - y.sum())} someone else's"
    )
    oof = np.zeros(len(y))
    print("leave one set out (flags of the gated rules; held-out set: applicant's kept, others' stopped):")
    rows = []
    for g in sorted(set(groups)):
        held = groups == g
        model = fit(x[~held], y[~held])
        oof[held] = np.where(hard[held], 1.0, predict(model, x[held]))
        p = oof[held] >= THRESHOLD
        pos, neg = y[held] == 1, y[held] == 0
        rows.append(
            (p[pos].mean() if pos.any() else float("nan"), (~p[neg]).mean() if neg.any() else float("nan"))
        )
        print(
            f"  {g:10s} applicant's kept {int(p[pos].sum())} of {int(pos.sum())}, "
            f"others' stopped {int((~p[neg]).sum())} of {int(neg.sum())}"
        )
    kept = np.asarray([r[0] for r in rows])
    stopped = np.asarray([r[1] for r in rows])
    print(
        f"  spread: applicant's kept {np.nanmin(kept):.2f}-{np.nanmax(kept):.2f} (mean {np.nanmean(kept):.2f}), "
        f"others' stopped {np.nanmin(stopped):.2f}-{np.nanmax(stopped):.2f} (mean {np.nanmean(stopped):.2f})"
    )
    right = int(((oof >= THRESHOLD) == (y == 1)).sum())
    print(f"  accuracy at the cut {THRESHOLD}: {right} of {len(y)} ({right / len(y):.1%})")
    for t in (0.1, 0.2, 0.3, 0.4, 0.5):
        p = oof >= t
        print(
            f"  cut {t:.1f}: applicant's kept {int(p[y == 1].sum())} of {int((y == 1).sum())}, "
            f"others' stopped {int((~p[y == 0]).sum())} of {int((y == 0).sum())}"
        )
    # ad level, the guards on, leave-one-set-out probabilities: what the gate would do to each held-out tune half
    prob = {(f[0], f[1], f[4]): q for f, q in zip(train, oof, strict=True)}
    unl = [f for f in gated if label(f) is None]
    if unl:
        models = {g: fit(x[groups != g], y[groups != g]) for g in sorted(set(groups))}
        xu = features(unl)
        for f, row in zip(unl, xu, strict=True):
            m = models.get(f[0]) or fit(x, y)
            tail = row[-len(whose.STRUCTURE) :]
            decided = whose.stands_alone(f[3], f[6], f[7], f[4], f[5], list(tail))
            prob[(f[0], f[1], f[4])] = 1.0 if decided else float(predict(m, row[None, :])[0])
    ads: dict[tuple[str, str], list[Any]] = defaultdict(lambda: [None, False, False])
    for f in shipped:
        k = (f[0], f[1])
        ads[k][0] = f[2]
        ads[k][1] = True
        ads[k][2] |= (f[0], f[1], f[4]) not in keys or prob.get((f[0], f[1], f[4]), 1.0) >= THRESHOLD
    print(
        "ad level, the guards on, each set's gate trained without it (tune halves; flagged before -> after):"
    )
    for g in sorted({k[0] for k in ads}):
        for gold in (True, False):
            v = [a for k, a in ads.items() if k[0] == g and a[0] is gold]
            print(
                f"  {g:10s} {'age-coded' if gold else 'neutral':9s} {sum(a[1] for a in v)} -> {sum(a[2] for a in v)}"
            )
    if args.write:
        model = fit(x, y)
        out = {
            "_about": "Whose age is it (stop 41): logistic regression weights over the e5 vector of the words "
            "around an age flag and the structural cues of kompetens.review.whose.STRUCTURE; trained by "
            "bench/train_age_gate.py on the tune halves' age flags. No text from any set is kept here.",
            "rules": list(RULES),
            "structure": list(whose.STRUCTURE),
            "threshold": THRESHOLD,
            "bias": round(model["bias"], 6),
            "mean": [round(float(v), 6) for v in model["mean"]],
            "scale": [round(float(v), 6) for v in model["scale"]],
            "weights": [round(float(v), 6) for v in model["weights"]],
        }
        whose.GATE_FILE.write_text(json.dumps(out, indent=None) + "\n", encoding="utf-8")
        print(f"wrote {whose.GATE_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
