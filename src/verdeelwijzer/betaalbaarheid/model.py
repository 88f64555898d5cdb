"""Plain input data of spoor 1: the stock per gemeente, the programme per gemeente, and the rules.

No I/O here. `invoer.py` builds `Programmaregel`s from a file, `regelset.py` reads the rules for a date,
and the CLI builds `Voorraad` from the loaded gegevens.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from verdeelwijzer.betaalbaarheid.uitleg import Regel
from verdeelwijzer.bron import Bron

Segment = Literal["sociale_huur", "middensegment"]
SEGMENTEN_PLAN = ("sociale_huur", "middenhuur", "betaalbare_koop", "vrije_sector")


@dataclass(frozen=True)
class Plan:
    """A gemeente's own plan: homes per segment over the whole programme (contracted and not)."""

    sociale_huur: int
    middenhuur: int
    betaalbare_koop: int
    vrije_sector: int

    @property
    def middensegment(self) -> int:
        return self.middenhuur + self.betaalbare_koop

    @property
    def betaalbaar(self) -> int:
        return self.sociale_huur + self.middensegment

    @property
    def totaal(self) -> int:
        return self.betaalbaar + self.vrije_sector


@dataclass(frozen=True)
class Ontheffing:
    """An exemption granted to one gemeente: a lower minimum share (0 ≤ aandeel < 1) for the rule that applies."""

    aandeel: Fraction
    besluit: str


@dataclass(frozen=True)
class Programmaregel:
    """The programme of one gemeente over the term, as entered by the region.

    `herkomst` names where it came from ("programma.csv, regel 4") so later checks can point at it.
    """

    gemeentecode: str
    gecontracteerd: int
    niet_gecontracteerd: int
    plan: Plan | None = None
    ontheffing: Ontheffing | None = None
    herkomst: str = ""
    plan_herkomst: str = ""

    @property
    def totaal(self) -> int:
        return self.gecontracteerd + self.niet_gecontracteerd


@dataclass(frozen=True)
class Voorraad:
    """Dwelling stock and social (DAEB) stock of one gemeente at the peildatum, with their sources."""

    gemeentecode: str
    gemeentenaam: str
    woningvoorraad: int
    sociale_voorraad: int
    bron_woningvoorraad: Bron
    bron_sociale_voorraad: Bron
    kanttekening: str = ""  # what the user should know about this figure (from the provenance manifest)


@dataclass(frozen=True)
class Betaalbaarheidsregels:
    """The parameters of spoor 1 that apply on one date, each as a `Regel` with status and source.

    Values: `aandeel_betaalbaar` (2/3), `minimum_sociale_huur` (0.30), `minimum_middensegment` (0.40),
    `landelijk_gemiddelde` (national social share, 0.256), `termijn_jaren` (10) and
    `over_niet_gecontracteerd` (whether the percentages apply only to the not-yet-contracted part).
    """

    aandeel_betaalbaar: Regel
    minimum_sociale_huur: Regel
    minimum_middensegment: Regel
    landelijk_gemiddelde: Regel
    termijn_jaren: Regel
    over_niet_gecontracteerd: Regel
    # How far an estimated social share may lie above the DAEB share (None: no check, e.g. older dates).
    onzekerheidsmarge: Regel | None = None

    def alle(self) -> tuple[Regel, ...]:
        basis = (self.landelijk_gemiddelde, self.minimum_sociale_huur, self.minimum_middensegment,
                 self.aandeel_betaalbaar, self.termijn_jaren, self.over_niet_gecontracteerd)
        return basis if self.onzekerheidsmarge is None else (*basis, self.onzekerheidsmarge)


# Modelling assumptions of Verdeelwijzer that numbers rest on (status aanname), stated once.
AANNAME_PROJECTIE = Regel(
    naam="aanname_projectie",
    waarde="voorraad + programma",
    status="aanname",
    bron="Verdeelwijzer: projectie na de termijn",
    toelichting=(
        "De hele programmering wordt binnen de termijn opgeleverd; geen sloop, verkoop, liberalisatie of "
        "andere mutaties in de bestaande voorraad. Zonder plan telt het gecontracteerde deel niet als sociale "
        "huur mee (samenstelling onbekend)."
    ),
)
AANNAME_RUIMTE = Regel(
    naam="aanname_ruimte",
    waarde="niet gecontracteerd − minimum",
    status="aanname",
    bron="Verdeelwijzer: ruimte voor de restopgave",
    toelichting=(
        "Gecontracteerde projecten hoeven niet te worden gewijzigd; extra woningen uit de restopgave passen dus "
        "alleen in het nog niet gecontracteerde deel, na aftrek van het eigen minimum van de gemeente."
    ),
)
AANNAME_RESTOPGAVE = Regel(
    naam="aanname_restopgave",
    waarde="minima → regionale doelen",
    status="aanname",
    bron="Verdeelwijzer: verdeling van de restopgave",
    toelichting=(
        "Het verschil tussen de regionale doelen en de som van de gemeentelijke minima wordt over de gemeenten "
        "verdeeld: eerst de sociale restopgave met de gekozen sleutel, daarna de overige betaalbare restopgave "
        "naar rato van de grondslag. Een gemeente met ontheffing krijgt geen restopgave in dat segment."
    ),
)
