"""Browser tests (Playwright + Debian's Chromium) for the afsprakenkader and betaalbaarheid pages:
compute an example agreement and download its Excel workbook; upload a broken agreement and see the
Dutch error with its line number; the betaalbaarheid demo; the explorer's afsprakenkader download.
Screenshots (afspraken.png, betaalbaarheid.png) only with VERDEELWIJZER_SCHERMAFDRUKKEN=docs/screenshots."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
from playwright.sync_api import expect  # noqa: E402

from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken  # noqa: E402

from .conftest import schermafdruk  # noqa: E402


def test_voorbeeldafspraak_doorrekenen_en_excel(pagina, live_lokaal):
    fouten: list[str] = []
    pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    pagina.goto(live_lokaal.url + "/afspraken")
    pagina.select_option("#a-voorbeeld", "haaglanden.yaml")
    pagina.get_by_role("button", name="Doorrekenen", exact=True).click()
    expect(pagina.locator("#uitkomst-kop")).to_contain_text("Haaglanden 2027")
    expect(pagina.locator("#concept-regels")).to_be_visible()
    expect(pagina.locator("#totaalbeeld-1")).to_contain_text("Delft")
    pagina.evaluate("document.getElementById('uitkomst-kop').scrollIntoView({block: 'start'})")
    schermafdruk(pagina, "afspraken")

    with pagina.expect_download() as info:
        pagina.locator("#download-excel").click()
    download = info.value
    assert download.suggested_filename == "haaglanden.xlsx"
    boek = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert boek.sheetnames[0] == "Dekblad" and "Totaalbeeld" in boek.sheetnames
    dekblad = {r[0]: r[1] for r in boek["Dekblad"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert dekblad["Regio"].startswith("Haaglanden")
    assert fouten == []


def test_kapotte_afspraak_toont_regelnummer(pagina, live_lokaal, tmp_path):
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text("naam: Test\nregio: Haaglanden\nperiode: {start: 2027, jaren: twee}\ncategorieen:\n"
                     "  - naam: x\n    totaal: {per_jaar: 10}\n    sleutel: {inwoners: 1}\n", encoding="utf-8")
    pagina.goto(live_lokaal.url + "/afspraken")
    pagina.set_input_files("#a-bestand", str(kapot))
    pagina.get_by_role("button", name="Controleren en doorrekenen").click()
    fout = pagina.locator("#afsprakenfout")
    expect(fout).to_contain_text("kan niet worden doorgerekend")
    expect(fout).to_contain_text("kapot.yaml, regel 3, veld 'periode.jaren': verwacht een heel getal")


def test_scenarios_naast_elkaar(pagina, live_lokaal):
    pagina.goto(live_lokaal.url + "/afspraken")
    pagina.select_option("#v-b", "haaglanden_zonder_herkomst.yaml")
    pagina.get_by_role("button", name="Vergelijk").click()
    expect(pagina.locator("#vergelijktabel")).to_contain_text("neemt meer in B")
    expect(pagina.locator("#kernpunten")).to_contain_text("B tegenover A")


def test_betaalbaarheid_demo(pagina, live_lokaal):
    pagina.goto(live_lokaal.url + "/betaalbaarheid")
    pagina.locator("#demo-knop").click()
    tabel = pagina.locator("#betaalbaarheid-minimum_per_gemeente")
    expect(tabel).to_contain_text("Midden-Delfland")
    expect(tabel).to_contain_text("(ontheffing)")
    expect(pagina.locator("#concept-regels")).to_contain_text("ontwerp")
    expect(pagina.locator("#betaalbaarheid-plantoets")).to_contain_text("tekort")
    pagina.evaluate("document.getElementById('uitkomst-kop').scrollIntoView({block: 'start'})")
    schermafdruk(pagina, "betaalbaarheid")


def test_afsprakenkader_downloaden_uit_verkenner(pagina, live_lokaal):
    pagina.goto(live_lokaal.url + "/verdeling?regio=woningmarktregio%3AHaaglanden&totaal=300&gewicht_huishoudens=50"
                "&gewicht_mutaties=50&mutatiegrens=30")
    with pagina.expect_download() as info:
        pagina.locator("#download-afsprakenkader").click()
    pad = info.value.path()
    uitkomst = bereken_afspraken(laad_afspraken(pad))
    delft = uitkomst.categorieen[0].aantal(0, uitkomst.gemeentecodes.index("GM0503"))
    assert str(delft) == pagina.locator('#verdeeltabel tr[data-code="GM0503"] td[data-kolom="aantal"]').inner_text()
