"""`verdeelwijzer betaalbaarheid` (spoor 1) and `verdeelwijzer sjabloon programma`.

Reads the data, the rules for a date and the programme file, calls the pure calculation in
`verdeelwijzer.betaalbaarheid`, and renders it as tables, CSV or JSON. No calculation lives here.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from verdeelwijzer.betaalbaarheid import lees_regels
from verdeelwijzer.betaalbaarheid.berekening import Betaalbaarheid
from verdeelwijzer.betaalbaarheid.regio import VARIANT_NAAM
from verdeelwijzer.betaalbaarheid.restopgave import SLEUTEL_UITLEG
from verdeelwijzer.betaalbaarheid.samenstellen import bereken_uit_bestanden
from verdeelwijzer.betaalbaarheid.uitleg import STATUS_UITLEG, exact_tekst, procent
from verdeelwijzer.betaalbaarheid.weergave import CSV_KOLOMMEN, als_dict, csv_rijen, gebruikte_regels, gemeente_tekst
from verdeelwijzer.cli import app
from verdeelwijzer.cli.gegevens import versie_info
from verdeelwijzer.cli.opties import FormaatOptie, GegevensOptie, RegioOptie, lees_datum
from verdeelwijzer.cli.sjabloon import sjabloon_app
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, json_tekst, toon_tabel
from verdeelwijzer.fouten import InvoerFout, RegelFout
from verdeelwijzer.gegevens import Gegevens, attributie, laad_gemeenten, zoek_regio
from verdeelwijzer.uitvoercel import controleer_uitvoerpad, schrijffouten

STATUS_KLEUR = {"wet": "green", "ontwerp": "yellow", "seed": "magenta", "aanname": "red", "eigen invoer": "cyan"}


class SleutelKeuze(StrEnum):
    bouwvolume = "bouwvolume"
    laagste_aandeel = "laagste-aandeel"
    gelijk_aandeel = "gelijk-aandeel"


class MethodeKeuze(StrEnum):
    sainte_lague = "sainte-lague"
    hamilton = "hamilton"
    dhondt = "dhondt"
    huntington_hill = "huntington-hill"




@app.command("betaalbaarheid")
def betaalbaarheid(
    regio: RegioOptie = None,
    programma: Annotated[Path | None, typer.Option(
        "--programma", "-p", help="CSV- of Excelbestand met per gemeente gecontracteerd en niet_gecontracteerd "
        "(zie 'verdeelwijzer sjabloon programma').")] = None,
    plan: Annotated[Path | None, typer.Option(
        "--plan", help="Optioneel apart bestand met het plan per segment: gemeente, sociale_huur, middenhuur, "
        "betaalbare_koop, vrije_sector.")] = None,
    sleutel: Annotated[SleutelKeuze, typer.Option(
        "--sleutel", "-s", help="Verdeling van de sociale restopgave: bouwvolume (naar rato), laagste-aandeel "
        "(laagste sociaal aandeel krijgt meer) of gelijk-aandeel (sociaal aandeel na de termijn gelijk trekken).",
    )] = SleutelKeuze.bouwvolume,
    gegevens_bestanden: GegevensOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
    datum: Annotated[str | None, typer.Option(
        "--datum", "-d", help="Regels die op deze datum gelden (JJJJ-MM-DD); standaard vandaag.")] = None,
    methode: Annotated[MethodeKeuze, typer.Option(
        "--methode", help="Afronding naar hele woningen.")] = MethodeKeuze.sainte_lague,
    seed: Annotated[int, typer.Option(
        "--seed", help="Seed voor de loting bij een gelijke stand bij het afronden (wordt altijd gemeld).")] = 1,
    uitleg: Annotated[str | None, typer.Option(
        "--uitleg", help="Toon de volledige uitleg van elk getal voor deze gemeente.")] = None,
) -> None:
    """Betaalbaar programmeren: minima per gemeente, regionale toets (2/3 betaalbaar, 30 % sociale huur),
    eerlijke verdeling van de restopgave en projectie van het sociaal aandeel na de termijn."""
    if not regio:
        raise InvoerFout("Geef de woningbouwregio op met --regio (zie 'verdeelwijzer regio lijst').")
    if programma is None:
        raise InvoerFout("Geef het programmabestand op met --programma (sjabloon: 'verdeelwijzer sjabloon "
                         "programma').")
    peildag = lees_datum(datum)
    gegevens = laad_gemeenten(gegevens_bestanden or [], datum=peildag)
    r = zoek_regio(regio, gegevens)
    assert gegevens.zoeker is not None
    codes = sorted(r.gemeentecodes)
    uitkomst = bereken_uit_bestanden(gegevens, r, programma, plan, sleutel.value, peildag, methode=methode.value,
                                     seed=seed)
    bronnen = [b.kort() for b in gegevens.bronnen_gebruikt(codes, ("woningvoorraad", "sociale_voorraad"))]
    kop = {
        "regio": {"naam": r.naam, "soort": r.soort, "gemeentecodes": codes, "opmerking": r.opmerking},
        "datum": peildag.isoformat(),
        "invoer": {"programma": str(programma), "plan": str(plan) if plan else None,
                   "gegevens": [str(p) for p in gegevens_bestanden or []]},
    }
    if uitleg:
        code = gegevens.zoeker.zoek(uitleg, "--uitleg")
        if code not in codes:
            raise InvoerFout(f"--uitleg: {gegevens.naam(code)} hoort niet bij regio {r.naam}.")
        if formaat is Formaat.json:
            from verdeelwijzer.betaalbaarheid.weergave import gemeente_dict

            typer.echo(json_tekst({**kop, "gemeente": gemeente_dict(uitkomst.gemeente(code)),
                                   "regels": [x.als_dict() for x in gebruikte_regels(uitkomst)],
                                   "bronnen": bronnen, "attributie": attributie(), "versie": versie_info()}), nl=False)
        else:
            typer.echo(gemeente_tekst(uitkomst, code))
            typer.echo("Bronnen: " + "; ".join(bronnen))
            typer.echo(attributie())
        return
    if formaat is Formaat.json:
        typer.echo(json_tekst({**kop, **als_dict(uitkomst), "bronnen": bronnen, "attributie": attributie(),
                               "versie": versie_info()}), nl=False)
        return
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(csv_rijen(uitkomst), CSV_KOLOMMEN), nl=False)
        return
    _toon(uitkomst, gegevens, f"{r.naam} ({r.soort}, {len(codes)} gemeenten)", r.opmerking, peildag, bronnen)


def _status(s: str) -> str:
    kleur = STATUS_KLEUR.get(s)
    return f"[{kleur}]{s}[/{kleur}]" if kleur else s


def _leesbaar(v: Any) -> str:
    """A rule's value as a policy officer reads it: 25,6 %, 2/3 (≈ 66,7 %), ja, 10."""
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, Fraction):
        exact = (v * 1000).denominator == 1
        return procent(v, 1) if exact else f"{v} (≈ {procent(v, 1)})"
    return str(exact_tekst(v))


def _pct(f: Any) -> float:
    return round(float(f) * 100, 2)


def _toon(b: Betaalbaarheid, gegevens: Gegevens, titel: str, opmerking: str | None, peildag: date,
          bronnen: list[str]) -> None:
    if opmerking:
        console.print(f"[yellow]Let op:[/yellow] {escape(opmerking)}", highlight=False)
    concept = [x for x in b.regels.alle() if x.status != "wet"]
    if concept:
        console.print(
            "[bold yellow]Let op:[/bold yellow] deze berekening rust op regels die nog geen vastgesteld recht zijn ("
            + ", ".join(f"{x.naam}: {_status(x.status)}" for x in concept) + ").", highlight=False)
    gemeenten = sorted(b.gemeenten, key=lambda g: g.gemeentenaam)

    regelrijen = [{"naam": escape(x.naam), "waarde": escape(_leesbaar(x.waarde)), "status": _status(x.status),
                   "bron": escape(x.bron)} for x in gebruikte_regels(b)]
    toon_tabel(f"Regels geldig op {peildag.isoformat()}", regelrijen,
               [("naam", "regel"), ("waarde", "waarde"), ("status", "status"), ("bron", "bron")])

    rijen = []
    for g in gemeenten:
        m = g.minimum
        rijen.append({
            "gemeentenaam": m.gemeentenaam, "V": m.woningvoorraad.waarde, "S": m.sociale_voorraad.waarde,
            "s": _pct(m.sociaal_aandeel.waarde),
            "regel": f"{procent(m.percentage.waarde, 0 if (m.percentage.waarde * 100).denominator == 1 else 1)} "
                     f"{'sociale huur' if m.regel == 'sociale_huur' else 'middensegment'}"
                     + (" (ontheffing)" if m.ontheffing else "")
                     + ("\n[yellow]onzeker — laad de officiële DAEB-voorraad[/yellow]"
                        if m.classificatie_onzeker else ""),
            "Bc": m.gecontracteerd, "Bn": m.niet_gecontracteerd, "G": m.grondslag.waarde,
            "min_sh": m.minimum_sociale_huur.waarde, "min_ms": m.minimum_middensegment.waarde,
            "ruimte": m.ruimte.waarde, "status": _status(m.minimum_regel.status),
        })
    toon_tabel(f"Betaalbaarheid {titel} — minimum per gemeente", rijen, [
        ("gemeentenaam", "gemeente"), ("V", "woning-\nvoorraad"), ("S", "sociale\nvoorraad"),
        ("s", "sociaal\naandeel %"), ("regel", "regel"), ("Bc", "gecon-\ntracteerd"), ("Bn", "niet gecon-\ntracteerd"),
        ("G", "grondslag"), ("min_sh", "minimum\nsociale huur"), ("min_ms", "minimum\nmiddensegment"),
        ("ruimte", "ruimte"), ("status", "status"),
    ], [f"Regel: sociaal aandeel onder het landelijk gemiddelde ({procent(b.regels.landelijk_gemiddelde.waarde, 1)}) → "
        f"ten minste {procent(b.regels.minimum_sociale_huur.waarde, 0)} sociale huur, anders ten minste "
        f"{procent(b.regels.minimum_middensegment.waarde, 0)} middensegment, over de grondslag; een minimum wordt "
        "naar boven afgerond ('ten minste'). Ruimte = niet gecontracteerd − eigen minimum.",
        *([f"Onzeker: het geschatte sociaal aandeel (alle corporatiewoningen) ligt minder dan "
           f"{procent(b.regels.onzekerheidsmarge.waarde, 1)} boven het gemiddelde; met de DAEB-voorraad kan de regel "
           "omslaan (parameter onzekerheidsmarge_sociale_voorraad, status aanname)."]
          if b.regels.onzekerheidsmarge is not None and b.onzeker else [])])

    met_plan = [g for g in gemeenten if g.plantoets]
    if met_plan:
        planrijen = []
        for g in met_plan:
            t = g.plantoets
            assert t is not None
            planrijen.append({
                "gemeentenaam": g.gemeentenaam, "sh": t.plan.sociale_huur, "mh": t.plan.middenhuur,
                "bk": t.plan.betaalbare_koop, "vs": t.plan.vrije_sector,
                "min": f"{int(g.minimum.minimum_regel.waarde):,}".replace(",", ".") + " "
                       + ("sh" if g.minimum.regel == "sociale_huur" else "ms"),
                "tekort": t.tekort_minimum.waarde, "oordeel": "voldoet" if t.voldoet_minimum else "[red]tekort[/red]",
                "t_sh": t.tekort_voorstel_sociale_huur.waarde, "t_b": t.tekort_voorstel_betaalbaar.waarde,
            })
        toon_tabel("Plantoets per gemeente (plan over de hele programmering)", planrijen, [
            ("gemeentenaam", "gemeente"), ("sh", "sociale\nhuur"), ("mh", "midden-\nhuur"), ("bk", "betaalbare\nkoop"),
            ("vs", "vrije\nsector"), ("min", "minimum"), ("tekort", "tekort\nminimum"), ("oordeel", "oordeel"),
            ("t_sh", "tekort sociale\nhuur t.o.v.\nvoorstel"), ("t_b", "tekort\nbetaalbaar t.o.v.\nvoorstel"),
        ], ["Alle geplande woningen van een segment tellen mee, ook in gecontracteerde projecten."])

    d = b.doelen
    regiorijen = [
        {"wat": "grondslag", "waarde": d.grondslag.waarde, "uitleg": escape(d.grondslag.uitleg),
         "status": _status(d.grondslag.status)},
        {"wat": "doel sociale huur", "waarde": d.doel_sociale_huur.waarde, "uitleg": escape(d.doel_sociale_huur.uitleg),
         "status": _status(d.doel_sociale_huur.status)},
        {"wat": "doel betaalbaar", "waarde": d.doel_betaalbaar.waarde, "uitleg": escape(d.doel_betaalbaar.uitleg),
         "status": _status(d.doel_betaalbaar.status)},
        {"wat": "sociale restopgave", "waarde": d.rest_sociale_huur.waarde,
         "uitleg": escape(d.rest_sociale_huur.uitleg), "status": _status(d.rest_sociale_huur.status)},
        {"wat": "overige betaalbare restopgave", "waarde": d.rest_betaalbaar.waarde,
         "uitleg": escape(d.rest_betaalbaar.uitleg), "status": _status(d.rest_betaalbaar.status)},
    ]
    for t in b.toetsen.values():
        regiorijen.append({
            "wat": f"toets: {VARIANT_NAAM[t.variant]}", "waarde": "gehaald" if t.gehaald else "[red]niet gehaald[/red]",
            "uitleg": f"sociale huur {t.sociale_huur.waarde:,} (tekort {t.tekort_sociale_huur.waarde:,}); betaalbaar "
                      f"{t.betaalbaar.waarde:,} (tekort {t.tekort_betaalbaar.waarde:,})".replace(",", "."),
            "status": _status(t.tekort_betaalbaar.status),
        })
    regiorijen.append({
        "wat": "classificatie onzeker", "waarde": len(b.onzeker),
        "uitleg": (", ".join(b.onzeker) + " — laad de officiële DAEB-voorraad") if b.onzeker
        else "geen gemeente binnen de onzekerheidsmarge",
        "status": _status(b.regels.onzekerheidsmarge.status) if b.regels.onzekerheidsmarge else "",
    })
    toon_tabel("Regionale toets", regiorijen, [("wat", "onderdeel"), ("waarde", "waarde"), ("uitleg", "uitleg"),
                                               ("status", "status")])

    rs, rb = b.rest_sociale_huur, b.rest_betaalbaar
    restrijen = []
    for g in gemeenten:
        a_sh = next(a for a in rs.aandelen if a.gemeentecode == g.gemeentecode)
        a_b = next(a for a in rb.aandelen if a.gemeentecode == g.gemeentecode)
        restrijen.append({
            "gemeentenaam": g.gemeentenaam, "cap_sh": a_sh.plafond.waarde, "q_sh": round(float(a_sh.quotum.waarde), 2),
            "e_sh": g.extra_sociale_huur.waarde, "cap_b": a_b.plafond.waarde, "q_b": round(float(a_b.quotum.waarde), 2),
            "e_b": g.extra_betaalbaar.waarde, "v_sh": g.voorstel_sociale_huur.waarde,
            "v_ms": g.voorstel_middensegment.waarde, "v_b": g.voorstel_betaalbaar.waarde,
        })
    restrijen.append({"gemeentenaam": "Totaal", **{k: sum(r[k] for r in restrijen if isinstance(r[k], int))
                                                   for k in ("cap_sh", "e_sh", "cap_b", "e_b", "v_sh", "v_ms", "v_b")}})
    noten = [f"Sociale restopgave: {SLEUTEL_UITLEG[rs.sleutel]}; overige betaalbare restopgave: naar rato van de "
             f"grondslag; afronding {rs.methode}, binnen de ruimte (plafond) van elke gemeente.",
             *(f"Sociale restopgave — {x}" for x in rs.stappen), *(f"Overige restopgave — {x}" for x in rb.stappen)]
    toon_tabel(f"Verdeling van de restopgave (sleutel {b.sleutel}) en voorstel per gemeente", restrijen, [
        ("gemeentenaam", "gemeente"), ("cap_sh", "ruimte\nsociaal"), ("q_sh", "quotum\nsociaal"),
        ("e_sh", "extra\nsociale huur"), ("cap_b", "ruimte\noverig"), ("q_b", "quotum\noverig"),
        ("e_b", "extra\nbetaalbaar"), ("v_sh", "voorstel\nsociale huur"), ("v_ms", "voorstel\nmiddensegment"),
        ("v_b", "voorstel\nbetaalbaar"),
    ], [escape(n) for n in noten])

    jaren = b.regels.termijn_jaren.waarde
    projrijen = []
    for g in gemeenten:
        p = g.projecties
        projrijen.append({
            "gemeentenaam": g.gemeentenaam, "nu": _pct(g.minimum.sociaal_aandeel.waarde),
            "V": p["minimum"].woningvoorraad.waarde, "min": _pct(p["minimum"].sociaal_aandeel.waarde),
            "plan": _pct(p["plan"].sociaal_aandeel.waarde) if "plan" in p else None,
            "voorstel": _pct(p["voorstel"].sociaal_aandeel.waarde),
            "S": p["voorstel"].sociale_voorraad.waarde,
        })
    toon_tabel(f"Projectie na {jaren} jaar: sociaal aandeel van de woningvoorraad", projrijen, [
        ("gemeentenaam", "gemeente"), ("nu", "nu %"), ("V", "woningvoorraad\nna termijn"),
        ("min", "met minimum %"), ("plan", "met plan %"), ("voorstel", "met voorstel %"),
        ("S", "sociale voorraad\nna termijn (voorstel)"),
    ], ["Aanname: de hele programmering wordt binnen de termijn opgeleverd; geen sloop, verkoop of liberalisatie; "
        "zonder plan telt het gecontracteerde deel niet als sociale huur."])

    for w in b.waarschuwingen:
        console.print(f"[yellow]Waarschuwing:[/yellow] {escape(w)}", highlight=False)
    console.print("Status: " + "; ".join(f"{_status(s)} = {u}" for s, u in STATUS_UITLEG.items()), style="dim",
                  highlight=False)
    console.print("Bronnen: " + escape("; ".join(bronnen)), style="dim", highlight=False)
    console.print(escape(attributie()), style="dim", highlight=False)
    v = versie_info()
    console.print(f"Versie: verdeelwijzer {v['verdeelwijzer']}, gegevens {v['gegevens']}, regels {v['regels']}. "
                  "Uitleg per gemeente: --uitleg GEMEENTE.", style="dim", highlight=False)


@sjabloon_app.command("programma")
def sjabloon_programma(
    uit: Annotated[Path, typer.Option("--uit", help="Bestand (.xlsx) of map waarin het sjabloon komt.")] = Path("."),
    regio: RegioOptie = None,
    overschrijf: Annotated[bool, typer.Option("--overschrijf", help="Een bestaand bestand vervangen.")] = False,
    datum: Annotated[str | None, typer.Option(
        "--datum", "-d", help="Regels in de uitleg volgens deze datum (JJJJ-MM-DD); standaard vandaag.")] = None,
) -> None:
    """Excelsjabloon voor het woningbouwprogramma per gemeente (met uitleg, validatie en voorbeeld)."""
    from verdeelwijzer.betaalbaarheid.sjabloon import schrijf_programmasjabloon

    pad = uit if uit.suffix.lower() == ".xlsx" else uit / "programma_sjabloon.xlsx"
    controleer_uitvoerpad(pad, "Sjabloon")
    if pad.exists() and not overschrijf:
        raise InvoerFout(f"Bestand '{pad}' bestaat al; kies een ander pad met --uit of gebruik --overschrijf.")
    namen = None
    regio_naam = None
    if regio:
        gegevens = laad_gemeenten()
        r = zoek_regio(regio, gegevens)
        namen = sorted((gegevens.naam(c) for c in r.gemeentecodes), key=str.lower)
        regio_naam = r.naam
    peildag = lees_datum(datum)
    try:
        regels = lees_regels(peildag)
    except RegelFout:  # the template is useful without the rules text
        regels = None
    with schrijffouten(pad, "Sjabloon"):
        schrijf_programmasjabloon(pad, namen, regio_naam, regels)
    console.print(f"Geschreven: {pad}" + (f" ({len(namen)} gemeenten van {regio_naam})" if namen else ""),
                  highlight=False)
