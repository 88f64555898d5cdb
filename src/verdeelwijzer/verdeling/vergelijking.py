"""Compare several verdeelsleutels on the same input: a column per key, differences against the first
key, and the effect on regular home seekers per key."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.motor import VerdeelInvoer, VerdeelUitkomst, verdeel
from verdeelwijzer.verdeling.regulier import RegulierEffect, effect_op_regulier


@dataclass(frozen=True)
class SleutelKolom:
    """One key's result; `verschil`/`verschil_quota` are against the first key (0 for the first)."""

    naam: str
    uitkomst: VerdeelUitkomst
    verschil: tuple[int, ...]
    verschil_quota: tuple[Fraction, ...]
    regulier: RegulierEffect | None


@dataclass(frozen=True)
class Vergelijking:
    gemeentecodes: tuple[str, ...]
    gemeentenamen: tuple[str, ...]
    kolommen: tuple[SleutelKolom, ...]

    def kolom(self, naam: str) -> SleutelKolom:
        for k in self.kolommen:
            if k.naam == naam:
                return k
        raise VerdeelFout(f"Sleutel '{naam}' komt niet voor in deze vergelijking.")

    def tabel(self) -> list[dict[str, Any]]:
        """One row per gemeente: code, name, then per key its number, difference with the first key and
        (if known) the lettings left for regular seekers."""
        eerste = self.kolommen[0].naam
        rijen = []
        for i, code in enumerate(self.gemeentecodes):
            rij: dict[str, Any] = {"gemeentecode": code, "gemeentenaam": self.gemeentenamen[i]}
            for k in self.kolommen:
                rij[k.naam] = k.uitkomst.aantallen[i]
                if k.naam != eerste:
                    rij[f"{k.naam} − {eerste}"] = k.verschil[i]
                if k.regulier is not None:
                    rij[f"regulier bij {k.naam}"] = k.regulier.regels[i].rest
            rijen.append(rij)
        return rijen


def vergelijk(
    invoer: VerdeelInvoer,
    sleutels: Mapping[str, Mapping[str, Any] | str],
    *,
    mutaties_indicator: str | None = None,
    statushouders: Sequence[Any] | None = None,
    overig: Sequence[Any] | None = None,
    huidige_urgenten: Sequence[Any] | None = None,
) -> Vergelijking:
    """Run `verdeel` once per key (name → weights); everything else in `invoer` stays the same.

    The effect on regular seekers needs the lettings: the indicator `mutaties_indicator` (default: the
    one named in the caps, else "mutaties" when present); without it `regulier` is None.
    """
    if not sleutels:
        raise VerdeelFout("Geef minstens één verdeelsleutel om te vergelijken.")
    naam_m = mutaties_indicator
    if naam_m is None:
        naam_m = invoer.grenzen.mutaties_indicator if invoer.grenzen is not None else "mutaties"
        if naam_m not in invoer.indicatoren:
            naam_m = None
    elif naam_m not in invoer.indicatoren:
        raise VerdeelFout(f"Indicator '{naam_m}' voor de mutaties ontbreekt.")
    kolommen: list[SleutelKolom] = []
    basis: VerdeelUitkomst | None = None
    for naam, gewichten in sleutels.items():
        try:
            u = verdeel(dataclasses.replace(invoer, gewichten=gewichten))
        except VerdeelFout as fout:
            raise VerdeelFout(f"Sleutel '{naam}': {fout}") from None
        if basis is None:
            basis = u
        verschil = tuple(a - b for a, b in zip(u.aantallen, basis.aantallen, strict=True))
        verschil_q = tuple(a - b for a, b in zip(u.quota, basis.quota, strict=True))
        regulier = None
        if naam_m is not None:
            regulier = effect_op_regulier(
                u.gemeentecodes,
                invoer.indicatoren[naam_m],
                u.aantallen,
                statushouders=statushouders,
                overig=overig,
                huidige_urgenten=huidige_urgenten,
                gemeentenamen=u.gemeentenamen,
            )
        kolommen.append(SleutelKolom(str(naam), u, verschil, verschil_q, regulier))
    assert basis is not None
    return Vergelijking(basis.gemeentecodes, basis.gemeentenamen, tuple(kolommen))
