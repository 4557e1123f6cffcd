"""Accounts: organisations (the tenants), their users, API tokens and web sessions.

The tables live in the Store's file and go through the Store's connection (one class owns the database).
Passwords are argon2 hashes; API tokens and session ids are random and kept only as SHA-256 hashes, so
the database never holds anything a request could present. Every user belongs to one organisation: data
that is later scoped to a tenant gets an ``org_id`` column that points to ``orgs``.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import Code, KompetensError
from ..schema import DOCUMENTED
from .sqlite import Store

Role = Literal["admin", "recruiter", "hiring_manager"]
ROLES: tuple[str, ...] = get_args(Role)
"""admin manages the organisation's users; recruiter and hiring_manager use the engine."""

TOKEN_PREFIX = "kmp_"
SESSION_HOURS = 12

SCHEMA = """
CREATE TABLE IF NOT EXISTS orgs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'recruiter', 'hiring_manager')),
    password_hash TEXT,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS users_org ON users(org_id);
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    expires TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    event TEXT NOT NULL,
    org_id INTEGER NOT NULL,
    user_id INTEGER,
    object_id TEXT
);
CREATE INDEX IF NOT EXISTS events_org ON events(org_id, time);
"""
NO_ORG = 0
"""The organisation number of events that belong to none (a failed sign-in for an unknown email)."""


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
    created: str
    """When the user was added (UTC, ``YYYY-MM-DD HH:MM:SS``)."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token without its secret: what listing tokens shows."""

    id: int
    email: str
    name: str
    created: str
    revoked: str | None


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


_USER_SQL = (
    "SELECT users.id, users.email, users.role, users.org_id, orgs.name, users.created "
    "FROM users JOIN orgs ON orgs.id = users.org_id"
)


class Accounts:
    """Organisations, users, tokens and sessions, in the Store's database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._hasher = PasswordHasher()
        with store.transaction() as conn:
            conn.executescript(SCHEMA)

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
        hashed = self._hasher.hash(password) if password else None
        try:
            with self.store.transaction() as conn:
                conn.execute("INSERT OR IGNORE INTO orgs(name) VALUES (?)", (org.strip(),))
                (org_id,) = conn.execute("SELECT id FROM orgs WHERE name = ?", (org.strip(),)).fetchone()
                conn.execute(
                    "INSERT INTO users(org_id, email, role, password_hash) VALUES (?, ?, ?, ?)",
                    (org_id, email, role, hashed),
                )
        except sqlite3.IntegrityError as exc:
            raise KompetensError(Code.E501, f"a user {email!r} exists already", field="email") from exc
        added = self.user(email)
        self.log("user.add", added.org_id, user_id=by, object_id=str(added.id))
        return added

    def user(self, email: str) -> User:
        """The user with this email (any case); E502 if there is none."""
        with self.store.transaction() as conn:
            row = conn.execute(_USER_SQL + " WHERE users.email = ?", (email.strip(),)).fetchone()
        if row is None:
            raise KompetensError(Code.E502, f"no user {email!r}", field="email")
        return User(*row)

    def users(self, *, org: str | None = None) -> list[User]:
        sql, args = _USER_SQL, tuple[str, ...]()
        if org is not None:
            sql, args = sql + " WHERE orgs.name = ?", (org,)
        with self.store.transaction() as conn:
            return [User(*r) for r in conn.execute(sql + " ORDER BY orgs.name, users.email", args)]

    def remove_user(self, email: str, *, by: int | None = None) -> User:
        """Delete a user with their tokens and sessions; E502 if there is none."""
        user = self.user(email)
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM tokens WHERE user_id = ?", (user.id,))
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
            conn.execute("DELETE FROM users WHERE id = ?", (user.id,))
        self.log("user.remove", user.org_id, user_id=by, object_id=str(user.id))
        return user

    def set_password(self, email: str, password: str) -> None:
        user = self.user(email)
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", (self._hasher.hash(password), user.id)
            )

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
            cur = conn.execute(
                "INSERT INTO tokens(user_id, name, token_hash) VALUES (?, ?, ?)",
                (user.id, name, digest(token)),
            )
        tid = int(cur.lastrowid or 0)
        self.log("token.issue", user.org_id, user_id=user.id if by is None else by, object_id=str(tid))
        return NewToken(tid, user.email, name, token)

    def tokens(self, email: str) -> list[TokenInfo]:
        user = self.user(email)
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT id, name, created, revoked FROM tokens WHERE user_id = ? ORDER BY id", (user.id,)
            ).fetchall()
        return [TokenInfo(r[0], user.email, r[1], r[2], r[3]) for r in rows]

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
        """The user a presented API token belongs to, if it is known and not revoked."""
        with self.store.transaction() as conn:
            row = conn.execute(
                _USER_SQL + " JOIN tokens ON tokens.user_id = users.id "
                "WHERE tokens.token_hash = ? AND tokens.revoked IS NULL",
                (digest(token),),
            ).fetchone()
        return User(*row) if row else None

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
