"""Storage of the vaststelling tracker: record a stage of a gemeente's VHP or HVO (audited), read them back."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdeelwijzer.documenten.vaststelling import Stap, controleer_stap
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import Vaststelling


def leg_stap_vast(sessie: Session, *, regio: str, gemeentecode: str, document: str, stap: str, datum: date,
                  toelichting: str | None, door: str) -> Vaststelling:
    document, stap = controleer_stap(document, stap)
    rij = Vaststelling(regio=regio, gemeentecode=gemeentecode, document=document, stap=stap, datum=datum,
                       toelichting=toelichting or None, door=door)
    sessie.add(rij)
    sessie.flush()
    schrijf_audit(sessie, wie=door, actie="vaststelling", onderwerp=f"{regio} {gemeentecode} {document.upper()}",
                  nieuw={"stap": stap, "datum": datum.isoformat(), "toelichting": toelichting})
    return rij


def lees_stappen(sessie: Session, regio: str) -> list[Stap]:
    rijen = sessie.scalars(select(Vaststelling).where(Vaststelling.regio == regio).order_by(Vaststelling.id))
    return [Stap(r.gemeentecode, r.document, r.stap, r.datum, r.toelichting, r.id) for r in rijen]
