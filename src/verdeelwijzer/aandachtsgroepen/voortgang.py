"""Monitoring per doelgroep without a schema change: a ledger category is an afsprakenkader category, and a
category that names a group (`groep:`) links the ledger's targets and realisations to that group. The stored
agreement text (immutable, with its sha256) is the source of the link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.yamlbestand import lees_yaml


def groepen_uit_afspraak(tekst: str | None) -> dict[str, str]:
    """Ledger category → group id, read from the stored afsprakenkader text ({} when it names no groups)."""
    if not tekst:
        return {}
    try:
        ruw = lees_yaml(tekst, "vastgelegd afsprakenkader")
    except VerdeelwijzerFout:  # the stored text was validated when adopted; never fail the ledger on it
        return {}
    uit: dict[str, str] = {}
    for c in (ruw or {}).get("categorieen") or [] if isinstance(ruw, dict) else []:
        if isinstance(c, dict) and c.get("naam") and c.get("groep"):
            uit[str(c["naam"])] = str(c["groep"])
    return uit


def voortgang_per_groep(regiorijen: Sequence[Mapping[str, Any]], koppeling: Mapping[str, str]) -> list[dict[str, Any]]:
    """The ledger's regional rows (`monitoring.stand.regio_rijen`) summed per group and period: target, adjusted
    target, realised, difference. Categories without a group are left out."""
    som: dict[tuple[str, str], dict[str, Any]] = {}
    for r in regiorijen:
        groep = koppeling.get(str(r["categorie"]))
        if groep is None:
            continue
        rij = som.setdefault((groep, str(r["periode"])), {"groep": groep, "periode": str(r["periode"]),
                                                         "categorieen": [], "doel": 0, "bijgesteld_doel": 0,
                                                         "gerealiseerd": 0, "verschil": 0})
        rij["categorieen"].append(r["categorie"])
        for k in ("doel", "bijgesteld_doel", "gerealiseerd", "verschil"):
            rij[k] += int(r.get(k) or 0)
    return [som[k] for k in sorted(som)]
