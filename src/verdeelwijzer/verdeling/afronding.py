"""Whole numbers from exact quota (apportionment), exactly and without hidden tie-breaks.

Methods (`methode`):
- "sainte-lague" (Webster; the default of the engine): no Alabama or population paradox, no bias
  between large and small gemeenten.
- "hamilton" (largest remainder, "naar rato"): floor of each quotum, the rest to the largest remainders.
  Satisfies the quota rule but shows the Alabama paradox.
- "dhondt" (Jefferson): favours large gemeenten.
- "huntington-hill": rounds at the geometric mean √(a(a+1)); every gemeente with a positive quotum gets ≥ 1.
- "omhoog": each quotum rounded up; does NOT keep the total (`som` and `verschil` report it).

The quota may add up to anything: the sum-preserving methods distribute `totaal` in proportion to them
(divisor methods are scale-free; Hamilton first scales the quota to `totaal`). "omhoog" rounds the quota
as given. Integer floors/caps per gemeente are honoured; if they cannot be, a VerdeelFout says why.

Ties are never broken by list order: policy "fout" raises a VerdeelFout naming the tied gemeenten and
the units at stake; policy "loting" draws with `random.Random(seed)` from the tied gemeenten sorted by
gemeentecode, and the result records seed, candidates and winners.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import afronding_kern as kern
from verdeelwijzer.verdeling.getallen import (
    ExactVector,
    controleer_gemeenten,
    exacte_reeks,
    gemeenschappelijke_noemer,
    gemeentelabel,
    gemeentelabels,
)

Afrondingsmethode = Literal["sainte-lague", "hamilton", "dhondt", "huntington-hill", "omhoog"]
GelijkeStandBeleid = Literal["fout", "loting"]

METHODEN: tuple[str, ...] = ("sainte-lague", "hamilton", "dhondt", "huntington-hill", "omhoog")
METHODE_NAMEN = {
    "sainte-lague": "Sainte-Laguë (Webster)",
    "hamilton": "Hamilton (grootste overschot)",
    "dhondt": "D'Hondt (Jefferson)",
    "huntington-hill": "Huntington–Hill",
    "omhoog": "elk quotum naar boven afronden",
}
_ALIASSEN = {
    "webster": "sainte-lague",
    "saintelague": "sainte-lague",
    "sainte-laguë": "sainte-lague",
    "grootste-overschot": "hamilton",
    "largest-remainder": "hamilton",
    "hare": "hamilton",
    "d'hondt": "dhondt",
    "d-hondt": "dhondt",
    "jefferson": "dhondt",
    "huntington": "huntington-hill",
    "hill": "huntington-hill",
    "equal-proportions": "huntington-hill",
    "ceil": "omhoog",
    "naar-boven": "omhoog",
}


def methode_code(methode: str) -> str:
    """Canonical method name; accepts the aliases above and any spelling with spaces/underscores."""
    m = str(methode).strip().lower().replace("_", "-").replace(" ", "-")
    m = _ALIASSEN.get(m, m)
    if m not in METHODEN:
        raise VerdeelFout(f"Onbekende afrondingsmethode '{methode}'; kies uit: {', '.join(METHODEN)}.")
    return m


@dataclass(frozen=True)
class Loting:
    """A tie decided by lot: `eenheden` units among `kandidaten` (sorted by gemeentecode)."""

    seed: int
    eenheden: int
    kandidaten: tuple[str, ...]
    winnaars: tuple[str, ...]


@dataclass(frozen=True)
class AfrondingUitkomst:
    """Whole numbers per gemeente (`aantallen`, in input order) and what is needed to explain them."""

    methode: str
    gemeentecodes: tuple[str, ...]
    quota: ExactVector
    totaal: int
    aantallen: tuple[int, ...]
    ondergrenzen: tuple[int, ...] | None = None
    bovengrenzen: tuple[int | None, ...] | None = None
    loting: Loting | None = None
    gemeentenamen: tuple[str, ...] | None = field(default=None, compare=False)

    @property
    def som(self) -> int:
        return sum(self.aantallen)

    @property
    def verschil(self) -> int:
        """som − totaal: 0 for the sum-preserving methods, ≥ 0 for "omhoog"."""
        return self.som - self.totaal

    @cached_property
    def geschaalde_quota(self) -> ExactVector:
        """The quota the method compares against: scaled to `totaal` (as given for "omhoog")."""
        if self.methode == "omhoog":
            return self.quota
        N = sum(self.quota.tellers)
        if N == 0:
            return ExactVector([0] * len(self.quota), 1)
        return ExactVector([self.totaal * t for t in self.quota.tellers], N)

    @cached_property
    def _afkap(self) -> tuple[Fraction | None, Fraction | None]:
        """Exact weakest claim given and strongest claim refused, in the method's units (HH: squared)."""
        if self.methode == "omhoog":
            return None, None
        tellers = list(self.quota.tellers)
        N = sum(tellers)
        if N == 0:
            return None, None
        n = len(tellers)
        lo = list(self.ondergrenzen) if self.ondergrenzen else [0] * n
        up = [self.totaal if b is None else b for b in self.bovengrenzen] if self.bovengrenzen else [self.totaal] * n
        claim = kern.claim_functie(self.methode, tellers, self.totaal, N)
        zwakst, sterkst = kern.afkapgrens(claim, tellers, list(self.aantallen), lo, up)
        schaal = {
            "sainte-lague": Fraction(2 * self.totaal, N),
            "dhondt": Fraction(self.totaal, N),
            "huntington-hill": Fraction(self.totaal, N) ** 2,
            "hamilton": Fraction(1, N),
        }[self.methode]

        def reeel(c: tuple[int, kern.Claim] | None) -> Fraction | None:
            if c is None or c[1][1] == 0:
                return None
            return schaal * Fraction(c[1][0], c[1][1])

        return reeel(zwakst), reeel(sterkst)

    @cached_property
    def deler(self) -> Fraction | None:
        """A divisor D that gives every free gemeente its number: aantal = afronding(quotum'/D).

        Sainte-Laguë rounds q'/D half up, D'Hondt down, Huntington–Hill at √(a(a+1)). The exact cutoff
        claims fix an interval for D; we show its midpoint (for Huntington–Hill √ of the midpoint of the
        squares, as a close decimal: the allocation itself was decided exactly). None for Hamilton/omhoog.
        """
        if self.methode in ("hamilton", "omhoog"):
            return None
        zwak, sterk = self._afkap
        if zwak is None and sterk is None:
            return None
        midden = zwak if sterk is None else sterk if zwak is None else (zwak + sterk) / 2
        if self.methode == "huntington-hill":
            return Fraction(math.sqrt(midden)).limit_denominator(10**12)
        return midden

    @cached_property
    def grensrest(self) -> Fraction | None:
        """Hamilton: the smallest remainder (q' − aantal-1) that still got a unit beyond the floor."""
        return self._afkap[0] if self.methode == "hamilton" else None

    def vrije_afronding(self, i: int) -> int | None:
        """What gemeente i would get from the method's rule alone (without its floor/cap), if defined."""
        q = self.geschaalde_quota[i]
        if self.methode == "omhoog":
            return math.ceil(q)
        if self.methode == "hamilton":  # units whose claim q' − j reaches the cutoff remainder
            r = self.grensrest
            return math.floor(q) if r is None else max(0, math.floor(q - r) + 1)
        D = self.deler
        if D is None or D == 0:
            return None
        v = q / D
        if self.methode == "sainte-lague":
            return math.floor(v + Fraction(1, 2))
        if self.methode == "dhondt":
            return math.floor(v)
        f = math.floor(v)
        return f + 1 if v * v >= f * (f + 1) and q > 0 else f

    def gebonden(self, i: int) -> Literal["vloer", "plafond"] | None:
        """ "vloer"/"plafond" when gemeente i's floor or cap changed its number, else None."""
        a = self.aantallen[i]
        lo = self.ondergrenzen[i] if self.ondergrenzen else 0
        up = self.bovengrenzen[i] if self.bovengrenzen else None
        if a != lo and a != up:
            return None
        vrij = self.vrije_afronding(i)
        if vrij is None:
            return None
        if a == lo and lo > 0 and vrij < a:
            return "vloer"
        if up is not None and a == up and vrij > a:
            return "plafond"
        return None

    def richting(self, i: int) -> Literal["omhoog", "omlaag", "exact"]:
        q = self.geschaalde_quota[i]
        a = self.aantallen[i]
        return "exact" if a == q else "omhoog" if a > q else "omlaag"


# --------------------------------------------------------------------------------------------------


def geheel_getal(waarde: Any, wat: str) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        try:
            ok = not isinstance(waarde, bool) and int(waarde) == waarde
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok:
            raise VerdeelFout(f"{wat} moet een geheel getal zijn, niet {waarde!r}.")
    return int(waarde)


def controleer_grenzen(
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    ondergrenzen: Sequence[Any] | None,
    bovengrenzen: Sequence[Any] | None,
) -> tuple[list[int] | None, list[int | None] | None]:
    n = len(codes)
    lo = None
    up = None
    if ondergrenzen is not None:
        if len(ondergrenzen) != n:
            raise VerdeelFout(f"{len(ondergrenzen)} ondergrenzen voor {n} gemeenten.")
        lo = [geheel_getal(v, f"Ondergrens van {gemeentelabel(codes, namen, g)}") for g, v in enumerate(ondergrenzen)]
    if bovengrenzen is not None:
        if len(bovengrenzen) != n:
            raise VerdeelFout(f"{len(bovengrenzen)} bovengrenzen voor {n} gemeenten.")
        up = [
            None if v is None else geheel_getal(v, f"Bovengrens van {gemeentelabel(codes, namen, g)}")
            for g, v in enumerate(bovengrenzen)
        ]
    for g in range(n):
        if lo is not None and lo[g] < 0:
            raise VerdeelFout(f"Ondergrens van {gemeentelabel(codes, namen, g)} is negatief ({lo[g]}).")
        if up is not None and up[g] is not None and up[g] < 0:
            raise VerdeelFout(f"Bovengrens van {gemeentelabel(codes, namen, g)} is negatief ({up[g]}).")
    if lo is not None and up is not None:
        fout = [g for g in range(n) if up[g] is not None and lo[g] > up[g]]  # type: ignore[operator]
        if fout:
            delen = ", ".join(
                f"{gemeentelabel(codes, namen, g)}: ondergrens {lo[g]} > bovengrens {up[g]}"
                for g in sorted(fout, key=lambda g: codes[g])
            )
            raise VerdeelFout(f"Ondergrens boven bovengrens: {delen}.")
    return lo, up


def controleer_haalbaar(
    methode: str,
    tellers: Sequence[int],
    totaal: int,
    lo: list[int] | None,
    up: list[int | None] | None,
    eenheid: str,
) -> None:
    n = len(tellers)
    som_lo = sum(lo) if lo else 0
    if som_lo > totaal:
        raise VerdeelFout(f"De ondergrenzen vragen samen {som_lo} {eenheid}, meer dan het totaal {totaal}.")
    # capacity: caps of the gemeenten with a positive quotum (none = unlimited), floors of the others
    capaciteit: int | None = None
    if up is None:
        capaciteit = None if any(tellers) else som_lo
    elif all(tellers) and None not in up:  # the usual case
        capaciteit = sum(up)  # type: ignore[arg-type]
    elif all(u is not None for t, u in zip(tellers, up, strict=True) if t):
        capaciteit = sum(u if t else (lo[g] if lo else 0) for g, (t, u) in enumerate(zip(tellers, up, strict=True)))  # type: ignore[misc]
    if capaciteit is not None and capaciteit < totaal:
        raise VerdeelFout(
            f"Binnen de bovengrenzen passen maar {capaciteit} {eenheid}, minder dan het totaal {totaal} "
            "(een gemeente met quotum 0 krijgt niets boven haar ondergrens)."
        )
    if methode == "huntington-hill":
        minimum = 0
        for g in range(n):
            een = 1 if tellers[g] and (up is None or up[g] is None or up[g] >= 1) else 0  # type: ignore[operator]
            minimum += max(lo[g] if lo else 0, een)
        if minimum > totaal:
            raise VerdeelFout(
                f"Huntington–Hill geeft elke gemeente met een positief quotum minstens 1; daarvoor zijn "
                f"{minimum} {eenheid} nodig, maar het totaal is {totaal}. Kies een andere methode of een groter totaal."
            )


def beslis_gelijke_stand(
    stand: tuple[list[int], list[int], kern.Claim],
    x: list[int],
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    methode: str,
    beleid: str,
    rng: random.Random | None,
    seed: int | None,
    eenheid: str,
) -> Loting:
    houders, kandidaten, _ = stand
    alle = houders + kandidaten
    m = len(houders)
    if beleid != "loting":
        raise VerdeelFout(
            f"Gelijke stand bij het afronden met {METHODE_NAMEN[methode]}: {m} van de {eenheid} "
            f"{'gaat' if m == 1 else 'gaan'} naar {m} van de {len(alle)} gemeenten "
            f"{gemeentelabels(codes, namen, alle)}, die precies dezelfde aanspraak hebben. De volgorde van "
            "de invoer mag dat niet beslissen: kies loting (met een seed) of pas de invoer aan."
        )
    assert rng is not None and seed is not None
    volgorde = sorted(alle, key=lambda g: codes[g])
    winnaars = rng.sample([codes[g] for g in volgorde], m)
    for g in houders:
        x[g] -= 1
    for g in volgorde:
        if codes[g] in winnaars:
            x[g] += 1
    return Loting(seed=seed, eenheden=m, kandidaten=tuple(codes[g] for g in volgorde), winnaars=tuple(sorted(winnaars)))


def maak_rng(beleid: str, seed: int | None) -> random.Random | None:
    if beleid not in ("fout", "loting"):
        raise VerdeelFout(f"Onbekend beleid bij gelijke stand '{beleid}'; kies 'fout' of 'loting'.")
    if beleid == "loting":
        if seed is None or isinstance(seed, bool) or not isinstance(seed, int):
            raise VerdeelFout(
                "Loting bij gelijke stand vraagt een geheel getal als seed, zodat de loting herhaalbaar is."
            )
        return random.Random(seed)
    return None


def rond_tellers_af(
    tellers: Sequence[int],
    noemer: int,
    totaal: int,
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    methode: str,
    lo: list[int] | None,
    up: list[int | None] | None,
    beleid: str,
    rng: random.Random | None,
    seed: int | None,
    eenheid: str = "eenheden",
) -> AfrondingUitkomst:
    """Validated inputs as int numerators over `noemer`: the fast internal entry used by the engine."""
    quota = ExactVector(tellers, noemer)
    if methode == "omhoog":
        x = [-((-t) // noemer) for t in tellers]
        for g in range(len(x)):
            if lo is not None and x[g] < lo[g]:
                x[g] = lo[g]
            if up is not None and up[g] is not None and x[g] > up[g]:  # type: ignore[operator]
                x[g] = up[g]  # type: ignore[assignment]
        return AfrondingUitkomst(methode, codes, quota, totaal, tuple(x), _t(lo), _t(up), None, namen)
    controleer_haalbaar(methode, tellers, totaal, lo, up, eenheid)
    up_kern = None if up is None else [totaal if b is None else b for b in up]
    x, stand = kern.wijs_toe(methode, tellers, totaal, lo, up_kern)
    loting = None
    if stand is not None:
        loting = beslis_gelijke_stand(stand, x, codes, namen, methode, beleid, rng, seed, eenheid)
    return AfrondingUitkomst(methode, codes, quota, totaal, tuple(x), _t(lo), _t(up), loting, namen)


def _t(v: list[Any] | None) -> tuple[Any, ...] | None:
    return None if v is None else tuple(v)


def rond_af(
    quota: Sequence[Any],
    totaal: int,
    gemeentecodes: Sequence[str],
    *,
    methode: Afrondingsmethode | str = "sainte-lague",
    ondergrenzen: Sequence[int] | None = None,
    bovengrenzen: Sequence[int | None] | None = None,
    bij_gelijke_stand: GelijkeStandBeleid = "fout",
    seed: int | None = None,
    gemeentenamen: Sequence[str] | None = None,
    eenheid: str = "eenheden",
) -> AfrondingUitkomst:
    """Round exact quota (one per gemeente) to whole numbers adding up to `totaal` (see module doc)."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    m = methode_code(methode)
    T = geheel_getal(totaal, "Het totaal")
    if T < 0:
        raise VerdeelFout(f"Het totaal mag niet negatief zijn ({T}).")
    if isinstance(quota, ExactVector):  # already exact ints over one denominator
        if len(quota) != len(codes):
            raise VerdeelFout(f"{len(quota)} quota voor {len(codes)} gemeenten.")
        tellers, noemer = list(quota.tellers), quota.noemer
    else:
        tellers, noemer = gemeenschappelijke_noemer(exacte_reeks(quota, "Quotum", codes))
    negatief = [g for g, t in enumerate(tellers) if t < 0]
    if negatief:
        raise VerdeelFout(f"Quota mogen niet negatief zijn: {gemeentelabels(codes, namen, negatief)}.")
    lo, up = controleer_grenzen(codes, namen, ondergrenzen, bovengrenzen)
    rng = maak_rng(bij_gelijke_stand, seed)
    return rond_tellers_af(tellers, noemer, T, codes, namen, m, lo, up, bij_gelijke_stand, rng, seed, eenheid)
