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
    gemeente: Annotated[str | None, typer.Option(
        "--gemeente", help="Alleen deze gemeente (naam of code), of 'regio' voor alleen het regiodocument.")] = None,
    formaat: Annotated[str, typer.Option("--formaat", help="pdf, docx of pdf,docx.")] = "pdf,docx",
    vergelijk: Annotated[Path | None, typer.Option(
        "--vergelijk", help="Tweede afsprakenbestand (scenario) om in het regiodocument te vergelijken.")] = None,
    overschrijven: Annotated[bool, typer.Option("--overschrijven", help="Bestaande bestanden vervangen.")] = False,
    db: Annotated[str | None, typer.Option(
        "--db", help="Neem de stand van de vaststelling uit deze database op in het regiodocument.")] = None,
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
    alleen_regio = gemeente is not None and gemeente.strip().lower() == maken.REGIO
    if alleen_regio:
        gemeenten = []
    else:
        gemeenten = [maken.kies_gemeente(c, gemeente)] if gemeente else list(c.codes)
    regio = gemeente is None or alleen_regio
    zip_maken = gemeente is None  # the zip holds the complete set only
    maken.controleer_doelmap(uit, maken.bestandsnamen(c, gemeenten, formaten, regio, zip_maken), overschrijven)
    vergelijking = None
    if vergelijk is not None:
        vergelijking = vergelijk_scenarios([uitkomst, bereken_afspraken(laad_afspraken(vergelijk))]).als_dict()
    vaststelling = None
    if db is not None and regio:
        from verdeelwijzer.opslag import open_database
        from verdeelwijzer.opslag.vaststelling import lees_stappen

        database = open_database(db)
        try:
            with database.sessie() as s:
                vaststelling = maken.vaststelling_rijen(c, lees_stappen(s, uitkomst.regio.naam))
        finally:
            database.sluit()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=not sys.stderr.isatty()) as voortgang:
        taak = voortgang.add_task("Documenten", total=len(gemeenten) + int(regio))
        bestanden = maken.maak_documenten(
            c, gemeenten, formaten, regio=regio, zip_maken=zip_maken, vergelijking=vergelijking,
            vaststelling=vaststelling,
            voortgang=lambda naam: voortgang.update(taak, advance=1, description=f"Documenten: {naam}"),
        )
    paden = maken.schrijf_alles(uit, bestanden)
    duur = time.perf_counter() - begin
    console.print(f"{len(paden)} bestanden geschreven in {uit} ({duur:.1f} s):", highlight=False)
    for p in paden:
        console.print(f"  {p.name}", highlight=False)


vaststelling_app = typer.Typer(help="Vaststelling van VHP en huisvestingsverordening per gemeente bijhouden.",
                               no_args_is_help=True)
app.add_typer(vaststelling_app, name="vaststelling")

DbOptie = Annotated[str | None, typer.Option(
    "--db", help="Database: URL (sqlite:///…, postgresql://…) of pad naar een SQLite-bestand.")]


def _regio_en_gemeente(regio: str, gemeente: str | None) -> tuple[str, list[str], dict[str, str], str | None]:
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.gegevens import laad_gemeenten, zoek_regio

    gegevens = laad_gemeenten()
    r = zoek_regio(regio, gegevens)
    codes = sorted(r.gemeentecodes)
    namen = {c: gegevens.naam(c) for c in codes}
    code = None
    if gemeente is not None:
        assert gegevens.zoeker is not None
        code = gegevens.zoeker.zoek(gemeente, "gemeente")
        if code not in codes:
            raise InvoerFout(f"{gegevens.naam(code)} ({code}) hoort niet bij de regio {r.naam}.")
    return r.naam, codes, namen, code


@vaststelling_app.command("zet")
def vaststelling_zet(
    regio: Annotated[str, typer.Argument(help="Regio (zie 'verdeelwijzer regio lijst').")],
    gemeente: Annotated[str, typer.Argument(help="Gemeente (naam of code).")],
    document: Annotated[str, typer.Option("--document", help="vhp of hvo.")],
    stap: Annotated[str, typer.Option("--stap", help="concept, college, inspraak, raad of vastgesteld.")],
    datum: Annotated[str, typer.Option("--datum", help="Datum van de stap (JJJJ-MM-DD).")],
    toelichting: Annotated[str | None, typer.Option("--toelichting", help="Bv. het raadsbesluit.")] = None,
    db: DbOptie = None,
) -> None:
    """Leg een stap in de vaststelling van het VHP of de HVO van een gemeente vast (komt in het auditlog)."""
    from datetime import date

    from verdeelwijzer.documenten.vaststelling import controleer_stap
    from verdeelwijzer.opslag import huidige_gebruiker, open_database
    from verdeelwijzer.opslag.vaststelling import leg_stap_vast

    fouten = []
    try:
        dag = date.fromisoformat(datum)
    except ValueError:
        fouten.append(f"--datum '{datum}' is geen datum; verwacht JJJJ-MM-DD")
    document, stap = controleer_stap(document, stap, fouten)
    regionaam, _, namen, code = _regio_en_gemeente(regio, gemeente)
    assert code is not None
    database = open_database(db)
    try:
        with database.sessie() as s:
            leg_stap_vast(s, regio=regionaam, gemeentecode=code, document=document, stap=stap, datum=dag,
                          toelichting=toelichting, door=huidige_gebruiker())
    finally:
        database.sluit()
    console.print(f"Vastgelegd: {namen[code]} {document.upper()} {stap} op {dag.isoformat()}.", highlight=False)


@vaststelling_app.command("toon")
def vaststelling_toon(
    regio: Annotated[str, typer.Argument(help="Regio (zie 'verdeelwijzer regio lijst').")],
    db: DbOptie = None,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help="Beoordeel op deze datum (standaard vandaag).")]
    = None,
    formaat: Annotated[str, typer.Option("--format", help="tabel of json.")] = "tabel",
) -> None:
    """De stand van VHP en HVO per gemeente tegenover de termijn (wettelijk en regionaal, voor zover bekend)."""
    from datetime import date

    from verdeelwijzer.cli.uitvoer import json_tekst, toon_tabel
    from verdeelwijzer.documenten.vaststelling import standtabel
    from verdeelwijzer.documenten.wettelijk import termijnen
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.opslag import open_database
    from verdeelwijzer.opslag.vaststelling import lees_stappen

    try:
        dag = date.fromisoformat(peildatum) if peildatum else date.today()
    except ValueError:
        raise InvoerFout(f"--peildatum: '{peildatum}' is geen datum; verwacht JJJJ-MM-DD.") from None
    regionaam, codes, namen, _ = _regio_en_gemeente(regio, None)
    database = open_database(db)
    try:
        with database.sessie() as s:
            stappen = lees_stappen(s, regionaam)
    finally:
        database.sluit()
    t = termijnen(dag, regionaam)
    rijen = standtabel(codes, namen, stappen, t, dag)
    if formaat == "json":
        termijnen_json = [{**x, "datum": x["datum"].isoformat() if x["datum"] else None} for x in t]
        typer.echo(json_tekst({"regio": regionaam, "peildatum": dag.isoformat(), "termijnen": termijnen_json,
                               "stand": rijen}), nl=False)
        return
    toon_tabel(f"Vaststelling VHP en HVO — {regionaam} (peildatum {dag.isoformat()})", rijen,
               [("gemeentenaam", "gemeente"), ("document", "document"), ("stap", "stap"), ("datum", "datum"),
                ("termijn", "termijn"), ("oordeel", "oordeel")],
               [f"{x['document']} {x['soort']}: {x['tekst']} (status {x['status']})" for x in t])
