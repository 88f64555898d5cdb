"""Distribution explorer and scenario comparison (pages and JSON API) over the allocation engine
`verdeelwijzer.verdeling` (`verdeel`, `vergelijk`, `effect_op_regulier`).

The web layer only collects the settings (validated by pydantic), selects the figures of the region's
gemeenten with their sources (`invoer_uit_gegevens`, the data→engine adapter) and renders what the
engine returns. Quota, caps, rounding, ingroeipad and the explanation all come from the engine.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import STANDAARD_INDICATOREN, Gegevens, Regio
from verdeelwijzer.getaltekst import kort
from verdeelwijzer.verdeling.paradox import METHODE_EIGENSCHAPPEN
from verdeelwijzer.web.beveiliging import Lezer
from verdeelwijzer.web.grafiek import Balk, staafdiagram
from verdeelwijzer.web.kaart import maak_kaart
from verdeelwijzer.web.opmaak import bron_tekst, datum, getal, procent
from verdeelwijzer.web.tabellen import Kolom, Tabel

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/verdeling", tags=["verdeling"])

METHODEN = {
    "sainte-lague": "Sainte-Laguë (Webster): eerlijk tussen groot en klein (standaard)",
    "hamilton": "Hamilton (grootste overschot): 'naar rato'",
    "dhondt": "D'Hondt (Jefferson): gunstiger voor grote gemeenten",
    "huntington-hill": "Huntington–Hill: elke gemeente minstens 1",
}
INGROEIPADEN = {"geen": "Geen ingroeipad: meteen de doelverdeling", "lineair": "Lineair in N jaar",
                "begrensd": "Begrensd: per jaar hoogstens ×1,2 omhoog en ×0,9 omlaag"}
STANDAARD_GEWICHTEN = {"inwoners": Fraction(0), "huishoudens": Fraction(50), "woningvoorraad": Fraction(0),
                       "sociale_voorraad": Fraction(0), "mutaties": Fraction(50)}


def beschikbaar() -> bool:
    try:
        from verdeelwijzer.verdeling.motor import verdeel  # noqa: F401
        from verdeelwijzer.verdeling.vergelijking import vergelijk  # noqa: F401
    except ImportError:
        return False
    return True


class VerdeelVerzoek(BaseModel):
    """Settings of one distribution (the explorer's form, and the API body)."""

    model_config = ConfigDict(extra="forbid")
    regio: str = Field(default="woningmarktregio:Haaglanden", min_length=1, max_length=2000,
                       description="Regio: sleutel uit /api/regios, naam, of 'Delft,Rijswijk'.")
    totaal: int = Field(default=300, ge=0, le=10_000_000, description="Regiototaal om te verdelen (per jaar).")
    gewichten: dict[str, Fraction] = Field(
        default_factory=lambda: dict(STANDAARD_GEWICHTEN),
        description="Gewicht per indicator in procenten (samen precies 100), "
                    "bv. {\"huishoudens\": 50, \"mutaties\": 50}.")
    mutatiegrens: Fraction | None = Field(default=None, ge=0, le=100,
                                          description="Hoogstens dit percentage van de verhuringen naar urgenten.")
    methode: Literal["sainte-lague", "hamilton", "dhondt", "huntington-hill"] = "sainte-lague"
    ingroeipad: Literal["geen", "lineair", "begrensd"] = "geen"
    jaren: int = Field(default=3, ge=1, le=20, description="Aantal jaren van het ingroeipad.")
    huidig_kolom: str = Field(default="huishoudens", description="Kolom die de huidige verdeling weergeeft.")
    loting_seed: int | None = Field(default=None, ge=0, le=2**31,
                                    description="Bij gelijke stand loten met dit getal (anders een foutmelding).")
    eenheid: str = Field(default="huishoudens", max_length=60)

    @field_validator("gewichten", mode="before")
    @classmethod
    def _gewichten(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {str(k): _breuk(w, f"gewicht {k}") for k, w in v.items() if str(w).strip() not in ("", "0")}
        return v

    @field_validator("mutatiegrens", mode="before")
    @classmethod
    def _grens(cls, v: Any) -> Any:
        return None if v is None or str(v).strip() == "" else _breuk(v, "mutatiegrens")

    def sleutel_tekst(self) -> str:
        return "; ".join(f"{k}={getal(float(w))}%" for k, w in self.gewichten.items() if w)


def _breuk(v: Any, wat: str) -> Fraction:
    """A percentage from the form or JSON, exactly. Text goes through the core's parameter reader
    (`verdeling.getallen.parameter`), which bounds digits and exponent before the exact conversion."""
    from verdeelwijzer.fouten import VerdeelwijzerFout
    from verdeelwijzer.verdeling.getallen import parameter

    if isinstance(v, Fraction | int):
        return Fraction(v)
    tekst = str(v).strip().replace(",", ".").rstrip("%").strip()
    try:
        return parameter(tekst if isinstance(v, str) else v, wat)
    except VerdeelwijzerFout as e:  # bounded: '1e10000000' is refused before it is built
        raise ValueError(str(e).rstrip(".")) from None
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{wat}: '{kort(str(v))}' is geen getal") from None


def verzoek_uit_query(params: dict[str, str]) -> VerdeelVerzoek:
    """The explorer form (GET parameters) as a validated VerdeelVerzoek; Dutch InvoerFout on bad input."""
    velden: dict[str, Any] = {k: v for k, v in params.items() if not k.startswith("gewicht_") and v != ""
                              and k in VerdeelVerzoek.model_fields}
    gewichten = {k[len("gewicht_"):]: v for k, v in params.items() if k.startswith("gewicht_")}
    if gewichten:
        velden["gewichten"] = gewichten
    try:
        return VerdeelVerzoek.model_validate(velden)
    except ValidationError as e:
        from verdeelwijzer.web.app import vertaal_validatie

        raise InvoerFout("De instellingen kloppen niet:\n" + "\n".join(
            "  - " + vertaal_validatie(dict(f))["melding"] for f in e.errors())) from None


def invoer_uit_gegevens(g: Gegevens, regio: Regio, v: VerdeelVerzoek, extra: tuple[str, ...] = ()) -> Any:
    """The data → engine adapter shared with the command line (`motorinvoer.bouw_verdeelinvoer`), plus
    the settings of the form."""
    import dataclasses

    from verdeelwijzer.motorinvoer import bouw_verdeelinvoer
    from verdeelwijzer.verdeling.ingroeipad import Ingroeipad
    from verdeelwijzer.verdeling.motor import Grenzen

    nodig = (*extra, *((v.huidig_kolom,) if v.ingroeipad != "geen" else ()))
    invoer = bouw_verdeelinvoer(
        g, regio, {k: w / 100 for k, w in v.gewichten.items() if w}, v.totaal, nodig,
        grenzen=Grenzen(mutatiegrens=v.mutatiegrens / 100) if v.mutatiegrens is not None else None,
        methode=v.methode, bij_gelijke_stand="loting" if v.loting_seed is not None else "fout",
        seed=v.loting_seed, eenheid=v.eenheid, omschrijving=f"Verdeling over {regio.naam}",
    )
    if v.ingroeipad != "geen":
        begrensd = v.ingroeipad == "begrensd"
        invoer = dataclasses.replace(invoer, ingroeipad=Ingroeipad(
            huidig=invoer.indicatoren[v.huidig_kolom], jaren=v.jaren, soort=v.ingroeipad,
            plafond_ratio=Fraction(6, 5) if begrensd else None, plancher=Fraction(9, 10) if begrensd else None))
    return invoer


def bereken(request: Request, v: VerdeelVerzoek) -> tuple[Regio, Any, Any]:
    """The engine's answer to these validated settings on the data loaded now (cached: `web.rekencache`)."""
    from verdeelwijzer.verdeling.motor import verdeel
    from verdeelwijzer.verdeling.regulier import effect_op_regulier

    toestand = request.app.state.toestand
    generatie = toestand.generatie  # first: data loaded after this read is cached under an old key, never wrong
    gegevens = toestand.gegevens

    def reken() -> tuple[Regio, Any, Any]:
        regio = toestand.regio(v.regio)
        invoer = invoer_uit_gegevens(gegevens, regio, v)
        uitkomst = verdeel(invoer)
        regulier = effect_op_regulier(uitkomst.gemeentecodes, invoer.indicatoren["mutaties"], uitkomst.aantallen,
                                      gemeentenamen=uitkomst.gemeentenamen)
        return regio, uitkomst, regulier

    sleutel = ("verdeling", generatie, repr(sorted(v.model_dump().items())))
    return request.app.state.rekencache.haal(sleutel, reken)  # type: ignore[no-any-return]


def verdeeltabel(g: Gegevens, regio: Regio, v: VerdeelVerzoek, uitkomst: Any, regulier: Any) -> Tabel:
    rijen = []
    mut_bron = g.kolommen["mutaties"]
    for r, reg in zip(uitkomst.regels, regulier.regels, strict=True):
        bronnen = {k: bron_tekst(g.bron(r.gemeentecode, k)) for k in v.gewichten if v.gewichten[k]}
        sleutelbron = "Aandeel volgens de sleutel " + v.sleutel_tekst() + ". " + " | ".join(
            f"{k}: {b}" for k, b in bronnen.items())
        rijen.append({
            "gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam,
            "aandeel": round(float(r.aandeel) * 100, 2), "quotum": round(float(r.quotum), 1),
            "plafond": None if r.plafond is None else round(float(r.plafond), 1), "aantal": r.aantal,
            "grens": "plafond bereikt" if r.plafond_geraakt else ("vloer" if r.vloer_geraakt else ""),
            "mutaties": float(reg.mutaties), "rest": float(reg.rest),
            "rest_pct": None if reg.aandeel is None else round(float(reg.aandeel) * 100, 1),
            "_bronnen": {"aandeel": sleutelbron, "quotum": sleutelbron, "aantal": sleutelbron,
                         "mutaties": bron_tekst(g.bron(r.gemeentecode, "mutaties")),
                         "rest": "mutaties − toegewezen urgenten (verdeelwijzer.verdeling.regulier); "
                                 + bron_tekst(g.bron(r.gemeentecode, "mutaties"))},
            "_markeringen": {"aantal", "grens"} if r.plafond_geraakt else set(),
        })
    rijen.sort(key=lambda r: r["gemeentenaam"])
    kolommen = [Kolom("gemeentecode", "Code", numeriek=False), Kolom("gemeentenaam", "Gemeente", numeriek=False),
                Kolom("aandeel", "Aandeel sleutel (%)", decimalen=2), Kolom("quotum", "Quotum (onafgerond)",
                                                                            decimalen=1)]
    if v.mutatiegrens is not None:
        kolommen.append(Kolom("plafond", "Plafond (mutatiegrens)", decimalen=1))
    kolommen += [Kolom("aantal", f"Aantal {v.eenheid}"), Kolom("grens", "Grens", numeriek=False),
                 Kolom("mutaties", "Verhuringen per jaar", decimalen=0,
                       uitleg=f"{mut_bron.omschrijving}; bron {mut_bron.bron}, peildatum {datum(mut_bron.peildatum)}"),
                 Kolom("rest", "Over voor regulier", decimalen=0), Kolom("rest_pct", "Regulier (% verhuringen)",
                                                                          decimalen=1)]
    voetnoten = [f"Sleutel: {v.sleutel_tekst()}; totaal {getal(v.totaal)} {v.eenheid}; afronding "
                 f"{METHODEN[v.methode]}" + (f"; mutatiegrens {getal(float(v.mutatiegrens))} % van de verhuringen"
                                               if v.mutatiegrens is not None else "") + "."]
    for k in dict.fromkeys([*(k for k, w in v.gewichten.items() if w), "mutaties"]):
        m = g.kolommen[k]
        voetnoten.append(f"{k}: {m.omschrijving}; bron {m.bron} ({m.tabel}), peildatum {datum(m.peildatum)}"
                         + (" — schatting" if m.soort == "schatting" else "") + ".")
    voetnoten += list(uitkomst.waarschuwingen) + list(regulier.waarschuwingen)
    from verdeelwijzer.gegevens import attributie

    voetnoten.append(attributie())
    return Tabel(naam=f"verdeling_{regio.naam}", titel=f"Verdeling van {getal(v.totaal)} {v.eenheid} over "
                 f"{regio.naam}", kolommen=kolommen, rijen=rijen, voetnoten=voetnoten,
                 totaal={"gemeentenaam": "Totaal", "aantal": uitkomst.totaal_aantal,
                         "mutaties": float(sum(r.mutaties for r in regulier.regels)),
                         "rest": float(regulier.rest_totaal)})


def ingroeitabel(regio: Regio, v: VerdeelVerzoek, uitkomst: Any) -> Tabel | None:
    pad = uitkomst.ingroeipad
    if pad is None:
        return None
    namen = dict(zip(uitkomst.gemeentecodes, uitkomst.gemeentenamen, strict=True))
    per_gemeente: dict[str, dict[str, Any]] = {c: {"gemeentecode": c, "gemeentenaam": namen[c]} for c in namen}
    for rij in pad.tabel():
        per_gemeente[rij["gemeentecode"]][f"jaar_{rij['jaar']}"] = rij["aantal"] if rij["aantal"] is not None else \
            round(float(rij["quotum"]), 1)
    for i, c in enumerate(pad.gemeentecodes):
        per_gemeente[c]["bereikt"] = "ja" if pad.doel_bereikt[i] else "nee"
    kolommen = [Kolom("gemeentenaam", "Gemeente", numeriek=False)] + [
        Kolom(f"jaar_{j}", f"Jaar {j}") for j in pad.jaren] + [Kolom("bereikt", "Doel bereikt", numeriek=False)]
    return Tabel(naam=f"ingroeipad_{regio.naam}", titel=f"Ingroeipad ({v.ingroeipad}, {v.jaren} jaar) vanaf de "
                 f"huidige verdeling naar rato van '{v.huidig_kolom}'", kolommen=kolommen,
                 rijen=sorted(per_gemeente.values(), key=lambda r: r["gemeentenaam"]),
                 voetnoten=list(pad.waarschuwingen))


GRENS_IN_BEELD = 1.5  # presentation only: caps beyond 1.5 × the largest bar would squash the bars


def _grafiek(uitkomst: Any, v: VerdeelVerzoek, tabel: Tabel) -> Any:
    balken = []
    per_code = {rij["gemeentecode"]: rij for rij in tabel.rijen}
    for r in uitkomst.regels:
        rij = per_code[r.gemeentecode]
        titel = (f"{r.gemeentenaam}: {r.aantal} {v.eenheid} (quotum {getal(float(r.quotum), 1)}"
                 + (f", plafond {getal(float(r.plafond), 1)}" if r.plafond is not None else "") + "). "
                 + rij["_bronnen"]["aantal"])
        balken.append(Balk(r.gemeentenaam, r.aantal, titel, grens=None if r.plafond is None else float(r.plafond),
                           gemarkeerd=r.plafond_geraakt))
    balken.sort(key=lambda b: -b.waarde)
    return staafdiagram(balken, titel=f"Aantal {v.eenheid} per gemeente", opmaak=lambda w: getal(round(w)),
                        legenda_grens="plafond (mutatiegrens)", legenda=False, breedte=480,
                        grens_factor=GRENS_IN_BEELD)


def _kaart(g: Gegevens, uitkomst: Any, v: VerdeelVerzoek) -> Any:
    waarden = {r.gemeentecode: float(r.aantal) for r in uitkomst.regels}
    titels = {r.gemeentecode: f"{r.gemeentenaam}: {r.aantal} {v.eenheid} ({getal(float(r.aandeel) * 100, 2)} % "
              f"volgens de sleutel). Bron: {', '.join(k for k, w in v.gewichten.items() if w)} uit de gegevens "
              f"(zie voetnoten onder de tabel)." for r in uitkomst.regels}
    return maak_kaart(list(uitkomst.gemeentecodes), waarden, titels, titel=f"Aantal {v.eenheid} per gemeente",
                      bron="Uitkomst van de verdeling met de gekozen sleutel; bronnen en peildata van de "
                           "indicatoren staan onder de tabel.", opmaak=lambda w: getal(round(w)))


def _query(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items()}


# -- the form of the explorer and of the scenarios (linked sliders, settings in the URL) ----------------

# Short Dutch names of the standard indicators for the sliders and the key in words.
INDICATOR_LABELS = {"inwoners": "Inwoners", "huishoudens": "Huishoudens", "woningvoorraad": "Woningvoorraad",
                    "sociale_voorraad": "Sociale huurwoningen", "mutaties": "Verhuringen (mutaties)"}


def indicator_label(k: str) -> str:
    from verdeelwijzer.web.opmaak import kolomlabel

    return INDICATOR_LABELS.get(k) or kolomlabel(k)


def pct_tekst(w: Fraction, *, url: bool = False) -> str:
    """A weight in percent as typed in the form: '58,3' (Dutch) or '58.3' (URL, range input). An exactly
    scaled weight (33 1/3) goes into a URL as its fraction so a reload gives the same key; on screen rounded."""
    if w.denominator == 1:
        return str(w.numerator)
    if url and (w * 10).denominator != 1:
        return f"{w.numerator}/{w.denominator}"
    tekst = f"{float(w):.1f}"
    return tekst if url else tekst.replace(".", ",")


def sleutel_woorden(gewichten: dict[str, Fraction]) -> str:
    """'50 % huishoudens + 50 % verhuringen (mutaties)' (no fractions, Dutch labels)."""
    return " + ".join(f"{pct_tekst(w)} % {indicator_label(k).lower()}" for k, w in gewichten.items() if w)


def lees_gewichten(params: dict[str, str], voorvoegsel: str) -> dict[str, Fraction] | None:
    """The weights `<voorvoegsel><indicator>` of a form as percentages (None when the form has none)."""
    from verdeelwijzer.verdeling.gewichten import lees_percentage

    uit = {k[len(voorvoegsel):]: lees_percentage(w, f"Gewicht {indicator_label(k[len(voorvoegsel):]).lower()}")
           for k, w in params.items() if k.startswith(voorvoegsel) and len(k) > len(voorvoegsel)}
    return uit or None


def formulier_uit_query(params: dict[str, str]) -> tuple[VerdeelVerzoek, Any]:
    """The explorer's GET form as a VerdeelVerzoek whose weights add up to exactly 100 (scaled when they
    do not, see `verdeling.gewichten.naar_honderd`), and the `Schaling` so the page can say so."""
    from verdeelwijzer.verdeling.gewichten import naar_honderd

    gewichten = lees_gewichten(params, "gewicht_")
    schaling = naar_honderd({k: w for k, w in (gewichten or STANDAARD_GEWICHTEN).items()})
    velden = {k: v for k, v in params.items() if not k.startswith("gewicht_")}
    v = verzoek_uit_query(velden)
    return v.model_copy(update={"gewichten": {k: w for k, w in schaling.gewichten.items() if w}}), schaling


def schaling_tekst(schaling: Any) -> str:
    if not schaling.geschaald:
        return ""
    return (f"De gewichten telden samen op tot {pct_tekst(schaling.som)} % in plaats van 100 %. Ze zijn naar "
            f"verhouding geschaald tot samen 100 %: {sleutel_woorden(schaling.gewichten)}.")


def query_van(v: VerdeelVerzoek, **extra: str | None) -> str:
    """The URL query of these settings (weights as the form sends them), for links on the page."""
    from urllib.parse import urlencode

    standaard = VerdeelVerzoek()
    delen: list[tuple[str, str]] = [("regio", v.regio), ("totaal", str(v.totaal))]
    delen += [(f"gewicht_{k}", pct_tekst(w, url=True)) for k, w in v.gewichten.items() if w]
    if v.mutatiegrens is not None:
        delen.append(("mutatiegrens", pct_tekst(v.mutatiegrens, url=True)))
    delen.append(("methode", v.methode))
    if v.ingroeipad != "geen":
        delen += [("ingroeipad", v.ingroeipad), ("jaren", str(v.jaren)), ("huidig_kolom", v.huidig_kolom)]
    if v.loting_seed is not None:
        delen.append(("loting_seed", str(v.loting_seed)))
    if v.eenheid != standaard.eenheid:
        delen.append(("eenheid", v.eenheid))
    delen += [(k, w) for k, w in extra.items() if w]
    return urlencode(delen)


COMPACTE_KOLOMMEN = ("gemeentenaam", "aantal", "aandeel", "rest_pct", "grens")


def _uitleg_tekst(uitkomst: Any, code: str | None) -> tuple[str, str, str] | None:
    """(naam, explanation in words, the same with exact fractions — shown only behind an 'exact' detail)."""
    if not code or code not in uitkomst.gemeentecodes:
        return None
    return (uitkomst.regel(code).gemeentenaam, datum(uitkomst.uitleg.als_tekst(code)),
            datum(uitkomst.uitleg.als_tekst(code, exact=True)))


# -- pages ----------------------------------------------------------------------------------------


@router.get("/verdeling", response_class=HTMLResponse)
def verdeling(request: Request, *, _: Lezer) -> Response:
    from verdeelwijzer.web.kaart import naamlabels
    from verdeelwijzer.web.paginas import is_fragment, render

    toestand = request.app.state.toestand
    generatie = toestand.generatie  # before the data: see `bereken`
    g = toestand.gegevens
    params = _query(request)
    gemeente = params.pop("gemeente", "")[:12] or None
    meer = params.pop("kolommen", "") == "meer"
    fout = None
    uitkomst = tabel = grafiek = kaart = ingroei = schaling = uitleg = None
    labels: list[Any] = []
    try:
        v, schaling = formulier_uit_query(params)
        regio, uitkomst, regulier = bereken(request, v)
        tabel = verdeeltabel(g, regio, v, uitkomst, regulier)
        grafiek, kaart, ingroei = _grafiek(uitkomst, v, tabel), _kaart(g, uitkomst, v), ingroeitabel(regio, v, uitkomst)
        labels = naamlabels(kaart)
        uitleg = _uitleg_tekst(uitkomst, gemeente)
    except InvoerFout as e:
        fout = str(e)
        v = VerdeelVerzoek.model_construct(**{**dict(VerdeelVerzoek()), "regio": params.get("regio") or
                                              VerdeelVerzoek().regio})
        regio = toestand.regio(v.regio) if params.get("regio") else toestand.regio(VerdeelVerzoek().regio)
    except Exception as e:  # VerdeelFout and friends: a Dutch message from the engine
        from verdeelwijzer.fouten import VerdeelwijzerFout

        if not isinstance(e, VerdeelwijzerFout):
            raise
        fout = str(e)
        regio = toestand.regio(v.regio)
    gekozen = gemeente if uitleg else None
    query = query_van(v)
    extra = {"v": v, "regio": regio, "uitkomst": uitkomst, "tabel": tabel, "grafiek": grafiek, "kaart": kaart,
             "ingroei": ingroei, "fout": fout, "query": query, "labels": labels, "meer": meer,
             "gekozen": gekozen, "uitleg": uitleg, "schaling": schaling_tekst(schaling) if schaling else "",
             "schaling_exact": [f"{indicator_label(k)}: {w.numerator}/{w.denominator} %" for k, w in
                                schaling.gewichten.items() if w] if schaling and schaling.exact else [],
             "zichtbare_kolommen": None if meer or tabel is None else [
                 k for s in COMPACTE_KOLOMMEN for k in tabel.kolommen if k.sleutel == s],
             "link": lambda **w: "/verdeling?" + query_van(v, **{"gemeente": gekozen,
                                                                 "kolommen": "meer" if meer else None, **w}),
             "sleutel_woorden": sleutel_woorden,
             "gewicht_tekst": {k: pct_tekst(w) for k, w in (v.gewichten or {}).items()},
             "methoden": METHODEN, "ingroeipaden": INGROEIPADEN,
             "indicatoren": [(k, g.kolommen[k], indicator_label(k)) for k in STANDAARD_INDICATOREN],
             "kolommen": [k for k in g.numerieke_kolommen() if not k.endswith("_jaar")]}
    status = 422 if fout else 200
    if not fout:
        # The result block (table, chart, map) is the same for every user with these settings and data:
        # rendered once, then served from the cache (it is most of the page's rendering time).
        extra["uitkomst_html"] = _uitkomst_html(request, generatie, v, extra)
    if is_fragment(request) and request.headers.get("HX-Target") == "uitkomst":
        if not fout:
            return HTMLResponse(extra["uitkomst_html"])
        return render(request, "_verdeling_uitkomst.html", status_code=200, **extra)
    return render(request, "verdeling.html", status_code=status, titel="Verdeling", regios=toestand.regios,
                  methode_eigenschappen=METHODE_EIGENSCHAPPEN, **extra)


def _uitkomst_html(request: Request, generatie: int, v: VerdeelVerzoek, extra: dict[str, Any]) -> Markup:
    from verdeelwijzer.web.paginas import context

    def maak() -> Markup:
        sjabloon = request.app.state.templates.get_template("_verdeling_uitkomst.html")
        return Markup(sjabloon.render(context(request, **extra)))

    # Everything the block shows besides the computation: the chosen gemeente (its explanation), the column set
    # and the words about scaled weights. The block holds nothing user-specific, so it is shared between users.
    sleutel = ("verdeling-uitkomst", generatie, repr(sorted(v.model_dump().items())), extra["query"],
               extra["gekozen"], extra["meer"], extra["schaling"], tuple(extra["schaling_exact"]))
    return request.app.state.paginacache.haal(sleutel, maak)  # type: ignore[no-any-return]


@router.get("/verdeling/uitleg/{code}", response_class=HTMLResponse)
def uitleg(request: Request, *, code: str, _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import render

    v = verzoek_uit_query(_query(request))
    _, uitkomst, _ = bereken(request, v)
    if code not in uitkomst.gemeentecodes:
        raise HTTPException(404, f"Gemeente {code} hoort niet bij deze verdeling.")
    naam, tekst, tekst_exact = _uitleg_tekst(uitkomst, code) or ("", "", "")
    return render(request, "_uitleg.html", naam=naam, tekst=tekst, tekst_exact=tekst_exact)


@router.get("/download/verdeling.{formaat}")
def download(request: Request, *, formaat: str, _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import download as stuur

    v = verzoek_uit_query(_query(request))
    regio, uitkomst, regulier = bereken(request, v)
    tabel = verdeeltabel(request.app.state.toestand.gegevens, regio, v, uitkomst, regulier)
    ingroei = ingroeitabel(regio, v, uitkomst)
    return stuur(tabel, formaat, [ingroei] if ingroei else [])


def _decimaal(f: Fraction, wat: str) -> str:
    """An exact fraction as a decimal the afsprakenkader schema reads exactly (0.3, 0.125)."""
    from decimal import Decimal, localcontext

    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        raise InvoerFout(f"{wat} ({f}) is niet exact als decimaal getal te schrijven; een afsprakenkader vraagt "
                         "decimale getallen. Kies een gewicht met hoogstens een paar decimalen.")
    with localcontext() as ctx:
        ctx.prec = 60
        tekst = format(Decimal(f.numerator) / Decimal(f.denominator), "f")
    return tekst.rstrip("0").rstrip(".") if "." in tekst else tekst


def afsprakenkader_tekst(v: VerdeelVerzoek, regio: Regio, g: Gegevens, eigen_bestanden: list[str],
                         vandaag: Any, query: str = "") -> str:
    """The explorer's settings as an afsprakenkader file (YAML, schema `afspraken.schema.Afsprakenkader`)
    with comments. One category with the same regio, total, key, mutatiegrens and rounding, read on
    the same date, so `verdeelwijzer bereken` gives the same whole numbers for the first year. An
    ingroeipad from an assumed current distribution cannot be written (the schema needs a `huidig` file)."""
    import json

    from verdeelwijzer import __version__

    def q(tekst: str) -> str:
        return json.dumps(tekst, ensure_ascii=False)  # a double-quoted YAML scalar

    sleutel = ", ".join(f"{k}: {_decimaal(w / 100, f'gewicht {k}')}" for k, w in v.gewichten.items() if w)
    if regio.soort == "eigen":
        regio_regel = "regio: [" + ", ".join(q(g.naam(c)) for c in sorted(regio.gemeentecodes, key=g.naam)) + "]"
    else:
        regio_regel = f"regio: {q(regio.sleutel)}"
    jaren = v.jaren if v.ingroeipad != "geen" else 1
    regels = [
        f"# Afsprakenkader gemaakt door Verdeelwijzer {__version__} uit de verdeelverkenner op {vandaag.isoformat()}.",
        "# CONCEPT: vul besluit, periode en omschrijving aan voordat dit een afspraak wordt.",
        "# Controleren: verdeelwijzer afspraken controleer BESTAND.yaml — doorrekenen: verdeelwijzer bereken "
        "BESTAND.yaml",
    ]
    if query:
        regels.append(f"# Instellingen in de verkenner: /verdeling?{query}")
    regels += [
        f"naam: {q(f'Verdeling {v.eenheid} {regio.naam} (concept uit de verkenner)')}",
        f"scenario: {q('verkenner: ' + v.sleutel_tekst())}",
        f"omschrijving: {q(f'Totaal {v.totaal} per jaar, sleutel {v.sleutel_tekst()}, afronding {v.methode}.')}",
        regio_regel,
        f"periode: {{start: {vandaag.year}, jaren: {jaren}}}",
        "# De regels (o.a. de mutatiegraad waarmee ontbrekende verhuringen worden geschat) gelden op dezelfde",
        "# dag als in de verkenner, zodat de uitkomst gelijk is.",
        f"peildatum: {vandaag.isoformat()}",
    ]
    if eigen_bestanden:
        regels += ["# De verkenner gebruikte eigen cijfers uit deze bestanden (pagina Gegevens). Zet ze naast dit",
                   "# afsprakenbestand; namen zijn relatief ten opzichte van dit bestand.",
                   "gegevens:"] + [f"  - {q(n)}" for n in eigen_bestanden]
    if v.mutatiegrens is not None:
        regels.append(f"aandeel_urgenten: {{maximum: {_decimaal(v.mutatiegrens / 100, 'mutatiegrens')}}}")
    regels += [
        "categorieen:",
        f"  - naam: {q('urgente ' + v.eenheid if v.eenheid != 'huishoudens' else 'urgente woningzoekenden')}",
        f"    totaal: {{per_jaar: {v.totaal}}}",
        f"    sleutel: {{{sleutel}}}",
    ]
    if v.mutatiegrens is not None:
        regels.append(f"    plafond: {{mutatiegrens: {_decimaal(v.mutatiegrens / 100, 'mutatiegrens')}}}")
    regels.append(f"    afronding: {v.methode}")
    if v.loting_seed is not None:
        regels += ["    bij_gelijke_stand: loting", f"    seed: {v.loting_seed}"]
    if v.ingroeipad != "geen":
        regels += [
            f"    # Ingroeipad '{v.ingroeipad}' over {v.jaren} jaar is NIET opgenomen: de verkenner gaat uit van een",
            f"    # aangenomen huidige verdeling (naar rato van '{v.huidig_kolom}'), en een afsprakenkader vraagt de",
            "    # werkelijke huidige verdeling als bestand. Voeg die zo toe (CSV met gemeente en kolom 'aantal'):",
            "    # ingroeipad: {huidig: huidige_verdeling.csv, jaren: " + str(v.jaren) + ", methode: "
            + ("begrensd, max_stijging: 0.2, max_daling: 0.1}" if v.ingroeipad == "begrensd" else "lineair}"),
        ]
    return "\n".join(regels) + "\n"


@router.get("/download/afsprakenkader.yaml")
def download_afsprakenkader(request: Request, *, _: Lezer) -> Response:
    """The afsprakenkader file of the explorer's current settings (only for settings that compute)."""
    from datetime import date

    v = verzoek_uit_query(_query(request))
    regio, _u, _r = bereken(request, v)
    toestand = request.app.state.toestand
    tekst = afsprakenkader_tekst(v, regio, toestand.gegevens, [p.name for p in toestand.bestanden()], date.today(),
                                 str(request.url.query))
    naam = "".join(c if c.isalnum() or c in "-_" else "_" for c in regio.naam).strip("_") or "regio"
    return Response(tekst.encode("utf-8"), media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="afsprakenkader_{naam}.yaml"'})


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    naam: str = Field(min_length=1, max_length=60)
    sleutel: str = Field(min_length=1, max_length=500, description="bv. 'huishoudens=50%; mutaties=50%'")


def vergelijk_tabel(request: Request, v: VerdeelVerzoek, scenarios: list[Scenario]) -> tuple[Tabel, Any]:
    """The API's and download's comparison of typed keys (`Scenario.sleutel`, shares adding up to 1)."""
    from verdeelwijzer.verdeling.sleutel import parse_sleutel
    from verdeelwijzer.web.scenarios import vergelijk_scenarios

    beeld = vergelijk_scenarios(request.app.state.toestand, v,
                                [(s.naam, parse_sleutel(s.sleutel), s.sleutel) for s in scenarios])
    return beeld.tabel, beeld.vergelijking


def _scenario_beeld(request: Request, params: dict[str, str]) -> tuple[VerdeelVerzoek, list[Any], Any]:
    """The scenario form (same sliders as /verdeling) → settings, the four cards and the comparison."""
    from verdeelwijzer.web.scenarios import actieve, kaarten_uit_query, vergelijk_scenarios

    kaarten = kaarten_uit_query(params)
    v = verzoek_uit_query({k: w for k, w in params.items() if not k.startswith(("gewicht_", "naam_", "sleutel_"))})
    gebruikt = actieve(kaarten)
    beeld = vergelijk_scenarios(request.app.state.toestand, v, [
        (k.titel, {i: w / 100 for i, w in k.gewichten.items() if w}, sleutel_woorden(k.gewichten))
        for k in gebruikt])
    return v, kaarten, beeld


@router.get("/scenarios", response_class=HTMLResponse)
def scenarios(request: Request, *, _: Lezer) -> Response:
    from urllib.parse import quote

    from verdeelwijzer.fouten import VerdeelwijzerFout
    from verdeelwijzer.web.kaart import naamlabels
    from verdeelwijzer.web.paginas import is_fragment, render
    from verdeelwijzer.web.scenarios import LETTERS, kaarten_uit_query, met_teken, verschildiagrammen, verschilkaart


    toestand = request.app.state.toestand
    g = toestand.gegevens
    params = _query(request)
    fout = beeld = kaart = None
    diagrammen: list[Any] = []
    labels: list[Any] = []
    kaarten = kaarten_uit_query(params)
    v = kaart_v = VerdeelVerzoek()
    try:
        v, kaarten, beeld = _scenario_beeld(request, params)
        if len(beeld.titels) > 1:
            diagrammen = verschildiagrammen(beeld, v.eenheid)
            gevraagd = params.get("kaart", "")
            index = LETTERS.index(gevraagd) if gevraagd in tuple(LETTERS[1:]) else 1
            index = min(index, len(beeld.titels) - 1)
            kaart = verschilkaart(beeld, index, v.eenheid)
            labels = naamlabels(kaart)
            gekozen_kaart = [k for k in kaarten if k.actief][index]
            kaart_v = v.model_copy(update={"gewichten": {i: w for i, w in gekozen_kaart.gewichten.items() if w}})
    except VerdeelwijzerFout as e:
        fout = str(e)
    regio = toestand.regio(v.regio)  # the user's regio once it computed, else the default
    kaart_letter = params.get("kaart", "B") if params.get("kaart", "B") in tuple(LETTERS[1:]) else "B"
    query = query_van(v.model_copy(update={"gewichten": {}}), kaart=kaart_letter) + "".join(
        f"&naam_{i}={quote(k.naam)}" + "".join(f"&gewicht_{i}_{quote(g_)}={quote(pct_tekst(w, url=True))}"
                                             for g_, w in k.gewichten.items() if w)
        for i, k in enumerate(kaarten, start=1) if k.actief)
    extra = {"v": v, "kaarten": kaarten, "beeld": beeld, "fout": fout, "diagrammen": diagrammen, "kaart": kaart,
             "labels": labels, "query": query, "met_teken": met_teken, "letters": LETTERS,
             "kaart_letter": kaart_letter,
             "link": lambda **w: "/verdeling?" + query_van(kaart_v, **w),  # the mapped scenario in the explorer
             "gewicht_tekst": lambda k: {i: pct_tekst(w) for i, w in k.gewichten.items()},
             "indicatoren": [(k, g.kolommen[k], indicator_label(k)) for k in STANDAARD_INDICATOREN]}
    if is_fragment(request) and request.headers.get("HX-Target") == "scenario-uitkomst":
        return render(request, "_scenarios_uitkomst.html", **extra)
    return render(request, "scenarios.html", status_code=422 if fout else 200, titel="Scenario's",
                  regios=toestand.regios, regio=regio, methoden=METHODEN, **extra)


@router.get("/download/scenarios.{formaat}")
def download_scenarios(request: Request, *, formaat: str, _: Lezer) -> Response:
    from verdeelwijzer.web.paginas import download as stuur

    _v, _k, beeld = _scenario_beeld(request, _query(request))
    return stuur(beeld.tabel, formaat)


# -- JSON API ---------------------------------------------------------------------------------------


def _exact(x: Any) -> Any:
    if x is None:
        return None
    return {"breuk": str(x), "waarde": float(x)}


@api_router.post("", summary="Verdeling berekenen (rekent alleen; wijzigt niets)")
def api_verdeel(request: Request, *, verzoek: VerdeelVerzoek, uitleg: bool = False,
                _: Lezer) -> Response:
    """Run the allocation engine for a region. Exact quota come back as fraction text plus a float;
    `uitleg=true` adds the engine's full explanation (per gemeente)."""
    from fastapi.encoders import jsonable_encoder
    from fastapi.responses import JSONResponse

    # The serialised answer is cached with the computation (same settings, same data: same bytes).
    generatie = request.app.state.toestand.generatie
    sleutel = ("api-verdeling", generatie, repr(sorted(verzoek.model_dump().items())), uitleg)
    inhoud = request.app.state.paginacache.haal(
        sleutel, lambda: JSONResponse(jsonable_encoder(_api_verdeling(request, verzoek, uitleg))).body)
    return Response(inhoud, media_type="application/json")


def _api_verdeling(request: Request, verzoek: VerdeelVerzoek, uitleg: bool) -> dict[str, Any]:
    regio, u, regulier = bereken(request, verzoek)
    g = request.app.state.toestand.gegevens
    uit: dict[str, Any] = {
        "regio": {"sleutel": regio.sleutel, "naam": regio.naam},
        "instellingen": verzoek.model_dump(mode="json"),
        "totaal": u.totaal, "totaal_aantal": u.totaal_aantal, "haalbaar": u.haalbaar,
        "tekort": _exact(u.tekort), "waarschuwingen": list(u.waarschuwingen),
        "gemeenten": [{
            "gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam, "aandeel": _exact(r.aandeel),
            "quotum": _exact(r.quotum), "plafond": _exact(r.plafond), "aantal": r.aantal,
            "plafond_geraakt": r.plafond_geraakt, "vloer_geraakt": r.vloer_geraakt,
            "regulier_rest": _exact(reg.rest), "regulier_aandeel": _exact(reg.aandeel),
            "bronnen": {k: g.bron(r.gemeentecode, k).als_dict() for k, w in verzoek.gewichten.items() if w},
        } for r, reg in zip(u.regels, regulier.regels, strict=True)],
    }
    if u.ingroeipad is not None:
        uit["ingroeipad"] = [{**r, "quotum": _exact(r["quotum"])} for r in u.ingroeipad.tabel()]
    if uitleg:
        uit["uitleg"] = u.uitleg.als_dict()
    return uit


@api_router.post("/afsprakenkader", summary="Afsprakenkader (YAML) van deze instellingen",
                 response_class=Response, responses={200: {"content": {"application/yaml": {}}}})
def api_afsprakenkader(request: Request, *, verzoek: VerdeelVerzoek, _: Lezer) -> Response:
    """The settings as an afsprakenkader file that `verdeelwijzer bereken` (and /api/afspraken/bereken) reads;
    same whole numbers for the first year. An ingroeipad is left out (it needs a file with the current
    distribution); a comment in the file says how to add it."""
    from datetime import date

    regio, _u, _r = bereken(request, verzoek)
    toestand = request.app.state.toestand
    tekst = afsprakenkader_tekst(verzoek, regio, toestand.gegevens, [p.name for p in toestand.bestanden()],
                                 date.today())
    return Response(tekst.encode("utf-8"), media_type="application/yaml; charset=utf-8")


class VergelijkVerzoek(BaseModel):
    model_config = ConfigDict(extra="forbid")
    instellingen: VerdeelVerzoek = Field(default_factory=VerdeelVerzoek)
    scenarios: list[Scenario] = Field(min_length=1, max_length=6)


@api_router.post("/vergelijk", summary="Scenario's (sleutels) vergelijken")
def api_vergelijk(request: Request, *, verzoek: VergelijkVerzoek,
                  _: Lezer) -> dict[str, Any]:
    tabel, _ = vergelijk_tabel(request, verzoek.instellingen, verzoek.scenarios)
    return {"gemeenten": [{k: float(w) if isinstance(w, Fraction) else w for k, w in r.items() if not k.startswith("_")}
                          for r in tabel.rijen],
            "toelichting": tabel.voetnoten}


__all__ = ["api_router", "procent", "router"]
