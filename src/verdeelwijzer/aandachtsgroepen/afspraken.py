"""The aandachtsgroepen part of an afsprakenkader: the `analyse:` section, categories that refer to a group
(`groep:`), and category totals taken from the computed opgave (`totaal: {uit_opgave: true}`).

Called once from `afspraken.invoer.lees_invoer` (reads the files); the calculation only looks up the totals and
warnings gathered here, so `afspraken.berekening` needs no knowledge of groups.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verdeelwijzer.aandachtsgroepen.analyse import Analyse, analyseer, getal
from verdeelwijzer.aandachtsgroepen.catalogus import LokaleGroep, laad_catalogus
from verdeelwijzer.aandachtsgroepen.samenstellen import bereid_analyse
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import Gegevens, Regio


@dataclass(frozen=True)
class AfsprakenAnalyse:
    analyse: Analyse | None
    totalen: dict[str, tuple[list[int], str]] = field(default_factory=dict)  # category name -> totals, explanation
    waarschuwingen: tuple[str, ...] = ()


def totalen_uit_opgave(analyse: Analyse, groep: str, jaren: tuple[int, ...]) -> tuple[list[int], str]:
    """Whole numbers per year from the regional opgave: rounded up ('ten minste'), never below 0."""
    totalen, delen = [], []
    for jaar in jaren:
        t = analyse.regiototaal(groep, jaar)
        if t.opgave is None:
            raise InvoerFout(f"totaal.uit_opgave: de opgave van groep '{groep}' in {jaar} is onbekend (geen "
                             f"behoefte bekend in {', '.join(t.onbekend_in)}); lever cijfers aan in het "
                             "behoeftebestand of geef het totaal met per_jaar.")
        heel = max(0, math.ceil(t.opgave))
        totalen.append(heel)
        soort = " (SCHATTING)" if t.soort == "schatting" else ""
        delen.append(f"{jaar}: {getal(t.behoefte or Fraction(0))} − {getal(t.aanbod)} = {getal(t.opgave)}{soort} → "
                     f"{heel}")
    uitleg = ("regionale opgave van de groep uit de analyse (behoefte − aanbod), naar boven afgerond en niet onder 0: "
              + "; ".join(delen))
    return totalen, uitleg


def lees_afspraken_analyse(kader: Any, pad_van: Any, gegevens: Gegevens, regio: Regio) -> AfsprakenAnalyse:
    """Check the categories' group ids, compute the analysis when the agreement has one, and gather the totals
    and warnings. Unknown group → InvoerFout with a suggestion; a missing statutory category → warning."""
    a = kader.analyse
    lokaal = [LokaleGroep(g.id, g.naam, g.eenheid, tuple(g.woonvormen), g.toelichting) for g in
              (a.lokale_groepen if a is not None else [])]
    met_groep = [c for c in kader.categorieen if c.groep]
    if a is None and not met_groep:
        return AfsprakenAnalyse(None)
    catalogus = laad_catalogus(kader.regels_datum, lokaal)
    fouten = []
    for i, c in enumerate(kader.categorieen):
        if c.groep and catalogus.zoek(c.groep) is None:
            fouten.append(f"categorieen[{i}] ('{c.naam}'), veld 'groep': {catalogus.onbekend(c.groep)}")
    if fouten:
        lijst = "\n".join(f"  - {f}" for f in fouten)
        raise InvoerFout(f"Het afsprakenkader verwijst naar onbekende groepen:\n{lijst}")
    waarschuwingen = []
    ids = [catalogus.zoek(c.groep).id for c in met_groep]  # type: ignore[union-attr,arg-type]
    if met_groep:
        for cat in catalogus.ontbrekende_urgentiecategorieen(ids):
            waarschuwingen.append(f"Geen categorie voor de wettelijke urgentiecategorie '{cat.omschrijving}' "
                                  f"({cat.code}); elke gemeente moet deze groep urgentie geven en evenwichtig "
                                  "verdelen.")
    analyse = None
    totalen: dict[str, tuple[list[int], str]] = {}
    if a is not None:
        inv = bereid_analyse(
            gegevens, regio, kader.periode.jaartallen, kader.regels_datum,
            pad_van(a.behoefte) if a.behoefte else None, pad_van(a.aanbod) if a.aanbod else None,
            sleutel=a.sleutel, gewichten={k: Fraction(str(v)) for k, v in a.gewichten.items()}, lokaal=lokaal,
            spreiding_op=a.spreiding, prognose=pad_van(a.prognose) if a.prognose else None)
        analyse = analyseer(inv)
        waarschuwingen.extend(f"Analyse: {w}" for w in analyse.waarschuwingen)
        for c in kader.categorieen:
            if c.totaal.uit_opgave:
                gid = catalogus.zoek(c.groep).id  # type: ignore[union-attr,arg-type]
                if gid not in [g.id for g in analyse.groepen]:
                    raise InvoerFout(f"Categorie '{c.naam}': totaal.uit_opgave, maar groep '{gid}' heeft in de "
                                     "analyse geen behoefte of aanbod (geen cijfers en geen prevalentieparameter).")
                try:
                    totalen[c.naam] = totalen_uit_opgave(analyse, gid, tuple(kader.periode.jaartallen))
                except InvoerFout as fout:
                    raise InvoerFout(f"Categorie '{c.naam}': {fout}") from None
    return AfsprakenAnalyse(analyse, totalen, tuple(waarschuwingen))


def rapport_tabellen(analyse: Analyse) -> list[Any]:
    """The analysis as the afsprakenkader's report tables (terminal, JSON 'tabellen', Excel sheets)."""
    from dataclasses import replace

    from verdeelwijzer.aandachtsgroepen.weergave import bladen

    return [replace(b, naam=f"Analyse {b.naam}"[:31]) for b in bladen(analyse)]
