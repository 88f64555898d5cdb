"""Properties of the fair division (hypothesis): targets met whenever the room allows, nobody above its room,
whole homes that add up exactly, and the order of the gemeenten does not matter."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from betaalbaarheid.hulp import regels, voorraad
from verdeelwijzer.betaalbaarheid import SLEUTELS, Ontheffing, Programmaregel, bereken_betaalbaarheid

REGELS = {True: regels(True), False: regels(False)}


@st.composite
def regio(draw, ontheffingen: bool = True):
    n = draw(st.integers(1, 7))
    gemeenten = []
    for i in range(n):
        V = draw(st.integers(1, 200_000))
        S = draw(st.integers(1, V))
        c = draw(st.integers(0, 5_000))
        nc = draw(st.integers(0, 5_000))
        o = None
        if ontheffingen and draw(st.integers(0, 5)) == 0:
            o = Ontheffing(Fraction(draw(st.integers(0, 29)), 100), "besluit")
        code = f"GM{i + 1:04d}"
        gemeenten.append((voorraad(code, V, S), Programmaregel(code, c, nc, ontheffing=o)))
    return gemeenten


def _bereken(gemeenten, sleutel, over_nc):
    return bereken_betaalbaarheid([g[0] for g in gemeenten], [g[1] for g in gemeenten], REGELS[over_nc], sleutel,
                                  seed=11)


@settings(max_examples=150, deadline=None)
@given(regio(), st.sampled_from(SLEUTELS), st.booleans())
def test_niemand_boven_zijn_ruimte_en_hele_woningen_tellen_exact_op(gemeenten, sleutel, over_nc):
    b = _bereken(gemeenten, sleutel, over_nc)
    for rest in (b.rest_sociale_huur, b.rest_betaalbaar):
        aantallen = [a.aantal.waarde for a in rest.aandelen]
        assert all(isinstance(x, int) and x >= 0 for x in aantallen)
        assert sum(aantallen) + rest.tekort.waarde == rest.opgave.waarde
        assert rest.tekort.waarde >= 0
        for a in rest.aandelen:
            assert a.aantal.waarde <= a.plafond.waarde and a.quotum.waarde <= a.plafond.waarde
    for g in b.gemeenten:
        m = g.minimum
        extra = g.extra_sociale_huur.waarde + g.extra_betaalbaar.waarde
        assert extra <= m.ruimte.waarde == max(0, m.niet_gecontracteerd - m.minimum_betaalbaar.waarde)
        if m.past_niet.waarde == 0:  # everything the proposal asks fits in the not-yet-contracted part
            assert g.voorstel_betaalbaar.waarde <= m.niet_gecontracteerd
        if m.ontheffing and m.regel == "sociale_huur":
            assert g.extra_sociale_huur.waarde == 0
        G = m.grondslag.waarde
        assert m.percentage.waarde * G <= m.minimum_regel.waarde < m.percentage.waarde * G + 1


@settings(max_examples=150, deadline=None)
@given(regio(ontheffingen=False), st.sampled_from(SLEUTELS), st.booleans())
def test_regionale_doelen_gehaald_zodra_de_ruimte_het_toelaat(gemeenten, sleutel, over_nc):
    b = _bereken(gemeenten, sleutel, over_nc)
    d = b.doelen
    ruimte = sum(g.minimum.ruimte.waarde for g in b.gemeenten)
    nodig = d.rest_sociale_huur.waarde + d.rest_betaalbaar.waarde
    G = d.grondslag.waarde
    assert d.doel_sociale_huur.waarde == math.ceil(REGELS[over_nc].minimum_sociale_huur.waarde * G)
    assert d.doel_betaalbaar.waarde == math.ceil(REGELS[over_nc].aandeel_betaalbaar.waarde * G)
    voorstel = b.toetsen["voorstel"]
    if ruimte >= nodig:
        assert b.tekort_ruimte == 0 and voorstel.gehaald
        assert voorstel.sociale_huur.waarde >= d.doel_sociale_huur.waarde
        assert voorstel.betaalbaar.waarde >= d.doel_betaalbaar.waarde
    else:
        assert b.tekort_ruimte > 0 and not voorstel.gehaald
        assert voorstel.tekort_sociale_huur.waarde + voorstel.tekort_betaalbaar.waarde > 0


@settings(max_examples=100, deadline=None)
@given(regio(), st.sampled_from(SLEUTELS), st.booleans(), st.randoms(use_true_random=False))
def test_volgorde_van_de_gemeenten_doet_er_niet_toe(gemeenten, sleutel, over_nc, rnd):
    b1 = _bereken(gemeenten, sleutel, over_nc)
    geschud = list(gemeenten)
    rnd.shuffle(geschud)
    b2 = _bereken(geschud, sleutel, over_nc)

    def samenvatting(b):
        return {g.gemeentecode: (g.extra_sociale_huur.waarde, g.extra_betaalbaar.waarde,
                                 g.voorstel_betaalbaar.waarde, g.projecties["voorstel"].sociaal_aandeel.waarde)
                for g in b.gemeenten}

    assert samenvatting(b1) == samenvatting(b2)
    assert b1.toetsen["voorstel"] == b2.toetsen["voorstel"]
