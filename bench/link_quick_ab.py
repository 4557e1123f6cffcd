"""Benchmark: thorough extraction and quick linking, the code before against after, in alternating processes.

    python bench/link_quick_ab.py --data-dir .kompetens --before SRC [--rounds 3] [--ads PATH] [--paired N]
                                  [--skillspan ../shared/data/dev/skillspan]

``SRC`` is the ``src`` folder of another checkout (the code before: ``git worktree add /tmp/before <rev>``,
its ``src/kompetens/extract/*.so`` built or copied in); without ``--before``, this checkout against itself
with quick linking's C code off (``link_quick(..., native=False)``: its Python twins). Each round runs one
process per side, the sides alternating, and each process times in CPU time (per core):
  - thorough extraction (``Engine.extract(doc, thorough=True)``: the tagger's phrases quick-linked) of the
    SkillSpan dev postings in a fresh Engine (words and phrases new; the first posting is start-up), as the
    fresh figure of bench/spans.py;
  - ``Linker.link_quick`` over every phrase that extraction asked about, again (words met before).
Each process also digests what it computed: every phrase's candidates (all of them, up to ``QUICK_DEPTH``)
with their scores, and every posting's extraction (mentions, their concepts and confidences); the sides must
give the same digests. ``--ads``: the same over a JSONL file of ads (``Engine.read``), e.g. the Platsbanken
ads of ../shared (not in the repository), extraction only, its time and digest.

``--paired N`` (for a loaded machine, where one-process rounds spread 2x): one process per side, both kept
loaded, N alternating passes of ``link_quick`` over the dev phrases each (the linker's word caches cleared
before a pass, then the pass again with the words met), and the median of the pairs' ratios (stop 36).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def child(args: argparse.Namespace) -> dict[str, Any]:
    """One side's figures and digests (run in its own process)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from _record import record_link_phrases
    from spans import skillspan

    from kompetens.engine import Engine
    from kompetens.models import Document

    asked: list[list[str]] = []

    def fresh() -> Engine:
        """A new Engine whose phrase linking records what it is asked (and, for ``--twins``, runs the twins)."""
        engine = Engine(args.data_dir)
        linker = engine.linker
        if args.twins:  # this checkout with quick linking's C code off
            quick = linker.link_quick
            linker.link_quick = lambda texts, **kw: quick(texts, native=False, **kw)  # type: ignore[method-assign]
        record_link_phrases(engine, asked)
        return engine

    sets: list[tuple[str, list[Document]]] = []
    dev = args.skillspan / "dev.json"
    if dev.is_file():
        docs = [
            Document(source=str(k), text=t, lang="en", kind="ad") for k, (t, _) in enumerate(skillspan(dev))
        ]
        sets.append(("dev", docs))
    if args.ads is not None:
        sets.append(
            ("ads", [d for d in Engine(args.data_dir).read([args.ads], kind="ad") if isinstance(d, Document)])
        )
    out: dict[str, Any] = {}
    for name, docs in sets:
        engine = fresh()
        engine.extract(docs[0], thorough=True)  # start-up: lazy loads (tagger, linker, its label matrix)
        asked.clear()
        t0 = time.process_time()
        profiles = [engine.extract(doc, thorough=True) for doc in docs[1:]]
        out[f"{name}_postings_per_s"] = (len(docs) - 1) / (time.process_time() - t0)
        digest = hashlib.sha256()
        for profile in profiles:
            digest.update(repr((profile.mentions, profile.areas)).encode())
        out[f"{name}_extraction"] = digest.hexdigest()[:16]
        if name == "dev":  # the phrases again, every candidate and score; then timed, their words met before
            digest = hashlib.sha256()
            for batch in asked:
                for cands in engine.linker.link_quick(batch, top=100):
                    digest.update(repr([(c.uri, c.score) for c in cands]).encode())
            out["dev_links"] = digest.hexdigest()[:16]
            n = sum(map(len, asked))
            t0 = time.process_time()
            for batch in asked:
                engine.linker.link_quick(batch, top=1)
            out["warm_ms_per_phrase"] = 1000 * (time.process_time() - t0) / max(1, n)
            out["phrases"] = n
    return out


def serve(args: argparse.Namespace) -> None:
    """``--paired``'s side: the dev postings extracted once (the phrases recorded), then a timed pass of
    ``link_quick`` over them per line read, with new words and again with the words met."""
    sys.path.insert(0, str(Path(__file__).parent))
    from _record import record_link_phrases
    from spans import skillspan

    from kompetens.engine import Engine
    from kompetens.models import Document

    docs = [
        Document(source=str(k), text=t, lang="en", kind="ad")
        for k, (t, _) in enumerate(skillspan(args.skillspan / "dev.json"))
    ]
    engine = Engine(args.data_dir)
    asked: list[list[str]] = []
    record_link_phrases(engine, asked)
    for doc in docs:
        engine.extract(doc, thorough=True)
    linker = engine.linker
    # the linker's per-word caches (those an older checkout has): cleared, its words are new again
    caches = [getattr(linker, n, None) for n in ("_char_ids", "_word_langs", "_synonym_terms")]
    caches += [getattr(linker._terms, n, None) for n in ("_parts", "_near")]
    print("ready", flush=True)
    for _ in sys.stdin:
        for cache in caches:
            if cache is not None:
                cache.clear()
        if hasattr(linker, "_merged"):  # stop 43: a lemma's merged translations, kept with its tables
            linker._merged = (None, None, {})
        t0 = time.process_time()
        for batch in asked:
            linker.link_quick(batch, top=1)
        t1 = time.process_time()
        for batch in asked:
            linker.link_quick(batch, top=1)
        t2 = time.process_time()
        n = max(1, sum(map(len, asked)))
        print(json.dumps([1000 * (t1 - t0) / n, 1000 * (t2 - t1) / n]), flush=True)


def paired(args: argparse.Namespace, sides: dict[str, tuple[Path, bool]]) -> None:
    """Both sides' ``serve`` processes, ``args.paired`` alternating passes (the order swapped each round)."""
    procs = {}
    for side, (src, twins) in sides.items():
        if twins:
            sys.exit("--paired compares two checkouts: give --before")
        command = [sys.executable, __file__, "--serve", "--skillspan", str(args.skillspan)]
        command += ["--data-dir", str(args.data_dir)] if args.data_dir else []
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve()), "OPENBLAS_NUM_THREADS": "1"}
        procs[side] = subprocess.Popen(
            command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    for proc in procs.values():
        assert proc.stdin is not None and proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            sys.exit("a side did not start")
    found: dict[str, list[list[float]]] = {side: [] for side in procs}
    for r in range(args.paired):
        for side in list(procs)[:: 1 if r % 2 == 0 else -1]:
            proc = procs[side]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("pass\n")
            proc.stdin.flush()
            found[side].append(json.loads(proc.stdout.readline()))
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    for k, name in enumerate(("new words", "words met before")):
        b = [x[k] for x in found["before"]]
        a = [x[k] for x in found["after"]]
        ratios = [x / y for x, y in zip(b, a, strict=True)]
        print(
            f"link_quick, {name}: before {statistics.median(b):.3f} ms a phrase, after {statistics.median(a):.3f}; "
            f"the pairs' before/after median {statistics.median(ratios):.3f}x (range {min(ratios):.2f}-{max(ratios):.2f})"
        )
    print(f"{args.paired} pairs; load average at the end: {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--before", type=Path, help="the src folder of the code before (default: the twins)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ads", type=Path, help="a JSONL file of ads to extract too")
    ap.add_argument("--skillspan", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "skillspan")
    ap.add_argument(
        "--paired", type=int, default=0, help="N alternating link_quick passes in two kept processes"
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--twins", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    if args.serve:
        serve(args)
        return
    if not (args.skillspan / "dev.json").is_file():
        sys.exit(
            f"SkillSpan dev not found in {args.skillspan} (it lives in ../shared, outside the repository)"
        )
    sides = {"before": (args.before or ROOT / "src", args.before is None), "after": (ROOT / "src", False)}
    if args.paired:
        paired(args, sides)
        return
    found: dict[str, list[dict[str, Any]]] = {side: [] for side in sides}
    for _ in range(args.rounds):
        for side, (src, twins) in sides.items():
            command = [sys.executable, __file__, "--child", "--skillspan", str(args.skillspan)]
            command += ["--data-dir", str(args.data_dir)] if args.data_dir else []
            command += ["--ads", str(args.ads)] if args.ads else []
            command += ["--twins"] if twins else []
            env = {**os.environ, "PYTHONPATH": str(Path(src).resolve()), "OPENBLAS_NUM_THREADS": "1"}
            run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            found[side].append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(side, found[side][-1], flush=True)
    before = "the twins (native=False)" if args.before is None else str(args.before)
    print(f"before: {before}; after: {ROOT / 'src'}; {args.rounds} rounds, alternating (CPU time, per core)")
    keys = [k for k in found["after"][0] if isinstance(found["after"][0][k], float)]
    for key in keys:
        b = [r[key] for r in found["before"]]
        a = [r[key] for r in found["after"]]
        print(
            f"{key:28s} before {statistics.median(b):8.3f} (rounds {', '.join(f'{x:.3f}' for x in b)})  "
            f"after {statistics.median(a):8.3f} (rounds {', '.join(f'{x:.3f}' for x in a)})  "
            f"after/before {statistics.median(a) / statistics.median(b):.2f}x"
        )
    digests = [k for k in found["after"][0] if isinstance(found["after"][0][k], str)]
    for key in digests:
        values = {r[key] for side in found.values() for r in side}
        print(f"{key:28s} {'identical on both sides' if len(values) == 1 else 'DIFFERENT: ' + str(values)}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
