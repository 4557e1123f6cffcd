"""How long an organisation keeps its stored job ads: an ad can name a contact person (a name, an e-mail, a
phone number), so it is personal data with a storage limit of its own (a data protection officer's hunt,
stop 38: stored ads fell under no period). ``ad_days`` NULL keeps them until deleted, as before.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("retention", sa.Column("ad_days", sa.Integer, nullable=True))


def downgrade() -> None:
    op.drop_column("retention", "ad_days")
