"""`verdeelwijzer woonvormen …`: the rule types for woonvormen (80-10-10 location rule, plan checklist, standplaatsen)
and the monitoring of realised places with the balance over time."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from verdeelwijzer.cli import app
from verdeelwijzer.cli.opties import FormaatOptie
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, json_tekst, toon_tabel

woonvormen_app = typer.Typer(help="Woonvormen: regeltypen uit regionale afspraken (locatieregel, plantoets, "
                                  "standplaatsen) en monitoring van de balans over tijd.",
                             no_args_is_help=True)
app.add_typer(woonvormen_app, name="woonvormen")


def _datum(tekst: str | None) -> date:
    from verdeelwijzer.fouten import InvoerFout

    if tekst is None:
        return date.today()
    try:
        return date.fromisoformat(tekst)
    except ValueError as e:
        raise InvoerFout(f"--datum '{tekst}': verwacht een datum JJJJ-MM-DD.") from e


def _uitvoer(titel: str, rijen: list[dict[str, Any]], kolommen: list[tuple[str, str]], data: dict[str, Any],
             noten: list[str], formaat: Formaat) -> None:
    if formaat == Formaat.json:
        typer.echo(json_tekst(data), nl=False)
    elif formaat == Formaat.csv:
        typer.echo(csv_tekst(rijen, [k for k, _ in kolommen]), nl=False)
    else:
        toon_tabel(titel, rijen, kolommen, noten)


ExcelOptie = Annotated[Path | None, typer.Option("--excel", help="Schrijf ook een Excelwerkmap (.xlsx) met dezelfde "
                                                  "cijfers, de bronnen en de attributie.")]


def _excel(pad: Path | None, u: Any, invoer: list[Path | None], dag: date) -> None:
    if pad is not None:
        from verdeelwijzer.woonvormen.regeluitvoer import schrijf_excel

        schrijf_excel(pad, u, [p.name for p in invoer if p is not None], dag)


@woonvormen_app.command("locaties")
def locaties(
    register: Annotated[Path, typer.Argument(help="Locatieregister (CSV/Excel): locatie, gemeentenaam, "
                                             "werkt_in_gemeente, werkt_in_regio, werkt_buiten_regio.")],
    regio: Annotated[str, typer.Option("--regio", help="De regio (naam of lijst van gemeenten).")],
    datum: Annotated[str | None, typer.Option("--datum", help="Peildatum van de regel (standaard vandaag).")] = None,
    formaat: FormaatOptie = Formaat.tabel,
    excel: ExcelOptie = None,
) -> None:
    """Locatieregel arbeidsmigranten (type 80-10-10) per locatie; de percentages staan in de parameter."""
    from verdeelwijzer.gegevens import attributie, laad_gemeenten, zoek_regio
    from verdeelwijzer.woonvormen.regeluitvoer import reken_locaties

    dag = _datum(datum)
    gegevens = laad_gemeenten(datum=dag)
    u = reken_locaties(register, gegevens, zoek_regio(regio, gegevens), dag)
    _excel(excel, u, [register], dag)
    rijen = u.data["locaties"]
    regel = u.data["regel"]
    _uitvoer(u.titel, rijen,
             [("locatie", "locatie"), ("gemeente", "gemeente"), ("voldoet", "voldoet"), ("uitleg", "uitleg")],
             {**u.data, "attributie": attributie()},
             [f"Regel: {regel['bron']} (status {regel['status']}).", attributie()], formaat)
    niet = sum(not r["voldoet"] for r in rijen)
    if niet and formaat == Formaat.tabel:
        console.print(f"{niet} locatie(s) voldoen niet aan de regel.")


@woonvormen_app.command("plantoets")
def plantoets(
    plannen: Annotated[Path, typer.Argument(help="Plannen (CSV/Excel): plan, gemeentenaam, woningen, nultreden, "
                                            "rolstoel, zorg, uitleg.")],
    datum: Annotated[str | None, typer.Option("--datum", help="Peildatum van de regel (standaard vandaag).")] = None,
    formaat: FormaatOptie = Formaat.tabel,
    excel: ExcelOptie = None,
) -> None:
    """Checklist 'pas toe of leg uit' voor woningbouwplannen; een afwijkend plan zonder uitleg geeft exitcode 1."""
    from verdeelwijzer.gegevens import attributie, laad_gemeenten
    from verdeelwijzer.woonvormen.regeluitvoer import reken_plantoets

    dag = _datum(datum)
    u = reken_plantoets(plannen, laad_gemeenten(datum=dag), dag)
    _excel(excel, u, [plannen], dag)
    regel = u.data["regel"]
    _uitvoer(u.titel, u.data["plannen"],
             [("plan", "plan"), ("gemeente", "gemeente"), ("status", "status"), ("afwijkingen", "afwijkingen"),
              ("uitleg", "uitleg")], {**u.data, "attributie": attributie()},
             [f"Regel: {regel['bron']} (status {regel['status']}).", attributie()], formaat)
    if u.fouten:
        typer.echo("Fout: " + u.fouten[0][0].lower() + u.fouten[0][1:], err=True)
        sys.exit(1)  # typer.Exit is swallowed with standalone_mode=False


@woonvormen_app.command("standplaatsen")
def standplaatsen(
    bestand: Annotated[Path, typer.Argument(help="Per gemeente (CSV/Excel): gemeentenaam, standplaatsen, "
                                            "eigen_behoefte, familie.")],
    regio: Annotated[str, typer.Option("--regio", help="De regio (naam of lijst van gemeenten).")],
    extra: Annotated[int, typer.Option("--extra", min=0, max=100_000,
                                       help="Extra regionale behoefte die geplaatst moet worden.")] = 0,
    verzoeken: Annotated[Path | None, typer.Option("--verzoeken", help="Familieverzoeken (CSV/Excel), één regel per "
                                                    "huishouden: huishouden, huidige_gemeente, gewenste_gemeente.")]
    = None,
    formaat: FormaatOptie = Formaat.tabel,
    excel: ExcelOptie = None,
) -> None:
    """Standplaatsen: eigen gemeente eerst, familiebanden gerespecteerd, extra behoefte eerst naar gemeenten met
    de minste standplaatsen per 1.000 woningen (onder het regionale gemiddelde)."""
    from verdeelwijzer.gegevens import attributie, laad_gemeenten, zoek_regio
    from verdeelwijzer.woonvormen.regeluitvoer import reken_standplaatsen

    gegevens = laad_gemeenten()
    u = reken_standplaatsen(bestand, gegevens, zoek_regio(regio, gegevens), extra, verzoeken)
    _excel(excel, u, [bestand, verzoeken], date.today())
    _uitvoer(u.titel, u.data["gemeenten"],
             [("gemeente", "gemeente"), ("dichtheid_voor", "per 1.000 woningen"), ("onder_gemiddelde", "onder gem."),
              ("eigen", "eigen"), ("familie", "familie"), ("extra", "extra"), ("dichtheid_na", "daarna")],
             {**u.data, "attributie": attributie()}, [u.uitleg[0], *u.data["stappen"], attributie()], formaat)


@woonvormen_app.command("monitor")
def monitor(
    afspraken: Annotated[Path, typer.Argument(help="Afsprakenkader (YAML) met 'woonvormen' en 'specialisatie'.")],
    gerealiseerd: Annotated[Path, typer.Argument(help="Gerealiseerde plekken (CSV/Excel): gemeentenaam, woonvorm, "
                                                 "jaar, aantal.")],
    formaat: FormaatOptie = Formaat.tabel,
    excel: Annotated[Path | None, typer.Option("--excel", help="Schrijf ook een Excelwerkmap (.xlsx).")] = None,
) -> None:
    """Gerealiseerde plekken per woonvorm en de balans over alle groepen per jaar (cumulatief), tegenover het
    minimumvoorstel van het afsprakenkader."""
    from verdeelwijzer.afspraken.invoer import lees_invoer
    from verdeelwijzer.afspraken.laden import laad_afspraken
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.woonvormen.weergave import balans_over_tijd_dict, balans_over_tijd_tabellen

    invoer = lees_invoer(laad_afspraken(afspraken))
    if invoer.woonvormen is None or invoer.woonvormen.specialisatie is None:
        raise InvoerFout(f"{afspraken}: geen sectie 'woonvormen' met 'specialisatie' (wegingsfactoren); die zijn "
                         "nodig voor de balans over tijd.")
    u = _balans_over_tijd(invoer, gerealiseerd)
    data = {"kader": invoer.geladen.kader.naam, **balans_over_tijd_dict(u), "attributie": attributie()}
    if excel is not None:
        from verdeelwijzer.rapport.excel import schrijf_werkmap

        schrijf_werkmap(excel, [("Afsprakenkader", str(invoer.geladen.kader.naam)),
                                ("Gerealiseerd", gerealiseerd.name), ("Bron", attributie())],
                        balans_over_tijd_tabellen(u), titel="Woonvormen: balans over tijd")
    if formaat == Formaat.json:
        typer.echo(json_tekst(data), nl=False)
        return
    tabellen = balans_over_tijd_tabellen(u)
    if formaat == Formaat.csv:
        typer.echo(csv_tekst([dict(r) for r in tabellen[0].rijen], [k.sleutel for k in tabellen[0].kolommen]),
                   nl=False)
        return
    for t in tabellen:
        toon_tabel(t.titel, [dict(r) for r in t.rijen], [(k.sleutel, k.kop) for k in t.kolommen], list(t.voetnoten))


def _balans_over_tijd(invoer: Any, pad: Path) -> Any:
    from verdeelwijzer.woonvormen import bereken_woonvormen
    from verdeelwijzer.woonvormen.invoer import lees_realisaties
    from verdeelwijzer.woonvormen.monitoring import balans_over_tijd

    w_in = invoer.woonvormen
    gegevens = invoer.gegevens
    namen = {w: w for w in w_in.specialisatie.gewichten}
    realisaties = lees_realisaties(pad, gegevens.zoeker, set(w_in.basis.gemeentecodes), namen, w_in.jaren)
    return balans_over_tijd(w_in, bereken_woonvormen(w_in), realisaties)
