"""Storage of woonvormen pledges entered on the web page (one row per kader × gemeente × woonvorm × jaar, replaced
by a new entry) and of realised places per woonvorm (an import replaces the cells it contains, all or nothing);
every change audited with the old and the new value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import WoonvormRealisatie, WoonvormToezegging, nu
from verdeelwijzer.woonvormen.model import Toezegging
from verdeelwijzer.woonvormen.monitoring import Realisatie


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


def bewaar_realisaties(sessie: Session, kader: str, realisaties: list[Realisatie], *, door: str) -> int:
    """Insert or replace every cell of the import in the caller's transaction (writer lock: `sessie(schrijven=True)`);
    cells not in the import stay. One audit entry with the changed cells. Returns the number of changed cells."""
    bestaand = {(r.gemeentecode, r.woonvorm, r.jaar): r for r in
                sessie.scalars(select(WoonvormRealisatie).where(WoonvormRealisatie.kader == kader))}
    oud: dict[str, int] = {}
    nieuw: dict[str, int] = {}
    for r in realisaties:
        cel = f"{r.gemeentecode} {r.woonvorm} {r.jaar}"
        rij = bestaand.get((r.gemeentecode, r.woonvorm, r.jaar))
        if rij is None:
            sessie.add(WoonvormRealisatie(kader=kader, gemeentecode=r.gemeentecode, woonvorm=r.woonvorm, jaar=r.jaar,
                                          aantal=r.aantal, door=door))
            nieuw[cel] = r.aantal
        elif rij.aantal != r.aantal:
            oud[cel], nieuw[cel] = rij.aantal, r.aantal
            rij.aantal, rij.door, rij.gewijzigd_op = r.aantal, door, nu()
    if nieuw:
        sessie.flush()
        schrijf_audit(sessie, wie=door, actie="gerealiseerd woonvormen", onderwerp=f"{kader}: {len(nieuw)} cellen",
                      oud=oud or None, nieuw=nieuw)
    return len(nieuw)


def lees_realisaties(sessie: Session, kader: str) -> list[Realisatie]:
    rijen = sessie.scalars(select(WoonvormRealisatie).where(WoonvormRealisatie.kader == kader)
                           .order_by(WoonvormRealisatie.jaar, WoonvormRealisatie.gemeentecode,
                                     WoonvormRealisatie.woonvorm))
    return [Realisatie(r.gemeentecode, r.woonvorm, r.jaar, r.aantal) for r in rijen]
