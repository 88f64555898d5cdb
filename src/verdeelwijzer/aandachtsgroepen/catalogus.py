"""The catalogue of aandachtsgroepen (rules as code): the parameter `aandachtsgroepen` plus a region's local
groups, with the published equal/unequal mapping to the statutory urgency categories.

The catalogue is a dated parameter like every other rule, so its status and source travel with every result.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from verdeelwijzer.fouten import InvoerFout, RegelFout
from verdeelwijzer.regels import ParameterWaarde, lees_parameter

CATALOGUS_PARAMETER = "aandachtsgroepen"
URGENTIE_PARAMETER = "wettelijke_urgentiecategorieen"
SOORTEN = ("wettelijke_urgentiecategorie", "zonder_urgentie", "taakstelling", "lokaal")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Urgentiecategorie:
    code: str
    omschrijving: str


@dataclass(frozen=True)
class Groep:
    """One aandachtsgroep. `urgentiecategorie`/`gelijk`: the statutory category it maps to, and whether the
    published mapping says the two are the same group (=) or not (≠)."""

    id: str
    naam: str
    soort: str
    soort_naam: str
    eenheid: str
    woonvormen: tuple[str, ...]
    urgentiecategorie: str | None = None
    gelijk: bool | None = None
    kort: str | None = None
    toelichting: str | None = None

    @property
    def label(self) -> str:
        return self.kort or self.naam

    def koppeling_tekst(self, categorieen: Mapping[str, Urgentiecategorie]) -> str:
        """The mapping in words, e.g. '≠ Uitstromers accommodaties jeugdzorg'."""
        if self.urgentiecategorie is None:
            return self.soort_naam
        cat = categorieen.get(self.urgentiecategorie)
        naam = cat.omschrijving if cat else self.urgentiecategorie
        return f"{'=' if self.gelijk else '≠'} {naam}"


@dataclass(frozen=True)
class Catalogus:
    groepen: tuple[Groep, ...]
    woonvormen: dict[str, str]
    urgentiecategorieen: dict[str, Urgentiecategorie]
    regel: ParameterWaarde
    urgentieregel: ParameterWaarde | None
    lokaal: tuple[str, ...] = field(default=())

    def ids(self) -> list[str]:
        return [g.id for g in self.groepen]

    def heeft(self, groep_id: str) -> bool:
        return any(g.id == groep_id for g in self.groepen)

    def groep(self, groep_id: str, plek: str = "") -> Groep:
        for g in self.groepen:
            if g.id == groep_id:
                return g
        raise InvoerFout(f"{plek + ': ' if plek else ''}{self.onbekend(groep_id)}")

    def onbekend(self, tekst: str) -> str:
        """'onbekende groep …' with the closest ids (Dutch), for any place that reads a group id."""
        kandidaten = self.ids()
        dicht = difflib.get_close_matches(tekst.strip().lower(), kandidaten, n=3, cutoff=0.5)
        if not dicht:  # also match on the Dutch name
            namen = {g.naam.lower(): g.id for g in self.groepen} | {g.label.lower(): g.id for g in self.groepen}
            dicht = [namen[n] for n in difflib.get_close_matches(tekst.strip().lower(), list(namen), n=3, cutoff=0.5)]
        hint = f" Bedoelde u: {', '.join(dict.fromkeys(dicht))}?" if dicht else ""
        return f"onbekende groep '{tekst.strip()}'.{hint} Bekende groepen: {', '.join(kandidaten)}."

    def zoek(self, tekst: str) -> Groep | None:
        """A group by id, or by its (short) name, case-insensitive; None if unknown."""
        t = tekst.strip().lower()
        for g in self.groepen:
            if t in (g.id, g.naam.lower(), g.label.lower()):
                return g
        return None

    def groepen_met_woonvorm(self, woonvorm: str) -> list[Groep]:
        return [g for g in self.groepen if woonvorm in g.woonvormen]

    def wettelijke_categorieen_gedekt(self, groep_ids: Iterable[str]) -> set[str]:
        """Urgency category codes covered by these groups (a ≠ group covers its narrower category too)."""
        return {g.urgentiecategorie for g in self.groepen if g.id in set(groep_ids) and g.urgentiecategorie}

    def ontbrekende_urgentiecategorieen(self, groep_ids: Iterable[str]) -> list[Urgentiecategorie]:
        gedekt = self.wettelijke_categorieen_gedekt(groep_ids)
        return [c for code, c in self.urgentiecategorieen.items() if code not in gedekt]


@dataclass(frozen=True)
class LokaleGroep:
    """A group a region adds (e.g. stadsvernieuwingsurgenten, dakloze gezinnen met minderjarige kinderen)."""

    id: str
    naam: str
    eenheid: str = "huishoudens"
    woonvormen: tuple[str, ...] = ()
    toelichting: str | None = None


def _tekst(v: Any, veld: str, bestand: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise RegelFout(f"Ongeldig parameterbestand {bestand}: veld '{veld}' moet tekst zijn.")
    return " ".join(v.split())


def laad_catalogus(datum: date, lokaal: Sequence[LokaleGroep] = ()) -> Catalogus:
    """The catalogue valid on `datum`, plus the region's local groups (marked `lokaal`).

    Raises RegelFout for a malformed catalogue and InvoerFout for a local group that clashes with it.
    """
    regel = lees_parameter(CATALOGUS_PARAMETER, datum)
    bestand = f"regels/parameters/{CATALOGUS_PARAMETER}.yaml"
    ruw = regel.waarde
    if not isinstance(ruw, dict) or not isinstance(ruw.get("groepen"), list):
        raise RegelFout(f"Ongeldig parameterbestand {bestand}: verwacht 'soorten', 'groepen' en 'woonvormen'.")
    soorten = {str(k): str(v) for k, v in (ruw.get("soorten") or {}).items()}
    woonvormen = {str(k): str(v) for k, v in (ruw.get("woonvormen") or {}).items()}
    try:
        urgentieregel: ParameterWaarde | None = lees_parameter(URGENTIE_PARAMETER, datum)
    except RegelFout:  # before the law applies there are no statutory categories yet
        urgentieregel = None
    categorieen = {}
    if urgentieregel is not None:
        for c in urgentieregel.waarde:
            categorieen[str(c["code"])] = Urgentiecategorie(str(c["code"]), " ".join(str(c["omschrijving"]).split()))
    groepen: list[Groep] = []
    for i, g in enumerate(ruw["groepen"]):
        plek = f"groepen[{i}]"
        gid = _tekst(g.get("id"), f"{plek}.id", bestand)
        if not _ID.match(gid) or any(x.id == gid for x in groepen):
            raise RegelFout(f"Ongeldig parameterbestand {bestand}: '{plek}.id' '{gid}' is ongeldig of dubbel.")
        soort = _tekst(g.get("soort"), f"{plek}.soort", bestand)
        if soort not in SOORTEN or soort == "lokaal":
            raise RegelFout(f"Ongeldig parameterbestand {bestand}: '{plek}.soort' '{soort}' is onbekend.")
        cat = g.get("urgentiecategorie")
        if cat is not None and categorieen and cat not in categorieen:
            raise RegelFout(f"Ongeldig parameterbestand {bestand}: '{plek}.urgentiecategorie' '{cat}' is onbekend.")
        vormen = tuple(str(v) for v in g.get("woonvormen") or ())
        for v in vormen:
            if v not in woonvormen:
                raise RegelFout(f"Ongeldig parameterbestand {bestand}: woonvorm '{v}' van '{gid}' staat niet in "
                                "'woonvormen'.")
        groepen.append(Groep(
            id=gid, naam=_tekst(g.get("naam"), f"{plek}.naam", bestand), soort=soort,
            soort_naam=soorten.get(soort, soort), eenheid=_tekst(g.get("eenheid"), f"{plek}.eenheid", bestand),
            woonvormen=vormen, urgentiecategorie=str(cat) if cat is not None else None,
            gelijk=bool(g["gelijk"]) if "gelijk" in g else None, kort=g.get("kort"),
            toelichting=" ".join(str(g["toelichting"]).split()) if g.get("toelichting") else None,
        ))
    for lg in lokaal:
        if not _ID.match(lg.id):
            raise InvoerFout(f"lokale groep '{lg.id}': een id bestaat uit kleine letters, cijfers en '_' (bv. "
                             "stadsvernieuwingsurgenten).")
        if any(x.id == lg.id for x in groepen):
            raise InvoerFout(f"lokale groep '{lg.id}' bestaat al in de catalogus; kies een ander id.")
        for v in lg.woonvormen:
            woonvormen.setdefault(v, v.replace("_", " "))
        groepen.append(Groep(id=lg.id, naam=lg.naam, soort="lokaal", soort_naam=soorten.get("lokaal", "lokaal"),
                             eenheid=lg.eenheid, woonvormen=tuple(lg.woonvormen), toelichting=lg.toelichting))
    return Catalogus(tuple(groepen), woonvormen, categorieen, regel, urgentieregel,
                     tuple(lg.id for lg in lokaal))
