"""Caps, floors and fixed assignments: exact water-filling with recorded steps."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import (
    VasteToewijzing,
    plafonds_uit_mutatiegrens,
    verdeel_binnen_grenzen,
    verdeel_met_vaste_toewijzingen,
)

ABC = ["GM0001", "GM0002", "GM0003"]


def test_plafond_met_herverdeling_met_de_hand():
    # key 5:3:2 of 100 → 50, 30, 20; caps 40 (A) and 15 (C): excess 10 + 5 goes to B → 45
    r = verdeel_binnen_grenzen([5, 3, 2], 100, ABC, plafonds=[40, None, 15])
    assert list(r.quota) == [40, 45, 15]
    assert r.haalbaar and r.tekort == 0
    assert r.plafond_geraakt == (True, False, True)
    (stap,) = r.stappen
    assert stap.soort == "plafond" and stap.gemeenten == ("GM0001", "GM0003") and stap.bedrag == 15
    assert (stap.factor_voor, stap.factor_na) == (10, 15)
    assert r.ontvangen(1) == [(stap, Fraction(15))]


def test_herverdeling_in_meerdere_stappen():
    # 50/30/20 with caps 40/33/∞: A capped first (excess 10 → B 36, C 24), then B capped at 33 (3 → C)
    r = verdeel_binnen_grenzen([5, 3, 2], 100, ABC, plafonds=[40, 33, None])
    assert list(r.quota) == [40, 33, 27]
    assert [s.gemeenten for s in r.stappen] == [("GM0001",), ("GM0002",)]
    assert [s.bedrag for s in r.stappen] == [10, 3]


def test_vloer_haalt_naar_rato_weg_bij_de_anderen():
    r = verdeel_binnen_grenzen([5, 3, 2], 100, ABC, vloeren=[0, 50, 0])
    assert list(r.quota) == [Fraction(250, 7), 50, Fraction(100, 7)]
    assert r.vloer_geraakt == (False, True, False)
    assert r.stappen[0].soort == "vloer" and r.stappen[0].bedrag == 20


def test_tekort_wordt_gemeld_niet_weggelaten():
    r = verdeel_binnen_grenzen([5, 3, 2], 100, ABC, plafonds=[40, 30, 15])
    assert list(r.quota) == [40, 30, 15]
    assert r.tekort == 15 and not r.haalbaar
    assert "tekort van 15" in r.waarschuwingen[0]
    with pytest.raises(VerdeelFout, match="tekort van 15"):
        verdeel_binnen_grenzen([5, 3, 2], 100, ABC, plafonds=[40, 30, 15], strikt=True)


def test_vloeren_boven_totaal():
    r = verdeel_binnen_grenzen([1, 1, 1], 10, ABC, vloeren=[5, 5, 5])
    assert list(r.quota) == [5, 5, 5] and r.overschrijding == 5
    with pytest.raises(VerdeelFout, match="vloeren vragen samen 15"):
        verdeel_binnen_grenzen([1, 1, 1], 10, ABC, vloeren=[5, 5, 5], strikt=True)


def test_vloer_boven_plafond_plafond_wint():
    r = verdeel_binnen_grenzen([1, 1, 1], 9, ABC, vloeren=[4, 0, 0], plafonds=[2, None, None])
    assert r.quota[0] == 2 and r.conflicten == ("GM0001",)
    assert sum(r.quota) == 9
    with pytest.raises(VerdeelFout, match="vloer 4 boven plafond 2"):
        verdeel_binnen_grenzen([1, 1, 1], 9, ABC, vloeren=[4, 0, 0], plafonds=[2, None, None], strikt=True)


def test_mutatiegrens_als_parameter():
    p = plafonds_uit_mutatiegrens([100, 35, 10], "0,3", ABC, al_toegewezen=[5, 0, 4])
    assert p == (25, Fraction(21, 2), -1)  # 30 - 5, 10.5, 3 - 4: more already claimed than the cap allows
    r = verdeel_binnen_grenzen([1, 1, 1], 30, ABC, plafonds=list(p))
    assert r.quota[2] == 0 and "negatief" in r.waarschuwingen[0]
    with pytest.raises(VerdeelFout, match="tussen 0 en 1"):
        plafonds_uit_mutatiegrens([1, 1, 1], 1.5, ABC)


def test_vaste_toewijzing_verrekend_binnen_quotum():
    # key 50/30/20; C hosts a facility of 12 ≤ 20: nothing changes for anyone, C's remaining task is 8
    r = verdeel_met_vaste_toewijzingen([50, 30, 20], 100, ABC, [VasteToewijzing("GM0003", 12, "opvang")])
    assert list(r.quota) == [50, 30, 20] and not r.stappen


def test_vaste_toewijzing_groter_dan_quotum():
    # facility 40 > C's quotum 20: C takes exactly 40, A and B share 60 in the ratio 5:3
    r = verdeel_met_vaste_toewijzingen([50, 30, 20], 100, ABC, [VasteToewijzing("GM0003", 40, "opvang")])
    assert list(r.quota) == [Fraction(75, 2), Fraction(45, 2), 40]
    with pytest.raises(VerdeelFout, match="hoort niet bij"):
        verdeel_met_vaste_toewijzingen([50, 30, 20], 100, ABC, [VasteToewijzing("GM9999", 4)])


@st.composite
def grenzen_probleem(draw):
    n = draw(st.integers(1, 10))
    w = draw(st.lists(st.integers(0, 1000), min_size=n, max_size=n))
    lo = draw(st.lists(st.integers(0, 300).map(lambda k: Fraction(k, 10)), min_size=n, max_size=n))
    up = draw(
        st.lists(st.one_of(st.none(), st.integers(0, 2000).map(lambda k: Fraction(k, 10))), min_size=n, max_size=n)
    )
    up = [None if u is None else max(u, lo[i]) for i, u in enumerate(up)]
    T = Fraction(draw(st.integers(0, 4200)), 7)
    return w, T, lo, up


@settings(max_examples=200, deadline=None)
@given(grenzen_probleem())
def test_waterval_eigenschappen(probleem):
    w, T, lo, up = probleem
    cs = [f"GM{i:04d}" for i in range(len(w))]
    r = verdeel_binnen_grenzen(w, T, cs, vloeren=lo, plafonds=up)
    q = list(r.quota)
    for x, a, b in zip(q, lo, up, strict=True):  # bounds never violated
        assert x >= a and (b is None or x <= b)
    if r.haalbaar:
        assert sum(q) == T
        # the free gemeenten (not at a bound) get exactly λ·w
        vrij = [i for i in range(len(w)) if w[i] and q[i] != lo[i] and (up[i] is None or q[i] != up[i])]
        if vrij:
            assert len({q[i] / w[i] for i in vrij}) == 1
    else:
        assert sum(q) + r.tekort - r.overschrijding == T


@settings(max_examples=100, deadline=None)
@given(grenzen_probleem(), st.randoms())
def test_waterval_onafhankelijk_van_volgorde(probleem, rnd):
    w, T, lo, up = probleem
    cs = [f"GM{i:04d}" for i in range(len(w))]
    r1 = verdeel_binnen_grenzen(w, T, cs, vloeren=lo, plafonds=up)
    p = list(range(len(w)))
    rnd.shuffle(p)
    r2 = verdeel_binnen_grenzen(
        [w[i] for i in p], T, [cs[i] for i in p], vloeren=[lo[i] for i in p], plafonds=[up[i] for i in p]
    )
    assert dict(zip(cs, r1.quota, strict=True)) == {cs[i]: x for i, x in zip(p, r2.quota, strict=True)}
    assert [s.gemeenten for s in r1.stappen] == [s.gemeenten for s in r2.stappen]
