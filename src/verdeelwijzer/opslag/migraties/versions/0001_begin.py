"""Begin: regio, afspraakversie, periode, doel, importbestand, realisatie, verhuringen, bouw, auditlog,
gebruiker; triggers that keep the audit log append-only and adopted agreements immutable.

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIJD = sa.DateTime(timezone=True)

# (table, condition under which UPDATE/DELETE is refused, message)
BEWAKING = [
    ("auditlog", None, "auditlog is alleen aan te vullen"),
    ("afspraakversie", "OLD.vastgesteld_op IS NOT NULL", "vastgestelde afspraakversie is onveranderlijk"),
    ("doel", None, "doelen van een afspraakversie zijn onveranderlijk"),
]


def upgrade() -> None:
    op.create_table(
        "regio",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("gemeentecodes", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", TIJD, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_regio"),
        sa.UniqueConstraint("naam", name="uq_regio_naam"),
    )
    op.create_table(
        "afspraakversie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(300), nullable=False),
        sa.Column("inhoud", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("besluit", sa.Text(), nullable=True),
        sa.Column("mutatiegrens", sa.String(60), nullable=True),
        sa.Column("vereffening_tarief", sa.String(60), nullable=True),
        sa.Column("categorieen", sa.Text(), nullable=False),
        sa.Column("vastgesteld_op", TIJD, nullable=True),
        sa.Column("aangemaakt_op", TIJD, nullable=False),
        sa.Column("door", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], name="fk_afspraakversie_regio_id_regio"),
        sa.PrimaryKeyConstraint("id", name="pk_afspraakversie"),
        sa.UniqueConstraint("regio_id", "sha256", name="uq_afspraakversie_regio_id"),
    )
    op.create_table(
        "periode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("begin", sa.Date(), nullable=False),
        sa.Column("eind", sa.Date(), nullable=False),
        sa.CheckConstraint("eind >= begin", name="ck_periode_volgorde"),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], name="fk_periode_regio_id_regio"),
        sa.PrimaryKeyConstraint("id", name="pk_periode"),
        sa.UniqueConstraint("regio_id", "code", name="uq_periode_regio_id"),
    )
    op.create_table(
        "doel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("afspraakversie_id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("categorie", sa.String(200), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["afspraakversie_id"], ["afspraakversie.id"],
                                name="fk_doel_afspraakversie_id_afspraakversie"),
        sa.ForeignKeyConstraint(["periode_id"], ["periode.id"], name="fk_doel_periode_id_periode"),
        sa.PrimaryKeyConstraint("id", name="pk_doel"),
        sa.UniqueConstraint("afspraakversie_id", "periode_id", "gemeentecode", "categorie",
                            name="uq_doel_afspraakversie_id"),
    )
    op.create_table(
        "importbestand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("bestandsnaam", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("soort", sa.String(40), nullable=False),
        sa.Column("ingelezen_op", TIJD, nullable=False),
        sa.Column("door", sa.String(200), nullable=False),
        sa.Column("aantal_rijen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], name="fk_importbestand_regio_id_regio"),
        sa.PrimaryKeyConstraint("id", name="pk_importbestand"),
        sa.UniqueConstraint("regio_id", "sha256", name="uq_importbestand_regio_id"),
    )
    for tabel, sleutel in (("realisatie", "categorie"), ("verhuringen", None), ("bouw", "segment")):
        kolommen = [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("periode_id", sa.Integer(), nullable=False),
            sa.Column("gemeentecode", sa.String(6), nullable=False),
        ]
        if sleutel:
            kolommen.append(sa.Column(sleutel, sa.String(200 if sleutel == "categorie" else 60), nullable=False))
        uniek = ["periode_id", "gemeentecode"] + ([sleutel] if sleutel else [])
        op.create_table(
            tabel,
            *kolommen,
            sa.Column("aantal", sa.Integer(), nullable=False),
            sa.Column("importbestand_id", sa.Integer(), nullable=False),
            sa.CheckConstraint("aantal >= 0", name=f"ck_{tabel}_niet_negatief"),
            sa.ForeignKeyConstraint(["importbestand_id"], ["importbestand.id"],
                                    name=f"fk_{tabel}_importbestand_id_importbestand"),
            sa.ForeignKeyConstraint(["periode_id"], ["periode.id"], name=f"fk_{tabel}_periode_id_periode"),
            sa.PrimaryKeyConstraint("id", name=f"pk_{tabel}"),
            sa.UniqueConstraint(*uniek, name=f"uq_{tabel}_periode_id"),
        )
    op.create_table(
        "auditlog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wanneer", TIJD, nullable=False),
        sa.Column("wie", sa.String(200), nullable=False),
        sa.Column("actie", sa.String(60), nullable=False),
        sa.Column("onderwerp", sa.Text(), nullable=False),
        sa.Column("oud", sa.Text(), nullable=True),
        sa.Column("nieuw", sa.Text(), nullable=True),
        sa.Column("regio_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], name="fk_auditlog_regio_id_regio"),
        sa.PrimaryKeyConstraint("id", name="pk_auditlog"),
    )
    op.create_table(
        "gebruiker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruikersnaam", sa.String(200), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(500), nullable=False),
        sa.Column("rol", sa.String(40), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", TIJD, nullable=False),
        sa.CheckConstraint("rol IN ('regio-beheerder', 'gemeente', 'lezer')", name="ck_gebruiker_rol"),
        sa.CheckConstraint("rol <> 'gemeente' OR gemeentecode IS NOT NULL", name="ck_gebruiker_gemeente_heeft_code"),
        sa.PrimaryKeyConstraint("id", name="pk_gebruiker"),
        sa.UniqueConstraint("gebruikersnaam", name="uq_gebruiker_gebruikersnaam"),
    )
    _triggers()


def _triggers() -> None:
    dialect = op.get_bind().dialect.name
    for tabel, voorwaarde, melding in BEWAKING:
        for handeling in ("UPDATE", "DELETE"):
            naam = f"bewaak_{tabel}_{handeling.lower()}"
            if dialect == "sqlite":
                when = f" WHEN {voorwaarde}" if voorwaarde else ""
                op.execute(f"CREATE TRIGGER {naam} BEFORE {handeling} ON {tabel} FOR EACH ROW{when} "
                           f"BEGIN SELECT RAISE(ABORT, '{melding}'); END")
            elif dialect == "postgresql":
                when = f" WHEN ({voorwaarde})" if voorwaarde else ""
                op.execute(f"CREATE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS "
                           f"$$ BEGIN RAISE EXCEPTION '{melding}'; END $$")
                op.execute(f"CREATE TRIGGER {naam} BEFORE {handeling} ON {tabel} FOR EACH ROW{when} "
                           f"EXECUTE FUNCTION {naam}()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for tabel, _, _ in BEWAKING:
        for handeling in ("update", "delete"):
            naam = f"bewaak_{tabel}_{handeling}"
            if dialect == "postgresql":
                op.execute(f"DROP TRIGGER IF EXISTS {naam} ON {tabel}")
                op.execute(f"DROP FUNCTION IF EXISTS {naam}()")
            elif dialect == "sqlite":
                op.execute(f"DROP TRIGGER IF EXISTS {naam}")
    for tabel in ("gebruiker", "auditlog", "bouw", "verhuringen", "realisatie", "importbestand", "doel",
                  "periode", "afspraakversie", "regio"):
        op.drop_table(tabel)
