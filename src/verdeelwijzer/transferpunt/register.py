"""Storage of the transferpunt: agreement, registers, rounds, proposals and decisions (SQLAlchemy sessions from
`verdeelwijzer.opslag`). Case data lives only in the database: nothing here logs it; the audit log records who
did or viewed what, by case number (a pseudonym), never the attributes.

Retention: closed cases (placed or closed) and their proposals are removed automatically once the agreement's
`bewaartermijn_maanden` has passed since closing — on every import, round and decision (`ruim_op`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import (
    Importbestand,
    Periode,
    Realisatie,
    Regio,
    TransferpuntAanbod,
    TransferpuntKader,
    TransferpuntKandidaat,
    TransferpuntRonde,
    TransferpuntVoorstel,
)
from verdeelwijzer.transferpunt.kpi import Dossierstand
from verdeelwijzer.transferpunt.model import Aanbod, Kandidaat, Ronde
from verdeelwijzer.transferpunt.prioriteit import hele_maanden


def _json_kandidaat(k: Kandidaat) -> str:
    d = asdict(k)
    for sleutel in ("nodig", "woonvormen", "uitgesloten", "tenzij"):
        d[sleutel] = sorted(d[sleutel])
    d["kenmerken"] = [list(x) for x in k.kenmerken]
    for sleutel in ("dossier", "categorie", "herkomstgemeente", "inschrijfdatum", "urgentiedatum"):
        d.pop(sleutel)
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def kandidaat_uit(rij: TransferpuntKandidaat) -> Kandidaat:
    d = json.loads(rij.gegevens)
    return Kandidaat(rij.dossier, rij.categorie, rij.herkomstgemeente, rij.inschrijfdatum, rij.urgentiedatum,
                     d["huishoudgrootte"], frozenset(d["nodig"]), frozenset(d["woonvormen"]),
                     frozenset(d["uitgesloten"]), d["reden_uitsluiting"], frozenset(d["tenzij"]), d["tenzij_reden"],
                     tuple(tuple(x) for x in d["kenmerken"]), d["toelichting"])


def _json_aanbod(a: Aanbod) -> str:
    return json.dumps({"corporatie": a.corporatie, "woonvorm": a.woonvorm, "kenmerken": sorted(a.kenmerken),
                       "max_huishouden": a.max_huishouden, "toelichting": a.toelichting,
                       "beschikbaar_vanaf": a.beschikbaar_vanaf.isoformat() if a.beschikbaar_vanaf else None},
                      ensure_ascii=False, sort_keys=True)


def aanbod_uit(rij: TransferpuntAanbod) -> Aanbod:
    d = json.loads(rij.gegevens)
    vanaf = date.fromisoformat(d["beschikbaar_vanaf"]) if d["beschikbaar_vanaf"] else None
    return Aanbod(rij.aanbodnummer, rij.gemeentecode, d["corporatie"], d["woonvorm"], frozenset(d["kenmerken"]),
                  d["max_huishouden"], vanaf, d["toelichting"])


def leg_kader_vast(s: Session, tekst: str, naam: str, bewaartermijn: int, termijn: int, *, door: str
                   ) -> TransferpuntKader:
    """Store the agreement text (the same text twice is one row) and make it the current one."""
    sha = hashlib.sha256(tekst.encode("utf-8")).hexdigest()
    rij = s.scalars(select(TransferpuntKader).where(TransferpuntKader.sha256 == sha)).first()
    if rij is None:
        rij = TransferpuntKader(naam=naam, inhoud=tekst, sha256=sha, bewaartermijn_maanden=bewaartermijn,
                                termijn_maanden=termijn, door=door)
        s.add(rij)
        s.flush()
        schrijf_audit(s, wie=door, actie="transferpunt afspraak", onderwerp=naam, nieuw={"sha256": sha})
    return rij


def huidig_kader(s: Session) -> TransferpuntKader | None:
    return s.scalars(select(TransferpuntKader).order_by(TransferpuntKader.id.desc())).first()


def importeer_registers(s: Session, kader: TransferpuntKader, kandidaten: Sequence[Kandidaat],
                        aanbod: Sequence[Aanbod], *, door: str, vandaag: date) -> str:
    """Add new cases and offers, update open ones; a change to a closed case refuses the whole import."""
    ruim_op(s, vandaag, door=door)
    bestaand_k = {r.dossier: r for r in s.scalars(select(TransferpuntKandidaat)
                                                  .where(TransferpuntKandidaat.kader_id == kader.id))}
    bestaand_a = {r.aanbodnummer: r for r in s.scalars(select(TransferpuntAanbod)
                                                       .where(TransferpuntAanbod.kader_id == kader.id))}
    fouten = [f"dossier {k.dossier} is al {bestaand_k[k.dossier].status} en kan niet meer worden gewijzigd"
              for k in kandidaten if k.dossier in bestaand_k and bestaand_k[k.dossier].status != "open"]
    fouten += [f"aanbod {a.aanbod} is al toegewezen en kan niet meer worden gewijzigd"
               for a in aanbod if a.aanbod in bestaand_a and bestaand_a[a.aanbod].status != "vrij"]
    if fouten:
        raise InvoerFout("De registers zijn niet ingelezen; er is niets gewijzigd:\n"
                         + "\n".join(f"  - {f}" for f in fouten))
    nieuw_k = nieuw_a = 0
    for k in kandidaten:
        rij = bestaand_k.get(k.dossier)
        if rij is None:
            s.add(TransferpuntKandidaat(kader_id=kader.id, dossier=k.dossier, categorie=k.categorie,
                                        herkomstgemeente=k.herkomstgemeente, inschrijfdatum=k.inschrijfdatum,
                                        urgentiedatum=k.urgentiedatum, gegevens=_json_kandidaat(k), status="open"))
            nieuw_k += 1
        else:
            rij.categorie, rij.herkomstgemeente = k.categorie, k.herkomstgemeente
            rij.inschrijfdatum, rij.urgentiedatum, rij.gegevens = k.inschrijfdatum, k.urgentiedatum, _json_kandidaat(k)
    for a in aanbod:
        rij_a = bestaand_a.get(a.aanbod)
        if rij_a is None:
            s.add(TransferpuntAanbod(kader_id=kader.id, aanbodnummer=a.aanbod, gemeentecode=a.gemeentecode,
                                     gegevens=_json_aanbod(a), status="vrij"))
            nieuw_a += 1
        else:
            rij_a.gemeentecode, rij_a.gegevens = a.gemeentecode, _json_aanbod(a)
    s.flush()
    tellingen = {"kandidaten": len(kandidaten), "nieuw_kandidaten": nieuw_k, "aanbod": len(aanbod),
                 "nieuw_aanbod": nieuw_a}
    schrijf_audit(s, wie=door, actie="transferpunt registers ingelezen", onderwerp=kader.naam, nieuw=tellingen)
    return (f"Ingelezen: {len(kandidaten)} dossiers ({nieuw_k} nieuw) en {len(aanbod)} aanbiedingen "
            f"({nieuw_a} nieuw).")


def open_registers(s: Session, kader: TransferpuntKader) -> tuple[list[Kandidaat], list[Aanbod]]:
    kandidaten = [kandidaat_uit(r) for r in s.scalars(select(TransferpuntKandidaat).where(
        TransferpuntKandidaat.kader_id == kader.id, TransferpuntKandidaat.status == "open"))]
    aanbod = [aanbod_uit(r) for r in s.scalars(select(TransferpuntAanbod).where(
        TransferpuntAanbod.kader_id == kader.id, TransferpuntAanbod.status == "vrij"))]
    return kandidaten, aanbod


def sla_ronde_op(s: Session, kader: TransferpuntKader, ronde: Ronde, uitkomst: dict[str, Any], *, door: str) -> int:
    """Store a round and its proposals; proposals of earlier rounds still open lapse (status 'vervallen')."""
    for oud in s.scalars(select(TransferpuntVoorstel).join(TransferpuntRonde).where(
            TransferpuntRonde.kader_id == kader.id, TransferpuntVoorstel.status == "voorgesteld")):
        oud.status = "vervallen"
    rij = TransferpuntRonde(kader_id=kader.id, periode=ronde.periode, datum=ronde.datum,
                            uitkomst=json.dumps(uitkomst, ensure_ascii=False), door=door)
    s.add(rij)
    s.flush()
    kand = {r.dossier: r.id for r in s.scalars(select(TransferpuntKandidaat).where(
        TransferpuntKandidaat.kader_id == kader.id))}
    aanb = {r.aanbodnummer: r.id for r in s.scalars(select(TransferpuntAanbod).where(
        TransferpuntAanbod.kader_id == kader.id))}
    for k in ronde.koppelingen:
        s.add(TransferpuntVoorstel(ronde_id=rij.id, kandidaat_id=kand[k.kandidaat], aanbod_id=aanb[k.aanbod],
                                   gemeentecode=k.gemeentecode, categorie=k.categorie, rang=k.rang, uitleg=k.uitleg,
                                   status="voorgesteld"))
    s.flush()
    schrijf_audit(s, wie=door, actie="transferpunt ronde", onderwerp=f"{kader.naam}, periode {ronde.periode}",
                  nieuw={"ronde": rij.id, "voorstellen": len(ronde.koppelingen),
                         "niet_gekoppeld": len(ronde.niet_gekoppeld)})
    return rij.id


def voorstellen(s: Session, kader: TransferpuntKader, *, wie: str) -> list[dict[str, Any]]:
    """The proposals of the latest round (this is a view of case data: audited)."""
    ronde = s.scalars(select(TransferpuntRonde).where(TransferpuntRonde.kader_id == kader.id)
                      .order_by(TransferpuntRonde.id.desc())).first()
    if ronde is None:
        return []
    uit = []
    for v, k, a in s.execute(select(TransferpuntVoorstel, TransferpuntKandidaat, TransferpuntAanbod)
                             .join(TransferpuntKandidaat, TransferpuntVoorstel.kandidaat_id == TransferpuntKandidaat.id)
                             .join(TransferpuntAanbod, TransferpuntVoorstel.aanbod_id == TransferpuntAanbod.id)
                             .where(TransferpuntVoorstel.ronde_id == ronde.id).order_by(TransferpuntVoorstel.rang)):
        uit.append({"id": v.id, "kandidaat": k.dossier, "aanbod": a.aanbodnummer, "gemeentecode": v.gemeentecode,
                    "categorie": v.categorie, "rang": v.rang, "uitleg": v.uitleg, "status": v.status,
                    "besloten_door": v.besloten_door, "ronde": ronde.id, "periode": ronde.periode})
    schrijf_audit(s, wie=wie, actie="transferpunt voorstellen bekeken", onderwerp=f"ronde {ronde.id}",
                  nieuw={"dossiers": [x["kandidaat"] for x in uit]})
    return uit


def laatste_ronde(s: Session, kader: TransferpuntKader) -> dict[str, Any] | None:
    ronde = s.scalars(select(TransferpuntRonde).where(TransferpuntRonde.kader_id == kader.id)
                      .order_by(TransferpuntRonde.id.desc())).first()
    return json.loads(ronde.uitkomst) if ronde else None


def bekijk_dossier(s: Session, kader: TransferpuntKader, dossier: str, *, wie: str) -> dict[str, Any]:
    rij = s.scalars(select(TransferpuntKandidaat).where(TransferpuntKandidaat.kader_id == kader.id,
                                                        TransferpuntKandidaat.dossier == dossier)).first()
    if rij is None:
        raise InvoerFout(f"Dossier '{dossier}' bestaat niet (meer); gesloten dossiers worden na de bewaartermijn "
                         "verwijderd.")
    schrijf_audit(s, wie=wie, actie="transferpunt dossier bekeken", onderwerp=f"dossier {dossier}")
    k = kandidaat_uit(rij)
    return {"dossier": k.dossier, "categorie": k.categorie, "herkomstgemeente": k.herkomstgemeente,
            "inschrijfdatum": k.inschrijfdatum, "urgentiedatum": k.urgentiedatum, "status": rij.status,
            "huishoudgrootte": k.huishoudgrootte, "nodig": sorted(k.nodig), "woonvormen": sorted(k.woonvormen),
            "uitgesloten": sorted(k.uitgesloten), "reden_uitsluiting": k.reden_uitsluiting,
            "tenzij": sorted(k.tenzij), "tenzij_reden": k.tenzij_reden, "kenmerken": dict(k.kenmerken),
            "toelichting": k.toelichting, "gesloten_op": rij.gesloten_op}


def besluit(s: Session, voorstel_id: int, accepteer: bool, *, door: str, vandaag: date, regio_naam: str,
            reden: str = "") -> str:
    """Accept or reject one proposal. Accepting places the household: the case closes, the offer is taken,
    other open proposals for either lapse, and the placement is booked in the monitoring ledger (audited)."""
    v = s.get(TransferpuntVoorstel, voorstel_id)
    if v is None or v.status != "voorgesteld":
        raise InvoerFout("Dit voorstel bestaat niet of is al besloten; vernieuw de pagina.")
    k = s.get(TransferpuntKandidaat, v.kandidaat_id)
    a = s.get(TransferpuntAanbod, v.aanbod_id)
    ronde = s.get(TransferpuntRonde, v.ronde_id)
    assert k is not None and a is not None and ronde is not None
    v.status = "geaccepteerd" if accepteer else "afgewezen"
    v.besloten_op, v.besloten_door, v.reden = datetime.now(UTC), door, reden or None
    if not accepteer:
        schrijf_audit(s, wie=door, actie="transferpunt voorstel afgewezen",
                      onderwerp=f"dossier {k.dossier} → aanbod {a.aanbodnummer}")
        return f"Voorstel dossier {k.dossier} → {a.aanbodnummer} afgewezen."
    k.status, k.gesloten_op = "geplaatst", vandaag
    k.eerste_aanbod_op = k.eerste_aanbod_op or vandaag
    a.status, a.gesloten_op = "toegewezen", vandaag
    for ander in s.scalars(select(TransferpuntVoorstel).where(
            TransferpuntVoorstel.status == "voorgesteld",
            (TransferpuntVoorstel.kandidaat_id == k.id) | (TransferpuntVoorstel.aanbod_id == a.id))):
        ander.status = "vervallen"
    geboekt = _boek_in_monitoring(s, regio_naam, ronde.periode, v.gemeentecode, v.categorie, v.id, door)
    schrijf_audit(s, wie=door, actie="transferpunt voorstel geaccepteerd",
                  onderwerp=f"dossier {k.dossier} → aanbod {a.aanbodnummer}",
                  nieuw={"gemeentecode": v.gemeentecode, "categorie": v.categorie, "periode": ronde.periode,
                         "monitoring": geboekt})
    return (f"Voorstel dossier {k.dossier} → {a.aanbodnummer} geaccepteerd; "
            + ("geboekt als plaatsing in de monitoring." if geboekt else
               f"niet in de monitoring geboekt: regio '{regio_naam}' met periode {ronde.periode} en categorie "
               f"'{v.categorie}' staat niet in een vastgelegde afspraak (leg de afspraak vast voor de monitoring)."))


def _boek_in_monitoring(s: Session, regio_naam: str, periode: str, gemeentecode: str, categorie: str,
                        voorstel_id: int, door: str) -> bool:
    regio = next((r for r in s.scalars(select(Regio)) if r.naam.lower() == regio_naam.lower()), None)
    if regio is None:
        return False
    p = s.scalars(select(Periode).where(Periode.regio_id == regio.id, Periode.code == periode)).first()
    if p is None:
        return False
    # Only categories of the adopted agreement belong in its ledger.
    from verdeelwijzer.opslag.afspraken import categorieen_van, huidige_afspraak

    try:
        if categorie not in categorieen_van(huidige_afspraak(s, regio)):
            return False
    except InvoerFout:
        return False
    bron = Importbestand(regio_id=regio.id, bestandsnaam=f"transferpunt voorstel {voorstel_id}",
                         sha256=hashlib.sha256(f"transferpunt-voorstel-{voorstel_id}".encode()).hexdigest(),
                         soort="transferpunt", door=door, aantal_rijen=1)
    s.add(bron)
    s.flush()
    rij = s.scalars(select(Realisatie).where(Realisatie.periode_id == p.id, Realisatie.gemeentecode == gemeentecode,
                                             Realisatie.categorie == categorie)).first()
    oud = rij.aantal if rij else 0
    if rij is None:
        s.add(Realisatie(periode_id=p.id, gemeentecode=gemeentecode, categorie=categorie, aantal=1,
                         importbestand_id=bron.id))
    else:
        rij.aantal, rij.importbestand_id = rij.aantal + 1, bron.id
    schrijf_audit(s, wie=door, actie="cijfers vervangen" if rij else "import",
                  onderwerp=f"instroom, periode {periode}, {gemeentecode}, {categorie} (transferpunt)",
                  oud={categorie: oud}, nieuw={categorie: oud + 1}, regio_id=regio.id)
    s.flush()
    return True


def gerealiseerd(s: Session, regio_naam: str, periode: str) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """What the monitoring already counts in the period: per gemeente × category, and per gemeente."""
    regio = next((r for r in s.scalars(select(Regio)) if r.naam.lower() == regio_naam.lower()), None)
    if regio is None:
        return {}, {}
    p = s.scalars(select(Periode).where(Periode.regio_id == regio.id, Periode.code == periode)).first()
    if p is None:
        return {}, {}
    per: dict[tuple[str, str], int] = {}
    gem: dict[str, int] = {}
    for r in s.scalars(select(Realisatie).where(Realisatie.periode_id == p.id)):
        per[(r.gemeentecode, r.categorie)] = r.aantal
        gem[r.gemeentecode] = gem.get(r.gemeentecode, 0) + r.aantal
    return per, gem


def dossierstanden(s: Session, kader: TransferpuntKader, categorie_van: Any) -> list[Dossierstand]:
    """Plain records for the KPIs (aggregates only leave this function)."""
    geplaatst = {v.kandidaat_id: v for v in s.scalars(select(TransferpuntVoorstel).where(
        TransferpuntVoorstel.status == "geaccepteerd"))}
    periodes = {r.id: r.periode for r in s.scalars(select(TransferpuntRonde))}
    uit = []
    for r in s.scalars(select(TransferpuntKandidaat).where(TransferpuntKandidaat.kader_id == kader.id)):
        d = json.loads(r.gegevens)
        v = geplaatst.get(r.id)
        uit.append(Dossierstand(categorie_van(r.categorie) or r.categorie,
                                frozenset({r.herkomstgemeente, *d["tenzij"]}), r.inschrijfdatum,
                                r.urgentiedatum or r.inschrijfdatum, r.gesloten_op if v else None,
                                v.gemeentecode if v else None, periodes.get(v.ronde_id) if v else None))
    return uit


def ruim_op(s: Session, vandaag: date, *, door: str) -> int:
    """Remove closed cases (and their proposals) and taken offers whose retention period has passed."""
    weg_k: list[int] = []
    weg_a: list[int] = []
    for kader in s.scalars(select(TransferpuntKader)):
        termijn = kader.bewaartermijn_maanden
        for r in s.scalars(select(TransferpuntKandidaat).where(TransferpuntKandidaat.kader_id == kader.id,
                                                               TransferpuntKandidaat.gesloten_op.is_not(None))):
            if hele_maanden(r.gesloten_op, vandaag) >= termijn:
                weg_k.append(r.id)
        for a in s.scalars(select(TransferpuntAanbod).where(TransferpuntAanbod.kader_id == kader.id,
                                                            TransferpuntAanbod.gesloten_op.is_not(None))):
            if hele_maanden(a.gesloten_op, vandaag) >= termijn:
                weg_a.append(a.id)
    if not weg_k and not weg_a:
        return 0
    s.execute(delete(TransferpuntVoorstel).where(TransferpuntVoorstel.kandidaat_id.in_(weg_k)
                                                 | TransferpuntVoorstel.aanbod_id.in_(weg_a)))
    s.execute(delete(TransferpuntKandidaat).where(TransferpuntKandidaat.id.in_(weg_k)))
    s.execute(delete(TransferpuntAanbod).where(TransferpuntAanbod.id.in_(weg_a)))
    schrijf_audit(s, wie=door, actie="transferpunt bewaartermijn verlopen",
                  onderwerp="gesloten dossiers verwijderd", nieuw={"dossiers": len(weg_k), "aanbod": len(weg_a)})
    return len(weg_k)
