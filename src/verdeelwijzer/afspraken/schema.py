"""The afsprakenkader: a region's agreements as one validated file (pydantic schema).

Numbers that are agreed (shares, tariffs, totals) come from the file, never from code. Decimal
fractions are kept exact (Decimal in the schema, Fraction in the calculation).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from verdeelwijzer.getaltekst import begrens, decimaal
from verdeelwijzer.transferpunt.schema import Transferpunt
from verdeelwijzer.verdeling.paradox import methode_hulp


def _begrensd(v: Any) -> Any:
    """Every number in the file passes the bounded check before pydantic converts it (no 1e-10000000)."""
    if isinstance(v, str):
        decimaal(v.strip().replace(",", "."))  # GetalFout (a ValueError) when too big or too long
    elif isinstance(v, int | float | Decimal | Fraction):
        begrens(v)
    return v


Begrensd = BeforeValidator(_begrensd)
BegrensdGetal = Annotated[Decimal, Begrensd]
Aandeel = Annotated[
    Decimal, Begrensd, Field(ge=0, le=1, description="Een aandeel tussen 0 en 1, bv. 0.30 voor 30 %.")
]
Aantal = Annotated[int, Begrensd, Field(ge=0, description="Een heel aantal, 0 of meer.")]

Methode = Literal["sainte-lague", "hamilton", "dhondt", "huntington-hill", "omhoog"]


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Besluit(Strikt):
    """The decision that adopted these agreements."""

    naam: str
    datum: date | None = None
    kenmerk: str | None = None
    url: str | None = None


class Periode(Strikt):
    start: int = Field(ge=2000, le=2100, description="Eerste jaar van de afspraken.")
    jaren: int = Field(ge=1, le=30, description="Aantal jaren.")

    @property
    def jaartallen(self) -> list[int]:
        return list(range(self.start, self.start + self.jaren))


class Totaal(Strikt):
    """The regional total per year: fixed numbers, or a share of all lettings (mutaties) in the region."""

    per_jaar: Aantal | dict[int, Aantal] | None = Field(
        None, description="Aantal per jaar (één getal voor elk jaar, of per jaartal)."
    )
    aandeel_mutaties: Aandeel | None = Field(
        None, description="Aandeel van de verhuringen (mutaties) in de regio, bv. 0.25 voor 25 %."
    )
    uit_opgave: bool = Field(
        False, description="Neem per jaar de regionale opgave van de groep (veld 'groep') uit de analyse "
        "(sectie 'analyse'), naar boven afgerond op hele aantallen, nooit onder 0."
    )

    @model_validator(mode="after")
    def _precies_een(self) -> Totaal:
        if [self.per_jaar is not None, self.aandeel_mutaties is not None, self.uit_opgave].count(True) != 1:
            raise ValueError(
                "geef precies één van 'per_jaar' of 'aandeel_mutaties' (of 'uit_opgave: true' bij een analyse)"
            )
        return self


class Plafond(Strikt):
    """Caps per gemeente: a share of its lettings (mutatiegrens) and/or absolute numbers."""

    mutatiegrens: Aandeel | None = Field(None, description="Maximaal aandeel van de verhuringen van de gemeente.")
    absoluut: dict[str, Aantal] = Field(default_factory=dict, description="Maximum per gemeente (naam of code).")


class Vloer(Strikt):
    absoluut: dict[str, Aantal] = Field(default_factory=dict, description="Minimum per gemeente (naam of code).")


class VasteToewijzing(Strikt):
    """A gemeente that hosts a regional facility takes a fixed number, credited against its share."""

    gemeente: str
    aantal: Aantal
    reden: str


class Uitzondering(Strikt):
    """'Herkomstgemeente, tenzij': households of origin `van` placed in `naar` (e.g. kansrijke woonstart)."""

    van: str
    naar: str
    aantal: Aantal
    reden: str


class Herkomst(Strikt):
    bestand: str = Field(description="CSV/Excel met gemeente en kolom 'aantal' (vraag naar herkomstgemeente).")
    alpha: Aandeel = Field(description="Gewicht van de herkomst (1 = zuiver herkomstgemeente).")
    uitzonderingen: list[Uitzondering] = Field(default_factory=list)


class Ingroeipad(Strikt):
    huidig: str = Field(description="CSV/Excel met gemeente en kolom 'aantal': de huidige verdeling per jaar.")
    jaren: int = Field(ge=1, le=30)
    methode: Literal["lineair", "begrensd"] = "lineair"
    max_stijging: BegrensdGetal | None = Field(
        None, gt=0, description="Bij 'begrensd': maximale groei per jaar, bv. 0.2."
    )
    max_daling: BegrensdGetal | None = Field(None, gt=0, lt=1, description="Bij 'begrensd': maximale daling per jaar.")


class Onderverdeling(Strikt):
    """Within each gemeente, divide its number over corporations pro rata their holdings."""

    bestand: str = Field(description="CSV/Excel met kolommen gemeente, corporatie, bezit.")
    afronding: Methode = "hamilton"


class Categorie(Strikt):
    naam: str = Field(min_length=1)
    omschrijving: str | None = None
    groep: str | None = Field(
        None, description="Id van de aandachtsgroep uit de catalogus (bv. uitstroom_bw) of een lokale groep."
    )
    totaal: Totaal
    sleutel: dict[str, BegrensdGetal] = Field(
        description="Gewichten per indicator, som 1, bv. {inwoners: 0.5, mutaties: 0.5}."
    )
    herkomst: Herkomst | None = None
    plafond: Plafond | None = None
    vloer: Vloer | None = None
    vast: list[VasteToewijzing] = Field(default_factory=list)
    ingroeipad: Ingroeipad | None = None
    afronding: Methode = Field("sainte-lague", description="Afronding op hele aantallen. " + methode_hulp())
    bij_gelijke_stand: Literal["fout", "loting"] = Field(
        "fout", description="Bij gelijke aanspraak: 'fout' (stop en noem de gemeenten) of 'loting' met 'seed'."
    )
    seed: int | None = Field(None, description="Zaad voor de loting; wordt in de uitkomst vermeld.")
    onderverdeling: Onderverdeling | None = None
    telt_mee_voor_mutatiegrens: bool = Field(True, description="Telt mee bij het aandeel verhuringen aan urgenten.")

    @model_validator(mode="after")
    def _seed_bij_loting(self) -> Categorie:
        if self.bij_gelijke_stand == "loting" and self.seed is None:
            raise ValueError("bij 'loting' hoort een 'seed' (een heel getal), zodat de trekking herhaalbaar is")
        return self


class Statushouders(Strikt):
    """Taakstelling statushouders (Huisvestingswet 2014 art. 29), computed per half year for the region's
    gemeenten: from the national half-year figures, or from a yearly figure split as parameter
    `taakstelling_halfjaarverdeling` says."""

    landelijk_per_jaar: dict[int, Aantal] | None = Field(
        None,
        description="Landelijk aantal te huisvesten vergunninghouders per jaar; wordt over de twee halfjaren "
        "verdeeld (parameter taakstelling_halfjaarverdeling).",
    )
    landelijk_per_halfjaar: dict[str, Aantal] | None = Field(
        None,
        description="Landelijk aantal per kalenderhalfjaar zoals de Staatscourant het noemt, sleutels "
        "'JJJJ-1' en 'JJJJ-2', bv. {'2027-1': 11000, '2027-2': 12500}.",
    )
    correcties: str | None = Field(
        None,
        description="CSV/Excel met gemeente en kolommen 'achterstand' en/of 'voorsprong' uit de vorige periode "
        "(elk ≥ 0; gaan in het eerste halfjaar in, een resterende voorsprong loopt door). Een oudere kolom "
        "'correctie' telt als achterstand.",
    )
    telt_mee_voor_mutatiegrens: bool = True

    @model_validator(mode="after")
    def _precies_een(self) -> Statushouders:
        if (self.landelijk_per_jaar is None) == (self.landelijk_per_halfjaar is None):
            raise ValueError("geef precies één van 'landelijk_per_jaar' of 'landelijk_per_halfjaar'")
        for sleutel in self.landelijk_per_halfjaar or {}:
            jaar, _, helft = sleutel.partition("-")
            if not (jaar.isdigit() and len(jaar) == 4 and helft in ("1", "2")):
                raise ValueError(f"halfjaar '{sleutel}' heeft niet de vorm JJJJ-1 of JJJJ-2")
        return self


class AandeelUrgenten(Strikt):
    maximum: Aandeel | None = Field(None, description="Mutatiegrens: maximaal aandeel verhuringen aan urgenten.")
    streef: Aandeel | None = Field(None, description="Afgesproken aandeel verhuringen voor urgenten.")


class Vereffening(Strikt):
    tarief: BegrensdGetal = Field(ge=0, description="Euro per woning te veel of te weinig (vereffening).")


class Spoor1(Strikt):
    programma: str = Field(description="CSV/Excel met het bouwprogramma per gemeente.")
    plan: str | None = None
    sleutel: Literal["bouwvolume", "laagste-aandeel", "gelijk-aandeel"] = Field(
        "bouwvolume", description="Verdeling van de sociale restopgave."
    )


class LokaleGroep(Strikt):
    """A group the region adds to the catalogue (soort 'lokaal')."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Kleine letters, cijfers en '_'.")
    naam: str = Field(min_length=1)
    eenheid: str = "huishoudens"
    woonvormen: list[str] = Field(default_factory=list)
    toelichting: str | None = None


class Analyse(Strikt):
    """The woonzorg- en spreidingsanalyse over the period of the agreement (see 'verdeelwijzer analyse')."""

    behoefte: str | None = Field(None, description="CSV/Excel met de behoefte per gemeente, groep en jaar.")
    aanbod: str | None = Field(None, description="CSV/Excel met bestaand en gepland aanbod per gemeente en woonvorm.")
    sleutel: str = Field("inwoners", description="Sleutel voor het eerlijke aandeel, bv. inwoners of "
                         "'inwoners=0.5,huishoudens=0.5'.")
    spreiding: Literal["aanbod", "behoefte"] = "aanbod"
    prognose: str | None = Field(None, description="CSV/Excel met de bevolkingsprognose (gemeente, jaar, inwoners) "
                                 "als groeipad; standaard de verandering 2023 → 2024 (CBS), doorgetrokken.")
    gewichten: dict[str, Decimal] = Field(default_factory=dict, description="Gewicht per groep in het gewogen "
                                          "overzicht, bv. {dakloos: 2, ouderen: 0.5}.")
    lokale_groepen: list[LokaleGroep] = Field(default_factory=list)


class Bandbreedte(Strikt):
    """A range, e.g. '6 tot 12 terugvalplekken per jaar': a minimum and a maximum proposal."""

    min: Aantal = Field(description="Ondergrens.")
    max: Aantal = Field(description="Bovengrens (niet kleiner dan min).")

    @model_validator(mode="after")
    def _min_niet_boven_max(self) -> Bandbreedte:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is groter dan max ({self.max}); verwacht min ≤ max")
        return self


Doelwaarde = Aantal | Bandbreedte


class WoonvormDoel(Strikt):
    """One woonvorm of the regional programme (issue 13): a target per year or for the period."""

    woonvorm: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Id van de woonvorm uit de catalogus, bv. "
                          "housing_first.")
    naam: str | None = None
    groepen: list[str] = Field(default_factory=list, description="Groepen die de woonvorm bedient (ids uit de "
                               "catalogus); leeg = de groepen die de catalogus bij deze woonvorm noemt.")
    per_jaar: Doelwaarde | dict[int, Doelwaarde] | None = Field(
        None, description="Regionaal doel per jaar: een aantal, {min, max}, of per jaartal.")
    voor_periode: Doelwaarde | None = Field(None, description="Regionaal doel voor de hele periode.")
    uit_analyse: bool = Field(False, description="Doel per jaar = de som van de regionale opgave (behoefte − aanbod, "
                              "niet onder 0) van de groepen die de woonvorm bedient, uit de sectie 'analyse'.")
    bron: str | None = Field(None, description="Waar het doel vandaan komt (agenda, besluit, analyse).")

    @field_validator("per_jaar", "voor_periode", mode="before")
    @classmethod
    def _bandbreedte_eerst(cls, v: Any) -> Any:
        """A range with min > max is reported as such (the union would otherwise blame the per-year branch)."""
        banden = [v] if isinstance(v, dict) and "min" in v else (list(v.values()) if isinstance(v, dict) else [])
        for b in banden:
            if isinstance(b, dict) and isinstance(b.get("min"), int) and isinstance(b.get("max"), int) \
                    and b["min"] > b["max"]:
                raise ValueError(f"min ({b['min']}) is groter dan max ({b['max']}); verwacht min ≤ max")
        return v

    @model_validator(mode="after")
    def _een_doel(self) -> WoonvormDoel:
        if (self.per_jaar is not None) + (self.voor_periode is not None) + self.uit_analyse != 1:
            raise ValueError("geef precies één van 'per_jaar', 'voor_periode' of 'uit_analyse: true'")
        return self


class WoonvormenProgramma(Strikt):
    sleutel: dict[str, BegrensdGetal] = Field(description="Afgesproken sleutel voor het verdelen van het gat, "
                                              "bv. {inwoners: 1}.")
    afronding: Methode = Field("hamilton", description="Afronding op hele aantallen. " + methode_hulp())
    bij_gelijke_stand: Literal["fout", "loting"] = "fout"
    seed: int | None = None
    programma: list[WoonvormDoel] = Field(min_length=1)

    @field_validator("programma")
    @classmethod
    def _uniek(cls, programma: list[WoonvormDoel]) -> list[WoonvormDoel]:
        ids = [p.woonvorm for p in programma]
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            raise ValueError(f"elke woonvorm één keer; dubbel: {', '.join(dubbel)}")
        return programma


class Toezegging(Strikt):
    """What a gemeente offers for a woonvorm: its pledge (a floor) and its stated capacity (the cap)."""

    gemeente: str = Field(min_length=1)
    woonvorm: str
    jaar: int | None = Field(None, ge=2000, le=2100, description="Leeg = elk jaar (of de periode).")
    aantal: Aantal = Field(description="Toegezegd aantal plekken (wordt nooit verlaagd).")
    capaciteit: Aantal | None = Field(None, description="Wat de gemeente ten hoogste kan bieden (plafond).")
    toelichting: str | None = None

    @field_validator("gemeente", mode="before")
    @classmethod
    def _code_als_tekst(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @model_validator(mode="after")
    def _binnen_capaciteit(self) -> Toezegging:
        if self.capaciteit is not None and self.aantal > self.capaciteit:
            raise ValueError(f"toezegging {self.aantal} is groter dan de capaciteit {self.capaciteit}")
        return self


class Gerealiseerd(Strikt):
    """Places a gemeente already realised or placements it made (credited in the balance)."""

    gemeente: str = Field(min_length=1)
    woonvorm: str
    aantal: Aantal
    bron: str | None = None

    @field_validator("gemeente", mode="before")
    @classmethod
    def _code_als_tekst(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


class Specialisatie(Strikt):
    gerealiseerd: list[Gerealiseerd] = Field(default_factory=list, description="Gerealiseerde plekken en "
                                             "plaatsingen per gemeente en woonvorm; tellen mee in de bijdrage.")
    gewichten: dict[str, Annotated[Decimal, Begrensd, Field(gt=0)]] = Field(
        description="Wegingsfactor per woonvorm (> 0), bv. {skaeve_huse: 3, housing_first: 1}.")
    sleutel: dict[str, BegrensdGetal] | None = Field(None, description="Sleutel voor het evenredig deel; "
                                                     "standaard die van 'woonvormen'.")
    tarief: BegrensdGetal | None = Field(None, ge=0, description="Euro per gewogen plek boven of onder het "
                                         "evenredig deel (vereffening).")


class Voorziening(Strikt):
    naam: str = Field(min_length=1)
    woonvorm: str = Field(description="Woonvorm of zorgvorm, bv. beschermd_wonen.")
    gemeente: str = Field(min_length=1, description="Gastgemeente (naam of code), binnen de regio.")
    capaciteit: Aantal
    functie: Literal["lokaal", "regionaal", "bovenregionaal"]
    status: Literal["in_gebruik", "in_ontwikkeling", "gepland", "gesloten"]
    bron: str = Field(min_length=1)

    @field_validator("gemeente", mode="before")
    @classmethod
    def _code_als_tekst(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


class Afsprakenkader(Strikt):
    """One region's agreements, all tracks; paths are relative to the file itself."""

    naam: str = Field(min_length=1)
    scenario: str = "basis"
    omschrijving: str | None = None
    fictief: bool = Field(False, description="Waar voor voorbeeldbestanden met verzonnen totalen.")
    regio: str | list[str] = Field(description="Regionaam (zie 'regio lijst') of lijst van gemeenten.")
    gegevens: list[str] = Field(default_factory=list, description="Bestanden met eigen cijfers (overschrijvingen).")
    periode: Periode
    peildatum: date | None = Field(
        None, description="Datum waarop de regels worden gelezen (standaard 1 januari van het startjaar)."
    )
    besluit: Besluit | None = None
    aandeel_urgenten: AandeelUrgenten | None = None
    vereffening: Vereffening | None = None
    spoor1: Spoor1 | None = None
    categorieen: list[Categorie] = Field(default_factory=list)
    statushouders: Statushouders | None = None
    analyse: Analyse | None = None
    transferpunt: Transferpunt | None = None
    woonvormen: WoonvormenProgramma | None = None
    toezeggingen: list[Toezegging] = Field(default_factory=list)
    specialisatie: Specialisatie | None = None
    voorzieningen: list[Voorziening] = Field(default_factory=list)

    @field_validator("regio", mode="before")
    @classmethod
    def _codes_als_tekst(cls, v: Any) -> Any:
        """`- 1507` in a YAML list is an int; a gemeentecode is text (leading zeros stay text in the loader)."""
        if isinstance(v, list):
            return [str(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in v]
        return v

    @field_validator("categorieen")
    @classmethod
    def _unieke_namen(cls, categorieen: list[Categorie]) -> list[Categorie]:
        namen = [c.naam.strip().lower() for c in categorieen]
        dubbel = sorted({n for n in namen if namen.count(n) > 1})
        if dubbel:
            raise ValueError(f"categorienamen moeten uniek zijn; dubbel: {', '.join(dubbel)}")
        return categorieen

    @model_validator(mode="after")
    def _iets_te_berekenen(self) -> Afsprakenkader:
        if (not self.categorieen and self.statushouders is None and self.spoor1 is None and self.analyse is None
                and self.woonvormen is None):
            raise ValueError("geen afspraken: geef 'categorieen', 'statushouders', 'spoor1', 'analyse' of "
                             "'woonvormen'")
        for c in self.categorieen:
            if c.totaal.uit_opgave and (c.groep is None or self.analyse is None):
                raise ValueError(f"categorieen: categorie '{c.naam}' neemt haar totaal uit de opgave; geef dan "
                                 "'groep' bij de categorie en een sectie 'analyse'")
        return self

    @property
    def regels_datum(self) -> date:
        return self.peildatum or date(self.periode.start, 1, 1)
