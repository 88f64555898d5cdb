"""`verdeelwijzer transferpunt …`: a matching round from the registers and the afsprakenkader."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verdeelwijzer.cli import app
from verdeelwijzer.cli.opties import FormaatOptie, lees_datum
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, json_tekst, toon_tabel

transferpunt_app = typer.Typer(help="Transferpunt: urgente huishoudens koppelen aan woningen binnen de quota.",
                               no_args_is_help=True)
app.add_typer(transferpunt_app, name="transferpunt")




@transferpunt_app.command("koppel")
def koppel(
    kandidaten: Annotated[Path, typer.Option("--kandidaten", help="Kandidatenregister (CSV/Excel, pseudoniem).")],
    aanbod: Annotated[Path, typer.Option("--aanbod", help="Aanbodregister: vrijkomende woningen, standplaatsen.")],
    afspraken: Annotated[Path, typer.Option("--afspraken", help="Afsprakenkader (YAML) met onderdeel 'transferpunt'.")],
    periode: Annotated[str | None, typer.Option("--periode", help="Periode (jaar) van het quotum.")] = None,
    datum: Annotated[str | None, typer.Option("--datum", help="Datum van de ronde (standaard vandaag).")] = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Een koppelronde: voorstellen binnen quota, mutatiegrens en 'herkomst, tenzij', elk met uitleg.

    Er wordt niets opgeslagen; de registers blijven op uw schijf.
    """
    from verdeelwijzer.cli.gegevens import versie_info
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.transferpunt.kader import draai_ronde, laad_transferpunt, registercontext
    from verdeelwijzer.transferpunt.lezen import lees_aanbod, lees_kandidaten
    from verdeelwijzer.transferpunt.weergave import REDENEN, ronde_als_dict

    dag = lees_datum(datum)
    tk = laad_transferpunt(afspraken)
    ctx = registercontext(tk, dag)
    fouten = []
    from verdeelwijzer.fouten import InvoerFout

    gelezen_k, gelezen_a = [], []
    for lees, pad, doel in ((lees_kandidaten, kandidaten, gelezen_k), (lees_aanbod, aanbod, gelezen_a)):
        try:
            doel.extend(lees(pad, ctx))
        except InvoerFout as fout:
            fouten.append(str(fout))
    if fouten:
        raise InvoerFout("\n".join(fouten))
    ronde = draai_ronde(tk, gelezen_k, gelezen_a, periode=periode, datum=dag)
    data = ronde_als_dict(ronde, tk.namen)
    data = {"afsprakenkader": tk.naam, "fictief": tk.fictief, **data, "attributie": attributie(),
            "versie": versie_info()}
    if formaat is Formaat.json:
        typer.echo(json_tekst(data), nl=False)
        return
    if formaat is Formaat.csv:
        rijen = [{**k, "soort": "koppeling"} for k in data["koppelingen"]] + [
            {"kandidaat": n["kandidaat"], "rang": n["rang"], "soort": "niet gekoppeld", "uitleg": n["reden"]}
            for n in data["niet_gekoppeld"]]
        typer.echo(csv_tekst(rijen, ["soort", "kandidaat", "rang", "aanbod", "gemeentecode", "gemeentenaam",
                                     "categorie", "in_herkomstgemeente", "uitleg"]), nl=False)
        return
    kop = f"{tk.naam} — periode {ronde.periode}, ronde van {dag.isoformat()}"
    console.print(f"[bold]{kop}[/bold]" + (" [red](FICTIEF voorbeeld)[/red]" if tk.fictief else ""))
    toon_tabel("Voorstellen", [{**k, "herkomst": k["in_herkomstgemeente"]} for k in data["koppelingen"]],
               [("rang", "rang"), ("kandidaat", "dossier"), ("aanbod", "aanbod"), ("gemeentenaam", "gemeente"),
                ("categorie", "categorie"), ("herkomst", "in herkomst")])
    toon_tabel("Niet gekoppeld", [{**n, "soort": REDENEN[n["soort"]]} for n in data["niet_gekoppeld"]],
               [("rang", "rang"), ("kandidaat", "dossier"), ("soort", "waarom"), ("reden", "toelichting")])
    toon_tabel("Quota", data["quota"], [("gemeentenaam", "gemeente"), ("categorie", "categorie"),
                                        ("quotum", "quotum"), ("gebruikt", "gebruikt")],
               voetnoten=[f"Methode: {ronde.methode}. Prioriteit: {'; '.join(ronde.criteria)}.",
                          *ronde.waarschuwingen, *ronde.bronnen, attributie()])


@transferpunt_app.command("opruimen")
def opruimen(
    db: Annotated[str | None, typer.Option("--db", help="Database-URL (standaard: zoals 'monitor').")] = None,
    datum: Annotated[str | None, typer.Option("--datum", help="Peildatum (standaard vandaag).")] = None,
) -> None:
    """Verwijder gesloten dossiers waarvan de bewaartermijn uit het afsprakenkader verstreken is.

    Dit gebeurt ook vanzelf bij elke import, ronde en beslissing in de webapplicatie; het auditlog telt alleen
    hoeveel dossiers zijn verwijderd.
    """
    from verdeelwijzer.opslag import huidige_gebruiker, open_database
    from verdeelwijzer.transferpunt.register import ruim_op

    database = open_database(db)
    try:
        with database.sessie() as s:
            aantal = ruim_op(s, lees_datum(datum), door=huidige_gebruiker())
    finally:
        database.sluit()
    typer.echo(f"{aantal} gesloten dossier(s) verwijderd na de bewaartermijn.")
