"""The afsprakenkader: a region's agreements as one validated file, computed as a whole."""

from verdeelwijzer.afspraken.berekening import (
    AfsprakenUitkomst,
    CategorieUitkomst,
    Doel,
    Periode,
    Totaalregel,
    bereken_afspraken,
)
from verdeelwijzer.afspraken.laden import GeladenAfspraken, json_schema, laad_afspraken, lees_afspraken_tekst
from verdeelwijzer.afspraken.schema import Afsprakenkader

__all__ = [
    "AfsprakenUitkomst",
    "Afsprakenkader",
    "CategorieUitkomst",
    "Doel",
    "GeladenAfspraken",
    "Periode",
    "Totaalregel",
    "bereken_afspraken",
    "json_schema",
    "laad_afspraken",
    "lees_afspraken_tekst",
]
