"""Bulk writing of imports gives exactly the database a cell-by-cell write gives: same rows, ids, audit
entries (full dumps compared, timestamps aside), for the example files on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

import verdeelwijzer.opslag.importeren as importeren
from verdeelwijzer.monitoring.afsprakenkader import afspraak_uit_bestand
from verdeelwijzer.opslag import open_database
from verdeelwijzer.opslag.afspraken import leg_afspraak_vast
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import Importbestand
from verdeelwijzer.opslag.testhulp import dump, tijdelijke_url

REPO = Path(__file__).resolve().parents[2]
MAP = REPO / "src/verdeelwijzer/voorbeeldbestanden/monitoring"
VOLGORDE = ["instroom_2027.csv", "instroom_2028.csv", "verhuringen_2027.csv", "verhuringen_2028.csv",
            "bouw_2027.csv", "bouw_2028.csv", "instroom_2027.csv", "instroom_2027_correctie_delft.csv"]


def _schrijf_per_cel(sessie, regio_id, periode_ids, inhoud, door, namen):
    """The cell-by-cell writer as it was before bulk writing (one SELECT and flush per cell), as reference."""
    soort = inhoud.soort.naam
    tabel = importeren.TABELLEN[soort]
    veld = importeren.SLEUTELVELD[soort]
    bestand = Importbestand(regio_id=regio_id, bestandsnaam=inhoud.bestandsnaam, sha256=inhoud.sha256, soort=soort,
                            door=door, aantal_rijen=len(inhoud.rijen))
    sessie.add(bestand)
    sessie.flush()
    verslag = importeren.Importverslag(inhoud.bestandsnaam, inhoud.sha256, soort, True, len(inhoud.rijen))
    nieuw_per_cel: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in inhoud.rijen:
        nieuw_per_cel[(r.periode, r.gemeentecode)][r.sleutel] = r.aantal
    for (periode, gemeente), nieuw in sorted(nieuw_per_cel.items()):
        pid = periode_ids[periode]
        bestaand = {(getattr(b, veld) if veld else ""): b for b in
                    sessie.scalars(select(tabel).where(tabel.periode_id == pid, tabel.gemeentecode == gemeente))}
        oud, gewijzigd = {}, {}
        for sleutel, aantal in sorted(nieuw.items()):
            rij = bestaand.get(sleutel)
            if rij is None:
                sessie.add(tabel(periode_id=pid, gemeentecode=gemeente, aantal=aantal, importbestand_id=bestand.id,
                                 **({veld: sleutel} if veld else {})))
            elif rij.aantal != aantal:
                oud[sleutel], gewijzigd[sleutel] = rij.aantal, aantal
                rij.aantal, rij.importbestand_id = aantal, bestand.id
        if oud:
            verslag.vervangen.append(importeren.Wijziging(periode, gemeente, oud, gewijzigd))
            schrijf_audit(sessie, wie=door, actie="cijfers vervangen",
                          onderwerp=f"{soort}, periode {periode}, {namen.get(gemeente, gemeente)} ({gemeente})",
                          oud=oud, nieuw=gewijzigd, regio_id=regio_id)
    sessie.flush()
    perioden = sorted({p for p, _ in nieuw_per_cel})
    schrijf_audit(sessie, wie=door, actie="import", onderwerp=f"{soort} uit {inhoud.bestandsnaam}",
                  nieuw={"sha256": inhoud.sha256, "rijen": len(inhoud.rijen), "perioden": perioden,
                         "gemeenten": len({g for _, g in nieuw_per_cel}), "vervangen": len(verslag.vervangen)},
                  regio_id=regio_id)
    return verslag


def _zonder_tijden(d: dict) -> dict:
    return {t: [tuple("<tijd>" if isinstance(v, datetime) else v for v in rij) for rij in rijen]
            for t, rijen in d.items()}


def _vul(url: str, gegevens, namen) -> tuple[dict, list[list[str]]]:
    db = open_database(url)
    try:
        with db.sessie() as s:
            leg_afspraak_vast(s, afspraak_uit_bestand(REPO / "voorbeelden/haaglanden.yaml"), door="test")
        verslagen = [importeren.importeer(db, MAP / naam, door="test", zoeker=gegevens.zoeker, namen=namen)
                     for naam in VOLGORDE]
        return _zonder_tijden(dump(db)), verslagen
    finally:
        db.sluit()


def test_bulk_import_geeft_dezelfde_database_als_per_cel(db_url, tmp_path, gegevens, namen, monkeypatch):
    soort = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    bulk, bulk_verslagen = _vul(db_url, gegevens, namen)
    with tijdelijke_url(soort, tmp_path) as ander:
        with monkeypatch.context() as m:
            m.setattr(importeren, "_schrijf", _schrijf_per_cel)
            per_cel, per_cel_verslagen = _vul(ander, gegevens, namen)
    assert bulk == per_cel
    assert [v.vervangen for v in bulk_verslagen] == [v.vervangen for v in per_cel_verslagen]
    assert bulk_verslagen[-1].vervangen and "al ingelezen" in bulk_verslagen[-2].berichten[0]
    assert len(bulk["realisatie"]) > 50 and len(bulk["auditlog"]) >= 9
