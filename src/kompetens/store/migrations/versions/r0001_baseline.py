"""The schema as it was before migrations: profiles, accounts (orgs, users, tokens, sessions, events), stored work
(retention, candidates, roles, ads, rankings, ranking_items).

Each table (with its indexes) is created only where it is missing: a SQLite file made by the versions before
migrations has some or all of them already, and keeps them as they are. On SQLite the tables are those the old
``CREATE TABLE`` statements made; on PostgreSQL the same columns, with three differences: ``created`` defaults
to the UTC time as text, emails are unique in any case through an index on ``lower(email)`` (SQLite: the
column's ``NOCASE``), and the tables with random ids get an identity column ``seq`` for the insertion order
SQLite's rowid gives.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NOW = {
    "sqlite": "(datetime('now'))",
    "postgresql": "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
}


def _created(dialect: str) -> sa.Column[str]:
    return sa.Column("created", sa.Text, nullable=False, server_default=sa.text(NOW[dialect]))


def _seq(dialect: str) -> list[sa.Column[int]]:
    """The insertion order on PostgreSQL (SQLite: the rowid)."""
    if dialect == "sqlite":
        return []
    return [sa.Column("seq", sa.BigInteger, sa.Identity(always=True), nullable=False, unique=True)]


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _org_ref() -> sa.Column[int]:
    return sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id"), nullable=False)


def _profiles(meta: sa.MetaData, dialect: str) -> None:
    sa.Table(
        "profiles",
        meta,
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("lang", sa.Text),
        sa.Column("data", sa.Text, nullable=False),
        _created(dialect),
        sa.Index("profiles_kind", "kind"),
    )


def _accounts(meta: sa.MetaData, dialect: str) -> None:
    sa.Table("orgs", meta, _id(), sa.Column("name", sa.Text, nullable=False, unique=True), _created(dialect))
    sqlite = dialect == "sqlite"
    email = sa.Column(
        "email", sa.Text(collation="NOCASE") if sqlite else sa.Text, nullable=False, unique=sqlite
    )
    users = sa.Table(
        "users",
        meta,
        _id(),
        _org_ref(),
        email,
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text),
        _created(dialect),
        sa.CheckConstraint("role IN ('admin', 'recruiter', 'hiring_manager')"),
        sa.Index("users_org", "org_id"),
    )
    if not sqlite:
        sa.Index("users_email", sa.func.lower(users.c.email), unique=True)
    sa.Table(
        "tokens",
        meta,
        _id(),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        _created(dialect),
        sa.Column("revoked", sa.Text),
    )
    sa.Table(
        "sessions",
        meta,
        sa.Column("id_hash", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        _created(dialect),
        sa.Column("expires", sa.Text, nullable=False),
    )
    sa.Table(
        "events",
        meta,
        _id(),
        sa.Column("time", sa.Text, nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("org_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("object_id", sa.Text),
        sa.Index("events_org", "org_id", "time"),
    )


def _stamp() -> sa.Column[str]:
    """``created`` of the stored work: set by the code, no default."""
    return sa.Column("created", sa.Text, nullable=False)


def _records(meta: sa.MetaData, dialect: str) -> None:
    sa.Table(
        "retention",
        meta,
        sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id"), primary_key=True, autoincrement=False),
        sa.Column("candidate_days", sa.Integer),
        sa.Column("event_days", sa.Integer, nullable=False, server_default=sa.text("183")),
    )
    sa.Table(
        "candidates",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        _org_ref(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("lang", sa.Text),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
        _stamp(),
        *_seq(dialect),
        sa.Index("candidates_org", "org_id", "created"),
    )
    sa.Table(
        "roles",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        _org_ref(),
        sa.Column("data", sa.Text, nullable=False),
        _stamp(),
        *_seq(dialect),
        sa.Index("roles_org", "org_id"),
    )
    sa.Table(
        "ads",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        _org_ref(),
        sa.Column("title", sa.Text),
        sa.Column("lang", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        _stamp(),
        *_seq(dialect),
        sa.Index("ads_org", "org_id", "created"),
    )
    sa.Table(
        "rankings",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        _org_ref(),
        sa.Column("user_id", sa.Integer),
        _stamp(),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("role_id", sa.Text),
        sa.Column("role_version", sa.Integer),
        sa.Column("engine_version", sa.Text, nullable=False),
        sa.Column("taxonomy_version", sa.Text, nullable=False),
        sa.Column("inputs", sa.Integer, nullable=False),
        sa.Column("confirmed", sa.Text),
        sa.Column("confirmed_by", sa.Integer),
        sa.Column("final_order", sa.Text),
        sa.Column("reason", sa.Text),
        *_seq(dialect),
        sa.Index("rankings_org", "org_id", "created"),
    )
    sa.Table(
        "ranking_items",
        meta,
        sa.Column("ranking_id", sa.Text, sa.ForeignKey("rankings.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("candidate_id", sa.Text, primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("item", sa.Text, nullable=False),
        sa.Index("ranking_items_candidate", "candidate_id"),
    )


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData()
    for part in (_profiles, _accounts, _records):
        part(meta, bind.dialect.name)
    meta.create_all(bind, checkfirst=True)


def downgrade() -> None:
    raise NotImplementedError("the baseline is not undone: it holds the data")
