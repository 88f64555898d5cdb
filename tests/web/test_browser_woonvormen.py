"""The Woonvormen page (/woonvormen): the Drechtsteden-like example with map, bars, tables and the explanation
per gemeente — via the test client and in a real browser (Playwright + Debian's Chromium)."""

from __future__ import annotations

import pytest


def test_pagina_toont_voorbeeld(lokaal) -> None:
    r = lokaal.get("/woonvormen")
    assert r.status_code == 200
    assert "FICTIEF" in r.text and "Balans over alle groepen" in r.text and "Skaeve Huse" in r.text
    assert "<svg" in r.text and 'href="/woonvormen"' in r.text
    d = lokaal.get("/woonvormen/gemeente/GM0505")
    assert d.status_code == 200 and "Dordrecht" in d.text and "Toezegging 10" in d.text
    assert lokaal.get("/woonvormen/gemeente/GM0363").status_code == 404


def test_in_browser(pagina, live_lokaal) -> None:
    pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
    from playwright.sync_api import expect

    pagina.set_default_timeout(60000)
    pagina.goto(live_lokaal.url + "/woonvormen")
    expect(pagina.locator("nav[aria-label=Hoofdmenu]")).to_contain_text("Woonvormen")
    expect(pagina.locator("h1")).to_contain_text("Woonvormen")
    expect(pagina.locator("table").first).to_contain_text("Housing First")
    pagina.locator('path[data-code="GM0505"]').focus()  # by keyboard (Tab + Enter), as a keyboard user would
    pagina.keyboard.press("Enter")
    expect(pagina.locator("#detail")).to_contain_text("Dordrecht", timeout=60000)
    expect(pagina.locator("#detail")).to_contain_text("balans")
    from .conftest import schermafdruk

    schermafdruk(pagina, "woonvormen")


def _bijdrage(pagina, gemeente: str) -> float:
    """The weighted contribution of `gemeente` in the balance table, as shown (two decimals)."""
    rij = pagina.locator("table:has(caption:has-text('Specialisatie: balans')) tbody tr").filter(has_text=gemeente)
    return float(rij.locator("td").nth(3).inner_text().replace(",", "."))


def _voorstel_hf(pagina, gemeente: str) -> list[tuple[str, str]]:
    """(toezegging, voorstel min) of `gemeente` for Housing First, one per year, from the proposal table."""
    rijen = (pagina.locator("table:has(caption:has-text('voorgestelde verdeling')) tbody tr")
             .filter(has_text=gemeente).filter(has_text="housing_first"))
    return [(r.locator("td").nth(4).inner_text(), r.locator("td").nth(7).inner_text()) for r in rijen.all()]


def test_toezegging_invoeren_in_browser(browser, live_lokaal) -> None:
    """Enter a pledge with the form (keyboard and mouse), see the balance recomputed, then an error; axe-core
    finds nothing on the page after either interaction."""
    pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
    from playwright.sync_api import expect

    from .test_toegankelijkheid import controleer

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    try:
        p = context.new_page()
        p.set_default_timeout(60000)
        p.goto(live_lokaal.url + "/woonvormen")
        voor = _bijdrage(p, "Alblasserdam")
        minima = [int(m) for t, m in _voorstel_hf(p, "Alblasserdam")]
        assert len(minima) == 3 and all(m < 5 for m in minima)
        p.select_option("#t-gemeente", label="Alblasserdam")
        p.select_option("#t-woonvorm", value="housing_first")
        p.fill("#t-aantal", "5")
        p.fill("#t-capaciteit", "6")
        p.fill("#t-toelichting", "Nieuwe locatie aan de Lekdijk")
        p.locator("#t-toelichting").press("Tab")
        p.keyboard.press("Enter")  # the submit button, by keyboard
        expect(p.locator("#woonvormenmelding")).to_contain_text("Toezegging opgeslagen: Alblasserdam")
        expect(p.locator("#ingevoerde-toezeggingen")).to_contain_text("Nieuwe locatie aan de Lekdijk")
        # The pledge is the floor every year: proposal 5 instead of the key's share; Housing First weighs 1, so
        # the contribution rises by the sum of the differences.
        assert _voorstel_hf(p, "Alblasserdam") == [("5", "5")] * 3
        na = voor + sum(5 - m for m in minima)
        assert _bijdrage(p, "Alblasserdam") == pytest.approx(na, abs=0.01)
        controleer(p)
        p.fill("#t-aantal", "9")
        p.fill("#t-capaciteit", "6")
        p.get_by_role("button", name="Opslaan en doorrekenen").click()
        expect(p.locator("#woonvormenfout")).to_contain_text("veld 'toezegging': 9 is meer dan de opgegeven capaciteit")
        assert _bijdrage(p, "Alblasserdam") == pytest.approx(na, abs=0.01)  # nothing changed
        controleer(p)
    finally:
        context.close()


def test_balans_over_tijd_in_browser(browser, live_lokaal) -> None:
    """Upload the example file of realised places with the form, see the balance over time; axe-core clean."""
    pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
    from playwright.sync_api import expect

    from verdeelwijzer.voorbeelden import voorbeeldmap

    from .test_toegankelijkheid import controleer

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    try:
        p = context.new_page()
        p.set_default_timeout(60000)
        p.goto(live_lokaal.url + "/woonvormen")
        p.set_input_files("#m-gerealiseerd", str(voorbeeldmap() / "woonvormen" / "gerealiseerd_drechtsteden.csv"))
        p.get_by_role("button", name="Alleen doorrekenen").click()
        expect(p.locator("#tijdtabel-1")).to_contain_text("Dordrecht")
        expect(p.locator("#monitoring")).to_contain_text("ingelezen bestand gerealiseerd_drechtsteden.csv")
        controleer(p)
    finally:
        context.close()
