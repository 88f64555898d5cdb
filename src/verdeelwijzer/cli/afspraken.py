"""Commands for the afsprakenkader: `bereken`, `vergelijk-scenarios` and `afspraken schema`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from verdeelwijzer.afspraken import AfsprakenUitkomst, bereken_afspraken, json_schema, laad_afspraken
from verdeelwijzer.afspraken.rapport import Tabel, als_dict, dekblad, tabellen, uitleg_teksten
from verdeelwijzer.afspraken.scenarios import vergelijk_scenarios
from verdeelwijzer.cli import app
from verdeelwijzer.cli.opties import FormaatOptie
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, json_tekst, toon_tabel
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import attributie
from verdeelwijzer.uitvoercel import controleer_uitvoerpad, schrijffouten

afspraken_app = typer.Typer(help="Het afsprakenkader: schema en hulpmiddelen.", no_args_is_help=True)
app.add_typer(afspraken_app, name="afspraken")

BestandArgument = Annotated[Path, typer.Argument(help="Afsprakenbestand (YAML).")]


def _bereken(pad: Path) -> AfsprakenUitkomst:
    geladen = laad_afspraken(pad)
    if not sys.stderr.isatty():
        return bereken_afspraken(geladen)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console, transient=True) as voortgang:
        taak = voortgang.add_task(f"Bereken {pad.name} …", total=None)
        return bereken_afspraken(
            geladen, voortgang=lambda tekst: voortgang.update(taak, description=f"Bereken: {tekst}")
        )


def _weergave(rij: dict[str, Any], tabel: Tabel) -> dict[str, Any]:
    uit = {}
    for k in tabel.kolommen:
        v = rij.get(k.sleutel)
        if k.sleutel == "jaar":
            uit[k.sleutel] = str(v)
        elif k.soort == "procent" and isinstance(v, int | float):
            uit[k.sleutel] = f"{v * 100:.2f} %".replace(".", ",")
        elif k.soort == "decimaal" and isinstance(v, float):
            uit[k.sleutel] = round(v, 1)
        else:
            uit[k.sleutel] = v
    return uit


@app.command("bereken")
def bereken(
    bestand: BestandArgument,
    formaat: FormaatOptie = Formaat.tabel,
    excel: Annotated[Path | None, typer.Option("--excel", help="Schrijf ook een Excelwerkmap naar dit pad.")] = None,
) -> None:
    """Reken een heel afsprakenkader door: alle categorieën, statushouders en het totaalbeeld per gemeente."""
    if excel is not None:
        controleer_uitvoerpad(excel, "Excelbestand")  # before the (long) calculation
    uitkomst = _bereken(bestand)
    if excel is not None:
        from verdeelwijzer.rapport.excel import schrijf_werkmap

        k = uitkomst.geladen.kader
        with schrijffouten(excel, "Excelbestand"):
            schrijf_werkmap(
                excel,
                dekblad(uitkomst),
                tabellen(uitkomst),
                uitleg_teksten(uitkomst),
                uitkomst.waarschuwingen,
                datum=(k.besluit.datum if k.besluit and k.besluit.datum else uitkomst.regels_datum),
                titel=k.naam,
            )
    if formaat is Formaat.json:
        typer.echo(json_tekst(als_dict(uitkomst)), nl=False)
        return
    if formaat is Formaat.csv:
        typer.echo(
            csv_tekst(
                [
                    {
                        "categorie": d.categorie,
                        "periode": d.periode,
                        "gemeentecode": d.gemeentecode,
                        "gemeentenaam": uitkomst.naam(d.gemeentecode),
                        "aantal": d.aantal,
                    }
                    for d in uitkomst.doelen
                ],
                ["categorie", "periode", "gemeentecode", "gemeentenaam", "aantal"],
            ),
            nl=False,
        )
        return
    for regel, waarde in dekblad(uitkomst):
        if regel in ("Afsprakenkader", "Scenario", "Regio", "Periode", "Besluit", "Let op"):
            console.print(f"[bold]{regel}:[/bold] {waarde}", highlight=False)
    for tabel in tabellen(uitkomst):
        if tabel.naam == "Totaalbeeld":
            eerste = uitkomst.jaren[0]
            rijen = [_weergave(r, tabel) for r in tabel.rijen if r["jaar"] == eerste]
            titel = f"{tabel.titel} — {eerste} (alle jaren: --format json of --excel)"
        else:
            rijen = [_weergave(r, tabel) for r in tabel.rijen]
            titel = tabel.titel
        kolommen = [
            (k.sleutel, k.kop)
            for k in tabel.kolommen
            if not k.sleutel.startswith("quotum_") and k.sleutel != "gemeentecode"
            and (not tabel.kort or k.sleutel in tabel.kort)
        ]
        console.print()
        toon_tabel(titel, rijen, kolommen, list(tabel.voetnoten))
    if uitkomst.waarschuwingen:
        console.print()
        console.print("[bold yellow]Waarschuwingen[/bold yellow]")
        for w in uitkomst.waarschuwingen:
            console.print(f"  • {w}", highlight=False)
    if excel is not None:
        console.print(f"\nExcel geschreven: {excel}", highlight=False)
    console.print("\nUitleg per gemeente en alle kolommen: --excel (bladen Uitleg, Betaalbaarheid) of --format json.",
                  style="dim")


@app.command("vergelijk-scenarios")
def vergelijk_scenarios_cmd(
    bestanden: Annotated[list[Path], typer.Argument(help="Twee of meer afsprakenbestanden (scenario's).")],
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Vergelijk scenario's per gemeente: wat verandert er, wie neemt meer en wie minder."""
    if len(bestanden) < 2:
        raise InvoerFout("Geef minstens twee afsprakenbestanden om te vergelijken.")
    uitkomsten = [_bereken(p) for p in bestanden]
    vergelijking = vergelijk_scenarios(uitkomsten)
    if formaat is Formaat.json:
        typer.echo(json_tekst({**vergelijking.als_dict(), "attributie": attributie()}), nl=False)
        return
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(vergelijking.rijen, vergelijking.kolommen), nl=False)
        return
    labels = vergelijking.labels
    kolommen = [("gemeentenaam", "gemeente"), ("categorie", "categorie")]
    kolommen += [(f"totaal_{label}", label) for label in labels]
    kolommen += [(f"verschil_{label}", f"{label} − {labels[0]}") for label in labels[1:]]
    toon_tabel(
        "Scenariovergelijking: aantal over de hele periode per gemeente en categorie",
        vergelijking.rijen,
        kolommen,
        [
            f"{label}: {p.name} ({u.geladen.kader.scenario})"
            for label, p, u in zip(labels, bestanden, uitkomsten, strict=True)
        ]
        + [attributie()],
    )
    console.print()
    toon_tabel(
        "Samenvatting: wie neemt meer, wie minder (alle categorieën samen)",
        vergelijking.samenvatting,
        [("gemeentenaam", "gemeente")]
        + [(f"verschil_{label}", f"{label} − {labels[0]}") for label in labels[1:]]
        + [("oordeel", "")],
        [],
    )
    for regel in vergelijking.kernpunten:
        console.print(f"  • {regel}", highlight=False)


@afspraken_app.command("schema")
def schema(
    uit: Annotated[Path | None, typer.Option("--uit", help="Schrijf het schema naar dit bestand.")] = None,
) -> None:
    """Het JSON Schema van het afsprakenbestand, zodat editors kunnen aanvullen en controleren."""
    tekst = json_schema()
    if uit is None:
        typer.echo(tekst, nl=False)
    else:
        controleer_uitvoerpad(uit, "Schemabestand")
        with schrijffouten(uit, "Schemabestand"):
            uit.write_text(tekst, encoding="utf-8")
        console.print(f"Schema geschreven: {uit}")


@afspraken_app.command("controleer")
def controleer(bestand: BestandArgument) -> None:
    """Controleer een afsprakenbestand zonder te rekenen."""
    kader = laad_afspraken(bestand).kader
    console.print(
        f"[green]In orde:[/green] {bestand} ({kader.naam}, {len(kader.categorieen)} categorieën).", highlight=False
    )
