"""Accessibility after interaction (issue 15, item 7): axe-core finds no violations in the states a user reaches
by acting (an explanation opened on /verdeling, an upload error on /afspraken, a computed example on
/betaalbaarheid and /opgave, a gemeente opened on /monitoring with imported figures), and the main task works
with the keyboard alone."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")

from .conftest import WACHTWOORD  # noqa: E402
from .test_toegankelijkheid import controleer  # noqa: E402


@pytest.fixture
def ingelogde_pagina(browser, live):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(15000)
    p.goto(live.url + "/inloggen")
    p.fill("#gebruikersnaam", "beheerder")
    p.fill("#wachtwoord", WACHTWOORD)
    p.get_by_role("button", name="Inloggen").click()
    p.wait_for_url(lambda u: "/inloggen" not in u)
    yield p
    context.close()


def test_verdeling_na_klik_op_gemeente(ingelogde_pagina, live) -> None:
    p = ingelogde_pagina
    p.goto(live.url + "/verdeling")
    p.wait_for_load_state("networkidle")
    p.locator("#verdeeltabel tbody th a").first.click()
    p.wait_for_selector("#detail .uitlegtekst")
    p.wait_for_load_state("networkidle")
    controleer(p)


def test_afspraken_na_uploadfout(ingelogde_pagina, live, tmp_path) -> None:
    p = ingelogde_pagina
    slecht = tmp_path / "kapot.yaml"
    slecht.write_text("regio: [niet afgesloten\n", encoding="utf-8")
    p.goto(live.url + "/afspraken")
    p.set_input_files("#a-bestand", str(slecht))
    p.locator("#afspraakupload button[type=submit]").click()
    p.wait_for_selector("#afsprakenfout")
    controleer(p)


@pytest.mark.parametrize("pad", ["/betaalbaarheid?voorbeeld=haaglanden", "/opgave?voorbeeld=gmr",
                                 "/afspraken?voorbeeld=haaglanden.yaml"])
def test_berekend_voorbeeld(ingelogde_pagina, live, pad: str) -> None:
    p = ingelogde_pagina
    p.goto(live.url + pad)
    p.wait_for_load_state("networkidle")
    controleer(p)


def test_monitoring_met_cijfers_na_klik_op_gemeente(ingelogde_pagina, live) -> None:
    p = ingelogde_pagina
    p.goto(live.url + "/monitoring")
    p.wait_for_load_state("networkidle")
    p.locator(".kaart svg .gemeenten path").first.click()
    p.wait_for_function("document.querySelector('#detail') && document.querySelector('#detail').innerText"
                        ".indexOf('Klik op een gemeente') < 0")
    p.wait_for_load_state("networkidle")
    controleer(p)


def _tab_tot(p, selector: str, maximaal: int = 150) -> None:
    """Press Tab until the element matching `selector` has the focus (fails after `maximaal` presses)."""
    for _ in range(maximaal):
        p.keyboard.press("Tab")
        if p.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is met Tab niet bereikbaar")


def test_hoofdtaak_met_alleen_het_toetsenbord(ingelogde_pagina, live) -> None:
    """Tab to the form, change the total, Enter; Tab to a gemeente, Enter: its explanation is shown."""
    p = ingelogde_pagina
    p.goto(live.url + "/verdeling")
    p.wait_for_load_state("networkidle")
    _tab_tot(p, "input[name=totaal]")
    p.keyboard.press("Control+A")
    p.keyboard.type("450")
    p.keyboard.press("Enter")
    p.wait_for_function("() => location.search.includes('totaal=450')")
    p.wait_for_load_state("networkidle")
    _tab_tot(p, "#verdeeltabel tbody th a")
    naam = p.evaluate("document.activeElement.textContent").strip()
    p.keyboard.press("Enter")
    p.wait_for_selector("#detail .uitlegtekst")
    assert naam in p.locator("#detail").inner_text()
    assert "450" in p.locator("#detail").inner_text() or p.locator("#v-totaal").input_value() == "450"
