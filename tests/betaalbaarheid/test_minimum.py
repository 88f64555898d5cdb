"""Per gemeente: social share, applicable rule, minimums (rounded up), grondslag, room, ontheffing."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from betaalbaarheid.hulp import regels, voorraad
from verdeelwijzer.betaalbaarheid import Ontheffing, Programmaregel, bereken_gemeenteminimum, minimum_woningen
from verdeelwijzer.fouten import InvoerFout


def test_de_handberekeningen_gaan_uit_van_deze_parameterwaarden():
    r = regels()
    assert r.landelijk_gemiddelde.waarde == Fraction(256, 1000) and r.landelijk_gemiddelde.status == "seed"
    assert r.minimum_sociale_huur.waarde == Fraction(3, 10) and r.minimum_sociale_huur.status == "ontwerp"
    assert r.minimum_middensegment.waarde == Fraction(4, 10)
    assert r.aandeel_betaalbaar.waarde == Fraction(2, 3)
    assert r.termijn_jaren.waarde == 10
    assert r.over_niet_gecontracteerd.status == "aanname"


def test_onder_het_gemiddelde_sociale_huur_op_het_gemiddelde_middensegment():
    onder = bereken_gemeenteminimum(voorraad("GM0001", 1000, 255), Programmaregel("GM0001", 0, 1000), regels())
    op = bereken_gemeenteminimum(voorraad("GM0001", 1000, 256), Programmaregel("GM0001", 0, 1000), regels())
    assert onder.sociaal_aandeel.waarde == Fraction(255, 1000)
    assert onder.regel == "sociale_huur" and onder.minimum_sociale_huur.waarde == 300
    assert onder.minimum_middensegment.waarde == 0
    assert op.regel == "middensegment" and op.minimum_middensegment.waarde == 400  # "op of boven" → 40 %
    assert op.minimum_sociale_huur.waarde == 0
    assert "onder het landelijk gemiddelde" in onder.regel_uitleg and "op of boven" in op.regel_uitleg


def test_minimum_wordt_naar_boven_afgerond():
    assert minimum_woningen(Fraction(3, 10), 1000) == 300
    assert minimum_woningen(Fraction(3, 10), 1001) == 301  # 300,3 → ten minste 301
    assert minimum_woningen(Fraction(2, 3), 3) == 2
    assert minimum_woningen(Fraction(2, 3), 4) == 3  # 2,67 → 3
    m = bereken_gemeenteminimum(voorraad("GM0001", 1000, 100), Programmaregel("GM0001", 0, 1001), regels())
    assert m.minimum_sociale_huur.waarde == 301
    assert "⌈30,0 % × 1.001⌉ = 301" in m.minimum_sociale_huur.uitleg and "naar boven" in m.minimum_sociale_huur.uitleg


def test_grondslag_alleen_niet_gecontracteerd_of_hele_programma():
    p = Programmaregel("GM0001", 600, 400)
    alleen = bereken_gemeenteminimum(voorraad("GM0001", 1000, 100), p, regels(True))
    heel = bereken_gemeenteminimum(voorraad("GM0001", 1000, 100), p, regels(False))
    assert alleen.grondslag.waarde == 400 and alleen.minimum_sociale_huur.waarde == 120
    assert alleen.ruimte.waarde == 280 and alleen.past_niet.waarde == 0
    assert heel.grondslag.waarde == 1000 and heel.minimum_sociale_huur.waarde == 300
    assert heel.ruimte.waarde == 100
    # the rule the grondslag rests on is an assumption, and so is every minimum built on it
    assert alleen.grondslag.status == "aanname" and alleen.minimum_sociale_huur.status == "aanname"
    assert set(alleen.minimum_sociale_huur.statussen) == {"ontwerp", "seed", "aanname"}


def test_minimum_groter_dan_niet_gecontracteerd_wordt_gemeld():
    m = bereken_gemeenteminimum(voorraad("GM0001", 1000, 500), Programmaregel("GM0001", 900, 100), regels(False))
    assert m.minimum_middensegment.waarde == 400 and m.ruimte.waarde == 0
    assert m.past_niet.waarde == 300 and "gecontracteerde projecten" in m.past_niet.uitleg


def test_ontheffing_verlaagt_het_minimum_met_besluit_en_status():
    p = Programmaregel("GM0001", 0, 1000, ontheffing=Ontheffing(Fraction(1, 5), "GS 2027-01"))
    m = bereken_gemeenteminimum(voorraad("GM0001", 1000, 100, "A"), p, regels())
    assert m.percentage.waarde == Fraction(1, 5) and m.minimum_sociale_huur.waarde == 200
    assert "ontheffing (besluit GS 2027-01)" in m.percentage.uitleg
    assert "eigen invoer" in m.minimum_sociale_huur.statussen


def test_ontheffing_niet_lager_dan_de_regel_is_een_fout_met_herkomst():
    p = Programmaregel("GM0001", 0, 1000, ontheffing=Ontheffing(Fraction(35, 100), "B-1"), herkomst="p.csv, regel 2")
    with pytest.raises(InvoerFout, match=r"p\.csv, regel 2: ontheffing voor A \(35,0 %.*niet lager"):
        bereken_gemeenteminimum(voorraad("GM0001", 1000, 100, "A"), p, regels())


def test_onmogelijke_voorraad_is_een_fout():
    with pytest.raises(InvoerFout, match="woningvoorraad is 0"):
        bereken_gemeenteminimum(voorraad("GM0001", 0, 0, "A"), Programmaregel("GM0001", 0, 10), regels())
    with pytest.raises(InvoerFout, match="ligt niet tussen 0 en de woningvoorraad"):
        bereken_gemeenteminimum(voorraad("GM0001", 10, 11, "A"), Programmaregel("GM0001", 0, 10), regels())


def test_gegevens_hebben_status_gegeven_niet_wet():
    m = bereken_gemeenteminimum(voorraad("GM0001", 1000, 100), Programmaregel("GM0001", 0, 10), regels())
    assert m.woningvoorraad.status == "gegeven" and m.sociaal_aandeel.status == "gegeven"
    assert replace(m.woningvoorraad).als_dict()["statussen"] == ["gegeven"]
