"""Accounts: organisations (the tenants), their users, API tokens and web sessions.

The tables live in the Store's database and go through its connections (one class owns the database; the
schema is the store's migrations).
Passwords are argon2 hashes; API tokens and session ids are random and kept only as SHA-256 hashes, so
the database never holds anything a request could present. Every user belongs to one organisation: data
that is later scoped to a tenant gets an ``org_id`` column that points to ``orgs``.
"""

from __future__ import annotations

import hashlib
import secrets
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import Code, KompetensError
from ..schema import DOCUMENTED, Time

if TYPE_CHECKING:
    from .database import Store, Tx

Role = Literal["admin", "recruiter", "hiring_manager"]
ROLES: tuple[str, ...] = get_args(Role)
"""admin manages the organisation's users; recruiter and hiring_manager use the engine."""

TOKEN_PREFIX = "kmp_"
SESSION_HOURS = 12

NO_ORG = 0
"""The organisation number of events that belong to none (a failed sign-in for an unknown email)."""


TOKEN_USE_EVERY = timedelta(minutes=1)
"""How stale a token's ``last_used`` may get: it is written once a minute at most, not on every request."""

MIN_PASSWORD = 8
"""The shortest password a user may have (NIST SP 800-63B's minimum for one they choose)."""


def check_password_strength(password: str) -> None:
    """E301 for a password shorter than ``MIN_PASSWORD`` characters (no other rule: length is what counts)."""
    if len(password) < MIN_PASSWORD:
        raise KompetensError(
            Code.E301, f"a password is at least {MIN_PASSWORD} characters long", field="password"
        )


@dataclass(frozen=True, slots=True)
class User:
    """A user as the interfaces see it: never the password hash."""

    __pydantic_config__ = DOCUMENTED

    id: int
    """The user's number in this data folder."""
    email: str
    """The sign-in name, unique (in any case) across organisations."""
    role: str
    """admin, recruiter or hiring_manager."""
    org_id: int
    """The organisation's (tenant's) number."""
    org: str
    """The organisation's name."""
    created: Time
    """When the user was added (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token without its secret: what listing tokens shows."""

    id: int
    email: str
    name: str
    created: Time
    revoked: Time | None
    last_used: Time | None = None
    """When a request last presented it (to the minute: ``TOKEN_USE_EVERY``); None if never since 0006."""


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just issued: ``token`` is shown this once and stored only as its hash."""

    __pydantic_config__ = DOCUMENTED

    id: int
    """The token's number: what revoking it takes."""
    email: str
    """The user it belongs to."""
    name: str
    """What it is for."""
    token: str
    """The secret, for ``Authorization: Bearer``: shown this once, never stored."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def email_digest(email: str) -> str:
    """What the event log keeps of an email address: the first 16 hex digits of its SHA-256 (any case)."""
    return digest(email.strip().lower())[:16]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


ADD_ORG = "INSERT INTO orgs(name) VALUES (?) ON CONFLICT (name) DO NOTHING"
"""Add an organisation unless one has the name."""
_USER_SQL = (
    "SELECT users.id, users.email, users.role, users.org_id, orgs.name, users.created "
    "FROM users JOIN orgs ON orgs.id = users.org_id"
)
_TOKEN_USER_SQL = (
    "SELECT users.id, users.email, users.role, users.org_id, orgs.name, users.created, tokens.id, "
    "tokens.last_used FROM users JOIN orgs ON orgs.id = users.org_id JOIN tokens ON tokens.user_id = users.id"
)
"""A token's user, with the token's id and ``last_used`` (to note its use)."""


def _admins(conn: Tx, org_id: int) -> int:
    """How many admins organisation ``org_id`` has."""
    return int(
        conn.execute("SELECT count(*) FROM users WHERE org_id = ? AND role = 'admin'", (org_id,)).scalar_one()
    )


class Accounts:
    """Organisations, users, tokens and sessions, in the Store's database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._hasher = PasswordHasher()

    def log(self, event: str, org_id: int, *, user_id: int | None, object_id: str | None = None) -> None:
        """An entry of the event log (see store/records.py): never a name, an email or a password."""
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO events(time, event, org_id, user_id, object_id) VALUES (?, ?, ?, ?, ?)",
                (_now(), event, org_id, user_id, object_id),
            )

    # -- users ------------------------------------------------------------------------------------
    def has_users(self) -> bool:
        with self.store.transaction() as conn:
            return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def add_user(
        self, email: str, *, org: str, role: str, password: str | None = None, by: int | None = None
    ) -> User:
        """Add a user to ``org`` (created if new). Raises E500 for an unknown role, E501 if taken."""
        email = email.strip()
        if role not in ROLES:
            raise KompetensError(
                Code.E500, f"unknown role {role!r}; use one of {', '.join(ROLES)}", field="role"
            )
        if "@" not in email or len(email) > 320 or any(c.isspace() for c in email):
            raise KompetensError(Code.E301, f"{email!r} is not an email address", field="email")
        if not org.strip():
            raise KompetensError(Code.E301, "the organisation needs a name", field="org")
        from sqlalchemy.exc import IntegrityError  # what a taken email raises (imported with the store)

        if password:
            check_password_strength(password)
        hashed = self._hasher.hash(password) if password else None
        self._no_case_twin(org.strip())
        try:
            with self.store.transaction() as conn:
                conn.execute(ADD_ORG, (org.strip(),))
                org_id = conn.execute("SELECT id FROM orgs WHERE name = ?", (org.strip(),)).scalar_one()
                conn.execute(
                    "INSERT INTO users(org_id, email, role, password_hash) VALUES (?, ?, ?, ?)",
                    (org_id, email, role, hashed),
                )
        except IntegrityError as exc:
            raise KompetensError(Code.E501, f"a user {email!r} exists already", field="email") from exc
        added = self.user(email)
        self.log("user.add", added.org_id, user_id=by, object_id=str(added.id))
        return added

    def _no_case_twin(self, name: str) -> None:
        """E509 for a new organisation whose name differs from one that exists only in letter case: ``users
        add --org fiktivbyrån`` beside "Fiktivbyrån" made a second, empty organisation, a user meant for the
        first working apart from its candidates (a bug hunt, hK; ``Records.org_id`` says the same)."""
        with self.store.transaction() as conn:
            names = [str(r[0]) for r in conn.execute("SELECT name FROM orgs")]
        if name in names:
            return
        alike = sorted(n for n in names if n.casefold() == name.casefold())
        if alike:
            raise KompetensError(
                Code.E509,
                f"no organisation {name!r}; the names differ in letter case: did you mean "
                + " or ".join(f"--org {shlex.quote(n)}" for n in alike)
                + "? (an organisation's name is matched exactly; none is made for a name that differs only"
                " in letter case)",
                field="org",
            )

    def user(self, email: str) -> User:
        """The user with this email (any case); E502 if there is none."""
        with self.store.transaction() as conn:
            row = conn.execute(
                _USER_SQL + " WHERE lower(users.email) = lower(?)", (email.strip(),)
            ).fetchone()
        if row is None:
            raise KompetensError(Code.E502, f"no user {email!r}", field="email")
        return User(*row)

    def member(self, email: str, org_id: int) -> User:
        """The user with this email in organisation ``org_id``: E502 alike for an unknown email and another
        organisation's user, so that an answer to an organisation never tells who has an account elsewhere."""
        try:
            found: User | None = self.user(email)
        except KompetensError:
            found = None
        if found is None or found.org_id != org_id:
            raise KompetensError(Code.E502, "no such user in the organisation", field="email")
        return found

    def users(self, *, org: str | None = None) -> list[User]:
        sql, args = _USER_SQL, tuple[str, ...]()
        if org is not None:
            sql, args = sql + " WHERE orgs.name = ?", (org,)
        with self.store.transaction() as conn:
            return [User(*r) for r in conn.execute(sql + " ORDER BY orgs.name, lower(users.email)", args)]

    def remove_user(self, email: str, *, by: int | None = None) -> User:
        """Delete a user with their tokens and sessions; E502 if there is none. E504 for the organisation's
        only admin while it has other users, who would be left with nobody to manage them, set the
        retention period or read the event log (as ``set_role`` keeps the role; hunt hH, finding 12: an
        admin removed themselves over the API). The last user of all may go."""
        user = self.user(email)
        with self.store.transaction() as conn:
            if user.role == "admin" and _admins(conn, user.org_id) <= 1:
                others = conn.execute(
                    "SELECT count(*) FROM users WHERE org_id = ? AND id <> ?", (user.org_id, user.id)
                ).scalar_one()
                if int(others):
                    raise KompetensError(
                        Code.E504,
                        "the organisation's only admin stays while it has other users: make another admin"
                        " first",
                        field="email",
                    )
            conn.execute("DELETE FROM tokens WHERE user_id = ?", (user.id,))
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
            conn.execute("DELETE FROM users WHERE id = ?", (user.id,))
        self.log("user.remove", user.org_id, user_id=by, object_id=str(user.id))
        return user

    def set_password(self, email: str, password: str, *, by: int | None = None) -> User:
        """Set or reset a user's web password (argon2id; E301 if short) and end their web sessions: a reset
        is often for a password someone else may know, and an open session would outlive it. A user made
        "API only" gets their first password this way, without losing their tokens or their number."""
        check_password_strength(password)
        user = self.user(email)
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", (self._hasher.hash(password), user.id)
            )
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
        self.log("user.password", user.org_id, user_id=by, object_id=str(user.id))
        return user

    def set_role(self, email: str, role: str, *, by: int | None = None) -> User:
        """Change a user's role, keeping their tokens, sessions and number (the event log still joins up).
        E500 for an unknown role; E504 for the organisation's last admin, whom nobody could then replace."""
        if role not in ROLES:
            raise KompetensError(
                Code.E500, f"unknown role {role!r}; use one of {', '.join(ROLES)}", field="role"
            )
        user = self.user(email)
        if user.role == role:
            return user
        with self.store.transaction() as conn:
            if user.role == "admin" and _admins(conn, user.org_id) <= 1:
                raise KompetensError(
                    Code.E504,
                    "the organisation's only admin keeps the role: make another admin first",
                    field="role",
                )
            conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user.id))
        self.log("user.role", user.org_id, user_id=by, object_id=str(user.id))
        return self.user(email)

    def password_hash(self, email: str) -> str | None:
        user = self.user(email)
        with self.store.transaction() as conn:
            row = conn.execute("SELECT password_hash FROM users WHERE id = ?", (user.id,)).fetchone()
        return row[0] if row else None

    def check_password(self, email: str, password: str) -> User | None:
        """The user if the password is theirs; None otherwise (an unknown email costs a hash as well)."""
        try:
            hashed = self.password_hash(email)
        except KompetensError:
            hashed = None
        try:
            if hashed is None:
                self._hasher.hash(password)  # the same time as a wrong password
                return None
            self._hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return None
        return self.user(email)

    # -- API tokens -------------------------------------------------------------------------------
    def issue_token(self, email: str, *, name: str = "", by: int | None = None) -> NewToken:
        user = self.user(email)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        name = name.strip() or f"token {_now()}"
        with self.store.transaction() as conn:
            tid = int(
                conn.execute(
                    "INSERT INTO tokens(user_id, name, token_hash) VALUES (?, ?, ?) RETURNING id",
                    (user.id, name, digest(token)),
                ).scalar_one()
            )
        self.log("token.issue", user.org_id, user_id=user.id if by is None else by, object_id=str(tid))
        return NewToken(tid, user.email, name, token)

    def tokens(self, email: str) -> list[TokenInfo]:
        user = self.user(email)
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT id, name, created, revoked, last_used FROM tokens WHERE user_id = ? ORDER BY id",
                (user.id,),
            ).fetchall()
        return [TokenInfo(r[0], user.email, r[1], r[2], r[3], r[4]) for r in rows]

    def token_owner(self, token_id: int) -> int | None:
        """The id of the user token ``token_id`` was issued to (revoked or not); None for an unknown id."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT user_id FROM tokens WHERE id = ?", (token_id,)).fetchone()
        return None if row is None else int(row[0])

    def revoke_token(self, email: str, token_id: int | None = None, *, by: int | None = None) -> int:
        """Revoke one of the user's tokens (or all with ``None``); how many were revoked."""
        user = self.user(email)
        sql = "UPDATE tokens SET revoked = ? WHERE user_id = ? AND revoked IS NULL"
        args: tuple[object, ...] = (_now(), user.id)
        if token_id is not None:
            sql, args = sql + " AND id = ?", (*args, token_id)
        with self.store.transaction() as conn:
            n = int(conn.execute(sql, args).rowcount)
        if n:
            target = str(token_id) if token_id is not None else f"user:{user.id}"
            self.log("token.revoke", user.org_id, user_id=user.id if by is None else by, object_id=target)
        return n

    def user_for_token(self, token: str) -> User | None:
        """The user a presented API token belongs to, if it is known and not revoked; notes the token's use
        (``last_used``, once a minute at most, so that a busy integration does not write on every call)."""
        now = datetime.now(UTC)
        stale = (now - TOKEN_USE_EVERY).strftime("%Y-%m-%d %H:%M:%S")
        with self.store.transaction() as conn:
            row = conn.execute(
                _TOKEN_USER_SQL + " WHERE tokens.token_hash = ? AND tokens.revoked IS NULL", (digest(token),)
            ).fetchone()
            if row is not None and (row[-1] is None or row[-1] < stale):
                conn.execute(
                    "UPDATE tokens SET last_used = ? WHERE id = ?",
                    (now.strftime("%Y-%m-%d %H:%M:%S"), row[-2]),
                )
        return User(*row[:-2]) if row else None

    # -- web sessions -----------------------------------------------------------------------------
    def open_session(self, user: User) -> str:
        """A new session id for the browser's cookie; only its hash is stored."""
        sid = secrets.token_urlsafe(32)
        expires = (datetime.now(UTC) + timedelta(hours=SESSION_HOURS)).strftime("%Y-%m-%d %H:%M:%S")
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE expires < ?", (_now(),))
            conn.execute(
                "INSERT INTO sessions(id_hash, user_id, expires) VALUES (?, ?, ?)",
                (digest(sid), user.id, expires),
            )
        return sid

    def user_for_session(self, sid: str) -> User | None:
        with self.store.transaction() as conn:
            row = conn.execute(
                _USER_SQL + " JOIN sessions ON sessions.user_id = users.id "
                "WHERE sessions.id_hash = ? AND sessions.expires >= ?",
                (digest(sid), _now()),
            ).fetchone()
        return User(*row) if row else None

    def close_session(self, sid: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE id_hash = ?", (digest(sid),))

    # -- failed sign-ins (the throttle of api/auth.py) ----------------------------------------------
    def signin_failures(self, keys: Sequence[str], *, since: float) -> int:
        """The most failed sign-ins any of ``keys`` has had after ``since`` (seconds since 1970)."""
        if not keys:
            return 0
        marks = ", ".join("?" for _ in keys)
        with self.store.transaction() as conn:
            row = conn.execute(
                f"SELECT max(n) FROM (SELECT count(*) AS n FROM signin_failures WHERE key IN ({marks}) "
                "AND time > ? GROUP BY key) AS counts",
                (*keys, since),
            ).fetchone()
        return int(row[0] or 0) if row else 0

    def add_signin_failure(self, keys: Sequence[str], *, at: float, forget_before: float) -> None:
        """A failed sign-in at ``at`` for each of ``keys``; failures up to ``forget_before`` are deleted."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM signin_failures WHERE time <= ?", (forget_before,))
            conn.executemany("INSERT INTO signin_failures(key, time) VALUES (?, ?)", [(k, at) for k in keys])

    def clear_signin_failures(self, keys: Sequence[str]) -> None:
        """Forget the failed sign-ins of ``keys`` (after a success)."""
        with self.store.transaction() as conn:
            conn.executemany("DELETE FROM signin_failures WHERE key = ?", [(k,) for k in keys])
