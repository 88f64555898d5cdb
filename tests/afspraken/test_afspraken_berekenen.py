from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import draai
from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken

VOORBEELDEN = Path(__file__).resolve().parents[2] / "voorbeelden"
VIER = ["haaglanden", "arnhem_nijmegen", "zuid_kennemerland_pact", "hart_van_brabant"]


@pytest.fixture(scope="module")
def uitkomsten():
    return {naam: bereken_afspraken(laad_afspraken(VOORBEELDEN / f"{naam}.yaml")) for naam in VIER}


@pytest.mark.parametrize("naam", VIER)
def test_elk_jaar_telt_op_tot_het_totaal(uitkomsten, naam):
    u = uitkomsten[naam]
    for c in u.categorieen:
        for t in range(len(u.jaren)):
            assert sum(c.aantal(t, g) for g in range(len(u.gemeentecodes))) == c.totalen[t]


def test_pact_178_per_jaar_naar_huishoudens_zonder_afrondingsdrift(uitkomsten):
    u = uitkomsten["zuid_kennemerland_pact"]
    pact = u.categorieen[0]
    assert pact.totalen == (178,) * 10
    for g in range(len(u.gemeentecodes)):
        exact = sum(pact.quotum(t, g) for t in range(10))
        assert abs(sum(pact.aantal(t, g) for t in range(10)) - exact) < 1  # cumulative rounding: no drift
    # within each gemeente the corporations together get exactly the gemeente's number
    per_gemeente = defaultdict(int)
    for d in pact.corporaties:
        per_gemeente[(d.gemeentecode, d.jaar)] += d.aantal
    for t, jaar in enumerate(u.jaren):
        for g, code in enumerate(u.gemeentecodes):
            assert per_gemeente[(code, jaar)] == pact.aantal(t, g)


def test_hart_van_brabant_vaste_voorziening_tilburg_wordt_verrekend(uitkomsten):
    u = uitkomsten["hart_van_brabant"]
    mo = next(c for c in u.categorieen if c.naam == "uitstromers MO")
    tilburg = u.gemeentecodes.index("GM0855")
    regel = mo.per_jaar[0].regels[tilburg]
    assert regel.vast == 40 and regel.aantal >= 40
    assert "40" in mo.per_jaar[0].uitleg.als_tekst("GM0855")
    assert len(u.categorieen) == 4 and u.statushouders is not None


def test_arnhem_nijmegen_25_procent_van_verhuringen_met_ingroeipad(uitkomsten):
    u = uitkomsten["arnhem_nijmegen"]
    c = u.categorieen[0]
    mutaties = sum(r.mutaties for r in u.totaalbeeld if r.jaar == u.jaren[0])
    assert c.totalen[0] == int(Fraction(1, 4) * mutaties)
    assert c.ingroeipad is not None
    doel = c.per_jaar[0].quota
    nijmegen = u.gemeentecodes.index("GM0268")
    # year 1 lies between today's distribution and the target, year 2 reaches the target
    huidig = c.ingroeipad.huidig[nijmegen] * Fraction(c.totalen[0]) / sum(c.ingroeipad.huidig)
    assert min(huidig, doel[nijmegen]) <= c.quotum(0, nijmegen) <= max(huidig, doel[nijmegen])
    assert c.quotum(1, nijmegen) == doel[nijmegen]


def test_haaglanden_herkomst_mutatiegrens_en_loting(uitkomsten):
    u = uitkomsten["haaglanden"]
    assert any("boven de mutatiegrens" in w for w in u.waarschuwingen)
    mo = u.categorieen[0]
    tekst = mo.per_jaar[0].uitleg.als_tekst("GM0518")
    assert "herkomst" in tekst.lower()
    assert u.statushouders
    for _, half in u.statushouders_halfjaren:  # art. 29 rounds up per gemeente and half year
        assert all(r.aantal >= r.quotum and r.aantal - r.quotum < 1 for r in half.regels)
    for t, jaar in enumerate(u.statushouders):  # a year is only the sum of its two half years
        a, b = u.statushouders_halfjaren[2 * t][1], u.statushouders_halfjaren[2 * t + 1][1]
        assert [r.aantal for r in jaar.regels] == [x.aantal + y.aantal for x, y in zip(a.regels, b.regels, strict=True)]
    assert {d.categorie for d in u.doelen} == {"uitstromers MO/BW", "medisch urgent", "mantelzorg", "statushouders"}


@pytest.mark.parametrize("naam", VIER)
def test_bereken_cli_tabel_json_en_excel(tmp_path, naam):
    bestand = str(VOORBEELDEN / f"{naam}.yaml")
    tabel = draai("bereken", bestand).stdout
    assert "Totaalbeeld" in tabel and "CC BY 4.0" in tabel and "FICTIEF" in tabel
    data = json.loads(draai("bereken", bestand, "--format", "json", "--excel", str(tmp_path / "uit.xlsx")).stdout)
    assert set(data["versie"]) == {"verdeelwijzer", "gegevens", "regels"}
    assert data["doelen"] and all(isinstance(d["aantal"], int) for d in data["doelen"])
    assert any(r["parameter"] == "mutatiegraad_sociale_huur" and r["status"] == "aanname" for r in data["regels"])

    boek = load_workbook(tmp_path / "uit.xlsx")
    assert boek.sheetnames[0] == "Dekblad" and {"Totaalbeeld", "Bronnen", "Uitleg", "Waarschuwingen"} <= set(
        boek.sheetnames
    )
    dekblad = {r[0].value: r[1].value for r in boek["Dekblad"].iter_rows(min_row=3) if r[0].value}
    assert "CC BY 4.0" in dekblad["Attributie"] and dekblad["Versie regels"] == data["versie"]["regels"]
    assert "FICTIEF" in dekblad["Let op"]
    blad = boek["Totaalbeeld"]
    assert blad.freeze_panes == "A4" and blad.auto_filter.ref.startswith("A3")
    koppen = [c.value for c in blad[3]]
    assert koppen[:3] == ["jaar", "code", "gemeente"]
    assert blad.cell(4, koppen.index("aandeel verhuringen") + 1).number_format == "0.00%"
    assert blad.column_dimensions["C"].width >= 10
    # the workbook holds values, no formulas, and the numbers equal the JSON
    for rij in blad.iter_rows(min_row=4):
        for cel in rij:
            assert not (isinstance(cel.value, str) and cel.value.startswith("="))
    json_totaal = {(r["jaar"], r["gemeentecode"]): r["totaal"] for r in data["tabellen"]["Totaalbeeld"]["rijen"]}
    xlsx_totaal = {
        (r[0], r[1]): r[koppen.index("totaal voorrang")] for r in blad.iter_rows(min_row=4, values_only=True) if r[1]
    }
    assert xlsx_totaal == json_totaal
    statussen = {r[2] for r in boek["Bronnen"].iter_rows(min_row=4, values_only=True) if r[0] == "regel"}
    assert "aanname" in statussen


def test_zelfde_invoer_geeft_byte_identieke_uitvoer(tmp_path):
    bestand = str(VOORBEELDEN / "hart_van_brabant.yaml")
    een = draai("bereken", bestand, "-f", "json", "--excel", str(tmp_path / "1.xlsx")).stdout
    twee = draai("bereken", bestand, "-f", "json", "--excel", str(tmp_path / "2.xlsx")).stdout
    assert een == twee
    assert (
        hashlib.sha256((tmp_path / "1.xlsx").read_bytes()).digest()
        == hashlib.sha256((tmp_path / "2.xlsx").read_bytes()).digest()
    )


def test_vergelijk_scenarios_wie_neemt_meer_en_minder():
    a, b = str(VOORBEELDEN / "haaglanden.yaml"), str(VOORBEELDEN / "haaglanden_zonder_herkomst.yaml")
    data = json.loads(draai("vergelijk-scenarios", a, b, "-f", "json").stdout)
    samenvatting = {r["gemeentenaam"]: r for r in data["samenvatting"]}
    assert sum(r["verschil_B"] for r in data["samenvatting"]) == 0  # same totals: zero-sum between gemeenten
    assert samenvatting["'s-Gravenhage"]["verschil_B"] < 0  # without herkomst The Hague takes fewer
    assert "B tegenover A" in data["kernpunten"][0]
    tabel = draai("vergelijk-scenarios", a, b).stdout
    assert "neemt minder in B" in tabel


def test_vergelijk_scenarios_andere_regio_is_een_fout():
    proces = draai(
        "vergelijk-scenarios",
        str(VOORBEELDEN / "haaglanden.yaml"),
        str(VOORBEELDEN / "hart_van_brabant.yaml"),
        check=False,
    )
    assert proces.returncode == 2 and "andere gemeenten" in proces.stderr


def test_fout_afsprakenbestand_via_cli(tmp_path):
    pad = tmp_path / "fout.yaml"
    pad.write_text(
        "naam: x\nregio: Haaglanden\nperiode: {start: 2027, jaren: 1}\ncategorieen:\n"
        "  - naam: a\n    totaal: {per_jaar: 10}\n    sleutel: {inwoners: 1}\n    plafon: {}\n",
        encoding="utf-8",
    )
    proces = draai("bereken", str(pad), check=False)
    assert proces.returncode == 2 and "Traceback" not in proces.stderr
    assert "fout.yaml, regel 8" in proces.stderr and "plafond" in proces.stderr


def test_onbekende_indicator_en_ontbrekend_jaar(tmp_path):
    pad = tmp_path / "a.yaml"
    pad.write_text(
        "naam: x\nregio: Haaglanden\nperiode: {start: 2027, jaren: 2}\ncategorieen:\n"
        "  - naam: a\n    totaal: {per_jaar: {2027: 10}}\n    sleutel: {inwoners: 1}\n",
        encoding="utf-8",
    )
    proces = draai("bereken", str(pad), check=False)
    assert proces.returncode == 2 and "mist de jaren 2028" in proces.stderr
    pad.write_text(
        "naam: x\nregio: Haaglanden\nperiode: {start: 2027, jaren: 1}\ncategorieen:\n"
        "  - naam: a\n    totaal: {per_jaar: 10}\n    sleutel: {wachtenden: 1}\n",
        encoding="utf-8",
    )
    proces = draai("bereken", str(pad), check=False)
    assert proces.returncode == 2 and "wachtenden" in proces.stderr


def test_json_schema_cli(tmp_path):
    assert json.loads(draai("afspraken", "schema").stdout)["title"] == "Verdeelwijzer afsprakenkader"
    assert "In orde" in draai("afspraken", "controleer", str(VOORBEELDEN / "haaglanden.yaml")).stdout


def test_spoor1_in_het_afsprakenkader(uitkomsten, tmp_path):
    u = uitkomsten["haaglanden"]
    assert u.spoor1 is not None and u.spoor1.sleutel == "gelijk-aandeel"
    data = json.loads(draai("bereken", str(VOORBEELDEN / "haaglanden.yaml"), "-f", "json",
                            "--excel", str(tmp_path / "h.xlsx")).stdout)
    rijen = data["tabellen"]["Betaalbaarheid"]["rijen"]
    assert len(rijen) == 9 and {r["regel"] for r in rijen} == {"sociale_huur", "middensegment"}
    assert {"aandeel_betaalbaar", "minimum_sociale_huur"} <= {r["parameter"] for r in data["regels"]}
    blad = load_workbook(tmp_path / "h.xlsx")["Betaalbaarheid"]
    assert [c.value for c in blad[3]][:2] == ["gemeentecode", "gemeentenaam"]
