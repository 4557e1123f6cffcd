"""SparkBackend: a clear install hint without pyspark; with it, the same figures as DuckDB."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.market import AdFacts, DuckDBBackend, make_backend, measure
from kompetens.market.spark import local_cores, require_spark

HAVE_PYSPARK = importlib.util.find_spec("pyspark") is not None
HAVE_JAVA = shutil.which("java") is not None


def test_missing_pyspark_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(KompetensError) as info:
        require_spark()
    assert info.value.code == Code.E302
    assert "pip install 'kompetens[spark]'" in info.value.message
    with pytest.raises(KompetensError):
        make_backend("spark", data_dir=tmp_path)


@pytest.mark.parametrize(
    ("master", "cores"),
    [
        ("local", 1),
        ("local[3]", 3),
        ("local[*]", os.cpu_count() or 1),
        ("local[2, 4]", 2),
        ("spark://head:7077", None),
        ("yarn", None),
        ("localhost", None),
    ],
)
def test_local_cores(master: str, cores: int | None) -> None:
    assert local_cores(master) == cores


@pytest.mark.skipif(not HAVE_PYSPARK, reason="pyspark is not installed (pip install 'kompetens[spark]')")
def test_missing_java_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(KompetensError) as info:
        require_spark()
    assert info.value.code == Code.E302 and "Java" in info.value.message


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if not HAVE_PYSPARK:
        pytest.skip("pyspark is not installed (pip install 'kompetens[spark]')")
    if not HAVE_JAVA:
        pytest.skip("no `java` on PATH: Spark needs Java 17 or later")
    from kompetens.market.spark import start_session

    session = start_session(master="local[2]")
    yield session
    session.stop()


def _comparable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "run"}


def _facts_by_key(path: Path) -> dict[str, dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["key"]: {k: v for k, v in r.items() if k != "source"} for r in rows}


@pytest.mark.slow
def test_spark_and_duckdb_agree(spark: Any, engine: Engine, corpus: Path, tmp_path: Path) -> None:
    """One corpus with a bad line and a JSON-array file: same figures, same failed inputs."""
    from kompetens.market.spark import SparkBackend

    lines = corpus.read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    spoiled = [*lines[:5], "{broken", "", *lines[5:8], "[1]", *lines[8:]]  # errors on lines 6 and 11
    mixed.write_text("\n".join(spoiled) + "\n", encoding="utf-8")
    array = tmp_path / "array.json"
    array.write_text("[" + ",".join(lines[:3]).replace('"synth-', '"array-') + "]", encoding="utf-8")
    empty, blank = tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"
    empty.write_bytes(b"")
    blank.write_bytes(b"\xef\xbb\xbf\n  \n")
    paths = [empty, blank, mixed, array, corpus]

    with DuckDBBackend() as local:
        expected = measure(engine, paths, backend=local, facts=tmp_path / "local.csv")
    with SparkBackend(session=spark, partitions=3) as backend:
        got = measure(engine, paths, backend=backend, facts=tmp_path / "spark.csv")
        again = measure(engine, [corpus], backend=backend)  # re-adding: no double count
    # the per-ad facts (market --facts) too; an ad read twice (mixed.jsonl repeats the corpus's first ads)
    # keeps the last read's source on DuckDB, either's on Spark (dropDuplicates), so source is set aside
    assert _facts_by_key(tmp_path / "spark.csv") == _facts_by_key(tmp_path / "local.csv")
    assert [(e.source, e.code) for e in expected.errors] == [
        (str(empty), Code.E101),
        (str(blank), Code.E101),
        (f"{mixed}#6", Code.E107),
        (f"{mixed}#11", Code.E107),
    ]
    assert _comparable(got.to_dict()) == _comparable(expected.to_dict())
    assert got.run is not None and expected.run is not None and got.run.backend == "spark"
    assert got.run.measured == expected.run.measured
    assert again.ads == expected.ads


@pytest.mark.slow
def test_spark_and_duckdb_agree_on_a_packed_corpus(
    spark: Any, engine: Engine, corpus: Path, tmp_path: Path
) -> None:
    """A gzip-packed corpus (JobTech's historical ads come packed) is read whole on a worker, as a JSON file
    is: the same figures as the local run."""
    import gzip

    from kompetens.market.spark import SparkBackend

    packed = tmp_path / "ads.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus.read_bytes()))
    with DuckDBBackend() as local:
        expected = measure(engine, [packed], backend=local)
    with SparkBackend(session=spark, partitions=2) as backend:
        got = measure(engine, [packed], backend=backend)
    assert expected.ads > 0 and _comparable(got.to_dict()) == _comparable(expected.to_dict())


@pytest.mark.slow
def test_spark_and_duckdb_agree_on_csv(
    spark: Any,
    engine: Engine,
    corpus: Path,
    facts: list[AdFacts],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Named columns, a semicolon, bad rows and a file cut into many splits: the same report."""
    from kompetens.market import CsvFormat, csvads
    from kompetens.market.spark import SparkBackend

    from .support import write_csv

    names = {"title": "Rubrik", "text": "Annonstext", "date": "Publicerad", "id": "Annons-id"}
    table = write_csv(tmp_path / "ads.csv", corpus, names=names, delimiter=";")
    header, *rows = table.read_text(encoding="utf-8").split("\r\n")
    rows[4:4] = ["x-1;too few fields", ";".join([""] * 7)]  # a short row, a row without text
    spoiled = tmp_path / "spoiled.csv"
    spoiled.write_text("\r\n".join([header, *rows]), encoding="utf-8")
    missing = tmp_path / "no-text.csv"
    missing.write_text("id;headline\n1;Kommunikatör\n", encoding="utf-8")
    monkeypatch.setattr(csvads, "SPLIT_BYTES", 2000)  # many splits out of a small file
    fmt = CsvFormat.of(names)
    assert len(csvads.csv_splits(spoiled, fmt)) > 3

    with DuckDBBackend() as local:
        expected = measure(engine, [spoiled, missing], backend=local, csv=fmt, facts=tmp_path / "l.csv")
    with SparkBackend(session=spark) as backend:
        got = measure(engine, [spoiled, missing], backend=backend, csv=fmt, facts=tmp_path / "s.csv")
    assert [e.code for e in expected.errors] == [Code.E112, Code.E110, Code.E112]
    # each ad read once: the per-ad facts are the same file, row for row in line order (#10 after #9)
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "l.csv").read_bytes()

    def failed(report: Any) -> list[Any]:  # Spark lists a file's own error before the rows' errors
        return sorted(report.to_dict()["failed"], key=lambda f: f["source"])

    def rest(report: Any) -> dict[str, Any]:
        return {k: v for k, v in report.to_dict().items() if k not in ("run", "failed")}

    assert failed(got) == failed(expected) and rest(got) == rest(expected)
    assert got.ads == expected.ads == len({f.key for f in facts})


@pytest.mark.slow
def test_spark_store_is_incremental(spark: Any, engine: Engine, corpus: Path, tmp_path: Path) -> None:
    from kompetens.market.spark import SparkBackend

    store = tmp_path / "market.parquet"
    with SparkBackend(session=spark, store=store) as backend:
        first = measure(engine, [corpus], backend=backend)
    with SparkBackend(session=spark, store=store) as backend:
        again = measure(engine, [corpus], backend=backend)
    assert _comparable(again.to_dict()) == _comparable(first.to_dict())


@pytest.mark.skipif(
    not os.environ.get("KOMPETENS_REQUIRE_SPARK"),
    reason="KOMPETENS_REQUIRE_SPARK is not set (.ci/run sets it)",
)
def test_ci_runs_the_spark_tests() -> None:
    # CI installs Java and the spark extra: there the Spark tests must run, not skip.
    assert HAVE_PYSPARK and shutil.which("java") is not None


def test_partition_reads_every_ad_in_the_given_language(engine: Engine, tmp_path: Path) -> None:
    """``market --lang`` on Spark's workers: the partition function applies it as the local loop does."""
    from kompetens.market.spark import analyse_partition

    line = json.dumps(
        {"id": "fictional-short-1", "headline": "Säljare", "description": {"text": "Ring oss."}}
    )
    items = [(f"{tmp_path / 'short.jsonl'}#1", line)]
    (told,) = analyse_partition(str(engine.data_dir), items)
    (forced,) = analyse_partition(str(engine.data_dir), items, lang="sv")
    assert told[-2] == "E109"
    assert forced[-2] is None and "sv" in forced


class _Accumulator:
    """What a Spark accumulator offers the code: ``add`` on a worker, ``value`` on the driver."""

    def __init__(self) -> None:
        self.value = 0

    def add(self, n: int) -> None:
        self.value += n


def test_a_partition_counts_its_ads_and_errors_for_the_progress(engine: Engine, tmp_path: Path) -> None:
    from kompetens.market.spark import counted_partition

    text = "Du skriver inlägg för våra kanaler i sociala medier och följer upp räckvidd och engagemang varje vecka."
    good = json.dumps({"id": "fictional-1", "headline": "Kommunikatör", "description": {"text": text}})
    items = [(f"{tmp_path / 'a.jsonl'}#1", good), (f"{tmp_path / 'a.jsonl'}#2", "{broken")]
    ads, errors = _Accumulator(), _Accumulator()
    rows = counted_partition(str(engine.data_dir), items, ads=ads, errors=errors)
    assert len(list(rows)) == 2 and (ads.value, errors.value) == (1, 1)


def test_the_progress_is_reported_while_spark_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts go to ``progress`` every PROGRESS_EVERY seconds while the block runs, then stop."""
    import time

    from kompetens.market import spark

    monkeypatch.setattr(spark, "PROGRESS_EVERY", 0.01)
    ads, errors = _Accumulator(), _Accumulator()
    calls: list[tuple[int, int]] = []
    with spark._reporting(lambda a, e: calls.append((a, e)), ads, errors, before=2):
        ads.add(5)
        time.sleep(0.1)
        errors.add(1)
        time.sleep(0.1)
    seen = len(calls)
    time.sleep(0.05)
    assert (5, 2) in calls and (5, 3) in calls and len(calls) == seen


def test_the_jvm_logs_errors_only() -> None:
    from kompetens.market.spark import LOG4J2

    assert "appender.stderr.filter.threshold.level = error" in LOG4J2.read_text(encoding="utf-8")
