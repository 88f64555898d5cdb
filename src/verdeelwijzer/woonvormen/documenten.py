"""Document sections for the woonvormen part (hooks `GEMEENTE_AANVULLINGEN` / `REGIO_AANVULLINGEN` in
`documenten.opbouw`). Every number comes from the `woonvormen` key of the result JSON; nothing is recomputed."""

from __future__ import annotations

from typing import Any

from verdeelwijzer.documenten.model import Alinea, Sectie, Tabel
from verdeelwijzer.verdeling.getallen import nl


def _jaar(j: Any) -> str:
    return "periode" if j is None else str(j)


def gemeente_secties(c: Any, code: str) -> list[Sectie]:
    w = c.resultaat.get("woonvormen")
    if not w:
        return []
    naam = c.namen[code]
    rijen = tuple((r["woonvorm"], _jaar(r["jaar"]), str(r["toezegging"]), "–" if r["capaciteit"] is None
                   else str(r["capaciteit"]), nl(r["evenredig_deel"]), str(r["minimum"]), str(r["maximum"]))
                  for r in w["voorstel"] if r["gemeentecode"] == code)
    blokken: list[Any] = [
        Alinea(f"Bijdrage van {naam} aan het regionale woonvormenprogramma: toezegging (vloer), opgegeven capaciteit "
               "(plafond), evenredig deel naar de sleutel en het voorgestelde minimum en maximum."),
        Tabel(f"Woonvormen {naam}", ("woonvorm", "jaar", "toezegging", "capaciteit", "evenredig deel", "minimum",
                                     "maximum"), rijen, rechts=(False, False, True, True, True, True, True)),
    ]
    for b in w["balans"]:
        if b["gemeentecode"] == code:
            blokken.append(Alinea(f"Balans over alle groepen: gewogen bijdrage {nl(b['bijdrage'])}, evenredig deel "
                                  f"{nl(b['evenredig_deel'])}, balans {nl(b['balans'])}."))
    return [Sectie("Woonvormen en voorzieningen", tuple(blokken))]


def regio_secties(c: Any) -> list[Sectie]:
    w = c.resultaat.get("woonvormen")
    if not w:
        return []
    doelen = Tabel("Doelen, toezeggingen en voorstel per woonvorm",
                   ("woonvorm", "jaar", "doel", "toegezegd", "voorstel", "tekort"),
                   tuple((d["naam"], _jaar(d["jaar"]),
                          str(d["doel_minimum"]) if d["doel_minimum"] == d["doel_maximum"]
                          else f"{d['doel_minimum']}–{d['doel_maximum']}", str(d["toegezegd"]),
                          str(d["voorstel_minimum"]) if d["voorstel_minimum"] == d["voorstel_maximum"]
                          else f"{d['voorstel_minimum']}–{d['voorstel_maximum']}",
                          str(d["tekort_minimum"])) for d in w["doelen"]),
                   rechts=(False, False, True, True, True, True))
    blokken: list[Any] = [doelen]
    if w["balans"]:
        blokken.append(Tabel("Balans over alle groepen (som 0)", ("gemeente", "bijdrage", "evenredig deel", "balans"),
                             tuple((c.namen[b["gemeentecode"]], nl(b["bijdrage"]), nl(b["evenredig_deel"]),
                                    nl(b["balans"])) for b in w["balans"]),
                             voetnoten=tuple(w["uitleg"][2:]), rechts=(False, True, True, True)))
    return [Sectie("Woonvormen en voorzieningen", tuple(blokken))]
