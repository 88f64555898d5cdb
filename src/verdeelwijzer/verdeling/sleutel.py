"""Verdeelsleutel: weights over indicators, and each gemeente's exact share of the region.

share_g = Σ_i w_i · X_ig / Σ_h X_ih        with w_i ≥ 0 and Σ_i w_i = 1 (exactly)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.getallen import (
    Exact,
    ExactVector,
    controleer_gemeenten,
    exacte_reeks,
    gemeenschappelijke_noemer,
    gemeentelabel,
    nl,
    nl_procent,
    parameter,
)

_NAAM = r"[^\W\d][\w\-]*"
_WAARDE = r"[+-]?\s*(?:\d+\s*/\s*\d+|(?:\d+(?:[.,]\d+)?|[.,]\d+)%?)"
_TERM = re.compile(rf"\s*(?P<naam>{_NAAM})\s*=\s*(?P<waarde>{_WAARDE})\s*")
_SCHEIDING = re.compile(r"[,;]")


def parse_sleutel(tekst: str) -> dict[str, Fraction]:
    """Parse "inwoners=0.5,mutaties=0.5" (also "0,5", "50%", "1/3"; terms separated by , or ;).

    The weights are read exactly from the decimal text and must be non-negative and add up to exactly 1;
    a single indicator without a weight ("huishoudens") gets weight 1.
    """
    if not tekst or not tekst.strip():
        raise VerdeelFout("De verdeelsleutel is leeg; geef bijvoorbeeld 'inwoners=0,5; mutaties=0,5'.")
    if re.fullmatch(rf"\s*{_NAAM}\s*", tekst):  # one indicator without a weight: all weight on it
        return controleer_gewichten({tekst.strip(): Fraction(1)})
    gewichten: dict[str, Fraction] = {}
    pos = 0
    while True:
        m = _TERM.match(tekst, pos)
        if m is None:
            rest = tekst[pos:].strip()
            waar = f"bij '{rest}'" if rest else "aan het eind (een scheidingsteken zonder term erna)"
            raise VerdeelFout(
                f"Verdeelsleutel '{tekst}' is niet te lezen {waar}; "
                "verwacht 'naam=gewicht', gescheiden door komma's of puntkomma's, bijvoorbeeld "
                "'inwoners=0,5; mutaties=0,5'."
            )
        naam = m.group("naam")
        if naam in gewichten:
            raise VerdeelFout(f"Indicator '{naam}' staat twee keer in de verdeelsleutel '{tekst}'.")
        gewichten[naam] = parameter(m.group("waarde"), f"Gewicht van '{naam}'")
        pos = m.end()
        if pos == len(tekst):
            break
        sep = _SCHEIDING.match(tekst, pos)
        if sep is None:
            raise VerdeelFout(
                f"Verdeelsleutel '{tekst}' is niet te lezen bij '{tekst[pos:].strip()}'; "
                "scheid de termen met een komma of puntkomma."
            )
        pos = sep.end()
    return controleer_gewichten(gewichten)


def controleer_gewichten(gewichten: Mapping[str, Any]) -> dict[str, Fraction]:
    """Weights as exact Fractions; errors for a negative weight or a sum other than exactly 1.

    Floats are read as the decimal they print as (0.3 → 3/10), because weights are typed by people.
    """
    if not gewichten:
        raise VerdeelFout("De verdeelsleutel bevat geen enkele indicator.")
    uit = {str(naam): parameter(w, f"Gewicht van '{naam}'") for naam, w in gewichten.items()}
    negatief = [f"{n}={nl(w, 6)}" for n, w in uit.items() if w < 0]
    if negatief:
        raise VerdeelFout(f"Gewichten mogen niet negatief zijn: {', '.join(negatief)}.")
    som = sum(uit.values(), Fraction(0))
    if som != 1:
        delen = " + ".join(f"{n} {nl(w, 6)}" for n, w in uit.items())
        raise VerdeelFout(
            f"De gewichten van de verdeelsleutel tellen op tot {nl(som, 6)} ({som}) in plaats van 1: {delen}."
        )
    return uit


def sleutel_tekst(gewichten: Mapping[str, Fraction]) -> str:
    """ "50% inwoners + 50% mutaties" for explanations."""
    return " + ".join(f"{nl_procent(w)} {naam}" for naam, w in gewichten.items() if w)


@dataclass(frozen=True)
class SleutelUitkomst:
    """Exact shares per gemeente and how they are built up.

    `waarden[i][g]` is indicator i for gemeente g (exact), `totalen[i]` its regional sum,
    `componenten[i][g] = w_i · X_ig / Σ_h X_ih` and `aandelen[g] = Σ_i componenten[i][g]` (sums to 1).
    """

    gemeentecodes: tuple[str, ...]
    gewichten: Mapping[str, Fraction]
    waarden: Mapping[str, tuple[Exact, ...]]
    totalen: Mapping[str, Exact]
    componenten: Mapping[str, ExactVector]
    aandelen: ExactVector


def aandelen(
    indicatoren: Mapping[str, Sequence[Any]],
    gewichten: Mapping[str, Any] | str,
    gemeentecodes: Sequence[str],
    *,
    gemeentenamen: Sequence[str] | None = None,
) -> SleutelUitkomst:
    """Each gemeente's exact share under the key. Only the weighted indicators are used.

    Errors (VerdeelFout, Dutch) for a missing indicator, a negative value, or — for an indicator with a
    positive weight — a regional sum of 0 (its shares would be undefined).
    """
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    w = parse_sleutel(gewichten) if isinstance(gewichten, str) else controleer_gewichten(gewichten)
    ontbrekend = [naam for naam in w if naam not in indicatoren]
    if ontbrekend:
        beschikbaar = ", ".join(sorted(indicatoren)) or "geen"
        raise VerdeelFout(
            f"Indicator(en) uit de verdeelsleutel ontbreken: {', '.join(ontbrekend)} (beschikbaar: {beschikbaar})."
        )
    waarden: dict[str, tuple[Exact, ...]] = {}
    totalen: dict[str, Exact] = {}
    delen: list[tuple[list[int], int, int, int]] = []  # (tellers, Σ tellers, gewicht teller, gewicht noemer)
    for naam, gewicht in w.items():
        reeks = exacte_reeks(indicatoren[naam], f"Indicator '{naam}'", codes)
        if min(reeks) < 0:
            g = next(g for g, x in enumerate(reeks) if x < 0)
            raise VerdeelFout(
                f"Indicator '{naam}' is negatief voor {gemeentelabel(codes, namen, g)}: {nl(reeks[g], 6)}."
            )
        waarden[naam] = tuple(reeks)
        tellers, noemer = gemeenschappelijke_noemer(reeks)
        som = sum(tellers)
        totalen[naam] = Fraction(som, noemer) if noemer != 1 else som
        if som == 0 and gewicht > 0:
            raise VerdeelFout(
                f"Indicator '{naam}' is 0 voor alle gemeenten in de regio; met een gewicht van "
                f"{nl_procent(gewicht)} is het aandeel dan niet te bepalen."
            )
        delen.append((tellers, som, gewicht.numerator, gewicht.denominator))

    # component_ig = a_i · x_ig / (b_i · Σx_i): exact with ints over one common denominator L
    L = 1
    for _, som, a, b in delen:
        if a:
            L = math.lcm(L, b * som)
    componenten: dict[str, ExactVector] = {}
    totaal_tellers = [0] * len(codes)
    for naam, (tellers, som, a, b) in zip(w, delen, strict=True):
        if a == 0:
            componenten[naam] = ExactVector([0] * len(codes), 1)
            continue
        f = a * (L // (b * som))
        comp = [f * t for t in tellers]
        componenten[naam] = ExactVector(comp, L)
        totaal_tellers = [s + c for s, c in zip(totaal_tellers, comp, strict=True)]
    return SleutelUitkomst(
        gemeentecodes=codes,
        gewichten=w,
        waarden=waarden,
        totalen=totalen,
        componenten=componenten,
        aandelen=ExactVector(totaal_tellers, L),
    )
