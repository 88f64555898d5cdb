"""The HTML pages (server-rendered; htmx swaps fragments). Each route reads input, calls the core through
`diensten`, and renders a template. No calculation lives here."""

from __future__ import annotations

import importlib.util
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from verdeelwijzer import __version__
from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.gegevens import attributie, gegevens_versie, manifest
from verdeelwijzer.regels import regels_versie
from verdeelwijzer.web import diensten
from verdeelwijzer.web.beveiliging import (
    CSRF_VELD,
    ROL_UITLEG,
    Beheerder,
    Bestand,
    Lezer,
    controleer_csrf,
    controleer_inlogpoging,
    csrf_token,
    huidige_gebruiker,
    log_in,
    log_uit,
    lokale_modus,
)
from verdeelwijzer.web.grenzen import reken
from verdeelwijzer.web.tabellen import Tabel, als_csv, als_excel

router = APIRouter(include_in_schema=False)


def module_bestaat(naam: str) -> bool:
    try:
        return importlib.util.find_spec(naam) is not None
    except ModuleNotFoundError:
        return False


def navigatie(request: Request) -> list[tuple[str, str]]:
    from verdeelwijzer.web import afspraken_paginas, betaalbaarheid_paginas, verdeling

    items = [("/", "Overzicht")]
    if verdeling.beschikbaar():
        items += [("/verdeling", "Verdeling"), ("/scenarios", "Scenario's")]
    if afspraken_paginas.beschikbaar():
        items.append(("/afspraken", "Afspraken"))
    if betaalbaarheid_paginas.beschikbaar():
        items.append(("/betaalbaarheid", "Betaalbaarheid"))
    items.append(("/opgave", "Opgave"))
    items.append(("/woonvormen", "Woonvormen"))
    if request.app.state.koppeling.monitoring_beschikbaar():
        items.append(("/monitoring", "Monitoring"))
        items.append(("/transferpunt", "Transferpunt"))
    items += [("/regels", "Regels"), ("/gegevens", "Gegevens")]
    gebruiker = huidige_gebruiker(request)
    if gebruiker is not None and gebruiker.is_beheerder and not gebruiker.lokaal:
        items.append(("/gebruikers", "Gebruikers"))
    items.append(("/api/docs", "API"))
    return items


def context(request: Request, **extra: Any) -> dict[str, Any]:
    gebruiker = huidige_gebruiker(request)
    return {
        "request": request,
        "gebruiker": gebruiker,
        "lokaal": lokale_modus(request),
        "csrf": csrf_token(request),
        "csrf_veld": CSRF_VELD,
        "navigatie": navigatie(request),
        "pad": request.url.path,
        "attributie": attributie(),
        "versies": {"verdeelwijzer": __version__, "gegevens": gegevens_versie(), "regels": regels_versie()},
        **extra,
    }


def render(request: Request, sjabloon: str, status_code: int = 200, **extra: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, sjabloon, context(request, **extra),
                                                        status_code=status_code)


def is_fragment(request: Request) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def download(tabel: Tabel, formaat: str, extra: list[Tabel] | None = None) -> Response:
    naam = "".join(c if c.isalnum() or c in "-_" else "_" for c in tabel.naam).strip("_")
    if formaat == "csv":
        return Response(als_csv(tabel), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{naam}.csv"'})
    if formaat == "xlsx":
        return Response(
            als_excel(tabel, extra or []),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{naam}.xlsx"'},
        )
    raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies csv of xlsx.")


# ------------------------------------------------------------------------------------------------
# Overview
# ------------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overzicht(request: Request, *, regio: str | None = None, indicator: str = "inwoners",
              _: Lezer) -> Response:
    toestand = request.app.state.toestand
    g = toestand.gegevens
    r = toestand.regio(regio)
    codes = sorted(r.gemeentecodes, key=g.naam)
    indicatoren = diensten.kaartindicatoren(g)
    if indicator not in dict(indicatoren):
        raise InvoerFout(f"Onbekende indicator '{indicator}'. Kies er een uit de lijst.")
    kaart = diensten.indicatorkaart(g, codes, indicator)
    tabel = diensten.gemeententabel(g, r, codes)
    waarden = {"regio": r.sleutel, "indicator": indicator}
    if is_fragment(request) and request.headers.get("HX-Target") == "kaartvak":
        return render(request, "_kaartvak.html", kaart=kaart, detail_url="/gemeente/", waarden=waarden)
    return render(request, "overzicht.html", titel=f"Overzicht {r.naam}", regio=r, regios=toestand.regios,
                  indicatoren=indicatoren, indicator=indicator, kaart=kaart, tabel=tabel, waarden=waarden,
                  detail_url="/gemeente/")


@router.get("/gemeente/{code}", response_class=HTMLResponse)
def gemeente(request: Request, *, code: str, _: Lezer) -> Response:
    g = request.app.state.toestand.gegevens
    if code not in g.tabel.index:
        raise HTTPException(404, f"Gemeentecode '{code}' bestaat niet in de indeling {g.indeling_jaar}.")
    sjabloon = "_gemeente.html" if is_fragment(request) else "gemeente.html"
    return render(request, sjabloon, titel=g.naam(code), code=code, naam=g.naam(code),
                  cijfers=diensten.gemeente_detail(g, code))


@router.get("/download/gemeenten.{formaat}")
def download_gemeenten(request: Request, *, formaat: str, regio: str | None = None,
                       _: Lezer) -> Response:
    toestand = request.app.state.toestand
    r = toestand.regio(regio)
    codes = sorted(r.gemeentecodes, key=toestand.gegevens.naam)
    return download(diensten.gemeententabel(toestand.gegevens, r, codes), formaat)


# ------------------------------------------------------------------------------------------------
# Rules
# ------------------------------------------------------------------------------------------------


@router.get("/regels", response_class=HTMLResponse)
def regels(request: Request, *, _: Lezer) -> Response:
    return render(request, "regels.html", titel="Regels", tabel=diensten.regels_tabel())


@router.get("/download/regels.{formaat}")
def download_regels(formaat: str, _: Lezer) -> Response:
    return download(diensten.regels_tabel(), formaat)


# ------------------------------------------------------------------------------------------------
# Data: sources, licence, override files
# ------------------------------------------------------------------------------------------------


def _gegevenspagina(request: Request, status_code: int = 200, **extra: Any) -> HTMLResponse:
    toestand = request.app.state.toestand
    g = toestand.gegevens
    m = manifest()
    kolommen = [g.kolommen[k] for k in g.numerieke_kolommen()]
    return render(request, "gegevens.html", status_code=status_code, titel="Gegevens", manifest=m,
                  kolommen=kolommen, bestanden=[p.name for p in toestand.bestanden()],
                  indeling_jaar=g.indeling_jaar, **extra)


@router.get("/gegevens", response_class=HTMLResponse)
def gegevens(request: Request, *, _: Lezer) -> Response:
    return _gegevenspagina(request)


@router.post("/gegevens/upload", response_class=HTMLResponse)
async def gegevens_upload(request: Request, *, bestand: Bestand,
                          csrf_token: str = Form(""), alleen_controleren: str = Form(""),
                          gebruiker: Beheerder) -> Response:
    controleer_csrf(request, csrf_token)
    inhoud = await bestand.read()
    toestand = request.app.state.toestand
    naam = bestand.filename or "bestand.csv"
    try:
        if alleen_controleren:
            await reken(request, toestand.controleer, naam, inhoud)
            return _gegevenspagina(request, melding=f"Het bestand '{naam}' is in orde; er is nog niets gewijzigd.")
        pad = await reken(request, toestand.voeg_toe, naam, inhoud)
    except VerdeelwijzerFout as fout:
        return _gegevenspagina(request, status_code=422, uploadfout=str(fout), uploadnaam=naam)
    request.app.state.koppeling.audit(gebruiker.gebruikersnaam, "gegevens_ingelezen", f"bestand {pad.name}",
                                      nieuw={"bestand": pad.name, "bytes": len(inhoud)})
    return _gegevenspagina(request, melding=f"Het bestand '{pad.name}' is ingelezen; de cijfers zijn bijgewerkt.")


@router.post("/gegevens/verwijder", response_class=HTMLResponse)
def gegevens_verwijder(request: Request, *, naam: str = Form(...), csrf_token: str = Form(""),
                       gebruiker: Beheerder) -> Response:
    controleer_csrf(request, csrf_token)
    request.app.state.toestand.verwijder(naam)
    request.app.state.koppeling.audit(gebruiker.gebruikersnaam, "gegevens_verwijderd", f"bestand {naam}",
                                      oud={"bestand": naam})
    return _gegevenspagina(request, melding=f"Het bestand '{naam}' is verwijderd; de ingebouwde cijfers gelden weer.")


# ------------------------------------------------------------------------------------------------
# Login
# ------------------------------------------------------------------------------------------------


@router.get("/inloggen", response_class=HTMLResponse)
def inloggen_pagina(request: Request, volgende: str = "/") -> Response:
    return render(request, "inloggen.html", titel="Inloggen", volgende=_veilig_doel(volgende))


def _veilig_doel(doel: str) -> str:
    return doel if doel.startswith("/") and not doel.startswith("//") else "/"


@router.post("/inloggen", response_class=HTMLResponse)
def inloggen(request: Request, gebruikersnaam: str = Form(""), wachtwoord: str = Form(""),
             volgende: str = Form("/"), csrf_token: str = Form("")) -> Response:
    controleer_csrf(request, csrf_token)
    koppeling = request.app.state.koppeling
    try:
        gebruiker = controleer_inlogpoging(request, gebruikersnaam, wachtwoord)
    except HTTPException as fout:
        if fout.status_code != 429:
            raise
        antwoord = render(request, "inloggen.html", status_code=429, titel="Inloggen",
                          volgende=_veilig_doel(volgende), fout=str(fout.detail), gebruikersnaam=gebruikersnaam)
        antwoord.headers.update(fout.headers or {})
        return antwoord
    if gebruiker is None:
        koppeling.audit(gebruikersnaam.strip()[:200] or "(leeg)", "inloggen_mislukt", "sessie")
        return render(request, "inloggen.html", status_code=401, titel="Inloggen", volgende=_veilig_doel(volgende),
                      fout="Onbekende gebruikersnaam of onjuist wachtwoord.", gebruikersnaam=gebruikersnaam)
    log_in(request, gebruiker)
    koppeling.audit(gebruiker.gebruikersnaam, "ingelogd", "sessie")
    return RedirectResponse(_veilig_doel(volgende), status_code=303)


@router.post("/uitloggen")
def uitloggen(request: Request, csrf_token: str = Form("")) -> Response:
    controleer_csrf(request, csrf_token)
    gebruiker = huidige_gebruiker(request)
    if gebruiker is not None and not gebruiker.lokaal:
        request.app.state.koppeling.audit(gebruiker.gebruikersnaam, "uitgelogd", "sessie")
    log_uit(request)
    return RedirectResponse("/inloggen", status_code=303)


@router.get("/wachtwoord", response_class=HTMLResponse)
def wachtwoord_pagina(request: Request, *, _: Lezer) -> Response:
    return render(request, "wachtwoord.html", titel="Wachtwoord wijzigen")


@router.post("/wachtwoord", response_class=HTMLResponse)
def wachtwoord_wijzigen(request: Request, *, huidig: str = Form(""), nieuw: str = Form(""), herhaal: str = Form(""),
                        csrf_token: str = Form(""), gebruiker: Lezer) -> Response:
    """Change one's own password; every other session of the account ends (see `api.wijzig_eigen_wachtwoord`)."""
    from verdeelwijzer.web.api import wijzig_eigen_wachtwoord

    controleer_csrf(request, csrf_token)
    try:
        if nieuw != herhaal:
            raise InvoerFout("Wachtwoord niet gewijzigd: de twee nieuwe wachtwoorden zijn niet gelijk.")
        wijzig_eigen_wachtwoord(request, gebruiker, huidig, nieuw)
    except VerdeelwijzerFout as fout:
        return render(request, "wachtwoord.html", status_code=422, titel="Wachtwoord wijzigen", fout=str(fout))
    except HTTPException as fout:
        if fout.status_code != 429:
            raise
        return render(request, "wachtwoord.html", status_code=429, titel="Wachtwoord wijzigen", fout=str(fout.detail))
    return render(request, "wachtwoord.html", titel="Wachtwoord wijzigen",
                  melding="Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.")


# ------------------------------------------------------------------------------------------------
# Users (regio-beheerder)
# ------------------------------------------------------------------------------------------------


@router.get("/gebruikers", response_class=HTMLResponse)
def gebruikers(request: Request, *, _: Beheerder) -> Response:
    return _gebruikerspagina(request)


def _gebruikerspagina(request: Request, status_code: int = 200, **extra: Any) -> HTMLResponse:
    koppeling = request.app.state.koppeling
    g = request.app.state.toestand.gegevens
    gemeenten = sorted(((c, g.naam(c)) for c in g.tabel.index), key=lambda x: x[1])
    return render(request, "gebruikers.html", status_code=status_code, titel="Gebruikers",
                  gebruikers=koppeling.gebruikers(), rollen=ROL_UITLEG, gemeenten=gemeenten,
                  audit=koppeling.auditlog(50), **extra)


@router.post("/gebruikers", response_class=HTMLResponse)
def gebruiker_maken(request: Request, *, gebruikersnaam: str = Form(""), wachtwoord: str = Form(""),
                    rol: str = Form(""), gemeentecode: str = Form(""), csrf_token: str = Form(""),
                    beheerder: Beheerder) -> Response:
    controleer_csrf(request, csrf_token)
    try:
        request.app.state.koppeling.maak_gebruiker(beheerder.gebruikersnaam, gebruikersnaam.strip(), wachtwoord,
                                                   rol, gemeentecode or None)
    except VerdeelwijzerFout as fout:
        return _gebruikerspagina(request, status_code=422, fout=str(fout))
    return _gebruikerspagina(request, melding=f"Gebruiker '{gebruikersnaam.strip()}' is aangemaakt.")


@router.post("/gebruikers/{naam}/actief", response_class=HTMLResponse)
def gebruiker_actief(request: Request, *, naam: str, actief: str = Form(""), csrf_token: str = Form(""),
                     beheerder: Beheerder) -> Response:
    controleer_csrf(request, csrf_token)
    if naam == beheerder.gebruikersnaam:
        return _gebruikerspagina(request, status_code=422, fout="U kunt uw eigen account niet uitschakelen.")
    request.app.state.koppeling.zet_actief(beheerder.gebruikersnaam, naam, actief == "ja")
    toestand = "ingeschakeld" if actief == "ja" else "uitgeschakeld"
    return _gebruikerspagina(request, melding=f"Gebruiker '{naam}' is {toestand}.")

