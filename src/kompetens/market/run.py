"""``measure``: one market run, from corpus paths to a report (what ``kompetens market`` calls)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Code, KompetensError
from ..ingest import PathsArg, as_paths
from .backend import MARKET_FILE, Backend, DuckDBBackend
from .corpus import Corpus, Progress
from .csvads import CsvFormat
from .report import MarketReport, RunInfo

if TYPE_CHECKING:
    from ..engine import Engine


def measure(
    engine: Engine,
    paths: PathsArg,
    *,
    backend: Backend | None = None,
    progress: Progress | None = None,
    every: int = 50,
    csv: CsvFormat | None = None,
    lang: str | None = None,
    facts: Path | None = None,
) -> MarketReport:
    """Measure the ads in ``paths`` (one path, ``str`` or ``Path``, or an iterable of them; TypeError for
    anything else) and report over every ad the backend holds.

    ``backend``: where facts are analysed and kept (default: a DuckDB in a temporary file, removed
    afterwards; a backend you pass stays open). ``progress(ads, errors)`` is called every ``every``
    inputs. ``csv``: the columns of CSV files (default: ``title``/``headline``, ``text``/``description``,
    ``date``/``publication_date``...). Bad files, lines and rows and ads in unsupported languages are
    counted in the report's errors; the run goes on. ``lang``: every ad's language instead of the
    detected one. ``facts``: a CSV file to write every counted ad's facts to (``FACTS_CSV_HEADER``).
    """
    files = as_paths(paths)
    own = backend is None
    active = backend if backend is not None else DuckDBBackend()
    corpus = Corpus(
        files,
        engine,
        progress=progress,
        every=max(1, every),
        csv=csv or CsvFormat(),
        lang=lang,
    )
    start = time.perf_counter()
    try:
        stats = active.ingest(corpus)
        report = active.report()
        if facts is not None:
            active.export_facts(facts)
    finally:
        if own:
            active.close()
    report.error_count = stats.error_count
    report.errors = list(stats.errors)
    report.run = RunInfo(active.name, stats.ads, time.perf_counter() - start, stored=active.kept)
    return report


def make_backend(name: str, *, data_dir: Path, store: bool = False, **options: Any) -> Backend:
    """``duckdb`` (default) or ``spark``; ``store`` keeps the facts in the data folder between runs."""
    if name == "duckdb":
        return DuckDBBackend(data_dir / MARKET_FILE if store else None, **options)
    if name == "spark":
        from .spark import SparkBackend

        return SparkBackend(store=data_dir / "market.parquet" if store else None, **options)
    raise KompetensError(Code.E301, f"unknown market backend {name!r}; choose duckdb or spark")
