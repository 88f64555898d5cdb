"""Options shared by several commands, so they read and behave the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verdeelwijzer.cli.uitvoer import Formaat

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
