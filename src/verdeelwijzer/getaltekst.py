"""One bounded conversion from text to an exact number, used by every reader of user figures.

`Fraction("1e10000000")` builds a ten-million-digit integer (seconds of CPU per value); a cell `1e400`
overflows to infinity when it is later shown as a float. So the digits and the exponent are checked as
text first, with plain integer arithmetic on their lengths, and only a number within bounds is converted.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.grenzen import MAX_CIJFERS_VOOR_KOMMA, MAX_DECIMALEN, MAX_GETAL_TEKENS


class GetalFout(InvoerFout, ValueError):
    """A number outside the bounds (Dutch message). Also a ValueError, so readers that collect
    ValueErrors per cell and pydantic validators report it like any other bad value."""


_DECIMAAL = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")
VERWACHT = (
    f"verwacht hoogstens {MAX_CIJFERS_VOOR_KOMMA} cijfers voor de komma en {MAX_DECIMALEN} erna"
)


def heel(n: int) -> str:
    """Dutch thousands separator for messages: 100000 → '100.000'."""
    return f"{n:,}".replace(",", ".")


def kort(tekst: str, lengte: int = 40) -> str:
    """The user's text for an error message, shortened: a message never repeats a huge cell."""
    tekst = tekst.strip()
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def te_groot(tekst: str) -> GetalFout:
    return GetalFout(f"getal te groot of te lang: '{kort(tekst)}', {VERWACHT}")


def decimaal(tekst: str) -> int | Fraction | None:
    """Exact value of a plain decimal `[+-]digits[.digits][e[+-]digits]` ('1234', '-0.30', '2.5e3').

    None when the text is not written that way (the caller gives its own 'geen getal' message);
    GetalFout when it is a number outside the bounds. Ints stay ints.
    """
    t = tekst.strip()
    if len(t) > MAX_GETAL_TEKENS:
        if _DECIMAAL.fullmatch(t[:MAX_GETAL_TEKENS]) is None:
            return None
        raise te_groot(tekst)
    m = _DECIMAAL.fullmatch(t)
    if m is None or not (m[2] or m[3]):
        return None
    teken, geheel, fractie, exp = m[1], m[2], m[3] or "", m[4]
    e = int(exp) if exp else 0  # at most MAX_GETAL_TEKENS digits: cheap
    cijfers = (geheel + fractie).lstrip("0")
    if not cijfers:
        return 0
    # The digit string is `cijfers` × 10^(e - len(fractie)); check its magnitude before building it.
    macht = e - len(fractie)
    cijfers_zonder_nullen = cijfers.rstrip("0")
    macht += len(cijfers) - len(cijfers_zonder_nullen)
    voor_komma = len(cijfers_zonder_nullen) + macht  # digits before the decimal point
    na_komma = -macht  # significant digits after it
    if voor_komma > MAX_CIJFERS_VOOR_KOMMA or na_komma > MAX_DECIMALEN:
        raise te_groot(tekst)
    teller = int(cijfers_zonder_nullen)
    if teken == "-":
        teller = -teller
    if macht >= 0:
        return teller * 10**macht
    return Fraction(teller, 10**-macht)


def begrens(waarde: int | Fraction | Decimal | float, tekst: str | None = None) -> int | Fraction | Decimal | float:
    """Check a number that did not arrive as text (JSON, YAML, a Decimal from the schema) against the same
    bounds; returned unchanged. Floats and Decimals are checked on their decimal text, before any
    exact conversion; NaN and infinity are refused."""
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, float | Decimal):
        als_tekst = repr(waarde) if isinstance(waarde, float) else str(waarde)
        eindig = waarde.is_finite() if isinstance(waarde, Decimal) else math.isfinite(waarde)
        if not eindig:
            raise GetalFout(f"'{kort(tekst or als_tekst)}' is geen eindig getal")
        if decimaal(als_tekst) is None:  # str(Decimal) may use 'E+'; repr(float) 'e+': both match
            raise GetalFout(f"'{kort(tekst or als_tekst)}' is geen getal")
        return waarde
    if isinstance(waarde, int | Fraction):
        grens = 10**MAX_CIJFERS_VOOR_KOMMA
        if abs(waarde) >= grens or (isinstance(waarde, Fraction) and waarde.denominator > 10**MAX_DECIMALEN):
            raise te_groot(tekst or str(waarde))
        return waarde
    return waarde
