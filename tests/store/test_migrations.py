"""The schema as migrations: a data folder from before them keeps working, an older revision is upgraded when
the store opens, database URLs that cannot work are coded errors, and erasure on PostgreSQL rewrites tables."""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from kompetens.cli import cli
from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.store import Store
from kompetens.store.migrations import current, head
from kompetens.store.records import Records, file_digest

from ..databases import TEST_DATABASE_ENV, fresh_schema, postgres_base_url, stored_text

OLD_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "store_before_migrations.sql"
MARKER = "Xylofonkompetens-0d9b"


def _old_data_folder(home: Path) -> None:
    """A data folder as the versions before migrations left it: their schema, an organisation with a user,
    a token, a candidate (with its file), an event and a profile keyed by a path."""
    home.mkdir()
    db = sqlite3.connect(home / "kompetens.sqlite")
    db.executescript(OLD_SCHEMA.read_text(encoding="utf-8"))
    db.executescript(
        """
        INSERT INTO orgs(id, name) VALUES (1, 'Exempelbolaget');
        INSERT INTO users(id, org_id, email, role) VALUES (1, 1, 'Anna@Example.se', 'admin');
        INSERT INTO tokens(user_id, name, token_hash) VALUES (1, 'ATS', 'ab12');
        INSERT INTO candidates VALUES ('c1', 1, 'cv.txt', 'sv', 3, '{"source": "c1"}', '2026-01-02 03:04:05');
        INSERT INTO events(time, event, org_id, user_id, object_id)
            VALUES ('2026-01-02 03:04:05', 'candidate.add', 1, 1, 'c1');
        INSERT INTO profiles(key, kind, data) VALUES ('market', 'ad', '{"ads": 7}');
        """
    )
    db.commit()
    db.close()
    (home / "files" / "1").mkdir(parents=True)
    (home / "files" / "1" / "c1").write_bytes(b"cv!")


def test_a_data_folder_from_before_the_migrations_keeps_working(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _old_data_folder(home)
    engine = Engine(home)
    anna = engine.accounts.user("anna@example.se")
    assert (anna.org, anna.role) == ("Exempelbolaget", "admin")
    assert [t.name for t in engine.accounts.tokens("anna@example.se")] == ["ATS"]
    (kept,) = engine.records.candidates(1)
    assert (kept.id, kept.name, kept.created) == ("c1", "cv.txt", "2026-01-02 03:04:05")
    assert engine.records.original(1, "c1") == b"cv!"
    assert [e.event for e in engine.records.events(1)] == ["candidate.add"]
    assert engine.store.get("market") == {"ads": 7}
    with engine.store.transaction() as tx:
        assert current(tx.conn) == head()
    # what the migrations added works, and so does what was there: a new user, a new candidate
    engine.accounts.add_signin_failure(["email:x"], at=1.0, forget_before=0.0)
    engine.accounts.add_user("bo@example.se", org="Exempelbolaget", role="recruiter")
    engine.records.add_candidate(1, "c2", name="b.txt", data=b"b", lang="en", profile={})
    assert [c.id for c in engine.records.candidates(1)] == ["c1", "c2"]
    with pytest.raises(KompetensError) as err:
        engine.accounts.add_user("ANNA@example.se", org="Other", role="admin")
    assert err.value.code == Code.E501


def test_an_older_revision_is_upgraded_when_the_store_opens(tmp_path: Path, database_url: str | None) -> None:
    where = database_url or tmp_path / "kompetens.sqlite"
    store = Store(where)
    with store.transaction() as tx:
        tx.execute("DROP TABLE signin_failures")
        tx.execute("DROP INDEX candidates_file")
        tx.execute("DROP INDEX candidates_digest")
        tx.execute("ALTER TABLE candidates DROP COLUMN duplicate_of")
        tx.execute("ALTER TABLE candidates DROP COLUMN digest")
        tx.execute("ALTER TABLE rankings DROP COLUMN reordered")
        tx.execute("ALTER TABLE tokens DROP COLUMN last_used")
        tx.execute("ALTER TABLE retention DROP COLUMN ad_days")
        tx.execute("UPDATE alembic_version SET version_num = '0001'")
    store.close()
    again = Store(where)
    with again.transaction() as tx:
        assert current(tx.conn) == head() == "0007"
        assert "signin_failures" in sa.inspect(tx.conn).get_table_names()
        assert "digest" in {c["name"] for c in sa.inspect(tx.conn).get_columns("candidates")}
        assert "reordered" in {c["name"] for c in sa.inspect(tx.conn).get_columns("rankings")}
        assert "last_used" in {c["name"] for c in sa.inspect(tx.conn).get_columns("tokens")}
        assert "ad_days" in {c["name"] for c in sa.inspect(tx.conn).get_columns("retention")}
        assert "candidates_file" in {i["name"] for i in sa.inspect(tx.conn).get_indexes("candidates")}


def test_copies_of_one_file_stored_before_the_unique_index_are_kept_and_marked(
    tmp_path: Path, database_url: str | None
) -> None:
    """A database at 0004 holding one file three times (uploads at once, before the index): the upgrade keeps
    every row (erasure is a person's call) and marks the later two copies of the first; then the index holds
    and the same file again is E514 naming the first."""
    home = tmp_path / "home"
    engine = Engine(home, database_url=database_url)
    org = engine.org_for()
    with engine.store.transaction() as tx:
        tx.execute("DROP INDEX candidates_file")
        tx.execute("ALTER TABLE candidates DROP COLUMN duplicate_of")
        tx.execute("ALTER TABLE tokens DROP COLUMN last_used")
        tx.execute("ALTER TABLE retention DROP COLUMN ad_days")
        tx.execute("UPDATE alembic_version SET version_num = '0004'")
        for n, cid in enumerate(("c1", "c2", "c3")):
            tx.execute(
                "INSERT INTO candidates(id, org_id, name, lang, size, profile, created, digest) "
                "VALUES (?, ?, ?, 'sv', 3, '{}', ?, ?)",
                (cid, org, f"cv{n}.txt", f"2026-01-02 03:04:0{5 - n}", file_digest(b"cv!")),  # c3 first
            )
    engine.store.close()
    again = Engine(home, database_url=database_url)
    with again.store.transaction() as tx:
        rows = tx.execute("SELECT id, duplicate_of FROM candidates ORDER BY id").fetchall()
        assert current(tx.conn) == head()
    assert [tuple(r) for r in rows] == [("c1", "c3"), ("c2", "c3"), ("c3", None)]
    assert [c.id for c in again.candidates(org)] == ["c3", "c2", "c1"]
    with pytest.raises(KompetensError) as err:
        again.records.add_candidate(org, "c4", name="cv.txt", data=b"cv!", lang=None, profile={})
    assert err.value.code == Code.E514 and "candidate c3 (cv2.txt)" in err.value.message


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("mysql://kim@db.example/kompetens", Code.E402),
        ("postgresql+nodriver://kim@db.example/kompetens", Code.E402),
        ("postgresql+psycopg://kim:s3cret@127.0.0.1:1/kompetens?connect_timeout=3", Code.E403),
    ],
)
def test_a_database_url_that_cannot_work_is_a_coded_error(url: str, code: Code) -> None:
    with pytest.raises(KompetensError) as err:
        Store(url)
    assert err.value.code == code and "s3cret" not in str(err.value.info())


def test_the_cli_names_the_database_it_cannot_reach(tmp_path: Path) -> None:
    url = "postgresql+psycopg://kim:s3cret@127.0.0.1:1/kompetens?connect_timeout=3"
    out = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--database-url", url, "users", "list"])
    assert isinstance(out.exception, KompetensError) and out.exception.code == Code.E403
    assert "127.0.0.1:1" in str(out.exception.info()) and "s3cret" not in str(out.exception.info())
    assert list(tmp_path.iterdir()) == []  # no SQLite file instead


def test_erasure_on_postgres_rewrites_the_tables(tmp_path: Path) -> None:
    for url in fresh_schema(postgres_base_url()):
        store = Store(url)
        records = Records(store, tmp_path / "files")
        org = records.org_id("A", create=True)
        records.add_candidate(org, "gone", name="kim.txt", data=b"x", lang="sv", profile={"x": [MARKER] * 50})
        records.add_candidate(org, "kept", name="bo.txt", data=b"y", lang="sv", profile={})
        before = _files(store, ("candidates", "events"))
        assert MARKER in stored_text(store)
        assert records.erase(org, ["gone"], user_id=None, event="candidate.erase") == 1
        after = _files(store, ("candidates", "events"))
        assert all(after[t] != before[t] for t in after), "VACUUM (FULL) gives each table a new file"
        assert MARKER not in stored_text(store) and [c.id for c in records.candidates(org)] == ["kept"]
        profiles = _files(store, ("profiles",))
        store.compact()  # no tables named: every table of the store's schema
        assert _files(store, ("profiles",)) != profiles
        store.close()


def test_a_database_user_who_may_not_create_the_tables_gets_a_coded_error() -> None:
    for url in fresh_schema(postgres_base_url()):
        role = "r_" + secrets.token_hex(6)
        admin = sa.create_engine(postgres_base_url(), poolclass=sa.NullPool)
        schema = sa.make_url(url).query["application_name"]  # fresh_schema names both alike
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
            conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')  # may read, not create
        try:
            with pytest.raises(KompetensError) as err:
                Store(sa.make_url(url).set(username=role).render_as_string(hide_password=False))
            assert err.value.code == Code.E400 and "permission denied" in err.value.message
        finally:
            with admin.begin() as conn:
                conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
                conn.exec_driver_sql(f'DROP ROLE "{role}"')
            admin.dispose()


def _files(store: Store, tables: tuple[str, ...]) -> dict[str, str]:
    with store.transaction() as tx:
        return {
            t: tx.execute("SELECT pg_relation_filepath(CAST(? AS regclass))", (t,)).scalar_one()
            for t in tables
        }


@pytest.mark.skipif(
    not os.environ.get("KOMPETENS_REQUIRE_POSTGRES"),
    reason="KOMPETENS_REQUIRE_POSTGRES is not set (.ci/run sets it)",
)
def test_ci_runs_the_postgres_tests() -> None:
    # CI starts a PostgreSQL server for the tests: there the PostgreSQL variants must run, not skip.
    assert os.environ.get(TEST_DATABASE_ENV)
    for url in fresh_schema(postgres_base_url()):
        store = Store(url)
        assert store.dialect == "postgresql"
        store.close()


def test_processes_opening_a_new_database_at_once_migrate_it_once(
    tmp_path: Path, database_url: str | None
) -> None:
    where = database_url or tmp_path / "kompetens.sqlite"
    start = threading.Barrier(4)
    failed: list[BaseException] = []

    def open_store() -> None:
        start.wait()
        try:
            Store(where).close()
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=open_store, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # without the migration lock they wait for one another (PostgreSQL) or fail on a table made meanwhile
    assert not any(t.is_alive() for t in threads) and failed == []
    with Store(where).transaction() as tx:
        assert current(tx.conn) == head()
        assert tx.execute("SELECT count(*) FROM alembic_version").scalar_one() == 1
