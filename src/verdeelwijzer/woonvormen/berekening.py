"""The woonvormen proposal and the specialisation balance. Pure: works on a `WoonvormenInvoer`, reads nothing.

Per woonvorm and year (or period) the target is divided with the exact engine (`verdeling.verdeel`):
every gemeente's pledge is its floor (never reduced), its stated capacity its cap; what remains of the target
goes by the agreed key (water-filling within the caps, exact whole numbers). A range min–max gives two
proposals: the minimum, and the maximum built on top of it (the minimum proposal is the floor of the maximum,
so nobody gets less under the maximum). When pledges and capacity cannot reach the target the shortfall is
reported with the gemeenten that are at their capacity; the target is never shrunk silently.

Balance over all groups: contribution C_m = Σ_w gewicht_w · x_mw (the minimum proposal of every woonvorm and
year, plus the capacity of the regional facilities in use that m hosts), fair part F_m = aandeel_m · Σ_h C_h,
balance C_m − F_m. Σ aandeel = 1, so the balances sum to exactly zero (Fractions; rounded only for display).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.verdeling import Grenzen, VerdeelInvoer, VerdeelUitkomst, verdeel
from verdeelwijzer.verdeling.balans import evenredige_balans
from verdeelwijzer.verdeling.getallen import nl
from verdeelwijzer.woonvormen.model import (
    Balansregel,
    Doel,
    Doelregel,
    Programmaregel,
    Toezegging,
    Voorstelregel,
    WoonvormenInvoer,
    WoonvormenUitkomst,
)


def bereken_woonvormen(invoer: WoonvormenInvoer) -> WoonvormenUitkomst:
    basis = invoer.basis
    codes = tuple(basis.gemeentecodes)
    namen = tuple(basis.gemeentenamen)
    _controleer(invoer, codes)
    voorstel: list[Voorstelregel] = []
    doelen: list[Doelregel] = []
    waarschuwingen: list[str] = []
    for prog in invoer.programma:
        for jaar, doel in prog.doelen.items():
            toezegging, capaciteit = _toezeggingen(invoer.toezeggingen, prog.woonvorm, jaar, codes)
            regels, doelregel = _verdeel_doel(basis, prog, jaar, doel, toezegging, capaciteit, codes, namen)
            voorstel.extend(regels)
            doelen.append(doelregel)
            if doelregel.tekort_minimum or doelregel.tekort_maximum:
                waarschuwingen.append(doelregel.uitleg[-1])
    balans, balans_uitleg = _balans(invoer, codes, namen, voorstel)
    uitleg = (
        "Toezeggingen zijn vloeren (worden nooit verlaagd); de opgegeven capaciteit is het plafond; de rest van "
        "het doel is met de afgesproken sleutel verdeeld in hele aantallen (verdeelmotor, waterniveau binnen de "
        "plafonds).",
        "Bij een bandbreedte is het maximumvoorstel gebouwd op het minimumvoorstel: niemand krijgt bij het "
        "maximum minder dan bij het minimum.",
        *balans_uitleg,
    )
    return WoonvormenUitkomst(codes, namen, tuple(voorstel), tuple(doelen), balans,
                              tuple(invoer.voorzieningen), uitleg, tuple(waarschuwingen))


def _controleer(invoer: WoonvormenInvoer, codes: tuple[str, ...]) -> None:
    """Safety net for callers other than the schema (which reports these with file, line and field)."""
    fouten = []
    woonvormen = {p.woonvorm for p in invoer.programma}
    for t in invoer.toezeggingen:
        if t.gemeentecode not in codes:
            fouten.append(f"toezegging voor {t.woonvorm}: gemeente {t.gemeentecode} hoort niet bij de regio")
        if t.woonvorm not in woonvormen:
            fouten.append(f"toezegging: woonvorm '{t.woonvorm}' staat niet in het programma")
        if t.capaciteit is not None and t.aantal > t.capaciteit:
            fouten.append(f"toezegging {t.gemeentecode} {t.woonvorm}: toezegging {t.aantal} is groter dan de "
                          f"capaciteit {t.capaciteit}")
    for p in invoer.programma:
        if not p.groepen:
            fouten.append(f"woonvorm '{p.woonvorm}' bedient geen enkele groep")
        for d in p.doelen.values():
            if d.minimum > d.maximum or d.minimum < 0:
                fouten.append(f"woonvorm '{p.woonvorm}': minimum {d.minimum} is groter dan maximum {d.maximum}")
    for v in invoer.voorzieningen:
        if v.gemeentecode not in codes:
            fouten.append(f"voorziening '{v.naam}': gemeente {v.gemeentecode} hoort niet bij de regio")
    if invoer.specialisatie is not None:
        for w, g in invoer.specialisatie.gewichten.items():
            if g <= 0:
                fouten.append(f"specialisatie: gewicht van '{w}' moet groter dan 0 zijn, niet {nl(g)}")
        gebruikt = (woonvormen | {v.woonvorm for v in invoer.voorzieningen if v.telt_mee}
                    | {w for _, w, _ in invoer.specialisatie.gerealiseerd})
        for code, _w, _ in invoer.specialisatie.gerealiseerd:
            if code not in codes:
                fouten.append(f"specialisatie.gerealiseerd: gemeente {code} hoort niet bij de regio")
        ontbreekt = sorted(gebruikt - set(invoer.specialisatie.gewichten))
        if ontbreekt:
            fouten.append(f"specialisatie: geen gewicht voor {', '.join(ontbreekt)}")
    if fouten:
        raise InvoerFout("Woonvormen:\n" + "\n".join(f"  - {f}" for f in fouten))


def _toezeggingen(
    toezeggingen: tuple[Toezegging, ...], woonvorm: str, jaar: int | None, codes: tuple[str, ...]
) -> tuple[list[int], list[int | None]]:
    """Pledges and capacity per gemeente for one target. A pledge without a year holds for every year; for a
    period target all pledges for the woonvorm add up. No pledge: floor 0, no stated capacity (no cap)."""
    aantal = [0] * len(codes)
    capaciteit: list[int | None] = [None] * len(codes)
    gezien = [False] * len(codes)
    onbegrensd = [False] * len(codes)
    for t in toezeggingen:
        if t.woonvorm != woonvorm or not (jaar is None or t.jaar is None or t.jaar == jaar):
            continue
        g = codes.index(t.gemeentecode)
        aantal[g] += t.aantal
        if t.capaciteit is None:
            onbegrensd[g] = True
        else:
            capaciteit[g] = (capaciteit[g] or 0) + t.capaciteit
        gezien[g] = True
    return aantal, [None if onbegrensd[g] or not gezien[g] else capaciteit[g] for g in range(len(codes))]


def _verdeel_doel(
    basis: VerdeelInvoer,
    prog: Programmaregel,
    jaar: int | None,
    doel: Doel,
    toezegging: list[int],
    capaciteit: list[int | None],
    codes: tuple[str, ...],
    namen: tuple[str, ...],
) -> tuple[list[Voorstelregel], Doelregel]:
    def run(totaal: int, vloeren: list[int]) -> VerdeelUitkomst:
        grenzen = Grenzen(plafonds=list(capaciteit), vloeren=list(vloeren))
        return verdeel(replace(basis, totaal=totaal, grenzen=grenzen, vaste_toewijzingen=(), herkomst=None,
                               ingroeipad=None, omschrijving=f"{prog.naam} {jaar or 'periode'}"))

    u_min = run(doel.minimum, toezegging)
    minimum = list(u_min.aantallen)
    u_max = run(doel.maximum, minimum) if doel.is_bandbreedte else u_min
    maximum = list(u_max.aantallen)
    aandelen = [Fraction(a) for a in u_min.sleutel.aandelen]
    regels = [
        Voorstelregel(code, namen[g], prog.woonvorm, jaar, toezegging[g], capaciteit[g], aandelen[g] * doel.minimum,
                      minimum[g], maximum[g], capaciteit[g] is not None and maximum[g] >= capaciteit[g])
        for g, code in enumerate(codes)
    ]
    toegezegd = sum(toezegging)
    totale_capaciteit = None if any(c is None for c in capaciteit) else sum(c for c in capaciteit if c is not None)
    tekort_min = max(0, doel.minimum - sum(minimum))
    tekort_max = max(0, doel.maximum - sum(maximum))
    wanneer = f"in {jaar}" if jaar is not None else "in de periode"
    uitleg = [
        f"{prog.naam} {wanneer}: doel {doel.tekst()}; toegezegd {toegezegd}"
        + (f", opgegeven capaciteit {totale_capaciteit}" if totale_capaciteit is not None else "")
        + f"; voorstel {sum(minimum)}" + (f" tot {sum(maximum)}" if doel.is_bandbreedte else "") + "."
    ]
    if prog.herkomst:
        uitleg.append(f"{prog.naam}: {prog.herkomst}")
    overschot = max(0, toegezegd - doel.maximum)
    if overschot:
        uitleg.append(f"De toezeggingen liggen {overschot} boven het doel; ze blijven staan (nooit verlaagd).")
    if tekort_min or tekort_max:
        vol = [f"{namen[g]} ({capaciteit[g]})" for g in range(len(codes))
               if capaciteit[g] and maximum[g] >= capaciteit[g]]  # type: ignore[operator]
        geen = [namen[g] for g in range(len(codes)) if capaciteit[g] == 0]
        deel = f"{tekort_min} onder het minimum" if tekort_min else ""
        if tekort_max:
            deel += (" en " if deel else "") + f"{tekort_max} onder het maximum"
        uitleg.append(f"{prog.naam} {wanneer}: toezeggingen en capaciteit reiken niet tot het doel: {deel}; "
                      f"op hun capaciteit zitten: {', '.join(vol) or 'geen'}"
                      + (f"; capaciteit 0 opgegeven: {', '.join(geen)}" if geen else "")
                      + ". Het doel is niet verlaagd; er is meer capaciteit nodig.")
    return regels, Doelregel(prog.woonvorm, prog.naam, jaar, doel, toegezegd, totale_capaciteit, sum(minimum),
                             sum(maximum), tekort_min, tekort_max, overschot, tuple(uitleg))


def balans_aandelen(invoer: WoonvormenInvoer) -> list[Fraction]:
    """The shares of the fair-share key of the balance (own `sleutel` of the specialisatie, else the programme's)."""
    sleutel = invoer.balans_sleutel or invoer.basis
    return [Fraction(a) for a in verdeel(replace(sleutel, totaal=1, grenzen=None, vaste_toewijzingen=(),
                                                 herkomst=None, ingroeipad=None)).sleutel.aandelen]


def _balans(
    invoer: WoonvormenInvoer, codes: tuple[str, ...], namen: tuple[str, ...], voorstel: list[Voorstelregel]
) -> tuple[tuple[Balansregel, ...], tuple[str, ...]]:
    spec = invoer.specialisatie
    if spec is None:
        return (), ()
    aandelen = balans_aandelen(invoer)
    bijdrage = [Fraction(0)] * len(codes)
    for r in voorstel:
        bijdrage[codes.index(r.gemeentecode)] += spec.gewichten[r.woonvorm] * r.minimum
    for v in invoer.voorzieningen:
        if v.telt_mee:
            bijdrage[codes.index(v.gemeentecode)] += spec.gewichten[v.woonvorm] * v.capaciteit
    for code, woonvorm, aantal in spec.gerealiseerd:
        bijdrage[codes.index(code)] += spec.gewichten[woonvorm] * aantal
    totaal = sum(bijdrage, Fraction(0))
    deel, balans = evenredige_balans(bijdrage, aandelen)
    assert sum(balans, Fraction(0)) == 0  # Σ aandeel = 1: zero-sum by construction
    centen: dict[str, int] | None = None
    noten: list[str] = []
    if spec.tarief is not None:
        from verdeelwijzer.monitoring.vereffening import centen_nulsom

        centen, noten = centen_nulsom({c: balans[g] * spec.tarief for g, c in enumerate(codes)})
    regels = tuple(
        Balansregel(c, namen[g], aandelen[g], bijdrage[g], deel[g], balans[g], None if centen is None else centen[c])
        for g, c in enumerate(codes)
    )
    gewichten = ", ".join(f"{w} × {nl(g)}" for w, g in spec.gewichten.items())
    uitleg = [
        f"Balans over alle groepen: bijdrage = Σ gewicht × plaatsen (minimumvoorstel, gerealiseerde plekken en "
        f"plaatsingen, en de capaciteit van regionale voorzieningen in gebruik); gewichten: {gewichten}. "
        f"Evenredig deel = aandeel volgens de sleutel × de totale gewogen bijdrage ({nl(totaal)}). "
        "Balans = bijdrage − evenredig deel; de som is precies 0.",
    ]
    if spec.tarief is not None:
        uitleg.append(f"Vereffening: {nl(spec.tarief)} euro per gewogen plaats; boven het evenredig deel ontvangt, "
                      "eronder betaalt (som 0).")
        uitleg.extend(noten)
    return regels, tuple(uitleg)
