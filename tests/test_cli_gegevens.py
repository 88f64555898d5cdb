from __future__ import annotations

import csv
import io
import json

from conftest import draai, draai_json


def test_regio_toon_haaglanden_tabel_met_jaren_en_bronnen():
    uit = draai("regio", "toon", "Haaglanden").stdout
    for naam in (
        "'s-Gravenhage",
        "Delft",
        "Leidschendam-Voorburg",
        "Midden-Delfland",
        "Pijnacker-Nootdorp",
        "Rijswijk (ZH.)",
        "Wassenaar",
        "Westland",
        "Zoetermeer",
    ):
        assert naam in uit
    assert "85984NED" in uit and "peildatum 2024-01-01" in uit and "2022/2023" in uit
    assert "566.221" in uit  # inwoners 's-Gravenhage, Dutch thousands separator
    assert "CC BY 4.0" in uit and "controleer" in uit


def test_regio_toon_json_is_stabiel_en_volledig():
    data = draai_json("regio", "toon", "Haaglanden")
    assert set(data) == {"regio", "gemeenten", "totaal", "kolommen", "attributie", "versie"}
    assert data["regio"]["aantal_gemeenten"] == 9 and len(data["gemeenten"]) == 9
    rij = data["gemeenten"][0]
    assert {
        "gemeentecode",
        "gemeentenaam",
        "inwoners",
        "huishoudens",
        "woningvoorraad",
        "sociale_voorraad",
        "corporatiebezit_pct",
        "mutaties",
        "sociaal_aandeel",
        "bronnen",
    } <= set(rij)
    assert rij["bronnen"]["mutaties"]["soort"] == "schatting"
    assert data["totaal"]["inwoners"] == sum(g["inwoners"] for g in data["gemeenten"])
    assert set(data["versie"]) == {"verdeelwijzer", "gegevens", "regels"}


def test_regio_toon_csv():
    rijen = list(csv.DictReader(io.StringIO(draai("regio", "toon", "Zuid-Kennemerland/IJmond", "-f", "csv").stdout)))
    assert len(rijen) == 7 and {r["gemeentenaam"] for r in rijen} >= {"Haarlem", "Velsen"}


def test_gemeenten_met_overschrijving_toont_eigen_bron(tmp_path):
    pad = tmp_path / "daeb.csv"
    pad.write_text("gemeentecode,sociale_voorraad\nGM0503,20000\n", encoding="utf-8")
    data = json.loads(draai("gemeenten", "--regio", "Delft,Westland", "--gegevens", str(pad), "-f", "json").stdout)
    delft = next(g for g in data["gemeenten"] if g["gemeentenaam"] == "Delft")
    assert delft["sociale_voorraad"] == 20000
    assert delft["bronnen"]["sociale_voorraad"]["soort"] == "eigen invoer"
    assert "daeb.csv" in delft["bronnen"]["sociale_voorraad"]["label"]
    assert "*" in draai("gemeenten", "--regio", "Delft,Westland", "--gegevens", str(pad)).stdout


def test_alle_gemeenten_en_regiolijst():
    assert len(draai_json("gemeenten")["gemeenten"]) == 342
    regios = draai_json("regio", "lijst")["regios"]
    assert {"Haaglanden", "Hart van Brabant", "Rivierenland"} <= {r["naam"] for r in regios}
    assert len(regios) == 5 + 12 + 40 + 35


def test_foute_invoer_geeft_nederlandse_fout_zonder_traceback(tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_text("gemeentenaam;mutaties\nDelfd;12\nDelft;twaalf\n", encoding="utf-8")
    proces = draai("gemeenten", "--gegevens", str(pad), check=False)
    assert proces.returncode == 2
    assert "fout.csv, regel 2" in proces.stderr and "Delft" in proces.stderr and "regel 3" in proces.stderr
    assert "Traceback" not in proces.stderr
    proces = draai("regio", "toon", "Haaglandn", check=False)
    assert proces.returncode == 2 and "Bedoelt u: Haaglanden" in proces.stderr


def test_gebruiksfouten_zijn_nederlands_zonder_traceback():
    gevallen = [
        (("verdeel", "--regio", "Haaglanden"), "Optie '--totaal' of '-t' ontbreekt"),
        (("verdeel", "--regio", "Haaglanden", "--totaal", "abc", "--sleutel", "inwoners=1"), "verwacht een heel getal"),
        (("verdel",), "Onbekend commando 'verdel'. Bedoelt u 'verdeel'"),
        (("regio", "toon", "Delft", "extra"), "Onverwacht extra argument: extra"),
        (("gemeenten", "--foo"), "Onbekende optie --foo"),
    ]
    for args, verwacht in gevallen:
        proces = draai(*args, check=False)
        assert proces.returncode == 2, args
        assert verwacht in " ".join(proces.stderr.split()), (args, proces.stderr)
        assert "Traceback" not in proces.stderr
