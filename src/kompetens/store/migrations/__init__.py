"""The store's schema as Alembic migrations (``versions/``), applied by the Store whenever it opens.

``upgrade`` brings a database to the head revision inside the caller's transaction; on PostgreSQL under an
advisory lock, so that processes opening the same database at once migrate it once. A new revision is a
file in ``versions/`` whose ``down_revision`` is the last one's (``script.py.mako`` is the template): what the
code adds to or changes in the schema is created or altered there, for SQLite (``op.batch_alter_table``) and
PostgreSQL alike; tests/store/test_migrations.py opens a database from before the migrations and one at an
older revision.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

HERE = Path(__file__).resolve().parent
LOCK_KEY = 0x6B6F6D70  # "komp": the advisory lock PostgreSQL migrations run under


def config(conn: Connection | None = None) -> Config:
    """Alembic's configuration for the package's migrations (over ``conn`` when given)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@cache
def head() -> str:
    """The newest revision the package ships."""
    found = ScriptDirectory.from_config(config()).get_current_head()
    assert found is not None, "the package ships migrations"
    return found


def current(conn: Connection) -> str | None:
    """The revision the database is at (None: never migrated, or empty)."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection) -> None:
    """Bring the database to the head revision (nothing to do when it is there already). Another process
    may be doing the same: the migration runs under a lock that lasts until the caller's transaction ends,
    and the revision is read again once it is held."""
    if current(conn) == head():
        return
    _lock(conn)
    if current(conn) != head():
        command.upgrade(config(conn), "head")


def _lock(conn: Connection) -> None:
    """PostgreSQL: an advisory lock. SQLite: the write lock, taken now (``BEGIN IMMEDIATE``; the driver would
    begin only at the first insert), so that the tables are created inside the transaction too."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    elif conn.dialect.name == "sqlite" and not getattr(
        conn.connection.dbapi_connection, "in_transaction", True
    ):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
