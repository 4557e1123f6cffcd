"""The Store: the only class that opens a database connection (datasette/database.py habit).

The database is a SQLite file in the data folder by default (nothing to start), or a PostgreSQL server given
by URL (``KOMPETENS_DATABASE_URL``, ``--database-url``), both through SQLAlchemy Core; the schema is the
Alembic migrations under ``store/migrations``, brought to their head whenever the store opens. A SQLite file
made before the migrations (no version table) is adopted: the first migration creates only the tables it lacks.

The ``profiles`` table keeps JSON under a key (generic, no tenant). Stored candidates live in store/records.py
(a random id per candidate, per organisation); candidate profiles written here by older versions (keyed by the
CV's path) are moved there when it opens. Deletion is real: on SQLite ``secure_delete`` overwrites freed
pages and ``VACUUM`` rewrites the file; on PostgreSQL ``VACUUM (FULL)`` rewrites the tables a deletion touched.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from ..errors import Code, KompetensError

WAL_WAIT = 10.0
"""Seconds a new SQLite connection retries switching to WAL while another holds the new file (``_wal``)."""
DIALECTS = ("sqlite", "postgresql")
"""The databases the store runs on."""
INSERTION_ORDER = {"sqlite": "rowid", "postgresql": "seq"}
"""The column that orders rows of the tables with random ids as they were inserted: SQLite's rowid; the
identity column ``seq`` the migrations add on PostgreSQL (which has no rowid)."""


def private_file(path: Path) -> None:
    """Create ``path`` (and its folder) readable by its owner only, or make an existing one so.

    SQLite creates the -wal and -shm files with the database file's mode, so they are private too.
    """
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with suppress(FileNotFoundError, PermissionError):
            os.chmod(part, 0o600)


def is_url(where: Path | str) -> bool:
    """Whether ``where`` is a database URL (``scheme://...``) rather than a SQLite file's path."""
    return isinstance(where, str) and "://" in where


def shown_url(url: str) -> str:
    """A database URL fit for a message: the password masked."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@", 1)[-1]


@cache
def _statement(sql: str) -> sa.TextClause:
    """``sql`` with ``?`` placeholders as a SQLAlchemy text clause with the parameters ``p0``, ``p1``, ..."""
    parts = sql.split("?")
    named = parts[0] + "".join(f":p{i}{part}" for i, part in enumerate(parts[1:]))
    return sa.text(named)


def _params(args: Sequence[object]) -> dict[str, object]:
    return {f"p{i}": value for i, value in enumerate(args)}


class Tx:
    """A connection inside one transaction, as the store's sibling classes use it: SQL with ``?``
    placeholders, the same on SQLite and PostgreSQL (``dialect`` for what differs). Values go in as
    parameters, never into the SQL: a ``?`` or a ``:name`` inside a literal would read as a placeholder."""

    def __init__(self, conn: Connection, dialect: str) -> None:
        self.conn = conn
        self.dialect = dialect

    def execute(self, sql: str, args: Sequence[object] = ()) -> CursorResult[*tuple[Any, ...]]:
        return self.conn.execute(_statement(sql), _params(args))

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            self.conn.execute(_statement(sql), [_params(r) for r in rows])


def _sqlite_engine(path: str) -> sa.Engine:
    """One connection shared by the store's threads (under its lock), as before: secure_delete, WAL."""
    url = "sqlite://" if path == ":memory:" else f"sqlite:///{path}"
    engine = sa.create_engine(url, poolclass=sa.StaticPool, connect_args={"check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: object) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        _wal(cursor)
        cursor.close()

    return engine


def _wal(cursor: Any) -> None:
    """Switch to WAL. SQLite answers "database is locked" at once, without waiting on its busy timeout, when
    another connection is creating or switching the same new file: processes opening a new data folder at
    once (a server's workers) retry for up to ``WAL_WAIT`` seconds."""
    end = time.monotonic() + WAL_WAIT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > end:
                raise
            time.sleep(0.02)


def sqlite_path(where: Path | str) -> Path | str:
    """A ``sqlite:///PATH`` URL as the file's path (``sqlite://``: ``:memory:``), for the same private file,
    pragmas and lock as a path; anything else as it is."""
    if is_url(where) and str(where).startswith("sqlite"):
        try:
            return sa.make_url(str(where)).database or ":memory:"
        except ArgumentError:
            return where
    return where


def _server_engine(url: str) -> sa.Engine:
    """A pool of connections to a database server (checked before use: the server may have restarted)."""
    try:
        parsed = sa.make_url(url)
    except ArgumentError as exc:
        raise KompetensError(Code.E402, f"{shown_url(url)} is not a database URL: {exc}") from exc
    if parsed.get_backend_name() not in DIALECTS:
        raise KompetensError(
            Code.E402,
            f"{shown_url(url)}: the store runs on {' or '.join(DIALECTS)} "
            "(postgresql+psycopg://user:password@host/database)",
        )
    try:
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise KompetensError(Code.E402, f"cannot use {shown_url(url)}: {exc}") from exc


class Store:
    """The database: a SQLite file in the data folder (``:memory:`` for tests), or a database URL."""

    def __init__(self, where: Path | str) -> None:
        where = sqlite_path(where)
        if is_url(where):
            self.path = shown_url(str(where))
            self._engine = _server_engine(str(where))
        else:
            self.path = str(where)
            if self.path != ":memory:":
                private_file(Path(self.path))
            self._engine = _sqlite_engine(self.path)
        self.dialect: str = self._engine.dialect.name
        self.insertion_order = INSERTION_ORDER.get(self.dialect, "rowid")
        self._lock: AbstractContextManager[object] = (
            threading.Lock() if self.dialect == "sqlite" else nullcontext()
        )
        from .migrations import upgrade

        try:
            with self._lock, self._engine.begin() as conn:
                upgrade(conn)
        except DBAPIError as exc:  # unreachable, refused, or not allowed to create the tables
            self._engine.dispose()
            unreachable = isinstance(exc, OperationalError) and self.dialect != "sqlite"
            raise KompetensError(
                Code.E403 if unreachable else Code.E400,
                f"cannot open the store: {_first_line(exc)}",
                source=self.path,
            ) from exc

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A connection in one transaction (under the store's lock on SQLite): for the store's sibling
        classes (store/accounts.py, store/records.py) that keep their tables in the same database."""
        try:
            with self._lock, self._engine.begin() as conn:
                yield Tx(conn, self.dialect)
        except OperationalError as exc:
            raise KompetensError(
                Code.E400, f"the database failed: {_first_line(exc)}", source=self.path
            ) from exc

    def put(self, *, key: str, kind: str, data: dict[str, Any], lang: str | None = None) -> None:
        """Insert or replace one profile."""
        with self.transaction() as tx:
            tx.execute(_PUT, (key, kind, lang, json.dumps(data, ensure_ascii=False)))

    def put_many(self, *, kind: str, items: list[tuple[str, dict[str, Any]]]) -> None:
        with self.transaction() as tx:
            tx.executemany(_PUT, [(k, kind, None, json.dumps(d, ensure_ascii=False)) for k, d in items])

    def get(self, key: str) -> dict[str, Any]:
        with self.transaction() as tx:
            row = tx.execute("SELECT data FROM profiles WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KompetensError(Code.E401, f"no stored profile named {key!r}")
        out: dict[str, Any] = json.loads(row[0])
        return out

    def keys(self, *, kind: str | None = None) -> list[str]:
        sql, args = "SELECT key FROM profiles", tuple[str, ...]()
        if kind is not None:
            sql, args = sql + " WHERE kind = ?", (kind,)
        with self.transaction() as tx:
            return [r[0] for r in tx.execute(sql + " ORDER BY key", args)]

    def iter(self, *, kind: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        sql, args = "SELECT key, data FROM profiles", tuple[str, ...]()
        if kind is not None:
            sql, args = sql + " WHERE kind = ?", (kind,)
        with self.transaction() as tx:
            rows = tx.execute(sql + " ORDER BY key", args).fetchall()
        for key, data in rows:
            yield key, json.loads(data)

    def count(self, *, kind: str | None = None) -> int:
        return len(self.keys(kind=kind))

    def delete(self, key: str) -> bool:
        """Delete one profile for real: the freed pages are zeroed and the database is rewritten."""
        with self.transaction() as tx:
            gone = tx.execute("DELETE FROM profiles WHERE key = ?", (key,)).rowcount > 0
        self.compact(["profiles"])
        return gone

    def compact(self, tables: Sequence[str] = ()) -> None:
        """Rewrite the database without what was deleted.

        SQLite: the WAL is checkpointed and emptied, ``VACUUM`` rebuilds the file, and the WAL that rebuilt it
        is checkpointed and emptied too. PostgreSQL: ``VACUUM (FULL)`` rewrites ``tables`` (the ones a deletion
        touched; every table of the store's schema without any) into new files, so the old ones, with the
        deleted rows, are gone."""
        with self._lock, self._engine.connect() as conn:
            auto = conn.execution_options(isolation_level="AUTOCOMMIT")
            if not tables and self.dialect != "sqlite":  # the store's tables, not the whole database's
                tables = sa.inspect(auto).get_table_names()
            for sql in _compaction(self.dialect, tables):
                auto.exec_driver_sql(sql)

    def close(self) -> None:
        with self._lock:
            self._engine.dispose()


_PUT = (
    "INSERT INTO profiles(key, kind, lang, data) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
    "kind = excluded.kind, lang = excluded.lang, data = excluded.data, created = excluded.created"
)


def _compaction(dialect: str, tables: Sequence[str]) -> list[str]:
    if dialect == "sqlite":
        return ["PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"]
    return [f"VACUUM (FULL) {', '.join(_quoted(t) for t in dict.fromkeys(tables))}"] if tables else []


def _quoted(table: str) -> str:
    if not table.replace("_", "").isalnum():
        raise ValueError(f"not a table name: {table!r}")
    return f'"{table}"'


def _first_line(exc: BaseException) -> str:
    """The database's own message, without SQLAlchemy's statement and help link."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
