"""No dead ends (issue 15, item 5): every template downloaded from a page and uploaded back unchanged gives
one friendly "nog leeg" message (never a wall of errors); example agreements download as YAML and zip;
monitoring starts from /monitoring itself, as `verdeelwijzer monitor init --afspraken` does."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from verdeelwijzer.voorbeelden import voorbeeldmap

REGIO = "woningmarktregio:Haaglanden"


def _csrf(c) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


def _melding(tekst: str, id_: str) -> str:
    m = re.search(rf'id="{id_}">.*?<pre>(.*?)</pre>', tekst, re.S)
    assert m, f"geen melding #{id_}"
    return m.group(1).replace("&#39;", "'")


def _een_vriendelijke_melding(melding: str, bestand: str) -> None:
    assert "is nog leeg" in melding and bestand in melding, melding
    assert melding.count("\n") <= 1, melding  # one message, not one per empty cell


@pytest.mark.parametrize("regio", [None, REGIO])
def test_programmasjabloon_ongewijzigd(lokaal, regio) -> None:
    c = lokaal
    sjabloon = c.get("/download/programma_sjabloon.xlsx", params={"regio": regio} if regio else {}).content
    data = {"csrf_token": _csrf(c)} | ({"regio": regio} if regio else {})
    r = c.post("/betaalbaarheid", data=data, files={"programma": ("programma_sjabloon.xlsx", sjabloon)})
    assert r.status_code == 422
    _een_vriendelijke_melding(_melding(r.text, "betaalbaarheidfout"), "programma_sjabloon.xlsx")


@pytest.mark.parametrize("soort", ["behoefte", "aanbod"])
def test_opgavesjabloon_ongewijzigd(lokaal, soort) -> None:
    c = lokaal
    sjabloon = c.get(f"/download/{soort}_sjabloon.xlsx", params={"regio": REGIO}).content
    r = c.post("/opgave", data={"csrf_token": _csrf(c), "regio": REGIO},
               files={soort: (f"{soort}_sjabloon.xlsx", sjabloon)})
    assert r.status_code == 422
    _een_vriendelijke_melding(_melding(r.text, "opgavefout"), f"{soort}_sjabloon.xlsx")


def test_monitoringsjablonen_ongewijzigd(lokaal) -> None:
    c = lokaal
    token = _csrf(c)
    assert c.post("/monitoring/start", data={"csrf_token": token, "voorbeeld": "haaglanden.yaml"}).status_code == 200
    z = zipfile.ZipFile(io.BytesIO(c.get("/download/monitoring-sjablonen.zip").content))
    assert len(z.namelist()) == 6
    voor = c.get("/api/monitoring/stand").json()
    for naam in z.namelist():
        r = c.post("/monitoring/importeer", data={"csrf_token": token}, files={"bestand": (naam, z.read(naam))})
        assert r.status_code == 422, naam
        _een_vriendelijke_melding(_melding(r.text, "monitoringfout"), naam)
    assert c.get("/api/monitoring/stand").json() == voor  # nothing changed
    # Filled in, the same template imports.
    sjabloon = z.read("monitoring_instroom.csv").decode("utf-8-sig")
    kop, *rijen = sjabloon.splitlines()
    scheiding = ";" if ";" in kop else ","
    kolommen = kop.split(scheiding)
    gevuld = [kop]
    for rij in rijen:
        cellen = rij.split(scheiding)
        cellen[kolommen.index("periode")] = "2027"
        cellen[kolommen.index("instroom")] = "1"
        gevuld.append(scheiding.join(cellen))
    r = c.post("/monitoring/importeer", data={"csrf_token": token},
               files={"bestand": ("instroom.csv", "\n".join(gevuld).encode("utf-8"))})
    assert r.status_code == 200, r.text[:2000]


def test_voorbeeldafspraken_te_downloaden(lokaal) -> None:
    c = lokaal
    t = c.get("/afspraken").text
    for naam in ("haaglanden", "drechtsteden"):
        assert f'href="/download/voorbeeld/{naam}.yaml"' in t
        r = c.get(f"/download/voorbeeld/{naam}.yaml")
        assert r.status_code == 200 and r.content == (voorbeeldmap() / f"{naam}.yaml").read_bytes()
    assert 'href="/download/voorbeeld/haaglanden.zip"' in t  # names files: also as zip
    assert 'href="/download/voorbeeld/drechtsteden.zip"' not in t  # names none: YAML only
    assert c.get("/download/voorbeeld/..%2F..%2Fpyproject.yaml").status_code in (404, 422)


def test_monitoring_starten_vanaf_de_pagina(lokaal) -> None:
    c = lokaal
    t = c.get("/monitoring").text
    assert 'id="startformulier"' in t and "monitor init" not in t
    assert 'href="/download/monitoring-sjablonen.zip"' in t
    z = c.get("/download/voorbeeld/haaglanden.zip").content
    r = c.post("/monitoring/start", data={"csrf_token": _csrf(c)}, files={"bestand": ("haaglanden.zip", z)})
    assert r.status_code == 200 and "vastgesteld" in r.text and 'id="grootboektabel"' in r.text
    # A broken file: Dutch message with line and field, nothing stored.
    r = c.post("/monitoring/start", data={"csrf_token": _csrf(c)}, files={"bestand": ("kapot.yaml", b"naam: x\n")})
    assert r.status_code == 422 and "kapot.yaml, regel 1, veld 'regio'" in _melding(r.text, "monitoringfout")
    # A second region: the page shows the first, not an error asking for --regio.
    r = c.post("/monitoring/start", data={"csrf_token": _csrf(c), "voorbeeld": "drechtsteden.yaml"})
    assert r.status_code == 200 and "Drechtsteden" in r.text
    assert c.get("/monitoring").status_code == 200


def test_monitoring_starten_alleen_beheerder(klanten) -> None:
    for naam in ("lezer", "delft", None):
        c = klanten[naam]
        r = c.post("/monitoring/start", data={"csrf_token": getattr(c, "csrf", ""), "voorbeeld": "haaglanden.yaml"},
                   follow_redirects=False)
        assert r.status_code in (303, 401, 403), (naam, r.status_code)  # anonymous: to the login page
        assert "vastgesteld" not in r.text
    assert 'id="startformulier"' not in klanten["lezer"].get("/monitoring").text
    assert 'id="startformulier"' in klanten["beheerder"].get("/monitoring").text


def test_taal_na_starten_en_lege_sjablonen(lokaal) -> None:
    from .test_taal import overtredingen

    c = lokaal
    assert overtredingen(c.get("/monitoring").text) == []  # empty state: an action, no command line
    r = c.post("/monitoring/start", data={"csrf_token": _csrf(c), "voorbeeld": "haaglanden.yaml"})
    assert overtredingen(r.text) == []


def test_zonder_afspraak_geen_opdrachtregel(lokaal) -> None:
    for pad in ("/api/monitoring/stand", "/download/monitoring.csv"):
        r = lokaal.get(pad)
        assert r.status_code == 422 and "verdeelwijzer monitor" not in r.text and "pagina Monitoring" in r.text


def test_monitoring_start_weigert_vijandige_zip(lokaal) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("kader.yaml", "naam: x")
        z.writestr("../../buiten.csv", "a")
    r = lokaal.post("/monitoring/start", data={"csrf_token": _csrf(lokaal)},
                    files={"bestand": ("aanval.zip", buffer.getvalue())})
    assert r.status_code == 422 and "'..'" in _melding(r.text, "monitoringfout")
    assert lokaal.app.state.koppeling.monitoring_regios() == []  # nothing adopted
