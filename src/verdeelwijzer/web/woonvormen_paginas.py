"""The Woonvormen page (/woonvormen): a woonvormen programme with pledges against the fair share, the proposed
division of the gap (minimum and maximum for ranges), the cross-group balance on a map and as bars, and the
explanation per gemeente.

Which afsprakenkader: the shipped examples with a `woonvormen:` section (default the Drechtsteden-like one,
FICTIEF pledges) or an agreement adopted on /afspraken (stored text; loaded `opgesloten` in a temporary folder,
never a server file named by the user). Pledges entered on this page are stored per kader and laid over the
file's pledges (`woonvormen.toezeggingen.leg_over`); the page then computes with the same pure
`bereken_woonvormen` that feeds `bereken`, the Excel workbook and the documents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Bestand, Gebruiker, Importeur, Lezer, controleer_csrf

if TYPE_CHECKING:
    from verdeelwijzer.woonvormen.model import Toezegging

router = APIRouter(include_in_schema=False)

VOORBEELD = "drechtsteden.yaml"
STANDAARD_KADER = f"voorbeeld:{VOORBEELD}"
_HEEFT_WOONVORMEN = re.compile(r"^woonvormen\s*:", re.MULTILINE)
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Kader:
    sleutel: str  # 'voorbeeld:<file>' or 'afspraak:<sha256>'
    label: str
    invoer: Any  # afspraken.invoer.AfsprakenInvoer (its `woonvormen` is a WoonvormenInvoer)

    @property
    def naam(self) -> str:
        return str(self.invoer.geladen.kader.naam)

    @property
    def fictief(self) -> bool:
        return bool(self.invoer.geladen.kader.fictief)


# -- which afsprakenkader -------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _voorbeeld_invoer(naam: str) -> Any:
    """The example's checked input (pure reading of shipped files; once per process)."""
    from verdeelwijzer.afspraken.invoer import lees_invoer
    from verdeelwijzer.afspraken.laden import laad_afspraken
    from verdeelwijzer.web.afspraken_paginas import voorbeeld_pad

    return lees_invoer(laad_afspraken(voorbeeld_pad(naam)))


@lru_cache(maxsize=8)
def _afspraak_invoer(sha: str, tekst: str) -> Any:
    """An adopted agreement's input from its stored text, in a temporary folder (`opgesloten`)."""
    from verdeelwijzer.afspraken.invoer import lees_invoer
    from verdeelwijzer.web.afspraken_paginas import geladen_afspraak

    with geladen_afspraak(tekst=tekst, naam=f"afspraak-{sha[:12]}.yaml") as geladen:
        return lees_invoer(geladen)


@lru_cache(maxsize=1)
def _voorbeeld_keuzes() -> tuple[tuple[str, str], ...]:
    from verdeelwijzer.web.afspraken_paginas import voorbeelden

    uit = []
    for naam, pad in sorted(voorbeelden().items()):
        if _HEEFT_WOONVORMEN.search(pad.read_text(encoding="utf-8")):
            uit.append((f"voorbeeld:{naam}", f"Voorbeeld {naam} (meegeleverd)"))
    return tuple(uit)


def _vastgelegde(request: Request) -> list[tuple[str, str, str]]:
    """(sleutel, label, tekst) of the adopted agreements with a woonvormen programme (newest first)."""
    from sqlalchemy import select

    from verdeelwijzer.opslag.modellen import Afspraakversie, Regio
    from verdeelwijzer.web.opmaak import datum

    uit: list[tuple[str, str, str]] = []
    gezien: set[str] = set()
    with request.app.state.koppeling.db.sessie() as s:
        rijen = s.execute(select(Afspraakversie, Regio.naam).join(Regio, Regio.id == Afspraakversie.regio_id)
                          .where(Afspraakversie.vastgesteld_op.is_not(None), Afspraakversie.inhoud.like("%woonvormen%"))
                          .order_by(Afspraakversie.vastgesteld_op.desc(), Afspraakversie.id.desc()))
        for versie, regio in rijen:
            if versie.sha256 in gezien or not _HEEFT_WOONVORMEN.search(versie.inhoud):
                continue
            gezien.add(versie.sha256)
            label = f"{regio}: {versie.naam} (vastgelegd {datum(versie.vastgesteld_op)})"
            uit.append((f"afspraak:{versie.sha256}", label, versie.inhoud))
    return uit


def kaderkeuzes(request: Request) -> list[tuple[str, str]]:
    return [*_voorbeeld_keuzes(), *((k, label) for k, label, _ in _vastgelegde(request))]


def kies_kader(request: Request, sleutel: str | None) -> Kader:
    """The chosen kader by its key (never a path); 404 for an unknown key."""
    sleutel = (sleutel or STANDAARD_KADER).strip()
    if sleutel.startswith("voorbeeld:"):
        for k, label in _voorbeeld_keuzes():
            if k == sleutel:
                return Kader(k, label, _voorbeeld_invoer(k.removeprefix("voorbeeld:")))
    elif sleutel.startswith("afspraak:") and _SHA.match(sleutel.removeprefix("afspraak:")):
        for k, label, tekst in _vastgelegde(request):
            if k == sleutel:
                return Kader(k, label, _afspraak_invoer(k.removeprefix("afspraak:"), tekst))
    raise HTTPException(404, "Onbekend afsprakenkader. Kies een kader uit de lijst op de pagina Woonvormen.")


# -- computing ------------------------------------------------------------------------------------------------


def _opgeslagen(request: Request, kader: Kader) -> list[Any]:
    from verdeelwijzer.opslag.toezeggingen import lees_toezeggingen

    with request.app.state.koppeling.db.sessie() as s:
        return lees_toezeggingen(s, kader.sleutel)


def past_niet(kader: Kader, t: Toezegging) -> bool:
    """A stored pledge that no longer fits the kader (an example file changed since it was entered)."""
    w_in = kader.invoer.woonvormen
    return (t.woonvorm not in {p.woonvorm for p in w_in.programma} or t.gemeentecode not in w_in.basis.gemeentecodes
            or (t.jaar is not None and t.jaar not in w_in.jaren))


def bereken_met(kader: Kader, opgeslagen: Iterable[Toezegging]) -> Any:
    """The woonvormen result of the kader with the stored pledges laid over the file's (pure). Pledges that no
    longer fit are left out here and listed on the page."""
    from verdeelwijzer.woonvormen import bereken_woonvormen
    from verdeelwijzer.woonvormen.toezeggingen import leg_over

    w_in = kader.invoer.woonvormen
    passend = [t for t in opgeslagen if not past_niet(kader, t)]
    return bereken_woonvormen(replace(w_in, toezeggingen=leg_over(w_in.toezeggingen, passend)))


def _weergave(kader: Kader, w: Any) -> dict[str, Any]:
    from verdeelwijzer.verdeling.getallen import nl
    from verdeelwijzer.web.grafiek import Balk, staafdiagram
    from verdeelwijzer.web.kaart import maak_kaart
    from verdeelwijzer.woonvormen.weergave import rapport_tabellen

    herkomst = ("Berekend uit het voorbeeld (FICTIEVE toezeggingen en voorzieningen)" if kader.fictief
                else f"Berekend uit '{kader.naam}'")
    kaart = maak_kaart(
        list(w.gemeentecodes), {b.gemeentecode: float(b.balans) for b in w.balans},
        {b.gemeentecode: f"{b.gemeentenaam}: balans {nl(b.balans)} (bijdrage {nl(b.bijdrage)}, evenredig deel "
         f"{nl(b.evenredig_deel)})" for b in w.balans},
        titel="Balans over alle groepen (gewogen bijdrage − evenredig deel)",
        bron=f"{herkomst}, met de toezeggingen die op deze pagina zijn ingevoerd; sleutel met CBS-cijfers.",
        opmaak=lambda x: nl(x, 1),
    ) if w.balans else None
    balken_balans = staafdiagram(
        [Balk(b.gemeentenaam, float(b.bijdrage), f"{b.gemeentenaam}: bijdrage {nl(b.bijdrage)}, evenredig deel "
              f"{nl(b.evenredig_deel)}", grens=float(b.evenredig_deel), gemarkeerd=b.balans < 0) for b in w.balans],
        titel="Gewogen bijdrage per gemeente; streepje = evenredig deel", opmaak=lambda x: nl(x, 1),
        legenda_grens="evenredig deel",
    ) if w.balans else None
    jaren = kader.invoer.woonvormen.jaren
    eerste_jaar = jaren[0]
    toezegging_balken = {}
    for d in w.doelen:
        if d.jaar not in (eerste_jaar, None):
            continue
        rijen = [r for r in w.voorstel if r.woonvorm == d.woonvorm and r.jaar == d.jaar]
        toezegging_balken[d.naam] = staafdiagram(
            [Balk(r.gemeentenaam, float(r.minimum), f"{r.gemeentenaam}: toezegging {r.toezegging}, evenredig deel "
                  f"{nl(r.evenredig_minimum)}, voorstel {r.minimum}", huidig=float(r.toezegging),
                  grens=float(r.evenredig_minimum), gemarkeerd=r.op_capaciteit) for r in rijen],
            titel=f"{d.naam} {d.jaar or 'periode'}: voorstel (balk), toezegging (stip), evenredig deel (streepje)",
            opmaak=lambda x: nl(x, 1), legenda_huidig="toezegging", legenda_grens="evenredig deel",
        )
    return {"kader": kader, "w": w, "kaart": kaart, "balken_balans": balken_balans,
            "toezegging_balken": toezegging_balken, "tabellen": rapport_tabellen(w), "eerste_jaar": eerste_jaar,
            "jaren": jaren, "woonvormen": [(p.woonvorm, p.naam) for p in kader.invoer.woonvormen.programma]}


def _pagina(request: Request, kader: Kader, *, status_code: int = 200, w: Any = None, **extra: Any) -> HTMLResponse:
    from verdeelwijzer.web.beveiliging import huidige_gebruiker
    from verdeelwijzer.web.paginas import render

    opgeslagen = _opgeslagen(request, kader)
    if w is None:
        w = bereken_met(kader, (o.toezegging for o in opgeslagen))
    namen = dict(zip(w.gemeentecodes, w.gemeentenamen, strict=True))
    gebruiker = huidige_gebruiker(request)
    invoergemeenten = [(c, n) for c, n in sorted(namen.items(), key=lambda cn: cn[1])
                       if gebruiker is not None and gebruiker.mag_importeren and gebruiker.mag_gemeente_wijzigen(c)]
    vervallen = [o for o in opgeslagen if past_niet(kader, o.toezegging)]
    return render(request, "woonvormen.html", status_code=status_code, **_weergave(kader, w),
                  keuzes=kaderkeuzes(request), opgeslagen=[o for o in opgeslagen if o not in vervallen],
                  vervallen=vervallen, namen=namen, invoergemeenten=invoergemeenten, **extra)


@router.get("/woonvormen", response_class=HTMLResponse)
def woonvormen_pagina(request: Request, *, kader: str = STANDAARD_KADER, _: Lezer) -> Response:
    k = kies_kader(request, kader)
    realisaties = _opgeslagen_realisaties(request, k)
    if not realisaties or k.invoer.woonvormen.specialisatie is None:
        return _pagina(request, k)
    w = bereken_met(k, (o.toezegging for o in _opgeslagen(request, k)))
    passend = [r for r in realisaties if r.woonvorm in k.invoer.woonvormen.specialisatie.gewichten
               and r.jaar in k.invoer.woonvormen.jaren and r.gemeentecode in w.gemeentecodes]
    tijd = _balans_over_tijd(k, w, passend)
    return _pagina(request, k, w=w, **_monitoring_weergave(tijd, "opgeslagen gerealiseerde plekken"))


@router.get("/woonvormen/gemeente/{code}", response_class=HTMLResponse)
def woonvormen_gemeente(request: Request, code: str, *, kader: str = STANDAARD_KADER, _: Lezer) -> HTMLResponse:
    from markupsafe import escape

    from verdeelwijzer.woonvormen.weergave import uitleg_per_gemeente

    k = kies_kader(request, kader)
    w = bereken_met(k, (o.toezegging for o in _opgeslagen(request, k)))
    if code not in w.gemeentecodes:
        raise HTTPException(404, "Onbekende gemeente in deze regio.")
    naam = w.gemeentenamen[w.gemeentecodes.index(code)]
    regels = [t for wat, g, t in uitleg_per_gemeente(w) if g == naam]
    items = "".join(f"<li>{escape(t)}</li>" for t in regels)
    return HTMLResponse(f"<h2>{escape(naam)}</h2><ul class=\"uitleg\">{items}</ul>")


# -- entering a pledge ----------------------------------------------------------------------------------------


def _bewaar(request: Request, gebruiker: Gebruiker, kader: Kader, velden: dict[str, str]) -> tuple[Any, str]:
    """Check, compute with the new pledge, then store it — all in one writer transaction (nothing half-stored).
    Returns the new result and a message. InvoerFout on bad input."""
    from verdeelwijzer.opslag.toezeggingen import bewaar_toezegging, lees_toezeggingen
    from verdeelwijzer.woonvormen.toezeggingen import lees_formulier, leg_over

    w_in = kader.invoer.woonvormen
    namen = dict(zip(w_in.basis.gemeentecodes, w_in.basis.gemeentenamen, strict=True))
    ingevoerd = lees_formulier(velden, gemeenten=namen, woonvormen={p.woonvorm: p.naam for p in w_in.programma},
                               jaren=w_in.jaren)
    t = ingevoerd.toezegging
    door = gebruiker.gebruikersnaam
    with request.app.state.koppeling.db.sessie(schrijven=True, door=door) as s:
        opgeslagen = [o.toezegging for o in lees_toezeggingen(s, kader.sleutel)]
        w = bereken_met(kader, leg_over(opgeslagen, [t]))  # raises before anything is written
        gewijzigd = bewaar_toezegging(s, kader.sleutel, t, ingevoerd.toelichting, door=door)
    wanneer = f"in {t.jaar}" if t.jaar is not None else "elk jaar (of de periode)"
    woonvorm = next(p.naam for p in w_in.programma if p.woonvorm == t.woonvorm)
    cap = f", capaciteit {t.capaciteit}" if t.capaciteit is not None else ", geen capaciteit opgegeven"
    melding = (f"Toezegging opgeslagen: {namen[t.gemeentecode]}, {woonvorm} {wanneer}: {t.aantal}{cap}. "
               "Voorstel en balans zijn opnieuw berekend." if gewijzigd else
               "Deze toezegging stond al zo opgeslagen; er is niets gewijzigd.")
    return w, melding


@router.post("/woonvormen/toezegging", response_class=HTMLResponse)
def toezegging_invoeren(request: Request, *, kader: str = Form(STANDAARD_KADER), gemeente: str = Form(""),
                        woonvorm: str = Form(""), jaar: str = Form(""), aantal: str = Form(""),
                        capaciteit: str = Form(""), toelichting: str = Form(""), csrf_token: str = Form(""),
                        gebruiker: Importeur) -> Response:
    """Enter or alter one pledge: a regio-beheerder for every gemeente, a gemeente user for its own only."""
    controleer_csrf(request, csrf_token)
    k = kies_kader(request, kader)
    velden = {"gemeente": gemeente, "woonvorm": woonvorm, "jaar": jaar, "aantal": aantal, "capaciteit": capaciteit,
              "toelichting": toelichting}
    if not gebruiker.mag_gemeente_wijzigen(gemeente.strip()):
        namen = dict(zip(k.invoer.woonvormen.basis.gemeentecodes, k.invoer.woonvormen.basis.gemeentenamen,
                         strict=True))
        wie = namen.get(gemeente.strip(), "een andere gemeente")
        return _pagina(request, k, status_code=403, formulier=velden,
                       fout=f"U mag alleen toezeggingen van uw eigen gemeente invoeren, niet die van {wie}. "
                            "Er is niets opgeslagen.")
    try:
        w, melding = _bewaar(request, gebruiker, k, velden)
    except VerdeelwijzerFout as fout:
        tekst = str(fout) if isinstance(fout, InvoerFout) else f"De toezegging is niet opgeslagen: {fout}"
        return _pagina(request, k, status_code=422, formulier=velden, fout=tekst)
    return _pagina(request, k, w=w, melding=melding)


# -- monitoring: realised places and the balance over time ----------------------------------------------------

VOORBEELD_GEREALISEERD = "woonvormen/gerealiseerd_drechtsteden.csv"


def _lees_realisaties(kader: Kader, pad: Any, naam: str) -> list[Any]:
    """Read the realised places (bounded reader); errors name the file as the user sent it."""
    from verdeelwijzer.woonvormen.invoer import lees_realisaties

    w_in = kader.invoer.woonvormen
    if w_in.specialisatie is None:
        raise InvoerFout("Dit afsprakenkader heeft geen wegingsfactoren (sectie 'specialisatie'); zonder die is er "
                         "geen balans over tijd.")
    try:
        return lees_realisaties(pad, kader.invoer.gegevens.zoeker, set(w_in.basis.gemeentecodes),
                                {v: v for v in w_in.specialisatie.gewichten}, w_in.jaren)
    except InvoerFout as fout:
        raise InvoerFout(str(fout).replace(str(pad), naam)) from None


def _balans_over_tijd(kader: Kader, w: Any, realisaties: list[Any]) -> Any:
    """The balance over time against the page's proposal (pure)."""
    from verdeelwijzer.woonvormen.monitoring import balans_over_tijd

    return balans_over_tijd(kader.invoer.woonvormen, w, realisaties)


def _opgeslagen_realisaties(request: Request, kader: Kader) -> list[Any]:
    from verdeelwijzer.opslag.toezeggingen import lees_realisaties

    with request.app.state.koppeling.db.sessie() as s:
        return lees_realisaties(s, kader.sleutel)


def _monitoring_weergave(tijd: Any, bron: str) -> dict[str, Any]:
    from verdeelwijzer.verdeling.getallen import nl
    from verdeelwijzer.web.grafiek import Balk, Reeks, lijngrafiek, staafdiagram
    from verdeelwijzer.woonvormen.weergave import balans_over_tijd_tabellen

    def regio(attr: str) -> list[tuple[str, float | None]]:
        return [(str(j), float(sum(getattr(r, attr) for r in tijd.regels if r.jaar == j))) for j in tijd.jaren]

    lijn = lijngrafiek([Reeks("gerealiseerd (gewogen)", regio("bijdrage")),
                        Reeks("minimumvoorstel (gewogen)", regio("voorstel"), gestippeld=True)],
                       titel="Regio: gewogen gerealiseerde plekken tegenover het minimumvoorstel, cumulatief",
                       opmaak=lambda x: nl(x, 0))
    laatste = tijd.jaren[-1]
    staven = staafdiagram(
        [Balk(r.gemeentenaam, float(r.bijdrage), f"{r.gemeentenaam} t/m {laatste}: gerealiseerd (gewogen) "
              f"{nl(r.bijdrage)}, evenredig deel {nl(r.evenredig_deel)}, balans {nl(r.balans)}",
              grens=float(r.evenredig_deel), gemarkeerd=r.balans < 0) for r in tijd.regels if r.jaar == laatste],
        titel=f"Gerealiseerd t/m {laatste} per gemeente (gewogen); streepje = evenredig deel",
        opmaak=lambda x: nl(x, 1), legenda_grens="evenredig deel")
    return {"tijd": tijd, "tijd_lijn": lijn, "tijd_staven": staven, "tijd_bron": bron,
            "tijd_tabellen": balans_over_tijd_tabellen(tijd)}


@router.get("/download/woonvormen-gerealiseerd-voorbeeld.csv")
def download_gerealiseerd_voorbeeld(_: Lezer) -> Response:
    from verdeelwijzer.voorbeelden import voorbeeldmap

    return Response((voorbeeldmap() / VOORBEELD_GEREALISEERD).read_bytes(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="gerealiseerd_drechtsteden.csv"'})


@router.get("/woonvormen/monitoring", response_class=HTMLResponse)
def monitoring_voorbeeld(request: Request, *, kader: str = STANDAARD_KADER, _: Lezer) -> Response:
    """The shipped FICTIEF realised places for the Drechtsteden example (a file chosen by the code, not the user)."""
    from verdeelwijzer.voorbeelden import voorbeeldmap

    k = kies_kader(request, kader)
    if k.sleutel != STANDAARD_KADER:
        raise HTTPException(404, "Het voorbeeld met gerealiseerde plekken hoort bij het voorbeeld Drechtsteden.")
    w = bereken_met(k, (o.toezegging for o in _opgeslagen(request, k)))
    pad = voorbeeldmap() / VOORBEELD_GEREALISEERD
    tijd = _balans_over_tijd(k, w, _lees_realisaties(k, pad, pad.name))
    return _pagina(request, k, w=w, **_monitoring_weergave(tijd, f"voorbeeldbestand {pad.name} (FICTIEF)"))


@router.post("/woonvormen/monitoring", response_class=HTMLResponse)
def monitoring_upload(request: Request, *, bestand: Bestand, kader: str = Form(STANDAARD_KADER),
                      actie: str = Form("rekenen"), csrf_token: str = Form(""), gebruiker: Lezer) -> Response:
    """An uploaded file of realised places: `actie=rekenen` only computes the balance over time (any reader);
    `actie=opslaan` stores it for this kader (all or nothing; a gemeente user only rows of its own gemeente) and
    shows the balance over time from everything stored."""
    import tempfile
    from pathlib import Path

    from verdeelwijzer.opslag.toezeggingen import bewaar_realisaties, lees_realisaties

    controleer_csrf(request, csrf_token)
    k = kies_kader(request, kader)
    opslaan = actie == "opslaan"
    if opslaan and not gebruiker.mag_importeren:
        raise HTTPException(403, "Met de rol 'lezer' kunt u niets opslaan; kies 'Alleen doorrekenen'.")
    w = bereken_met(k, (o.toezegging for o in _opgeslagen(request, k)))
    schoon = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(bestand.filename or "").name)[:80]
    schoon = schoon.strip("._") or "gerealiseerd.csv"
    try:
        if Path(schoon).suffix.lower() not in (".csv", ".xlsx"):
            raise InvoerFout(f"Bestand '{schoon}': onbekend bestandstype; verwacht .csv of .xlsx.")
        with tempfile.TemporaryDirectory(prefix="verdeelwijzer-gerealiseerd-") as tmp:
            pad = Path(tmp) / schoon
            pad.write_bytes(bestand.file.read())
            realisaties = _lees_realisaties(k, pad, schoon)
        if not opslaan:
            tijd = _balans_over_tijd(k, w, realisaties)
            return _pagina(request, k, w=w, **_monitoring_weergave(tijd, f"ingelezen bestand {schoon}"))
        anders = sorted({r.gemeentecode for r in realisaties if not gebruiker.mag_gemeente_wijzigen(r.gemeentecode)})
        if anders:
            namen = dict(zip(w.gemeentecodes, w.gemeentenamen, strict=True))
            andere = ", ".join(namen.get(c, c) for c in anders)
            return _pagina(request, k, w=w, status_code=403,
                           monitoring_fout=f"U mag alleen cijfers van uw eigen gemeente opslaan. Dit bestand bevat "
                                           f"ook: {andere}. Er is niets opgeslagen.")
        with request.app.state.koppeling.db.sessie(schrijven=True, door=gebruiker.gebruikersnaam) as s:
            samen = {(r.gemeentecode, r.woonvorm, r.jaar): r for r in lees_realisaties(s, k.sleutel)}
            samen.update({(r.gemeentecode, r.woonvorm, r.jaar): r for r in realisaties})
            tijd = _balans_over_tijd(k, w, list(samen.values()))  # computes before anything is written
            gewijzigd = bewaar_realisaties(s, k.sleutel, realisaties, door=gebruiker.gebruikersnaam)
    except VerdeelwijzerFout as fout:
        return _pagina(request, k, w=w, status_code=422, monitoring_fout=str(fout))
    melding = (f"{schoon}: {len(realisaties)} regels ingelezen, {gewijzigd} cellen nieuw of gewijzigd en opgeslagen "
               "(in het auditlog).")
    return _pagina(request, k, w=w, monitoring_melding=melding,
                   **_monitoring_weergave(tijd, "opgeslagen gerealiseerde plekken"))


# -- JSON API -------------------------------------------------------------------------------------------------

api_router = APIRouter(prefix="/api/woonvormen", tags=["woonvormen"])


class ToezeggingInvoer(BaseModel):
    """One pledge, as on the page. Numbers as text or number; the same checks and messages as the form."""

    model_config = ConfigDict(extra="forbid")
    kader: str = Field(STANDAARD_KADER, max_length=300, description="Sleutel uit GET /api/woonvormen/kaders.")
    gemeente: str = Field(max_length=20, description="Gemeentecode, bv. GM0505.")
    woonvorm: str = Field(max_length=100)
    jaar: int | None = Field(None, description="Leeg = elk jaar (of de periode).")
    aantal: int | str = Field(description="Toezegging (heel aantal, 0 of meer).")
    capaciteit: int | str | None = Field(None, description="Ten hoogste te bieden; leeg = geen plafond.")
    toelichting: str | None = Field(None, max_length=10_000)


def _als_json(w: Any) -> dict[str, Any]:
    from verdeelwijzer.woonvormen.weergave import als_dict

    return json.loads(json.dumps(als_dict(w), default=str))


@api_router.get("/kaders", summary="Afsprakenkaders met een woonvormenprogramma (voorbeelden en vastgelegde)")
def api_kaders(request: Request, _: Lezer) -> dict[str, Any]:
    return {"kaders": [{"kader": k, "naam": label} for k, label in kaderkeuzes(request)]}


@api_router.get("/berekening", summary="Voorstel en balans met de ingevoerde toezeggingen (zelfde sleutels als "
                "'woonvormen' in bereken --format json)")
def api_berekening(request: Request, *, kader: str = STANDAARD_KADER, _: Lezer) -> dict[str, Any]:
    k = kies_kader(request, kader)
    opgeslagen = _opgeslagen(request, k)
    return {"kader": k.sleutel, "toezeggingen_ingevoerd": [
        {"gemeentecode": o.toezegging.gemeentecode, "woonvorm": o.toezegging.woonvorm, "jaar": o.toezegging.jaar,
         "aantal": o.toezegging.aantal, "capaciteit": o.toezegging.capaciteit, "toelichting": o.toelichting,
         "door": o.door, "gewijzigd_op": o.gewijzigd_op.isoformat(timespec="seconds")} for o in opgeslagen],
        "woonvormen": _als_json(bereken_met(k, (o.toezegging for o in opgeslagen)))}


@api_router.post("/toezegging", summary="Toezegging invoeren of wijzigen (beheerder: elke gemeente; gemeente: eigen)")
def api_toezegging(request: Request, *, invoer: ToezeggingInvoer, gebruiker: Importeur) -> dict[str, Any]:
    controleer_csrf(request)
    k = kies_kader(request, invoer.kader)
    if not gebruiker.mag_gemeente_wijzigen(invoer.gemeente.strip()):
        raise HTTPException(403, "U mag alleen toezeggingen van uw eigen gemeente invoeren. Er is niets opgeslagen.")
    velden = {"gemeente": invoer.gemeente, "woonvorm": invoer.woonvorm,
              "jaar": "" if invoer.jaar is None else str(invoer.jaar), "aantal": str(invoer.aantal),
              "capaciteit": "" if invoer.capaciteit is None else str(invoer.capaciteit),
              "toelichting": invoer.toelichting or ""}
    w, melding = _bewaar(request, gebruiker, k, velden)
    return {"melding": melding, "woonvormen": _als_json(w)}
