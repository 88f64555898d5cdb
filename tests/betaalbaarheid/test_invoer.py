"""Reading the programme file and the plan file: every problem named with file, row and column; all or nothing."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from verdeelwijzer.betaalbaarheid import Plan
from verdeelwijzer.betaalbaarheid.invoer import lees_programma
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import laad_gemeenten, zoek_regio

REPO = Path(__file__).resolve().parents[2]
VOORBEELD = REPO / "voorbeelden" / "haaglanden_programma.csv"
KOP = "gemeentenaam,gecontracteerd,niet_gecontracteerd"


@pytest.fixture(scope="module")
def gegevens():
    return laad_gemeenten()


@pytest.fixture(scope="module")
def haaglanden(gegevens):
    return sorted(zoek_regio("Haaglanden", gegevens).gemeentecodes)


def _schrijf(tmp_path: Path, tekst: str, naam: str = "programma.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _fout(pad: Path, gegevens, codes=None, plan=None) -> str:
    with pytest.raises(InvoerFout) as e:
        lees_programma(pad, gegevens.zoeker, codes, "regio Haaglanden", plan)
    return str(e.value)


def test_voorbeeld_haaglanden_wordt_ingelezen(gegevens, haaglanden):
    programma = lees_programma(VOORBEELD, gegevens.zoeker, haaglanden, "regio Haaglanden")
    assert sorted(p.gemeentecode for p in programma) == haaglanden
    westland = next(p for p in programma if p.gemeentecode == "GM1783")
    assert (westland.gecontracteerd, westland.niet_gecontracteerd) == (3000, 4000)
    assert westland.plan == Plan(1000, 1200, 1400, 3400)
    assert westland.herkomst.endswith("haaglanden_programma.csv, regel 9")
    md = next(p for p in programma if p.gemeentecode == "GM1842")
    assert md.ontheffing is not None and md.ontheffing.aandeel == Fraction(1, 5)
    assert "FICTIEF" in VOORBEELD.read_text(encoding="utf-8")


def test_alle_fouten_tegelijk_met_bestand_regel_en_kolom(tmp_path, gegevens):
    pad = _schrijf(tmp_path, f"{KOP}\nDelfd,10,20\nDelft,-5,12.5\nWestland,veel,\nWestland,1,1\n")
    tekst = _fout(pad, gegevens)
    assert tekst.startswith(f"Het programmabestand '{pad}' is niet ingelezen:")
    assert f"{pad}, regel 2, kolom 'gemeentenaam': onbekende gemeente 'Delfd'" in tekst and "Delft" in tekst
    assert f"{pad}, regel 3, kolom 'gecontracteerd': negatief aantal -5" in tekst
    assert f"{pad}, regel 3, kolom 'niet_gecontracteerd': '12.5' is geen geheel aantal" in tekst
    assert f"{pad}, regel 4, kolom 'gecontracteerd': 'veel' is geen getal" in tekst
    assert f"{pad}, regel 4, kolom 'niet_gecontracteerd': leeg" in tekst
    assert f"{pad}, regel 5, kolom 'gemeentenaam': gemeente 'Westland' staat er al op regel 4" in tekst


def test_kolommen_ontbreken_of_onbekend(tmp_path, gegevens):
    tekst = _fout(_schrijf(tmp_path, "gemeentenaam,gecontracteerd,niet_gecontraceerd\nDelft,1,2\n"), gegevens)
    assert "regel 1, kolom 'niet_gecontraceerd': onbekende kolom" in tekst
    assert "regel 1: kolom 'niet_gecontracteerd' ontbreekt" in tekst
    tekst = _fout(_schrijf(tmp_path, "plaats,gecontracteerd\nDelft,1\n", "b.csv"), gegevens)
    assert "b.csv, regel 1: kolom 'gemeentecode' of 'gemeentenaam' ontbreekt" in tekst
    tekst = _fout(_schrijf(tmp_path, f"{KOP},sociale_huur,middenhuur\nDelft,1,2,1,1\n", "c.csv"), gegevens)
    assert "c.csv, regel 1: het plan per segment vraagt alle vier de kolommen; ontbreekt: betaalbare_koop" in tekst
    assert "alleen een kopregel" in _fout(_schrijf(tmp_path, f"{KOP}\n", "d.csv"), gegevens)


def test_regio_volledig_en_niets_daarbuiten(tmp_path, gegevens, haaglanden):
    pad = _schrijf(tmp_path, f"{KOP}\nDelft,1,2\nUtrecht,3,4\n")
    tekst = _fout(pad, gegevens, haaglanden)
    assert f"{pad}, regel 3, kolom 'gemeentenaam': gemeente 'Utrecht' hoort niet bij regio Haaglanden" in tekst
    assert "ontbreken: 's-Gravenhage, Leidschendam-Voorburg" in tekst and "Delft," not in tekst.split("ontbreken")[1]


def test_plan_moet_volledig_zijn_en_optellen(tmp_path, gegevens):
    kop = f"{KOP},sociale_huur,middenhuur,betaalbare_koop,vrije_sector"
    pad = _schrijf(tmp_path, f"{kop}\nDelft,10,90,30,20,,50\nWestland,0,100,30,20,10,50\nZoetermeer,5,5,,,,\n")
    tekst = _fout(pad, gegevens)
    assert f"{pad}, regel 2, kolom 'betaalbare_koop': plan onvolledig" in tekst
    assert (f"{pad}, regel 3, kolom 'vrije_sector': het plan telt op tot 110 woningen" in tekst
            and "= 100" in tekst)
    assert "regel 4" not in tekst  # four empty plan cells: no plan, fine


def test_ontheffing_percentage_en_besluit(tmp_path, gegevens):
    kop = f"{KOP},ontheffing_percentage,ontheffing_besluit"
    pad = _schrijf(tmp_path, f"{kop}\nDelft,1,1,20,\nWestland,1,1,,GS-1\nZoetermeer,1,1,0.2,GS-2\n"
                             "Wassenaar,1,1,150,GS-3\nRijswijk,1,1,20%,GS-4\n")
    tekst = _fout(pad, gegevens)
    assert f"{pad}, regel 2, kolom 'ontheffing_besluit': leeg" in tekst
    assert f"{pad}, regel 3, kolom 'ontheffing_percentage': leeg" in tekst
    assert f"{pad}, regel 4, kolom 'ontheffing_percentage': percentage 0.2 lijkt een fractie" in tekst
    assert f"{pad}, regel 5, kolom 'ontheffing_percentage': percentage 150 ligt niet tussen 0 en 100" in tekst
    assert "regel 6" not in tekst  # "20%" is fine


def test_puntkomma_en_decimale_komma(tmp_path, gegevens):
    pad = _schrijf(tmp_path, "gemeentecode;gemeentenaam;gecontracteerd;niet_gecontracteerd;ontheffing;besluit\n"
                             "GM0503;Delft;1.200;3.400;12,5;B-1\n")
    [regel] = lees_programma(pad, gegevens.zoeker)
    assert (regel.gemeentecode, regel.gecontracteerd, regel.niet_gecontracteerd) == ("GM0503", 1200, 3400)
    assert regel.ontheffing is not None and regel.ontheffing.aandeel == Fraction(1, 8)
    fout = _schrijf(tmp_path, "gemeentecode;gemeentenaam;gecontracteerd;niet_gecontracteerd\nGM0503;Westland;1;2\n",
                    "f.csv")
    assert "f.csv, regel 2, kolom 'gemeentenaam': 'Westland' hoort niet bij gemeentecode 'GM0503'" in _fout(fout,
                                                                                                          gegevens)


def test_excel_programma(tmp_path, gegevens):
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.append(["Gemeentenaam", "Gecontracteerd", "Niet gecontracteerd", "Opmerking"])
    blad.append(["Delft", 100, 250.0, "fictief"])
    blad.append(["Westland", 10, 2.5, ""])
    pad = tmp_path / "programma.xlsx"
    boek.save(pad)
    tekst = _fout(pad, gegevens)
    assert f"{pad}, regel 3, kolom 'Niet gecontracteerd': '2.5' is geen geheel aantal" in tekst
    blad["C3"] = 3
    boek.save(pad)
    assert [p.niet_gecontracteerd for p in lees_programma(pad, gegevens.zoeker)] == [250, 3]


def test_apart_planbestand(tmp_path, gegevens):
    programma = _schrijf(tmp_path, f"{KOP}\nDelft,10,90\nWestland,0,100\n")
    plan = _schrijf(tmp_path, "gemeentenaam,sociale_huur,middenhuur,betaalbare_koop,vrije_sector\n"
                              "Delft,30,20,10,40\n", "plan.csv")
    regels = lees_programma(programma, gegevens.zoeker, plan=plan)
    assert regels[0].plan == Plan(30, 20, 10, 40) and regels[0].plan_herkomst.endswith("plan.csv, regel 2")
    assert regels[1].plan is None
    slecht = _schrijf(tmp_path, "gemeentenaam,sociale_huur,middenhuur,betaalbare_koop,vrije_sector\n"
                                "Delft,30,20,10,41\nZoetermeer,1,1,1,1\nWestland,1,,1,97\n", "slecht.csv")
    tekst = _fout(programma, gegevens, plan=slecht)
    assert tekst.startswith(f"Het planbestand '{slecht}' is niet ingelezen")
    assert f"{slecht}, regel 2, kolom 'vrije_sector': het plan telt op tot 101 woningen" in tekst
    assert f"{slecht}, regel 3, kolom 'gemeentenaam': gemeente 'Zoetermeer' staat niet in het programmabestand" in tekst
    assert f"{slecht}, regel 4, kolom 'middenhuur': plan onvolledig" in tekst
    kop = f"{KOP},sociale_huur,middenhuur,betaalbare_koop,vrije_sector"
    dubbel = _schrijf(tmp_path, f"{kop}\nDelft,10,90,30,20,10,40\n", "dubbel.csv")
    assert "staat ook in het programmabestand" in _fout(dubbel, gegevens, plan=plan)
