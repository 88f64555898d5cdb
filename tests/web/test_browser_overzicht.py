"""The overview's gemeente panel: every figure readable at a laptop width, headings in words, not column ids."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")


def test_gemeentepaneel_in_woorden(lokaal) -> None:
    html = lokaal.get("/gemeente/GM0503", headers={"HX-Request": "true"}).text
    koppen = re.findall(r"<dt>(.*?)</dt>", html)
    assert "Aandeel corporatiebezit (2022)" in koppen and "Gemiddelde WOZ-waarde (2023)" in koppen
    for kop in koppen:  # no column ids such as corporatiebezit_pct or gem_woz_waarde_x1000
        assert not re.search(r"_|\bpct\b|x1000", kop), kop


@pytest.mark.parametrize("breedte", [1366, 1920])
def test_gemeentepaneel_past_op_het_scherm(browser, live_lokaal, breedte: int) -> None:
    context = browser.new_context(viewport={"width": breedte, "height": 768}, locale="nl-NL")
    p = context.new_page()
    p.goto(live_lokaal.url + "/?regio=woningmarktregio%3AHaaglanden")
    p.locator("#gemeentetabel a, table a").filter(has_text="Delft").first.click()
    p.locator(".cijferlijst").wait_for()
    assert p.evaluate("document.documentElement.scrollWidth") <= breedte
    rechts = p.evaluate("Math.max(...[...document.querySelectorAll('.cijferlijst .waarde')]"
                        ".map(e => e.getBoundingClientRect().right))")
    assert rechts <= breedte, "waarden buiten beeld"
    context.close()
