"""Fixtures for the web tests: an app on a fresh temporary database, API clients per role, and (for the
browser tests) a live uvicorn server on 127.0.0.1 plus Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from verdeelwijzer.web import WebInstellingen, maak_app  # noqa: E402

WACHTWOORD = "geheim-wachtwoord-1"
# Test users: name -> (role, gemeentecode). Delft = GM0503, Rijswijk = GM0603.
GEBRUIKERS = {
    "beheerder": ("regio-beheerder", None),
    "delft": ("gemeente", "GM0503"),
    "lezer": ("lezer", None),
}
CHROMIUM = Path("/usr/bin/chromium")
# Screenshots for the README are written only when asked: VERDEELWIJZER_SCHERMAFDRUKKEN=docs/screenshots
# (a folder); a normal test run leaves the repository untouched.
SCHERMAFDRUKKEN_OMGEVING = "VERDEELWIJZER_SCHERMAFDRUKKEN"


def _instellingen(map: Path, **extra: object) -> WebInstellingen:
    return WebInstellingen(map=map, db_url=f"sqlite:///{map / 'test.sqlite'}", geheim="test-geheim", **extra)


@pytest.fixture
def lokale_app(tmp_path: Path):
    """An app without users: local single-user mode."""
    app = maak_app(_instellingen(tmp_path))
    yield app
    app.state.koppeling.sluit()


@pytest.fixture
def lokaal(lokale_app) -> Iterator[TestClient]:
    with TestClient(lokale_app) as c:
        yield c


@pytest.fixture(scope="module")
def app_met_gebruikers(tmp_path_factory: pytest.TempPathFactory):
    """An app with one user per role (module scope: password hashing is deliberately slow)."""
    map = tmp_path_factory.mktemp("web")
    app = maak_app(_instellingen(map))
    for naam, (rol, code) in GEBRUIKERS.items():
        app.state.koppeling.maak_gebruiker("test", naam, WACHTWOORD, rol, code)
    zaai_monitoring(app, map)
    yield app
    app.state.koppeling.sluit()


def _ingelogd(app, naam: str | None) -> TestClient:
    """A client logged in as `naam` (None: anonymous), with its CSRF token in `client.csrf`."""
    c = TestClient(app)
    c.wachtwoord = WACHTWOORD  # type: ignore[attr-defined]
    if naam is not None:
        r = c.post("/api/sessie", json={"gebruikersnaam": naam, "wachtwoord": WACHTWOORD})
        assert r.status_code == 200, r.text
        c.csrf = r.json()["csrf_token"]  # type: ignore[attr-defined]
        c.headers["X-CSRF-Token"] = c.csrf  # type: ignore[attr-defined]
    return c


@pytest.fixture(scope="module")
def klanten(app_met_gebruikers) -> dict[str | None, TestClient]:
    return {naam: _ingelogd(app_met_gebruikers, naam) for naam in [None, *GEBRUIKERS]}


@pytest.fixture
def ingelogd():
    return _ingelogd


@pytest.fixture
def instellingen():
    return _instellingen


# -- live server + browser ------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app) -> None:
        import uvicorn

        self.app = app
        self.poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.poort, log_level="warning"))
        self.draad = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.draad.start()
        eind = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > eind:
                raise RuntimeError("uvicorn startte niet binnen 15 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.draad.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Browsertests overgeslagen: /usr/bin/chromium ontbreekt (apt-get install chromium).")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def live(app_met_gebruikers) -> Iterator[LiveServer]:
    with LiveServer(app_met_gebruikers) as server:
        yield server


@pytest.fixture(scope="module")
def live_lokaal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    app = maak_app(_instellingen(tmp_path_factory.mktemp("lokaal")))
    with LiveServer(app) as server:
        yield server
    app.state.koppeling.sluit()


@pytest.fixture
def pagina(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="nl-NL")
    p = context.new_page()
    p.set_default_timeout(15000)
    yield p
    context.close()


def schermafdruk(p, naam: str) -> None:
    """Save a screenshot to the folder in VERDEELWIJZER_SCHERMAFDRUKKEN; without it, take none."""
    doel = os.environ.get(SCHERMAFDRUKKEN_OMGEVING)
    if not doel:
        return
    map = Path(doel)
    map.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(map / f"{naam}.png"), full_page=False)


# -- monitoring data ------------------------------------------------------------------------------

HAAGLANDEN = ("GM0518", "GM0503", "GM1916", "GM1842", "GM1926", "GM0603", "GM0629", "GM1783", "GM0637")


def zaai_monitoring(app, map: Path) -> None:
    """Adopt a small agreement for Haaglanden (2 categories, 2 years) and import realised figures."""
    from datetime import date

    from verdeelwijzer.monitoring.model import AfspraakInvoer, Doel, Periode
    from verdeelwijzer.opslag.afspraken import leg_afspraak_vast

    perioden = (Periode("2025", date(2025, 1, 1), date(2025, 12, 31)),
                Periode("2026", date(2026, 1, 1), date(2026, 12, 31)))
    categorieen = ("uitstroom_mo", "medisch")
    doelen = tuple(Doel(c, cat, p.code, 10 + i * 3 + (5 if cat == "medisch" else 0))
                   for i, c in enumerate(HAAGLANDEN) for cat in categorieen for p in perioden)
    afspraak = AfspraakInvoer(naam="Testafspraak Haaglanden 2025-2026", regio_naam="Haaglanden", gemeenten=HAAGLANDEN,
                              bron_tekst="testafspraak", perioden=perioden, doelen=doelen, besluit="testbesluit",
                              mutatiegrens=None, categorieen=categorieen)
    koppeling = app.state.koppeling
    from fractions import Fraction

    afspraak = AfspraakInvoer(**{**afspraak.__dict__, "mutatiegrens": Fraction(3, 10)})
    with koppeling.db.sessie() as s:
        leg_afspraak_vast(s, afspraak, door="test")
    regels = ["periode,gemeentecode,categorie,instroom"]
    for i, c in enumerate(HAAGLANDEN):
        regels.append(f"2025,{c},uitstroom_mo,{8 + i * 3}")
        regels.append(f"2025,{c},medisch,{15 + i * 2}")
        regels.append(f"2026,{c},uitstroom_mo,{2 + i}")
        regels.append(f"2026,{c},medisch,{4 + i}")
    pad = map / "instroom.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    g = app.state.toestand.gegevens
    namen = {c: g.naam(c) for c in g.tabel.index}
    koppeling.monitoring_importeer(pad, "test", None, g.zoeker, namen)
    verhuringen = ["periode,gemeentecode,verhuringen"] + [f"{p},{c},{60 + i * 15}" for i, c in enumerate(HAAGLANDEN)
                                                          for p in ("2025", "2026")]
    pad = map / "verhuringen.csv"
    pad.write_text("\n".join(verhuringen) + "\n", encoding="utf-8")
    koppeling.monitoring_importeer(pad, "test", None, g.zoeker, namen)
