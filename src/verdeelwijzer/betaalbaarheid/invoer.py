"""Reading a region's programme file (CSV or Excel) and an optional separate plan file.

Programme file, one row per gemeente of the region:

    gemeente (gemeentecode or gemeentenaam) | gecontracteerd | niet_gecontracteerd
    optional plan per segment (all four or none): sociale_huur | middenhuur | betaalbare_koop | vrije_sector
    optional ontheffing (both or none): ontheffing_percentage (e.g. 20 for 20 %) | ontheffing_besluit
    ignored: opmerking, bron, peildatum, toelichting

Numbers of homes are whole numbers ≥ 0; a plan's four segments add up to gecontracteerd +
niet_gecontracteerd. Every problem is collected and reported at once (file, row, column, what was
expected); nothing is used unless the whole file is valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.betaalbaarheid.model import SEGMENTEN_PLAN, Ontheffing, Plan, Programmaregel
from verdeelwijzer.gegevens.invoer import (
    METAKOLOMMEN,
    SLEUTELKOLOMMEN,
    Tabelbestand,
    gemeente_rijen,
    gemeentekolom,
    kolomnaam,
    leeg_sjabloon,
    lees_exact_getal,
    lees_getal,
    lees_tabelbestand,
    meld,
    sjabloon_nog_leeg,
    waar,
)
from verdeelwijzer.gegevens.namen import GemeenteZoeker

PROGRAMMA_KOLOMMEN = ("gecontracteerd", "niet_gecontracteerd")
ONTHEFFING_KOLOMMEN = ("ontheffing_percentage", "ontheffing_besluit")
GENEGEERD = (*METAKOLOMMEN, "toelichting")
# Names users commonly give to the programme columns.
ALIASSEN: dict[str, str] = {
    "niet_gecontracteerde_woningen": "niet_gecontracteerd",
    "gecontracteerde_woningen": "gecontracteerd",
    "nog_niet_gecontracteerd": "niet_gecontracteerd",
    "ontheffing": "ontheffing_percentage",
    "ontheffing_pct": "ontheffing_percentage",
    "ontheffingspercentage": "ontheffing_percentage",
    "besluit": "ontheffing_besluit",
    "ontheffingsbesluit": "ontheffing_besluit",
    "sociaal": "sociale_huur",
    "sociale_huurwoningen": "sociale_huur",
    "vrije_sector_huur_en_koop": "vrije_sector",
    "duur": "vrije_sector",
}
VOORBEELD_KOP = "gemeentenaam, gecontracteerd, niet_gecontracteerd"


def _naam(kop: str) -> str:
    n = kolomnaam(kop)
    return ALIASSEN.get(n, n)


def geheel_aantal(tekst: str, decimale_komma: bool) -> int:
    """A whole number of homes ≥ 0; ValueError with a Dutch reason otherwise."""
    getal = lees_getal(tekst, decimale_komma)
    if getal != getal or getal in (float("inf"), float("-inf")):
        raise ValueError(f"'{tekst.strip()}' is geen eindig getal")
    if getal < 0:
        raise ValueError(f"negatief aantal {tekst.strip()}; verwacht een geheel aantal woningen ≥ 0")
    if not float(getal).is_integer():
        raise ValueError(f"'{tekst.strip()}' is geen geheel aantal woningen; verwacht een geheel getal ≥ 0")
    return int(getal)


def percentage(tekst: str, decimale_komma: bool) -> Fraction:
    """An ontheffing percentage (20 or 20 % for 20 %) as an exact share 0 ≤ x < 1; ValueError otherwise."""
    t = tekst.strip().replace("\u00a0", "").replace(" ", "")
    if t.endswith("%"):
        t = t[:-1]
    waarde = lees_exact_getal(t, decimale_komma)  # bounded, exact; ValueError with its Dutch message
    if waarde < 0 or waarde >= 100:
        raise ValueError(f"percentage {tekst.strip()} ligt niet tussen 0 en 100 (verwacht bv. 20 voor 20 %)")
    if 0 < waarde < 1:
        raise ValueError(
            f"percentage {tekst.strip()} lijkt een fractie; schrijf het percentage, bv. 20 voor 20 % (0 mag)"
        )
    return waarde / 100


def _kolommen(tabel: Tabelbestand, toegestaan: Sequence[str], fouten: list[str]) -> tuple[int, dict[str, int]]:
    """Index of the gemeente column and of every known column; unknown or duplicate columns are errors."""
    sleutel_i, _ = gemeentekolom(tabel)
    gevonden: dict[str, int] = {}
    for i, kop in enumerate(tabel.kop):
        naam = _naam(kop)
        if i == sleutel_i or naam in GENEGEERD:
            continue
        if naam in SLEUTELKOLOMMEN:
            gevonden.setdefault(naam, i)
            continue
        if not naam:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom {i + 1} heeft geen naam.")
        elif naam not in toegestaan:
            fouten.append(
                f"{waar(tabel.pad, 1, kop)}: onbekende kolom. Verwacht: gemeentecode of gemeentenaam, "
                f"{', '.join(toegestaan)} (en eventueel {', '.join(GENEGEERD)})."
            )
        elif naam in gevonden:
            fouten.append(f"{waar(tabel.pad, 1, kop)}: kolom komt twee keer voor.")
        else:
            gevonden[naam] = i
    return sleutel_i, gevonden


def _lees_plan(tabel: Tabelbestand, rijnr: int, cellen: list[str], kolommen: dict[str, int],
               verplicht: bool, fouten: list[str]) -> Plan | None:
    """The four plan cells of a row: all filled (a Plan), all empty (None), or an error."""
    gevuld = {s: cellen[kolommen[s]].strip() for s in SEGMENTEN_PLAN}
    if not any(gevuld.values()) and not verplicht:
        return None
    leeg = [tabel.kop[kolommen[s]] for s in SEGMENTEN_PLAN if not gevuld[s]]
    if leeg:
        fouten.append(
            f"{waar(tabel.pad, rijnr, leeg[0])}: plan onvolledig; vul alle vier de segmenten in "
            f"({', '.join(SEGMENTEN_PLAN)}), ook als een segment 0 is"
            + ("." if verplicht else ", of laat ze alle vier leeg.")
        )
        return None
    waarden: dict[str, int] = {}
    for s in SEGMENTEN_PLAN:
        try:
            waarden[s] = geheel_aantal(gevuld[s], tabel.decimale_komma)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kolommen[s]])}: {e}.")
    if len(waarden) != len(SEGMENTEN_PLAN):
        return None
    return Plan(**waarden)


def valideer_programma(
    tabel: Tabelbestand,
    zoeker: GemeenteZoeker,
    regio_codes: Sequence[str] | None = None,
    regio_naam: str = "de regio",
) -> list[Programmaregel]:
    """Turn a programme table into `Programmaregel`s, or raise one InvoerFout listing every problem."""
    fouten: list[str] = []
    toegestaan = (*PROGRAMMA_KOLOMMEN, *SEGMENTEN_PLAN, *ONTHEFFING_KOLOMMEN)
    sleutel_i, kol = _kolommen(tabel, toegestaan, fouten)
    kol.pop("gemeentenaam", None)  # a name column next to the code is cross-checked by gemeente_rijen
    kol.pop("gemeentecode", None)
    for k in PROGRAMMA_KOLOMMEN:
        if k not in kol:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom '{k}' ontbreekt. Verwacht minstens: {VOORBEELD_KOP}.")
    plan_kolommen = [s for s in SEGMENTEN_PLAN if s in kol]
    if plan_kolommen and len(plan_kolommen) < len(SEGMENTEN_PLAN):
        missend = [s for s in SEGMENTEN_PLAN if s not in kol]
        fouten.append(
            f"{waar(tabel.pad, 1)}: het plan per segment vraagt alle vier de kolommen; "
            f"ontbreekt: {', '.join(missend)}."
        )
    heeft_plan = len(plan_kolommen) == len(SEGMENTEN_PLAN)
    ontheffing_kolommen = [k for k in ONTHEFFING_KOLOMMEN if k in kol]
    if len(ontheffing_kolommen) == 1:
        missend = next(k for k in ONTHEFFING_KOLOMMEN if k not in kol)
        fouten.append(f"{waar(tabel.pad, 1)}: een ontheffing vraagt beide kolommen; ontbreekt: {missend}.")
    heeft_ontheffing = len(ontheffing_kolommen) == 2
    if fouten:  # without the right columns, row errors would only repeat the same problem
        raise meld(fouten, f"Het programmabestand '{tabel.pad}' is niet ingelezen:")
    waarden = [kol[k] for k in (*PROGRAMMA_KOLOMMEN, *plan_kolommen, *ontheffing_kolommen)]
    if sjabloon_nog_leeg(tabel, waarden):  # the template, sent back unchanged
        raise leeg_sjabloon(tabel, "programmabestand", PROGRAMMA_KOLOMMEN, "Er is niets berekend.")

    resultaat: list[Programmaregel] = []
    gezien: set[str] = set()
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=regio_codes,
                                              buiten=f"hoort niet bij {regio_naam}"):
        gezien.add(code)
        aantallen: dict[str, int] = {}
        for k in PROGRAMMA_KOLOMMEN:
            cel = cellen[kol[k]]
            if not cel.strip():
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol[k]])}: leeg; verwacht een geheel aantal "
                              "woningen ≥ 0 (0 als er niets is).")
                continue
            try:
                aantallen[k] = geheel_aantal(cel, tabel.decimale_komma)
            except ValueError as e:
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol[k]])}: {e}.")
        plan = _lees_plan(tabel, rijnr, cellen, kol, False, fouten) if heeft_plan else None
        ontheffing = _lees_ontheffing(tabel, rijnr, cellen, kol, fouten) if heeft_ontheffing else None
        if len(aantallen) != len(PROGRAMMA_KOLOMMEN):
            continue
        totaal = aantallen["gecontracteerd"] + aantallen["niet_gecontracteerd"]
        if plan is not None and plan.totaal != totaal:
            fouten.append(
                f"{waar(tabel.pad, rijnr, tabel.kop[kol['vrije_sector']])}: het plan telt op tot "
                f"{plan.totaal} woningen (sociale_huur + middenhuur + betaalbare_koop + vrije_sector), maar "
                f"gecontracteerd + niet_gecontracteerd = {totaal}; verwacht dat die gelijk zijn."
            )
            continue
        resultaat.append(Programmaregel(
            gemeentecode=code, gecontracteerd=aantallen["gecontracteerd"],
            niet_gecontracteerd=aantallen["niet_gecontracteerd"], plan=plan, ontheffing=ontheffing,
            herkomst=waar(tabel.pad, rijnr), plan_herkomst=waar(tabel.pad, rijnr) if plan else "",
        ))
    if regio_codes is not None:
        ontbreekt = [c for c in regio_codes if c not in gezien]
        if ontbreekt:
            namen = ", ".join(sorted(zoeker.namen[c] for c in ontbreekt))
            fouten.append(
                f"{waar(tabel.pad, 1)}: gemeenten van {regio_naam} ontbreken: {namen}. Voeg voor elke gemeente "
                "een regel toe (met 0 als er niets wordt gebouwd)."
            )
    if fouten:
        raise meld(fouten, f"Het programmabestand '{tabel.pad}' is niet ingelezen:")
    return resultaat


def _lees_ontheffing(tabel: Tabelbestand, rijnr: int, cellen: list[str], kol: dict[str, int],
                     fouten: list[str]) -> Ontheffing | None:
    pct_i, besluit_i = kol["ontheffing_percentage"], kol["ontheffing_besluit"]
    pct, besluit = cellen[pct_i].strip(), cellen[besluit_i].strip()
    if not pct and not besluit:
        return None
    if not besluit:
        fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[besluit_i])}: leeg; een ontheffing vraagt de "
                      "vindplaats van het besluit (kenmerk of datum en orgaan).")
        return None
    if not pct:
        fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[pct_i])}: leeg; bij een ontheffingsbesluit hoort het "
                      "verlaagde percentage (bv. 20 voor 20 %).")
        return None
    try:
        return Ontheffing(aandeel=percentage(pct, tabel.decimale_komma), besluit=besluit)
    except ValueError as e:
        fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[pct_i])}: {e}.")
        return None


def valideer_plan(tabel: Tabelbestand, zoeker: GemeenteZoeker,
                  programma: Sequence[Programmaregel]) -> list[Programmaregel]:
    """Add the plans of a separate plan file to the programme; one InvoerFout lists every problem."""
    fouten: list[str] = []
    sleutel_i, kol = _kolommen(tabel, SEGMENTEN_PLAN, fouten)
    kol.pop("gemeentenaam", None)  # a name column next to the code is cross-checked by gemeente_rijen
    kol.pop("gemeentecode", None)
    missend = [s for s in SEGMENTEN_PLAN if s not in kol]
    if missend:
        fouten.append(f"{waar(tabel.pad, 1)}: kolom(men) ontbreken: {', '.join(missend)}. Verwacht: gemeentecode "
                      f"of gemeentenaam, {', '.join(SEGMENTEN_PLAN)}.")
    if not tabel.rijen:
        fouten.append(f"{waar(tabel.pad, 1)}: alleen een kopregel, geen gemeenten.")
    if fouten:
        raise meld(fouten, f"Het planbestand '{tabel.pad}' is niet ingelezen:")
    per_code = {r.gemeentecode: r for r in programma}
    nieuw: dict[str, Programmaregel] = {}
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=per_code,
                                              buiten="staat niet in het programmabestand"):
        plek = waar(tabel.pad, rijnr, tabel.kop[sleutel_i])
        regel = per_code[code]
        if regel.plan is not None:
            fouten.append(f"{plek}: het plan van '{cellen[sleutel_i].strip()}' staat ook in het programmabestand "
                          f"({regel.plan_herkomst}); geef het plan op één plek.")
            continue
        plan = _lees_plan(tabel, rijnr, cellen, kol, True, fouten)
        if plan is None:
            continue
        if plan.totaal != regel.totaal:
            fouten.append(
                f"{waar(tabel.pad, rijnr, tabel.kop[kol['vrije_sector']])}: het plan telt op tot {plan.totaal} "
                f"woningen, maar het programma ({regel.herkomst}) heeft gecontracteerd + niet_gecontracteerd = "
                f"{regel.totaal}; verwacht dat die gelijk zijn."
            )
            continue
        nieuw[code] = replace(regel, plan=plan, plan_herkomst=waar(tabel.pad, rijnr))
    if fouten:
        raise meld(fouten, f"Het planbestand '{tabel.pad}' is niet ingelezen:")
    return [nieuw.get(r.gemeentecode, r) for r in programma]


def lees_programma(pad: Path, zoeker: GemeenteZoeker, regio_codes: Sequence[str] | None = None,
                   regio_naam: str = "de regio", plan: Path | None = None) -> list[Programmaregel]:
    """Read and validate a programme file (and optionally a separate plan file); all or nothing."""
    programma = valideer_programma(lees_tabelbestand(Path(pad)), zoeker, regio_codes, regio_naam)
    if plan is not None:
        programma = valideer_plan(lees_tabelbestand(Path(plan)), zoeker, programma)
    return programma
