"""The vaststelling tracker in the web app: per gemeente the stage of its VHP and HVO against the deadline,
from the same storage and pure judgement as `verdeelwijzer vaststelling toon`. A regio-beheerder (every
gemeente) or a gemeente user (its own gemeente) records a stage with the form, exactly as
`verdeelwijzer vaststelling zet` does (same checks, same storage, audited); readers only see the table."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Importeur, Lezer, controleer_csrf, huidige_gebruiker

router = APIRouter(include_in_schema=False)


def _dag(tekst: str | None, wat: str) -> date | None:
    if not tekst:
        return None
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise InvoerFout(f"{wat} '{tekst[:40]}' is geen datum; verwacht een datum als 2 december 2026 "
                         "(JJJJ-MM-DD).") from None


def _pagina(request: Request, regio: str, peildatum: str | None, status_code: int = 200,
            **extra: Any) -> HTMLResponse:
    from verdeelwijzer.documenten.vaststelling import DOCUMENTEN, STAPPEN, standtabel
    from verdeelwijzer.documenten.wettelijk import termijnen
    from verdeelwijzer.opslag.vaststelling import lees_stappen
    from verdeelwijzer.web.paginas import render

    dag = _dag(peildatum, "Peildatum") or date.today()
    gegevens = request.app.state.toestand.gegevens
    r = request.app.state.toestand.regio(regio)  # by key, name or codes only: web input never names a file
    codes = sorted(r.gemeentecodes)
    with request.app.state.koppeling.db.sessie() as s:
        stappen = lees_stappen(s, r.naam)
    t = termijnen(dag, r.naam)
    rijen = standtabel(codes, {c: gegevens.naam(c) for c in codes}, stappen, t, dag)
    gebruiker = huidige_gebruiker(request)
    te_wijzigen = sorted(((c, gegevens.naam(c)) for c in codes if gebruiker and gebruiker.mag_gemeente_wijzigen(c)),
                         key=lambda cn: cn[1])
    return render(request, "vaststelling.html", status_code=status_code, titel="Vaststelling VHP en HVO",
                  regio=r.naam, peildatum=dag.isoformat(), termijnen=t, rijen=rijen, te_wijzigen=te_wijzigen,
                  stappen=STAPPEN, documenten=DOCUMENTEN, vandaag=date.today().isoformat(), **extra)


@router.get("/vaststelling", response_class=HTMLResponse)
def vaststelling(request: Request, *, regio: str = "Haaglanden", peildatum: str | None = None,
                 _: Lezer) -> Response:
    return _pagina(request, regio, peildatum)


@router.post("/vaststelling/zet", response_class=HTMLResponse)
def zet(request: Request, *, regio: str = Form(...), gemeentecode: str = Form(...), document: str = Form(...),
        stap: str = Form(...), datum: str = Form(...), toelichting: str = Form("", max_length=500),
        csrf_token: str = Form(""), gebruiker: Importeur) -> Response:
    """Record a stage (as `verdeelwijzer vaststelling zet`): beheerder any gemeente, gemeente user its own."""
    from verdeelwijzer.documenten.vaststelling import controleer_stap
    from verdeelwijzer.opslag.vaststelling import leg_stap_vast

    controleer_csrf(request, csrf_token)
    r = request.app.state.toestand.regio(regio)
    gegevens = request.app.state.toestand.gegevens
    if gemeentecode not in r.gemeentecodes:
        return _pagina(request, regio, None, status_code=422,
                       fout=f"Gemeente '{gemeentecode[:20]}' hoort niet bij {r.naam}; er is niets vastgelegd.")
    if not gebruiker.mag_gemeente_wijzigen(gemeentecode):
        raise HTTPException(403, f"U mag alleen de vaststelling van uw eigen gemeente bijwerken, niet die van "
                                 f"{gegevens.naam(gemeentecode)}.")
    try:
        fouten: list[str] = []
        try:
            dag = _dag(datum, "Datum")
        except InvoerFout as e:
            fouten.append(str(e).rstrip("."))
            dag = None
        if dag is None and not fouten:
            fouten.append("Datum: vul de datum van de stap in")
        document, stap = controleer_stap(document, stap, fouten)
        assert dag is not None
        with request.app.state.koppeling.db.sessie(schrijven=True, door=gebruiker.gebruikersnaam) as s:
            leg_stap_vast(s, regio=r.naam, gemeentecode=gemeentecode, document=document, stap=stap, datum=dag,
                          toelichting=toelichting.strip() or None, door=gebruiker.gebruikersnaam)
    except VerdeelwijzerFout as fout:
        return _pagina(request, regio, None, status_code=422, fout=str(fout))
    from verdeelwijzer.web.opmaak import datum as datum_tekst

    return _pagina(request, regio, None, melding=f"Vastgelegd: {gegevens.naam(gemeentecode)} {document.upper()} "
                                                 f"{stap} op {datum_tekst(dag)}. Dit staat in het auditlog.")
