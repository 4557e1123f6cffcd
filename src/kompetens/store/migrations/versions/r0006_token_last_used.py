"""When each API token was last used: what an admin needs to tell a leaked or forgotten token from one an
integration still uses before revoking it (``kompetens users tokens``, the /users page).

``last_used`` is the UTC time as text (``YYYY-MM-DD HH:MM:SS``), NULL for a token never used since this
revision; it is written at most once a minute per token (store/accounts.py ``TOKEN_USE_EVERY``).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tokens", sa.Column("last_used", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("tokens", "last_used")
