"""Settlement: zero-sum (exactly and in cents), the calculation shown, errors."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.monitoring import Doel, MonitoringInvoer, Periode, Realisatie, vereffening
from verdeelwijzer.monitoring.vereffening import euro

P = (Periode("2027", date(2027, 1, 1), date(2027, 12, 31)),)


def _invoer(doelen: list[int], real: list[int], tarief: Fraction | None = Fraction(12000)) -> MonitoringInvoer:
    codes = tuple(f"GM{i:04d}" for i in range(1, len(doelen) + 1))
    return MonitoringInvoer(
        gemeenten=codes, perioden=P,
        doelen=tuple(Doel(c, "a", "2027", d) for c, d in zip(codes, doelen, strict=True)),
        realisaties=tuple(Realisatie(c, "a", "2027", r) for c, r in zip(codes, real, strict=True)),
        vereffening_tarief=tarief)


def test_vereffening_tegen_regionale_realisatiegraad():
    v = vereffening(_invoer([10, 30], [12, 24]), "2027")  # region 36 of 40: graad 9/10
    a, b = v.regels
    assert v.graad_regio == Fraction(9, 10)
    assert (a.verwacht, a.afwijking, a.bedrag) == (9, 3, 36000)
    assert (b.verwacht, b.afwijking, b.bedrag) == (27, -3, -36000)
    assert "× tarief € 12.000,00" in a.berekening and "doel 10" in a.berekening
    assert any("nulsom" in t for t in v.toelichting)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=1, max_size=12)
       .filter(lambda p: sum(d for d, _ in p) > 0),
       st.fractions(min_value=0, max_value=100000, max_denominator=100))
def test_vereffening_is_nulsom(paren, tarief):
    v = vereffening(_invoer([d for d, _ in paren], [r for _, r in paren], tarief), "2027")
    assert sum(r.afwijking for r in v.regels) == 0
    assert sum(r.bedrag for r in v.regels) == 0
    assert sum(r.bedrag_centen for r in v.regels) == 0
    assert all(abs(r.bedrag_centen - r.bedrag * 100) < 1 for r in v.regels)


def test_vereffening_fouten():
    with pytest.raises(VerdeelwijzerFout, match="vereffeningstarief"):
        vereffening(_invoer([1], [1], None), "2027")
    with pytest.raises(VerdeelwijzerFout, match="Onbekende periode"):
        vereffening(_invoer([1], [1]), "2099")
    with pytest.raises(VerdeelwijzerFout, match="geen doelen"):
        vereffening(_invoer([0], [1]), "2027")


def test_euro():
    assert euro(Fraction(-123456789, 100)) == "−€ 1.234.567,89"
    assert euro(Fraction(1, 3), teken=True) == "+€ 0,33"
