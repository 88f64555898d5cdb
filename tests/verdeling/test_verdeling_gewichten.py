"""Weights as percentages that always add up to 100 (the linked sliders on /verdeling and /scenarios)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.verdeling.gewichten import herverdeel, lees_percentage, naar_honderd

NAMEN = ("inwoners", "huishoudens", "woningvoorraad", "sociale_voorraad", "mutaties")
tienden = st.integers(min_value=0, max_value=1000).map(lambda t: Fraction(t, 10))
gewichten = st.lists(st.fractions(min_value=0, max_value=100, max_denominator=1000), min_size=5, max_size=5).map(
    lambda ws: dict(zip(NAMEN, ws, strict=True)))


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("50", Fraction(50)), ("50 %", Fraction(50)), ("50%", Fraction(50)), ("50,5", Fraction(101, 2)),
    (" 12.5 % ", Fraction(25, 2)), ("", Fraction(0)), ("0", Fraction(0)), ("100", Fraction(100)), (30, Fraction(30)),
])
def test_lees_percentage(tekst, verwacht):
    assert lees_percentage(tekst, "Gewicht huishoudens") == verwacht


@pytest.mark.parametrize("tekst", ["veel", "-5", "101", "1e10000000", "5,,5"])
def test_lees_percentage_weigert_in_het_nederlands(tekst):
    with pytest.raises(InvoerFout, match="Gewicht huishoudens"):
        lees_percentage(tekst, "Gewicht huishoudens")


def test_naar_honderd_schaalt_en_zegt_het():
    s = naar_honderd({"huishoudens": Fraction(70), "mutaties": Fraction(50)})
    assert s.geschaald and not s.exact and s.som == 120
    assert s.gewichten == {"huishoudens": Fraction(583, 10), "mutaties": Fraction(417, 10)}
    assert naar_honderd({"huishoudens": Fraction(50), "mutaties": Fraction(50)}).geschaald is False


def test_naar_honderd_breekt_geen_gelijke_stand():
    s = naar_honderd({"inwoners": Fraction(1), "huishoudens": Fraction(1), "mutaties": Fraction(1)})
    assert s.exact and set(s.gewichten.values()) == {Fraction(100, 3)}


def test_alles_nul_is_een_fout():
    with pytest.raises(InvoerFout, match="minstens één indicator"):
        naar_honderd({"inwoners": Fraction(0)})


@settings(max_examples=300, deadline=None)
@given(gewichten)
def test_naar_honderd_telt_op_tot_100_nooit_negatief(ws):
    if sum(ws.values()) == 0:
        return
    s = naar_honderd(ws)
    assert sum(s.gewichten.values()) == 100
    assert all(w >= 0 for w in s.gewichten.values())
    assert list(s.gewichten) == list(ws)
    assert all(s.gewichten[k] == 0 for k, w in ws.items() if w == 0)  # nothing appears from nowhere
    if not s.exact:
        assert all((w * 10).denominator == 1 for w in s.gewichten.values())
        for k, w in ws.items():  # largest remainder: within one tenth of the exact share
            assert abs(s.gewichten[k] - w * 100 / s.som) < Fraction(1, 10)
    assert naar_honderd(s.gewichten).gewichten == s.gewichten  # idempotent: a reload gives the same key


@settings(max_examples=300, deadline=None)
@given(gewichten, st.sampled_from(NAMEN), st.fractions(min_value=-20, max_value=140, max_denominator=100))
def test_herverdeel_telt_op_tot_100_nooit_negatief(ws, naam, waarde):
    uit = herverdeel(ws, naam, waarde)
    assert sum(uit.values()) == 100
    assert all(0 <= w <= 100 and (w * 10).denominator == 1 for w in uit.values())
    assert uit[naam] == max(0, min(100, Fraction(int(waarde * 10 + Fraction(1, 2)) if waarde >= 0 else 0, 10)))


def test_herverdeel_verdeelt_de_rest_naar_verhouding():
    ws = {"inwoners": Fraction(0), "huishoudens": Fraction(50), "mutaties": Fraction(50)}
    assert herverdeel(ws, "inwoners", Fraction(20)) == {"inwoners": 20, "huishoudens": 40, "mutaties": 40}
    assert herverdeel(ws, "huishoudens", Fraction(100)) == {"inwoners": 0, "huishoudens": 100, "mutaties": 0}
    # all others at 0: the rest is shared equally; the odd tenth goes to the first in the list
    assert herverdeel({"a": Fraction(100), "b": Fraction(0), "c": Fraction(0)}, "a", Fraction(0)) == \
        {"a": 0, "b": 50, "c": 50}
    assert herverdeel({"a": Fraction(100), "b": Fraction(0), "c": Fraction(0), "d": Fraction(0)}, "a", Fraction(0)) \
        == {"a": 0, "b": Fraction(334, 10), "c": Fraction(333, 10), "d": Fraction(333, 10)}
