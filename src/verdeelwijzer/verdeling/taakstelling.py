"""Taakstelling statushouders (Huisvestingswet 2014, art. 29).

    quotum_g = vg · iG / iN        aantal_g = afronding(quotum_g) + achterstand_g − voorsprong_g ± ruil

vg is the national half-year number, iG and iN the population of the gemeente and of the country (all
supplied by the caller, with their peildatum). The rounding rule is a parameter ("omhoog" in the law;
the caller reads it from the parameter file). Because every gemeente rounds up, Σ aantal exceeds vg.
A voorsprong larger than the task does not make the task negative: the task is 0 and the remaining
voorsprong is reported (`resterende_voorsprong`) for the next period. Swaps between gemeenten (lid 2)
move tasks and keep the sum; a swap that would make a task negative is an error.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.getallen import (
    controleer_gemeenten,
    exact,
    exacte_reeks,
    gemeentelabel,
    index_van,
    nl,
)

Afrondingsregel = Literal["omhoog", "omlaag", "rekenkundig"]


@dataclass(frozen=True)
class Ruil:
    """Gemeente `naar` takes over `aantal` of the task of gemeente `van`."""

    van: str
    naar: str
    aantal: int


@dataclass(frozen=True)
class TaakstellingRegel:
    gemeentecode: str
    quotum: Fraction
    afgerond: int
    achterstand: int
    voorsprong: int
    ruil: int  # net: + taken over from others, − handed over
    aantal: int
    resterende_voorsprong: int


@dataclass(frozen=True)
class TaakstellingUitkomst:
    vg: int
    inwoners_nederland: int
    afrondingsregel: str
    regels: tuple[TaakstellingRegel, ...]
    ruilingen: tuple[Ruil, ...]
    gemeentenamen: tuple[str, ...] | None = field(default=None, compare=False)

    @property
    def som(self) -> int:
        return sum(r.aantal for r in self.regels)

    @property
    def som_afgerond(self) -> int:
        return sum(r.afgerond for r in self.regels)


def _rond(q: Fraction, regel: str) -> int:
    if regel == "omhoog":
        return math.ceil(q)
    if regel == "omlaag":
        return math.floor(q)
    if regel == "rekenkundig":  # half up
        return math.floor(q + Fraction(1, 2))
    raise VerdeelFout(f"Onbekende afrondingsregel '{regel}'; kies 'omhoog', 'omlaag' of 'rekenkundig'.")


def _correcties(waarden: Mapping[str, int] | None, wat: str, codes: tuple[str, ...]) -> list[int]:
    uit = [0] * len(codes)
    for code, v in (waarden or {}).items():
        i = index_van(codes, code, wat)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise VerdeelFout(f"{wat} van {code} moet een niet-negatief geheel getal zijn, niet {v!r}.")
        uit[i] = v
    return uit


def bereken_taakstelling(
    vg: int,
    inwoners: Sequence[Any],
    inwoners_nederland: int,
    gemeentecodes: Sequence[str],
    *,
    afrondingsregel: Afrondingsregel,
    achterstand: Mapping[str, int] | None = None,
    voorsprong: Mapping[str, int] | None = None,
    ruilingen: Sequence[Ruil] = (),
    gemeentenamen: Sequence[str] | None = None,
) -> TaakstellingUitkomst:
    """Task per gemeente: rule(vg · iG / iN) + achterstand − voorsprong, then the swaps (see module doc)."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    vg_ = exact(vg, "Landelijke taakstelling (vg)")
    iN = exact(inwoners_nederland, "Inwoners Nederland (iN)")
    if not isinstance(vg_, int) or vg_ < 0:
        raise VerdeelFout(f"De landelijke taakstelling vg moet een niet-negatief geheel getal zijn, niet {vg!r}.")
    if not isinstance(iN, int) or iN <= 0:
        raise VerdeelFout(f"Het aantal inwoners van Nederland moet een positief geheel getal zijn, niet {nl(iN)}.")
    iG = exacte_reeks(inwoners, "Inwoners", codes)
    for g, v in enumerate(iG):
        if v < 0:
            raise VerdeelFout(f"Inwoners van {gemeentelabel(codes, namen, g)} zijn negatief ({nl(v)}).")
    som_iG = sum(iG)
    if som_iG > iN:
        raise VerdeelFout(
            f"De gemeenten hebben samen {nl(som_iG)} inwoners, meer dan Nederland ({nl(iN)}); controleer de peildata."
        )
    achter = _correcties(achterstand, "Achterstand", codes)
    voor = _correcties(voorsprong, "Voorsprong", codes)
    ruil = [0] * len(codes)
    for r in ruilingen:
        i = index_van(codes, r.van, "Ruil (van)")
        j = index_van(codes, r.naar, "Ruil (naar)")
        if isinstance(r.aantal, bool) or not isinstance(r.aantal, int) or r.aantal <= 0:
            raise VerdeelFout(f"Ruil van {r.van} naar {r.naar}: het aantal moet een positief geheel getal zijn.")
        if i == j:
            raise VerdeelFout(f"Ruil van {r.van} naar zichzelf is geen ruil.")
        ruil[i] -= r.aantal
        ruil[j] += r.aantal
    regels = []
    for g in range(len(codes)):
        q = Fraction(vg_ * iG[g]) / iN
        afg = _rond(q, afrondingsregel)
        voor_ruil = afg + achter[g] - voor[g]
        resterend = max(0, -voor_ruil)
        voor_ruil = max(0, voor_ruil)
        aantal = voor_ruil + ruil[g]
        if aantal < 0:
            betrokken = [f"{x.van}→{x.naar} ({x.aantal})" for x in ruilingen if codes[g] in (x.van, x.naar)]
            raise VerdeelFout(
                f"De ruilingen {', '.join(betrokken)} maken de taakstelling van {gemeentelabel(codes, namen, g)} "
                f"negatief ({voor_ruil} − {-ruil[g]} = {aantal})."
            )
        regels.append(TaakstellingRegel(codes[g], q, afg, achter[g], voor[g], ruil[g], aantal, resterend))
    return TaakstellingUitkomst(vg_, iN, afrondingsregel, tuple(regels), tuple(ruilingen), namen)
