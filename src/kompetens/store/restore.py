"""Putting a backup (store/backup.py) back: checked first, then copied into a data folder that holds no user
data, private as the store keeps it; then what was withdrawn after the backup was taken is withdrawn again.

A bug hunt (hO3: an administrator after a disk failure) restored by hand as docs/privacy.md said and found:
a backup with a damaged page or a missing CV file was used without a word (the manifest's sizes and SHA-256
were written and never read); the copied ``files/`` folder was 0755; and the candidates erased, the users
removed and the tokens revoked after the backup came back, with nothing to withdraw them again from but the
event log of the store that was lost. The event log holds ids and times only (never a name, a text or a
file name), so a copy of it kept off the data folder's disk (``kompetens events --json``) carries no
personal data; ``withdrawals`` reads such copies and ``Engine.replay_withdrawals`` applies them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Code, KompetensError
from .backup import FILES_DIR, MANIFEST, STORE_FILE, private_folders, stored_files

MARKET_FILE = "market.duckdb"
WITHDRAWING = ("candidate.erase", "candidate.purge", "user.remove", "token.revoke")
"""Events that take something away, which a restore would give back: replayed after it."""
NOT_REPLAYABLE = ("user.password", "user.role", "retention.set")
"""Events that changed a value the log does not hold: named for a person to redo."""


@dataclass(slots=True)
class Restored:
    """What ``kompetens restore`` did; ``--json`` prints it."""

    backup: str
    """The backup folder."""
    made: str
    """When the backup was taken (UTC), from its manifest."""
    database: str
    """``sqlite`` (the store was copied) or ``postgresql`` (restore the database with pg_restore)."""
    copied: list[str] = field(default_factory=list)
    """What was copied into the data folder (relative paths; the CV files counted in ``files``)."""
    files: int = 0
    """CV files copied."""
    erased: list[str] = field(default_factory=list)
    """Candidates erased again (ids): erased or purged after the backup was taken."""
    users_removed: list[int] = field(default_factory=list)
    """Users removed again (numbers)."""
    tokens_revoked: int = 0
    """API tokens revoked again."""
    redo: list[str] = field(default_factory=list)
    """Changes after the backup the log cannot replay (a password, a role, a retention period): for a person."""
    failed: list[str] = field(default_factory=list)
    """Withdrawals that could not be made again, each with why."""


def _manifest(backup: Path) -> dict[str, object]:
    path = backup / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KompetensError(
            Code.E400,
            "not a kompetens backup: no manifest.json (a copy stopped halfway?)",
            source=str(backup),
        ) from None
    except (OSError, ValueError) as exc:
        raise KompetensError(
            Code.E400, f"the backup's manifest.json cannot be read ({type(exc).__name__})", source=str(backup)
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise KompetensError(
            Code.E400, "the backup's manifest.json is not a kompetens manifest", source=str(backup)
        )
    return data


def listed(manifest: dict[str, object]) -> list[dict[str, object]]:
    """The files a manifest lists (``{path, bytes, sha256}`` each)."""
    files = manifest.get("files")
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


def verify(backup: Path) -> tuple[dict[str, object], list[str]]:
    """The backup's manifest and what is wrong with the backup (empty when whole): a file the manifest lists
    that is missing, of another size or another SHA-256; a store whose ``PRAGMA integrity_check`` fails; a
    stored candidate whose CV file is not in the copy."""
    manifest = _manifest(backup)
    problems: list[str] = []
    for item in listed(manifest):
        name = str(item.get("path", ""))
        path = backup / name
        if not name or not path.is_file():
            problems.append(f"{name}: missing")
            continue
        data = path.read_bytes()
        if len(data) != item.get("bytes"):
            problems.append(f"{name}: {len(data)} bytes, the manifest says {item.get('bytes')}")
        elif hashlib.sha256(data).hexdigest() != item.get("sha256"):
            problems.append(f"{name}: its SHA-256 is not the manifest's (damaged)")
    store = backup / STORE_FILE
    if store.is_file() and not any(p.startswith(f"{STORE_FILE}:") for p in problems):
        try:
            with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as conn:
                rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            rows = [str(exc)]
        if rows != ["ok"]:
            problems.append(f"{STORE_FILE}: the database is damaged ({rows[0][:120]})")
        else:
            said = {p.split(":")[0] for p in problems}
            for name in stored_files(store):
                if f"{FILES_DIR}/{name}" not in said and not (backup / FILES_DIR / name).is_file():
                    problems.append(
                        f"{FILES_DIR}/{name}: the CV file of a stored candidate is not in the copy"
                    )
    elif manifest.get("database") == "sqlite" and not store.is_file():
        problems.append(f"{STORE_FILE}: missing")
    return manifest, problems


def user_data(data_dir: Path) -> list[str]:
    """What of ``data_dir`` a restore would overwrite: the store (and its -wal), CV files, market facts."""
    found = [n for n in (STORE_FILE, f"{STORE_FILE}-wal", MARKET_FILE) if (data_dir / n).exists()]
    files = data_dir / FILES_DIR
    if files.is_dir() and any(p.is_file() for p in files.rglob("*")):
        found.append(FILES_DIR)
    return found


def _private_copy(source: Path, target: Path) -> None:
    """Copy one file, 0600, into folders made 0700."""
    private_folders(target.parent)
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)
    shutil.copyfile(source, target)


def restore(backup: Path, data_dir: Path) -> Restored:
    """Check ``backup`` (E400 naming what is wrong, and nothing copied), then copy its store, CV files,
    kept files and market facts into ``data_dir`` (E304 when that holds user data already: move it aside
    first). Not the manifest, nor what ``kompetens setup`` rebuilds."""
    manifest, problems = verify(backup)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise KompetensError(
            Code.E400,
            "the backup is damaged, nothing was restored: " + "; ".join(problems[:5]) + more,
            source=str(backup),
        )
    held = user_data(data_dir)
    if held:
        raise KompetensError(
            Code.E304,
            "the data folder holds user data already (" + ", ".join(held) + "): stop the server and move "
            "them aside first (docs/privacy.md, Restoring)",
            source=str(data_dir),
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    done = Restored(str(backup), str(manifest.get("made", "")), str(manifest.get("database", "sqlite")))
    for item in listed(manifest):
        name = str(item["path"])
        _private_copy(backup / name, data_dir / name)
        if name.startswith(f"{FILES_DIR}/"):
            done.files += 1
        else:
            done.copied.append(name)
    return done


def withdrawals(paths: Iterable[Path], since: str) -> list[dict[str, object]]:
    """The events of ``kompetens events --json`` copies (each a JSON list) at or after ``since`` (the
    backup's time, UTC ``YYYY-MM-DD HH:MM:SS``) that withdrew something or changed what the log cannot
    replay, oldest first, each once."""
    stamp = since.replace(" ", "T")
    seen: set[tuple[object, ...]] = set()
    out: list[dict[str, object]] = []
    for path in paths:
        try:
            events = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KompetensError(
                Code.E400,
                f"not an event log of `kompetens events --json` ({type(exc).__name__})",
                source=str(path),
            ) from None
        if not isinstance(events, list):
            raise KompetensError(Code.E400, "not an event log of `kompetens events --json`", source=str(path))
        for e in events:
            if not isinstance(e, dict) or e.get("event") not in (*WITHDRAWING, *NOT_REPLAYABLE):
                continue
            if str(e.get("time", "")) < stamp:
                continue
            key = (e.get("time"), e.get("event"), e.get("org_id"), e.get("object_id"))
            if key not in seen:
                seen.add(key)
                out.append(e)
    return sorted(out, key=lambda e: str(e.get("time")))
