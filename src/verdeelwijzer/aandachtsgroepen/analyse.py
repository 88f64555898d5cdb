"""The woonzorg- en spreidingsanalyse (pure: plain data in, plain data out, exact fractions).

Per group g, gemeente m and year t:
  behoefte N_gmt — the region's own figure; a missing year of an own series is carried from the nearest own
                   year with the growth path (schatting); without any own figure, prevalence × base (schatting);
                   without a prevalence parameter: unknown ("geen behoefte bekend"), never 0;
  aanbod   A_gmt — bestaand + in aanbouw + gepland (hard) delivered in or before t; gepland (zacht) is shown
                   apart and not counted;
  opgave   O_gmt = N_gmt − A_gmt; the regional figures are the sums over gemeenten (unknown if any is unknown).
Spreiding per group: a_m (existing supply, or the need of the first year) against the key b_m (inwoners by
default): share a_m/Σa, fair share b_m/Σb, ratio, difference in persons, and the index of dissimilarity
D = ½ Σ_m |a_m/Σa − b_m/Σb|. The weighted overview converts every group with the region's weights w_g into one
unit: C_m = Σ_g w_g a_gm, fair part F_m = b_m/Σb · Σ_k C_k, balance C_m − F_m (sums to zero over the region).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verdeelwijzer.aandachtsgroepen.catalogus import Catalogus, Groep
from verdeelwijzer.aandachtsgroepen.invoer import STATUSSEN, Aanbodregel, Behoefteregel
from verdeelwijzer.bron import Bron
from verdeelwijzer.verdeling.balans import evenredige_balans

GETELD = ("bestaand", "in_aanbouw", "gepland_hard")


@dataclass(frozen=True)
class Prevalentie:
    """prevalence parameter of one group: aandeel × grondslag column, with its rule record."""

    groep: str
    grondslag: str
    aandeel: Fraction
    status: str
    bron: str
    geldig_vanaf: str


@dataclass(frozen=True)
class Groei:
    """Growth path per gemeente: factor(t) relative to the base year of a figure.

    `factoren[(code, jaar)]` is an index (any base); a figure of year s is carried to year t as
    figure × factor(t) / factor(s). `label` says where the path comes from."""

    factoren: dict[tuple[str, int], Fraction]
    label: str
    soort: str  # "schatting" (default from two population years) or "eigen invoer" (prognosis file)

    def verhouding(self, code: str, van: int, naar: int) -> Fraction:
        a, b = self.factoren.get((code, van)), self.factoren.get((code, naar))
        if a is None or b is None or a <= 0:
            return Fraction(1)
        return max(Fraction(0), b / a)


@dataclass(frozen=True)
class AnalyseInvoer:
    regio: str
    codes: tuple[str, ...]
    namen: dict[str, str]
    jaren: tuple[int, ...]
    catalogus: Catalogus
    behoefte: tuple[Behoefteregel, ...]
    aanbod: tuple[Aanbodregel, ...]
    grondslagen: dict[str, dict[str, Fraction]]  # column -> gemeentecode -> value
    grondslag_bronnen: dict[str, Bron]
    grondslag_jaar: int
    prevalenties: dict[str, Prevalentie]
    groei: Groei
    sleutel: dict[str, Fraction]  # indicator -> weight
    sleutelwaarden: dict[str, Fraction]  # gemeentecode -> combined key value b_m
    sleutel_label: str
    gewichten: dict[str, Fraction] = field(default_factory=dict)  # group -> weight (region's file)
    spreiding_op: str = "aanbod"  # "aanbod" (existing supply) or "behoefte" (need in the first year)
    bronnen: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpgaveRegel:
    gemeentecode: str
    gemeentenaam: str
    groep: str
    jaar: int
    behoefte: Fraction | None
    aanbod: Fraction
    aanbod_zacht: Fraction
    opgave: Fraction | None
    soort: str  # officieel | eigen invoer | schatting | onbekend
    eenheid: str
    bron: str
    uitleg: str


@dataclass(frozen=True)
class Regiototaal:
    groep: str
    jaar: int
    behoefte: Fraction | None
    aanbod: Fraction
    aanbod_zacht: Fraction
    opgave: Fraction | None
    soort: str
    onbekend_in: tuple[str, ...]


@dataclass(frozen=True)
class SpreidingGemeente:
    gemeentecode: str
    gemeentenaam: str
    aantal: Fraction
    aandeel: Fraction
    eerlijk_aandeel: Fraction
    verhouding: Fraction | None
    verschil: Fraction  # persons (or places) above (+) or below (−) the fair share
    oordeel: str  # "meer dan evenredig" | "minder dan evenredig" | "evenredig"


@dataclass(frozen=True)
class Spreiding:
    groep: str
    grondslag: str  # what a_m is
    totaal: Fraction
    dissimilariteit: Fraction
    gemeenten: tuple[SpreidingGemeente, ...]


@dataclass(frozen=True)
class OverzichtGemeente:
    gemeentecode: str
    gemeentenaam: str
    bijdrage: Fraction
    eerlijk_deel: Fraction
    balans: Fraction
    verhouding: Fraction | None
    oordeel: str


@dataclass(frozen=True)
class Analyse:
    invoer: AnalyseInvoer
    groepen: tuple[Groep, ...]
    opgave: tuple[OpgaveRegel, ...]
    regiototalen: tuple[Regiototaal, ...]
    spreiding: tuple[Spreiding, ...]
    overzicht: tuple[OverzichtGemeente, ...]
    gewichten: dict[str, Fraction]
    gewichten_uitleg: str
    waarschuwingen: tuple[str, ...]

    def regel(self, code: str, groep: str, jaar: int) -> OpgaveRegel:
        for r in self.opgave:
            if (r.gemeentecode, r.groep, r.jaar) == (code, groep, jaar):
                return r
        raise KeyError((code, groep, jaar))

    def regiototaal(self, groep: str, jaar: int) -> Regiototaal:
        for r in self.regiototalen:
            if (r.groep, r.jaar) == (groep, jaar):
                return r
        raise KeyError((groep, jaar))


def getal(x: Fraction) -> str:
    """Dutch text of an exact number for explanations: 12, 12,5 or ≈ 12,33."""
    if x.denominator == 1:
        return f"{x.numerator:,}".replace(",", ".")
    afgerond = round(float(x), 2)
    tekst = f"{afgerond:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".").rstrip("0").rstrip(",")
    return tekst if Fraction(str(afgerond)) == x else f"≈ {tekst}"


def dissimilariteit(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    """Index of dissimilarity ½ Σ |a_m/Σa − b_m/Σb| (0 = proportional, 1 = entirely apart). Σa, Σb > 0."""
    ta, tb = sum(a, Fraction(0)), sum(b, Fraction(0))
    if ta <= 0 or tb <= 0:
        raise ValueError("dissimilariteit vraagt positieve totalen")
    return sum((abs(Fraction(x) / ta - Fraction(y) / tb) for x, y in zip(a, b, strict=True)), Fraction(0)) / 2


def _oordeel(verhouding: Fraction | None, verschil: Fraction) -> str:
    if verschil == 0:
        return "evenredig"
    return "meer dan evenredig" if verschil > 0 else "minder dan evenredig"


def _behoefte(inv: AnalyseInvoer, groep: Groep, code: str, eigen: Mapping[int, Behoefteregel],
              jaar: int) -> tuple[Fraction | None, str, str, str]:
    """(value, soort, bron, uitleg) of the need of one group in one gemeente and year."""
    naam = inv.namen[code]
    if jaar in eigen:
        r = eigen[jaar]
        return r.aantal, "eigen invoer", r.bron.kort(), (
            f"Behoefte {getal(r.aantal)} {r.eenheid}: eigen cijfer van de regio ({r.bron.kort()}, regel {r.rij}).")
    if eigen:
        # Carry the nearest own year (earlier preferred) along the growth path; a clearly marked estimate.
        eerder = [j for j in eigen if j < jaar]
        basis = max(eerder) if eerder else min(eigen)
        r = eigen[basis]
        factor = inv.groei.verhouding(code, basis, jaar)
        waarde = r.aantal * factor
        return waarde, "schatting", f"{r.bron.kort()}; doorgetrokken met het groeipad (schatting)", (
            f"Behoefte {getal(waarde)} {r.eenheid} (SCHATTING): het eigen cijfer van {basis} ({getal(r.aantal)}) × "
            f"groeifactor {getal(factor)} van {basis} naar {jaar} (groeipad).")
    p = inv.prevalenties.get(groep.id)
    if p is None:
        return None, "onbekend", "", (
            f"Geen behoefte bekend voor {groep.label} in {naam}: geen eigen cijfer en geen prevalentieparameter. "
            "Niet als 0 geteld; lever een cijfer aan in het behoeftebestand.")
    basis_waarde = inv.grondslagen[p.grondslag][code]
    factor = inv.groei.verhouding(code, inv.grondslag_jaar, jaar)
    waarde = p.aandeel * basis_waarde * factor
    gb = inv.grondslag_bronnen[p.grondslag]
    return waarde, "schatting", f"prevalentie_{groep.id} ({p.status}); {gb.kort()}", (
        f"Behoefte {getal(waarde)} {groep.eenheid} (SCHATTING): aandeel {p.aandeel} (parameter prevalentie_"
        f"{groep.id}, status {p.status}) × {p.grondslag} {getal(basis_waarde)} ({gb.label}, peildatum "
        f"{gb.peildatum}) × groeifactor {getal(factor)} van {inv.grondslag_jaar} naar {jaar} (groeipad).")


def _aanbod(regels: Sequence[Aanbodregel], jaar: int) -> tuple[Fraction, Fraction, list[str]]:
    geteld = zacht = Fraction(0)
    delen = []
    for r in regels:
        meetelt = r.status == "bestaand" or (r.jaar is not None and r.jaar <= jaar)
        if not meetelt:
            continue
        wanneer = "" if r.status == "bestaand" else f", oplevering {r.jaar}"
        if r.status in GETELD:
            geteld += r.aantal
            delen.append(f"{getal(r.aantal)} {r.woonvorm} ({STATUSSEN[r.status]}{wanneer})")
        else:
            zacht += r.aantal
    return geteld, zacht, delen


def analyseer(inv: AnalyseInvoer) -> Analyse:
    """The whole analysis: opgave per gemeente × groep × jaar, regional totals, spreiding, weighted overview."""
    cat = inv.catalogus
    eigen: dict[tuple[str, str], dict[int, Behoefteregel]] = {}
    for r in inv.behoefte:
        eigen.setdefault((r.groep, r.gemeentecode), {})[r.jaar] = r
    aanbod: dict[tuple[str, str], list[Aanbodregel]] = {}
    for a in inv.aanbod:
        aanbod.setdefault((a.groep, a.gemeentecode), []).append(a)
    in_bestanden = {r.groep for r in inv.behoefte} | {a.groep for a in inv.aanbod}
    groepen = tuple(g for g in cat.groepen if g.id in in_bestanden or g.id in inv.prevalenties)

    waarschuwingen: list[str] = []
    opgave: list[OpgaveRegel] = []
    totalen: list[Regiototaal] = []
    for g in groepen:
        for jaar in inv.jaren:
            regels = []
            for code in inv.codes:
                n, soort, bron, uitleg = _behoefte(inv, g, code, eigen.get((g.id, code), {}), jaar)
                a, z, delen = _aanbod(aanbod.get((g.id, code), []), jaar)
                uitleg += (f" Aanbod {getal(a)}: " + "; ".join(delen) + "." if delen else " Aanbod 0: geen bestaand "
                           f"of hard gepland aanbod in {jaar}.")
                if z:
                    uitleg += f" Zacht gepland {getal(z)} telt niet mee."
                o = None if n is None else n - a
                if o is not None:
                    uitleg += f" Opgave = {getal(n or Fraction(0))} − {getal(a)} = {getal(o)}."
                regels.append(OpgaveRegel(code, inv.namen[code], g.id, jaar, n, a, z, o, soort, g.eenheid, bron,
                                          uitleg))
            opgave.extend(regels)
            onbekend = tuple(sorted(r.gemeentenaam for r in regels if r.behoefte is None))
            soorten = {r.soort for r in regels if r.behoefte is not None}
            totalen.append(Regiototaal(
                groep=g.id, jaar=jaar,
                behoefte=None if onbekend else sum((r.behoefte or Fraction(0) for r in regels), Fraction(0)),
                aanbod=sum((r.aanbod for r in regels), Fraction(0)),
                aanbod_zacht=sum((r.aanbod_zacht for r in regels), Fraction(0)),
                opgave=None if onbekend else sum((r.opgave or Fraction(0) for r in regels), Fraction(0)),
                soort="onbekend" if onbekend else ("schatting" if "schatting" in soorten else
                                                   ("eigen invoer" if "eigen invoer" in soorten else "officieel")),
                onbekend_in=onbekend,
            ))
            if onbekend and jaar == inv.jaren[0]:
                waarschuwingen.append(
                    f"{g.label}: geen behoefte bekend in {', '.join(onbekend)} (geen eigen cijfer en geen "
                    "prevalentieparameter); de opgave van de regio is daarom onbekend, niet 0.")
        if any(r.groep == g.id and r.soort == "schatting" for r in opgave):
            waarschuwingen.append(f"{g.label}: (een deel van) de behoefte is een SCHATTING; zie de kolom soort.")

    spreidingen, overzicht, gewichten, gewichten_uitleg = _spreiding(inv, groepen, eigen, aanbod, waarschuwingen)
    return Analyse(inv, groepen, tuple(opgave), tuple(totalen), tuple(spreidingen), tuple(overzicht), gewichten,
                   gewichten_uitleg, tuple(dict.fromkeys(waarschuwingen)))


def _spreiding(inv: AnalyseInvoer, groepen: Sequence[Groep], eigen: Mapping[tuple[str, str], Mapping[int, Any]],
               aanbod: Mapping[tuple[str, str], Sequence[Aanbodregel]],
               waarschuwingen: list[str]) -> tuple[list[Spreiding], list[OverzichtGemeente], dict[str, Fraction], str]:
    b = [inv.sleutelwaarden[c] for c in inv.codes]
    tb = sum(b, Fraction(0))
    eerlijk = [x / tb for x in b]
    spreidingen: list[Spreiding] = []
    for g in groepen:
        if inv.spreiding_op == "aanbod":
            a = [sum((r.aantal for r in aanbod.get((g.id, c), []) if r.status == "bestaand"), Fraction(0))
                 for c in inv.codes]
            grondslag = "bestaand aanbod (plekken/woningen die de groep nu huisvesten)"
        else:
            eerste = inv.jaren[0]
            a = []
            for c in inv.codes:
                n, *_ = _behoefte(inv, g, c, eigen.get((g.id, c), {}), eerste)
                a.append(n if n is not None else Fraction(-1))
            if any(x < 0 for x in a):
                waarschuwingen.append(f"{g.label}: geen spreiding: de behoefte is niet in elke gemeente bekend.")
                continue
            grondslag = f"behoefte {eerste}"
        ta = sum(a, Fraction(0))
        if ta <= 0:
            continue
        gemeenten = []
        for c, x, e in zip(inv.codes, a, eerlijk, strict=True):
            aandeel = x / ta
            verschil = x - ta * e
            verhouding = aandeel / e if e > 0 else None
            gemeenten.append(SpreidingGemeente(c, inv.namen[c], x, aandeel, e, verhouding, verschil,
                                               _oordeel(verhouding, verschil)))
        spreidingen.append(Spreiding(g.id, grondslag, ta, dissimilariteit(a, b), tuple(gemeenten)))

    mee = [s.groep for s in spreidingen]
    if inv.gewichten:
        gewichten = {gid: inv.gewichten[gid] for gid in mee if gid in inv.gewichten}
        zonder = [gid for gid in mee if gid not in inv.gewichten]
        uitleg = "gewichten van de regio: " + ", ".join(f"{k} {getal(v)}" for k, v in gewichten.items())
        if zonder:
            uitleg += f"; niet meegewogen (geen gewicht): {', '.join(zonder)}"
    else:
        gewichten = {gid: Fraction(1) for gid in mee}
        uitleg = "gelijke gewichten (1 per plek of persoon van elke groep; de regio gaf geen gewichten)"
    bijdrage = {c: Fraction(0) for c in inv.codes}
    for s in spreidingen:
        w = gewichten.get(s.groep)
        if w is None:
            continue
        for sg in s.gemeenten:
            bijdrage[sg.gemeentecode] += w * sg.aantal
    overzicht = []
    if sum(bijdrage.values(), Fraction(0)) > 0:
        bijdragen = [bijdrage[c] for c in inv.codes]
        delen, balansen = evenredige_balans(bijdragen, list(eerlijk))
        for c, b, deel, balans in zip(inv.codes, bijdragen, delen, balansen, strict=True):
            verhouding = b / deel if deel > 0 else None
            overzicht.append(OverzichtGemeente(c, inv.namen[c], b, deel, balans, verhouding,
                                               _oordeel(verhouding, balans)))
    return spreidingen, overzicht, gewichten, uitleg

