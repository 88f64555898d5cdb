"""Plain per-gemeente rows and regional totals of the figures, with their sources (pure over Gegevens)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verdeelwijzer.gegevens.gemeenten import Gegevens


def sociaal_aandeel(sociale_voorraad: float, woningvoorraad: float) -> float | None:
    """Social share of the stock in percent (None where there is no stock)."""
    return round(100 * sociale_voorraad / woningvoorraad, 1) if woningvoorraad else None


def gemeenterijen(gegevens: Gegevens, codes: Sequence[str], kolommen: Sequence[str]) -> list[dict[str, Any]]:
    rijen = []
    for code in codes:
        rij: dict[str, Any] = {"gemeentecode": code, "gemeentenaam": gegevens.naam(code)}
        bronnen = {}
        for k in kolommen:
            if k == "sociaal_aandeel":
                rij[k] = sociaal_aandeel(
                    float(gegevens.waarde(code, "sociale_voorraad")), float(gegevens.waarde(code, "woningvoorraad"))
                )
                continue
            waarde = gegevens.waarde(code, k)
            rij[k] = _netjes(waarde)
            bronnen[k] = gegevens.bron(code, k).als_dict()
        rij["bronnen"] = bronnen
        rijen.append(rij)
    return rijen


def regiototaal(gegevens: Gegevens, codes: Sequence[str]) -> dict[str, Any]:
    totaal: dict[str, Any] = {
        k: _netjes(sum(gegevens.waarde(c, k) for c in codes))
        for k in ("inwoners", "huishoudens", "woningvoorraad", "sociale_voorraad", "mutaties")
    }
    totaal["sociaal_aandeel"] = sociaal_aandeel(float(totaal["sociale_voorraad"]), float(totaal["woningvoorraad"]))
    totaal["aantal_gemeenten"] = len(codes)
    return totaal


def _netjes(waarde: Any) -> Any:
    f = float(waarde)
    if f != f:
        return None
    return int(f) if f.is_integer() else round(f, 1)
