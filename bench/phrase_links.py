"""How right are the ESCO links thorough extraction gives the tagger's phrases, by linker score?

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/phrase_links.py [--data-dir .kompetens] [--show]

Draws two samples of real Swedish ads from the *tune* half of ../shared/data/dev/platsbanken (seeded:
12 ads each), extracts them as ``kompetens extract --thorough`` does, and records every tagger phrase the
linker was asked about with its best concept and score. Of those scoring >= 1.2 (the floor before stop 24),
90 per sample (seeded) were judged by hand: is the concept a fair ESCO skill for the phrase as a recruiter
reads it? The judgements are in ``bench/data/phrase_link_labels.tsv``, keyed by a hash of phrase and concept
label (no ad text is kept). Sample A chose ``PHRASE_LINK_MIN_SCORE``; sample B is its check.

Prints per sample, for each score floor: the links kept, the share of them that are right, and the share of
the right links kept. A link whose (phrase, concept) has no judgement (the linker's answer changed since)
is counted apart.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from kompetens.engine import Engine
from kompetens.errors import IngestError

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "data" / "phrase_link_labels.tsv"
FLOORS = (1.2, 1.5, 2.0, 2.5, 3.0)
QUICK_FLOORS = (1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.5)
SEED, PER_SAMPLE, ADS = 5, 90, 12


def half(ad_id: str) -> str:
    return "tune" if int(hashlib.sha256(ad_id.encode()).hexdigest(), 16) % 2 == 0 else "check"


def key(phrase: str, label: str) -> str:
    return hashlib.sha256(f"{phrase}\t{label}".encode()).hexdigest()[:16]


def sample(engine: Engine, docs: list, rng: random.Random) -> list[tuple[str, str, float]]:
    """(phrase, best concept's label, score) of PER_SAMPLE linked phrases scoring >= 1.2, as drawn in stop 24:
    the phrases thorough extraction links, linked by the full linker (as thorough extraction did then)."""
    seen: dict[str, tuple[str, float]] = {}
    link_phrases = engine.link_phrases

    def spy(phrases, *, quick=True):  # type: ignore[no-untyped-def]
        found = link_phrases(phrases, quick=False)
        for phrase, best in zip(phrases, found, strict=True):
            if best is not None:
                seen[phrase] = (best.label, best.score)
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


def report(name: str, rows: list[tuple[str, str, float, bool | None]], floors: tuple[float, ...]) -> None:
    unjudged = sum(r[3] is None for r in rows)
    right_all = sum(r[3] is True for r in rows)
    print(f"sample {name}: {len(rows)} links, {right_all} right, {unjudged} without a judgement")
    print(f"  {'floor':>5}  {'kept':>4}  {'right':>6}  {'right kept':>10}")
    for floor in floors:
        kept = [r for r in rows if r[2] >= floor and r[3] is not None]
        right = sum(r[3] is True for r in kept)
        prec = right / len(kept) if kept else 0.0
        rec = right / right_all if right_all else 0.0
        print(f"  {floor:5.1f}  {len(kept):4d}  {100 * prec:5.0f}%  {100 * rec:9.0f}%")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME") or ".kompetens"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="print each sampled link with its judgement")
    ap.add_argument("--unjudged", action="store_true", help="with --show: list the links without a judgement")
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
    for name, part in (("A (chose the floor)", docs[:ADS]), ("B (check)", docs[ADS : 2 * ADS])):
        tag = name[0]
        # each sample was drawn by a fresh run seeded the same way: one generator per sample, as then
        rng = random.Random(SEED)
        rng.shuffle(list(range(len(docs))))
        engine = Engine(args.data_dir)
        links = sample(engine, part, rng)
        rows = [(t, lab, sc, judged.get((tag, key(t, lab)))) for t, lab, sc in links]
        report(f"{name}, full linker (extract --link), links >= 1.2", rows, FLOORS)
        # the same phrases by quick linking (thorough extraction): a link is judged where the full linker
        # gave the same concept, or where its own (phrase, concept) was judged
        quick = engine.link_phrases([t for t, _, _ in links], quick=True)
        rows_q = [
            (t, best.label, best.score, judged.get((tag, key(t, best.label))))
            for (t, _, _), best in zip(links, quick, strict=True)
            if best is not None
        ]
        report(f"{name}, quick linking (extract --thorough), the same phrases", rows_q, QUICK_FLOORS)
        if args.show:
            for title, shown in (("full", rows), ("quick", rows_q)):
                print(f"  {title}:")
                for t, lab, sc, ok in shown:
                    print(f"    {sc:4.2f} {'+' if ok else '-' if ok is False else '?'} {t} -> {lab}")
            if args.unjudged:
                for t, lab, _, ok in rows + rows_q:
                    if ok is None:
                        print(f"UNJUDGED\t{tag}\t{key(t, lab)}\t{t}\t{lab}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
