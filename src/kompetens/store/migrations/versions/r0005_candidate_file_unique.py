"""The same file once per organisation, held by the database: a unique index on the organisation and the file's
digest, so that uploads of one file at once (a retrying ATS, parallel requests, several server processes)
store it once; the code's look-up before storing could not see another request's file not written yet.

Copies stored before this revision stay (erasure is a person's decision, with its event, not a migration's):
each but the first stored of equal files gets ``duplicate_of``, the first's id, and the index leaves such
rows out. A copy kept on purpose later (the same file twice in one ``rank`` call: both are ranked) is marked
the same way.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ORDER = {"sqlite": "rowid", "postgresql": "seq"}
"""The column that orders candidates as they were inserted (store/database.py ``INSERTION_ORDER``)."""
ORIGINALS = "duplicate_of IS NULL"


def upgrade() -> None:
    op.add_column("candidates", sa.Column("duplicate_of", sa.Text, nullable=True))
    _mark_copies(op.get_bind())
    op.create_index(
        "candidates_file",
        "candidates",
        ["org_id", "digest"],
        unique=True,
        sqlite_where=sa.text(ORIGINALS),
        postgresql_where=sa.text(ORIGINALS),
    )


def _mark_copies(conn: sa.Connection) -> None:
    """Each candidate whose file an earlier candidate of its organisation holds: a copy of that one."""
    order = ORDER.get(conn.dialect.name, "rowid")
    rows = conn.execute(
        sa.text(
            f"SELECT id, org_id, digest FROM candidates WHERE digest IS NOT NULL ORDER BY created, {order}"
        )
    ).fetchall()
    first: dict[tuple[int, str], str] = {}
    for cid, org_id, digest in rows:
        original = first.setdefault((org_id, digest), cid)
        if original != cid:
            conn.execute(
                sa.text("UPDATE candidates SET duplicate_of = :original WHERE id = :cid"),
                {"original": original, "cid": cid},
            )


def downgrade() -> None:
    op.drop_index("candidates_file", "candidates")
    op.drop_column("candidates", "duplicate_of")
