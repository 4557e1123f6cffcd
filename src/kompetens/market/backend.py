"""Where the market facts are analysed, kept and counted: a two-method base class and the DuckDB backend.

``DuckDBBackend`` is the default (one machine, one process); ``SparkBackend`` (kompetens.market.spark)
sits behind the same two methods for corpora past one machine.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import Code, KompetensError
from .analyse import FACT_COLUMNS, AdFacts
from .corpus import Corpus, IngestStats
from .report import MarketReport, facts_sql, report_from_sql, write_facts_csv

MARKET_FILE = "market.duckdb"
BATCH = 5000
"""Facts staged per insert. DuckDB's executemany manages ~60 rows/s here; a staged JSON file, ~40,000."""

_DUCK_TYPES = {"str": "VARCHAR", "int": "INTEGER", "bool": "BOOLEAN", "float": "DOUBLE", "strs": "VARCHAR[]"}


class Backend(ABC):
    """Measures corpora and reports over every ad it holds. Adding an ad again replaces it (keyed by ad)."""

    name: str = "backend"

    @property
    def kept(self) -> bool:
        """Whether the ads it holds outlive a run (a store): its report then counts earlier runs' ads too."""
        return True

    @abstractmethod
    def ingest(self, corpus: Corpus) -> IngestStats:
        """Analyse the corpus's ads and keep their facts; bad inputs are counted in the stats, never raised."""

    @abstractmethod
    def report(self) -> MarketReport:
        """The figures over all ads ingested so far (and, for a stored backend, in earlier runs)."""

    def export_facts(self, path: Path) -> int:
        """Write the per-ad facts of every ad the report counts to ``path`` as CSV (``FACTS_CSV_HEADER``);
        returns how many. E301 for a backend that cannot."""
        raise KompetensError(Code.E301, f"the {self.name} backend cannot export its facts")

    def close(self) -> None:  # noqa: B027 - an optional hook, most backends have nothing to release
        """Release connections or sessions."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class DuckDBBackend(Backend):
    """Facts in a DuckDB table (a file such as ``data_dir/market.duckdb``, ``:memory:``, or by default a
    temporary file removed on ``close``); SQL GROUP BYs.

    A file, even a temporary one, keeps memory flat: DuckDB holds a few pages of it, while ``:memory:``
    holds every ad's row (about 0.3 KB an ad, 300 MB for a million). The only place the market database
    is opened. DuckDB lets one process write a file at a time.
    """

    name = "duckdb"

    def __init__(self, path: Path | str | None = None, *, batch: int = BATCH) -> None:
        import duckdb

        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if path is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="kompetens-market-")
            path = Path(self._tmp.name) / MARKET_FILE
        self.path = str(path)
        self._kept = self._tmp is None
        self.batch = batch
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = duckdb.connect(self.path)
            if self._tmp is not None:
                # The file goes on close: its last checkpoint would only cost time and a passing peak of
                # memory that grows with the table (90 MB at 300,000 ads).
                self._conn.execute("PRAGMA disable_checkpoint_on_shutdown")
            self._conn.execute(_schema())
            for statement in _added_columns():
                self._conn.execute(statement)
        except duckdb.Error as exc:
            self._remove_tmp()
            raise KompetensError(
                Code.E400, f"cannot open the market store: {exc}", source=self.path
            ) from None

    @property
    def kept(self) -> bool:
        """A file or ``:memory:`` given to it: not the temporary file it made itself (gone on ``close``)."""
        return self._kept

    def ingest(self, corpus: Corpus) -> IngestStats:
        stats = IngestStats()
        start = time.perf_counter()
        self.add(corpus.facts(stats))
        stats.seconds = time.perf_counter() - start
        return stats

    def add(self, facts: Iterable[AdFacts]) -> int:
        """Insert or replace facts by key; returns how many were given."""
        pending: dict[str, dict[str, Any]] = {}
        given = 0
        for f in facts:
            pending[f.key] = f.to_row()  # the same ad twice in one batch: the last one wins
            given += 1
            if len(pending) >= self.batch:
                self._insert(list(pending.values()))
                pending.clear()
        if pending:
            self._insert(list(pending.values()))
        return given

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        import duckdb

        columns = ", ".join(f"{name}: '{_DUCK_TYPES[kind]}'" for name, kind in FACT_COLUMNS)
        with tempfile.TemporaryDirectory(prefix="kompetens-market-") as tmp:
            staged = Path(tmp) / "facts.jsonl"
            with staged.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            try:
                self._conn.execute("BEGIN TRANSACTION")
                self._conn.execute(
                    "CREATE OR REPLACE TEMP TABLE batch AS SELECT * FROM "
                    f"read_json(?, format='newline_delimited', columns={{{columns}}})",
                    [str(staged)],
                )
                # A replace without a key index: an index holds every key in memory (0.1 KB an ad), while
                # this scan of the key column costs about 10 ms a batch at a million ads.
                self._conn.execute("DELETE FROM ads WHERE key IN (SELECT key FROM batch)")
                names = ", ".join(name for name, _ in FACT_COLUMNS)  # by name: a store's added columns
                self._conn.execute(f"INSERT INTO ads ({names}) SELECT {names} FROM batch")
                self._conn.execute("DROP TABLE batch")
                self._conn.execute("COMMIT")
            except duckdb.Error as exc:
                with contextlib.suppress(duckdb.Error):  # nothing to undo if BEGIN failed
                    self._conn.execute("ROLLBACK")
                raise KompetensError(
                    Code.E400, f"cannot store market facts: {exc}", source=self.path
                ) from None

    def _query(self, sql: str) -> Sequence[Sequence[Any]]:
        rows: list[tuple[Any, ...]] = self._conn.execute(sql).fetchall()
        return rows

    def report(self) -> MarketReport:
        return report_from_sql(self._query, explode="unnest")

    def export_facts(self, path: Path) -> int:
        cursor = self._conn.execute(facts_sql())

        def rows() -> Iterable[Sequence[Any]]:
            while chunk := cursor.fetchmany(BATCH):
                yield from chunk

        return write_facts_csv(rows(), path)

    def keys(self) -> set[str]:
        """The keys of the stored ads."""
        return {str(r[0]) for r in self._query("SELECT key FROM ads")}

    def clear(self) -> None:
        """Forget every stored ad."""
        self._conn.execute("DELETE FROM ads")

    def close(self) -> None:
        self._conn.close()
        self._remove_tmp()

    def _remove_tmp(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def _schema() -> str:
    """One row per key, kept by ``_insert`` (files made before it have a key index; both work)."""
    cols = ", ".join(f"{name} {_DUCK_TYPES[kind]}" for name, kind in FACT_COLUMNS)
    return f"CREATE TABLE IF NOT EXISTS ads ({cols})"


def _added_columns() -> list[str]:
    """A store made before a column of ``FACT_COLUMNS`` was added gets it (null in its older rows)."""
    return [
        f"ALTER TABLE ads ADD COLUMN IF NOT EXISTS {name} {_DUCK_TYPES[kind]}" for name, kind in FACT_COLUMNS
    ]
