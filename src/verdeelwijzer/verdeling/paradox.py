"""Where a rounding method misleads: the properties of each method, and checks for Hamilton's paradoxes.

Hamilton (largest remainder) stays within one of the exact quotum (quota rule) but is not monotone:
- Alabama paradox: with one more to distribute a gemeente can get one fewer. We check the result against
  the neighbouring totals T−1 and T+1 (same shares).
- Population paradox: a gemeente whose share grows can lose a unit to one whose share shrinks. We check a
  period against the previous one.
Divisor methods (Sainte-Laguë, D'Hondt, Huntington-Hill) have neither paradox but may leave the quota
rule; 'omhoog' rounds every quotum up and so exceeds the total. Pure functions; texts are Dutch.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from verdeelwijzer.verdeling import afronding_kern as kern
from verdeelwijzer.verdeling.getallen import ExactVector

# One line per method, for --help, the web form and the documentation (the same words everywhere).
METHODE_EIGENSCHAPPEN: dict[str, str] = {
    "sainte-lague": "Sainte-Laguë: deler 0,5 · 1,5 · 2,5 …; geen voorkeur voor groot of klein, monotoon "
    "(geen Alabama- of populatieparadox); kan zelden meer dan 1 van het exacte quotum afwijken.",
    "hamilton": "Hamilton (grootste overschot): ieder krijgt het quotum naar beneden plus 1 voor de grootste "
    "resten; altijd binnen 1 van het quotum, maar niet monotoon: bij een groter totaal of een groeiende gemeente "
    "kan een gemeente er één verliezen (Alabama- en populatieparadox; Verdeelwijzer waarschuwt dan).",
    "dhondt": "D'Hondt: deler 1 · 2 · 3 …; monotoon, maar bevoordeelt grote gemeenten.",
    "huntington-hill": "Huntington-Hill: deler √(n·(n+1)); monotoon, iedere gemeente met een aanspraak krijgt "
    "er minstens 1; licht in het voordeel van kleine gemeenten.",
    "omhoog": "Omhoog: elk quotum naar boven afgerond (zoals de taakstelling statushouders); niemand krijgt "
    "minder dan zijn quotum, maar de som is groter dan het totaal (Verdeelwijzer meldt hoeveel).",
}


def methode_hulp() -> str:
    """All properties in one help text (CLI --help, web)."""
    return " ".join(METHODE_EIGENSCHAPPEN.values())


def _namen(g: Sequence[int], namen: Sequence[str]) -> str:
    return ", ".join(namen[i] for i in sorted(g, key=lambda i: namen[i]))


def alabamaparadox(quota: ExactVector, aantallen: Sequence[int], totaal: int, namen: Sequence[str]) -> list[str]:
    """Hamilton: who gets fewer with T+1, or more with T−1, than with T (same shares, no bounds)."""
    tellers = list(quota.tellers)
    if totaal <= 0 or not any(tellers):
        return []
    uit = []
    meer, _ = kern.wijs_toe(kern.HAMILTON, tellers, totaal + 1, None, None)
    verliezers = [g for g, (a, b) in enumerate(zip(aantallen, meer, strict=True)) if b < a]
    if verliezers:
        uit.append(
            f"Alabama-paradox (Hamilton): bij een totaal van {totaal + 1} in plaats van {totaal} zou "
            f"{_namen(verliezers, namen)} er één minder krijgen. Overweeg Sainte-Laguë."
        )
    minder, _ = kern.wijs_toe(kern.HAMILTON, tellers, totaal - 1, None, None)
    winnaars = [g for g, (a, b) in enumerate(zip(aantallen, minder, strict=True)) if b > a]
    if winnaars:
        uit.append(
            f"Alabama-paradox (Hamilton): bij een totaal van {totaal - 1} in plaats van {totaal} zou "
            f"{_namen(winnaars, namen)} er één méér krijgen; door de groei van het totaal verliest "
            f"{'zij' if len(winnaars) == 1 else 'elk'} er één. Overweeg Sainte-Laguë."
        )
    return uit


def populatieparadox(
    vorige_quota: Sequence[Fraction],
    vorige_aantallen: Sequence[int],
    quota: Sequence[Fraction],
    aantallen: Sequence[int],
    namen: Sequence[str],
) -> list[str]:
    """A gemeente whose share grew but whose number fell, while a gemeente whose share shrank gained."""
    T0, T1 = sum(vorige_quota), sum(quota)
    if not T0 or not T1:
        return []
    groei = [Fraction(q1) / T1 - Fraction(q0) / T0 for q0, q1 in zip(vorige_quota, quota, strict=True)]
    verloren = [g for g in range(len(quota)) if groei[g] > 0 and aantallen[g] < vorige_aantallen[g]]
    gewonnen = [g for g in range(len(quota)) if groei[g] < 0 and aantallen[g] > vorige_aantallen[g]]
    if not verloren or not gewonnen:
        return []
    return [
        f"populatieparadox: het aandeel van {_namen(verloren, namen)} groeit, maar het aantal daalt, terwijl "
        f"{_namen(gewonnen, namen)} met een krimpend aandeel er meer krijgt. Overweeg Sainte-Laguë."
    ]
