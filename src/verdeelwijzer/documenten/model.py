"""The document model: plain, immutable data that both renderers (DOCX and PDF) read.

A `Document` is a list of `Sectie`s; a section holds blocks (paragraphs, lists, article-style clauses,
tables, checklists, figures). Every text and number is already formatted here, so the DOCX and the PDF
cannot disagree; the renderers only lay it out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from verdeelwijzer.datumtekst import iso_als_tekst, iso_in_tekst

GEREGELD = "geregeld in de regionale afspraak"
IN_TE_VULLEN = "in te vullen door de gemeente"


@dataclass(frozen=True)
class Alinea:
    tekst: str
    soort: Literal["alinea"] = "alinea"
    nadruk: bool = False


@dataclass(frozen=True)
class Opsomming:
    items: tuple[str, ...]
    soort: Literal["opsomming"] = "opsomming"


@dataclass(frozen=True)
class Clausule:
    """An article of the (regional part of the) huisvestingsverordening: numbered members."""

    nummer: str
    titel: str
    leden: tuple[str, ...]
    soort: Literal["clausule"] = "clausule"


@dataclass(frozen=True)
class Tabel:
    titel: str
    kolommen: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]
    voetnoten: tuple[str, ...] = ()
    rechts: tuple[bool, ...] = ()  # per column: right-aligned (numbers)
    soort: Literal["tabel"] = "tabel"


@dataclass(frozen=True)
class ChecklistItem:
    onderwerp: str
    status: str  # GEREGELD or IN_TE_VULLEN
    tekst: str = ""


@dataclass(frozen=True)
class Checklist:
    titel: str
    items: tuple[ChecklistItem, ...]
    soort: Literal["checklist"] = "checklist"


@dataclass(frozen=True)
class Figuur:
    """An SVG figure (map or chart) with its text alternative; the DOCX gets a PNG rendered from it."""

    svg: str
    alt: str
    bijschrift: str
    breedte_cm: float = 16.0
    soort: Literal["figuur"] = "figuur"


Blok = Alinea | Opsomming | Clausule | Tabel | Checklist | Figuur


@dataclass(frozen=True)
class Sectie:
    titel: str
    blokken: tuple[Blok, ...] = ()
    niveau: int = 1


@dataclass(frozen=True)
class Document:
    titel: str
    ondertitel: str
    secties: tuple[Sectie, ...]
    fictief: bool
    datum: str  # ISO date that stands for the document (besluit or peildatum): fixes metadata
    auteur: str = "Verdeelwijzer"
    trefwoorden: tuple[str, ...] = field(default=())

    def als_dict(self) -> dict[str, Any]:
        """JSON-ready (the PDF template reads exactly this); `datum_tekst` is the date as a reader sees it."""
        return {**asdict(self), "datum_tekst": iso_als_tekst(self.datum)}

    def tekst(self) -> str:
        """All text in reading order (tests and search); figures contribute their caption and alt text."""
        regels = [self.titel, self.ondertitel]
        for s in self.secties:
            regels.append(s.titel)
            for b in s.blokken:
                regels.extend(_bloktekst(b))
        return "\n".join(regels)


def _bloktekst(b: Blok) -> list[str]:
    if isinstance(b, Alinea):
        return [b.tekst]
    if isinstance(b, Opsomming):
        return list(b.items)
    if isinstance(b, Clausule):
        return [f"Artikel {b.nummer} {b.titel}", *b.leden]
    if isinstance(b, Tabel):
        return [b.titel, " ".join(b.kolommen), *(" ".join(r) for r in b.rijen), *b.voetnoten]
    if isinstance(b, Checklist):
        return [b.titel, *(f"{i.onderwerp} {i.status} {i.tekst}" for i in b.items)]
    return [b.bijschrift, b.alt]


def datums_in_woorden(document: Document) -> Document:
    """The document with every ISO date in its text written as a reader writes it ("1 november 2026").

    Engine texts (warnings, rule tables) carry ISO dates because the JSON does; a document for a council is read by
    people, so the rewrite happens once here rather than in every builder."""

    def blok(b: Blok) -> Blok:
        w = iso_in_tekst
        if isinstance(b, Alinea):
            return replace(b, tekst=w(b.tekst))
        if isinstance(b, Opsomming):
            return replace(b, items=tuple(w(i) for i in b.items))
        if isinstance(b, Clausule):
            return replace(b, titel=w(b.titel), leden=tuple(w(lid) for lid in b.leden))
        if isinstance(b, Tabel):
            return replace(b, titel=w(b.titel), rijen=tuple(tuple(w(c) for c in r) for r in b.rijen),
                           voetnoten=tuple(w(v) for v in b.voetnoten))
        if isinstance(b, Checklist):
            return replace(b, items=tuple(replace(i, tekst=w(i.tekst)) for i in b.items))
        if isinstance(b, Figuur):
            return replace(b, alt=w(b.alt), bijschrift=w(b.bijschrift))
        return b

    return replace(document, ondertitel=iso_in_tekst(document.ondertitel),
                   secties=tuple(replace(s, titel=iso_in_tekst(s.titel), blokken=tuple(blok(b) for b in s.blokken))
                                 for s in document.secties))
