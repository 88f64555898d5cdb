from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import Workbook

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import laad_gemeenten, manifest
from verdeelwijzer.gegevens.manifest import attributie


@pytest.fixture(scope="module")
def gegevens():
    return laad_gemeenten()


def test_manifest_sha256_klopt_met_de_meegeleverde_bestanden():
    for naam, bestand in manifest().bestanden.items():
        inhoud = resources.files("verdeelwijzer.gegevens.data").joinpath(naam).read_bytes()
        assert hashlib.sha256(inhoud).hexdigest() == bestand.sha256, naam


def test_meegeleverde_csv_is_gelijk_aan_gedeelde_bron():
    gedeeld = Path(__file__).resolve().parents[2] / "shared" / "data" / "gemeenten.csv"
    if not gedeeld.exists():
        pytest.skip("../shared/data niet aanwezig naast deze checkout")
    assert hashlib.sha256(gedeeld.read_bytes()).hexdigest() == manifest().bestanden["gemeenten.csv"].sha256


def test_alle_342_gemeenten_met_landelijke_controletotalen(gegevens):
    t = gegevens.tabel
    assert len(t) == 342 and t.index.is_unique
    assert int(t["inwoners"].sum()) == 17_942_942
    assert int(t["huishoudens"].sum()) == 8_374_404
    assert int(t["woningvoorraad"].sum()) == 8_125_229
    assert gegevens.indeling_jaar == 2024


def test_kolommen_dragen_eenheid_peildatum_en_bron(gegevens):
    meta = {k: vars(v) for k, v in gegevens.kolommen.items()}
    assert not gegevens.tabel.attrs  # metadata lives on Gegevens: pandas would deep-copy attrs on every access
    assert meta["inwoners"]["peildatum"] == "2024-01-01" and meta["inwoners"]["tabel"] == "85984NED"
    assert meta["woningvoorraad"]["peildatum"] == "2023-01-01"
    assert meta["corporatiebezit_pct"]["peildatum"].startswith("2022")
    assert meta["sociale_voorraad"]["soort"] == "schatting"
    for kolom in ("inwoners", "huishoudens", "woningvoorraad", "sociale_voorraad", "mutaties"):
        assert meta[kolom]["eenheid"] and meta[kolom]["bron"]


def test_attributie_noemt_cbs_en_licentie():
    tekst = attributie()
    assert "CBS" in tekst and "Kadaster" in tekst and "CC BY 4.0" in tekst


def test_mutaties_zijn_een_gemarkeerde_schatting(gegevens):
    bron = gegevens.bron("GM0363", "mutaties")
    assert bron.soort == "schatting" and "mutatiegraad" in bron.label
    assert gegevens.tabel.at["GM0363", "mutaties"] < gegevens.tabel.at["GM0363", "sociale_voorraad"]


@pytest.mark.parametrize(
    ("invoer", "code"),
    [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("s-gravenhage", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("Rijswijk", "GM0603"),
        ("GM0363", "GM0363"),
        ("363", "GM0363"),
        ("súdwest-fryslân", "GM1900"),
        ("HENGELO", "GM0164"),
    ],
)
def test_namen_en_varianten(gegevens, invoer, code):
    assert gegevens.zoeker.zoek(invoer) == code


def test_dubbelzinnige_en_onbekende_namen_geven_fout_met_suggestie(gegevens):
    with pytest.raises(InvoerFout, match="niet eenduidig.*Bergen \\(L.\\).*Bergen \\(NH.\\)"):
        gegevens.zoeker.zoek("Bergen")
    with pytest.raises(InvoerFout, match="onbekende gemeente 'Delfd'.*Bedoelt u: Delft"):
        gegevens.zoeker.zoek("Delfd")
    with pytest.raises(InvoerFout, match="GM9999"):
        gegevens.zoeker.zoek("GM9999")


def schrijf(pad: Path, tekst: str) -> Path:
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_overschrijving_csv_met_puntkomma_en_decimale_komma(tmp_path):
    pad = schrijf(
        tmp_path / "daeb.csv",
        "gemeentenaam;sociale_voorraad;mutaties;peildatum\n"
        "Delft;15.123;1.050,5;2024-12-31\nDen Haag;60000;;2024-12-31\n",
    )
    g = laad_gemeenten([pad])
    assert g.tabel.at["GM0503", "sociale_voorraad"] == 15123
    assert g.tabel.at["GM0503", "mutaties"] == 1050.5
    bron = g.bron("GM0503", "sociale_voorraad")
    assert bron.soort == "eigen invoer" and "daeb.csv" in bron.label and bron.peildatum == "2024-12-31"
    # Den Haag: own stock, mutaties still estimated but from the user's stock figure, and labelled so
    assert g.tabel.at["GM0518", "sociale_voorraad"] == 60000
    assert g.bron("GM0518", "mutaties").soort == "schatting" and "daeb.csv" in g.bron("GM0518", "mutaties").label
    # Untouched gemeenten keep the CBS source
    assert g.bron("GM0363", "sociale_voorraad").soort == "schatting"
    assert g.bron("GM0363", "inwoners").soort == "officieel"


def test_overschrijving_excel_met_eigen_kolom(tmp_path):
    boek = Workbook()
    blad = boek.active
    blad.append(["gemeentecode", "wachtenden"])
    blad.append(["GM0363", 1200])
    blad.append(["GM0518", 800.5])
    boek.save(tmp_path / "eigen.xlsx")
    g = laad_gemeenten([tmp_path / "eigen.xlsx"])
    waarden, bronnen = g.indicator("wachtenden", ["GM0363", "GM0518"])
    assert waarden == [1200, 800.5] and all("eigen.xlsx" in b.label for b in bronnen)
    with pytest.raises(InvoerFout, match="ontbreekt voor: Delft"):
        g.indicator("wachtenden", ["GM0503"])


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        ("gemeentenaam,mutaties\nDelfd,100\n", r"regel 2, kolom 'gemeentenaam'.*onbekende gemeente 'Delfd'.*Delft"),
        ("gemeentenaam,mutaties\nDelft,100\nDelft,200\n", r"regel 3.*staat er al op regel 2"),
        ("gemeentenaam,mutaties\nDelft,veel\n", r"regel 2, kolom 'mutaties'.*'veel' is geen getal"),
        ("gemeentenaam,mutaties\nDelft,-5\n", r"regel 2, kolom 'mutaties'.*negatieve waarde"),
        ("naam,mutaties\nDelft,5\n", r"regel 1.*'gemeentecode' of 'gemeentenaam' ontbreekt"),
        ("gemeentenaam\nDelft\n", r"geen kolommen met cijfers"),
        ("gemeentenaam,provincie\nDelft,Utrecht\n", r"kolom 'provincie'.*niet worden overschreven"),
        ("", r"is leeg"),
    ],
)
def test_foute_overschrijvingen_geven_nederlandse_fout_met_plaats(tmp_path, inhoud, verwacht):
    pad = schrijf(tmp_path / "fout.csv", inhoud)
    with pytest.raises(InvoerFout, match=verwacht) as info:
        laad_gemeenten([pad])
    assert "fout.csv" in str(info.value)


def test_alle_fouten_tegelijk_en_niets_toegepast(tmp_path):
    pad = schrijf(tmp_path / "fout.csv", "gemeentenaam,mutaties\nDelft,100\nAmsterdm,x\nUtrecht,-1\n")
    with pytest.raises(InvoerFout) as info:
        laad_gemeenten([pad])
    tekst = str(info.value)
    assert "regel 3" in tekst and "regel 4" in tekst and "niets gewijzigd" in tekst
    assert laad_gemeenten().bron("GM0503", "mutaties").soort == "schatting"


def test_onbekend_bestandstype_en_ontbrekend_bestand(tmp_path):
    with pytest.raises(InvoerFout, match="bestaat niet"):
        laad_gemeenten([tmp_path / "weg.csv"])
    with pytest.raises(InvoerFout, match="onbekend bestandstype"):
        laad_gemeenten([schrijf(tmp_path / "x.json", "{}")])
