"""Every bad-input path of the behoefte and aanbod files: one Dutch message per problem with file, row and column,
all problems at once, nothing used."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from openpyxl import Workbook

from verdeelwijzer.aandachtsgroepen import analyse_uit_bestanden
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import laad_gemeenten, zoek_regio

from .hulp import GMR, schrijf

JAREN = [2027, 2028]


@pytest.fixture(scope="module")
def gegevens():
    return laad_gemeenten()


def fout(gegevens, behoefte=None, aanbod=None) -> str:
    regio = zoek_regio(GMR, gegevens)
    with pytest.raises(InvoerFout) as e:
        analyse_uit_bestanden(gegevens, regio, JAREN, date(2027, 1, 1), behoefte, aanbod)
    tekst = str(e.value)
    assert "Traceback" not in tekst
    return tekst


def test_alle_fouten_in_het_behoeftebestand_tegelijk(tmp_path, gegevens):
    pad = schrijf(tmp_path / "behoefte.csv", [
        "gemeentenaam,groep,jaar,aantal",
        "Arnhem,dakloze,2027,10",           # 2: unknown group (suggestion)
        "Delft,dakloos,2027,10",            # 3: gemeente outside the region
        "Nijmegen,dakloos,2027,-4",         # 4: negative
        "Renkum,dakloos,2027,veel",         # 5: not a number
        "Rheden,dakloos,2031,3",            # 6: year outside the period
        "Wijchen,dakloos,2027,5",           # 7
        "Wijchen,dakloos,2027,6",           # 8: duplicate of 7
        "Duiven,dakloos,twintig,6",         # 9: not a year
        "Nergenshuizen,dakloos,2027,1",     # 10: unknown gemeente
    ])
    t = fout(gegevens, behoefte=pad)
    assert "niet ingelezen; er is niets gebruikt" in t
    assert f"{pad}, regel 2, kolom 'groep': onbekende groep 'dakloze'." in t and "Bedoelde u: dakloos" in t
    assert "regel 3, kolom 'gemeentenaam': gemeente 'Delft' hoort niet bij regio " + GMR in t
    assert "regel 4, kolom 'aantal': negatief aantal -4" in t
    assert "regel 5, kolom 'aantal': 'veel' is geen getal" in t
    assert "regel 6, kolom 'jaar': jaar 2031 ligt buiten de periode 2027–2028" in t
    assert "regel 8: dubbele regel: Wijchen, groep 'dakloos', jaar 2027 staat er al op regel 7" in t
    assert "regel 9, kolom 'jaar': 'twintig' is geen jaartal" in t
    assert "regel 10, kolom 'gemeentenaam'" in t and "Nergenshuizen" in t


def test_alle_fouten_in_het_aanbodbestand_tegelijk(tmp_path, gegevens):
    pad = schrijf(tmp_path / "aanbod.csv", [
        "gemeentenaam,groep,woonvorm,aantal,status,jaar",
        "Arnhem,,kasteel,10,bestaand,",                 # 2: woonvorm no group uses
        "Arnhem,,begeleid_zelfstandig,4,bestaand,",     # 3: shared woonvorm without group
        "Arnhem,ouderen,standplaats,2,bestaand,",       # 4: woonvorm not of this group
        "Nijmegen,,housing_first,3,misschien,",         # 5: unknown status
        "Nijmegen,,housing_first,3,gepland_hard,",      # 6: planned without year
        "Nijmegen,,housing_first,3,gepland_hard,2035",  # 7: year outside the period
        "Renkum,,standplaats,1,bestaand,",              # 8
        "Renkum,,standplaats,2,bestaand,",              # 9: duplicate
        "Renkum,,standplaats,-1,in_aanbouw,2027",       # 10: negative
        "Zwolle,,standplaats,1,bestaand,",              # 11: outside the region
        "Renkum,studentjes,studentenwoning,1,bestaand,",  # 12: unknown group
    ])
    t = fout(gegevens, aanbod=pad)
    assert "Het aanbodbestand" in t and "er is niets gebruikt" in t
    assert "regel 2, kolom 'woonvorm': woonvorm 'kasteel' wordt door geen enkele groep gebruikt" in t
    assert "regel 3, kolom 'groep': woonvorm 'begeleid_zelfstandig' wordt door meer groepen gebruikt" in t
    assert "regel 4, kolom 'woonvorm': woonvorm 'standplaats' hoort niet bij groep 'ouderen'" in t
    assert "regel 5, kolom 'status': onbekende status 'misschien'" in t
    assert "regel 6, kolom 'jaar': leeg; bij status 'gepland_hard' hoort het jaar van oplevering" in t
    assert "regel 7, kolom 'jaar': jaar 2035 ligt buiten de periode" in t
    assert "regel 9: dubbele regel: Renkum" in t
    assert "regel 10, kolom 'aantal': negatief aantal -1" in t
    assert "regel 11, kolom 'gemeentenaam': gemeente 'Zwolle' hoort niet bij" in t
    assert "regel 12, kolom 'groep': onbekende groep 'studentjes'" in t and "Bedoelde u: studenten" in t


def test_fouten_in_beide_bestanden_in_een_melding(tmp_path, gegevens):
    b = schrijf(tmp_path / "b.csv", ["gemeentenaam,groep,jaar,aantal", "Arnhem,dakloos,2027,-1"])
    a = schrijf(tmp_path / "a.csv", ["gemeentenaam,woonvorm,aantal,status", "Arnhem,kasteel,1,bestaand"])
    t = fout(gegevens, b, a)
    assert "b.csv, regel 2, kolom 'aantal'" in t and "a.csv, regel 2, kolom 'woonvorm'" in t


def test_ontbrekende_en_onbekende_kolommen(tmp_path, gegevens):
    pad = schrijf(tmp_path / "b.csv", ["gemeentenaam,groep,aantal,kleur", "Arnhem,dakloos,3,rood"])
    t = fout(gegevens, behoefte=pad)
    assert "regel 1: kolom 'jaar' ontbreekt" in t and "regel 1, kolom 'kleur': onbekende kolom" in t


def test_verschillende_eenheden_voor_een_groep(tmp_path, gegevens):
    pad = schrijf(tmp_path / "b.csv", ["gemeentenaam,groep,jaar,aantal,eenheid", "Arnhem,dakloos,2027,3,huishoudens",
                                       "Nijmegen,dakloos,2027,3,personen"])
    assert "regel 3, kolom 'eenheid': eenheid 'personen' verschilt van 'huishoudens' op regel 2" in fout(gegevens, pad)


def test_puntkomma_en_decimale_komma_en_excel(tmp_path, gegevens):
    regio = zoek_regio(GMR, gegevens)
    b = schrijf(tmp_path / "b.csv", ["gemeentenaam;groep;jaar;aantal", "Arnhem;dakloos;2027;1.234,5"])
    boek = Workbook()
    blad = boek.active
    blad.append(["gemeentecode", "woonvorm", "aantal", "status", "jaar"])
    blad.append(["GM0202", "housing_first", 4, "in aanbouw", 2028])
    boek.save(tmp_path / "a.xlsx")
    a = analyse_uit_bestanden(gegevens, regio, JAREN, date(2027, 1, 1), b, tmp_path / "a.xlsx")
    r = a.regel("GM0202", "dakloos", 2027)
    assert r.behoefte == Fraction(12345, 10) and r.aanbod == 0
    assert a.regel("GM0202", "dakloos", 2028).aanbod == 4


def test_leeg_bestand_en_te_groot_bestand(tmp_path, gegevens, monkeypatch):
    from verdeelwijzer.aandachtsgroepen import invoer

    leeg = schrijf(tmp_path / "b.csv", ["gemeentenaam,groep,jaar,aantal"])
    assert "alleen een kopregel" in fout(gegevens, leeg)
    monkeypatch.setattr(invoer, "MAX_BYTES", 10)
    assert "groter dan" in fout(gegevens, leeg)
    monkeypatch.setattr(invoer, "MAX_BYTES", 10**6)
    monkeypatch.setattr(invoer, "MAX_RIJEN", 1)
    twee = schrijf(tmp_path / "c.csv", ["gemeentenaam,groep,jaar,aantal", "Arnhem,dakloos,2027,1",
                                        "Nijmegen,dakloos,2027,1"])
    assert "de grens is 1" in fout(gegevens, twee)


def test_ontbrekend_bestand(tmp_path, gegevens):
    assert "bestaat niet" in fout(gegevens, tmp_path / "nergens.csv")
