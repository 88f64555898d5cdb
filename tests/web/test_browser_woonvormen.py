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
    expect(pagina.locator("nav")).to_contain_text("Woonvormen")
    expect(pagina.locator("h1")).to_contain_text("Woonvormen")
    expect(pagina.locator("table").first).to_contain_text("Housing First")
    pagina.locator('path[data-code="GM0505"]').focus()  # by keyboard (Tab + Enter), as a keyboard user would
    pagina.keyboard.press("Enter")
    expect(pagina.locator("#detail")).to_contain_text("Dordrecht", timeout=60000)
    expect(pagina.locator("#detail")).to_contain_text("balans")
