"""From data to the verdeelmotor: builds a `VerdeelInvoer` for a region out of `Gegevens`.

This is the one adapter between the data layer and the pure engine, used by the command line, the
afsprakenkader and the web app alike, so they always feed the engine the same figures with the same
sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from verdeelwijzer.bron import Bron
from verdeelwijzer.gegevens.gemeenten import STANDAARD_INDICATOREN, Gegevens
from verdeelwijzer.gegevens.regios import Regio
from verdeelwijzer.verdeling import VerdeelInvoer, parse_sleutel
from verdeelwijzer.verdeling.getallen import parameter


def exact_getal(waarde: float | int) -> Fraction | int:
    """Figures as the user or CBS wrote them: 5444.92 stays 5444.92, not its binary approximation."""
    if isinstance(waarde, int):
        return waarde
    return Fraction(repr(float(waarde)))


def gewichten_van(sleutel: str | Mapping[str, Any]) -> dict[str, Fraction]:
    if isinstance(sleutel, str):
        return parse_sleutel(sleutel)
    return {k: parameter(v, f"Gewicht van '{k}'") for k, v in sleutel.items()}  # bounded, exact


def indicatoren_voor(
    gegevens: Gegevens, codes: Sequence[str], namen: Iterable[str]
) -> tuple[dict[str, list[Fraction | int]], dict[str, list[Bron]]]:
    """Exact values and per-figure sources of the named indicators for these gemeenten."""
    waarden: dict[str, list[Fraction | int]] = {}
    bronnen: dict[str, list[Bron]] = {}
    for naam in dict.fromkeys(namen):
        ruw, bron = gegevens.indicator(naam, codes)
        waarden[naam] = [exact_getal(v) for v in ruw]
        bronnen[naam] = bron
    return waarden, bronnen


def bouw_verdeelinvoer(
    gegevens: Gegevens,
    regio: Regio,
    sleutel: str | Mapping[str, Any],
    totaal: int,
    extra_indicatoren: Iterable[str] = (),
    **opties: Any,
) -> VerdeelInvoer:
    """A VerdeelInvoer for all gemeenten of `regio`, sorted by code (the engine does not depend on order).

    The key's indicators plus the standard ones (for caps and the effect on regular seekers) are passed
    with their sources; `opties` go to VerdeelInvoer unchanged (herkomst, grenzen, methode, ...).
    """
    codes = sorted(regio.gemeentecodes)
    gewichten = gewichten_van(sleutel)
    namen = [*gewichten, *extra_indicatoren, *[s for s in STANDAARD_INDICATOREN if gegevens.heeft_kolom(s)]]
    waarden, bronnen = indicatoren_voor(gegevens, codes, namen)
    return VerdeelInvoer(
        gemeentecodes=codes,
        gemeentenamen=[gegevens.naam(c) for c in codes],
        indicatoren=waarden,
        bronnen=bronnen,
        gewichten=gewichten,
        totaal=totaal,
        **opties,
    )
