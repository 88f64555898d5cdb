"""The form-based editor for an afsprakenkader (/afspraken/nieuw): region, period, categories, keys in %,
caps, herkomst, ingroeipad and statushouders, without writing YAML.

`afspraken.samenstellen` turns the fields into the agreement and its YAML; the YAML is then read by the same
loader and pydantic model as any uploaded file, so what the editor offers for download is exactly what
`verdeelwijzer bereken` accepts. Tables sent with the form (herkomst, ingroeipad) go into a zip next to the
YAML, as an uploaded zip would hold them. Nothing is stored.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.grenzen import MAX_TABEL_BYTES
from verdeelwijzer.web.beveiliging import Lezer, controleer_csrf
from verdeelwijzer.web.grenzen import reken

router = APIRouter(include_in_schema=False)

YAMLNAAM = "afsprakenkader.yaml"
TABELSOORTEN = (".csv", ".xlsx")
ACTIES = ("toevoegen", "controleren", "download", "doorrekenen")
AFGELEID = {"sociale_voorraad": "Sociale huurvoorraad", "mutaties": "Verhuringen (mutaties)"}


def _indicatoren(request: Request) -> list[tuple[str, str]]:
    from verdeelwijzer.gegevens.gemeenten import STANDAARD_INDICATOREN
    from verdeelwijzer.web.opmaak import kolomlabel

    # Derived indicators are not in the data manifest; they get the label the other pages use.
    return [(k, AFGELEID.get(k) or kolomlabel(k)) for k in STANDAARD_INDICATOREN]


def _formulier(request: Request, velden: dict[str, str], *, status_code: int = 200,
               fouten: dict[str, str] | None = None,
               **extra: Any) -> HTMLResponse:
    from verdeelwijzer.afspraken.samenstellen import INGROEIMETHODEN, METHODEN, aantal_categorieen
    from verdeelwijzer.web.paginas import render

    standaard = {"start": str(date.today().year + 1), "jaren": "4", "scenario": "basis",
                 "regio": request.app.state.toestand.regios[0].sleutel}
    return render(request, "afspraken_nieuw.html", status_code=status_code, titel="Afsprakenkader samenstellen",
                  velden={**standaard, **velden}, fouten=fouten or {}, aantal=aantal_categorieen(velden),
                  indicatoren=_indicatoren(request), regios=request.app.state.toestand.regios,
                  methoden=METHODEN, ingroeimethoden=INGROEIMETHODEN, **extra)


@router.get("/afspraken/nieuw", response_class=HTMLResponse)
def nieuw(request: Request, *, voorbeeld: str | None = None, _: Lezer) -> Response:
    """The empty form, or one filled in from a shipped example (`?voorbeeld=haaglanden.yaml`)."""
    from verdeelwijzer.afspraken import laad_afspraken
    from verdeelwijzer.afspraken.samenstellen import velden_uit_kader
    from verdeelwijzer.web.afspraken_paginas import voorbeeld_pad, voorbeelden

    if not voorbeeld:
        return _formulier(request, {}, voorbeelden=list(voorbeelden()))
    kader = laad_afspraken(voorbeeld_pad(voorbeeld)).kader
    velden, weggelaten = velden_uit_kader(kader)
    for r in request.app.state.toestand.regios:  # the form offers regions by key
        if velden.get("regio") and velden["regio"].lower() in (r.naam.lower(), r.sleutel.lower()):
            velden["regio"] = r.sleutel
            break
    return _formulier(request, velden, voorbeelden=list(voorbeelden()), gekozen=voorbeeld, weggelaten=weggelaten)


async def _tabellen(formulier: Any) -> dict[str, tuple[str, bytes]]:
    """Tables sent with the form: field name → (name in the zip, contents). Only .csv and .xlsx."""
    from verdeelwijzer.afspraken.samenstellen import bestandsnaam

    uit: dict[str, tuple[str, bytes]] = {}
    for veld, waarde in formulier.multi_items():
        if not isinstance(waarde, UploadFile) or not waarde.filename:
            continue
        m = re.fullmatch(r"categorie(\d)_(herkomst|ingroeipad)", veld)
        if not m:
            continue
        extensie = Path(waarde.filename).suffix.lower()
        if extensie not in TABELSOORTEN:
            raise InvoerFout(f"Bestand '{Path(waarde.filename).name[:80]}' (categorie {m[1]}, {m[2]}): verwacht een "
                             "CSV- of Excelbestand (.csv of .xlsx).")
        inhoud = await waarde.read(MAX_TABEL_BYTES + 1)
        if len(inhoud) > MAX_TABEL_BYTES:
            raise InvoerFout(f"Bestand '{Path(waarde.filename).name[:80]}' is te groot voor een tabel.")
        uit[veld] = (bestandsnaam(int(m[1]), m[2], extensie), inhoud)
    return uit


def _zip(yaml_tekst: str, tabellen: dict[str, tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(YAMLNAAM, yaml_tekst)
        for naam, inhoud in tabellen.values():
            z.writestr(naam, inhoud)
    return buffer.getvalue()


def _controleer(yaml_tekst: str) -> None:
    """Read the YAML back with the loader every file goes through; its messages name the YAML field."""
    from verdeelwijzer.afspraken.laden import lees_afspraken_tekst

    lees_afspraken_tekst(yaml_tekst, YAMLNAAM)


@router.post("/afspraken/nieuw", response_class=HTMLResponse)
async def nieuw_verwerk(request: Request, *, _: Lezer) -> Response:
    """One form, four buttons: add a category, check, download (YAML, or zip with the tables), compute."""
    from verdeelwijzer.afspraken.samenstellen import MAX_CATEGORIEEN, als_yaml, kader_uit_velden

    formulier = await request.form()
    velden = {k: v for k, v in formulier.items() if isinstance(v, str)}
    controleer_csrf(request, velden.get("csrf_token", ""))
    actie = velden.get("actie", "controleren")
    if actie not in ACTIES:
        actie = "controleren"
    if actie == "toevoegen":
        n = int(velden.get("categorieen", "1")) if velden.get("categorieen", "1").isdigit() else 1
        return _formulier(request, {**velden, "categorieen": str(min(n + 1, MAX_CATEGORIEEN))})
    try:
        tabellen = await _tabellen(formulier)
    except InvoerFout as fout:
        return _formulier(request, velden, status_code=422, fout=str(fout))
    samengesteld = kader_uit_velden(velden, _indicatoren(request), {k: n for k, (n, _) in tabellen.items()})
    if samengesteld.kader is None:
        return _formulier(request, velden, status_code=422, fouten=samengesteld.fouten,
                          opnieuw_kiezen=bool(tabellen))
    yaml_tekst = als_yaml(samengesteld.kader)
    try:
        _controleer(yaml_tekst)
    except InvoerFout as fout:
        return _formulier(request, velden, status_code=422, fout=str(fout), yaml_tekst=yaml_tekst)
    stam = re.sub(r"[^A-Za-z0-9_-]+", "_", velden.get("naam", "")).strip("_")[:60] or "afsprakenkader"
    if actie == "download":
        if tabellen:
            return Response(_zip(yaml_tekst, tabellen), media_type="application/zip",
                            headers={"Content-Disposition": f'attachment; filename="{stam}.zip"'})
        return Response(yaml_tekst.encode("utf-8"), media_type="application/yaml",
                        headers={"Content-Disposition": f'attachment; filename="{stam}.yaml"'})
    if actie == "doorrekenen":
        return await _doorrekenen(request, yaml_tekst, tabellen, stam)
    return _formulier(request, velden, yaml_tekst=yaml_tekst, geldig=True, opnieuw_kiezen=bool(tabellen))


async def _doorrekenen(request: Request, yaml_tekst: str, tabellen: dict[str, tuple[str, bytes]],
                       stam: str) -> Response:
    """Compute as an uploaded agreement: the afspraken page with its result, downloads and 'vastleggen'."""
    import base64

    from verdeelwijzer.web.afspraken_paginas import _pagina, _reken_upload

    zip_inhoud = _zip(yaml_tekst, tabellen) if tabellen else None
    naam = f"{stam}.zip" if zip_inhoud else f"{stam}.yaml"
    try:
        inhoud = await reken(request, _reken_upload, yaml_tekst, naam, zip_inhoud)
    except VerdeelwijzerFout as fout:
        return _pagina(request, status_code=422, fout=str(fout), uploadnaam=naam)
    return _pagina(request, bron="upload", uploadnaam=naam, uploadtekst=yaml_tekst if zip_inhoud is None else "",
                   uploadzip=base64.b64encode(zip_inhoud).decode("ascii") if zip_inhoud else "",
                   melding="Het afsprakenkader uit het formulier is doorgerekend. Bewaar het met de knop "
                           "'Afsprakenkader downloaden' op het formulier (terug met de knop Vorige van de browser).",
                   **inhoud)
