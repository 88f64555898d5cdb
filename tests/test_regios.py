from __future__ import annotations

import pytest

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import alle_regios, laad_gemeenten, zoek_regio


@pytest.fixture(scope="module")
def gegevens():
    return laad_gemeenten()


@pytest.mark.parametrize(
    ("naam", "aantal"),
    [
        ("Haaglanden", 9),
        ("Hart van Brabant", 11),
        ("Zuid-Kennemerland/IJmond", 7),
        ("Groene Metropoolregio Arnhem-Nijmegen", 18),
        ("Rivierenland", 8),
    ],
)
def test_benoemde_regios_zijn_voorbeelden_met_alle_leden(gegevens, naam, aantal):
    r = zoek_regio(naam, gegevens)
    assert len(r.gemeentecodes) == aantal and len(set(r.gemeentecodes)) == aantal
    assert "controleer" in r.opmerking.lower()


def test_benoemde_regio_gaat_voor_maar_noemt_de_ingebouwde_naamgenoot(gegevens):
    r = zoek_regio("Haaglanden", gegevens)
    assert r.soort == "woningmarktregio" and "arbeidsmarktregio:Haaglanden" in r.opmerking
    assert len(zoek_regio("arbeidsmarktregio:Haaglanden", gegevens).gemeentecodes) == 5


def test_haaglanden_leden(gegevens):
    namen = {gegevens.naam(c) for c in zoek_regio("haaglanden", gegevens).gemeentecodes}
    assert namen == {
        "'s-Gravenhage",
        "Delft",
        "Leidschendam-Voorburg",
        "Midden-Delfland",
        "Pijnacker-Nootdorp",
        "Rijswijk (ZH.)",
        "Wassenaar",
        "Westland",
        "Zoetermeer",
    }


def test_ingebouwde_soorten_dekken_het_hele_land(gegevens):
    regios = alle_regios(gegevens)
    for soort, aantal in (("provincie", 12), ("corop", 40), ("arbeidsmarktregio", 35)):
        van_soort = [r for r in regios if r.soort == soort]
        assert len(van_soort) == aantal
        codes = [c for r in van_soort for c in r.gemeentecodes]
        assert sorted(codes) == sorted(gegevens.tabel.index)


def test_dubbelzinnige_regionaam_is_een_fout_tenzij_soort_genoemd(gegevens):
    with pytest.raises(InvoerFout, match="niet eenduidig.*provincie:Groningen"):
        zoek_regio("Groningen", gegevens)
    assert len(zoek_regio("provincie:Groningen", gegevens).gemeentecodes) == 10


def test_lijst_van_gemeenten_en_onbekende_naam(gegevens):
    r = zoek_regio("Delft, Den Haag,Rijswijk", gegevens)
    assert r.gemeentecodes == ("GM0503", "GM0518", "GM0603") and r.soort == "eigen"
    with pytest.raises(InvoerFout, match="Delfd.*Delft"):
        zoek_regio("Delfd,Den Haag", gegevens)
    with pytest.raises(InvoerFout, match="Onbekende regio 'Haaglandn'.*Haaglanden"):
        zoek_regio("Haaglandn", gegevens)


def test_regiobestanden(gegevens, tmp_path):
    (tmp_path / "r.txt").write_text("Delft\nWestland\n", encoding="utf-8")
    assert zoek_regio(str(tmp_path / "r.txt"), gegevens).gemeentecodes == ("GM0503", "GM1783")
    (tmp_path / "r.csv").write_text("gemeentecode\nGM0503\n", encoding="utf-8")
    assert zoek_regio(str(tmp_path / "r.csv"), gegevens).gemeentecodes == ("GM0503",)
    (tmp_path / "r.yaml").write_text("naam: Test\nindeling_jaar: 2024\ngemeenten: [Delft]\n", encoding="utf-8")
    assert zoek_regio(str(tmp_path / "r.yaml"), gegevens).naam == "Test"
    (tmp_path / "oud.yaml").write_text("naam: Oud\nindeling_jaar: 2018\ngemeenten: [Delft]\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match="indeling 2018.*indeling 2024"):
        zoek_regio(str(tmp_path / "oud.yaml"), gegevens)
