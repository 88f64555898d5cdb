"""Storage of woonvormen pledges entered on the web page: one row per kader × gemeente × woonvorm × jaar,
replaced by a new entry; every change audited with the old and the new value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import WoonvormToezegging, nu
from verdeelwijzer.woonvormen.model import Toezegging


@dataclass(frozen=True)
class OpgeslagenToezegging:
    toezegging: Toezegging
    toelichting: str | None
    door: str
    gewijzigd_op: datetime


def _waarden(rij: WoonvormToezegging) -> dict[str, object]:
    return {"aantal": rij.aantal, "capaciteit": rij.capaciteit, "toelichting": rij.toelichting}


def bewaar_toezegging(sessie: Session, kader: str, t: Toezegging, toelichting: str | None, *,
                      door: str) -> bool:
    """Insert or replace the pledge in the caller's transaction (take the writer lock: `sessie(schrijven=True)`,
    so two entries for the same cell cannot both insert). True when something changed."""
    rij = sessie.scalars(select(WoonvormToezegging).where(
        WoonvormToezegging.kader == kader, WoonvormToezegging.gemeentecode == t.gemeentecode,
        WoonvormToezegging.woonvorm == t.woonvorm,
        WoonvormToezegging.jaar.is_(None) if t.jaar is None else WoonvormToezegging.jaar == t.jaar)).first()
    nieuw = {"aantal": t.aantal, "capaciteit": t.capaciteit, "toelichting": toelichting}
    oud = None if rij is None else _waarden(rij)
    if oud == nieuw:
        return False
    if rij is None:
        rij = WoonvormToezegging(kader=kader, gemeentecode=t.gemeentecode, woonvorm=t.woonvorm, jaar=t.jaar,
                                 aantal=t.aantal, capaciteit=t.capaciteit, toelichting=toelichting, door=door)
        sessie.add(rij)
    else:
        rij.aantal, rij.capaciteit, rij.toelichting, rij.door, rij.gewijzigd_op = (
            t.aantal, t.capaciteit, toelichting, door, nu())
    sessie.flush()
    schrijf_audit(sessie, wie=door, actie="toezegging woonvorm",
                  onderwerp=f"{kader} {t.gemeentecode} {t.woonvorm} {t.jaar or 'elk jaar'}", oud=oud, nieuw=nieuw)
    return True


def lees_toezeggingen(sessie: Session, kader: str) -> list[OpgeslagenToezegging]:
    rijen = sessie.scalars(select(WoonvormToezegging).where(WoonvormToezegging.kader == kader)
                           .order_by(WoonvormToezegging.gemeentecode, WoonvormToezegging.woonvorm,
                                     WoonvormToezegging.jaar.nulls_first()))
    return [OpgeslagenToezegging(Toezegging(r.gemeentecode, r.woonvorm, r.jaar, r.aantal, r.capaciteit),
                                 r.toelichting, r.door, r.gewijzigd_op) for r in rijen]
