"""The real command line: `python -m verdeelwijzer betaalbaarheid ...` and `sjabloon programma`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VOORBEELD = str(REPO / "voorbeelden" / "haaglanden_programma.csv")
HAAGLANDEN = ("'s-Gravenhage", "Delft", "Leidschendam-Voorburg", "Midden-Delfland", "Pijnacker-Nootdorp",
              "Rijswijk (ZH.)", "Wassenaar", "Westland", "Zoetermeer")
BASIS = ("betaalbaarheid", "--regio", "Haaglanden", "--programma", VOORBEELD)


def _json(*args: str) -> dict:
    """Like conftest.draai_json, without importing a module named 'conftest' (several exist under tests/)."""
    proces = subprocess.run([sys.executable, "-m", "verdeelwijzer", *args, "-f", "json"], capture_output=True,
                            text=True, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8",
                                            "HOME": str(Path.home())})
    assert proces.returncode == 0, proces.stderr
    return json.loads(proces.stdout)


@pytest.fixture(scope="module")
def haaglanden_json():
    return {s: _json(*BASIS, "--sleutel", s) for s in ("bouwvolume", "laagste-aandeel", "gelijk-aandeel")}


def test_tabel_toont_regel_minima_plantoets_verdeling_projectie_en_bronnen(cli):
    uit = cli(*BASIS).stdout
    for naam in HAAGLANDEN:
        assert naam in uit
    for kop in ("minimum per gemeente", "Plantoets per gemeente", "Regionale toets", "Verdeling van de restopgave",
                "Projectie na 10 jaar"):
        assert kop in uit
    assert "30 % sociale huur" in uit and "40 % middensegment" in uit and "20 % sociale huur (ontheffing)" in uit
    assert "ontwerp" in uit and "seed" in uit and "aanname" in uit and "eigen invoer" in uit
    assert "niet gehaald" in uit and "tekort 620" in uit  # the plans miss the regional social target
    assert "85618NED" in uit and "CC BY 4.0" in uit and "schatting" in uit
    assert "16.440" in uit and "36.534" in uit


def test_json_haaglanden(haaglanden_json):
    d = haaglanden_json["bouwvolume"]
    assert set(d) >= {"regio", "datum", "sleutel", "regels", "doelen", "toetsen", "restopgave", "gemeenten",
                      "waarschuwingen", "bronnen", "attributie", "versie"}
    assert d["regio"]["naam"] == "Haaglanden" and len(d["gemeenten"]) == 9
    assert d["doelen"]["grondslag"]["waarde"] == 54_800
    assert d["doelen"]["doel_sociale_huur"]["waarde"] == 16_440
    assert d["doelen"]["doel_betaalbaar"]["waarde"] == 36_534
    assert d["toetsen"]["plan"]["tekort_sociale_huur"]["waarde"] == 620
    assert d["toetsen"]["voorstel"]["gehaald"] is True and d["tekort_ruimte"] == 0
    per = {g["gemeentenaam"]: g for g in d["gemeenten"]}
    assert per["Westland"]["regel"] == "sociale_huur" and per["Westland"]["minimum_sociale_huur"]["waarde"] == 1200
    assert per["Delft"]["regel"] == "middensegment" and per["Delft"]["minimum_middensegment"]["waarde"] == 2200
    assert per["Midden-Delfland"]["ontheffing"]["percentage"] == 20.0
    tekort = {n: g["plantoets"]["tekort_minimum"]["waarde"] for n, g in per.items() if g["plantoets"]}
    assert tekort == {"'s-Gravenhage": 0, "Delft": 200, "Leidschendam-Voorburg": 160, "Midden-Delfland": 30,
                      "Pijnacker-Nootdorp": 0, "Rijswijk (ZH.)": 0, "Wassenaar": 70, "Westland": 200, "Zoetermeer": 0}
    assert {r["naam"]: r["status"] for r in d["regels"]}["landelijk_gemiddelde_sociale_huur"] == "seed"
    assert set(d["versie"]) == {"verdeelwijzer", "gegevens", "regels"}


def test_json_elke_sleutel_haalt_de_doelen_binnen_de_ruimte(haaglanden_json):
    for sleutel, d in haaglanden_json.items():
        assert d["sleutel"] == sleutel
        for onderdeel, rest in d["restopgave"].items():
            aantallen = [g["aantal"]["waarde"] for g in rest["gemeenten"]]
            assert sum(aantallen) == rest["opgave"]["waarde"], (sleutel, onderdeel)
            assert all(g["aantal"]["waarde"] <= g["plafond"]["waarde"] for g in rest["gemeenten"])
        assert d["toetsen"]["voorstel"]["gehaald"]
        md = next(g for g in d["gemeenten"] if g["gemeentenaam"] == "Midden-Delfland")
        assert md["extra_sociale_huur"]["waarde"] == 0  # ontheffing: no social residual
    gelijk = {g["gemeentenaam"]: g["extra_sociale_huur"]["waarde"]
              for g in haaglanden_json["gelijk-aandeel"]["gemeenten"]}
    assert gelijk["Delft"] == 0 and gelijk["Zoetermeer"] == 0  # highest social shares get no extra social rent


def test_csv(cli):
    rijen = list(csv.DictReader(io.StringIO(cli(*BASIS, "-f", "csv").stdout)))
    assert len(rijen) == 9 and {r["gemeentenaam"] for r in rijen} == set(HAAGLANDEN)
    w = next(r for r in rijen if r["gemeentenaam"] == "Westland")
    assert w["regel"] == "sociale_huur" and w["minimum_sociale_huur"] == "1200" and w["tekort_minimum"] == "200"
    assert sum(int(r["voorstel_sociale_huur"]) for r in rijen) == 16_440
    assert sum(int(r["voorstel_betaalbaar"]) for r in rijen) == 36_534
    assert all(r["status"] == "aanname" for r in rijen)


def test_uitleg_per_gemeente(cli):
    uit = cli(*BASIS, "--uitleg", "Westland").stdout
    assert uit.startswith("Westland (GM1783)")
    assert "⌈30,0 % × 4.000⌉ = 1.200" in uit and "[ontwerp/seed/aanname]" in uit and "CC BY 4.0" in uit


def test_fouten_geven_nederlandse_melding_en_exitcode_2(cli, tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_text("gemeentenaam,gecontracteerd,niet_gecontracteerd\nDelft,1,x\n", encoding="utf-8")
    p = cli("betaalbaarheid", "--regio", "Haaglanden", "--programma", str(pad), check=False)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "fout.csv, regel 2, kolom 'niet_gecontracteerd'" in " ".join(p.stderr.split())
    assert "ontbreken" in p.stderr
    p = cli("betaalbaarheid", "--regio", "Haaglanden", check=False)
    assert p.returncode == 2 and "--programma" in p.stderr


def test_sjabloon_programma(cli, tmp_path):
    from openpyxl import load_workbook

    pad = tmp_path / "sjabloon.xlsx"
    assert "9 gemeenten" in cli("sjabloon", "programma", "--uit", str(pad), "--regio", "Haaglanden").stdout
    boek = load_workbook(pad)
    assert boek.sheetnames[0] == "Invullen" and "Uitleg" in boek.sheetnames and "Voorbeeld" in boek.sheetnames
    blad = boek["Invullen"]
    assert [c.value for c in blad[1]][:3] == ["gemeentenaam", "gecontracteerd", "niet_gecontracteerd"]
    assert sorted(blad.cell(i, 1).value for i in range(2, 11)) == sorted(HAAGLANDEN, key=str)
    soorten = {dv.type for dv in blad.data_validations.dataValidation}
    assert soorten == {"whole", "decimal", "list"}
    assert any("ontwerp" in (r[0].value or "") for r in boek["Uitleg"].iter_rows())
    # filled in, the template is a valid programme file
    for i in range(2, 11):
        blad.cell(i, 2, 100)
        blad.cell(i, 3, 200)
    boek.save(pad)
    d = json.loads(cli("betaalbaarheid", "--regio", "Haaglanden", "--programma", str(pad), "-f", "json").stdout)
    assert d["doelen"]["grondslag"]["waarde"] == 9 * 200
    again = cli("sjabloon", "programma", "--uit", str(pad), check=False)
    assert again.returncode == 2 and "bestaat al" in again.stderr


def test_officiele_daeb_cijfers_via_gegevens_en_datum_buiten_de_regels(cli, tmp_path):
    daeb = tmp_path / "daeb.csv"
    daeb.write_text("gemeentenaam,sociale_voorraad,peildatum\nWestland,12500,2024-12-31\n", encoding="utf-8")
    d = _json(*BASIS, "--gegevens", str(daeb))
    w = next(g for g in d["gemeenten"] if g["gemeentenaam"] == "Westland")
    assert w["sociale_voorraad"]["waarde"] == 12_500 and "daeb.csv" in w["sociale_voorraad"]["uitleg"]
    assert w["regel"] == "middensegment"  # 12.500 / 47.043 = 26,6 % ≥ 25,6 %
    assert any("8 gemeente(n)" in x for x in d["waarschuwingen"])
    p = cli(*BASIS, "--datum", "2026-01-01", check=False)
    assert p.returncode == 2 and "geen waarde op 2026-01-01" in p.stderr
