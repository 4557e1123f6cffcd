"""``SparkBackend``: the same measurement past one machine (pyspark, the optional ``kompetens[spark]`` extra).

JSON-lines corpora are read by Spark line by line, so one big file spreads over every core; a CSV file is
cut at row boundaries into pieces of about 32 MB (``csv_splits``, one pass on the driver) that tasks parse
with the local backend's own reader; other files (a JSON array, PDFs...) are spread one file per task.
Each Python worker builds its own Engine from the data folder and runs the same ``ad_facts`` the local
backend runs; the figures come from Spark SQL.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Code, IngestError, KompetensError
from ..ingest import jsonl_file_error
from .analyse import FACT_COLUMNS, ad_facts, document_from_line
from .backend import Backend
from .corpus import JSONL_SUFFIXES, MAX_LISTED_ERRORS, Corpus, IngestStats, Progress, read_ahead
from .csvads import CSV_SUFFIXES, CsvSplit, csv_splits, split_documents
from .report import MarketReport, facts_sql, report_from_sql, write_facts_csv

if TYPE_CHECKING:
    from ..engine import Engine
    from ..models import Document

INSTALL_HINT = "pip install 'kompetens[spark]' (pyspark 4.3.0; it needs Java 17 or later)"
ERROR_COLUMNS = ("error_code", "error_message")
Row = tuple[Any, ...]
Item = tuple[str, str | CsvSplit | None]
"""What a task analyses: (``path#line``, a JSON line), (path, a piece of a CSV file) or (path, None), a
file read whole."""


def require_spark() -> Any:
    """The ``SparkSession`` class, or KompetensError E302 saying what to install."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise KompetensError(
            Code.E302, f"the Spark backend needs pyspark, which is not installed: {INSTALL_HINT}"
        ) from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise KompetensError(
            Code.E302, "the Spark backend needs Java 17 or later: no `java` on PATH and JAVA_HOME is unset"
        )
    return SparkSession


class SparkBackend(Backend):
    """Facts in a Spark DataFrame (and, with ``store``, a Parquet folder kept between runs)."""

    name = "spark"

    def __init__(
        self,
        *,
        master: str = "local[*]",
        session: Any = None,
        store: Path | str | None = None,
        partitions: int | None = None,
    ) -> None:
        require_spark()
        self._own_session = session is None
        if session is None:
            session = start_session(master=master)
        self.spark: Any = session
        self.store = None if store is None else Path(store)
        self.partitions = partitions
        self._facts: Any = None

    @property
    def kept(self) -> bool:
        """With ``store``: the Parquet folder keeps the facts between runs."""
        return self.store is not None

    def ingest(self, corpus: Corpus) -> IngestStats:
        stats = IngestStats()
        start = time.perf_counter()
        try:
            items = self._items(corpus, stats)
            if items is not None:
                data_dir = str(corpus.engine.data_dir)
                self._analyse(items, data_dir, stats, lang=corpus.lang, progress=corpus.progress)
        except KompetensError:
            raise
        except Exception as exc:  # Py4J and worker failures: say what failed, never a JVM trace
            raise KompetensError(Code.E303, f"the Spark job failed: {_first_line(exc)}") from exc
        stats.seconds = time.perf_counter() - start
        if corpus.progress is not None:
            corpus.progress(stats.ads, stats.error_count)
        return stats

    def _items(self, corpus: Corpus, stats: IngestStats) -> Any:
        """An RDD of ``Item``: JSONL lines, pieces of CSV files (one per partition), files read whole."""
        sc = self.spark.sparkContext
        rdds: list[Any] = []
        whole: list[Item] = []
        pieces: list[Item] = []
        for file in corpus.files():
            if isinstance(file, IngestError):
                stats.add_error(file)
            elif file.suffix.lower() in JSONL_SUFFIXES:
                if (error := jsonl_file_error(file)) is not None:  # empty: E101, as the local run says
                    stats.add_error(error)
                else:
                    rdds.append(_numbered_lines(self.spark, file))
            elif file.suffix.lower() in CSV_SUFFIXES:
                try:
                    pieces += [(str(file), split) for split in csv_splits(file, corpus.csv)]
                except IngestError as exc:
                    stats.add_error(exc)
            else:
                whole.append((str(file), None))
        if pieces:
            rdds.append(sc.parallelize(pieces, len(pieces)))
        if whole:
            rdds.append(sc.parallelize(whole, max(1, min(len(whole), sc.defaultParallelism))))
        if not rdds:
            return None
        items = sc.union(rdds)
        return items.repartition(self.partitions) if self.partitions else items

    def _analyse(
        self,
        items: Any,
        data_dir: str,
        stats: IngestStats,
        *,
        lang: str | None = None,
        progress: Progress | None = None,
    ) -> None:
        sc = self.spark.sparkContext
        ads, errors = sc.accumulator(0), sc.accumulator(0)  # sent to the driver as each task ends
        rows = items.mapPartitions(partial(counted_partition, data_dir, lang=lang, ads=ads, errors=errors))
        frame = self.spark.createDataFrame(rows, _schema()).persist()
        facts = frame.where("error_code IS NULL").drop(*ERROR_COLUMNS)
        failed = frame.where("error_code IS NOT NULL").select("source", *ERROR_COLUMNS)
        with _reporting(progress, ads, errors, before=stats.error_count):
            stats.ads += facts.count()
            stats.error_count += failed.count()
        # Listed in path, then line order (Engine.read's order within each file).
        by_line = failed.selectExpr(
            "*",
            "regexp_extract(source, '^(.*)#[0-9]+$', 1) AS file",
            "CAST(regexp_extract(source, '#([0-9]+)$', 1) AS INT) AS line",
        ).orderBy("file", "line", "source")
        for r in by_line.limit(MAX_LISTED_ERRORS - len(stats.errors)).collect():
            stats.errors.append(KompetensError(Code[r["error_code"]], r["error_message"], source=r["source"]))
        if self.store is not None:
            facts.write.mode("append").parquet(str(self.store))
        self._facts = facts if self._facts is None else self._facts.unionByName(facts)

    def _table(self) -> Any:
        if self.store is not None and self.store.exists():
            # mergeSchema: a store written before a column was added reads it as null in its older rows
            return self.spark.read.option("mergeSchema", "true").parquet(str(self.store))
        if self._facts is None:
            return self.spark.createDataFrame([], _schema()).drop(*ERROR_COLUMNS)
        return self._facts

    def report(self) -> MarketReport:
        # An ad added twice (the same key) counts once; its facts are the same analysis of the same ad.
        table = self._table().dropDuplicates(["key"]).persist()
        table.createOrReplaceTempView("ads")

        def query(sql: str) -> Sequence[Sequence[Any]]:
            return [tuple(r) for r in self.spark.sql(sql).collect()]

        try:
            return report_from_sql(query, explode="explode")
        except Exception as exc:
            raise KompetensError(Code.E303, f"the Spark query failed: {_first_line(exc)}") from exc
        finally:
            table.unpersist()

    def export_facts(self, path: Path) -> int:
        # The rows come to the driver a partition at a time (toLocalIterator), not all at once.
        table = self._table().dropDuplicates(["key"])
        table.createOrReplaceTempView("ads")
        try:
            return write_facts_csv((tuple(r) for r in self.spark.sql(facts_sql()).toLocalIterator()), path)
        except OSError:
            raise
        except Exception as exc:
            raise KompetensError(Code.E303, f"the Spark query failed: {_first_line(exc)}") from exc

    def close(self) -> None:
        if self._own_session:
            self.spark.stop()


PROGRESS_EVERY = 0.5
"""Seconds between the progress reports of a Spark run (the counts move as Spark's tasks end)."""
LOG4J2 = Path(__file__).with_name("log4j2.properties")
"""The JVM's logging: errors only, to stderr (Spark's default prints its WARN lines through the progress bar)."""


@contextmanager
def _reporting(progress: Progress | None, ads: Any, errors: Any, *, before: int = 0) -> Iterator[None]:
    """Call ``progress(ads, errors)`` every ``PROGRESS_EVERY`` seconds from the accumulators while the
    block runs (a Spark task adds its counts when it ends, so the count moves a task at a time)."""
    if progress is None:
        yield
        return
    stop = threading.Event()

    def report() -> None:
        while not stop.wait(PROGRESS_EVERY):
            progress(int(ads.value), before + int(errors.value))

    thread = threading.Thread(target=report, name="kompetens-spark-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def start_session(*, master: str = "local[*]", config: Mapping[str, str] | None = None) -> Any:
    """A SparkSession for the market backend: quiet (no UI, no console progress, the JVM's log at ERROR
    from its start: ``LOG4J2``, unless ``config`` sets the driver's Java options).

    Workers must import kompetens; in local mode they run this very interpreter, unless
    ``PYSPARK_PYTHON`` says otherwise (pyspark reads only the environment variable, not the conf).
    """
    session_class = require_spark()
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        # read when the JVM starts: no "Using Spark's default log4j profile", no WARN lines
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={LOG4J2.as_uri()}",
    }
    cores = local_cores(master)
    if cores is not None:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # The report's GROUP BYs run over thousands of rows, not millions: 200 shuffle tasks (the
        # default) cost more than the counting on a few local cores.
        settings["spark.sql.shuffle.partitions"] = str(2 * cores)
    settings.update(config or {})
    builder = session_class.builder.master(master).appName("kompetens-market")
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:
        raise KompetensError(Code.E303, f"cannot start Spark ({master}): {_first_line(exc)}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def local_cores(master: str) -> int | None:
    """The cores of a ``local``, ``local[N]`` or ``local[*]`` master; None for a cluster."""
    m = re.fullmatch(r"local(?:\[(\d+|\*)(?:,\s*\d+)?\])?", master.strip())
    if m is None:
        return None
    n = m.group(1)
    if n is None:
        return 1
    return (os.cpu_count() or 1) if n == "*" else int(n)


def _numbered_lines(spark: Any, file: Path) -> Any:
    """(``path#line``, text) for every line of a JSONL file, numbered as ``Engine.read`` numbers them."""
    source = str(file)
    lines = spark.read.text(source).rdd.zipWithIndex()
    return lines.map(lambda pair: (f"{source}#{pair[1] + 1}", pair[0][0]))


def _schema() -> Any:
    from pyspark.sql import types as T

    kinds = {
        "str": T.StringType(),
        "int": T.IntegerType(),
        "bool": T.BooleanType(),
        "float": T.DoubleType(),
        "strs": T.ArrayType(T.StringType()),
    }
    fields = [T.StructField(name, kinds[kind], True) for name, kind in FACT_COLUMNS]
    fields += [T.StructField(name, T.StringType(), True) for name in ERROR_COLUMNS]
    return T.StructType(fields)


# -- worker side -------------------------------------------------------------------------------------
@lru_cache(maxsize=2)
def worker_engine(data_dir: str) -> Engine:
    """One Engine per worker process and data folder (Spark reuses Python workers across tasks)."""
    from ..engine import Engine

    return Engine(data_dir)


def analyse_partition(data_dir: str, items: Iterable[Item], *, lang: str | None = None) -> Iterator[Row]:
    """Fact rows (error columns empty) or error rows (only source and error set) for one partition
    (``lang``: every ad's language instead of the detected one)."""
    engine = worker_engine(data_dir)
    for item in read_ahead(_documents(engine, items)):
        yield _error_row(item) if isinstance(item, KompetensError) else _fact_row(engine, item, lang)


def counted_partition(
    data_dir: str, items: Iterable[Item], *, ads: Any, errors: Any, lang: str | None = None
) -> Iterator[Row]:
    """``analyse_partition``'s rows, counted into the accumulators ``ads`` and ``errors`` (the driver's
    progress: Spark sends a task's counts when it ends)."""
    done = failed = 0
    for row in analyse_partition(data_dir, items, lang=lang):
        if row[-2] is None:
            done += 1
        else:
            failed += 1
        yield row
    ads.add(done)
    errors.add(failed)


def _documents(engine: Engine, items: Iterable[Item]) -> Iterator[Document | KompetensError]:
    for source, line in items:
        if line is None:
            yield from engine.read([Path(source)], kind="ad")
        elif isinstance(line, CsvSplit):
            yield from split_documents(line)
        elif (line := line.removeprefix("\ufeff")).strip():  # a BOM that Engine.read strips
            try:
                yield document_from_line(line, source=source)
            except KompetensError as exc:
                yield exc


def _fact_row(engine: Engine, doc: Document, lang: str | None = None) -> Row:
    try:
        facts = ad_facts(engine, doc, lang=lang)
    except KompetensError as exc:
        return _error_row(exc, source=doc.source)
    row = facts.to_row()
    return (*(row[name] for name, _ in FACT_COLUMNS), None, None)


def _error_row(exc: KompetensError, *, source: str | None = None) -> Row:
    values: dict[str, Any] = {"source": exc.source or source}
    return (*(values.get(name) for name, _ in FACT_COLUMNS), exc.code.name, exc.message)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
