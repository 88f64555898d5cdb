"""The catalogue of aandachtsgroepen: groups, kinds and the published equal/unequal mapping (seed 002, overzicht 1)."""

from __future__ import annotations

from datetime import date

import pytest

from verdeelwijzer.aandachtsgroepen import LokaleGroep, laad_catalogus
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.regels import lees_parameter

DATUM = date(2027, 1, 1)


@pytest.fixture(scope="module")
def cat():
    return laad_catalogus(DATUM)


def test_alle_groepen_van_de_wvrv_staan_erin(cat):
    for gid in ("mantelzorg", "medisch", "dakloos", "uitstroom_bw", "uitstroom_ggz", "uitstroom_vrouwenopvang",
                "jeugdzorg", "detentie", "uitstappende_sekswerkers", "arbeidsmigranten", "studenten",
                "woonwagenbewoners", "ouderen", "vergunninghouders", "medisch_urgent_rolstoel"):
        assert cat.heeft(gid), gid


@pytest.mark.parametrize(("groep", "categorie", "gelijk"), [
    ("mantelzorg", "mantelzorg", True),
    ("medisch", "medisch", True),
    ("dakloos", "uitstroom_mo", False),  # (dreigend) daklozen ≠ uitstromers maatschappelijke opvang
    ("uitstroom_bw", "uitstroom_bw", True),
    ("uitstroom_ggz", "uitstroom_ggz", True),
    ("uitstroom_vrouwenopvang", "uitstroom_vrouwenopvang", True),
    ("jeugdzorg", "uitstroom_jeugdzorg", False),  # incl. pleeggezinnen ≠ accommodaties jeugdzorg
    ("detentie", "uitstroom_detentie", False),  # ≠ ten minste 3 maanden detentie
    ("uitstappende_sekswerkers", "uitstappende_sekswerkers", True),
])
def test_koppeling_gelijk_of_niet_gelijk(cat, groep, categorie, gelijk):
    g = cat.groep(groep)
    assert g.soort == "wettelijke_urgentiecategorie"
    assert g.urgentiecategorie == categorie and g.gelijk is gelijk
    tekst = g.koppeling_tekst(cat.urgentiecategorieen)
    assert tekst.startswith("=" if gelijk else "≠")
    assert cat.urgentiecategorieen[categorie].omschrijving in tekst


def test_jeugdzorg_noemt_beide_kanten_van_het_verschil(cat):
    g = cat.groep("jeugdzorg")
    assert "pleeggezinnen" in g.naam
    assert g.koppeling_tekst(cat.urgentiecategorieen) == "≠ Uitstromers accommodaties jeugdzorg"


@pytest.mark.parametrize("groep", ["arbeidsmigranten", "studenten", "woonwagenbewoners", "ouderen"])
def test_groepen_zonder_urgentie_voor_de_hele_groep(cat, groep):
    g = cat.groep(groep)
    assert g.soort == "zonder_urgentie" and g.urgentiecategorie is None
    assert g.soort_naam == "aandachtsgroep zonder urgentie voor de hele groep"


def test_vergunninghouders_hebben_een_taakstelling(cat):
    g = cat.groep("vergunninghouders")
    assert g.soort == "taakstelling" and g.soort_naam == "wettelijke taakstelling" and g.urgentiecategorie is None


def test_elke_wettelijke_urgentiecategorie_heeft_een_groep(cat):
    codes = {c["code"] for c in lees_parameter("wettelijke_urgentiecategorieen", DATUM).waarde}
    assert cat.ontbrekende_urgentiecategorieen(cat.ids()) == []
    assert set(cat.urgentiecategorieen) == codes
    missen = cat.ontbrekende_urgentiecategorieen(["ouderen", "dakloos"])
    assert {c.code for c in missen} == codes - {"uitstroom_mo"}


def test_catalogus_is_regel_met_bron_en_status(cat):
    assert cat.regel.status in ("seed", "ontwerp", "wet") and cat.regel.bron_url.startswith("https://")
    assert "Overzicht 1" in cat.regel.bron_titel


def test_lokale_groepen_worden_gemarkeerd():
    cat = laad_catalogus(DATUM, [LokaleGroep("stadsvernieuwingsurgenten", "Stadsvernieuwingsurgenten",
                                             woonvormen=("sociale_huurwoning",)),
                                 LokaleGroep("dakloze_gezinnen", "Dakloze gezinnen met minderjarige kinderen")])
    g = cat.groep("stadsvernieuwingsurgenten")
    assert g.soort == "lokaal" and cat.lokaal == ("stadsvernieuwingsurgenten", "dakloze_gezinnen")
    with pytest.raises(InvoerFout, match="bestaat al"):
        laad_catalogus(DATUM, [LokaleGroep("ouderen", "Ouderen")])


def test_onbekende_groep_geeft_suggestie(cat):
    with pytest.raises(InvoerFout) as e:
        cat.groep("uitstroom_gzz", "categorie 'x'")
    assert "Bedoelde u: uitstroom_ggz" in str(e.value) and "categorie 'x'" in str(e.value)
    assert cat.zoek("Woonwagenbewoners").id == "woonwagenbewoners"
