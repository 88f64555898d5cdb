"""Gathering everything an afsprakenkader needs before the calculation: data, region, the contents of
every file it names, and the rules for the dates it covers. All reading happens here, so the calculation
(`berekening.bereken`) works on plain data only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from verdeelwijzer.afspraken.laden import GeladenAfspraken
from verdeelwijzer.betaalbaarheid.invoer import lees_programma
from verdeelwijzer.betaalbaarheid.model import Betaalbaarheidsregels, Programmaregel
from verdeelwijzer.betaalbaarheid.regelset import lees_regels
from verdeelwijzer.gegevens import Gegevens, Regio, laad_gemeenten, zoek_regio
from verdeelwijzer.gegevens.gemeentebestanden import Corporatiebezit, lees_corporatiebezit, lees_gemeentewaarden
from verdeelwijzer.gegevens.invoer import lees_tabelbestand
from verdeelwijzer.regels import ParameterWaarde, lees_parameter

# Rules the statushouders task reads for 1 January of every year of the period.
TAAKSTELLING_REGELS = ("taakstelling_afronding", "taakstelling_peildatum_inwoners", "taakstelling_halfjaarverdeling")


@dataclass(frozen=True)
class AfsprakenInvoer:
    """Plain inputs of one calculation. Files are keyed by the name the agreement uses for them."""

    geladen: GeladenAfspraken
    gegevens: Gegevens
    regio: Regio
    gemeentewaarden: dict[tuple[str, str], dict[str, Fraction]] = field(default_factory=dict)  # (file, column)
    corporaties: dict[str, list[Corporatiebezit]] = field(default_factory=dict)
    programma: list[Programmaregel] | None = None
    betaalbaarheidsregels: Betaalbaarheidsregels | None = None
    regels: dict[tuple[str, date], ParameterWaarde] = field(default_factory=dict)
    groepen: Any = None  # aandachtsgroepen.afspraken.AfsprakenAnalyse: analysis, totals from the opgave, warnings
    woonvormen: Any = None  # woonvormen.model.WoonvormenInvoer: programme, pledges, facilities (issue 13)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(self.regio.gemeentecodes))

    def regel(self, naam: str, datum: date) -> ParameterWaarde:
        return self.regels[(naam, datum)]


def lees_invoer(geladen: GeladenAfspraken, gegevens: Gegevens | None = None) -> AfsprakenInvoer:
    """Read the data (embedded + the agreement's own overrides unless `gegevens` is given), resolve the
    region and read every file and rule the agreement needs; any problem is a Dutch InvoerFout/RegelFout."""
    kader = geladen.kader
    if gegevens is None:
        gegevens = laad_gemeenten([geladen.pad_van(p) for p in kader.gegevens], datum=kader.regels_datum)
    assert gegevens.zoeker is not None
    zoeker = gegevens.zoeker
    regio = zoek_regio(kader.regio if isinstance(kader.regio, str) else ",".join(kader.regio), gegevens,
                       bestanden=not geladen.opgesloten)
    codes = tuple(sorted(regio.gemeentecodes))

    gemeentewaarden: dict[tuple[str, str], dict[str, Fraction]] = {}

    def per_gemeente(bestand: str, kolom: str) -> None:
        if (bestand, kolom) not in gemeentewaarden:
            gemeentewaarden[(bestand, kolom)] = lees_gemeentewaarden(geladen.pad_van(bestand), kolom, zoeker, codes)

    corporaties: dict[str, list[Corporatiebezit]] = {}
    for cat in kader.categorieen:
        if cat.herkomst is not None:
            per_gemeente(cat.herkomst.bestand, "aantal")
        if cat.ingroeipad is not None:
            per_gemeente(cat.ingroeipad.huidig, "aantal")
        if cat.onderverdeling is not None and cat.onderverdeling.bestand not in corporaties:
            corporaties[cat.onderverdeling.bestand] = lees_corporatiebezit(
                geladen.pad_van(cat.onderverdeling.bestand), zoeker, codes
            )
    regels: dict[tuple[str, date], ParameterWaarde] = {}
    if kader.statushouders is not None:
        if kader.statushouders.correcties:
            # Columns 'achterstand' and/or 'voorsprong' (each ≥ 0, as in `taakstelling --correcties`); an older
            # file with one column 'correctie' is read as achterstand (values are never negative).
            bestand = kader.statushouders.correcties
            kop = {k.strip().lower() for k in lees_tabelbestand(geladen.pad_van(bestand)).kop}
            kolommen = [k for k in ("achterstand", "voorsprong") if k in kop] or ["correctie"]
            for kolom in kolommen:
                per_gemeente(bestand, kolom)
        for jaar in kader.periode.jaartallen:
            for naam in TAAKSTELLING_REGELS:
                regels[(naam, date(jaar, 1, 1))] = lees_parameter(naam, date(jaar, 1, 1))
    programma = betaalbaarheidsregels = None
    if kader.spoor1 is not None:
        s = kader.spoor1
        programma = lees_programma(geladen.pad_van(s.programma), zoeker, list(codes), f"regio {regio.naam}",
                                   geladen.pad_van(s.plan) if s.plan else None)
        betaalbaarheidsregels = lees_regels(kader.regels_datum)
    from verdeelwijzer.aandachtsgroepen.afspraken import lees_afspraken_analyse
    from verdeelwijzer.woonvormen.afspraken import lees_woonvormen

    groepen = lees_afspraken_analyse(kader, geladen.pad_van, gegevens, regio)
    return AfsprakenInvoer(geladen, gegevens, regio, gemeentewaarden, corporaties, programma,
                           betaalbaarheidsregels, regels, groepen,
                           lees_woonvormen(geladen, gegevens, regio, groepen.analyse))
