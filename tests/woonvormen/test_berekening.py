"""The woonvormen proposal and balance on small cases computed by hand, plus properties (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.verdeling import VerdeelInvoer
from verdeelwijzer.woonvormen import (
    Doel,
    Programmaregel,
    Specialisatie,
    Toezegging,
    Voorziening,
    WoonvormenInvoer,
    bereken_woonvormen,
)

BRON = Bron("test", "2024-01-01")


def basis(inwoners: list[int], loting: bool = False) -> VerdeelInvoer:
    n = len(inwoners)
    return VerdeelInvoer(
        gemeentecodes=[f"GM{i:04d}" for i in range(n)], gemeentenamen=[f"G{i}" for i in range(n)],
        indicatoren={"inwoners": inwoners}, bronnen={"inwoners": [BRON] * n}, gewichten={"inwoners": 1},
        totaal=0, methode="hamilton", bij_gelijke_stand="loting" if loting else "fout", seed=7 if loting else None,
    )


HF = Programmaregel("housing_first", "Housing First", ("dakloos",), {2026: Doel(12, 12)})
TV = Programmaregel("terugvalplek", "Terugvalplek", ("dakloos",), {2026: Doel(6, 12)})


def test_voorstel_met_hand_berekend() -> None:
    # shares 1/6, 1/3, 1/2. Housing First 12: G0 pledges 4 (capacity 4), G2 capacity 3.
    # G0 keeps 4; the remaining 8 go 1/3 : 1/2 → 3.2 and 4.8, G2 capped at 3 → G1 gets 5.
    inv = WoonvormenInvoer(basis([100, 200, 300]), (2026,), (HF, TV), (
        Toezegging("GM0000", "housing_first", 2026, 4, 4), Toezegging("GM0002", "housing_first", None, 0, 3)))
    u = bereken_woonvormen(inv)
    hf = {r.gemeentecode: r for r in u.voorstel if r.woonvorm == "housing_first"}
    assert [hf[c].minimum for c in sorted(hf)] == [4, 5, 3]
    assert [hf[c].maximum for c in sorted(hf)] == [4, 5, 3]
    assert hf["GM0000"].toezegging == 4 and hf["GM0002"].op_capaciteit
    # Range 6–12 without pledges: minimum 1, 2, 3; maximum on top of it 2, 4, 6.
    tv = {r.gemeentecode: r for r in u.voorstel if r.woonvorm == "terugvalplek"}
    assert [tv[c].minimum for c in sorted(tv)] == [1, 2, 3]
    assert [tv[c].maximum for c in sorted(tv)] == [2, 4, 6]
    assert tv["GM0001"].evenredig_minimum == 2


def test_balans_met_hand_berekend() -> None:
    # Weights HF 1, terugvalplek 2; facility in G0 (regional, in use) of 3 terugvalplekken.
    # C = (4 + 2·1 + 2·3, 5 + 2·2, 3 + 2·3) = (12, 9, 9), total 30; F = 5, 10, 15; balance 7, −1, −6.
    inv = WoonvormenInvoer(
        basis([100, 200, 300]), (2026,), (HF, TV),
        (Toezegging("GM0000", "housing_first", 2026, 4, 4), Toezegging("GM0002", "housing_first", None, 0, 3)),
        (Voorziening("Opvang", "terugvalplek", "GM0000", 3, "regionaal", "in_gebruik", "test"),
         Voorziening("Lokaal", "terugvalplek", "GM0001", 50, "lokaal", "in_gebruik", "test")),
        Specialisatie({"housing_first": Fraction(1), "terugvalplek": Fraction(2)}, tarief=Fraction(100)),
    )
    u = bereken_woonvormen(inv)
    assert [r.bijdrage for r in u.balans] == [12, 9, 9]
    assert [r.evenredig_deel for r in u.balans] == [5, 10, 15]
    assert [r.balans for r in u.balans] == [7, -1, -6]
    assert [r.bedrag_centen for r in u.balans] == [70000, -10000, -60000]


def test_tekort_gemeld_niet_verlaagd() -> None:
    prog = Programmaregel("skaeve_huse", "Skaeve Huse", ("dakloos",), {2026: Doel(10, 10)})
    tz = tuple(Toezegging(f"GM{i:04d}", "skaeve_huse", 2026, 1, 2) for i in range(3))
    u = bereken_woonvormen(WoonvormenInvoer(basis([1, 1, 1]), (2026,), (prog,), tz))
    d = u.doelen[0]
    assert d.doel.minimum == 10 and d.geplaatst_minimum == 6 and d.tekort_minimum == 4
    assert "4 onder het minimum" in d.uitleg[-1] and "G0" in d.uitleg[-1]
    assert u.waarschuwingen


@pytest.mark.parametrize("geval, tekst", [
    ("min_max", "groter dan maximum"),
    ("boven_capaciteit", "groter dan de capaciteit"),
    ("gewicht", "groter dan 0"),
    ("buiten_regio", "hoort niet bij de regio"),
    ("geen_groep", "bedient geen enkele groep"),
])
def test_foute_invoer(geval: str, tekst: str) -> None:
    prog, tz, vz, spec = HF, (), (), None
    if geval == "min_max":
        prog = Programmaregel("terugvalplek", "T", ("dakloos",), {2026: Doel(12, 6)})
    elif geval == "boven_capaciteit":
        tz = (Toezegging("GM0000", "housing_first", 2026, 5, 4),)
    elif geval == "gewicht":
        spec = Specialisatie({"housing_first": Fraction(0)})
    elif geval == "buiten_regio":
        vz = (Voorziening("X", "housing_first", "GM9999", 3, "regionaal", "in_gebruik", "b"),)
    else:
        prog = Programmaregel("housing_first", "HF", (), {2026: Doel(1, 1)})
    with pytest.raises(InvoerFout, match=tekst):
        bereken_woonvormen(WoonvormenInvoer(basis([1, 2, 3]), (2026,), (prog,), tz, vz, spec))


@st.composite
def gevallen(draw: st.DrawFn) -> WoonvormenInvoer:
    n = draw(st.integers(2, 6))
    inwoners = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n))
    lo = draw(st.integers(0, 60))
    hi = lo + draw(st.integers(0, 30))
    toezeggingen = []
    for g in range(n):
        if draw(st.booleans()):
            aantal = draw(st.integers(0, 15))
            cap = draw(st.one_of(st.none(), st.integers(aantal, aantal + 20)))
            toezeggingen.append(Toezegging(f"GM{g:04d}", "housing_first", 2026, aantal, cap))
    prog = Programmaregel("housing_first", "Housing First", ("dakloos",), {2026: Doel(lo, hi)})
    gewicht = Fraction(draw(st.integers(1, 50)), draw(st.integers(1, 7)))
    vz = tuple(Voorziening(f"V{i}", "housing_first", f"GM{draw(st.integers(0, n - 1)):04d}", draw(st.integers(0, 40)),
                           "regionaal", "in_gebruik", "b") for i in range(draw(st.integers(0, 2))))
    return WoonvormenInvoer(basis(inwoners, loting=True), (2026,), (prog,), tuple(toezeggingen), vz,
                            Specialisatie({"housing_first": gewicht}))


@settings(max_examples=60, deadline=None)
@given(gevallen())
def test_eigenschappen(inv: WoonvormenInvoer) -> None:
    u = bereken_woonvormen(inv)
    assert sum(r.balans for r in u.balans) == 0
    tz = {t.gemeentecode: t for t in inv.toezeggingen}
    for r in u.voorstel:
        t = tz.get(r.gemeentecode)
        assert r.minimum <= r.maximum
        if t is not None:
            assert r.minimum >= t.aantal  # pledges never reduced
            if t.capaciteit is not None:
                assert r.maximum <= t.capaciteit  # never above stated capacity
    d = u.doelen[0]
    # the proposal reaches the target unless capacity is short, and then the shortfall is reported exactly
    assert d.geplaatst_minimum + d.tekort_minimum >= d.doel.minimum
    assert d.geplaatst_maximum + d.tekort_maximum >= d.doel.maximum


def test_doel_voor_de_periode() -> None:
    # A period target of 12; G0 pledged 2 in 2026 and 2 in 2027 (capacity 3 + 3 = 6): floor 4 for the period.
    # Shares 1/6, 1/3, 1/2 → quota 2, 4, 6; G0's floor 4 binds, the remaining 8 go 1/3 : 1/2 → 3.2, 4.8 → 3, 5.
    prog = Programmaregel("skaeve_huse", "Skaeve Huse", ("dakloos",), {None: Doel(12, 12)})
    tz = (Toezegging("GM0000", "skaeve_huse", 2026, 2, 3), Toezegging("GM0000", "skaeve_huse", 2027, 2, 3))
    u = bereken_woonvormen(WoonvormenInvoer(basis([100, 200, 300]), (2026, 2027), (prog,), tz))
    assert [r.jaar for r in u.voorstel] == [None, None, None]
    assert [r.toezegging for r in u.voorstel] == [4, 0, 0]
    assert [r.capaciteit for r in u.voorstel] == [6, None, None]
    assert [r.minimum for r in u.voorstel] == [4, 3, 5]
    assert "in de periode" in u.doelen[0].uitleg[0]


def test_balans_telt_gerealiseerd_mee() -> None:
    # As test_balans_met_hand_berekend, plus 3 realised Housing First placements in G2 (weight 1):
    # C = (12, 9, 9 + 3) = (12, 9, 12), total 33; F = 33/6, 33/3, 33/2 = 5.5, 11, 16.5; balance 6.5, −2, −4.5.
    inv = WoonvormenInvoer(
        basis([100, 200, 300]), (2026,), (HF, TV),
        (Toezegging("GM0000", "housing_first", 2026, 4, 4), Toezegging("GM0002", "housing_first", None, 0, 3)),
        (Voorziening("Opvang", "terugvalplek", "GM0000", 3, "regionaal", "in_gebruik", "test"),),
        Specialisatie({"housing_first": Fraction(1), "terugvalplek": Fraction(2)},
                      gerealiseerd=(("GM0002", "housing_first", 3),)),
    )
    u = bereken_woonvormen(inv)
    assert [r.balans for r in u.balans] == [Fraction(13, 2), -2, Fraction(-9, 2)]
