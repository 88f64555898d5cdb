"""The legal frame as rules: ingroeipad term and statutory share for urgents (pure check), deadlines."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import REPO
from tests.documenten.hulp import draai

from verdeelwijzer.afspraken import lees_afspraken_tekst
from verdeelwijzer.documenten.wettelijk import (
    WettelijkKader,
    documentregels,
    lees_wettelijk_kader,
    termijnen,
    toets_wettelijk_kader,
)
from verdeelwijzer.regels import ParameterWaarde


def _pw(naam: str, waarde: object, status: str = "wet") -> ParameterWaarde:
    return ParameterWaarde(naam, waarde, "x", status, "Testbron", "https://example.org/", date(2026, 7, 1), None,
                           None, "test")


def _kader(jaren_ingroei: int | None = None, streef: str | None = None, aandeel: str | None = None) -> object:
    ingroei = (f"    ingroeipad: {{huidig: huidig.csv, jaren: {jaren_ingroei}}}\n" if jaren_ingroei else "")
    totaal = f"{{aandeel_mutaties: {aandeel}}}" if aandeel else "{per_jaar: 100}"
    return lees_afspraken_tekst(
        "naam: t\nregio: Haaglanden\nperiode: {start: 2027, jaren: 4}\n"
        + (f"aandeel_urgenten: {{streef: {streef}}}\n" if streef else "")
        + f"categorieen:\n  - naam: urgenten\n    totaal: {totaal}\n    sleutel: {{inwoners: 1}}\n" + ingroei
    )


@given(st.integers(1, 30), st.integers(1, 30))
def test_ingroeipad_tegen_wettelijke_termijn(jaren: int, termijn: int) -> None:
    kader = _kader(jaren_ingroei=jaren)
    meldingen = toets_wettelijk_kader(kader, WettelijkKader(_pw("ingroeipad_maximale_termijn", termijn), None))
    assert bool(meldingen) == (jaren > termijn)
    if meldingen:
        assert f"{jaren} jaar" in meldingen[0] and f"{termijn} jaar" in meldingen[0]


def test_onbekende_termijn_wordt_gemeld_niet_geraden() -> None:
    kader = _kader(jaren_ingroei=3)
    [melding] = toets_wettelijk_kader(kader, WettelijkKader(_pw("ingroeipad_maximale_termijn", "onbekend",
                                                                "ontwerp"), None))
    assert "nog niet bekend" in melding and "status ontwerp" in melding
    assert toets_wettelijk_kader(_kader(), WettelijkKader(_pw("ingroeipad_maximale_termijn", "onbekend"), None)) == []


@pytest.mark.parametrize(("streef", "aandeel", "te_laag"), [
    ("0.25", None, True), ("0.30", None, False), ("0.35", None, False), (None, "0.2", True), (None, "0.4", False),
])
def test_aandeel_urgenten_tegen_wettelijk_percentage(streef: str | None, aandeel: str | None, te_laag: bool) -> None:
    from fractions import Fraction

    kader = _kader(streef=streef, aandeel=aandeel)
    wettelijk = WettelijkKader(None, _pw("percentage_urgenten_van_rechtswege", Fraction(3, 10)))
    meldingen = toets_wettelijk_kader(kader, wettelijk)
    assert bool(meldingen) == te_laag
    if te_laag:
        assert "onder het wettelijke percentage van 30" in meldingen[0]
    onbekend = WettelijkKader(None, _pw("percentage_urgenten_van_rechtswege", "onbekend", "ontwerp"))
    assert toets_wettelijk_kader(kader, onbekend) == []


def test_voor_de_wet_geen_toets() -> None:
    wettelijk = lees_wettelijk_kader(date(2025, 1, 1))
    assert wettelijk == WettelijkKader(None, None)
    assert toets_wettelijk_kader(_kader(jaren_ingroei=9), wettelijk) == []


def test_bereken_meldt_ingroeipad_zonder_bekende_termijn() -> None:
    resultaat = json.loads(draai("bereken", str(REPO / "voorbeelden" / "arnhem_nijmegen.yaml"), "--format",
                                 "json").stdout)
    [melding] = [w for w in resultaat["waarschuwingen"] if "ingroeipad" in w]
    assert "2 jaar (tot en met 2028)" in melding and "ingroeipad_maximale_termijn" in melding


def test_termijnen_kb_onbekend_en_haaglanden() -> None:
    t = termijnen(date(2027, 1, 1), "Haaglanden")
    assert [(x["document"], x["soort"]) for x in t] == [("VHP", "wettelijk"), ("HVO", "wettelijk"),
                                                        ("HVO", "regionaal (Haaglanden)")]
    assert t[0]["datum"] is None and "Koninklijk Besluit" in t[0]["tekst"] and t[0]["status"] == "ontwerp"
    assert t[2]["datum"] == date(2027, 7, 1) and t[2]["status"] == "seed"
    assert [x["document"] for x in termijnen(date(2027, 1, 1), "Zuid-Kennemerland")] == ["VHP", "HVO"]


def test_documentregels_lijsten() -> None:
    r = documentregels(date(2027, 1, 1), "Haaglanden")
    assert len(r.vhp_onderwerpen) == 8 and {o["code"] for o in r.vhp_onderwerpen} >= {"betaalbaar", "zorg"}
    assert r.urgentiecategorieen and all(w.status != "wet" for w in r.wettelijk)
