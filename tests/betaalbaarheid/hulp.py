"""Small builders for the betaalbaarheid tests (plain data, no files)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from verdeelwijzer.betaalbaarheid import Betaalbaarheidsregels, Programmaregel, Voorraad, lees_regels
from verdeelwijzer.bron import Bron

DATUM = date(2026, 7, 1)
BRON = Bron("testcijfer", "2024-12-31", "eigen invoer")


def regels(over_niet_gecontracteerd: bool = True) -> Betaalbaarheidsregels:
    r = lees_regels(DATUM)
    return replace(r, over_niet_gecontracteerd=replace(r.over_niet_gecontracteerd, waarde=over_niet_gecontracteerd))


def voorraad(code: str, V: int, S: int, naam: str | None = None) -> Voorraad:
    return Voorraad(code, naam or code, V, S, BRON, BRON)


def abc() -> tuple[list[Voorraad], list[Programmaregel]]:
    """Three gemeenten, checked by hand in test_berekening.py.

    A: 10 % social (below the average) → 30 % sociale huur over 300 niet-gecontracteerd = 90, ruimte 210
    B: 40 % social (above)              → 40 % middensegment over 500 = 200, ruimte 300
    C: 25 % social (below)              → 30 % sociale huur over 100 = 30, ruimte 70
    """
    v = [voorraad("GM0001", 1000, 100, "A"), voorraad("GM0002", 2000, 800, "B"), voorraad("GM0003", 500, 125, "C")]
    p = [Programmaregel("GM0001", 100, 300), Programmaregel("GM0002", 0, 500), Programmaregel("GM0003", 50, 100)]
    return v, p
