"""Effect on regular home seekers, and the taakstelling statushouders (Huisvestingswet 2014 art. 29)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import Ruil, bereken_taakstelling, effect_op_regulier

CODES = ["GM0392", "GM0473", "GM0377"]
NAMEN = ["Haarlem", "Zandvoort", "Bloemendaal"]


def test_regulier_met_de_hand():
    r = effect_op_regulier(
        CODES, [100, 20, 0], [30, 15, 0], statushouders=[10, 6, 0], overig=[5, 0, 0], huidige_urgenten=[20, 10, 0]
    )
    a, b, c = r.regels
    assert (a.rest, a.aandeel, a.rest_huidig, a.verschil) == (55, Fraction(55, 100), 65, -10)
    assert (b.rest, b.negatief) == (-1, True)  # flagged, not clipped
    assert c.aandeel is None  # no lettings at all
    assert r.negatief == ("GM0473",)
    assert r.rest_totaal == 54


def test_regulier_waarschuwing_noemt_de_gemeente():
    r = effect_op_regulier(CODES, [10, 10, 10], [12, 0, 0], gemeentenamen=NAMEN)
    assert "Haarlem (GM0392)" in r.waarschuwingen[0]


def test_taakstelling_omhoog_met_de_hand():
    # vg = 10,000; iN = 17,900,000: 160,000 → 89.38 → 90; 17,000 → 9.50 → 10; 50,000 → 27.93 → 28
    r = bereken_taakstelling(10_000, [160_000, 17_000, 50_000], 17_900_000, CODES, afrondingsregel="omhoog")
    assert [x.quotum for x in r.regels] == [Fraction(16000, 179), Fraction(1700, 179), Fraction(5000, 179)]
    assert [x.aantal for x in r.regels] == [90, 10, 28]
    assert r.som == 128 > sum(x.quotum for x in r.regels)


def test_taakstelling_hele_land_som_boven_vg():
    inwoners = [1_000 + 7 * i for i in range(342)]
    r = bereken_taakstelling(
        5_000, inwoners, sum(inwoners), [f"GM{i:04d}" for i in range(342)], afrondingsregel="omhoog"
    )
    assert r.som > 5_000  # everyone rounds up
    assert r.som - 5_000 < 342


def test_taakstelling_correcties_en_ruil():
    r = bereken_taakstelling(
        10_000,
        [160_000, 17_000, 50_000],
        17_900_000,
        CODES,
        afrondingsregel="omhoog",
        achterstand={"GM0473": 2},
        voorsprong={"GM0377": 30},
        ruilingen=[Ruil("GM0473", "GM0392", 5)],
    )
    haarlem, zandvoort, bloemendaal = r.regels
    assert (haarlem.ruil, haarlem.aantal) == (5, 95)
    assert (zandvoort.achterstand, zandvoort.ruil, zandvoort.aantal) == (2, -5, 7)
    assert (bloemendaal.aantal, bloemendaal.resterende_voorsprong) == (0, 2)  # 28 − 30: task 0, 2 carried over


def test_ruil_die_negatief_maakt_is_fout():
    with pytest.raises(VerdeelFout, match="negatief"):
        bereken_taakstelling(
            10_000,
            [160_000, 17_000, 50_000],
            17_900_000,
            CODES,
            afrondingsregel="omhoog",
            ruilingen=[Ruil("GM0473", "GM0392", 11)],
            gemeentenamen=NAMEN,
        )


def test_afrondingsregel_is_parameter():
    r = bereken_taakstelling(10_000, [160_000], 17_900_000, CODES[:1], afrondingsregel="omlaag")
    assert r.regels[0].aantal == 89
    with pytest.raises(VerdeelFout, match="Onbekende afrondingsregel"):
        bereken_taakstelling(10_000, [160_000], 17_900_000, CODES[:1], afrondingsregel="gok")  # type: ignore[arg-type]
