"""Plan check per gemeente: does the gemeente's own plan meet its minimum, and the fair-share proposal?

The plan gives homes per segment over the whole programme. Every planned home of a segment counts,
also homes in contracted projects ("gecontracteerde projecten tellen mee zoals ze zijn"); the minimum
itself is computed over the grondslag (see `minimum.py`). Shortfalls are in whole homes, never negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from verdeelwijzer.betaalbaarheid.minimum import SEGMENT_NAAM, Gemeenteminimum
from verdeelwijzer.betaalbaarheid.model import Plan
from verdeelwijzer.betaalbaarheid.uitleg import Getal, aantal


@dataclass(frozen=True)
class Plantoets:
    plan: Plan
    herkomst: str
    gepland: Getal
    tekort_minimum: Getal
    tekort_voorstel_sociale_huur: Getal
    tekort_voorstel_betaalbaar: Getal

    @property
    def voldoet_minimum(self) -> bool:
        return self.tekort_minimum.waarde == 0

    @property
    def voldoet_voorstel(self) -> bool:
        return self.tekort_voorstel_sociale_huur.waarde == 0 and self.tekort_voorstel_betaalbaar.waarde == 0

    def als_dict(self) -> dict[str, Any]:
        return {
            "plan": {
                "sociale_huur": self.plan.sociale_huur, "middenhuur": self.plan.middenhuur,
                "betaalbare_koop": self.plan.betaalbare_koop, "vrije_sector": self.plan.vrije_sector,
                "middensegment": self.plan.middensegment, "betaalbaar": self.plan.betaalbaar,
                "totaal": self.plan.totaal,
            },
            "herkomst": self.herkomst,
            "gepland": self.gepland.als_dict(),
            "voldoet_minimum": self.voldoet_minimum,
            "tekort_minimum": self.tekort_minimum.als_dict(),
            "voldoet_voorstel": self.voldoet_voorstel,
            "tekort_voorstel_sociale_huur": self.tekort_voorstel_sociale_huur.als_dict(),
            "tekort_voorstel_betaalbaar": self.tekort_voorstel_betaalbaar.als_dict(),
        }


def toets_plan(m: Gemeenteminimum, plan: Plan, herkomst: str, voorstel_sociale_huur: int,
               voorstel_betaalbaar: int) -> Plantoets:
    """Shortfall of the plan against the gemeente's minimum and against its share in the proposal."""
    gepland_w = plan.sociale_huur if m.regel == "sociale_huur" else plan.middensegment
    segment = SEGMENT_NAAM[m.regel]
    if m.regel == "sociale_huur":
        opbouw = f"sociale huur {aantal(plan.sociale_huur)}"
    else:
        opbouw = f"middenhuur {aantal(plan.middenhuur)} + betaalbare koop {aantal(plan.betaalbare_koop)}"
    gepland = Getal(gepland_w, f"gepland {segment}: {opbouw} = {aantal(gepland_w)} (hele programmering)")
    minimum = int(m.minimum_regel.waarde)
    tekort = max(0, minimum - gepland_w)
    tekort_minimum = Getal(
        tekort,
        f"max(0, minimum {aantal(minimum)} − gepland {aantal(gepland_w)}) = {aantal(tekort)} woningen {segment}"
        + (" tekort" if tekort else ": het plan haalt het minimum"),
        m.minimum_regel.regels,
    )
    t_sh = max(0, voorstel_sociale_huur - plan.sociale_huur)
    t_b = max(0, voorstel_betaalbaar - plan.betaalbaar)
    tekort_sh = Getal(
        t_sh,
        f"max(0, voorstel {aantal(voorstel_sociale_huur)} − gepland {aantal(plan.sociale_huur)}) = {aantal(t_sh)} "
        "woningen sociale huur minder dan het voorstel",
        m.minimum_regel.regels,
    )
    tekort_b = Getal(
        t_b,
        f"max(0, voorstel {aantal(voorstel_betaalbaar)} − gepland betaalbaar {aantal(plan.betaalbaar)}) = "
        f"{aantal(t_b)} betaalbare woningen minder dan het voorstel",
        m.minimum_regel.regels,
    )
    return Plantoets(plan, herkomst, gepland, tekort_minimum, tekort_sh, tekort_b)
