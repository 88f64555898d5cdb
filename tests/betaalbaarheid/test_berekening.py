"""The whole of spoor 1 on a small region, every number checked by hand (see hulp.abc)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from betaalbaarheid.hulp import abc, regels, voorraad
from verdeelwijzer.betaalbaarheid import Ontheffing, Plan, Programmaregel, bereken_betaalbaarheid
from verdeelwijzer.betaalbaarheid.weergave import als_dict, als_tekst, csv_rijen, gemeente_tekst
from verdeelwijzer.fouten import VerdeelFout


def _extra(b) -> dict[str, tuple[int, int]]:
    return {g.gemeentenaam: (g.extra_sociale_huur.waarde, g.extra_betaalbaar.waarde) for g in b.gemeenten}


def test_regiodoelen_en_restopgave_met_de_hand():
    v, p = abc()
    b = bereken_betaalbaarheid(v, p, regels(), "laagste-aandeel", seed=1)
    d = b.doelen
    assert d.grondslag.waarde == 900  # 300 + 500 + 100 niet gecontracteerd
    assert d.doel_sociale_huur.waarde == 270  # ⌈0,30 × 900⌉
    assert d.doel_betaalbaar.waarde == 600  # ⌈2/3 × 900⌉
    assert d.minimum_sociale_huur.waarde == 120  # 90 + 30
    assert d.minimum_betaalbaar.waarde == 320  # 90 + 200 + 30
    assert d.rest_sociale_huur.waarde == 150
    assert d.rest_betaalbaar.waarde == 130  # 600 − 320 − 150
    assert not b.toetsen["minimum"].gehaald
    assert b.toetsen["minimum"].tekort_sociale_huur.waarde == 150
    assert b.toetsen["minimum"].tekort_betaalbaar.waarde == 280
    assert b.toetsen["voorstel"].gehaald and b.tekort_ruimte == 0


def test_sleutel_laagste_aandeel_met_de_hand():
    # gewicht = grondslag ÷ sociaal aandeel: A 300/0,10 = 3000, B 500/0,40 = 1250, C 100/0,25 = 400 (Σ 4650)
    # quota van 150: 96,77 / 40,32 / 12,90 → Sainte-Laguë 97 / 40 / 13
    v, p = abc()
    b = bereken_betaalbaarheid(v, p, regels(), "laagste-aandeel", seed=1)
    rs = b.rest_sociale_huur
    assert [a.gewicht.waarde for a in rs.aandelen] == [3000, 1250, 400]
    assert [a.quotum.waarde for a in rs.aandelen] == [Fraction(150 * 3000, 4650), Fraction(150 * 1250, 4650),
                                                      Fraction(150 * 400, 4650)]
    assert [g.extra_sociale_huur.waarde for g in b.gemeenten] == [97, 40, 13]
    assert [g.voorstel_sociale_huur.waarde for g in b.gemeenten] == [187, 40, 43]


def test_sleutel_bouwvolume_met_de_hand():
    # gewicht = grondslag 300 : 500 : 100 → quota 50 / 83,33 / 16,67 → 50 / 83 / 17
    v, p = abc()
    b = bereken_betaalbaarheid(v, p, regels(), "bouwvolume", seed=1)
    assert [g.extra_sociale_huur.waarde for g in b.gemeenten] == [50, 83, 17]
    # rest 130 over 3 : 5 : 1 is an exact three-way tie for the last home: decided by a reported lot
    assert sum(g.extra_betaalbaar.waarde for g in b.gemeenten) == 130
    assert b.rest_betaalbaar.loting is not None and b.rest_betaalbaar.loting["seed"] == 1
    assert any("verloot" in w for w in b.waarschuwingen)
    with pytest.raises(VerdeelFout, match="Gelijke stand"):
        bereken_betaalbaarheid(v, p, regels(), "bouwvolume")  # without a seed: an error naming the gemeenten


def test_sleutel_gelijk_aandeel_met_de_hand():
    # na termijn: V' = 1400 / 2500 / 650, S' met minima = 190 / 800 / 155. B (32 %) blijft op de vloer;
    # λ·(1400 + 650) = 150 + 190 + 155 → λ = 495/2050; A krijgt 1400λ − 190 = 148,05, C 650λ − 155 = 1,95
    v, p = abc()
    b = bereken_betaalbaarheid(v, p, regels(), "gelijk-aandeel", seed=1)
    rs = b.rest_sociale_huur
    lam = Fraction(495, 2050)
    assert [a.quotum.waarde for a in rs.aandelen] == [1400 * lam - 190, 0, 650 * lam - 155]
    assert [g.extra_sociale_huur.waarde for g in b.gemeenten] == [148, 0, 2]
    a, _, c = (g.projecties["voorstel"].sociaal_aandeel.waarde for g in b.gemeenten)
    assert abs(a - c) < Fraction(1, 500)  # equalised up to whole homes
    assert any("24,15 %" in s for s in rs.stappen)


def test_projectie_met_de_hand():
    v, p = abc()
    p[0] = Programmaregel("GM0001", 100, 300, plan=Plan(120, 50, 50, 180))
    b = bereken_betaalbaarheid(v, p, regels(), "laagste-aandeel", seed=1)
    a = b.gemeente("GM0001").projecties
    assert a["minimum"].woningvoorraad.waarde == 1400  # 1000 + 400
    assert a["minimum"].sociale_voorraad.waarde == 190  # 100 + 90
    assert a["minimum"].sociaal_aandeel.waarde == Fraction(190, 1400)
    assert a["plan"].sociale_voorraad.waarde == 220
    assert a["voorstel"].sociale_voorraad.waarde == 100 + 187
    assert a["voorstel"].verschil_aandeel.waarde == Fraction(287, 1400) - Fraction(1, 10)
    assert "aanname" in a["voorstel"].sociaal_aandeel.statussen and "ontwerp" in a["minimum"].sociaal_aandeel.statussen


def test_plantoets_met_de_hand():
    v, p = abc()
    p[0] = Programmaregel("GM0001", 100, 300, plan=Plan(80, 50, 50, 220))  # minimum 90 sociale huur
    p[1] = Programmaregel("GM0002", 0, 500, plan=Plan(100, 150, 60, 190))  # minimum 200 middensegment
    p[2] = Programmaregel("GM0003", 50, 100, plan=Plan(45, 20, 20, 65))
    b = bereken_betaalbaarheid(v, p, regels(), "laagste-aandeel", seed=1)
    ta, tb, tc = (g.plantoets for g in b.gemeenten)
    assert ta.tekort_minimum.waarde == 10 and not ta.voldoet_minimum
    assert tb.gepland.waarde == 210 and tb.voldoet_minimum
    assert tc.voldoet_minimum
    assert ta.tekort_voorstel_sociale_huur.waarde == 187 - 80
    plan = b.toetsen["plan"]
    assert plan.sociale_huur.waarde == 225 and plan.tekort_sociale_huur.waarde == 45  # 270 − 225
    assert plan.betaalbaar.waarde == 180 + 310 + 85 and plan.tekort_betaalbaar.waarde == 25  # 600 − 575


def test_onvoldoende_ruimte_wordt_gemeld_met_aantal():
    # hele programma als grondslag (1100), maar bijna alles gecontracteerd: ruimte 0 + 60
    v = [voorraad("GM0001", 1000, 400, "A"), voorraad("GM0002", 1000, 400, "B")]
    p = [Programmaregel("GM0001", 900, 100), Programmaregel("GM0002", 0, 100)]
    b = bereken_betaalbaarheid(v, p, regels(False), "bouwvolume", seed=1)
    assert b.doelen.doel_sociale_huur.waarde == 330 and b.doelen.rest_sociale_huur.waarde == 330
    assert b.rest_sociale_huur.verdeeld.waarde == 60 and b.rest_sociale_huur.tekort.waarde == 270
    assert b.rest_betaalbaar.opgave.waarde == 734 - 440 - 60 and b.rest_betaalbaar.tekort.waarde == 234
    assert b.tekort_ruimte == 270 + 234
    assert not b.toetsen["voorstel"].gehaald
    assert b.toetsen["voorstel"].tekort_sociale_huur.waarde == 270
    tekst = " ".join(b.waarschuwingen)
    assert "onvoldoende" in tekst and "270 van de 330" in tekst and "A: het minimum (400)" in tekst


def test_ontheffing_gemeente_krijgt_geen_sociale_restopgave():
    v, p = abc()
    p[0] = Programmaregel("GM0001", 100, 300, ontheffing=Ontheffing(Fraction(1, 5), "B-1"))
    b = bereken_betaalbaarheid(v, p, regels(), "laagste-aandeel", seed=1)
    a = b.gemeente("GM0001")
    assert a.minimum.minimum_sociale_huur.waarde == 60 and a.extra_sociale_huur.waarde == 0
    assert b.toetsen["voorstel"].gehaald  # B and C have room for the rest
    assert b.doelen.rest_sociale_huur.waarde == 270 - 90


def test_volgorde_en_fouten_in_de_invoer():
    v, p = abc()
    b1 = bereken_betaalbaarheid(v, p, regels(), "bouwvolume", seed=3)
    b2 = bereken_betaalbaarheid(v[::-1], p[::-1], regels(), "bouwvolume", seed=3)
    assert _extra(b1) == _extra(b2)
    with pytest.raises(VerdeelFout, match="Geen voorraadgegevens"):
        bereken_betaalbaarheid(v[:2], p, regels())
    with pytest.raises(VerdeelFout, match="meer dan eens"):
        bereken_betaalbaarheid(v, [*p, p[0]], regels())
    with pytest.raises(VerdeelFout, match="Onbekende sleutel"):
        bereken_betaalbaarheid(v, p, regels(), "willekeurig")
    nul = [voorraad("GM0001", 1000, 0, "A"), *v[1:]]
    with pytest.raises(VerdeelFout, match="sociaal aandeel 0"):
        bereken_betaalbaarheid(nul, p, regels(), "laagste-aandeel", seed=1)


def test_uitleg_als_tekst_en_dict():
    v, p = abc()
    b = bereken_betaalbaarheid(v, p, regels(), "gelijk-aandeel", seed=1)
    d = als_dict(b)
    assert d["doelen"]["doel_betaalbaar"] == {
        "waarde": 600, "uitleg": d["doelen"]["doel_betaalbaar"]["uitleg"],
        "regels": ["aandeel_betaalbaar", "percentages_over_niet_gecontracteerd"], "status": "aanname",
        "statussen": ["ontwerp", "aanname"]}
    g = d["gemeenten"][0]
    assert g["sociaal_aandeel"]["exact"] == "0.1" and g["sociaal_aandeel"]["waarde"] == 0.1
    assert {r["naam"] for r in d["regels"]} >= {"aandeel_betaalbaar", "landelijk_gemiddelde_sociale_huur",
                                                "aanname_projectie"}
    tekst = gemeente_tekst(b, "GM0001")
    assert "minimum sociale huur: 90 — ⌈30,0 % × 300⌉ = 90" in tekst and "[ontwerp/seed/aanname]" in tekst
    assert "Regels en aannames" in als_tekst(b)
    assert len(csv_rijen(b)) == 3
