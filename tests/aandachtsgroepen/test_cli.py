"""The real command line: `verdeelwijzer analyse` on the shipped example, its formats, and the templates."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from .hulp import AANBOD, BEHOEFTE, GMR, draai, draai_json, schrijf

ARGS = ("analyse", "--regio", GMR, "--behoefte", str(BEHOEFTE), "--aanbod", str(AANBOD))


def test_json_heeft_de_afgesproken_sleutels():
    d = draai_json(*ARGS)
    assert d["regio"] == GMR
    for k in ("groepen", "opgave", "regiototalen", "spreiding", "attributie", "versie", "bronnen", "waarschuwingen"):
        assert k in d
    assert {"id", "naam", "soort"} <= set(d["groepen"][0])
    assert {"gemeentecode", "gemeentenaam", "groep", "jaar", "behoefte", "aanbod", "opgave", "soort"} <= set(
        d["opgave"][0])
    assert {r["soort"] for r in d["opgave"]} <= {"officieel", "eigen invoer", "schatting", "onbekend"}
    assert {"schatting", "eigen invoer"} <= {r["soort"] for r in d["opgave"]}
    assert {"groep", "jaar", "behoefte", "aanbod", "opgave"} <= set(d["regiototalen"][0])
    assert {"groep", "dissimilariteit", "gemeenten"} <= set(d["spreiding"][0])
    assert "CC BY 4.0" in d["attributie"] and set(d["versie"]) == {"verdeelwijzer", "gegevens", "regels"}
    # at least six groups with need and supply in the example (FICTIEF)
    met_beide = {r["groep"] for r in d["opgave"] if r["soort"] == "eigen invoer"} & {
        r["groep"] for r in d["opgave"] if r["aanbod"]}
    assert len(met_beide) >= 6
    # the JSON's regional totals are the sums of its gemeente rows
    for t in d["regiototalen"]:
        rijen = [r for r in d["opgave"] if (r["groep"], r["jaar"]) == (t["groep"], t["jaar"])]
        assert len(rijen) == 18
        if t["opgave"] is not None:
            assert abs(sum(r["opgave"] for r in rijen) - t["opgave"]) < 0.05
    assert any("geen behoefte bekend" in w for w in d["waarschuwingen"])


def test_tabel_toont_schatting_bronnen_en_spreiding():
    uit = draai(*ARGS).stdout
    assert "schatting" in uit and "eigen invoer" in uit and "geen behoefte bekend" in uit
    assert "Dissimilariteitsindex" in uit and "meer dan evenredig" in uit
    assert "≠ Uitstromers accommodaties jeugdzorg" in uit
    assert "CC BY 4.0" in uit and "Bronnen:" in uit


def test_csv_en_excel_tonen_dezelfde_getallen(tmp_path):
    tekst = draai(*ARGS, "--format", "csv", "--excel", str(tmp_path / "a.xlsx")).stdout
    rijen = list(csv.DictReader(io.StringIO(tekst)))
    d = draai_json(*ARGS)
    assert len(rijen) == len(d["opgave"])
    boek = load_workbook(tmp_path / "a.xlsx", read_only=True)
    assert {"Dekblad", "Opgave", "Regio", "Spreiding", "Overzicht", "Groepen", "Regels", "Uitleg"} <= set(
        boek.sheetnames)
    blad = list(boek["Opgave"].iter_rows(values_only=True))
    kop = list(blad[2])
    excel_opgave = {(r[kop.index("gemeente")], r[kop.index("groep")], r[kop.index("jaar")]): r[kop.index("opgave")]
                    for r in blad[3:] if r[0]}
    for r in d["opgave"]:
        assert excel_opgave[(r["gemeentenaam"], r["groep"], r["jaar"])] == r["opgave"]


def test_uitleg_per_gemeente():
    uit = draai(*ARGS, "--uitleg", "Renkum").stdout
    assert uit.startswith("Uitleg voor Renkum") and "SCHATTING" in uit and "Spreiding" in uit and "Opgave =" in uit
    d = draai_json(*ARGS, "--uitleg", "Renkum")
    assert d["gemeente"]["gemeentenaam"] == "Renkum" and all(r["gemeentenaam"] == "Renkum" for r in d["opgave"])


def test_sleutel_gewichten_en_periode():
    d = draai_json(*ARGS, "--sleutel", "inwoners=0.5,huishoudens=0.5", "--gewicht", "dakloos=2", "--periode",
                   "2026-2030")
    assert sorted({r["jaar"] for r in d["opgave"]}) == [2026, 2027, 2028, 2029, 2030]
    assert d["overzicht"]["gewichten"]["dakloos"] == "2" and "dakloos" in d["overzicht"]["uitleg"]
    assert d["spreiding"][0]["sleutel"].startswith("0,5 × inwoners")


def test_foute_invoer_geeft_nederlandse_melding_zonder_traceback(tmp_path):
    pad = schrijf(tmp_path / "b.csv", ["gemeentenaam,groep,jaar,aantal", "Arnhem,dakloze,2027,1",
                                       "Delft,dakloos,2027,1"])
    p = draai("analyse", "--regio", GMR, "--behoefte", str(pad), check=False)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "regel 2, kolom 'groep'" in p.stderr and "regel 3, kolom 'gemeentenaam'" in p.stderr
    p = draai("analyse", "--regio", GMR, "--periode", "2030-2020", check=False)
    assert p.returncode == 2 and "--periode" in p.stderr


def test_sjablonen_met_uitleg(tmp_path):
    for soort in ("behoefte", "aanbod"):
        draai("sjabloon", soort, "--uit", str(tmp_path), "--regio", GMR)
        boek = load_workbook(tmp_path / f"{soort}_sjabloon.xlsx")
        assert boek.sheetnames[:4] == ["Invullen", "Uitleg", "Groepen", "Voorbeeld"]
        assert "Sjabloon Verdeelwijzer" in boek["Uitleg"]["A1"].value
        ids = [r[0] for r in boek["Groepen"].iter_rows(min_row=2, values_only=True) if r[0]]
        assert "dakloos" in ids and "jeugdzorg" in ids
    # the filled-in template reads back
    boek = load_workbook(tmp_path / "behoefte_sjabloon.xlsx")
    boek["Invullen"].append(["Arnhem", "dakloos", 2027, 12, "huishoudens", "test", "2026-01-01", ""])
    boek.save(tmp_path / "ingevuld.xlsx")
    d = draai_json("analyse", "--regio", GMR, "--behoefte", str(tmp_path / "ingevuld.xlsx"))
    assert d["jaren"] == [2027]
    r = next(r for r in d["opgave"] if r["gemeentenaam"] == "Arnhem" and r["groep"] == "dakloos")
    assert r["behoefte"] == 12 and r["soort"] == "eigen invoer"
    p = draai("sjabloon", "aanbod", "--uit", str(tmp_path), check=False)
    assert p.returncode == 2 and "bestaat al" in p.stderr
