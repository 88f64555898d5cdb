"""Accessibility baseline: axe-core (vendored for the tests, see tests/web/vendor/README.md) finds no
violations on any page of the app, in Chromium via Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")

from .conftest import WACHTWOORD  # noqa: E402

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

PAGINAS = ("/", "/verdeling", "/scenarios", "/afspraken", "/betaalbaarheid", "/monitoring", "/regels", "/gegevens",
           "/opgave", "/woonvormen", "/woonvormen/monitoring", "/woonvormen/regels", "/transferpunt",
           "/vaststelling", "/gebruikers", "/api/docs", "/gemeente/GM0503", "/presentatie", "/afspraken/nieuw")


def axe_schendingen(pagina) -> list[str]:
    """Run axe-core on the current page; one readable line per violation (rule, impact, first targets)."""
    pagina.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    uitkomst = pagina.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, "
                               "impact: v.impact, doelen: v.nodes.slice(0, 3).map(n => n.target.join(' ')), "
                               "aantal: v.nodes.length}))")
    return [f"{v['id']} ({v['impact']}, {v['aantal']}x): {', '.join(v['doelen'])}" for v in uitkomst]


def controleer(pagina) -> None:
    """Assert that the page currently open has no axe-core violations."""
    schendingen = axe_schendingen(pagina)
    assert schendingen == [], f"{pagina.url}:\n" + "\n".join(schendingen)


@pytest.fixture
def axe_pagina(browser):
    """A page whose context lets the test inject axe-core despite the app's strict Content-Security-Policy
    (the app itself is unchanged: only this test context bypasses it)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(15000)
    yield p
    context.close()


def test_inlogpagina_zonder_schendingen(axe_pagina, live):
    axe_pagina.goto(live.url + "/inloggen")
    controleer(axe_pagina)


@pytest.mark.parametrize("pad", PAGINAS)
def test_pagina_zonder_schendingen(axe_pagina, live, pad):
    p = axe_pagina
    p.goto(live.url + "/inloggen")
    p.fill("#gebruikersnaam", "beheerder")
    p.fill("#wachtwoord", WACHTWOORD)
    p.get_by_role("button", name="Inloggen").click()
    p.wait_for_url(lambda u: "/inloggen" not in u)
    p.goto(live.url + pad)
    p.wait_for_load_state("networkidle")
    controleer(p)
