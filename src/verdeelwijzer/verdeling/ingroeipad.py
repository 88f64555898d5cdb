"""Ingroeipad: phase-in from today's distribution c to the target q over N years.

Both are taken as shares (c/Σc and q/Σq), so every year's quota add up exactly to that year's total T_t.
- "lineair": share_t = (1 − t/N)·c/Σc + (t/N)·q/Σq; year N is the target.
- "begrensd": each year a gemeente moves towards the target, but its quotum may change at most by the
  factors `plafond_ratio` (growth, e.g. the French 1.2) and `plancher` (decline, e.g. 0.9) relative to
  last year's quotum (scaled to this year's total). The total is kept exact by water-filling:
  λ with Σ clamp(λ·q_g, plancher·v_g, plafond_ratio·v_g) = T_t, as the French dotations do with their
  valeur de point. Needs plancher ≤ 1 ≤ plafond_ratio (both passed in by the caller). Whether the target
  is reached within N years is reported per gemeente.

Floors and caps hold in every year: each year's path quota are capped and floored by water-filling (the
overflow goes to the others as in the target year); where whole numbers cannot fit, that year's total gives
way and the shortage is reported per year. Whole numbers per year (optional) are rounded cumulatively, so
the path does not drift, and the last year is the target allocation itself (`doel_aantallen`): the path ends
exactly on what was agreed. Cumulative rounding never makes a year negative.
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
from verdeelwijzer.verdeling.plafonds import GrenzenUitkomst, gehele_grenzen, waterval, waterval_tellers

IngroeipadSoort = Literal["lineair", "begrensd"]


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
    # The path before caps (quota above are after each year's caps and floors), whole-number shortage per year
    # where caps left too little room, and whether the last year is the target allocation itself.
    pad_quota: tuple[ExactVector, ...] = ()
    tekorten: tuple[int, ...] = ()
    tekorten_exact: tuple[Fraction, ...] = ()
    laatste_jaar_is_doel: bool = False

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
    grenzen_per_jaar: Sequence[GrenzenUitkomst | None] | None = None,
    doel_aantallen: Sequence[int] | None = None,
    bij_gelijke_stand: str = "fout",
    seed: int | None = None,
    gemeentenamen: Sequence[str] | None = None,
    eenheid: str = "eenheden",
) -> IngroeipadUitkomst:
    """Year-by-year path from `huidig` to `doel` (see module doc). `totalen`: T per year (default Σ doel).

    `vloeren`/`plafonds` (exact, None = none) — or the `grenzen` of a water-filling result — only steer the
    path: every year's quota are capped and floored (water-filling, as in the target year), and the whole numbers
    keep ⌈vloer⌉ ≤ aantal ≤ ⌊plafond⌋; `grenzen_per_jaar` gives each year its own bounds. Where the whole numbers
    cannot fit, the year's total gives way and the shortage is in `tekorten`.
    `doel_aantallen`: the target allocation in whole numbers; the last year equals it exactly when the path
    reaches the target and that year's total equals its sum (otherwise a warning says which gave way).
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
    if soort == "lineair":
        jaar_quota = _lineair(cn, qn, Ts, jaren)
        bereikt = (True,) * n
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

    pad_quota = tuple(jaar_quota)
    jaar_grenzen = _grenzen_per_jaar(grenzen_per_jaar, grenzen, vloeren, plafonds, codes, jaren)
    tekorten_exact = [Fraction(0)] * jaren
    if jaar_grenzen is not None:
        # Caps and floors hold in every year: the path's share is capped and redistributed as in the target year.
        jaar_quota, tekorten_exact = _begrens(jaar_quota, Ts, jaar_grenzen, codes, namen, eenheid, waarschuwingen)

    aantallen = None
    afr: CumulatieveAfronding | tuple[AfrondingUitkomst, ...] | None = None
    tekorten: tuple[int, ...] = (0,) * jaren
    laatste_is_doel = False
    if afronding is not None:
        m = methode_code(afronding)
        Tint = []
        for t, T in enumerate(Ts):
            if not isinstance(T, int):
                raise VerdeelFout(f"Om af te ronden moet het totaal van jaar {t + 1} geheel zijn, niet {nl(T)}.")
            Tint.append(T)
        if jaar_grenzen is not None:
            jaargrenzen = []
            for t, (lt, ut, B) in enumerate(jaar_grenzen):
                lo_i, up_i, _ = gehele_grenzen(lt, ut, B)
                jaargrenzen.append((lo_i if any(lo_i) else None, up_i if any(u is not None for u in up_i) else None))
                if m != "omhoog":
                    Tint[t] = _haalbaar_totaal(Tint[t], jaar_quota[t], lo_i, up_i)
            tekorten = tuple(int(T) - a for T, a in zip(Ts, Tint, strict=True))
            for t, tekort in enumerate(tekorten):
                if tekort > 0:
                    waarschuwingen.append(
                        f"Jaar {t + 1} van het ingroeipad: in hele aantallen passen maar {Tint[t]} van de {Ts[t]} "
                        f"{eenheid} binnen de plafonds; het jaartotaal gaf {tekort} toe (tekort dat jaar)."
                    )
                elif tekort < 0:
                    waarschuwingen.append(
                        f"Jaar {t + 1} van het ingroeipad: de vloeren vragen in hele aantallen {Tint[t]} {eenheid}, "
                        f"meer dan het jaartotaal {Ts[t]}; het jaartotaal gaf toe."
                    )
        else:
            jaargrenzen = [(None, None)] * jaren
        rng = maak_rng(bij_gelijke_stand, seed)
        # The last year of the path is the target allocation itself (the whole numbers the caller agreed), so
        # the path ends exactly on the target; the years before it are rounded cumulatively among themselves.
        if doel_aantallen is not None and cumulatief:
            doel_a = tuple(int(a) for a in doel_aantallen)
            if len(doel_a) != n:
                raise VerdeelFout(f"Doelaantallen: {len(doel_a)} waarden voor {n} gemeenten.")
            # A path that reached the target has the target's shares in its last year (lineair always).
            if sum(doel_a) == Tint[-1] and all(bereikt):
                laatste_is_doel = True
            elif all(bereikt):
                waarschuwingen.append(
                    f"Het laatste jaar van het ingroeipad ({jaren}) telt {Tint[-1]} {eenheid}, de doelverdeling "
                    f"{sum(doel_a)}: het jaartotaal gaat voor, dus wijkt het laatste jaar af van de doelverdeling."
                )
        if cumulatief:
            k = jaren - 1 if laatste_is_doel else jaren
            if k > 0:
                afr = cumulatief_tellers(
                    [(v.tellers, v.noemer) for v in jaar_quota[:k]],
                    Tint[:k],
                    codes,
                    namen,
                    m,
                    jaargrenzen[:k],
                    bij_gelijke_stand,
                    rng,
                    seed,
                    eenheid,
                )
                aantallen = afr.aantallen
            else:  # a one-year path is the target itself
                aantallen = ()
            if laatste_is_doel:
                aantallen = (*aantallen, doel_a)
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
        pad_quota=pad_quota,
        tekorten=tekorten,
        tekorten_exact=tuple(tekorten_exact),
        laatste_jaar_is_doel=laatste_is_doel,
    )


def _grenzen_per_jaar(
    grenzen_per_jaar: Sequence[GrenzenUitkomst | None] | None,
    grenzen: GrenzenUitkomst | None,
    vloeren: Sequence[Any | None] | None,
    plafonds: Sequence[Any | None] | None,
    codes: tuple[str, ...],
    jaren: int,
) -> list[tuple[Sequence[int], Sequence[int | None], int]] | None:
    """Exact bounds per year as int numerators over one denominator (None: no bounds at all)."""
    if grenzen_per_jaar is not None:
        if len(grenzen_per_jaar) != jaren:
            raise VerdeelFout(f"{len(grenzen_per_jaar)} jaargrenzen voor een ingroeipad van {jaren} jaar.")
        if all(g is None for g in grenzen_per_jaar):
            return None
        geen = ([0] * len(codes), [None] * len(codes), 1)
        return [geen if g is None else (g.vloer_tellers, g.plafond_tellers, g.grens_noemer) for g in grenzen_per_jaar]
    if grenzen is not None:
        return [(grenzen.vloer_tellers, grenzen.plafond_tellers, grenzen.grens_noemer)] * jaren
    if vloeren is not None or plafonds is not None:
        return [_grenstellers(vloeren, plafonds, codes)] * jaren
    return None


def _begrens(
    jaar_quota: list[ExactVector],
    Ts: list[Exact],
    jaar_grenzen: list[tuple[Sequence[int], Sequence[int | None], int]],
    codes: tuple[str, ...],
    namen: tuple[str, ...] | None,
    eenheid: str,
    waarschuwingen: list[str],
) -> tuple[list[ExactVector], list[Fraction]]:
    """Each year's path quota within that year's floors and caps (water-filling on the path's shares)."""
    uit: list[ExactVector] = []
    tekorten: list[Fraction] = []
    for t, (v, T, (lt, ut, B)) in enumerate(zip(jaar_quota, Ts, jaar_grenzen, strict=True)):
        d = v.noemer
        binnen = all(
            x * B >= lo * d and (u is None or x * B <= u * d) for x, lo, u in zip(v.tellers, lt, ut, strict=True)
        )
        if binnen:
            uit.append(v)
            tekorten.append(Fraction(0))
            continue
        if isinstance(T, int):
            r = waterval_tellers(v.tellers, d, T * B, list(lt), list(ut), B, codes, namen, eenheid=eenheid)
        else:
            r = waterval(
                v.tellers, d, T, [Fraction(x, B) for x in lt], [None if u is None else Fraction(u, B) for u in ut],
                codes, namen, eenheid=eenheid,
            )
        for w in r.waarschuwingen:
            w = f"Jaar {t + 1} van het ingroeipad: {w}"
            if w not in waarschuwingen:
                waarschuwingen.append(w)
        uit.append(r.quota)
        tekorten.append(r.tekort)
    return uit, tekorten


def _haalbaar_totaal(T: int, quota: ExactVector, lo_i: list[int], up_i: list[int | None]) -> int:
    """The whole-number total that fits: T, or the floors' sum (too many) or the caps' room (too few)."""
    ruimte = 0
    for i, t in enumerate(quota.tellers):
        if t == 0:
            ruimte += lo_i[i]
        elif up_i[i] is None:
            return max(T, sum(lo_i))
        else:
            ruimte += up_i[i]  # type: ignore[operator]
    return min(max(T, sum(lo_i)), ruimte)


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
