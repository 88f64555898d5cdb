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
