"""Opening the database: URL resolution, engine, migrations (Alembic, shipped in the package), sessions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout

OMGEVING = "VERDEELWIJZER_DB"
MIGRATIES = Path(__file__).resolve().parent / "migraties"
# PostgreSQL advisory-lock key that serialises writers of the audit log (any fixed 64-bit number; "VW-AUDIT").
AUDIT_SLOT = 0x56572D4155444954
# Seconds a SQLite writer waits for another writer before giving up (imports are short; 5 s was too tight
# for ten at once on a busy machine).
SQLITE_WACHTTIJD = 60


class DatabaseFout(VerdeelwijzerFout):
    """The database cannot be reached, opened or migrated."""


def standaard_pad() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("verdeelwijzer")) / "verdeelwijzer.sqlite"


def database_url(optie: str | None = None) -> str:
    """The URL to use: `--db` option, else env VERDEELWIJZER_DB, else a SQLite file in the user's data folder.

    A plain path (no '://') means a SQLite file; 'postgresql://' and 'postgres://' use psycopg 3.
    """
    tekst = (optie or os.environ.get(OMGEVING) or "").strip()
    if not tekst:
        pad = standaard_pad()
        pad.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{pad}"
    if "://" not in tekst:
        return f"sqlite:///{Path(tekst).expanduser().resolve()}"
    for voorvoegsel in ("postgresql://", "postgres://"):
        if tekst.startswith(voorvoegsel):
            return "postgresql+psycopg://" + tekst[len(voorvoegsel):]
    return tekst


def toon_url(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def maak_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, **({"connect_args": {"timeout": SQLITE_WACHTTIJD}}
                                       if url.startswith("sqlite") else {}))
    except (ArgumentError, NoSuchModuleError) as e:
        raise InvoerFout(f"Ongeldige database-URL '{toon_url(url)}': {e}. Voorbeelden: "
                         "'sqlite:///pad/naar/monitoring.sqlite' of 'postgresql+psycopg://gebruiker@host/db'.") from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_verbinding, _record) -> None:
    cursor = dbapi_verbinding.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # REPLACE deletes the old row first; with recursive triggers that delete fires the append-only triggers.
    cursor.execute("PRAGMA recursive_triggers = ON")
    cursor.close()


def _sqlite_begin(verbinding) -> None:
    # A writing session takes SQLite's write lock at its start, so "read the last state → append" is atomic.
    # Other transactions keep the driver's own behaviour (BEGIN just before the first write), so readers never
    # hold a lock that a writer must wait for.
    if verbinding.get_execution_options().get("verdeelwijzer_schrijven", False):
        verbinding.exec_driver_sql("BEGIN IMMEDIATE")


def _koppen() -> set[str]:
    """The newest revision(s) of the shipped migrations, read from the files without importing Alembic."""
    import re

    revisies: set[str] = set()
    eerdere: set[str] = set()
    for pad in (MIGRATIES / "versions").glob("*.py"):
        tekst = pad.read_text(encoding="utf-8")
        if m := re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", tekst, re.M):
            revisies.add(m.group(1))
        if m := re.search(r"^down_revision\s*=\s*(.+)$", tekst, re.M):
            eerdere.update(re.findall(r"['\"]([^'\"]+)['\"]", m.group(1)))
    return revisies - eerdere


def _schema_actueel(engine: Engine) -> bool:
    """True when the database is already at the newest revision (then Alembic, slow to import, is not needed)."""
    try:
        with engine.connect() as verbinding:
            versies = {r[0] for r in verbinding.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except SQLAlchemyError:
        return False
    koppen = _koppen()
    return bool(koppen) and versies == koppen


def migreer(engine: Engine) -> None:
    """Bring the schema to the newest revision (alembic upgrade head, Config built in code)."""
    if _schema_actueel(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    with engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        command.upgrade(config, "head")


def neem_schrijfslot(sessie: Session) -> None:
    """Serialise audit-log writers until this transaction ends (PostgreSQL; re-entrant within a transaction).

    On SQLite the writer lock is taken by `BEGIN IMMEDIATE` (see `Database.sessie(schrijven=True)`); a plain
    SQLite transaction gets it at its first write, which SQLite already serialises.
    """
    if sessie.get_bind().dialect.name == "postgresql":
        sessie.execute(text("SELECT pg_advisory_xact_lock(:slot)"), {"slot": AUDIT_SLOT})


# Messages of the database triggers that guard immutable rows (migrations 0001 and 0003).
_BEWAKINGSMELDINGEN = ("auditlog is alleen aan te vullen", "vastgestelde afspraakversie is onveranderlijk",
                       "doelen van een afspraakversie zijn onveranderlijk")


def _weigering(fout: BaseException) -> str | None:
    """The reason when `fout` is a refused change to an immutable row (by the ORM guard or a trigger)."""
    from verdeelwijzer.opslag.modellen import OnveranderlijkFout

    if isinstance(fout, OnveranderlijkFout):
        return str(fout)
    if isinstance(fout, SQLAlchemyError):
        tekst = str(getattr(fout, "orig", None) or fout)
        for melding in _BEWAKINGSMELDINGEN:
            if melding in tekst:
                return f"Geweigerd door de database: {melding}."
    return None


@dataclass
class Database:
    """An open, migrated database. Use `with db.sessie() as s:` — one transaction, rolled back on error."""

    url: str
    engine: Engine

    def __post_init__(self) -> None:
        self._maker = sessionmaker(self.engine, expire_on_commit=False)
        self._schrijfmaker = sessionmaker(self.engine.execution_options(verdeelwijzer_schrijven=True),
                                          expire_on_commit=False)

    @contextmanager
    def sessie(self, *, schrijven: bool = False, door: str | None = None) -> Iterator[Session]:
        """One transaction, committed on success and rolled back on any error.

        `schrijven=True`: the transaction first takes the database's writer lock (SQLite `BEGIN IMMEDIATE`,
        PostgreSQL the audit advisory lock), so reads that decide what is appended to the audit log see every
        earlier writer and no concurrent writer interleaves (imports use it).
        `door`: who acts; an attempt to change what may not change (audit log, adopted agreement) is then, after
        the rollback, recorded in the audit log as 'geweigerd' with that actor, and the error re-raised.
        """
        sessie = (self._schrijfmaker if schrijven else self._maker)()
        try:
            with sessie.begin():
                if schrijven:
                    neem_schrijfslot(sessie)
                yield sessie
        except Exception as fout:
            reden = _weigering(fout)
            if door is not None and reden is not None:
                self._leg_weigering_vast(door, reden)
            raise
        finally:
            sessie.close()

    def _leg_weigering_vast(self, door: str, reden: str) -> None:
        from verdeelwijzer.opslag.audit import schrijf_audit

        with self.sessie(schrijven=True) as s:
            schrijf_audit(s, wie=door, actie="geweigerd", onderwerp=reden)

    def tabellen(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    def sluit(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migreren: bool = True) -> Database:
    """Open (and by default migrate) the database at `url` (see `database_url`)."""
    volledig = database_url(url)
    engine = maak_engine(volledig)
    try:
        if migreren:
            migreer(engine)
        else:
            with engine.connect():
                pass
    except SQLAlchemyError as e:
        engine.dispose()
        reden = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise DatabaseFout(f"De database '{toon_url(volledig)}' is niet te openen: {reden}") from e
    return Database(volledig, engine)
