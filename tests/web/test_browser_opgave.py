"""The Opgave page (/opgave) in a real browser (Playwright + Debian's Chromium): the example button, the maps,
the explanation per gemeente, downloads and a bad upload. Screenshot: docs/screenshots/opgave.png."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
from playwright.sync_api import expect  # noqa: E402

from verdeelwijzer.voorbeelden import voorbeeldmap  # noqa: E402

from .conftest import schermafdruk  # noqa: E402

BEHOEFTE = voorbeeldmap() / "analyse" / "behoefte.csv"
AANBOD = voorbeeldmap() / "analyse" / "aanbod.csv"


@pytest.fixture(autouse=True)
def _ruime_wachttijd():
    """This page computes the whole analysis on a shared machine: wait longer, only in this module."""
    expect.set_options(timeout=60000)
    yield
    expect.set_options(timeout=5000)


def test_voorbeeld_kaart_en_uitleg(pagina, live_lokaal):
    pagina.set_default_timeout(60000)
    pagina.goto(live_lokaal.url + "/opgave")
    expect(pagina.locator("nav")).to_contain_text("Opgave")
    pagina.locator("#voorbeeld-knop").click()
    expect(pagina.locator("#uitkomst-kop")).to_contain_text("Groene Metropoolregio Arnhem-Nijmegen")
    tabel = pagina.locator("#opgave_opgave")
    expect(tabel).to_contain_text("schatting")
    expect(tabel).to_contain_text("geen behoefte bekend")
    expect(pagina.locator("#waarschuwingen")).to_contain_text("geen behoefte bekend")
    expect(pagina.locator("#opgave_groepen")).to_contain_text("≠ Uitstromers accommodaties jeugdzorg")
    # the overview map is open and has every gemeente of the region; each group has its own map
    kaart = pagina.locator("#kaart-overzicht svg path[data-code]")
    expect(kaart).to_have_count(18)
    expect(pagina.locator("#kaart-dakloos")).to_have_count(1)
    titel = pagina.locator('#kaart-overzicht path[data-code="GM0268"] title').text_content()
    assert "Nijmegen: draagt" in titel and "zijn deel" in titel
    # click a gemeente: its explanation arrives in the side panel
    pagina.locator('#kaart-overzicht path[data-code="GM0274"]').click()
    uitleg = pagina.locator("#opgave-uitleg-tekst")
    expect(uitleg).to_contain_text("Uitleg voor Renkum")
    expect(uitleg).to_contain_text("SCHATTING")
    expect(uitleg).to_contain_text("Spreiding")
    # a group map, by keyboard
    pagina.locator("#kaart-dakloos summary").click()
    pad = pagina.locator('#kaart-dakloos path[data-code="GM0202"]')
    pad.focus()
    pagina.keyboard.press("Enter")
    expect(uitleg).to_contain_text("Uitleg voor Arnhem")
    pagina.mouse.move(0, 0)
    pagina.evaluate("document.activeElement.blur(); "
                    "document.getElementById('uitkomst-kop').scrollIntoView({block: 'start'})")
    schermafdruk(pagina, "opgave")


def test_downloads_tonen_dezelfde_getallen(pagina, live_lokaal):
    pagina.set_default_timeout(60000)
    pagina.goto(live_lokaal.url + "/opgave?voorbeeld=gmr")
    with pagina.expect_download() as info:
        pagina.locator("#download-json").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    with pagina.expect_download() as info:
        pagina.locator("#download-xlsx").click()
    boek = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()), read_only=True)
    blad = list(boek.worksheets[0].iter_rows(values_only=True))
    kop = list(blad[1])
    i_g, i_gr, i_j, i_o = (kop.index(k) for k in ("gemeente", "groep", "jaar", "opgave"))
    excel = {(r[i_g], r[i_gr], r[i_j]): r[i_o] for r in blad[2:] if r[i_g]}
    for r in data["opgave"]:
        assert excel[(r["gemeentenaam"], r["groep"], r["jaar"])] == r["opgave"]
    # and the page shows the same number as the JSON
    r = next(x for x in data["opgave"] if (x["gemeentenaam"], x["groep"], x["jaar"]) == ("Arnhem", "dakloos", 2027))
    rij = pagina.locator("#opgave_opgave tbody tr", has_text="Arnhem").filter(has_text="dakloos").first
    expect(rij).to_contain_text(str(r["opgave"]))


def test_foute_upload_toont_alle_fouten(pagina, live_lokaal, tmp_path):
    pagina.set_default_timeout(60000)
    fout = tmp_path / "behoefte.csv"
    fout.write_text(BEHOEFTE.read_text(encoding="utf-8").replace("Arnhem,dakloos,2027,", "Arnhem,dakloze,2027,", 1)
                    .replace("Nijmegen,dakloos,2028,", "Delft,dakloos,2028,", 1), encoding="utf-8")
    pagina.goto(live_lokaal.url + "/opgave")
    pagina.locator("#o-regio").select_option(label="Groene Metropoolregio Arnhem-Nijmegen")
    pagina.locator("#o-behoefte").set_input_files(str(fout))
    pagina.locator("#opgaveformulier button[type=submit]").click()
    melding = pagina.locator("#opgavefout")
    expect(melding).to_contain_text("regel 2, kolom 'groep': onbekende groep 'dakloze'")
    expect(melding).to_contain_text("Bedoelde u: dakloos")
    expect(melding).to_contain_text("gemeente 'Delft' hoort niet bij")
    expect(pagina.locator("#uitkomst")).to_have_count(0)
    # a valid upload computes, and the map's explanation works from the uploaded files too
    pagina.locator("#o-behoefte").set_input_files(str(BEHOEFTE))
    pagina.locator("#o-aanbod").set_input_files(str(AANBOD))
    pagina.locator("#opgaveformulier button[type=submit]").click()
    expect(pagina.locator("#opgave_regio")).to_contain_text("dakloos")
    pagina.locator('#kaart-overzicht path[data-code="GM0268"]').click()
    expect(pagina.locator("#opgave-uitleg-tekst")).to_contain_text("Uitleg voor Nijmegen")


def test_sjabloon_downloaden(pagina, live_lokaal):
    pagina.set_default_timeout(60000)
    pagina.goto(live_lokaal.url + "/opgave")
    with pagina.expect_download() as info:
        pagina.locator("#sjabloon-aanbod").click()
    boek = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert boek.sheetnames[:3] == ["Invullen", "Uitleg", "Groepen"]
