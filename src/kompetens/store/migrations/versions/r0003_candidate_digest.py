"""A stored candidate's file digest, so that the same file is not stored twice in an organisation.

``digest`` is the SHA-256 of the original file's bytes (hex). Rows stored before this revision have none
until the store fills it in from the kept file (``Records.stored_files``); it goes with the row when the
candidate is erased.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("candidates", sa.Column("digest", sa.Text, nullable=True))
    op.create_index("candidates_digest", "candidates", ["org_id", "digest"])


def downgrade() -> None:
    op.drop_index("candidates_digest", "candidates")
    op.drop_column("candidates", "digest")
