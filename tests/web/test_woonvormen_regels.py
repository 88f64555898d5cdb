"""The page /woonvormen/regels (issue 13, item 5): the 80-10-10 location rule, the plan checklist and the
standplaatsen rule on the shipped examples and on uploads — the page, its Excel/CSV downloads and the CLI JSON
show the same numbers; plus the attacks on the new routes."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from verdeelwijzer.web.beveiliging import CSRF_VELD

MAP = Path(__file__).resolve().parents[2] / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "woonvormen"
VOORBEELDEN = {
    "locaties": ("rivierenland", ["locaties", str(MAP / "locaties_rivierenland.csv"), "--regio", "regio:Rivierenland"],
                 "locaties"),
    "plantoets": ("westfriesland", ["plantoets", str(MAP / "plannen_westfriesland.csv")], "plannen"),
    "standplaatsen": ("noordoost-brabant-huishoudens",
                      ["standplaatsen", str(MAP / "standplaatsen_noordoost_brabant_per_huishouden.csv"), "--regio",
                       "arbeidsmarktregio:Noordoost-Brabant", "--extra", "12", "--verzoeken",
                       str(MAP / "familieverzoeken_noordoost_brabant.csv")], "gemeenten"),
}


def _csrf(client) -> str:
    return re.search(rf'name="{CSRF_VELD}" value="([^"]+)"', client.get("/woonvormen/regels").text).group(1)


def _tabel(html: str, regel: str) -> list[list[str]]:
    tbody = re.search(rf'id="{regel}-tabel">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [[unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", tbody, re.S)]


def _getal(tekst: str) -> float:
    return float(tekst.replace(" %", "").replace(".", "").replace(",", "."))


def _gelijk(a: list[tuple], b: list[tuple]) -> None:
    """Row by row equal; floats to Excel's 15 significant digits (the cell holds the same double, rounded)."""
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert len(x) == len(y)
        for p, q in zip(x, y, strict=True):
            assert p == (pytest.approx(q, rel=1e-14) if isinstance(q, float) else q)


def _xlsx_rijen(inhoud: bytes, blad: str) -> list[tuple]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(inhoud))[blad]
    return [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] is not None and r[1] is not None]


@pytest.mark.parametrize("regel", list(VOORBEELDEN))
def test_pagina_gelijk_aan_cli(regel, lokaal, cli) -> None:
    voorbeeld, args, lijst = VOORBEELDEN[regel]
    proces = cli("woonvormen", *args, "--format", "json", check=False)
    data = json.loads(proces.stdout)[lijst]
    r = lokaal.get("/woonvormen/regels", params={"regel": regel, "voorbeeld": voorbeeld})
    assert r.status_code == 200, r.text
    from .test_taal import overtredingen

    assert overtredingen(r.text) == []  # no exact fractions, ISO dates or raw column names in the main view
    rijen = _tabel(r.text, regel)
    assert len(rijen) == len(data)
    for rij, d in zip(rijen, data, strict=True):
        if regel == "locaties":
            assert rij[1] == d["locatie"] and rij[7] == ("ja" if d["voldoet"] else "nee")
            assert _getal(rij[4]) == pytest.approx(d["aandeel_gemeente"] * 100, abs=0.05)
        elif regel == "plantoets":
            assert rij[1] == d["plan"] and rij[6] == d["status"]
            assert "plannen_westfriesland.csv, regel 4" in re.search(
                r'id="plantoets-uitleg-ontbreekt">(.*?)</div>', r.text, re.S).group(1)
            assert _getal(rij[4]) == pytest.approx(d["aandeel_nultreden"] * 100, abs=0.05)
        else:
            assert rij[1] == d["gemeentecode"]
            assert [int(x) for x in rij[4:7]] == [d["eigen"], d["familie"], d["extra"]]
            assert _getal(rij[7]) == pytest.approx(d["dichtheid_na"], abs=0.005)
    # the Excel download of the example: the same numbers as the JSON, exactly
    x = lokaal.get(f"/download/woonvormen-regels/{regel}.xlsx", params={"voorbeeld": voorbeeld})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    blad = {"locaties": "Locatieregel", "plantoets": "Plantoets", "standplaatsen": "Standplaatsen"}[regel]
    xrijen = _xlsx_rijen(x.content, blad)
    if regel == "standplaatsen":
        _gelijk([(r[1], r[4], r[5], r[6], r[7]) for r in xrijen],
                [(d["gemeentecode"], d["eigen"], d["familie"], d["extra"], d["dichtheid_na"]) for d in data])
    else:
        sleutel = "aandeel_gemeente" if regel == "locaties" else "aandeel_nultreden"
        _gelijk([(r[0], r[4]) for r in xrijen], [(d["regel"], d[sleutel]) for d in data])
    # the Dutch-Excel CSV: BOM, semicolons, decimal comma
    c = lokaal.get(f"/download/woonvormen-regels/{regel}.csv", params={"voorbeeld": voorbeeld})
    assert c.content.startswith(b"\xef\xbb\xbf") and ";" in c.text.splitlines()[0]
    assert len(c.text.strip().splitlines()) == len(data) + 1


def test_cli_excel_gelijk_aan_json(cli, tmp_path) -> None:
    for regel, (_, args, lijst) in VOORBEELDEN.items():
        pad = tmp_path / f"{regel}.xlsx"
        proces = cli("woonvormen", *args, "--format", "json", "--excel", str(pad), check=False)
        data = json.loads(proces.stdout)[lijst]
        from openpyxl import load_workbook

        boek = load_workbook(pad)
        assert {"Dekblad", "Bronnen", "Waarschuwingen"} <= set(boek.sheetnames)
        dek = {r[0]: r[1] for r in boek["Dekblad"].iter_rows(values_only=True) if r[0]}
        assert "CC BY" in dek["Attributie"]
        bronnen = [r for r in boek["Bronnen"].iter_rows(values_only=True) if r[0]]
        assert any(r[0] == "invoer" for r in bronnen)
        blad = boek.sheetnames[1]
        rijen = [r for r in boek[blad].iter_rows(min_row=4, values_only=True) if r[0] is not None and r[1] is not None]
        if regel == "locaties":
            _gelijk([(r[0], r[4], r[5], r[6], r[7]) for r in rijen],
                    [(d["regel"], d["aandeel_gemeente"], d["aandeel_regio"], d["aandeel_buiten"],
                      "ja" if d["voldoet"] else "nee") for d in data])
            assert any(r[0] == "regel" and r[3] == "seed" and "gemeente_minimaal" in r[2] for r in bronnen)
        elif regel == "plantoets":
            _gelijk([(r[0], r[4], r[5], r[6]) for r in rijen],
                    [(d["regel"], d["aandeel_nultreden"], d["aandeel_zorg"], d["status"]) for d in data])
            waarsch = [r[0] for r in boek["Waarschuwingen"].iter_rows(min_row=4, values_only=True) if r[0]]
            assert any("regel 4" in w for w in waarsch)
        else:
            _gelijk([(r[1], r[2], r[4], r[5], r[6], r[7]) for r in rijen],
                    [(d["gemeentecode"], d["dichtheid_voor"], d["eigen"], d["familie"], d["extra"],
                      d["dichtheid_na"]) for d in data])
            assert "Stappen" in boek.sheetnames


def test_upload_en_download(lokaal) -> None:
    token = _csrf(lokaal)
    inhoud = (MAP / "standplaatsen_noordoost_brabant.csv").read_bytes()
    velden = {CSRF_VELD: token, "regio": "arbeidsmarktregio:Noordoost-Brabant", "extra": "12"}
    r = lokaal.post("/woonvormen/regels/standplaatsen", data=velden,
                    files={"bestand": ("mijn standplaatsen.csv", inhoud, "text/csv")})
    assert r.status_code == 200, r.text
    assert "ingelezen bestand mijn_standplaatsen.csv" in r.text
    voorbeeld = lokaal.get("/woonvormen/regels", params={"regel": "standplaatsen", "voorbeeld": "noordoost-brabant"})
    assert _tabel(r.text, "standplaatsen") == _tabel(voorbeeld.text, "standplaatsen")
    # the download form sends the file back (base64) and gets the same workbook rows
    b64 = re.search(r'name="bestand_inhoud" value="([^"]+)"', r.text).group(1)
    x = lokaal.post("/woonvormen/regels/standplaatsen", data={**velden, "bestand_naam": "mijn_standplaatsen.csv",
                                                             "bestand_inhoud": b64, "uitvoer": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    y = lokaal.get("/download/woonvormen-regels/standplaatsen.xlsx", params={"voorbeeld": "noordoost-brabant"})
    assert _xlsx_rijen(x.content, "Standplaatsen") == _xlsx_rijen(y.content, "Standplaatsen")
    c = lokaal.post("/woonvormen/regels/standplaatsen", data={**velden, "bestand_naam": "s.csv",
                                                             "bestand_inhoud": b64, "uitvoer": "csv"})
    assert c.content.startswith(b"\xef\xbb\xbf") and "Land van Cuijk" in c.text
    # the example input files, from the fixed list only
    assert lokaal.get("/download/woonvormen-voorbeeld/plannen_westfriesland.csv").text.startswith("plan,")


def test_aanvallen(lokaal) -> None:
    goed = (MAP / "plannen_westfriesland.csv").read_bytes()
    # no CSRF token
    assert lokaal.post("/woonvormen/regels/plantoets", files={"bestand": ("p.csv", goed)}).status_code == 403
    token = _csrf(lokaal)
    # wrong type
    r = lokaal.post("/woonvormen/regels/plantoets", data={CSRF_VELD: token}, files={"bestand": ("p.exe", b"MZ\0")})
    assert r.status_code == 422 and "onbekend bestandstype" in r.text
    # bad rows: file, row and column named; a server path as name is cut to its base name, never read
    slecht = (b"plan,gemeentenaam,woningen,nultreden,rolstoel,zorg,uitleg\n"
              b"A,Hoorn,10,=1+1,0,0,\nB,Nergenshuizen,10,2,1,1,\nC,Hoorn,10,20,0,0,\n")
    r = lokaal.post("/woonvormen/regels/plantoets", data={CSRF_VELD: token},
                    files={"bestand": ("../../etc/passwd.csv", slecht)})
    assert r.status_code == 422
    fout = unescape(re.search(r'id="plantoets-fout">.*?<pre>(.*?)</pre>', r.text, re.S).group(1))
    assert "passwd.csv, regel 2, kolom 'nultreden'" in fout and "regel 3" in fout and "Nergenshuizen" in fout
    assert "regel 4" in fout and "/tmp" not in fout and "verdeelwijzer-regel-" not in fout and "root:" not in fout
    # unknown rule, unknown example, path tricks in the example selector and the example-file download
    assert lokaal.post("/woonvormen/regels/x", data={CSRF_VELD: token},
                       files={"bestand": ("p.csv", goed)}).status_code == 404
    for v in ("../../../etc/passwd", "rivierenland", "westfriesland/../x", "%2e%2e"):
        assert lokaal.get("/woonvormen/regels", params={"regel": "plantoets", "voorbeeld": v}).status_code == 404
    assert lokaal.get("/download/woonvormen-voorbeeld/..%2F..%2Fpyproject.toml").status_code == 404
    assert lokaal.get("/download/woonvormen-voorbeeld/drechtsteden.yaml").status_code == 404
    assert lokaal.get("/download/woonvormen-regels/plantoets.exe", params={"voorbeeld": "westfriesland"}
                      ).status_code == 404
    # a region that does not exist, extra that is no whole number: Dutch errors naming the field
    r = lokaal.get("/woonvormen/regels", params={"regel": "standplaatsen", "voorbeeld": "noordoost-brabant",
                                                 "extra": "-1"})
    assert r.status_code == 422 and "extra behoefte" in r.text
    r = lokaal.post("/woonvormen/regels/locaties", data={CSRF_VELD: token, "regio": "/etc/passwd"},
                    files={"bestand": ("l.csv", (MAP / "locaties_rivierenland.csv").read_bytes())})
    assert r.status_code == 422 and "root:" not in r.text
    # a formula in an uploaded cell is never evaluated, and is neutralised in the downloads
    formule = b"locatie,gemeentenaam,werkt_in_gemeente,werkt_in_regio,werkt_buiten_regio\n=HYPERLINK(1),Tiel,8,1,1\n"
    velden = {CSRF_VELD: token, "regio": "regio:Rivierenland"}
    r = lokaal.post("/woonvormen/regels/locaties", data=velden, files={"bestand": ("f.csv", formule)})
    assert r.status_code == 200 and "=HYPERLINK(1)" in unescape(r.text)
    c = lokaal.post("/woonvormen/regels/locaties", data=velden | {"uitvoer": "csv"},
                    files={"bestand": ("f.csv", formule)})
    assert "'=HYPERLINK(1)" in c.text
    x = lokaal.post("/woonvormen/regels/locaties", data=velden | {"uitvoer": "xlsx"},
                    files={"bestand": ("f.csv", formule)})
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(x.content))["Locatieregel"]
    cel = ws.cell(row=4, column=2)
    assert cel.data_type == "s" and str(cel.value).endswith("=HYPERLINK(1)")
    # formula cells in an uploaded workbook: never evaluated; a formula where a number belongs is a row/column error
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.append(["locatie", "gemeentenaam", "werkt_in_gemeente", "werkt_in_regio", "werkt_buiten_regio"])
    blad.append(['=HYPERLINK("http://x","a")', "Tiel", "=SUM(4,4)", 1, 1])
    buf = io.BytesIO()
    boek.save(buf)
    r = lokaal.post("/woonvormen/regels/locaties", data=velden, files={"bestand": ("f.xlsx", buf.getvalue())})
    assert r.status_code == 422 and "f.xlsx, regel 2, kolom 'werkt_in_gemeente'" in unescape(r.text)
    # corrupted base64 in the download form
    r = lokaal.post("/woonvormen/regels/locaties", data=velden | {"bestand_naam": "f.csv", "bestand_inhoud": "%%%"})
    assert r.status_code == 422 and "beschadigd" in r.text


def test_verzoekgrootte_begrensd(tmp_path, instellingen) -> None:
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import maak_app

    app = maak_app(instellingen(tmp_path, max_verzoek=4096, max_upload=64 * 1024))
    try:
        c = TestClient(app)
        groot = b"plan,gemeentenaam,woningen,nultreden,rolstoel,zorg,uitleg\n" + b"A,Hoorn,10,3,1,3,\n" * 5000
        assert c.post("/woonvormen/regels/plantoets", files={"bestand": ("p.csv", groot)}).status_code == 413
        token = _csrf(c)
        veel = b"plan,gemeentenaam,woningen,nultreden,rolstoel,zorg,uitleg\n" + b"A,Hoorn,x,3,1,3,\n" * 2000
        r = c.post("/woonvormen/regels/plantoets", data={CSRF_VELD: token}, files={"bestand": ("p.csv", veel)})
        assert r.status_code == 422 and "en nog" in r.text
    finally:
        app.state.koppeling.sluit()


def test_in_browser(browser, live_lokaal, tmp_path) -> None:
    """Run the standplaatsen example by keyboard, then upload a bad plannen file and see the Dutch error; axe-core
    finds nothing after either interaction."""
    pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
    from playwright.sync_api import expect

    from .conftest import schermafdruk
    from .test_toegankelijkheid import controleer

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    try:
        p = context.new_page()
        p.set_default_timeout(60000)
        p.goto(live_lokaal.url + "/woonvormen")
        p.locator("#link-regeltypen").click()
        expect(p.locator("h1")).to_contain_text("Regeltypen")
        p.select_option("#standplaatsen-voorbeeld", value="noordoost-brabant")
        p.fill("#standplaatsen-v-extra", "12")
        p.locator("#standplaatsen-v-extra").press("Enter")  # submits the form, by keyboard
        expect(p.locator("#standplaatsen-tabel")).to_contain_text("Land van Cuijk")
        expect(p.locator("#standplaatsen-uitkomst")).to_contain_text("Regionaal gemiddelde")
        schermafdruk(p, "woonvormen_regels_standplaatsen")
        controleer(p)
        slecht = tmp_path / "plannen.csv"
        slecht.write_text("plan,gemeentenaam,woningen,nultreden,rolstoel,zorg,uitleg\nA,Hoorn,10,drie,1,3,\n",
                          encoding="utf-8")
        p.set_input_files("#plantoets-bestand", str(slecht))
        p.locator("#plantoets-uploadformulier button[type=submit]").click()
        expect(p.locator("#plantoets-fout")).to_contain_text("plannen.csv, regel 2, kolom 'nultreden'")
        expect(p.locator("#plantoets-fout")).to_contain_text("geen heel aantal")
        schermafdruk(p, "woonvormen_regels_fout")
        controleer(p)
    finally:
        context.close()
