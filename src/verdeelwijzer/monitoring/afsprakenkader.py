"""Adapter: an afsprakenkader file → `AfspraakInvoer` (what `monitor init` stores).

Coded against the contract of `verdeelwijzer.afspraken` (imported lazily):

- ``laad_afspraken(pad)`` → the loaded agreement: either the kader itself, or an object with ``.kader``
  and ``.tekst``. From the kader: ``.naam``; ``.regio`` (a region name, or a list of gemeenten);
  ``.besluit`` (text, or a block with naam/datum/kenmerk/url); the mutatiegrens (``.mutatiegrens`` or
  ``.aandeel_urgenten.maximum``); the tariff (``.vereffening_tarief`` or ``.vereffening.tarief``);
  ``.bron_tekst`` (or the loaded object's ``.tekst``).
- ``bereken_afspraken(kader, gegevens)`` → ``.doelen`` (gemeentecode, categorie, periode, aantal),
  ``.perioden`` (code, begin, eind) and ``.regio_codes``. Without ``.perioden`` a period per year of
  ``kader.periode`` (start, jaren) is assumed: 1 January up to and including 31 December.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.getaltekst import begrens
from verdeelwijzer.monitoring.model import AfspraakInvoer, Doel, Periode


def _breuk(x: Any) -> Fraction | None:
    if x is None:
        return None
    if isinstance(x, Decimal | float):
        begrens(x)  # bounded before the exact conversion
        return Fraction(str(x))
    return Fraction(begrens(x))


def _pad(obj: Any, *namen: str) -> Any:
    for naam in namen:
        if obj is None:
            return None
        obj = getattr(obj, naam, None)
    return obj


def besluit_tekst(besluit: Any) -> str | None:
    if besluit is None or isinstance(besluit, str):
        return besluit
    delen = [str(getattr(besluit, k)) for k in ("naam", "datum", "kenmerk", "url") if getattr(besluit, k, None)]
    return ", ".join(delen) or None


def _perioden(uitkomst: Any, kader: Any) -> tuple[Periode, ...]:
    perioden = getattr(uitkomst, "perioden", None)
    if perioden:
        return tuple(Periode(str(p.code), p.begin, p.eind) for p in perioden)
    jaren = getattr(_pad(kader, "periode"), "jaartallen", None) or []
    return tuple(Periode(str(j), date(j, 1, 1), date(j, 12, 31)) for j in jaren)


def afspraak_uit_kader(geladen: Any, uitkomst: Any) -> AfspraakInvoer:
    """Map the loaded agreement and its computed outcome onto what the monitoring stores."""
    kader = getattr(geladen, "kader", geladen)
    tekst = getattr(geladen, "tekst", None) or getattr(kader, "bron_tekst", None)
    if not tekst:
        raise VerdeelwijzerFout("De tekst van het afsprakenkader ontbreekt; kan de afspraak niet vastleggen.")
    regio = getattr(kader, "regio", None)
    regio_naam = regio if isinstance(regio, str) else (getattr(regio, "naam", None) or kader.naam)
    mutatiegrens = getattr(kader, "mutatiegrens", None)
    if mutatiegrens is None:
        mutatiegrens = _pad(kader, "aandeel_urgenten", "maximum")
    tarief = getattr(kader, "vereffening_tarief", None)
    if tarief is None:
        tarief = _pad(kader, "vereffening", "tarief")
    perioden = _perioden(uitkomst, kader)
    doelen = tuple(Doel(d.gemeentecode, d.categorie, str(d.periode), int(d.aantal)) for d in uitkomst.doelen)
    categorieen = tuple(c.naam for c in (getattr(kader, "categorieen", None) or []) if getattr(c, "naam", None))
    return AfspraakInvoer(
        naam=str(kader.naam), regio_naam=str(regio_naam), gemeenten=tuple(uitkomst.regio_codes),
        bron_tekst=tekst, perioden=perioden, doelen=doelen, besluit=besluit_tekst(getattr(kader, "besluit", None)),
        mutatiegrens=_breuk(mutatiegrens), vereffening_tarief=_breuk(tarief), categorieen=categorieen,
    )


def afspraak_uit_bestand(pad: Path) -> AfspraakInvoer:
    """Load and compute an afsprakenkader file (raises InvoerFout for a bad file)."""
    try:
        from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
    except ImportError as e:
        raise VerdeelwijzerFout("Het afsprakenkader-onderdeel (verdeelwijzer.afspraken) is niet beschikbaar in "
                                f"deze installatie: {e}.") from e
    from verdeelwijzer.gegevens import laad_gemeenten

    geladen = laad_afspraken(pad)
    uitkomst = bereken_afspraken(geladen, laad_gemeenten())
    return afspraak_uit_kader(geladen, uitkomst)
