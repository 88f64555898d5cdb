"""`verdeelwijzer regels`: every parameter with its value, validity, unit, status and source."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from verdeelwijzer.cli import app
from verdeelwijzer.cli.opties import FormaatOptie
from verdeelwijzer.cli.uitvoer import Formaat, console, csv_tekst, getal_nl, json_tekst
from verdeelwijzer.fouten import InvoerFout, RegelFout
from verdeelwijzer.regels import ParameterWaarde, alle_parameters, exacte_tekst, regels_versie

KOLOMMEN = (
    "naam",
    "waarde",
    "eenheid",
    "geldig_vanaf",
    "geldig_tot",
    "peildatum",
    "status",
    "bron_titel",
    "bron_url",
    "toelichting",
    "omschrijving",
    "regels_versie",
)

STATUS_KLEUR = {"wet": "green", "ontwerp": "yellow", "seed": "magenta", "aanname": "red"}
LEGENDA = (
    "Status: [green]wet[/green] = vastgestelde wet- of regelgeving; "
    "[yellow]ontwerp *[/yellow] = wetsvoorstel of ontwerpregelgeving, kan nog wijzigen; "
    "[magenta]seed *[/magenta] = cijfer uit een projectdocument, nog niet aan de bron geverifieerd; "
    "[red]aanname *[/red] = eigen aanname of schatting van Verdeelwijzer."
)


def _exact_tekst(v: Any) -> Any:
    """JSON/CSV: exact values (fractions as exact text, dates ISO), structure kept for JSON."""
    if isinstance(v, Fraction):
        return exacte_tekst(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Mapping):
        return {k: _exact_tekst(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_exact_tekst(x) for x in v]
    return v


def _decimaal_nl(f: Fraction, max_decimalen: int = 4) -> tuple[str, bool]:
    """Dutch decimal text of f and whether it is exact."""
    for d in range(max_decimalen + 1):
        if (f * 10**d).denominator == 1:
            return getal_nl(float(f), d) if d else getal_nl(int(f)), True
    return getal_nl(float(f), 1), False


def _leesbaar(v: Any, eenheid: str) -> str:
    """Table: a value as a policy officer reads it (30 %, € 900,07, 2/3 (≈ 66,7 %), ja)."""
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, Fraction | int) and eenheid.startswith("aandeel"):
        tekst, exact = _decimaal_nl(Fraction(v) * 100, 2)
        return f"{tekst} %" if exact else f"{v} (≈ {tekst} %)"
    if isinstance(v, Fraction | int) and eenheid.startswith("euro"):
        if Fraction(v).denominator == 1:
            return f"€ {getal_nl(int(v))}"
        return f"€ {getal_nl(float(v), 2)}"  # display only; the exact value is in csv/json
    if isinstance(v, Fraction):
        tekst, exact = _decimaal_nl(v)
        return tekst if exact else f"{v} (≈ {tekst})"
    if isinstance(v, int):
        return getal_nl(v)
    if isinstance(v, Mapping):
        if "omschrijving" in v:
            return str(v["omschrijving"])
        return ", ".join(f"{k}: {_leesbaar(x, eenheid)}" for k, x in v.items())
    if isinstance(v, list | tuple):
        if v and all(isinstance(x, Mapping) and "code" in x for x in v):
            return f"{len(v)} stuks: " + ", ".join(str(x["code"]) for x in v)
        return "\n".join(f"• {_leesbaar(x, eenheid)}" for x in v)
    return str(v)


def _rij(w: ParameterWaarde, versie: str) -> dict[str, Any]:
    return {
        "naam": w.naam,
        "waarde": _exact_tekst(w.waarde),
        "eenheid": w.eenheid,
        "geldig_vanaf": w.geldig_vanaf.isoformat(),
        "geldig_tot": w.geldig_tot.isoformat() if w.geldig_tot else None,
        "peildatum": w.peildatum.isoformat() if w.peildatum else None,
        "status": w.status,
        "bron_titel": w.bron_titel,
        "bron_url": w.bron_url,
        "toelichting": w.toelichting,
        "omschrijving": w.omschrijving,
        "regels_versie": versie,
    }


def _tabelrij(w: ParameterWaarde) -> dict[str, str]:
    kleur = STATUS_KLEUR.get(w.status, "white")
    waarde_tekst = escape(_leesbaar(w.waarde, w.eenheid))
    if w.is_concept:
        waarde_tekst = f"[{kleur}]{waarde_tekst}[/{kleur}]"
    geldig = w.periode_tekst().replace(" tot ", "\ntot ")
    if w.peildatum:
        geldig += f"\n(peildatum {w.peildatum.isoformat()})"
    return {
        "naam": escape(w.naam),
        "waarde": f"{waarde_tekst}\n[dim]{escape(w.eenheid)}[/dim]",
        "geldig": geldig,
        "status": f"[{kleur}]{w.status}{' *' if w.is_concept else ''}[/{kleur}]",
        "bron": f"{escape(w.bron_titel)}\n[link={w.bron_url}]{escape(w.bron_url)}[/link]",
    }


def _csv_cel(v: Any) -> Any:
    if isinstance(v, list | dict):
        return json_tekst(v).strip().replace("\n", " ")
    return "" if v is None else v


def _lees_datum(tekst: str | None) -> date | None:
    if tekst is None:
        return None
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise InvoerFout(f"Ongeldige datum '{tekst}' bij --datum: verwacht JJJJ-MM-DD, bv. 2026-07-01.") from None


@app.command("regels")
def regels(
    datum: Annotated[
        str | None,
        typer.Option("--datum", "-d", help="Alleen de waarden die op deze datum gelden (JJJJ-MM-DD)."),
    ] = None,
    formaat: FormaatOptie = Formaat.tabel,
) -> None:
    """Toon alle wettelijke en afgesproken parameters met waarde, geldigheid, eenheid, status en bron."""
    peildag = _lees_datum(datum)
    versie = regels_versie()
    waarden: list[ParameterWaarde] = []
    zonder: list[str] = []
    for p in alle_parameters():
        if peildag is None:
            waarden.extend(p.waarden)
            continue
        try:
            waarden.append(p.waarde_op(peildag))
        except RegelFout:
            zonder.append(p.naam)

    if formaat is Formaat.json:
        typer.echo(
            json_tekst(
                {
                    "regels_versie": versie,
                    "datum": peildag.isoformat() if peildag else None,
                    "parameters": [_rij(w, versie) for w in waarden],
                    "zonder_waarde_op_datum": zonder,
                }
            ),
            nl=False,
        )
        return
    if formaat is Formaat.csv:
        rijen = [{k: _csv_cel(v) for k, v in _rij(w, versie).items()} for w in waarden]
        typer.echo(csv_tekst(rijen, KOLOMMEN), nl=False)
        return

    titel = "Parameters (regels)" + (f" geldig op {peildag.isoformat()}" if peildag else ", alle perioden")
    voetnoten = [LEGENDA, "* = concept: de waarde kan nog wijzigen of is niet aan de wettekst geverifieerd."]
    if zonder:
        voetnoten.append(
            f"Geen waarde op {peildag.isoformat() if peildag else ''}: "
            + ", ".join(zonder)
            + " (toon alle perioden zonder --datum)."
        )
    voetnoten.append(f"Regelversie {versie}.")
    _toon(titel, [_tabelrij(w) for w in waarden], voetnoten)


def _toon(titel: str, rijen: list[dict[str, str]], voetnoten: list[str]) -> None:
    """Like uitvoer.toon_tabel, but long source URLs fold instead of being cut off."""
    breedte = console.width
    tabel = Table(title=titel, title_justify="left", show_lines=True)
    tabel.add_column("parameter", overflow="fold", max_width=max(14, min(34, breedte // 6)))
    tabel.add_column("waarde", overflow="fold", max_width=max(14, min(40, breedte // 5)))
    tabel.add_column("geldig", overflow="fold", min_width=10, max_width=16)
    tabel.add_column("status", no_wrap=True)
    tabel.add_column("bron", overflow="fold")
    for rij in rijen:
        tabel.add_row(rij["naam"], rij["waarde"], rij["geldig"], rij["status"], rij["bron"])
    console.print(tabel)
    for noot in voetnoten:
        console.print(noot, style="dim", highlight=False)
