"""The motor end to end: pipeline, order independence, shortages, explanation, comparison of keys."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import (
    Grenzen,
    Herkomst,
    Ingroeipad,
    Uitzondering,
    VasteToewijzing,
    VerdeelInvoer,
    verdeel,
    vergelijk,
)

CODES = ["GM0392", "GM0473", "GM0377", "GM0453"]
NAMEN = ["Haarlem", "Zandvoort", "Bloemendaal", "Velsen"]
CBS = Bron("CBS Kerncijfers wijken en buurten 2024", "2024-01-01")
EIGEN = Bron("opgave gemeente", "2025-06-30", "eigen invoer")
INDICATOREN = {
    "huishoudens": [80_000, 8_500, 9_600, 31_000],
    "inwoners": [162_500, 17_200, 23_800, 68_800],
    "mutaties": [1_300, 120, 90, 560],
}


def invoer(**kw) -> VerdeelInvoer:
    basis = {
        "gemeentecodes": CODES,
        "gemeentenamen": NAMEN,
        "indicatoren": INDICATOREN,
        "bronnen": {k: [CBS, CBS, EIGEN, CBS] for k in INDICATOREN},
        "gewichten": "huishoudens=1",
        "totaal": 178,
        "omschrijving": "uitstromers MO/BW",
    }
    basis.update(kw)
    return VerdeelInvoer(**basis)


def test_pro_rata_huishoudens_met_de_hand():
    u = verdeel(invoer())
    som = sum(INDICATOREN["huishoudens"])  # 129,100
    assert list(u.quota) == [Fraction(178 * h, som) for h in INDICATOREN["huishoudens"]]
    # quota 110.30, 11.72, 13.24, 42.74 → Sainte-Laguë 110, 12, 13, 43
    assert u.aantallen == (110, 12, 13, 43)
    assert u.totaal_aantal == 178 and u.haalbaar
    r = u.regel("GM0473")
    assert (r.gemeentenaam, r.aantal, r.quotum) == ("Zandvoort", 12, Fraction(178 * 8_500, som))


def test_mutatiegrens_en_tekort():
    # cap 10 % of lettings: 130, 12, 9, 56 = 207 ≥ 178: feasible, Bloemendaal and Zandvoort capped
    u = verdeel(invoer(grenzen=Grenzen(mutatiegrens="10%")))
    assert u.haalbaar and u.totaal_aantal == 178
    assert all(a <= p for a, p in zip(u.aantallen, [130, 12, 9, 56], strict=True))
    assert u.regel("GM0377").plafond_geraakt
    # 5 % of lettings: 65 + 6 + 4.5 + 28 = 103.5 < 178 — the shortage is reported, not dropped
    u = verdeel(invoer(grenzen=Grenzen(mutatiegrens=Fraction(1, 20))))
    assert u.tekort == Fraction(149, 2) and u.tekort_aantal == 75 and u.totaal_aantal == 103
    assert any("tekort" in w for w in u.waarschuwingen)
    with pytest.raises(VerdeelFout, match="tekort"):
        verdeel(invoer(grenzen=Grenzen(mutatiegrens=Fraction(1, 20), strikt=True)))


def test_vaste_toewijzing_herkomst_en_uitzondering():
    u = verdeel(
        invoer(
            herkomst=Herkomst([100, 10, 10, 58], "0,25", [Uitzondering("GM0392", "GM0453", 2, "kansrijke woonstart")]),
            vaste_toewijzingen=[VasteToewijzing("GM0377", 20, "Skaeve Huse")],
        )
    )
    assert u.totaal_aantal == 178
    assert u.regel("GM0377").aantal >= 20 and u.regel("GM0377").vloer_geraakt
    assert u.herkomst is not None and u.herkomst.netto_uitzonderingen == (-2, 0, 0, 2)
    tekst = u.uitleg.als_tekst("Bloemendaal")
    assert "Skaeve Huse" in tekst and "neemt precies 20" in tekst
    assert "kansrijke woonstart" in u.uitleg.als_tekst("GM0453")


def test_uitleg_beantwoordt_waarom():
    u = verdeel(invoer(gewichten="inwoners=0,5;mutaties=0,5", grenzen=Grenzen(mutatiegrens="0.1")))
    tekst = u.uitleg.als_tekst("Zandvoort")
    a = u.regel("GM0473").aantal
    assert tekst.startswith(f"Zandvoort (GM0473) krijgt {a} huishoudens")
    for stukje in ["50% inwoners + 50% mutaties", "CBS Kerncijfers", "mutatiegrens 10% van 120 mutaties", "Afronding"]:
        assert stukje in tekst
    assert "eigen invoer" in u.uitleg.als_tekst("GM0377")  # a single overridden figure keeps its own source
    d = u.uitleg.als_dict()
    json.dumps(d)  # JSON-ready
    g = d["gemeenten"][1]
    assert g["aantal"] == a and g["quotum"]["exact"] == str(u.quota[1]) and isinstance(g["quotum"]["decimaal"], float)
    assert d["regio_tekst"].startswith("Verdeling van 178 huishoudens over 4 gemeenten")


def test_loting_in_de_uitleg():
    # four equal gemeenten, 6 units: the default policy is an error naming the tied gemeenten
    with pytest.raises(VerdeelFout, match="Gelijke stand"):
        verdeel(invoer(indicatoren={"x": [1, 1, 1, 1]}, bronnen={"x": [CBS] * 4}, gewichten="x=1", totaal=6))
    u = verdeel(
        invoer(
            indicatoren={"x": [1, 1, 1, 1]},
            bronnen={"x": [CBS] * 4},
            gewichten="x=1",
            totaal=6,
            bij_gelijke_stand="loting",
            seed=2026,
        )
    )
    assert sorted(u.aantallen) == [1, 1, 2, 2]
    assert u.afronding.loting is not None and u.afronding.loting.seed == 2026
    assert "loting (seed 2026)" in u.uitleg.als_tekst("GM0392")


def test_ingroeipad_via_motor():
    u = verdeel(invoer(ingroeipad=Ingroeipad(huidig=[120, 8, 10, 40], jaren=4), grenzen=Grenzen(mutatiegrens="0.1")))
    assert u.ingroeipad is not None and u.ingroeipad.aantallen is not None
    assert all(sum(a) == 178 for a in u.ingroeipad.aantallen)
    assert list(u.ingroeipad.quota[-1]) == list(u.quota)
    assert len(u.ingroeipad.tabel()) == 16
    assert "Ingroeipad" in u.uitleg.als_tekst("GM0392")


def test_bronnen_controle():
    u = verdeel(invoer(bronnen={}))
    assert "Geen bron opgegeven voor indicator 'huishoudens'." in u.waarschuwingen
    with pytest.raises(VerdeelFout, match="geef er één per gemeente"):
        verdeel(invoer(bronnen={"huishoudens": [CBS]}))


def test_vergelijk_sleutels():
    v = vergelijk(
        invoer(),
        {"huishoudens": "huishoudens=1", "inwoners": "inwoners=1", "mix": {"inwoners": 0.5, "mutaties": 0.5}},
        statushouders=[40, 5, 5, 15],
    )
    assert [k.naam for k in v.kolommen] == ["huishoudens", "inwoners", "mix"]
    assert v.kolommen[0].verschil == (0, 0, 0, 0)
    eerste, tweede = v.kolommen[0].uitkomst.aantallen, v.kolommen[1].uitkomst.aantallen
    assert v.kolommen[1].verschil == tuple(b - a for a, b in zip(eerste, tweede, strict=True))
    rij = v.tabel()[0]
    assert rij["gemeentecode"] == "GM0392" and rij["inwoners − huishoudens"] == v.kolommen[1].verschil[0]
    assert rij["regulier bij mix"] == 1_300 - v.kolommen[2].uitkomst.aantallen[0] - 40


def test_fouten_met_nederlandse_melding():
    with pytest.raises(VerdeelFout, match="ontbreken: onbekend"):
        verdeel(invoer(gewichten="onbekend=1"))
    with pytest.raises(VerdeelFout, match="niet-negatief geheel getal"):
        verdeel(invoer(totaal=-1))
    with pytest.raises(VerdeelFout, match="meer dan eens"):
        verdeel(invoer(gemeentecodes=["GM0392", "GM0392", "GM0377", "GM0453"]))


@st.composite
def regio(draw):
    n = draw(st.integers(2, 9))
    ints = st.lists(st.integers(1, 50_000), min_size=n, max_size=n)
    ind = {"inwoners": draw(ints), "mutaties": draw(st.lists(st.integers(1, 900), min_size=n, max_size=n))}
    w = Fraction(draw(st.integers(0, 20)), 20)
    T = draw(st.integers(0, 150))
    grens = draw(st.one_of(st.none(), st.integers(1, 10).map(lambda k: Fraction(k, 20))))
    vast = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 10)), max_size=2))
    alfa = draw(st.one_of(st.none(), st.integers(0, 10).map(lambda k: Fraction(k, 10))))
    vraag = draw(st.lists(st.integers(0, 100), min_size=n, max_size=n))
    methode = draw(st.sampled_from(["sainte-lague", "hamilton", "dhondt", "omhoog"]))
    return n, ind, w, T, grens, vast, alfa, vraag, methode


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regio(), st.randoms())
def test_onafhankelijk_van_volgorde_en_binnen_grenzen(r, rnd):
    n, ind, w, T, grens, vast, alfa, vraag, methode = r
    codes = [f"GM{1000 + i}" for i in range(n)]
    herkomst = None if alfa is None or sum(vraag) == 0 else Herkomst(vraag, alfa)

    def maak(p):
        return VerdeelInvoer(
            gemeentecodes=[codes[i] for i in p],
            gemeentenamen=[f"G{i}" for i in p],
            indicatoren={k: [v[i] for i in p] for k, v in ind.items()},
            bronnen={},
            gewichten={"inwoners": w, "mutaties": 1 - w},
            totaal=T,
            herkomst=None if herkomst is None else Herkomst([vraag[i] for i in p], alfa),
            vaste_toewijzingen=[VasteToewijzing(codes[i], f) for i, f in vast],
            grenzen=None if grens is None else Grenzen(mutatiegrens=grens),
            methode=methode,
            bij_gelijke_stand="loting",
            seed=11,
        )

    p = list(range(n))
    rnd.shuffle(p)
    u1, u2 = verdeel(maak(list(range(n)))), verdeel(maak(p))
    rijen1 = {r.gemeentecode: r for r in u1.regels}
    rijen2 = {r.gemeentecode: r for r in u2.regels}
    assert rijen1 == rijen2
    assert (u1.tekort, u1.tekort_aantal) == (u2.tekort, u2.tekort_aantal)
    for rij in u1.regels:
        if rij.plafond is not None:
            assert rij.quotum <= max(rij.plafond, 0)
            if methode != "omhoog":
                assert rij.aantal <= max(rij.plafond, 0)
    if methode != "omhoog":
        assert u1.totaal_aantal + u1.tekort_aantal == T


@settings(max_examples=40, deadline=None)
@given(regio(), st.integers(1, 1000))
def test_schalen_van_indicatoren_verandert_niets(r, factor):
    n, ind, w, T, _, _, _, _, methode = r
    codes = [f"GM{1000 + i}" for i in range(n)]
    basis = VerdeelInvoer(codes, codes, ind, {}, {"inwoners": w, "mutaties": 1 - w}, T, methode=methode,
                          bij_gelijke_stand="loting", seed=5)  # fmt: skip
    geschaald = dataclasses.replace(basis, indicatoren={k: [x * factor for x in v] for k, v in ind.items()})
    assert verdeel(basis).aantallen == verdeel(geschaald).aantallen
    assert verdeel(basis).quota == verdeel(geschaald).quota
