"""The `transferpunt:` section of the afsprakenkader (pydantic): which candidate categories count against
which quota, the region's declarative priority rules, the agreed term and the retention period.

Every agreed number (points, tiers, term, retention) is written in the agreement file, never in code. This
module imports nothing from `verdeelwijzer.afspraken`, so the afsprakenkader schema can import it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bronvermelding(_Strikt):
    titel: str = Field(min_length=1)
    url: str | None = None


class Voorwaarde(_Strikt):
    """One condition on a candidate attribute (a column of the candidate register)."""

    kenmerk: str = Field(min_length=1, description="Kolom in het kandidatenbestand, bv. 'familierelatie'.")
    is_een_van: list[str] | None = Field(None, description="De waarde is een van deze teksten.")
    van: Decimal | None = Field(None, description="Getal ≥ van (inclusief).")
    tot: Decimal | None = Field(None, description="Getal < tot (exclusief).")

    @model_validator(mode="after")
    def _iets(self) -> Voorwaarde:
        if self.is_een_van is None and self.van is None and self.tot is None:
            raise ValueError("geef 'is_een_van' of een bereik 'van'/'tot'")
        if self.is_een_van is not None and (self.van is not None or self.tot is not None):
            raise ValueError("geef 'is_een_van' óf een bereik, niet allebei")
        return self


class Puntregel(_Strikt):
    punten: int = Field(ge=0)
    als: list[Voorwaarde] = Field(min_length=1, description="Alle voorwaarden moeten gelden.")


class Puntensysteem(_Strikt):
    """Points: the highest rule that applies, plus points per month of registration."""

    naam: str = Field(min_length=1)
    bron: Bronvermelding | None = None
    regels: list[Puntregel] = Field(default_factory=list)
    per_maand_ingeschreven: int = Field(0, ge=0)


class Trede(_Strikt):
    naam: str = Field(min_length=1)
    als: list[Voorwaarde] = Field(min_length=1)


class Volgorde(_Strikt):
    """Ordered criteria: a candidate belongs to the first tier whose conditions all hold; others come last."""

    naam: str = Field(min_length=1)
    bron: Bronvermelding | None = None
    treden: list[Trede] = Field(min_length=1)


class Criterium(_Strikt):
    """Exactly one of the criterion kinds; criteria are applied in the order written (lexicographic)."""

    wachttijd: bool | None = Field(None, description="Langst ingeschreven eerst.")
    urgentiedatum: bool | None = Field(None, description="Vroegste urgentiedatum eerst.")
    herkomst_in_regio: bool | None = Field(None, description="Kandidaten uit een gemeente van de regio eerst.")
    punten: Puntensysteem | None = None
    volgorde: Volgorde | None = None

    @model_validator(mode="after")
    def _precies_een(self) -> Criterium:
        gezet = [k for k in ("wachttijd", "urgentiedatum", "herkomst_in_regio", "punten", "volgorde")
                 if getattr(self, k) not in (None, False)]
        if len(gezet) != 1:
            raise ValueError("geef per criterium precies één van: wachttijd, urgentiedatum, herkomst_in_regio, "
                             "punten, volgorde")
        return self

    @property
    def soort(self) -> str:
        return next(k for k in ("wachttijd", "urgentiedatum", "herkomst_in_regio", "punten", "volgorde")
                    if getattr(self, k) not in (None, False))


class GelijkeStand(_Strikt):
    """The agreed, recorded rule for candidates that remain equal after all criteria."""

    regel: Literal["fout", "loting"] = "fout"
    seed: int | None = None

    @model_validator(mode="after")
    def _seed(self) -> GelijkeStand:
        if self.regel == "loting" and self.seed is None:
            raise ValueError("bij 'loting' hoort een 'seed' (een heel getal), zodat de trekking herhaalbaar is")
        return self


class Transferpunt(_Strikt):
    """How the region's transferpunt matches urgent households to homes within the fair shares."""

    categorieen: dict[str, str] = Field(
        description="Categorie van de kandidaat (id van een wettelijke urgentiecategorie of eigen naam) → "
        "naam van de categorie in dit afsprakenkader waarvan het quotum wordt gebruikt.",
    )
    prioriteit: list[Criterium] = Field(min_length=1, description="Criteria in volgorde van zwaarte.")
    bij_gelijke_stand: GelijkeStand = Field(default_factory=GelijkeStand)
    herkomst: Literal["voorkeur", "geen"] = Field(
        "voorkeur", description="'voorkeur': herkomstgemeente (of een gemotiveerde tenzij-gemeente) gaat voor, "
        "maar nooit boven de rang van een ander.",
    )
    mutatiegrens: bool = Field(True, description="Houd per gemeente het maximale aandeel verhuringen aan urgenten aan "
                               "(aandeel_urgenten.maximum × verhuringen).")
    termijn_maanden: int = Field(ge=1, le=120, description="Afgesproken termijn waarbinnen een aanbod volgt.")
    bewaartermijn_maanden: int = Field(ge=1, le=120, description="Gesloten dossiers worden na deze termijn verwijderd.")
    bron: Bronvermelding | None = None
