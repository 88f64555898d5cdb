"""Options shared by several commands, so they read and behave the same everywhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from verdeelwijzer.cli.uitvoer import Formaat
from verdeelwijzer.fouten import InvoerFout


def lees_datum(tekst: str | None, optie: str = "--datum") -> date:
    """A date option as the user typed it (JJJJ-MM-DD); none given means today."""
    if not tekst or not tekst.strip():
        return date.today()
    try:
        return date.fromisoformat(tekst.strip())
    except ValueError:
        raise InvoerFout(f"Ongeldige datum '{tekst}' bij {optie}: verwacht JJJJ-MM-DD, bv. 2026-07-01.") from None

GegevensOptie = Annotated[
    list[Path] | None,
    typer.Option(
        "--gegevens",
        "-g",
        help="CSV- of Excelbestand met eigen cijfers (kolom gemeentecode of gemeentenaam + cijferkolommen); "
        "mag vaker worden opgegeven.",
    ),
]
FormaatOptie = Annotated[Formaat, typer.Option("--format", "-f", help="Uitvoer: tabel, csv of json.")]
RegioOptie = Annotated[
    str | None,
    typer.Option("--regio", "-r", help="Regionaam (zie 'regio lijst'), 'soort:naam', 'Delft,Rijswijk' of een bestand."),
]
