"""Woonvormen (issue 13): pledges entered on the web page, per afsprakenkader, gemeente, woonvorm and jaar; and
realised places per afsprakenkader, gemeente, woonvorm and jaar (monitoring of the balance over time).

Revision ID: 0007_toezeggingen
Revises: 0006_vaststelling
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_toezeggingen"
down_revision = "0006_vaststelling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "woonvorm_toezegging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader", sa.String(200), nullable=False),
        sa.Column("gemeentecode", sa.String(10), nullable=False),
        sa.Column("woonvorm", sa.String(100), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=True),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("capaciteit", sa.Integer(), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("door", sa.String(200), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("aantal >= 0", name="ck_woonvorm_toezegging_aantal"),
        sa.CheckConstraint("capaciteit IS NULL OR capaciteit >= aantal", name="ck_woonvorm_toezegging_capaciteit"),
        sa.PrimaryKeyConstraint("id", name="pk_woonvorm_toezegging"),
    )
    op.create_index("ix_woonvorm_toezegging_kader", "woonvorm_toezegging", ["kader"])
    op.create_table(
        "woonvorm_realisatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader", sa.String(200), nullable=False),
        sa.Column("gemeentecode", sa.String(10), nullable=False),
        sa.Column("woonvorm", sa.String(100), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("door", sa.String(200), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("aantal >= 0", name="ck_woonvorm_realisatie_aantal"),
        sa.PrimaryKeyConstraint("id", name="pk_woonvorm_realisatie"),
        sa.UniqueConstraint("kader", "gemeentecode", "woonvorm", "jaar", name="uq_woonvorm_realisatie_kader"),
    )


def downgrade() -> None:
    op.drop_table("woonvorm_realisatie")
    op.drop_index("ix_woonvorm_toezegging_kader", table_name="woonvorm_toezegging")
    op.drop_table("woonvorm_toezegging")
