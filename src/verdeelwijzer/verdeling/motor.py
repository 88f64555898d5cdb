"""The verdeelmotor: one entry point that runs all stages for one region and one category.

    key shares → (herkomst mix + exceptions) → floors/caps incl. fixed assignments (water-filling)
    → whole numbers (apportionment, integer bounds honoured) → (ingroeipad) → explanation

Pure: no files, no printing. Results are independent of the order of the gemeenten in the input
(ties are never decided by position; every vector is in input order, rows can be looked up by code).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.afronding import AfrondingUitkomst, maak_rng, methode_code, rond_tellers_af
from verdeelwijzer.verdeling.getallen import (
    Exact,
    ExactVector,
    controleer_gemeenten,
    exact,
    exacte_reeks,
    gemeenschappelijke_noemer,
    gemeentelabel,
    nl,
    nl_procent,
    parameter,
)
from verdeelwijzer.verdeling.herkomst import Herkomst, HerkomstUitkomst, meng_herkomst
from verdeelwijzer.verdeling.ingroeipad import Ingroeipad, IngroeipadUitkomst, bereken_ingroeipad
from verdeelwijzer.verdeling.paradox import alabamaparadox
from verdeelwijzer.verdeling.plafonds import (
    GrenzenUitkomst,
    gehele_grenzen,
    mutatieplafond_tellers,
    waterval_tellers,
)
from verdeelwijzer.verdeling.sleutel import SleutelUitkomst, aandelen
from verdeelwijzer.verdeling.uitleg import Uitleg
from verdeelwijzer.verdeling.vast import VasteToewijzing, vaste_aantallen


@dataclass(frozen=True)
class Grenzen:
    """Floors and caps for the motor. Every number is the caller's parameter (none is built in).

    `plafonds`/`vloeren`: absolute, one per gemeente (None = none). `mutatiegrens`: a fraction of the
    lettings — the cap is mutatiegrens · indicator `mutaties_indicator` − `al_toegewezen` (lettings
    already claimed, e.g. statushouders). Several caps: the lowest counts. `strikt`: infeasibility is a
    VerdeelFout instead of a reported shortage.
    """

    plafonds: Sequence[Any | None] | None = None
    vloeren: Sequence[Any | None] | None = None
    mutatiegrens: Any = None
    mutaties_indicator: str = "mutaties"
    al_toegewezen: Sequence[Any] | None = None
    strikt: bool = False


@dataclass(frozen=True)
class VerdeelInvoer:
    """Everything one distribution needs; sequences are one value per gemeente, in the same order."""

    gemeentecodes: Sequence[str]
    gemeentenamen: Sequence[str]
    indicatoren: Mapping[str, Sequence[Any]]
    bronnen: Mapping[str, Sequence[Bron]]
    gewichten: Mapping[str, Any] | str
    totaal: int
    herkomst: Herkomst | None = None
    vaste_toewijzingen: Sequence[VasteToewijzing] = ()
    grenzen: Grenzen | None = None
    ingroeipad: Ingroeipad | None = None
    methode: str = "sainte-lague"
    bij_gelijke_stand: str = "fout"
    seed: int | None = None
    eenheid: str = "huishoudens"
    omschrijving: str = ""


@dataclass(frozen=True)
class VerdeelRegel:
    """One gemeente's result."""

    gemeentecode: str
    gemeentenaam: str
    aandeel: Fraction
    quotum_sleutel: Fraction
    vast: int
    vloer: Exact | None
    plafond: Exact | None
    quotum: Fraction
    aantal: int
    vloer_geraakt: bool
    plafond_geraakt: bool


@dataclass(frozen=True)
class VerdeelUitkomst:
    """Result of `verdeel`: vectors in input order, rows per gemeente, totals, shortages, explanation."""

    gemeentecodes: tuple[str, ...]
    gemeentenamen: tuple[str, ...]
    totaal: int
    sleutel: SleutelUitkomst
    basisquota: ExactVector
    herkomst: HerkomstUitkomst | None
    vaste_aantallen: tuple[int, ...]
    grenzen: GrenzenUitkomst | None
    quota: ExactVector
    afronding: AfrondingUitkomst
    ingroeipad: IngroeipadUitkomst | None
    tekort: Fraction
    overschrijding: Fraction
    tekort_aantal: int
    waarschuwingen: tuple[str, ...]
    invoer: VerdeelInvoer = field(compare=False, repr=False)
    grensbronnen: tuple[tuple[str | None, ...], tuple[str | None, ...]] = field(
        default=((), ()), compare=False, repr=False
    )

    @property
    def aantallen(self) -> tuple[int, ...]:
        return self.afronding.aantallen

    @property
    def totaal_aantal(self) -> int:
        return self.afronding.som

    @property
    def haalbaar(self) -> bool:
        return not self.tekort and not self.overschrijding and self.tekort_aantal == 0

    @cached_property
    def regels(self) -> tuple[VerdeelRegel, ...]:
        gr = self.grenzen
        uit = []
        for i, code in enumerate(self.gemeentecodes):
            aandeel = self.sleutel.aandelen[i]
            uit.append(
                VerdeelRegel(
                    gemeentecode=code,
                    gemeentenaam=self.gemeentenamen[i],
                    aandeel=aandeel,
                    quotum_sleutel=aandeel * self.totaal,
                    vast=self.vaste_aantallen[i],
                    vloer=(gr.vloeren[i] or None) if gr else None,
                    plafond=gr.plafonds[i] if gr else None,
                    quotum=self.quota[i],
                    aantal=self.afronding.aantallen[i],
                    vloer_geraakt=gr.vloer_geraakt[i] if gr else False,
                    plafond_geraakt=gr.plafond_geraakt[i] if gr else False,
                )
            )
        return tuple(uit)

    def regel(self, gemeentecode: str) -> VerdeelRegel:
        for r in self.regels:
            if r.gemeentecode == gemeentecode:
                return r
        raise VerdeelFout(f"Gemeente '{gemeentecode}' komt niet voor in deze verdeling.")

    @cached_property
    def uitleg(self) -> Uitleg:
        vloer_uitleg = plafond_uitleg = None
        if self.grenzen is not None:
            vloer_uitleg, plafond_uitleg = _grens_teksten(
                self.invoer, self.gemeentecodes, self.grensbronnen[0], self.grensbronnen[1], self.grenzen
            )
        return Uitleg(
            gemeentecodes=self.gemeentecodes,
            gemeentenamen=self.gemeentenamen,
            totaal=self.totaal,
            eenheid=self.invoer.eenheid,
            omschrijving=self.invoer.omschrijving,
            sleutel=self.sleutel,
            bronnen=self.invoer.bronnen,
            herkomst=self.herkomst,
            vaste_toewijzingen=tuple(self.invoer.vaste_toewijzingen),
            basisquota=self.basisquota,
            grenzen=self.grenzen,
            vloer_uitleg=vloer_uitleg,
            plafond_uitleg=plafond_uitleg,
            afronding=self.afronding,
            ingroeipad=self.ingroeipad,
            tekort=self.tekort,
            overschrijding=self.overschrijding,
            tekort_aantal=self.tekort_aantal,
            waarschuwingen=self.waarschuwingen,
        )


def _grenzen(
    invoer: VerdeelInvoer, codes: tuple[str, ...], namen: tuple[str, ...], vast: tuple[int, ...]
) -> tuple[list[int], list[int | None], int, list[str | None], list[str | None]] | None:
    """Floors and caps per gemeente as int numerators over one denominator B, and where each comes from.

    Floor: the highest of the fixed assignment ("vast") and the agreed minimum ("minimum"); cap: the lowest of
    the agreed maximum ("maximum") and the mutatiegrens cap ("mutatiegrens").
    """
    n = len(codes)
    g = invoer.grenzen
    if g is None and not any(vast):
        return None
    onder: list[tuple[Sequence[int], int, str]] = [(vast, 1, "vast")]
    boven: list[tuple[Sequence[int | None], int, str]] = []
    if g is not None:
        if g.vloeren is not None:
            vloeren = _lengte(g.vloeren, n, "Vloeren")
            vl = [0 if v is None else exact(v, f"Vloer voor {codes[i]}") for i, v in enumerate(vloeren)]
            onder.append((*gemeenschappelijke_noemer(vl), "minimum"))
        if g.plafonds is not None:
            plafonds = _lengte(g.plafonds, n, "Plafonds")
            pl = [None if v is None else exact(v, f"Plafond voor {codes[i]}") for i, v in enumerate(plafonds)]
            tellers, d = gemeenschappelijke_noemer([v for v in pl if v is not None])
            it = iter(tellers)
            boven.append(([None if v is None else next(it) for v in pl], d, "maximum"))
        if g.mutatiegrens is not None:
            if g.mutaties_indicator not in invoer.indicatoren:
                raise VerdeelFout(
                    f"Voor de mutatiegrens is de indicator '{g.mutaties_indicator}' nodig, maar die ontbreekt."
                )
            tellers, d = mutatieplafond_tellers(
                invoer.indicatoren[g.mutaties_indicator], g.mutatiegrens, codes, namen, g.al_toegewezen
            )
            boven.append((tellers, d, "mutatiegrens"))
    B = math.lcm(*(d for _, d, _ in onder), *(d for _, d, _ in boven))
    lt = [0] * n
    lo_bron: list[str | None] = [None] * n
    for tellers, d, bron in onder:
        f = B // d
        for i, v in enumerate(tellers):
            if v * f > lt[i]:
                lt[i] = v * f
                lo_bron[i] = bron
    ut: list[int | None] = [None] * n
    up_bron: list[str | None] = [None] * n
    for tellers_u, d, bron in boven:
        f = B // d
        for i, u in enumerate(tellers_u):
            if u is not None:
                huidig = ut[i]
                if huidig is None or u * f < huidig:  # the lowest cap counts
                    ut[i] = u * f
                    up_bron[i] = bron
    return lt, ut, B, lo_bron, up_bron


def _grens_teksten(
    invoer: VerdeelInvoer,
    codes: tuple[str, ...],
    lo_bron: Sequence[str | None],
    up_bron: Sequence[str | None],
    grenzen: GrenzenUitkomst,
) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
    """Short Dutch description of every floor and cap (only built when an explanation is asked for)."""
    g = invoer.grenzen
    lo_t: list[str | None] = []
    up_t: list[str | None] = []
    m_exact = claim = None
    grens_tekst = ""
    if g is not None and g.mutatiegrens is not None:
        grens_tekst = nl_procent(parameter(g.mutatiegrens, "Mutatiegrens"))
        m_exact = exacte_reeks(invoer.indicatoren[g.mutaties_indicator], "Mutaties", codes)
        claim = exacte_reeks(g.al_toegewezen, "Al toegewezen", codes) if g.al_toegewezen is not None else None
    for i in range(len(codes)):
        v = grenzen.vloeren[i]
        lo_t.append(
            {"vast": f"vaste toewijzing {nl(v)}", "minimum": f"afgesproken minimum {nl(v)}"}.get(lo_bron[i] or "")
        )
        p = grenzen.plafonds[i]
        if up_bron[i] == "mutatiegrens" and g is not None and m_exact is not None:
            tekst = f"mutatiegrens {grens_tekst} van {nl(m_exact[i])} mutaties"
            c = claim[i] if claim is not None else 0
            if c:
                tekst += f" min {nl(c)} al toegezegd"
            ruw = parameter(g.mutatiegrens, "Mutatiegrens") * Fraction(m_exact[i]) - c
            if ruw != p:  # more already claimed than the grens allows: the cap is 0, say so with the real sum
                tekst += f" = {nl(ruw)}; er is al meer toegezegd dan de grens toelaat, dus plafond"
            up_t.append(tekst + f" = {nl(p)}")
        elif up_bron[i] == "maximum":
            up_t.append(f"afgesproken maximum {nl(p)}")
        else:
            up_t.append(None)
    return tuple(lo_t), tuple(up_t)


def _lengte(reeks: Sequence[Any], n: int, wat: str) -> Sequence[Any]:
    if len(reeks) != n:
        raise VerdeelFout(f"{wat}: {len(reeks)} waarden voor {n} gemeenten.")
    return reeks


def _gehele_grenzen(
    lt: Sequence[int],
    ut: Sequence[int | None],
    B: int,
    codes: tuple[str, ...],
    namen: tuple[str, ...],
    waarschuwingen: list[str],
) -> tuple[list[int] | None, list[int | None] | None]:
    """Whole-number bounds for the rounding (None when there are none), with a warning where they cross."""
    lo_i, up_i, gekruist = gehele_grenzen(lt, ut, B)
    for i in sorted(gekruist, key=lambda i: codes[i]):
        waarschuwingen.append(
            f"{gemeentelabel(codes, namen, i)}: tussen vloer {nl(Fraction(lt[i], B))} en plafond "
            f"{nl(Fraction(ut[i], B))} ligt geen heel aantal; het plafond ({up_i[i]}) gaat voor."  # type: ignore[arg-type]
        )
    return (lo_i if any(lo_i) else None), (up_i if any(u is not None for u in up_i) else None)


def _haalbaar_geheel_totaal(T: int, quota: ExactVector, lo_i: list[int] | None, up_i: list[int | None] | None) -> int:
    """The whole-number total to round to: T, unless the integer floors/caps make T unreachable.

    Then the floors' sum (too many) or the caps' room (too few) — the difference is reported as
    `tekort_aantal`, never hidden. A gemeente with quotum 0 gets nothing beyond its floor.
    """
    if lo_i is None and up_i is None:
        return T
    lo_0 = lo_i or [0] * len(quota)
    ruimte = 0
    for i, t in enumerate(quota.tellers):
        if t == 0:
            ruimte += lo_0[i]
        elif up_i is None or up_i[i] is None:
            return max(T, sum(lo_0))
        else:
            ruimte += up_i[i]  # type: ignore[operator]
    return min(max(T, sum(lo_0)), ruimte)


def verdeel(invoer: VerdeelInvoer) -> VerdeelUitkomst:
    """Run the whole distribution for one region and category (see module doc)."""
    codes, namen_ = controleer_gemeenten(invoer.gemeentecodes, invoer.gemeentenamen)
    namen = namen_ or codes
    n = len(codes)
    if isinstance(invoer.totaal, bool) or not isinstance(invoer.totaal, int) or invoer.totaal < 0:
        raise VerdeelFout(f"Het regiototaal moet een niet-negatief geheel getal zijn, niet {invoer.totaal!r}.")
    T = invoer.totaal
    methode = methode_code(invoer.methode)
    rng = maak_rng(invoer.bij_gelijke_stand, invoer.seed)
    e = invoer.eenheid
    waarschuwingen: list[str] = []

    sleutel = aandelen(invoer.indicatoren, invoer.gewichten, codes, gemeentenamen=namen)
    for naam in sleutel.gewichten:
        bronnen = invoer.bronnen.get(naam)
        if bronnen is None:
            waarschuwingen.append(f"Geen bron opgegeven voor indicator '{naam}'.")
        elif len(bronnen) != n:
            raise VerdeelFout(
                f"Bronnen voor '{naam}': {len(bronnen)} bronnen voor {n} gemeenten; geef er één per gemeente."
            )

    herkomst = None
    if invoer.herkomst is not None:
        herkomst = meng_herkomst(sleutel.aandelen, T, invoer.herkomst, codes, gemeentenamen=namen)
        basis = herkomst.quota
    else:
        a = sleutel.aandelen
        basis = ExactVector([T * t for t in a.tellers], a.noemer)

    vast = vaste_aantallen(invoer.vaste_toewijzingen, codes)
    bounds = _grenzen(invoer, codes, namen, vast)
    grenzen = None
    tekort = overschrijding = Fraction(0)
    lo_bron: list[str | None] = []
    up_bron: list[str | None] = []
    lo_i: list[int] | None = None
    up_i: list[int | None] | None = None
    if bounds is not None:
        lt, ut, B, lo_bron, up_bron = bounds
        strikt = invoer.grenzen.strikt if invoer.grenzen is not None else False
        grenzen = waterval_tellers(
            basis.tellers, basis.noemer, T * B, lt, ut, B, codes, namen, strikt=strikt, eenheid=e
        )
        quota = grenzen.quota
        tekort, overschrijding = grenzen.tekort, grenzen.overschrijding
        waarschuwingen.extend(grenzen.waarschuwingen)
        lo_i, up_i = _gehele_grenzen(
            grenzen.vloer_tellers, grenzen.plafond_tellers, grenzen.grens_noemer, codes, namen, waarschuwingen
        )
    else:
        quota = basis

    T_a = T if methode == "omhoog" else _haalbaar_geheel_totaal(T, quota, lo_i, up_i)
    tekort_aantal = T - T_a
    if tekort_aantal > 0:
        waarschuwingen.append(f"In hele aantallen passen maar {T_a} van de {T} {e} binnen de plafonds.")
    elif tekort_aantal < 0:
        waarschuwingen.append(f"De vloeren vragen in hele aantallen {T_a} {e}, meer dan het totaal {T}.")
    afronding = rond_tellers_af(
        quota.tellers,
        quota.noemer,
        T_a,
        codes,
        namen,
        methode,
        lo_i,
        up_i,
        invoer.bij_gelijke_stand,
        rng,
        invoer.seed,
        e,
    )

    if methode == "omhoog" and afronding.som > T:
        waarschuwingen.append(
            f"Afronding 'omhoog' geeft samen {afronding.som} {e}, {afronding.som - T} meer dan het totaal {T}: "
            "elk quotum is naar boven afgerond."
        )
    if methode == "hamilton" and lo_i is None and up_i is None:
        waarschuwingen.extend(alabamaparadox(quota, afronding.aantallen, T_a, namen))

    pad = None
    if invoer.ingroeipad is not None:
        ip = invoer.ingroeipad
        pad = bereken_ingroeipad(
            ip.huidig,
            quota,
            ip.jaren,
            codes,
            totalen=ip.totalen if ip.totalen is not None else [T_a] * ip.jaren,
            soort=ip.soort,
            plafond_ratio=ip.plafond_ratio,
            plancher=ip.plancher,
            afronding=methode,
            cumulatief=ip.cumulatief,
            grenzen=grenzen,
            doel_aantallen=afronding.aantallen,
            bij_gelijke_stand=invoer.bij_gelijke_stand,
            seed=invoer.seed,
            gemeentenamen=namen,
            eenheid=e,
        )
        waarschuwingen.extend(pad.waarschuwingen)

    return VerdeelUitkomst(
        gemeentecodes=codes,
        gemeentenamen=namen,
        totaal=T,
        sleutel=sleutel,
        basisquota=basis,
        herkomst=herkomst,
        vaste_aantallen=vast,
        grenzen=grenzen,
        quota=quota,
        afronding=afronding,
        ingroeipad=pad,
        tekort=tekort,
        overschrijding=overschrijding,
        tekort_aantal=tekort_aantal,
        waarschuwingen=tuple(waarschuwingen),
        invoer=invoer,
        grensbronnen=(tuple(lo_bron), tuple(up_bron)),
    )
