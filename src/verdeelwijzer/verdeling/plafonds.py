"""Caps (plafonds) and floors (vloeren) per gemeente, by exact water-filling.

We look for λ with  Σ_g clamp(λ·v_g, vloer_g, plafond_g) = T  (v = the key's quota or shares). Iteratively:
give everyone λ·v_g; if the excess above caps outweighs the shortfall below floors, the true λ is larger,
so the capped gemeenten are certainly capped: fix them at their cap and spread what remains over the
others in proportion to their key; otherwise fix the floored ones. Repeat until nobody is out of bounds.
Every step is recorded (who hit which bound, how much moved). All arithmetic is on exact integers.

Infeasible input is reported, never dropped: T above what the caps allow gives `tekort`, T below the
floors gives `overschrijding`, a floor above a cap is a `conflict` (the cap wins: it protects the regular
home seekers). With `strikt=True` each of these is a VerdeelFout instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.getallen import (
    Exact,
    ExactVector,
    controleer_gemeenten,
    exact,
    exacte_reeks,
    gemeenschappelijke_noemer,
    gemeentelabel,
    gemeentelabels,
    nl,
    parameter,
)


@dataclass(frozen=True)
class HerverdelingsStap:
    """One round of water-filling.

    soort "plafond": `gemeenten` are fixed at their cap and `bedrag` (their excess) goes to the free
    gemeenten in proportion to the key; soort "vloer": `gemeenten` are lifted to their floor and `bedrag`
    is taken from the free gemeenten. `factor_voor`/`factor_na` are λ before and after (quotum = λ·v).
    """

    nummer: int
    soort: Literal["plafond", "vloer"]
    gemeenten: tuple[str, ...]
    bedrag: Fraction
    factor_voor: Fraction
    factor_na: Fraction


@dataclass(frozen=True)
class GrenzenUitkomst:
    """Quota within floors and caps, with the steps that got there. Vectors are in input order.

    Floors and caps are stored as int numerators over `grens_noemer` (fast); `vloeren`/`plafonds` give
    them as exact numbers (after the corrections reported in `waarschuwingen`).
    """

    gemeentecodes: tuple[str, ...]
    totaal: Exact
    gewichten: ExactVector
    vloer_tellers: tuple[int, ...]
    plafond_tellers: tuple[int | None, ...]
    grens_noemer: int
    quota: ExactVector
    factor: Fraction | None
    stappen: tuple[HerverdelingsStap, ...]
    tekort: Fraction
    overschrijding: Fraction
    conflicten: tuple[str, ...]
    waarschuwingen: tuple[str, ...]
    gemeentenamen: tuple[str, ...] | None = field(default=None, compare=False)

    @property
    def haalbaar(self) -> bool:
        return not self.tekort and not self.overschrijding and not self.conflicten

    @cached_property
    def vloeren(self) -> tuple[Exact, ...]:
        B = self.grens_noemer
        return tuple(_als_exact(Fraction(v, B)) for v in self.vloer_tellers)

    @cached_property
    def plafonds(self) -> tuple[Exact | None, ...]:
        B = self.grens_noemer
        return tuple(None if u is None else _als_exact(Fraction(u, B)) for u in self.plafond_tellers)

    @cached_property
    def plafond_geraakt(self) -> tuple[bool, ...]:
        B, d = self.grens_noemer, self.quota.noemer
        paren = zip(self.quota.tellers, self.plafond_tellers, strict=True)
        return tuple(u is not None and q * B == u * d for q, u in paren)

    @cached_property
    def vloer_geraakt(self) -> tuple[bool, ...]:
        B, d = self.grens_noemer, self.quota.noemer
        return tuple(v > 0 and q * B == v * d for q, v in zip(self.quota.tellers, self.vloer_tellers, strict=True))

    def ontvangen(self, i: int) -> list[tuple[HerverdelingsStap, Fraction]]:
        """What gemeente i gained (+) or gave (−) in each step while it was still free."""
        code = self.gemeentecodes[i]
        v = self.gewichten[i]
        uit = []
        for stap in self.stappen:
            if code in stap.gemeenten:
                break
            if v:
                uit.append((stap, (stap.factor_na - stap.factor_voor) * v))
        return uit


def plafonds_uit_mutatiegrens(
    mutaties: Sequence[Any],
    mutatiegrens: Any,
    gemeentecodes: Sequence[str],
    *,
    al_toegewezen: Sequence[Any] | None = None,
    gemeentenamen: Sequence[str] | None = None,
) -> tuple[Exact, ...]:
    """Cap per gemeente: mutatiegrens · mutaties − lettings already claimed (e.g. for statushouders).

    The mutatiegrens (a fraction in [0, 1]) is always the caller's parameter. A negative result means more
    is already claimed than the cap allows; it is returned as is and reported by `verdeel_binnen_grenzen`.
    """
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    tellers, noemer = mutatieplafond_tellers(mutaties, mutatiegrens, codes, namen, al_toegewezen)
    return tuple(_als_exact(Fraction(t, noemer)) for t in tellers)


def mutatieplafond_tellers(
    mutaties: Sequence[Any],
    mutatiegrens: Any,
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    al_toegewezen: Sequence[Any] | None = None,
) -> tuple[list[int], int]:
    """The mutatiegrens caps as int numerators over one denominator (validated codes)."""
    grens = parameter(mutatiegrens, "Mutatiegrens")
    if not 0 <= grens <= 1:
        raise VerdeelFout(f"De mutatiegrens is een deel van de mutaties tussen 0 en 1, niet {nl(grens, 6)}.")
    m = exacte_reeks(mutaties, "Mutaties", codes)
    claim = exacte_reeks(al_toegewezen, "Al toegewezen", codes) if al_toegewezen is not None else [0] * len(codes)
    for g in range(len(codes)):
        if m[g] < 0:
            raise VerdeelFout(f"Mutaties van {gemeentelabel(codes, namen, g)} zijn negatief ({nl(m[g])}).")
        if claim[g] < 0:
            raise VerdeelFout(f"Al toegewezen van {gemeentelabel(codes, namen, g)} is negatief ({nl(claim[g])}).")
    a, b = grens.numerator, grens.denominator
    if all(type(x) is int for x in m) and all(type(x) is int for x in claim):  # the usual case: counts
        return [a * mg - b * c for mg, c in zip(m, claim, strict=True)], b
    return gemeenschappelijke_noemer([grens * mg - c for mg, c in zip(m, claim, strict=True)])


def _als_exact(x: Exact) -> Exact:
    return x.numerator if isinstance(x, Fraction) and x.denominator == 1 else x


def _optionele_reeks(waarden: Sequence[Any] | None, wat: str, codes: tuple[str, ...]) -> list[Exact | None]:
    if waarden is None:
        return [None] * len(codes)
    if len(waarden) != len(codes):
        raise VerdeelFout(f"{wat}: {len(waarden)} waarden voor {len(codes)} gemeenten.")
    return [None if w is None else exact(w, f"{wat} voor {codes[g]}") for g, w in enumerate(waarden)]


def verdeel_binnen_grenzen(
    gewichten: Sequence[Any],
    totaal: Any,
    gemeentecodes: Sequence[str],
    *,
    vloeren: Sequence[Any | None] | None = None,
    plafonds: Sequence[Any | None] | None = None,
    strikt: bool = False,
    gemeentenamen: Sequence[str] | None = None,
    eenheid: str = "",
) -> GrenzenUitkomst:
    """Distribute `totaal` in proportion to `gewichten` within per-gemeente floors and caps (None = none)."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    v = exacte_reeks(gewichten, "Gewicht", codes)
    negatief = [g for g, x in enumerate(v) if x < 0]
    if negatief:
        raise VerdeelFout(f"Verdeelgewichten mogen niet negatief zijn: {gemeentelabels(codes, namen, negatief)}.")
    T = exact(totaal, "Totaal")
    if T < 0:
        raise VerdeelFout(f"Het totaal mag niet negatief zijn ({nl(T)}).")
    lo = [x if x is not None else 0 for x in _optionele_reeks(vloeren, "Vloer", codes)]
    up = _optionele_reeks(plafonds, "Plafond", codes)
    tellers, noemer = gemeenschappelijke_noemer(v)
    return waterval(tellers, noemer, T, lo, up, codes, namen, strikt=strikt, eenheid=eenheid)


def waterval(
    w: Sequence[int],
    w_noemer: int,
    totaal: Exact,
    vloeren: Sequence[Exact],
    plafonds: Sequence[Exact | None],
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    *,
    strikt: bool = False,
    eenheid: str = "",
) -> GrenzenUitkomst:
    """Water-filling on validated input: weights w/w_noemer (ints), exact floors, caps (None = none)."""
    n = len(codes)
    grens_tellers, B = gemeenschappelijke_noemer([totaal, *vloeren, *(u for u in plafonds if u is not None)])
    it = iter(grens_tellers[n + 1 :])
    ut: list[int | None] = [None if u is None else next(it) for u in plafonds]
    return waterval_tellers(
        w, w_noemer, grens_tellers[0], grens_tellers[1 : n + 1], ut, B, codes, namen, strikt=strikt, eenheid=eenheid
    )


def waterval_tellers(
    w: Sequence[int],
    w_noemer: int,
    t: int,
    vloer_tellers: Sequence[int],
    plafond_tellers: Sequence[int | None],
    B: int,
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    *,
    strikt: bool = False,
    eenheid: str = "",
) -> GrenzenUitkomst:
    """Water-filling with total t/B, floors and caps as int numerators over B (the fast core)."""
    n = len(codes)
    e = f" {eenheid}" if eenheid else ""
    totaal = _als_exact(Fraction(t, B))
    waarschuwingen: list[str] = []
    lt: list[int] = list(vloer_tellers)
    ut: list[int | None] = list(plafond_tellers)
    for g in sorted(range(n), key=lambda g: codes[g]):  # messages in gemeentecode order, not input order
        if lt[g] < 0:
            raise VerdeelFout(f"Vloer van {gemeentelabel(codes, namen, g)} is negatief ({nl(Fraction(lt[g], B))}).")
        u = ut[g]
        if u is not None and u < 0:
            waarschuwingen.append(
                f"Plafond van {gemeentelabel(codes, namen, g)} is negatief ({nl(Fraction(u, B))}): er is al meer "
                f"toegezegd dan het plafond toelaat; zij krijgt hier 0{e}."
            )
            ut[g] = 0
    conflicten = [g for g in range(n) if ut[g] is not None and lt[g] > ut[g]]  # type: ignore[operator]
    if conflicten:
        tekst = "; ".join(
            f"{gemeentelabel(codes, namen, g)}: vloer {nl(Fraction(lt[g], B))} boven plafond {nl(Fraction(ut[g], B))}"  # type: ignore[arg-type]
            for g in sorted(conflicten, key=lambda g: codes[g])
        )
        if strikt:
            raise VerdeelFout(f"Vloer boven plafond: {tekst}.")
        waarschuwingen.append(f"Vloer boven plafond ({tekst}); het plafond gaat voor.")
        for g in conflicten:
            lt[g] = ut[g]  # type: ignore[assignment]

    vast: list[str | None] = [None] * n  # "vloer"/"plafond" once fixed
    vrij = [g for g in range(n) if w[g] > 0]
    for g in range(n):
        if w[g] == 0:
            vast[g] = "vloer"
    smin = sum(lt)
    smax: int | None = sum(lt[g] for g in range(n) if w[g] == 0)
    for g in vrij:
        if ut[g] is None:
            smax = None
            break
        smax += ut[g]  # type: ignore[operator]
    tekort = Fraction(0)
    overschrijding = Fraction(0)
    stappen: list[HerverdelingsStap] = []
    factor: Fraction | None = None
    if t < smin:
        overschrijding = Fraction(smin - t, B)
        tekst = (
            f"De vloeren vragen samen {nl(Fraction(smin, B))}{e}, meer dan het totaal {nl(totaal)}: "
            f"{nl(overschrijding)} te veel. Iedere gemeente krijgt haar vloer."
        )
        if strikt:
            raise VerdeelFout(tekst)
        waarschuwingen.append(tekst)
        return _uitkomst(
            codes,
            namen,
            totaal,
            w,
            w_noemer,
            lt,
            ut,
            B,
            lt,
            B,
            None,
            stappen,
            tekort,
            overschrijding,
            conflicten,
            waarschuwingen,
        )
    if smax is not None and t > smax:
        tekort = Fraction(t - smax, B)
        tekst = (
            f"Binnen de plafonds passen maar {nl(Fraction(smax, B))}{e} van het totaal {nl(totaal)}: "
            f"een tekort van {nl(tekort)}{e} dat niet te plaatsen is."
        )
        if strikt:
            raise VerdeelFout(tekst)
        waarschuwingen.append(tekst)
        x = [ut[g] if w[g] > 0 else lt[g] for g in range(n)]
        return _uitkomst(
            codes,
            namen,
            totaal,
            w,
            w_noemer,
            lt,
            ut,
            B,
            x,
            B,
            None,
            stappen,
            tekort,
            overschrijding,
            conflicten,
            waarschuwingen,
        )

    r = t - sum(lt[g] for g in range(n) if w[g] == 0)  # what is left for the free gemeenten
    factoren: list[Fraction] = []  # λ at the start of each round
    ruw: list[tuple[int, str, list[int], Fraction]] = []  # (round, soort, gemeenten, bedrag)
    ronde = 0
    while vrij:
        W = sum(w[g] for g in vrij)
        over: list[int] = []
        onder: list[int] = []
        overschot = 0  # in units of 1/(B·W)
        gat = 0
        for g in vrij:
            rw = r * w[g]
            u = ut[g]
            if u is not None and rw > u * W:
                over.append(g)
                overschot += rw - u * W
            elif rw < lt[g] * W:
                onder.append(g)
                gat += lt[g] * W - rw
        factoren.append(Fraction(r * w_noemer, W * B))
        if not over and not onder:
            break
        # Larger excess than shortfall ⇒ the true λ is larger ⇒ the capped ones stay capped (and vice versa);
        # when both are equal λ is already right and both groups are fixed in this round.
        if overschot >= gat:
            ruw.append((ronde, "plafond", over, Fraction(overschot, B * W)))
            for g in over:
                vast[g] = "plafond"
                r -= ut[g]  # type: ignore[operator]
        if gat >= overschot:
            ruw.append((ronde, "vloer", onder, Fraction(gat, B * W)))
            for g in onder:
                vast[g] = "vloer"
                r -= lt[g]
        vrij = [g for g in vrij if vast[g] is None]
        ronde += 1
    factor = factoren[-1] if vrij else None
    for k, (rd, soort, gem, bedrag) in enumerate(ruw):
        stappen.append(
            HerverdelingsStap(
                nummer=k + 1,
                soort=soort,  # type: ignore[arg-type]
                gemeenten=tuple(sorted(codes[g] for g in gem)),
                bedrag=bedrag,
                factor_voor=factoren[rd],
                factor_na=factoren[rd + 1] if rd + 1 < len(factoren) else factoren[rd],
            )
        )
    W = sum(w[g] for g in vrij)
    if W:
        tellers = [r * w[g] if vast[g] is None else (ut[g] if vast[g] == "plafond" else lt[g]) * W for g in range(n)]
        return _uitkomst(
            codes,
            namen,
            totaal,
            w,
            w_noemer,
            lt,
            ut,
            B,
            tellers,
            B * W,
            factor,
            stappen,
            tekort,
            overschrijding,
            conflicten,
            waarschuwingen,
        )
    x = [ut[g] if vast[g] == "plafond" else lt[g] for g in range(n)]
    return _uitkomst(
        codes,
        namen,
        totaal,
        w,
        w_noemer,
        lt,
        ut,
        B,
        x,
        B,
        factor,
        stappen,
        tekort,
        overschrijding,
        conflicten,
        waarschuwingen,
    )


def _uitkomst(
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    totaal: Exact,
    w: Sequence[int],
    w_noemer: int,
    lt: list[int],
    ut: list[int | None],
    B: int,
    tellers: Sequence[int],
    noemer: int,
    factor: Fraction | None,
    stappen: list[HerverdelingsStap],
    tekort: Fraction,
    overschrijding: Fraction,
    conflicten: list[int],
    waarschuwingen: list[str],
) -> GrenzenUitkomst:
    return GrenzenUitkomst(
        gemeentecodes=codes,
        totaal=totaal,
        gewichten=ExactVector(w, w_noemer),
        vloer_tellers=tuple(lt),
        plafond_tellers=tuple(ut),
        grens_noemer=B,
        quota=ExactVector(tellers, noemer),
        factor=factor,
        stappen=tuple(stappen),
        tekort=tekort,
        overschrijding=overschrijding,
        conflicten=tuple(sorted(codes[i] for i in conflicten)),
        waarschuwingen=tuple(waarschuwingen),
        gemeentenamen=namen,
    )


def gehele_grenzen(
    vloer_tellers: Sequence[int], plafond_tellers: Sequence[int | None], B: int
) -> tuple[list[int], list[int | None], list[int]]:
    """Whole-number bounds from exact ones (over B): at least ⌈vloer⌉, at most ⌊plafond⌋ (≥ 0).

    Where no whole number lies between them the cap wins; those gemeenten are returned third.
    """
    lo = [-((-v) // B) for v in vloer_tellers]
    up: list[int | None] = [None if u is None else max(0, u // B) for u in plafond_tellers]
    gekruist = []
    for i, u in enumerate(up):
        if u is not None and lo[i] > u:
            lo[i] = u
            gekruist.append(i)
    return lo, up, gekruist


def beschrijf_stap(stap: HerverdelingsStap, codes: Sequence[str], namen: Sequence[str] | None, eenheid: str) -> str:
    """Dutch one-liner for a step, e.g. for the region part of an explanation."""
    idx = [list(codes).index(c) for c in stap.gemeenten]
    wie = gemeentelabels(codes, namen, idx)
    e = f" {eenheid}" if eenheid else ""
    if stap.soort == "plafond":
        return (
            f"Stap {stap.nummer}: {wie} {'zit' if len(idx) == 1 else 'zitten'} aan het plafond; het overschot van "
            f"{nl(stap.bedrag)}{e} gaat naar de andere gemeenten naar rato van hun sleutel "
            f"(factor {nl(stap.factor_voor, 4)} → {nl(stap.factor_na, 4)})."
        )
    return (
        f"Stap {stap.nummer}: {wie} {'wordt' if len(idx) == 1 else 'worden'} opgehoogd tot de vloer; de "
        f"{nl(stap.bedrag)}{e} daarvoor komt naar rato van de sleutel van de andere gemeenten "
        f"(factor {nl(stap.factor_voor, 4)} → {nl(stap.factor_na, 4)})."
    )
