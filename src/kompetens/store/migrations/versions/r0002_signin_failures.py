"""Failed sign-ins in the database, so that the throttle (api/auth.py) holds across server processes and restarts.

A row per failed attempt and key: the key is ``email:`` or ``addr:`` and the first 16 hex digits of the
SHA-256 of the email (any case) or of the client's address, never the email or the address itself; ``time``
is the wall clock (seconds since 1970). Rows older than the window are deleted as new failures come.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("time", sa.Float, nullable=False),
    )
    op.create_index("signin_failures_key", "signin_failures", ["key", "time"])


def downgrade() -> None:
    op.drop_table("signin_failures")
