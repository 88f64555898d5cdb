"""Exports never contain live formulas from user text (issue 10, item 5) and are reproducible (item 10).

The attack: a name typed by a user ("=HYPERLINK(…)", "@SUM(…)", "+cmd|…") ends up in an exported cell
and runs when the file is opened. Every writer must keep it text; numbers must stay numbers.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from verdeelwijzer.uitvoercel import csv_waarde, is_formuleachtig, veilige_tekst

AANVALLEN = ['=HYPERLINK("http://aanvaller.example","klik")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
             "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def formules(xlsx: bytes) -> list[str]:
    """Every <f> (formula) element in the worksheets of a workbook."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return [f for naam in z.namelist() if naam.startswith("xl/worksheets/")
                for f in re.findall(r"<f[ >].*?</f>", z.read(naam).decode("utf-8"))]


def teksten(xlsx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.mark.parametrize("tekst", AANVALLEN)
def test_csv_cel_krijgt_apostrof(tekst):
    assert is_formuleachtig(tekst) and veilige_tekst(tekst) == "'" + tekst


@pytest.mark.parametrize("waarde", [-12, 3.5, 0, None, "-12", "-0,5", "+31", "12%", "Delft", "'s-Gravenhage"])
def test_getallen_en_gewone_tekst_blijven_gelijk(waarde):
    assert csv_waarde(waarde) == waarde


def test_cli_csv_neutraliseert(tmp_path):
    from verdeelwijzer.cli.uitvoer import csv_tekst

    tekst = csv_tekst([{"naam": AANVALLEN[0], "aantal": -3}], ["naam", "aantal"])
    assert tekst.splitlines()[1] == "\"'=HYPERLINK(\"\"http://aanvaller.example\"\",\"\"klik\"\")\",-3"


def test_werkmap_xlsxwriter_schrijft_tekst_nooit_formule(tmp_path):
    from verdeelwijzer.afspraken.rapport import Kolom, Tabel
    from verdeelwijzer.rapport.excel import schrijf_werkmap

    tabel = Tabel("t", AANVALLEN[1], (Kolom("naam", AANVALLEN[2]), Kolom("n", "aantal", "geheel")),
                  tuple({"naam": a, "n": -i} for i, a in enumerate(AANVALLEN)), voetnoten=(AANVALLEN[3],))
    pad = tmp_path / "w.xlsx"
    schrijf_werkmap(pad, [("Naam", AANVALLEN[0])], [tabel], [("c", "g", AANVALLEN[4])], [AANVALLEN[5]],
                    titel=AANVALLEN[0])
    inhoud = pad.read_bytes()
    assert formules(inhoud) == []
    boek = load_workbook(pad)
    assert boek["Dekblad"]["B3"].value == AANVALLEN[0] and boek["Dekblad"]["B3"].data_type == "s"
    blad = boek["t"]
    gelezen = [blad.cell(r, 1).value.replace("_x000D_", "\r") for r in range(4, 4 + len(AANVALLEN))]
    assert gelezen == AANVALLEN  # (xlsxwriter stores CR escaped as _x000D_, which openpyxl leaves as is)
    assert blad.cell(5, 2).value == -1 and blad.cell(5, 2).data_type == "n"  # numbers stay numbers
    # identical input, identical bytes
    pad2 = tmp_path / "w2.xlsx"
    schrijf_werkmap(pad2, [("Naam", AANVALLEN[0])], [tabel], [("c", "g", AANVALLEN[4])], [AANVALLEN[5]],
                    titel=AANVALLEN[0])
    assert pad2.read_bytes() == inhoud


def _web_tabel():
    from verdeelwijzer.web.tabellen import Kolom, Tabel

    return Tabel("t", "Titel", [Kolom("naam", "naam", numeriek=False), Kolom("n", "aantal")],
                 [{"naam": a, "n": -i} for i, a in enumerate(AANVALLEN)], voetnoten=[AANVALLEN[0]])


def test_web_excel_en_csv_zonder_formules_en_byte_identiek():
    from verdeelwijzer.web.tabellen import als_csv, als_excel

    eerste = als_excel(_web_tabel())
    assert formules(eerste) == []
    blad = load_workbook(io.BytesIO(eerste)).worksheets[0]
    assert blad.cell(3, 1).value == AANVALLEN[0] and blad.cell(3, 1).data_type == "s"
    assert blad.cell(4, 2).value == -1 and blad.cell(4, 2).data_type == "n"
    time.sleep(1.1)  # openpyxl stamps the save time (seconds) into docProps/core.xml and the zip entries
    assert als_excel(_web_tabel()) == eerste
    regels = als_csv(_web_tabel()).decode("utf-8-sig").splitlines()
    assert regels[1].startswith("\"'=HYPERLINK(") and regels[1].endswith(";0")  # Dutch Excel: ';' between cells
    assert regels[2] == "'+cmd|' /C calc'!A0;-1"


def test_monitoringsjablonen_met_vijandige_categorie(tmp_path):
    from verdeelwijzer.monitoring.sjabloon import SjabloonRegio, schrijf_sjablonen

    regio = SjabloonRegio("=regio", [("GM0503", "Delft")], ["2027"], [AANVALLEN[0], "gewoon"])
    paden = schrijf_sjablonen(tmp_path, regio)
    for pad in paden:
        if pad.suffix == ".xlsx":
            assert formules(pad.read_bytes()) == [], pad.name
        else:
            assert "\n=" not in pad.read_text(encoding="utf-8") and ";=" not in pad.read_text(encoding="utf-8")
    instroom = next(p for p in paden if p.name == "monitoring_instroom.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in instroom


def test_programmasjabloon_met_vijandige_regionaam(tmp_path):
    from verdeelwijzer.betaalbaarheid.sjabloon import schrijf_programmasjabloon

    pad = tmp_path / "p.xlsx"
    schrijf_programmasjabloon(pad, [AANVALLEN[0], "Delft"], AANVALLEN[3])
    assert formules(pad.read_bytes()) == []


# --- the web: identical Excel for identical input, and no temporary path anywhere -------------------------------

VOORBEELD = Path(__file__).resolve().parents[1] / "voorbeelden" / "haaglanden_zonder_herkomst.yaml"


def _kader() -> str:
    tekst = VOORBEELD.read_text(encoding="utf-8")
    tekst = re.sub(r"^spoor1:\n(  .*\n)+", "", tekst, flags=re.M)
    return re.sub(r"^naam: .*$", "naam: '=HYPERLINK(\"http://aanvaller.example\",\"klik\")'", tekst, count=1,
                  flags=re.M)


def test_web_werkmap_byte_identiek_zonder_formules_en_zonder_tijdelijk_pad(lokaal):
    csrf = lokaal.get("/api/sessie").json()["csrf_token"]
    gegevens = {"csrf_token": csrf, "naam": "kader.yaml", "tekst": _kader()}
    eerste = lokaal.post("/download/afspraken.xlsx", data=gegevens)
    assert eerste.status_code == 200, eerste.text
    time.sleep(1.1)
    tweede = lokaal.post("/download/afspraken.xlsx", data=gegevens)
    assert tweede.content == eerste.content
    assert formules(eerste.content) == []
    assert load_workbook(io.BytesIO(eerste.content))["Dekblad"]["A1"].value.startswith("=HYPERLINK(")
    json = lokaal.post("/download/afspraken.json", data=gegevens)
    assert json.status_code == 200
    for uitvoer in (teksten(eerste.content), json.text):
        assert "/tmp" not in uitvoer and "verdeelwijzer-afspraak-" not in uitvoer


@pytest.fixture
def lokaal(tmp_path):
    """The web app in local mode (no users), as tests/web/conftest.py builds it."""
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import WebInstellingen, maak_app

    app = maak_app(WebInstellingen(map=tmp_path, db_url=f"sqlite:///{tmp_path / 'test.sqlite'}", geheim="test"))
    with TestClient(app) as c:
        yield c
    app.state.koppeling.sluit()


def test_web_programmasjabloon_byte_identiek(lokaal):
    eerste = lokaal.get("/download/programma_sjabloon.xlsx?regio=Haaglanden")
    assert eerste.status_code == 200, eerste.text
    time.sleep(1.1)
    assert lokaal.get("/download/programma_sjabloon.xlsx?regio=Haaglanden").content == eerste.content
    assert formules(eerste.content) == []
