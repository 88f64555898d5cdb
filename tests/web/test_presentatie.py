"""Presentation mode /presentatie (issue 15, item 2): the explorer's result one screen at a time for the beamer.

Server side: the same numbers as /verdeling and the API (one calculation path), the settings in words on every
screen, the link from /verdeling carrying the settings, Dutch errors. Browser (Chromium at 1920×1080): map and
chart fit without scrolling, keyboard and buttons move between screens with focus on the screen's heading,
Escape goes back, axe-core finds nothing on any screen, and print shows every screen."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

QUERY = ("regio=woningmarktregio%3AHaaglanden&totaal=300&gewicht_huishoudens=50&gewicht_mutaties=50"
         "&mutatiegrens=30&methode=sainte-lague")


def _aantallen_uit_tabel(html: str) -> dict[str, str]:
    tabel = re.search(r'<table[^>]*id="presentatietabel".*?</table>', html, flags=re.S).group(0)
    return dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="getal">([^<]*)</td>', tabel))


def test_zelfde_uitkomst_als_de_verkenner_en_de_api(lokaal) -> None:
    r = lokaal.get("/presentatie?" + QUERY)
    assert r.status_code == 200, r.text[:500]
    api = lokaal.post("/api/verdeling", json={"regio": "woningmarktregio:Haaglanden", "totaal": 300,
                                              "gewichten": {"huishoudens": 50, "mutaties": 50},
                                              "mutatiegrens": 30}).json()
    import html as html_mod

    verwacht = {g["gemeentenaam"]: str(g["aantal"]) for g in api["gemeenten"]}
    assert {html_mod.unescape(k): v for k, v in _aantallen_uit_tabel(r.text).items()} == verwacht
    # Map labels carry the same whole numbers.
    for g in api["gemeenten"]:
        naam = html_mod.escape(g["gemeentenaam"], quote=True).replace("&#x27;", "&#39;")
        assert re.search(rf'<tspan x="[^"]+">{re.escape(naam)}</tspan><tspan[^>]*>{g["aantal"]}</tspan>', r.text), naam


def test_instellingen_in_woorden_op_elk_scherm(lokaal) -> None:
    t = lokaal.get("/presentatie?" + QUERY + "&ingroeipad=lineair&jaren=4").text
    schermen = re.findall(r'<section class="scherm" id="(\w+)".*?</section>', t, flags=re.S)
    assert schermen == ["kaart", "staafdiagram", "tabel"]
    for sectie in re.findall(r'<section class="scherm".*?</section>', t, flags=re.S):
        tekst = re.sub(r"<[^>]+>", " ", sectie)
        tekst = re.sub(r"\s+", " ", tekst)
        for woorden in ("Regio: Haaglanden", "Totaal: 300 huishoudens per jaar",
                        "Sleutel: huishoudens 50 %, verhuringen 50 %",
                        "Mutatiegrens: hoogstens 30 % van de verhuringen", "Ingroeipad: lineair in 4 jaar"):
            assert woorden in tekst, (woorden, tekst[:600])
    from .test_taal import overtredingen

    assert overtredingen(t) == []


def test_verkenner_linkt_met_dezelfde_instellingen(lokaal) -> None:
    t = lokaal.get("/verdeling?" + QUERY).text
    m = re.search(r'<a href="(/presentatie\?[^"]*)" id="naar-presentatie"', t)
    assert m, "link naar de presentatie ontbreekt"
    import html as html_mod

    link = urlsplit(html_mod.unescape(m.group(1)))
    assert parse_qs(link.query) == parse_qs(QUERY)
    # And back: the presentation's "terug" link returns to /verdeling with the same settings.
    p = lokaal.get(html_mod.unescape(m.group(1))).text
    terug = html_mod.unescape(re.search(r'<a href="([^"]+)" id="terug"', p).group(1))
    assert urlsplit(terug).path == "/verdeling" and parse_qs(urlsplit(terug).query) == parse_qs(QUERY)


@pytest.mark.parametrize("query, woord", [("totaal=veel", "totaal"), ("gewicht_huishoudens=60", "verdeelsleutel"),
                                          ("regio=Atlantis", "Atlantis"), ("totaal=1e999999", "totaal")])
def test_foute_instellingen_geven_een_nederlandse_melding(lokaal, query: str, woord: str) -> None:
    r = lokaal.get("/presentatie?" + query)
    assert r.status_code in (404, 422), r.status_code
    assert "Traceback" not in r.text and woord in r.text


# -- browser ------------------------------------------------------------------------------------------


@pytest.fixture
def beamer(browser):
    """Chromium at 1920×1080 (a beamer); CSP bypassed only so the test can inject axe-core."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL", bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(15000)
    yield p
    context.close()


def _binnen_beeld(p, selector: str, min_hoogte: float = 400) -> None:
    vak = p.locator(selector).bounding_box()
    assert vak is not None, f"{selector} is niet zichtbaar"
    assert vak["x"] >= 0 and vak["y"] >= 0, (selector, vak)
    assert vak["x"] + vak["width"] <= 1920 + 0.5 and vak["y"] + vak["height"] <= 1080 + 0.5, (selector, vak)
    assert vak["height"] > min_hoogte, (selector, vak)  # large, not a thumbnail
    assert p.evaluate("document.scrollingElement.scrollHeight <= window.innerHeight"), "de pagina scrolt"


def _actief(p) -> str:
    return p.evaluate("document.querySelector('.scherm.actief').id")


def test_beamer_kaart_en_grafiek_zonder_scrollen_en_toetsenbord(beamer, live_lokaal) -> None:
    from playwright.sync_api import expect

    from .conftest import schermafdruk
    from .test_toegankelijkheid import controleer

    p = beamer
    fouten: list[str] = []
    p.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    p.goto(live_lokaal.url + "/verdeling?" + QUERY)
    p.click("#naar-presentatie")
    p.wait_for_url(re.compile(r"/presentatie\?"))
    assert _actief(p) == "kaart"
    expect(p.locator("#kaart svg")).to_be_visible()
    expect(p.locator("#staafdiagram")).to_be_hidden()
    _binnen_beeld(p, "#kaart svg")
    _binnen_beeld(p, "#kaart .legenda", 10)
    schermafdruk(p, "presentatie_kaart")
    controleer(p)

    p.keyboard.press("ArrowRight")
    assert _actief(p) == "staafdiagram"
    expect(p.locator("#kop-staaf")).to_be_focused()
    expect(p.locator("#teller")).to_contain_text("Scherm 2 van 3")
    _binnen_beeld(p, "#staafdiagram svg")
    schermafdruk(p, "presentatie_staafdiagram")
    controleer(p)

    p.keyboard.press("PageDown")
    assert _actief(p) == "tabel"
    expect(p.locator("#kop-tabel")).to_be_focused()
    expect(p.locator("#presentatietabel")).to_be_visible()
    controleer(p)
    p.keyboard.press("ArrowRight")  # the last screen stays
    assert _actief(p) == "tabel"
    p.keyboard.press("PageUp")
    assert _actief(p) == "staafdiagram"
    p.keyboard.press("ArrowLeft")
    assert _actief(p) == "kaart"
    expect(p.locator("#kop-kaart")).to_be_focused()

    # Visible buttons do the same, and the URL remembers the screen (#fragment) for a reload.
    p.get_by_role("button", name="volgende").click()
    assert _actief(p) == "staafdiagram"
    expect(p.locator("#kop-staaf")).to_be_focused()
    p.reload()
    assert _actief(p) == "staafdiagram"
    p.get_by_role("button", name="vorige").click()
    assert _actief(p) == "kaart"

    # Print: every screen, each on its own page.
    p.emulate_media(media="print")
    for scherm in ("#kaart", "#staafdiagram", "#tabel"):
        expect(p.locator(scherm)).to_be_visible()
    assert p.locator(".bladeren").is_hidden()
    pauzes = p.evaluate("[...document.querySelectorAll('.scherm')].slice(0, -1)"
                        ".map(s => getComputedStyle(s).breakAfter)")
    assert pauzes == ["page", "page"], pauzes
    p.emulate_media(media="screen")

    # Escape: back to the explorer with the same settings.
    p.keyboard.press("Escape")
    p.wait_for_url(re.compile(r"/verdeling\?"))
    assert parse_qs(urlsplit(p.url).query) == parse_qs(QUERY)
    expect(p.locator("#verdeeltabel")).to_be_visible()
    assert fouten == []


@pytest.mark.parametrize("query", ["regio=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "regio=..%2F..%2Fetc%2Fpasswd",
                                   "regio=" + "x" * 5000, "gewicht_huishoudens=%3Cb%3E100",
                                   "eenheid=%3Cimg%20src%3Dx%3E", "jaren=999999", "methode=eval"])
def test_aanvallen_op_de_instellingen(lokaal, query: str) -> None:
    r = lokaal.get("/presentatie?" + query)
    assert r.status_code in (200, 404, 422), r.status_code
    assert "<script>alert" not in r.text and "<img src=x>" not in r.text and "<b>100" not in r.text
    assert "root:" not in r.text and "Traceback" not in r.text


def test_alleen_voor_ingelogde_gebruikers(klanten) -> None:
    r = klanten[None].get("/presentatie?" + QUERY, follow_redirects=False)
    assert r.status_code in (303, 401), r.status_code
    assert klanten["lezer"].get("/presentatie?" + QUERY).status_code == 200


def test_gecorrigeerd_in_de_url_herhaalt_niets(klanten) -> None:
    t = klanten["lezer"].get("/monitoring?gecorrigeerd=%3Cscript%3Ex&periode=%3Cscript%3E").text
    assert "<script>x" not in t and "het cijfer van" not in t


def test_grote_regio_leesbaar(lokaal) -> None:
    """A province (50 gemeenten): names only where they fit on the map (the rest stand in the table), and the
    chart keeps a legible size in a keyboard-scrollable region instead of shrinking."""
    t = lokaal.get("/presentatie?regio=provincie%3AZuid-Holland&totaal=1000&gewicht_huishoudens=100").text
    namen = re.findall(r'<tspan x="[^"]+">([^<]+)</tspan>', t)
    assert 10 < len(namen) < 50, len(namen)
    assert 'class="scherm-inhoud lang" tabindex="0" role="region"' in t
    assert len(re.findall(r'<tr><th scope="row">', t)) == 50
    klein = lokaal.get("/presentatie?" + QUERY).text
    assert "scherm-inhoud lang" not in klein and len(re.findall(r'<tspan x="[^"]+">', klein)) == 9


def test_beamer_grote_regio_zonder_schendingen(beamer, live_lokaal) -> None:
    from .test_toegankelijkheid import controleer

    p = beamer
    p.goto(live_lokaal.url + "/presentatie?regio=provincie%3AZuid-Holland&totaal=1000&gewicht_huishoudens=100")
    _binnen_beeld(p, "#kaart svg")
    controleer(p)
    p.keyboard.press("ArrowRight")
    assert _actief(p) == "staafdiagram"
    controleer(p)
    # The long chart scrolls inside its region (keyboard: Tab to it, arrow down), the page itself does not.
    assert p.evaluate("document.scrollingElement.scrollHeight <= window.innerHeight")
    vak = p.locator("#staafdiagram .scherm-inhoud")
    assert vak.evaluate("e => e.scrollHeight > e.clientHeight")
