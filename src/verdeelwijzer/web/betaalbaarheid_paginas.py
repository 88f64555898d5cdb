"""Betaalbaarheid (spoor 1) page (/betaalbaarheid) and its JSON API (/api/betaalbaarheid).

Choose a region, upload a programme file (CSV/Excel, template from `betaalbaarheid.sjabloon`) and
optionally a plan file, pick the key for the regional residual; the core reads and validates the files
(`betaalbaarheid.invoer.lees_programma`), computes (`bereken_betaalbaarheid` with `lees_regels(datum)`)
and describes the result (`betaalbaarheid.weergave`). The shipped example programme is a one-click demo.
This module only lays the core's numbers out in tables; every number keeps its explanation and status.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.beveiliging import Lezer, controleer_csrf
from verdeelwijzer.web.grenzen import reken
from verdeelwijzer.web.opmaak import datum, getal, procent
from verdeelwijzer.web.tabellen import Kolom, Tabel

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/betaalbaarheid", tags=["betaalbaarheid"])

VOORBEELD = "haaglanden"
VOORBEELD_BESTAND = "haaglanden_programma.csv"
VOORBEELD_REGIO = "woningmarktregio:Haaglanden"
MAX_BESTAND = 5 * 1024 * 1024
TYPES = (".csv", ".xlsx")
Programma = Annotated[UploadFile, File(description="Programma per gemeente (.csv of .xlsx).")]
OptioneelBestand = Annotated[UploadFile | None, File(description="CSV- of Excelbestand (optioneel).")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SLEUTELS = {
    "bouwvolume": "Bouwvolume: naar rato van de grondslag",
    "laagste-aandeel": "Laagste aandeel: laagste sociaal aandeel krijgt het meest",
    "gelijk-aandeel": "Gelijk aandeel: sociaal aandeel na de termijn zo gelijk mogelijk",
}
METHODEN = {"sainte-lague": "Sainte-Laguë", "hamilton": "Hamilton", "dhondt": "D'Hondt",
            "huntington-hill": "Huntington–Hill"}


def beschikbaar() -> bool:
    try:
        from verdeelwijzer.betaalbaarheid import bereken_betaalbaarheid, lees_regels  # noqa: F401
        from verdeelwijzer.betaalbaarheid.invoer import lees_programma  # noqa: F401
        from verdeelwijzer.betaalbaarheid.samenstellen import voorraad_uit  # noqa: F401
        from verdeelwijzer.betaalbaarheid.sjabloon import schrijf_programmasjabloon  # noqa: F401
        from verdeelwijzer.betaalbaarheid.weergave import als_dict, gemeente_tekst  # noqa: F401
    except ImportError:
        return False
    return True


class BetaalbaarheidInstellingen(BaseModel):
    """Settings of one spoor-1 calculation (the page's form and the API's query/form fields)."""

    model_config = ConfigDict(extra="forbid")
    regio: str = Field(default=VOORBEELD_REGIO, min_length=1, max_length=2000,
                       description="Woningbouw- of woningmarktregio: sleutel uit /api/regios of naam.")
    sleutel: Literal["bouwvolume", "laagste-aandeel", "gelijk-aandeel"] = Field(
        default="bouwvolume", description="Verdeling van de sociale restopgave.")
    methode: Literal["sainte-lague", "hamilton", "dhondt", "huntington-hill"] = Field(
        default="sainte-lague", description="Afronding naar hele woningen.")
    datum: date | None = Field(default=None, description="Regels die op deze datum gelden (standaard vandaag).")
    seed: int = Field(default=1, ge=0, le=2**31, description="Loting bij een gelijke stand (wordt gemeld).")


def instellingen_uit(velden: dict[str, Any]) -> BetaalbaarheidInstellingen:
    schoon = {k: v for k, v in velden.items() if v not in ("", None) and k in BetaalbaarheidInstellingen.model_fields}
    try:
        return BetaalbaarheidInstellingen.model_validate(schoon)
    except ValidationError as e:
        from verdeelwijzer.web.app import vertaal_validatie

        raise InvoerFout("De instellingen kloppen niet:\n" + "\n".join(
            "  - " + vertaal_validatie(dict(f))["melding"] for f in e.errors())) from None


@dataclass
class Bestand:
    naam: str
    inhoud: bytes

    @property
    def b64(self) -> str:
        return base64.b64encode(self.inhoud).decode("ascii")


def voorbeeldbestand() -> Bestand:
    from verdeelwijzer.voorbeelden import voorbeeldmap

    pad = voorbeeldmap() / VOORBEELD_BESTAND
    if not pad.is_file():
        raise InvoerFout(f"Het voorbeeldprogramma '{VOORBEELD_BESTAND}' ontbreekt bij deze installatie.")
    return Bestand(pad.name, pad.read_bytes())


def _controleer(b: Bestand, wat: str) -> Bestand:
    from verdeelwijzer.web.toestand import veilige_naam

    naam = veilige_naam(b.naam)
    if Path(naam).suffix.lower() not in TYPES:
        raise InvoerFout(f"{wat} '{naam}': onbekend bestandstype; verwacht .csv of .xlsx.")
    if len(b.inhoud) > MAX_BESTAND:
        raise InvoerFout(f"{wat} '{naam}' is groter dan {MAX_BESTAND // (1024 * 1024)} MB.")
    if not b.inhoud.strip():
        raise InvoerFout(f"{wat} '{naam}' is leeg; verwacht een kopregel met kolomnamen en een rij per gemeente.")
    return Bestand(naam, b.inhoud)


def uit_b64(naam: str, tekst: str, wat: str) -> Bestand | None:
    if not tekst:
        return None
    try:
        return Bestand(naam, base64.b64decode(tekst, validate=True))
    except (binascii.Error, ValueError):
        raise InvoerFout(f"{wat}: de meegestuurde inhoud is beschadigd; lees het bestand opnieuw in.") from None


@contextmanager
def _bestanden(programma: Bestand, plan: Bestand | None) -> Iterator[tuple[Path, Path | None, str]]:
    with tempfile.TemporaryDirectory(prefix="verdeelwijzer-programma-") as tmp:
        p = Path(tmp) / programma.naam
        p.write_bytes(programma.inhoud)
        q = None
        if plan is not None:
            q = Path(tmp) / ("plan_" + plan.naam if plan.naam == programma.naam else plan.naam)
            q.write_bytes(plan.inhoud)
        yield p, q, tmp


@dataclass
class Uitkomst:
    b: Any
    regio: Any
    codes: list[str]
    datum: date
    bronnen: list[str]
    instellingen: BetaalbaarheidInstellingen
    programma: str
    plan: str | None


def bereken(request: Request, inst: BetaalbaarheidInstellingen, programma: Bestand,
            plan: Bestand | None = None) -> Uitkomst:
    """Read the files with the core's validation (all or nothing) and compute spoor 1."""
    from verdeelwijzer.betaalbaarheid import bereken_betaalbaarheid, lees_regels
    from verdeelwijzer.betaalbaarheid.invoer import lees_programma
    from verdeelwijzer.betaalbaarheid.samenstellen import voorraad_uit

    programma = _controleer(programma, "Programmabestand")
    plan = _controleer(plan, "Planbestand") if plan is not None else None
    toestand = request.app.state.toestand
    g = toestand.gegevens
    regio = toestand.regio(inst.regio)
    codes = sorted(regio.gemeentecodes)
    peildag = inst.datum or date.today()
    with _bestanden(programma, plan) as (p, q, tmp):
        try:
            invoer = lees_programma(p, g.zoeker, codes, f"regio {regio.naam}", q)
        except VerdeelwijzerFout as fout:
            raise type(fout)(str(fout).replace(tmp + "/", "").replace(tmp, "")) from None
    b = bereken_betaalbaarheid(voorraad_uit(g, codes), invoer, lees_regels(peildag), inst.sleutel,
                               methode=inst.methode, seed=inst.seed)
    bronnen = [x.kort() for x in g.bronnen_gebruikt(codes, ("woningvoorraad", "sociale_voorraad"))]
    return Uitkomst(b, regio, codes, peildag, bronnen, inst, programma.naam, plan.naam if plan else None)


# -- the core's result laid out in tables -------------------------------------------------------------------------


def _leesbaar(v: Any) -> str:
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, Fraction):
        return procent(v, 1) if (v * 1000).denominator == 1 else f"{v} (≈ {procent(v, 1)})"
    from verdeelwijzer.betaalbaarheid.uitleg import exact_tekst

    return str(exact_tekst(v))


def _hover(getal_: Any) -> str:
    return f"{getal_.uitleg} [status: {'/'.join(getal_.statussen)}]"


def _status_klasse(status: str) -> str:
    return status.replace(" ", "_")


def regeltabel(u: Uitkomst) -> Tabel:
    from verdeelwijzer.betaalbaarheid.weergave import gebruikte_regels

    rijen = [{"naam": r.naam, "waarde": _leesbaar(r.waarde), "status": r.status, "_status": _status_klasse(r.status),
              "bron": r.bron + (f" <{r.url}>" if r.url else ""), "toelichting": r.toelichting,
              "_markeringen": set() if r.status == "wet" else {"naam"}} for r in gebruikte_regels(u.b)]
    return Tabel(naam="regels", titel=f"Regels en aannames geldig op {datum(u.datum)}",
                 kolommen=[Kolom("naam", "Regel", numeriek=False), Kolom("waarde", "Waarde", numeriek=False),
                           Kolom("status", "Status", numeriek=False), Kolom("bron", "Bron", numeriek=False)],
                 rijen=rijen, rij_sleutel=None,
                 voetnoten=["Gemarkeerd (*): nog geen vastgesteld recht (ontwerp, seed of aanname) of eigen invoer."])


def _gemeenten(u: Uitkomst) -> list[Any]:
    return sorted(u.b.gemeenten, key=lambda g: g.gemeentenaam)


def minimumtabel(u: Uitkomst) -> Tabel:
    from verdeelwijzer.betaalbaarheid.minimum import SEGMENT_NAAM

    b = u.b
    rijen = []
    for g in _gemeenten(u):
        m = g.minimum
        pct = m.percentage.waarde
        regel = f"{procent(pct, 0 if (pct * 100).denominator == 1 else 1)} {SEGMENT_NAAM[m.regel].split(' (')[0]}"
        status = m.minimum_regel.status
        rijen.append({
            "gemeentecode": m.gemeentecode, "gemeentenaam": m.gemeentenaam,
            "woningvoorraad": m.woningvoorraad.waarde, "sociale_voorraad": m.sociale_voorraad.waarde,
            "sociaal_aandeel": m.sociaal_aandeel.waarde,
            "regel": regel + (" (ontheffing)" if m.ontheffing else ""),
            "classificatie": m.classificatie,
            "gecontracteerd": m.gecontracteerd, "niet_gecontracteerd": m.niet_gecontracteerd,
            "grondslag": m.grondslag.waarde, "minimum_sociale_huur": m.minimum_sociale_huur.waarde,
            "minimum_middensegment": m.minimum_middensegment.waarde, "ruimte": m.ruimte.waarde,
            "status": status, "_status": _status_klasse(status),
            "_bronnen": {
                "woningvoorraad": _hover(m.woningvoorraad), "sociale_voorraad": _hover(m.sociale_voorraad),
                "sociaal_aandeel": _hover(m.sociaal_aandeel), "regel": m.regel_uitleg + (
                    f" Ontheffing: {m.ontheffing.besluit}." if m.ontheffing else ""),
                "classificatie": m.classificatie_uitleg,
                "grondslag": _hover(m.grondslag), "minimum_sociale_huur": _hover(m.minimum_sociale_huur),
                "minimum_middensegment": _hover(m.minimum_middensegment), "ruimte": _hover(m.ruimte)},
            "_markeringen": ({"regel"} if m.ontheffing else set())
            | ({"classificatie"} if m.classificatie_onzeker else set()),
        })
    r = b.regels
    return Tabel(
        naam="minimum_per_gemeente", titel=f"Toepasselijke regel en minimum per gemeente ({u.regio.naam})",
        kolommen=[Kolom("gemeentenaam", "Gemeente", numeriek=False),
                  Kolom("woningvoorraad", "Voorraad", decimalen=0, uitleg="Woningvoorraad (zie de bron per getal)"),
                  Kolom("sociale_voorraad", "Sociaal", decimalen=0, uitleg="Sociale huurvoorraad"),
                  Kolom("sociaal_aandeel", "Aandeel", procent=True, decimalen=1,
                        uitleg="Sociaal aandeel = sociale voorraad / woningvoorraad"),
                  Kolom("regel", "Regel", numeriek=False, uitleg="Welk minimum geldt voor deze gemeente"),
                  Kolom("classificatie", "Classificatie", numeriek=False,
                        uitleg="Onzeker: het geschatte sociaal aandeel ligt net boven het landelijk gemiddelde; met "
                               "de officiële DAEB-voorraad kan de regel omslaan"),
                  Kolom("gecontracteerd", "Gecontr.", decimalen=0, uitleg="Gecontracteerde woningen (programma)"),
                  Kolom("niet_gecontracteerd", "Niet gecontr.", decimalen=0,
                        uitleg="Niet gecontracteerde woningen (programma)"),
                  Kolom("grondslag", "Grondslag", decimalen=0, uitleg="Woningen waarover het percentage geldt"),
                  Kolom("minimum_sociale_huur", "Min. sociale huur", decimalen=0,
                        uitleg="Minimum sociale huur (naar boven afgerond)"),
                  Kolom("minimum_middensegment", "Min. midden", decimalen=0,
                        uitleg="Minimum middensegment: middenhuur + betaalbare koop (naar boven afgerond)"),
                  Kolom("ruimte", "Ruimte", decimalen=0, uitleg="niet gecontracteerd − eigen minimum"),
                  Kolom("status", "Status", numeriek=False, uitleg="Zwakste status van de regel achter het minimum")],
        rijen=rijen,
        voetnoten=[f"Regel: sociaal aandeel onder het landelijk gemiddelde "
                   f"({procent(r.landelijk_gemiddelde.waarde, 1)}) → ten minste "
                   f"{procent(r.minimum_sociale_huur.waarde, 0)} sociale huur, anders ten minste "
                   f"{procent(r.minimum_middensegment.waarde, 0)} middensegment, over de grondslag; een minimum wordt "
                   "naar boven afgerond ('ten minste'). Ruimte = niet gecontracteerd − eigen minimum.",
                   "Beweeg over een getal voor de berekening en de status van de regels erachter.", *u.bronnen])


def plantabel(u: Uitkomst) -> Tabel | None:
    met_plan = [g for g in _gemeenten(u) if g.plantoets]
    if not met_plan:
        return None
    rijen = []
    for g in met_plan:
        t = g.plantoets
        m = g.minimum
        rijen.append({
            "gemeentecode": g.gemeentecode, "gemeentenaam": g.gemeentenaam, "sociale_huur": t.plan.sociale_huur,
            "middenhuur": t.plan.middenhuur, "betaalbare_koop": t.plan.betaalbare_koop,
            "vrije_sector": t.plan.vrije_sector,
            "minimum": f"{getal(int(m.minimum_regel.waarde))} "
                       f"{'sociale huur' if m.regel == 'sociale_huur' else 'middensegment'}",
            "tekort_minimum": t.tekort_minimum.waarde, "oordeel": "voldoet" if t.voldoet_minimum else "tekort",
            "tekort_sh": t.tekort_voorstel_sociale_huur.waarde, "tekort_b": t.tekort_voorstel_betaalbaar.waarde,
            "_bronnen": {"tekort_minimum": _hover(t.tekort_minimum),
                         "tekort_sh": _hover(t.tekort_voorstel_sociale_huur),
                         "tekort_b": _hover(t.tekort_voorstel_betaalbaar)},
            "_markeringen": set() if t.voldoet_minimum else {"oordeel", "tekort_minimum"},
        })
    return Tabel(
        naam="plantoets", titel="Plantoets per gemeente (plan over de hele programmering)",
        kolommen=[Kolom("gemeentenaam", "Gemeente", numeriek=False),
                  Kolom("sociale_huur", "Sociale huur", decimalen=0), Kolom("middenhuur", "Middenhuur", decimalen=0),
                  Kolom("betaalbare_koop", "Betaalbare koop", decimalen=0),
                  Kolom("vrije_sector", "Vrije sector", decimalen=0), Kolom("minimum", "Minimum", numeriek=False),
                  Kolom("tekort_minimum", "Tekort t.o.v. minimum", decimalen=0),
                  Kolom("oordeel", "Oordeel", numeriek=False),
                  Kolom("tekort_sh", "Tekort sociale huur t.o.v. voorstel", decimalen=0),
                  Kolom("tekort_b", "Tekort betaalbaar t.o.v. voorstel", decimalen=0)],
        rijen=rijen, voetnoten=["Alle geplande woningen van een segment tellen mee, ook in gecontracteerde projecten."])


def regiotabel(u: Uitkomst) -> Tabel:
    from verdeelwijzer.betaalbaarheid.regio import VARIANT_NAAM

    d = u.b.doelen
    rijen = []
    for wat, x in (("Grondslag", d.grondslag), ("Doel sociale huur", d.doel_sociale_huur),
                   ("Doel betaalbaar", d.doel_betaalbaar), ("Som minima sociale huur", d.minimum_sociale_huur),
                   ("Som minima betaalbaar", d.minimum_betaalbaar), ("Sociale restopgave", d.rest_sociale_huur),
                   ("Overige betaalbare restopgave", d.rest_betaalbaar)):
        rijen.append({"wat": wat, "waarde": getal(x.waarde), "uitleg": x.uitleg, "status": x.status,
                      "_status": _status_klasse(x.status)})
    for t in u.b.toetsen.values():
        rijen.append({"wat": f"Toets: {VARIANT_NAAM[t.variant]}", "waarde": "gehaald" if t.gehaald else "niet gehaald",
                      "uitleg": f"sociale huur {getal(t.sociale_huur.waarde)} "
                                f"(tekort {getal(t.tekort_sociale_huur.waarde)}); betaalbaar "
                                f"{getal(t.betaalbaar.waarde)} (tekort {getal(t.tekort_betaalbaar.waarde)})",
                      "status": t.tekort_betaalbaar.status, "_status": _status_klasse(t.tekort_betaalbaar.status),
                      "_markeringen": set() if t.gehaald else {"waarde"}})
    marge = u.b.regels.onzekerheidsmarge
    onzeker = u.b.onzeker
    rijen.append({"wat": "Classificatie onzeker", "waarde": getal(len(onzeker)),
                  "uitleg": (", ".join(onzeker) + " — onzeker — laad de officiële DAEB-voorraad") if onzeker
                  else "geen gemeente binnen de onzekerheidsmarge",
                  "status": marge.status if marge else "", "_status": _status_klasse(marge.status) if marge else "",
                  "_markeringen": {"waarde"} if onzeker else set()})
    return Tabel(naam="regionale_toets", titel="Regionale doelen en toets (aandeel betaalbaar en sociale huur)",
                 kolommen=[Kolom("wat", "Onderdeel", numeriek=False), Kolom("waarde", "Waarde", numeriek=False),
                           Kolom("uitleg", "Uitleg", numeriek=False), Kolom("status", "Status", numeriek=False)],
                 rijen=rijen, rij_sleutel=None)


def resttabel(u: Uitkomst) -> Tabel:
    from verdeelwijzer.betaalbaarheid.restopgave import SLEUTEL_UITLEG

    rs, rb = u.b.rest_sociale_huur, u.b.rest_betaalbaar
    per_sh = {a.gemeentecode: a for a in rs.aandelen}
    per_b = {a.gemeentecode: a for a in rb.aandelen}
    rijen = []
    for g in _gemeenten(u):
        a_sh, a_b = per_sh[g.gemeentecode], per_b[g.gemeentecode]
        rijen.append({
            "gemeentecode": g.gemeentecode, "gemeentenaam": g.gemeentenaam,
            "ruimte_sh": a_sh.plafond.waarde, "quotum_sh": float(a_sh.quotum.waarde),
            "extra_sh": g.extra_sociale_huur.waarde, "ruimte_b": a_b.plafond.waarde,
            "quotum_b": float(a_b.quotum.waarde), "extra_b": g.extra_betaalbaar.waarde,
            "voorstel_sh": g.voorstel_sociale_huur.waarde, "voorstel_ms": g.voorstel_middensegment.waarde,
            "voorstel_b": g.voorstel_betaalbaar.waarde,
            "_bronnen": {"quotum_sh": _hover(a_sh.quotum), "extra_sh": _hover(g.extra_sociale_huur),
                         "quotum_b": _hover(a_b.quotum), "extra_b": _hover(g.extra_betaalbaar),
                         "voorstel_sh": _hover(g.voorstel_sociale_huur),
                         "voorstel_ms": _hover(g.voorstel_middensegment), "voorstel_b": _hover(g.voorstel_betaalbaar)},
            "_markeringen": {"extra_sh"} if a_sh.plafond_bereikt else set(),
        })
    som = ("ruimte_sh", "extra_sh", "ruimte_b", "extra_b", "voorstel_sh", "voorstel_ms", "voorstel_b")
    totaal = {"gemeentenaam": "Totaal regio", **{k: sum(int(r[k]) for r in rijen) for k in som}}
    return Tabel(
        naam="restopgave", titel=f"Verdeling van de regionale restopgave (sleutel {u.b.sleutel}) en voorstel",
        kolommen=[Kolom("gemeentenaam", "Gemeente", numeriek=False),
                  Kolom("ruimte_sh", "Ruimte sociaal", decimalen=0), Kolom("quotum_sh", "Quotum sociaal", decimalen=2),
                  Kolom("extra_sh", "Extra sociale huur", decimalen=0),
                  Kolom("ruimte_b", "Ruimte overig", decimalen=0), Kolom("quotum_b", "Quotum overig", decimalen=2),
                  Kolom("extra_b", "Extra betaalbaar", decimalen=0),
                  Kolom("voorstel_sh", "Voorstel sociale huur", decimalen=0),
                  Kolom("voorstel_ms", "Voorstel middensegment", decimalen=0),
                  Kolom("voorstel_b", "Voorstel betaalbaar", decimalen=0)],
        rijen=rijen, totaal=totaal,
        voetnoten=[f"Sociale restopgave: {SLEUTEL_UITLEG[rs.sleutel]}; overige betaalbare restopgave: naar rato van de "
                   f"grondslag; afronding {rs.methode}, binnen de ruimte (plafond) van elke gemeente. "
                   "Gemarkeerd (*): plafond bereikt.",
                   *(f"Sociale restopgave — {x}" for x in rs.stappen),
                   *(f"Overige restopgave — {x}" for x in rb.stappen),
                   rs.tekort.uitleg, rb.tekort.uitleg])


def projectietabel(u: Uitkomst) -> Tabel:
    jaren = u.b.regels.termijn_jaren.waarde
    rijen = []
    for g in _gemeenten(u):
        p = g.projecties
        rijen.append({
            "gemeentecode": g.gemeentecode, "gemeentenaam": g.gemeentenaam,
            "nu": g.minimum.sociaal_aandeel.waarde, "voorraad": p["minimum"].woningvoorraad.waarde,
            "minimum": p["minimum"].sociaal_aandeel.waarde,
            "plan": p["plan"].sociaal_aandeel.waarde if "plan" in p else None,
            "voorstel": p["voorstel"].sociaal_aandeel.waarde, "sociaal_voorstel": p["voorstel"].sociale_voorraad.waarde,
            "_bronnen": {k: _hover(p[k].sociaal_aandeel) for k in ("minimum", "plan", "voorstel") if k in p},
        })
    return Tabel(
        naam="projectie", titel=f"Projectie na {jaren} jaar: sociaal aandeel van de woningvoorraad",
        kolommen=[Kolom("gemeentenaam", "Gemeente", numeriek=False), Kolom("nu", "Nu", procent=True),
                  Kolom("voorraad", f"Woningvoorraad na {jaren} jaar", decimalen=0),
                  Kolom("minimum", "Met minimum", procent=True), Kolom("plan", "Met plan", procent=True),
                  Kolom("voorstel", "Met voorstel", procent=True),
                  Kolom("sociaal_voorstel", "Sociale voorraad na termijn (voorstel)", decimalen=0)],
        rijen=rijen,
        voetnoten=["Aanname: de hele programmering wordt binnen de termijn opgeleverd; geen sloop, verkoop of "
                   "liberalisatie; zonder plan telt het gecontracteerde deel niet als sociale huur."])


def alle_tabellen(u: Uitkomst) -> list[Tabel]:
    return [t for t in (minimumtabel(u), plantabel(u), regiotabel(u), resttabel(u), projectietabel(u), regeltabel(u))
            if t is not None]


def csvtabel(u: Uitkomst) -> Tabel:
    """The core's flat CSV rows (`weergave.csv_rijen`), as `verdeelwijzer betaalbaarheid --format csv`."""
    from verdeelwijzer.betaalbaarheid.weergave import CSV_KOLOMMEN, csv_rijen
    from verdeelwijzer.web.opmaak import STATUS_WOORD, leesbare_kop

    rijen = [{**r, "status": STATUS_WOORD.get(r["status"], r["status"])} for r in csv_rijen(u.b)]
    return Tabel(naam=f"betaalbaarheid_{u.regio.naam}", titel=f"Betaalbaarheid {u.regio.naam}",
                 kolommen=[Kolom(k, leesbare_kop(k, CSV_KOPPEN), numeriek=False) for k in CSV_KOLOMMEN], rijen=rijen)


# Headers of the flat CSV for Dutch Excel (the CLI's `--format csv` keeps the column ids for machines).
CSV_KOPPEN = {
    "gemeentecode": "Gemeentecode", "gemeentenaam": "Gemeente", "sociale_voorraad": "Sociale huurvoorraad",
    "sociaal_aandeel": "Sociaal aandeel (fractie)", "regel": "Geldende regel", "percentage": "Percentage (fractie)",
    "ontheffing_besluit": "Ontheffing (besluit)", "tekort_minimum": "Tekort ten opzichte van het minimum",
    "sociaal_aandeel_na_minimum": "Sociaal aandeel na minimum (fractie)",
    "sociaal_aandeel_na_plan": "Sociaal aandeel na plan (fractie)",
    "sociaal_aandeel_na_voorstel": "Sociaal aandeel na voorstel (fractie)",
}


def weergave(u: Uitkomst) -> dict[str, Any]:
    from verdeelwijzer.betaalbaarheid.uitleg import STATUS_UITLEG
    from verdeelwijzer.betaalbaarheid.weergave import gemeente_tekst

    concept = [r for r in u.b.regels.alle() if r.status != "wet"]
    return {"uitkomst": u, "tabellen": alle_tabellen(u), "concept": concept,
            "uitleg": [(g.gemeentenaam, gemeente_tekst(u.b, g.gemeentecode)) for g in _gemeenten(u)],
            "waarschuwingen": list(u.b.waarschuwingen), "status_uitleg_b": STATUS_UITLEG}


def api_dict(u: Uitkomst) -> dict[str, Any]:
    from verdeelwijzer.betaalbaarheid.weergave import als_dict
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.web.api import versies

    return {"regio": {"sleutel": u.regio.sleutel, "naam": u.regio.naam, "soort": u.regio.soort,
                      "gemeentecodes": u.codes, "opmerking": u.regio.opmerking},
            "datum": u.datum.isoformat(), "invoer": {"programma": u.programma, "plan": u.plan},
            **als_dict(u.b), "bronnen": u.bronnen, "attributie": attributie(), "versie": versies()}


# -- pages ----------------------------------------------------------------------------------------------------------


def _pagina(request: Request, inst: BetaalbaarheidInstellingen | None = None, status_code: int = 200,
            **extra: Any) -> HTMLResponse:
    from verdeelwijzer.web.paginas import render

    toestand = request.app.state.toestand
    inst = inst or BetaalbaarheidInstellingen()
    try:
        regio = toestand.regio(inst.regio)
    except VerdeelwijzerFout:
        regio = toestand.regio(VOORBEELD_REGIO)
    return render(request, "betaalbaarheid.html", status_code=status_code, titel="Betaalbaarheid", inst=inst,
                  regio=regio, regios=toestand.regios, sleutels=SLEUTELS, methoden=METHODEN,
                  vandaag=date.today().isoformat(), **extra)


def _query(request: Request) -> dict[str, str]:
    return dict(request.query_params.items())


@router.get("/betaalbaarheid", response_class=HTMLResponse)
def betaalbaarheid(request: Request, *, _: Lezer) -> Response:
    params = _query(request)
    if params.get("voorbeeld") != VOORBEELD:
        try:
            return _pagina(request, instellingen_uit(params))
        except InvoerFout as fout:
            return _pagina(request, status_code=422, fout=str(fout))
    try:
        inst = instellingen_uit(params)
        u = bereken(request, inst, voorbeeldbestand())
    except VerdeelwijzerFout as fout:
        return _pagina(request, status_code=422, fout=str(fout))
    return _pagina(request, inst, bron="voorbeeld", query=str(request.url.query), **weergave(u))


@router.post("/betaalbaarheid", response_class=HTMLResponse)
async def betaalbaarheid_upload(request: Request, *, programma: OptioneelBestand = None,
                                plan: OptioneelBestand = None, csrf_token: str = Form(""),
                                _: Lezer) -> Response:
    """Compute with an uploaded programme (and plan). Nothing is stored; the files travel back in the
    download forms."""
    controleer_csrf(request, csrf_token)
    formulier = await request.form()
    velden = {k: v for k, v in formulier.items() if isinstance(v, str)}
    inst = None
    try:
        inst = instellingen_uit({k: v for k, v in velden.items() if k in BetaalbaarheidInstellingen.model_fields})
        prog, pl = await _uit_formulier(programma, plan, velden)
        u = await reken(request, bereken, request, inst, prog, pl)
    except VerdeelwijzerFout as fout:
        return _pagina(request, inst, status_code=422, fout=str(fout),
                       uploadnaam=programma.filename if programma and programma.filename else None)
    return _pagina(request, inst, bron="upload", programma_bestand=prog, plan_bestand=pl, **weergave(u))


async def _uit_formulier(programma: UploadFile | None, plan: UploadFile | None,
                         velden: dict[str, str]) -> tuple[Bestand, Bestand | None]:
    if programma is not None and programma.filename:
        prog = Bestand(programma.filename, await programma.read())
    else:
        prog_b64 = uit_b64(velden.get("programma_naam", "programma.csv"), velden.get("programma_inhoud", ""),
                           "Programmabestand")
        if prog_b64 is None:
            raise InvoerFout("Kies een programmabestand (.csv of .xlsx), of gebruik het voorbeeld.")
        prog = prog_b64
    if plan is not None and plan.filename:
        pl: Bestand | None = Bestand(plan.filename, await plan.read())
    else:
        pl = uit_b64(velden.get("plan_naam", "plan.csv"), velden.get("plan_inhoud", ""), "Planbestand")
    return prog, pl


def _download(u: Uitkomst, formaat: str) -> Response:
    from verdeelwijzer.web.paginas import download

    if formaat == "csv":
        return download(csvtabel(u), "csv")
    tabellen = alle_tabellen(u)
    eerste = tabellen[0]
    eerste.naam = f"betaalbaarheid_{u.regio.naam}"
    return download(eerste, formaat, tabellen[1:])


@router.get("/download/betaalbaarheid.{formaat}")
def download_voorbeeld(request: Request, *, formaat: str, _: Lezer) -> Response:
    if formaat not in ("xlsx", "csv"):
        raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies xlsx of csv.")
    params = _query(request)
    return _download(bereken(request, instellingen_uit(params), voorbeeldbestand()), formaat)


@router.post("/download/betaalbaarheid.{formaat}")
async def download_upload(request: Request, *, formaat: str, csrf_token: str = Form(""), _: Lezer) -> Response:
    controleer_csrf(request, csrf_token)
    if formaat not in ("xlsx", "csv"):
        raise HTTPException(404, f"Onbekend downloadformaat '{formaat}'; kies xlsx of csv.")
    velden = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    inst = instellingen_uit({k: v for k, v in velden.items() if k in BetaalbaarheidInstellingen.model_fields})
    prog, pl = await _uit_formulier(None, None, velden)
    return await reken(request, lambda: _download(bereken(request, inst, prog, pl), formaat))


def sjabloon(request: Request, regio: str | None) -> bytes:
    """The core's Excel template (`betaalbaarheid.sjabloon`), with the region's gemeenten when given."""
    from verdeelwijzer.betaalbaarheid import lees_regels
    from verdeelwijzer.betaalbaarheid.sjabloon import schrijf_programmasjabloon
    from verdeelwijzer.fouten import RegelFout

    namen, regio_naam = request.app.state.toestand.sjabloon_namen(regio)
    try:
        regels = lees_regels(date.today())
    except RegelFout:
        regels = None
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "programma_sjabloon.xlsx"
        schrijf_programmasjabloon(pad, namen, regio_naam, regels)
        return pad.read_bytes()


@router.get("/download/programma_sjabloon.xlsx")
def download_sjabloon(request: Request, *, regio: str | None = None, _: Lezer) -> Response:
    return Response(sjabloon(request, regio), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="programma_sjabloon.xlsx"'})


@router.get("/download/voorbeeldprogramma.csv")
def download_voorbeeldprogramma(_: Lezer) -> Response:
    b = voorbeeldbestand()
    return Response(b.inhoud, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{b.naam}"'})


# -- JSON API -----------------------------------------------------------------------------------------------------


@api_router.post("", summary="Betaalbaarheid (spoor 1) berekenen met een programmabestand (rekent alleen)")
async def api_bereken(request: Request, *,
                      programma: Programma, plan: OptioneelBestand = None,
                      regio: str = Form(VOORBEELD_REGIO), sleutel: str = Form("bouwvolume"),
                      methode: str = Form("sainte-lague"), datum: str = Form(""), _: Lezer) -> dict[str, Any]:
    """Minimums per gemeente, plan check, regional targets and test, division of the residual and the
    projection; every number with its explanation and the status of its rules (`betaalbaarheid.weergave.als_dict`).
    Invalid files: 422 with every problem (row and column) in Dutch in `detail`."""
    inst = instellingen_uit({"regio": regio, "sleutel": sleutel, "methode": methode, "datum": datum})
    prog = Bestand(programma.filename or "programma.csv", await programma.read())
    pl = Bestand(plan.filename, await plan.read()) if plan is not None and plan.filename else None
    return await reken(request, lambda: api_dict(bereken(request, inst, prog, pl)))


@api_router.get("/voorbeeld", summary="Betaalbaarheid met het meegeleverde (fictieve) voorbeeldprogramma")
def api_voorbeeld(request: Request, *, regio: str = VOORBEELD_REGIO,
                  sleutel: Literal["bouwvolume", "laagste-aandeel", "gelijk-aandeel"] = "bouwvolume",
                  methode: Literal["sainte-lague", "hamilton", "dhondt", "huntington-hill"] = "sainte-lague",
                  datum: date | None = None, _: Lezer) -> dict[str, Any]:
    inst = BetaalbaarheidInstellingen(regio=regio, sleutel=sleutel, methode=methode, datum=datum)
    return api_dict(bereken(request, inst, voorbeeldbestand()))


@api_router.get("/sjabloon", summary="Excelsjabloon voor het programmabestand", response_class=Response,
                responses={200: {"content": {XLSX: {}}}})
def api_sjabloon(request: Request, *, regio: str | None = None, _: Lezer) -> Response:
    return download_sjabloon(request, regio=regio, _=_)
