"""Persistence: SQLite by default (a file in the user's data folder), PostgreSQL by URL for shared use.

Opening::

    from verdeelwijzer.opslag import open_database
    db = open_database(url)            # url: --db value, else env VERDEELWIJZER_DB, else the default file;
                                       # a plain path is a SQLite file; postgresql://… uses psycopg 3.
    with db.sessie() as s:             # one transaction: committed on success, rolled back on any error
        ...
    with db.sessie(schrijven=True, door=wie) as s:  # takes the writer lock first (imports); a refused change
        ...                                         # to an immutable row is logged as 'geweigerd' by `wie`

The schema is created and upgraded by Alembic migrations shipped in `opslag/migraties` (run by
`open_database`; no alembic.ini needed). Tables: regio, afspraakversie, periode, doel, importbestand,
realisatie, verhuringen, bouw, auditlog, gebruiker, sessie, and for woonvormen woonvorm_toezegging and
woonvorm_realisatie (`opslag.toezeggingen`: pledges entered on the web page, realised places; audited) (see
`opslag.modellen`).

Users (for the web application), in `opslag.gebruikers`:

- ``maak_gebruiker(s, gebruikersnaam, wachtwoord, rol, gemeentecode=None, *, door) -> Gebruiker`` —
  rol is one of ``ROLLEN`` = regio-beheerder | gemeente | lezer; rol gemeente needs a gemeentecode
  (and only that role has one). Password hashed with scrypt; the creation is audited. InvoerFout on a
  taken name, bad role, a password shorter than 8 characters or one on the common-password list
  (``controleer_wachtwoordkeuze``).
- ``zoek_gebruiker(s, gebruikersnaam) -> Gebruiker | None``
- ``controleer_login(s, gebruikersnaam, wachtwoord) -> Gebruiker | None`` — active user with this
  password, else None (constant work for unknown names).
- ``inloggen(db, gebruikersnaam, wachtwoord) -> Gebruiker | None`` — the same, without holding a session
  while hashing (the web uses this).
- ``wijzig_wachtwoord(db, gebruikersnaam, nieuw, *, door, huidig=None)`` — checked, audited, ends all sessions.
- ``start_sessie``/``gebruiker_van_sessie``/``beeindig_sessie``/``beeindig_sessies`` — server-side web sessions.
- ``hash_wachtwoord(w) -> str``, ``wachtwoord_klopt(w, opgeslagen) -> bool`` (at most ``HASH_GELIJKTIJDIG`` at once).

Audit log (append-only; no update/delete API, and the ORM and database triggers refuse both), in
`opslag.audit`:

- ``schrijf_audit(s, *, wie, actie, onderwerp, oud=None, nieuw=None, regio_id=None) -> Auditregel`` —
  oud/nieuw are any JSON-serialisable values; the entry joins the caller's transaction (on PostgreSQL it
  takes the audit advisory lock until that transaction ends, so entries are numbered in commit order).
  ``maak_auditregel(...)`` + ``schrijf_auditregels(s, regels)`` append many in one flush.
- ``lees_audit(s, *, regio_id=None, limiet=None) -> list[Auditregel]`` (oldest first), ``als_dict(regel)``.
- ``huidige_gebruiker()`` — who acts on the command line (env VERDEELWIJZER_GEBRUIKER or login name).

Agreements and figures: `opslag.afspraken` (``leg_afspraak_vast``, ``kies_regio``, ``huidige_afspraak``,
``laad_monitoring``) and `opslag.importeren` (``importeer``: all-or-nothing import of a realised-figure file).
Adopted agreement versions and their targets are immutable (ORM guard + triggers).
"""

from verdeelwijzer.opslag.audit import als_dict, huidige_gebruiker, lees_audit, schrijf_audit
from verdeelwijzer.opslag.database import Database, DatabaseFout, database_url, open_database
from verdeelwijzer.opslag.gebruikers import (
    controleer_login,
    hash_wachtwoord,
    maak_gebruiker,
    wachtwoord_klopt,
    zoek_gebruiker,
)
from verdeelwijzer.opslag.modellen import ROLLEN, OnveranderlijkFout

__all__ = [
    "ROLLEN", "Database", "DatabaseFout", "OnveranderlijkFout", "als_dict", "controleer_login", "database_url",
    "hash_wachtwoord", "huidige_gebruiker", "lees_audit", "maak_gebruiker", "open_database", "schrijf_audit",
    "wachtwoord_klopt", "zoek_gebruiker",
]
