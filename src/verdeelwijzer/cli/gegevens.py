"""Commands to look up gemeenten and regions with their figures and sources."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from verdeelwijzer import __version__
from verdeelwijzer.cli import app
from verdeelwijzer.cli.opties import FormaatOptie, GegevensOptie, RegioOptie
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, getal_nl, json_tekst, toon_tabel
from verdeelwijzer.gegevens import Gegevens, attributie, gegevens_versie, laad_gemeenten, zoek_regio
from verdeelwijzer.gegevens.regios import INGEBOUWDE_SOORTEN, Regio, alle_regios
from verdeelwijzer.gegevens.samenvatting import gemeenterijen, regiototaal

regio_app = typer.Typer(help="Regio's: ingebouwde en benoemde regio's bekijken.", no_args_is_help=True)
app.add_typer(regio_app, name="regio")

KOLOMMEN_TONEN = (
    "inwoners",
    "huishoudens",
    "woningvoorraad",
    "corporatiebezit_pct",
    "sociale_voorraad",
    "sociaal_aandeel",
    "mutaties",
)


def versie_info() -> dict[str, str]:
    from verdeelwijzer.regels import regels_versie

    return {"verdeelwijzer": __version__, "gegevens": gegevens_versie(), "regels": regels_versie()}


def _kop(gegevens: Gegevens, kolom: str) -> str:
    if kolom == "sociaal_aandeel":
        return "sociaal\naandeel %"
    meta = gegevens.kolommen[kolom]
    jaar = meta.peildatum[:4] if len(meta.peildatum) == 10 else meta.peildatum
    extra = " schatting" if meta.soort == "schatting" else ""
    return f"{kolom.replace('_', ' ')}\n{jaar}{extra}"


def _voetnoten(gegevens: Gegevens, codes: list[str]) -> list[str]:
    noten = []
    for k in KOLOMMEN_TONEN:
        if k == "sociaal_aandeel":
            noten.append("sociaal aandeel = sociale voorraad / woningvoorraad × 100.")
            continue
        meta = gegevens.kolommen[k]
        noten.append(f"{k}: {meta.omschrijving}; bron {meta.bron} ({meta.tabel}), peildatum {meta.peildatum}.")
    eigen = sorted({b.label for (c, k), b in gegevens.cel_bronnen.items() if c in codes and k in KOLOMMEN_TONEN})
    if eigen:
        noten.append("* = cijfer uit eigen invoer of daarop gebaseerde schatting: " + "; ".join(eigen))
    noten.append(attributie())
    return noten


def _toon_gemeenten(
    gegevens: Gegevens, codes: list[str], titel: str, formaat: Formaat, extra_json: dict[str, Any]
) -> None:
    rijen = gemeenterijen(gegevens, codes, KOLOMMEN_TONEN)
    totaal = regiototaal(gegevens, codes)
    if formaat is Formaat.json:
        typer.echo(
            json_tekst(
                {
                    **extra_json,
                    "gemeenten": rijen,
                    "totaal": totaal,
                    "kolommen": {k: vars(gegevens.kolommen[k]) for k in KOLOMMEN_TONEN if k in gegevens.kolommen},
                    "attributie": attributie(),
                    "versie": versie_info(),
                }
            ),
            nl=False,
        )
        return
    if formaat is Formaat.csv:
        typer.echo(csv_tekst(rijen, ["gemeentecode", "gemeentenaam", *KOLOMMEN_TONEN]), nl=False)
        return
    weergave = []
    for r in rijen:
        rij = dict(r)
        for k in KOLOMMEN_TONEN:
            if (r["gemeentecode"], k) in gegevens.cel_bronnen:
                rij[k] = f"{getal_nl(r[k])}*"
        weergave.append(rij)
    weergave.append({"gemeentenaam": "Totaal", **totaal})
    toon_tabel(
        titel,
        weergave,
        [("gemeentecode", "code"), ("gemeentenaam", "gemeente")] + [(k, _kop(gegevens, k)) for k in KOLOMMEN_TONEN],
        _voetnoten(gegevens, codes),
    )


@app.command("gemeenten")
def gemeenten(
    regio: RegioOptie = None, gegevens_bestanden: GegevensOptie = None, formaat: FormaatOptie = Formaat.tabel
) -> None:
    """Alle gemeenten (of die van een regio) met inwoners, huishoudens, woningvoorraad en sociale voorraad."""
    gegevens = laad_gemeenten(gegevens_bestanden or [])
    if regio:
        r = zoek_regio(regio, gegevens)
        codes = sorted(r.gemeentecodes, key=gegevens.naam)
        titel = f"Gemeenten in {r.naam} ({r.soort})"
    else:
        codes = sorted(gegevens.codes, key=gegevens.naam)
        titel = f"Alle {len(codes)} gemeenten (indeling {gegevens.indeling_jaar})"
    _toon_gemeenten(gegevens, codes, titel, formaat, {})


@regio_app.command("lijst")
def regio_lijst(
    soort: Annotated[
        str | None, typer.Option(help="Alleen deze soort: benoemd, " + ", ".join(INGEBOUWDE_SOORTEN))
    ] = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Alle bekende regio's: benoemde voorbeeldregio's, provincies, COROP-gebieden en arbeidsmarktregio's."""
    gegevens = laad_gemeenten()
    regios = alle_regios(gegevens)
    if soort:
        benoemd = soort.lower() == "benoemd"
        regios = [
            r
            for r in regios
            if (r.opmerking and r.soort not in INGEBOUWDE_SOORTEN) == benoemd or r.soort == soort.lower()
        ]
    rijen = [_regio_dict(r) for r in regios]
    if formaat is Formaat.json:
        typer.echo(json_tekst({"regios": rijen, "versie": versie_info()}), nl=False)
    elif formaat is Formaat.csv:
        typer.echo(
            csv_tekst(rijen, ["naam", "soort", "aantal_gemeenten", "indeling_jaar", "bron", "opmerking"]), nl=False
        )
    else:
        toon_tabel(
            "Regio's",
            rijen,
            [("naam", "regio"), ("soort", "soort"), ("aantal_gemeenten", "gemeenten"), ("opmerking", "opmerking")],
            ["Gebruik de naam bij --regio; bij dubbele namen 'soort:naam' (bv. 'provincie:Utrecht')."],
        )


def _regio_dict(r: Regio) -> dict[str, Any]:
    return {
        "naam": r.naam,
        "soort": r.soort,
        "aantal_gemeenten": len(r.gemeentecodes),
        "indeling_jaar": r.indeling_jaar,
        "bron": r.bron,
        "opmerking": r.opmerking or "",
    }


@regio_app.command("toon")
def regio_toon(
    regio: Annotated[str, typer.Argument(help="Regionaam, 'soort:naam', 'Delft,Rijswijk' of een bestand.")],
    gegevens_bestanden: GegevensOptie = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """De gemeenten van een regio met hun cijfers, totalen, sociaal aandeel en bronnen."""
    gegevens = laad_gemeenten(gegevens_bestanden or [])
    r = zoek_regio(regio, gegevens)
    codes = sorted(r.gemeentecodes, key=gegevens.naam)
    if formaat is Formaat.tabel and r.opmerking:
        console.print(f"[yellow]Let op:[/yellow] {r.opmerking} Bron: {r.bron}", highlight=False)
    _toon_gemeenten(
        gegevens,
        codes,
        f"{r.naam} ({r.soort}, {len(codes)} gemeenten, indeling {r.indeling_jaar})",
        formaat,
        {"regio": {k: v for k, v in _regio_dict(r).items()} | {"gemeentecodes": codes}},
    )
