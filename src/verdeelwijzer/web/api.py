"""The JSON API under /api (OpenAPI at /api/openapi.json, docs at /api/docs).

Reading needs a user (or the local mode); every state-changing endpoint checks the role and the CSRF
header of the session. Input is validated by pydantic; errors come back in Dutch in `detail`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from verdeelwijzer import __version__
from verdeelwijzer.gegevens import attributie, gegevens_versie
from verdeelwijzer.gegevens.samenvatting import gemeenterijen, regiototaal
from verdeelwijzer.regels import alle_parameters, regels_versie
from verdeelwijzer.web import diensten
from verdeelwijzer.web.beveiliging import (
    Beheerder,
    Bestand,
    Lezer,
    client_adres,
    controleer_csrf,
    controleer_inlogpoging,
    csrf_token,
    huidige_gebruiker,
    log_in,
    log_uit,
    lokale_modus,
)
from verdeelwijzer.web.grenzen import reken

router = APIRouter(prefix="/api")


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Inloggegevens(Strikt):
    gebruikersnaam: str = Field(min_length=1, max_length=200)
    wachtwoord: str = Field(min_length=1, max_length=500)


class SessieAntwoord(BaseModel):
    gebruikersnaam: str | None
    rol: str | None
    gemeentecode: str | None = None
    lokaal: bool
    csrf_token: str


def versies() -> dict[str, str]:
    return {"verdeelwijzer": __version__, "gegevens": gegevens_versie(), "regels": regels_versie()}


def _sessie(request: Request) -> SessieAntwoord:
    g = huidige_gebruiker(request)
    return SessieAntwoord(gebruikersnaam=g.gebruikersnaam if g else None, rol=g.rol if g else None,
                          gemeentecode=g.gemeentecode if g else None, lokaal=lokale_modus(request),
                          csrf_token=csrf_token(request))


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, "api_docs.html", {})


@router.get("/sessie", response_model=SessieAntwoord, tags=["sessie"], summary="Wie ben ik (en het CSRF-token)")
def sessie(request: Request) -> SessieAntwoord:
    return _sessie(request)


@router.post("/sessie", response_model=SessieAntwoord, tags=["sessie"], summary="Inloggen")
def sessie_start(request: Request, invoer: Inloggegevens) -> SessieAntwoord:
    """Log in with user name and password; the answer sets the session cookie and gives the CSRF token
    to send as header `X-CSRF-Token` with every state-changing request."""
    koppeling = request.app.state.koppeling
    gebruiker = controleer_inlogpoging(request, invoer.gebruikersnaam, invoer.wachtwoord)
    if gebruiker is None:
        koppeling.audit(invoer.gebruikersnaam.strip()[:200], "inloggen_mislukt", "sessie (api)")
        raise HTTPException(401, "Onbekende gebruikersnaam of onjuist wachtwoord.")
    log_in(request, gebruiker)
    koppeling.audit(gebruiker.gebruikersnaam, "ingelogd", "sessie (api)")
    return _sessie(request)


@router.delete("/sessie", status_code=204, tags=["sessie"], summary="Uitloggen")
def sessie_stop(request: Request) -> None:
    """Log out: the session ends on the server, so the cookie cannot be used again."""
    controleer_csrf(request)
    gebruiker = huidige_gebruiker(request)
    if gebruiker is not None and not gebruiker.lokaal:
        request.app.state.koppeling.audit(gebruiker.gebruikersnaam, "uitgelogd", "sessie (api)")
    log_uit(request)


class Wachtwoordwijziging(Strikt):
    huidig: str = Field(min_length=1, max_length=500)
    nieuw: str = Field(min_length=8, max_length=500)


@router.post("/sessie/wachtwoord", response_model=SessieAntwoord, tags=["sessie"],
             summary="Eigen wachtwoord wijzigen")
def wachtwoord_wijzigen(request: Request, invoer: Wachtwoordwijziging, gebruiker: Lezer) -> SessieAntwoord:
    """Change your own password (the current one is checked; a new one must be at least 8 characters and not
    a common password). Every session of the account ends, on every device; this request gets a fresh
    session and CSRF token in the answer."""
    controleer_csrf(request)
    wijzig_eigen_wachtwoord(request, gebruiker, invoer.huidig, invoer.nieuw)
    return _sessie(request)


def wijzig_eigen_wachtwoord(request: Request, gebruiker: Any, huidig: str, nieuw: str) -> None:
    """Shared by the API and the page: checks, changes, ends all sessions, starts a fresh one here."""
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.opslag.gebruikers import OnjuistWachtwoord

    if gebruiker.lokaal:
        raise InvoerFout("In de lokale modus zijn er geen wachtwoorden; maak eerst gebruikers aan.")
    bewaking = request.app.state.inlogbewaking
    bewaking.controleer(gebruiker.gebruikersnaam, client_adres(request))
    try:
        request.app.state.koppeling.wijzig_wachtwoord(gebruiker.gebruikersnaam, gebruiker.gebruikersnaam, nieuw,
                                                      huidig)
    except OnjuistWachtwoord:
        bewaking.mislukt(gebruiker.gebruikersnaam, client_adres(request))
        raise
    log_in(request, gebruiker)


@router.get("/versie", tags=["algemeen"], summary="Versies van programma, gegevens en regels")
def versie() -> dict[str, str]:
    return versies()


@router.get("/gemeenten", tags=["gegevens"], summary="Alle gemeenten met cijfers en bronnen")
def api_gemeenten(request: Request, *, regio: str | None = None,
                  _: Lezer) -> dict[str, Any]:
    """All gemeenten (or those of `regio`: a key from /api/regios such as 'provincie:Utrecht', a name, or
    'Delft,Rijswijk'), each figure with its source and peildatum, plus regional totals."""
    toestand = request.app.state.toestand
    g = toestand.gegevens
    codes = sorted(toestand.regio(regio).gemeentecodes if regio else g.tabel.index, key=g.naam)
    return {
        "gemeenten": gemeenterijen(g, codes, diensten.OVERZICHT_KOLOMMEN),
        "totaal": regiototaal(g, codes),
        "kolommen": {k: vars(g.kolommen[k]) for k in diensten.OVERZICHT_KOLOMMEN if k in g.kolommen},
        "attributie": attributie(),
        "versie": versies(),
    }


@router.get("/gemeenten/{code}", tags=["gegevens"], summary="Eén gemeente met al haar cijfers en bronnen")
def api_gemeente(request: Request, *, code: str, _: Lezer) -> dict[str, Any]:
    g = request.app.state.toestand.gegevens
    if code not in g.tabel.index:
        raise HTTPException(404, f"Gemeentecode '{code}' bestaat niet in de indeling {g.indeling_jaar}.")
    cijfers = diensten.gemeente_detail(g, code)
    for c in cijfers:
        c["waarde"] = None if c["waarde"] is None else float(c["waarde"])
    return {"gemeentecode": code, "gemeentenaam": g.naam(code), "cijfers": cijfers, "attributie": attributie()}


@router.get("/regios", tags=["gegevens"], summary="Alle bekende regio's")
def api_regios(request: Request, *, _: Lezer) -> dict[str, Any]:
    return {"regios": [
        {"sleutel": r.sleutel, "naam": r.naam, "soort": r.soort, "gemeentecodes": list(r.gemeentecodes),
         "indeling_jaar": r.indeling_jaar, "bron": r.bron, "opmerking": r.opmerking}
        for r in request.app.state.toestand.regios
    ]}


@router.get("/regels", tags=["regels"], summary="Alle parameters met status, geldigheid en bron")
def api_regels(_: Lezer) -> dict[str, Any]:
    return {
        "parameters": [
            {"naam": p.naam, "omschrijving": p.omschrijving, "eenheid": p.eenheid, "waarden": [
                {"waarde": _json(w.waarde), "status": w.status, "concept": w.is_concept,
                 "geldig_vanaf": w.geldig_vanaf.isoformat(),
                 "geldig_tot": w.geldig_tot.isoformat() if w.geldig_tot else None,
                 "bron": {"titel": w.bron_titel, "url": w.bron_url}, "toelichting": w.toelichting}
                for w in p.waarden]}
            for p in alle_parameters()
        ],
        "versie": versies(),
    }


def _json(w: Any) -> Any:
    from fractions import Fraction

    if isinstance(w, Fraction):
        return str(w)
    if isinstance(w, dict):
        return {k: _json(v) for k, v in w.items()}
    if isinstance(w, list | tuple):
        return [_json(v) for v in w]
    if hasattr(w, "isoformat"):
        return w.isoformat()
    return w


@router.get("/gegevens/bestanden", tags=["gegevens"], summary="Ingelezen eigen gegevensbestanden")
def api_bestanden(request: Request, *, _: Lezer) -> dict[str, Any]:
    return {"bestanden": [p.name for p in request.app.state.toestand.bestanden()]}


@router.post("/gegevens/bestanden", tags=["gegevens"], summary="Eigen gegevensbestand inlezen (regio-beheerder)")
async def api_upload(request: Request, *, bestand: Bestand,
                     gebruiker: Beheerder) -> dict[str, Any]:
    """Upload a CSV/Excel override file (column gemeentecode or gemeentenaam plus figure columns).
    Invalid files change nothing; the answer (422) lists every problem with row and column."""
    controleer_csrf(request)
    inhoud = await bestand.read()
    pad = await reken(request, request.app.state.toestand.voeg_toe, bestand.filename or "bestand.csv", inhoud)
    request.app.state.koppeling.audit(gebruiker.gebruikersnaam, "gegevens_ingelezen", f"bestand {pad.name}",
                                      nieuw={"bestand": pad.name, "bytes": len(inhoud)})
    return {"bestand": pad.name, "bestanden": [p.name for p in request.app.state.toestand.bestanden()]}


@router.delete("/gegevens/bestanden/{naam}", tags=["gegevens"], summary="Eigen gegevensbestand verwijderen")
def api_verwijder(request: Request, *, naam: str, gebruiker: Beheerder) -> dict[str, Any]:
    controleer_csrf(request)
    request.app.state.toestand.verwijder(naam)
    request.app.state.koppeling.audit(gebruiker.gebruikersnaam, "gegevens_verwijderd", f"bestand {naam}",
                                      oud={"bestand": naam})
    return {"bestanden": [p.name for p in request.app.state.toestand.bestanden()]}


class NieuweGebruiker(Strikt):
    gebruikersnaam: str = Field(min_length=1, max_length=200)
    wachtwoord: str = Field(min_length=8, max_length=500)
    rol: str = Field(pattern="^(regio-beheerder|gemeente|lezer)$")
    gemeentecode: str | None = Field(default=None, pattern="^GM[0-9]{4}$")


@router.get("/gebruikers", tags=["gebruikers"], summary="Alle gebruikers (regio-beheerder)")
def api_gebruikers(request: Request, *, _: Beheerder) -> dict[str, Any]:
    return {"gebruikers": request.app.state.koppeling.gebruikers()}


@router.post("/gebruikers", status_code=201, tags=["gebruikers"], summary="Gebruiker aanmaken (regio-beheerder)")
def api_gebruiker_maken(request: Request, *, invoer: NieuweGebruiker,
                        beheerder: Beheerder) -> dict[str, Any]:
    controleer_csrf(request)
    request.app.state.koppeling.maak_gebruiker(beheerder.gebruikersnaam, invoer.gebruikersnaam, invoer.wachtwoord,
                                               invoer.rol, invoer.gemeentecode)
    return {"gebruikersnaam": invoer.gebruikersnaam.strip(), "rol": invoer.rol, "gemeentecode": invoer.gemeentecode}


@router.get("/audit", tags=["gebruikers"], summary="Laatste regels van het auditlog (regio-beheerder)")
def api_audit(request: Request, *, aantal: int = 100, _: Beheerder) -> dict[str, Any]:
    if not 1 <= aantal <= 1000:
        raise HTTPException(422, "aantal moet tussen 1 en 1000 liggen.")
    return {"audit": request.app.state.koppeling.auditlog(aantal)}
