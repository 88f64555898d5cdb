"""Weights of a verdeelsleutel as percentages that always add up to exactly 100 (the web's linked sliders).

Two pure rules, shared by the server and mirrored in `web/static/js/schuiven.js`:

- `herverdeel` (one slider moves): the moved indicator gets its new value (0–100, in tenths of a
  percent); the rest, 100 minus that value, is shared over the other indicators in proportion to their
  current weights (equally when they are all 0). Shares are whole tenths by largest remainder; when two
  remainders are equal the tenth goes to the indicator higher in the list (the page shows every weight,
  so nothing is hidden).
- `naar_honderd` (typed or linked weights that do not add up to 100): every weight is scaled by
  100 / sum and rounded to tenths by largest remainder. If that rounding would have to choose between
  equal remainders, nothing is chosen: the weights stay exactly scaled (e.g. 33⅓ %), so no tie is broken.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout

HONDERD = Fraction(100)
TIENDEN = 1000  # 100 % in tenths of a percent: the resolution of the sliders


def lees_percentage(waarde: Any, wat: str) -> Fraction:
    """A percentage as typed: "50", "50 %", "50,5", " 12.5%" (empty = 0). Dutch InvoerFout otherwise."""
    from verdeelwijzer.verdeling.getallen import parameter

    if isinstance(waarde, Fraction | int) and not isinstance(waarde, bool):
        getal = Fraction(waarde)
    else:
        tekst = str(waarde).strip().replace(" ", "").replace("\u00a0", "")
        if tekst.endswith("%"):
            tekst = tekst[:-1]
        if tekst == "":
            return Fraction(0)
        try:
            getal = parameter(tekst.replace(",", ".") if isinstance(waarde, str) else waarde, wat)
        except VerdeelwijzerFout:
            raise InvoerFout(f"{wat}: '{str(waarde)[:40]}' is geen percentage; typ bijvoorbeeld 50, 50 % of "
                             "50,5.") from None
    if getal < 0:
        raise InvoerFout(f"{wat}: een gewicht kan niet negatief zijn ({str(waarde)[:40]}).")
    if getal > 100:
        raise InvoerFout(f"{wat}: een gewicht is hoogstens 100 % ({str(waarde)[:40]}).")
    return getal


def _grootste_rest(gewichten: Mapping[str, Fraction], totaal: int) -> tuple[dict[str, int], bool]:
    """`totaal` whole units in proportion to `gewichten` (sum > 0) by largest remainder; second value True
    when the last unit(s) had to choose between equal remainders (then earlier keys won)."""
    som = sum(gewichten.values())
    quota = {k: w * totaal / som for k, w in gewichten.items()}
    delen = {k: math.floor(q) for k, q in quota.items()}
    over = totaal - sum(delen.values())
    volgorde = sorted(quota, key=lambda k: -(quota[k] - delen[k]))  # stable: earlier keys first on ties
    gelijk = 0 < over < len(volgorde) and (quota[volgorde[over - 1]] - delen[volgorde[over - 1]]
                                           == quota[volgorde[over]] - delen[volgorde[over]])
    for k in volgorde[:over]:
        delen[k] += 1
    return delen, gelijk


def herverdeel(gewichten: Mapping[str, Fraction], indicator: str, waarde: Fraction) -> dict[str, Fraction]:
    """The linked-slider rule (module doc): `indicator` set to `waarde` percent (clamped to 0–100 and
    rounded to a tenth, halves up), the others rescaled so that all add up to exactly 100."""
    if indicator not in gewichten:
        raise InvoerFout(f"Onbekende indicator '{indicator}' in de verdeelsleutel.")
    eigen = max(0, min(TIENDEN, math.floor(Fraction(waarde) * 10 + Fraction(1, 2))))
    anderen = {k: max(Fraction(0), Fraction(w)) for k, w in gewichten.items() if k != indicator}
    uit = {k: Fraction(0) for k in gewichten}
    uit[indicator] = Fraction(eigen, 10)
    if not anderen:
        uit[indicator] = HONDERD
        return uit
    if sum(anderen.values()) == 0:
        anderen = {k: Fraction(1) for k in anderen}
    delen, _ = _grootste_rest(anderen, TIENDEN - eigen)
    uit.update({k: Fraction(d, 10) for k, d in delen.items()})
    return uit


@dataclass(frozen=True)
class Schaling:
    """Weights that add up to exactly 100, and what was done to get there (for the page to say in words)."""

    gewichten: dict[str, Fraction]
    som: Fraction  # the sum as given
    geschaald: bool  # False when the weights already added up to 100
    exact: bool  # True when kept exactly scaled (the rounding to tenths would have had to break a tie)


def naar_honderd(gewichten: Mapping[str, Fraction]) -> Schaling:
    """Scale non-negative weights to exactly 100 (module doc). Weights of 0 stay 0 and keep their key."""
    schoon = {k: Fraction(w) for k, w in gewichten.items()}
    if any(w < 0 for w in schoon.values()):
        raise InvoerFout("Een gewicht kan niet negatief zijn.")
    som = sum(schoon.values(), Fraction(0))
    if som == 0:
        raise InvoerFout("Geef minstens één indicator een gewicht groter dan 0 %.")
    if som == HONDERD:
        return Schaling(schoon, som, geschaald=False, exact=False)
    delen, gelijk = _grootste_rest(schoon, TIENDEN)
    if gelijk:
        return Schaling({k: w * HONDERD / som for k, w in schoon.items()}, som, geschaald=True, exact=True)
    return Schaling({k: Fraction(d, 10) for k, d in delen.items()}, som, geschaald=True, exact=False)
