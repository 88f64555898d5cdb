"""The Woonvormen page (/woonvormen): the Drechtsteden-like example programme (FICTIEF pledges) with pledges
against the fair share, the proposed division of the gap (minimum and maximum for ranges), the cross-group
balance on a map and as bars, and the explanation per gemeente. Lays out what `woonvormen` computes; the same
result object feeds `bereken`, the Excel workbook and this page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

VOORBEELD = "drechtsteden.yaml"


@lru_cache(maxsize=1)
def _voorbeeld() -> Any:
    """The example's full agreement result (pure computation on shipped files; computed once per process)."""
    from verdeelwijzer.afspraken.berekening import bereken
    from verdeelwijzer.afspraken.invoer import lees_invoer
    from verdeelwijzer.afspraken.laden import laad_afspraken
    from verdeelwijzer.voorbeelden import voorbeeldmap

    return bereken(lees_invoer(laad_afspraken(voorbeeldmap() / VOORBEELD)))


def _weergave(u: Any) -> dict[str, Any]:
    from verdeelwijzer.verdeling.getallen import nl
    from verdeelwijzer.web.grafiek import Balk, staafdiagram
    from verdeelwijzer.web.kaart import maak_kaart
    from verdeelwijzer.woonvormen.weergave import rapport_tabellen

    w = u.woonvormen
    kaart = maak_kaart(
        list(w.gemeentecodes), {b.gemeentecode: float(b.balans) for b in w.balans},
        {b.gemeentecode: f"{b.gemeentenaam}: balans {nl(b.balans)} (bijdrage {nl(b.bijdrage)}, evenredig deel "
         f"{nl(b.evenredig_deel)})" for b in w.balans},
        titel="Balans over alle groepen (gewogen bijdrage − evenredig deel)",
        bron="Berekend uit het voorbeeld (FICTIEVE toezeggingen en voorzieningen); sleutel met CBS-cijfers.",
        opmaak=lambda x: nl(x, 1),
    )
    balken_balans = staafdiagram(
        [Balk(b.gemeentenaam, float(b.bijdrage), f"{b.gemeentenaam}: bijdrage {nl(b.bijdrage)}, evenredig deel "
              f"{nl(b.evenredig_deel)}", grens=float(b.evenredig_deel), gemarkeerd=b.balans < 0) for b in w.balans],
        titel="Gewogen bijdrage per gemeente; streepje = evenredig deel", opmaak=lambda x: nl(x, 1),
        legenda_grens="evenredig deel",
    )
    eerste_jaar = u.jaren[0]
    toezegging_balken = {}
    for d in w.doelen:
        if d.jaar not in (eerste_jaar, None):
            continue
        rijen = [r for r in w.voorstel if r.woonvorm == d.woonvorm and r.jaar == d.jaar]
        toezegging_balken[d.naam] = staafdiagram(
            [Balk(r.gemeentenaam, float(r.minimum), f"{r.gemeentenaam}: toezegging {r.toezegging}, evenredig deel "
                  f"{nl(r.evenredig_minimum)}, voorstel {r.minimum}", huidig=float(r.toezegging),
                  grens=float(r.evenredig_minimum), gemarkeerd=r.op_capaciteit) for r in rijen],
            titel=f"{d.naam} {eerste_jaar}: voorstel (balk), toezegging (stip), evenredig deel (streepje)",
            opmaak=lambda x: nl(x, 1), legenda_huidig="toezegging", legenda_grens="evenredig deel",
        )
    return {"u": u, "w": w, "kaart": kaart, "balken_balans": balken_balans, "toezegging_balken": toezegging_balken,
            "tabellen": rapport_tabellen(w), "eerste_jaar": eerste_jaar}


@router.get("/woonvormen", response_class=HTMLResponse)
def woonvormen_pagina(request: Request) -> HTMLResponse:
    from verdeelwijzer.web.paginas import render

    return render(request, "woonvormen.html", **_weergave(_voorbeeld()))


@router.get("/woonvormen/gemeente/{code}", response_class=HTMLResponse)
def woonvormen_gemeente(request: Request, code: str) -> HTMLResponse:
    from markupsafe import escape

    from verdeelwijzer.woonvormen.weergave import uitleg_per_gemeente

    u = _voorbeeld()
    if code not in u.gemeentecodes:
        raise HTTPException(404, "Onbekende gemeente in deze regio.")
    naam = u.naam(code)
    regels = [t for wat, g, t in uitleg_per_gemeente(u.woonvormen) if g == naam]
    items = "".join(f"<li>{escape(t)}</li>" for t in regels)
    return HTMLResponse(f"<h2>{escape(naam)}</h2><ul class=\"uitleg\">{items}</ul>")
