"""Vaststelling tracker (issue 14): per gemeente the recorded stages of its VHP and HVO.

Revision ID: 0006_vaststelling
Revises: 0005_transferpunt
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_vaststelling"
down_revision = "0005_transferpunt"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vaststelling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio", sa.String(200), nullable=False),
        sa.Column("gemeentecode", sa.String(10), nullable=False),
        sa.Column("document", sa.String(3), nullable=False),
        sa.Column("stap", sa.String(20), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("door", sa.String(200), nullable=False),
        sa.Column("vastgelegd_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_vaststelling"),
    )


def downgrade() -> None:
    op.drop_table("vaststelling")
