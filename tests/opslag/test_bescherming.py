"""Integrity under attack and under load, on SQLite and PostgreSQL: concurrent imports keep the audit log's
chain per cell unbroken and report a duplicate as "al ingelezen"; the audit log and adopted agreements cannot
be overwritten with INSERT OR REPLACE (SQLite) or emptied with TRUNCATE (PostgreSQL); refused attempts made
through the application are logged with the actor."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from verdeelwijzer.opslag import OnveranderlijkFout, lees_audit
from verdeelwijzer.opslag.importeren import importeer
from verdeelwijzer.opslag.modellen import Afspraakversie, Realisatie
from verdeelwijzer.opslag.testhulp import dump

PARALLEL = 10


def _cel_bestand(map: Path, i: int, aantal: int) -> Path:
    pad = map / f"instroom_{i}.csv"
    pad.write_text(f"periode,gemeentecode,categorie,instroom,opmerking\n2027,GM0392,uitstromers,{aantal},poging {i}\n",
                   encoding="utf-8")
    return pad


def _tegelijk(regio_db, paden: list[Path], gegevens, namen) -> list[object]:
    """Import all paths at once (threads released together); return each report or the exception raised."""
    start = threading.Barrier(len(paden))

    def een(pad: Path) -> object:
        start.wait()
        try:
            return importeer(regio_db, pad, door=f"gebruiker {pad.stem}", zoeker=gegevens.zoeker, namen=namen)
        except Exception as e:  # collected: the test asserts there are none
            return e

    with ThreadPoolExecutor(len(paden)) as pool:
        return list(pool.map(een, paden))


def test_gelijktijdige_importen_van_een_cel_houden_de_keten_heel(regio_db, gegevens, namen, tmp_path):
    aantallen = [3 * i + 1 for i in range(PARALLEL)]  # all different: every later import replaces the figure
    paden = [_cel_bestand(tmp_path, i, a) for i, a in enumerate(aantallen)]
    waarde_van = {hashlib.sha256(p.read_bytes()).hexdigest(): a for p, a in zip(paden, aantallen, strict=True)}

    uitkomsten = _tegelijk(regio_db, paden, gegevens, namen)
    assert not [u for u in uitkomsten if isinstance(u, Exception)], uitkomsten
    assert all(u.ingelezen for u in uitkomsten)

    with regio_db.sessie() as s:
        regels = [r for r in lees_audit(s) if r.actie in ("import", "cijfers vervangen")]
        [opgeslagen] = s.scalars(select(Realisatie.aantal).where(Realisatie.gemeentecode == "GM0392")).all()
    # The chain: imports in audit order; each but the first is preceded by its replacement entry, whose old
    # value is the previous import's figure and whose new value is its own.
    vorige = None
    imports = 0
    for i, regel in enumerate(regels):
        if regel.actie != "import":
            continue
        imports += 1
        eigen = waarde_van[json.loads(regel.nieuw)["sha256"]]
        if vorige is None:
            assert json.loads(regel.nieuw)["vervangen"] == 0
        else:
            vervanging = regels[i - 1]
            assert vervanging.actie == "cijfers vervangen", f"import {imports} zonder vervanging ervoor"
            assert json.loads(vervanging.oud) == {"uitstromers": vorige}, f"keten breekt bij import {imports}"
            assert json.loads(vervanging.nieuw) == {"uitstromers": eigen}
        vorige = eigen
    assert imports == PARALLEL
    assert sum(r.actie == "cijfers vervangen" for r in regels) == PARALLEL - 1
    assert opgeslagen == vorige


def test_hetzelfde_bestand_tegelijk_is_een_keer_ingelezen(regio_db, gegevens, namen, tmp_path):
    paden = []
    for i in range(PARALLEL):  # identical content under different names: one file as far as the sha256 goes
        pad = tmp_path / f"kopie_{i}.csv"
        pad.write_text("periode,gemeentecode,categorie,instroom\n2027,GM0392,uitstromers,7\n", encoding="utf-8")
        paden.append(pad)

    uitkomsten = _tegelijk(regio_db, paden, gegevens, namen)
    assert not [u for u in uitkomsten if isinstance(u, Exception)], uitkomsten
    assert sum(u.ingelezen for u in uitkomsten) == 1
    for u in uitkomsten:
        if not u.ingelezen:
            assert "al ingelezen" in u.berichten[0] and "niets gewijzigd" in u.berichten[0]
    with regio_db.sessie() as s:
        assert sum(r.actie == "import" for r in lees_audit(s)) == 1
        assert s.scalars(select(Realisatie.aantal)).all() == [7]


def _nieuwe_audit(regio_db) -> None:
    with regio_db.sessie() as s:
        from verdeelwijzer.opslag import schrijf_audit

        schrijf_audit(s, wie="a", actie="test", onderwerp="x", oud={"n": 1}, nieuw={"n": 2})


VERVANG_SQL = [
    "INSERT OR REPLACE INTO auditlog (id, wanneer, wie, actie, onderwerp) "
    "SELECT id, wanneer, 'aanvaller', actie, 'overschreven' FROM auditlog",
    "REPLACE INTO auditlog (id, wanneer, wie, actie, onderwerp) VALUES (1, '2020-01-01', 'aanvaller', 'x', 'y')",
    "INSERT OR REPLACE INTO afspraakversie SELECT id, regio_id, naam, 'vervalst', sha256, besluit, mutatiegrens, "
    "vereffening_tarief, categorieen, vastgesteld_op, aangemaakt_op, door FROM afspraakversie",
    "INSERT OR REPLACE INTO afspraakversie (regio_id, naam, inhoud, sha256, categorieen, aangemaakt_op, door) "
    "SELECT regio_id, naam, 'vervalst', sha256, categorieen, aangemaakt_op, 'aanvaller' FROM afspraakversie",
    "INSERT OR REPLACE INTO doel (afspraakversie_id, periode_id, gemeentecode, categorie, aantal) "
    "SELECT afspraakversie_id, periode_id, gemeentecode, categorie, 0 FROM doel",
]


@pytest.mark.parametrize("sql", VERVANG_SQL)
def test_sqlite_insert_or_replace_wordt_geweigerd(regio_db, sql):
    if regio_db.engine.dialect.name != "sqlite":
        pytest.skip("INSERT OR REPLACE bestaat alleen in SQLite")
    _nieuwe_audit(regio_db)
    voor = dump(regio_db)
    with pytest.raises(DBAPIError), regio_db.engine.begin() as c:  # through Verdeelwijzer's own connections
        c.execute(text(sql))
    # A bare connection (e.g. the sqlite3 shell), without Verdeelwijzer's recursive_triggers pragma.
    verbinding = sqlite3.connect(regio_db.engine.url.database)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            verbinding.execute(sql)
        verbinding.rollback()
    finally:
        verbinding.close()
    assert dump(regio_db) == voor


@pytest.mark.parametrize("sql", ["TRUNCATE auditlog", "TRUNCATE auditlog RESTART IDENTITY CASCADE",
                                 "TRUNCATE regio CASCADE", "TRUNCATE afspraakversie CASCADE", "TRUNCATE doel"])
def test_postgresql_truncate_wordt_geweigerd(regio_db, sql):
    if regio_db.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE: PostgreSQL (SQLite kent geen TRUNCATE; DELETE vuurt daar de triggers af)")
    _nieuwe_audit(regio_db)
    voor = dump(regio_db)
    with pytest.raises(DBAPIError), regio_db.engine.begin() as c:
        c.execute(text(sql))
    assert dump(regio_db) == voor


def test_truncate_van_lege_onbeschermde_tabellen_mag(db):
    """The TRUNCATE guard of doel/afspraakversie only refuses when there is something to protect."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE: PostgreSQL")
    with db.engine.begin() as c:
        c.execute(text("TRUNCATE doel"))


def test_geweigerde_poging_staat_met_de_echte_gebruiker_in_het_auditlog(regio_db):
    with regio_db.sessie() as s:
        voor = len(lees_audit(s))
    with pytest.raises(OnveranderlijkFout), regio_db.sessie(door="mallory") as s:
        s.scalars(select(Afspraakversie)).one().inhoud = "gewijzigd"
    with pytest.raises(DBAPIError), regio_db.sessie(door="trudy") as s:
        s.execute(text("DELETE FROM auditlog"))
    with regio_db.sessie() as s:
        regels = lees_audit(s)
        versie = s.scalars(select(Afspraakversie)).one()
    assert versie.inhoud == "naam: testafspraak\n"
    nieuw = regels[voor:]
    assert [(r.actie, r.wie) for r in nieuw] == [("geweigerd", "mallory"), ("geweigerd", "trudy")]
    assert "vastgesteld" in nieuw[0].onderwerp and "auditlog is alleen aan te vullen" in nieuw[1].onderwerp


def test_database_op_een_oudere_revisie_krijgt_de_bescherming_bij_openen(tmp_path):
    """Opening skips Alembic only when the database is at the newest revision; an older one is upgraded."""
    from alembic import command
    from alembic.config import Config

    from verdeelwijzer.opslag import open_database
    from verdeelwijzer.opslag.database import MIGRATIES, _koppen

    url = f"sqlite:///{tmp_path / 'oud.sqlite'}"
    db = open_database(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    with db.engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        command.downgrade(config, "0001")
    db.sluit()
    db = open_database(url)
    try:
        with db.engine.connect() as c:
            versies = {r[0] for r in c.execute(text("SELECT version_num FROM alembic_version"))}
            triggers = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        assert versies == _koppen() and "bewaak_auditlog_vervang" in triggers
    finally:
        db.sluit()
