"""Fair-share balance: each gemeente's contribution against its fair part of the region's total.

One definition for every place that weighs contributions across groups or woonvormen (the aandachtsgroepen
overview, the woonvormen specialisation balance): fair part F_m = share_m · Σ_k C_k, balance C_m − F_m. With
shares summing to 1 the balances sum to exactly 0 (exact fractions, no rounding here).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def evenredige_balans(bijdragen: Sequence[Fraction], aandelen: Sequence[Fraction]) -> tuple[
        list[Fraction], list[Fraction]]:
    """(fair parts, balances) per gemeente, in the order given."""
    if len(bijdragen) != len(aandelen):
        raise ValueError("evenveel bijdragen als aandelen verwacht")
    totaal = sum(bijdragen, Fraction(0))
    delen = [a * totaal for a in aandelen]
    return delen, [b - d for b, d in zip(bijdragen, delen, strict=True)]
