"""Plain data for the woonvormen programme, pledges, facilities and the specialisation balance (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from verdeelwijzer.verdeling import VerdeelInvoer

# Facilities with these functions count for the region in the balance; a local one serves its own gemeente.
REGIONALE_FUNCTIES = ("regionaal", "bovenregionaal")
# Only a facility in use provides places today; planned ones are listed but not credited.
TELLENDE_STATUS = "in_gebruik"


@dataclass(frozen=True)
class Doel:
    """A regional target: a number (minimum == maximum) or a range minimum–maximum."""

    minimum: int
    maximum: int

    @property
    def is_bandbreedte(self) -> bool:
        return self.minimum != self.maximum

    def tekst(self) -> str:
        return str(self.minimum) if not self.is_bandbreedte else f"{self.minimum} tot {self.maximum}"


@dataclass(frozen=True)
class Programmaregel:
    """One woonvorm of the programme: targets per year (`jaar` None = for the whole period)."""

    woonvorm: str
    naam: str
    groepen: tuple[str, ...]
    doelen: dict[int | None, Doel]
    herkomst: str = ""  # where the target comes from, when it is derived (e.g. from the analysis' opgave)


@dataclass(frozen=True)
class Toezegging:
    """What a gemeente pledges for one woonvorm (and year; None = the whole period) and what it can offer."""

    gemeentecode: str
    woonvorm: str
    jaar: int | None
    aantal: int
    capaciteit: int | None = None


@dataclass(frozen=True)
class Voorziening:
    naam: str
    woonvorm: str
    gemeentecode: str
    capaciteit: int
    functie: str
    status: str
    bron: str

    @property
    def telt_mee(self) -> bool:
        return self.functie in REGIONALE_FUNCTIES and self.status == TELLENDE_STATUS


@dataclass(frozen=True)
class Specialisatie:
    """Agreed weights per woonvorm (one place of woonvorm w counts as `gewichten[w]` units) and, optionally,
    a settlement tariff in euro per weighted unit above or below the fair share."""

    gewichten: dict[str, Fraction]
    tarief: Fraction | None = None
    gerealiseerd: tuple[tuple[str, str, int], ...] = ()  # (gemeentecode, woonvorm, aantal) realised / placed


@dataclass(frozen=True)
class WoonvormenInvoer:
    """`basis`: the engine input with the agreed key (indicators and sources); its totaal/grenzen are replaced
    per woonvorm and year. `aandelen`: the fair-share key of the balance (default: the shares of `basis`)."""

    basis: VerdeelInvoer
    jaren: tuple[int, ...]
    programma: tuple[Programmaregel, ...]
    toezeggingen: tuple[Toezegging, ...] = ()
    voorzieningen: tuple[Voorziening, ...] = ()
    specialisatie: Specialisatie | None = None
    balans_sleutel: VerdeelInvoer | None = None


@dataclass(frozen=True)
class Voorstelregel:
    gemeentecode: str
    gemeentenaam: str
    woonvorm: str
    jaar: int | None
    toezegging: int
    capaciteit: int | None
    evenredig_minimum: Fraction  # share × target minimum (the fair share, before pledges and caps)
    minimum: int
    maximum: int
    op_capaciteit: bool


@dataclass(frozen=True)
class Doelregel:
    """One woonvorm × year: target, pledges, what the proposal places and any shortfall (never hidden)."""

    woonvorm: str
    naam: str
    jaar: int | None
    doel: Doel
    toegezegd: int
    capaciteit: int | None  # None when some gemeente stated no capacity (no regional cap)
    geplaatst_minimum: int
    geplaatst_maximum: int
    tekort_minimum: int
    tekort_maximum: int
    overschot: int  # pledges above the maximum target (kept: pledges are never reduced)
    uitleg: tuple[str, ...]


@dataclass(frozen=True)
class Balansregel:
    gemeentecode: str
    gemeentenaam: str
    aandeel: Fraction
    bijdrage: Fraction
    evenredig_deel: Fraction
    balans: Fraction
    bedrag_centen: int | None = None


@dataclass(frozen=True)
class WoonvormenUitkomst:
    gemeentecodes: tuple[str, ...]
    gemeentenamen: tuple[str, ...]
    voorstel: tuple[Voorstelregel, ...]
    doelen: tuple[Doelregel, ...]
    balans: tuple[Balansregel, ...]
    voorzieningen: tuple[Voorziening, ...]
    uitleg: tuple[str, ...] = field(default=())
    waarschuwingen: tuple[str, ...] = field(default=())
