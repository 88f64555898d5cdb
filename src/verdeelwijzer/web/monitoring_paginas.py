"""Monitoring dashboard: the ledger per gemeente with status colours, the mutatiegrens, a trend chart and
a map, plus imports and corrections of realised figures (gemeente users: their own gemeente only).

All figures come from `verdeelwijzer.monitoring.stand` over the storage layer's ledger; writing goes
through `opslag.importeren.importeer` (all-or-nothing, audited). A correction in the page is turned into a
one-cell import file so it follows exactly the same checks and audit trail.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.monitoring.drempels import status_tekst
from verdeelwijzer.web.beveiliging import (
    Beheerder,
    Bestand,
    Gebruiker,
    Importeur,
    Lezer,
    controleer_csrf,
)
from verdeelwijzer.web.grafiek import Reeks, lijngrafiek
from verdeelwijzer.web.grenzen import reken
from verdeelwijzer.web.kaart import LegendaItem, maak_kaart
from verdeelwijzer.web.opmaak import STATUS_WOORD, datum, datumtijd, getal
from verdeelwijzer.web.tabellen import Kolom, Tabel

router = APIRouter(include_in_schema=False)
OptioneelBestand = Annotated[UploadFile | None, File(description="Afsprakenkader (.yaml of .zip)")]
api_router = APIRouter(prefix="/api/monitoring", tags=["monitoring"])


def beschikbaar() -> bool:
    try:
        import verdeelwijzer.monitoring.stand  # noqa: F401
        import verdeelwijzer.opslag.afspraken  # noqa: F401
        import verdeelwijzer.opslag.importeren  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class Dashboard:
    kop: dict[str, Any]
    peildatum: date
    perioden: list[str]
    categorieen: tuple[str, ...]
    grootboek: list[dict[str, Any]]
    mutatiegrens: list[dict[str, Any]]
    regio: list[dict[str, Any]]
    drempels_bron: str
    invoer: Any
    # Per (categorie, periode): the computed view with the tables already rendered (see `_weergave`).
    weergaven: dict[tuple[str | None, str | None], dict[str, Any]] = field(default_factory=dict)


def _namen(request: Request) -> dict[str, str]:
    """Code -> name of every gemeente, read as one column (not one pandas lookup per gemeente)."""
    return request.app.state.toestand.namen()  # type: ignore[no-any-return]


class DashboardCache:
    """Computed dashboards per (regio, peildatum, ledger version): a page view after the first costs one small
    version query instead of loading and recomputing the whole ledger. Any import, correction or newly adopted
    agreement changes the version (see `Koppeling.monitoring_versie`), so a stale ledger is never shown."""

    def __init__(self, grootte: int = 32) -> None:
        import threading

        self.grootte = grootte
        self._vakken: dict[tuple[Any, ...], tuple[Any, Dashboard]] = {}
        self._slot = threading.Lock()  # page routes run in a thread pool

    def haal(self, sleutel: tuple[Any, ...], gegevens: Any) -> Dashboard | None:
        with self._slot:
            gevonden = self._vakken.get(sleutel)
        # The names come from the data in use: an uploaded data file makes a new Gegevens object.
        return gevonden[1] if gevonden is not None and gevonden[0] is gegevens else None

    def zet(self, sleutel: tuple[Any, ...], gegevens: Any, d: Dashboard) -> None:
        with self._slot:
            while len(self._vakken) >= self.grootte:
                self._vakken.pop(next(iter(self._vakken)))
            self._vakken[sleutel] = (gegevens, d)


def _cache(request: Request) -> DashboardCache:
    cache = getattr(request.app.state, "monitoring_cache", None)
    if cache is None:
        cache = request.app.state.monitoring_cache = DashboardCache()
    return cache


def laad_dashboard(request: Request, regio: str | None, peildatum: date | None) -> Dashboard:
    koppeling = request.app.state.koppeling
    gegevens = request.app.state.toestand.gegevens
    vandaag = date.today()
    sleutel = (regio, peildatum, vandaag if peildatum is None else None, koppeling.monitoring_versie())
    d = _cache(request).haal(sleutel, gegevens)
    if d is None:
        d = bereken_dashboard(request, regio, peildatum, vandaag)
        _cache(request).zet(sleutel, gegevens, d)
    return d


def bereken_dashboard(request: Request, regio: str | None, peildatum: date | None, vandaag: date) -> Dashboard:
    from functools import lru_cache

    from verdeelwijzer.monitoring.drempels import drempels_op
    from verdeelwijzer.monitoring.stand import bereken_stand, grootboek_rijen, mutatiegrens_rijen, regio_rijen

    if not regio:  # several regions and none chosen: the first, not an error telling to use --regio
        regio = next(iter(request.app.state.koppeling.monitoring_regios()), None)
        if regio is None:
            raise InvoerFout("Er is nog geen afspraak vastgelegd. Start de monitoring op de pagina Monitoring met "
                             "een afsprakenkader (regio-beheerder).")
    kop, invoer, categorieen = request.app.state.koppeling.monitoring_laad(regio)
    dag = peildatum or standaard_peildatum(invoer, vandaag)
    # The thresholds are read once per date, not once per ledger row.
    st = bereken_stand(invoer, dag, lru_cache(maxsize=8)(drempels_op))
    namen = _namen(request)
    return Dashboard(kop, dag, [p.code for p in invoer.perioden], categorieen, grootboek_rijen(st, namen),
                     mutatiegrens_rijen(st, namen), regio_rijen(st), st.drempels_bron, invoer)


def standaard_peildatum(invoer: Any, vandaag: date) -> date:
    """The default peildatum: within the latest period that has imported figures — today if today falls in it,
    otherwise its last day — so imported figures are never judged "nog niet begonnen" or against a future
    date. Without any figures: today."""
    met_cijfers = {r.periode for r in invoer.realisaties}
    perioden = sorted((p for p in invoer.perioden if p.code in met_cijfers), key=lambda p: (p.eind, p.begin))
    if not perioden:
        return vandaag
    laatste = perioden[-1]
    return vandaag if laatste.begin <= vandaag <= laatste.eind else laatste.eind


# Map colours per status class, from ahead (green) to far behind (red); the classes themselves and their
# thresholds come from the rule `monitoring_drempels`.
STATUSKLEUREN = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027", "#a50026")


def _pct_tekst(grens: Fraction) -> str:
    return f"{getal(float(grens * 100))} %"


def statusklassen(drempels: Any) -> tuple[list[LegendaItem], list[str]]:
    """Legend items (colour + Dutch label with thresholds) and the status word per class; class 0 is
    'voor op schema' (more than 100 % of the target to date), then every status of the rule, best first."""
    treden = list(drempels.treden)
    kleuren = [STATUSKLEUREN[round(i * (len(STATUSKLEUREN) - 1) / len(treden))] for i in range(len(treden) + 1)]
    items = [LegendaItem(kleuren[0], "voor op schema: meer dan 100 % van het doel naar tijd")]
    woorden = ["voor op schema"]
    for i, t in enumerate(treden):
        woord = status_tekst(t.status)
        if i == 0:
            label = f"{woord}: vanaf {_pct_tekst(t.ondergrens)} (tot en met 100 %)"
        elif t.ondergrens > 0:
            label = f"{woord}: {_pct_tekst(t.ondergrens)} tot {_pct_tekst(treden[i - 1].ondergrens)}"
        else:
            label = f"{woord}: onder {_pct_tekst(treden[i - 1].ondergrens)}"
        items.append(LegendaItem(kleuren[i + 1], label))
        woorden.append(woord)
    return items, woorden


def klasse_van_rij(rij: dict[str, Any], woorden: list[str]) -> int | None:
    """The map class of a ledger row: None when the period has not begun or nothing is known."""
    if rij["status"] not in woorden:
        return None
    if rij["realisatiegraad_pct"] is not None and rij["realisatiegraad_pct"] > 100:
        return 0
    return woorden.index(rij["status"], 1)


def met_statuswoord(rijen: list[dict[str, Any]], woorden: list[str]) -> list[dict[str, Any]]:
    """Rows whose status word matches the map class: above 100 % of the target to date a row is 'voor op
    schema' (the rule's best status starts below 100 %, so the core calls it by that status)."""
    return [{**r, "status": woorden[0]} if klasse_van_rij(r, woorden) == 0 else r for r in rijen]


def _woorden(d: Dashboard) -> tuple[list[LegendaItem], list[str]]:
    from verdeelwijzer.monitoring.drempels import drempels_op

    return statusklassen(drempels_op(d.peildatum))


def drempels_tekst(peildatum: date) -> str:
    """The status thresholds in Dutch with their source, for the page header and the map legend."""
    from verdeelwijzer.monitoring.drempels import PARAMETER, drempels_op
    from verdeelwijzer.regels import lees_parameter

    treden = drempels_op(peildatum).treden
    w = lees_parameter(PARAMETER, peildatum)
    delen = [f"{status_tekst(t.status)} vanaf {_pct_tekst(t.ondergrens)}" for t in treden if t.ondergrens > 0]
    laagste = status_tekst(treden[-1].status)
    # The source title is English (a UK policy test); the page gives the Dutch explanation from the rule and
    # points to the Regels page for title and link.
    uitleg = (w.toelichting or "").split(". ")[0].strip().rstrip(".")
    return (f"{', '.join(delen)}, daaronder {laagste} (percentage van het doel naar verstreken tijd). "
            f"Status van deze drempels: {STATUS_WOORD.get(w.status, w.status)}"
            f"{': ' + uitleg if uitleg else ''}. Bron en toelichting: de regel {PARAMETER} op de pagina Regels.")


def _status_klasse(status: str) -> str:
    return status.lower().replace(" ", "_").replace("-", "_")


def grootboektabel(d: Dashboard) -> Tabel:
    bron = (f"Bron: afspraak '{d.kop['afspraak']}' (vastgelegd op {datumtijd(d.kop['vastgesteld_op'])}) en ingelezen "
            f"realisatie; peildatum {datum(d.peildatum)}")
    # The source is the same for every figure: it stands once in the footnotes, not in a tooltip per cell.
    rijen = [{**r, "_status": _status_klasse(r["status"])} for r in met_statuswoord(d.grootboek, _woorden(d)[1])]
    kolommen = [Kolom("periode", "Periode", numeriek=False), Kolom("gemeentenaam", "Gemeente", numeriek=False),
                Kolom("categorie", "Categorie", numeriek=False), Kolom("doel", "Doel"),
                Kolom("saldo_in", "Saldo vorige periode"), Kolom("bijgesteld_doel", "Bijgesteld doel"),
                Kolom("gerealiseerd", "Gerealiseerd"), Kolom("verschil", "Verschil"),
                Kolom("saldo_uit", "Achterstand (+) / voorsprong (−)"), Kolom("verstreken_pct", "% verstreken"),
                Kolom("realisatiegraad_pct", "% op schema"), Kolom("status", "Status", numeriek=False)]
    return Tabel(naam=f"monitoring_{d.kop['regio']}", titel=f"Grootboek {d.kop['regio']} (peildatum "
                 f"{datum(d.peildatum)})", kolommen=kolommen, rijen=rijen, rij_sleutel="gemeentecode",
                 voetnoten=["Bijgesteld doel = doel + saldo vorige periode; % op schema = gerealiseerd / (bijgesteld "
                            "doel × verstreken deel van de periode) (berekend door verdeelwijzer.monitoring).",
                            f"Statusdrempels: {drempels_tekst(d.peildatum)}", bron])


def mutatiegrenstabel(d: Dashboard) -> Tabel:
    rijen = [{**r, "boven": "ja" if r["boven_grens"] else ("nee" if r["boven_grens"] is not None else "onbekend"),
              "_markeringen": {"aandeel_pct"} if r["boven_grens"] else set()} for r in d.mutatiegrens]
    return Tabel(naam="mutatiegrens", titel="Mutatiegrens: aandeel verhuringen naar urgenten", rijen=rijen,
                 kolommen=[Kolom("periode", "Periode", numeriek=False),
                           Kolom("gemeentenaam", "Gemeente", numeriek=False),
                           Kolom("verhuringen", "Verhuringen"), Kolom("urgenten", "Urgenten gehuisvest"),
                           Kolom("aandeel_pct", "% naar urgenten", decimalen=1),
                           Kolom("grens_pct", "Grens %", decimalen=1),
                           Kolom("boven", "Boven de grens", numeriek=False)],
                 voetnoten=["Verhuringen en instroom uit de ingelezen bestanden; grens uit de vastgestelde afspraak."])


def regiotabel(d: Dashboard) -> Tabel:
    rijen = [{**r, "_status": _status_klasse(r["status"])} for r in met_statuswoord(d.regio, _woorden(d)[1])]
    return Tabel(naam="regiototalen", titel="Regiototalen per categorie en periode", rijen=rijen, rij_sleutel=None,
                 kolommen=[Kolom("periode", "Periode", numeriek=False), Kolom("categorie", "Categorie", numeriek=False),
                           Kolom("doel", "Doel"), Kolom("bijgesteld_doel", "Bijgesteld doel"),
                           Kolom("gerealiseerd", "Gerealiseerd"), Kolom("verschil", "Verschil"),
                           Kolom("realisatiegraad_pct", "% op schema", decimalen=1),
                           Kolom("status", "Status", numeriek=False)])


def _parse_datum(tekst: str | None) -> date | None:
    if not tekst:
        return None
    try:
        return date.fromisoformat(tekst)
    except ValueError as e:
        raise InvoerFout(f"Peildatum '{tekst}': verwacht een datum als JJJJ-MM-DD.") from e


def _pagina(request: Request, regio: str | None, peildatum: str | None, categorie: str | None,
            periode: str | None, status_code: int = 200, gecorrigeerd: str | None = None,
            **extra: Any) -> HTMLResponse:
    from verdeelwijzer.web.paginas import render
    from verdeelwijzer.web.transferpunt_paginas import kengetallen_voor_monitoring

    koppeling = request.app.state.koppeling
    extra.setdefault("transferpunt", kengetallen_voor_monitoring(request))
    from verdeelwijzer.web.afspraken_paginas import voorbeelden

    regios = koppeling.monitoring_regios()
    extra.setdefault("voorbeelden", list(voorbeelden()))
    if not regios:
        return render(request, "monitoring.html", status_code=status_code, titel="Monitoring", leeg=True, **extra)
    d = laad_dashboard(request, regio, _parse_datum(peildatum))
    categorie = categorie if categorie in d.categorieen else (d.categorieen[0] if d.categorieen else None)
    periode = periode if periode in d.perioden else _lopende_periode(d)
    weergave = d.weergaven.get((categorie, periode))
    if weergave is None:  # computed once per dashboard (= ledger version) and view, then reused
        weergave = d.weergaven[(categorie, periode)] = _weergave(request, d, categorie, periode)
    if gecorrigeerd and "melding" not in extra and (
            melding := correctiemelding(d, _namen(request), gecorrigeerd, periode, categorie)):
        extra["melding"] = melding
    return render(request, "monitoring.html", status_code=status_code, titel="Monitoring", leeg=False, d=d,
                  regios=regios, categorie=categorie, periode=periode, **weergave, **extra)


def _weergave(request: Request, d: Dashboard, categorie: str | None, periode: str | None) -> dict[str, Any]:
    """Trend, map, tiles and the three tables of one view. The tables are rendered to HTML here, so a
    repeated view costs no template work for them (they hold no per-user content)."""
    begonnen = {p.code for p in d.invoer.perioden if p.begin <= d.peildatum}
    klassen, woorden = _woorden(d)
    regio_cat = [r for r in met_statuswoord(d.regio, woorden) if r["categorie"] == categorie]
    trend = lijngrafiek([
        Reeks("bijgesteld doel", [(r["periode"], r["bijgesteld_doel"]) for r in regio_cat], gestippeld=True),
        # A period not yet begun has no realisation: leave it out instead of drawing it as 0.
        Reeks("gerealiseerd", [(r["periode"], r["gerealiseerd"]) for r in regio_cat if r["periode"] in begonnen],
              [f"{r['periode']}: {r['gerealiseerd']} gerealiseerd van {r['bijgesteld_doel']} ({r['status']})"
               for r in regio_cat if r["periode"] in begonnen]),
    ], titel=f"Regio {d.kop['regio']}: {categorie} per periode", opmaak=lambda w: getal(round(w)))
    rijen = [r for r in met_statuswoord(d.grootboek, woorden) if r["categorie"] == categorie
             and r["periode"] == periode]
    waarden = {r["gemeentecode"]: r["realisatiegraad_pct"] for r in rijen}
    klasse_van = {r["gemeentecode"]: klasse_van_rij(r, woorden) for r in rijen}
    titels = {r["gemeentecode"]: f"{r['gemeentenaam']}: {getal(r['gerealiseerd'])} van {getal(r['bijgesteld_doel'])} "
              f"gerealiseerd, {getal(r['realisatiegraad_pct'])} % van het doel naar tijd ({r['status']}). Bron: "
              f"ingelezen realisatie, peildatum {datum(d.peildatum)}" for r in rijen}
    kaart = maak_kaart(list(d.invoer.gemeenten), waarden, titels,
                       titel=f"Status per gemeente, {categorie}, periode {periode}",
                       bron="Bron: vastgestelde afspraak en ingelezen realisatie; peildatum "
                            f"{datum(d.peildatum)}. Statusdrempels: {drempels_tekst(d.peildatum)}",
                       opmaak=lambda w: f"{getal(w)} %", klassen=klassen, klasse_van=klasse_van)
    namen = _namen(request)
    # The page shows the ledger of the chosen period (the saldo columns carry the earlier ones); the download
    # has every period. This keeps the page small on a full ledger.
    grootboek = grootboektabel(d)
    grootboek.rijen = [r for r in grootboek.rijen if r["periode"] == periode]
    grootboek.titel = f"Grootboek periode {periode} (peildatum {datum(d.peildatum)})"
    tabel_html = request.app.state.templates.env.get_template("_macros.html").module.tabel_html
    tabellen = Markup("\n".join(str(tabel_html(t, i)) for t, i in (
        (grootboek, "grootboektabel"), (mutatiegrenstabel(d), "mutatiegrenstabel"), (regiotabel(d), "regiotabel"))))
    return {"trend": trend, "kaart": kaart, "tegels": regio_cat, "tabellen": tabellen,
            "gemeenten": sorted(((c, namen.get(c, c)) for c in d.invoer.gemeenten), key=lambda x: x[1]),
            "drempels": drempels_tekst(d.peildatum)}


def _lopende_periode(d: Dashboard) -> str | None:
    for p in d.invoer.perioden:
        if p.begin <= d.peildatum <= p.eind:
            return p.code
    return d.perioden[-1] if d.perioden else None


@router.get("/monitoring", response_class=HTMLResponse)
def monitoring(request: Request, *, regio: str | None = None, peildatum: str | None = None,
               categorie: str | None = None, periode: str | None = None, gecorrigeerd: str | None = None,
               _: Lezer) -> Response:
    return _pagina(request, regio, peildatum, categorie, periode, gecorrigeerd=gecorrigeerd)


@router.get("/monitoring/gemeente/{code}", response_class=HTMLResponse)
def gemeente(request: Request, *, code: str, regio: str | None = None, peildatum: str | None = None,
             _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import render

    d = laad_dashboard(request, regio, _parse_datum(peildatum))
    if code not in d.invoer.gemeenten:
        raise HTTPException(404, f"Gemeente {code} hoort niet bij regio {d.kop['regio']}.")
    tabel = grootboektabel(d)
    tabel.rijen = [r for r in tabel.rijen if r["gemeentecode"] == code]
    tabel.titel = f"Grootboek {_namen(request).get(code, code)}"
    tabel.kolommen = [k for k in tabel.kolommen if k.sleutel not in ("gemeentenaam", "saldo_in", "verstreken_pct")]
    return render(request, "_monitoring_gemeente.html", tabel=tabel)


def _importeer(request: Request, gebruiker: Gebruiker, naam: str, inhoud: bytes, regio: str | None) -> list[str]:
    """Check the role's reach, then import through the storage layer. Raises InvoerFout/HTTPException."""
    koppeling = request.app.state.koppeling
    g = request.app.state.toestand.gegevens
    namen = _namen(request)
    schoon = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(naam).name) or "bestand.csv"
    if Path(schoon).suffix.lower() not in (".csv", ".xlsx"):
        raise InvoerFout(f"Bestand '{schoon}': onbekend bestandstype; verwacht .csv of .xlsx.")
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / schoon
        pad.write_bytes(inhoud)
        try:
            inhoud_gecontroleerd = koppeling.monitoring_controleer(pad, regio, g.zoeker, namen)
            if inhoud_gecontroleerd is not None and not gebruiker.is_beheerder:
                anders = sorted({r.gemeentecode for r in inhoud_gecontroleerd.rijen
                                 if not gebruiker.mag_gemeente_wijzigen(r.gemeentecode)})
                if anders:
                    eigen = namen.get(gebruiker.gemeentecode or "", gebruiker.gemeentecode or "")
                    raise HTTPException(403, f"U mag alleen cijfers van uw eigen gemeente ({eigen}) inlezen of "
                                             f"wijzigen. Dit bestand bevat ook: "
                                             f"{', '.join(namen.get(c, c) for c in anders)}. Er is niets gewijzigd.")
            verslag = koppeling.monitoring_importeer(pad, gebruiker.gebruikersnaam, regio, g.zoeker, namen)
        except InvoerFout as fout:
            raise InvoerFout(str(fout).replace(str(pad), schoon)) from None
    return list(verslag.berichten)


IMPORT_TE_LANG = ("Het bestand wordt mogelijk nog verwerkt: kijk over enkele minuten in de stand of het auditlog of "
                  "het is ingelezen (een import is altijd alles of niets).")


@router.post("/monitoring/importeer", response_class=HTMLResponse)
async def importeer(request: Request, *, bestand: Bestand, regio: str = Form(""),
                    csrf_token: str = Form(""), gebruiker: Importeur) -> Response:
    controleer_csrf(request, csrf_token)
    try:
        inhoud = await bestand.read()
        berichten = await reken(request, _importeer, request, gebruiker, bestand.filename or "bestand.csv", inhoud,
                                regio or None, melding=IMPORT_TE_LANG)
    except VerdeelwijzerFout as fout:
        return _pagina(request, regio or None, None, None, None, status_code=422, fout=str(fout))
    except HTTPException as fout:
        return _pagina(request, regio or None, None, None, None, status_code=fout.status_code, fout=str(fout.detail))
    return _pagina(request, regio or None, None, None, None, melding="\n".join(berichten))


@router.post("/monitoring/start", response_class=HTMLResponse)
async def start(request: Request, *, voorbeeld: str = Form(""), bestand: OptioneelBestand = None,
                csrf_token: str = Form(""), gebruiker: Beheerder) -> Response:
    """Start (or renew) the monitoring from an agreement: a shipped example or an uploaded afsprakenkader
    (.yaml, or .zip with the files it names), exactly as `verdeelwijzer monitor init --afspraken` does
    (regio-beheerder; audited by the storage layer)."""
    from verdeelwijzer.afspraken.uitpakken import is_zip
    from verdeelwijzer.web.afspraken_paginas import (
        _tekst_uit_bytes,
        _veilige_yaml_naam,
        _veilige_zip_naam,
        leg_vast_in_regio,
    )

    controleer_csrf(request, csrf_token)
    try:
        tekst = zip_inhoud = naam = None
        if bestand is not None and bestand.filename:
            inhoud = await bestand.read()
            if is_zip(bestand.filename, inhoud):
                zip_inhoud, naam = inhoud, _veilige_zip_naam(bestand.filename)
            else:
                naam = _veilige_yaml_naam(bestand.filename)
                tekst = _tekst_uit_bytes(naam, inhoud)
        elif not voorbeeld:
            raise InvoerFout("Kies een voorbeeldafspraak of lever een afsprakenkader (.yaml of .zip) aan.")
        berichten, regio = await reken(request, leg_vast_in_regio, request, gebruiker.gebruikersnaam,
                                       None if (tekst or zip_inhoud) else voorbeeld, tekst, naam, zip_inhoud)
    except VerdeelwijzerFout as fout:
        return _pagina(request, None, None, None, None, status_code=422, fout=str(fout))
    return _pagina(request, regio, None, None, None, melding=" ".join(berichten))


def correctiebestand(invoer: Any, periode: str, gemeentecode: str, categorie: str, aantal: int) -> bytes:
    """A one-cell instroom file: the other categories of that cell keep their stored figures (the import
    replaces a whole (periode, gemeente) cell)."""
    bestaand = {r.categorie: r.aantal for r in invoer.realisaties
                if r.periode == periode and r.gemeentecode == gemeentecode}
    bestaand[categorie] = aantal
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["periode", "gemeentecode", "categorie", "instroom"])
    for cat, n in sorted(bestaand.items()):
        w.writerow([periode, gemeentecode, cat, n])
    return buf.getvalue().encode("utf-8")


@router.post("/monitoring/wijzig", response_class=HTMLResponse)
def wijzig(request: Request, *, periode: str = Form(...), gemeentecode: str = Form(...), categorie: str = Form(...),
           aantal: int = Form(..., ge=0, le=10**8), regio: str = Form(""), peildatum: str = Form(""),
           csrf_token: str = Form(""), gebruiker: Importeur) -> Response:
    """Correct one figure, then back to the same view (POST-redirect-GET): the peildatum, period and category
    stay in the URL, so the page judges on the same date as before the correction."""
    controleer_csrf(request, csrf_token)
    peildatum = peildatum if _parse_datum(peildatum) else ""
    if not gebruiker.mag_gemeente_wijzigen(gemeentecode):
        naam = _namen(request).get(gemeentecode, gemeentecode)
        return _pagina(request, regio or None, peildatum or None, categorie, periode, status_code=403,
                       fout=f"U mag alleen cijfers van uw eigen gemeente wijzigen, niet die van {naam}.")
    try:
        _, invoer, _ = request.app.state.koppeling.monitoring_laad(regio or None)
        _importeer(request, gebruiker, f"correctie_{periode}_{gemeentecode}.csv",
                   correctiebestand(invoer, periode, gemeentecode, categorie, aantal), regio or None)
    except VerdeelwijzerFout as fout:
        return _pagina(request, regio or None, peildatum or None, categorie, periode, status_code=422, fout=str(fout))
    terug = {k: w for k, w in (("regio", regio), ("peildatum", peildatum), ("categorie", categorie),
                               ("periode", periode), ("gecorrigeerd", gemeentecode)) if w}
    return RedirectResponse("/monitoring?" + urlencode(terug), status_code=303)


def correctiemelding(d: Dashboard, namen: dict[str, str], gemeentecode: str | None, periode: str | None,
                     categorie: str | None) -> str | None:
    """After a correction: the stored figure, read back from the ledger (nothing from the URL is echoed)."""
    if not gemeentecode or gemeentecode not in d.invoer.gemeenten:
        return None
    for r in d.invoer.realisaties:
        if (r.gemeentecode, r.periode, r.categorie) == (gemeentecode, periode, categorie):
            return (f"Ingelezen: het cijfer van {namen.get(gemeentecode, gemeentecode)} voor periode {periode}, "
                    f"{categorie}, is nu {getal(r.aantal)}. De wijziging staat in het auditlog.")
    return None


@router.get("/download/monitoring.{formaat}")
def download(request: Request, *, formaat: str, regio: str | None = None, peildatum: str | None = None,
             _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import download as stuur

    d = laad_dashboard(request, regio, _parse_datum(peildatum))
    return stuur(grootboektabel(d), formaat, [mutatiegrenstabel(d), regiotabel(d)])


# -- JSON API ------------------------------------------------------------------------------------------


@api_router.get("/stand", summary="Stand van de monitoring: grootboek, mutatiegrens en regiototalen")
def api_stand(request: Request, *, regio: str | None = None, peildatum: str | None = None,
              _: Lezer) -> dict[str, Any]:
    d = laad_dashboard(request, regio, _parse_datum(peildatum))
    return {**d.kop, "peildatum": d.peildatum.isoformat(), "grootboek": d.grootboek, "mutatiegrens": d.mutatiegrens,
            "regiototalen": d.regio, "statusdrempels": d.drempels_bron}


class Correctie(BaseModel):
    model_config = ConfigDict(extra="forbid")
    periode: str = Field(min_length=1, max_length=40)
    gemeentecode: str = Field(pattern="^GM[0-9]{4}$")
    categorie: str = Field(min_length=1, max_length=200)
    aantal: int = Field(ge=0, le=10**8)
    regio: str | None = None


@api_router.post("/instroom", summary="Eén cijfer (instroom) wijzigen: gemeente-gebruiker alleen de eigen gemeente")
def api_wijzig(request: Request, *, invoer: Correctie, gebruiker: Importeur) -> dict[str, Any]:
    controleer_csrf(request)
    if not gebruiker.mag_gemeente_wijzigen(invoer.gemeentecode):
        raise HTTPException(403, f"U mag alleen cijfers van uw eigen gemeente wijzigen, niet die van "
                                 f"{_namen(request).get(invoer.gemeentecode, invoer.gemeentecode)}.")
    _, mi, _ = request.app.state.koppeling.monitoring_laad(invoer.regio)
    berichten = _importeer(request, gebruiker, f"correctie_{invoer.periode}_{invoer.gemeentecode}.csv",
                           correctiebestand(mi, invoer.periode, invoer.gemeentecode, invoer.categorie, invoer.aantal),
                           invoer.regio)
    return {"berichten": berichten}


@api_router.post("/importeer", summary="Bestand met gerealiseerde cijfers inlezen (alles of niets)")
async def api_importeer(request: Request, *, bestand: Bestand, regio: str | None = None,
                        gebruiker: Importeur) -> dict[str, Any]:
    controleer_csrf(request)
    inhoud = await bestand.read()
    return {"berichten": await reken(request, _importeer, request, gebruiker, bestand.filename or "bestand.csv",
                                     inhoud, regio, melding=IMPORT_TE_LANG)}


@router.get("/download/monitoring-sjablonen.zip")
def download_sjablonen(request: Request, *, regio: str | None = None, _: Lezer) -> Response:
    """The templates for realised figures (instroom, verhuringen, bouw; Excel and CSV) as one zip, filled in
    with the region's gemeenten, perioden and categorieën when an agreement has been adopted."""
    import zipfile

    from verdeelwijzer.monitoring.sjabloon import SjabloonRegio, schrijf_sjablonen

    koppeling = request.app.state.koppeling
    sjabloon_regio = None
    if koppeling.monitoring_regios():
        kop, invoer, categorieen = koppeling.monitoring_laad(regio)
        namen = _namen(request)
        sjabloon_regio = SjabloonRegio(kop["regio"], sorted(((c, namen.get(c, c)) for c in invoer.gemeenten),
                                                            key=lambda cn: cn[1]),
                                       [p.code for p in invoer.perioden], list(categorieen))
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for pad in schrijf_sjablonen(Path(tmp), sjabloon_regio):
            z.write(pad, pad.name)
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="monitoring_sjablonen.zip"'})
