"""Server-side web sessions: the cookie carries a random token, this table its SHA-256 hash, so logout,
deactivation and a password change end a session for good (a replayed cookie is refused).

Revision ID: 0002_sessies
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sessies"
down_revision = "0001"
branch_labels = None
depends_on = None

TIJD = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sessie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sleutel_hash", sa.String(64), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", TIJD, nullable=False),
        sa.Column("verloopt_op", TIJD, nullable=False),
        sa.Column("beeindigd_op", TIJD, nullable=True),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name="fk_sessie_gebruiker_id_gebruiker"),
        sa.PrimaryKeyConstraint("id", name="pk_sessie"),
        sa.UniqueConstraint("sleutel_hash", name="uq_sessie_sleutel_hash"),
    )
    op.create_index("ix_sessie_gebruiker_id", "sessie", ["gebruiker_id"])


def downgrade() -> None:
    op.drop_index("ix_sessie_gebruiker_id", table_name="sessie")
    op.drop_table("sessie")
