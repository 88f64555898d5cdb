"""The vaststelling tracker (pure): per gemeente the stage of its VHP and HVO against the deadline.

Stages are process steps (not legal numbers): concept → college → inspraak → raad → vastgesteld. Rows are a
history; the current stage of a document is its latest row (by date, then by the order it was recorded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from verdeelwijzer.fouten import InvoerFout

STAPPEN = ("concept", "college", "inspraak", "raad", "vastgesteld")
DOCUMENTEN = ("vhp", "hvo")


@dataclass(frozen=True)
class Stap:
    gemeentecode: str
    document: str
    stap: str
    datum: date
    toelichting: str | None = None
    volgnummer: int = 0  # order of recording, breaks ties on the same date


def controleer_stap(document: str, stap: str, fouten: list[str] | None = None) -> tuple[str, str]:
    """Normalised (document, stap); raises one InvoerFout naming every problem (also those already in
    `fouten`, e.g. a bad date found by the caller)."""
    fouten = list(fouten or [])
    document, stap = document.strip().lower(), stap.strip().lower()
    if document not in DOCUMENTEN:
        fouten.append(f"document '{document}' is onbekend; kies vhp of hvo")
    if stap not in STAPPEN:
        fouten.append(f"stap '{stap}' is onbekend; kies {', '.join(STAPPEN)}")
    if fouten:
        raise InvoerFout("Vaststelling niet vastgelegd: " + "; ".join(fouten) + ".")
    return document, stap


def huidige_stand(stappen: Sequence[Stap]) -> dict[tuple[str, str], Stap]:
    uit: dict[tuple[str, str], Stap] = {}
    for s in sorted(stappen, key=lambda s: (s.datum, s.volgnummer)):
        uit[(s.gemeentecode, s.document)] = s
    return uit


def oordeel(stap: Stap | None, termijn: date | None, peildatum: date) -> str:
    """In words, against the deadline ('vóór' the date): never a guess when the deadline is unknown."""
    if stap is not None and stap.stap == "vastgesteld":
        if termijn is None:
            return "vastgesteld"
        return "vastgesteld, op tijd" if stap.datum < termijn else "vastgesteld, na de termijn"
    if termijn is None:
        return "loopt; termijn nog niet bekend"
    dagen = (termijn - peildatum).days
    if dagen <= 0:
        return "termijn verstreken, niet vastgesteld"
    return f"loopt; nog {dagen} dagen tot de termijn"


def standtabel(codes: Sequence[str], namen: Mapping[str, str], stappen: Sequence[Stap],
               termijnen: Sequence[Mapping[str, Any]], peildatum: date) -> list[dict[str, Any]]:
    """One row per gemeente and document, in code order; the earliest known deadline per document counts;
    stages recorded with a date after `peildatum` are not yet taken into account."""
    stand = huidige_stand([s for s in stappen if s.datum <= peildatum])
    uit = []
    for code in codes:
        for document in DOCUMENTEN:
            bekende = sorted(t["datum"] for t in termijnen
                             if t["document"].lower() == document and isinstance(t.get("datum"), date))
            termijn = bekende[0] if bekende else None
            s = stand.get((code, document))
            uit.append({
                "gemeentecode": code, "gemeentenaam": namen.get(code, code), "document": document.upper(),
                "stap": s.stap if s else "geen gegevens", "datum": s.datum.isoformat() if s else "",
                "termijn": f"vóór {termijn.isoformat()}" if termijn else "onbekend",
                "oordeel": oordeel(s, termijn, peildatum), "toelichting": (s.toelichting if s else "") or "",
            })
    return uit
