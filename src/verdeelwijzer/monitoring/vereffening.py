"""Settlement (vereffening) between gemeenten for over/under delivery in one period. Pure arithmetic.

Raw over/under delivery (realised − agreed target) only nets to zero when the region as a whole
realised exactly its target. To make the settlement zero-sum we measure each gemeente against its
share of what the *region actually realised*:

    graad_regio = R / D                  (R = realised by all gemeenten, D = their agreed targets)
    verwacht_g  = doel_g × graad_regio    (the gemeente's fair share of the realised total)
    afwijking_g = gerealiseerd_g − verwacht_g
    bedrag_g    = afwijking_g × tarief    (+ receives, − pays)

Σ verwacht_g = R, so Σ afwijking_g = 0 and Σ bedrag_g = 0 exactly (Fractions). Amounts are then rounded
to whole cents so that they still sum to zero: every amount is rounded down and the missing cents go to
the largest remainders; a tie on the last cent is broken by gemeentecode and reported.

The settlement uses the period's *agreed* targets of all categories together (not the carried-over
adjusted targets): it settles that period's delivery; the ledger's carry-over is the other instrument.
A region chooses which of the two (or both) it applies.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.monitoring.model import MonitoringInvoer


@dataclass(frozen=True)
class Vereffeningsregel:
    gemeentecode: str
    doel: int
    gerealiseerd: int
    verwacht: Fraction
    afwijking: Fraction
    bedrag: Fraction  # exact, euro
    bedrag_centen: int  # rounded, zero-sum over the region
    berekening: str


@dataclass(frozen=True)
class Vereffening:
    periode: str
    tarief: Fraction
    regio_doel: int
    regio_gerealiseerd: int
    graad_regio: Fraction
    regels: tuple[Vereffeningsregel, ...]
    toelichting: tuple[str, ...]


def euro(bedrag: Fraction | int, teken: bool = False) -> str:
    """Dutch money text, exact to the cent (rounded half away from zero): € 1.234,50."""
    centen = _rond_centen(Fraction(bedrag))
    negatief = centen < 0
    e, c = divmod(abs(centen), 100)
    tekst = f"€ {e:,}".replace(",", ".") + f",{c:02d}"
    if negatief:
        return "−" + tekst
    return ("+" + tekst) if teken and centen > 0 else tekst


def _rond_centen(bedrag: Fraction) -> int:
    c = bedrag * 100
    n = math.floor(abs(c) + Fraction(1, 2))
    return n if c >= 0 else -n


def breuk_tekst(x: Fraction) -> str:
    """Exact fraction with a decimal approximation: '23/25 (0,92)'."""
    if x.denominator == 1:
        return str(x.numerator)
    dec = f"{float(x):.4f}".rstrip("0").replace(".", ",")
    return f"{x.numerator}/{x.denominator} (≈ {dec})"


def vereffening(invoer: MonitoringInvoer, periode: str) -> Vereffening:
    """The settlement for `periode`; raise VerdeelwijzerFout when no tariff or no targets exist."""
    if invoer.vereffening_tarief is None:
        raise VerdeelwijzerFout("Het afsprakenkader bevat geen vereffeningstarief; er is geen vereffening afgesproken.")
    codes = {p.code for p in invoer.perioden}
    if periode not in codes:
        raise VerdeelwijzerFout(f"Onbekende periode '{periode}'. Bekende perioden: {', '.join(sorted(codes))}.")
    tarief = invoer.vereffening_tarief
    doelen: dict[str, int] = defaultdict(int)
    real: dict[str, int] = defaultdict(int)
    for d in invoer.doelen:
        if d.periode == periode:
            doelen[d.gemeentecode] += d.aantal
    for r in invoer.realisaties:
        if r.periode == periode:
            real[r.gemeentecode] += r.aantal
    gemeenten = sorted(set(invoer.gemeenten) | set(doelen) | set(real))
    totaal_doel, totaal_real = sum(doelen.values()), sum(real.values())
    if totaal_doel <= 0:
        raise VerdeelwijzerFout(f"Periode '{periode}' heeft geen doelen; een vereffening is niet te berekenen.")
    graad = Fraction(totaal_real, totaal_doel)

    exact: dict[str, tuple[Fraction, Fraction, Fraction]] = {}
    for g in gemeenten:
        verwacht = doelen[g] * graad
        afwijking = real[g] - verwacht
        exact[g] = (verwacht, afwijking, afwijking * tarief)
    centen, toelichting_afronding = centen_nulsom({g: b for g, (_, _, b) in exact.items()})

    regels = []
    for g in gemeenten:
        verwacht, afwijking, bedrag = exact[g]
        berekening = (
            f"gerealiseerd {real[g]} − verwacht {breuk_tekst(verwacht)} (doel {doelen[g]} × regionale "
            f"realisatiegraad {breuk_tekst(graad)}) = afwijking {breuk_tekst(afwijking)}; "
            f"× tarief {euro(tarief)} = {euro(bedrag, teken=True)}"
        )
        regels.append(Vereffeningsregel(g, doelen[g], real[g], verwacht, afwijking, bedrag, centen[g], berekening))
    toelichting = [
        f"Regio: gerealiseerd {totaal_real} van doel {totaal_doel}; regionale realisatiegraad "
        f"{breuk_tekst(graad)}.",
        "Verwacht = doel × regionale realisatiegraad; afwijking = gerealiseerd − verwacht; "
        "bedrag = afwijking × tarief (positief: ontvangt, negatief: betaalt).",
        "De som van alle bedragen is precies € 0,00 (nulsom): iedere gemeente wordt gemeten aan haar aandeel "
        "in wat de regio werkelijk realiseerde.",
        f"Tarief: {euro(tarief)} per woning boven of onder het verwachte aantal.",
        *toelichting_afronding,
    ]
    return Vereffening(periode, tarief, totaal_doel, totaal_real, graad, tuple(regels), tuple(toelichting))


def centen_nulsom(bedragen: dict[str, Fraction]) -> tuple[dict[str, int], list[str]]:
    """Round exact amounts (summing to 0) to cents that still sum to 0 (largest remainder)."""
    exact = {g: b * 100 for g, b in bedragen.items()}
    omlaag = {g: math.floor(c) for g, c in exact.items()}
    tekort = -sum(omlaag.values())  # Σ exact = 0, so this many cents must go up
    if tekort == 0:
        return omlaag, []
    rest = {g: exact[g] - omlaag[g] for g in exact}
    volgorde = sorted(rest, key=lambda g: (-rest[g], g))
    gekozen = volgorde[:tekort]
    noten = [f"Afronding op centen: {tekort} cent(en) naar boven afgerond bij de grootste resten "
             f"({', '.join(gekozen)}), zodat de som nul blijft."]
    if tekort < len(volgorde) and rest[volgorde[tekort - 1]] == rest[volgorde[tekort]]:
        gelijk = sorted(g for g in rest if rest[g] == rest[volgorde[tekort - 1]])
        noten.append(f"Gelijke rest bij {', '.join(gelijk)}: de cent ging op volgorde van gemeentecode.")
    for g in gekozen:
        omlaag[g] += 1
    return omlaag, noten
