"""Vaste toewijzingen: a gemeente hosting a regional facility takes a fixed number for the category.

Choice (crediting): the facility counts towards the host's share. The host's key quotum is reduced by
its fixed number f_g — what is left, quotum − f_g, is its remaining task — and the others are unaffected.
If f_g exceeds the host's key quotum, the host takes exactly f_g and the other gemeenten share the rest
T − f_g in proportion to their key. Both cases are exactly water-filling with f_g as a floor:
quotum_g = max(λ·share_g, f_g) with λ such that the total is T, which also handles several hosts and
combines with the other floors and caps (`plafonds.py`). A host never takes more than max(key, f_g).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.getallen import Exact, controleer_gemeenten, exact, index_van
from verdeelwijzer.verdeling.plafonds import GrenzenUitkomst, verdeel_binnen_grenzen


@dataclass(frozen=True)
class VasteToewijzing:
    """`aantal` places of category hosted by `gemeentecode` for the whole region (e.g. a facility)."""

    gemeentecode: str
    aantal: int
    omschrijving: str = ""


def vaste_aantallen(toewijzingen: Sequence[VasteToewijzing], gemeentecodes: Sequence[str]) -> tuple[int, ...]:
    """Fixed number per gemeente (several facilities in one gemeente add up)."""
    uit = [0] * len(gemeentecodes)
    for t in toewijzingen:
        wat = f"Vaste toewijzing '{t.omschrijving or t.gemeentecode}'"
        i = index_van(gemeentecodes, t.gemeentecode, wat)
        if isinstance(t.aantal, bool) or not isinstance(t.aantal, int) or t.aantal < 0:
            raise VerdeelFout(f"{wat}: het aantal moet een niet-negatief geheel getal zijn, niet {t.aantal!r}.")
        uit[i] += t.aantal
    return tuple(uit)


def verdeel_met_vaste_toewijzingen(
    quota: Sequence[Any],
    totaal: Any,
    gemeentecodes: Sequence[str],
    toewijzingen: Sequence[VasteToewijzing],
    *,
    vloeren: Sequence[Any | None] | None = None,
    plafonds: Sequence[Any | None] | None = None,
    strikt: bool = False,
    gemeentenamen: Sequence[str] | None = None,
) -> GrenzenUitkomst:
    """Credit fixed assignments against the key quota (see module doc); floors/caps may be combined."""
    codes, namen = controleer_gemeenten(gemeentecodes, gemeentenamen)
    f = vaste_aantallen(toewijzingen, codes)
    lo: list[Exact] = [
        max(fg, exact(v, f"Vloer voor {codes[g]}") if v is not None else 0)
        for g, (fg, v) in enumerate(zip(f, vloeren or [None] * len(codes), strict=True))
    ]
    return verdeel_binnen_grenzen(
        quota, totaal, codes, vloeren=lo, plafonds=plafonds, strikt=strikt, gemeentenamen=namen
    )
