"""Making the whole set of documents for an agreement and writing it safely (the shells call this).

`maak_documenten` renders in memory; `schrijf_alles` writes to a temporary folder next to the target and
moves the files into place only when all of them are ready, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from verdeelwijzer.afspraken import AfsprakenUitkomst
from verdeelwijzer.documenten import opbouw
from verdeelwijzer.documenten.model import Document
from verdeelwijzer.fouten import InvoerFout

FORMATEN = ("pdf", "docx")
REGIO = "regio"
ZIPNAAM = "documenten.zip"
ZIPTIJD = (1980, 1, 1, 0, 0, 0)


def resultaat_van(u: AfsprakenUitkomst) -> dict[str, Any]:
    """Exactly what `verdeelwijzer bereken --format json` prints, read back as data."""
    from verdeelwijzer.afspraken.rapport import als_dict
    from verdeelwijzer.cli.uitvoer import json_tekst

    return json.loads(json_tekst(als_dict(u)))


def lees_formaten(tekst: str) -> tuple[str, ...]:
    delen = [d.strip().lower() for d in tekst.split(",") if d.strip()]
    onbekend = [d for d in delen if d not in FORMATEN]
    if not delen or onbekend:
        raise InvoerFout(f"--formaat: onbekend formaat {', '.join(onbekend) or '(leeg)'}; kies pdf, docx of pdf,docx.")
    return tuple(f for f in FORMATEN if f in delen)


def context_van(u: AfsprakenUitkomst) -> opbouw.Context:
    from verdeelwijzer.documenten.wettelijk import documentregels

    resultaat = resultaat_van(u)
    return opbouw.context(resultaat, u.geladen.kader, documentregels(u.regels_datum, u.regio.naam))


def kies_gemeente(c: opbouw.Context, tekst: str) -> str:
    """A gemeente of the region by code or name (also name variants such as 'Den Haag')."""
    schoon = tekst.strip().lower()
    for code, naam in c.namen.items():
        if schoon in (code.lower(), naam.lower()):
            return code
    from verdeelwijzer.gegevens import laad_gemeenten

    zoeker = laad_gemeenten().zoeker
    assert zoeker is not None
    code = zoeker.zoek(tekst, "--gemeente")
    if code not in c.codes:
        regio = c.resultaat["regio"]["naam"]
        raise InvoerFout(f"--gemeente: {tekst} ({code}) hoort niet bij de regio {regio}. Kies uit: "
                         + ", ".join(f"{c.namen[k]} ({k})" for k in c.codes) + ".")
    return code


def bestandsnamen(c: opbouw.Context, gemeenten: Sequence[str], formaten: Sequence[str], regio: bool,
                  zip_maken: bool = True) -> list[str]:
    namen = [f"{opbouw.bestandsnaam(code, c.namen[code])}.{f}" for code in gemeenten for f in formaten]
    if regio:
        namen += [f"{REGIO}.{f}" for f in formaten]
    if regio and zip_maken:
        namen.append(ZIPNAAM)
    return namen


def render(document: Document, formaat: str) -> bytes:
    if formaat == "pdf":
        from verdeelwijzer.documenten.pdf_weergave import schrijf_pdf

        return schrijf_pdf(document)
    from verdeelwijzer.documenten.docx_weergave import schrijf_docx

    return schrijf_docx(document)


def maak_documenten(
    c: opbouw.Context,
    gemeenten: Sequence[str],
    formaten: Sequence[str],
    *,
    regio: bool = True,
    zip_maken: bool = True,
    vergelijking: dict[str, Any] | None = None,
    vaststelling: Sequence[dict[str, Any]] | None = None,
    voortgang: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """File name → contents, in a fixed order (gemeenten by code, then the region, then the zip)."""
    stap = voortgang or (lambda _t: None)
    uit: dict[str, bytes] = {}
    for code in gemeenten:
        doc = opbouw.gemeentedocument(c, code)
        for f in formaten:
            uit[f"{opbouw.bestandsnaam(code, c.namen[code])}.{f}"] = render(doc, f)
        stap(c.namen[code])
    if regio:
        doc = opbouw.regiodocument(c, vergelijking, vaststelling)
        for f in formaten:
            uit[f"{REGIO}.{f}"] = render(doc, f)
        if zip_maken:
            uit[ZIPNAAM] = zip_van(uit)
        stap("regio")
    return uit


def zip_van(bestanden: dict[str, bytes]) -> bytes:
    """A reproducible zip (sorted names, fixed timestamps)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for naam in sorted(bestanden):
            info = zipfile.ZipInfo(naam, ZIPTIJD)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, bestanden[naam])
    return buf.getvalue()


def controleer_doelmap(uit: Path, namen: Sequence[str], overschrijven: bool) -> None:
    """Before any work: the folder is usable and no file would be overwritten unasked."""
    if uit.exists() and not uit.is_dir():
        raise InvoerFout(f"--uit: '{uit}' bestaat al en is geen map.")
    bestaand = uit if uit.exists() else next((p for p in uit.parents if p.exists()), Path("."))
    if not bestaand.is_dir():
        raise InvoerFout(f"--uit: '{bestaand}' is een bestand, geen map; kies een andere map.")
    if not os.access(bestaand, os.W_OK | os.X_OK):
        raise InvoerFout(f"--uit: in de map '{bestaand}' mag niet geschreven worden; kies een andere map.")
    if uit.is_dir() and not overschrijven:
        bestaat = [n for n in namen if (uit / n).exists()]
        if bestaat:
            raise InvoerFout(f"In '{uit}' bestaan al: {', '.join(bestaat)}. Gebruik --overschrijven of kies een "
                             "andere map; er is niets geschreven.")


def schrijf_alles(uit: Path, bestanden: dict[str, bytes]) -> list[Path]:
    """Write to a temporary folder inside `uit`, then move every file into place."""
    try:
        uit.mkdir(parents=True, exist_ok=True)
        tijdelijk = Path(tempfile.mkdtemp(prefix=".verdeelwijzer-", dir=uit))
    except OSError as e:
        raise InvoerFout(f"--uit: kan de map '{uit}' niet aanmaken of er niet in schrijven ({e.strerror}).") from e
    try:
        try:
            for naam, data in bestanden.items():
                (tijdelijk / naam).write_bytes(data)
        except OSError as e:
            raise InvoerFout(f"--uit: schrijven in '{uit}' mislukt ({e.strerror}); er is niets geschreven.") from e
        try:
            for naam in bestanden:  # renames within one folder: nothing left to fail halfway in practice
                os.replace(tijdelijk / naam, uit / naam)
        except OSError as e:
            raise InvoerFout(f"--uit: verplaatsen in '{uit}' mislukt ({e.strerror}).") from e
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
    return [uit / n for n in bestanden]


def vaststelling_rijen(c: opbouw.Context, stappen: Sequence[Any]) -> list[dict[str, Any]]:
    """The tracker's table for the regional document, judged on the date of the latest recorded stage."""
    from verdeelwijzer.documenten.vaststelling import standtabel

    if not stappen:
        return []
    peildatum = max(s.datum for s in stappen)
    return standtabel(c.codes, c.namen, stappen, c.regels.termijnen, peildatum)
