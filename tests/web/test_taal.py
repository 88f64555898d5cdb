"""Language of the pages (issue 15, item 6): what a policy officer sees in the main view has no exact
fractions (only behind an "exact" <details>), no raw column names such as `corporatiebezit_pct`, no ISO dates
and no instruction to run a CLI command. Checked on the visible text of <main> of every page, as a
regio-beheerder with an adopted agreement and imported monitoring figures (conftest.zaai_monitoring)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from verdeelwijzer.gegevens.manifest import manifest

PAGINAS = ("/", "/verdeling", "/scenarios", "/afspraken", "/betaalbaarheid", "/monitoring", "/regels", "/gegevens",
           "/opgave", "/woonvormen", "/woonvormen/monitoring", "/woonvormen/regels", "/transferpunt",
           "/vaststelling", "/gebruikers", "/gemeente/GM0503", "/presentatie", "/afspraken/nieuw")

# A fraction such as 15475/4599; a year range such as 2022/2023 (a CBS peildatum) is not one.
BREUK = re.compile(r"(?<![\d/])(?!(?:19|20)\d\d/(?:19|20)\d\d(?![\d/]))\d+/\d+(?![\d/])")
ISO_DATUM = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:\b|T\d)")  # also '2026-12-02T14:05' (a timestamp)
CLI = re.compile(r"\bverdeelwijzer [a-z]|--[a-z]+[a-z-]*")
# Snake_case column names from the data manifest (only technical names with an underscore: single words
# such as "inwoners" are also Dutch words).
KOLOMNAMEN = sorted({k for b in manifest().bestanden.values() for k in b.kolommen if "_" in k}, key=len, reverse=True)
KOLOMNAAM = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, KOLOMNAMEN)) + r")(?![\w-])")


class ZichtbareTekst(HTMLParser):
    """Text inside <main> that a reader sees without opening anything: skips <details> bodies (the summary
    stays visible), <script>, <style>, <template>, hidden elements and attribute values. Text in <code> is a
    technical name shown on purpose next to its Dutch label (the column list on /gegevens for uploads)."""

    VERBORGEN = {"script", "style", "template", "noscript"}
    LEEG = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}

    def __init__(self, met_code: bool) -> None:
        super().__init__(convert_charrefs=True)
        if not met_code:
            self.VERBORGEN = self.VERBORGEN | {"code"}
        self.stapel: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.in_main = 0
        self.delen: list[str] = []

    def _verborgen(self) -> bool:
        return any(v for _, v in self.stapel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.LEEG:
            return
        a = dict(attrs)
        verbergt = tag in self.VERBORGEN or "hidden" in a or tag == "details" and "open" not in a
        if tag == "main":
            self.in_main += 1
        self.stapel.append((tag, verbergt))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.LEEG:
            return
        while self.stapel:
            t, _ = self.stapel.pop()
            if t == "main":
                self.in_main -= 1
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.in_main:
            return
        # A summary of a closed <details> is visible although its parent hides the rest.
        verborgen = [v for t, v in self.stapel]
        if self.stapel and self.stapel[-1][0] == "summary":
            verborgen = verborgen[:-2]
        if not any(verborgen):
            self.delen.append(data)


def zichtbare_tekst(html: str, met_code: bool = True) -> str:
    p = ZichtbareTekst(met_code)
    p.feed(html)
    return " ".join(" ".join(p.delen).split())


def overtredingen(html: str) -> list[str]:
    """Every violation in the visible main text; column names are allowed inside <code> (a technical name
    shown on purpose), CLI commands, fractions and ISO dates are not."""
    uit = []
    for naam, patroon, met_code in (("breuk", BREUK, True), ("ISO-datum", ISO_DATUM, True),
                                    ("CLI-opdracht", CLI, True), ("kolomnaam", KOLOMNAAM, False)):
        tekst = zichtbare_tekst(html, met_code)
        for m in patroon.finditer(tekst):
            uit.append(f"{naam}: …{tekst[max(0, m.start() - 40):m.end() + 40]}…")
    return uit


def test_detector_vindt_wat_hij_moet_vinden() -> None:
    html = ("<main><p>exact 15475/4599</p><p>op 2026-12-02</p><p>voer verdeelwijzer monitor init uit</p>"
            "<p>corporatiebezit_pct</p><details><summary>exact</summary>1/3 op 2026-01-01</details></main>")
    soorten = [o.split(":")[0] for o in overtredingen(html)]
    assert soorten == ["breuk", "ISO-datum", "CLI-opdracht", "kolomnaam"]
    assert overtredingen("<main><details><summary>exact</summary>1/3</details>"
                         "<p>2 december 2026 <code>corporatiebezit_pct</code></p></main>") == []
    assert overtredingen("<main><code>verdeelwijzer sjabloon monitoring</code></main>") != []


@pytest.mark.parametrize("pad", PAGINAS)
def test_pagina_spreekt_de_taal_van_beleidsmedewerkers(klanten, pad: str) -> None:
    r = klanten["beheerder"].get(pad)
    assert r.status_code == 200, r.text[:300]
    gevonden = overtredingen(r.text)
    assert gevonden == [], "\n".join(gevonden)
    # rule status in words: "uit brondocument", not the technical key "seed" (allowed in <code>)
    tekst = zichtbare_tekst(r.text, met_code=False)
    assert not re.search(r"\bseed\b", tekst), tekst[max(0, tekst.find("seed") - 80):tekst.find("seed") + 80]


def test_opmaak_datum_euro_en_exact() -> None:
    from datetime import date, datetime
    from fractions import Fraction

    from verdeelwijzer.web.opmaak import datum, exacte_waarde, parameterwaarde

    assert datum(date(2026, 12, 2)) == "2 december 2026"
    assert datum(datetime(2027, 1, 5, 13, 4)) == "5 januari 2027"
    assert datum("vanaf 2026-07-01 tot 2027-01-01") == "vanaf 1 juli 2026 tot 1 januari 2027"
    assert datum("2022/2023") == "2022/2023"
    assert parameterwaarde(Fraction(59241, 50), "euro per maand") == "1.184,82"
    assert parameterwaarde(Fraction(2, 3), "aandeel") == "66,67 %"
    assert "/" not in parameterwaarde({"grondslag": "inwoners_65_plus", "aandeel": Fraction(3, 100)}, "aandeel")
    assert exacte_waarde({"a": Fraction(2, 3), "b": Fraction(1, 1)}) == "a: 2/3"


def test_opmaak_datumtijd_in_nederlandse_tijd() -> None:
    from datetime import UTC, datetime

    from verdeelwijzer.web.opmaak import datumtijd

    assert datumtijd(datetime(2026, 12, 2, 13, 5, tzinfo=UTC)) == "2 december 2026 om 14:05"  # CET = UTC+1
    assert datumtijd("2026-07-01T10:00:00+00:00") == "1 juli 2026 om 12:00"  # CEST = UTC+2
    assert datumtijd("2026-12-02T13:05") == "2 december 2026 om 14:05"  # stored UTC without zone
    assert datumtijd(None) == "" and datumtijd("onbekend") == "onbekend"


def test_detector_vindt_tijdstempel() -> None:
    assert overtredingen("<main><p>aangemaakt 2026-12-02T14:05</p></main>")
