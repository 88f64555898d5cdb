"""The Opgave page (/opgave): woonzorg- en spreidingsanalyse of aandachtsgroepen.

Upload a behoefte and an aanbod file (or click the shipped FICTIEF example), see need, supply and opgave per
group and gemeente with *schatting* labels, the spreiding per group and the weighted overview as tables and
maps ("wie draagt nu meer dan zijn deel?"), the explanation per gemeente, and download Excel/CSV/JSON.
Nothing is stored: uploaded files travel back in the page's hidden form (base64), as on /betaalbaarheid.
This module only lays out what `aandachtsgroepen.analyseer` returns.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.betaalbaarheid_paginas import Bestand, _controleer, uit_b64
from verdeelwijzer.web.beveiliging import Lezer, controleer_csrf
from verdeelwijzer.web.opmaak import getal
from verdeelwijzer.web.tabellen import Kolom, Tabel

router = APIRouter(include_in_schema=False)

VOORBEELD = "gmr"
VOORBEELD_REGIO = "Groene Metropoolregio Arnhem-Nijmegen"
SLEUTELS = {"inwoners": "Inwoners", "huishoudens": "Huishoudens", "woningvoorraad": "Woningvoorraad",
            "sociale_voorraad": "Sociale huurvoorraad"}
SPREIDING = {"aanbod": "Bestaand aanbod (wie huisvest de groep nu)", "behoefte": "Behoefte in het eerste jaar"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Instellingen:
    regio: str
    sleutel: str = "inwoners"
    spreiding: str = "aanbod"
    voorbeeld: bool = False


def _instellingen(velden: dict[str, str]) -> Instellingen:
    sleutel = velden.get("sleutel") or "inwoners"
    spreiding = velden.get("spreiding") or "aanbod"
    if sleutel not in SLEUTELS:
        raise InvoerFout(f"Onbekende sleutel '{sleutel}'; kies {', '.join(SLEUTELS)}.")
    if spreiding not in SPREIDING:
        raise InvoerFout(f"Onbekende keuze voor de spreiding '{spreiding}'; kies aanbod of behoefte.")
    voorbeeld = velden.get("voorbeeld") == VOORBEELD
    regio = VOORBEELD_REGIO if voorbeeld else (velden.get("regio") or VOORBEELD_REGIO)[:2000]
    return Instellingen(regio, sleutel, spreiding, voorbeeld)


def _voorbeeldbestanden() -> tuple[Bestand, Bestand]:
    from verdeelwijzer.voorbeelden import voorbeeldmap

    map_ = voorbeeldmap() / "analyse"
    return tuple(Bestand(n, (map_ / n).read_bytes()) for n in ("behoefte.csv", "aanbod.csv"))  # type: ignore[return-value]


def bereken(request: Request, inst: Instellingen, behoefte: Bestand | None, aanbod: Bestand | None) -> Any:
    """Validate the files with the core's readers (all or nothing) and compute the analysis."""
    from verdeelwijzer.aandachtsgroepen.samenstellen import analyse_uit_bestanden, standaardperiode

    toestand = request.app.state.toestand
    g = toestand.gegevens
    regio = toestand.regio(inst.regio)
    behoefte = _controleer(behoefte, "Behoeftebestand") if behoefte else None
    aanbod = _controleer(aanbod, "Aanbodbestand") if aanbod else None
    if behoefte is None and aanbod is None:
        raise InvoerFout("Kies een behoeftebestand en/of een aanbodbestand (.csv of .xlsx), of gebruik het voorbeeld.")
    with tempfile.TemporaryDirectory(prefix="verdeelwijzer-opgave-") as tmp:
        paden = []
        for b, voorvoegsel in ((behoefte, "behoefte_"), (aanbod, "aanbod_")):
            if b is None:
                paden.append(None)
                continue
            p = Path(tmp) / (b.naam if not any(x and x is not b and x.naam == b.naam for x in (behoefte, aanbod))
                             else voorvoegsel + b.naam)
            p.write_bytes(b.inhoud)
            paden.append(p)
        try:
            jaren = standaardperiode(paden[0], paden[1], date.today())
            return analyse_uit_bestanden(g, regio, jaren, date.today(), paden[0], paden[1], sleutel=inst.sleutel,
                                         spreiding_op=inst.spreiding)
        except VerdeelwijzerFout as fout:
            raise type(fout)(str(fout).replace(tmp + "/", "").replace(tmp, "")) from None


# -- the core's result laid out ------------------------------------------------------------------------------------


def _tabel(blad: Any, naam: str) -> Tabel:
    soorten = {"decimaal": {"decimalen": 1}, "geheel": {"decimalen": 0}, "procent": {"procent": True}}
    kolommen = [Kolom(k.sleutel, k.kop, numeriek=k.soort != "tekst", **soorten.get(k.soort, {})) for k in blad.kolommen]
    rijen = []
    for r in blad.rijen:
        rij = dict(r)
        if "behoefte" in rij and rij["behoefte"] is None and rij.get("soort") == "onbekend":
            rij["behoefte"] = "geen behoefte bekend"
        if rij.get("soort") == "schatting":
            rij["_markeringen"] = {"behoefte", "soort"}
        rijen.append(rij)
    return Tabel(naam=naam, titel=blad.titel, kolommen=kolommen, rijen=rijen, voetnoten=list(blad.voetnoten),
                 rij_sleutel="gemeentecode" if "gemeentecode" in (blad.rijen[0] if blad.rijen else {}) else None)


def _kaarten(a: Any) -> list[Any]:
    """The weighted overview and one map per group, coloured by the ratio 'draagt N× zijn deel'."""
    from verdeelwijzer.web.kaart import maak_kaart

    codes = list(a.invoer.codes)
    uit = []
    if a.overzicht:
        waarden = {o.gemeentecode: None if o.verhouding is None else float(o.verhouding) for o in a.overzicht}
        titels = {o.gemeentecode: f"{o.gemeentenaam}: draagt {getal(waarden[o.gemeentecode], 2)}× zijn deel "
                  f"(bijdrage {getal(float(o.bijdrage), 1)}, eerlijk deel {getal(float(o.eerlijk_deel), 1)}): "
                  f"{o.oordeel}" for o in a.overzicht}
        uit.append(("overzicht", "Alle groepen gewogen", maak_kaart(
            codes, waarden, titels, titel="Wie draagt nu meer dan zijn deel? Alle groepen, gewogen",
            bron=f"Verhouding bijdrage / eerlijk deel; {a.gewichten_uitleg}; sleutel {a.invoer.sleutel_label}.",
            opmaak=lambda x: getal(x, 2) + "×", context=False)))
    for s in a.spreiding:
        g = a.invoer.catalogus.groep(s.groep)
        waarden = {x.gemeentecode: None if x.verhouding is None else float(x.verhouding) for x in s.gemeenten}
        titels = {x.gemeentecode: f"{x.gemeentenaam}: {getal(float(x.aantal), 1)} van {getal(float(s.totaal), 1)} "
                  f"({getal(float(x.aandeel) * 100, 1)} % tegen eerlijk {getal(float(x.eerlijk_aandeel) * 100, 1)} %): "
                  f"draagt {getal(waarden[x.gemeentecode], 2)}× zijn deel" for x in s.gemeenten}
        uit.append((s.groep, g.label, maak_kaart(
            codes, waarden, titels, titel=f"{g.label}: wie draagt nu meer dan zijn deel? (D = "
            f"{getal(float(s.dissimilariteit), 3)})",
            bron=f"Grondslag: {s.grondslag}; sleutel {a.invoer.sleutel_label}.",
            opmaak=lambda x: getal(x, 2) + "×", context=False)))
    return uit


def weergave(a: Any) -> dict[str, Any]:
    from verdeelwijzer.aandachtsgroepen.weergave import SOORT_UITLEG, bladen, gemeente_uitleg

    b = bladen(a)
    tabellen = [_tabel(x, f"opgave_{x.naam.lower()}") for x in b]
    return {"analyse": a, "tabellen": tabellen, "kaarten": _kaarten(a), "soort_uitleg": SOORT_UITLEG,
            "uitleg": [(a.invoer.namen[c], c, gemeente_uitleg(a, c)) for c in
                       sorted(a.invoer.codes, key=lambda c: a.invoer.namen[c])],
            "waarschuwingen": list(a.waarschuwingen)}


def _pagina(request: Request, inst: Instellingen | None = None, status_code: int = 200, **extra: Any) -> HTMLResponse:
    from verdeelwijzer.web.paginas import render

    toestand = request.app.state.toestand
    inst = inst or Instellingen(VOORBEELD_REGIO)
    try:
        regio = toestand.regio(inst.regio)
    except VerdeelwijzerFout:
        regio = toestand.regio(VOORBEELD_REGIO)
    return render(request, "opgave.html", status_code=status_code, titel="Opgave aandachtsgroepen", inst=inst,
                  regio=regio, regios=toestand.regios, sleutels=SLEUTELS, spreidingen=SPREIDING, **extra)


@router.get("/opgave", response_class=HTMLResponse)
def opgave(request: Request, *, _: Lezer) -> Response:
    velden = dict(request.query_params.items())
    try:
        inst = _instellingen(velden)
    except InvoerFout as fout:
        return _pagina(request, status_code=422, fout=str(fout))
    if not inst.voorbeeld:
        return _pagina(request, inst)
    try:
        b, a = _voorbeeldbestanden()
        analyse = bereken(request, inst, b, a)
    except VerdeelwijzerFout as fout:
        return _pagina(request, inst, status_code=422, fout=str(fout))
    return _pagina(request, inst, bron="voorbeeld", behoefte_bestand=b, aanbod_bestand=a, **weergave(analyse))


async def _bestanden(velden: dict[str, str], behoefte: UploadFile | None,
                     aanbod: UploadFile | None) -> tuple[Bestand | None, Bestand | None]:
    uit: list[Bestand | None] = []
    for veld, upload, wat in (("behoefte", behoefte, "Behoeftebestand"), ("aanbod", aanbod, "Aanbodbestand")):
        if upload is not None and upload.filename:
            uit.append(Bestand(upload.filename, await upload.read()))
        else:
            uit.append(uit_b64(velden.get(f"{veld}_naam", f"{veld}.csv"), velden.get(f"{veld}_inhoud", ""), wat))
    return uit[0], uit[1]


async def _formulier(request: Request) -> tuple[dict[str, str], Any]:
    formulier = await request.form()
    velden = {k: v for k, v in formulier.items() if isinstance(v, str)}
    bestanden = {k: v for k, v in formulier.items() if not isinstance(v, str)}
    controleer_csrf(request, velden.get("csrf_token"))
    return velden, bestanden


@router.post("/opgave", response_class=HTMLResponse)
async def opgave_upload(request: Request, *, _: Lezer) -> Response:
    """Compute with uploaded files. Nothing is stored; the files travel back in the hidden form."""
    velden, bestanden = await _formulier(request)
    inst = None
    try:
        inst = _instellingen(velden)
        b, a = await _bestanden(velden, bestanden.get("behoefte"), bestanden.get("aanbod"))  # type: ignore[arg-type]
        analyse = bereken(request, inst, b, a)
    except VerdeelwijzerFout as fout:
        return _pagina(request, inst, status_code=422, fout=str(fout))
    return _pagina(request, inst, bron="upload", behoefte_bestand=b, aanbod_bestand=a, **weergave(analyse))


@router.post("/opgave/uitleg/{code}", response_class=HTMLResponse)
async def opgave_uitleg(request: Request, *, code: str, _: Lezer) -> Response:
    """The explanation of one gemeente (the map's click target), recomputed from the page's hidden form."""
    from verdeelwijzer.aandachtsgroepen.weergave import gemeente_uitleg
    from verdeelwijzer.web.paginas import render

    velden, _b = await _formulier(request)
    inst = _instellingen(velden)
    b, a = (_voorbeeldbestanden() if inst.voorbeeld else await _bestanden(velden, None, None))
    analyse = bereken(request, inst, b, a)
    if code not in analyse.invoer.codes:
        raise HTTPException(404, f"Gemeente '{code}' hoort niet bij regio {analyse.invoer.regio}.")
    return render(request, "_opgave_uitleg.html", naam=analyse.invoer.namen[code], code=code,
                  tekst=gemeente_uitleg(analyse, code))


@router.post("/download/opgave.{formaat}")
async def download(request: Request, *, formaat: str, _: Lezer) -> Response:
    from verdeelwijzer.aandachtsgroepen.weergave import als_dict
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.web.api import versies
    from verdeelwijzer.web.paginas import download as tabel_download

    if formaat not in ("xlsx", "csv", "json"):
        raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies xlsx, csv of json.")
    velden, _b = await _formulier(request)
    inst = _instellingen(velden)
    b, a = (_voorbeeldbestanden() if inst.voorbeeld else await _bestanden(velden, None, None))
    analyse = bereken(request, inst, b, a)
    if formaat == "json":
        tekst = json.dumps({**als_dict(analyse), "attributie": attributie(), "versie": versies()},
                           ensure_ascii=False, indent=2, default=str)
        return Response(tekst.encode("utf-8"), media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="opgave.json"'})
    tabellen = weergave(analyse)["tabellen"]
    eerste = tabellen[0]
    eerste.naam = f"opgave_{analyse.invoer.regio}"
    return tabel_download(eerste, formaat, tabellen[1:] if formaat == "xlsx" else None)


@router.get("/download/{soort}_sjabloon.xlsx")
def download_sjabloon(request: Request, *, soort: str, regio: str | None = None, _: Lezer) -> Response:
    from verdeelwijzer.aandachtsgroepen.catalogus import laad_catalogus
    from verdeelwijzer.aandachtsgroepen.sjabloon import schrijf_sjabloon

    if soort not in ("behoefte", "aanbod"):
        raise HTTPException(404, "Onbekend sjabloon; kies behoefte of aanbod.")
    namen, regio_naam = request.app.state.toestand.sjabloon_namen(regio)
    with tempfile.TemporaryDirectory() as tmp:
        pad = schrijf_sjabloon(Path(tmp) / f"{soort}_sjabloon.xlsx", soort, laad_catalogus(date.today()), namen,
                               regio_naam)
        inhoud = pad.read_bytes()
    return Response(inhoud, media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{soort}_sjabloon.xlsx"'})


@router.get("/download/voorbeeld_{soort}.csv")
def download_voorbeeld(soort: str, _: Lezer) -> Response:
    if soort not in ("behoefte", "aanbod"):
        raise HTTPException(404, "Onbekend voorbeeld; kies behoefte of aanbod.")
    b = dict(zip(("behoefte", "aanbod"), _voorbeeldbestanden(), strict=True))[soort]
    return Response(b.inhoud, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="voorbeeld_{soort}.csv"'})
