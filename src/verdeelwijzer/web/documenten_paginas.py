"""Downloads of the bouwstenen for VHP and huisvestingsverordening (issue 14) from the afspraken page.

One document per gemeente (PDF or DOCX), the regional decision document, or everything as a zip, for a
shipped example (GET, `voorbeeld`) or an uploaded agreement whose text the page sends back (POST, like
the Excel download). The documents are made by `verdeelwijzer.documenten`, exactly as
`verdeelwijzer documenten` makes them; nothing is stored.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from verdeelwijzer.web.afspraken_paginas import STANDAARD_VOORBEELD, bereken, geladen_afspraak, zip_uit_b64
from verdeelwijzer.web.beveiliging import Lezer, controleer_csrf

router = APIRouter(include_in_schema=False)

ALLE = "alle"
SOORTEN = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}


def _antwoord(u: Any, gemeente: str, formaat: str) -> Response:
    from verdeelwijzer.documenten import maken

    if formaat not in maken.FORMATEN:
        raise HTTPException(404, f"Onbekend formaat '{formaat}'; kies pdf of docx.")
    c = maken.context_van(u)
    if gemeente == ALLE:
        naam = maken.ZIPNAAM
        inhoud = maken.maak_documenten(c, list(c.codes), maken.FORMATEN)[naam]
    elif gemeente == maken.REGIO:
        naam = f"{maken.REGIO}.{formaat}"
        inhoud = maken.render(maken.opbouw.regiodocument(c), formaat)
    else:
        code = maken.kies_gemeente(c, gemeente)
        naam = f"{maken.opbouw.bestandsnaam(code, c.namen[code])}.{formaat}"
        inhoud = maken.render(maken.opbouw.gemeentedocument(c, code), formaat)
    soort = SOORTEN[naam.rsplit(".", 1)[1]]
    return Response(inhoud, media_type=soort, headers={"Content-Disposition": f'attachment; filename="{naam}"'})


@router.get("/download/documenten")
def documenten_voorbeeld(request: Request, *, voorbeeld: str = STANDAARD_VOORBEELD, gemeente: str = ALLE,
                         formaat: str = "pdf", _: Lezer) -> Response:
    with geladen_afspraak(voorbeeld=voorbeeld) as geladen:
        return _antwoord(bereken(geladen), gemeente, formaat)


@router.post("/download/documenten")
def documenten_upload(request: Request, *, tekst: str = Form(""), naam: str = Form(""), gemeente: str = Form(ALLE),
                      formaat: str = Form("pdf"), zip_b64: str = Form(""), csrf_token: str = Form(""),
                      _: Lezer) -> Response:
    controleer_csrf(request, csrf_token)
    with geladen_afspraak(tekst=tekst, naam=naam, zip_inhoud=zip_uit_b64(zip_b64)) as geladen:
        return _antwoord(bereken(geladen), gemeente, formaat)
