"""Projection per gemeente after the term: dwelling stock, social stock and social share.

    woningvoorraad na termijn  = woningvoorraad + hele programmering
    sociale voorraad na termijn = sociale voorraad + sociale huur in de variant

Assumption (status aanname, shown with every projected number): the whole programme is delivered within
the term, and the existing stock does not change otherwise (no demolition, sale or liberalisation).
Without a plan the composition of contracted projects is unknown and they add no social homes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verdeelwijzer.betaalbaarheid.model import AANNAME_PROJECTIE
from verdeelwijzer.betaalbaarheid.uitleg import Getal, Regel, aantal, procent


@dataclass(frozen=True)
class Projectie:
    variant: str
    woningvoorraad: Getal
    sociale_voorraad: Getal
    sociaal_aandeel: Getal
    verschil_aandeel: Getal

    def als_dict(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "woningvoorraad": self.woningvoorraad.als_dict(),
            "sociale_voorraad": self.sociale_voorraad.als_dict(),
            "sociaal_aandeel": self.sociaal_aandeel.als_dict(),
            "verschil_aandeel": self.verschil_aandeel.als_dict(),
        }


def projecteer(variant: str, woningvoorraad: int, sociale_voorraad: int, programma: int, sociale_huur: int,
               termijn: Regel, extra_regels: tuple[Regel, ...] = ()) -> Projectie:
    """Stock, social stock and social share after the term for one variant of the programme."""
    jaar = f"na {termijn.waarde} jaar"
    regels = (termijn, AANNAME_PROJECTIE, *extra_regels)
    V = woningvoorraad + programma
    S = sociale_voorraad + sociale_huur
    v = Getal(V, f"{jaar}: woningvoorraad {aantal(woningvoorraad)} + programmering {aantal(programma)} = "
                 f"{aantal(V)}", regels)
    s = Getal(S, f"{jaar}: sociale voorraad {aantal(sociale_voorraad)} + sociale huur ({variant}) "
                 f"{aantal(sociale_huur)} = {aantal(S)}", regels)
    nu = Fraction(sociale_voorraad, woningvoorraad) if woningvoorraad else Fraction(0)
    straks = Fraction(S, V) if V else Fraction(0)
    aandeel = Getal(straks, f"{jaar}: {aantal(S)} / {aantal(V)} = {procent(straks, 2)}", regels)
    verschil = Getal(
        straks - nu,
        f"{procent(straks, 2)} − nu {procent(nu, 2)} = {_pp(straks - nu)} procentpunt",
        regels,
    )
    return Projectie(variant, v, s, aandeel, verschil)


def _pp(f: Fraction) -> str:
    tekst = f"{float(f) * 100:+.2f}".replace(".", ",")
    return tekst.replace("-", "−")
