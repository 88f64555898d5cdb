"""Monitoring and bijsturen: the ledger of targets versus realised figures, the mutatiegrens check,
regional totals, settlement (vereffening) and next-period targets. The arithmetic is pure (no I/O);
`importeren` reads realised-figure files, `sjabloon` writes the templates, `excel` the report.
"""

from verdeelwijzer.monitoring.grootboek import (
    NOG_NIET_BEGONNEN,
    Grootboekregel,
    Mutatiegrensregel,
    Regiototaal,
    bijgestelde_doelen,
    grootboek,
    mutatiegrens,
    regiototalen,
    verstreken_aandeel,
)
from verdeelwijzer.monitoring.model import (
    SEGMENTEN,
    AfspraakInvoer,
    Bouwrealisatie,
    Doel,
    Drempel,
    Drempels,
    MonitoringInvoer,
    Periode,
    Realisatie,
    Verhuring,
)
from verdeelwijzer.monitoring.vereffening import Vereffening, Vereffeningsregel, vereffening

__all__ = [
    "NOG_NIET_BEGONNEN", "SEGMENTEN", "AfspraakInvoer", "Bouwrealisatie", "Doel", "Drempel", "Drempels",
    "Grootboekregel", "MonitoringInvoer", "Mutatiegrensregel", "Periode", "Realisatie", "Regiototaal",
    "Vereffening", "Vereffeningsregel", "Verhuring", "bijgestelde_doelen", "grootboek", "mutatiegrens",
    "regiototalen", "vereffening", "verstreken_aandeel",
]
