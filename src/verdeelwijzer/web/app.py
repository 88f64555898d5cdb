"""The application factory: `maak_app(WebInstellingen(...))` returns a ready FastAPI app.

Server-rendered Jinja2 pages with htmx for partial updates, a JSON API under /api with OpenAPI docs at
/api/docs, everything (JS, CSS, Swagger UI, map boundaries) served from the package: no internet needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import Scope

from verdeelwijzer import __version__
from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Inlogbewaking, NietIngelogd
from verdeelwijzer.web.grenzen import Beveiligingskoppen, HeadAlsGet, Rekenbank, Verzoekgrootte
from verdeelwijzer.web.instellingen import WebInstellingen
from verdeelwijzer.web.rekencache import Rekencache

MAP = Path(__file__).resolve().parent
STATIC = MAP / "static"
TEMPLATES = MAP / "templates"

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)

API_OMSCHRIJVING = """
De JSON-API van Verdeelwijzer: dezelfde bewerkingen als de webpagina's, voor toewijzingssystemen en dashboards.

* **Lezen** (gemeenten, regio's, regels, verdeling berekenen) mag iedere ingelogde gebruiker; in de lokale
  modus (nog geen gebruikers, of `--zonder-login`) ook zonder inloggen.
* **Wijzigen** vraagt een sessie (`POST /api/sessie`) en de header `X-CSRF-Token` met het token uit dat antwoord;
  de rol bepaalt wat mag (`regio-beheerder`, `gemeente`: alleen de eigen gemeente, `lezer`: niets).
* Foutmeldingen zijn in het Nederlands, in het veld `detail`.
* Elk cijfer draagt zijn bron en peildatum (velden `bron`/`bronnen`).
"""


class StatischeBestanden(StaticFiles):
    """Static files with cache headers: vendored files have their version in the path and never change;
    the app's own CSS/JS may change with an update, so browsers revalidate them (ETag) after an hour."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        antwoord: Response = await super().get_response(path, scope)
        if antwoord.status_code in (200, 304):
            antwoord.headers["Cache-Control"] = ("public, max-age=31536000, immutable" if path.startswith("vendor/")
                                                 else "public, max-age=3600")
        return antwoord


def templates() -> Jinja2Templates:
    from verdeelwijzer.web import opmaak

    t = Jinja2Templates(directory=str(TEMPLATES))
    t.env.filters["getal"] = opmaak.getal
    t.env.filters["datum"] = opmaak.datum
    t.env.filters["datumtijd"] = opmaak.datumtijd
    t.env.filters["procent"] = opmaak.procent
    t.env.filters["bron"] = opmaak.bron_tekst
    t.env.globals["versie"] = __version__
    t.env.globals["status_uitleg"] = opmaak.STATUS_UITLEG
    t.env.globals["status_woord"] = opmaak.STATUS_WOORD
    t.env.globals["kolomlabel"] = opmaak.kolomlabel
    return t


def maak_app(instellingen: WebInstellingen | None = None) -> FastAPI:
    from verdeelwijzer.web import (
        afspraken_paginas,
        api,
        betaalbaarheid_paginas,
        documenten_paginas,
        editor_paginas,
        monitoring_paginas,
        opgave_paginas,
        paginas,
        presentatie,
        transferpunt_paginas,
        vaststelling_paginas,
        verdeling,
        woonvormen_paginas,
        woonvormen_regels,
    )
    from verdeelwijzer.web.koppeling import Koppeling
    from verdeelwijzer.web.toestand import GegevensToestand

    inst = instellingen or WebInstellingen()
    app = FastAPI(
        title="Verdeelwijzer API", version=__version__, description=API_OMSCHRIJVING,
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.instellingen = inst
    inst.map.mkdir(parents=True, exist_ok=True)
    app.state.toestand = GegevensToestand(inst.upload_map)
    app.state.koppeling = Koppeling(inst.db_url or "", sessieduur_s=inst.sessieduur_s)
    app.state.templates = templates()
    app.state.inlogbewaking = Inlogbewaking(inst.inlog_per_gebruiker, inst.inlog_per_adres, inst.inlog_venster_s)
    app.state.rekenbank = Rekenbank(inst.rekenwerkers, inst.rekentijd_s)
    app.state.rekencache = Rekencache(inst.rekencache)
    app.state.paginacache = Rekencache(min(inst.rekencache, 64))  # rendered result blocks (~60 KB each)

    app.add_middleware(
        SessionMiddleware, secret_key=inst.sessiesleutel(), session_cookie="verdeelwijzer_sessie",
        max_age=inst.sessieduur_s, same_site="lax", https_only=inst.https,
    )

    app.add_middleware(Beveiligingskoppen, koppen=(
        ("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY")))

    # Outermost (added last): HEAD as GET, and the body size limit before anything reads the body or asks
    # who is calling.
    # Compress HTML, JSON, CSS and JS (the pages are tables and SVG: they shrink several times).
    # Level 5, not 9: a 64 KB page in 1.5 ms instead of 3.6 ms, 2 % larger.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(HeadAlsGet)
    app.add_middleware(Verzoekgrootte, standaard=inst.max_verzoek, per_pad=verzoeklimieten(inst))

    app.mount("/static", StatischeBestanden(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(monitoring_paginas.api_router)
    app.include_router(verdeling.api_router)
    app.include_router(afspraken_paginas.api_router)
    app.include_router(betaalbaarheid_paginas.api_router)
    app.include_router(woonvormen_paginas.api_router)
    app.include_router(paginas.router)
    app.include_router(verdeling.router)
    app.include_router(presentatie.router)
    app.include_router(editor_paginas.router)
    app.include_router(afspraken_paginas.router)
    app.include_router(betaalbaarheid_paginas.router)
    app.include_router(monitoring_paginas.router)
    app.include_router(documenten_paginas.router)
    app.include_router(vaststelling_paginas.router)
    app.include_router(opgave_paginas.router)
    app.include_router(transferpunt_paginas.router)
    app.include_router(woonvormen_paginas.router)
    app.include_router(woonvormen_regels.router)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(NietIngelogd)
    async def niet_ingelogd(request: Request, _: NietIngelogd) -> Response:
        if is_api(request):
            return JSONResponse({"detail": "Niet ingelogd: log in via POST /api/sessie."}, status_code=401)
        if request.headers.get("HX-Request"):
            return Response(status_code=401, headers={"HX-Redirect": "/inloggen"})
        return RedirectResponse(f"/inloggen?volgende={request.url.path}", status_code=303)

    @app.exception_handler(VerdeelwijzerFout)
    async def verdeelwijzer_fout(request: Request, fout: VerdeelwijzerFout) -> Response:
        if is_api(request):
            return JSONResponse({"detail": str(fout)}, status_code=422)
        return foutpagina(request, 422, "De invoer klopt niet", str(fout))

    @app.exception_handler(HTTPException)
    async def http_fout(request: Request, fout: HTTPException) -> Response:
        if is_api(request):
            return JSONResponse({"detail": fout.detail}, status_code=fout.status_code, headers=fout.headers)
        koppen = {403: "Geen toegang", 404: "Niet gevonden", 401: "Niet ingelogd"}
        tekst = fout.detail if fout.status_code != 404 or fout.detail != "Not Found" else (
            "Deze pagina bestaat niet.")
        return foutpagina(request, fout.status_code, koppen.get(fout.status_code, "Fout"), str(tekst))

    @app.exception_handler(RequestValidationError)
    async def validatiefout(request: Request, fout: RequestValidationError) -> Response:
        meldingen = [vertaal_validatie(e) for e in fout.errors()]
        if is_api(request):
            return JSONResponse({"detail": meldingen}, status_code=422)
        return foutpagina(request, 422, "De invoer klopt niet", "\n".join(m["melding"] for m in meldingen))

    return app


def verzoeklimieten(inst: WebInstellingen) -> list[tuple[str, int]]:
    """Routes that take more than `max_verzoek`: the monitoring import, and uploads of data, programme and
    agreement files (the download forms send a programme back base64-encoded)."""
    import_ = [(p, inst.max_import) for p in ("/monitoring/importeer", "/api/monitoring/importeer")]
    upload = [(p, inst.max_upload) for p in (
        "/gegevens/upload", "/api/gegevens/bestanden", "/betaalbaarheid", "/api/betaalbaarheid",
        "/download/betaalbaarheid.*", "/afspraken", "/api/afspraken", "/download/afspraken.*", "/download/documenten",
        "/woonvormen/monitoring", "/woonvormen/regels", "/monitoring/start")]
    return import_ + upload


_VALIDATIE = {
    "missing": "verplicht veld ontbreekt",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn (geen oneindig of onmogelijk groot getal)",
    "int_from_float": "moet een geheel getal zijn",
    "decimal_parsing": "moet een getal zijn",
    "decimal_type": "moet een getal zijn",
    "int_too_big": "is te groot",
    "greater_than_equal": "moet minstens {ge} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "string_too_short": "is te kort (minstens {min_length} tekens)",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "enum": "moet een van deze waarden zijn: {expected}",
    "extra_forbidden": "onbekend veld",
    "json_invalid": "geen geldige JSON",
    "model_attributes_type": "verwacht een JSON-object",
    "dict_type": "verwacht een JSON-object",
    "list_type": "verwacht een lijst",
    "bool_parsing": "moet waar of onwaar zijn",
    "string_type": "moet tekst zijn",
}


def vertaal_validatie(e: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as a Dutch message with the field's place."""
    plek = ".".join(str(d) for d in e.get("loc", ()) if d not in ("body", "query", "path", "form"))
    sjabloon = _VALIDATIE.get(e.get("type", ""))
    if sjabloon:
        try:
            uitleg = sjabloon.format(**{k: v for k, v in (e.get("ctx") or {}).items()})
        except (KeyError, IndexError):
            uitleg = sjabloon
    elif e.get("type") == "value_error":
        uitleg = str((e.get("ctx") or {}).get("error", e.get("msg", "")))
    else:
        # pydantic's own message is English: name the kind of error instead (the type stays in the JSON)
        uitleg = f"ongeldige waarde (soort fout: {e.get('type', 'onbekend')})"
    return {"veld": plek or "(invoer)", "melding": f"{plek or 'invoer'}: {uitleg}", "type": e.get("type")}


def foutpagina(request: Request, status: int, kop: str, tekst: str) -> HTMLResponse:
    from verdeelwijzer.web.paginas import context

    t: Jinja2Templates = request.app.state.templates
    if request.headers.get("HX-Request"):
        return t.TemplateResponse(request, "_fout.html", {"kop": kop, "tekst": tekst}, status_code=status,
                                  headers={"HX-Retarget": "#meldingen", "HX-Reswap": "innerHTML"})
    return t.TemplateResponse(request, "fout.html", context(request, titel=kop, kop=kop, tekst=tekst),
                              status_code=status)


def app_uit_omgeving() -> FastAPI:
    """Factory for several uvicorn workers: settings from the environment that `serve` sets."""
    import os

    from verdeelwijzer.opslag.database import database_url

    map_tekst = os.environ.get("VERDEELWIJZER_MAP")
    extra = {"map": Path(map_tekst)} if map_tekst else {}
    return maak_app(WebInstellingen(
        db_url=database_url(None), zonder_login=bool(os.environ.get("VERDEELWIJZER_ZONDER_LOGIN")),
        https=bool(os.environ.get("VERDEELWIJZER_HTTPS")), **extra,
    ))
