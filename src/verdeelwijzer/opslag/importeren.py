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

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from verdeelwijzer.gegevens.namen import GemeenteZoeker
from verdeelwijzer.monitoring.importeren import Importcontext, Importinhoud, lees_importbestand, sha256_bestand
from verdeelwijzer.opslag.afspraken import categorieen_van, huidige_afspraak, kies_regio, perioden_van
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.database import Database, DatabaseFout
from verdeelwijzer.opslag.modellen import Bouw, Importbestand, Realisatie, Verhuringen

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


def _sleutel(rij, soort: str) -> str:
    veld = SLEUTELVELD[soort]
    return getattr(rij, veld) if veld else ""


def _waarden_tekst(w: dict[str, int]) -> str:
    if not w:
        return "(geen)"
    return ", ".join(f"{k or 'aantal'} {v}" for k, v in sorted(w.items()))


def importeer(db: Database, pad: Path, *, door: str, zoeker: GemeenteZoeker, namen: dict[str, str],
              regio_naam: str | None = None) -> Importverslag:
    """Import `pad` into the region's figures (see module docstring); raise InvoerFout on any error."""
    sha = sha256_bestand(pad) if pad.is_file() else ""
    try:
        with db.sessie() as sessie:
            regio = kies_regio(sessie, regio_naam)
            eerder = sessie.scalars(select(Importbestand).where(Importbestand.regio_id == regio.id,
                                                                Importbestand.sha256 == sha)).first() if sha else None
            if eerder is not None:
                return Importverslag(pad.name, sha, eerder.soort, False, berichten=[
                    f"Dit bestand (sha256 {sha[:12]}…) is al ingelezen op {eerder.ingelezen_op:%Y-%m-%d %H:%M} "
                    f"door {eerder.door} als '{eerder.bestandsnaam}'; er is niets gewijzigd."])
            versie = huidige_afspraak(sessie, regio)
            perioden = perioden_van(sessie, regio)
            context = Importcontext(regio=regio.naam, gemeenten=frozenset(regio.codes()),
                                    perioden=tuple(p.code for p in perioden), categorieen=categorieen_van(versie),
                                    zoeker=zoeker, namen=namen)
            inhoud = lees_importbestand(pad, context)
            return _schrijf(sessie, regio.id, {p.code: p.id for p in perioden}, inhoud, door, namen)
    except SQLAlchemyError as e:
        reden = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise DatabaseFout(f"Import afgebroken door een databasefout; er is niets gewijzigd: {reden}") from e


def _schrijf(sessie, regio_id: int, periode_ids: dict[str, int], inhoud: Importinhoud, door: str,
             namen: dict[str, str]) -> Importverslag:
    soort = inhoud.soort.naam
    tabel = TABELLEN[soort]
    bestand = Importbestand(regio_id=regio_id, bestandsnaam=inhoud.bestandsnaam, sha256=inhoud.sha256, soort=soort,
                            door=door, aantal_rijen=len(inhoud.rijen))
    sessie.add(bestand)
    sessie.flush()
    verslag = Importverslag(inhoud.bestandsnaam, inhoud.sha256, soort, True, len(inhoud.rijen))
    nieuw_per_cel: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in inhoud.rijen:
        nieuw_per_cel[(r.periode, r.gemeentecode)][r.sleutel] = r.aantal
    for (periode, gemeente), nieuw in sorted(nieuw_per_cel.items()):
        pid = periode_ids[periode]
        bestaand = {_sleutel(b, soort): b for b in
                    sessie.scalars(select(tabel).where(tabel.periode_id == pid, tabel.gemeentecode == gemeente))}
        oud: dict[str, int] = {}
        gewijzigd: dict[str, int] = {}
        for sleutel, aantal in sorted(nieuw.items()):
            rij = bestaand.get(sleutel)
            if rij is None:
                velden = {SLEUTELVELD[soort]: sleutel} if SLEUTELVELD[soort] else {}
                sessie.add(tabel(periode_id=pid, gemeentecode=gemeente, aantal=aantal, importbestand_id=bestand.id,
                                 **velden))
            elif rij.aantal != aantal:
                oud[sleutel], gewijzigd[sleutel] = rij.aantal, aantal
                rij.aantal, rij.importbestand_id = aantal, bestand.id
        if oud:
            verslag.vervangen.append(Wijziging(periode, gemeente, oud, gewijzigd))
            schrijf_audit(sessie, wie=door, actie="cijfers vervangen",
                          onderwerp=f"{soort}, periode {periode}, {namen.get(gemeente, gemeente)} ({gemeente})",
                          oud=oud, nieuw=gewijzigd, regio_id=regio_id)
    sessie.flush()
    perioden = sorted({p for p, _ in nieuw_per_cel})
    schrijf_audit(sessie, wie=door, actie="import", onderwerp=f"{soort} uit {inhoud.bestandsnaam}",
                  nieuw={"sha256": inhoud.sha256, "rijen": len(inhoud.rijen), "perioden": perioden,
                         "gemeenten": len({g for _, g in nieuw_per_cel}), "vervangen": len(verslag.vervangen)},
                  regio_id=regio_id)
    n = len({g for _, g in nieuw_per_cel})
    verslag.berichten.append(
        f"Ingelezen: {soort} uit '{inhoud.bestandsnaam}': {len(inhoud.rijen)} rij(en), periode(n) "
        f"{', '.join(perioden)}, {n} {'gemeente' if n == 1 else 'gemeenten'}.")
    for w in verslag.vervangen:
        verslag.berichten.append(
            f"Vervangen ({soort}, periode {w.periode}, {namen.get(w.gemeentecode, w.gemeentecode)}): "
            f"oud {_waarden_tekst(w.oud)} → nieuw {_waarden_tekst(w.nieuw)} (vastgelegd in het auditlog).")
    return verslag
