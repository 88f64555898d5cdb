"""Monitoring of realised places per woonvorm and the cross-group balance over time. Pure: works on the
agreement's `WoonvormenInvoer`, its computed proposal and plain realised figures; reads nothing.

Per year t of the period, cumulatively: realised contribution C_m(t) = start_m + Σ_w gewicht_w · Σ_{j ≤ t} R_mwj,
where start_m is what already counted before the period (the agreement's `gerealiseerd` and the capacity of the
regional facilities in use that m hosts, as in the plan balance). Fair part F_m(t) = aandeel_m · Σ_k C_k(t),
balance C_m(t) − F_m(t): the same definition (`verdeling.balans.evenredige_balans`) and the same key as the plan
balance, so every year sums to exactly 0. Next to it the plan: the weighted minimum proposal up to t (a period
target counts in the last year), so a gemeente sees whether it is ahead of or behind its own proposal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.verdeling.balans import evenredige_balans
from verdeelwijzer.woonvormen.model import WoonvormenInvoer, WoonvormenUitkomst


@dataclass(frozen=True)
class Realisatie:
    """Places of one woonvorm realised (opened, occupied for the first time) in a gemeente in a year."""

    gemeentecode: str
    woonvorm: str
    jaar: int
    aantal: int


@dataclass(frozen=True)
class Jaarbalans:
    jaar: int
    gemeentecode: str
    gemeentenaam: str
    gerealiseerd: int  # places realised up to and including this year (unweighted, all woonvormen)
    bijdrage: Fraction  # weighted, cumulative, including the start
    voorstel: Fraction  # weighted minimum proposal up to this year, including the start
    evenredig_deel: Fraction
    balans: Fraction

    @property
    def ten_opzichte_van_voorstel(self) -> Fraction:
        return self.bijdrage - self.voorstel


@dataclass(frozen=True)
class Woonvormjaar:
    """Region totals per woonvorm and year: realised that year and cumulative, against the cumulative target."""

    woonvorm: str
    naam: str
    jaar: int
    gerealiseerd: int
    gerealiseerd_cumulatief: int
    doel_cumulatief: int  # minimum target up to this year


@dataclass(frozen=True)
class BalansOverTijd:
    jaren: tuple[int, ...]
    regels: tuple[Jaarbalans, ...]
    woonvormen: tuple[Woonvormjaar, ...]
    uitleg: tuple[str, ...]


def balans_over_tijd(invoer: WoonvormenInvoer, plan: WoonvormenUitkomst,
                     realisaties: Iterable[Realisatie]) -> BalansOverTijd:
    from verdeelwijzer.verdeling.getallen import nl
    from verdeelwijzer.woonvormen.berekening import balans_aandelen

    spec = invoer.specialisatie
    if spec is None:
        raise InvoerFout("Voor de balans over tijd zijn wegingsfactoren nodig: geef in het afsprakenkader de sectie "
                         "'specialisatie' met 'gewichten'.")
    codes = tuple(invoer.basis.gemeentecodes)
    namen = tuple(invoer.basis.gemeentenamen)
    lijst = list(realisaties)
    jaren = tuple(invoer.jaren)
    fouten = []
    for r in lijst:
        if r.gemeentecode not in codes:
            fouten.append(f"gemeente {r.gemeentecode} hoort niet bij de regio")
        if r.woonvorm not in spec.gewichten:
            fouten.append(f"woonvorm '{r.woonvorm}' heeft geen wegingsfactor")
        if r.jaar not in jaren:
            fouten.append(f"jaar {r.jaar} valt buiten de periode {jaren[0]}–{jaren[-1]}")
        if r.aantal < 0:
            fouten.append(f"aantal {r.aantal} is negatief")
    if fouten:
        raise InvoerFout("Gerealiseerde plekken:\n" + "\n".join(f"  - {f}" for f in sorted(set(fouten))))
    # Years after the last one with figures have not been reported yet: not drawn as "nothing realised".
    laatste = max((r.jaar for r in lijst), default=jaren[0])
    jaren = tuple(j for j in jaren if j <= laatste)
    aandelen = balans_aandelen(invoer)
    start = [Fraction(0)] * len(codes)
    for v in invoer.voorzieningen:
        if v.telt_mee:
            start[codes.index(v.gemeentecode)] += spec.gewichten[v.woonvorm] * v.capaciteit
    for code, woonvorm, aantal in spec.gerealiseerd:
        start[codes.index(code)] += spec.gewichten[woonvorm] * aantal

    regels: list[Jaarbalans] = []
    bijdrage = list(start)
    voorstel = list(start)
    aantal = [0] * len(codes)
    for t in jaren:
        for r in lijst:
            if r.jaar == t:
                g = codes.index(r.gemeentecode)
                bijdrage[g] += spec.gewichten[r.woonvorm] * r.aantal
                aantal[g] += r.aantal
        for v in plan.voorstel:
            if v.jaar == t or (v.jaar is None and t == invoer.jaren[-1]):
                voorstel[codes.index(v.gemeentecode)] += spec.gewichten[v.woonvorm] * v.minimum
        deel, balans = evenredige_balans(bijdrage, aandelen)
        assert sum(balans, Fraction(0)) == 0  # Σ aandeel = 1: zero-sum every year
        regels.extend(Jaarbalans(t, c, namen[g], aantal[g], bijdrage[g], voorstel[g], deel[g], balans[g])
                      for g, c in enumerate(codes))

    woonvormen: list[Woonvormjaar] = []
    for p in invoer.programma:
        cumulatief = doel = 0
        for t in jaren:
            dit_jaar = sum(r.aantal for r in lijst if r.woonvorm == p.woonvorm and r.jaar == t)
            cumulatief += dit_jaar
            d = p.doelen.get(t) or (p.doelen.get(None) if t == invoer.jaren[-1] else None)
            doel += d.minimum if d is not None else 0
            woonvormen.append(Woonvormjaar(p.woonvorm, p.naam, t, dit_jaar, cumulatief, doel))
    uitleg = (
        "Balans over tijd: per jaar de gewogen gerealiseerde plekken tot en met dat jaar (plus wat vóór de periode al "
        "meetelde: gerealiseerd volgens de afspraak en regionale voorzieningen in gebruik) tegenover het evenredig "
        "deel volgens dezelfde sleutel als de balans van het voorstel; elk jaar is de som precies 0.",
        "Voorstel (gewogen) = wat de gemeente volgens het minimumvoorstel tot en met dat jaar zou bijdragen; een "
        "periodedoel telt in het laatste jaar.",
        f"Gewichten: {', '.join(f'{w} × {nl(g)}' for w, g in spec.gewichten.items())}.",
    )
    return BalansOverTijd(jaren, tuple(regels), tuple(woonvormen), uitleg)
