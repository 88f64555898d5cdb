"""Exact numbers for the engine: conversion of user figures, exact vectors, Dutch formatting, labels.

The engine never computes with floats. Figures arrive as int, float, Decimal, Fraction or numpy scalars
and are converted without loss (a float is taken as the binary value it is, `Fraction(0.1)`), so every
result can be checked by hand and does not depend on the order of additions.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, overload

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.getaltekst import GetalFout, begrens, decimaal, kort

Exact = int | Fraction
"""An exact number: ints stay ints (fast), everything else becomes a Fraction."""

Getal = int | float | Fraction | Decimal
"""What the caller may pass as a figure (numpy scalars and arrays are accepted too)."""


def exact(waarde: Any, wat: str) -> Exact:
    """Convert one figure exactly; `wat` names it in the Dutch error message."""
    if isinstance(waarde, bool) or waarde is None:
        raise VerdeelFout(f"{wat}: {waarde!r} is geen getal.")
    if isinstance(waarde, int):
        return int(waarde)
    if isinstance(waarde, Fraction):
        return waarde.numerator if waarde.denominator == 1 else waarde
    if isinstance(waarde, float):
        if not math.isfinite(waarde):
            raise VerdeelFout(f"{wat}: {waarde} is geen eindig getal.")
        return int(waarde) if waarde.is_integer() else Fraction(waarde)
    if isinstance(waarde, Decimal):
        if not waarde.is_finite():
            raise VerdeelFout(f"{wat}: {waarde} is geen eindig getal.")
        return exact(Fraction(waarde), wat)
    if isinstance(waarde, numbers.Integral):  # numpy integers
        return int(waarde)
    if isinstance(waarde, numbers.Rational):
        return exact(Fraction(int(waarde.numerator), int(waarde.denominator)), wat)
    if isinstance(waarde, numbers.Real):  # numpy floats that are not a float subclass
        return exact(float(waarde), wat)
    raise VerdeelFout(f"{wat}: {waarde!r} is geen getal.")


@functools.lru_cache(maxsize=1024)
def _decimale_tekst(tekst: str) -> Fraction | None:
    """ "0,3", "30%", "1/3" → exact Fraction (None if it is not a number); cached: keys repeat a lot.

    Through the bounded `decimaal`, so "1e10000000" is refused before it is built (GetalFout)."""
    t = tekst.replace(" ", "").replace(",", ".")
    if t.endswith("%"):
        deel = decimaal(t[:-1])
        return None if deel is None else Fraction(deel) / 100
    teller, streep, noemer = t.partition("/")
    if streep:
        boven, onder = decimaal(teller), decimaal(noemer)
        if boven is None or not onder:
            return None
        return Fraction(boven) / onder
    getal = decimaal(t)
    return None if getal is None else Fraction(getal)


def decimale_tekst(tekst: str) -> Fraction | None:
    """ "0,3", "30%", "1/3" → exact Fraction; None if it is not a number; GetalFout if out of bounds."""
    return _decimale_tekst(tekst)


def parameter(waarde: Any, wat: str) -> Fraction:
    """A policy parameter (weight, α, mutatiegrens, ratio) as an exact Fraction.

    Parameters are typed by people as decimals, so text ("0,3", "30%", "1/3") is read exactly and a float
    is read as the decimal it prints as (0.3 → 3/10, not the binary value next to it). Figures (indicators,
    counts) are different: `exact` converts those without any reinterpretation.
    """
    try:
        if isinstance(waarde, str):
            getal = _decimale_tekst(waarde)
            if getal is None:
                raise VerdeelFout(f"{wat}: '{kort(waarde)}' is geen getal.")
            return getal
        if isinstance(waarde, float) and not isinstance(waarde, bool):
            if not math.isfinite(waarde):
                raise VerdeelFout(f"{wat}: {waarde} is geen eindig getal.")
            return Fraction(decimaal(repr(float(waarde))) or 0)
        if isinstance(waarde, Decimal | int | Fraction):
            begrens(waarde)
    except GetalFout as e:
        raise VerdeelFout(f"{wat}: {e}.") from None
    return Fraction(exact(waarde, wat))


def exacte_reeks(waarden: Any, wat: str, gemeentecodes: Sequence[str]) -> list[Exact]:
    """Convert one figure per gemeente exactly; checks the length against the gemeentecodes."""
    tolist = getattr(waarden, "tolist", None)
    if tolist is not None and getattr(getattr(waarden, "dtype", None), "kind", "") in "iu":
        reeks: list[Any] = tolist()  # numpy integer array: C-speed conversion to Python ints
    else:
        reeks = list(waarden)
    if len(reeks) != len(gemeentecodes):
        raise VerdeelFout(
            f"{wat}: {len(reeks)} waarden voor {len(gemeentecodes)} gemeenten; geef precies één waarde per gemeente."
        )
    if set(map(type, reeks)) <= {int}:  # plain ints (no bools): nothing to convert
        return reeks
    return [exact(w, f"{wat} voor {gemeentecodes[i]}") for i, w in enumerate(reeks)]


def gemeenschappelijke_noemer(waarden: Iterable[Exact]) -> tuple[list[int], int]:
    """Numerators over the least common denominator: exact arithmetic with plain (fast) ints."""
    reeks = list(waarden)
    if set(map(type, reeks)) <= {int}:
        return reeks, 1
    noemer = 1
    for w in reeks:
        if type(w) is not int:
            noemer = math.lcm(noemer, w.denominator)
    if noemer == 1:
        return [int(w) for w in reeks], 1
    return [w.numerator * (noemer // w.denominator) for w in reeks], noemer


class ExactVector(Sequence[Fraction]):
    """Immutable vector of exact fractions, stored as int numerators over one common denominator.

    The engine computes on the ints; a Fraction is only made when a value is read, which keeps
    recomputing a whole country fast. Behaves as a read-only sequence of Fractions.
    """

    __slots__ = ("_tellers", "_noemer", "_breuken")

    def __init__(self, tellers: Iterable[int], noemer: int = 1) -> None:
        if noemer <= 0:
            raise ValueError("noemer moet positief zijn")
        self._tellers: tuple[int, ...] = tuple(tellers)
        self._noemer = noemer
        self._breuken: tuple[Fraction, ...] | None = None

    @classmethod
    def van(cls, waarden: Iterable[Exact]) -> ExactVector:
        return cls(*gemeenschappelijke_noemer(waarden))

    @property
    def tellers(self) -> tuple[int, ...]:
        return self._tellers

    @property
    def noemer(self) -> int:
        return self._noemer

    def als_tuple(self) -> tuple[Fraction, ...]:
        if self._breuken is None:
            d = self._noemer
            self._breuken = tuple(Fraction(t, d) for t in self._tellers)
        return self._breuken

    def som(self) -> Fraction:
        return Fraction(sum(self._tellers), self._noemer)

    def __len__(self) -> int:
        return len(self._tellers)

    @overload
    def __getitem__(self, i: int) -> Fraction: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Fraction, ...]: ...
    def __getitem__(self, i: int | slice) -> Fraction | tuple[Fraction, ...]:
        if isinstance(i, slice):
            return self.als_tuple()[i]
        if self._breuken is not None:
            return self._breuken[i]
        return Fraction(self._tellers[i], self._noemer)

    def __iter__(self) -> Iterator[Fraction]:
        return iter(self.als_tuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ExactVector):
            if len(self) != len(other):
                return False
            d1, d2 = self._noemer, other._noemer
            return all(a * d2 == b * d1 for a, b in zip(self._tellers, other._tellers, strict=True))
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self.als_tuple() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.als_tuple())

    def __repr__(self) -> str:
        return f"ExactVector([{', '.join(str(f) for f in self)}])"


def breuk_tekst(waarde: Exact) -> str:
    """Exact value as text for JSON: "123/7" (or "5" for whole numbers)."""
    return str(Fraction(waarde))


def als_json_getal(waarde: Exact | None) -> dict[str, Any] | None:
    """JSON-ready exact number: the exact fraction as a string plus a float for convenience."""
    if waarde is None:
        return None
    return {"exact": breuk_tekst(waarde), "decimaal": float(waarde)}


def nl(waarde: Exact | float | None, decimalen: int = 2) -> str:
    """Dutch notation for messages and explanations: 1.234,56; trailing zeros dropped (62,5 and 62)."""
    if waarde is None:
        return "–"
    if isinstance(waarde, float):
        waarde = Fraction(waarde)
    afgerond = round(Fraction(waarde) * 10**decimalen)  # display only; the computation stays exact
    teken = "−" if afgerond < 0 else ""
    geheel, rest = divmod(abs(afgerond), 10**decimalen)
    tekst = f"{geheel:,}".replace(",", ".")
    if decimalen and rest:
        tekst += "," + f"{rest:0{decimalen}d}".rstrip("0")
    return teken + tekst


def nl_procent(waarde: Exact, decimalen: int = 2) -> str:
    return f"{nl(Fraction(waarde) * 100, decimalen)}%"


def gemeentelabel(gemeentecodes: Sequence[str], gemeentenamen: Sequence[str] | None, i: int) -> str:
    """ "Haarlem (GM0392)" — or just the code when no names are known."""
    if gemeentenamen:
        return f"{gemeentenamen[i]} ({gemeentecodes[i]})"
    return gemeentecodes[i]


def gemeentelabels(gemeentecodes: Sequence[str], gemeentenamen: Sequence[str] | None, indices: Iterable[int]) -> str:
    """Several gemeenten, sorted by gemeentecode so messages never depend on the input order."""
    gesorteerd = sorted(indices, key=lambda i: gemeentecodes[i])
    return ", ".join(gemeentelabel(gemeentecodes, gemeentenamen, i) for i in gesorteerd)


class GemeenteCodes(tuple[str, ...]):
    """Gemeentecodes that passed `controleer_gemeenten`: the engine's inner steps need not check them again."""

    __slots__ = ()


def controleer_gemeenten(
    gemeentecodes: Sequence[str], gemeentenamen: Sequence[str] | None = None
) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """Gemeentecodes must be unique non-empty strings; names (optional) one per code."""
    if type(gemeentecodes) is GemeenteCodes:
        codes: tuple[str, ...] = gemeentecodes
    else:
        codes = tuple(gemeentecodes)
        if not codes:
            raise VerdeelFout("Er zijn geen gemeenten om over te verdelen.")
        for c in codes:
            if not isinstance(c, str) or not c.strip():
                raise VerdeelFout(f"Ongeldige gemeentecode {c!r}: een gemeentecode is een niet-lege tekst.")
        if len(set(codes)) != len(codes):
            dubbel = sorted({c for c in codes if codes.count(c) > 1})
            raise VerdeelFout(f"Gemeentecode(s) komen meer dan eens voor: {', '.join(dubbel)}.")
        codes = GemeenteCodes(codes)
    namen = None if gemeentenamen is None else gemeentenamen if type(gemeentenamen) is tuple else tuple(gemeentenamen)
    if namen is not None and len(namen) != len(codes):
        raise VerdeelFout(f"{len(namen)} gemeentenamen voor {len(codes)} gemeentecodes.")
    return codes, namen


def index_van(gemeentecodes: Sequence[str], code: str, wat: str) -> int:
    """Position of a gemeentecode, with a Dutch error naming the field when it is unknown."""
    try:
        return list(gemeentecodes).index(code)
    except ValueError:
        raise VerdeelFout(f"{wat}: gemeentecode {code!r} hoort niet bij de gemeenten in deze verdeling.") from None
