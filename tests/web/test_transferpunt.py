"""Transferpunt page: who may see, import, run and decide (every endpoint × every role), CSRF, the audit log
for every view of case data, nothing stored on bad input, and an accepted proposal booked in the ledger."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from verdeelwijzer.web import maak_app

from .conftest import WACHTWOORD

VOORBEELDEN = Path(__file__).resolve().parents[2] / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "transferpunt"

ROLLEN = {"beheerder": ("regio-beheerder", None), "delft": ("gemeente", "GM0503"), "lezer": ("lezer", None),
          "matcher": ("transferpunt", None)}


@pytest.fixture(scope="module")
def app_tp(tmp_path_factory, instellingen_module):
    map_ = tmp_path_factory.mktemp("tp")
    app = maak_app(instellingen_module(map_))
    for naam, (rol, code) in ROLLEN.items():
        app.state.koppeling.maak_gebruiker("test", naam, WACHTWOORD, rol, code)
    yield app
    app.state.koppeling.sluit()


@pytest.fixture(scope="module")
def instellingen_module():
    from .conftest import _instellingen

    return _instellingen


def _klant(app, naam: str | None) -> TestClient:
    c = TestClient(app)
    c.csrf = ""  # type: ignore[attr-defined]
    if naam:
        r = c.post("/api/sessie", json={"gebruikersnaam": naam, "wachtwoord": WACHTWOORD})
        assert r.status_code == 200, r.text
        c.csrf = r.json()["csrf_token"]  # type: ignore[attr-defined]
    return c


@pytest.fixture(scope="module")
def klanten(app_tp) -> dict[str | None, TestClient]:
    return {naam: _klant(app_tp, naam) for naam in [None, *ROLLEN]}


def _audit(app) -> list[dict]:
    return app.state.koppeling.auditlog(1000)


def test_rollen_voor_elk_eindpunt(app_tp, klanten):
    # Only the role transferpunt imports; the others get 403 and nothing is stored.
    for naam in ("beheerder", "delft", "lezer"):
        c = klanten[naam]
        r = c.post("/transferpunt/importeer", data={"csrf_token": c.csrf, "voorbeeld": "haaglanden"})
        assert r.status_code == 403
    assert klanten[None].post("/transferpunt/importeer", data={"voorbeeld": "haaglanden"},
                              follow_redirects=False).status_code == 303  # to the login page
    m = klanten["matcher"]
    assert m.post("/transferpunt/importeer", data={"voorbeeld": "haaglanden"}).status_code == 403  # no CSRF
    r = m.post("/transferpunt/importeer", data={"csrf_token": m.csrf, "voorbeeld": "haaglanden"})
    assert r.status_code == 200 and "40 dossiers" in r.text
    for naam in ("beheerder", "delft", "lezer"):
        c = klanten[naam]
        assert c.post("/transferpunt/ronde", data={"csrf_token": c.csrf}).status_code == 403
    r = m.post("/transferpunt/ronde", data={"csrf_token": m.csrf})
    assert r.status_code == 200 and "voorstellen" in r.text
    ids = re.findall(r"/transferpunt/voorstel/(\d+)/accepteer", r.text)
    assert ids
    for naam in ("beheerder", "delft", "lezer"):
        c = klanten[naam]
        assert c.post(f"/transferpunt/voorstel/{ids[0]}/accepteer", data={"csrf_token": c.csrf}).status_code == 403
        assert c.get("/transferpunt/dossier/HGL-26-001").status_code == 403
        pagina = c.get("/transferpunt")
        assert pagina.status_code == 200 and "Kengetallen" in pagina.text
        assert "HGL-26-" not in pagina.text  # aggregates only, no case numbers
        monitoring = c.get("/monitoring")  # the same KPIs on the monitoring page, for every role
        assert monitoring.status_code == 200 and 'id="wachttijdtabel"' in monitoring.text
        assert "HGL-26-" not in monitoring.text
    anoniem = klanten[None]
    assert anoniem.get("/transferpunt", follow_redirects=False).status_code == 303
    assert anoniem.get("/transferpunt/dossier/HGL-26-001", follow_redirects=False).status_code == 303
    r = m.post(f"/transferpunt/voorstel/{ids[0]}/accepteer", data={"csrf_token": m.csrf})
    assert r.status_code == 200 and "geaccepteerd" in r.text
    r = m.post(f"/transferpunt/voorstel/{ids[1]}/wijs-af", data={"csrf_token": m.csrf})
    assert r.status_code == 200 and "afgewezen" in r.text
    assert m.post(f"/transferpunt/voorstel/{ids[0]}/accepteer", data={"csrf_token": m.csrf}).status_code == 422


def test_elke_inzage_in_het_auditlog(app_tp, klanten):
    m = klanten["matcher"]
    if not re.findall(r"HGL-26-", m.get("/transferpunt").text):
        m.post("/transferpunt/importeer", data={"csrf_token": m.csrf, "voorbeeld": "haaglanden"})
    assert m.get("/transferpunt/dossier/HGL-26-002").status_code == 200
    m.get("/transferpunt")
    nieuw = _audit(app_tp)
    acties = [(a["wie"], a["actie"], a["onderwerp"]) for a in nieuw]
    assert ("matcher", "transferpunt dossier bekeken", "dossier HGL-26-002") in acties
    assert any(w == "matcher" and act == "transferpunt voorstellen bekeken" for w, act, _ in acties)
    # Case attributes never enter the audit log: only case numbers and counts.
    tekst = str(nieuw)
    assert "begeleiding_nabij" not in tekst and "netwerk" not in tekst
    assert m.get("/transferpunt/dossier/BESTAAT-NIET").status_code == 404


def test_fout_register_slaat_niets_op(app_tp, klanten, tmp_path):
    from sqlalchemy import func, select

    from verdeelwijzer.opslag.modellen import TransferpuntKandidaat

    m = klanten["matcher"]
    with app_tp.state.koppeling.db.sessie() as s:
        voor = s.scalar(select(func.count()).select_from(TransferpuntKandidaat))
    kandidaten = b"dossiernummer,categorie,herkomstgemeente,inschrijfdatum,toelichting\n" \
                 b"NIEUW-1,medisch,Delft,2025-01-01,\nNIEUW-2,medisch,Delft,2025-01-01,Jan de Vries\n"
    r = m.post("/transferpunt/importeer", data={"csrf_token": m.csrf}, files={
        "afspraken": ("a.yaml", (VOORBEELDEN / "haaglanden_transferpunt.yaml").read_bytes()),
        "kandidaten": ("k.csv", kandidaten),
        "aanbod": ("a.csv", (VOORBEELDEN / "haaglanden_aanbod.csv").read_bytes())})
    assert r.status_code == 422 and "verwijder persoonsgegevens" in r.text and "Jan de Vries" not in r.text
    assert "/tmp" not in r.text
    with app_tp.state.koppeling.db.sessie() as s:
        assert s.scalar(select(func.count()).select_from(TransferpuntKandidaat)) == voor


def test_geaccepteerd_voorstel_wordt_plaatsing_in_de_monitoring(lokale_app):
    from verdeelwijzer.monitoring.model import AfspraakInvoer, Doel, Periode
    from verdeelwijzer.opslag.afspraken import huidige_afspraak, kies_regio, laad_monitoring, leg_afspraak_vast

    codes = ("GM0518", "GM0503", "GM1916", "GM1842", "GM1926", "GM0603", "GM0629", "GM1783", "GM0637")
    jaar = date.today().year
    perioden = tuple(Periode(str(j), date(j, 1, 1), date(j, 12, 31)) for j in (2026, 2027))
    categorieen = ("uitstromers MO/BW", "medisch urgent")
    afspraak = AfspraakInvoer(naam="Test transferpunt", regio_naam="Haaglanden", gemeenten=codes, bron_tekst="t",
                              perioden=perioden, doelen=tuple(Doel(c, k, p.code, 5) for c in codes
                                                              for k in categorieen for p in perioden),
                              categorieen=categorieen)
    with lokale_app.state.koppeling.db.sessie() as s:
        leg_afspraak_vast(s, afspraak, door="test")
    c = TestClient(lokale_app)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/transferpunt").text).group(1)
    c.post("/transferpunt/importeer", data={"csrf_token": csrf, "voorbeeld": "haaglanden"})
    periode = str(jaar) if jaar in (2026, 2027) else "2026"
    r = c.post("/transferpunt/ronde", data={"csrf_token": csrf, "periode": periode})
    (eerste, gemeente, categorie) = re.search(
        r'<tr id="voorstel-(\d+)">.*?<td>\d+</td><th.*?</th><td>.*?</td>\s*<td>(.*?)</td><td>(.*?)</td>',
        r.text, re.S).groups()
    r = c.post(f"/transferpunt/voorstel/{eerste}/accepteer", data={"csrf_token": csrf})
    assert "geboekt als plaatsing in de monitoring" in r.text
    with lokale_app.state.koppeling.db.sessie() as s:
        regio = kies_regio(s, "Haaglanden")
        invoer = laad_monitoring(s, regio, huidige_afspraak(s, regio))
    geboekt = [x for x in invoer.realisaties if x.periode == periode and x.categorie == categorie.replace("&amp;", "&")]
    assert sum(x.aantal for x in geboekt) == 1
    # The monitoring page shows the placement against the quotum in the transferpunt KPIs.
    pagina = c.get("/monitoring").text
    assert 'id="plaatsingentabel"' in pagina
    rijen = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td>(\d+)</td><td>(\d+)</td></tr>',
                       pagina.split('id="plaatsingentabel"')[1].split("</table>")[0])
    assert sum(int(r[3]) for r in rijen) == 1
    assert any(a["actie"] == "transferpunt voorstel geaccepteerd" for a in lokale_app.state.koppeling.auditlog(100))


def test_formulier_voor_een_dossier_en_een_aanbod(app_tp, klanten):
    m = klanten["matcher"]
    if "40 dossiers" not in m.get("/transferpunt").text:
        m.post("/transferpunt/importeer", data={"csrf_token": m.csrf, "voorbeeld": "haaglanden"})
    r = m.post("/transferpunt/invoer/kandidaat", data={
        "csrf_token": m.csrf, "dossiernummer": "FORM-1", "categorie": "medisch", "herkomstgemeente": "Delft",
        "inschrijfdatum": "2025-03-01", "nodig": "nultreden;rolstoel", "toelichting": "zoon van Piet Bakker"})
    assert r.status_code == 422 and "formulier, kolom &#39;toelichting&#39;" in r.text
    assert "verwijder persoonsgegevens" in r.text
    assert "Piet Bakker" not in r.text
    r = m.post("/transferpunt/invoer/kandidaat", data={
        "csrf_token": m.csrf, "dossiernummer": "FORM-1", "categorie": "medisch", "herkomstgemeente": "Delft",
        "inschrijfdatum": "2025-03-01", "nodig": "nultreden;rolstoel"})
    assert r.status_code == 200 and "1 dossiers (1 nieuw)" in r.text
    r = m.post("/transferpunt/invoer/aanbod", data={"csrf_token": m.csrf, "aanbodnummer": "FORM-W1",
                                                   "gemeente": "Delft", "woonvorm": "zelfstandig",
                                                   "kenmerken": "nultreden;rolstoel"})
    assert r.status_code == 200 and "1 aanbiedingen (1 nieuw)" in r.text
    assert klanten["lezer"].post("/transferpunt/invoer/aanbod", data={"csrf_token": klanten["lezer"].csrf,
                                                                       "aanbodnummer": "X"}).status_code == 403


def test_afsprakenkader_bij_registers_leest_geen_bestand_buiten_de_upload(lokale_app, tmp_path):
    # Issue 10 item 1 for this route too: a file the uploaded agreement names resolves only inside the upload.
    geheim = tmp_path / "geheim.csv"
    geheim.write_text("gemeentenaam,aantal\nDB_PASSWORD=hunter2,5\n", encoding="utf-8")
    bron = Path(__file__).resolve().parents[2] / "voorbeelden" / "transferpunt"
    tekst = (bron / "haaglanden_transferpunt.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("regio: Haaglanden\n", f"regio: Haaglanden\ngegevens: ['{geheim}']\n", 1)
    c = TestClient(lokale_app)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/transferpunt").text).group(1)
    r = c.post("/transferpunt/importeer", data={"csrf_token": csrf}, files={
        "afspraken": ("kader.yaml", tekst.encode(), "application/yaml"),
        "kandidaten": ("k.csv", (bron / "haaglanden_kandidaten.csv").read_bytes(), "text/csv"),
        "aanbod": ("a.csv", (bron / "haaglanden_aanbod.csv").read_bytes(), "text/csv")})
    assert 400 <= r.status_code < 500, r.text[:300]
    assert "hunter2" not in r.text
    assert "nog geen transferpunt ingericht" in c.get("/transferpunt").text  # nothing stored
