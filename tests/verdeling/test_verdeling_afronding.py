"""Apportionment: hand-checked examples for every method, ties, bounds, cumulative rounding."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import rond_af, rond_cumulatief

VIER = ["GM0001", "GM0002", "GM0003", "GM0004"]
# The textbook example (8 seats; votes 100,000 / 80,000 / 30,000 / 20,000)
STEMMEN = [100_000, 80_000, 30_000, 20_000]


def test_sainte_lague_bekend_voorbeeld():
    # claims v/1, v/3, v/5: 100000, 80000, 33333, 30000, 26667, 20000 (A), 20000 (D), 16000 | 14286
    r = rond_af(STEMMEN, 8, VIER)
    assert r.aantallen == (3, 3, 1, 1)
    assert r.som == 8 and r.verschil == 0
    assert r.methode == "sainte-lague"


def test_dhondt_bevoordeelt_groot():
    r = rond_af(STEMMEN, 8, VIER, methode="dhondt")
    assert r.aantallen == (4, 3, 1, 0)  # the largest gets one more than with Sainte-Laguë, the smallest none
    assert rond_af(STEMMEN, 8, VIER, methode="jefferson").aantallen == (4, 3, 1, 0)


def test_hamilton_met_de_hand():
    # quota 8·v/230000 = 3.478, 2.783, 1.043, 0.696 → floors 3,2,1,0 (6); remainders .478 .783 .043 .696
    r = rond_af(STEMMEN, 8, VIER, methode="hamilton")
    assert r.aantallen == (3, 3, 1, 1)
    assert r.grensrest == Fraction(8 * 20_000, 230_000)  # the smallest remainder that still got a unit


def test_hamilton_alabama_paradox():
    """Hamilton: one more unit in total makes a gemeente LOSE one; Sainte-Laguë does not."""
    bev = [10, 8, 1]
    codes = VIER[:3]
    # T=8: quota 4.21, 3.37, 0.42 → floors 4, 3, 0; the largest remainder (0.42) gets the 8th unit
    assert rond_af(bev, 8, codes, methode="hamilton").aantallen == (4, 3, 1)
    # T=9: quota 4.74, 3.79, 0.47 → floors 4, 3, 0; remainders 0.79 and 0.74 win: the third LOSES its unit
    assert rond_af(bev, 9, codes, methode="hamilton").aantallen == (5, 4, 0)
    sl8, sl9 = rond_af(bev, 8, codes).aantallen, rond_af(bev, 9, codes).aantallen
    assert sl8 == (4, 4, 0) and sl9 == (5, 4, 0)
    assert all(b >= a for a, b in zip(sl8, sl9, strict=True))


def test_huntington_hill_minstens_een():
    r = rond_af([1000, 10, 10], 5, VIER[:3], methode="huntington-hill")
    assert r.aantallen == (3, 1, 1)
    assert rond_af([1000, 10, 10], 5, VIER[:3], methode="dhondt").aantallen == (5, 0, 0)
    with pytest.raises(VerdeelFout, match="minstens 1"):
        rond_af([1000, 10, 10], 2, VIER[:3], methode="huntington-hill")


def test_huntington_hill_geometrisch_gemiddelde_exact():
    # 1.45 > √(1·2) = 1.414… rounds up, 1.40 < 1.414… rounds down; decided by exact squares
    r = rond_af([Fraction(145, 100), Fraction(140, 100), Fraction(115, 100)], 4, VIER[:3], methode="huntington-hill")
    assert r.aantallen == (2, 1, 1)
    assert r.vrije_afronding(0) == 2 and r.vrije_afronding(1) == 1


def test_omhoog_houdt_de_som_niet():
    r = rond_af([Fraction(12, 10), Fraction(23, 10), Fraction(35, 10)], 7, VIER[:3], methode="omhoog")
    assert r.aantallen == (2, 3, 4)
    assert r.som == 9 and r.verschil == 2


def test_exact_ook_waar_floats_gelijk_zijn():
    groot = 10**30
    r = rond_af([groot + 1, groot], 1, VIER[:2])  # floats see a tie; exactly the first is larger
    assert r.aantallen == (1, 0)


def test_gelijke_stand_geeft_fout_met_namen():
    with pytest.raises(VerdeelFout) as e:
        rond_af([1, 1, 2], 2, ["GM0392", "GM0473", "GM0377"], gemeentenamen=["Haarlem", "Zandvoort", "Bloemendaal"])
    tekst = str(e.value)
    assert "Haarlem (GM0392)" in tekst and "Zandvoort (GM0473)" in tekst
    assert "1 van de eenheden gaat naar 1 van de 2 gemeenten" in tekst
    assert "Bloemendaal" not in tekst


def test_gelijke_stand_exact_met_breuken():
    with pytest.raises(VerdeelFout, match="Gelijke stand"):
        rond_af([Fraction(1, 3)] * 3, 2, VIER[:3])


def test_loting_reproduceerbaar_en_onafhankelijk_van_volgorde():
    codes = ["GM0005", "GM0001", "GM0003", "GM0002"]
    r1 = rond_af([1, 1, 1, 1], 2, codes, bij_gelijke_stand="loting", seed=42)
    r2 = rond_af([1, 1, 1, 1], 2, codes, bij_gelijke_stand="loting", seed=42)
    assert r1.aantallen == r2.aantallen and r1.loting == r2.loting
    assert r1.loting is not None
    assert r1.loting.seed == 42 and r1.loting.eenheden == 2
    assert r1.loting.kandidaten == ("GM0001", "GM0002", "GM0003", "GM0005")
    omgekeerd = list(reversed(codes))
    r3 = rond_af([1, 1, 1, 1], 2, omgekeerd, bij_gelijke_stand="loting", seed=42)
    assert dict(zip(codes, r1.aantallen, strict=True)) == dict(zip(omgekeerd, r3.aantallen, strict=True))
    winnaars = {c for c, a in zip(codes, r1.aantallen, strict=True) if a}
    assert winnaars == set(r1.loting.winnaars)


def test_loting_zonder_seed_is_fout():
    with pytest.raises(VerdeelFout, match="seed"):
        rond_af([1, 1], 1, VIER[:2], bij_gelijke_stand="loting")


def test_grenzen_worden_gerespecteerd():
    r = rond_af(STEMMEN, 8, VIER, bovengrenzen=[2, None, None, None], ondergrenzen=[0, 0, 0, 2])
    assert r.aantallen[0] == 2 and r.aantallen[3] == 2 and r.som == 8
    assert r.gebonden(0) == "plafond" and r.gebonden(3) == "vloer"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"ondergrenzen": [5, 5, 0, 0]}, "ondergrenzen vragen samen 10"),
        ({"bovengrenzen": [1, 1, 1, 1]}, "passen maar 4"),
        ({"ondergrenzen": [3, 0, 0, 0], "bovengrenzen": [2, None, None, None]}, "ondergrens 3 > bovengrens 2"),
        ({"methode": "onbekend"}, "Onbekende afrondingsmethode"),
    ],
)
def test_onhaalbare_grenzen(kwargs, fragment):
    with pytest.raises(VerdeelFout, match=fragment):
        rond_af(STEMMEN, 8, VIER, **kwargs)


def test_quotum_nul_krijgt_niets_boven_zijn_ondergrens():
    r = rond_af([0, 5, 5], 4, VIER[:3], bovengrenzen=[None, 2, 2])
    assert r.aantallen == (0, 2, 2)
    with pytest.raises(VerdeelFout, match="passen maar 4"):
        rond_af([0, 5, 5], 5, VIER[:3], bovengrenzen=[None, 2, 2])


def test_deler_verklaart_de_uitkomst():
    r = rond_af(STEMMEN, 8, VIER)
    assert r.deler is not None
    for i in range(4):
        assert r.vrije_afronding(i) == r.aantallen[i]
    assert r.richting(0) == "omlaag" and r.richting(3) == "omhoog"


def test_grote_totalen_snel():
    n = 342
    quota = [Fraction(1000 + 37 * i, 7) for i in range(n)]
    start = time.perf_counter()
    for methode in ("sainte-lague", "hamilton", "dhondt", "huntington-hill"):
        r = rond_af(quota, 10**7 + 3, [f"GM{i:04d}" for i in range(n)], methode=methode)
        assert r.som == 10**7 + 3
    assert time.perf_counter() - start < 2.0  # no unit-by-unit loop


def test_cumulatief_zonder_drift():
    # every period 0.31 / 0.69 of one unit: rounding per period gives A nothing, ever
    periodes = [[Fraction(31, 100), Fraction(69, 100)]] * 10
    los = [rond_af(q, 1, VIER[:2]).aantallen for q in periodes]
    assert sum(a for a, _ in los) == 0
    cum = rond_cumulatief(periodes, [1] * 10, VIER[:2])
    assert sum(a for a, _ in cum.aantallen) == 3
    assert all(sum(p) == 1 for p in cum.aantallen)
    assert all(min(p) >= 0 for p in cum.aantallen)


def test_cumulatief_nooit_negatief():
    # cumulative quota after period 2: (0.55, 0.58, 0.87); unconstrained Sainte-Laguë gives (0, 1, 1),
    # which would take back the unit A got in period 1. The floor keeps it: (1, 0, 1).
    periodes = [
        [Fraction(55, 100), Fraction(45, 100), 0],
        [0, Fraction(13, 100), Fraction(87, 100)],
    ]
    cum = rond_cumulatief(periodes, [1, 1], VIER[:3])
    assert cum.aantallen == ((1, 0, 0), (0, 0, 1))
    assert cum.bijgestuurd == ((), ("GM0001",))


@pytest.mark.parametrize("methode", ["sainte-lague", "hamilton", "dhondt", "huntington-hill"])
def test_getallen_buiten_het_bereik_van_floats(methode):
    # 10**400 overflows a float and 1/10**400 underflows: the exact path must give the same answer
    basis = rond_af([3, 5, 2, 7], 11, VIER, methode=methode).aantallen
    groot = 10**400
    assert rond_af([3 * groot, 5 * groot, 2 * groot, 7 * groot], 11, VIER, methode=methode).aantallen == basis
    klein = [Fraction(v, groot) for v in (3, 5, 2, 7)]
    assert rond_af(klein, 11, VIER, methode=methode).aantallen == basis


def test_cumulatief_zonder_quota_is_een_nette_fout():
    with pytest.raises(VerdeelFout, match="Periode 1: Binnen de bovengrenzen passen maar 0"):
        rond_cumulatief([[0, 0], [1, 1], [1, 1]], [2, 2, 2], VIER[:2])
