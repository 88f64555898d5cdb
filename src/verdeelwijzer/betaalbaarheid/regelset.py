"""Reading the parameters of spoor 1 from `regels/` for one date (never literals in code)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.betaalbaarheid.model import Betaalbaarheidsregels
from verdeelwijzer.betaalbaarheid.uitleg import Regel
from verdeelwijzer.fouten import RegelFout
from verdeelwijzer.regels import ParameterWaarde, lees_parameter


def als_regel(w: ParameterWaarde) -> Regel:
    return Regel(
        naam=w.naam, waarde=w.waarde, status=w.status, bron=w.bron_titel, url=w.bron_url,
        geldig_vanaf=w.geldig_vanaf, toelichting=w.toelichting or "",
    )


def _aandeel(w: ParameterWaarde) -> Regel:
    if isinstance(w.waarde, bool) or not isinstance(w.waarde, int | Fraction) or not 0 <= w.waarde <= 1:
        raise RegelFout(f"Parameter '{w.naam}' moet een aandeel tussen 0 en 1 zijn, niet {w.waarde!r}.")
    return als_regel(w)


def lees_regels(datum: date, map: str | Path | None = None) -> Betaalbaarheidsregels:
    """The rules that apply on `datum`; a date outside a parameter's validity fails loudly (RegelFout)."""
    termijn = lees_parameter("termijn_jaren", datum, map=map)
    if isinstance(termijn.waarde, bool) or not isinstance(termijn.waarde, int) or termijn.waarde <= 0:
        raise RegelFout(f"Parameter 'termijn_jaren' moet een positief geheel getal zijn, niet {termijn.waarde!r}.")
    contract = lees_parameter("percentages_over_niet_gecontracteerd", datum, map=map)
    if not isinstance(contract.waarde, bool):
        raise RegelFout(
            f"Parameter 'percentages_over_niet_gecontracteerd' moet true of false zijn, niet {contract.waarde!r}."
        )
    try:
        marge: Regel | None = _aandeel(lees_parameter("onzekerheidsmarge_sociale_voorraad", datum, map=map))
    except RegelFout:  # not defined for this date (or in a custom rule folder): no uncertainty check
        marge = None
    return Betaalbaarheidsregels(
        aandeel_betaalbaar=_aandeel(lees_parameter("aandeel_betaalbaar", datum, map=map)),
        minimum_sociale_huur=_aandeel(lees_parameter("minimum_sociale_huur", datum, map=map)),
        minimum_middensegment=_aandeel(lees_parameter("minimum_middensegment", datum, map=map)),
        landelijk_gemiddelde=_aandeel(lees_parameter("landelijk_gemiddelde_sociale_huur", datum, map=map)),
        termijn_jaren=als_regel(termijn),
        over_niet_gecontracteerd=als_regel(contract),
        onzekerheidsmarge=marge,
    )
