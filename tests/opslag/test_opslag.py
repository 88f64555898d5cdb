"""Storage on SQLite and PostgreSQL: migrations, agreements (immutable once adopted), audit (append-only),
users."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.opslag import (
    OnveranderlijkFout,
    controleer_login,
    database_url,
    lees_audit,
    maak_gebruiker,
    open_database,
    schrijf_audit,
    zoek_gebruiker,
)
from verdeelwijzer.opslag.afspraken import huidige_afspraak, kies_regio, laad_monitoring, leg_afspraak_vast
from verdeelwijzer.opslag.database import DatabaseFout
from verdeelwijzer.opslag.modellen import Afspraakversie, Auditregel, Basis, Doel
from verdeelwijzer.opslag.testhulp import dump, voorbeeldafspraak


def test_migraties_komen_overeen_met_de_modellen(db):
    with db.engine.connect() as c:
        verschillen = compare_metadata(MigrationContext.configure(c), Basis.metadata)
    assert verschillen == []


def test_opnieuw_openen_migreert_niets_en_behoudt_inhoud(regio_db):
    voor = dump(regio_db)
    open_database(regio_db.url).sluit()
    assert dump(regio_db) == voor


def test_afspraak_vastleggen_en_teruglezen(regio_db):
    with regio_db.sessie() as s:
        regio = kies_regio(s)
        versie = huidige_afspraak(s, regio)
        invoer = laad_monitoring(s, regio, versie)
        assert versie.vastgesteld_op is not None and versie.besluit == "Testbesluit (fictief)"
        assert len(versie.sha256) == 64 and versie.inhoud == "naam: testafspraak\n"
    assert len(invoer.doelen) == 28 and [p.code for p in invoer.perioden] == ["2027", "2028"]
    assert str(invoer.mutatiegrens) == "3/10" and invoer.vereffening_tarief == 10000


def test_zelfde_afspraak_opnieuw_is_geen_wijziging(regio_db):
    voor = dump(regio_db)
    with regio_db.sessie() as s:
        uitkomst = leg_afspraak_vast(s, voorbeeldafspraak(), door="ander")
    assert not uitkomst.nieuw and "al vastgelegd" in uitkomst.berichten[0]
    assert dump(regio_db) == voor


def test_nieuwe_versie_wordt_de_huidige_en_de_oude_blijft(regio_db):
    with regio_db.sessie() as s:
        nieuw = leg_afspraak_vast(s, voorbeeldafspraak("naam: versie 2\n"), door="test")
        assert nieuw.nieuw
    with regio_db.sessie() as s:
        assert huidige_afspraak(s, kies_regio(s)).inhoud == "naam: versie 2\n"
        assert len(list(s.scalars(select(Afspraakversie)))) == 2


def test_vastgestelde_afspraak_is_onveranderlijk_in_code(regio_db):
    with pytest.raises(OnveranderlijkFout, match="vastgesteld"), regio_db.sessie() as s:
        s.scalars(select(Afspraakversie)).one().inhoud = "gewijzigd"
    with pytest.raises(OnveranderlijkFout), regio_db.sessie() as s:
        s.delete(s.scalars(select(Afspraakversie)).one())
    with pytest.raises(OnveranderlijkFout), regio_db.sessie() as s:
        s.scalars(select(Doel)).first().aantal = 0


@pytest.mark.parametrize("sql", [
    "UPDATE afspraakversie SET inhoud = 'x'", "DELETE FROM afspraakversie",
    "UPDATE doel SET aantal = 0", "DELETE FROM doel",
])
def test_vastgestelde_afspraak_is_onveranderlijk_in_de_database(regio_db, sql):
    voor = dump(regio_db)
    with pytest.raises(DBAPIError), regio_db.engine.begin() as c:
        c.execute(text(sql))
    assert dump(regio_db) == voor


def test_auditlog_is_alleen_aan_te_vullen(regio_db):
    with regio_db.sessie() as s:
        schrijf_audit(s, wie="a", actie="test", onderwerp="x", oud={"n": 1}, nieuw={"n": 2})
    voor = dump(regio_db)
    with pytest.raises(OnveranderlijkFout), regio_db.sessie() as s:
        s.scalars(select(Auditregel)).first().wie = "iemand anders"
    with pytest.raises(OnveranderlijkFout), regio_db.sessie() as s:
        s.delete(s.scalars(select(Auditregel)).first())
    for sql in ("UPDATE auditlog SET wie = 'x'", "DELETE FROM auditlog"):
        with pytest.raises(DBAPIError), regio_db.engine.begin() as c:
            c.execute(text(sql))
    assert dump(regio_db) == voor
    with regio_db.sessie() as s:
        regels = lees_audit(s)
        assert [r.actie for r in regels][-1] == "test" and regels[-1].oud == '{"n": 1}'
    import verdeelwijzer.opslag.audit as audit

    assert not [n for n in dir(audit) if n.startswith(("wijzig", "verwijder", "update", "delete"))]


def test_gebruikers(db):
    with db.sessie() as s:
        g = maak_gebruiker(s, "delft", "delfts-blauw-7", "gemeente", "GM0503", door="beheerder")
        maak_gebruiker(s, "lees", "delfts-blauw-7", "lezer", door="beheerder")
        assert g.wachtwoord_hash.startswith("scrypt$") and "delfts-blauw-7" not in g.wachtwoord_hash
    with db.sessie() as s:
        assert zoek_gebruiker(s, "delft").gemeentecode == "GM0503"
        assert zoek_gebruiker(s, "niemand") is None
        assert controleer_login(s, "delft", "delfts-blauw-7").rol == "gemeente"
        assert controleer_login(s, "delft", "fout") is None
        assert controleer_login(s, "niemand", "delfts-blauw-7") is None
        audit = lees_audit(s)
        assert [a.actie for a in audit] == ["gebruiker aangemaakt"] * 2
        assert "scrypt" not in (audit[0].nieuw or "")
    for args in [("delft", "delfts-blauw-7", "lezer", None), ("x", "delfts-blauw-7", "baas", None),
                 ("y", "delfts-blauw-7", "gemeente", None), ("z", "kort", "lezer", None),
                 ("w", "delfts-blauw-7", "lezer", "GM0503"), ("v", "geheim123", "lezer", None)]:
        with pytest.raises(InvoerFout, match="Gebruiker niet aangemaakt"), db.sessie() as s:
            maak_gebruiker(s, *args, door="beheerder")


def test_database_url(monkeypatch, tmp_path):
    monkeypatch.delenv("VERDEELWIJZER_DB", raising=False)
    assert database_url(str(tmp_path / "a.sqlite")) == f"sqlite:///{tmp_path / 'a.sqlite'}"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.setenv("VERDEELWIJZER_DB", "sqlite:///x.sqlite")
    assert database_url(None) == "sqlite:///x.sqlite"
    monkeypatch.delenv("VERDEELWIJZER_DB")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda naam: str(tmp_path / naam))
    assert database_url(None) == f"sqlite:///{tmp_path / 'verdeelwijzer' / 'verdeelwijzer.sqlite'}"


def test_onbereikbare_of_ongeldige_database_geeft_nette_fout(tmp_path):
    with pytest.raises(DatabaseFout, match="niet te openen"):
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/niets?connect_timeout=2")
    with pytest.raises(InvoerFout, match="Ongeldige database-URL"):
        open_database("onzin://x")
    with pytest.raises(InvoerFout, match="nog geen regio"), open_database(str(tmp_path / "leeg.sqlite")).sessie() as s:
        kies_regio(s)
