"""Verdeelsleutel: parsing weights exactly and computing exact shares."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from verdeelwijzer.fouten import VerdeelFout, VerdeelwijzerFout
from verdeelwijzer.verdeling import aandelen, controleer_gewichten, parse_sleutel


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("inwoners=0.5,mutaties=0.5", {"inwoners": Fraction(1, 2), "mutaties": Fraction(1, 2)}),
        ("inwoners=0,5, mutaties=0,5", {"inwoners": Fraction(1, 2), "mutaties": Fraction(1, 2)}),
        ("inwoners=0,3; mutaties=0,7", {"inwoners": Fraction(3, 10), "mutaties": Fraction(7, 10)}),
        ("a=1/3;b=2/3", {"a": Fraction(1, 3), "b": Fraction(2, 3)}),
        ("a=25%, b=75%", {"a": Fraction(1, 4), "b": Fraction(3, 4)}),
        ("sociale_voorraad=1", {"sociale_voorraad": Fraction(1)}),
        ("a=1,b=0", {"a": Fraction(1), "b": Fraction(0)}),
    ],
)
def test_parse_sleutel_exact(tekst, verwacht):
    assert parse_sleutel(tekst) == verwacht


def test_parse_sleutel_leest_decimalen_exact_niet_via_float():
    # 0.1 + 0.2 + 0.7 is not 1 in floats, but it is as decimal text
    assert sum(parse_sleutel("a=0.1,b=0.2,c=0.7").values()) == 1


@pytest.mark.parametrize(
    ("tekst", "fragment"),
    [
        ("inwoners=0.4,mutaties=0.5", "tellen op tot 0,9 (9/10)"),
        ("inwoners=-0.5,mutaties=1.5", "niet negatief"),
        ("inwoners 0.5, mutaties=0.5", "niet te lezen"),
        ("inwoners=0.5 mutaties=0.5", "niet te lezen"),
        ("inwoners=0.5,", "aan het eind"),
        ("a=0.5,a=0.5", "twee keer"),
        ("", "leeg"),
        ("a=x", "niet te lezen"),
    ],
)
def test_parse_sleutel_fouten(tekst, fragment):
    with pytest.raises(VerdeelFout, match=re.escape(fragment)):
        parse_sleutel(tekst)


def test_fout_is_verdeelwijzerfout():
    assert issubclass(VerdeelFout, VerdeelwijzerFout)


def test_controleer_gewichten_floats_als_decimaal():
    assert controleer_gewichten({"a": 0.3, "b": 0.7}) == {"a": Fraction(3, 10), "b": Fraction(7, 10)}
    assert controleer_gewichten({"a": Decimal("0.25"), "b": Fraction(3, 4)}) == {
        "a": Fraction(1, 4),
        "b": Fraction(3, 4),
    }
    with pytest.raises(VerdeelFout, match="tellen op tot 1,1"):
        controleer_gewichten({"a": 0.5, "b": 0.6})


def test_aandelen_met_de_hand():
    # inwoners: 100, 300 (sum 400); mutaties: 30, 10 (sum 40)
    r = aandelen({"inwoners": [100, 300], "mutaties": [30, 10]}, "inwoners=0,5;mutaties=0,5", ["GM1", "GM2"])
    # GM1: 1/2 · 100/400 + 1/2 · 30/40 = 1/8 + 3/8 = 1/2
    assert list(r.aandelen) == [Fraction(1, 2), Fraction(1, 2)]
    assert list(r.componenten["inwoners"]) == [Fraction(1, 8), Fraction(3, 8)]
    assert list(r.componenten["mutaties"]) == [Fraction(3, 8), Fraction(1, 8)]
    assert r.totalen == {"inwoners": 400, "mutaties": 40}


def test_aandelen_floats_exact_omgezet():
    r = aandelen({"x": [0.1, 0.2]}, {"x": 1}, ["A", "B"])
    assert r.waarden["x"] == (Fraction(0.1), Fraction(0.2))  # the binary values, exactly
    assert r.aandelen[0] == Fraction(0.1) / (Fraction(0.1) + Fraction(0.2))
    assert sum(r.aandelen) == 1


def test_aandelen_numpy_en_decimal():
    r = aandelen(
        {"x": np.array([1, 3], dtype=np.int64), "y": [Decimal("1.5"), Decimal("0.5")]}, "x=0.5;y=0.5", ["A", "B"]
    )
    assert list(r.aandelen) == [Fraction(1, 2), Fraction(1, 2)]


@pytest.mark.parametrize(
    ("indicatoren", "fragment"),
    [
        ({"inwoners": [1, 2]}, "ontbreken: mutaties"),
        ({"inwoners": [1, 2], "mutaties": [1, -1]}, "negatief voor Bloemendaal \\(GM0377\\)"),
        ({"inwoners": [1, 2], "mutaties": [0, 0]}, "'mutaties' is 0 voor alle gemeenten"),
        ({"inwoners": [1, 2], "mutaties": [1]}, "1 waarden voor 2 gemeenten"),
        ({"inwoners": [1, 2], "mutaties": [1, float("nan")]}, "geen eindig getal"),
    ],
)
def test_aandelen_fouten(indicatoren, fragment):
    with pytest.raises(VerdeelFout, match=fragment):
        aandelen(
            indicatoren, "inwoners=0,5;mutaties=0,5", ["GM0392", "GM0377"], gemeentenamen=["Haarlem", "Bloemendaal"]
        )


def test_indicator_met_gewicht_nul_mag_nul_zijn():
    r = aandelen({"a": [1, 1], "b": [0, 0]}, {"a": 1, "b": 0}, ["A", "B"])
    assert list(r.aandelen) == [Fraction(1, 2), Fraction(1, 2)]


waarden = st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=12).filter(lambda v: sum(v) > 0)


@given(waarden, waarden, st.integers(min_value=1, max_value=10**6), st.integers(0, 100).map(lambda k: Fraction(k, 100)))
def test_schalen_verandert_niets_en_som_is_een(x, y, factor, w):
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    if sum(x) == 0 or sum(y) == 0:
        return
    codes = [f"GM{i:04d}" for i in range(n)]
    g = {"x": w, "y": 1 - w}
    r1 = aandelen({"x": x, "y": y}, g, codes)
    r2 = aandelen({"x": [v * factor for v in x], "y": [Fraction(v, factor) for v in y]}, g, codes)
    assert list(r1.aandelen) == list(r2.aandelen)
    assert sum(r1.aandelen) == 1
