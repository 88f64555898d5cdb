"""`verdeelwijzer documenten`: bouwstenen for VHP and huisvestingsverordening per gemeente, plus the
regional decision document, as PDF and DOCX."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from verdeelwijzer.cli import app
from verdeelwijzer.cli.uitvoer import console


@app.command("documenten")
def documenten(
    bestand: Annotated[Path, typer.Argument(help="Afsprakenbestand (YAML).")],
    uit: Annotated[Path, typer.Option("--uit", help="Map voor de documenten (wordt zo nodig aangemaakt).")],
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente (naam of code).")] = None,
    formaat: Annotated[str, typer.Option("--formaat", help="pdf, docx of pdf,docx.")] = "pdf,docx",
    vergelijk: Annotated[Path | None, typer.Option(
        "--vergelijk", help="Tweede afsprakenbestand (scenario) om in het regiodocument te vergelijken.")] = None,
    overschrijven: Annotated[bool, typer.Option("--overschrijven", help="Bestaande bestanden vervangen.")] = False,
) -> None:
    """Schrijf per gemeente de bouwstenen voor VHP en huisvestingsverordening (<code>-<naam>.pdf/.docx),
    het regionale besluitdocument (regio.pdf/.docx) en een zip met alles."""
    from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
    from verdeelwijzer.afspraken.scenarios import vergelijk_scenarios
    from verdeelwijzer.documenten import maken

    begin = time.perf_counter()
    formaten = maken.lees_formaten(formaat)
    uitkomst = bereken_afspraken(laad_afspraken(bestand))
    c = maken.context_van(uitkomst)
    gemeenten = [maken.kies_gemeente(c, gemeente)] if gemeente else list(c.codes)
    regio = gemeente is None
    maken.controleer_doelmap(uit, maken.bestandsnamen(c, gemeenten, formaten, regio), overschrijven)
    vergelijking = None
    if vergelijk is not None:
        vergelijking = vergelijk_scenarios([uitkomst, bereken_afspraken(laad_afspraken(vergelijk))]).als_dict()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=not sys.stderr.isatty()) as voortgang:
        taak = voortgang.add_task("Documenten", total=len(gemeenten) + int(regio))
        bestanden = maken.maak_documenten(
            c, gemeenten, formaten, regio=regio, vergelijking=vergelijking,
            voortgang=lambda naam: voortgang.update(taak, advance=1, description=f"Documenten: {naam}"),
        )
    paden = maken.schrijf_alles(uit, bestanden)
    duur = time.perf_counter() - begin
    console.print(f"{len(paden)} bestanden geschreven in {uit} ({duur:.1f} s):", highlight=False)
    for p in paden:
        console.print(f"  {p.name}", highlight=False)
