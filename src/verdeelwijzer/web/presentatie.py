"""Presentation mode for the beamer (issue 15, item 2): the result of /verdeling one screen at a time —
map, bar chart, compact table — in large type, full width, with the settings in words on every screen.

Takes the same query parameters as /verdeling and computes through the very same function
(`verdeling.bereken`) and the same table, chart and map builders, so the beamer shows exactly the numbers
of the explorer. Navigation (keyboard, buttons, Escape back) lives in static/js/presentatie.js; without
JavaScript, and when printed, all screens are shown one after another.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Lezer
from verdeelwijzer.web.opmaak import getal, kolomlabel

router = APIRouter(include_in_schema=False)

# Short Dutch names of the key indicators for the settings line (the manifest's descriptions are long).
INDICATORNAMEN = {"inwoners": "inwoners", "huishoudens": "huishoudens", "woningvoorraad": "woningvoorraad",
                  "sociale_voorraad": "sociale huurwoningen", "mutaties": "verhuringen"}
# The compact beamer table: the columns a regional table discusses; the rest stays on /verdeling.
COMPACTE_KOLOMMEN = ("gemeentenaam", "aantal", "aandeel", "plafond", "grens", "rest_pct")
# Up to this many bars the chart is scaled to fit one beamer screen (every region but the provinces); with
# more, the text would shrink below legibility, so the chart keeps its size and scrolls.
BALKEN_OP_EEN_SCHERM = 26


def indicatornaam(k: str) -> str:
    return INDICATORNAMEN.get(k) or kolomlabel(k)


def instellingen_tekst(v: Any, regio_naam: str) -> list[tuple[str, str]]:
    """The settings in words (label, value), shown on every screen and every printed page."""
    from verdeelwijzer.web.verdeling import METHODEN

    sleutel = ", ".join(f"{indicatornaam(k)} {getal(float(w))} %" for k, w in v.gewichten.items() if w)
    grens = (f"hoogstens {getal(float(v.mutatiegrens))} % van de verhuringen naar urgenten"
             if v.mutatiegrens is not None else "geen")
    if v.ingroeipad == "geen":
        pad = "geen (meteen de doelverdeling)"
    else:
        soort = "lineair" if v.ingroeipad == "lineair" else "begrensd"
        pad = f"{soort} in {v.jaren} jaar, vanaf de huidige verdeling naar {indicatornaam(v.huidig_kolom)}"
    return [("Regio", regio_naam), ("Totaal", f"{getal(v.totaal)} {v.eenheid} per jaar"),
            ("Sleutel", sleutel or "—"), ("Mutatiegrens", grens), ("Ingroeipad", pad),
            ("Afronding", METHODEN[v.methode].split(":")[0])]


@dataclasses.dataclass(frozen=True)
class Kaartlabel:
    x: float
    y: float
    naam: str
    waarde: str


def kaartlabels(kaart: Any, waarden: dict[str, str]) -> tuple[list[Kaartlabel], float]:
    """Name and value at the centroid of each gemeente's largest ring, and a font size in map units, so the
    beamer map reads without hovering."""
    from verdeelwijzer.web.kaart import vormen

    v = vormen()
    _, _, breedte, hoogte = (float(x) for x in kaart.viewbox.split())
    letter = round(max(breedte, hoogte) / 60, 2)
    uit = []
    for gm in kaart.gemeenten:
        xmin, ymin, xmax, ymax = v[gm.code].vak
        # Only where the name fits (roughly): small gemeenten in a large region would pile up unreadably;
        # their numbers are on the table screen.
        if xmax - xmin < 0.45 * letter * len(gm.naam) or ymax - ymin < 2 * letter:
            continue
        ring = max(v[gm.code].ringen, key=lambda r: abs(_oppervlak(r)))
        uit.append(Kaartlabel(*_zwaartepunt(ring), naam=gm.naam, waarde=waarden.get(gm.code, "")))
    return uit, letter


def _oppervlak(ring: Any) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def _zwaartepunt(ring: Any) -> tuple[float, float]:
    a = _oppervlak(ring)
    if a == 0:
        return ring[0]
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    return round(cx / (6 * a), 1), round(cy / (6 * a), 1)


def compacte_tabel(tabel: Any) -> Any:
    """The explorer's own table (same rows, same numbers), with only the columns for the beamer."""
    kolommen = [k for k in tabel.kolommen if k.sleutel in COMPACTE_KOLOMMEN]
    kolommen.sort(key=lambda k: COMPACTE_KOLOMMEN.index(k.sleutel))
    return dataclasses.replace(tabel, kolommen=kolommen, rij_sleutel=None)


@router.get("/presentatie", response_class=HTMLResponse)
def presentatie(request: Request, *, _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import render
    from verdeelwijzer.web.verdeling import _grafiek, _kaart, bereken, verdeeltabel, verzoek_uit_query

    params = {k: w for k, w in request.query_params.items()}
    terug = "/verdeling" + (f"?{urlencode(params)}" if params else "")
    g = request.app.state.toestand.gegevens
    try:
        v = verzoek_uit_query(params)
        regio, uitkomst, regulier = bereken(request, v)
    except VerdeelwijzerFout as e:
        return render(request, "presentatie.html", status_code=422, titel="Presentatie", fout=str(e), terug=terug)
    tabel = verdeeltabel(g, regio, v, uitkomst, regulier)
    kaart = _kaart(g, uitkomst, v)
    labels, letter = kaartlabels(kaart, {r.gemeentecode: getal(r.aantal) for r in uitkomst.regels})
    return render(request, "presentatie.html", titel=f"Presentatie: verdeling over {regio.naam}", fout=None,
                  terug=terug, v=v, regio=regio, uitkomst=uitkomst, instellingen=instellingen_tekst(v, regio.naam),
                  kaart=kaart, labels=labels, letter=letter, grafiek=_grafiek(uitkomst, v, tabel),
                  tabel=compacte_tabel(tabel), waarschuwingen=list(uitkomst.waarschuwingen),
                  lange_grafiek=len(uitkomst.regels) > BALKEN_OP_EEN_SCHERM)
