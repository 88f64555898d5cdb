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


def _regel_dict(p: Any) -> dict[str, str]:
    return {"naam": p.naam, "waarde": str(p.waarde), "status": p.status, "bron": p.bron_titel, "url": p.bron_url,
            "geldig_vanaf": p.geldig_vanaf.isoformat()}


def _uitvoer(titel: str, rijen: list[dict[str, Any]], kolommen: list[tuple[str, str]], data: dict[str, Any],
             noten: list[str], formaat: Formaat) -> None:
    if formaat == Formaat.json:
        typer.echo(json_tekst(data), nl=False)
    elif formaat == Formaat.csv:
        typer.echo(csv_tekst(rijen, [k for k, _ in kolommen]), nl=False)
    else:
        toon_tabel(titel, rijen, kolommen, noten)


@woonvormen_app.command("locaties")
def locaties(
    register: Annotated[Path, typer.Argument(help="Locatieregister (CSV/Excel): locatie, gemeentenaam, "
                                             "werkt_in_gemeente, werkt_in_regio, werkt_buiten_regio.")],
    regio: Annotated[str, typer.Option("--regio", help="De regio (naam of lijst van gemeenten).")],
    datum: Annotated[str | None, typer.Option("--datum", help="Peildatum van de regel (standaard vandaag).")] = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Locatieregel arbeidsmigranten (type 80-10-10) per locatie; de percentages staan in de parameter."""
    from verdeelwijzer.gegevens import attributie, laad_gemeenten, zoek_regio
    from verdeelwijzer.regels import lees_parameter
    from verdeelwijzer.woonvormen.invoer import lees_locaties
    from verdeelwijzer.woonvormen.regeltypen import toets_locaties

    dag = _datum(datum)
    gegevens = laad_gemeenten(datum=dag)
    r = zoek_regio(regio, gegevens)
    regel = lees_parameter("locatieregel_arbeidsmigranten", dag)
    w = regel.waarde
    assert gegevens.zoeker is not None
    toetsen = toets_locaties(lees_locaties(register, gegevens.zoeker, set(r.gemeentecodes)),
                             w["gemeente_minimaal"], w["regio_maximaal"], w["buiten_maximaal"])
    rijen = [{"regel": t.locatie.regel, "locatie": t.locatie.naam, "gemeentecode": t.locatie.gemeentecode,
              "gemeente": gegevens.naam(t.locatie.gemeentecode),
              "aandeel_gemeente": None if t.aandeel_gemeente is None else float(t.aandeel_gemeente),
              "aandeel_regio": None if t.aandeel_regio is None else float(t.aandeel_regio),
              "aandeel_buiten": None if t.aandeel_buiten is None else float(t.aandeel_buiten),
              "voldoet": t.voldoet, "uitleg": "; ".join(t.redenen)} for t in toetsen]
    data = {"regio": r.naam, "regel": _regel_dict(regel), "locaties": rijen, "attributie": attributie()}
    _uitvoer(f"Locatieregel arbeidsmigranten — {r.naam}", rijen,
             [("locatie", "locatie"), ("gemeente", "gemeente"), ("voldoet", "voldoet"), ("uitleg", "uitleg")], data,
             [f"Regel: {regel.bron_titel} (status {regel.status}).", attributie()], formaat)
    if not all(t.voldoet for t in toetsen) and formaat == Formaat.tabel:
        console.print(f"{sum(not t.voldoet for t in toetsen)} locatie(s) voldoen niet aan de regel.")


@woonvormen_app.command("plantoets")
def plantoets(
    plannen: Annotated[Path, typer.Argument(help="Plannen (CSV/Excel): plan, gemeentenaam, woningen, nultreden, "
                                            "rolstoel, zorg, uitleg.")],
    datum: Annotated[str | None, typer.Option("--datum", help="Peildatum van de regel (standaard vandaag).")] = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Checklist 'pas toe of leg uit' voor woningbouwplannen; een afwijkend plan zonder uitleg geeft exitcode 1."""
    from verdeelwijzer.gegevens import attributie, laad_gemeenten
    from verdeelwijzer.regels import lees_parameter
    from verdeelwijzer.woonvormen.invoer import lees_plannen
    from verdeelwijzer.woonvormen.regeltypen import toets_plannen

    dag = _datum(datum)
    gegevens = laad_gemeenten(datum=dag)
    regel = lees_parameter("plantoets_woonzorg", dag)
    w = regel.waarde
    assert gegevens.zoeker is not None
    toetsen = toets_plannen(lees_plannen(plannen, gegevens.zoeker), w["nultreden_minimaal"],
                            w["rolstoel_van_nultreden_minimaal"], w["zorg_minimaal"])
    rijen = [{"regel": t.plan.regel, "plan": t.plan.naam, "gemeentecode": t.plan.gemeentecode,
              "gemeente": gegevens.naam(t.plan.gemeentecode), "aandeel_nultreden": float(t.aandeel_nultreden),
              "aandeel_zorg": float(t.aandeel_zorg), "status": t.status, "afwijkingen": "; ".join(t.afwijkingen),
              "uitleg": t.plan.uitleg} for t in toetsen]
    data = {"regel": _regel_dict(regel), "plannen": rijen, "attributie": attributie()}
    _uitvoer("Checklist woningbouwplannen (pas toe of leg uit)", rijen,
             [("plan", "plan"), ("gemeente", "gemeente"), ("status", "status"), ("afwijkingen", "afwijkingen"),
              ("uitleg", "uitleg")], data, [f"Regel: {regel.bron_titel} (status {regel.status}).", attributie()],
             formaat)
    zonder = [t for t in toetsen if t.afwijkingen and not t.plan.uitleg.strip()]
    if zonder:
        typer.echo("Fout: een plan dat afwijkt vraagt een uitleg (kolom 'uitleg'): "
                   + ", ".join(f"{plannen}, regel {t.plan.regel} ({t.plan.naam})" for t in zonder), err=True)
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
) -> None:
    """Standplaatsen: eigen gemeente eerst, familiebanden gerespecteerd, extra behoefte eerst naar gemeenten met
    de minste standplaatsen per 1.000 woningen (onder het regionale gemiddelde)."""
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.gegevens import attributie, laad_gemeenten, zoek_regio
    from verdeelwijzer.verdeling.getallen import nl
    from verdeelwijzer.woonvormen.invoer import lees_standplaatsen, lees_verzoeken
    from verdeelwijzer.woonvormen.regeltypen import Standplaatsgemeente, met_verzoeken, plaats_standplaatsen

    gegevens = laad_gemeenten()
    r = zoek_regio(regio, gegevens)
    assert gegevens.zoeker is not None
    codes = sorted(r.gemeentecodes)
    gelezen = lees_standplaatsen(bestand, gegevens.zoeker, set(codes))
    woningen, _ = gegevens.indicator("woningvoorraad", codes)
    gemeenten = [Standplaatsgemeente(c, gegevens.naam(c), int(w), *gelezen.get(c, (0, 0, 0)))
                 for c, w in zip(codes, woningen, strict=True)]
    verzoekstappen: tuple[str, ...] = ()
    gelezen_verzoeken = []
    if verzoeken is not None:
        if any(g.familie for g in gemeenten):
            raise InvoerFout(f"{bestand}, kolom 'familie': met --verzoeken staan de familiebanden per huishouden in "
                             f"'{verzoeken}'; laat de kolom familie weg of zet haar op 0 (anders telt een familieband "
                             "dubbel).")
        gelezen_verzoeken = lees_verzoeken(verzoeken, gegevens.zoeker, set(codes), gegevens.naam)
        gemeenten, verzoekstappen = met_verzoeken(gemeenten, gelezen_verzoeken)
    u = plaats_standplaatsen(gemeenten, extra)
    rijen = [{"gemeentecode": g.gemeentecode, "gemeente": g.gemeentenaam, "dichtheid_voor": float(g.dichtheid_voor),
              "onder_gemiddelde": g.onder_gemiddelde, "eigen": g.eigen, "familie": g.familie, "extra": g.extra,
              "dichtheid_na": float(g.dichtheid_na)} for g in u.regels]
    noten = [f"Regionaal gemiddelde: {nl(u.gemiddelde)} standplaatsen per 1.000 woningen (woningvoorraad CBS).",
             *verzoekstappen, *u.stappen, attributie()]
    data = {"regio": r.naam, "gemiddelde": float(u.gemiddelde), "extra": extra, "gemeenten": rijen,
            "verzoeken": [{"regel": v.regel, "huishouden": v.huishouden, "huidige_gemeente": v.huidige_gemeente,
                           "gewenste_gemeentecode": v.gewenste_gemeente, "toelichting": v.toelichting}
                          for v in gelezen_verzoeken],
            "stappen": [*verzoekstappen, *u.stappen], "attributie": attributie()}
    _uitvoer(f"Standplaatsen — {r.naam}", rijen,
             [("gemeente", "gemeente"), ("dichtheid_voor", "per 1.000 woningen"), ("onder_gemiddelde", "onder gem."),
              ("eigen", "eigen"), ("familie", "familie"), ("extra", "extra"), ("dichtheid_na", "daarna")],
             data, noten, formaat)


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
