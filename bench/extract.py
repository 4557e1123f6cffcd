"""Benchmark: the whole extraction pipeline over >= 10,000 synthetic 3 KB ads, against a bare automaton scan.

    python bench/extract.py [--ads 10000] [--data-dir DIR]

Prints ads/s per core for (a) the full pipeline (tokenise, lemmas, automaton, compounds, fuzzy, cues, areas)
and (b) a bare pyahocorasick scan of the lowercased text with the same phrase keys, and their ratio; the time
from command to first output of `kompetens extract`; and peak memory with the full taxonomy loaded.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ahocorasick

sys.path.insert(0, str(Path(__file__).parent))
from synth import synth_ads, write_jsonl

from kompetens.engine import Engine
from kompetens.models import Document


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ads", type=int, default=10_000)
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()

    engine = Engine(args.data_dir)
    t0 = time.perf_counter()
    extractor = engine.extractor
    build_s = time.perf_counter() - t0
    docs = [
        Document(
            source=ad["id"], text=ad["headline"] + "\n\n" + ad["description"]["text"], lang="sv", kind="ad"
        )
        for ad in synth_ads(args.ads)
    ]
    mean_chars = sum(len(d.text) for d in docs) / len(docs)

    bare = ahocorasick.Automaton()
    for spec_key in extractor.index.phrase_keys():
        bare.add_word(spec_key, 1)
    bare.make_automaton()
    # Per core = per CPU-second of this process (process_time), so other load on the machine does not count.
    t0 = time.process_time()
    n_bare = 0
    for d in docs:
        for _ in bare.iter(" " + d.text.lower() + " "):
            n_bare += 1
    bare_s = time.process_time() - t0

    t0 = time.process_time()
    n_mentions = 0
    for d in docs:
        n_mentions += len(extractor(d).mentions)
    full_s = time.process_time() - t0

    with tempfile.TemporaryDirectory() as tmp:
        ad_file = write_jsonl(Path(tmp) / "one.jsonl", 1)
        env = dict(os.environ)
        if args.data_dir:
            env["KOMPETENS_HOME"] = str(args.data_dir)
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "kompetens", "extract", str(ad_file), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert proc.stdout is not None
        proc.stdout.read(1)
        first_output_s = time.perf_counter() - t0
        proc.communicate()

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"ads: {len(docs)}  mean size: {mean_chars:.0f} chars  phrase keys: {len(extractor.index.phrase_keys())}"
    )
    print(f"extractor build (incl. taxonomy load): {build_s:.2f} s")
    print(f"bare automaton scan : {len(docs) / bare_s:10.0f} ads/s per core  ({n_bare} raw hits)")
    print(f"full pipeline       : {len(docs) / full_s:10.0f} ads/s per core  ({n_mentions} mentions)")
    print(f"ratio full/bare time: {full_s / bare_s:.1f}x")
    print(f"command to first output (kompetens extract --json, 1 ad): {first_output_s:.2f} s")
    print(f"peak memory (this process, full pipeline loaded): {rss_mb:.0f} MB")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores)")
    print("goals: >= 1000 ads/s per core for a 3 KB ad; < 1 s to first output; < 500 MB")


if __name__ == "__main__":
    main()
