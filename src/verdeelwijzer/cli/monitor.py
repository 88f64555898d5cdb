"""`verdeelwijzer monitor …` (ledger, imports, settlement, audit log) and `verdeelwijzer sjabloon monitoring`.

No calculation lives here: commands open the database, call `opslag` and `monitoring`, and render.
"""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer

from verdeelwijzer.cli import app
from verdeelwijzer.cli.opties import FormaatOptie, lees_datum
from verdeelwijzer.cli.sjabloon import sjabloon_app
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, getal_nl, json_tekst, toon_tabel
from verdeelwijzer.uitvoercel import controleer_uitvoerpad, schrijffouten

monitor_app = typer.Typer(
    help="Monitoring en bijsturen: doelen tegen realisatie, achterstand/voorsprong, mutatiegrens, vereffening.",
    no_args_is_help=True,
)
app.add_typer(monitor_app, name="monitor")

DbOptie = Annotated[str | None, typer.Option(
    "--db", help="Database: URL (sqlite:///…, postgresql+psycopg://…) of pad naar een SQLite-bestand. "
    "Standaard: omgevingsvariabele VERDEELWIJZER_DB, anders een bestand in uw gebruikersmap.")]
MonitorRegioOptie = Annotated[str | None, typer.Option(
    "--regio", help="Regio in de database (alleen nodig als de database er meer bevat).")]
PeildatumOptie = Annotated[str | None, typer.Option(
    "--peildatum", help="Datum (JJJJ-MM-DD) waarop de stand wordt bepaald; standaard vandaag.")]




def _peildatum(tekst: str | None) -> date:
    return lees_datum(tekst, "--peildatum")


def _namen() -> tuple[Any, dict[str, str]]:
    from verdeelwijzer.gegevens import laad_gemeenten

    gegevens = laad_gemeenten()
    return gegevens.zoeker, {c: gegevens.naam(c) for c in gegevens.codes}


def _gemeente_code(tekst: str | None, zoeker: Any) -> str | None:
    return zoeker.zoek(tekst, "--gemeente") if tekst else None


# --------------------------------------------------------------------------------------------------- init


@monitor_app.command("init")
def init(
    afspraken: Annotated[Path, typer.Option("--afspraken", "-a", help="Het afsprakenkader (YAML).")],
    db: DbOptie = None,
) -> None:
    """Leg een afsprakenkader vast als basis voor de monitoring (regio, perioden, doelen)."""
    from verdeelwijzer.monitoring.afsprakenkader import afspraak_uit_bestand
    from verdeelwijzer.opslag import huidige_gebruiker, open_database
    from verdeelwijzer.opslag.afspraken import leg_afspraak_vast
    from verdeelwijzer.opslag.database import toon_url

    afspraak = afspraak_uit_bestand(afspraken)
    database = open_database(db)
    wie = huidige_gebruiker()
    with database.sessie(schrijven=True, door=wie) as s:
        vast = leg_afspraak_vast(s, afspraak, door=wie)
    for bericht in vast.berichten:
        console.print(bericht, highlight=False)
    console.print(f"Database: {toon_url(database.url)}", style="dim", highlight=False)


# --------------------------------------------------------------------------------------------- importeer


@monitor_app.command("importeer")
def importeer(
    bestand: Annotated[Path, typer.Argument(help="CSV- of Excelbestand (zie 'verdeelwijzer sjabloon monitoring').")],
    db: DbOptie = None,
    regio: MonitorRegioOptie = None,
) -> None:
    """Lees gerealiseerde cijfers in (instroom, verhuringen of bouw): alles of niets."""
    from verdeelwijzer.opslag import huidige_gebruiker, open_database
    from verdeelwijzer.opslag.importeren import importeer as importeer_bestand

    zoeker, namen = _namen()
    database = open_database(db)
    verslag = importeer_bestand(database, bestand, door=huidige_gebruiker(), zoeker=zoeker, namen=namen,
                                regio_naam=regio)
    for bericht in verslag.berichten:
        console.print(bericht, highlight=False)


# ------------------------------------------------------------------------------------------------- stand


def _laad(db: str | None, regio: str | None):
    from verdeelwijzer.opslag import open_database
    from verdeelwijzer.opslag.afspraken import huidige_afspraak, kies_regio, laad_monitoring

    database = open_database(db)
    with database.sessie() as s:
        r = kies_regio(s, regio)
        versie = huidige_afspraak(s, r)
        invoer = laad_monitoring(s, r, versie)
        kop = {
            "regio": r.naam, "afspraak": versie.naam, "sha256": versie.sha256, "besluit": versie.besluit,
            "vastgesteld_op": versie.vastgesteld_op.isoformat(timespec="seconds") if versie.vastgesteld_op else None,
            "groepen": _groepen(versie.inhoud),
        }
    return kop, invoer


def _groepen(tekst: str | None) -> dict[str, str]:
    """Ledger category → aandachtsgroep (categories with 'groep:' in the adopted agreement)."""
    from verdeelwijzer.aandachtsgroepen.voortgang import groepen_uit_afspraak

    return groepen_uit_afspraak(tekst)


def _voorblad(kop: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Regio", kop["regio"]), ("Afspraak", kop["afspraak"]), ("Besluit", kop["besluit"] or "(geen)"),
            ("Vastgesteld op", kop["vastgesteld_op"] or ""), ("sha256 afsprakenkader", kop["sha256"])]


def _versie() -> dict[str, str]:
    from verdeelwijzer.cli.gegevens import versie_info

    return versie_info()


@monitor_app.command("stand")
def stand(
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente (naam of code).")] = None,
    periode: Annotated[str | None, typer.Option("--periode", help="Alleen deze periode (bv. 2027).")] = None,
    peildatum: PeildatumOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
    excel: Annotated[Path | None, typer.Option("--excel", help="Schrijf ook een Excelbestand.")] = None,
    db: DbOptie = None,
    regio: MonitorRegioOptie = None,
) -> None:
    """Waar staat elke gemeente: doel, realisatie, achterstand/voorsprong, status, mutatiegrens, vereffening."""
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.monitoring.drempels import drempels_op
    from verdeelwijzer.monitoring.excel import schrijf_stand_excel
    from verdeelwijzer.monitoring.stand import (
        bereken_stand,
        grootboek_rijen,
        mutatiegrens_rijen,
        regio_rijen,
        vereffening_dict,
    )

    if excel is not None:
        controleer_uitvoerpad(excel, "Excelbestand")
    zoeker, namen = _namen()
    code = _gemeente_code(gemeente, zoeker)
    kop, invoer = _laad(db, regio)
    st = bereken_stand(invoer, _peildatum(peildatum), drempels_op, gemeente=code, periode=periode)
    if excel is not None:
        with schrijffouten(excel, "Excelbestand"):
            schrijf_stand_excel(excel, st, namen, _voorblad(kop), attributie())
    gb, mg, rt = grootboek_rijen(st, namen), mutatiegrens_rijen(st, namen), regio_rijen(st)
    if formaat is Formaat.json:
        typer.echo(json_tekst({
            **kop, "peildatum": st.peildatum.isoformat(), "grootboek": gb, "mutatiegrens": mg, "regiototalen": rt,
            "bouw": [{**b, "gemeentenaam": namen.get(b["gemeentecode"], "")} for b in st.bouw],
            "vereffening": [vereffening_dict(v, namen, code) for v in st.vereffeningen],
            "statusdrempels": st.drempels_bron, "attributie": attributie(), "versie": _versie(),
            "per_groep": _per_groep(rt, kop["groepen"]),
        }), nl=False)
        return
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(gb, list(gb[0]) if gb else ["periode"]), nl=False)
        return
    titel = f"Monitoring {kop['regio']} — {kop['afspraak']} — peildatum {st.peildatum.isoformat()}"
    toon_tabel(titel, _met_saldo_tekst(gb), [
        ("periode", "periode"), ("gemeentenaam", "gemeente"), ("categorie", "categorie"), ("doel", "doel"),
        ("saldo_in", "saldo vorig"), ("bijgesteld_doel", "bijgesteld"), ("gerealiseerd", "gerealiseerd"),
        ("verschil", "verschil"), ("saldo_tekst", "achterstand (+) / voorsprong (−)"),
        ("verstreken_pct", "% verstreken"), ("realisatiegraad_pct", "% op schema"), ("status", "status")],
        ["Bijgesteld doel = doel + saldo vorige periode (bijsturen); % op schema = gerealiseerd / (bijgesteld "
         "doel × verstreken deel van de periode).", f"Statusdrempels: {st.drempels_bron}"])
    toon_tabel("Mutatiegrens: aandeel verhuringen naar urgenten (alle categorieën)", mg, [
        ("periode", "periode"), ("gemeentenaam", "gemeente"), ("verhuringen", "verhuringen"),
        ("urgenten", "urgenten"), ("aandeel_pct", "% urgenten"), ("grens_pct", "grens %"),
        ("boven_grens", "boven grens")])
    if code is None:
        toon_tabel("Regiototalen", rt, [
            ("periode", "periode"), ("categorie", "categorie"), ("doel", "doel"), ("bijgesteld_doel", "bijgesteld"),
            ("gerealiseerd", "gerealiseerd"), ("verschil", "verschil"), ("saldo_uit", "saldo"),
            ("realisatiegraad_pct", "% op schema"), ("status", "status")])
        per_groep = _per_groep(rt, kop["groepen"])
        if per_groep:
            toon_tabel("Voortgang per doelgroep (categorieën met een groep in het afsprakenkader)", [
                {**r, "categorieen": ", ".join(r["categorieen"])} for r in per_groep], [
                ("periode", "periode"), ("groep", "groep"), ("categorieen", "categorieën"), ("doel", "doel"),
                ("bijgesteld_doel", "bijgesteld"), ("gerealiseerd", "gerealiseerd"), ("verschil", "verschil")])
    if st.bouw:
        toon_tabel("Opgeleverde nieuwbouw", [{**b, "gemeentenaam": namen.get(b["gemeentecode"], "")} for b in st.bouw],
                   [("periode", "periode"), ("gemeentenaam", "gemeente"), ("segment", "segment"),
                    ("opgeleverd", "opgeleverd")])
    for v in st.vereffeningen:
        _toon_vereffening(v, namen, code)
    console.print(attributie(), style="dim", highlight=False)
    if excel is not None:
        console.print(f"Excel geschreven: {excel}", highlight=False)


def _per_groep(regiorijen: list[dict[str, Any]], groepen: dict[str, str]) -> list[dict[str, Any]]:
    from verdeelwijzer.aandachtsgroepen.voortgang import voortgang_per_groep

    return voortgang_per_groep(regiorijen, groepen)


def _met_saldo_tekst(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    uit = []
    for r in rijen:
        s = r["saldo_uit"]
        tekst = f"achterstand {getal_nl(s)}" if s > 0 else f"voorsprong {getal_nl(-s)}" if s < 0 else "0"
        uit.append({**r, "saldo_tekst": tekst})
    return uit


def _toon_vereffening(v, namen: dict[str, str], code: str | None) -> None:
    from verdeelwijzer.monitoring.stand import vereffening_dict
    from verdeelwijzer.monitoring.vereffening import euro

    d = vereffening_dict(v, namen, code)
    rijen = [{**r, "bedrag": euro(Fraction(r["bedrag_centen"], 100), teken=True)} for r in d["gemeenten"]]
    toon_tabel(f"Vereffening periode {v.periode}", rijen, [
        ("gemeentenaam", "gemeente"), ("doel", "doel"), ("gerealiseerd", "gerealiseerd"), ("verwacht", "verwacht"),
        ("afwijking", "afwijking"), ("bedrag", "bedrag (+ ontvangt, − betaalt)")], list(v.toelichting))


# --------------------------------------------------------------------------------------------- vereffening


@monitor_app.command("vereffening")
def vereffening(
    periode: Annotated[str, typer.Option("--periode", help="De periode (bv. 2027).")],
    formaat: FormaatOptie = Formaat.tabel,
    db: DbOptie = None,
    regio: MonitorRegioOptie = None,
) -> None:
    """Vereffening over een periode: te veel of te weinig gehuisvest × tarief, nulsom over de regio."""
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.monitoring.stand import vereffening_dict
    from verdeelwijzer.monitoring.vereffening import vereffening as bereken

    _, namen = _namen()
    kop, invoer = _laad(db, regio)
    v = bereken(invoer, periode)
    if formaat is Formaat.json:
        typer.echo(json_tekst({**kop, **vereffening_dict(v, namen), "attributie": attributie(),
                               "versie": _versie()}), nl=False)
        return
    if formaat is Formaat.csv:
        rijen = vereffening_dict(v, namen)["gemeenten"]
        typer.echo(csv_tekst(rijen, list(rijen[0]) if rijen else ["periode"]), nl=False)
        return
    _toon_vereffening(v, namen, None)
    console.print("Berekening per gemeente:", highlight=False)
    for r in v.regels:
        console.print(f"  {namen.get(r.gemeentecode, r.gemeentecode)}: {r.berekening}", highlight=False)


# ----------------------------------------------------------------------------------------------------- log


@monitor_app.command("log")
def log(
    formaat: FormaatOptie = Formaat.tabel,
    limiet: Annotated[int | None, typer.Option("--limiet", help="Alleen de laatste N regels.")] = None,
    db: DbOptie = None,
) -> None:
    """Het auditlog: wie wijzigde wat en wanneer, met oude en nieuwe waarden."""
    from verdeelwijzer.opslag import als_dict, lees_audit, open_database

    database = open_database(db)
    with database.sessie() as s:
        regels = [als_dict(r) for r in lees_audit(s, limiet=limiet)]
    if formaat is Formaat.json:
        typer.echo(json_tekst({"auditlog": regels}), nl=False)
        return
    def kort(w: Any) -> str:
        return "" if w is None else json.dumps(w, ensure_ascii=False)

    tekst = [{**r, "oud": kort(r["oud"]), "nieuw": kort(r["nieuw"])} for r in regels]
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(tekst, ["id", "wanneer", "wie", "actie", "onderwerp", "oud", "nieuw"]), nl=False)
        return
    toon_tabel("Auditlog", tekst, [("id", "nr"), ("wanneer", "wanneer (UTC)"), ("wie", "wie"), ("actie", "actie"),
                                   ("onderwerp", "onderwerp"), ("oud", "oud"), ("nieuw", "nieuw")])


# ------------------------------------------------------------------------------------------------ sjabloon


@sjabloon_app.command("monitoring")
def sjabloon_monitoring(
    uit: Annotated[Path, typer.Option("--uit", help="Map waarin de sjablonen komen.")] = Path("."),
    db: Annotated[str | None, typer.Option(
        "--db", help="Vul gemeenten, perioden en categorieën in uit deze monitoringdatabase (optioneel).")] = None,
    regio: MonitorRegioOptie = None,
) -> None:
    """Sjablonen voor gerealiseerde cijfers: instroom, verhuringen en bouw (Excel en CSV)."""
    from verdeelwijzer.monitoring.sjabloon import SjabloonRegio, schrijf_sjablonen

    sjabloon_regio = None
    if db or regio:
        from verdeelwijzer.opslag import open_database
        from verdeelwijzer.opslag.afspraken import categorieen_van, huidige_afspraak, kies_regio, perioden_van

        _, namen = _namen()
        database = open_database(db)
        with database.sessie() as s:
            r = kies_regio(s, regio)
            versie = huidige_afspraak(s, r)
            sjabloon_regio = SjabloonRegio(
                r.naam, sorted(((c, namen.get(c, c)) for c in r.codes()), key=lambda cn: cn[1]),
                [p.code for p in perioden_van(s, r)], list(categorieen_van(versie)))
    with schrijffouten(uit, "Map voor de sjablonen"):
        paden = schrijf_sjablonen(uit, sjabloon_regio)
    for pad in paden:
        console.print(f"Geschreven: {pad}", highlight=False)
