"""Explained numbers: every figure of spoor 1 carries how it was computed and the rules it rests on.

A `Getal` is a value (int for homes, Fraction for shares) plus a Dutch explanation and the rules
(`Regel`) behind it. The status of a number is the *weakest* status among its rules, so a figure that
rests on one draft rule is shown as a draft ("ontwerp", "seed", "aanname"), never as law.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from verdeelwijzer.regels import exacte_tekst

# From firm to weak. "eigen invoer" is a figure or decision supplied by the user (e.g. an ontheffing).
STATUS_VOLGORDE: tuple[str, ...] = ("wet", "ontwerp", "eigen invoer", "seed", "aanname")
STATUS_UITLEG: dict[str, str] = {
    "wet": "vastgestelde wet- of regelgeving",
    "ontwerp": "wetsvoorstel of ontwerpregelgeving, kan nog wijzigen",
    "eigen invoer": "besluit of cijfer uit de eigen invoer van de gebruiker",
    "seed": "cijfer uit een projectdocument, nog niet aan de bron geverifieerd",
    "aanname": "eigen aanname van Verdeelwijzer",
    "gegeven": "cijfer uit de gegevens of de invoer (zie de bron), niet uit een regel",
}


@dataclass(frozen=True)
class Regel:
    """A rule a number rests on: a dated parameter from `regels/`, an ontheffing, or a modelling assumption."""

    naam: str
    waarde: Any
    status: str
    bron: str
    url: str = ""
    geldig_vanaf: date | None = None
    toelichting: str = ""

    def als_dict(self) -> dict[str, Any]:
        return {
            "naam": self.naam,
            "waarde": exact_tekst(self.waarde),
            "status": self.status,
            "bron": self.bron,
            "url": self.url,
            "geldig_vanaf": self.geldig_vanaf.isoformat() if self.geldig_vanaf else None,
            "toelichting": self.toelichting,
        }


def zwakste_status(regels: Iterable[Regel]) -> str:
    """The weakest status among the rules; 'gegeven' when a number rests on no rule (plain data)."""
    rang = [STATUS_VOLGORDE.index(r.status) if r.status in STATUS_VOLGORDE else len(STATUS_VOLGORDE)
            for r in regels]
    if not rang:
        return "gegeven"
    hoogste = max(rang)
    return STATUS_VOLGORDE[hoogste] if hoogste < len(STATUS_VOLGORDE) else "onbekend"


def alle_statussen(regels: Iterable[Regel]) -> tuple[str, ...]:
    """Distinct statuses, firm to weak; ('gegeven',) when there are no rules."""
    gezien = {r.status for r in regels}
    if not gezien:
        return ("gegeven",)
    bekend = [s for s in STATUS_VOLGORDE if s in gezien]
    return (*bekend, *sorted(gezien - set(STATUS_VOLGORDE)))


@dataclass(frozen=True)
class Getal:
    """One number with its explanation (Dutch) and the rules it rests on."""

    waarde: int | Fraction
    uitleg: str
    regels: tuple[Regel, ...] = ()

    @property
    def status(self) -> str:
        return zwakste_status(self.regels)

    @property
    def statussen(self) -> tuple[str, ...]:
        """Every distinct status behind this number, firm to weak ('gegeven' for plain data)."""
        return alle_statussen(self.regels)

    def __int__(self) -> int:
        return int(self.waarde)

    def als_dict(self) -> dict[str, Any]:
        uit: dict[str, Any] = {"waarde": json_waarde(self.waarde)}
        if isinstance(self.waarde, Fraction):
            uit["exact"] = exact_tekst(self.waarde)
        uit["uitleg"] = self.uitleg
        uit["regels"] = sorted({r.naam for r in self.regels})
        uit["status"] = self.status
        uit["statussen"] = list(self.statussen)
        return uit


def regels_van(*getallen: Getal) -> tuple[Regel, ...]:
    """All distinct rules behind several numbers (stable order), to build a derived number."""
    gezien: dict[str, Regel] = {}
    for g in getallen:
        for r in g.regels:
            gezien.setdefault(r.naam, r)
    return tuple(gezien.values())


def json_waarde(v: int | Fraction) -> int | float:
    """Numbers in JSON: homes as int; shares as float (the exact value is given next to it)."""
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else float(v)
    return v


def exact_tekst(v: Any) -> Any:
    """Exact text of a Fraction (see `regels.exacte_tekst`); other values unchanged."""
    if isinstance(v, bool) or not isinstance(v, Fraction):
        return v
    return exacte_tekst(v)


def procent(v: Fraction | int, decimalen: int = 1) -> str:
    """Dutch percentage text for display: Fraction(1, 4) -> '25,0 %'. Exact values stay in the JSON."""
    tekst = f"{float(v) * 100:.{decimalen}f}".replace(".", ",")
    return f"{tekst} %"


def aantal(v: int) -> str:
    """Dutch thousands separator: 12345 -> '12.345'."""
    return f"{v:,}".replace(",", ".")
