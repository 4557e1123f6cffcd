"""Benchmark: where a thorough ad's time goes, and what quick linking's cheaper routes cost in links.

    OPENBLAS_NUM_THREADS=1 python bench/thorough_profile.py --data-dir .kompetens --ads ADS [--limit 300]
                                                            [--pairs 4] [--routes gloss-chr,depth-16]

``ADS``: a JSONL file of ads (``Engine.read``), e.g. ../shared/data/dev/platsbanken/ads.jsonl (not in the
repository). One process, CPU time:
  - **profile**: thorough extraction (``Engine.extract(doc, thorough=True)``) of the first ``--limit`` ads in a
    fresh Engine (the first ad is start-up), with timers around its steps: the default extraction (the phrase
    index's first pass over new words), the span tagger, the skill-phrase filter (``no_skill`` before linking,
    ``keeps`` after), ``Linker.link_quick`` and, inside it, the language guess, the query building, the boosts,
    the C walk and the static step. Steps nest (the walk is inside ``link_quick``): the shares do not add up.
    Then the phrases that extraction linked, by word count: their share of ``link_quick``'s time and of the
    links kept (>= ``QUICK_LINK_MIN_SCORE``).
  - **routes** (``--pairs N``): ``link_quick(top=1)`` over the same phrases (words met before), in alternating
    passes with the code as it is (A) and with one route (B), ``N`` pairs, each pair's order swapped; the
    median of the pairs' time ratios A / B, and the final links (the best concept at >= the floor, or none)
    that B changes, loses and gains. Routes (each a constant of ``link/linker.py``, set for B's passes only):
    ``gloss-chr``: no character n-gram query of a Swedish phrase's English gloss (``GLOSS_CHR_WORDS`` 0);
    ``depth-16``: 16 candidates scored on vectors for one answer (``QUICK_BEST_DEPTH``, 32).
The machine's load is printed beside the figures (a shared machine: the ratios count, not the rates).
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROUTES: dict[str, tuple[str, int]] = {
    "gloss-chr": ("GLOSS_CHR_WORDS", 0),
    "depth-16": ("QUICK_BEST_DEPTH", 16),
}


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def timed(
    obj: Any, name: str, key: str, spent: collections.Counter[str], calls: collections.Counter[str]
) -> None:
    """Wrap ``obj.name`` so that its CPU time adds up under ``key``."""
    f: Callable[..., Any] = getattr(obj, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - t0
            calls[key] += 1

    setattr(obj, name, wrapper)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=".kompetens", help="the kompetens data folder (default .kompetens)")
    ap.add_argument("--ads", type=Path, required=True, help="a JSONL file of ads")
    ap.add_argument("--limit", type=int, default=300, help="the first N ads (default 300)")
    ap.add_argument("--pairs", type=int, default=0, help="alternating pairs per route (0: no routes)")
    ap.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, of {', '.join(ROUTES)}")
    args = ap.parse_args()
    routes = [r for r in args.routes.split(",") if r]
    unknown = [r for r in routes if r not in ROUTES]
    if unknown:
        ap.error(f"unknown route(s): {', '.join(unknown)}")

    import kompetens.link.linker as linker_module

    sys.path.insert(0, str(Path(__file__).parent))
    from _record import record_link_phrases

    from kompetens.engine import QUICK_LINK_MIN_SCORE, Engine
    from kompetens.link.text import words
    from kompetens.models import Document

    engine = Engine(args.data_dir)
    docs = [d for d in engine.read([args.ads], kind="ad") if isinstance(d, Document)][: args.limit]
    if len(docs) < 2:
        print("fewer than two ads", file=sys.stderr)
        return 1
    asked: list[list[str]] = []
    record_link_phrases(engine, asked)
    engine.extract(docs[0], thorough=True)  # start-up: lazy loads
    asked.clear()
    spent: collections.Counter[str] = collections.Counter()
    calls: collections.Counter[str] = collections.Counter()
    linker = engine.linker
    for name, key in (
        ("link_quick", "link_quick"),
        ("_detect_quick", "  language"),
        ("_lexical_queries", "  queries"),
        ("_boosts", "  boosts"),
        ("_add_static_quick", "  static step"),
    ):
        timed(linker, name, key, spent, calls)
    timed(linker_module, "walk_select", "  walk (C)", spent, calls)
    timed(engine, "extractor", "default extraction", spent, calls)
    timed(engine.span_tagger, "find", "span tagger", spent, calls)
    timed(engine.skill_phrases, "no_skill", "skill-phrase filter (before)", spent, calls)
    timed(engine.skill_phrases, "keeps", "skill-phrase filter (after)", spent, calls)
    print(f"load {load()}")
    t0 = time.process_time()
    for doc in docs[1:]:
        engine.extract(doc, thorough=True)
    total = time.process_time() - t0
    n = len(docs) - 1
    phrases = [p for batch in asked for p in batch]
    print(
        f"profile: {n} ads in a fresh Engine, {n / total:.1f} ads/s, {1000 * total / n:.2f} ms an ad, "
        f"{len(phrases)} phrases linked ({len(phrases) / n:.1f} an ad)"
    )
    for key in (
        "default extraction",
        "span tagger",
        "skill-phrase filter (before)",
        "skill-phrase filter (after)",
        "link_quick",
        "  language",
        "  queries",
        "  boosts",
        "  walk (C)",
        "  static step",
    ):
        print(f"  {key:30s} {1000 * spent[key] / n:6.2f} ms an ad  {100 * spent[key] / total:5.1f} %")
    steps = sum(spent[k] for k in ("  language", "  queries", "  boosts", "  walk (C)", "  static step"))
    print(f"  {'  the rest of link_quick':30s} {1000 * (spent['link_quick'] - steps) / n:6.2f} ms an ad")
    print(f"  {'outside link_quick':30s} {1000 * (total - spent['link_quick']) / n:6.2f} ms an ad")

    floor = QUICK_LINK_MIN_SCORE
    by_len: dict[int, list[float]] = collections.defaultdict(lambda: [0, 0.0, 0])
    for phrase in phrases:
        t0 = time.process_time()
        cands = engine.linker.link_quick([phrase], top=1)[0]
        row = by_len[min(len(words(phrase)), 9)]
        row[0] += 1
        row[1] += time.process_time() - t0
        row[2] += bool(cands) and cands[0].score >= floor
    spent_all = sum(r[1] for r in by_len.values()) or 1.0
    print(f"by words (9: 9 or more; words met before), load {load()}")
    print("  words  phrases  time %  ms a phrase  kept  kept %")
    for k in sorted(by_len):
        c, t, kept = by_len[k]
        print(
            f"  {k:5d}  {c:7d}  {100 * t / spent_all:6.1f}  {1000 * t / c:11.3f}  {kept:4d}  {100 * kept / c:6.1f}"
        )

    def run() -> tuple[float, list[str | None]]:
        out: list[str | None] = []
        t0 = time.process_time()
        for batch in asked:
            for cands in engine.linker.link_quick(batch, top=1):
                out.append(cands[0].uri if cands and cands[0].score >= floor else None)
        return time.process_time() - t0, out

    for route in routes if args.pairs else []:
        name, value = ROUTES[route]
        before = getattr(linker_module, name)
        times: dict[str, list[float]] = {"A": [], "B": []}
        outs: dict[str, list[str | None]] = {}
        for k in range(args.pairs):
            for side in ("A", "B") if k % 2 == 0 else ("B", "A"):
                setattr(linker_module, name, before if side == "A" else value)
                dt, outs[side] = run()
                times[side].append(dt)
        setattr(linker_module, name, before)
        ratios = [a / b for a, b in zip(times["A"], times["B"], strict=True)]
        a, b = outs["A"], outs["B"]
        changed = sum(x != y for x, y in zip(a, b, strict=True))
        lost = sum(x is not None and y is None for x, y in zip(a, b, strict=True))
        gained = sum(x is None and y is not None for x, y in zip(a, b, strict=True))
        print(
            f"route {route} ({name} {before} -> {value}), load {load()}: "
            f"{1000 * statistics.median(times['A']) / len(a):.3f} -> "
            f"{1000 * statistics.median(times['B']) / len(a):.3f} ms a phrase, "
            f"A/B {statistics.median(ratios):.3f} (pairs {min(ratios):.3f}-{max(ratios):.3f}); "
            f"kept links {sum(x is not None for x in a)} -> {sum(y is not None for y in b)}: "
            f"{changed} changed, {lost} lost, {gained} gained"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
