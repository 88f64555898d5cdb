"""Browser test (Playwright + Debian's Chromium): a matcher with the role `transferpunt` logs in, reads the
fictitious Haaglanden registers, runs a round, opens a case and accepts a proposal. Screenshot:
docs/screenshots/transferpunt.png."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
from playwright.sync_api import expect  # noqa: E402

from verdeelwijzer.web import maak_app  # noqa: E402

from .conftest import WACHTWOORD, LiveServer, _instellingen, schermafdruk  # noqa: E402


@pytest.fixture(scope="module")
def live_tp(tmp_path_factory):
    app = maak_app(_instellingen(tmp_path_factory.mktemp("tp-browser")))
    app.state.koppeling.maak_gebruiker("test", "matcher", WACHTWOORD, "transferpunt", None)
    app.state.koppeling.maak_gebruiker("test", "lezer", WACHTWOORD, "lezer", None)
    with LiveServer(app) as server:
        yield server
    app.state.koppeling.sluit()


def _log_in(pagina, url: str, naam: str) -> None:
    pagina.goto(url + "/transferpunt")
    pagina.fill("#gebruikersnaam", naam)
    pagina.fill("#wachtwoord", WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()


def test_voorstel_accepteren(pagina, live_tp):
    fouten: list[str] = []
    pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    _log_in(pagina, live_tp.url, "matcher")
    expect(pagina.locator("h1")).to_contain_text("Transferpunt")
    pagina.locator("#tp-voorbeeld").click()
    expect(pagina.locator("#transferpuntmelding")).to_contain_text("40 dossiers")
    pagina.get_by_role("button", name="Ronde draaien").click()
    expect(pagina.locator("#transferpuntmelding")).to_contain_text("voorstellen")
    tabel = pagina.locator("#voorsteltabel")
    expect(tabel).to_be_visible()
    eerste = tabel.locator("tbody tr").first
    dossier = eerste.locator("th").inner_text()
    rij_id = eerste.get_attribute("id")
    schermafdruk(pagina, "transferpunt")
    eerste.get_by_role("button", name="Accepteer").click()
    expect(pagina.locator("#transferpuntmelding")).to_contain_text(f"dossier {dossier}")
    expect(pagina.locator("#transferpuntmelding")).to_contain_text("geaccepteerd")
    rij = pagina.locator(f"#{rij_id}")
    expect(rij).to_contain_text("geaccepteerd (matcher)")
    expect(rij.get_by_role("button", name="Accepteer")).to_have_count(0)
    # The case page is reachable by link and says the view was logged.
    rij.get_by_role("link", name=dossier).click()
    expect(pagina.locator("#dossierkop")).to_contain_text(dossier)
    expect(pagina.locator("#dossiertabel")).to_contain_text("geplaatst")
    assert fouten == []


def test_lezer_ziet_geen_dossiers(pagina, live_tp):
    _log_in(pagina, live_tp.url, "lezer")
    expect(pagina.locator("h1")).to_contain_text("Transferpunt")
    expect(pagina.locator("#tp-import")).to_have_count(0)
    assert "HGL-26-" not in pagina.content()
