"""Storing adopted agreements (afspraakversies) with their periods and targets, and reading a region's
monitoring input back for the ledger."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.monitoring import model as m
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import (
    Afspraakversie,
    Bouw,
    Doel,
    Periode,
    Realisatie,
    Regio,
    Verhuringen,
    nu,
)


def _breuk(x: Fraction | None) -> str | None:
    return None if x is None else str(x)


def _uit_breuk(tekst: str | None) -> Fraction | None:
    return None if tekst is None else Fraction(tekst)


def sha256_tekst(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Vastlegging:
    versie: Afspraakversie
    nieuw: bool
    berichten: tuple[str, ...]


def leg_afspraak_vast(sessie: Session, afspraak: m.AfspraakInvoer, *, door: str) -> Vastlegging:
    """Adopt `afspraak` for its region (creating the region and periods as needed), in the caller's
    transaction. The same text (sha256) adopted before is a no-op. Periods already stored must keep
    their dates. Every change is audited."""
    sha = sha256_tekst(afspraak.bron_tekst)
    regio = sessie.scalars(select(Regio).where(Regio.naam == afspraak.regio_naam)).first()
    codes = ",".join(sorted(afspraak.gemeenten))
    berichten: list[str] = []
    if regio is None:
        regio = Regio(naam=afspraak.regio_naam, gemeentecodes=codes)
        sessie.add(regio)
        sessie.flush()
        schrijf_audit(sessie, wie=door, actie="regio aangemaakt", onderwerp=f"regio {regio.naam}",
                      nieuw={"gemeenten": sorted(afspraak.gemeenten)}, regio_id=regio.id)
        berichten.append(f"Regio '{regio.naam}' aangemaakt met {len(afspraak.gemeenten)} gemeenten.")
    else:
        bestaand = sessie.scalars(select(Afspraakversie).where(Afspraakversie.regio_id == regio.id,
                                                                 Afspraakversie.sha256 == sha)).first()
        if bestaand is not None:
            return Vastlegging(bestaand, False, (
                f"Deze afspraakversie (sha256 {sha[:12]}…) is al vastgelegd op "
                f"{bestaand.vastgesteld_op:%Y-%m-%d %H:%M} door {bestaand.door}; er is niets gewijzigd.",))
        if regio.gemeentecodes != codes:
            oud = regio.codes()
            regio.gemeentecodes = codes
            schrijf_audit(sessie, wie=door, actie="regio gewijzigd", onderwerp=f"regio {regio.naam}: gemeenten",
                          oud=oud, nieuw=sorted(afspraak.gemeenten), regio_id=regio.id)
            berichten.append(f"Gemeenten van regio '{regio.naam}' bijgewerkt volgens de nieuwe afspraak.")

    perioden = {p.code: p for p in sessie.scalars(select(Periode).where(Periode.regio_id == regio.id))}
    fouten = []
    for p in afspraak.perioden:
        if p.code in perioden:
            oud = perioden[p.code]
            if (oud.begin, oud.eind) != (p.begin, p.eind):
                fouten.append(f"periode '{p.code}' bestaat al van {oud.begin} t/m {oud.eind}, de afspraak zegt "
                              f"{p.begin} t/m {p.eind}")
        else:
            rij = Periode(regio_id=regio.id, code=p.code, begin=p.begin, eind=p.eind)
            sessie.add(rij)
            perioden[p.code] = rij
    onbekend = sorted({d.periode for d in afspraak.doelen} - set(perioden))
    if onbekend:
        fouten.append(f"doelen voor onbekende perioden: {', '.join(onbekend)}")
    if fouten:
        raise InvoerFout("Afspraak niet vastgelegd: " + "; ".join(fouten) + ".")
    sessie.flush()

    versie = Afspraakversie(
        regio_id=regio.id, naam=afspraak.naam, inhoud=afspraak.bron_tekst, sha256=sha, besluit=afspraak.besluit,
        mutatiegrens=_breuk(afspraak.mutatiegrens), vereffening_tarief=_breuk(afspraak.vereffening_tarief),
        categorieen=json.dumps(list(afspraak.alle_categorieen()), ensure_ascii=False), vastgesteld_op=nu(), door=door,
    )
    sessie.add(versie)
    sessie.flush()
    for d in afspraak.doelen:
        sessie.add(Doel(afspraakversie_id=versie.id, periode_id=perioden[d.periode].id,
                        gemeentecode=d.gemeentecode, categorie=d.categorie, aantal=d.aantal))
    sessie.flush()
    schrijf_audit(sessie, wie=door, actie="afspraak vastgesteld", onderwerp=f"afspraakversie {versie.naam}",
                  nieuw={"sha256": sha, "besluit": afspraak.besluit, "perioden": [p.code for p in afspraak.perioden],
                         "doelen": len(afspraak.doelen)}, regio_id=regio.id)
    berichten.append(f"Afspraakversie '{versie.naam}' vastgesteld (sha256 {sha[:12]}…): "
                     f"{len(afspraak.perioden)} perioden, {len(afspraak.doelen)} doelen.")
    return Vastlegging(versie, True, tuple(berichten))


def kies_regio(sessie: Session, naam: str | None = None) -> Regio:
    """The region `naam`, or the only region in the database; InvoerFout otherwise."""
    regios = list(sessie.scalars(select(Regio).order_by(Regio.naam)))
    if not regios:
        raise InvoerFout("Deze database bevat nog geen regio. Begin met "
                         "'verdeelwijzer monitor init --afspraken AFSPRAKEN.yaml'.")
    if naam:
        for r in regios:
            if r.naam.lower() == naam.strip().lower():
                return r
        raise InvoerFout(f"Onbekende regio '{naam}'. In deze database: {', '.join(r.naam for r in regios)}.")
    if len(regios) > 1:
        raise InvoerFout(f"Deze database bevat meer regio's ({', '.join(r.naam for r in regios)}); "
                         "kies er een met --regio.")
    return regios[0]


def huidige_afspraak(sessie: Session, regio: Regio) -> Afspraakversie:
    versie = sessie.scalars(
        select(Afspraakversie).where(Afspraakversie.regio_id == regio.id, Afspraakversie.vastgesteld_op.is_not(None))
        .order_by(Afspraakversie.vastgesteld_op.desc(), Afspraakversie.id.desc())
    ).first()
    if versie is None:
        raise InvoerFout(f"Regio '{regio.naam}' heeft geen vastgestelde afspraak.")
    return versie


def perioden_van(sessie: Session, regio: Regio) -> list[Periode]:
    return list(sessie.scalars(select(Periode).where(Periode.regio_id == regio.id)
                               .order_by(Periode.begin, Periode.code)))


def laad_monitoring(sessie: Session, regio: Regio, versie: Afspraakversie) -> m.MonitoringInvoer:
    """Everything the ledger needs, as plain records (the current agreement's targets, all realised figures)."""
    perioden = perioden_van(sessie, regio)
    code = {p.id: p.code for p in perioden}
    ids = list(code)
    doelen = sessie.scalars(select(Doel).where(Doel.afspraakversie_id == versie.id))
    realisaties = sessie.scalars(select(Realisatie).where(Realisatie.periode_id.in_(ids)))
    verhuringen = sessie.scalars(select(Verhuringen).where(Verhuringen.periode_id.in_(ids)))
    bouw = sessie.scalars(select(Bouw).where(Bouw.periode_id.in_(ids)))
    return m.MonitoringInvoer(
        gemeenten=tuple(regio.codes()),
        perioden=tuple(m.Periode(p.code, p.begin, p.eind) for p in perioden),
        doelen=tuple(sorted(m.Doel(d.gemeentecode, d.categorie, code[d.periode_id], d.aantal) for d in doelen)),
        realisaties=tuple(sorted(m.Realisatie(r.gemeentecode, r.categorie, code[r.periode_id], r.aantal)
                                 for r in realisaties)),
        verhuringen=tuple(sorted(m.Verhuring(v.gemeentecode, code[v.periode_id], v.aantal) for v in verhuringen)),
        bouw=tuple(sorted(m.Bouwrealisatie(b.gemeentecode, b.segment, code[b.periode_id], b.aantal) for b in bouw)),
        mutatiegrens=_uit_breuk(versie.mutatiegrens),
        vereffening_tarief=_uit_breuk(versie.vereffening_tarief),
    )


def categorieen_van(versie: Afspraakversie) -> tuple[str, ...]:
    return tuple(json.loads(versie.categorieen or "[]"))
