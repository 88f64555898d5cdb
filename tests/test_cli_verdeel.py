from __future__ import annotations

import json
import math
from pathlib import Path

from conftest import draai, draai_json

PACT = ("verdeel", "--regio", "Zuid-Kennemerland/IJmond", "--totaal", "178", "--sleutel", "huishoudens=1")


def test_pact_178_naar_huishoudens_telt_op_en_legt_uit():
    data = draai_json(*PACT)
    rijen = {r["gemeentenaam"]: r for r in data["gemeenten"]}
    assert sum(r["aantal"] for r in data["gemeenten"]) == 178 == data["regiototaal"]["aantal"]
    assert all({"gemeentecode", "gemeentenaam", "quotum", "quotum_exact", "aantal", "plafond_geraakt"} <= set(r)
               for r in data["gemeenten"])
    assert rijen["Haarlem"]["aantal"] == 80 and abs(rijen["Haarlem"]["quotum"] - 79.42) < 0.01
    # exact quota add up to the total exactly
    from fractions import Fraction

    assert sum(Fraction(r["quotum_exact"]) for r in data["gemeenten"]) == 178
    assert data["bronnen"] and "CC BY 4.0" in data["attributie"]
    uitleg = draai(*PACT, "--uitleg", "Haarlem").stdout
    assert "Haarlem" in uitleg and "80" in uitleg and "huishoudens" in uitleg and "85984NED" in uitleg


def test_tabel_csv_en_regulier():
    tabel = draai(*PACT).stdout
    assert "over voor" in tabel and "Totaal" in tabel and "peildatum" in tabel
    csv = draai(*PACT, "-f", "csv").stdout.splitlines()
    assert csv[0].startswith("gemeentecode,gemeentenaam,aandeel,quotum,aantal") and len(csv) == 8


def test_mutatiegrens_wordt_gerespecteerd_en_tekort_gemeld():
    data = draai_json("verdeel", "--regio", "Haaglanden", "--totaal", "3000", "--sleutel", "inwoners=1",
                      "--plafond", "mutaties:0.30")
    assert any(r["plafond_geraakt"] for r in data["gemeenten"])
    assert all(r["aantal"] <= math.floor(r["plafond"]) for r in data["gemeenten"])
    assert sum(r["aantal"] for r in data["gemeenten"]) == 3000 and data["haalbaar"]
    te_veel = draai_json("verdeel", "--regio", "Haaglanden", "--totaal", "9000", "--sleutel", "inwoners=1",
                         "--plafond", "mutaties:0.30")
    assert not te_veel["haalbaar"] and te_veel["tekort"] > 0
    assert any("tekort" in w.lower() or "past niet" in w.lower() for w in te_veel["waarschuwingen"])


def schrijf(pad: Path, tekst: str) -> str:
    pad.write_text(tekst, encoding="utf-8")
    return str(pad)


def test_herkomst_tenzij_vast_en_ingroeipad(tmp_path):
    herkomst = schrijf(tmp_path / "h.csv", "gemeentenaam,aantal\nDelft,10\nRijswijk,20\nWestland,30\n")
    huidig = schrijf(tmp_path / "c.csv", "gemeentenaam,aantal\nDelft,30\nRijswijk,20\nWestland,10\n")
    basis = ("verdeel", "--regio", "Delft,Rijswijk,Westland", "--totaal", "60", "--sleutel", "inwoners=1")
    zuiver = draai_json(*basis, "--herkomst", herkomst, "--alpha", "1")
    assert {r["gemeentenaam"]: r["aantal"] for r in zuiver["gemeenten"]} == {
        "Delft": 10, "Rijswijk (ZH.)": 20, "Westland": 30}
    tenzij = draai_json(*basis, "--herkomst", herkomst, "--alpha", "1", "--tenzij", "Westland:Delft:5:woonstart")
    assert {r["gemeentenaam"]: r["aantal"] for r in tenzij["gemeenten"]}["Delft"] == 15
    vast = draai_json(*basis, "--vast", "Westland=40")
    westland = next(r for r in vast["gemeenten"] if r["gemeentenaam"] == "Westland")
    assert westland["vast"] == 40 and westland["aantal"] >= 40
    pad = draai_json(*basis, "--ingroeipad", "3", "--huidig", huidig)
    jaren = {r["jaar"] for r in pad["ingroeipad"]}
    assert jaren == {1, 2, 3}
    for jaar in jaren:
        assert sum(r["aantal"] for r in pad["ingroeipad"] if r["jaar"] == jaar) == 60
    assert "Ingroeipad per jaar" in draai(*basis, "--ingroeipad", "3", "--huidig", huidig).stdout


def test_eigen_cijfers_en_eigen_indicator(tmp_path):
    eigen = schrijf(tmp_path / "m.csv", "gemeentenaam,mutaties,wachtenden\nDelft,1000,5\nWestland,1000,15\n")
    data = draai_json("verdeel", "--regio", "Delft,Westland", "--totaal", "20", "--sleutel", "wachtenden=1",
                      "--gegevens", eigen)
    assert {r["gemeentenaam"]: r["aantal"] for r in data["gemeenten"]} == {"Delft": 5, "Westland": 15}
    assert all(r["mutaties"] == 1000 for r in data["gemeenten"])
    assert any("m.csv" in b["label"] for b in data["bronnen"])


def test_gelijke_stand_is_fout_of_loting_met_seed(tmp_path):
    gelijk = schrijf(tmp_path / "g.csv", "gemeentenaam,inwoners\nDelft,1000\nWestland,1000\n")
    basis = ("verdeel", "--regio", "Delft,Westland", "--totaal", "1", "--sleutel", "inwoners=1", "--gegevens", gelijk)
    proces = draai(*basis, check=False)
    assert proces.returncode == 2 and "Delft" in proces.stderr and "Westland" in proces.stderr
    assert "loting" in proces.stderr and "Traceback" not in proces.stderr
    een = draai_json(*basis, "--bij-gelijke-stand", "loting", "--seed", "7")
    twee = draai_json(*basis, "--bij-gelijke-stand", "loting", "--seed", "7")
    assert [r["aantal"] for r in een["gemeenten"]] == [r["aantal"] for r in twee["gemeenten"]]
    assert sum(r["aantal"] for r in een["gemeenten"]) == 1
    assert "7" in json.dumps(een["uitleg"], ensure_ascii=False)


def test_vergelijk_sleutels():
    data = draai_json("vergelijk", "--regio", "Haaglanden", "--totaal", "500", "-s", "inwoners=1", "-s", "mutaties=1")
    assert data["sleutels"] == {"S1": "inwoners=1", "S2": "mutaties=1"}
    for rij in data["gemeenten"]:
        assert rij["S2 − S1"] == rij["S2"] - rij["S1"]
        assert "regulier bij S1" in rij
    assert sum(r["S1"] for r in data["gemeenten"]) == sum(r["S2"] for r in data["gemeenten"]) == 500
    proces = draai("vergelijk", "--regio", "Haaglanden", "--totaal", "5", "-s", "inwoners=1", check=False)
    assert proces.returncode == 2 and "minstens twee" in proces.stderr


def test_taakstelling_alle_gemeenten_rondt_naar_boven(tmp_path):
    data = draai_json("taakstelling", "--landelijk", "10000", "--datum", "2027-01-01")
    assert len(data["gemeenten"]) == 342 and data["afrondingsregel"] == "omhoog"
    assert data["som"] > 10000 and data["regel"]["status"] == "wet"
    for r in data["gemeenten"]:
        assert r["aantal"] == math.ceil(r["quotum"] - 1e-12)


def test_taakstelling_deel_van_gemeenten_correcties_en_ruil(tmp_path):
    inwoners = schrijf(tmp_path / "i.csv", "gemeentenaam,inwoners\nDelft,100000\nWestland,100000\n")
    proces = draai("taakstelling", "--landelijk", "100", "--inwoners", inwoners, check=False)
    assert proces.returncode == 2 and "--inwoners-nederland" in proces.stderr
    correcties = schrijf(tmp_path / "k.csv", "gemeentenaam,achterstand,voorsprong\nDelft,3,0\nWestland,0,1\n")
    data = draai_json("taakstelling", "--landelijk", "100", "--inwoners", inwoners, "--inwoners-nederland", "1000000",
                      "--correcties", correcties, "--ruil", "Delft:Westland:2", "--datum", "2027-01-01")
    rijen = {r["gemeentenaam"]: r for r in data["gemeenten"]}
    assert rijen["Delft"]["afgerond"] == 10 and rijen["Delft"]["achterstand"] == 3
    assert rijen["Delft"]["aantal"] == 10 + 3 - 2 and rijen["Westland"]["aantal"] == 10 - 1 + 2


def test_foute_invoer_verdeel():
    proces = draai("verdeel", "--regio", "Haaglanden", "--totaal", "10", "--sleutel", "inwoners=0.5", check=False)
    assert proces.returncode == 2 and "tellen op tot 0,5" in proces.stderr
    proces = draai("verdeel", "--regio", "Haaglanden", "--totaal", "10", "--sleutel", "wachtenden=1", check=False)
    assert proces.returncode == 2 and "wachtenden" in proces.stderr
    proces = draai("verdeel", "--regio", "Haaglanden", "--totaal", "10", "--sleutel", "inwoners=1",
                   "--herkomst", "x.csv", check=False)
    assert proces.returncode == 2 and "--alpha" in proces.stderr
    assert "Traceback" not in proces.stderr
