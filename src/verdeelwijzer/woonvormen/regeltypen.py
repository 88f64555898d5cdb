"""Rule types from the regional agreements as parameterised pure functions (numbers from parameter files):
the 80-10-10 location rule for arbeidsmigranten housing and the "pas toe of leg uit" plan checklist."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from verdeelwijzer.verdeling.getallen import nl_procent


@dataclass(frozen=True)
class Locatie:
    regel: int  # row in the register file
    naam: str
    gemeentecode: str
    werkt_in_gemeente: int
    werkt_in_regio: int
    werkt_buiten_regio: int


@dataclass(frozen=True)
class Locatietoets:
    locatie: Locatie
    aandeel_gemeente: Fraction | None
    aandeel_regio: Fraction | None
    aandeel_buiten: Fraction | None
    voldoet: bool
    redenen: tuple[str, ...]


def toets_locaties(locaties: list[Locatie], gemeente_min: Fraction, regio_max: Fraction,
                   buiten_max: Fraction) -> list[Locatietoets]:
    """Per location: at least `gemeente_min` of those housed work in its gemeente, at most `regio_max` elsewhere
    in the region and at most `buiten_max` outside it (exact shares)."""
    uit = []
    for loc in locaties:
        totaal = loc.werkt_in_gemeente + loc.werkt_in_regio + loc.werkt_buiten_regio
        if totaal == 0:
            uit.append(Locatietoets(loc, None, None, None, True, ("geen bewoners: niets te toetsen",)))
            continue
        g, r, b = (Fraction(x, totaal) for x in (loc.werkt_in_gemeente, loc.werkt_in_regio, loc.werkt_buiten_regio))
        redenen = []
        if g < gemeente_min:
            redenen.append(f"in de gemeente {nl_procent(g)}, minder dan {nl_procent(gemeente_min)}")
        if r > regio_max:
            redenen.append(f"elders in de regio {nl_procent(r)}, meer dan {nl_procent(regio_max)}")
        if b > buiten_max:
            redenen.append(f"buiten de regio {nl_procent(b)}, meer dan {nl_procent(buiten_max)}")
        uit.append(Locatietoets(loc, g, r, b, not redenen, tuple(redenen) or ("voldoet",)))
    return uit


@dataclass(frozen=True)
class Plan:
    regel: int
    naam: str
    gemeentecode: str
    woningen: int
    nultreden: int
    rolstoel: int
    zorg: int
    uitleg: str


@dataclass(frozen=True)
class Plantoets:
    plan: Plan
    aandeel_nultreden: Fraction
    aandeel_rolstoel_van_nultreden: Fraction | None
    aandeel_zorg: Fraction
    afwijkingen: tuple[str, ...]

    @property
    def status(self) -> str:
        if not self.afwijkingen:
            return "voldoet"
        return "wijkt af, uitgelegd" if self.plan.uitleg.strip() else "wijkt af, UITLEG ONTBREEKT"


def toets_plannen(plannen: list[Plan], nultreden_min: Fraction, rolstoel_van_nultreden_min: Fraction,
                  zorg_min: Fraction) -> list[Plantoets]:
    """'Pas toe of leg uit': a plan that deviates needs an explanation (the status says whether it has one)."""
    uit = []
    for p in plannen:
        n = Fraction(p.nultreden, p.woningen) if p.woningen else Fraction(0)
        z = Fraction(p.zorg, p.woningen) if p.woningen else Fraction(0)
        r = Fraction(p.rolstoel, p.nultreden) if p.nultreden else None
        afw = []
        if n < nultreden_min:
            afw.append(f"nultreden {nl_procent(n)} < {nl_procent(nultreden_min)}")
        if r is None or r < rolstoel_van_nultreden_min:
            afw.append(f"rolstoeltoegankelijk {nl_procent(r or 0)} van de nultredenwoningen < "
                       f"{nl_procent(rolstoel_van_nultreden_min)}")
        if z < zorg_min:
            afw.append(f"met zorg ter plekke {nl_procent(z)} < {nl_procent(zorg_min)}")
        uit.append(Plantoets(p, n, r, z, tuple(afw)))
    return uit


@dataclass(frozen=True)
class Standplaatsgemeente:
    gemeentecode: str
    gemeentenaam: str
    woningen: int
    standplaatsen: int
    eigen_behoefte: int  # own residents: placed in their own gemeente first
    familie: int  # requests with a stated family tie to this gemeente: respected


@dataclass(frozen=True)
class Standplaatsregel:
    gemeentecode: str
    gemeentenaam: str
    dichtheid_voor: Fraction  # standplaatsen per 1,000 woningen before
    onder_gemiddelde: bool
    eigen: int
    familie: int
    extra: int
    dichtheid_na: Fraction


@dataclass(frozen=True)
class Familieverzoek:
    """One household asking for a standplaats in another gemeente because of a family tie (a row of the file)."""

    regel: int
    huishouden: str
    huidige_gemeente: str
    gewenste_gemeente: str
    toelichting: str = ""


def met_verzoeken(gemeenten: list[Standplaatsgemeente], verzoeken: list[Familieverzoek]) -> tuple[
        list[Standplaatsgemeente], tuple[str, ...]]:
    """The gemeenten with every family-tie request counted in its wanted gemeente (respected before the extra
    need is placed), and one explanation line per request."""
    from dataclasses import replace

    per = {g.gemeentecode: 0 for g in gemeenten}
    namen = {g.gemeentecode: g.gemeentenaam for g in gemeenten}
    stappen = []
    for v in verzoeken:
        per[v.gewenste_gemeente] += 1
        stappen.append(f"Huishouden {v.huishouden} (regel {v.regel}, nu {v.huidige_gemeente}): plek in "
                       f"{namen[v.gewenste_gemeente]} vanwege familieband, vóór de regel 'minste per 1.000 woningen'.")
    return [replace(g, familie=g.familie + per[g.gemeentecode]) for g in gemeenten], tuple(stappen)


@dataclass(frozen=True)
class StandplaatsenUitkomst:
    gemiddelde: Fraction
    regels: tuple[Standplaatsregel, ...]
    stappen: tuple[str, ...]


def plaats_standplaatsen(gemeenten: list[Standplaatsgemeente], extra: int) -> StandplaatsenUitkomst:
    """Own gemeente first (own need), family ties respected, then the extra regional need one place at a time to
    the gemeente with the fewest standplaatsen per 1,000 woningen (below the regional average come first). A tie
    on the lowest density goes to the lowest gemeentecode and is reported."""
    totaal_w = sum(g.woningen for g in gemeenten)
    if totaal_w <= 0:
        raise ValueError("geen woningen in de regio")
    gemiddelde = Fraction(1000 * sum(g.standplaatsen for g in gemeenten), totaal_w)
    stand = {g.gemeentecode: g.standplaatsen + g.eigen_behoefte + g.familie for g in gemeenten}
    woningen = {g.gemeentecode: g.woningen for g in gemeenten}
    extra_per = dict.fromkeys(stand, 0)
    stappen = []
    kandidaten = [g.gemeentecode for g in gemeenten if g.woningen > 0]
    for i in range(extra):
        dichtheid = {c: Fraction(1000 * stand[c], woningen[c]) for c in kandidaten}
        laagst = min(dichtheid.values())
        gelijk = sorted(c for c in kandidaten if dichtheid[c] == laagst)
        keuze = gelijk[0]
        if len(gelijk) > 1:
            stappen.append(f"Plek {i + 1}: gelijke dichtheid bij {', '.join(gelijk)}; naar {keuze} (laagste "
                           "gemeentecode).")
        stand[keuze] += 1
        extra_per[keuze] += 1
    regels = tuple(
        Standplaatsregel(g.gemeentecode, g.gemeentenaam,
                         Fraction(1000 * g.standplaatsen, g.woningen) if g.woningen else Fraction(0),
                         g.woningen > 0 and Fraction(1000 * g.standplaatsen, g.woningen) < gemiddelde,
                         g.eigen_behoefte, g.familie, extra_per[g.gemeentecode],
                         Fraction(1000 * stand[g.gemeentecode], g.woningen) if g.woningen else Fraction(0))
        for g in gemeenten
    )
    return StandplaatsenUitkomst(gemiddelde, regels, tuple(stappen))
