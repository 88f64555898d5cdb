"""Pledges typed on a form: checking (every field named) and laying stored pledges over the file's, by hand
and as properties (stored win, nothing else lost; through the engine: pledges never reduced, caps held)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.woonvormen import Doel, Programmaregel, Toezegging, WoonvormenInvoer, bereken_woonvormen
from verdeelwijzer.woonvormen.toezeggingen import lees_formulier, leg_over, sleutel

from .test_berekening import basis

GEMEENTEN = {"GM0000": "G0", "GM0001": "G1", "GM0002": "G2"}
WOONVORMEN = {"housing_first": "Housing First", "terugvalplek": "Terugvalplek"}
JAREN = (2026, 2027)


def _lees(**velden: str):
    standaard = {"gemeente": "GM0001", "woonvorm": "housing_first", "jaar": "", "aantal": "3", "capaciteit": "",
                 "toelichting": ""}
    return lees_formulier({**standaard, **velden}, gemeenten=GEMEENTEN, woonvormen=WOONVORMEN, jaren=JAREN)


def test_formulier_goed() -> None:
    i = _lees(jaar="2027", aantal=" 4 ", capaciteit="6", toelichting="  nieuwe locatie ")
    assert i.toezegging == Toezegging("GM0001", "housing_first", 2027, 4, 6)
    assert i.toelichting == "nieuwe locatie"
    assert _lees().toezegging == Toezegging("GM0001", "housing_first", None, 3, None)
    assert _lees(aantal="5", capaciteit="5").toezegging.capaciteit == 5  # equal to capacity is allowed


@pytest.mark.parametrize(("velden", "verwacht"), [
    ({"aantal": "7", "capaciteit": "6"}, "veld 'toezegging': 7 is meer dan de opgegeven capaciteit 6"),
    ({"aantal": "x"}, "veld 'toezegging': 'x' is geen heel aantal"),
    ({"aantal": "٣"}, "veld 'toezegging'"),  # an Arabic-Indic digit is not an ASCII number
    ({"aantal": ""}, "veld 'toezegging': vul een heel aantal in"),
    ({"capaciteit": "100001"}, "veld 'capaciteit': 100001 is meer dan 100.000 plekken"),
    ({"gemeente": "GM0363"}, "veld 'gemeente'"),
    ({"woonvorm": "flexwoning"}, "veld 'woonvorm': 'flexwoning' staat niet in het programma"),
    ({"jaar": "2025"}, "veld 'jaar': '2025' valt buiten de periode 2026–2027"),
    ({"toelichting": "a" * 1001}, "veld 'toelichting': 1001 tekens"),
])
def test_formulier_fout(velden, verwacht) -> None:
    with pytest.raises(InvoerFout) as e:
        _lees(**velden)
    assert verwacht in str(e.value) and "niet opgeslagen" in str(e.value)


def test_alle_fouten_tegelijk() -> None:
    with pytest.raises(InvoerFout) as e:
        _lees(gemeente="", woonvorm="", jaar="1", aantal="-2", capaciteit="a")
    assert all(f"veld '{v}'" in str(e.value) for v in ("gemeente", "woonvorm", "jaar", "toezegging", "capaciteit"))


def test_leg_over_met_de_hand() -> None:
    bestand = (Toezegging("GM0000", "housing_first", None, 4, 4), Toezegging("GM0002", "housing_first", 2026, 0, 3),
               Toezegging("GM0002", "housing_first", None, 1, None))
    opgeslagen = (Toezegging("GM0002", "housing_first", 2026, 2, 2), Toezegging("GM0001", "terugvalplek", None, 1))
    assert leg_over(bestand, opgeslagen) == (
        bestand[0], opgeslagen[0], bestand[2], opgeslagen[1])  # replaced in place; new ones after
    assert leg_over(bestand, ()) == bestand


def test_ingevoerde_toezegging_in_de_berekening() -> None:
    # shares 1/6, 1/3, 1/2 of 12 Housing First: without pledges 2, 4, 6. G1 (file) pledges 5; a stored pledge
    # of 8 (capacity 8) replaces it: G1 keeps 8, the other 4 go 1/6 : 1/2 → 1 and 3.
    hf = Programmaregel("housing_first", "Housing First", ("dakloos",), {2026: Doel(12, 12)})
    bestand = (Toezegging("GM0001", "housing_first", None, 5, None),)
    inv = WoonvormenInvoer(basis([100, 200, 300]), (2026,), (hf,), leg_over(bestand, [
        Toezegging("GM0001", "housing_first", None, 8, 8)]))
    assert [r.minimum for r in bereken_woonvormen(inv).voorstel] == [1, 8, 3]


toezegging = st.builds(
    lambda g, w, j, a, extra, cap: Toezegging(f"GM000{g}", w, j, a, None if not cap else a + extra),
    st.integers(0, 2), st.sampled_from(["housing_first", "terugvalplek"]), st.sampled_from([None, 2026]),
    st.integers(0, 4), st.integers(0, 5), st.booleans())


def _uniek(lijst: list[Toezegging]) -> tuple[Toezegging, ...]:
    return tuple({sleutel(t): t for t in lijst}.values())


@settings(max_examples=150, deadline=None)
@given(st.lists(toezegging, max_size=8).map(_uniek), st.lists(toezegging, max_size=8).map(_uniek))
def test_leg_over_eigenschappen(bestand, opgeslagen) -> None:
    uit = leg_over(bestand, opgeslagen)
    sleutels = [sleutel(t) for t in uit]
    assert len(sleutels) == len(set(sleutels))  # one pledge per gemeente × woonvorm × jaar
    assert set(sleutels) == {sleutel(t) for t in bestand} | {sleutel(t) for t in opgeslagen}
    per = {sleutel(t): t for t in uit}
    assert all(per[sleutel(t)] == t for t in opgeslagen)  # the stored pledge wins
    assert all(per[sleutel(t)] == t for t in bestand if sleutel(t) not in {sleutel(o) for o in opgeslagen})


@settings(max_examples=100, deadline=None)
@given(st.lists(toezegging, max_size=6).map(_uniek), st.lists(toezegging, max_size=6).map(_uniek),
       st.integers(0, 15), st.integers(0, 6))
def test_ingevoerd_nooit_verlaagd_en_binnen_capaciteit(bestand, opgeslagen, doel, breedte) -> None:
    programma = (Programmaregel("housing_first", "Housing First", ("dakloos",), {2026: Doel(doel, doel)}),
                 Programmaregel("terugvalplek", "Terugvalplek", ("dakloos",), {2026: Doel(doel, doel + breedte)}))
    samen = leg_over(bestand, opgeslagen)
    u = bereken_woonvormen(WoonvormenInvoer(basis([100, 200, 300], loting=True), (2026,), programma, samen))
    for r in u.voorstel:
        eigen = [t for t in samen if t.gemeentecode == r.gemeentecode and t.woonvorm == r.woonvorm]
        assert r.minimum >= sum(t.aantal for t in eigen)  # pledges are floors
        assert r.minimum <= r.maximum
        if eigen and all(t.capaciteit is not None for t in eigen):
            assert r.maximum <= max(sum(t.capaciteit for t in eigen), sum(t.aantal for t in eigen))
