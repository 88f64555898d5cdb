"""Audit protection: the append-only audit log and adopted agreements can also not be overwritten with
SQLite's `INSERT OR REPLACE` (REPLACE deletes the old row; without recursive triggers that delete does not fire
the delete triggers of 0001) nor emptied with PostgreSQL's `TRUNCATE` (which fires no row triggers).

SQLite: BEFORE INSERT triggers refuse a new row that would replace an existing protected one (same id or same
unique key). Verdeelwijzer's own connections also switch on `recursive_triggers` (see `opslag.database`).
PostgreSQL: BEFORE TRUNCATE statement triggers (they also fire for tables reached by TRUNCATE … CASCADE).

Revision ID: 0003_auditbescherming
Revises: 0002_sessies
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0003_auditbescherming"
down_revision = "0002_sessies"
branch_labels = None
depends_on = None

# (table, SQLite condition under which an INSERT would replace a protected row, message)
VERVANGEN = [
    ("auditlog", "EXISTS (SELECT 1 FROM auditlog WHERE id = NEW.id)", "auditlog is alleen aan te vullen"),
    ("afspraakversie",
     "EXISTS (SELECT 1 FROM afspraakversie WHERE vastgesteld_op IS NOT NULL "
     "AND (id = NEW.id OR (regio_id = NEW.regio_id AND sha256 = NEW.sha256)))",
     "vastgestelde afspraakversie is onveranderlijk"),
    ("doel",
     "EXISTS (SELECT 1 FROM doel WHERE id = NEW.id OR (afspraakversie_id = NEW.afspraakversie_id "
     "AND periode_id = NEW.periode_id AND gemeentecode = NEW.gemeentecode AND categorie = NEW.categorie))",
     "doelen van een afspraakversie zijn onveranderlijk"),
]
# (table, PL/pgSQL condition under which TRUNCATE is refused, message)
LEEGMAKEN = [
    ("auditlog", "TRUE", "auditlog is alleen aan te vullen"),
    ("afspraakversie", "EXISTS (SELECT 1 FROM afspraakversie WHERE vastgesteld_op IS NOT NULL)",
     "vastgestelde afspraakversie is onveranderlijk"),
    ("doel", "EXISTS (SELECT 1 FROM doel)", "doelen van een afspraakversie zijn onveranderlijk"),
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for tabel, voorwaarde, melding in VERVANGEN:
            op.execute(f"CREATE TRIGGER bewaak_{tabel}_vervang BEFORE INSERT ON {tabel} FOR EACH ROW "
                       f"WHEN {voorwaarde} BEGIN SELECT RAISE(ABORT, '{melding}'); END")
    elif dialect == "postgresql":
        for tabel, voorwaarde, melding in LEEGMAKEN:
            naam = f"bewaak_{tabel}_truncate"
            op.execute(f"CREATE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS "
                       f"$$ BEGIN IF {voorwaarde} THEN RAISE EXCEPTION '{melding}'; END IF; RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER {naam} BEFORE TRUNCATE ON {tabel} FOR EACH STATEMENT "
                       f"EXECUTE FUNCTION {naam}()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for tabel, _, _ in VERVANGEN:
            op.execute(f"DROP TRIGGER IF EXISTS bewaak_{tabel}_vervang")
    elif dialect == "postgresql":
        for tabel, _, _ in LEEGMAKEN:
            op.execute(f"DROP TRIGGER IF EXISTS bewaak_{tabel}_truncate ON {tabel}")
            op.execute(f"DROP FUNCTION IF EXISTS bewaak_{tabel}_truncate()")
