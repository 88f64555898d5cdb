"""Herkomst: mix the key with demand by gemeente of origin, plus explicit "tenzij" exceptions.

    q_g = α · d_g · T / Σd  +  (1 − α) · T · share_g

The design note writes α·d_g; we scale the demand to the regional total T (factor T/Σd) so that both
parts add up to T and α really is the weight of origin in the mix. When Σd = T the factor is 1 and the
formulas agree; otherwise the explanation states the factor. α is an exact fraction in [0, 1].

Exceptions ("herkomstgemeente, tenzij …", e.g. kansrijke woonstart): `aantal` whole households of
origin `van` are placed in `naar`. They are applied after the mix, as exact transfers between quota
(the household moves as a whole, not α of it), so the regional total stays T. A transfer that would
leave the origin with a negative quotum is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.getallen import (
    Exact,
    ExactVector,
    controleer_gemeenten,
    exact,
    exacte_reeks,
    gemeenschappelijke_noemer,
    gemeentelabel,
    index_van,
    nl,
    parameter,
)


@dataclass(frozen=True)
class Uitzondering:
    """ "Tenzij": `aantal` households with origin `van` are placed in `naar`, for `reden`."""

    van: str
    naar: str
    aantal: int
    reden: str


@dataclass(frozen=True)
class Herkomst:
    """What the caller asks: demand per gemeente of origin (one figure per gemeente), α, exceptions."""

    vraag: Sequence[Any]
    alfa: Any
    uitzonderingen: Sequence[Uitzondering] = ()
    bron: Bron | None = None


@dataclass(frozen=True)
class HerkomstUitkomst:
    """Quota after the herkomst mix and the exceptions, with both parts kept for the explanation."""

    gemeentecodes: tuple[str, ...]
    totaal: Exact
    alfa: Fraction
    vraag: tuple[Exact, ...]
    vraag_totaal: Exact
    schaalfactor: Fraction | None
    herkomstdeel: ExactVector
    sleuteldeel: ExactVector
    uitzonderingen: tuple[Uitzondering, ...]
    netto_uitzonderingen: tuple[int, ...]
    quota: ExactVector
    bron: Bron | None = field(default=None, compare=False)


def _alfa(waarde: Any) -> Fraction:
    a = parameter(waarde, "α (gewicht van de herkomst)")
    if not 0 <= a <= 1:
        raise VerdeelFout(f"α (gewicht van de herkomst) moet tussen 0 en 1 liggen, niet {nl(a, 6)}.")
    return a


def meng_herkomst(
    aandelen: Sequence[Any],
    totaal: Any,
    herkomst: Herkomst,
    gemeentecodes: Sequence[str],
    *,
    gemeentenamen: Sequence[str] | None = None,
) -> HerkomstUitkomst:
    """Mix key shares (normalised to sum 1) with demand by origin; apply the "tenzij" exceptions."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    n = len(codes)
    alfa = _alfa(herkomst.alfa)
    T = exact(totaal, "Totaal")
    if T < 0:
        raise VerdeelFout(f"Het totaal mag niet negatief zijn ({nl(T)}).")
    if isinstance(aandelen, ExactVector):
        sn, _ = list(aandelen.tellers), aandelen.noemer
    else:
        sn, _ = gemeenschappelijke_noemer(exacte_reeks(aandelen, "Aandeel", codes))
    if len(sn) != n:
        raise VerdeelFout(f"{len(sn)} aandelen voor {n} gemeenten.")
    S = sum(sn)
    if S <= 0 or any(s < 0 for s in sn):
        raise VerdeelFout("De aandelen van de verdeelsleutel moeten niet-negatief zijn en samen meer dan 0.")
    d = exacte_reeks(herkomst.vraag, "Vraag naar herkomst", codes)
    for g, x in enumerate(d):
        if x < 0:
            raise VerdeelFout(f"Vraag naar herkomst van {gemeentelabel(codes, namen, g)} is negatief ({nl(x)}).")
    dn, de = gemeenschappelijke_noemer(d)
    D = sum(dn)
    if D == 0 and alfa > 0:
        raise VerdeelFout("De vraag naar herkomst is 0 voor alle gemeenten; met α > 0 is de mix niet te bepalen.")
    an, ad = alfa.numerator, alfa.denominator
    t = Fraction(T)
    tn, td = t.numerator, t.denominator
    Dn = D if D else 1
    # common denominator ad·td·S·D for both parts: exact ints only
    noemer = ad * td * S * Dn
    herk = [an * x * tn * S for x in dn] if D else [0] * n
    sleut = [(ad - an) * tn * s * Dn for s in sn]
    q = [h + k for h, k in zip(herk, sleut, strict=True)]

    netto = [0] * n
    for u in herkomst.uitzonderingen:
        wat = f"Uitzondering '{u.reden}'"
        i = index_van(codes, u.van, f"{wat} (van)")
        j = index_van(codes, u.naar, f"{wat} (naar)")
        if i == j:
            raise VerdeelFout(f"{wat}: van en naar zijn dezelfde gemeente ({gemeentelabel(codes, namen, i)}).")
        if isinstance(u.aantal, bool) or not isinstance(u.aantal, int) or u.aantal <= 0:
            raise VerdeelFout(f"{wat}: het aantal moet een positief geheel getal zijn, niet {u.aantal!r}.")
        netto[i] -= u.aantal
        netto[j] += u.aantal
    for g in range(n):
        q[g] += netto[g] * noemer
        if q[g] < 0:
            raise VerdeelFout(
                f"De uitzonderingen halen bij {gemeentelabel(codes, namen, g)} {-netto[g]} weg, meer dan haar quotum "
                f"uit herkomst en sleutel ({nl(Fraction(q[g] - netto[g] * noemer, noemer))})."
            )
    vraag_totaal = Fraction(D, de) if de != 1 else D
    return HerkomstUitkomst(
        gemeentecodes=codes,
        totaal=T,
        alfa=alfa,
        vraag=tuple(d),
        vraag_totaal=vraag_totaal,
        schaalfactor=(t / vraag_totaal) if D else None,
        herkomstdeel=ExactVector(herk, noemer),
        sleuteldeel=ExactVector(sleut, noemer),
        uitzonderingen=tuple(herkomst.uitzonderingen),
        netto_uitzonderingen=tuple(netto),
        quota=ExactVector(q, noemer),
        bron=herkomst.bron,
    )
