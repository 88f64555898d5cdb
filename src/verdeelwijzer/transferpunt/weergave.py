"""The one view of a round: a JSON-able dict (stable keys) that the CLI, the web page and the API all show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from verdeelwijzer.transferpunt.model import Ronde

REDENEN = {
    "geen_passend_aanbod": "geen passend aanbod",
    "geen_quotum": "quotum op of niet vastgelegd",
    "mutatiegrens": "mutatiegrens bereikt",
    "voorrang_anderen": "aanbod naar anderen",
}


def ronde_als_dict(ronde: Ronde, namen: Mapping[str, str]) -> dict[str, Any]:
    def naam(c):
        return (namen.get(c, c))
    return {
        "periode": ronde.periode,
        "datum": ronde.datum.isoformat(),
        "methode": ronde.methode,
        "prioriteit": list(ronde.criteria),
        "doelwaarde": ronde.doelwaarde,
        "koppelingen": [
            {"kandidaat": k.kandidaat, "aanbod": k.aanbod, "gemeentecode": k.gemeentecode,
             "gemeentenaam": naam(k.gemeentecode), "categorie": k.categorie, "rang": k.rang,
             "in_herkomstgemeente": k.in_herkomst, "uitleg": k.uitleg}
            for k in ronde.koppelingen
        ],
        "quota": [
            {"gemeentecode": q.gemeentecode, "gemeentenaam": naam(q.gemeentecode), "categorie": q.categorie,
             "quotum": q.quotum, "gebruikt": q.gebruikt, "doel": q.doel, "eerder_gerealiseerd": q.eerder}
            for q in ronde.quota
        ],
        "mutatiegrens": [
            {"gemeentecode": g.gemeentecode, "gemeentenaam": naam(g.gemeentecode), "maximum": g.maximum,
             "eerder_gerealiseerd": g.eerder, "rest": g.rest, "uitleg": g.uitleg}
            for g in ronde.grenzen
        ],
        "niet_gekoppeld": [
            {"kandidaat": n.kandidaat, "rang": n.rang, "soort": n.soort, "reden": n.reden}
            for n in ronde.niet_gekoppeld
        ],
        "rangorde": [
            {"kandidaat": r.dossier, "rang": r.rang, "criteria": list(r.waarden), "lot": r.lot}
            for r in ronde.rangorde
        ],
        "waarschuwingen": list(ronde.waarschuwingen),
        "bronnen": list(ronde.bronnen),
    }
