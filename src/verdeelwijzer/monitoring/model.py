"""Records the ledger works on: periods, targets, realised figures, thresholds (plain frozen dataclasses).

Periods run from `begin` up to and including `eind`. Counts are whole numbers; shares and money are
exact `Fraction`s. These records carry no I/O: the storage layer and the agreement adapter build them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

# Construction segments accepted in imports (bouw); the names of the betaalbaarheid track.
SEGMENTEN: tuple[str, ...] = ("sociale_huur", "middenhuur", "betaalbare_koop", "vrije_sector")


@dataclass(frozen=True)
class Periode:
    code: str
    begin: date
    eind: date  # inclusive: the last day of the period

    @property
    def dagen(self) -> int:
        return (self.eind - self.begin).days + 1


@dataclass(frozen=True, order=True)
class Doel:
    """Agreed target: how many of `categorie` gemeente `gemeentecode` houses in `periode`."""

    gemeentecode: str
    categorie: str
    periode: str
    aantal: int


@dataclass(frozen=True, order=True)
class Realisatie:
    """Realised placements (instroom) of urgents of `categorie`."""

    gemeentecode: str
    categorie: str
    periode: str
    aantal: int


@dataclass(frozen=True, order=True)
class Verhuring:
    """Lettings (mutaties) of social-rent homes of a gemeente in a period."""

    gemeentecode: str
    periode: str
    aantal: int


@dataclass(frozen=True, order=True)
class Bouwrealisatie:
    """Homes completed in `segment`."""

    gemeentecode: str
    segment: str
    periode: str
    aantal: int


@dataclass(frozen=True)
class Drempel:
    status: str
    ondergrens: Fraction


@dataclass(frozen=True)
class Drempels:
    """Status thresholds, highest lower bound first; `bron` names the parameter and its source."""

    treden: tuple[Drempel, ...]
    bron: str = ""

    def status(self, graad: Fraction) -> str:
        """The highest status whose lower bound `graad` reaches (the lowest status otherwise)."""
        for trede in self.treden:
            if graad >= trede.ondergrens:
                return trede.status
        return self.treden[-1].status

    @property
    def hoogste(self) -> str:
        return self.treden[0].status


@dataclass(frozen=True)
class MonitoringInvoer:
    """Everything the ledger needs for one region and one agreement version."""

    gemeenten: tuple[str, ...]
    perioden: tuple[Periode, ...]
    doelen: tuple[Doel, ...]
    realisaties: tuple[Realisatie, ...] = ()
    verhuringen: tuple[Verhuring, ...] = ()
    bouw: tuple[Bouwrealisatie, ...] = ()
    mutatiegrens: Fraction | None = None
    vereffening_tarief: Fraction | None = None


@dataclass(frozen=True)
class AfspraakInvoer:
    """An adopted agreement as stored: what `monitor init` takes from the afsprakenkader."""

    naam: str
    regio_naam: str
    gemeenten: tuple[str, ...]
    bron_tekst: str
    perioden: tuple[Periode, ...]
    doelen: tuple[Doel, ...]
    besluit: str | None = None
    mutatiegrens: Fraction | None = None
    vereffening_tarief: Fraction | None = None
    categorieen: tuple[str, ...] = field(default=())

    def alle_categorieen(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.categorieen, *(d.categorie for d in self.doelen)]))
