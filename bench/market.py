"""Benchmark: the market run end to end over a generated corpus, against plain extraction in the same run.

    python bench/market.py [--ads 2000] [--formats jsonl,csv] [--data-dir DIR] [--spark local[2]]
    python bench/market.py --ads 1000000          # the issue's run: a million ads, about 3.4 GB a format

Writes N synthetic 3 KB ads (bench/synth.py) as JSON lines and as CSV into a temporary folder, then:

1. stages on a sample of the ads (``--sample``, in this process, CPU time): reading (ingest, language
   detection), plain extraction (the baseline), the per-ad analysis (``ad_facts``: extraction + review);
2. for each format, one ``measure`` run in a fresh process (the default DuckDB backend: a temporary file):
   wall and CPU seconds, ads/s, ads/s per core (ads per CPU second of the process), the ratio of that to
   plain extraction's ads/s per core, the peak RSS of the run (VmHWM reset after the engine loaded; else
   ``ru_maxrss``) and of the engine's load, the RSS after the engine loaded and the
   RSS at each tenth of the run (flat memory: the same at 10 % as at 100 %), and whether the CSV report
   equals the JSONL one;
3. with ``--spark MASTER``, the same measurement on Spark for each format (session start apart) and
   whether its report equals the DuckDB one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_csv, write_jsonl

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.ingest import stream_jsonl
from kompetens.market import ad_facts, measure

WRITERS = {"jsonl": write_jsonl, "csv": write_csv}


def rss_mb() -> float:
    """This process's resident memory now (Linux /proc; else the peak so far)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """The peak RSS since the process started, or since ``reset_peak`` where Linux allows it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def reset_peak() -> bool:
    """Start the peak RSS afresh (Linux 4.0+: ``5`` to /proc/self/clear_refs), so that a run's peak is
    not the engine's load (building an out-of-date phrase index in memory peaks higher than any run)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report without what differs by run and format (speed, file names in errors)."""
    return {k: v for k, v in report.items() if k not in ("run", "failed")}


# -- one market run, in a process of its own (so its peak RSS is its own) -------------------------------
def child(path: Path, data_dir: Path | None, ads: int) -> dict[str, Any]:
    engine = Engine(data_dir)
    _ = engine.extractor
    load_peak = peak_rss_mb()
    run_peak_only = reset_peak()
    loaded = rss_mb()
    samples: list[tuple[int, float]] = []
    step = max(1, ads // 10)
    seen_now = [0]  # ads so far, for the watcher
    peak: list[tuple[float, int]] = [(loaded, 0)]  # the highest RSS seen, and when (ads so far)
    running = threading.Event()
    running.set()

    def watch() -> None:  # a transient peak falls between the tenths: look five times a second
        while running.is_set():
            peak[0] = max(peak[0], (rss_mb(), seen_now[0]))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    wall0, cpu0 = time.perf_counter(), time.process_time()

    def progress(done: int, errors: int) -> None:
        seen = seen_now[0] = done + errors
        if seen >= step * (len(samples) + 1):
            samples.append((seen, rss_mb()))
            rate = done / (time.perf_counter() - wall0)
            print(
                f"    {path.suffix[1:]}: {seen:,} ads, {rate:,.0f} ads/s, RSS {samples[-1][1]:,.0f} MB",
                file=sys.stderr,
            )

    report = measure(engine, [path], progress=progress, every=100)
    running.clear()
    watcher.join()
    return {
        "wall": time.perf_counter() - wall0,
        "cpu": time.process_time() - cpu0,
        "measured": report.run.measured if report.run else report.ads,
        "errors": report.error_count,
        "failed": report.to_dict()["failed"][:3],
        "loaded_rss": loaded,
        "peak_rss": peak_rss_mb(),
        "load_peak": load_peak,
        "run_peak_only": run_peak_only,
        "watched_peak": peak[0],
        "samples": samples,
        "report": comparable(report.to_dict()),
    }


def run_child(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(path), "--ads", str(args.ads)]
    if args.data_dir is not None:
        cmd += ["--data-dir", str(args.data_dir)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# -- the parent: corpus, stages, runs ------------------------------------------------------------------
def stages(engine: Engine, corpus: Path, n: int) -> float:
    """Per-stage rates on the first ``n`` ads (CPU time, after a warm-up); returns extraction's ads/s."""
    t0 = time.process_time()
    docs = []
    for item in stream_jsonl(corpus, kind="ad"):
        if not isinstance(item, IngestError):
            docs.append(item)
        if len(docs) == n:
            break
    read_s = time.process_time() - t0
    for d in docs[: min(200, n)]:  # warm the word caches, as a long run has them
        ad_facts(engine, d)
    t0 = time.process_time()
    for d in docs:
        engine.extract(d)
    extract_s = time.process_time() - t0
    t0 = time.process_time()
    for d in docs:
        ad_facts(engine, d)
    analyse_s = time.process_time() - t0
    print(f"stages on the first {len(docs):,} ads, one process, CPU time:")
    for name, seconds in (
        ("read (ingest + language)", read_s),
        ("plain extraction (the baseline)", extract_s),
        ("per-ad analysis (extraction + review)", analyse_s),
    ):
        print(f"  {name:<40} {seconds / len(docs) * 1000:7.3f} ms/ad {len(docs) / seconds:9,.0f} ads/s")
    return len(docs) / extract_s


def spark_runs(engine: Engine, corpora: dict[str, Path], master: str, local: dict[str, Any]) -> None:
    from kompetens.market.spark import SparkBackend, start_session

    t0 = time.perf_counter()
    session = start_session(master=master)
    cores = session.sparkContext.defaultParallelism
    print(f"Spark {master} ({cores} cores), session start {time.perf_counter() - t0:.1f} s (not counted):")
    for fmt, corpus in corpora.items():
        with SparkBackend(session=session) as backend:
            t0 = time.perf_counter()
            report = measure(engine, [corpus], backend=backend)
            seconds = time.perf_counter() - t0
        n = report.run.measured if report.run else report.ads
        same = comparable(report.to_dict()) == local[fmt]["report"]
        print(
            f"  {fmt:<5} {n:,} ads in {seconds:,.1f} s: {n / seconds:,.0f} ads/s "
            f"({n / seconds / cores:,.0f} per core); report == DuckDB's: {'yes' if same else 'NO'}"
        )
    session.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ads", type=int, default=2000)
    ap.add_argument("--chars", type=int, default=3000, help="target length of each synthetic ad")
    ap.add_argument("--formats", default="jsonl,csv", help="corpus formats to run, of jsonl and csv")
    ap.add_argument("--sample", type=int, default=2000, help="ads the stage figures are measured on")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--spark", metavar="MASTER", default=None, help="also run on Spark, e.g. local[2]")
    ap.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.data_dir, args.ads)))
        return

    formats = [f for f in args.formats.split(",") if f]
    engine = Engine(args.data_dir)
    t0 = time.perf_counter()
    _ = engine.extractor
    print(f"data folder {engine.data_dir}; taxonomy {'loaded' if engine.taxonomy else 'absent'}")
    print(f"extractor ready in {time.perf_counter() - t0:.1f} s (not counted); {os.cpu_count()} CPUs")

    with tempfile.TemporaryDirectory(prefix="kompetens-bench-market-") as tmp:
        corpora: dict[str, Path] = {}
        for fmt in formats:
            t0 = time.perf_counter()
            corpora[fmt] = WRITERS[fmt](Path(tmp) / f"ads.{fmt}", args.ads, target_chars=args.chars)
            size = corpora[fmt].stat().st_size / 1e6
            took = time.perf_counter() - t0
            print(f"corpus: {args.ads:,} synthetic ads, {size:,.1f} MB of {fmt} ({took:.0f} s to write)")
        sample = corpora.get("jsonl") or write_jsonl(Path(tmp) / "sample.jsonl", args.sample)
        extraction = stages(engine, sample, min(args.sample, args.ads))

        print("market runs end to end (stream, analyse, DuckDB in a temporary file, report), a process each:")
        print(
            f"  {'format':<6} {'ads':>10} {'wall s':>9} {'CPU s':>9} {'ads/s':>7} {'per core':>8} "
            f"{'/extraction':>11} {'peak RSS':>9} {'load peak':>9} {'loaded':>7}  RSS at each tenth (MB)"
        )
        local: dict[str, Any] = {}
        for fmt, corpus in corpora.items():
            r = local[fmt] = run_child(corpus, args)
            n, per_core = r["measured"], r["measured"] / r["cpu"]
            tenths = " ".join(f"{mb:,.0f}" for _seen, mb in r["samples"])
            print(
                f"  {fmt:<6} {n:>10,} {r['wall']:>9,.1f} {r['cpu']:>9,.1f} {n / r['wall']:>7,.0f} "
                f"{per_core:>8,.0f} {per_core / extraction:>10.2f}x {r['peak_rss']:>6,.0f} MB "
                f"{r['load_peak']:>6,.0f} MB {r['loaded_rss']:>4,.0f} MB  {tenths}"
            )
            mb, when = r["watched_peak"]
            where = (
                "after the last ad (last insert, report)" if when >= n + r["errors"] else f"at {when:,} ads"
            )
            print(f"    highest RSS seen (5 looks a second): {mb:,.0f} MB, {where}")
            if r["errors"]:
                print(
                    f"    {r['errors']:,} inputs failed, as "
                    + "; ".join(
                        f"{Path(f['source']).name}: {f['error']['message']} [{f['error']['code']}]"
                        for f in r["failed"]
                    )
                )
        if not all(r["run_peak_only"] for r in local.values()):
            print("  (the peak RSS could not be reset after the load: it is the process's, load included)")
        if {"jsonl", "csv"} <= set(local):
            same = local["csv"]["report"] == local["jsonl"]["report"]
            print(f"  CSV report == JSONL report: {'yes' if same else 'NO'}")
        first = next(iter(local.values()))["report"]
        print(
            f"  report: {first['ads']:,} ads, {first['social_media_ads']:,} social-media ads, "
            f"{first['social_media_ads_title_silent']:,} title-silent"
        )
        if args.spark:
            spark_runs(engine, corpora, args.spark, local)


if __name__ == "__main__":
    main()
