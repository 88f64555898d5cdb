"""Commands `verdeel`, `vergelijk` and `taakstelling`: read input, call the verdeelmotor, render."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer

from verdeelwijzer.cli import app
from verdeelwijzer.cli.gegevens import versie_info
from verdeelwijzer.cli.opties import FormaatOptie, GegevensOptie, lees_datum
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, json_tekst, toon_tabel
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import Gegevens, attributie, laad_gemeenten, zoek_regio
from verdeelwijzer.gegevens.gemeentebestanden import lees_gemeentewaarden
from verdeelwijzer.gegevens.regios import Regio
from verdeelwijzer.getaltekst import GetalFout, decimaal, kort
from verdeelwijzer.motorinvoer import bouw_verdeelinvoer, exact_getal
from verdeelwijzer.regels import lees_parameter
from verdeelwijzer.verdeling import (
    Grenzen,
    Herkomst,
    Ingroeipad,
    Ruil,
    Uitzondering,
    VasteToewijzing,
    VerdeelUitkomst,
    bereken_taakstelling,
    effect_op_regulier,
    parse_sleutel,
    verdeel,
    vergelijk,
)
from verdeelwijzer.verdeling.getallen import breuk_tekst, decimale_tekst
from verdeelwijzer.verdeling.paradox import methode_hulp


class Methode(StrEnum):
    sainte_lague = "sainte-lague"
    hamilton = "hamilton"
    dhondt = "dhondt"
    huntington_hill = "huntington-hill"
    omhoog = "omhoog"


class GelijkeStand(StrEnum):
    fout = "fout"
    loting = "loting"


class IngroeiSoort(StrEnum):
    lineair = "lineair"
    begrensd = "begrensd"


RegioVerplicht = Annotated[
    str, typer.Option("--regio", "-r", help="Regionaam, 'soort:naam', 'Delft,Rijswijk' of een bestand.")
]
TotaalOptie = Annotated[int, typer.Option("--totaal", "-t", min=0, help="Te verdelen aantal (heel getal).")]
PlafondOptie = Annotated[
    str | None,
    typer.Option("--plafond", help="Mutatiegrens als INDICATOR:AANDEEL, bv. mutaties:0.30 (30 % van de verhuringen)."),
]
MaxOptie = Annotated[Path | None, typer.Option("--max", help="Bestand met gemeente en 'aantal': maximum per gemeente.")]
MinOptie = Annotated[Path | None, typer.Option("--min", help="Bestand met gemeente en 'aantal': minimum per gemeente.")]
AlToegewezenOptie = Annotated[
    Path | None,
    typer.Option(
        "--al-toegewezen",
        help="Bestand met gemeente en 'aantal': verhuringen die al geclaimd zijn "
        "(bv. statushouders); gaan af van de mutatiegrens.",
    ),
]
HerkomstOptie = Annotated[
    Path | None, typer.Option("--herkomst", help="Bestand met gemeente en 'aantal': vraag naar herkomstgemeente.")
]
AlphaOptie = Annotated[
    str | None, typer.Option("--alpha", help="Gewicht van de herkomst, 0 tot 1 (1 = zuiver herkomstgemeente).")
]
UitzonderingOptie = Annotated[
    list[str] | None,
    typer.Option("--tenzij", help="Uitzondering op herkomst: VAN:NAAR:AANTAL:REDEN (mag vaker)."),
]
VastOptie = Annotated[
    list[str] | None,
    typer.Option("--vast", help="Vaste toewijzing (regionale voorziening): GEMEENTE=AANTAL (mag vaker)."),
]
IngroeiOptie = Annotated[int | None, typer.Option("--ingroeipad", min=1, help="Ingroeien over dit aantal jaren.")]
HuidigOptie = Annotated[
    Path | None, typer.Option("--huidig", help="Bestand met gemeente en 'aantal': huidige verdeling (voor ingroeipad).")
]
MethodeOptie = Annotated[
    Methode, typer.Option("--methode", "-m", help="Afronding op hele aantallen. " + methode_hulp())
]
GelijkeStandOptie = Annotated[
    GelijkeStand,
    typer.Option("--bij-gelijke-stand", help="fout: stop en noem de gemeenten; loting: trek met --seed."),
]
SeedOptie = Annotated[int | None, typer.Option("--seed", help="Zaad voor de loting (wordt gerapporteerd).")]
DatumOptie = Annotated[
    str | None, typer.Option("--datum", help="Datum (JJJJ-MM-DD) waarop de regels gelden; standaard vandaag.")
]




def _aandeel(tekst: str, wat: str) -> Fraction:
    try:
        waarde = decimale_tekst(tekst.strip())  # bounded: '1e10000000' is refused before it is built
    except GetalFout as e:
        raise InvoerFout(f"{wat}: {e}.") from None
    if waarde is None:
        raise InvoerFout(f"{wat}: '{kort(tekst)}' is geen getal; verwacht bv. 0.30.")
    if not 0 <= waarde <= 1:
        raise InvoerFout(f"{wat}: {tekst} ligt niet tussen 0 en 1.")
    return waarde


def _per_gemeente(pad: Path | None, gegevens: Gegevens, codes: list[str]) -> list[Fraction] | None:
    if pad is None:
        return None
    assert gegevens.zoeker is not None
    waarden = lees_gemeentewaarden(pad, "aantal", gegevens.zoeker, tuple(codes))
    return [waarden[c] for c in codes]


def _heel(tekst: str, wat: str) -> int | None:
    """A whole number ≥ 0 typed on the command line, bounded; None when it is not written as one."""
    t = tekst.strip()
    if not t.isascii() or not t.isdigit():
        return None
    try:
        getal = decimaal(t)
    except GetalFout as e:
        raise InvoerFout(f"{wat}: {e}.") from None
    return None if getal is None else int(getal)


def _vast(teksten: list[str] | None, gegevens: Gegevens) -> list[VasteToewijzing]:
    uit = []
    for tekst in teksten or []:
        naam, _, aantal = tekst.rpartition("=")
        getal = _heel(aantal, f"--vast '{kort(tekst)}'")
        if not naam or getal is None:
            raise InvoerFout(f"--vast '{kort(tekst)}': verwacht GEMEENTE=AANTAL, bv. Tilburg=40.")
        assert gegevens.zoeker is not None
        uit.append(VasteToewijzing(gegevens.zoeker.zoek(naam, "--vast"), getal, "opgegeven met --vast"))
    return uit


def _uitzonderingen(teksten: list[str] | None, gegevens: Gegevens) -> list[Uitzondering]:
    uit = []
    for tekst in teksten or []:
        delen = tekst.split(":", 3)
        getal = _heel(delen[2], f"--tenzij '{kort(tekst)}'") if len(delen) >= 3 else None
        if getal is None:
            raise InvoerFout(f"--tenzij '{kort(tekst)}': verwacht VAN:NAAR:AANTAL:REDEN, bv. "
                             "Delft:Westland:5:woonstart.")
        assert gegevens.zoeker is not None
        van, naar = (gegevens.zoeker.zoek(d, "--tenzij") for d in delen[:2])
        uit.append(Uitzondering(van, naar, getal, delen[3].strip() if len(delen) > 3 else "tenzij"))
    return uit


def _grenzen(
    plafond: str | None,
    maximum: Path | None,
    minimum: Path | None,
    al_toegewezen: Path | None,
    gegevens: Gegevens,
    codes: list[str],
) -> Grenzen | None:
    if not any((plafond, maximum, minimum, al_toegewezen)):
        return None
    mutatiegrens, indicator = None, "mutaties"
    if plafond:
        indicator, sep, aandeel = plafond.partition(":")
        if not sep:
            raise InvoerFout(f"--plafond '{plafond}': verwacht INDICATOR:AANDEEL, bv. mutaties:0.30.")
        mutatiegrens = _aandeel(aandeel, "--plafond")
        if not gegevens.heeft_kolom(indicator.strip()):
            raise InvoerFout(f"--plafond: onbekende indicator '{indicator}'.")
    return Grenzen(
        plafonds=_per_gemeente(maximum, gegevens, codes),
        vloeren=_per_gemeente(minimum, gegevens, codes),
        mutatiegrens=mutatiegrens,
        mutaties_indicator=indicator.strip(),
        al_toegewezen=_per_gemeente(al_toegewezen, gegevens, codes),
    )


def _invoer(regio_tekst: str, gegevens_bestanden: list[Path] | None, sleutel: str, totaal: int, **k: Any):
    gegevens = laad_gemeenten(gegevens_bestanden or [])
    regio = zoek_regio(regio_tekst, gegevens)
    codes = sorted(regio.gemeentecodes)
    herkomst = None
    if k["herkomst"] is not None:
        if k["alpha"] is None:
            raise InvoerFout("--herkomst vraagt ook --alpha (0 tot 1; 1 = zuiver herkomstgemeente).")
        vraag = _per_gemeente(k["herkomst"], gegevens, codes)
        herkomst = Herkomst(
            vraag=vraag, alfa=_aandeel(k["alpha"], "--alpha"), uitzonderingen=_uitzonderingen(k["tenzij"], gegevens)
        )
    elif k["tenzij"]:
        raise InvoerFout("--tenzij werkt alleen samen met --herkomst.")
    ingroei = None
    if k["ingroeipad"] is not None:
        if k["huidig"] is None:
            raise InvoerFout("--ingroeipad vraagt ook --huidig BESTAND met de huidige verdeling per gemeente.")
        ingroei = Ingroeipad(huidig=_per_gemeente(k["huidig"], gegevens, codes), jaren=k["ingroeipad"])
    invoer = bouw_verdeelinvoer(
        gegevens,
        regio,
        sleutel,
        totaal,
        k.get("extra", ()),
        herkomst=herkomst,
        vaste_toewijzingen=_vast(k["vast"], gegevens),
        grenzen=_grenzen(k["plafond"], k["maximum"], k["minimum"], k["al_toegewezen"], gegevens, codes),
        ingroeipad=ingroei,
        methode=k["methode"].value,
        bij_gelijke_stand=k["bij_gelijke_stand"].value,
        seed=k["seed"],
    )
    return gegevens, regio, invoer


def _regio_dict(regio: Regio) -> dict[str, Any]:
    return {
        "naam": regio.naam,
        "soort": regio.soort,
        "indeling_jaar": regio.indeling_jaar,
        "bron": regio.bron,
        "opmerking": regio.opmerking,
    }


def verdeling_rijen(uitkomst: VerdeelUitkomst) -> list[dict[str, Any]]:
    """Per gemeente the documented JSON fields (see README, 'JSON-uitvoer van verdeel')."""
    mutaties = uitkomst.invoer.indicatoren.get("mutaties")
    regulier = (
        effect_op_regulier(uitkomst.gemeentecodes, mutaties, uitkomst.aantallen, gemeentenamen=uitkomst.gemeentenamen)
        if mutaties
        else None
    )
    rijen = []
    for i, r in enumerate(uitkomst.regels):
        rij: dict[str, Any] = {
            "gemeentecode": r.gemeentecode,
            "gemeentenaam": r.gemeentenaam,
            "aandeel": float(r.aandeel),
            "quotum": float(r.quotum),
            "quotum_exact": breuk_tekst(r.quotum),
            "aantal": r.aantal,
            "vast": r.vast,
            "vloer": None if r.vloer is None else float(r.vloer),
            "plafond": None if r.plafond is None else float(r.plafond),
            "vloer_geraakt": r.vloer_geraakt,
            "plafond_geraakt": r.plafond_geraakt,
        }
        if regulier is not None:
            rr = regulier.regels[i]
            rij["mutaties"] = float(rr.mutaties)
            rij["regulier"] = float(rr.rest)
            rij["regulier_aandeel"] = None if rr.aandeel is None else float(rr.aandeel)
        rijen.append(rij)
    return rijen


def _bronnen(uitkomst: VerdeelUitkomst) -> list[dict[str, str]]:
    gezien: dict[Any, None] = {}
    for naam in uitkomst.invoer.gewichten:
        for b in uitkomst.invoer.bronnen[naam]:
            gezien.setdefault(b)
    if "mutaties" in uitkomst.invoer.bronnen:
        for b in uitkomst.invoer.bronnen["mutaties"]:
            gezien.setdefault(b)
    return [b.als_dict() for b in gezien]


@app.command("verdeel")
def verdeel_cmd(
    regio: RegioVerplicht,
    totaal: TotaalOptie,
    sleutel: Annotated[str, typer.Option("--sleutel", "-s", help="Gewichten, bv. inwoners=0.5,mutaties=0.5 (som 1).")],
    plafond: PlafondOptie = None,
    maximum: MaxOptie = None,
    minimum: MinOptie = None,
    al_toegewezen: AlToegewezenOptie = None,
    herkomst: HerkomstOptie = None,
    alpha: AlphaOptie = None,
    tenzij: UitzonderingOptie = None,
    vast: VastOptie = None,
    ingroeipad: IngroeiOptie = None,
    huidig: HuidigOptie = None,
    methode: MethodeOptie = Methode.sainte_lague,
    bij_gelijke_stand: GelijkeStandOptie = GelijkeStand.fout,
    seed: SeedOptie = None,
    uitleg: Annotated[str | None, typer.Option("--uitleg", help="Toon de uitleg voor deze gemeente.")] = None,
    exact: Annotated[bool, typer.Option("--exact", help="Zet in de uitleg achter elk afgerond tussengetal ook de "
                                        "exacte breuk (voor wie de sommen narekent).")] = False,
    gegevens_bestanden: GegevensOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Verdeel een regionaal totaal over de gemeenten van een regio, in hele aantallen, met uitleg."""
    gegevens, r, invoer = _invoer(
        regio,
        gegevens_bestanden,
        sleutel,
        totaal,
        plafond=plafond,
        maximum=maximum,
        minimum=minimum,
        al_toegewezen=al_toegewezen,
        herkomst=herkomst,
        alpha=alpha,
        tenzij=tenzij,
        vast=vast,
        ingroeipad=ingroeipad,
        huidig=huidig,
        methode=methode,
        bij_gelijke_stand=bij_gelijke_stand,
        seed=seed,
    )
    uitkomst = verdeel(invoer)
    if uitleg:
        assert gegevens.zoeker is not None
        code = gegevens.zoeker.zoek(uitleg, "--uitleg")
        if code not in uitkomst.gemeentecodes:
            raise InvoerFout(f"--uitleg: {gegevens.naam(code)} hoort niet bij regio {r.naam}.")
        if formaat is Formaat.json:
            typer.echo(json_tekst(uitkomst.uitleg.gemeente(code).als_dict()), nl=False)
        else:
            typer.echo(uitkomst.uitleg.als_tekst(code, exact=exact))
        return
    rijen = verdeling_rijen(uitkomst)
    if formaat is Formaat.json:
        typer.echo(
            json_tekst(
                {
                    "regio": _regio_dict(r),
                    "totaal": totaal,
                    "sleutel": {k: str(v) for k, v in invoer.gewichten.items()},
                    "methode": methode.value,
                    "gemeenten": rijen,
                    "regiototaal": {"quotum": float(sum(uitkomst.quota)), "aantal": uitkomst.totaal_aantal},
                    "haalbaar": uitkomst.haalbaar,
                    "tekort": float(uitkomst.tekort),
                    "waarschuwingen": list(uitkomst.waarschuwingen),
                    "ingroeipad": _ingroei_rijen(uitkomst),
                    "uitleg": uitkomst.uitleg.als_dict(),
                    "bronnen": _bronnen(uitkomst),
                    "attributie": attributie(),
                    "versie": versie_info(),
                }
            ),
            nl=False,
        )
        return
    kolommen = [
        "gemeentecode",
        "gemeentenaam",
        "aandeel",
        "quotum",
        "aantal",
        "vast",
        "plafond",
        "plafond_geraakt",
        "vloer_geraakt",
        "mutaties",
        "regulier",
        "regulier_aandeel",
    ]
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(rijen, kolommen), nl=False)
        return
    weergave = [
        {
            **rij,
            "aandeel": f"{rij['aandeel'] * 100:.2f} %".replace(".", ","),
            "quotum": round(rij["quotum"], 2),
            "regulier_aandeel": None
            if rij.get("regulier_aandeel") is None
            else f"{rij['regulier_aandeel'] * 100:.1f} %".replace(".", ","),
            "plafond": None if rij["plafond"] is None else round(rij["plafond"], 1),
        }
        for rij in rijen
    ]
    weergave.append(
        {"gemeentenaam": "Totaal", "quotum": round(float(sum(uitkomst.quota)), 2), "aantal": uitkomst.totaal_aantal}
    )
    noten = [
        f"Sleutel: {', '.join(f'{k} {float(v) * 100:g} %' for k, v in invoer.gewichten.items())}; "
        f"afronding: {methode.value}."
    ]
    noten += [
        f"Bron: {b['label']} (peildatum {b['peildatum']}{'' if b['soort'] == 'officieel' else ', ' + b['soort']})"
        for b in _bronnen(uitkomst)
    ]
    noten += [f"Let op: {w}" for w in uitkomst.waarschuwingen]
    if r.opmerking:
        noten.append(f"Regio: {r.opmerking}")
    noten.append("Uitleg per gemeente: voeg --uitleg GEMEENTE toe.")
    noten.append(attributie())
    toon_tabel(
        f"Verdeling van {totaal} over {r.naam}",
        weergave,
        [
            ("gemeentecode", "code"),
            ("gemeentenaam", "gemeente"),
            ("aandeel", "aandeel\nsleutel"),
            ("quotum", "quotum\n(exact)"),
            ("aantal", "aantal"),
            ("vast", "vast"),
            ("plafond", "plafond"),
            ("plafond_geraakt", "plafond\ngeraakt"),
            ("mutaties", "verhuringen\n(mutaties)"),
            ("regulier", "over voor\nregulier"),
            ("regulier_aandeel", "regulier\n%"),
        ],
        noten,
    )
    if uitkomst.ingroeipad is not None:
        _toon_ingroeipad(uitkomst)


def _ingroei_rijen(uitkomst: VerdeelUitkomst) -> list[dict[str, Any]]:
    if uitkomst.ingroeipad is None:
        return []
    return [
        {**rij, "quotum": float(rij["quotum"]), "quotum_exact": breuk_tekst(rij["quotum"])}
        for rij in uitkomst.ingroeipad.tabel()
    ]


def _toon_ingroeipad(uitkomst: VerdeelUitkomst) -> None:
    pad = uitkomst.ingroeipad
    assert pad is not None
    rijen = []
    for i in range(len(pad.gemeentecodes)):
        rij: dict[str, Any] = {"gemeentenaam": uitkomst.gemeentenamen[i], "huidig": round(float(pad.huidig[i]), 1)}
        for t in pad.jaren:
            rij[f"jaar {t}"] = pad.aantallen[t - 1][i] if pad.aantallen else round(float(pad.quota[t - 1][i]), 1)
        rijen.append(rij)
    toon_tabel(
        "Ingroeipad per jaar",
        rijen,
        [("gemeentenaam", "gemeente"), ("huidig", "huidig")] + [(f"jaar {t}", f"jaar {t}") for t in pad.jaren],
        list(pad.waarschuwingen),
    )


@app.command("vergelijk")
def vergelijk_cmd(
    regio: RegioVerplicht,
    totaal: TotaalOptie,
    sleutel: Annotated[list[str], typer.Option("--sleutel", "-s", help="Een sleutel per keer; geef er twee of meer.")],
    plafond: PlafondOptie = None,
    al_toegewezen: AlToegewezenOptie = None,
    methode: MethodeOptie = Methode.sainte_lague,
    bij_gelijke_stand: GelijkeStandOptie = GelijkeStand.fout,
    seed: SeedOptie = None,
    gegevens_bestanden: GegevensOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Vergelijk verdeelsleutels naast elkaar, met verschillen en het effect op reguliere woningzoekenden."""
    if len(sleutel) < 2:
        raise InvoerFout("Geef minstens twee keer --sleutel om te vergelijken.")
    if len(set(sleutel)) != len(sleutel):
        raise InvoerFout("Dezelfde sleutel staat er twee keer in.")
    alle_indicatoren = [k for s in sleutel for k in parse_sleutel(s)]
    _, r, invoer = _invoer(
        regio,
        gegevens_bestanden,
        sleutel[0],
        totaal,
        plafond=plafond,
        maximum=None,
        minimum=None,
        al_toegewezen=al_toegewezen,
        herkomst=None,
        alpha=None,
        tenzij=None,
        vast=None,
        ingroeipad=None,
        huidig=None,
        methode=methode,
        bij_gelijke_stand=bij_gelijke_stand,
        seed=seed,
        extra=alle_indicatoren,
    )
    labels = [f"S{i + 1}" for i in range(len(sleutel))]
    vergelijking = vergelijk(invoer, dict(zip(labels, sleutel, strict=True)))
    rijen = [{k: _als_getal(v) for k, v in rij.items()} for rij in vergelijking.tabel()]
    if formaat is Formaat.json:
        typer.echo(
            json_tekst(
                {
                    "regio": _regio_dict(r),
                    "totaal": totaal,
                    "methode": methode.value,
                    "sleutels": dict(zip(labels, sleutel, strict=True)),
                    "gemeenten": rijen,
                    "per_sleutel": {k.naam: verdeling_rijen(k.uitkomst) for k in vergelijking.kolommen},
                    "attributie": attributie(),
                    "versie": versie_info(),
                }
            ),
            nl=False,
        )
        return
    kolommen = list(rijen[0].keys())
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(rijen, kolommen), nl=False)
        return
    noten = [f"{label}: {s}" for label, s in zip(labels, sleutel, strict=True)]
    noten.append(
        "'regulier bij S…' = verhuringen (mutaties) min deze urgenten: wat overblijft voor reguliere "
        "woningzoekenden. Mutaties zijn een schatting tenzij eigen cijfers zijn geladen."
    )
    noten.append(attributie())
    toon_tabel(
        f"Vergelijking van sleutels: {totaal} over {r.naam}",
        rijen,
        [(k, k.replace(" bij ", "\nbij ")) for k in kolommen],
        noten,
    )


def _als_getal(waarde: Any) -> Any:
    if isinstance(waarde, Fraction):
        return int(waarde) if waarde.denominator == 1 else round(float(waarde), 1)
    return waarde


@app.command("taakstelling")
def taakstelling_cmd(
    landelijk: Annotated[
        int,
        typer.Option(
            "--landelijk", min=0, help="Landelijk aantal vergunninghouders (vg) voor één kalenderhalfjaar (art. 29)."
        ),
    ],
    inwoners: Annotated[
        Path | None,
        typer.Option(
            "--inwoners",
            help="Bestand met gemeente en 'inwoners' op 1 januari van het voorgaande jaar. "
            "Zonder bestand: de ingebouwde CBS-cijfers (1-1-2024).",
        ),
    ] = None,
    inwoners_nederland: Annotated[
        int | None,
        typer.Option(
            "--inwoners-nederland",
            min=1,
            help="Inwoners van Nederland (verplicht bij een bestand met een deel van de gemeenten).",
        ),
    ] = None,
    correcties: Annotated[
        Path | None,
        typer.Option(
            "--correcties", help="Bestand met gemeente en 'achterstand' en/of 'voorsprong' uit de vorige periode."
        ),
    ] = None,
    ruil: Annotated[
        list[str] | None, typer.Option("--ruil", help="Ruil (lid 2): VAN:NAAR:AANTAL; de som blijft gelijk.")
    ] = None,
    regio: Annotated[str | None, typer.Option("--regio", "-r", help="Toon alleen deze regio.")] = None,
    datum: DatumOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Taakstelling statushouders per gemeente (Huisvestingswet 2014 art. 29): vg · inwoners / inwoners NL."""
    gegevens = laad_gemeenten()
    assert gegevens.zoeker is not None
    dag = lees_datum(datum)
    regel = lees_parameter("taakstelling_afronding", dag)
    peil = lees_parameter("taakstelling_peildatum_inwoners", dag)
    wettelijk = date(dag.year + int(peil.waarde), 1, 1)
    waarschuwingen: list[str] = []
    if inwoners is None:
        codes = sorted(gegevens.codes)
        iG = [int(gegevens.waarde(c, "inwoners")) for c in codes]
        meta = gegevens.kolommen["inwoners"]
        bron = f"{meta.bron} ({meta.tabel}), peildatum {meta.peildatum}"
        iN = inwoners_nederland or sum(iG)
        if meta.peildatum != wettelijk.isoformat():
            waarschuwingen.append(
                f"De taakstelling voor een halfjaar in {dag.year} rekent met inwoners op {wettelijk.isoformat()} "
                f"(1 januari van het voorgaande kalenderjaar; {peil.bron_titel}), maar de ingebouwde cijfers zijn van "
                f"{meta.peildatum}. Laad de CBS-bevolkingscijfers per {wettelijk.isoformat()} met --inwoners BESTAND "
                "(kolommen gemeente en inwoners; alle gemeenten, of geef --inwoners-nederland)."
            )
    else:
        waarden = _lees_kolom(inwoners, "inwoners", gegevens)
        codes = sorted(waarden)
        iG = [int(waarden[c]) if waarden[c].denominator == 1 else waarden[c] for c in codes]
        bron = f"eigen invoer: bestand {inwoners.name} (de wet vraagt peildatum {wettelijk.isoformat()})"
        if inwoners_nederland is None:
            if len(codes) != len(gegevens.codes):
                raise InvoerFout(
                    f"{inwoners}: het bestand bevat {len(codes)} van de {len(gegevens.codes)} gemeenten; "
                    "geef dan --inwoners-nederland."
                )
            iN = sum(iG)
        else:
            iN = inwoners_nederland
    achterstand: dict[str, int] = {}
    voorsprong: dict[str, int] = {}
    if correcties is not None:
        for kolom, doel in (("achterstand", achterstand), ("voorsprong", voorsprong)):
            try:
                doel.update({c: int(v) for c, v in _lees_kolom(correcties, kolom, gegevens).items()})
            except InvoerFout as fout:
                if f"kolom '{kolom}' ontbreekt" not in str(fout):
                    raise
    ruilingen = []
    for tekst in ruil or []:
        delen = tekst.split(":")
        getal = _heel(delen[2], f"--ruil '{kort(tekst)}'") if len(delen) == 3 else None
        if getal is None:
            raise InvoerFout(f"--ruil '{kort(tekst)}': verwacht VAN:NAAR:AANTAL, bv. Delft:Westland:3.")
        ruilingen.append(
            Ruil(gegevens.zoeker.zoek(delen[0], "--ruil"), gegevens.zoeker.zoek(delen[1], "--ruil"), getal)
        )
    uitkomst = bereken_taakstelling(
        landelijk,
        iG,
        iN,
        codes,
        afrondingsregel=regel.waarde,
        achterstand=achterstand,
        voorsprong=voorsprong,
        ruilingen=ruilingen,
        gemeentenamen=[gegevens.naam(c) for c in codes],
    )
    tonen = set(zoek_regio(regio, gegevens).gemeentecodes) if regio else set(codes)
    rijen = [
        {
            "gemeentecode": r.gemeentecode,
            "gemeentenaam": gegevens.naam(r.gemeentecode),
            "inwoners": exact_getal(iG[i]) if isinstance(iG[i], int) else float(iG[i]),
            "quotum": float(r.quotum),
            "quotum_exact": breuk_tekst(r.quotum),
            "afgerond": r.afgerond,
            "achterstand": r.achterstand,
            "voorsprong": r.voorsprong,
            "ruil": r.ruil,
            "aantal": r.aantal,
            "resterende_voorsprong": r.resterende_voorsprong,
        }
        for i, r in enumerate(uitkomst.regels)
        if r.gemeentecode in tonen
    ]
    regel_tekst = (
        f"Afronding '{regel.waarde}' per gemeente ({regel.bron_titel}, status {regel.status}); "
        f"daardoor is de som ({uitkomst.som}) groter dan vg ({landelijk})."
    )
    for w in waarschuwingen:  # loud, on stderr, whatever the format
        typer.echo(f"WAARSCHUWING: {w}", err=True)
    if formaat is Formaat.json:
        typer.echo(
            json_tekst(
                {
                    "vg": landelijk,
                    "peildatum_inwoners_wettelijk": wettelijk.isoformat(),
                    "waarschuwingen": waarschuwingen,
                    "inwoners_nederland": iN,
                    "afrondingsregel": regel.waarde,
                    "bron_inwoners": bron,
                    "regel": {"bron": regel.bron_titel, "url": regel.bron_url, "status": regel.status},
                    "gemeenten": rijen,
                    "som": sum(r["aantal"] for r in rijen),
                    "som_landelijk": uitkomst.som,
                    "attributie": attributie(),
                    "versie": versie_info(),
                }
            ),
            nl=False,
        )
        return
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(rijen, list(rijen[0]) if rijen else ["gemeentecode"]), nl=False)
        return
    rijen_tabel = [{**r, "quotum": round(r["quotum"], 3)} for r in rijen]
    rijen_tabel.append({"gemeentenaam": "Totaal", "aantal": sum(r["aantal"] for r in rijen)})
    toon_tabel(
        f"Taakstelling statushouders: vg = {landelijk}",
        rijen_tabel,
        [
            ("gemeentecode", "code"),
            ("gemeentenaam", "gemeente"),
            ("inwoners", "inwoners"),
            ("quotum", "vg·iG/iN"),
            ("afgerond", "afgerond"),
            ("achterstand", "achter-\nstand"),
            ("voorsprong", "voor-\nsprong"),
            ("ruil", "ruil"),
            ("aantal", "taak"),
        ],
        [f"iN = {iN}; inwoners: {bron}.", regel_tekst, *(f"LET OP: {w}" for w in waarschuwingen), attributie()],
    )
    console.print()


def _lees_kolom(pad: Path, kolom: str, gegevens: Gegevens) -> dict[str, Fraction]:
    """A gemeente file with a number column, for any subset of gemeenten."""
    assert gegevens.zoeker is not None
    from verdeelwijzer.gegevens.invoer import gemeentekolom, lees_tabelbestand

    tabel = lees_tabelbestand(pad)
    sleutel_i, _ = gemeentekolom(tabel)
    assert gegevens.zoeker is not None
    genoemd = tuple(gegevens.zoeker.zoek_alle([c[sleutel_i] for _, c in tabel.rijen], pad.name))
    return lees_gemeentewaarden(pad, kolom, gegevens.zoeker, genoemd)
