"""Herkomst mix with "tenzij" exceptions, and the ingroeipad (linear and bounded)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import Herkomst, Uitzondering, bereken_ingroeipad, meng_herkomst

ABC = ["GM0001", "GM0002", "GM0003"]
HALF_KWART = [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)]


def test_herkomst_mix_met_de_hand():
    # T = 100, α = 1/2, demand 60/30/30 (Σ 120 ≠ T: scaled by 100/120 = 5/6)
    # A: 1/2·60·5/6 + 1/2·100·1/2 = 25 + 25 = 50; B and C: 12.5 + 12.5 = 25
    h = meng_herkomst(HALF_KWART, 100, Herkomst([60, 30, 30], "0,5"), ABC)
    assert list(h.quota) == [50, 25, 25]
    assert h.schaalfactor == Fraction(5, 6)
    assert list(h.herkomstdeel) == [25, Fraction(25, 2), Fraction(25, 2)]
    assert list(h.sleuteldeel) == [25, Fraction(25, 2), Fraction(25, 2)]


def test_herkomst_zonder_schaal_is_de_formule_uit_het_ontwerp():
    # Σd = T: q_g = α·d_g + (1−α)·T·share_g
    h = meng_herkomst(HALF_KWART, 100, Herkomst([70, 20, 10], Fraction(3, 10)), ABC)
    assert h.schaalfactor == 1
    assert list(h.quota) == [
        Fraction(3, 10) * d + Fraction(7, 10) * 100 * s for d, s in zip([70, 20, 10], HALF_KWART, strict=True)
    ]


def test_uitzonderingen_verplaatsen_hele_huishoudens():
    u = Uitzondering("GM0001", "GM0002", 3, "kansrijke woonstart")
    h = meng_herkomst(HALF_KWART, 100, Herkomst([60, 30, 30], "0.5", [u]), ABC)
    assert list(h.quota) == [47, 28, 25]
    assert h.netto_uitzonderingen == (-3, 3, 0)
    assert sum(h.quota) == 100


@pytest.mark.parametrize(
    ("herkomst", "fragment"),
    [
        (Herkomst([1, 1, 1], "1,5"), "tussen 0 en 1"),
        (Herkomst([0, 0, 0], "0.5"), "vraag naar herkomst is 0"),
        (Herkomst([1, -1, 1], "0.5"), "negatief"),
        (Herkomst([1, 1, 1], "0.5", [Uitzondering("GM0001", "GM0001", 1, "x")]), "dezelfde gemeente"),
        (Herkomst([1, 1, 1], "0.5", [Uitzondering("GM0001", "GM0009", 1, "x")]), "hoort niet bij"),
        (Herkomst([1, 1, 1], "0.5", [Uitzondering("GM0002", "GM0001", 40, "x")]), "meer dan haar quotum"),
    ],
)
def test_herkomst_fouten(herkomst, fragment):
    with pytest.raises(VerdeelFout, match=fragment):
        meng_herkomst(HALF_KWART, 100, herkomst, ABC)


def test_ingroeipad_lineair_met_de_hand():
    r = bereken_ingroeipad([10, 20, 30], [30, 20, 10], 5, ABC, totalen=[60] * 5, afronding="sainte-lague")
    assert [list(q) for q in r.quota] == [[14, 20, 26], [18, 20, 22], [22, 20, 18], [26, 20, 14], [30, 20, 10]]
    assert r.aantallen == ((14, 20, 26), (18, 20, 22), (22, 20, 18), (26, 20, 14), (30, 20, 10))
    assert r.doel_bereikt == (True, True, True)
    assert r.tabel()[0] == {"jaar": 1, "gemeentecode": "GM0001", "quotum": 14, "aantal": 14}


def test_ingroeipad_verschillende_jaartotalen_en_aandelen():
    # current and target as shares: year t total is T_t exactly, whatever Σ huidig and Σ doel are
    r = bereken_ingroeipad([1, 1], [Fraction(3, 4), Fraction(1, 4)], 2, ABC[:2], totalen=[100, 40])
    assert list(r.quota[0]) == [Fraction(125, 2), Fraction(75, 2)]  # (1/2 + 3/4)/2 of 100
    assert list(r.quota[1]) == [30, 10]


def test_ingroeipad_begrensd_houdt_ratios_en_totalen():
    pr, pl = Fraction(6, 5), Fraction(9, 10)  # passed in, as the French plafond_ratio/plancher
    r = bereken_ingroeipad(
        [10, 20, 30], [30, 20, 10], 5, ABC, totalen=[60] * 5, soort="begrensd", plafond_ratio="1,2", plancher=0.9
    )
    vorig = [Fraction(10), Fraction(20), Fraction(30)]
    for q in r.quota:
        assert sum(q) == 60
        for v, x in zip(vorig, q, strict=True):
            assert pl * v <= x <= pr * v
        vorig = list(q)
    assert r.quota[0][0] == 12  # grows at most 20 %
    assert r.doel_bereikt == (False, False, False)
    assert "niet bereikt" in r.waarschuwingen[0]


def test_ingroeipad_begrensd_parameters():
    with pytest.raises(VerdeelFout, match="plancher ≤ 1 ≤ plafond_ratio"):
        bereken_ingroeipad([1, 1], [1, 1], 3, ABC[:2], soort="begrensd", plafond_ratio="0.9", plancher="0.8")
    with pytest.raises(VerdeelFout, match="vraagt zowel"):
        bereken_ingroeipad([1, 1], [1, 1], 3, ABC[:2], soort="begrensd")


def test_ingroeipad_plafond_geldt_ook_in_het_pad():
    # Issue 11 item 4: the cap holds in year 1 too; the path's 40 is capped at 30, the rest goes to B.
    r = bereken_ingroeipad(
        [50, 10], [30, 30], 2, ABC[:2], totalen=[60, 60], afronding="sainte-lague", plafonds=[30, None]
    )
    assert r.aantallen == ((30, 30), (30, 30))
    assert r.pad_quota[0][0] == 40 and r.quota[0][0] == 30


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 500), min_size=2, max_size=8).filter(lambda v: sum(v) > 0),
    st.lists(st.integers(1, 500), min_size=2, max_size=8),
    st.integers(1, 10),
    st.integers(0, 400),
)
def test_ingroeipad_eigenschappen(huidig, doel, jaren, totaal):
    n = min(len(huidig), len(doel))
    huidig, doel = huidig[:n], doel[:n]
    if sum(huidig) == 0:
        return
    cs = [f"GM{i:04d}" for i in range(n)]
    r = bereken_ingroeipad(
        huidig, doel, jaren, cs, totalen=[totaal] * jaren, afronding="hamilton", bij_gelijke_stand="loting", seed=3
    )
    assert all(sum(q) == totaal for q in r.quota)
    assert all(sum(a) == totaal and min(a) >= 0 for a in r.aantallen)
    assert list(r.quota[-1]) == [Fraction(totaal * d, sum(doel)) for d in doel]
    # cumulative rounding: Hamilton on the running totals keeps every gemeente within one unit of its
    # running quotum (the quota rule) unless a "never negative" floor had to hold a unit
    if not any(r.afronding.bijgestuurd):
        for g in range(n):
            som_q = sum((q[g] for q in r.quota), Fraction(0))
            assert abs(sum(a[g] for a in r.aantallen) - som_q) < 1
