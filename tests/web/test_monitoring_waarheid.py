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


def test_peildatum_blijft_na_een_correctie(met_2027) -> None:
    """The correction form posts, then redirects back to the same view: peildatum, period and category stay
    in the URL, and the page reads the stored figure back from the ledger."""
    from urllib.parse import parse_qs, urlsplit

    c = met_2027
    t = c.get("/monitoring?peildatum=2027-06-30&periode=2027&categorie=medisch%20urgent").text
    assert '<input type="hidden" name="peildatum" value="2027-06-30">' in t
    r = c.post("/monitoring/wijzig", data={"csrf_token": _csrf(c), "periode": "2027", "gemeentecode": "GM0503",
                                           "categorie": "medisch urgent", "aantal": "33", "regio": "",
                                           "peildatum": "2027-06-30"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    doel = urlsplit(r.headers["location"])
    assert doel.path == "/monitoring"
    q = parse_qs(doel.query)
    assert q["peildatum"] == ["2027-06-30"] and q["periode"] == ["2027"] and q["categorie"] == ["medisch urgent"]
    t = c.get(r.headers["location"]).text
    assert "peildatum 30 juni 2027" in t
    assert "het cijfer van Delft voor periode 2027, medisch urgent, is nu 33" in t
    rij = next(x for x in c.get("/api/monitoring/stand?peildatum=2027-06-30").json()["grootboek"]
               if (x["periode"], x["gemeentecode"], x["categorie"]) == ("2027", "GM0503", "medisch urgent"))
    assert rij["gerealiseerd"] == 33
    # A refused correction also keeps the peildatum (and says why).
    r = c.post("/monitoring/wijzig", data={"csrf_token": _csrf(c), "periode": "2027", "gemeentecode": "GM0503",
                                           "categorie": "bestaat niet", "aantal": "1", "peildatum": "2027-06-30"})
    assert r.status_code == 422 and "peildatum 30 juni 2027" in r.text
    r = c.post("/monitoring/wijzig", data={"csrf_token": _csrf(c), "periode": "2027", "gemeentecode": "GM0503",
                                           "categorie": "medisch urgent", "aantal": "1", "peildatum": "gisteren"})
    assert r.status_code == 422 and "Traceback" not in r.text


def test_geen_verouderde_stand_na_import_en_cache_hergebruikt(met_2027, monkeypatch) -> None:
    """The dashboard is computed once per ledger version: a second view reuses it, and any import (a new
    version) is shown at once."""
    c = met_2027
    koppeling = c.app.state.koppeling
    geladen = []
    origineel = koppeling.monitoring_laad
    monkeypatch.setattr(koppeling, "monitoring_laad", lambda regio: geladen.append(regio) or origineel(regio))
    c.get("/monitoring?peildatum=2027-12-31&periode=2027")
    c.get("/monitoring?peildatum=2027-12-31&periode=2027")
    assert len(geladen) == 1, geladen
    voor = c.get("/api/monitoring/stand?peildatum=2027-12-31").json()["grootboek"]
    token = _csrf(c)
    r = c.post("/monitoring/wijzig", data={"csrf_token": token, "periode": "2027", "gemeentecode": "GM0518",
                                           "categorie": "mantelzorg", "aantal": "999", "peildatum": "2027-12-31"})
    assert r.status_code == 200, r.text[:300]
    na = c.get("/api/monitoring/stand?peildatum=2027-12-31").json()["grootboek"]
    sleutel = ("2027", "GM0518", "mantelzorg")
    assert [x["gerealiseerd"] for x in voor if (x["periode"], x["gemeentecode"], x["categorie"]) == sleutel] != [999]
    assert [x["gerealiseerd"] for x in na if (x["periode"], x["gemeentecode"], x["categorie"]) == sleutel] == [999]
    # The page's tables (rendered once per ledger version) show the new figure too.
    pagina = c.get("/monitoring?peildatum=2027-12-31&periode=2027").text
    rijen = [r for r in re.findall(r'<tr data-code="GM0518">.*?</tr>', pagina, flags=re.S) if "mantelzorg" in r]
    assert len(rijen) == 1 and re.search(r">999<", rijen[0]), rijen


def test_statuswoord_past_bij_de_getallen_en_de_kaart(met_2027) -> None:
    """Above 100 % of the target to date a row is 'voor op schema' in the table, the tiles and the map alike;
    every status word in the table lies in the range the legend gives for it."""
    c = met_2027
    token = _csrf(c)
    c.post("/monitoring/wijzig", data={"csrf_token": token, "periode": "2027", "gemeentecode": "GM0518",
                                       "categorie": "uitstromers MO/BW", "aantal": "5000",
                                       "peildatum": "2027-12-31"})
    t = c.get("/monitoring?peildatum=2027-12-31&periode=2027&categorie=uitstromers%20MO%2FBW").text
    rij = [r for r in re.findall(r'<tr data-code="GM0518">.*?</tr>', t, flags=re.S) if "uitstromers MO/BW" in r]
    assert len(rij) == 1 and "voor op schema" in rij[0], rij
    from verdeelwijzer.monitoring.drempels import drempels_op

    klassen, woorden = statusklassen(drempels_op(date(2027, 12, 31)))
    pad = re.search(r'<path[^>]*data-code="GM0518"[^>]*>', t).group(0)
    assert klassen[0].kleur in pad
    # Every row: the status word and the percentage agree with the rule's thresholds.
    treden = drempels_op(date(2027, 12, 31)).treden
    for x in c.get("/api/monitoring/stand?peildatum=2027-12-31").json()["grootboek"]:
        pct = x["realisatiegraad_pct"]
        if pct is None or x["periode"] != "2027":
            continue
        verwacht = next((t_.status for t_ in treden if pct / 100 >= t_.ondergrens), treden[-1].status)
        assert x["status"] == verwacht.replace("_", " "), x


def test_pagina_klein_grootboek_van_de_gekozen_periode(met_2027) -> None:
    c = met_2027
    t = c.get("/monitoring?peildatum=2027-12-31&periode=2027").text
    tabel = re.search(r'<table id="grootboektabel".*?</table>', t, flags=re.S).group(0)
    perioden = set(re.findall(r'<tr data-code="GM\d{4}">\s*<td[^>]*>(\d{4})</td>', tabel))
    assert perioden == {"2027"}, perioden
    assert 'title="Bron: afspraak' not in tabel  # the source stands once in the footnotes
    assert "Bron: afspraak" in t[t.index('id="grootboektabel"'):t.index('id="mutatiegrenstabel"')]
    # The download keeps every period.
    import io

    from openpyxl import load_workbook

    blad = load_workbook(io.BytesIO(c.get("/download/monitoring.xlsx?peildatum=2027-12-31").content)).worksheets[0]
    assert {str(r[0]) for r in blad.iter_rows(min_row=3, values_only=True)} >= {"2027", "2028"}


def test_browser_na_import_2027_de_juiste_status_op_de_standaardweergave(browser, live_lokaal) -> None:
    """In Chromium, as a policy officer would: adopt the example agreement, import the 2027 figures through the
    page, and the default view (no peildatum chosen) judges 2027 — tiles, map and table agree — with zero
    axe-core violations."""
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import expect

    from verdeelwijzer.monitoring.drempels import drempels_op

    from .test_toegankelijkheid import controleer

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(20000)
    try:
        p.goto(live_lokaal.url + "/afspraken?voorbeeld=haaglanden.yaml")
        p.get_by_role("button", name="Vastleggen voor de monitoring").click()
        p.wait_for_load_state("networkidle")
        p.goto(live_lokaal.url + "/monitoring")
        for naam in ("instroom_2027.csv", "verhuringen_2027.csv"):
            p.set_input_files("#m-bestand", str(voorbeeldmap() / "monitoring" / naam))
            p.get_by_role("button", name="Inlezen").click()
            expect(p.locator(".melding")).to_be_visible()
        p.goto(live_lokaal.url + "/monitoring")  # the default view, nothing chosen
        p.wait_for_load_state("networkidle")

        koppeling = live_lokaal.app.state.koppeling
        _, invoer, categorieen = koppeling.monitoring_laad(None)
        peildatum = standaard_peildatum(invoer, date.today())
        expect(p.locator("#m-peildatum")).to_have_value(peildatum.isoformat())
        expect(p.locator("#m-periode")).to_have_value("2027")
        klassen, woorden = statusklassen(drempels_op(peildatum))
        regio = [r for r in _stand(live_lokaal, peildatum)["regiototalen"]
                 if r["periode"] == "2027" and r["categorie"] == categorieen[0]][0]
        tegel = p.locator(".tegel").filter(has_text="2027 ·")
        expect(tegel).to_contain_text(f"{regio['gerealiseerd']} / {regio['bijgesteld_doel']}")
        verwacht = "voor op schema" if regio["realisatiegraad_pct"] > 100 else regio["status"]
        expect(tegel.locator(".status")).to_have_text(verwacht)
        assert "nog niet begonnen" not in tegel.inner_text()
        # The map: every gemeente coloured by its status class, none grey.
        for r in _stand(live_lokaal, peildatum)["grootboek"]:
            if r["periode"] == "2027" and r["categorie"] == categorieen[0]:
                kleur = klassen[klasse_van_rij(r, woorden)].kleur
                expect(p.locator(f'#inhoud svg path[data-code="{r["gemeentecode"]}"]')).to_have_attribute(
                    "fill", kleur)
        controleer(p)
    finally:
        context.close()


def _stand(live, peildatum: date) -> dict:
    import httpx

    return httpx.get(f"{live.url}/api/monitoring/stand?peildatum={peildatum.isoformat()}", timeout=30).json()


def test_leesbare_datums_ook_in_bronnen_en_download(met_2027) -> None:
    """No ISO date or timestamp anywhere a reader sees, the opened footnotes and the download included."""
    import io

    from openpyxl import load_workbook

    c = met_2027
    t = c.get("/monitoring").text
    zichtbaar = re.sub(r'(value|href|hx-get)="[^"]*"', "", t)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}", zichtbaar), re.search(r".{60}\d{4}-\d{2}-\d{2}.{20}", zichtbaar)
    boek = load_workbook(io.BytesIO(c.get("/download/monitoring.xlsx").content))
    bronnen = " ".join(str(r[0]) for r in boek["Bronnen"].iter_rows(values_only=True))
    assert "vastgelegd op" in bronnen and not re.search(r"\b\d{4}-\d{2}-\d{2}T", bronnen)
