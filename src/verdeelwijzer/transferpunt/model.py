"""Records of the transferpunt (plain frozen dataclasses, no I/O).

A candidate is a pseudonymised case: a case number (never a name or BSN) and only the attributes the
region's rules need. An offer is a vacant home, standplaats or place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Needs a candidate can have and features an offer can have: one controlled vocabulary, so "nodig ⊆ kenmerken"
# is a plain set test. `rolstoel` implies `nultreden` (see `normaliseer_behoeften`).
BEHOEFTEN: dict[str, str] = {
    "nultreden": "nultredenwoning (geen trappen)",
    "rolstoel": "rolstoeltoegankelijk",
    "begeleiding_nabij": "begeleiding in de buurt",
    "begane_grond": "op de begane grond",
    "huisdier_toegestaan": "huisdier toegestaan",
    "prikkelarm": "prikkelarme omgeving",
}
WOONVORMEN: dict[str, str] = {
    "zelfstandig": "zelfstandige woning",
    "housing_first": "Housing First",
    "skaeve_huse": "Skaeve Huse",
    "flexwoning": "flexwoning",
    "begeleid_wonen": "begeleid wonen",
    "standplaats": "standplaats (woonwagen)",
    "kamer": "kamer",
}


def normaliseer_behoeften(behoeften: frozenset[str]) -> frozenset[str]:
    """A wheelchair-accessible home is always step-free."""
    return behoeften | {"nultreden"} if "rolstoel" in behoeften else behoeften


@dataclass(frozen=True)
class Kandidaat:
    dossier: str
    categorie: str  # as written in the register (urgency category id or the agreement's category name)
    herkomstgemeente: str  # gemeentecode
    inschrijfdatum: date
    urgentiedatum: date | None = None
    huishoudgrootte: int = 1
    nodig: frozenset[str] = frozenset()
    woonvormen: frozenset[str] = frozenset({"zelfstandig"})
    uitgesloten: frozenset[str] = frozenset()  # gemeentecodes excluded, with `reden_uitsluiting`
    reden_uitsluiting: str = ""
    tenzij: frozenset[str] = frozenset()  # "herkomst, tenzij": other gemeenten that count as herkomst
    tenzij_reden: str = ""
    kenmerken: tuple[tuple[str, str], ...] = ()  # attributes the priority rules read (column, value)
    toelichting: str = ""

    def kenmerk(self, naam: str) -> str:
        return dict(self.kenmerken).get(naam, "")


@dataclass(frozen=True)
class Aanbod:
    aanbod: str  # offer number
    gemeentecode: str
    corporatie: str = ""
    woonvorm: str = "zelfstandig"
    kenmerken: frozenset[str] = frozenset()
    max_huishouden: int | None = None
    beschikbaar_vanaf: date | None = None
    toelichting: str = ""


@dataclass(frozen=True)
class Quotum:
    gemeentecode: str
    categorie: str  # the agreement's category name
    doel: int
    eerder: int  # already realised in the period before this round

    @property
    def rest(self) -> int:
        return max(self.doel - self.eerder, 0)


@dataclass(frozen=True)
class Grens:
    """Mutatiegrens for this round: at most `rest` more urgent placements in the gemeente."""

    gemeentecode: str
    maximum: int
    eerder: int
    uitleg: str = ""

    @property
    def rest(self) -> int:
        return max(self.maximum - self.eerder, 0)


@dataclass(frozen=True)
class Rangregel:
    """A candidate's place in the agreed order, with the values of every criterion in words."""

    dossier: str
    rang: int
    waarden: tuple[str, ...]
    lot: str | None = None


@dataclass(frozen=True)
class Koppeling:
    kandidaat: str
    aanbod: str
    gemeentecode: str
    categorie: str  # the agreement's category name (the quota it uses)
    rang: int
    in_herkomst: bool
    uitleg: str


@dataclass(frozen=True)
class NietGekoppeld:
    kandidaat: str
    rang: int
    reden: str
    soort: str  # geen_passend_aanbod | geen_quotum | mutatiegrens | voorrang_anderen


@dataclass(frozen=True)
class Quotumgebruik:
    gemeentecode: str
    categorie: str
    quotum: int  # remaining before this round
    gebruikt: int
    doel: int
    eerder: int


@dataclass(frozen=True)
class Ronde:
    """The outcome of a matching round (the one object the CLI, web page and JSON all read)."""

    periode: str
    datum: date
    koppelingen: tuple[Koppeling, ...]
    niet_gekoppeld: tuple[NietGekoppeld, ...]
    quota: tuple[Quotumgebruik, ...]
    grenzen: tuple[Grens, ...]
    rangorde: tuple[Rangregel, ...]
    criteria: tuple[str, ...]
    doelwaarde: int
    methode: str
    waarschuwingen: tuple[str, ...] = field(default=())
    bronnen: tuple[str, ...] = field(default=())
