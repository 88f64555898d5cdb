"""Browser tests (Debian Chromium + Playwright) for issue 15 item 5, "no dead ends": download the example
afsprakenkader as a zip, upload it and see the result; put an agreement together with the form and compute
it; start the monitoring from /monitoring. axe-core reports no violations in these states."""

from __future__ import annotations

import re

from .conftest import schermafdruk
from .test_toegankelijkheid import axe_pagina, controleer  # noqa: F401  (axe_pagina is a fixture)


def test_voorbeeldzip_downloaden_en_uploaden(axe_pagina, live_lokaal, tmp_path) -> None:  # noqa: F811
    p = axe_pagina
    p.goto(live_lokaal.url + "/afspraken")
    p.locator("#voorbeelddownloads summary").click()
    with p.expect_download() as info:
        p.locator('a[href="/download/voorbeeld/haaglanden.zip"]').click()
    zip_pad = tmp_path / "haaglanden.zip"
    info.value.save_as(zip_pad)
    p.set_input_files("#a-bestand", str(zip_pad))
    p.get_by_role("button", name="Controleren en doorrekenen").click()
    p.wait_for_selector("#uitkomst")
    assert p.locator("#afsprakenfout").count() == 0
    assert "Haaglanden" in p.locator("#uitkomst h2").first.inner_text()
    assert p.locator("#totaalbeeld-1 tbody tr").count() >= 9
    # The result of the uploaded zip is the example's result.
    eigen = p.locator("#totaalbeeld-1").inner_text()
    p.goto(live_lokaal.url + "/afspraken?voorbeeld=haaglanden.yaml")
    assert p.locator("#totaalbeeld-1").inner_text() == eigen
    p.goto(live_lokaal.url + "/afspraken")
    p.set_input_files("#a-bestand", str(zip_pad))
    p.get_by_role("button", name="Controleren en doorrekenen").click()
    p.wait_for_selector("#uitkomst")
    controleer(p)


def test_editor_invullen_en_doorrekenen(axe_pagina, live_lokaal) -> None:  # noqa: F811
    p = axe_pagina
    p.goto(live_lokaal.url + "/afspraken")
    p.locator("#naar-editor").click()
    p.wait_for_url(re.compile(r"/afspraken/nieuw$"))
    controleer(p)
    p.goto(live_lokaal.url + "/afspraken/nieuw?voorbeeld=haaglanden.yaml")
    assert p.locator("#e-naam").input_value().startswith("Verdeelafspraken urgente woningzoekenden Haaglanden")
    controleer(p)  # filled from an example, with the list of what the form cannot hold
    p.goto(live_lokaal.url + "/afspraken/nieuw")
    p.fill("#e-naam", "Proef in de browser")
    p.select_option("#e-regio", label="Haaglanden")
    p.fill("#e-start", "2027")
    p.fill("#e-jaren", "2")
    p.fill("#e-categorie1_naam", "medisch urgent")
    p.fill("#e-categorie1_per_jaar", "300")
    p.fill("#e-categorie1_w_inwoners", "50 %")
    p.fill("#e-categorie1_w_mutaties", "40")
    p.get_by_role("button", name="Controleren").click()
    p.wait_for_selector("#editorfouten")
    assert "tellen op tot 90 %" in p.locator("#editorfouten").inner_text()
    controleer(p)  # the error state too
    schermafdruk(p, "afspraken-formulier")
    p.fill("#e-categorie1_w_mutaties", "50")
    p.get_by_role("button", name="Categorie toevoegen").click()
    p.wait_for_selector("#categorie-2")
    p.fill("#e-categorie2_naam", "mantelzorg")
    p.fill("#e-categorie2_aandeel_mutaties", "1,5")
    p.fill("#e-categorie2_w_huishoudens", "100")
    p.get_by_role("button", name="Doorrekenen").click()
    p.wait_for_selector("#uitkomst")
    assert "Proef in de browser" in p.locator("#uitkomst h2").first.inner_text()
    assert p.locator("#totaalbeeld-1 tbody tr").count() >= 9


def test_monitoring_starten_vanaf_de_pagina(axe_pagina, live_lokaal) -> None:  # noqa: F811
    p = axe_pagina
    p.goto(live_lokaal.url + "/monitoring")
    if p.locator("#startformulier").count() == 0:  # an earlier test in this module adopted one already
        p.locator("#nieuwe-afspraak summary").click()
    controleer(p)
    schermafdruk(p, "monitoring-starten")
    p.select_option("#s-voorbeeld", "haaglanden.yaml")
    p.locator("#start-monitoring").click()
    p.wait_for_selector("#grootboektabel")
    assert "vastgesteld" in p.locator(".melding").first.inner_text()
    controleer(p)
