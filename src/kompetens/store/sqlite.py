"""The Store: the only module that opens a database connection (datasette/database.py habit).

The ``profiles`` table keeps JSON under a key (generic, no tenant). Stored candidates live in store/records.py
(a random id per candidate, per organisation); candidate profiles written here by older versions (keyed by the
CV's path) are moved there when it opens. Deletion is real (``secure_delete`` overwrites freed pages,
``VACUUM`` rewrites the file).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..errors import Code, KompetensError

SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    lang TEXT,
    data TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS profiles_kind ON profiles(kind);
"""


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


class Store:
    """SQLite file in the data folder (``:memory:`` for tests)."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            private_file(Path(self.path))
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
            self._conn.execute("PRAGMA secure_delete = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise KompetensError(Code.E400, f"cannot open the store: {exc}", source=self.path) from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the store's lock, in one transaction: for the store's sibling classes
        (store/accounts.py) that keep their tables in the same file."""
        with self._lock, self._conn:
            yield self._conn

    def put(self, *, key: str, kind: str, data: dict[str, Any], lang: str | None = None) -> None:
        """Insert or replace one profile."""
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO profiles(key, kind, lang, data) VALUES (?, ?, ?, ?)",
                (key, kind, lang, json.dumps(data, ensure_ascii=False)),
            )

    def put_many(self, *, kind: str, items: list[tuple[str, dict[str, Any]]]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO profiles(key, kind, data) VALUES (?, ?, ?)",
                [(k, kind, json.dumps(d, ensure_ascii=False)) for k, d in items],
            )

    def get(self, key: str) -> dict[str, Any]:
        with self._lock:
            row = self._conn.execute("SELECT data FROM profiles WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KompetensError(Code.E401, f"no stored profile named {key!r}")
        out: dict[str, Any] = json.loads(row[0])
        return out

    def keys(self, *, kind: str | None = None) -> list[str]:
        sql, args = "SELECT key FROM profiles", tuple[str, ...]()
        if kind is not None:
            sql, args = sql + " WHERE kind = ?", (kind,)
        with self._lock:
            return [r[0] for r in self._conn.execute(sql + " ORDER BY key", args)]

    def iter(self, *, kind: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        sql, args = "SELECT key, data FROM profiles", tuple[str, ...]()
        if kind is not None:
            sql, args = sql + " WHERE kind = ?", (kind,)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY key", args).fetchall()
        for key, data in rows:
            yield key, json.loads(data)

    def count(self, *, kind: str | None = None) -> int:
        return len(self.keys(kind=kind))

    def delete(self, key: str) -> bool:
        """Delete one profile for real: the freed pages are zeroed and the file is rewritten."""
        with self._lock:
            with self._conn:
                cur = self._conn.execute("DELETE FROM profiles WHERE key = ?", (key,))
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute("VACUUM")
        return cur.rowcount > 0

    def compact(self) -> None:
        """Rewrite the file without freed pages (after a deletion): the WAL is checkpointed and emptied,
        ``VACUUM`` rebuilds the database, and the WAL that rebuilt it is checkpointed and emptied too."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
