"""Whether a person's confirmed order differed from the system's, kept as it was when they confirmed.

Read from the two orders alone, erasing the candidate a person moved made the record say the person had
agreed with the system (both orders lose the candidate, and what is left can be the same). Rows confirmed
before this revision have none and are read from the orders as before.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("rankings", sa.Column("reordered", sa.Boolean, nullable=True))


def downgrade() -> None:
    op.drop_column("rankings", "reordered")
