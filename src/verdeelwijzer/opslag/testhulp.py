"""Helpers for tests (also for other packages' tests): throw-away databases on SQLite and PostgreSQL, and
a full dump of a database to compare before and after.

PostgreSQL: URL from env VERDEELWIJZER_TEST_PG (default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``);
every temporary database is a fresh schema (selected through the connection's search_path), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, text

from verdeelwijzer.opslag.database import Database

PG_OMGEVING = "VERDEELWIJZER_TEST_PG"
PG_STANDAARD = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_basis_url() -> str:
    return os.environ.get(PG_OMGEVING, PG_STANDAARD)


def pg_bereikbaar() -> str | None:
    """None when the test server answers, else the reason (for pytest.skip)."""
    try:
        engine = create_engine(pg_basis_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as c:
            c.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as e:  # any failure means: skip, with the reason
        return f"PostgreSQL niet bereikbaar op {pg_basis_url()} ({type(e).__name__}: {str(e).splitlines()[0]})"


@contextmanager
def tijdelijke_url(soort: str, map: Path) -> Iterator[str]:
    """A URL to an empty database: `soort` is 'sqlite' (a file in `map`) or 'postgresql' (a new schema)."""
    if soort == "sqlite":
        yield f"sqlite:///{map / f'vw_{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    schema = f"vw_test_{uuid.uuid4().hex[:12]}"
    basis = pg_basis_url()
    engine = create_engine(basis)
    with engine.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    scheiding = "&" if "?" in basis else "?"
    try:
        yield f"{basis}{scheiding}options={quote(f'-csearch_path={schema}')}"
    finally:
        with engine.begin() as c:
            c.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (sorted), for comparing a database before and after an operation."""
    from sqlalchemy import MetaData

    meta = MetaData()
    meta.reflect(db.engine)
    uit: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as c:
        for naam, tabel in sorted(meta.tables.items()):
            uit[naam] = sorted((tuple(r) for r in c.execute(tabel.select())), key=repr)
    return uit


def voorbeeldafspraak(tekst: str = "naam: testafspraak\n", *, tarief: str | None = "10000") -> Any:
    """A small fictitious agreement for Zuid-Kennemerland/IJmond (7 gemeenten): periods 2027 and 2028,
    categories 'uitstromers' and 'medisch urgent', target 10 + i per gemeente i; mutatiegrens 3/10."""
    from datetime import date
    from fractions import Fraction

    from verdeelwijzer.monitoring.model import AfspraakInvoer, Doel, Periode

    codes = ("GM0375", "GM0377", "GM0392", "GM0396", "GM0397", "GM0453", "GM0473")
    perioden = (Periode("2027", date(2027, 1, 1), date(2027, 12, 31)),
                Periode("2028", date(2028, 1, 1), date(2028, 12, 31)))
    doelen = tuple(Doel(c, cat, p.code, 10 + i) for i, c in enumerate(codes)
                   for cat in ("uitstromers", "medisch urgent") for p in perioden)
    return AfspraakInvoer(
        naam="Testafspraak (fictief)", regio_naam="Zuid-Kennemerland/IJmond", gemeenten=codes, bron_tekst=tekst,
        perioden=perioden, doelen=doelen, besluit="Testbesluit (fictief)", mutatiegrens=Fraction(3, 10),
        vereffening_tarief=Fraction(tarief) if tarief else None, categorieen=("uitstromers", "medisch urgent"),
    )
