"""Opening the database: URL resolution, engine, migrations (Alembic, shipped in the package), sessions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout

OMGEVING = "VERDEELWIJZER_DB"
MIGRATIES = Path(__file__).resolve().parent / "migraties"


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
        engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError) as e:
        raise InvoerFout(f"Ongeldige database-URL '{toon_url(url)}': {e}. Voorbeelden: "
                         "'sqlite:///pad/naar/monitoring.sqlite' of 'postgresql+psycopg://gebruiker@host/db'.") from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_verbinding, _record) -> None:
    cursor = dbapi_verbinding.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def migreer(engine: Engine) -> None:
    """Bring the schema to the newest revision (alembic upgrade head, Config built in code)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    with engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        command.upgrade(config, "head")


@dataclass
class Database:
    """An open, migrated database. Use `with db.sessie() as s:` — one transaction, rolled back on error."""

    url: str
    engine: Engine

    def __post_init__(self) -> None:
        self._maker = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def sessie(self) -> Iterator[Session]:
        sessie = self._maker()
        try:
            with sessie.begin():
                yield sessie
        finally:
            sessie.close()

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
