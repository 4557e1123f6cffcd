"""A consistent copy of a data folder's user data, taken while a server may be writing to it.

Copying ``kompetens.sqlite`` by hand loses what is still in its ``-wal`` file (a server in WAL mode may not
have written the main file for minutes), and copying ``files/`` beside it keeps CV files whose rows the copy
lacks: no erasure, forget or purge can reach them, since those work by row. So the databases are copied with
SQLite's online backup API (one read transaction: a snapshot with every committed row), and only the CV files
that snapshot's candidates hold are copied after it. Everything goes into a hidden folder next to ``dest``
that is renamed to ``dest`` when complete, with ``manifest.json`` (what is in it, with sizes and SHA-256):
a backup that stopped halfway never looks like one.

What ``kompetens setup`` rebuilds (the taxonomy, the lexicon, the phrase index, the linker's files, the
download cache) is left out and named in the manifest; the market's stored facts (``market.duckdb``) are
copied through DuckDB. On PostgreSQL the database is the server's to back up
(``pg_dump``): the copy then holds the CV files and the CSRF key, and the manifest says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import Code, KompetensError

STORE_FILE = "kompetens.sqlite"
"""The store: candidates, rankings, ads, roles, the event log, users, token and session hashes."""
KEPT_FILES = ("csrf.key",)
"""Small files of user state: the key that signs the forms' CSRF tokens (open forms stay valid on restore)."""
FILES_DIR = "files"
"""The stored candidates' original files: ``files/<organisation>/<candidate id>``."""
REBUILT_BY_SETUP = (
    "taxonomy.sqlite",
    "lexicon.sqlite",
    "lexicon.words",
    "taxonomy.ok",
    "extractor.pickle",
    "link",
    "cache",
)
"""What ``kompetens setup`` makes again from its sources: no user data, left out of a backup."""
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class BackedUpFile:
    """One file of a backup, as the manifest lists it."""

    path: str
    """Relative to the backup's folder."""
    bytes: int
    sha256: str


@dataclass(slots=True)
class Manifest:
    """What a backup holds; written as ``manifest.json`` in it."""

    made: str
    """When the copy was taken (UTC, ``YYYY-MM-DD HH:MM:SS``)."""
    source: str
    """The data folder it was taken from."""
    database: str
    """``sqlite`` (the store is in the copy) or ``postgresql`` (it is not: back it up with pg_dump)."""
    files: list[BackedUpFile] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """What the data folder holds that ``kompetens setup`` rebuilds."""
    missing_files: list[str] = field(default_factory=list)
    """Candidates of the copied store whose file was not in the data folder when it was copied: erased
    meanwhile, or lost (a failing disk)."""
    damaged: list[str] = field(default_factory=list)
    """What SQLite's ``PRAGMA quick_check`` found wrong in a copied database (empty when whole): the data
    folder's own store is damaged, and so is this copy of it."""


def check_destination(data_dir: Path, dest: Path) -> None:
    """E304 for a ``dest`` inside the data folder (a backup there is copied into the next one, and reached by
    nothing that erases) or one that exists and is not an empty folder (never mix two backups)."""
    home, target = data_dir.resolve(), dest.resolve()
    if target.is_relative_to(home):
        raise KompetensError(Code.E304, "a backup goes outside the data folder", source=str(dest))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KompetensError(Code.E304, "exists and is not an empty folder", source=str(dest))


def _check_source(data_dir: Path, database: str) -> None:
    """E400 for a SQLite data folder with no user data at all: no store, no CV files, no market facts. A
    nightly ``backup`` with the wrong ``KOMPETENS_HOME`` (or a PostgreSQL deployment's folder without its
    URL) said "backed up 0 files", exit 0, every night (a bug hunt, hK)."""
    from ..market.backend import MARKET_FILE

    if database != "sqlite" or sqlite_databases(data_dir):
        return
    if (data_dir / FILES_DIR).is_dir() or (data_dir / MARKET_FILE).is_file():
        return
    raise KompetensError(
        Code.E400,
        "nothing to back up: the folder holds no store (kompetens.sqlite), no CV files and no market facts; "
        "is it the server's data folder (KOMPETENS_HOME, --data-dir)? A store on PostgreSQL needs "
        "--database-url (or KOMPETENS_DATABASE_URL)",
        source=str(data_dir),
    )


def sqlite_databases(data_dir: Path) -> list[Path]:
    """The SQLite files of the data folder that hold user data: the store, and any ``*.sqlite`` that
    ``setup`` does not rebuild (kept rather than lost, should a later version add one)."""
    return sorted(p for p in data_dir.glob("*.sqlite") if p.is_file() and p.name not in REBUILT_BY_SETUP)


def copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API: every row committed when it starts, those still
    in the ``-wal`` file included, while writers go on. The copy is a single file (rollback journal)."""
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")


def stored_files(database: Path) -> list[str]:
    """The CV files (``<org>/<id>``) the candidates of a copied store hold: what ``files/`` may give it."""
    with closing(sqlite3.connect(database)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "candidates" not in tables:
            return []
        return [f"{org}/{cid}" for org, cid in conn.execute("SELECT org_id, id FROM candidates")]


def copy_files(source: Path, target: Path, wanted: Iterable[str] | None) -> list[str]:
    """Copy ``source``'s files (only ``wanted`` ones, relative paths, unless None) to ``target``, private
    (0700 folders, 0600 files) as the store keeps them; the wanted files that were not there."""
    if wanted is None:
        wanted = [str(p.relative_to(source)) for p in source.rglob("*") if p.is_file()]
    names = sorted(wanted)
    missing: list[str] = []
    for name in names:
        origin = source / name
        if not origin.is_file():
            missing.append(name)
            continue
        copy = target / name
        private_folders(copy.parent)
        shutil.copyfile(origin, copy)
        os.chmod(copy, 0o600)
    return missing


def private_folders(folder: Path) -> None:
    """Make ``folder`` and each missing folder above it 0700 (``mkdir(parents=True, mode=0o700)`` gives
    the upper ones the umask's 0755: a backup's ``files/`` was readable by all; hunt hO3)."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700)
        os.chmod(made, 0o700)


def damage(database: Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong in a SQLite file (empty when whole)."""
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    return [] if rows == ["ok"] else [f"{database.name}: {row[:200]}" for row in rows[:5]]


def _listed(folder: Path) -> list[BackedUpFile]:
    """Each file under ``folder`` with its size and SHA-256, for the manifest."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found.append(BackedUpFile(str(path.relative_to(folder)), len(data), hashlib.sha256(data).hexdigest()))
    return found


def backup(data_dir: Path, dest: Path, *, database: str = "sqlite") -> Manifest:
    """Copy ``data_dir``'s user data to ``dest`` (see the module's docstring); ``database`` is the store's
    dialect: on ``postgresql`` the database is not copied. Returns the manifest written into it."""
    check_destination(data_dir, dest)
    _check_source(data_dir, database)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.partial-", dir=dest.parent))
    try:
        manifest = _fill(data_dir, work, database)
        _write_private(work / MANIFEST, json.dumps(asdict(manifest), indent=2) + "\n")
        if dest.exists():
            dest.rmdir()  # empty (checked): the rename below takes its place
        work.rename(dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return manifest


def copy_duckdb(source: Path, target: Path) -> None:
    """Copy a DuckDB database (the market's facts) table by table into a new file, through a read-only
    attachment: a consistent copy of what was committed. E400 while a ``market --store`` run holds it (DuckDB
    lets one process write a file and no other open it meanwhile): the backup is then not made."""
    import duckdb  # a dependency of the market; imported only where the folder holds its file

    try:  # the copy is made in the backup's work folder (0700): no one else can open it meanwhile
        with closing(duckdb.connect(str(target))) as con:
            literal = "'" + str(source).replace("'", "''") + "'"  # ATTACH takes no parameters
            con.execute(f"ATTACH {literal} AS kompetens_market_source (READ_ONLY)")
            con.execute(f"COPY FROM DATABASE kompetens_market_source TO {_duckdb_name(target)}")
    except duckdb.Error as exc:
        raise KompetensError(
            Code.E400,
            f"could not read the market's stored facts ({type(exc).__name__}); is a `market --store` run "
            "still writing them? Run the backup when it has ended",
            source=str(source),
        ) from None
    os.chmod(target, 0o600)


def _duckdb_name(path: Path) -> str:
    """The catalog name DuckDB gives a database file it opens: its stem, quoted."""
    return '"' + path.stem.replace('"', '""') + '"'


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file readable by its owner only, as everything in a backup is."""
    with os.fdopen(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "w", encoding="utf-8") as fh:
        fh.write(text)


def _fill(data_dir: Path, work: Path, database: str) -> Manifest:
    """Copy the databases, then the files they hold, then the kept files into ``work``: the manifest."""
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    manifest = Manifest(made, str(data_dir.resolve()), database)
    wanted: list[str] | None = None
    if database == "sqlite":
        for db in sqlite_databases(data_dir):
            copy_database(db, work / db.name)
            manifest.damaged += damage(work / db.name)
        store = work / STORE_FILE
        try:
            wanted = stored_files(store) if store.exists() else []
        except sqlite3.DatabaseError as exc:  # which files its rows hold cannot be read: keep every one
            manifest.damaged.append(f"{STORE_FILE}: {exc}; every CV file of files/ was copied")
            wanted = None
    from ..market.backend import (
        MARKET_FILE,
    )  # the market's stored facts (``market --store``), added up over runs

    if (data_dir / MARKET_FILE).is_file():
        copy_duckdb(data_dir / MARKET_FILE, work / MARKET_FILE)
    manifest.missing_files = copy_files(data_dir / FILES_DIR, work / FILES_DIR, wanted)
    for name in KEPT_FILES:
        if (data_dir / name).is_file():
            copy_files(data_dir, work, [name])
    manifest.files = _listed(work)
    manifest.left_out = [n for n in REBUILT_BY_SETUP if (data_dir / n).exists()]
    return manifest
