"""The append-only audit log: who changed what, when, with old and new value (JSON).

There is deliberately no function to change or delete entries; the ORM refuses it and so do database
triggers (see the first migration).
"""

from __future__ import annotations

import getpass
import json
import os
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdeelwijzer.opslag.database import neem_schrijfslot
from verdeelwijzer.opslag.modellen import Auditregel

GEBRUIKER_OMGEVING = "VERDEELWIJZER_GEBRUIKER"


def huidige_gebruiker() -> str:
    """Who acts on the command line: env VERDEELWIJZER_GEBRUIKER, else the login name."""
    naam = os.environ.get(GEBRUIKER_OMGEVING, "").strip()
    if naam:
        return naam
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "onbekend"


def _json(waarde: Any) -> str | None:
    if waarde is None:
        return None
    return json.dumps(waarde, ensure_ascii=False, default=str)


def maak_auditregel(*, wie: str, actie: str, onderwerp: str, oud: Any = None, nieuw: Any = None,
                    regio_id: int | None = None, wanneer: datetime | None = None) -> Auditregel:
    """A new entry, not yet added to a session (see `schrijf_auditregels`)."""
    regel = Auditregel(wie=wie, actie=actie, onderwerp=onderwerp, oud=_json(oud), nieuw=_json(nieuw),
                       regio_id=regio_id)
    if wanneer is not None:
        regel.wanneer = wanneer
    return regel


def schrijf_auditregels(sessie: Session, regels: list[Auditregel]) -> None:
    """Append entries in order, in one flush (not committed: they belong to the caller's transaction).

    Takes the writer lock first (PostgreSQL; see `neem_schrijfslot`), so entries get ids in commit order and
    no two transactions build on the same last state.
    """
    neem_schrijfslot(sessie)
    sessie.add_all(regels)
    sessie.flush()


def schrijf_audit(sessie: Session, *, wie: str, actie: str, onderwerp: str, oud: Any = None, nieuw: Any = None,
                  regio_id: int | None = None, wanneer: datetime | None = None) -> Auditregel:
    """Append one entry (flushed, not committed: it belongs to the caller's transaction)."""
    regel = maak_auditregel(wie=wie, actie=actie, onderwerp=onderwerp, oud=oud, nieuw=nieuw, regio_id=regio_id,
                            wanneer=wanneer)
    schrijf_auditregels(sessie, [regel])
    return regel


def lees_audit(sessie: Session, *, regio_id: int | None = None, limiet: int | None = None) -> list[Auditregel]:
    """Entries oldest first (all, or those of one region plus the region-less ones)."""
    vraag = select(Auditregel).order_by(Auditregel.id)
    if regio_id is not None:
        vraag = vraag.where((Auditregel.regio_id == regio_id) | (Auditregel.regio_id.is_(None)))
    regels = list(sessie.scalars(vraag))
    return regels[-limiet:] if limiet else regels


def als_dict(regel: Auditregel) -> dict[str, Any]:
    return {
        "id": regel.id,
        "wanneer": regel.wanneer.isoformat(timespec="seconds"),
        "wie": regel.wie,
        "actie": regel.actie,
        "onderwerp": regel.onderwerp,
        "oud": json.loads(regel.oud) if regel.oud else None,
        "nieuw": json.loads(regel.nieuw) if regel.nieuw else None,
    }
