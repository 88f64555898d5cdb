"""Issue 11 on the web: the method select explains each method's properties; spoor 1 marks an uncertain
classification and counts it in the regional check."""

from __future__ import annotations

from verdeelwijzer.voorbeelden import voorbeeldmap


def test_methodekeuze_legt_de_eigenschappen_uit(lokaal):
    from verdeelwijzer.verdeling.paradox import METHODE_EIGENSCHAPPEN

    html = lokaal.get("/verdeling").text
    assert 'aria-describedby="h-methode"' in html and 'id="h-methode"' in html
    assert "Alabama" in html and "populatieparadox" in html
    assert METHODE_EIGENSCHAPPEN["dhondt"].split(";")[0].replace("'", "&#39;") in html


def test_betaalbaarheid_toont_onzekere_classificatie(lokaal):
    programma = (voorbeeldmap() / "haaglanden_programma.csv").read_bytes()
    csrf = lokaal.get("/api/sessie").json()["csrf_token"]
    r = lokaal.post("/betaalbaarheid", data={"regio": "woningmarktregio:Haaglanden", "sleutel": "bouwvolume",
                                             "methode": "sainte-lague", "datum": "2026-07-01"},
                    files={"programma": ("p.csv", programma, "text/csv")}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text[:500]
    assert "Classificatie onzeker" in r.text and "laad de officiële DAEB-voorraad" in r.text
