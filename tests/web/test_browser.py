"""Browser tests: Playwright driving Debian's Chromium against uvicorn on 127.0.0.1 (no internet).

Main flows of the issue: explore a key and see the table change; upload a bad override file and see the
Dutch error; log in as a gemeente user and fail to edit another gemeente; download Excel. Along the way
the tests can save screenshots of the main pages (used in the README): set
VERDEELWIJZER_SCHERMAFDRUKKEN=docs/screenshots.
"""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
from playwright.sync_api import expect  # noqa: E402

from .conftest import WACHTWOORD, schermafdruk  # noqa: E402

VERDELING = ("/verdeling?regio=woningmarktregio%3AHaaglanden&totaal=300&gewicht_huishoudens=50"
             "&gewicht_mutaties=50&mutatiegrens=30&methode=sainte-lague")


def _delft_aantal(pagina) -> str:
    return pagina.locator('#verdeeltabel tr[data-code="GM0503"] td[data-kolom="aantal"]').inner_text()


def test_sleutel_verkennen_tabel_verandert(pagina, live_lokaal):
    fouten: list[str] = []
    pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    pagina.goto(live_lokaal.url + VERDELING)
    expect(pagina.locator("#verdeeltabel")).to_be_visible()
    voor = _delft_aantal(pagina)
    schermafdruk(pagina, "verdeling")

    pagina.fill("#g-huishoudens", "0")
    pagina.fill("#g-mutaties", "0")
    pagina.fill("#g-inwoners", "100")
    pagina.locator("#g-inwoners").dispatch_event("change")
    expect(pagina.locator('#verdeeltabel tr[data-code="GM0503"] td[data-kolom="aantal"]')).not_to_have_text(voor)
    assert "gewicht_inwoners=100" in pagina.url  # the URL is shareable
    expect(pagina.locator("#sleutel")).to_have_text("100 % inwoners")

    # Keyboard: Tab to Delft on the map and press Enter: the explanation appears.
    delft = pagina.locator('.kaart a[data-waarde="GM0503"]')
    delft.focus()
    pagina.keyboard.press("Enter")
    expect(pagina.locator("#detail")).to_contain_text("Delft (GM0503) krijgt")
    expect(pagina.locator("#detail")).to_contain_text("bron:")
    schermafdruk(pagina, "verdeling-uitleg")
    assert fouten == []


def test_sleutel_boven_100_wordt_geschaald_en_dat_staat_er(pagina, live_lokaal):
    """Weights that do not add up to 100 (a shared link, or typed without JavaScript) are scaled and the
    page says so in words; no error. The sliders themselves always keep 100 (test_browser_instrument)."""
    pagina.goto(live_lokaal.url + VERDELING.replace("gewicht_huishoudens=50", "gewicht_huishoudens=70"))
    expect(pagina.locator("#geschaald")).to_contain_text("telden samen op tot 120 %")
    expect(pagina.locator("#verdeelfout")).to_have_count(0)


def test_download_excel(pagina, live_lokaal):
    pagina.goto(live_lokaal.url + VERDELING)
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Excel (.xlsx)").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    boek = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    blad = boek.worksheets[0]
    assert "Verdeling van 300 huishoudens" in blad["A1"].value
    koppen = [c.value for c in blad[2]]
    assert "Gemeente" in koppen and "Aantal huishoudens" in koppen
    assert sum(r[koppen.index("Aantal huishoudens")] for r in blad.iter_rows(min_row=3, max_row=11, values_only=True)) \
        == 300
    assert "Bronnen" in boek.sheetnames


def test_slecht_gegevensbestand_toont_nederlandse_fout(pagina, live_lokaal, tmp_path):
    slecht = tmp_path / "daeb_corporaties.csv"
    slecht.write_text("gemeentenaam;sociale_voorraad\nDelft;veel\nAtlantis;12\n", encoding="utf-8")
    pagina.goto(live_lokaal.url + "/gegevens")
    pagina.set_input_files("#bestand", str(slecht))
    pagina.get_by_role("button", name="Bestand controleren en inlezen").click()
    fout = pagina.locator("#uploadfout")
    expect(fout).to_contain_text("is niet ingelezen")
    expect(fout).to_contain_text("daeb_corporaties.csv, regel 2, kolom 'sociale_voorraad'")
    expect(fout).to_contain_text("Atlantis")
    fout.scroll_into_view_if_needed()
    schermafdruk(pagina, "gegevens-fout")


def test_overzicht_en_regels(pagina, live_lokaal):
    pagina.goto(live_lokaal.url + "/")
    expect(pagina.locator(".kaart svg")).to_be_visible()
    pagina.select_option("#indicator", "sociaal_aandeel")
    expect(pagina.locator(".kaart figcaption")).to_contain_text("Sociaal aandeel")
    pagina.locator('#gemeententabel a', has_text="Delft").click()
    expect(pagina.locator("#detail")).to_contain_text("Inwoners op 1 januari 2024")
    schermafdruk(pagina, "overzicht")
    pagina.goto(live_lokaal.url + "/regels")
    expect(pagina.locator(".concept-markering").first).to_be_visible()
    schermafdruk(pagina, "regels")
    pagina.goto(live_lokaal.url + "/scenarios")
    expect(pagina.locator("#scenariotabel")).to_be_visible()
    schermafdruk(pagina, "scenarios")


def test_grote_letters_en_skiplink(pagina, live_lokaal):
    pagina.goto(live_lokaal.url + "/regels")
    pagina.keyboard.press("Tab")
    expect(pagina.locator(".skiplink")).to_be_focused()
    voor = pagina.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    pagina.click("#lettergrootte")
    na = pagina.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert na > voor
    pagina.reload()
    assert pagina.evaluate("document.documentElement.classList.contains('groot')")


def _log_in(pagina, live, naam: str) -> None:
    pagina.goto(live.url + "/monitoring")
    assert "/inloggen" in pagina.url
    pagina.fill("#gebruikersnaam", naam)
    pagina.fill("#wachtwoord", WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    expect(pagina.locator(".account .wie")).to_contain_text(naam)


def test_gemeente_mag_andere_gemeente_niet_wijzigen(pagina, live, tmp_path):
    _log_in(pagina, live, "delft")
    assert re.search(r"/monitoring$", pagina.url)
    pagina.goto(live.url + "/monitoring?peildatum=2026-06-30")
    expect(pagina.locator("#grootboektabel")).to_be_visible()
    schermafdruk(pagina, "monitoring")

    # Correct a figure of Rijswijk: refused, nothing changed.
    pagina.select_option("#w-gemeente", "GM0603")
    pagina.fill("#w-aantal", "3")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.locator("#monitoringfout")).to_contain_text("alleen cijfers van uw eigen gemeente")
    expect(pagina.locator("#monitoringfout")).to_contain_text("Rijswijk")

    # A file with figures of another gemeente: refused as a whole.
    bestand = tmp_path / "instroom_delft.csv"
    bestand.write_text("periode,gemeentecode,categorie,instroom\n2026,GM0503,medisch,6\n2026,GM0603,medisch,9\n",
                       encoding="utf-8")
    pagina.set_input_files("#m-bestand", str(bestand))
    pagina.get_by_role("button", name="Inlezen").click()
    expect(pagina.locator("#monitoringfout")).to_contain_text("Dit bestand bevat ook: Rijswijk")

    # Its own gemeente: accepted and audited.
    pagina.select_option("#w-gemeente", "GM0503")
    pagina.select_option("#w-periode", "2026")
    pagina.select_option("#w-categorie", "medisch")
    pagina.fill("#w-aantal", "11")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.locator(".melding")).to_contain_text("Ingelezen")

    # The gemeente user cannot open user management.
    pagina.goto(live.url + "/gebruikers")
    expect(pagina.locator("h1")).to_have_text("Geen toegang")


def test_beheerder_ziet_gebruikers_en_audit(pagina, live):
    _log_in(pagina, live, "beheerder")
    pagina.goto(live.url + "/gebruikers")
    expect(pagina.locator("#gebruikerstabel")).to_contain_text("delft")
    expect(pagina.locator("#audittabel")).to_contain_text("ingelogd")
    schermafdruk(pagina, "gebruikers")
