"""Stored work of an organisation: candidates (their original file and profile), job ads, roles (versioned), rankings
(decision records), the event log and the retention periods.

The tables live in the Store's database and go through its connections (one class owns the database);
the original files lie under ``files_dir`` (0700 folders, 0600 files), one per candidate, named by the
candidate's random id. Every read and write names the organisation: a row of another organisation is not
found (E505/E506), so another tenant's ids answer exactly like ids that do not exist.

Erasure is real: the candidate's row, profile, ranking items and file go, the file is overwritten with
zeros before it is unlinked, and the database is rewritten (SQLite: ``secure_delete`` + ``VACUUM``;
PostgreSQL: ``VACUUM (FULL)`` of the tables it touched). What remains is an event (``candidate.erase``, the
organisation, the user and the random id: no name, no text). A confirmation reason of a ranking that held the
candidate is free text that may name them in any way (a name, a nickname, the file's name, "the one from
Volvo"), and no finder is sure to catch them all: it goes too, in the same transaction, replaced by
``REASON_ERASED`` (the ranking keeps its final order and whether it was reordered), and a ``ranking.redact``
event (the ranking's id) says so.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import secrets
import shlex
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Code, KompetensError
from ..schema import DOCUMENTED, Time
from .accounts import ADD_ORG, NO_ORG

if TYPE_CHECKING:
    from .database import Store, Tx

DEFAULT_ORG = "default"
"""The organisation of the CLI without users (and of stored profiles written before organisations)."""
EVENT_DAYS = 183
"""How long the event log is kept by default: six months."""
ERASE_TABLES = ("candidates", "ranking_items", "rankings", "events")
"""What PostgreSQL rewrites after an erasure (``Store.compact``): the tables it deletes from or updates
(candidates, their ranking items, final orders) and the event log (a purge deletes from it too)."""
REASON_ERASED = "[removed: a candidate of this ranking was erased, and the reason may have named them]"
"""What stands where a confirmation reason stood once a candidate of its ranking is erased."""


class Unchanged(enum.Enum):
    """A period ``set_retention`` leaves as it is (``UNCHANGED``), told apart from None, which keeps data."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


@dataclass(frozen=True, slots=True)
class StoredCandidate:
    """A stored candidate as a list shows it: the random id and, inside the organisation, the file's name."""

    __pydantic_config__ = DOCUMENTED

    id: str
    """The candidate's random id: what every other call takes."""
    name: str
    """The uploaded file's name, shown inside the organisation only (it may hold a person's name)."""
    lang: str | None
    """The CV's language."""
    size: int
    """The original file's size in bytes."""
    created: Time
    """When it was stored (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``); retention counts from here."""


@dataclass(frozen=True, slots=True)
class Event:
    """An entry of the event log: what happened to which object, by whom, when. Never a name or CV text."""

    __pydantic_config__ = DOCUMENTED

    time: Time
    """When (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""
    event: str
    """What: ``candidate.add``, ``candidate.export``, ``candidate.erase``, ``candidate.purge``, ``candidate.reprofile``,
    ``ranking.create``, ``ranking.confirm``, ``ranking.redact``, ``candidate.explain``, ``role.save``, ``role.delete``, ``ad.add``, ``ad.delete``, ``ad.purge``,
    ``retention.set``; ``signin``, ``signin.failed``, ``signin.throttled``, ``signout``, ``token.issue``,
    ``token.revoke``, ``user.add``, ``user.remove``, ``user.password``, ``user.role``; and ``call.<route>`` for each engine call over the API or
    the web pages (``call.extract``, ``call.review``, ``call.link``, ``call.rank``, ``call.audit``, ``call.team``,
    ``call.interview``, ...)."""
    org_id: int
    """The organisation's number; 0 for none (a failed sign-in with an unknown email)."""
    user_id: int | None
    """The user's number; null for the CLI without users and for the scheduled purge."""
    object_id: str | None
    """The candidate's, ranking's, role's, ad's, user's or token's id; for a failed sign-in the first 16 hex
    digits of the email's SHA-256 (never the email)."""


@dataclass(frozen=True, slots=True)
class Retention:
    """An organisation's retention periods."""

    __pydantic_config__ = DOCUMENTED

    org: str
    """The organisation's name."""
    candidate_days: int | None
    """Candidates older than this many days are erased by ``kompetens purge``; null keeps them."""
    event_days: int
    """Events older than this many days are deleted by ``kompetens purge`` (default 183, six months)."""
    ad_days: int | None = None
    """Stored job ads older than this many days are deleted by ``kompetens purge`` (an ad can name a contact
    person); null keeps them until deleted."""
    notes: list[str] = dataclasses.field(default_factory=list)
    """What an administrator should know, in words: with no candidate period set, that candidates are kept
    until erased and how to set one (GDPR's storage limitation); empty once a period is set."""


def no_retention_note(org: str) -> str:
    """The note of an organisation with no candidate retention period (a user test's finding 23: a new
    organisation kept CVs forever by default and nothing told its admin)."""
    return (
        f"no retention period is set for {org}: its stored candidates are kept until someone erases them. "
        "GDPR asks that personal data be kept no longer than needed (Art. 5(1)(e)): set a period with "
        f"`kompetens orgs set-retention {shlex.quote(org)} DAYS`, PUT /api/v1/retention or the Retention page"
    )


@dataclass(frozen=True, slots=True)
class Purged:
    """What ``kompetens purge`` deleted in one organisation."""

    __pydantic_config__ = DOCUMENTED

    org: str
    """The organisation's name."""
    candidates: int
    """Candidates erased for being older than the retention period."""
    events: int
    """Event log entries deleted for being older than the event period."""
    ads: int = 0
    """Stored job ads deleted for being older than the ad period."""


@dataclass(frozen=True, slots=True)
class StoredAd:
    """A job ad the organisation keeps, to review or to rank for."""

    __pydantic_config__ = DOCUMENTED

    id: str
    """The ad's random id."""
    title: str | None
    """The ad's title: the one given, else the one read from it (``layout.ad_title``)."""
    lang: str | None
    """The ad's language (sv or en), when it was given."""
    text: str
    """The ad's text."""
    created: Time
    """When it was stored (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""


@dataclass(frozen=True, slots=True)
class RoleRow:
    """One version of a stored role as the store holds it (the Engine turns it into a StoredRole)."""

    id: str
    version: int
    created: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RankingRow:
    """A stored ranking as the store holds it (the Engine turns it into a Decision)."""

    id: str
    user_id: int | None
    created: str
    role: dict[str, Any]
    role_id: str | None
    role_version: int | None
    engine_version: str
    taxonomy_version: str
    inputs: int
    items: list[dict[str, Any]]
    confirmed: str | None
    confirmed_by: int | None
    final_order: list[str] | None
    reason: str | None
    reordered: bool | None = None
    """Whether the confirmed order differed from the system's, as it was at confirmation (None: confirmed
    before the store kept it, or not confirmed)."""


def file_digest(data: bytes) -> str:
    """A stored file's digest: the SHA-256 of its bytes, in hex (the same file stored twice has the same)."""
    return hashlib.sha256(data).hexdigest()


def same_file(kept: StoredCandidate, *, source: str) -> KompetensError:
    """E514 for the file ``source``, which the organisation holds already as candidate ``kept``."""
    return KompetensError(
        Code.E514, f"the same file is stored already: candidate {kept.id} ({kept.name})", source=source
    )


UNKNOWN_SHOWN = 20
"""The most unknown ids an error lists (a request may name thousands)."""


def unknown_error(unknown: Sequence[str], *, given: int) -> KompetensError:
    """E505 for ids of a list that name no candidate of the organisation, naming them (in the message and
    the source): one unknown id among 50 must not leave the client guessing which."""
    shown = ", ".join(unknown[:UNKNOWN_SHOWN]) + (" ..." if len(unknown) > UNKNOWN_SHOWN else "")
    plural = "s" if len(unknown) > 1 else ""
    return KompetensError(
        Code.E505,
        f"no such candidate{plural}: {shown} ({len(unknown)} of the {given} ids given; erased, or never stored)",
        source=shown,
        field="candidates",
    )


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _moment(value: str) -> str:
    """``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM[:SS]`` (UTC) or an ISO 8601 moment as the API writes them
    (``2026-12-06T11:07:30+00:00``, ``...Z``; another offset is turned to UTC) as a real UTC moment, in the
    stored form; E301 for anything else ("2026-13-45" is no day: it must not quietly match nothing)."""
    for form in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, form).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    raise KompetensError(
        Code.E301,
        "since is a UTC day or moment: YYYY-MM-DD [HH:MM[:SS]], or ISO 8601 as answers write it",
        field="since",
    )


UNHELD_FILE_SECONDS = 3600
"""How old a CV file no candidate holds must be before purge shreds it (``shred_unheld_files``): an add
writes its file a moment before its row, so a younger one may be an add in progress."""

MAX_RETENTION_DAYS = 36_500
"""The longest retention period that can be set (100 years); a longer one stored before is read as this."""


def _before(days: int, at: datetime | None = None) -> str:
    days = min(days, MAX_RETENTION_DAYS)  # a date 10^11 days back does not exist
    return ((at or datetime.now(UTC)) - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


def new_id() -> str:
    """A random id: 128 bits, URL-safe, that says nothing about whom it stands for. Never one that starts
    with ``-``: on a command line it would read as an option (``kompetens candidates erase -Qx...``)."""
    while (rid := secrets.token_urlsafe(16)).startswith("-"):
        pass
    return rid


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with suppress(PermissionError):
        os.chmod(path, 0o700)
    return path


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk, and unlink it."""
    with suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as fh:
            fh.write(b"\0" * size)
            fh.flush()
            os.fsync(fh.fileno())
        path.unlink()


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl+C (SIGINT) and SIGTERM wait until the block is done, then act as they would have: for the few
    steps that must happen all or none (a CV's file, its row, its event). Before, a Ctrl+C that came just
    after the row was committed raised inside the block, and its cleanup shredded the file of a candidate the
    store kept: a row with no file and no ``candidate.add`` event (a staffing coordinator's hunt, hO2). Python
    runs signal handlers in the main thread only, so the block is held there; elsewhere (a server's worker
    thread, where no handler raises) it runs as it is."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []

    def hold(signum: int, frame: object) -> None:
        came.append(signum)

    before = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)  # None: a C handler
        if came:  # now as it would have: KeyboardInterrupt, the CLI's SystemExit(143), ignored...
            signal.raise_signal(came[0])


_ADD_CANDIDATE = (
    "INSERT INTO candidates(id, org_id, name, lang, size, profile, created, digest, duplicate_of) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_BACKFILL = (
    "UPDATE candidates SET digest = ?, duplicate_of = (SELECT c.id FROM candidates AS c "
    "WHERE c.org_id = ? AND c.digest = ? AND c.duplicate_of IS NULL) WHERE id = ? AND org_id = ?"
)
"""A digest for a row stored before digests were kept; a copy of the candidate holding that file already
(the unique index on the organisation and the digest leaves copies out)."""
ALL_ROWS = 2**62
"""A limit no table reaches (a page with an offset and no limit)."""
_IDS_PER_QUERY = 500
"""Ids bound in one ``IN (...)`` (SQLite's and PostgreSQL's bound-parameter limits are far above it)."""

_CANDIDATE_SQL = "SELECT id, name, lang, size, created FROM candidates"
_RANKING_SQL = (
    "SELECT id, user_id, created, role, role_id, role_version, engine_version, taxonomy_version, inputs, confirmed, confirmed_by, "
    "final_order, reason, reordered FROM rankings"
)


class Records:
    """Candidates, rankings, events and retention periods, per organisation, in the Store's database."""

    def __init__(self, store: Store, files_dir: Path) -> None:
        self.store = store
        self.files_dir = files_dir
        self._order = store.insertion_order
        self._adopt_old_profiles()

    # -- organisations ----------------------------------------------------------------------------
    def org_id(self, name: str, *, create: bool = False) -> int:
        """The organisation's number; E509 if there is none (``create``: add it). An organisation whose
        name differs only in letter case is named in the error, not a new one to make (a user test's
        finding 27: "exempel bemanning ab" was told to make a second organisation)."""
        with self.store.transaction() as conn:
            if create:
                conn.execute(ADD_ORG, (name.strip(),))
            row = conn.execute("SELECT id FROM orgs WHERE name = ?", (name.strip(),)).fetchone()
            if row is None:
                names = [str(r[0]) for r in conn.execute("SELECT name FROM orgs ORDER BY name")]
        if row is None:
            alike = [n for n in names if n.casefold() == name.strip().casefold()]
            if alike:
                raise KompetensError(
                    Code.E509,
                    f"no organisation {name!r}; the names differ in letter case: did you mean "
                    + " or ".join(f"--org {shlex.quote(n)}" for n in alike)
                    + "? (an organisation's name is matched exactly)",
                    field="org",
                )
            raise KompetensError(
                Code.E509,
                f"no organisation {name!r}: an organisation is made with its first user, "
                f"kompetens users add EMAIL --org {shlex.quote(name.strip())} --role admin",
                field="org",
            )
        return int(row[0])

    def default_org(self) -> int:
        return self.org_id(DEFAULT_ORG, create=True)

    def org_name(self, org_id: int) -> str:
        with self.store.transaction() as conn:
            row = conn.execute("SELECT name FROM orgs WHERE id = ?", (org_id,)).fetchone()
        if row is None:
            raise KompetensError(Code.E509, f"no organisation {org_id}", field="org")
        return str(row[0])

    def org_ids(self) -> list[int]:
        with self.store.transaction() as conn:
            return [int(r[0]) for r in conn.execute("SELECT id FROM orgs ORDER BY name")]

    # -- candidates -------------------------------------------------------------------------------
    def _file(self, org_id: int, cid: str) -> Path:
        return self.files_dir / str(org_id) / cid

    def add_candidate(
        self,
        org_id: int,
        cid: str,
        *,
        name: str,
        data: bytes,
        lang: str | None,
        profile: dict[str, Any],
        copy_of: str | None = None,
    ) -> StoredCandidate:
        """Keep a candidate: the original file (0600, under the organisation's folder), its digest
        (``file_digest``) and the profile. E514 when the organisation holds the same file: the database's
        unique index decides, so that uploads of one file at once, in any process, store it once.
        ``copy_of``: a candidate holding the same file, kept again on purpose (outside the index)."""
        folder = private_dir(private_dir(self.files_dir) / str(org_id))
        path = folder / cid
        from sqlalchemy.exc import IntegrityError  # what the index raises (imported with the store)

        digest = file_digest(data)
        row = (
            cid,
            org_id,
            name,
            lang,
            len(data),
            json.dumps(profile, ensure_ascii=False),
            now(),
            digest,
            copy_of,
        )
        with signals_held():  # the file and its row, both or neither: a Ctrl+C acts after the cleanup below
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                with self.store.transaction() as conn:
                    conn.execute(_ADD_CANDIDATE, row)
            except FileExistsError:
                raise
            except IntegrityError as exc:
                shred(path)
                held = self.stored_files(org_id, [digest]).get(digest)
                if held is None:  # not the file's index
                    raise
                raise same_file(held, source=name) from exc
            except BaseException:
                shred(path)
                raise
        return self.candidate(org_id, cid)

    def stored_files(self, org_id: int, digests: Collection[str]) -> dict[str, StoredCandidate]:
        """Those of ``digests`` the organisation holds a file of, each with its candidate (the first stored
        of equal files), looked up by the digest's index; a row stored before digests were kept gets its
        digest from its kept file first (none if the file is gone)."""
        wanted = list(dict.fromkeys(digests))
        if not wanted:
            return {}
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT id FROM candidates WHERE org_id = ? AND digest IS NULL", (org_id,)
            ).fetchall()
            for (cid,) in rows:
                path = self._file(org_id, cid)
                if path.is_file():
                    digest = file_digest(path.read_bytes())
                    conn.execute(_BACKFILL, (digest, org_id, digest, cid, org_id))
        found: dict[str, StoredCandidate] = {}
        with self.store.transaction() as conn:
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                marks = ", ".join("?" * len(part))
                for row in conn.execute(
                    "SELECT id, name, lang, size, created, digest FROM candidates "
                    f"WHERE org_id = ? AND digest IN ({marks}) ORDER BY created, {self._order}",
                    (org_id, *part),
                ):
                    found.setdefault(row[-1], StoredCandidate(*row[:-1]))
        return found

    def candidates(
        self, org_id: int, *, query: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredCandidate]:
        """The organisation's candidates, oldest first (so a page stays put as candidates are added);
        ``query``: those whose name holds it in any case, Swedish letters too ("åsa" finds "Åsa Öberg CV.pdf":
        SQLite's ``lower`` and ``LIKE`` fold ASCII only, so the names are matched here, case-folded);
        ``offset`` and ``limit`` (None: all): a page of them."""
        sql = _CANDIDATE_SQL + f" WHERE org_id = ? ORDER BY created, {self._order}"
        args: tuple[object, ...] = (org_id,)
        if not query:
            sql, args = _paged(sql, args, limit=limit, offset=offset)
        with self.store.transaction() as conn:
            found = [StoredCandidate(*r) for r in conn.execute(sql, args)]
        if query:
            wanted = query.casefold()
            found = [c for c in found if wanted in c.name.casefold()]
            found = found[offset:] if limit is None else found[offset : offset + limit]
        return found

    def count_candidates(self, org_id: int, *, query: str | None = None) -> int:
        """How many candidates ``candidates`` lists without a page: a paging client's total."""
        if query:
            return len(self.candidates(org_id, query=query))
        with self.store.transaction() as conn:
            row = conn.execute("SELECT count(*) FROM candidates WHERE org_id = ?", (org_id,)).fetchone()
        return int(row[0]) if row else 0

    def candidate(self, org_id: int, cid: str) -> StoredCandidate:
        """The organisation's candidate ``cid``; E505 if it has none (another organisation's is none)."""
        with self.store.transaction() as conn:
            row = conn.execute(_CANDIDATE_SQL + " WHERE id = ? AND org_id = ?", (cid, org_id)).fetchone()
        if row is None:
            raise KompetensError(Code.E505, "no such candidate", field="id")
        return StoredCandidate(*row)

    def profile(self, org_id: int, cid: str) -> dict[str, Any]:
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT profile FROM candidates WHERE id = ? AND org_id = ?", (cid, org_id)
            ).fetchone()
        if row is None:
            raise KompetensError(Code.E505, "no such candidate", field="id")
        data: dict[str, Any] = json.loads(row[0])
        return data

    def profiles(self, org_id: int, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Profiles of the organisation's candidates (``ids``: these, each of which must be its own)."""
        if ids is None:
            ids = [c.id for c in self.candidates(org_id)]
        wanted = list(dict.fromkeys(ids))
        if unknown := self.unknown_candidates(org_id, wanted):
            raise unknown_error(unknown, given=len(wanted))
        return [self.profile(org_id, cid) for cid in wanted]

    def unknown_candidates(self, org_id: int, ids: Sequence[str]) -> list[str]:
        """Those of ``ids`` the organisation holds no candidate by (erased, never stored, another's), in
        order: what an error about a list of ids names, so a client knows which to drop."""
        held: set[str] = set()
        wanted = list(dict.fromkeys(ids))
        with self.store.transaction() as conn:
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                marks = ", ".join("?" * len(part))
                sql = f"SELECT id FROM candidates WHERE org_id = ? AND id IN ({marks})"
                held.update(r[0] for r in conn.execute(sql, (org_id, *part)))
        return [cid for cid in wanted if cid not in held]

    def replace_profile(self, org_id: int, cid: str, profile: dict[str, Any]) -> None:
        """Put a new profile in place of the candidate's (rebuilt from the kept file); E505 if none."""
        with self.store.transaction() as conn:
            done = conn.execute(
                "UPDATE candidates SET profile = ? WHERE id = ? AND org_id = ?",
                (json.dumps(profile, ensure_ascii=False), cid, org_id),
            ).rowcount
        if not done:
            raise KompetensError(Code.E505, "no such candidate", field="id")

    def original(self, org_id: int, cid: str) -> bytes:
        """The original file's bytes (empty for a profile stored before files were kept)."""
        self.candidate(org_id, cid)
        path = self._file(org_id, cid)
        return path.read_bytes() if path.is_file() else b""

    def erase(self, org_id: int, cids: Sequence[str], *, user_id: int | None, event: str) -> int:
        """Erase candidates for real: row, profile, ranking items, file; then rewrite the database. Each
        leaves one event without personal data. Ids the organisation does not have are skipped."""
        gone: list[str] = []
        with self.store.transaction() as conn:
            for cid in cids:
                held = _rankings_holding(conn, org_id, cid)
                cur = conn.execute("DELETE FROM candidates WHERE id = ? AND org_id = ?", (cid, org_id))
                if not cur.rowcount:
                    continue
                gone.append(cid)
                _drop_from_rankings(conn, org_id, cid)
                conn.execute(
                    "INSERT INTO events(time, event, org_id, user_id, object_id) VALUES (?, ?, ?, ?, ?)",
                    (now(), event, org_id, user_id, cid),
                )
                for rid in _drop_reasons(conn, org_id, held):
                    conn.execute(
                        "INSERT INTO events(time, event, org_id, user_id, object_id) VALUES (?, ?, ?, ?, ?)",
                        (now(), "ranking.redact", org_id, user_id, rid),
                    )
        for cid in gone:
            shred(self._file(org_id, cid))
        if gone:
            self.store.compact(ERASE_TABLES)
        return len(gone)

    # -- ads --------------------------------------------------------------------------------------
    def add_ad(self, org_id: int, *, text: str, title: str | None, lang: str | None) -> StoredAd:
        aid = new_id()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO ads(id, org_id, title, lang, text, created) VALUES (?, ?, ?, ?, ?, ?)",
                (aid, org_id, title, lang, text, now()),
            )
        return self.ad(org_id, aid)

    def ad(self, org_id: int, aid: str) -> StoredAd:
        """The organisation's ad ``aid``; E512 if it has none."""
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT id, title, lang, text, created FROM ads WHERE id = ? AND org_id = ?", (aid, org_id)
            ).fetchone()
        if row is None:
            raise KompetensError(Code.E512, "no such ad", field="id")
        return StoredAd(*row)

    def ads(self, org_id: int) -> list[StoredAd]:
        with self.store.transaction() as conn:
            rows = conn.execute(
                f"SELECT id, title, lang, text, created FROM ads WHERE org_id = ? ORDER BY created, {self._order}",
                (org_id,),
            ).fetchall()
        return [StoredAd(*r) for r in rows]

    def delete_ad(self, org_id: int, aid: str) -> StoredAd:
        """Delete an ad for real (an ad may name the recruiter to contact): the database is rewritten."""
        kept = self.ad(org_id, aid)
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM ads WHERE id = ? AND org_id = ?", (aid, org_id))
        self.store.compact(["ads"])
        return kept

    # -- roles ------------------------------------------------------------------------------------
    def save_role(self, org_id: int, data: dict[str, Any], *, role_id: str | None = None) -> RoleRow:
        """Keep a role: a new one (``role_id`` None) or the next version of the organisation's
        ``role_id`` (E511 if it has none). Earlier versions stay: decision records name them."""
        with self.store.transaction() as conn:
            version = 1
            if role_id is not None:
                row = conn.execute(
                    "SELECT max(version) FROM roles WHERE id = ? AND org_id = ?", (role_id, org_id)
                ).fetchone()
                if row is None or row[0] is None:
                    raise KompetensError(Code.E511, "no such role", field="id")
                version = int(row[0]) + 1
            rid = role_id or new_id()
            conn.execute(
                "INSERT INTO roles(id, version, org_id, data, created) VALUES (?, ?, ?, ?, ?)",
                (rid, version, org_id, json.dumps(data, ensure_ascii=False), now()),
            )
        return self.role(org_id, rid, version)

    def role(self, org_id: int, role_id: str, version: int | None = None) -> RoleRow:
        """A version of the organisation's role (the latest by default); E511 if it has none."""
        sql = "SELECT id, version, created, data FROM roles WHERE id = ? AND org_id = ?"
        args: tuple[object, ...] = (role_id, org_id)
        if version is not None:
            sql, args = sql + " AND version = ?", (*args, version)
        with self.store.transaction() as conn:
            row = conn.execute(sql + " ORDER BY version DESC LIMIT 1", args).fetchone()
            if row is None and version is not None:  # the role, but not that version: say which there are
                latest = conn.execute(
                    "SELECT max(version) FROM roles WHERE id = ? AND org_id = ?", (role_id, org_id)
                ).fetchone()
                if latest is not None and latest[0] is not None:
                    raise KompetensError(
                        Code.E511,
                        f"the role has no version {version} (versions 1-{latest[0]})",
                        field="version",
                    )
        if row is None:
            raise KompetensError(Code.E511, "no such role", field="id")
        return RoleRow(row[0], row[1], row[2], json.loads(row[3]))

    def roles(self, org_id: int) -> list[RoleRow]:
        """The latest version of each of the organisation's roles, oldest role first."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT id, version, created, data FROM roles AS r WHERE org_id = ? AND version = "
                f"(SELECT max(version) FROM roles WHERE id = r.id) ORDER BY {self._order}",
                (org_id,),
            ).fetchall()
        return [RoleRow(r[0], r[1], r[2], json.loads(r[3])) for r in rows]

    def delete_role(self, org_id: int, role_id: str) -> RoleRow:
        """Delete every version of a role (decision records keep the role they scored with)."""
        latest = self.role(org_id, role_id)
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM roles WHERE id = ? AND org_id = ?", (role_id, org_id))
        return latest

    # -- rankings ---------------------------------------------------------------------------------
    def add_ranking(
        self,
        org_id: int,
        *,
        user_id: int | None,
        role: dict[str, Any],
        role_ref: tuple[str, int] | None = None,
        engine_version: str,
        taxonomy_version: str,
        items: Sequence[tuple[str, int, dict[str, Any]]],
    ) -> str:
        """Store a decision record: ``items`` are (candidate id, rank, ranked item); its random id."""
        rid = new_id()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO rankings(id, org_id, user_id, created, role, role_id, role_version, "
                "engine_version, taxonomy_version, inputs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rid,
                    org_id,
                    user_id,
                    now(),
                    json.dumps(role, ensure_ascii=False),
                    role_ref[0] if role_ref else None,
                    role_ref[1] if role_ref else None,
                    engine_version,
                    taxonomy_version,
                    len(items),
                ),
            )
            conn.executemany(
                "INSERT INTO ranking_items(ranking_id, candidate_id, rank, item) VALUES (?, ?, ?, ?)",
                [(rid, cid, rank, json.dumps(item, ensure_ascii=False)) for cid, rank, item in items],
            )
        return rid

    def ranking(self, org_id: int, rid: str) -> RankingRow:
        """The organisation's ranking ``rid``; E506 if it has none."""
        with self.store.transaction() as conn:
            row = conn.execute(_RANKING_SQL + " WHERE id = ? AND org_id = ?", (rid, org_id)).fetchone()
            if row is None:
                raise KompetensError(Code.E506, "no such ranking", field="id")
            items = [
                json.loads(r[0])
                for r in conn.execute(
                    "SELECT item FROM ranking_items WHERE ranking_id = ? ORDER BY rank", (rid,)
                )
            ]
        return RankingRow(
            id=row[0],
            user_id=row[1],
            created=row[2],
            role=json.loads(row[3]),
            role_id=row[4],
            role_version=row[5],
            engine_version=row[6],
            taxonomy_version=row[7],
            inputs=row[8],
            items=items,
            confirmed=row[9],
            confirmed_by=row[10],
            final_order=json.loads(row[11]) if row[11] else None,
            reason=row[12],
            reordered=None if row[13] is None else bool(row[13]),
        )

    def rankings(self, org_id: int, *, limit: int = 50, offset: int = 0) -> list[str]:
        """The ids of the organisation's rankings, newest first: ``limit`` of them after the first ``offset``."""
        sql, args = _paged(
            f"SELECT id FROM rankings WHERE org_id = ? ORDER BY created DESC, {self._order} DESC",
            (org_id,),
            limit=limit,
            offset=offset,
        )
        with self.store.transaction() as conn:
            return [r[0] for r in conn.execute(sql, args)]

    def count_rankings(self, org_id: int) -> int:
        """How many rankings the organisation holds: a paging client's total."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT count(*) FROM rankings WHERE org_id = ?", (org_id,)).fetchone()
        return int(row[0]) if row else 0

    def shortlisted(self, org_id: int, ids: Sequence[str] | None = None) -> set[str]:
        """The candidates (of ``ids``, or all) in the final order of a confirmed ranking of the organisation:
        those a person has made a shortlist of (hiring managers see them by name; the others by pseudonym).

        One indexed query over the rankings' items (a confirmed order holds exactly the ranked candidates
        still held: ``check_order``, and an erasure takes a candidate out of both), not the final order's
        JSON of every confirmed ranking read on each request."""
        sql = (
            "SELECT DISTINCT ranking_items.candidate_id FROM ranking_items JOIN rankings "
            "ON rankings.id = ranking_items.ranking_id WHERE rankings.org_id = ? AND rankings.confirmed IS NOT NULL"
        )
        if ids is None:
            with self.store.transaction() as conn:
                return {str(r[0]) for r in conn.execute(sql, (org_id,))}
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.store.transaction() as conn:
            for start in range(0, len(wanted), _IDS_PER_QUERY):
                part = wanted[start : start + _IDS_PER_QUERY]
                marks = ", ".join("?" * len(part))
                rows = conn.execute(f"{sql} AND ranking_items.candidate_id IN ({marks})", (org_id, *part))
                found |= {str(r[0]) for r in rows}
        return found

    def rankings_of(self, org_id: int, cid: str) -> list[str]:
        """The ids of the organisation's rankings that hold candidate ``cid``, newest first."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT rankings.id FROM rankings JOIN ranking_items ON ranking_items.ranking_id = rankings.id "
                "WHERE rankings.org_id = ? AND ranking_items.candidate_id = ? "
                f"ORDER BY rankings.created DESC, rankings.{self._order} DESC",
                (org_id, cid),
            )
            return [r[0] for r in rows]

    def confirm(
        self,
        org_id: int,
        rid: str,
        *,
        user_id: int | None,
        order: Sequence[str],
        reason: str | None,
        reordered: bool,
    ) -> None:
        """Record the final order a person confirmed, and whether it differs from the system's (kept: erasing
        a candidate later shortens both orders); E507 when the ranking was confirmed already."""
        with self.store.transaction() as conn:
            cur = conn.execute(
                "UPDATE rankings SET confirmed = ?, confirmed_by = ?, final_order = ?, reason = ?, reordered = ? "
                "WHERE id = ? AND org_id = ? AND confirmed IS NULL",
                (now(), user_id, json.dumps(list(order)), reason, reordered, rid, org_id),
            )
        if not cur.rowcount:
            self.ranking(org_id, rid)  # E506 when there is no such ranking
            raise KompetensError(Code.E507, "the ranking was confirmed already", field="id")

    # -- events and retention ---------------------------------------------------------------------
    def log(self, event: str, org_id: int, *, user_id: int | None, object_id: str | None) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO events(time, event, org_id, user_id, object_id) VALUES (?, ?, ?, ?, ?)",
                (now(), event, org_id, user_id, object_id),
            )

    def events(
        self, org_id: int | None, *, object_id: str | None = None, since: str | None = None
    ) -> list[Event]:
        """The event log, oldest first: of one organisation (``None``: of all, and of none), about one
        object, from ``since`` (UTC, ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM:SS``) on."""
        sql = "SELECT time, event, org_id, user_id, object_id FROM events WHERE 1 = 1"
        args: tuple[object, ...] = ()
        if org_id is not None:
            sql, args = sql + " AND org_id = ?", (org_id,)
        if object_id is not None:
            sql, args = sql + " AND object_id = ?", (*args, object_id)
        if since is not None:
            sql, args = sql + " AND time >= ?", (*args, _moment(since))
        with self.store.transaction() as conn:
            return [Event(*r) for r in conn.execute(sql + " ORDER BY id", args)]

    def retention(self, org_id: int) -> Retention:
        name = self.org_name(org_id)
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT candidate_days, event_days, ad_days FROM retention WHERE org_id = ?", (org_id,)
            ).fetchone()
        days, events, ads = (row[0], row[1], row[2]) if row else (None, EVENT_DAYS, None)
        return Retention(name, days, events, ads, [] if days is not None else [no_retention_note(name)])

    def set_retention(
        self,
        org_id: int,
        *,
        candidate_days: int | None,
        event_days: int | None = None,
        ad_days: int | Unchanged | None = UNCHANGED,
    ) -> Retention:
        """Set the periods: ``candidate_days`` (None: keep until erased), ``event_days`` (None: as it is),
        ``ad_days`` (None: keep until deleted; ``UNCHANGED``, the default: as it is)."""
        for days, field in (
            (candidate_days, "days"),
            (event_days, "event_days"),
            (None if isinstance(ad_days, Unchanged) else ad_days, "ad_days"),
        ):
            if days is not None and days < 1:
                raise KompetensError(Code.E301, "a retention period is at least one day", field=field)
            if days is not None and days > MAX_RETENTION_DAYS:
                raise KompetensError(
                    Code.E301,
                    f"a retention period is at most {MAX_RETENTION_DAYS:,} days (100 years)",
                    field=field,
                )
        current = self.retention(org_id)
        ads = current.ad_days if isinstance(ad_days, Unchanged) else ad_days
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO retention(org_id, candidate_days, event_days, ad_days) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (org_id) DO UPDATE SET candidate_days = excluded.candidate_days, "
                "event_days = excluded.event_days, ad_days = excluded.ad_days",
                (org_id, candidate_days, event_days or current.event_days, ads),
            )
        return self.retention(org_id)

    def purge(self, org_id: int, *, at: datetime | None = None) -> Purged:
        """Erase the organisation's candidates older than its retention period, its stored ads older than
        theirs (each leaves an ``ad.purge`` event), and its old events."""
        kept = self.retention(org_id)
        old: list[str] = []
        if kept.candidate_days is not None:
            with self.store.transaction() as conn:
                old = [
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM candidates WHERE org_id = ? AND created < ?",
                        (org_id, _before(kept.candidate_days, at)),
                    )
                ]
        erased = self.erase(org_id, old, user_id=None, event="candidate.purge")
        self.shred_unheld_files(org_id, at=at)
        ads = self._purge_ads(org_id, kept.ad_days, at)
        with self.store.transaction() as conn:
            events = conn.execute(
                "DELETE FROM events WHERE org_id = ? AND time < ?", (org_id, _before(kept.event_days, at))
            ).rowcount
        if events and not erased:
            self.store.compact(["events"])
        return Purged(kept.org, erased, events, ads)

    def _purge_ads(self, org_id: int, days: int | None, at: datetime | None) -> int:
        """Delete the organisation's stored ads older than ``days`` (None: none), for real (the database is
        rewritten, as ``delete_ad`` does); each leaves an ``ad.purge`` event with its id alone."""
        if days is None:
            return 0
        with self.store.transaction() as conn:
            old = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM ads WHERE org_id = ? AND created < ?", (org_id, _before(days, at))
                )
            ]
            for aid in old:
                conn.execute("DELETE FROM ads WHERE id = ? AND org_id = ?", (aid, org_id))
                conn.execute(
                    "INSERT INTO events(time, event, org_id, user_id, object_id) VALUES (?, ?, ?, ?, ?)",
                    (now(), "ad.purge", org_id, None, aid),
                )
        if old:
            self.store.compact(["ads"])
        return len(old)

    def shred_unheld_files(self, org_id: int, *, at: datetime | None = None) -> int:
        """Shred the CV files under the organisation's folder that no candidate holds and that are older than
        ``UNHELD_FILE_SECONDS`` (an add in progress writes its file just before its row): a process killed
        between the two (SIGKILL, a power cut; a bug hunt, hK: SIGTERM during ``rank --store``) left a CV
        that no erasure, ``forget`` or purge could reach, since they work by row. How many it shredded."""
        folder = self.files_dir / str(org_id)
        if not folder.is_dir():
            return 0
        with self.store.transaction() as conn:
            held = {r[0] for r in conn.execute("SELECT id FROM candidates WHERE org_id = ?", (org_id,))}
        cutoff = (at or datetime.now(UTC)).timestamp() - UNHELD_FILE_SECONDS
        shredded = 0
        for path in folder.iterdir():
            with suppress(FileNotFoundError):
                if path.name in held or not path.is_file() or path.stat().st_mtime > cutoff:
                    continue
                shred(path)
                shredded += 1
        return shredded

    def purge_unowned_events(self, *, at: datetime | None = None) -> int:
        """Delete the events of no organisation (failed sign-ins of unknown emails) after the default period."""
        with self.store.transaction() as conn:
            return int(
                conn.execute(
                    "DELETE FROM events WHERE org_id = ? AND time < ?", (NO_ORG, _before(EVENT_DAYS, at))
                ).rowcount
            )

    # -- the old path-keyed profiles ---------------------------------------------------------------
    def _adopt_old_profiles(self) -> None:
        """Move candidate profiles that older versions keyed by the CV's path into the default
        organisation, under random ids, with the file's base name as display name (no original file)."""
        with self.store.transaction() as conn:
            rows = conn.execute("SELECT key, lang, data, created FROM profiles WHERE kind = 'cv'").fetchall()
        if not rows:
            return
        org_id = self.default_org()
        with self.store.transaction() as conn:
            for key, lang, data, created in rows:
                cid = new_id()
                profile = json.loads(data)
                profile["source"] = cid
                conn.execute(
                    "INSERT INTO candidates(id, org_id, name, lang, size, profile, created) "
                    "VALUES (?, ?, ?, ?, 0, ?, ?)",
                    (cid, org_id, _base_name(key), lang, json.dumps(profile, ensure_ascii=False), created),
                )
                conn.execute("DELETE FROM profiles WHERE key = ?", (key,))
        self.store.compact(["profiles"])


def _paged(
    sql: str, args: tuple[object, ...], *, limit: int | None, offset: int
) -> tuple[str, tuple[object, ...]]:
    """``sql`` (ordered) limited to a page: ``limit`` rows (None: all) after the first ``offset``. SQLite
    takes an offset only after a limit and PostgreSQL no ``LIMIT -1``: no limit is ``ALL_ROWS``."""
    if limit is None and not offset:
        return sql, args
    return sql + " LIMIT ? OFFSET ?", (*args, ALL_ROWS if limit is None else limit, offset)


def _base_name(source: str) -> str:
    """A file's name without its folders (``a/b/cv.pdf#2`` -> ``cv.pdf#2``)."""
    return source.replace("\\", "/").rsplit("/", 1)[-1] or "cv"


def _drop_from_rankings(conn: Tx, org_id: int, cid: str) -> None:
    """A candidate's derived rows: their ranked items, and their id in confirmed final orders."""
    conn.execute("DELETE FROM ranking_items WHERE candidate_id = ?", (cid,))
    rows = conn.execute(
        "SELECT id, final_order FROM rankings WHERE org_id = ? AND final_order LIKE ?",
        (org_id, f'%"{cid}"%'),
    ).fetchall()
    for rid, order in rows:
        kept = [c for c in json.loads(order) if c != cid]
        conn.execute("UPDATE rankings SET final_order = ? WHERE id = ?", (json.dumps(kept), rid))


def _rankings_holding(conn: Tx, org_id: int, cid: str) -> list[str]:
    """The organisation's rankings that hold the candidate (as an item or in a final order)."""
    rows = conn.execute(
        "SELECT id FROM rankings WHERE org_id = ? AND (final_order LIKE ? OR id IN "
        "(SELECT ranking_id FROM ranking_items WHERE candidate_id = ?))",
        (org_id, f'%"{cid}"%', cid),
    ).fetchall()
    return [r[0] for r in rows]


def _drop_reasons(conn: Tx, org_id: int, rids: Sequence[str]) -> list[str]:
    """Replace the confirmation reasons of ``rids`` (the rankings that held an erased candidate) by
    ``REASON_ERASED``; the ids of the rankings changed. Only those rankings: another ranking's reason is
    about other people."""
    changed: list[str] = []
    for rid in rids:
        cur = conn.execute(
            "UPDATE rankings SET reason = ? WHERE id = ? AND org_id = ? AND reason IS NOT NULL "
            "AND reason <> '' AND reason <> ?",
            (REASON_ERASED, rid, org_id, REASON_ERASED),
        )
        if cur.rowcount:
            changed.append(rid)
    return changed
