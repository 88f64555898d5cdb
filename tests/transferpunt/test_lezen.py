"""Registers: all-or-nothing Dutch validation, one message per problem, privacy checks (names, BSN)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.transferpunt.kader import laad_transferpunt, registercontext
from verdeelwijzer.transferpunt.lezen import lees_aanbod, lees_kandidaten
from verdeelwijzer.transferpunt.privacy import elfproef, lijkt_bsn, persoonsgegevens_in

from .hulp import DATUM, VOORBEELDEN, schrijf

KOP = ("dossiernummer,categorie,herkomstgemeente,inschrijfdatum,urgentiedatum,nodig,woonvorm,uitgesloten_gemeenten,"
       "reden_uitsluiting,tenzij_gemeenten,tenzij_reden,toelichting")


@pytest.fixture(scope="module")
def ctx():
    return registercontext(laad_transferpunt(VOORBEELDEN / "haaglanden_transferpunt.yaml"), DATUM)


def _fout(pad, ctx, lezer=lees_kandidaten) -> str:
    with pytest.raises(InvoerFout) as e:
        lezer(pad, ctx)
    return str(e.value)


def test_voorbeeldregisters_zijn_geldig(ctx):
    kandidaten = lees_kandidaten(VOORBEELDEN / "haaglanden_kandidaten.csv", ctx)
    aanbod = lees_aanbod(VOORBEELDEN / "haaglanden_aanbod.csv", ctx)
    assert len(kandidaten) == 40 and len(aanbod) == 45
    assert all(k.herkomstgemeente.startswith("GM") for k in kandidaten)


def test_alle_fouten_tegelijk_met_regel_en_kolom(tmp_path, ctx):
    pad = schrijf(tmp_path / "k.csv", [
        KOP,
        "D1,uitstroom_mo,Atlantis,2025-01-01,,,,,,,,",
        "D2,piraten,Delft,2025-01-01,,,,,,,,",
        "D3,medisch,Delft,2030-01-01,,,,,,,,",
        "D4,medisch,Delft,2025-01-01,,,,Zoetermeer,te ver,Zoetermeer,werk,",
        "D4,medisch,Delft,2025-01-01,,,,,,,,",
        "D6,medisch,Delft,2025-01-01,,vliegen,,,,,,",
    ])
    melding = _fout(pad, ctx)
    assert "er is niets opgeslagen" in melding
    assert "regel 2, kolom 'herkomstgemeente'" in melding and "onbekende gemeente 'Atlantis'" in melding
    assert "regel 3, kolom 'categorie'" in melding and "onbekende categorie 'piraten'" in melding
    assert "regel 4, kolom 'inschrijfdatum'" in melding and "in de toekomst" in melding
    assert "regel 5, kolom 'tenzij_gemeenten'" in melding and "tegenstrijdig" in melding
    assert "regel 6, kolom 'dossiernummer'" in melding and "staat er al op regel 5" in melding
    assert "regel 7, kolom 'nodig'" in melding and "behoefte 'vliegen' is onbekend" in melding


@pytest.mark.parametrize("tekst", ["Jan de Vries heeft werk in Delft", "mevrouw Jansen", "BSN 111222333",
                                   "bel 06-12345678", "mail iemand@example.org", "naam: X"])
def test_persoonsgegevens_in_vrije_tekst_geweigerd_zonder_ze_te_herhalen(tmp_path, ctx, tekst):
    pad = schrijf(tmp_path / "k.csv", [KOP, f'D1,medisch,Delft,2025-01-01,,,,,,,,"{tekst}"'])
    melding = _fout(pad, ctx)
    assert "verwijder persoonsgegevens" in melding and "regel 2, kolom 'toelichting'" in melding
    assert tekst not in melding


def test_bsn_als_dossiernummer_en_persoonskolom_geweigerd(tmp_path, ctx):
    pad = schrijf(tmp_path / "k.csv", ["dossiernummer,categorie,herkomstgemeente,inschrijfdatum",
                                       "111222333,medisch,Delft,2025-01-01"])
    assert "lijkt op een BSN" in _fout(pad, ctx)
    pad = schrijf(tmp_path / "k2.csv", ["dossiernummer,naam,categorie,herkomstgemeente,inschrijfdatum",
                                        "D1,X,medisch,Delft,2025-01-01"])
    melding = _fout(pad, ctx)
    assert "kolom 'naam'" in melding and "verwijder persoonsgegevens" in melding


def test_kolom_die_geen_regel_leest_wordt_geweigerd(tmp_path, ctx):
    pad = schrijf(tmp_path / "k.csv", ["dossiernummer,categorie,herkomstgemeente,inschrijfdatum,inkomen",
                                       "D1,medisch,Delft,2025-01-01,20000"])
    assert "kolom 'inkomen'" in _fout(pad, ctx) and "alleen wat de regels nodig hebben" in _fout(pad, ctx)


def test_gewone_toelichting_mag(tmp_path, ctx):
    pad = schrijf(tmp_path / "k.csv", [KOP, "D1,medisch,Den Haag,2025-01-01,,rolstoel,,,,Zoetermeer,"
                                            "kansrijke woonstart: werk in Zoetermeer,Wil Housing First"])
    (k,) = lees_kandidaten(pad, ctx)
    assert k.tenzij == {"GM0637"} and k.nodig == {"rolstoel"}


def test_aanbod_fouten(tmp_path, ctx):
    pad = schrijf(tmp_path / "a.csv", [
        "aanbodnummer,gemeente,woonvorm,kenmerken,max_huishouden",
        "A1,Delft,zelfstandig,nultreden,2",
        "A1,Delft,zelfstandig,,",
        "A3,Tilburg,zelfstandig,,",
        "A4,Delft,iglo,,",
        "A5,Delft,zelfstandig,lift,nul",
    ])
    melding = _fout(pad, ctx, lees_aanbod)
    assert "staat er al op regel 2" in melding and "hoort niet bij de regio" in melding
    assert "onbekende woonvorm 'iglo'" in melding and "kenmerk 'lift' is onbekend" in melding
    assert "regel 6, kolom 'max_huishouden'" in melding


def test_elfproef_voorbeelden():
    assert elfproef("111222333") and elfproef("123456782") and not elfproef("123456789")
    assert not elfproef("000000000")
    assert lijkt_bsn("nummer 1112.22.333") and not lijkt_bsn("postcode 2611 AB")


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_elfproef_eigenschap(cijfers):
    som = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True))
    controle = som % 11
    tekst = "".join(map(str, cijfers))
    if controle <= 9 and (tekst + str(controle)) != "000000000":
        assert elfproef(tekst + str(controle))
        assert persoonsgegevens_in(f"zie {tekst}{controle}") is not None
    for fout in range(10):
        if fout != controle:
            assert not elfproef(tekst + str(fout))
