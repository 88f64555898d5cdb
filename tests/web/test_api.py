"""API and page tests with FastAPI's TestClient: authorization per role, CSRF, validation, uploads,
downloads, security headers and the offline promise (no external assets)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

PAGINAS = ["/", "/?regio=provincie:Utrecht&indicator=sociaal_aandeel", "/gemeente/GM0503", "/regels", "/gegevens",
           "/inloggen", "/api/docs", "/monitoring", "/monitoring?peildatum=2026-06-30",
           "/afspraken?voorbeeld=haaglanden.yaml", "/afspraken/vergelijk", "/betaalbaarheid?voorbeeld=haaglanden"]


def test_lokale_modus_zonder_login(lokaal):
    r = lokaal.get("/")
    assert r.status_code == 200
    assert "Lokale modus" in r.text
    assert "Overzicht: Haaglanden" in r.text
    assert lokaal.get("/api/sessie").json()["lokaal"] is True


@pytest.mark.parametrize("url", PAGINAS)
def test_paginas_laden_niets_van_internet(klanten, url):
    r = klanten["beheerder"].get(url)
    assert r.status_code == 200, r.text[:500]
    # No script, stylesheet, image or frame from another host: everything is vendored.
    extern = re.findall(r'(?:src|href)="(https?://[^"]+)"', r.text)
    assets = [u for u in extern if re.search(r"\.(js|css|png|svg|woff2?|jpg)(\?|$)", u)]
    assert assets == []
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', r.text)
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_vendored_htmx_en_swagger_aanwezig(lokaal):
    assert lokaal.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200
    assert lokaal.get("/static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js").status_code == 200
    assert lokaal.get("/api/openapi.json").json()["info"]["title"] == "Verdeelwijzer API"


def test_anoniem_wordt_naar_inloggen_gestuurd(klanten):
    anoniem = klanten[None]
    r = anoniem.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/inloggen")
    assert anoniem.get("/api/gemeenten").status_code == 401
    assert "Niet ingelogd" in anoniem.get("/api/gemeenten").json()["detail"]


def test_verkeerd_wachtwoord(app_met_gebruikers, ingelogd):
    c = ingelogd(app_met_gebruikers, None)
    r = c.post("/api/sessie", json={"gebruikersnaam": "lezer", "wachtwoord": "fout-wachtwoord"})
    assert r.status_code == 401
    assert r.json()["detail"] == "Onbekende gebruikersnaam of onjuist wachtwoord."


def test_sessiecookie_httponly_samesite(app_met_gebruikers, ingelogd):
    c = ingelogd(app_met_gebruikers, None)
    r = c.post("/api/sessie", json={"gebruikersnaam": "lezer", "wachtwoord": c.wachtwoord})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie


def test_https_zet_secure_cookie(tmp_path, instellingen):
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import maak_app

    app = maak_app(instellingen(tmp_path, https=True))
    r = TestClient(app).get("/api/sessie")
    assert "secure" in r.headers["set-cookie"].lower()


# -- authorization: every mutating endpoint refuses what the role may not do -------------------------

NIEUWE_GEBRUIKER = {"gebruikersnaam": "nieuw-{rol}", "wachtwoord": "lang-genoeg-1", "rol": "lezer"}


@pytest.mark.parametrize(("wie", "status"), [(None, 401), ("lezer", 403), ("delft", 403)])
def test_gebruikers_aanmaken_alleen_beheerder(klanten, wie, status):
    body = {**NIEUWE_GEBRUIKER, "gebruikersnaam": f"poging-{wie}"}
    assert klanten[wie].post("/api/gebruikers", json=body).status_code == status
    assert klanten[wie].get("/api/gebruikers").status_code == status
    assert klanten[wie].get("/api/audit").status_code == status


def test_beheerder_maakt_gebruiker_en_audit(klanten):
    r = klanten["beheerder"].post("/api/gebruikers", json={**NIEUWE_GEBRUIKER, "gebruikersnaam": "nieuwe-lezer"})
    assert r.status_code == 201, r.text
    namen = [g["gebruikersnaam"] for g in klanten["beheerder"].get("/api/gebruikers").json()["gebruikers"]]
    assert "nieuwe-lezer" in namen
    audit = klanten["beheerder"].get("/api/audit").json()["audit"]
    assert any(a["actie"] == "gebruiker aangemaakt" and "nieuwe-lezer" in a["onderwerp"] for a in audit)


@pytest.mark.parametrize(("wie", "status"), [(None, 401), ("lezer", 403), ("delft", 403)])
def test_gegevens_upload_alleen_beheerder(klanten, wie, status):
    bestand = {"bestand": ("eigen.csv", b"gemeentecode,mutaties\nGM0503,1000\n", "text/csv")}
    assert klanten[wie].post("/api/gegevens/bestanden", files=bestand).status_code == status
    assert klanten[wie].delete("/api/gegevens/bestanden/eigen.csv").status_code == status


@pytest.mark.parametrize(("wie", "gemeente", "status"), [
    (None, "GM0503", 401), ("lezer", "GM0503", 403), ("delft", "GM0603", 403), ("delft", "GM0503", 200),
    ("beheerder", "GM0603", 200)])
def test_monitoring_wijzigen_per_rol(klanten, wie, gemeente, status):
    body = {"periode": "2026", "gemeentecode": gemeente, "categorie": "medisch", "aantal": 7}
    r = klanten[wie].post("/api/monitoring/instroom", json=body)
    assert r.status_code == status, r.text
    if status == 403 and wie == "delft":
        assert "eigen gemeente" in r.json()["detail"]


def test_gemeente_mag_geen_bestand_met_andere_gemeente_inlezen(klanten):
    inhoud = b"periode,gemeentecode,categorie,instroom\n2026,GM0503,medisch,5\n2026,GM0603,medisch,9\n"
    r = klanten["delft"].post("/api/monitoring/importeer", files={"bestand": ("delft.csv", inhoud, "text/csv")})
    assert r.status_code == 403
    assert "Rijswijk" in r.json()["detail"] and "niets gewijzigd" in r.json()["detail"]


def test_csrf_verplicht_bij_wijzigen(app_met_gebruikers, ingelogd):
    c = ingelogd(app_met_gebruikers, "beheerder")
    del c.headers["X-CSRF-Token"]
    r = c.post("/api/gebruikers", json={**NIEUWE_GEBRUIKER, "gebruikersnaam": "zonder-csrf"})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    r = c.post("/api/monitoring/instroom", json={"periode": "2026", "gemeentecode": "GM0503", "categorie": "medisch",
                                                  "aantal": 1})
    assert r.status_code == 403
    c.headers["X-CSRF-Token"] = "verkeerd"
    assert c.post("/api/gebruikers", json={**NIEUWE_GEBRUIKER, "gebruikersnaam": "x-csrf"}).status_code == 403


def test_formulier_zonder_csrf_geweigerd(app_met_gebruikers, ingelogd):
    c = ingelogd(app_met_gebruikers, "beheerder")
    del c.headers["X-CSRF-Token"]
    r = c.post("/gebruikers", data={"gebruikersnaam": "x", "wachtwoord": "12345678", "rol": "lezer"})
    assert r.status_code == 403 and "CSRF" in r.text


# -- validation (Dutch messages) ------------------------------------------------------------------------


def test_validatie_nederlands(klanten):
    c = klanten["beheerder"]
    r = c.post("/api/gebruikers", json={"gebruikersnaam": "x", "wachtwoord": "kort", "rol": "koning"})
    assert r.status_code == 422
    meldingen = " ".join(m["melding"] for m in r.json()["detail"])
    assert "wachtwoord: is te kort (minstens 8 tekens)" in meldingen
    assert "rol: heeft niet de juiste vorm" in meldingen
    r = c.post("/api/monitoring/instroom", json={"periode": "2026", "gemeentecode": "GM0503", "categorie": "medisch",
                                                  "aantal": -1})
    assert r.status_code == 422 and "aantal: moet minstens 0 zijn" in r.json()["detail"][0]["melding"]
    r = c.post("/api/monitoring/instroom", json={"periode": "1999", "gemeentecode": "GM0503", "categorie": "medisch",
                                                  "aantal": 1})
    assert r.status_code == 422 and "onbekende periode '1999'" in r.json()["detail"]
    r = c.post("/api/monitoring/instroom", content=b"{geen json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "geen geldige JSON" in r.text
    assert c.get("/api/gemeenten/GM9999").status_code == 404
    assert "bestaat niet" in c.get("/api/gemeenten/GM9999").json()["detail"]


# -- data page: override upload -----------------------------------------------------------------------


def test_slecht_bestand_geeft_nederlandse_fout_en_wijzigt_niets(lokaal):
    csrf = lokaal.get("/api/sessie").json()["csrf_token"]
    slecht = b"gemeentenaam;sociale_voorraad\nDelft;veel\nAtlantis;12\n"
    r = lokaal.post("/gegevens/upload", data={"csrf_token": csrf}, files={"bestand": ("daeb.csv", slecht, "text/csv")})
    assert r.status_code == 422
    assert "niet ingelezen" in r.text and "daeb.csv, regel 2, kolom &#39;sociale_voorraad&#39;" in r.text
    assert "Atlantis" in r.text
    assert "/tmp" not in r.text
    assert lokaal.get("/api/gegevens/bestanden").json()["bestanden"] == []


def test_goed_bestand_wordt_gebruikt_met_bron(lokaal):
    csrf = lokaal.get("/api/sessie").json()["csrf_token"]
    goed = b"gemeentecode,sociale_voorraad,peildatum,bron\nGM0503,23456,2024-12-31,Aedes\n"
    r = lokaal.post("/gegevens/upload", data={"csrf_token": csrf}, files={"bestand": ("daeb.csv", goed, "text/csv")})
    assert r.status_code == 200 and "is ingelezen" in r.text
    delft = next(g for g in lokaal.get("/api/gemeenten?regio=Haaglanden").json()["gemeenten"]
                 if g["gemeentecode"] == "GM0503")
    assert delft["sociale_voorraad"] == 23456
    assert delft["bronnen"]["sociale_voorraad"]["soort"] == "eigen invoer"
    assert "23.456" in lokaal.get("/").text


# -- downloads -----------------------------------------------------------------------------------------


def test_downloads_excel_en_csv(klanten):
    c = klanten["lezer"]
    r = c.get("/download/gemeenten.xlsx?regio=woningmarktregio:Haaglanden")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    boek = load_workbook(io.BytesIO(r.content))
    assert boek.sheetnames[-1] == "Bronnen"
    blad = boek.worksheets[0]
    assert blad["A2"].value == "Code" and blad.max_row == 2 + 9 + 1
    assert any("CBS" in str(c.value) for c in boek["Bronnen"]["A"])
    r = c.get("/download/gemeenten.csv?regio=woningmarktregio:Haaglanden")
    # Dutch Excel: BOM, semicolons, readable headers, decimal comma.
    assert r.content.startswith("\ufeff".encode())
    kop, *rijen = r.text.lstrip("\ufeff").splitlines()
    assert kop.startswith("Code;Gemeente;") and "_" not in kop
    assert len(rijen) == 9 + 1 and any(re.search(r";\d+,\d+(;|$)", rij) for rij in rijen)
    assert c.get("/download/regels.xlsx").status_code == 200
    r = c.get("/download/monitoring.xlsx?peildatum=2026-06-30")
    assert r.status_code == 200 and len(load_workbook(io.BytesIO(r.content)).sheetnames) == 4
    assert c.get("/download/gemeenten.pdf").status_code == 404


def test_regels_pagina_markeert_concepten(klanten):
    t = klanten["lezer"].get("/regels").text
    assert "status-ontwerp" in t and "concept-markering" in t and "https://" in t
    regels = klanten["lezer"].get("/api/regels").json()["parameters"]
    assert all(w["bron"]["url"].startswith("http") for p in regels for w in p["waarden"])


def test_kaart_heeft_titels_en_focus(klanten):
    t = klanten["lezer"].get("/").text
    assert t.count('tabindex="0" role="button"') == 9
    assert "<title>Delft:" in t and "peildatum" in t
    assert 'class="legenda"' in t
