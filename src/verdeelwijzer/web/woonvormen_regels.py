"""The page /woonvormen/regels: the three rule types from the regional agreements (80-10-10 location rule for
arbeidsmigranten, plan checklist "pas toe of leg uit", standplaatsen) on an uploaded file or a shipped example.

Same result as the CLI: both call `woonvormen.regeluitvoer.reken_*` (which calls the pure rule once) and render
its `Regeluitkomst`; the Excel download is the workbook of `--excel`. Examples are chosen by key from the fixed
list VOORBEELDEN (never a path from the request); an upload is written to a temporary folder under a cleaned
name and the errors name the file as the user sent it. Nothing is stored: after an upload the files travel back
base64-encoded in the download forms.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Lezer, controleer_csrf

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OptioneelBestand = Annotated[UploadFile | None, File(description="CSV- of Excelbestand (optioneel).")]
MAX_EXTRA = 100_000  # as `--extra` in the CLI


@dataclass(frozen=True)
class Voorbeeld:
    label: str
    bestand: str  # in voorbeeldbestanden/woonvormen/
    verzoeken: str | None = None
    regio: str | None = None
    extra: int = 0


@dataclass(frozen=True)
class Regelsoort:
    titel: str
    regio_nodig: bool
    kolommen: str  # the expected columns, for the form's hint
    voorbeelden: dict[str, Voorbeeld]


REGELS: dict[str, Regelsoort] = {
    "locaties": Regelsoort(
        "Locatieregel arbeidsmigranten (type 80-10-10)", True,
        "locatie, gemeentenaam (of gemeentecode), werkt_in_gemeente, werkt_in_regio, werkt_buiten_regio",
        {"rivierenland": Voorbeeld("Rivierenland (FICTIEVE locaties)", "locaties_rivierenland.csv",
                                   regio="regio:Rivierenland")}),
    "plantoets": Regelsoort(
        "Plantoets \u201cpas toe of leg uit\u201d", False,
        "plan, gemeentenaam (of gemeentecode), woningen, nultreden, rolstoel, zorg, uitleg",
        {"westfriesland": Voorbeeld("West-Friesland (FICTIEVE plannen)", "plannen_westfriesland.csv")}),
    "standplaatsen": Regelsoort(
        "Standplaatsen", True,
        "gemeentenaam (of gemeentecode), standplaatsen, eigen_behoefte, familie (optioneel)",
        {"noordoost-brabant": Voorbeeld("Noordoost-Brabant, familiebanden per gemeente (FICTIEF)",
                                        "standplaatsen_noordoost_brabant.csv",
                                        regio="arbeidsmarktregio:Noordoost-Brabant", extra=12),
         "noordoost-brabant-huishoudens": Voorbeeld(
             "Noordoost-Brabant, familiebanden per huishouden (FICTIEF)",
             "standplaatsen_noordoost_brabant_per_huishouden.csv", "familieverzoeken_noordoost_brabant.csv",
             regio="arbeidsmarktregio:Noordoost-Brabant", extra=12)}),
}
VOORBEELDBESTANDEN = frozenset(n for s in REGELS.values() for v in s.voorbeelden.values()
                               for n in (v.bestand, v.verzoeken) if n)


@dataclass(frozen=True)
class Invoerbestand:
    naam: str  # cleaned, as shown and as written in the temporary folder
    inhoud: bytes

    @property
    def b64(self) -> str:
        return base64.b64encode(self.inhoud).decode("ascii")


def _soort(regel: str) -> Regelsoort:
    if regel not in REGELS:
        raise HTTPException(404, "Onbekend regeltype; kies locaties, plantoets of standplaatsen.")
    return REGELS[regel]


def _voorbeeld(regel: str, sleutel: str) -> Voorbeeld:
    v = _soort(regel).voorbeelden.get(sleutel)
    if v is None:
        raise HTTPException(404, "Onbekend voorbeeld; kies een voorbeeld uit de lijst op de pagina.")
    return v


def _voorbeeldbestand(naam: str) -> Invoerbestand:
    from verdeelwijzer.voorbeelden import voorbeeldmap

    return Invoerbestand(naam, (voorbeeldmap() / "woonvormen" / naam).read_bytes())


def _extra(tekst: str | None, standaard: int) -> int:
    schoon = (tekst or "").strip()
    if not schoon:
        return standaard
    if not (schoon.isascii() and schoon.isdigit() and len(schoon) <= 6 and int(schoon) <= MAX_EXTRA):
        raise InvoerFout(f"Veld 'extra behoefte': '{schoon[:20]}' is geen heel aantal van 0 tot en met "
                         f"{MAX_EXTRA:,}.".replace(",", "."))
    return int(schoon)


def _upload(naam: str, inhoud: bytes, wat: str) -> Invoerbestand:
    from verdeelwijzer.web.toestand import veilige_naam

    schoon = veilige_naam(naam)
    if Path(schoon).suffix.lower() not in (".csv", ".xlsx"):
        raise InvoerFout(f"{wat} '{schoon}': onbekend bestandstype; verwacht .csv of .xlsx.")
    if not inhoud.strip():
        raise InvoerFout(f"{wat} '{schoon}' is leeg; verwacht een kopregel met kolomnamen en daaronder rijen.")
    return Invoerbestand(schoon, inhoud)


def _uit_b64(naam: str, tekst: str, wat: str) -> Invoerbestand | None:
    if not tekst:
        return None
    try:
        return _upload(naam, base64.b64decode(tekst, validate=True), wat)
    except (binascii.Error, ValueError):
        raise InvoerFout(f"{wat}: de meegestuurde inhoud is beschadigd; lees het bestand opnieuw in.") from None


def bereken(request: Request, regel: str, bestand: Invoerbestand, verzoeken: Invoerbestand | None,
            regio_sleutel: str | None, extra: int) -> Any:
    """Read the file(s) in a temporary folder and compute once (`regeluitvoer.reken_*`); errors name the files
    as the user sent them, never the temporary folder."""
    from verdeelwijzer.woonvormen.regeluitvoer import reken_locaties, reken_plantoets, reken_standplaatsen

    toestand = request.app.state.toestand
    gegevens = toestand.gegevens
    with tempfile.TemporaryDirectory(prefix="verdeelwijzer-regel-") as tmp:
        pad = Path(tmp) / bestand.naam
        pad.write_bytes(bestand.inhoud)
        vpad = None
        if verzoeken is not None:
            vpad = Path(tmp) / ("verzoeken_" + verzoeken.naam if verzoeken.naam == bestand.naam else verzoeken.naam)
            vpad.write_bytes(verzoeken.inhoud)
        try:
            if regel == "plantoets":
                return reken_plantoets(pad, gegevens, date.today(), bestand.naam)
            regio = toestand.regio(regio_sleutel)
            if regel == "locaties":
                return reken_locaties(pad, gegevens, regio, date.today())
            return reken_standplaatsen(pad, gegevens, regio, extra, vpad, bestand.naam,
                                       verzoeken.naam if verzoeken else None)
        except InvoerFout as fout:
            tekst = str(fout)
            if vpad is not None and verzoeken is not None:
                tekst = tekst.replace(str(vpad), verzoeken.naam)
            raise InvoerFout(tekst.replace(str(pad), bestand.naam).replace(tmp + "/", "")) from None


# -- rendering ------------------------------------------------------------------------------------------------


def _cel(waarde: Any, soort: str) -> str:
    from verdeelwijzer.web.opmaak import getal, procent

    if waarde is None or waarde == "":
        return "–" if soort != "tekst" else ""
    if soort == "procent":
        return procent(waarde, 1)
    if soort == "decimaal":
        return getal(waarde, 2)
    return getal(waarde) if soort == "geheel" else str(waarde)


def weergave(u: Any) -> dict[str, Any]:
    from verdeelwijzer.web.opmaak import STATUS_WOORD

    t = u.tabel
    return {"uitkomst": u, "koppen": [k.kop for k in t.kolommen],
            "cellen": [[_cel(r.get(k.sleutel), k.soort) for k in t.kolommen] for r in t.rijen],
            "status_woord": STATUS_WOORD}


def _pagina(request: Request, *, actief: str | None = None, status_code: int = 200, **extra: Any) -> HTMLResponse:
    from verdeelwijzer.web.paginas import render

    return render(request, "woonvormen_regels.html", status_code=status_code, titel="Regeltypen woonvormen",
                  regels=REGELS, regios=request.app.state.toestand.regios, actief=actief, **extra)


@router.get("/woonvormen/regels", response_class=HTMLResponse)
def regels_pagina(request: Request, *, regel: str | None = None, voorbeeld: str | None = None,
                  regio: str | None = None, extra: str | None = None, _: Lezer) -> Response:
    if regel is None and voorbeeld is None:
        return _pagina(request)
    regel = regel or ""
    v = _voorbeeld(regel, voorbeeld or "")
    keuze = {"regio": regio or v.regio, "extra": extra if extra is not None else str(v.extra), "voorbeeld": voorbeeld}
    try:
        u = bereken(request, regel, _voorbeeldbestand(v.bestand),
                    _voorbeeldbestand(v.verzoeken) if v.verzoeken else None, regio or v.regio, _extra(extra, v.extra))
    except VerdeelwijzerFout as fout:
        return _pagina(request, actief=regel, status_code=422, fout=str(fout), keuze=keuze)
    return _pagina(request, actief=regel, keuze=keuze, bron=f"voorbeeld {v.label}",
                   invoer=[v.bestand, *([v.verzoeken] if v.verzoeken else [])], **weergave(u))


def _download(u: Any, formaat: str, invoer: list[str]) -> Response:
    from verdeelwijzer.web.tabellen import Kolom, Tabel, als_csv
    from verdeelwijzer.woonvormen.regeluitvoer import schrijf_excel

    naam = {"locaties": "locatieregel", "plantoets": "plantoets", "standplaatsen": "standplaatsen"}[u.soort]
    if formaat == "csv":
        t = u.tabel
        csv = als_csv(Tabel(naam, t.titel, [Kolom(k.sleutel, k.kop, numeriek=k.soort != "tekst") for k in t.kolommen],
                            [dict(r) for r in t.rijen], list(t.voetnoten)))
        return Response(csv, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{naam}.csv"'})
    with tempfile.TemporaryDirectory(prefix="verdeelwijzer-regel-") as tmp:
        pad = Path(tmp) / f"{naam}.xlsx"
        schrijf_excel(pad, u, invoer, date.today())
        inhoud = pad.read_bytes()
    return Response(inhoud, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{naam}.xlsx"'})


def _formaat(formaat: str) -> str:
    if formaat not in ("xlsx", "csv"):
        raise HTTPException(404, f"Onbekend downloadformaat '{formaat[:20]}'; kies xlsx of csv.")
    return formaat


@router.get("/download/woonvormen-regels/{regel}.{formaat}")
def download_voorbeelduitkomst(request: Request, *, regel: str, formaat: str, voorbeeld: str = "",
                               regio: str | None = None, extra: str | None = None, _: Lezer) -> Response:
    """The result of a shipped example as Excel (the workbook of `--excel`) or Dutch-Excel CSV."""
    _formaat(formaat)
    v = _voorbeeld(regel, voorbeeld)
    invoer = [v.bestand, *([v.verzoeken] if v.verzoeken else [])]
    u = bereken(request, regel, _voorbeeldbestand(v.bestand), _voorbeeldbestand(v.verzoeken) if v.verzoeken else None,
                regio or v.regio, _extra(extra, v.extra))
    return _download(u, formaat, invoer)


@router.get("/download/woonvormen-voorbeeld/{naam}")
def download_voorbeeldinvoer(naam: str, _: Lezer) -> Response:
    """A shipped example input file, by name from the fixed list only."""
    if naam not in VOORBEELDBESTANDEN:
        raise HTTPException(404, "Onbekend voorbeeldbestand.")
    return Response(_voorbeeldbestand(naam).inhoud, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{naam}"'})


@router.post("/woonvormen/regels/{regel}", response_class=HTMLResponse)
async def regel_upload(request: Request, regel: str, *, bestand: OptioneelBestand = None,
                       verzoeken: OptioneelBestand = None, regio: str = Form(""), extra: str = Form(""),
                       uitvoer: str = Form("pagina"), bestand_naam: str = Form(""), bestand_inhoud: str = Form(""),
                       verzoeken_naam: str = Form(""), verzoeken_inhoud: str = Form(""),
                       csrf_token: str = Form(""), _: Lezer) -> Response:
    """Compute the rule on an uploaded file (`uitvoer=pagina`), or return the result as `xlsx`/`csv` (the
    download forms send the file back base64-encoded). Nothing is stored."""
    from verdeelwijzer.web.grenzen import reken

    controleer_csrf(request, csrf_token)
    soort = _soort(regel)
    if uitvoer not in ("pagina", "xlsx", "csv"):
        raise HTTPException(404, "Onbekende uitvoer; kies pagina, xlsx of csv.")
    keuze = {"regio": regio, "extra": extra}
    invoer: Invoerbestand | None = None
    try:
        if bestand is not None and bestand.filename:
            invoer = _upload(bestand.filename, await bestand.read(), "Bestand")
        else:
            invoer = _uit_b64(bestand_naam, bestand_inhoud, "Bestand")
        if invoer is None:
            raise InvoerFout("Kies een bestand (.csv of .xlsx), of reken een voorbeeld door.")
        v_invoer = None
        if regel == "standplaatsen":
            if verzoeken is not None and verzoeken.filename:
                v_invoer = _upload(verzoeken.filename, await verzoeken.read(), "Familieverzoeken")
            else:
                v_invoer = _uit_b64(verzoeken_naam, verzoeken_inhoud, "Familieverzoeken")
        if soort.regio_nodig and not regio.strip():
            raise InvoerFout("Veld 'regio': kies een regio.")
        aantal = _extra(extra, 0)
        u = await reken(request, bereken, request, regel, invoer, v_invoer, regio.strip() or None, aantal)
    except VerdeelwijzerFout as fout:
        return _pagina(request, actief=regel, status_code=422, fout=str(fout), keuze=keuze)
    namen = [invoer.naam, *([v_invoer.naam] if v_invoer else [])]
    if uitvoer != "pagina":
        return _download(u, uitvoer, namen)
    return _pagina(request, actief=regel, keuze=keuze, bron=f"ingelezen bestand {', '.join(namen)}", invoer=None,
                   bestanden={"bestand": invoer, "verzoeken": v_invoer}, **weergave(u))
