"""API and page tests for the afsprakenkader page, the afsprakenkader download of the explorer and the
betaalbaarheid page: results, downloads, Dutch validation messages and authorization per role
(`lezer` may compute and download, only a regio-beheerder may adopt an agreement for monitoring)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook

from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
from verdeelwijzer.voorbeelden import voorbeeldmap

SLECHT_YAML = (b"naam: Test\nregio: Haaglanden\nperiode: {start: 2027, jaren: twee}\ncategorieen:\n"
               b"  - naam: x\n    totaal: {per_jaar: 10}\n    sleutel: {inwoners: 1}\n    plafond: {mutatiegrens: 3}\n")
PROGRAMMA = voorbeeldmap() / "haaglanden_programma.csv"


def _csrf(c) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


# -- the afsprakenkader of the explorer's settings ------------------------------------------------------------------

VERKENNER = [
    {"regio": "woningmarktregio:Haaglanden", "totaal": 300, "gewichten": {"huishoudens": 50, "mutaties": 50},
     "mutatiegrens": 30, "methode": "sainte-lague"},
    {"regio": "Delft,Rijswijk,Westland", "totaal": 77, "gewichten": {"inwoners": 12.5, "sociale_voorraad": 87.5},
     "mutatiegrens": 5, "methode": "dhondt", "loting_seed": 7, "ingroeipad": "begrensd", "jaren": 4},
]


@pytest.mark.parametrize("instellingen", VERKENNER)
def test_afsprakenkader_uit_verkenner_rekent_hetzelfde(klanten, tmp_path, instellingen):
    c = klanten["lezer"]  # a reader may download
    query = {k: v for k, v in instellingen.items() if k != "gewichten"}
    query.update({f"gewicht_{k}": w for k, w in instellingen["gewichten"].items()})
    r = c.get("/download/afsprakenkader.yaml?" + urlencode(query))
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"].endswith('.yaml"')
    pad = tmp_path / "kader.yaml"
    pad.write_bytes(r.content)
    uitkomst = bereken_afspraken(laad_afspraken(pad))  # validates against the schema and computes
    cat = uitkomst.categorieen[0]
    uit_yaml = {code: cat.aantal(0, g) for g, code in enumerate(uitkomst.gemeentecodes)}
    verkenner = c.post("/api/verdeling", json=instellingen).json()
    assert uit_yaml == {g["gemeentecode"]: g["aantal"] for g in verkenner["gemeenten"]}
    assert sum(uit_yaml.values()) == instellingen["totaal"]
    if "ingroeipad" in instellingen:
        assert "ingroeipad" not in uitkomst.geladen.kader.categorieen[0].model_fields_set
        assert "# Ingroeipad 'begrensd' over 4 jaar is NIET opgenomen" in r.text
    # The API gives the same file for the same settings.
    api = c.post("/api/verdeling/afsprakenkader", json=instellingen)
    assert api.status_code == 200 and api.text.split("peildatum:")[1] == r.text.split("peildatum:")[1]


def test_afsprakenkader_niet_voor_onmogelijke_sleutel(klanten):
    r = klanten["lezer"].get("/download/afsprakenkader.yaml?gewicht_huishoudens=70&gewicht_mutaties=50")
    assert r.status_code == 422 and "tellen op tot 1,2" in r.text


# -- afsprakenkader page ------------------------------------------------------------------------------------------


def test_voorbeeld_doorrekenen_toont_alles(klanten):
    t = klanten["lezer"].get("/afspraken?voorbeeld=haaglanden.yaml").text
    assert "Verdeelafspraken urgente woningzoekenden Haaglanden" in t
    assert "fictief voorbeeld" in t and 'id="concept-regels"' in t and 'id="waarschuwingen"' in t
    assert "Totaalbeeld per gemeente" in t and "Categorie medisch urgent" in t and "Taakstelling statushouders" in t
    assert "status-seed" in t or "status-ontwerp" in t or "status-aanname" in t
    assert "Uitleg per gemeente" in t and "Delft (GM0503)" in t
    assert "Vastleggen voor de monitoring" not in t  # a reader cannot adopt agreements


def test_voorbeeld_downloads_excel_en_json(klanten):
    c = klanten["lezer"]
    r = c.get("/download/afspraken.xlsx?voorbeeld=haaglanden.yaml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    boek = load_workbook(io.BytesIO(r.content))
    assert boek.sheetnames[0] == "Dekblad" and "Totaalbeeld" in boek.sheetnames
    r = c.get("/download/afspraken.json?voorbeeld=haaglanden.yaml")
    data = r.json()
    assert data["afsprakenkader"]["fictief"] is True and "Totaalbeeld" in data["tabellen"]
    assert c.get("/download/afspraken.pdf?voorbeeld=haaglanden.yaml").status_code == 404


def test_kapotte_upload_geeft_nederlandse_fout_met_regel(lokaal):
    r = lokaal.post("/afspraken", data={"csrf_token": _csrf(lokaal)},
                    files={"bestand": ("kapot.yaml", SLECHT_YAML, "application/yaml")})
    assert r.status_code == 422
    assert "kapot.yaml, regel 3, veld &#39;periode.jaren&#39;: verwacht een heel getal" in r.text
    assert "regel 8, veld &#39;categorieen[1].plafond.mutatiegrens&#39;" in r.text
    assert "/tmp" not in r.text and "Traceback" not in r.text


def test_upload_met_extra_bestanden_legt_uit_waarom(lokaal):
    inhoud = (voorbeeldmap() / "haaglanden.yaml").read_bytes()
    r = lokaal.post("/afspraken", data={"csrf_token": _csrf(lokaal)},
                    files={"bestand": ("haaglanden.yaml", inhoud, "application/yaml")})
    assert r.status_code == 422
    assert "herkomst_uitstromers.csv" in r.text and "Lever dan een .zip aan" in r.text  # the way out: a zip
    assert "verdeelwijzer-afspraak-" not in r.text


def test_upload_zonder_bestanden_en_download_werkmap(lokaal):
    csrf = _csrf(lokaal)
    inhoud = (voorbeeldmap() / "haaglanden_zonder_herkomst.yaml").read_bytes()
    r = lokaal.post("/afspraken", data={"csrf_token": csrf},
                    files={"bestand": ("zonder.yaml", inhoud, "application/yaml")})
    assert r.status_code == 200 and "Totaalbeeld per gemeente" in r.text
    r = lokaal.post("/download/afspraken.xlsx", data={"csrf_token": csrf, "naam": "zonder.yaml",
                                                      "tekst": inhoud.decode()})
    assert r.status_code == 200 and "Dekblad" in load_workbook(io.BytesIO(r.content)).sheetnames


def test_scenarios_vergelijken(klanten):
    t = klanten["lezer"].get("/afspraken/vergelijk?a=haaglanden.yaml&b=haaglanden_zonder_herkomst.yaml").text
    assert 'id="vergelijktabel"' in t and "B tegenover A" in t
    assert "neemt meer in B" in t and "neemt minder in B" in t
    r = klanten["lezer"].post("/api/afspraken/vergelijk",
                              json={"voorbeelden": ["haaglanden.yaml", "haaglanden_zonder_herkomst.yaml"]})
    assert r.status_code == 200 and {x["oordeel"] for x in r.json()["samenvatting"]} >= {"neemt meer in B"}
    r = klanten["lezer"].post("/api/afspraken/vergelijk", json={"voorbeelden": ["haaglanden.yaml",
                                                                                 "arnhem_nijmegen.yaml"]})
    assert r.status_code == 422 and "andere gemeenten" in r.json()["detail"]


def test_api_afspraken_validatie(klanten):
    c = klanten["lezer"]
    r = c.post("/api/afspraken/bereken", json={"voorbeeld": "haaglanden.yaml", "tekst": "naam: x"})
    assert r.status_code == 422 and "precies één van 'voorbeeld', 'tekst' of 'zip_base64'" in r.text
    r = c.post("/api/afspraken/bereken", json={"voorbeeld": "../../etc/passwd"})
    assert r.status_code == 422 and "Onbekend voorbeeld" in r.json()["detail"]
    r = c.post("/api/afspraken/bereken", json={"tekst": SLECHT_YAML.decode(), "naam": "kapot.yaml"})
    assert r.status_code == 422 and "kapot.yaml, regel 3, veld 'periode.jaren'" in r.json()["detail"]
    r = c.post("/api/afspraken/bereken", json={"voorbeeld": "arnhem_nijmegen.yaml"})
    assert r.status_code == 200 and r.json()["regio"]["naam"]
    assert {v["voorbeeld"] for v in c.get("/api/afspraken/voorbeelden").json()["voorbeelden"]} >= {
        "haaglanden.yaml", "haaglanden_zonder_herkomst.yaml"}


# -- authorization ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("wie", "status"), [(None, 401), ("lezer", 200), ("delft", 200)])
def test_rekenen_en_downloaden_mag_iedere_gebruiker(klanten, wie, status):
    c = klanten[wie]
    assert c.post("/api/afspraken/bereken", json={"voorbeeld": "haaglanden.yaml"}).status_code == status
    assert c.post("/api/afspraken/excel", json={"voorbeeld": "haaglanden.yaml"}).status_code == status
    assert c.get("/api/betaalbaarheid/voorbeeld").status_code == status
    assert c.get("/api/betaalbaarheid/sjabloon").status_code == status
    assert c.post("/api/verdeling/afsprakenkader", json=VERKENNER[0]).status_code == status
    r = c.post("/api/betaalbaarheid", data={"regio": "woningmarktregio:Haaglanden"},
               files={"programma": ("p.csv", PROGRAMMA.read_bytes(), "text/csv")})
    assert r.status_code == status
    for url in ("/afspraken?voorbeeld=haaglanden.yaml", "/betaalbaarheid?voorbeeld=haaglanden",
                "/download/afspraken.xlsx?voorbeeld=haaglanden.yaml",
                "/download/betaalbaarheid.csv?voorbeeld=haaglanden"):
        assert c.get(url, follow_redirects=False).status_code == (303 if wie is None else 200)


@pytest.mark.parametrize(("wie", "status"), [(None, 401), ("lezer", 403), ("delft", 403), ("beheerder", 200)])
def test_afspraak_vastleggen_alleen_beheerder(klanten, wie, status):
    r = klanten[wie].post("/api/afspraken/vastleggen", json={"voorbeeld": "haaglanden_zonder_herkomst.yaml"})
    assert r.status_code == status, r.text
    if status == 200:
        assert any("Haaglanden" in b for b in r.json()["berichten"])
        audit = klanten["beheerder"].get("/api/audit").json()["audit"]
        assert any(a["wie"] == "beheerder" for a in audit)
    if wie == "lezer":
        assert "regio-beheerder" in r.json()["detail"]


def test_vastleggen_vraagt_csrf(app_met_gebruikers, ingelogd):
    c = ingelogd(app_met_gebruikers, "beheerder")
    del c.headers["X-CSRF-Token"]
    r = c.post("/api/afspraken/vastleggen", json={"voorbeeld": "haaglanden_zonder_herkomst.yaml"})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    assert c.post("/afspraken/vastleggen", data={"voorbeeld": "haaglanden.yaml"}).status_code == 403


def test_openapi_bevat_nieuwe_routes(lokaal):
    paden = lokaal.get("/api/openapi.json").json()["paths"]
    for pad in ("/api/afspraken/bereken", "/api/afspraken/excel", "/api/afspraken/vergelijk",
                "/api/afspraken/vastleggen", "/api/afspraken/voorbeelden", "/api/betaalbaarheid",
                "/api/betaalbaarheid/voorbeeld", "/api/betaalbaarheid/sjabloon", "/api/verdeling/afsprakenkader"):
        assert pad in paden, pad


# -- betaalbaarheid ---------------------------------------------------------------------------------------------------


def test_betaalbaarheid_demo(klanten):
    t = klanten["lezer"].get("/betaalbaarheid?voorbeeld=haaglanden&sleutel=gelijk-aandeel").text
    for stuk in ('id="betaalbaarheid-minimum_per_gemeente"', 'id="betaalbaarheid-plantoets"',
                 'id="betaalbaarheid-restopgave"', 'id="betaalbaarheid-projectie"', 'id="betaalbaarheid-regels"',
                 'id="concept-regels"', "status-ontwerp", "(ontheffing)", "Midden-Delfland", "fictief voorbeeld"):
        assert stuk in t, stuk
    assert "Betaalbaarheid Haaglanden" in t and "Uitleg per gemeente" in t


def test_betaalbaarheid_upload_en_downloads(lokaal):
    csrf = _csrf(lokaal)
    r = lokaal.post("/betaalbaarheid", data={"csrf_token": csrf, "regio": "woningmarktregio:Haaglanden",
                                             "sleutel": "laagste-aandeel"},
                    files={"programma": ("programma.csv", PROGRAMMA.read_bytes(), "text/csv")})
    assert r.status_code == 200 and 'id="betaalbaarheid-restopgave"' in r.text and "programma_inhoud" in r.text
    import base64

    r = lokaal.post("/download/betaalbaarheid.xlsx", data={
        "csrf_token": csrf, "regio": "woningmarktregio:Haaglanden", "sleutel": "laagste-aandeel",
        "programma_naam": "programma.csv", "programma_inhoud": base64.b64encode(PROGRAMMA.read_bytes()).decode()})
    boek = load_workbook(io.BytesIO(r.content))
    assert boek.sheetnames[-1] == "Bronnen" and len(boek.sheetnames) >= 6
    r = lokaal.get("/download/programma_sjabloon.xlsx?regio=woningmarktregio:Haaglanden")
    assert "Invullen" in load_workbook(io.BytesIO(r.content)).sheetnames
    assert lokaal.get("/download/voorbeeldprogramma.csv").text.startswith("gemeentenaam,")


def test_betaalbaarheid_slecht_programma_nederlandse_fout(lokaal):
    slecht = b"gemeentenaam,gecontracteerd,niet_gecontracteerd\nDelft,veel,10\nAtlantis,1,2\n"
    r = lokaal.post("/betaalbaarheid", data={"csrf_token": _csrf(lokaal), "regio": "woningmarktregio:Haaglanden"},
                    files={"programma": ("prog.csv", slecht, "text/csv")})
    assert r.status_code == 422 and 'id="betaalbaarheidfout"' in r.text
    assert "prog.csv, regel 2, kolom &#39;gecontracteerd&#39;" in r.text and "Atlantis" in r.text
    assert "/tmp" not in r.text
    r = lokaal.post("/api/betaalbaarheid", data={"sleutel": "willekeurig"},
                    files={"programma": ("p.csv", PROGRAMMA.read_bytes(), "text/csv")})
    assert r.status_code == 422 and "sleutel" in r.json()["detail"]
    r = lokaal.post("/api/betaalbaarheid", files={"programma": ("p.pdf", b"%PDF", "application/pdf")})
    assert r.status_code == 422 and "onbekend bestandstype" in r.json()["detail"]


def test_navigatie_bevat_nieuwe_paginas(lokaal):
    t = lokaal.get("/").text
    assert 'href="/afspraken"' in t and 'href="/betaalbaarheid"' in t


def test_geen_tijdelijke_bestanden_achtergelaten(lokaal):
    import tempfile

    voor = set(Path(tempfile.gettempdir()).glob("verdeelwijzer-*"))
    lokaal.post("/api/afspraken/bereken", json={"tekst": SLECHT_YAML.decode()})
    lokaal.post("/api/betaalbaarheid", files={"programma": ("p.csv", PROGRAMMA.read_bytes(), "text/csv")})
    assert set(Path(tempfile.gettempdir()).glob("verdeelwijzer-*")) == voor
