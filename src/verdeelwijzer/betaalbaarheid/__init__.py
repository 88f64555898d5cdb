"""Spoor 1 — betaalbaarheid: 2/3 betaalbaar and 30 % sociale huur across a woningbouwregio.

    from verdeelwijzer.betaalbaarheid import bereken_betaalbaarheid, lees_regels
    uitkomst = bereken_betaalbaarheid(voorraad, programma, lees_regels(date.today()), "gelijk-aandeel")

Pure calculations over plain data (`model.py`); every number is a `Getal` with its explanation and the
status of the rules it rests on (`uitleg.py`). Reading files lives in `invoer.py`, the parameters in
`regelset.py`, rendering to dict/text/CSV rows in `weergave.py`.

Decisions (each also stated in the explanation of the numbers it affects):
- Minimums and regional targets are numbers of homes rounded UP ("ten minste"): ⌈0,30 × 1.001⌉ = 301.
- Below the national average (strictly) → at least 30 % sociale huur; at or above → at least 40 %
  middensegment. An ontheffing replaces that percentage by a lower one (a higher one is an error).
- The percentages apply to the grondslag: the not-yet-contracted part when the parameter
  `percentages_over_niet_gecontracteerd` is true (status aanname), else the whole programme. A plan covers the
  whole programme and every planned home of a segment counts, contracted or not.
- Room for the residual = not-yet-contracted part − own minimum (contracted projects need not change).
  The social residual is divided with the chosen key (bouwvolume, laagste-aandeel, gelijk-aandeel), the rest
  of the affordable residual pro rata the grondslag; a gemeente with an ontheffing gets no residual in that
  segment. Whole homes by the verdeelmotor (Sainte-Laguë, caps honoured; a tie is an error or a reported lot).
  What does not fit is reported as a shortfall in homes, never dropped.
- Projection: stock + whole programme; social stock + social homes of the variant; no demolition or sales.
"""

from verdeelwijzer.betaalbaarheid.berekening import Betaalbaarheid, Gemeenteuitkomst, bereken_betaalbaarheid
from verdeelwijzer.betaalbaarheid.minimum import Gemeenteminimum, bereken_gemeenteminimum, minimum_woningen
from verdeelwijzer.betaalbaarheid.model import (
    SEGMENTEN_PLAN,
    Betaalbaarheidsregels,
    Ontheffing,
    Plan,
    Programmaregel,
    Voorraad,
)
from verdeelwijzer.betaalbaarheid.regelset import lees_regels
from verdeelwijzer.betaalbaarheid.restopgave import SLEUTELS
from verdeelwijzer.betaalbaarheid.uitleg import Getal, Regel

__all__ = [
    "SEGMENTEN_PLAN", "SLEUTELS", "Betaalbaarheid", "Betaalbaarheidsregels", "Gemeenteminimum",
    "Gemeenteuitkomst", "Getal", "Ontheffing", "Plan", "Programmaregel", "Regel", "Voorraad",
    "bereken_betaalbaarheid", "bereken_gemeenteminimum", "lees_regels", "minimum_woningen",
]
