"""The regional targets (2/3 betaalbaar, 30 % sociale huur over the region's grondslag), the residual the
gemeenten' minimums leave, and the check of a programme variant against the targets. Pure functions.

A regional target is a number of homes: at least `aandeel × Σ grondslag`, rounded UP (the region reaches
30 % exactly when its social homes are ≥ ⌈0,30 × grondslag⌉, because homes are whole).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from verdeelwijzer.betaalbaarheid.minimum import Gemeenteminimum, minimum_woningen
from verdeelwijzer.betaalbaarheid.model import AANNAME_RESTOPGAVE, Betaalbaarheidsregels
from verdeelwijzer.betaalbaarheid.uitleg import Getal, aantal, procent, regels_van


@dataclass(frozen=True)
class Regiodoelen:
    grondslag: Getal
    doel_sociale_huur: Getal
    doel_betaalbaar: Getal
    minimum_sociale_huur: Getal
    minimum_betaalbaar: Getal
    rest_sociale_huur: Getal
    rest_betaalbaar: Getal

    def als_dict(self) -> dict[str, object]:
        return {k: getattr(self, k).als_dict() for k in self.__dataclass_fields__}


def bereken_regiodoelen(minima: Sequence[Gemeenteminimum], regels: Betaalbaarheidsregels) -> Regiodoelen:
    """Targets over the region and the residual left by the sum of the gemeenten' minimums."""
    G = sum(int(m.grondslag.waarde) for m in minima)
    g_regels = (regels.over_niet_gecontracteerd,)
    grondslag = Getal(
        G,
        "som van de grondslag van de gemeenten ("
        + ("nog niet gecontracteerd deel" if regels.over_niet_gecontracteerd.waarde else "hele programmering")
        + f") = {aantal(G)} woningen",
        g_regels,
    )
    p_sh, p_b = regels.minimum_sociale_huur, regels.aandeel_betaalbaar
    doel_sh_w = minimum_woningen(p_sh.waarde, G)
    doel_b_w = minimum_woningen(p_b.waarde, G)
    doel_sh = Getal(
        doel_sh_w,
        f"⌈{procent(p_sh.waarde, 0)} × {aantal(G)}⌉ = {aantal(doel_sh_w)} woningen sociale huur in de regio",
        (p_sh, *g_regels),
    )
    doel_b = Getal(
        doel_b_w,
        f"⌈{_aandeel_tekst(p_b.waarde)} × {aantal(G)}⌉ = {aantal(doel_b_w)} betaalbare woningen in de regio "
        "(sociale huur + middenhuur + betaalbare koop)",
        (p_b, *g_regels),
    )
    som_sh = sum(int(m.minimum_sociale_huur.waarde) for m in minima)
    som_b = sum(int(m.minimum_betaalbaar.waarde) for m in minima)
    min_regels = regels_van(*(m.minimum_betaalbaar for m in minima))
    minimum_sh = Getal(som_sh, f"som van de gemeentelijke minima sociale huur = {aantal(som_sh)}", min_regels)
    minimum_b = Getal(som_b, f"som van de gemeentelijke minima (sociale huur + middensegment) = {aantal(som_b)}",
                      min_regels)
    rest_sh_w = max(0, doel_sh_w - som_sh)
    rest_sh = Getal(
        rest_sh_w,
        f"max(0, doel {aantal(doel_sh_w)} − som minima {aantal(som_sh)}) = {aantal(rest_sh_w)} woningen sociale "
        "huur die de regio nog over de gemeenten moet verdelen",
        (*doel_sh.regels, *min_regels, AANNAME_RESTOPGAVE),
    )
    rest_b_w = max(0, doel_b_w - som_b - rest_sh_w)
    rest_b = Getal(
        rest_b_w,
        f"max(0, doel {aantal(doel_b_w)} − som minima {aantal(som_b)} − sociale restopgave {aantal(rest_sh_w)}) = "
        f"{aantal(rest_b_w)} overige betaalbare woningen (middenhuur, betaalbare koop of meer sociale huur)",
        (*doel_b.regels, *min_regels, AANNAME_RESTOPGAVE),
    )
    return Regiodoelen(grondslag, doel_sh, doel_b, minimum_sh, minimum_b, rest_sh, rest_b)


def _aandeel_tekst(a: Fraction | int) -> str:
    a = Fraction(a)
    if (a * 1000).denominator != 1:
        return f"{a.numerator}/{a.denominator}"
    return procent(a, 0 if (a * 100).denominator == 1 else 1)


@dataclass(frozen=True)
class Regiotoets:
    """A programme variant (minimum, voorstel or plan) against the regional targets."""

    variant: str
    sociale_huur: Getal
    betaalbaar: Getal
    tekort_sociale_huur: Getal
    tekort_betaalbaar: Getal

    @property
    def gehaald(self) -> bool:
        return self.tekort_sociale_huur.waarde == 0 and self.tekort_betaalbaar.waarde == 0

    def als_dict(self) -> dict[str, object]:
        return {
            "variant": self.variant,
            "gehaald": self.gehaald,
            "sociale_huur": self.sociale_huur.als_dict(),
            "betaalbaar": self.betaalbaar.als_dict(),
            "tekort_sociale_huur": self.tekort_sociale_huur.als_dict(),
            "tekort_betaalbaar": self.tekort_betaalbaar.als_dict(),
        }


VARIANT_NAAM = {
    "minimum": "minimumprogramma (alleen de gemeentelijke minima)",
    "voorstel": "voorstel (minima + verdeelde restopgave)",
    "plan": "plannen van de gemeenten",
}


def toets_regio(variant: str, sociale_huur: int, betaalbaar: int, doelen: Regiodoelen) -> Regiotoets:
    """Shortfall of a variant's totals against the regional targets, in homes."""
    naam = VARIANT_NAAM.get(variant, variant)
    G = int(doelen.grondslag.waarde)
    sh = Getal(sociale_huur, f"{naam}: {aantal(sociale_huur)} woningen sociale huur"
               + (f" = {procent(Fraction(sociale_huur, G), 1)} van de grondslag" if G else ""))
    b = Getal(betaalbaar, f"{naam}: {aantal(betaalbaar)} betaalbare woningen"
              + (f" = {procent(Fraction(betaalbaar, G), 1)} van de grondslag" if G else ""))
    d_sh, d_b = int(doelen.doel_sociale_huur.waarde), int(doelen.doel_betaalbaar.waarde)
    t_sh, t_b = max(0, d_sh - sociale_huur), max(0, d_b - betaalbaar)
    tekort_sh = Getal(
        t_sh, f"max(0, doel {aantal(d_sh)} − {aantal(sociale_huur)}) = {aantal(t_sh)} woningen sociale huur tekort",
        doelen.doel_sociale_huur.regels,
    )
    tekort_b = Getal(
        t_b, f"max(0, doel {aantal(d_b)} − {aantal(betaalbaar)}) = {aantal(t_b)} betaalbare woningen tekort",
        doelen.doel_betaalbaar.regels,
    )
    return Regiotoets(variant, sh, b, tekort_sh, tekort_b)
