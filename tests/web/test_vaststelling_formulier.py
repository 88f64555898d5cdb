"""The vaststelling steps form on /vaststelling (issue 15, item 5): a regio-beheerder records a stage for any
gemeente, a gemeente user for its own only, readers not at all; the same storage as
`verdeelwijzer vaststelling zet` (read back by the real `vaststelling toon`), audited, nothing stored on
bad input."""

from __future__ import annotations

import json

from tests.conftest import draai

from verdeelwijzer.opslag.modellen import Auditregel
from verdeelwijzer.opslag.vaststelling import lees_stappen


def _zet(c, koppen: dict[str, str] | None = None, **velden: str):
    data = {"regio": "Haaglanden", "gemeentecode": "GM0503", "document": "hvo", "stap": "raad",
            "datum": "2027-05-20", "csrf_token": getattr(c, "csrf", "")} | velden
    return c.post("/vaststelling/zet", data=data, headers=koppen, follow_redirects=False)


def _aantal(app) -> tuple[int, int]:
    with app.state.koppeling.db.sessie() as s:
        return len(lees_stappen(s, "Haaglanden")), s.query(Auditregel).filter_by(actie="vaststelling").count()


def test_beheerder_legt_stap_vast_zoals_de_cli(klanten, app_met_gebruikers) -> None:
    c = klanten["beheerder"]
    assert 'id="stapformulier"' in c.get("/vaststelling").text
    voor = _aantal(app_met_gebruikers)
    r = _zet(c, gemeentecode="GM0518", stap="vastgesteld", datum="2027-06-10", toelichting="raadsbesluit 12")
    assert r.status_code == 200, r.text[:1000]
    assert "Vastgelegd: &#39;s-Gravenhage HVO vastgesteld op 10 juni 2027" in r.text
    assert _aantal(app_met_gebruikers) == (voor[0] + 1, voor[1] + 1)  # stored and audited
    url = str(app_met_gebruikers.state.koppeling.db.url)
    stand = json.loads(draai("vaststelling", "toon", "Haaglanden", "--db", url, "--peildatum", "2027-06-15",
                             "--format", "json").stdout)
    [hvo] = [x for x in stand["stand"] if x["gemeentecode"] == "GM0518" and x["document"] == "HVO"]
    assert (hvo["stap"], hvo["oordeel"]) == ("vastgesteld", "vastgesteld, op tijd")
    assert "raadsbesluit 12" in c.get("/vaststelling", params={"peildatum": "2027-06-15"}).text


def test_gemeente_alleen_eigen_gemeente(klanten, app_met_gebruikers) -> None:
    c = klanten["delft"]
    t = c.get("/vaststelling").text
    assert 'id="stapformulier"' in t and 'value="GM0503"' in t and 'value="GM0603"' not in t
    assert _zet(c).status_code == 200
    voor = _aantal(app_met_gebruikers)
    r = _zet(c, gemeentecode="GM0603")
    assert r.status_code == 403 and "eigen gemeente" in r.text
    assert _aantal(app_met_gebruikers) == voor


def test_lezer_en_anoniem_alleen_lezen(klanten, app_met_gebruikers) -> None:
    voor = _aantal(app_met_gebruikers)
    assert 'id="stapformulier"' not in klanten["lezer"].get("/vaststelling").text
    assert _zet(klanten["lezer"]).status_code == 403
    assert _zet(klanten[None]).status_code in (303, 401, 403)
    assert _aantal(app_met_gebruikers) == voor


def test_foute_invoer_niets_vastgelegd(klanten, app_met_gebruikers) -> None:
    c = klanten["beheerder"]
    voor = _aantal(app_met_gebruikers)
    r = _zet(c, stap="klaar", datum="2027-13-01", document="wvo")
    assert r.status_code == 422
    melding = r.text.replace("&#39;", "'")
    assert all(w in melding for w in ("stap 'klaar' is onbekend", "'wvo'", "Datum '2027-13-01' is geen datum"))
    assert _zet(c, gemeentecode="GM0546").status_code == 422  # Leiden: not in Haaglanden
    assert _zet(c, gemeentecode="../../etc").status_code == 422
    assert _zet(c, {"X-CSRF-Token": ""}, csrf_token="").status_code == 403
    assert _zet(c, toelichting="x" * 600).status_code == 422
    assert _aantal(app_met_gebruikers) == voor


def test_regio_als_pad_leest_geen_bestand(klanten, app_met_gebruikers, tmp_path) -> None:
    geheim = tmp_path / "geheim.csv"
    geheim.write_text("gemeentenaam,aantal\nGEHEIM-hunter2,5\n", encoding="utf-8")
    voor = _aantal(app_met_gebruikers)
    r = _zet(klanten["beheerder"], regio=str(geheim))
    assert 400 <= r.status_code < 500 and "hunter2" not in r.text
    assert _aantal(app_met_gebruikers) == voor
