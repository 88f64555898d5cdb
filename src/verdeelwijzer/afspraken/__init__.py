"""The afsprakenkader: a region's agreements as one validated file, computed as a whole."""

from verdeelwijzer.afspraken.berekening import (
    AfsprakenUitkomst,
    CategorieUitkomst,
    Doel,
    Periode,
    Totaalregel,
    Voortgang,
    bereken,
)
from verdeelwijzer.afspraken.invoer import AfsprakenInvoer, lees_invoer
from verdeelwijzer.afspraken.laden import GeladenAfspraken, json_schema, laad_afspraken, lees_afspraken_tekst
from verdeelwijzer.afspraken.schema import Afsprakenkader
from verdeelwijzer.gegevens import Gegevens


def bereken_afspraken(
    geladen: GeladenAfspraken, gegevens: Gegevens | None = None, voortgang: Voortgang | None = None
) -> AfsprakenUitkomst:
    """Read everything the agreement names (`lees_invoer`), then compute it (`bereken`, pure)."""
    return bereken(lees_invoer(geladen, gegevens), voortgang)


__all__ = [
    "AfsprakenInvoer",
    "AfsprakenUitkomst",
    "Afsprakenkader",
    "CategorieUitkomst",
    "Doel",
    "GeladenAfspraken",
    "Periode",
    "Totaalregel",
    "bereken",
    "bereken_afspraken",
    "json_schema",
    "laad_afspraken",
    "lees_afspraken_tekst",
    "lees_invoer",
]
