"""`verdeelwijzer analyse` (woonzorg- en spreidingsanalyse van aandachtsgroepen) and
`verdeelwijzer sjabloon behoefte|aanbod`. Reads input, calls `verdeelwijzer.aandachtsgroepen`, renders."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from verdeelwijzer.cli import app
from verdeelwijzer.cli.gegevens import versie_info
from verdeelwijzer.cli.opties import FormaatOptie, GegevensOptie, RegioOptie, lees_datum
from verdeelwijzer.cli.sjabloon import sjabloon_app
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, json_tekst, toon_tabel
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import attributie, laad_gemeenten, zoek_regio


class SpreidingKeuze(StrEnum):
    aanbod = "aanbod"
    behoefte = "behoefte"




def _periode(tekst: str) -> list[int]:
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", tekst)
    if not m:
        raise InvoerFout(f"--periode '{tekst}': verwacht JJJJ of JJJJ-JJJJ, bv. 2027-2030.")
    start, eind = int(m.group(1)), int(m.group(2) or m.group(1))
    if eind < start or eind - start > 30:
        raise InvoerFout(f"--periode '{tekst}': het eindjaar ligt vóór het beginjaar of meer dan 30 jaar verder.")
    return list(range(start, eind + 1))


def _gewichten(teksten: list[str] | None) -> dict[str, Fraction]:
    from verdeelwijzer.verdeling.sleutel import parameter

    uit: dict[str, Fraction] = {}
    for t in teksten or []:
        if "=" not in t:
            raise InvoerFout(f"--gewicht '{t}': verwacht GROEP=GEWICHT, bv. dakloos=2.")
        groep, waarde = (x.strip() for x in t.split("=", 1))
        uit[groep] = Fraction(parameter(waarde, f"Gewicht van '{groep}'"))
    return uit


@app.command("analyse")
def analyse(
    regio: RegioOptie = None,
    behoefte: Annotated[Path | None, typer.Option(
        "--behoefte", "-b", help="CSV/Excel met de behoefte per gemeente, groep en jaar (zie 'verdeelwijzer sjabloon "
        "behoefte'). Zonder bestand: alleen schattingen.")] = None,
    aanbod: Annotated[Path | None, typer.Option(
        "--aanbod", "-a", help="CSV/Excel met bestaand en gepland aanbod per gemeente en woonvorm (zie 'verdeelwijzer "
        "sjabloon aanbod').")] = None,
    periode: Annotated[str | None, typer.Option(
        "--periode", help="Jaren van de analyse, bv. 2027-2030; standaard de jaren in het behoeftebestand.")] = None,
    sleutel: Annotated[str, typer.Option(
        "--sleutel", "-s", help="Sleutel voor het eerlijke aandeel: een indicator (standaard inwoners) of gewichten, "
        "bv. "
        "'inwoners=0.5,huishoudens=0.5'.")] = "inwoners",
    gewicht: Annotated[list[str] | None, typer.Option(
        "--gewicht", help="Gewicht van een groep in het gewogen overzicht, bv. --gewicht dakloos=2 (mag vaker).",
    )] = None,
    spreiding: Annotated[SpreidingKeuze, typer.Option(
        "--spreiding", help="Wie draagt nu: het bestaande aanbod (standaard) of de behoefte in het eerste jaar.")
    ] = SpreidingKeuze.aanbod,
    prognose: Annotated[Path | None, typer.Option(
        "--prognose", help="CSV/Excel met de bevolkingsprognose (gemeente, jaar, inwoners) als groeipad; standaard "
        "de verandering 2023 → 2024 (CBS), lineair doorgetrokken.")] = None,
    gegevens_bestanden: GegevensOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
    excel: Annotated[Path | None, typer.Option("--excel", help="Schrijf ook een Excelwerkmap (.xlsx).")] = None,
    uitleg: Annotated[str | None, typer.Option("--uitleg", help="Leg alle cijfers van deze gemeente uit.")] = None,
    datum: Annotated[str | None, typer.Option(
        "--datum", "-d", help="Regels (catalogus, prevalenties) die op deze datum gelden; standaard vandaag.")] = None,
) -> None:
    """Woonzorg- en spreidingsanalyse: behoefte, aanbod en opgave per aandachtsgroep, gemeente en jaar, en wie nu
    meer dan zijn deel draagt."""
    from verdeelwijzer.aandachtsgroepen.samenstellen import analyse_uit_bestanden, standaardperiode
    from verdeelwijzer.aandachtsgroepen.weergave import CSV_KOLOMMEN, als_dict, bladen, gemeente_uitleg, opgave_rijen

    if not regio:
        raise InvoerFout("Geef de regio op met --regio (zie 'verdeelwijzer regio lijst').")
    peildag = lees_datum(datum)
    gegevens = laad_gemeenten(gegevens_bestanden or [], datum=peildag)
    r = zoek_regio(regio, gegevens)
    jaren = _periode(periode) if periode else standaardperiode(behoefte, aanbod, peildag)
    a = analyse_uit_bestanden(gegevens, r, jaren, peildag, behoefte, aanbod, sleutel=sleutel,
                              gewichten=_gewichten(gewicht), spreiding_op=spreiding.value, prognose=prognose)
    if excel is not None:
        schrijf_excel(excel, a, peildag)
    if uitleg:
        assert gegevens.zoeker is not None
        code = gegevens.zoeker.zoek(uitleg, "--uitleg")
        if code not in a.invoer.codes:
            raise InvoerFout(f"--uitleg: {gegevens.naam(code)} hoort niet bij regio {r.naam}.")
        if formaat is Formaat.json:
            d = als_dict(a)
            typer.echo(json_tekst({"regio": d["regio"], "gemeente": {"gemeentecode": code,
                                                                     "gemeentenaam": gegevens.naam(code)},
                                   "uitleg": gemeente_uitleg(a, code),
                                   "opgave": [x for x in d["opgave"] if x["gemeentecode"] == code],
                                   "waarschuwingen": d["waarschuwingen"], "bronnen": d["bronnen"],
                                   "attributie": attributie(), "versie": versie_info()}), nl=False)
        else:
            typer.echo(gemeente_uitleg(a, code))
            typer.echo("Bronnen: " + "; ".join(a.invoer.bronnen))
            typer.echo(attributie())
        return
    if formaat is Formaat.json:
        typer.echo(json_tekst({**als_dict(a), "attributie": attributie(), "versie": versie_info()}), nl=False)
        return
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(opgave_rijen(a), CSV_KOLOMMEN), nl=False)
        return
    _toon(a, bladen(a), r.opmerking)


def schrijf_excel(pad: Path, a: Any, peildag: date) -> None:
    from verdeelwijzer.aandachtsgroepen.weergave import bladen, gemeente_uitleg
    from verdeelwijzer.afspraken.rapport import Kolom, Tabel
    from verdeelwijzer.rapport.excel import schrijf_werkmap

    tabellen = [Tabel(b.naam, b.titel, tuple(Kolom(k.sleutel, k.kop, k.soort) for k in b.kolommen), b.rijen,
                      b.voetnoten) for b in bladen(a)]  # sheet names without prefix: this workbook is the analysis
    dekblad = [("Regio", a.invoer.regio), ("Jaren", f"{a.invoer.jaren[0]}–{a.invoer.jaren[-1]}"),
               ("Sleutel", a.invoer.sleutel_label), ("Groeipad", a.invoer.groei.label),
               ("Gewichten", a.gewichten_uitleg), ("Regels gelezen op", peildag.isoformat()),
               ("Attributie", attributie())]
    uitleg = [("analyse", a.invoer.namen[c], gemeente_uitleg(a, c)) for c in a.invoer.codes]
    schrijf_werkmap(pad, dekblad, tabellen, uitleg, a.waarschuwingen, datum=peildag,
                    titel=f"Woonzorg- en spreidingsanalyse {a.invoer.regio}")


def _toon(a: Any, tabellen: list[Any], opmerking: str | None) -> None:
    from verdeelwijzer.aandachtsgroepen.weergave import num

    if opmerking:
        console.print(f"[yellow]Let op:[/yellow] {escape(opmerking)}", highlight=False)
    opgave, regio, spreiding, overzicht, groepen, regels = tabellen
    eerste = a.invoer.jaren[0]

    def rijen(blad: Any, filter_: Any = None) -> list[dict[str, Any]]:
        uit = []
        for r in blad.rijen:
            if filter_ is not None and not filter_(r):
                continue
            rij = {k: (escape(v) if isinstance(v, str) else v) for k, v in r.items()}
            if "jaar" in rij:
                rij["jaar"] = str(rij["jaar"])
            if "behoefte" in rij and rij["behoefte"] is None:
                rij["behoefte"], rij["opgave"] = "geen behoefte bekend", "onbekend"
            uit.append(rij)
        return uit

    def kol(blad: Any) -> list[tuple[str, str]]:
        return [(k.sleutel, k.kop) for k in blad.kolommen if k.sleutel not in ("bron", "aanbod_gepland_zacht")]

    toon_tabel(groepen.titel, rijen(groepen), kol(groepen), list(groepen.voetnoten))
    toon_tabel(regio.titel, rijen(regio), kol(regio), list(regio.voetnoten))
    toon_tabel(f"{opgave.titel} ({eerste}; alle jaren: --format csv of --excel)",
               rijen(opgave, lambda r: r["jaar"] == eerste), kol(opgave), list(opgave.voetnoten))
    dis = [{"groep": s.groep, "D": f"{float(s.dissimilariteit):.3f}".replace(".", ","), "grondslag": s.grondslag,
            "totaal": num(s.totaal)} for s in a.spreiding]
    toon_tabel("Dissimilariteitsindex per groep (0 = evenredig, 1 = alles op één plek)", dis,
               [("groep", "groep"), ("D", "D"), ("totaal", "nu in de regio"), ("grondslag", "wat telt")])
    toon_tabel(overzicht.titel, rijen(overzicht), kol(overzicht), list(overzicht.voetnoten))
    toon_tabel(regels.titel, rijen(regels), kol(regels))
    for w in a.waarschuwingen:
        console.print(f"[yellow]Waarschuwing:[/yellow] {escape(w)}", highlight=False)
    console.print("Bronnen: " + escape("; ".join(a.invoer.bronnen)), style="dim", highlight=False)
    console.print(escape(attributie()), style="dim", highlight=False)
    v = versie_info()
    console.print(f"Versie: verdeelwijzer {v['verdeelwijzer']}, gegevens {v['gegevens']}, regels {v['regels']}. "
                  "Uitleg per gemeente: --uitleg GEMEENTE; spreiding per gemeente: --format json of --excel.",
                  style="dim", highlight=False)


def _sjabloon(soort: str, uit: Path, regio: str | None, overschrijf: bool, datum: str | None) -> None:
    from verdeelwijzer.aandachtsgroepen.catalogus import laad_catalogus
    from verdeelwijzer.aandachtsgroepen.sjabloon import schrijf_sjabloon

    pad = uit if uit.suffix.lower() == ".xlsx" else uit / f"{soort}_sjabloon.xlsx"
    if pad.exists() and not overschrijf:
        raise InvoerFout(f"Bestand '{pad}' bestaat al; kies een ander pad met --uit of gebruik --overschrijf.")
    namen = regio_naam = None
    if regio:
        gegevens = laad_gemeenten()
        r = zoek_regio(regio, gegevens)
        namen = sorted((gegevens.naam(c) for c in r.gemeentecodes), key=str.lower)
        regio_naam = r.naam
    schrijf_sjabloon(pad, soort, laad_catalogus(lees_datum(datum)), namen, regio_naam)
    console.print(f"Geschreven: {pad}", highlight=False)


UitOptie = Annotated[Path, typer.Option("--uit", help="Bestand (.xlsx) of map waarin het sjabloon komt.")]
OverschrijfOptie = Annotated[bool, typer.Option("--overschrijf", help="Een bestaand bestand vervangen.")]
DatumOptie = Annotated[str | None, typer.Option("--datum", "-d", help="Catalogus volgens deze datum (JJJJ-MM-DD).")]


@sjabloon_app.command("behoefte")
def sjabloon_behoefte(uit: UitOptie = Path("."), regio: RegioOptie = None, overschrijf: OverschrijfOptie = False,
                      datum: DatumOptie = None) -> None:
    """Excelsjabloon voor de behoefte van aandachtsgroepen per gemeente, groep en jaar (met uitleg en catalogus)."""
    _sjabloon("behoefte", uit, regio, overschrijf, datum)


@sjabloon_app.command("aanbod")
def sjabloon_aanbod(uit: UitOptie = Path("."), regio: RegioOptie = None, overschrijf: OverschrijfOptie = False,
                    datum: DatumOptie = None) -> None:
    """Excelsjabloon voor bestaand en gepland aanbod per gemeente en woonvorm (met uitleg en catalogus)."""
    _sjabloon("aanbod", uit, regio, overschrijf, datum)
