"""Status thresholds from the rules-as-code parameter `monitoring_drempels` (no numbers in code).

The parameter's value is a mapping ``status -> ondergrens`` (shares). A realisatiegraad gets the highest
status whose lower bound it reaches.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import RegelFout
from verdeelwijzer.monitoring.model import Drempel, Drempels

PARAMETER = "monitoring_drempels"


def drempels_uit_waarde(waarde: Any, bron: str = "") -> Drempels:
    """Build Drempels from the parameter's value (a mapping status -> lower bound)."""
    if not isinstance(waarde, dict) or not waarde:
        raise RegelFout(f"Parameter '{PARAMETER}': verwacht een lijst 'status: ondergrens', kreeg {waarde!r}.")
    treden = []
    for status, grens in waarde.items():
        if isinstance(grens, bool) or not isinstance(grens, int | Fraction):
            raise RegelFout(f"Parameter '{PARAMETER}': ondergrens van '{status}' is geen getal: {grens!r}.")
        treden.append(Drempel(str(status), Fraction(grens)))
    treden.sort(key=lambda d: d.ondergrens, reverse=True)
    return Drempels(tuple(treden), bron)


def drempels_op(datum: date) -> Drempels:
    """The thresholds that apply on `datum` (reads the parameter file; raises RegelFout outside validity)."""
    from verdeelwijzer.regels import lees_parameter

    w = lees_parameter(PARAMETER, datum)
    return drempels_uit_waarde(w.waarde, f"{PARAMETER} ({w.status}): {w.bron_kort()}")


def status_tekst(status: str) -> str:
    return status.replace("_", " ")
