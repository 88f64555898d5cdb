"""Monitoring that tells the truth (issue 15, item 4): after importing the 2027 example figures
(voorbeelden/monitoring/) the default view judges 2027 — not "today" — so no tile or row says
"nog niet begonnen" next to imported figures; the map is coloured by status class with the thresholds from
the rule monitoring_drempels; periods that have not begun are not drawn as 0."""

from __future__ import annotations

import re
from datetime import date

import pytest

from verdeelwijzer.voorbeelden import voorbeeldmap
from verdeelwijzer.web.monitoring_paginas import klasse_van_rij, standaard_peildatum, statusklassen


def _csrf(c) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


@pytest.fixture
def met_2027(lokaal):
    """A local app with the example agreement Haaglanden adopted and the 2027 figures imported."""
    token = _csrf(lokaal)
    r = lokaal.post("/afspraken/vastleggen", data={"voorbeeld": "haaglanden.yaml", "csrf_token": token})
    assert r.status_code == 200, r.text[:500]
    for naam in ("instroom_2027.csv", "verhuringen_2027.csv"):
        inhoud = (voorbeeldmap() / "monitoring" / naam).read_bytes()
        r = lokaal.post("/monitoring/importeer", data={"csrf_token": token},
                        files={"bestand": (naam, inhoud, "text/csv")})
        assert r.status_code == 200, r.text[:500]
    return lokaal


def test_standaard_peildatum_valt_in_laatste_periode_met_cijfers(met_2027) -> None:
    koppeling = met_2027.app.state.koppeling
    _, invoer, _ = koppeling.monitoring_laad(None)
    p2027 = next(p for p in invoer.perioden if p.code == "2027")
    assert standaard_peildatum(invoer, date(2026, 12, 2)) == p2027.eind      # before 2027: judge at its end
    assert standaard_peildatum(invoer, date(2027, 6, 30)) == date(2027, 6, 30)  # inside 2027: today
    assert standaard_peildatum(invoer, date(2031, 1, 1)) == p2027.eind      # long after: still 2027's end


def test_standaardweergave_toont_de_echte_status(met_2027) -> None:
    from verdeelwijzer.monitoring.drempels import drempels_op, status_tekst
    from verdeelwijzer.monitoring.stand import bereken_stand, grootboek_rijen

    c = met_2027
    koppeling = c.app.state.koppeling
    _, invoer, categorieen = koppeling.monitoring_laad(None)
    peildatum = standaard_peildatum(invoer, date.today())
    verwacht = grootboek_rijen(bereken_stand(invoer, peildatum, drempels_op), {})
    rijen_2027 = [r for r in verwacht if r["periode"] == "2027"]
    assert rijen_2027 and all(r["status"] != "nog niet begonnen" for r in rijen_2027)

    t = c.get("/monitoring").text
    dag = peildatum
    maanden = ("januari februari maart april mei juni juli augustus september oktober november december").split()
    assert f"peildatum {dag.day} {maanden[dag.month - 1]} {dag.year}" in t
    # The map shows period 2027 (the one with figures), the first category, coloured by status class.
    assert "periode 2027" in t
    klassen, woorden = statusklassen(drempels_op(peildatum))
    eerste = categorieen[0]
    for r in (r for r in rijen_2027 if r["categorie"] == eerste):
        k = klasse_van_rij(r, woorden)
        assert k is not None
        pad = re.search(rf'<path[^>]*data-code="{r["gemeentecode"]}"[^>]*>', t)
        assert pad and klassen[k].kleur in pad.group(0), (r, pad and pad.group(0))
    # The legend gives every status class with its thresholds in Dutch, and the source rule.
    for item in klassen:
        assert item.label.split(":")[0] in t
    assert "monitoring_drempels" in t and status_tekst(drempels_op(peildatum).treden[0].status) in t
    from .test_taal import overtredingen

    assert overtredingen(t) == []  # the example agreement's texts (besluit, dates) read as Dutch too
    # Tiles of 2027 (imported) state a real status, matching the numbers; later periods honestly have not begun.
    tegels = re.findall(r'<div class="tegel"><div>(\S+) · ([^<]+)</div>\s*<div class="getal-groot">[^<]*</div>\s*'
                        r'<span class="status[^"]*">([^<]+)</span>', t)
    assert any(p == "2027" for p, _, _ in tegels), tegels
    for p, _, status in tegels:
        assert (status == "nog niet begonnen") == (p != "2027"), tegels


def test_toekomstige_perioden_niet_als_nul_getekend(met_2027) -> None:
    t = met_2027.get("/monitoring?peildatum=2027-12-31").text
    # The trend chart's realised line has a point for 2027 only (2028 has not begun on this date).
    grafiek = re.search(r'<svg[^>]*class="[^"]*grafiek[^"]*".*?</svg>', t, flags=re.S)
    assert grafiek, "trendgrafiek ontbreekt"
    assert "2027: " in grafiek.group(0) and "2028: " not in grafiek.group(0)


def test_sjablonen_en_voorbeeldkader_te_downloaden(met_2027) -> None:
    import io
    import zipfile

    c = met_2027
    t = c.get("/monitoring").text
    assert 'id="download-sjablonen"' in t
    r = c.get("/download/monitoring-sjablonen.zip")
    assert r.status_code == 200
    namen = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert any(n.endswith(".xlsx") for n in namen) and any(n.endswith(".csv") for n in namen)

    assert 'id="download-voorbeeldkader"' in c.get("/afspraken?voorbeeld=haaglanden.yaml").text
    r = c.get("/download/voorbeeld/haaglanden.zip")
    assert r.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(r.content))
    yaml_tekst = z.read("haaglanden.yaml").decode("utf-8")
    # Every other file in the zip is one the YAML names.
    assert all(n in yaml_tekst for n in z.namelist() if n != "haaglanden.yaml")
    assert len(z.namelist()) > 1
    assert c.get("/download/voorbeeld/bestaat_niet.zip").status_code in (404, 422)
    assert c.get("/download/afsprakenkader-schema.json").json()
