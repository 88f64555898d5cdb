"""Dutch formatting of numbers, dates and sources for the web pages (presentation only)."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from typing import Any

from verdeelwijzer.bron import Bron

STATUS_UITLEG = {
    "wet": "vastgestelde wet- of regelgeving",
    "ontwerp": "ontwerp: wetsvoorstel of ontwerpregeling, kan nog wijzigen",
    "seed": "seed: uit een brondocument, nog niet aan de bron geverifieerd",
    "aanname": "aanname of schatting van Verdeelwijzer",
}


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
        tekst = f"{waarde.numerator}/{waarde.denominator}"
        if "aandeel" in eenheid or "fractie" in eenheid:
            return f"{procent(waarde)} ({tekst})"
        return f"{getal(float(waarde))} ({tekst})" if waarde.denominator not in (1, 10, 100, 1000) else getal(
            float(waarde))
    if isinstance(waarde, dict):
        return "; ".join(f"{k}: {parameterwaarde(v, eenheid)}" for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return ", ".join(parameterwaarde(v, eenheid) for v in waarde)
    if isinstance(waarde, date | datetime):
        return waarde.isoformat()
    return getal(waarde) if isinstance(waarde, int | float) else str(waarde)


def bron_tekst(bron: Bron | dict[str, str] | None) -> str:
    """'bron: …, peildatum …' for a title attribute or footnote."""
    if bron is None:
        return ""
    if isinstance(bron, dict):
        bron = Bron(bron["label"], bron["peildatum"], bron.get("soort", "officieel"))  # type: ignore[arg-type]
    soort = "" if bron.soort == "officieel" else f" ({bron.soort})"
    return f"Bron: {bron.label}; peildatum {bron.peildatum}{soort}"
