"""From data and files to a spoor-1 result: the one place that assembles the inputs, used by the command
line, the web app and the afsprakenkader alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from verdeelwijzer.betaalbaarheid.berekening import Betaalbaarheid, bereken_betaalbaarheid
from verdeelwijzer.betaalbaarheid.invoer import lees_programma
from verdeelwijzer.betaalbaarheid.model import Voorraad
from verdeelwijzer.betaalbaarheid.regelset import lees_regels
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import Gegevens, Regio
from verdeelwijzer.gegevens.manifest import kanttekeningen


def _geheel(gegevens: Gegevens, code: str, kolom: str) -> int:
    waarde = float(gegevens.tabel.at[code, kolom])
    if waarde != waarde:
        raise InvoerFout(f"{kolom} ontbreekt voor {gegevens.naam(code)}. Lever dit cijfer aan met --gegevens.")
    if not waarde.is_integer() or waarde < 0:
        raise InvoerFout(f"{kolom} van {gegevens.naam(code)} is {waarde}; verwacht een geheel aantal woningen ≥ 0 "
                         f"({gegevens.bron(code, kolom).kort()}).")
    return int(waarde)


def voorraad_uit(gegevens: Gegevens, codes: list[str]) -> list[Voorraad]:
    """Dwelling stock and social stock per gemeente, with their sources (and the manifest's remark where the
    embedded estimate is not its own formula, e.g. for merged gemeenten)."""
    opmerkingen = kanttekeningen()
    return [
        Voorraad(code, gegevens.naam(code), _geheel(gegevens, code, "woningvoorraad"),
                 _geheel(gegevens, code, "sociale_voorraad"), gegevens.bron(code, "woningvoorraad"),
                 gegevens.bron(code, "sociale_voorraad"),
                 "" if (code, "sociale_voorraad") in gegevens.cel_bronnen
                 else opmerkingen.get((code, "corporatiewoningen_schatting"), ""))
        for code in codes
    ]


def bereken_uit_bestanden(
    gegevens: Gegevens, regio: Regio, programma: Path, plan: Path | None, sleutel: str, datum: date,
    *, methode: str = "sainte-lague", seed: int | None = 1,
) -> Betaalbaarheid:
    """Read the programme (and plan) for the region, all or nothing, and compute spoor 1 for `datum`."""
    assert gegevens.zoeker is not None
    codes = sorted(regio.gemeentecodes)
    invoer = lees_programma(programma, gegevens.zoeker, codes, f"regio {regio.naam}", plan)
    return bereken_betaalbaarheid(voorraad_uit(gegevens, codes), invoer, lees_regels(datum), sleutel,
                                  methode=methode, seed=seed)
