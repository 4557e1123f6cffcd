"""The databases the store tests run on: the data folder's SQLite file, and PostgreSQL when
``$KOMPETENS_TEST_DATABASE_URL`` names a server (.ci/run and scripts/with-postgres.sh start one).

Each PostgreSQL test gets a schema of its own (the URL sets ``search_path`` to it), dropped afterwards with
the connections the test left open."""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from kompetens.store import Store

TEST_DATABASE_ENV = "KOMPETENS_TEST_DATABASE_URL"
REQUIRE_ENV = "KOMPETENS_REQUIRE_POSTGRES"
"""Set by .ci/run: a PostgreSQL test without a server fails instead of skipping."""
BACKENDS = ("sqlite", "postgresql")


def postgres_base_url() -> str:
    """The test server's URL, or skip with the reason (fail under $KOMPETENS_REQUIRE_POSTGRES)."""
    url = os.environ.get(TEST_DATABASE_ENV, "").strip()
    if not url and os.environ.get(REQUIRE_ENV):
        pytest.fail(f"${REQUIRE_ENV} is set but ${TEST_DATABASE_ENV} is not: the PostgreSQL tests must run")
    if not url:
        pytest.skip(
            f"${TEST_DATABASE_ENV} is not set: no PostgreSQL server to test on (scripts/with-postgres.sh)"
        )
    return url


def fresh_schema(base: str) -> Iterator[str]:
    """A URL of ``base`` whose connections see only a new, empty schema; the schema goes afterwards."""
    name = "t_" + secrets.token_hex(6)
    admin = sa.create_engine(base, poolclass=sa.NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={name}", "application_name": name})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        gc.collect()  # the test's stores and their pools
        with admin.begin() as conn:
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


def database_url(backend: str) -> Iterator[str | None]:
    """None for SQLite (the data folder's file), a fresh schema's URL for PostgreSQL."""
    if backend == "sqlite":
        yield None
    else:
        yield from fresh_schema(postgres_base_url())


def stored_text(store: Store) -> str:
    """Every row of every table of the store, as text: what a look at the database itself would find."""
    with store.transaction() as tx:
        tables = sa.inspect(tx.conn).get_table_names()
        return "\n".join(repr(row) for table in tables for row in tx.execute(f'SELECT * FROM "{table}"'))
