"""Ingroeipad: phase-in from today's distribution c to the target q over N years.

Both are taken as shares (c/Σc and q/Σq), so every year's quota add up exactly to that year's total T_t.
- "lineair": share_t = (1 − t/N)·c/Σc + (t/N)·q/Σq; year N is the target.
- "begrensd": each year a gemeente moves towards the target, but its quotum may change at most by the
  factors `plafond_ratio` (growth, e.g. the French 1.2) and `plancher` (decline, e.g. 0.9) relative to
  last year's quotum (scaled to this year's total). The total is kept exact by water-filling:
  λ with Σ clamp(λ·q_g, plancher·v_g, plafond_ratio·v_g) = T_t, as the French dotations do with their
  valeur de point. Needs plancher ≤ 1 ≤ plafond_ratio (both passed in by the caller). Whether the target
  is reached within N years is reported per gemeente.

Whole numbers per year (optional) are rounded cumulatively by default, so the path does not drift;
integer floors/caps are honoured where that year's exact quotum lies within them — where the path itself
is still outside a bound (it starts from today), that bound is relaxed to the quotum's own floor/ceiling
for that year and a warning says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.afronding import AfrondingUitkomst, maak_rng, methode_code, rond_tellers_af
from verdeelwijzer.verdeling.cumulatief import CumulatieveAfronding, cumulatief_tellers
from verdeelwijzer.verdeling.getallen import (
    Exact,
    ExactVector,
    controleer_gemeenten,
    exact,
    exacte_reeks,
    gemeenschappelijke_noemer,
    gemeentelabel,
    nl,
    parameter,
)
from verdeelwijzer.verdeling.plafonds import GrenzenUitkomst, gehele_grenzen, waterval

IngroeipadSoort = Literal["lineair", "begrensd"]
_INF = float("inf")


@dataclass(frozen=True)
class Ingroeipad:
    """A phase-in request (used by the motor): today's distribution, years, shape and its parameters."""

    huidig: Sequence[Any]
    jaren: int
    soort: IngroeipadSoort = "lineair"
    plafond_ratio: Any = None
    plancher: Any = None
    totalen: Sequence[int] | None = None
    cumulatief: bool = True


@dataclass(frozen=True)
class IngroeipadUitkomst:
    """Year-by-year quota (exact) and, if asked, whole numbers. Index t-1 holds year t."""

    gemeentecodes: tuple[str, ...]
    soort: str
    totalen: tuple[Exact, ...]
    huidig: tuple[Exact, ...]
    doel: ExactVector
    quota: tuple[ExactVector, ...]
    aantallen: tuple[tuple[int, ...], ...] | None
    afronding: CumulatieveAfronding | tuple[AfrondingUitkomst, ...] | None
    doel_bereikt: tuple[bool, ...]
    waarschuwingen: tuple[str, ...]
    gemeentenamen: tuple[str, ...] | None = field(default=None, compare=False)

    @property
    def jaren(self) -> tuple[int, ...]:
        return tuple(range(1, len(self.quota) + 1))

    def tabel(self) -> list[dict[str, Any]]:
        """One row per year and gemeente: jaar, gemeentecode, quotum (Fraction), aantal (or None)."""
        rijen = []
        for t, q in enumerate(self.quota):
            for g, code in enumerate(self.gemeentecodes):
                rijen.append(
                    {
                        "jaar": t + 1,
                        "gemeentecode": code,
                        "quotum": q[g],
                        "aantal": self.aantallen[t][g] if self.aantallen is not None else None,
                    }
                )
        return rijen


def bereken_ingroeipad(
    huidig: Sequence[Any],
    doel: Sequence[Any],
    jaren: int,
    gemeentecodes: Sequence[str],
    *,
    totalen: Sequence[Any] | None = None,
    soort: IngroeipadSoort | str = "lineair",
    plafond_ratio: Any = None,
    plancher: Any = None,
    afronding: str | None = None,
    cumulatief: bool = True,
    vloeren: Sequence[Any | None] | None = None,
    plafonds: Sequence[Any | None] | None = None,
    grenzen: GrenzenUitkomst | None = None,
    bij_gelijke_stand: str = "fout",
    seed: int | None = None,
    gemeentenamen: Sequence[str] | None = None,
    eenheid: str = "eenheden",
) -> IngroeipadUitkomst:
    """Year-by-year path from `huidig` to `doel` (see module doc). `totalen`: T per year (default Σ doel).

    `vloeren`/`plafonds` (exact, None = none) — or the `grenzen` of a water-filling result — only steer the
    whole numbers: ⌈vloer⌉ ≤ aantal ≤ ⌊plafond⌋ wherever that year's exact quotum lies within them.
    """
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    n = len(codes)
    if isinstance(jaren, bool) or not isinstance(jaren, int) or jaren < 1:
        raise VerdeelFout(f"Het ingroeipad moet minstens 1 jaar lang zijn, niet {jaren!r}.")
    c = exacte_reeks(huidig, "Huidige verdeling", codes)
    if isinstance(doel, ExactVector):
        qn, qd = list(doel.tellers), doel.noemer
    else:
        qn, qd = gemeenschappelijke_noemer(exacte_reeks(doel, "Doelverdeling", codes))
    for naam, reeks in (("Huidige verdeling", c), ("Doelverdeling", qn)):
        neg = [g for g, v in enumerate(reeks) if v < 0]
        if neg:
            raise VerdeelFout(f"{naam} is negatief voor {gemeentelabel(codes, namen, neg[0])}.")
        if sum(reeks) == 0:
            raise VerdeelFout(f"{naam} telt op tot 0; daarmee is geen ingroeipad te maken.")
    Ts: list[Exact]
    if totalen is None:
        som_doel = Fraction(sum(qn), qd)
        Ts = [som_doel.numerator if som_doel.denominator == 1 else som_doel] * jaren
    else:
        if len(totalen) != jaren:
            raise VerdeelFout(f"{len(totalen)} jaartotalen voor een ingroeipad van {jaren} jaar.")
        Ts = [exact(v, f"Totaal van jaar {t + 1}") for t, v in enumerate(totalen)]
        if any(v < 0 for v in Ts):
            raise VerdeelFout("Jaartotalen mogen niet negatief zijn.")
    cn, cd = gemeenschappelijke_noemer(c)
    waarschuwingen: list[str] = []
    begin = None
    if soort == "lineair":
        jaar_quota = _lineair(cn, qn, Ts, jaren)
        bereikt = (True,) * n
        if all(T == Ts[0] for T in Ts):  # constant total: every year lies between today and the target
            begin = _lineair(cn, qn, Ts[:1], jaren, van=0)[0]
    elif soort == "begrensd":
        if plafond_ratio is None or plancher is None:
            raise VerdeelFout("Een begrensd ingroeipad vraagt zowel plafond_ratio als plancher.")
        pr = parameter(plafond_ratio, "plafond_ratio")
        pl = parameter(plancher, "plancher")
        if not (0 <= pl <= 1 <= pr):
            raise VerdeelFout(
                f"Voor een begrensd ingroeipad moet 0 ≤ plancher ≤ 1 ≤ plafond_ratio; nu plancher {nl(pl, 4)}, "
                f"plafond_ratio {nl(pr, 4)}."
            )
        jaar_quota, bereikt = _begrensd(ExactVector(cn, cd), qn, qd, Ts, pr, pl, codes, namen)
        niet = [g for g in range(n) if not bereikt[g]]
        if niet:
            waarschuwingen.append(
                f"Na {jaren} jaar is het doel nog niet bereikt voor {len(niet)} gemeente(n), o.a. "
                + ", ".join(gemeentelabel(codes, namen, g) for g in sorted(niet, key=lambda g: codes[g])[:5])
                + "."
            )
        nul = [g for g in range(n) if cn[g] == 0 and qn[g] > 0]
        if nul:
            waarschuwingen.append(
                "Met een maximale groei per jaar kan een gemeente die nu 0 heeft nooit groeien: "
                + ", ".join(gemeentelabel(codes, namen, g) for g in sorted(nul, key=lambda g: codes[g]))
                + "."
            )
    else:
        raise VerdeelFout(f"Onbekende soort ingroeipad '{soort}'; kies 'lineair' of 'begrensd'.")

    aantallen = None
    afr: CumulatieveAfronding | tuple[AfrondingUitkomst, ...] | None = None
    if afronding is not None:
        m = methode_code(afronding)
        Tint = []
        for t, T in enumerate(Ts):
            if not isinstance(T, int):
                raise VerdeelFout(f"Om af te ronden moet het totaal van jaar {t + 1} geheel zijn, niet {nl(T)}.")
            Tint.append(T)
        if grenzen is not None:
            grenstellers = (grenzen.vloer_tellers, grenzen.plafond_tellers, grenzen.grens_noemer)
        elif vloeren is not None or plafonds is not None:
            grenstellers = _grenstellers(vloeren, plafonds, codes)
        else:
            grenstellers = None
        jaargrenzen = _jaargrenzen(jaar_quota, Tint, grenstellers, codes, namen, waarschuwingen, begin)
        rng = maak_rng(bij_gelijke_stand, seed)
        if cumulatief:
            afr = cumulatief_tellers(
                [(v.tellers, v.noemer) for v in jaar_quota],
                Tint,
                codes,
                namen,
                m,
                jaargrenzen,
                bij_gelijke_stand,
                rng,
                seed,
                eenheid,
            )
            aantallen = afr.aantallen
        else:
            per_jaar = []
            for t, v in enumerate(jaar_quota):
                lo, up = jaargrenzen[t]
                try:
                    per_jaar.append(
                        rond_tellers_af(
                            v.tellers, v.noemer, Tint[t], codes, namen, m, lo, up, bij_gelijke_stand, rng, seed, eenheid
                        )
                    )
                except VerdeelFout as fout:
                    raise VerdeelFout(f"Jaar {t + 1}: {fout}") from None
            afr = tuple(per_jaar)
            aantallen = tuple(u.aantallen for u in per_jaar)
    return IngroeipadUitkomst(
        gemeentecodes=codes,
        soort=soort,
        totalen=tuple(Ts),
        huidig=tuple(c),
        doel=ExactVector(qn, qd),
        quota=tuple(jaar_quota),
        aantallen=aantallen,
        afronding=afr,
        doel_bereikt=tuple(bereikt),
        waarschuwingen=tuple(waarschuwingen),
        gemeentenamen=namen,
    )


def _lineair(cn: list[int], qn: list[int], Ts: list[Exact], N: int, van: int = 1) -> list[ExactVector]:
    """share_t = ((N−t)·c/C + t·q/Q)/N for t = van, van+1, …, as ints over the common denominator C·Q·N."""
    C, Q = sum(cn), sum(qn)
    a = [x * Q for x in cn]
    b = [x * C for x in qn]
    basis = C * Q * N
    uit = []
    vorige_T = None
    for t in range(van, van + len(Ts)):
        T = Ts[t - van]
        if T != vorige_T:  # the usual case is one total for every year: scale once
            tn, td = (T, 1) if isinstance(T, int) else (T.numerator, T.denominator)
            ta = [tn * x for x in a]
            tb = [tn * y for y in b]
            vorige_T = T
        nt = N - t
        uit.append(ExactVector([x * nt + y * t for x, y in zip(ta, tb, strict=True)], td * basis))
    return uit


def _begrensd(
    huidig: ExactVector,
    qn: list[int],
    qd: int,
    Ts: list[Exact],
    plafond_ratio: Fraction,
    plancher: Fraction,
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
) -> tuple[list[ExactVector], tuple[bool, ...]]:
    vorig = huidig
    vorig_T = vorig.som()
    uit: list[ExactVector] = []
    for T in Ts:
        schaal = Fraction(T) / vorig_T if vorig_T else Fraction(0)
        lo = [plancher * schaal * v for v in vorig]
        up: list[Exact | None] = [plafond_ratio * schaal * v for v in vorig]
        r = waterval(qn, qd, T, lo, up, codes, namen, strikt=True)
        uit.append(r.quota)
        vorig, vorig_T = r.quota, Fraction(T)
    Q = sum(qn)
    laatste = uit[-1]
    T_N = Fraction(Ts[-1])
    bereikt = tuple(laatste[g] == T_N * Fraction(qn[g], Q) for g in range(len(qn)))
    return uit, bereikt


def _grenstellers(
    vloeren: Sequence[Any | None] | None, plafonds: Sequence[Any | None] | None, codes: tuple[str, ...]
) -> tuple[list[int], list[int | None], int]:
    """Exact floors/caps (None = none) as int numerators over one denominator."""
    n = len(codes)
    for naam, reeks in (("Vloeren", vloeren), ("Plafonds", plafonds)):
        if reeks is not None and len(reeks) != n:
            raise VerdeelFout(f"{naam}: {len(reeks)} waarden voor {n} gemeenten.")
    vl = [0 if v is None else exact(v, f"Vloer voor {codes[i]}") for i, v in enumerate(vloeren or [None] * n)]
    pl = [None if v is None else exact(v, f"Plafond voor {codes[i]}") for i, v in enumerate(plafonds or [None] * n)]
    tel, B = gemeenschappelijke_noemer([*vl, *(p for p in pl if p is not None)])
    it = iter(tel[n:])
    return tel[:n], [None if p is None else next(it) for p in pl], B


def _jaargrenzen(
    jaar_quota: list[ExactVector],
    totalen: list[int],
    grenstellers: tuple[Sequence[int], Sequence[int | None], int] | None,
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    waarschuwingen: list[str],
    begin: ExactVector | None = None,
) -> list[tuple[list[int] | None, list[int | None] | None]]:
    """Whole-number bounds per year: ⌈vloer⌉ and ⌊plafond⌋, relaxed to the quotum's own floor/ceiling in the
    years where the exact quotum itself is still outside the exact bound.

    Only gemeenten that may be outside are checked exactly: with `begin` (a linear path with a constant total,
    whose yearly quota lie between `begin` and the last year) those outside at either end; otherwise those a
    float pre-check cannot clear.
    """
    n = len(codes)
    if grenstellers is None:
        return [(None, None)] * len(jaar_quota)
    lt, ut, B = grenstellers
    lo_i, up_i, _ = gehele_grenzen(lt, ut, B)
    heeft_lo = any(lo_i)
    alle_plafonds = all(u is not None for u in up_i)
    heeft_up = any(u is not None for u in up_i)
    basisruimte = sum(up_i) if alle_plafonds else 0  # type: ignore[arg-type]

    def buiten_grenzen(v: ExactVector, g: int) -> bool:
        x, d = v.tellers[g], v.noemer
        u = ut[g]
        return x * B < lt[g] * d or (u is not None and x * B > u * d)

    vaste_kandidaten = None
    if begin is not None:
        vaste_kandidaten = [g for g in range(n) if buiten_grenzen(begin, g) or buiten_grenzen(jaar_quota[-1], g)]
    else:  # floats only to skip the clearly-inside cases quickly; the exact check decides
        lo_f = [v / B * (1 + 1e-9) for v in lt]
        up_f = [_INF if u is None else u / B * (1 - 1e-9) for u in ut]
    uit: list[tuple[list[int] | None, list[int | None] | None]] = []
    buiten: dict[int, list[int]] = {}
    for t, v in enumerate(jaar_quota):
        d = v.noemer
        x = v.tellers
        if vaste_kandidaten is not None:
            kandidaten = vaste_kandidaten
        else:
            fd = float(d)
            qf = [a / fd for a in x]
            kandidaten = [g for g in range(n) if qf[g] < lo_f[g] or qf[g] > up_f[g]]
        lo = lo_i if heeft_lo else None
        up = up_i
        for g in kandidaten:
            if heeft_lo and x[g] * B < lt[g] * d:  # this year's quotum is still below the floor
                lo = list(lo) if lo is lo_i else lo
                lo[g] = x[g] // d  # type: ignore[index]
                buiten.setdefault(g, []).append(t + 1)
            u = ut[g]
            if u is not None and x[g] * B > u * d:  # ... or still above the cap
                up = list(up) if up is up_i else up
                up[g] = -((-x[g]) // d)
                buiten.setdefault(g, []).append(t + 1)
        if alle_plafonds and (basisruimte < totalen[t] or up is not up_i or not all(x)):
            ruimte = sum(u if a else (lo[g] if lo else 0) for g, (u, a) in enumerate(zip(up, x, strict=True)))
            if ruimte < totalen[t]:  # whole numbers do not fit under the caps this year: caps give way
                up = [max(u, -((-a) // d)) for u, a in zip(up, x, strict=True)]  # type: ignore[type-var]
                waarschuwingen.append(
                    f"In jaar {t + 1} van het ingroeipad passen de hele aantallen niet onder de plafonds; "
                    "dat jaar gelden de plafonds niet voor de afronding."
                )
        uit.append((lo, up if heeft_up else None))
    for g in sorted(buiten, key=lambda g: codes[g]):
        jaren = sorted(set(buiten[g]))
        waarschuwingen.append(
            f"{gemeentelabel(codes, namen, g)} ligt in jaar {_jaren_tekst(jaren)} van het ingroeipad nog buiten haar "
            "vloer of plafond; in die jaren geldt de grens niet voor de afronding."
        )
    return uit


def _jaren_tekst(jaren: list[int]) -> str:
    if len(jaren) > 1 and jaren == list(range(jaren[0], jaren[-1] + 1)):
        return f"{jaren[0]}–{jaren[-1]}"
    return ", ".join(str(j) for j in jaren)
