"""The vaststelling tracker: pure judgement, storage (SQLite and PostgreSQL), command line, regional document."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import REPO
from tests.documenten.hulp import docx_tabellen, draai

from verdeelwijzer.documenten.vaststelling import STAPPEN, Stap, huidige_stand, oordeel, standtabel
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.opslag.modellen import Auditregel
from verdeelwijzer.opslag.vaststelling import lees_stappen, leg_stap_vast

TERMIJN = date(2027, 7, 1)


def test_oordeel_tegen_termijn() -> None:
    vast = Stap("GM0503", "hvo", "vastgesteld", date(2027, 6, 30))
    assert oordeel(vast, TERMIJN, date(2027, 8, 1)) == "vastgesteld, op tijd"
    assert oordeel(Stap("GM0503", "hvo", "vastgesteld", TERMIJN), TERMIJN, date(2027, 8, 1)) == (
        "vastgesteld, na de termijn")
    assert oordeel(Stap("GM0503", "hvo", "raad", date(2027, 5, 1)), TERMIJN, date(2027, 7, 1)) == (
        "termijn verstreken, niet vastgesteld")
    assert oordeel(None, TERMIJN, date(2027, 6, 21)) == "loopt; nog 10 dagen tot de termijn"
    assert oordeel(None, None, date(2027, 6, 21)) == "loopt; termijn nog niet bekend"


def test_huidige_stand_laatste_stap_telt() -> None:
    stappen = [Stap("GM0503", "vhp", s, date(2027, 1, 1 + i), None, i) for i, s in enumerate(STAPPEN)]
    stappen.append(Stap("GM0503", "vhp", "raad", date(2027, 1, 5), None, 99))  # same day, recorded later
    assert huidige_stand(stappen)[("GM0503", "vhp")].stap == "raad"
    rijen = standtabel(["GM0503"], {"GM0503": "Delft"}, stappen, [{"document": "VHP", "datum": TERMIJN}],
                       date(2027, 1, 3))
    assert [(r["document"], r["stap"]) for r in rijen] == [("VHP", "inspraak"), ("HVO", "geen gegevens")]
    assert rijen[0]["termijn"] == "vóór 2027-07-01" and rijen[1]["termijn"] == "onbekend"


def test_opslag_en_audit(db) -> None:
    with db.sessie() as s:
        leg_stap_vast(s, regio="Haaglanden", gemeentecode="GM0503", document="HVO", stap="Raad",
                      datum=date(2027, 5, 20), toelichting=None, door="test")
        leg_stap_vast(s, regio="Haaglanden", gemeentecode="GM0503", document="hvo", stap="vastgesteld",
                      datum=date(2027, 6, 10), toelichting="besluit", door="test")
    with db.sessie() as s:
        stappen = lees_stappen(s, "Haaglanden")
        assert [(x.document, x.stap, x.datum) for x in stappen] == [("hvo", "raad", date(2027, 5, 20)),
                                                                    ("hvo", "vastgesteld", date(2027, 6, 10))]
        assert lees_stappen(s, "Zuid-Kennemerland") == []
        assert s.query(Auditregel).filter_by(actie="vaststelling").count() == 2
    with pytest.raises(InvoerFout, match="stap 'klaar' is onbekend"), db.sessie() as s:
        leg_stap_vast(s, regio="Haaglanden", gemeentecode="GM0503", document="hvo", stap="klaar",
                      datum=date(2027, 6, 10), toelichting=None, door="test")
    with db.sessie() as s:
        assert len(lees_stappen(s, "Haaglanden")) == 2  # nothing half-stored


def test_opdrachtregel_en_regiodocument(tmp_path: Path) -> None:
    db = str(tmp_path / "v.sqlite")
    draai("vaststelling", "zet", "Haaglanden", "Den Haag", "--document", "hvo", "--stap", "vastgesteld",
          "--datum", "2027-06-10", "--toelichting", "raadsbesluit 12", "--db", db)
    fout = draai("vaststelling", "zet", "Haaglanden", "Leiden", "--document", "hvo", "--stap", "raad",
                 "--datum", "2027-05-20", "--db", db, check=False)
    assert fout.returncode == 2 and "hoort niet bij de regio Haaglanden" in fout.stderr
    fout = draai("vaststelling", "zet", "Haaglanden", "Delft", "--document", "wvo", "--stap", "rad",
                 "--datum", "2027-13-01", "--db", db, check=False)
    assert fout.returncode == 2 and all(w in fout.stderr for w in ("--datum", "'wvo'", "'rad'"))
    stand = json.loads(draai("vaststelling", "toon", "Haaglanden", "--db", db, "--peildatum", "2027-06-15",
                             "--format", "json").stdout)
    [hvo] = [r for r in stand["stand"] if r["gemeentecode"] == "GM0518" and r["document"] == "HVO"]
    assert (hvo["stap"], hvo["oordeel"], hvo["termijn"]) == ("vastgesteld", "vastgesteld, op tijd", "vóór 2027-07-01")
    assert len(stand["stand"]) == 18

    uit = tmp_path / "docs"
    draai("documenten", str(REPO / "voorbeelden" / "haaglanden.yaml"), "--uit", str(uit), "--db", db,
          "--formaat", "docx", "--gemeente", "regio")
    [t] = [t for t in docx_tabellen(uit / "regio.docx") if t[0][:3] == ["gemeente", "document", "stap"]]
    assert ["'s-Gravenhage", "HVO", "vastgesteld", "10 juni 2027", "vóór 1 juli 2027", "vastgesteld, op tijd",
            "raadsbesluit 12"] in t


def test_webpagina_vaststelling(lokale_app, lokaal) -> None:
    with lokale_app.state.koppeling.db.sessie() as s:
        leg_stap_vast(s, regio="Haaglanden", gemeentecode="GM0503", document="hvo", stap="vastgesteld",
                      datum=date(2027, 6, 10), toelichting="raadsbesluit 7", door="test")
    r = lokaal.get("/vaststelling", params={"regio": "Haaglanden", "peildatum": "2027-06-15"})
    assert r.status_code == 200
    assert "vastgesteld, op tijd" in r.text and "raadsbesluit 7" in r.text and "Pijnacker-Nootdorp" in r.text
    assert "nog niet bekend (Koninklijk Besluit)" in r.text
    r = lokaal.get("/vaststelling", params={"regio": "Haaglanden", "peildatum": "morgen"})
    assert r.status_code == 422 and "geen datum" in r.text
    pagina = lokaal.get("/afspraken", params={"voorbeeld": "haaglanden.yaml"}).text
    assert 'href="/vaststelling?regio=Haaglanden"' in pagina and 'id="download-documenten"' in pagina
