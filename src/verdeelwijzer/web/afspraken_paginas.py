"""The afsprakenkader page (/afspraken) and its JSON API (/api/afspraken).

Choose a shipped example or upload an afsprakenkader (YAML); the core reads and validates it
(`afspraken.laad_afspraken`), computes it (`bereken_afspraken`) and describes the result
(`afspraken.rapport`: cover, tables, explanations, JSON; `rapport.excel.schrijf_werkmap`: the workbook).
Scenario comparison is `afspraken.scenarios.vergelijk_scenarios`. This module only converts those tables
for the screen; it computes nothing itself.

Uploads are written to a temporary folder first. Files named inside an agreement (herkomst, ingroeipad,
corporaties, own data) are relative to the YAML file: they come along when the agreement is uploaded as a
zip (`afspraken.uitpakken`, extracted into that folder and confined to it); the examples are computed from
their real path, next to their files.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Beheerder, Lezer, controleer_csrf
from verdeelwijzer.web.grenzen import reken
from verdeelwijzer.web.opmaak import STATUS_UITLEG
from verdeelwijzer.web.tabellen import Kolom, Tabel

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/afspraken", tags=["afsprakenkader"])

MAX_YAML = 1024 * 1024
MAX_ZIP_B64 = 14_000_000  # base64 of a zip at the limit in grenzen.MAX_ZIP_BYTES (10 MB × 4/3)
STANDAARD_VOORBEELD = "haaglanden.yaml"
VERGELIJK_STANDAARD = ("haaglanden.yaml", "haaglanden_zonder_herkomst.yaml")
UPLOAD_UITLEG = (
    "Noemt uw afsprakenkader andere bestanden (herkomst, ingroeipad, corporaties, eigen gegevens)? Lever dan "
    "een .zip aan met het YAML-bestand bovenaan en die bestanden erbij, in de mappen zoals het YAML-bestand "
    "ze noemt (zie de voorbeeld-zips onder 'Voorbeeldafspraken downloaden')."
)
ZIP_UITLEG = ("Zet elk bestand dat het afsprakenkader noemt in de zip, met dezelfde map en naam als in het "
              "YAML-bestand.")
YamlBestand = Annotated[UploadFile | None, File(description="Afsprakenkader (.yaml, of .zip met de bestanden)")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def beschikbaar() -> bool:
    try:
        from verdeelwijzer.afspraken import bereken_afspraken  # noqa: F401
        from verdeelwijzer.afspraken.scenarios import vergelijk_scenarios  # noqa: F401
        from verdeelwijzer.voorbeelden import voorbeeld_afspraken  # noqa: F401
    except ImportError:
        return False
    return True


# -- input: an example or an uploaded text ---------------------------------------------------------------


def voorbeelden() -> dict[str, Path]:
    from verdeelwijzer.voorbeelden import voorbeeld_afspraken

    try:
        return {p.name: p for p in voorbeeld_afspraken()}
    except InvoerFout:
        return {}


def voorbeeld_pad(naam: str) -> Path:
    lijst = voorbeelden()
    if naam not in lijst:
        keuzes = ", ".join(lijst) or "(geen voorbeelden gevonden)"
        raise InvoerFout(f"Onbekend voorbeeld '{naam}'. Kies een van: {keuzes}.")
    return lijst[naam]


def _veilige_yaml_naam(naam: str | None) -> str:
    basis = Path(naam or "afspraken.yaml").name
    schoon = re.sub(r"[^A-Za-z0-9._-]+", "_", basis).strip("._") or "afspraken.yaml"
    if not schoon.lower().endswith((".yaml", ".yml")):
        schoon += ".yaml"
    return schoon[:80]


def _tekst_uit_bytes(naam: str, inhoud: bytes) -> str:
    if len(inhoud) > MAX_YAML:
        raise InvoerFout(f"Bestand '{naam}' is groter dan {MAX_YAML // 1024} kB; een afsprakenkader is kleiner.")
    if not inhoud.strip():
        raise InvoerFout(f"Bestand '{naam}' is leeg; verwacht een afsprakenkader in YAML (naam, regio, periode, …).")
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvoerFout(f"Bestand '{naam}' is geen UTF-8-tekst; sla het op als UTF-8 (YAML).") from None


def _veilige_zip_naam(naam: str | None) -> str:
    basis = Path(naam or "afspraken.zip").name
    schoon = re.sub(r"[^A-Za-z0-9._-]+", "_", basis).strip("._") or "afspraken.zip"
    return (schoon if schoon.lower().endswith(".zip") else schoon + ".zip")[:80]


def zip_uit_b64(tekst: str) -> bytes | None:
    """The zip sent back by the download and adopt forms (base64, as the programme on /betaalbaarheid)."""
    if not tekst:
        return None
    try:
        return base64.b64decode(tekst, validate=True)
    except (binascii.Error, ValueError):
        raise InvoerFout("De meegestuurde zip is beschadigd; lees het bestand opnieuw in.") from None


@contextmanager
def geladen_afspraak(*, voorbeeld: str | None = None, tekst: str | None = None,
                     naam: str | None = None, zip_inhoud: bytes | None = None) -> Iterator[Any]:
    """The core's loaded agreement: an example from its real path, or uploaded text (or a zip with the
    YAML and the files it names) in a temporary folder, removed afterwards. Errors mention the file
    names as the user sent them, never the temporary path."""
    from verdeelwijzer.afspraken import laad_afspraken
    from verdeelwijzer.afspraken.uitpakken import pak_uit

    if voorbeeld:
        yield laad_afspraken(voorbeeld_pad(voorbeeld))
        return
    if zip_inhoud is None and (tekst is None or not tekst.strip()):
        raise InvoerFout("Kies een voorbeeld of lever een afsprakenkader (YAML of zip) aan.")
    zipnaam = _veilige_zip_naam(naam) if zip_inhoud is not None else None
    bestandsnaam = zipnaam or _veilige_yaml_naam(naam)
    with tempfile.TemporaryDirectory(prefix="verdeelwijzer-afspraak-") as tmp:
        pad = Path(tmp) / bestandsnaam
        try:
            if zip_inhoud is not None:
                pad = pak_uit(zip_inhoud, bestandsnaam, Path(tmp))
                bestandsnaam = f"{zipnaam}: {pad.name}"
            else:
                pad.write_text(tekst or "", encoding="utf-8")
            yield laad_afspraken(pad, opgesloten=True)  # files it names: only inside this folder
        except VerdeelwijzerFout as fout:
            schoon = str(fout).replace(str(pad), bestandsnaam)
            for map_tekst in (str(Path(tmp).resolve()), tmp):
                schoon = schoon.replace(map_tekst + "/", "").replace(map_tekst, "")
            raise type(fout)(schoon) from None


def bereken(geladen: Any) -> Any:
    from verdeelwijzer.afspraken import bereken_afspraken

    map_tekst = str(geladen.pad.parent)
    try:
        return bereken_afspraken(geladen)
    except VerdeelwijzerFout as fout:
        tekst = str(fout)
        if map_tekst in tekst and "verdeelwijzer-afspraak-" in map_tekst:
            tekst = tekst.replace(map_tekst + "/", "").replace(map_tekst, "")
            tekst += "\n" + (ZIP_UITLEG if len(list(geladen.map.iterdir())) > 1 else UPLOAD_UITLEG)
        raise type(fout)(tekst) from None


# -- the core's tables, converted for the screen ----------------------------------------------------------------

_BOOL = {True: "ja", False: ""}


def _kolom(k: Any) -> Kolom:
    soort = "tekst" if k.sleutel == "jaar" else k.soort
    return Kolom(k.sleutel, k.kop, numeriek=soort in ("geheel", "decimaal", "procent"),
                 decimalen={"geheel": 0, "decimaal": 1, "procent": 1}.get(soort), procent=soort == "procent")


def webtabel(t: Any, rijen: list[dict[str, Any]] | None = None, titel: str | None = None,
             zonder: tuple[str, ...] = ()) -> Tabel:
    """One `afspraken.rapport.Tabel` as a web `Tabel` (same rows and columns; booleans as 'ja', rule
    statuses labelled, the exact quota as hover text on the whole numbers; gemeenten by name, as on the
    other pages, with the regional total last)."""
    kolommen = [_kolom(k) for k in t.kolommen if not k.sleutel.startswith("quotum_") and k.sleutel not in zonder]
    bron = list(t.rijen if rijen is None else rijen)
    gemeenten = sorted((r for r in bron if r.get("gemeentecode")), key=lambda r: str(r.get("gemeentenaam", "")))
    overig = [r for r in bron if not r.get("gemeentecode")]
    if gemeenten and "corporatie" not in (k.sleutel for k in t.kolommen):
        bron = gemeenten + overig
    uit = []
    for rij in bron:
        r = {k: (_BOOL[v] if isinstance(v, bool) else v) for k, v in rij.items()}
        r["_bronnen"] = {f"aantal_{k[len('quotum_'):]}": f"quotum (exact, vóór afronding): {v:.3f}".replace(".", ",")
                         for k, v in rij.items() if k.startswith("quotum_") and v is not None}
        if rij.get("boven_grens") is True:
            r["_markeringen"] = {"aandeel", "boven_grens"}
        if rij.get("plafond_geraakt") is True:
            r["_markeringen"] = {"plafond_geraakt"}
        if "status" in rij and rij.get("soort") == "regel":
            r["_status"] = rij["status"]
            if rij["status"] != "wet":
                r["_markeringen"] = {"naam"}
        uit.append(r)
    return Tabel(naam=t.naam, titel=titel or t.titel, kolommen=kolommen, rijen=uit, voetnoten=list(t.voetnoten),
                 rij_sleutel="gemeentecode" if any("gemeentecode" in r for r in uit) else None)


def _concept_regels(u: Any) -> list[dict[str, str]]:
    from verdeelwijzer.afspraken.rapport import regels_gebruikt

    return [r for r in regels_gebruikt(u) if r["status"] != "wet"]


def resultaat(u: Any) -> dict[str, Any]:
    """Everything the page shows, straight from `afspraken.rapport`."""
    from verdeelwijzer.afspraken.rapport import dekblad, regels_gebruikt, tabellen, uitleg_teksten

    alle = tabellen(u)
    totaalbeeld = []
    overige = []
    for t in alle:
        if t.naam == "Totaalbeeld":
            for jaar in u.jaren:
                totaalbeeld.append(webtabel(t, [r for r in t.rijen if r["jaar"] == jaar],
                                            titel=f"{t.titel} — {jaar}", zonder=("jaar",)))
        else:
            overige.append(webtabel(t))
    uitleg: dict[str, list[tuple[str, str]]] = {}
    for categorie, gemeente, tekst in uitleg_teksten(u):
        uitleg.setdefault(categorie, []).append((gemeente, tekst))
    return {"u": u, "kader": u.geladen.kader, "dekblad": dekblad(u), "totaalbeeld": totaalbeeld,
            "tabellen": overige, "uitleg": uitleg, "waarschuwingen": list(u.waarschuwingen),
            "regels": regels_gebruikt(u), "concept_regels": _concept_regels(u)}


def werkmap(u: Any) -> bytes:
    """The full Excel workbook, written by the core exactly as `verdeelwijzer bereken --excel` does."""
    from verdeelwijzer.afspraken.rapport import dekblad, tabellen, uitleg_teksten
    from verdeelwijzer.rapport.excel import schrijf_werkmap

    k = u.geladen.kader
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "afspraken.xlsx"
        schrijf_werkmap(pad, dekblad(u), tabellen(u), uitleg_teksten(u), u.waarschuwingen,
                        datum=(k.besluit.datum if k.besluit and k.besluit.datum else u.regels_datum), titel=k.naam)
        return pad.read_bytes()


def bestandsnaam(u: Any, extensie: str) -> str:
    stam = Path(u.geladen.pad.name).stem
    return re.sub(r"[^A-Za-z0-9_-]+", "_", stam).strip("_") + f".{extensie}"


def download_antwoord(u: Any, formaat: str) -> Response:
    from verdeelwijzer.afspraken.rapport import als_dict

    if formaat == "xlsx":
        return Response(werkmap(u), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{bestandsnaam(u, "xlsx")}"'})
    if formaat == "json":
        tekst = json.dumps(als_dict(u), ensure_ascii=False, indent=2, default=str)
        return Response(tekst.encode("utf-8"), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{bestandsnaam(u, "json")}"'})
    raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies xlsx of json.")


# -- scenario comparison ------------------------------------------------------------------------------------------


def vergelijking(namen: list[str]) -> tuple[Any, list[Any], list[Tabel]]:
    from verdeelwijzer.afspraken.scenarios import vergelijk_scenarios

    uitkomsten = []
    for naam in namen:
        with geladen_afspraak(voorbeeld=naam) as geladen:
            uitkomsten.append(bereken(geladen))
    v = vergelijk_scenarios(uitkomsten)
    labels = v.labels
    legenda = [f"{label}: {p.geladen.pad.name} (scenario '{p.geladen.kader.scenario}')"
               for label, p in zip(labels, uitkomsten, strict=True)]
    samen_kolommen = [Kolom("gemeentenaam", "Gemeente", numeriek=False)]
    samen_kolommen += [Kolom(f"totaal_{lb}", f"Totaal {lb}", decimalen=0) for lb in labels]
    samen_kolommen += [Kolom(f"verschil_{lb}", f"{lb} − {labels[0]}", decimalen=0) for lb in labels[1:]]
    samen_kolommen += [Kolom(f"regulier_verschil_{lb}", f"Regulier {lb} − {labels[0]}", decimalen=0)
                       for lb in labels[1:]]
    samen_kolommen.append(Kolom("oordeel", "Oordeel", numeriek=False))
    samen_rijen = []
    for rij in v.samenvatting:
        r = dict(rij)
        verschil = rij[f"verschil_{labels[1]}"]
        r["_markeringen"] = {"oordeel"} if verschil else set()
        samen_rijen.append(r)
    samenvatting = Tabel(naam="scenariovergelijking", titel="Wie neemt meer, wie minder (alle categorieën samen, "
                         "hele periode)", kolommen=samen_kolommen, rijen=samen_rijen,
                         voetnoten=[*legenda, "Regulier = verschil in verhuringen die overblijven voor reguliere "
                                    "woningzoekenden (hele periode)."])
    cat_kolommen = [Kolom("gemeentenaam", "Gemeente", numeriek=False), Kolom("categorie", "Categorie", numeriek=False)]
    cat_kolommen += [Kolom(f"totaal_{lb}", lb, decimalen=0) for lb in labels]
    cat_kolommen += [Kolom(f"verschil_{lb}", f"{lb} − {labels[0]}", decimalen=0) for lb in labels[1:]]
    per_categorie = Tabel(naam="scenarios_per_categorie", titel="Per gemeente en categorie (hele periode)",
                          kolommen=cat_kolommen, rijen=[dict(r) for r in v.rijen], voetnoten=legenda)
    return v, uitkomsten, [samenvatting, per_categorie]


# -- pages ----------------------------------------------------------------------------------------------------------


def _pagina(request: Request, status_code: int = 200, **extra: Any) -> HTMLResponse:
    from verdeelwijzer.web.paginas import render

    lijst = voorbeelden()
    met_bestanden = [n for n, p in lijst.items() if genoemde_bestanden(p)]
    return render(request, "afspraken.html", status_code=status_code, titel="Afsprakenkader",
                  voorbeelden=list(lijst), voorbeelden_met_bestanden=met_bestanden,
                  upload_uitleg=UPLOAD_UITLEG, status_uitleg_afspraken=STATUS_UITLEG,
                  vergelijk_a=extra.pop("vergelijk_a", VERGELIJK_STANDAARD[0]),
                  vergelijk_b=extra.pop("vergelijk_b", VERGELIJK_STANDAARD[1]), **extra)


@router.get("/afspraken", response_class=HTMLResponse)
def afspraken(request: Request, *, voorbeeld: str | None = None, _: Lezer) -> Response:
    if not voorbeeld:
        return _pagina(request)
    try:
        with geladen_afspraak(voorbeeld=voorbeeld) as geladen:
            u = bereken(geladen)
    except VerdeelwijzerFout as fout:
        return _pagina(request, status_code=422, fout=str(fout), gekozen=voorbeeld)
    return _pagina(request, gekozen=voorbeeld, bron="voorbeeld", **resultaat(u))


@router.post("/afspraken", response_class=HTMLResponse)
async def afspraken_upload(request: Request, *, bestand: YamlBestand = None, tekst: str = Form(""),
                           naam: str = Form(""), zip_b64: str = Form(""), csrf_token: str = Form(""),
                           _: Lezer) -> Response:
    """Compute an uploaded agreement (or its text, sent back by the download buttons). Nothing is stored."""
    from verdeelwijzer.afspraken.uitpakken import is_zip

    controleer_csrf(request, csrf_token)
    ruwe_naam = naam or (bestand.filename if bestand else None)
    uploadnaam = _veilige_yaml_naam(ruwe_naam)
    zip_inhoud: bytes | None = None
    try:
        zip_inhoud = zip_uit_b64(zip_b64)
        if bestand is not None and bestand.filename:
            inhoud_ruw = await bestand.read()
            if is_zip(bestand.filename, inhoud_ruw):
                zip_inhoud = inhoud_ruw
            else:
                tekst = _tekst_uit_bytes(uploadnaam, inhoud_ruw)
        if zip_inhoud is not None:
            uploadnaam = _veilige_zip_naam(ruwe_naam)
        inhoud = await reken(request, _reken_upload, tekst, uploadnaam, zip_inhoud)
    except VerdeelwijzerFout as fout:
        return _pagina(request, status_code=422, fout=str(fout), uploadnaam=uploadnaam)
    return _pagina(request, bron="upload", uploadnaam=uploadnaam, uploadtekst=tekst if zip_inhoud is None else "",
                   uploadzip=base64.b64encode(zip_inhoud).decode("ascii") if zip_inhoud is not None else "",
                   **inhoud)


@router.get("/download/afsprakenkader-schema.json")
def download_schema(_: Lezer) -> Response:
    """The JSON Schema of the afsprakenkader, so an editor can complete and check a file."""
    from verdeelwijzer.afspraken import json_schema

    return Response(json_schema(), media_type="application/schema+json",
                    headers={"Content-Disposition": 'attachment; filename="afsprakenkader.schema.json"'})


@router.get("/download/voorbeeld/{naam}.zip")
def download_voorbeeldkader(naam: str, _: Lezer) -> Response:
    """A shipped example agreement as a zip: its YAML plus every file next to it that the YAML names
    (herkomst, ingroeipad, corporations, own data), with the folder layout the YAML expects."""
    import io
    import zipfile

    pad = voorbeeld_pad(f"{naam}.yaml" if f"{naam}.yaml" in voorbeelden() else naam)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(pad, pad.name)
        for relatief in genoemde_bestanden(pad):
            z.write(pad.parent / relatief, relatief)
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{pad.stem}.zip"'})


@router.get("/download/voorbeeld/{naam}.yaml")
def download_voorbeeld_yaml(naam: str, _: Lezer) -> Response:
    """A shipped example agreement as its YAML file (a start for one's own afsprakenkader)."""
    pad = voorbeeld_pad(f"{naam}.yaml")
    return Response(pad.read_bytes(), media_type="application/yaml",
                    headers={"Content-Disposition": f'attachment; filename="{pad.name}"'})


def genoemde_bestanden(pad: Path) -> list[str]:
    """Files next to an example agreement that its YAML names (relative, '/'-separated), sorted."""
    tekst = pad.read_text(encoding="utf-8")
    uit = []
    for bestand in sorted(pad.parent.rglob("*")):
        relatief = bestand.relative_to(pad.parent).as_posix()
        if bestand.is_file() and bestand != pad and relatief in tekst:
            uit.append(relatief)
    return uit


@router.get("/download/afspraken.{formaat}")
def download_voorbeeld(request: Request, *, formaat: str, voorbeeld: str = STANDAARD_VOORBEELD,
                       _: Lezer) -> Response:
    if formaat not in ("xlsx", "json"):
        raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies xlsx of json.")
    with geladen_afspraak(voorbeeld=voorbeeld) as geladen:
        return download_antwoord(bereken(geladen), formaat)


def _reken_upload(tekst: str, naam: str, zip_inhoud: bytes | None = None) -> dict[str, Any]:
    with geladen_afspraak(tekst=tekst, naam=naam, zip_inhoud=zip_inhoud) as geladen:
        return resultaat(bereken(geladen))


def _download(formaat: str, voorbeeld: str | None = None, tekst: str | None = None,
              naam: str | None = None, zip_inhoud: bytes | None = None) -> Response:
    with geladen_afspraak(voorbeeld=voorbeeld, tekst=tekst, naam=naam, zip_inhoud=zip_inhoud) as geladen:
        return download_antwoord(bereken(geladen), formaat)


@router.post("/download/afspraken.{formaat}")
async def download_upload(request: Request, *, formaat: str, tekst: str = Form(""), naam: str = Form(""),
                          zip_b64: str = Form(""), csrf_token: str = Form(""), _: Lezer) -> Response:
    controleer_csrf(request, csrf_token)
    if formaat not in ("xlsx", "json"):
        raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies xlsx of json.")
    return await reken(request, _download, formaat, tekst=tekst, naam=naam, zip_inhoud=zip_uit_b64(zip_b64))


@router.get("/afspraken/vergelijk", response_class=HTMLResponse)
def vergelijk(request: Request, *, a: str = VERGELIJK_STANDAARD[0], b: str = VERGELIJK_STANDAARD[1],
              _: Lezer) -> Response:
    try:
        v, uitkomsten, tabellen_ = vergelijking([a, b])
    except VerdeelwijzerFout as fout:
        return _pagina(request, status_code=422, vergelijkfout=str(fout), vergelijk_a=a, vergelijk_b=b)
    return _pagina(request, vergelijking=v, vergelijk_tabellen=tabellen_, vergelijk_a=a, vergelijk_b=b,
                   vergelijk_namen=[u.geladen.kader.naam for u in uitkomsten])


@router.get("/download/afspraken-vergelijking.{formaat}")
def download_vergelijking(request: Request, *, formaat: str, a: str = VERGELIJK_STANDAARD[0],
                          b: str = VERGELIJK_STANDAARD[1], _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import download

    _, _, tabellen_ = vergelijking([a, b])
    return download(tabellen_[0], formaat, tabellen_[1:])


@router.post("/afspraken/vastleggen", response_class=HTMLResponse)
async def vastleggen(request: Request, *, voorbeeld: str = Form(""), tekst: str = Form(""), naam: str = Form(""),
                     zip_b64: str = Form(""), csrf_token: str = Form(""), gebruiker: Beheerder) -> Response:
    """Adopt the agreement as the basis for monitoring (regio-beheerder; audited by the storage layer)."""
    controleer_csrf(request, csrf_token)
    try:
        berichten = await reken(request, leg_vast, request, gebruiker.gebruikersnaam, voorbeeld or None, tekst or None,
                                naam or None, zip_uit_b64(zip_b64))
    except VerdeelwijzerFout as fout:
        return _pagina(request, status_code=422, fout=str(fout))
    return _pagina(request, melding=" ".join(berichten))


def leg_vast(request: Request, door: str, voorbeeld: str | None, tekst: str | None, naam: str | None,
             zip_inhoud: bytes | None = None) -> list[str]:
    return leg_vast_in_regio(request, door, voorbeeld, tekst, naam, zip_inhoud)[0]


def leg_vast_in_regio(request: Request, door: str, voorbeeld: str | None, tekst: str | None, naam: str | None,
                      zip_inhoud: bytes | None = None) -> tuple[list[str], str]:
    """As `verdeelwijzer monitor init --afspraken`: the agreement becomes the basis of the monitoring.
    Returns the storage layer's messages and the region's name."""
    from verdeelwijzer.monitoring.afsprakenkader import afspraak_uit_kader

    with geladen_afspraak(voorbeeld=voorbeeld, tekst=tekst, naam=naam, zip_inhoud=zip_inhoud) as geladen:
        afspraak = afspraak_uit_kader(geladen, bereken(geladen))
    berichten = request.app.state.koppeling.leg_afspraak_vast(afspraak, door)
    # The fingerprint is for the audit log and the CLI; on a page it is programmer language.
    return [re.sub(r" \(sha256 [0-9a-f]+…?\)", "", b) for b in berichten], afspraak.regio_naam


# -- JSON API -----------------------------------------------------------------------------------------------------


class AfspraakBron(BaseModel):
    """Which agreement: a shipped example (`voorbeeld`), the YAML text itself (`tekst`), or a zip with the
    YAML and the files it names (`zip_base64`)."""

    model_config = ConfigDict(extra="forbid")
    voorbeeld: str | None = Field(default=None, max_length=200, description="Naam uit GET /api/afspraken/voorbeelden.")
    tekst: str | None = Field(default=None, max_length=MAX_YAML,
                              description="Het afsprakenkader als YAML-tekst (zonder extra bestanden).")
    zip_base64: str | None = Field(default=None, max_length=MAX_ZIP_B64,
                                   description="Zip (base64) met het YAML-bestand bovenaan en de bestanden die het "
                                   "noemt (herkomst, ingroeipad, corporaties, eigen gegevens).")
    naam: str | None = Field(default=None, max_length=200, description="Bestandsnaam in meldingen.")

    @model_validator(mode="after")
    def _een_van_beide(self) -> AfspraakBron:
        if [bool(self.voorbeeld), bool(self.tekst), bool(self.zip_base64)].count(True) != 1:
            raise ValueError("geef precies één van 'voorbeeld', 'tekst' of 'zip_base64'")
        return self

    @property
    def zip_inhoud(self) -> bytes | None:
        return zip_uit_b64(self.zip_base64 or "")


class VergelijkAfspraken(BaseModel):
    model_config = ConfigDict(extra="forbid")
    voorbeelden: list[str] = Field(min_length=2, max_length=4, description="Twee tot vier voorbeeldnamen.")


@api_router.get("/voorbeelden", summary="De meegeleverde voorbeeldafspraken")
def api_voorbeelden(_: Lezer) -> dict[str, Any]:
    from verdeelwijzer.afspraken import laad_afspraken

    uit = []
    for naam, pad in voorbeelden().items():
        kader = laad_afspraken(pad).kader
        uit.append({"voorbeeld": naam, "naam": kader.naam, "scenario": kader.scenario, "fictief": kader.fictief})
    return {"voorbeelden": uit}


def _als_json(invoer: AfspraakBron) -> dict[str, Any]:
    from verdeelwijzer.afspraken.rapport import als_dict

    with geladen_afspraak(voorbeeld=invoer.voorbeeld, tekst=invoer.tekst, naam=invoer.naam,
                          zip_inhoud=invoer.zip_inhoud) as geladen:
        return json.loads(json.dumps(als_dict(bereken(geladen)), default=str))


@api_router.post("/bereken", summary="Afsprakenkader doorrekenen (rekent alleen; wijzigt niets)")
async def api_bereken(request: Request, *, invoer: AfspraakBron, _: Lezer) -> dict[str, Any]:
    """Compute an example or a YAML text. The answer is `afspraken.rapport.als_dict`: every table, the
    exact quota, targets, warnings, rules with status, sources. Invalid files: 422 with the Dutch
    message (line and field) in `detail`."""
    return await reken(request, _als_json, invoer)


@api_router.post("/excel", summary="Afsprakenkader als Excelwerkmap (dekblad, tabellen, uitleg, waarschuwingen)",
                 response_class=Response, responses={200: {"content": {XLSX: {}}}})
async def api_excel(request: Request, *, invoer: AfspraakBron, _: Lezer) -> Response:
    return await reken(request, _download, "xlsx", voorbeeld=invoer.voorbeeld, tekst=invoer.tekst, naam=invoer.naam,
                       zip_inhoud=invoer.zip_inhoud)


@api_router.post("/vergelijk", summary="Scenario's (voorbeeldafspraken) per gemeente vergelijken")
def api_vergelijk(request: Request, *, invoer: VergelijkAfspraken, _: Lezer) -> dict[str, Any]:
    from verdeelwijzer.gegevens import attributie

    v, _, _ = vergelijking(invoer.voorbeelden)
    return {**v.als_dict(), "attributie": attributie()}


@api_router.post("/vastleggen", summary="Afspraak vastleggen als basis voor de monitoring (regio-beheerder)")
async def api_vastleggen(request: Request, *, invoer: AfspraakBron, gebruiker: Beheerder) -> dict[str, Any]:
    controleer_csrf(request)
    return {"berichten": await reken(request, leg_vast, request, gebruiker.gebruikersnaam, invoer.voorbeeld,
                                     invoer.tekst, invoer.naam, invoer.zip_inhoud)}
