"""The vaststelling tracker in the web app (read-only): per gemeente the stage of its VHP and HVO against
the deadline, from the same storage and pure judgement as `verdeelwijzer vaststelling toon`. Stages are
recorded on the command line (`verdeelwijzer vaststelling zet`, audited)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from verdeelwijzer.web.beveiliging import Lezer

router = APIRouter(include_in_schema=False)


@router.get("/vaststelling", response_class=HTMLResponse)
def vaststelling(request: Request, *, regio: str = "Haaglanden", peildatum: str | None = None,
                 _: Lezer) -> Response:
    from verdeelwijzer.documenten.vaststelling import standtabel
    from verdeelwijzer.documenten.wettelijk import termijnen
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.opslag.vaststelling import lees_stappen
    from verdeelwijzer.web.paginas import render

    try:
        dag = date.fromisoformat(peildatum) if peildatum else date.today()
    except ValueError:
        raise InvoerFout(f"peildatum '{peildatum}' is geen datum; verwacht JJJJ-MM-DD.") from None
    gegevens = request.app.state.toestand.gegevens
    r = request.app.state.toestand.regio(regio)  # by key, name or codes only: web input never names a file
    codes = sorted(r.gemeentecodes)
    with request.app.state.koppeling.db.sessie() as s:
        stappen = lees_stappen(s, r.naam)
    t = termijnen(dag, r.naam)
    rijen = standtabel(codes, {c: gegevens.naam(c) for c in codes}, stappen, t, dag)
    return render(request, "vaststelling.html", titel="Vaststelling VHP en HVO", regio=r.naam,
                  peildatum=dag.isoformat(), termijnen=t, rijen=rijen)
