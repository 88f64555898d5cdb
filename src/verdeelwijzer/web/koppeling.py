"""The web app's link to the storage layer (`verdeelwijzer.opslag`): users, the audit log and, when
present, the monitoring ledger. Only the storage layer's own functions and tables are used; the web
app keeps no tables of its own. The database is opened (and migrated) lazily on first use."""

from __future__ import annotations

import threading
from typing import Any

from verdeelwijzer.web.beveiliging import Gebruiker


class Koppeling:
    def __init__(self, db_url: str | None, sessieduur_s: int = 8 * 3600) -> None:
        self.db_url = db_url or None
        self.sessieduur_s = sessieduur_s
        self._db: Any = None
        self._slot = threading.Lock()
        self._heeft_gebruikers = False  # once true it stays true (users are never deleted, only deactivated)

    @property
    def db(self) -> Any:
        if self._db is None:
            with self._slot:
                if self._db is None:
                    from verdeelwijzer.opslag.database import open_database

                    self._db = open_database(self.db_url)
        return self._db

    def sluit(self) -> None:
        if self._db is not None:
            self._db.sluit()
            self._db = None

    # -- users ------------------------------------------------------------------------------------

    def er_zijn_gebruikers(self) -> bool:
        """Whether accounts exist (then the app is not in local mode). Once true it is cached for good (users are
        never deleted, only deactivated), so a multi-user server asks nothing per request. "No users" is never
        cached: a first user made by another process (the CLI, another worker) must end the local mode — with
        its administrator rights for everyone — at the very next request, not a moment later."""
        if self._heeft_gebruikers:
            return True
        from sqlalchemy import exists, select

        from verdeelwijzer.opslag.modellen import Gebruiker as GebruikerRij

        with self.db.sessie() as s:
            self._heeft_gebruikers = bool(s.scalar(select(exists().select_from(GebruikerRij))))
        return self._heeft_gebruikers

    @staticmethod
    def _als_gebruiker(rij: Any) -> Gebruiker:
        return Gebruiker(rij.gebruikersnaam, rij.rol, rij.gemeentecode)

    def gebruiker(self, naam: str) -> Gebruiker | None:
        from verdeelwijzer.opslag.gebruikers import zoek_gebruiker

        with self.db.sessie() as s:
            rij = zoek_gebruiker(s, naam)
            return self._als_gebruiker(rij) if rij is not None and rij.actief else None

    def controleer_wachtwoord(self, naam: str, wachtwoord: str) -> Gebruiker | None:
        """Check a login without holding a database connection while hashing (`opslag.gebruikers.inloggen`)."""
        from verdeelwijzer.opslag.gebruikers import inloggen

        if not naam or not wachtwoord:
            return None
        rij = inloggen(self.db, naam, wachtwoord)
        return self._als_gebruiker(rij) if rij is not None else None

    # -- server-side sessions -------------------------------------------------------------------------

    def start_sessie(self, naam: str) -> str:
        """A new server-side session for an active user; returns the token the cookie carries."""
        from verdeelwijzer.fouten import InvoerFout
        from verdeelwijzer.opslag.gebruikers import start_sessie, zoek_gebruiker

        with self.db.sessie() as s:
            rij = zoek_gebruiker(s, naam)
            if rij is None or not rij.actief:
                raise InvoerFout(f"Gebruiker '{naam}' bestaat niet of is uitgeschakeld.")
            return start_sessie(s, rij.id, self.sessieduur_s)

    def gebruiker_van_sessie(self, token: str | None) -> Gebruiker | None:
        """The user of a live session (not logged out, not expired, account active), else None."""
        from verdeelwijzer.opslag.gebruikers import gebruiker_van_sessie

        if not token or not isinstance(token, str):
            return None
        with self.db.sessie() as s:
            rij = gebruiker_van_sessie(s, token)
            return self._als_gebruiker(rij) if rij is not None else None

    def beeindig_sessie(self, token: str | None) -> None:
        from verdeelwijzer.opslag.gebruikers import beeindig_sessie

        if token and isinstance(token, str):
            with self.db.sessie() as s:
                beeindig_sessie(s, token)

    def wijzig_wachtwoord(self, door: str, naam: str, nieuw: str, huidig: str | None) -> None:
        """New password (checked), every session of the user ended (`opslag.gebruikers.wijzig_wachtwoord`)."""
        from verdeelwijzer.opslag.gebruikers import wijzig_wachtwoord

        wijzig_wachtwoord(self.db, naam, nieuw, door=door, huidig=huidig)

    def gebruikers(self) -> list[dict[str, Any]]:
        from sqlalchemy import select

        from verdeelwijzer.opslag.modellen import Gebruiker as GebruikerRij

        with self.db.sessie() as s:
            return [
                {"gebruikersnaam": r.gebruikersnaam, "rol": r.rol, "gemeentecode": r.gemeentecode,
                 "actief": r.actief, "aangemaakt_op": r.aangemaakt_op.isoformat(timespec="minutes")}
                for r in s.scalars(select(GebruikerRij).order_by(GebruikerRij.gebruikersnaam))
            ]

    def maak_gebruiker(self, door: str, naam: str, wachtwoord: str, rol: str, gemeentecode: str | None) -> None:
        from verdeelwijzer.opslag.gebruikers import controleer_wachtwoordkeuze, hash_wachtwoord, maak_gebruiker

        # Hash before the transaction (slow on purpose; no connection is held meanwhile).
        h = None if controleer_wachtwoordkeuze(wachtwoord, naam) else hash_wachtwoord(wachtwoord)
        with self.db.sessie() as s:
            maak_gebruiker(s, naam, wachtwoord, rol, gemeentecode, door=door, wachtwoord_hash=h)
        self._heeft_gebruikers = True

    def zet_actief(self, door: str, naam: str, actief: bool) -> None:
        from verdeelwijzer.fouten import InvoerFout
        from verdeelwijzer.opslag.audit import schrijf_audit
        from verdeelwijzer.opslag.gebruikers import beeindig_sessies, zoek_gebruiker

        with self.db.sessie() as s:
            rij = zoek_gebruiker(s, naam)
            if rij is None:
                raise InvoerFout(f"Gebruiker '{naam}' bestaat niet.")
            oud = rij.actief
            rij.actief = actief
            if not actief:  # a deactivated account's sessions end now, and stay ended if it is enabled again
                beeindig_sessies(s, rij.id)
            schrijf_audit(s, wie=door, actie="gebruiker gewijzigd", onderwerp=f"gebruiker {naam}",
                          oud={"actief": oud}, nieuw={"actief": actief})

    # -- audit --------------------------------------------------------------------------------------

    def audit(self, wie: str, actie: str, onderwerp: str, *, oud: Any = None, nieuw: Any = None) -> None:
        from verdeelwijzer.opslag.audit import schrijf_audit

        with self.db.sessie() as s:
            schrijf_audit(s, wie=wie, actie=actie, onderwerp=onderwerp, oud=oud, nieuw=nieuw)

    def auditlog(self, aantal: int = 100) -> list[dict[str, Any]]:
        from verdeelwijzer.opslag.audit import als_dict, lees_audit

        with self.db.sessie() as s:
            return [als_dict(r) for r in reversed(lees_audit(s, limiet=aantal))]

    # -- monitoring ---------------------------------------------------------------------------------

    def monitoring_beschikbaar(self) -> bool:
        from verdeelwijzer.web import monitoring_paginas

        return monitoring_paginas.beschikbaar()

    def monitoring_regios(self) -> list[str]:
        from sqlalchemy import select

        from verdeelwijzer.opslag.modellen import Regio

        with self.db.sessie() as s:
            return [r.naam for r in s.scalars(select(Regio).order_by(Regio.naam))]

    def monitoring_laad(self, regio: str | None) -> tuple[dict[str, Any], Any, tuple[str, ...]]:
        """(header, MonitoringInvoer, categorieën) of the region's current agreement."""
        from verdeelwijzer.opslag.afspraken import categorieen_van, huidige_afspraak, kies_regio, laad_monitoring

        with self.db.sessie() as s:
            r = kies_regio(s, regio)
            versie = huidige_afspraak(s, r)
            invoer = laad_monitoring(s, r, versie)
            kop = {"regio": r.naam, "afspraak": versie.naam, "sha256": versie.sha256, "besluit": versie.besluit,
                   "vastgesteld_op": versie.vastgesteld_op.isoformat(timespec="minutes") if versie.vastgesteld_op
                   else None, "door": versie.door}
            return kop, invoer, categorieen_van(versie)

    def monitoring_versie(self) -> tuple[int, int, int]:
        """A cheap version of all monitoring ledgers: the newest agreement, import file and audit entry. Every
        write to a ledger adds at least one of them (imports and corrections are audited, append-only)."""
        from sqlalchemy import func, select

        from verdeelwijzer.opslag.modellen import Afspraakversie, Auditregel, Importbestand

        with self.db.sessie() as s:
            rij = s.execute(select(select(func.max(Afspraakversie.id)).scalar_subquery(),
                                   select(func.max(Importbestand.id)).scalar_subquery(),
                                   select(func.max(Auditregel.id)).scalar_subquery())).one()
        return tuple(int(x or 0) for x in rij)  # type: ignore[return-value]

    def monitoring_controleer(self, pad: Any, regio: str | None, zoeker: Any, namen: dict[str, str]) -> Any:
        """Read and check a realised-figure file exactly as the import will (nothing is written)."""
        from verdeelwijzer.monitoring.importeren import Importcontext, lees_importbestand, sha256_bestand
        from verdeelwijzer.opslag.afspraken import categorieen_van, huidige_afspraak, kies_regio, perioden_van

        with self.db.sessie() as s:
            r = kies_regio(s, regio)
            versie = huidige_afspraak(s, r)
            context = Importcontext(regio=r.naam, gemeenten=frozenset(r.codes()),
                                    perioden=tuple(p.code for p in perioden_van(s, r)),
                                    categorieen=categorieen_van(versie), zoeker=zoeker, namen=namen)
        return lees_importbestand(pad, context) if sha256_bestand(pad) else None

    def monitoring_importeer(self, pad: Any, door: str, regio: str | None, zoeker: Any,
                             namen: dict[str, str]) -> Any:
        from verdeelwijzer.opslag.importeren import importeer

        return importeer(self.db, pad, door=door, zoeker=zoeker, namen=namen, regio_naam=regio)

    # -- agreements -------------------------------------------------------------------------------

    def leg_afspraak_vast(self, afspraak: Any, door: str) -> list[str]:
        """Adopt a computed agreement for monitoring (`opslag.afspraken.leg_afspraak_vast`, which audits)."""
        from verdeelwijzer.opslag.afspraken import leg_afspraak_vast

        with self.db.sessie(schrijven=True, door=door) as s:  # a refused change is audited with this user
            vast = leg_afspraak_vast(s, afspraak, door=door)
        return list(vast.berichten) or [f"Afspraak '{afspraak.naam}' is vastgelegd voor de monitoring."]
