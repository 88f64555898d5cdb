"""Browser tests for /verdeling and /scenarios as an instrument (issue 15, items 1 and 3): linked sliders
moved with the keyboard update table, chart and map together; the weights keep adding up to 100 %; the
chosen gemeente's explanation survives fast recalculation; the URL restores the view; scenarios show a
difference chart, a difference map and a totals row; axe-core finds nothing after the interaction."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")
from playwright.sync_api import expect  # noqa: E402

from verdeelwijzer.verdeling.gewichten import herverdeel  # noqa: E402

from .conftest import schermafdruk  # noqa: E402
from .test_toegankelijkheid import controleer  # noqa: E402

VERDELING = ("/verdeling?regio=woningmarktregio%3AHaaglanden&totaal=300&gewicht_huishoudens=50"
             "&gewicht_mutaties=50&mutatiegrens=30&methode=sainte-lague")
INDICATOREN = ("inwoners", "huishoudens", "woningvoorraad", "sociale_voorraad", "mutaties")


@pytest.fixture
def scherm(browser):
    """A wide-screen page whose test context may inject axe-core despite the app's CSP (app unchanged)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL", bypass_csp=True,
                                  accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(15000)
    fouten: list[str] = []
    p.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    yield p
    context.close()
    assert fouten == [], fouten


def _gewichten(p, voor: str = "g") -> dict[str, Fraction]:
    return {k: Fraction(p.locator(f"#{voor}-{k}").input_value().replace(",", ".") or "0") for k in INDICATOREN}


def _getal(tekst: str) -> int:
    return int(re.sub(r"[^\d]", "", tekst))


def _zelfde_uitkomst_overal(p) -> dict[str, int]:
    """Table, bar chart and map show the same number for every gemeente; returns the table's numbers."""
    tabel = {}
    for rij in p.locator("#verdeeltabel tbody tr").all():
        naam = rij.locator("th").inner_text().strip()
        tabel[naam] = _getal(rij.locator('td[data-kolom="aantal"]').inner_text())
    staaf = {}
    for balk in p.locator(".staaf svg g.balk").all():
        label = balk.locator("text.as-label").text_content().strip()
        staaf[label] = _getal(balk.locator("text.as-waarde").text_content())
    kaart = {}
    for a in p.locator("#kaart .gemeenten a").all():
        m = re.match(r"(.+?): (\d+) ", a.get_attribute("aria-label") or "")
        assert m, a.get_attribute("aria-label")
        kaart[m[1]] = int(m[2])
    assert tabel == staaf == kaart
    assert sum(tabel.values()) == 300
    return tabel


def test_schuif_met_pijltjes_werkt_tabel_grafiek_en_kaart_bij_en_houdt_de_uitleg(scherm, live_lokaal):
    p = scherm
    p.goto(live_lokaal.url + VERDELING)
    voor = _zelfde_uitkomst_overal(p)
    kaart_voor = p.locator("#kaart .gemeenten").inner_html()

    # Choose Delft in the table: its explanation appears and the URL remembers it.
    p.locator('#verdeeltabel a[data-waarde="GM0503"]').click()
    expect(p.locator("#detail")).to_contain_text("Uitleg: Delft")
    expect(p).to_have_url(re.compile(r"gemeente=GM0503"))

    # Keyboard only: Tab to the inwoners slider and press the right arrow 30 times (1 % per press).
    schuif = p.locator("#g-schuif-inwoners")
    schuif.focus()
    for _ in range(30):
        p.keyboard.press("ArrowRight")
    verwacht = {k: Fraction(0) for k in INDICATOREN}
    verwacht.update({"huishoudens": Fraction(50), "mutaties": Fraction(50)})
    for _ in range(30):  # the JavaScript rule is the core's rule (verdeling.gewichten.herverdeel)
        verwacht = herverdeel(verwacht, "inwoners", verwacht["inwoners"] + 1)
    assert _gewichten(p) == verwacht
    assert sum(_gewichten(p).values()) == 100
    expect(p.locator(".schuif-som [data-som]")).to_have_text("100")

    expect(p.locator("#sleutel")).to_contain_text("30 % inwoners")
    na = _zelfde_uitkomst_overal(p)
    assert na != voor
    assert p.locator("#kaart .gemeenten").inner_html() != kaart_voor
    expect(p.locator("#detail")).to_contain_text(f"Delft (GM0503) krijgt {na['Delft']} huishoudens")
    assert "gewicht_inwoners=30" in p.url and "gemeente=GM0503" in p.url
    schermafdruk(p, "verdeling-schuiven")

    # Clicking fast: move a slider and choose another gemeente at once; the last choice wins and its
    # explanation is not wiped by the recalculation of the slider.
    p.locator("#g-schuif-mutaties").focus()
    p.keyboard.press("ArrowLeft")
    p.locator('#kaart a[data-waarde="GM0637"]').click()
    expect(p.locator("#detail")).to_contain_text("Uitleg: Zoetermeer")
    p.wait_for_load_state("networkidle")
    p.wait_for_timeout(400)
    expect(p.locator("#detail")).to_contain_text("Uitleg: Zoetermeer")
    assert sum(_gewichten(p).values()) == 100
    _zelfde_uitkomst_overal(p)
    controleer(p)  # axe-core after the interaction: no violations


def test_getypt_gewicht_en_url_herstelt_de_weergave(scherm, live_lokaal, browser):
    p = scherm
    p.goto(live_lokaal.url + VERDELING)
    veld = p.locator("#g-inwoners")
    veld.fill("2")  # half-way through typing: no error state, nothing recalculated yet
    expect(p.locator("#verdeelfout")).to_have_count(0)
    veld.fill("20 %")
    veld.press("Tab")
    expect(p.locator("#sleutel")).to_contain_text("20 % inwoners + 40 % huishoudens + 40 % verhuringen")
    assert _gewichten(p) == {"inwoners": 20, "huishoudens": 40, "woningvoorraad": 0, "sociale_voorraad": 0,
                             "mutaties": 40}
    veld.fill("veel")  # not a number: restored on leaving the field, never an error
    veld.press("Tab")
    expect(veld).to_have_value("20")

    p.locator("#meer-kolommen").click()
    expect(p.locator("#verdeeltabel thead")).to_contain_text("Quotum (onafgerond)")
    p.locator('#verdeeltabel a[data-waarde="GM0603"]').click()
    expect(p.locator("#detail")).to_contain_text("Uitleg: Rijswijk")
    expect(p).to_have_url(re.compile(r"kolommen=meer"))
    tabel = p.locator("#verdeeltabel").inner_text()
    controleer(p)

    # The URL alone restores everything: weights, wide table, the chosen gemeente's explanation.
    ander = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL").new_page()
    ander.goto(p.url)
    assert _gewichten(ander)["inwoners"] == 20
    expect(ander.locator("#detail")).to_contain_text("Uitleg: Rijswijk")
    assert ander.locator("#verdeeltabel").inner_text() == tabel
    # Wide screen: map and bar chart side by side, both fully above the fold.
    kaart, staaf = ander.locator("#kaart").bounding_box(), ander.locator(".staaf").bounding_box()
    assert kaart and staaf and abs(kaart["y"] - staaf["y"]) < 5 and staaf["x"] > kaart["x"] + kaart["width"] - 5
    assert kaart["y"] + kaart["height"] <= 1080 and staaf["y"] + staaf["height"] <= 1080
    ander.context.close()


def test_zonder_javascript_werkt_het_formulier(browser, live_lokaal):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    p = context.new_page()
    p.goto(live_lokaal.url + VERDELING)
    expect(p.locator("#g-schuif-inwoners")).to_be_hidden()  # sliders need JavaScript; the typed fields do not
    p.fill("#g-huishoudens", "70")
    p.get_by_role("button", name="Bereken").click()
    expect(p.locator("#geschaald")).to_contain_text("telden samen op tot 120 %")
    expect(p.locator("#sleutel")).to_contain_text("58,3 % huishoudens + 41,7 % verhuringen")
    p.locator('#verdeeltabel a[data-waarde="GM0503"]').click()
    expect(p.locator("#detail")).to_contain_text("Delft (GM0503) krijgt")
    context.close()


def test_drie_scenarios_met_verschildiagram_verschilkaart_en_totaalrij(scherm, live_lokaal):
    p = scherm
    p.goto(live_lokaal.url + "/scenarios")
    tabel = p.locator("#scenariotabel")
    expect(tabel).to_be_visible()
    expect(tabel.locator("thead")).to_contain_text("A: Huishoudens")
    expect(tabel.locator("thead")).to_contain_text("Verschil met A")
    expect(tabel.locator("thead")).to_contain_text("Over voor regulier")
    totaal = p.locator("#totaalrij")
    expect(totaal).to_contain_text("Totaal")
    assert [c.inner_text() for c in totaal.locator('td[data-kolom="Huishoudens"], td[data-kolom="Verhuringen"], '
                                                   'td[data-kolom="Half om half"]').all()] == ["300"] * 3
    expect(p.locator(".verschildiagram svg")).to_have_count(2)  # B and C against A
    expect(p.locator("#verschilkaart .gemeenten path")).to_have_count(9)
    expect(p.locator("#verschilkaart .legenda")).to_contain_text("neemt")
    expect(p.locator("#verschillegenda")).to_contain_text("neemt meer dan in scenario A")
    # Every difference in the chart equals the difference in the table.
    rijen = {r.locator("th").inner_text(): r.locator('td[data-kolom="Verhuringen − Huishoudens"]').inner_text()
             for r in tabel.locator("tbody tr").all()}
    staaf = {b.locator("text.as-label").text_content(): b.locator("text.as-waarde").text_content()
             for b in p.locator(".verschildiagram").first.locator("g.balk").all()}
    assert staaf == rijen

    # Same sliders as /verdeling: move scenario C's huishoudens slider with the keyboard.
    p.locator("#s3-schuif-huishoudens").focus()
    for _ in range(10):
        p.keyboard.press("ArrowRight")
    expect(p).to_have_url(re.compile(r"gewicht_3_huishoudens=60"))
    assert sum(_gewichten(p, "s3").values()) == 100
    expect(tabel.locator('tr[data-code="GM0503"] td[data-kolom="Half om half"]')).to_be_visible()
    p.fill("#naam_4", "Inwoners")
    p.locator("#s4-schuif-inwoners").focus()
    p.keyboard.press("End")
    p.locator("#naam_4").press("Tab")
    expect(p.locator(".verschildiagram svg")).to_have_count(3)
    expect(tabel.locator("thead")).to_contain_text("D: Inwoners")
    p.wait_for_load_state("networkidle")
    expect(p.locator("#s4-kop").locator("xpath=..")).not_to_have_class(re.compile(r"\buit\b"))
    p.evaluate("document.getElementById('scenariotabel').scrollIntoView({block: 'start'})")
    schermafdruk(p, "scenarios-verschil")
    controleer(p)
