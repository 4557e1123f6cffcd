"""`kompetens backup`'s copy (store/backup.py): consistent while others write, no orphan CV files, refused where
it would be unsafe, and a restore that works (bug hunt 12, finding 3)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.store.backup import MANIFEST, backup

from ..databases import fresh_schema, postgres_base_url

WRITERS = 3


def _writer(home: Path, n: int, committed: list[str], stop: threading.Event) -> None:
    """A server process of its own (its own connection): stores candidates, each with its file, noting each
    once its transaction has committed."""
    engine = Engine(home)
    org = engine.org_for()
    i = 0
    while not stop.is_set():
        cid = f"w{n}-{i}"
        engine.records.add_candidate(org, cid, name=f"{cid}.txt", data=cid.encode(), lang="sv", profile={})
        committed.append(cid)
        i += 1
    engine.store.close()


def _candidates(db: Path) -> set[str]:
    with closing(sqlite3.connect(db)) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM candidates")}


def test_a_backup_during_writes_holds_every_committed_row_and_only_their_files(tmp_path: Path) -> None:
    home, dest = tmp_path / "home", tmp_path / "backup"
    engine = Engine(home)
    engine.accounts.add_user("anna@example.se", org="O", role="admin", password="ett långt lösen")
    committed: list[str] = []
    stop = threading.Event()
    threads = [threading.Thread(target=_writer, args=(home, n, committed, stop)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    while len(committed) < 30:
        stop.wait(0.01)
    before = set(committed)  # committed before the backup began
    manifest = backup(home, dest)
    stop.set()
    for t in threads:
        t.join()
    copied = _candidates(dest / "kompetens.sqlite")
    assert before <= copied and copied <= set(committed)
    files = {f"{p.parent.name}/{p.name}" for p in (dest / "files").rglob("*") if p.is_file()}
    org = engine.org_for()
    assert files == {f"{org}/{cid}" for cid in copied}  # no file without its row: erasure reaches them all
    assert not (dest / "kompetens.sqlite-wal").exists()
    listed = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
    assert listed["database"] == "sqlite" and manifest.database == "sqlite"
    assert {f["path"] for f in listed["files"]} == {"kompetens.sqlite", *(f"files/{f}" for f in files)}
    assert stat.S_IMODE(dest.stat().st_mode) == 0o700
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".backup.partial")]


def test_a_restored_backup_opens_with_its_users_candidates_and_files(tmp_path: Path) -> None:
    home, dest, restored = tmp_path / "home", tmp_path / "backup", tmp_path / "restored"
    engine = Engine(home)
    engine.accounts.add_user("anna@example.se", org="O", role="admin", password="ett långt lösen")
    token = engine.accounts.issue_token("anna@example.se").token
    org = engine.org_for()
    kept = engine.records.add_candidate(org, "c1", name="cv.txt", data=b"CV!", lang="sv", profile={})
    (home / "csrf.key").write_bytes(b"k" * 32)
    (home / "taxonomy.sqlite").write_bytes(b"rebuilt by setup")
    (home / "files" / str(org) / "orphan").write_bytes(b"a file no row holds")
    manifest = backup(home, dest)
    assert manifest.left_out == ["taxonomy.sqlite"] and not (dest / "taxonomy.sqlite").exists()
    assert not (dest / "files" / str(org) / "orphan").exists()
    shutil.copytree(dest, restored)  # docs/privacy.md, "Restoring": the copy's files into a data folder
    (restored / MANIFEST).unlink()
    again = Engine(restored)
    assert again.accounts.check_password("anna@example.se", "ett långt lösen") is not None
    assert again.accounts.user_for_token(token) is not None
    assert [c.id for c in again.records.candidates(org)] == [kept.id]
    assert again.records.original(org, "c1") == b"CV!"
    assert (restored / "csrf.key").read_bytes() == b"k" * 32


def test_a_backup_goes_to_a_new_or_empty_folder_outside_the_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Engine(home).accounts.add_user("anna@example.se", org="O", role="admin")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    for dest in (home / "backup", home, tmp_path / "full", tmp_path / "full" / "x"):
        with pytest.raises(KompetensError) as refused:
            backup(home, dest)
        assert refused.value.code == Code.E304
    assert not (home / "backup").exists()
    (tmp_path / "empty").mkdir()
    assert backup(home, tmp_path / "empty").files


def test_a_folder_with_no_user_data_is_not_backed_up_as_a_success(tmp_path: Path) -> None:
    """A nightly backup of the wrong folder (KOMPETENS_HOME unset, a set-up folder with only the taxonomy)
    said "backed up 0 files", exit 0 (a bug hunt, hK, finding 20): E400 now, and nothing is made."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "taxonomy.sqlite").write_bytes(b"rebuilt by setup")
    with pytest.raises(KompetensError) as refused:
        backup(home, tmp_path / "backup")
    assert refused.value.code == Code.E400 and "nothing to back up" in refused.value.message
    assert not (tmp_path / "backup").exists() and list(tmp_path.iterdir()) == [home]
    Engine(home).accounts.add_user("anna@example.se", org="O", role="admin")
    assert backup(home, tmp_path / "backup").files  # the store is there now


def test_on_postgres_the_backup_holds_the_files_and_says_pg_dump(tmp_path: Path) -> None:
    # PostgreSQL only (the SQLite case is above): a fresh schema, as the migration tests take one
    for url in fresh_schema(postgres_base_url()):
        home = tmp_path / "home"
        engine = Engine(home, database_url=url)
        org = engine.org_for()
        engine.records.add_candidate(org, "c1", name="cv.txt", data=b"CV!", lang="sv", profile={})
        manifest = engine.backup(tmp_path / "backup")
        assert manifest.database == "postgresql"
        assert (tmp_path / "backup" / "files" / str(org) / "c1").read_bytes() == b"CV!"
        assert not list((tmp_path / "backup").glob("*.sqlite"))


def test_a_backup_holds_the_markets_stored_facts_and_refuses_while_a_run_writes_them(tmp_path: Path) -> None:
    # stop 38 (a DPO's hunt): market.duckdb ('market --store', added up over runs) was neither copied nor
    # named as left out, though set-up cannot rebuild it
    import duckdb

    home = tmp_path / "home"
    Engine(home).accounts.add_user("anna@example.se", org="O", role="admin")
    with closing(duckdb.connect(str(home / "market.duckdb"))) as con:
        con.execute("CREATE TABLE ads (id VARCHAR, n INTEGER)")
        con.execute("INSERT INTO ads VALUES ('a1', 1), ('a2', 2)")
    manifest = backup(home, tmp_path / "b1")
    copy = tmp_path / "b1" / "market.duckdb"
    assert "market.duckdb" in {f.path for f in manifest.files} and "market.duckdb" not in manifest.left_out
    assert copy.stat().st_mode & 0o777 == 0o600
    with closing(duckdb.connect(str(copy), read_only=True)) as con:
        assert con.execute("SELECT id, n FROM ads ORDER BY id").fetchall() == [("a1", 1), ("a2", 2)]
    script = (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(home / 'market.duckdb')!r})\n"
        "con.execute('INSERT INTO ads VALUES (?, 3)', ['a3'])\n"
        "print('open', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        with pytest.raises(KompetensError) as busy:
            backup(home, tmp_path / "b2")
        assert busy.value.code == Code.E400 and "market" in busy.value.message
        assert not (tmp_path / "b2").exists()
    finally:
        writer.communicate("\n", timeout=60)


def test_a_backup_is_private_and_says_what_it_could_not_copy_or_found_damaged(tmp_path: Path) -> None:
    """Hunt hO3 (an administrator after a disk failure): the backup's files/ was 0755; a store whose CV files
    were lost said "11 candidates' files were erased during the copy", exit 0; a damaged store was copied
    as if whole, exit 0. Now every folder is 0700, the lost files are a warning that says they may be lost,
    and a damaged store is named, exit 1 (the copy is kept: it may be all there is)."""
    from click.testing import CliRunner

    from kompetens.cli import cli

    home = tmp_path / "home"
    engine = Engine(home)
    org = engine.org_for()
    for i in range(40):
        engine.records.add_candidate(
            org, f"c{i}", name=f"c{i}.txt", data=b"CV %d " % i * 300, lang="sv", profile={}
        )
    engine.store.close()
    runner = CliRunner()
    env = {"KOMPETENS_HOME": str(home)}
    out = runner.invoke(cli, ["backup", str(tmp_path / "b1")], env=env)
    assert out.exit_code == 0, out.output
    for folder in [tmp_path / "b1", *(p for p in (tmp_path / "b1").rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder

    (home / "files" / str(org) / "c3").unlink()  # lost with a failing disk
    out = runner.invoke(cli, ["backup", str(tmp_path / "b2")], env=env)
    assert out.exit_code == 0 and "erased during the copy, or lost" in out.stderr

    store = home / "kompetens.sqlite"
    with closing(sqlite3.connect(store)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = int(conn.execute("PRAGMA page_size").fetchone()[0])
    data = bytearray(store.read_bytes())
    for at in range(
        2 * page, len(data) - page, 3 * page
    ):  # a failing disk: every third page but the header's
        data[at : at + 64] = b"\xff" * 64
    store.write_bytes(bytes(data))
    out = runner.invoke(cli, ["backup", str(tmp_path / "b3")], env=env)
    assert out.exit_code == 1 and "damaged" in out.stderr, out.output
    assert (tmp_path / "b3" / "manifest.json").is_file()
    assert json.loads((tmp_path / "b3" / "manifest.json").read_text())["damaged"]
