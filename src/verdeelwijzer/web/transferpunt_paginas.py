"""The transferpunt page (/transferpunt): import the registers, run a matching round, accept or reject
proposals, and the KPIs. The core does all the work (`transferpunt.lezen`, `kader.draai_ronde`, `register`,
`kpi`); this module only checks who may do what and shows the result.

Who may do what (privacy by design):
- every logged-in user sees the KPIs (aggregates only, no case data);
- the role `transferpunt` (and the single user of local mode) sees cases and proposals, imports registers,
  runs rounds, accepts and rejects; every view of a case or of the proposals is written to the audit log.
Uploads go to a temporary folder that is removed at once; messages never name that folder.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Gebruiker, Lezer, controleer_csrf

router = APIRouter(include_in_schema=False)

ROL = "transferpunt"
VOORBEELD = "haaglanden"
MAX_BESTAND = 20_000_000
Upload = Annotated[UploadFile | None, File()]


def mag_dossiers(gebruiker: Gebruiker) -> bool:
    return gebruiker.rol == ROL or gebruiker.lokaal


def _vereis_dossiers(gebruiker: Gebruiker) -> None:
    if not mag_dossiers(gebruiker):
        raise HTTPException(403, "Alleen de rol 'transferpunt' mag dossiers zien, registers inlezen en voorstellen "
                                 "beoordelen.")


def _voorbeeldmap() -> Path:
    return Path(__file__).resolve().parents[1] / "voorbeeldbestanden" / "transferpunt"


def _kader_uit_tekst(tekst: str) -> Any:
    """Load and compute an agreement text (uploaded or stored) in a temporary folder."""
    from verdeelwijzer.afspraken import GeladenAfspraken, bereken_afspraken, lees_afspraken_tekst
    from verdeelwijzer.transferpunt.kader import transferpunt_uit

    kader = lees_afspraken_tekst(tekst, "afsprakenkader")
    with tempfile.TemporaryDirectory() as map_:
        # opgesloten: files the text names resolve only inside this empty folder, its region never from a file
        geladen = GeladenAfspraken(kader, Path(map_) / "afsprakenkader.yaml", tekst, opgesloten=True)
        return transferpunt_uit(geladen, bereken_afspraken(geladen))


def _regio_naam(tk: Any) -> str:
    regio = tk.geladen.kader.regio
    return regio if isinstance(regio, str) else tk.naam


def _db(request: Request) -> Any:
    return request.app.state.koppeling.db


def _kengetallen(s: Any, vandaag: date) -> tuple[Any, Any, str, Any] | None:
    """(kader row, transferpunt settings, period, KPIs) of the current transferpunt; None when none is set up.
    The KPIs are aggregates (no case data), so showing them is not a view of a case."""
    from verdeelwijzer.transferpunt import register
    from verdeelwijzer.transferpunt.kader import categorie_functie, quota_voor
    from verdeelwijzer.transferpunt.kpi import bereken_kpis

    rij = register.huidig_kader(s)
    if rij is None:
        return None
    tk = _kader_uit_tekst(rij.inhoud)
    periode = str(vandaag.year) if str(vandaag.year) in tk.perioden else tk.perioden[0]
    doelen = {(q.gemeentecode, q.categorie): q.doel for q in quota_voor(tk, periode)}
    standen = register.dossierstanden(s, rij, categorie_functie(tk, vandaag))
    return rij, tk, periode, bereken_kpis(standen, doelen, periode, vandaag, rij.termijn_maanden, tk.namen)


def kengetallen_voor_monitoring(request: Request) -> dict[str, Any] | None:
    """The transferpunt KPIs for the monitoring page ({kpi, periode}), or None without a transferpunt."""
    with _db(request).sessie() as s:
        stand = _kengetallen(s, date.today())
    return None if stand is None else {"kpi": stand[3], "periode": stand[2]}


def _pagina(request: Request, gebruiker: Gebruiker, *, melding: str | None = None, fout: str | None = None,
            status_code: int = 200, dossier: dict[str, Any] | None = None) -> HTMLResponse:
    from verdeelwijzer.transferpunt import register
    from verdeelwijzer.web.paginas import render

    vandaag = date.today()
    context: dict[str, Any] = {"titel": "Transferpunt", "melding": melding, "fout": fout, "kader": None,
                               "mag_dossiers": mag_dossiers(gebruiker), "dossier": dossier, "vandaag": vandaag}
    with _db(request).sessie() as s:
        stand = _kengetallen(s, vandaag)
        if stand is not None:
            rij, tk, periode, kpi = stand
            from verdeelwijzer.transferpunt.prioriteit import benodigde_kenmerken

            context.update(regelkolommen=list(benodigde_kenmerken(tk.sectie.prioriteit)),
                           kandidaatvelden=KANDIDAATVELDEN, aanbodvelden=AANBODVELDEN)
            context.update(kader=rij, tk=tk, perioden=tk.perioden, periode=periode, fictief=tk.fictief,
                           kpi=kpi, namen=tk.namen)
            if mag_dossiers(gebruiker) and dossier is None:
                context["voorstellen"] = register.voorstellen(s, rij, wie=gebruiker.gebruikersnaam)
                context["ronde"] = register.laatste_ronde(s, rij)
                kandidaten, aanbod = register.open_registers(s, rij)
                context["aantallen"] = {"kandidaten": len(kandidaten), "aanbod": len(aanbod)}
    return render(request, "transferpunt.html", status_code=status_code, **context)


@router.get("/transferpunt", response_class=HTMLResponse)
def transferpunt(request: Request, gebruiker: Lezer) -> HTMLResponse:
    return _pagina(request, gebruiker)


async def _lees_upload(bestand: UploadFile | None, map_: Path, naam: str) -> Path | None:
    if bestand is None or not bestand.filename:
        return None
    inhoud = await bestand.read()
    if len(inhoud) > MAX_BESTAND:
        raise InvoerFout(f"Bestand '{bestand.filename}' is groter dan {MAX_BESTAND // 1_000_000} MB.")
    achtervoegsel = Path(bestand.filename).suffix.lower()
    if achtervoegsel not in (".csv", ".xlsx", ".yaml", ".yml"):
        raise InvoerFout(f"Bestand '{bestand.filename}': verwacht .csv, .xlsx of .yaml.")
    pad = map_ / f"{naam}{achtervoegsel}"
    pad.write_bytes(inhoud)
    return pad


@router.post("/transferpunt/importeer", response_class=HTMLResponse)
async def importeer(request: Request, gebruiker: Lezer, csrf_token: Annotated[str | None, Form()] = None,
                    voorbeeld: Annotated[str | None, Form()] = None, kandidaten: Upload = None,
                    aanbod: Upload = None, afspraken: Upload = None) -> Response:
    """Read the agreement and both registers; all or nothing (nothing is stored on any error)."""
    controleer_csrf(request, csrf_token)
    _vereis_dossiers(gebruiker)
    from verdeelwijzer.transferpunt import register
    from verdeelwijzer.transferpunt.kader import registercontext
    from verdeelwijzer.transferpunt.lezen import lees_aanbod, lees_kandidaten

    vandaag = date.today()
    try:
        with tempfile.TemporaryDirectory() as tijdelijk:
            map_ = Path(tijdelijk)
            if voorbeeld == VOORBEELD:
                bron = _voorbeeldmap()
                tekst = (bron / "haaglanden_transferpunt.yaml").read_text(encoding="utf-8")
                pad_k, pad_a = bron / "haaglanden_kandidaten.csv", bron / "haaglanden_aanbod.csv"
            else:
                pad_y = await _lees_upload(afspraken, map_, "afsprakenkader")
                pad_k = await _lees_upload(kandidaten, map_, "kandidaten")
                pad_a = await _lees_upload(aanbod, map_, "aanbod")
                if pad_y is None or pad_k is None or pad_a is None:
                    raise InvoerFout("Kies drie bestanden: afsprakenkader (.yaml), kandidatenregister en "
                                     "aanbodregister (.csv of .xlsx) — of het fictieve voorbeeld.")
                tekst = pad_y.read_text(encoding="utf-8")
            tk = _kader_uit_tekst(tekst)
            ctx = registercontext(tk, vandaag)
            fouten, gelezen = [], {}
            for naam, lees, pad in (("k", lees_kandidaten, pad_k), ("a", lees_aanbod, pad_a)):
                try:
                    gelezen[naam] = lees(pad, ctx)
                except InvoerFout as e:
                    fouten.append(str(e).replace(str(map_) + "/", ""))
            if fouten:
                raise InvoerFout("\n".join(fouten))
        with _db(request).sessie() as s:
            rij = register.leg_kader_vast(s, tekst, tk.naam, tk.sectie.bewaartermijn_maanden,
                                          tk.sectie.termijn_maanden, door=gebruiker.gebruikersnaam)
            melding = register.importeer_registers(s, rij, gelezen["k"], gelezen["a"],
                                                   door=gebruiker.gebruikersnaam, vandaag=vandaag)
    except UnicodeDecodeError:
        return _pagina(request, gebruiker, fout="Het afsprakenkader is geen UTF-8-tekst; er is niets opgeslagen.",
                       status_code=422)
    except VerdeelwijzerFout as e:
        return _pagina(request, gebruiker, fout=str(e), status_code=422)
    return _pagina(request, gebruiker, melding=melding)


KANDIDAATVELDEN = ("dossiernummer", "categorie", "herkomstgemeente", "inschrijfdatum", "urgentiedatum",
                   "huishoudgrootte", "nodig", "woonvorm", "uitgesloten_gemeenten", "reden_uitsluiting",
                   "tenzij_gemeenten", "tenzij_reden", "toelichting")
AANBODVELDEN = ("aanbodnummer", "gemeente", "corporatie", "woonvorm", "kenmerken", "max_huishouden",
                "beschikbaar_vanaf", "toelichting")


@router.post("/transferpunt/invoer/{soort}", response_class=HTMLResponse)
async def invoer(request: Request, gebruiker: Lezer, soort: str) -> Response:
    """One case or one offer typed in a form: turned into a one-row register, so it passes exactly the same
    checks (all or nothing, privacy) as a file."""
    import csv

    formulier = await request.form()
    controleer_csrf(request, str(formulier.get("csrf_token") or "") or None)
    _vereis_dossiers(gebruiker)
    if soort not in ("kandidaat", "aanbod"):
        raise HTTPException(404, "Onbekend soort invoer; gebruik 'kandidaat' of 'aanbod'.")
    from verdeelwijzer.transferpunt import register
    from verdeelwijzer.transferpunt.kader import registercontext
    from verdeelwijzer.transferpunt.lezen import lees_aanbod, lees_kandidaten
    from verdeelwijzer.transferpunt.prioriteit import benodigde_kenmerken

    velden = KANDIDAATVELDEN if soort == "kandidaat" else AANBODVELDEN
    vandaag = date.today()
    try:
        with _db(request).sessie() as s:
            rij = register.huidig_kader(s)
            if rij is None:
                raise InvoerFout("Lees eerst een afsprakenkader in.")
            tk = _kader_uit_tekst(rij.inhoud)
            extra = tuple(benodigde_kenmerken(tk.sectie.prioriteit)) if soort == "kandidaat" else ()
            kolommen = [*velden, *extra]
            with tempfile.TemporaryDirectory() as tijdelijk:
                pad = Path(tijdelijk) / "formulier.csv"
                with pad.open("w", newline="", encoding="utf-8") as f:
                    schrijver = csv.writer(f)
                    schrijver.writerow(kolommen)
                    schrijver.writerow([str(formulier.get(k) or "")[:300] for k in kolommen])
                ctx = registercontext(tk, vandaag)
                try:
                    gelezen = lees_kandidaten(pad, ctx) if soort == "kandidaat" else lees_aanbod(pad, ctx)
                except InvoerFout as e:
                    raise InvoerFout(str(e).replace(f"{pad}, regel 2, ", "formulier, ")
                                     .replace(f"'{pad}'", "uit het formulier")) from e
            melding = register.importeer_registers(
                s, rij, gelezen if soort == "kandidaat" else [], gelezen if soort == "aanbod" else [],
                door=gebruiker.gebruikersnaam, vandaag=vandaag)
    except VerdeelwijzerFout as e:
        return _pagina(request, gebruiker, fout=str(e), status_code=422)
    return _pagina(request, gebruiker, melding=melding)


@router.post("/transferpunt/ronde", response_class=HTMLResponse)
def ronde(request: Request, gebruiker: Lezer, csrf_token: Annotated[str | None, Form()] = None,
          periode: Annotated[str | None, Form()] = None) -> Response:
    controleer_csrf(request, csrf_token)
    _vereis_dossiers(gebruiker)
    from verdeelwijzer.transferpunt import register
    from verdeelwijzer.transferpunt.kader import draai_ronde
    from verdeelwijzer.transferpunt.weergave import ronde_als_dict

    vandaag = date.today()
    try:
        with _db(request).sessie() as s:
            rij = register.huidig_kader(s)
            if rij is None:
                raise InvoerFout("Lees eerst een afsprakenkader en de registers in.")
            register.ruim_op(s, vandaag, door=gebruiker.gebruikersnaam)
            tk = _kader_uit_tekst(rij.inhoud)
            kandidaten, aanbod = register.open_registers(s, rij)
            p = periode or (str(vandaag.year) if str(vandaag.year) in tk.perioden else tk.perioden[0])
            eerder, per_gemeente = register.gerealiseerd(s, _regio_naam(tk), p)
            uitkomst = draai_ronde(tk, kandidaten, aanbod, periode=p, datum=vandaag, eerder=eerder,
                                   eerder_gemeente=per_gemeente)
            register.sla_ronde_op(s, rij, uitkomst, ronde_als_dict(uitkomst, tk.namen),
                                  door=gebruiker.gebruikersnaam)
    except VerdeelwijzerFout as e:
        return _pagina(request, gebruiker, fout=str(e), status_code=422)
    return _pagina(request, gebruiker, melding=f"Ronde voor periode {uitkomst.periode}: {len(uitkomst.koppelingen)} "
                   f"voorstellen, {len(uitkomst.niet_gekoppeld)} dossiers niet gekoppeld (met reden).")


@router.post("/transferpunt/voorstel/{voorstel_id}/{keuze}")
def beslis(request: Request, gebruiker: Lezer, voorstel_id: int, keuze: str,
           csrf_token: Annotated[str | None, Form()] = None, reden: Annotated[str | None, Form()] = None
           ) -> Response:
    controleer_csrf(request, csrf_token)
    _vereis_dossiers(gebruiker)
    if keuze not in ("accepteer", "wijs-af"):
        raise HTTPException(404, "Onbekende keuze; gebruik 'accepteer' of 'wijs-af'.")
    from verdeelwijzer.transferpunt import register
    from verdeelwijzer.transferpunt.privacy import persoonsgegevens_in

    if reden and (len(reden) > 300 or persoonsgegevens_in(reden)):
        return _pagina(request, gebruiker, fout="De reden is te lang of bevat persoonsgegevens; verwijder "
                       "persoonsgegevens. Er is niets gewijzigd.", status_code=422)
    try:
        with _db(request).sessie() as s:
            rij = register.huidig_kader(s)
            if rij is None:
                raise InvoerFout("Er is nog geen transferpunt ingericht.")
            tk = _kader_uit_tekst(rij.inhoud)
            melding = register.besluit(s, voorstel_id, keuze == "accepteer", door=gebruiker.gebruikersnaam,
                                       vandaag=date.today(), regio_naam=_regio_naam(tk), reden=reden or "")
            register.ruim_op(s, date.today(), door=gebruiker.gebruikersnaam)
    except VerdeelwijzerFout as e:
        return _pagina(request, gebruiker, fout=str(e), status_code=422)
    return _pagina(request, gebruiker, melding=melding)


@router.get("/transferpunt/dossier/{dossier}", response_class=HTMLResponse)
def dossier(request: Request, gebruiker: Lezer, dossier: str) -> HTMLResponse:
    """One case: only for the role transferpunt; every view is written to the audit log."""
    _vereis_dossiers(gebruiker)
    from verdeelwijzer.transferpunt import register

    with _db(request).sessie() as s:
        rij = register.huidig_kader(s)
        if rij is None:
            raise HTTPException(404, "Er is nog geen transferpunt ingericht.")
        try:
            gegevens = register.bekijk_dossier(s, rij, dossier, wie=gebruiker.gebruikersnaam)
        except InvoerFout as e:
            raise HTTPException(404, str(e)) from e
    return _pagina(request, gebruiker, dossier=gegevens)
