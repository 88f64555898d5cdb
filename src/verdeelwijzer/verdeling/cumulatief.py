"""Rounding over periods without drift: round the cumulative quota, take the differences.

Period t rounds the cumulative quota (periods 1..t) to the cumulative total; the period's numbers are
the differences, so the rounding of one period is made good in the next and nothing drifts. A difference
would be negative when a gemeente's cumulative share falls; that is not allowed (what was placed cannot
be taken back): the previous cumulative numbers are floors of the next cumulative rounding.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import afronding_kern as kern
from verdeelwijzer.verdeling.afronding import (
    Afrondingsmethode,
    AfrondingUitkomst,
    GelijkeStandBeleid,
    Loting,
    beslis_gelijke_stand,
    controleer_grenzen,
    controleer_haalbaar,
    geheel_getal,
    maak_rng,
    methode_code,
)
from verdeelwijzer.verdeling.getallen import (
    ExactVector,
    controleer_gemeenten,
    exacte_reeks,
    gemeenschappelijke_noemer,
)


@dataclass(frozen=True)
class CumulatieveAfronding:
    """Rounding over periods without drift.

    Period t rounds the *cumulative* quota (periods 1..t) to the cumulative total; the period's numbers
    are the differences. A difference would be negative when a gemeente's cumulative share falls; we do
    not allow that (what was placed cannot be taken back): the cumulative rounding of period t gets the
    previous cumulative numbers as floors. That costs at most that one unit's rounding, which the next
    periods absorb; `bijgestuurd` lists where it happened.
    """

    methode: str
    gemeentecodes: tuple[str, ...]
    totalen: tuple[int, ...]
    aantallen: tuple[tuple[int, ...], ...]
    cumulatief: tuple[tuple[int, ...], ...]
    lotingen: tuple[Loting | None, ...]
    _ruw: tuple[tuple[list[int], int, int, tuple[list[int] | None, list[int | None] | None]], ...] = field(
        repr=False, compare=False
    )
    gemeentenamen: tuple[str, ...] | None = field(default=None, compare=False)

    @cached_property
    def periodes(self) -> tuple[AfrondingUitkomst, ...]:
        """Per period the rounding of the cumulative quota (built on demand: a country-wide run skips it)."""
        uit = []
        vorige: tuple[int, ...] = (0,) * len(self.gemeentecodes)
        for (tel, d, T, (lo_t, up_t)), a, lot in zip(self._ruw, self.cumulatief, self.lotingen, strict=True):
            lo = vorige if lo_t is None else tuple(v + b for v, b in zip(vorige, lo_t, strict=True))
            up = None
            if up_t is not None:
                up = tuple(None if b is None else v + b for v, b in zip(vorige, up_t, strict=True))
            uit.append(
                AfrondingUitkomst(
                    self.methode, self.gemeentecodes, ExactVector(tel, d), T, a, lo, up, lot, self.gemeentenamen
                )  # fmt: skip
            )
            vorige = a
        return tuple(uit)

    @cached_property
    def bijgestuurd(self) -> tuple[tuple[str, ...], ...]:
        """Per period: gemeenten whose cumulative floor (previous numbers + period floor) decided."""
        return tuple(
            tuple(sorted(self.gemeentecodes[g] for g in range(len(p.aantallen)) if p.gebonden(g) == "vloer"))
            for p in self.periodes
        )


def rond_cumulatief(
    quota_per_periode: Sequence[Sequence[Any]],
    totalen: Sequence[int],
    gemeentecodes: Sequence[str],
    *,
    methode: Afrondingsmethode | str = "sainte-lague",
    ondergrenzen: Sequence[Sequence[int]] | None = None,
    bovengrenzen: Sequence[Sequence[int | None]] | None = None,
    bij_gelijke_stand: GelijkeStandBeleid = "fout",
    seed: int | None = None,
    gemeentenamen: Sequence[str] | None = None,
    eenheid: str = "eenheden",
) -> CumulatieveAfronding:
    """Round quota per period cumulatively (see CumulatieveAfronding); bounds are per period."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    m = methode_code(methode)
    if len(totalen) != len(quota_per_periode):
        raise VerdeelFout(f"{len(totalen)} totalen voor {len(quota_per_periode)} periodes.")
    periodes_tellers: list[tuple[list[int], int]] = []
    for t, q in enumerate(quota_per_periode):
        reeks = exacte_reeks(q, f"Quotum in periode {t + 1}", codes)
        if any(v < 0 for v in reeks):
            raise VerdeelFout(f"Quota in periode {t + 1} mogen niet negatief zijn.")
        periodes_tellers.append(gemeenschappelijke_noemer(reeks))
    Ts = [geheel_getal(v, f"Totaal van periode {t + 1}") for t, v in enumerate(totalen)]
    if any(v < 0 for v in Ts):
        raise VerdeelFout("Totalen per periode mogen niet negatief zijn.")
    grenzen = []
    for t in range(len(Ts)):
        lo_t = None if ondergrenzen is None else ondergrenzen[t]
        up_t = None if bovengrenzen is None else bovengrenzen[t]
        grenzen.append(controleer_grenzen(codes, namen, lo_t, up_t))
    rng = maak_rng(bij_gelijke_stand, seed)
    return cumulatief_tellers(periodes_tellers, Ts, codes, namen, m, grenzen, bij_gelijke_stand, rng, seed, eenheid)


def cumulatief_tellers(
    periodes: Sequence[tuple[Sequence[int], int]],
    totalen: Sequence[int],
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    methode: str,
    grenzen: Sequence[tuple[list[int] | None, list[int | None] | None]] | None,
    beleid: str,
    rng: random.Random | None,
    seed: int | None,
    eenheid: str = "eenheden",
) -> CumulatieveAfronding:
    """Internal entry of rond_cumulatief on validated int numerators (the hot path of an ingroeipad)."""
    n = len(codes)
    per_grenzen = list(grenzen) if grenzen else [(None, None)] * len(periodes)
    rijen: list[list[int]] = []  # cumulative quota per period, exact
    noemers: list[int] = []
    cum_Ts: list[int] = []
    cum_t: list[int] = [0] * n
    cum_d = 1
    cum_T = 0
    for t, (tellers, noemer) in enumerate(periodes):
        if noemer == cum_d:
            cum_t = [a + b for a, b in zip(cum_t, tellers, strict=True)]
        else:
            L = math.lcm(cum_d, noemer)
            f1, f2 = L // cum_d, L // noemer
            cum_t = [a * f1 + b * f2 for a, b in zip(cum_t, tellers, strict=True)]
            cum_d = L
        cum_T += totalen[t]
        rijen.append(cum_t)
        noemers.append(cum_d)
        cum_Ts.append(cum_T)
    # all periods at once where floats prove the exact answer (see kern.wijs_toe_reeks); the rest exactly
    snel: list[list[int]] = []
    if all(lo_t is None for lo_t, _ in per_grenzen):
        snel = kern.wijs_toe_reeks(methode, rijen, cum_Ts, [up_t for _, up_t in per_grenzen])
    vorige: list[int] = [0] * n
    cumulatief: list[tuple[int, ...]] = []
    lotingen: list[Loting | None] = []
    for t, cum_t in enumerate(rijen):
        if t < len(snel):
            vorige = snel[t]
            cumulatief.append(tuple(vorige))
            lotingen.append(None)
            continue
        cum_d, cum_T = noemers[t], cum_Ts[t]
        lo_t, up_t = per_grenzen[t]
        # what was placed cannot be taken back: the previous cumulative numbers are floors
        lo = vorige if lo_t is None else [v + b for v, b in zip(vorige, lo_t, strict=True)]
        if up_t is None:
            up = up_kern = None
        elif None in up_t:
            up = [None if b is None else v + b for v, b in zip(vorige, up_t, strict=True)]
            up_kern = [cum_T if b is None else b for b in up]
        else:
            up = up_kern = [v + b for v, b in zip(vorige, up_t, strict=True)]
        loting = None
        try:
            if methode == "omhoog":
                x = [max(-((-a) // cum_d), v) for a, v in zip(cum_t, lo, strict=True)]
                if up is not None:
                    x = [a if b is None or a <= b else b for a, b in zip(x, up, strict=True)]
            else:
                if up is not None or lo_t is not None or methode == "huntington-hill" or not any(cum_t):
                    controleer_haalbaar(methode, cum_t, cum_T, lo, up, eenheid)  # else feasible by construction
                x, stand = kern.wijs_toe(methode, cum_t, cum_T, lo, up_kern)
                if stand is not None:
                    loting = beslis_gelijke_stand(stand, x, codes, namen, methode, beleid, rng, seed, eenheid)
        except VerdeelFout as fout:
            raise VerdeelFout(f"Periode {t + 1}: {fout}") from None
        cumulatief.append(tuple(x))
        lotingen.append(loting)
        vorige = x
    nul = (0,) * n
    aantallen = [
        tuple([a - v for a, v in zip(x, vorig, strict=True)])
        for x, vorig in zip(cumulatief, [nul, *cumulatief[:-1]], strict=True)
    ]
    ruw = tuple(zip(rijen, noemers, cum_Ts, per_grenzen, strict=True))
    return CumulatieveAfronding(
        methode, codes, tuple(totalen), tuple(aantallen), tuple(cumulatief), tuple(lotingen), ruw, namen
    )
