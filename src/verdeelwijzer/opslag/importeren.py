"""Importing a realised-figure file into the database: all-or-nothing, in one transaction.

- The file is checked completely first (`monitoring.importeren`); any error → InvoerFout, nothing written.
- A file whose sha256 was imported before for this region is a no-op (with a message).
- A file states figures per (periode, gemeente, categorie/segment) of one kind (instroom, verhuringen or
  bouw). Where such a figure already exists with another value, the file replaces it: an audit entry per
  (periode, gemeente) records the old and the new values, and the report lists them. Figures the file does
  not mention are never touched or removed (so a gemeente, or a second source such as the statushouders
  monitor, can deliver its own file); to correct a figure to zero, state 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from verdeelwijzer.gegevens.namen import GemeenteZoeker
from verdeelwijzer.monitoring.importeren import Importcontext, Importinhoud, lees_importbestand, sha256_bestand
from verdeelwijzer.opslag.afspraken import categorieen_van, huidige_afspraak, kies_regio, perioden_van
from verdeelwijzer.opslag.audit import maak_auditregel, schrijf_auditregels
from verdeelwijzer.opslag.database import Database, DatabaseFout
from verdeelwijzer.opslag.modellen import Auditregel, Bouw, Importbestand, Realisatie, Verhuringen

TABELLEN = {"instroom": Realisatie, "verhuringen": Verhuringen, "bouw": Bouw}
SLEUTELVELD = {"instroom": "categorie", "verhuringen": None, "bouw": "segment"}


@dataclass
class Wijziging:
    periode: str
    gemeentecode: str
    oud: dict[str, int]
    nieuw: dict[str, int]


@dataclass
class Importverslag:
    bestandsnaam: str
    sha256: str
    soort: str | None
    ingelezen: bool  # False: the same file was imported before (no-op)
    rijen: int = 0
    vervangen: list[Wijziging] = field(default_factory=list)
    berichten: list[str] = field(default_factory=list)


def _waarden_tekst(w: dict[str, int]) -> str:
    if not w:
        return "(geen)"
    return ", ".join(f"{k or 'aantal'} {v}" for k, v in sorted(w.items()))


def importeer(db: Database, pad: Path, *, door: str, zoeker: GemeenteZoeker, namen: dict[str, str],
              regio_naam: str | None = None) -> Importverslag:
    """Import `pad` into the region's figures (see module docstring); raise InvoerFout on any error.

    The whole import runs under the database's writer lock (`Database.sessie(schrijven=True)`): concurrent
    imports are serialised, so each sees the figures and files of the ones before it. The audit log's chain
    per cell (each entry's old value is the previous entry's new value) stays unbroken, and the same file
    imported twice at once is read in once and reported as "al ingelezen" the other time.
    """
    sha = sha256_bestand(pad) if pad.is_file() else ""
    for poging in range(2):
        try:
            with db.sessie(schrijven=True, door=door) as sessie:
                regio = kies_regio(sessie, regio_naam)
                eerder = _eerder_ingelezen(sessie, regio.id, sha)
                if eerder is not None:
                    return eerder
                versie = huidige_afspraak(sessie, regio)
                perioden = perioden_van(sessie, regio)
                context = Importcontext(regio=regio.naam, gemeenten=frozenset(regio.codes()),
                                        perioden=tuple(p.code for p in perioden),
                                        categorieen=categorieen_van(versie), zoeker=zoeker, namen=namen)
                inhoud = lees_importbestand(pad, context)
                return _schrijf(sessie, regio.id, {p.code: p.id for p in perioden}, inhoud, door, namen)
        except IntegrityError as e:
            # Only reachable if a writer bypassed the lock: a file stored meanwhile is "al ingelezen" (retry
            # once to say so); anything else is a database error as below.
            if poging == 0 and "importbestand" in str(getattr(e, "orig", None) or e):
                continue
            raise _databasefout(e) from e
        except SQLAlchemyError as e:
            raise _databasefout(e) from e
    raise AssertionError("onbereikbaar")  # pragma: no cover


def _databasefout(e: SQLAlchemyError) -> DatabaseFout:
    reden = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
    return DatabaseFout(f"Import afgebroken door een databasefout; er is niets gewijzigd: {reden}")


def _eerder_ingelezen(sessie, regio_id: int, sha: str) -> Importverslag | None:
    if not sha:
        return None
    eerder = sessie.scalars(select(Importbestand).where(Importbestand.regio_id == regio_id,
                                                        Importbestand.sha256 == sha)).first()
    if eerder is None:
        return None
    return Importverslag(eerder.bestandsnaam, sha, eerder.soort, False, berichten=[
        f"Dit bestand (sha256 {sha[:12]}…) is al ingelezen op {eerder.ingelezen_op:%Y-%m-%d %H:%M} "
        f"door {eerder.door} als '{eerder.bestandsnaam}'; er is niets gewijzigd."])


def _schrijf(sessie, regio_id: int, periode_ids: dict[str, int], inhoud: Importinhoud, door: str,
             namen: dict[str, str]) -> Importverslag:
    """Write in bulk: one SELECT for the existing figures, one INSERT and one UPDATE batch, one audit flush.

    Rows, ids and audit entries come out exactly as a cell-by-cell write would make them (sorted by periode,
    gemeente, key); a test compares full database dumps.
    """
    soort = inhoud.soort.naam
    tabel = TABELLEN[soort]
    veld = SLEUTELVELD[soort]
    bestand = Importbestand(regio_id=regio_id, bestandsnaam=inhoud.bestandsnaam, sha256=inhoud.sha256, soort=soort,
                            door=door, aantal_rijen=len(inhoud.rijen))
    sessie.add(bestand)
    sessie.flush()
    verslag = Importverslag(inhoud.bestandsnaam, inhoud.sha256, soort, True, len(inhoud.rijen))
    nieuw_per_cel: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in inhoud.rijen:
        nieuw_per_cel[(r.periode, r.gemeentecode)][r.sleutel] = r.aantal

    # Existing figures of the periods and gemeenten in the file, in one query (a few hundred rows at most).
    pids = sorted({periode_ids[p] for p, _ in nieuw_per_cel})
    gemeenten = sorted({g for _, g in nieuw_per_cel})
    bestaand: dict[tuple[int, str, str], tuple[int, int]] = {}
    if nieuw_per_cel:
        kolommen = [tabel.id, tabel.periode_id, tabel.gemeentecode, tabel.aantal]
        if veld:
            kolommen.append(getattr(tabel, veld))
        vraag = select(*kolommen).where(tabel.periode_id.in_(pids), tabel.gemeentecode.in_(gemeenten))
        for rij in sessie.execute(vraag):
            bestaand[(rij[1], rij[2], rij[4] if veld else "")] = (rij[0], rij[3])

    toevoegen: list[dict[str, object]] = []
    bijwerken: list[dict[str, object]] = []
    audit: list[Auditregel] = []
    for (periode, gemeente), nieuw in sorted(nieuw_per_cel.items()):
        pid = periode_ids[periode]
        oud: dict[str, int] = {}
        gewijzigd: dict[str, int] = {}
        for sleutel, aantal in sorted(nieuw.items()):
            gevonden = bestaand.get((pid, gemeente, sleutel))
            if gevonden is None:
                toevoegen.append({"periode_id": pid, "gemeentecode": gemeente, "aantal": aantal,
                                  "importbestand_id": bestand.id, **({veld: sleutel} if veld else {})})
            elif gevonden[1] != aantal:
                oud[sleutel], gewijzigd[sleutel] = gevonden[1], aantal
                bijwerken.append({"id": gevonden[0], "aantal": aantal, "importbestand_id": bestand.id})
        if oud:
            verslag.vervangen.append(Wijziging(periode, gemeente, oud, gewijzigd))
            audit.append(maak_auditregel(wie=door, actie="cijfers vervangen",
                                         onderwerp=f"{soort}, periode {periode}, "
                                                   f"{namen.get(gemeente, gemeente)} ({gemeente})",
                                         oud=oud, nieuw=gewijzigd, regio_id=regio_id))
    if toevoegen:
        sessie.execute(insert(tabel), toevoegen)
    if bijwerken:
        sessie.execute(update(tabel), bijwerken)
    perioden = sorted({p for p, _ in nieuw_per_cel})
    audit.append(maak_auditregel(
        wie=door, actie="import", onderwerp=f"{soort} uit {inhoud.bestandsnaam}",
        nieuw={"sha256": inhoud.sha256, "rijen": len(inhoud.rijen), "perioden": perioden,
               "gemeenten": len(gemeenten), "vervangen": len(verslag.vervangen)},
        regio_id=regio_id))
    schrijf_auditregels(sessie, audit)
    n = len(gemeenten)
    verslag.berichten.append(
        f"Ingelezen: {soort} uit '{inhoud.bestandsnaam}': {len(inhoud.rijen)} rij(en), periode(n) "
        f"{', '.join(perioden)}, {n} {'gemeente' if n == 1 else 'gemeenten'}.")
    for w in verslag.vervangen:
        verslag.berichten.append(
            f"Vervangen ({soort}, periode {w.periode}, {namen.get(w.gemeentecode, w.gemeentecode)}): "
            f"oud {_waarden_tekst(w.oud)} → nieuw {_waarden_tekst(w.nieuw)} (vastgelegd in het auditlog).")
    return verslag
