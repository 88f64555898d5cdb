"""The analysis arithmetic: by hand on a small case, and as properties (hypothesis)."""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.aandachtsgroepen import analyseer, bereid_analyse, dissimilariteit
from verdeelwijzer.aandachtsgroepen.invoer import Aanbodregel, Behoefteregel
from verdeelwijzer.bron import Bron
from verdeelwijzer.gegevens import laad_gemeenten, zoek_regio

from .hulp import schrijf

REGIO = "Delft,Midden-Delfland,Rijswijk (ZH.)"
JAREN = [2027, 2028]
DATUM = date(2027, 1, 1)


@pytest.fixture(scope="module")
def gegevens():
    return laad_gemeenten()


@pytest.fixture(scope="module")
def regio(gegevens):
    return zoek_regio(REGIO, gegevens)


@pytest.fixture
def klein(tmp_path, gegevens, regio):
    b = schrijf(tmp_path / "behoefte.csv", [
        "gemeentenaam,groep,jaar,aantal,bron,peildatum",
        "Delft,dakloos,2027,30,telling,2026-01-01",
        "Delft,dakloos,2028,34,telling,2026-01-01",
        "Rijswijk (ZH.),dakloos,2027,10,telling,2026-01-01",
        "Rijswijk (ZH.),dakloos,2028,12,telling,2026-01-01",
        "Midden-Delfland,dakloos,2027,2,telling,2026-01-01",
        "Midden-Delfland,dakloos,2028,2,telling,2026-01-01",
        "Delft,woonwagenbewoners,2027,8,telling,2026-01-01",
    ])
    a = schrijf(tmp_path / "aanbod.csv", [
        "gemeentenaam,groep,woonvorm,aantal,status,jaar",
        "Delft,,housing_first,12,bestaand,",
        "Delft,,skaeve_huse,4,gepland_hard,2028",
        "Rijswijk (ZH.),,flexwoning,6,gepland_zacht,2027",
        "Delft,,standplaats,5,bestaand,",
    ])
    return analyseer(bereid_analyse(gegevens, regio, JAREN, DATUM, b, a))


def test_opgave_met_de_hand(klein, gegevens):
    delft = gegevens.zoeker.zoek("Delft", "test")
    rijswijk = gegevens.zoeker.zoek("Rijswijk (ZH.)", "test")
    r = klein.regel(delft, "dakloos", 2027)
    assert (r.behoefte, r.aanbod, r.opgave, r.soort) == (30, 12, 18, "eigen invoer")
    r = klein.regel(delft, "dakloos", 2028)  # the skaeve huse (hard, 2028) count from 2028
    assert (r.behoefte, r.aanbod, r.opgave) == (34, 16, 18)
    r = klein.regel(rijswijk, "dakloos", 2027)  # soft plans are shown, never counted
    assert (r.aanbod, r.aanbod_zacht, r.opgave) == (0, 6, 10)
    t = klein.regiototaal("dakloos", 2027)
    assert (t.behoefte, t.aanbod, t.opgave) == (42, 12, 30)
    assert klein.regiototaal("dakloos", 2028).opgave == 34 + 12 + 2 - 16


def test_ontbrekend_jaar_van_eigen_reeks_is_schatting_met_groeipad(klein, gegevens):
    delft = gegevens.zoeker.zoek("Delft", "test")
    r = klein.regel(delft, "woonwagenbewoners", 2028)
    i23 = Fraction(int(gegevens.tabel.at[delft, "inwoners_2023"]))
    i24 = Fraction(int(gegevens.tabel.at[delft, "inwoners"]))
    groei = (1 + (i24 - i23) / i23 * 5) / (1 + (i24 - i23) / i23 * 4)  # 2023 → 2028 over 2023 → 2027
    assert r.soort == "schatting" and r.behoefte == 8 * groei and "SCHATTING" in r.uitleg


def test_geen_behoefte_bekend_is_nooit_nul(klein, gegevens):
    rijswijk = gegevens.zoeker.zoek("Rijswijk (ZH.)", "test")
    r = klein.regel(rijswijk, "woonwagenbewoners", 2027)  # no figure, no prevalence parameter
    assert r.behoefte is None and r.opgave is None and r.soort == "onbekend"
    assert "Geen behoefte bekend" in r.uitleg
    assert klein.regiototaal("woonwagenbewoners", 2027).opgave is None
    assert any("geen behoefte bekend" in w for w in klein.waarschuwingen)


def test_schatting_uit_prevalentie_met_de_hand(klein, gegevens):
    from verdeelwijzer.aandachtsgroepen.samenstellen import _kenmerken
    from verdeelwijzer.regels import lees_parameter

    delft = gegevens.zoeker.zoek("Delft", "test")
    p = lees_parameter("prevalentie_ouderen", DATUM)
    basis = Fraction(int(_kenmerken().at[delft, p.waarde["grondslag"]]))
    i23 = Fraction(int(gegevens.tabel.at[delft, "inwoners_2023"]))
    r_ = (Fraction(int(gegevens.tabel.at[delft, "inwoners"])) - i23) / i23
    r = klein.regel(delft, "ouderen", 2027)
    assert r.soort == "schatting" and r.behoefte == Fraction(p.waarde["aandeel"]) * basis * (1 + 4 * r_)
    assert p.status == "aanname"


def test_spreiding_met_de_hand(klein, gegevens, regio):
    codes = sorted(regio.gemeentecodes)
    inw = {c: Fraction(int(gegevens.tabel.at[c, "inwoners"])) for c in codes}
    totaal = sum(inw.values())
    delft = gegevens.zoeker.zoek("Delft", "test")
    s = next(x for x in klein.spreiding if x.groep == "dakloos")
    # all 12 existing places are in Delft: D = 1 − Delft's fair share
    assert s.totaal == 12 and s.dissimilariteit == 1 - inw[delft] / totaal
    d = next(g for g in s.gemeenten if g.gemeentecode == delft)
    assert d.aandeel == 1 and d.verhouding == totaal / inw[delft]
    assert d.verschil == 12 - 12 * inw[delft] / totaal and d.oordeel == "meer dan evenredig"
    assert sum(g.verschil for g in s.gemeenten) == 0


def test_gewogen_overzicht_telt_op_tot_nul(klein):
    assert sum(o.balans for o in klein.overzicht) == 0
    assert sum(o.bijdrage for o in klein.overzicht) == 12 + 5  # housing first + standplaatsen, weight 1


# -- properties ------------------------------------------------------------------------------------------------


aantallen = st.integers(min_value=0, max_value=500)


@st.composite
def bestanden(draw, codes):
    behoefte, aanbod = [], []
    bron = Bron("test", "2026-01-01", "eigen invoer")
    for gid in ("dakloos", "uitstroom_ggz", "woonwagenbewoners"):
        for c in codes:
            for jaar in JAREN:
                if draw(st.booleans()):
                    behoefte.append(Behoefteregel(c, gid, jaar, Fraction(draw(aantallen), draw(st.integers(1, 4))),
                                                  "huishoudens", bron, 2))
        vorm = {"dakloos": "housing_first", "uitstroom_ggz": "begeleid_zelfstandig",
                "woonwagenbewoners": "standplaats"}[gid]
        for c in codes:
            if draw(st.booleans()):
                aanbod.append(Aanbodregel(c, gid, vorm, Fraction(draw(aantallen)), "bestaand", None, bron, 2))
    return behoefte, aanbod


@pytest.fixture(scope="module")
def basis(gegevens, regio):
    return bereid_analyse(gegevens, regio, JAREN, DATUM)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_opgave_over_gemeenten_is_de_regionale_opgave(basis, data):
    b, a = data.draw(bestanden(basis.codes))
    uit = analyseer(dataclasses.replace(basis, behoefte=tuple(b), aanbod=tuple(a)))
    for t in uit.regiototalen:
        regels = [r for r in uit.opgave if (r.groep, r.jaar) == (t.groep, t.jaar)]
        assert len(regels) == len(basis.codes)
        if all(r.opgave is not None for r in regels):
            assert t.opgave == sum(r.opgave for r in regels)
            assert t.behoefte - t.aanbod == t.opgave
        else:
            assert t.opgave is None and t.onbekend_in
    for s in uit.spreiding:
        assert 0 <= s.dissimilariteit <= 1
        assert sum(g.verschil for g in s.gemeenten) == 0


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 1000)), min_size=1, max_size=12))
def test_dissimilariteit_tussen_0_en_1_en_0_precies_bij_evenredig(paren):
    a = [Fraction(x) for x, _ in paren]
    b = [Fraction(y) for _, y in paren]
    if sum(a) == 0:
        return
    d = dissimilariteit(a, b)
    assert 0 <= d <= 1
    evenredig = all(x / sum(a) == y / sum(b) for x, y in zip(a, b, strict=True))
    assert (d == 0) == evenredig


@given(st.lists(st.integers(1, 1000), min_size=1, max_size=12), st.integers(1, 50))
def test_dissimilariteit_nul_bij_veelvoud_van_de_sleutel(b, k):
    assert dissimilariteit([Fraction(k * x) for x in b], [Fraction(x) for x in b]) == 0


def test_dissimilariteit_een_als_alles_op_een_plek_buiten_de_sleutel():
    assert dissimilariteit([Fraction(5), Fraction(0)], [Fraction(0), Fraction(3)]) == 1


def test_eigen_prognose_als_groeipad(tmp_path, gegevens, regio):
    from verdeelwijzer.fouten import InvoerFout

    b = schrijf(tmp_path / "behoefte.csv", ["gemeentenaam,groep,jaar,aantal", "Delft,woonwagenbewoners,2027,8"])
    rijen = ["gemeentenaam,jaar,inwoners"]
    for naam in ("Delft", "Midden-Delfland", "Rijswijk (ZH.)"):
        rijen += [f"{naam},2027,100000", f"{naam},2028,110000"]
    p = schrijf(tmp_path / "prognose.csv", rijen)
    a = analyseer(bereid_analyse(gegevens, regio, JAREN, DATUM, b, None, prognose=p))
    delft = gegevens.zoeker.zoek("Delft", "test")
    r = a.regel(delft, "woonwagenbewoners", 2028)
    assert r.behoefte == Fraction(8 * 110000, 100000) and r.soort == "schatting"
    assert "eigen prognose" in a.invoer.groei.label
    # the prevalence estimate grows from the CBS year 2023 to the prognosis
    i23 = Fraction(int(gegevens.tabel.at[delft, "inwoners_2023"]))
    from verdeelwijzer.regels import lees_parameter

    aandeel = Fraction(lees_parameter("prevalentie_dakloos", DATUM).waarde["aandeel"])
    assert lees_parameter("prevalentie_dakloos", DATUM).waarde["grondslag"] == "inwoners"
    assert a.regel(delft, "dakloos", 2027).behoefte == aandeel * i23 * 100000 / i23
    slecht = schrijf(tmp_path / "slecht.csv", ["gemeentenaam,jaar,inwoners", "Delft,2027,-5", "Delft,2023,100",
                                               "Delft,2028,7", "Delft,2028,8"])
    with pytest.raises(InvoerFout) as e:
        bereid_analyse(gegevens, regio, JAREN, DATUM, b, None, prognose=slecht)
    t = str(e.value)
    assert "regel 2, kolom 'inwoners'" in t and "regel 3, kolom 'jaar'" in t and "regel 5: dubbele regel" in t
    assert "mist jaren van de analyse: Delft 2027" in t and "Rijswijk (ZH.) 2028" in t
