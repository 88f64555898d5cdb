"""Dutch formatting of numbers, dates and sources for the web pages (presentation only)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction
from typing import Any

from verdeelwijzer.bron import Bron
from verdeelwijzer.datumtekst import datum_nl, iso_in_tekst

STATUS_UITLEG = {
    "wet": "vastgestelde wet- of regelgeving",
    "ontwerp": "ontwerp: wetsvoorstel of ontwerpregeling, kan nog wijzigen",
    "seed": "seed: uit een brondocument, nog niet aan de bron geverifieerd",
    "aanname": "aanname of schatting van Verdeelwijzer",
}




def datum(waarde: Any) -> str:
    """A date as '2 december 2026' (a datetime as its date); ISO dates inside a text are rewritten the same
    way, other text is returned unchanged; '' for missing values."""
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if isinstance(waarde, date):
        return datum_nl(waarde)
    return iso_in_tekst(str(waarde))


def datumtijd(waarde: Any) -> str:
    """A moment as '2 december 2026 om 14:05', Dutch time (stored times are UTC; a time without zone is read as
    UTC); '' for missing values, other text unchanged."""
    from zoneinfo import ZoneInfo

    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, str):
        try:
            waarde = datetime.fromisoformat(waarde.replace("Z", "+00:00"))
        except ValueError:
            return datum(waarde)
    if not isinstance(waarde, datetime):
        return datum(waarde)
    if waarde.tzinfo is None:
        waarde = waarde.replace(tzinfo=UTC)
    lokaal = waarde.astimezone(ZoneInfo("Europe/Amsterdam"))
    return f"{datum(lokaal.date())} om {lokaal:%H:%M}"


# Rule status in words for the pages; the technical key stays in the API, the Excel and the YAML.
STATUS_WOORD = {"wet": "wet", "ontwerp": "ontwerp", "seed": "uit brondocument", "aanname": "aanname"}


def kolomlabel(naam: str) -> str:
    """The Dutch label of a data column (its `omschrijving` in the data manifest); the name itself if unknown."""
    from verdeelwijzer.gegevens.manifest import manifest

    for b in manifest().bestanden.values():
        if naam in b.kolommen:
            return b.kolommen[naam].omschrijving
    return naam


def leesbare_kop(sleutel: str, koppen: dict[str, str] | None = None) -> str:
    """A readable header for a column id: its entry in `koppen`, a data column's Dutch label, or the id in
    words ('plan_sociale_huur' → 'Plan sociale huur')."""
    if koppen and sleutel in koppen:
        return koppen[sleutel]
    label = kolomlabel(sleutel)
    if label != sleutel:
        return label
    return sleutel.replace("_", " ").capitalize()


def getal(waarde: Any, decimalen: int | None = None) -> str:
    """1.234.567 and 12,5 (Dutch); '' for missing values."""
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Fraction):
        waarde = int(waarde) if waarde.denominator == 1 else float(waarde)
    if hasattr(waarde, "item"):  # numpy scalar
        waarde = waarde.item()
    if isinstance(waarde, float):
        if waarde != waarde:
            return ""
        if decimalen is None:
            decimalen = 0 if waarde.is_integer() else (1 if abs(waarde) >= 10 else 2)
        tekst = f"{waarde:,.{decimalen}f}"
        return tekst.replace(",", "_").replace(".", ",").replace("_", ".")
    if isinstance(waarde, int):
        if decimalen:
            return getal(float(waarde), decimalen)
        return f"{waarde:,}".replace(",", ".")
    return str(waarde)


def procent(waarde: Any, decimalen: int = 1) -> str:
    """A fraction (0.3) as '30,0 %'."""
    if waarde is None:
        return ""
    return f"{getal(float(waarde) * 100, decimalen)} %"


def parameterwaarde(waarde: Any, eenheid: str = "") -> str:
    """A rules-as-code value (int, Fraction, list, dict, ...) as short Dutch text."""
    if isinstance(waarde, Fraction):
        # The exact fraction is not for the main view: see `exacte_waarde` (shown behind an "exact" detail).
        if "aandeel" in eenheid or "fractie" in eenheid:
            return procent(waarde, 1 if (waarde * 1000).denominator == 1 else 2)
        if "euro" in eenheid and waarde.denominator != 1:
            return getal(float(waarde), 2)  # amounts in euros: always with cents
        return getal(float(waarde))
    if isinstance(waarde, dict):
        return "; ".join(f"{k}: {parameterwaarde(v, eenheid)}" for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return ", ".join(parameterwaarde(v, eenheid) for v in waarde)
    if isinstance(waarde, date | datetime):
        return datum(waarde)
    if isinstance(waarde, float) and "euro" in eenheid and not waarde.is_integer():
        return getal(waarde, 2)
    if isinstance(waarde, str):
        return kolomlabel(waarde)  # a column name such as a grondslag: its Dutch label
    return getal(waarde) if isinstance(waarde, int | float) else str(waarde)


def exacte_waarde(waarde: Any) -> str:
    """The exact fractions in a parameter value ('2/3'), for an "exact" detail; '' when nothing is inexact."""
    if isinstance(waarde, Fraction):
        return "" if waarde.denominator == 1 else f"{waarde.numerator}/{waarde.denominator}"
    if isinstance(waarde, dict):
        delen = [f"{k}: {e}" for k, v in waarde.items() if (e := exacte_waarde(v))]
        return "; ".join(delen)
    if isinstance(waarde, list | tuple):
        return ", ".join(e for v in waarde if (e := exacte_waarde(v)))
    return ""


def bron_tekst(bron: Bron | dict[str, str] | None) -> str:
    """'bron: …, peildatum …' for a title attribute or footnote."""
    if bron is None:
        return ""
    if isinstance(bron, dict):
        bron = Bron(bron["label"], bron["peildatum"], bron.get("soort", "officieel"))  # type: ignore[arg-type]
    soort = "" if bron.soort == "officieel" else f" ({bron.soort})"
    return f"Bron: {bron.label}; peildatum {datum(bron.peildatum)}{soort}"
