"""Benchmark: market measurement over synthetic 3 KB ads, stage by stage, against plain extraction.

    python bench/market.py [--ads 2000] [--data-dir DIR] [--spark local[*]] [--workers N]

Prints, for one JSONL corpus written by bench/synth.py: seconds and ads/s for reading (ingest, language
detection), plain extraction of the same ads (the baseline), the per-ad market analysis (`ad_facts`:
extraction + review), and the DuckDB aggregation (storing facts + the report's GROUP BYs); the ratios
analysis / extraction and aggregation / analysis; and the end-to-end DuckDB pipeline rate. With --spark,
also the whole measurement on a Spark master (session start reported apart) and its speed-up over
the one-process DuckDB pipeline measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_jsonl

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.market import DuckDBBackend, ad_facts, measure


def line(name: str, seconds: float, n: int) -> None:
    rate = n / seconds if seconds > 0 else float("inf")
    print(f"  {name:<34} {seconds:9.2f} s {rate:10.1f} ads/s")


def run_spark(engine: Engine, corpus: Path, *, master: str, baseline_rate: float) -> None:
    from kompetens.market.spark import SparkBackend, start_session

    t0 = time.perf_counter()
    session = start_session(master=master)
    start_s = time.perf_counter() - t0
    cores = session.sparkContext.defaultParallelism
    with SparkBackend(session=session, partitions=cores * 2) as backend:
        t0 = time.perf_counter()
        report = measure(engine, [corpus], backend=backend)
        spark_s = time.perf_counter() - t0
    session.stop()
    n = report.run.measured if report.run else report.ads
    print(f"Spark {master} ({cores} cores), session start {start_s:.1f} s (not counted):")
    line("measure (read+analyse+aggregate)", spark_s, n)
    print(f"  speed-up over one-process DuckDB:  {n / spark_s / baseline_rate:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ads", type=int, default=2000)
    ap.add_argument("--chars", type=int, default=3000, help="target length of each synthetic ad")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--spark", metavar="MASTER", default=None, help="also run on Spark, e.g. local[*]")
    args = ap.parse_args()

    engine = Engine(args.data_dir)
    t0 = time.perf_counter()
    _ = engine.extractor
    print(f"data folder {engine.data_dir}; taxonomy {'loaded' if engine.taxonomy else 'absent'}")
    print(f"extractor ready in {time.perf_counter() - t0:.1f} s (not counted); {os.cpu_count()} CPUs")

    with tempfile.TemporaryDirectory(prefix="kompetens-bench-market-") as tmp:
        corpus = write_jsonl(Path(tmp) / "ads.jsonl", args.ads, target_chars=args.chars)
        size_mb = corpus.stat().st_size / 1e6
        print(f"corpus: {args.ads:,} synthetic ads, {size_mb:.1f} MB of JSONL")

        t0 = time.perf_counter()
        docs = [d for d in engine.read([corpus], kind="ad") if not isinstance(d, IngestError)]
        read_s = time.perf_counter() - t0
        n = len(docs)

        t0 = time.perf_counter()
        for d in docs:
            engine.extract(d)
        extract_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        facts = [ad_facts(engine, d) for d in docs]
        analyse_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        with DuckDBBackend() as backend:
            backend.add(facts)
            store_s = time.perf_counter() - t0
            report = backend.report()
        aggregate_s = time.perf_counter() - t0

        print("DuckDB backend, one process:")
        line("read (ingest + language)", read_s, n)
        line("plain extraction (baseline)", extract_s, n)
        line("per-ad analysis (ad_facts)", analyse_s, n)
        line(f"aggregation (store {store_s:.2f} s + SQL)", aggregate_s, n)
        pipeline_s = read_s + analyse_s + aggregate_s
        line("pipeline (read+analyse+aggregate)", pipeline_s, n)
        print(f"  analysis / plain extraction:       {analyse_s / extract_s:.2f}x")
        print(f"  aggregation / analysis:            {aggregate_s / analyse_s:.4f}")
        print(
            f"  report: {report.ads:,} ads, {report.social_media_ads:,} social-media ads, "
            f"{report.social_media_ads_title_silent:,} title-silent"
        )
        if args.spark:
            run_spark(engine, corpus, master=args.spark, baseline_rate=n / pipeline_s)


if __name__ == "__main__":
    main()
