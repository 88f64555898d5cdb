"""Effect on regular home seekers: the lettings that remain for them per gemeente.

    rest_g = M_g − urgenten_g − statushouders_g − overig_g      aandeel_g = rest_g / M_g

A negative rest (more placements than lettings) is flagged in `tekort_regulier`, never clipped.
With `huidige_urgenten` the same is computed for today's situation and the difference reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.getallen import Exact, controleer_gemeenten, exacte_reeks, gemeentelabel, nl


@dataclass(frozen=True)
class RegulierRegel:
    """One gemeente: lettings, what goes to priority groups, and what is left for regular seekers."""

    gemeentecode: str
    mutaties: Exact
    urgenten: Exact
    statushouders: Exact
    overig: Exact
    rest: Exact
    aandeel: Fraction | None  # rest / mutaties; None when there are no lettings
    negatief: bool
    rest_huidig: Exact | None = None
    aandeel_huidig: Fraction | None = None
    verschil: Exact | None = None  # rest − rest_huidig (negative: fewer homes for regular seekers)


@dataclass(frozen=True)
class RegulierEffect:
    regels: tuple[RegulierRegel, ...]
    gemeentenamen: tuple[str, ...] | None = field(default=None, compare=False)

    @property
    def rest_totaal(self) -> Exact:
        return sum((r.rest for r in self.regels), 0)

    @property
    def negatief(self) -> tuple[str, ...]:
        """Gemeenten where priority placements exceed the lettings."""
        return tuple(sorted(r.gemeentecode for r in self.regels if r.negatief))

    @property
    def waarschuwingen(self) -> tuple[str, ...]:
        codes = tuple(r.gemeentecode for r in self.regels)
        uit = []
        for g, r in enumerate(self.regels):
            if r.negatief:
                uit.append(
                    f"{gemeentelabel(codes, self.gemeentenamen, g)}: er gaan {nl(-r.rest)} meer woningen naar "
                    f"voorrangsgroepen dan er vrijkomen ({nl(r.mutaties)} mutaties); er blijft niets over voor "
                    "reguliere woningzoekenden."
                )
        return tuple(uit)


def effect_op_regulier(
    gemeentecodes: Sequence[str],
    mutaties: Sequence[Any],
    urgenten: Sequence[Any],
    *,
    statushouders: Sequence[Any] | None = None,
    overig: Sequence[Any] | None = None,
    huidige_urgenten: Sequence[Any] | None = None,
    gemeentenamen: Sequence[str] | None = None,
) -> RegulierEffect:
    """Lettings left for regular home seekers per gemeente, as number and share, and the change vs today."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    n = len(codes)
    nul = [0] * n
    M = exacte_reeks(mutaties, "Mutaties", codes)
    U = exacte_reeks(urgenten, "Urgenten", codes)
    S = exacte_reeks(statushouders, "Statushouders", codes) if statushouders is not None else nul
    O = exacte_reeks(overig, "Overige voorrang", codes) if overig is not None else nul  # noqa: E741
    H = exacte_reeks(huidige_urgenten, "Huidige urgenten", codes) if huidige_urgenten is not None else None
    for naam, reeks in (("Mutaties", M), ("Urgenten", U), ("Statushouders", S), ("Overige voorrang", O)):
        for g, v in enumerate(reeks):
            if v < 0:
                raise VerdeelFout(f"{naam} van {gemeentelabel(codes, namen, g)} is negatief ({nl(v)}).")
    regels = []
    for g in range(n):
        rest = M[g] - U[g] - S[g] - O[g]
        aandeel = Fraction(rest, 1) / M[g] if M[g] else None
        rh = ah = vs = None
        if H is not None:
            rh = M[g] - H[g] - S[g] - O[g]
            ah = Fraction(rh, 1) / M[g] if M[g] else None
            vs = rest - rh
        regels.append(RegulierRegel(codes[g], M[g], U[g], S[g], O[g], rest, aandeel, rest < 0, rh, ah, vs))
    return RegulierEffect(tuple(regels), namen)
