"""Realised places per woonvorm and the balance over time: by hand on a small case, properties (every year sums
to zero; the cumulative contribution never falls), the file reader's errors, and the real command line."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import REPO, draai, draai_json

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.woonvormen import Doel, Programmaregel, Specialisatie, WoonvormenInvoer, bereken_woonvormen
from verdeelwijzer.woonvormen.invoer import lees_realisaties
from verdeelwijzer.woonvormen.monitoring import Realisatie, balans_over_tijd

from .test_berekening import basis

VOORBEELD = REPO / "voorbeelden" / "drechtsteden.yaml"
GEREALISEERD = REPO / "voorbeelden" / "woonvormen" / "gerealiseerd_drechtsteden.csv"


def _invoer() -> WoonvormenInvoer:
    programma = (
        Programmaregel("housing_first", "Housing First", ("dakloos",), {2026: Doel(12, 12), 2027: Doel(12, 12)}),
        Programmaregel("terugvalplek", "Terugvalplek", ("dakloos",), {2026: Doel(6, 12), 2027: Doel(6, 12)}))
    return WoonvormenInvoer(basis([100, 200, 300], loting=True), (2026, 2027), programma,
                            specialisatie=Specialisatie({"housing_first": F(1), "terugvalplek": F(2)}))


def test_balans_over_tijd_met_de_hand() -> None:
    # Shares 1/6, 1/3, 1/2; weights HF 1, terugvalplek 2.
    # 2026: C = (6, 2·1, 0) = (6, 2, 0), total 8, F = (4/3, 8/3, 4), balance (14/3, −2/3, −4).
    # 2027: G2 realises 6 HF: C = (6, 2, 6), total 14, F = (7/3, 14/3, 7), balance (11/3, −8/3, −1).
    # Minimum proposal per year: HF 2, 4, 6; terugvalplek 1, 2, 3 → weighted 4, 8, 12 a year.
    inv = _invoer()
    u = balans_over_tijd(inv, bereken_woonvormen(inv), [
        Realisatie("GM0000", "housing_first", 2026, 6), Realisatie("GM0001", "terugvalplek", 2026, 1),
        Realisatie("GM0002", "housing_first", 2027, 6)])
    per = {(r.jaar, r.gemeentecode): r for r in u.regels}
    assert [per[2026, c].balans for c in ("GM0000", "GM0001", "GM0002")] == [F(14, 3), F(-2, 3), F(-4)]
    assert [per[2027, c].balans for c in ("GM0000", "GM0001", "GM0002")] == [F(11, 3), F(-8, 3), F(-1)]
    assert [per[2027, c].evenredig_deel for c in ("GM0000", "GM0001", "GM0002")] == [F(7, 3), F(14, 3), F(7)]
    assert [per[2027, c].voorstel for c in ("GM0000", "GM0001", "GM0002")] == [8, 16, 24]
    assert per[2027, "GM0002"].gerealiseerd == 6 and per[2026, "GM0002"].gerealiseerd == 0
    hf = [(w.jaar, w.gerealiseerd, w.gerealiseerd_cumulatief, w.doel_cumulatief) for w in u.woonvormen
          if w.woonvorm == "housing_first"]
    assert hf == [(2026, 6, 6, 12), (2027, 6, 12, 24)]


def test_latere_jaren_zonder_cijfers_niet_getoond() -> None:
    inv = _invoer()
    u = balans_over_tijd(inv, bereken_woonvormen(inv), [Realisatie("GM0000", "housing_first", 2026, 1)])
    assert u.jaren == (2026,) and {r.jaar for r in u.regels} == {2026}


def test_fouten_in_realisaties() -> None:
    inv = _invoer()
    with pytest.raises(InvoerFout) as e:
        balans_over_tijd(inv, bereken_woonvormen(inv), [Realisatie("GM0009", "flexwoning", 2030, 1)])
    assert "GM0009" in str(e.value) and "flexwoning" in str(e.value) and "2030" in str(e.value)
    zonder = WoonvormenInvoer(inv.basis, inv.jaren, inv.programma)
    with pytest.raises(InvoerFout, match="specialisatie"):
        balans_over_tijd(zonder, bereken_woonvormen(zonder), [])


realisatie = st.builds(Realisatie, st.sampled_from(["GM0000", "GM0001", "GM0002"]),
                       st.sampled_from(["housing_first", "terugvalplek"]), st.sampled_from([2026, 2027]),
                       st.integers(0, 50))


@settings(max_examples=100, deadline=None)
@given(st.lists(realisatie, max_size=12))
def test_eigenschappen(realisaties) -> None:
    inv = _invoer()
    u = balans_over_tijd(inv, bereken_woonvormen(inv), realisaties)
    for j in u.jaren:
        assert sum((r.balans for r in u.regels if r.jaar == j), F(0)) == 0  # zero-sum every year
    for c in inv.basis.gemeentecodes:
        bijdragen = [r.bijdrage for r in u.regels if r.gemeentecode == c]
        assert bijdragen == sorted(bijdragen)  # cumulative: never falls


def test_lezer_meldt_alle_fouten(tmp_path, gegevens) -> None:
    pad = tmp_path / "gerealiseerd.csv"
    pad.write_text("gemeentenaam,woonvorm,jaar,aantal\nDordrecht,housing_first,2027,3\nDordrecht,housing_first,2027,4\n"
                   "Zwijndrecht,kamer,2027,1\nSliedrecht,flexwoning,2035,1\nPapendrecht,flexwoning,2028,-2\n"
                   "Tilburg,flexwoning,2028,1\n", encoding="utf-8")
    codes = {gegevens.zoeker.zoek(n) for n in ("Dordrecht", "Zwijndrecht", "Sliedrecht", "Papendrecht")}
    with pytest.raises(InvoerFout) as e:
        lees_realisaties(pad, gegevens.zoeker, codes, {"housing_first": "", "flexwoning": ""}, (2027, 2028, 2029))
    tekst = str(e.value)
    assert "regel 3: deze gemeente, woonvorm en jaar staan al op regel 2" in tekst
    assert "regel 4, kolom 'woonvorm': 'kamer' heeft geen wegingsfactor" in tekst
    assert "regel 5, kolom 'jaar': '2035' valt buiten de periode 2027–2029" in tekst
    assert "regel 6, kolom 'aantal'" in tekst and "regel 7" in tekst and "Tilburg" in tekst


def test_cli_json() -> None:
    data = draai_json("woonvormen", "monitor", str(VOORBEELD), str(GEREALISEERD))
    assert data["jaren"] == [2027, 2028]
    for j in data["jaren"]:
        assert sum(F(r["balans_exact"]) for r in data["balans_over_tijd"] if r["jaar"] == j) == 0
    dordrecht = [r for r in data["balans_over_tijd"] if r["gemeentenaam"] == "Dordrecht"]
    # 2027: 60 opvangplekken × 0,5 (regional facility) + 9 HF + 24 flex × 0,5 + 2 Skaeve Huse × 3 = 57
    assert dordrecht[0]["bijdrage"] == 57 and dordrecht[0]["gerealiseerd"] == 35
    assert {"woonvorm", "jaar", "gerealiseerd", "gerealiseerd_cumulatief", "doel_cumulatief"} <= set(
        data["woonvormen"][0])


def test_cli_tabel_en_fout(tmp_path) -> None:
    uit = draai("woonvormen", "monitor", str(VOORBEELD), str(GEREALISEERD)).stdout
    assert "Balans over alle groepen per jaar" in uit and "Dordrecht" in uit
    slecht = tmp_path / "slecht.csv"
    slecht.write_text("gemeentenaam,woonvorm,jaar,aantal\nDordrecht,housing_first,2027,veel\n", encoding="utf-8")
    p = draai("woonvormen", "monitor", str(VOORBEELD), str(slecht), check=False)
    assert p.returncode != 0 and "regel 2, kolom 'aantal'" in p.stderr + p.stdout
    assert "Traceback" not in p.stderr


def test_cli_excel(tmp_path) -> None:
    from openpyxl import load_workbook

    pad = tmp_path / "tijd.xlsx"
    draai("woonvormen", "monitor", str(VOORBEELD), str(GEREALISEERD), "--format", "json", "--excel", str(pad))
    boek = load_workbook(pad, read_only=True)
    assert {"Dekblad", "Woonvormen balans over tijd", "Woonvormen gerealiseerd"} <= set(boek.sheetnames)
    rijen = list(boek["Woonvormen balans over tijd"].iter_rows(values_only=True))
    assert any(r and "Dordrecht" in r for r in rijen)
