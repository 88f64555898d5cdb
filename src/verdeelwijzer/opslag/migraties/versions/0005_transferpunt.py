"""Transferpunt: kader, kandidaat, aanbod, ronde, voorstel; the role 'transferpunt'.

Revision ID: 0005_transferpunt
Revises: 0003_auditbescherming
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_transferpunt"
down_revision = "0003_auditbescherming"
branch_labels = None
depends_on = None

TIJD = sa.DateTime(timezone=True)
ROLLEN_OUD = "rol IN ('regio-beheerder', 'gemeente', 'lezer')"
ROLLEN_NIEUW = "rol IN ('regio-beheerder', 'gemeente', 'lezer', 'transferpunt')"


def _rolcontrole() -> str:
    """The real name of the CHECK on `gebruiker.rol`: 0001 named it through the naming convention (which doubled
    the prefix), this migration names it plainly; read it from the database instead of guessing."""
    for c in sa.inspect(op.get_bind()).get_check_constraints("gebruiker"):
        if str(c.get("name") or "").endswith("_rol"):  # PostgreSQL rewrites the text, so match on the name
            return str(c["name"])
    raise RuntimeError("controle op gebruiker.rol niet gevonden")


def _rol(voorwaarde: str) -> None:
    naam = _rolcontrole()
    if op.get_bind().dialect.name != "sqlite":
        # PostgreSQL alters the CHECK in place; rebuilding would fail on the sessions' foreign key (0002).
        op.drop_constraint(op.f(naam), "gebruiker", type_="check")
        op.create_check_constraint(op.f("ck_gebruiker_rol"), "gebruiker", voorwaarde)
        return
    # SQLite cannot alter a CHECK constraint: batch mode rebuilds the table. Dropping the old table with foreign
    # keys on would trip over open sessions (0002), so those end: everyone logs in once after this upgrade.
    op.execute("DELETE FROM sessie")
    with op.batch_alter_table("gebruiker", recreate="always") as b:
        b.drop_constraint(op.f(naam), type_="check")
        b.create_check_constraint(op.f("ck_gebruiker_rol"), voorwaarde)


def upgrade() -> None:
    _rol(ROLLEN_NIEUW)
    op.create_table(
        "transferpunt_kader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(300), nullable=False),
        sa.Column("inhoud", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("bewaartermijn_maanden", sa.Integer(), nullable=False),
        sa.Column("termijn_maanden", sa.Integer(), nullable=False),
        sa.Column("ingelezen_op", TIJD, nullable=False),
        sa.Column("door", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_transferpunt_kader"),
    )
    op.create_table(
        "transferpunt_kandidaat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader_id", sa.Integer(), nullable=False),
        sa.Column("dossier", sa.String(40), nullable=False),
        sa.Column("categorie", sa.String(200), nullable=False),
        sa.Column("herkomstgemeente", sa.String(6), nullable=False),
        sa.Column("inschrijfdatum", sa.Date(), nullable=False),
        sa.Column("urgentiedatum", sa.Date(), nullable=True),
        sa.Column("gegevens", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("aangemaakt_op", TIJD, nullable=False),
        sa.Column("eerste_aanbod_op", sa.Date(), nullable=True),
        sa.Column("gesloten_op", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["kader_id"], ["transferpunt_kader.id"],
                                name="fk_transferpunt_kandidaat_kader_id_transferpunt_kader"),
        sa.PrimaryKeyConstraint("id", name="pk_transferpunt_kandidaat"),
        sa.UniqueConstraint("kader_id", "dossier", name="uq_transferpunt_kandidaat_kader_id"),
    )
    op.create_table(
        "transferpunt_aanbod",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader_id", sa.Integer(), nullable=False),
        sa.Column("aanbodnummer", sa.String(40), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("gegevens", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("aangemaakt_op", TIJD, nullable=False),
        sa.Column("gesloten_op", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["kader_id"], ["transferpunt_kader.id"],
                                name="fk_transferpunt_aanbod_kader_id_transferpunt_kader"),
        sa.PrimaryKeyConstraint("id", name="pk_transferpunt_aanbod"),
        sa.UniqueConstraint("kader_id", "aanbodnummer", name="uq_transferpunt_aanbod_kader_id"),
    )
    op.create_table(
        "transferpunt_ronde",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader_id", sa.Integer(), nullable=False),
        sa.Column("periode", sa.String(40), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("uitkomst", sa.Text(), nullable=False),
        sa.Column("gestart_op", TIJD, nullable=False),
        sa.Column("door", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["kader_id"], ["transferpunt_kader.id"],
                                name="fk_transferpunt_ronde_kader_id_transferpunt_kader"),
        sa.PrimaryKeyConstraint("id", name="pk_transferpunt_ronde"),
    )
    op.create_table(
        "transferpunt_voorstel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("kandidaat_id", sa.Integer(), nullable=False),
        sa.Column("aanbod_id", sa.Integer(), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("categorie", sa.String(200), nullable=False),
        sa.Column("rang", sa.Integer(), nullable=False),
        sa.Column("uitleg", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("besloten_op", TIJD, nullable=True),
        sa.Column("besloten_door", sa.String(200), nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["ronde_id"], ["transferpunt_ronde.id"],
                                name="fk_transferpunt_voorstel_ronde_id_transferpunt_ronde"),
        sa.ForeignKeyConstraint(["kandidaat_id"], ["transferpunt_kandidaat.id"],
                                name="fk_transferpunt_voorstel_kandidaat_id_transferpunt_kandidaat"),
        sa.ForeignKeyConstraint(["aanbod_id"], ["transferpunt_aanbod.id"],
                                name="fk_transferpunt_voorstel_aanbod_id_transferpunt_aanbod"),
        sa.PrimaryKeyConstraint("id", name="pk_transferpunt_voorstel"),
    )


def downgrade() -> None:
    for tabel in ("transferpunt_voorstel", "transferpunt_ronde", "transferpunt_aanbod", "transferpunt_kandidaat",
                  "transferpunt_kader"):
        op.drop_table(tabel)
    op.execute("DELETE FROM gebruiker WHERE rol = 'transferpunt'")
    _rol(ROLLEN_OUD)
