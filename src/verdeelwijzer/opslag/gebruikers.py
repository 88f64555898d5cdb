"""Users for the web application: create, look up, check a password, change it. Passwords are hashed with
scrypt (stdlib `hashlib.scrypt`, random 16-byte salt), stored as ``scrypt$n$r$p$salt_b64$hash_b64``.

scrypt with N=2^17 costs ~128 MiB and a few hundred ms per hash, on purpose. Two rules follow:
- hashing never happens while a database session is open (`inloggen`, `wijzig_wachtwoord` read the row,
  close the session, hash, and only then write), so slow logins cannot exhaust the connection pool;
- at most `HASH_GELIJKTIJDIG` hashes run at once (a semaphore), so 40 concurrent logins cost
  40 × a few hundred ms of waiting, not 40 × 128 MiB of memory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import ROLLEN, Gebruiker, Sessie, nu

if TYPE_CHECKING:
    from verdeelwijzer.opslag.database import Database

class OnjuistWachtwoord(InvoerFout):
    """The current password given with a password change is wrong."""


# scrypt cost parameters (OWASP minimum: N=2^17, r=8, p=1).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
OPRUIMEN_NA_DAGEN = 30  # expired session rows are deleted this long after they expired
MIN_LENGTE = 8  # NIST SP 800-63B: at least 8 characters, plus a check against common passwords
# Concurrent hashes (each ~128 MiB); env VERDEELWIJZER_HASH_GELIJKTIJDIG overrides.
HASH_GELIJKTIJDIG = max(1, int(os.environ.get("VERDEELWIJZER_HASH_GELIJKTIJDIG") or 2))
_HASH_SLOT = threading.BoundedSemaphore(HASH_GELIJKTIJDIG)


def hash_wachtwoord(wachtwoord: str, *, n: int | None = None, r: int | None = None, p: int | None = None) -> str:
    n, r, p = n or SCRYPT_N, r or SCRYPT_R, p or SCRYPT_P  # read at call time (tests may lower the cost)
    zout = os.urandom(16)
    with _HASH_SLOT:
        h = hashlib.scrypt(wachtwoord.encode("utf-8"), salt=zout, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(zout).decode()}${b64(h).decode()}"


def wachtwoord_klopt(wachtwoord: str, opgeslagen: str) -> bool:
    """Constant-time check of `wachtwoord` against a stored hash; False for any malformed hash."""
    try:
        soort, n, r, p, zout, h = opgeslagen.split("$")
        if soort != "scrypt" or int(n) > 2**20 or int(r) > 16 or int(p) > 4:
            return False
        verwacht = base64.b64decode(h)
        with _HASH_SLOT:
            poging = hashlib.scrypt(wachtwoord.encode("utf-8"), salt=base64.b64decode(zout), n=int(n), r=int(r),
                                    p=int(p), maxmem=256 * int(n) * int(r), dklen=len(verwacht))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(poging, verwacht)


@lru_cache(maxsize=1)
def veelgebruikte_wachtwoorden() -> frozenset[str]:
    """The shipped list of common passwords (source in `opslag/data/BRON.md`), lower case."""
    tekst = resources.files("verdeelwijzer.opslag").joinpath("data/veelgebruikte_wachtwoorden.csv").read_text(
        encoding="utf-8")
    return frozenset(r.strip() for r in tekst.splitlines()[1:] if r.strip())


def controleer_wachtwoordkeuze(wachtwoord: str, gebruikersnaam: str = "") -> list[str]:
    """Why a new password is not acceptable (empty list: it is)."""
    fouten = []
    if len(wachtwoord) < MIN_LENGTE:
        fouten.append(f"wachtwoord is korter dan {MIN_LENGTE} tekens")
    schoon = wachtwoord.strip().lower()
    if schoon in veelgebruikte_wachtwoorden():
        fouten.append("dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden; kies een ander")
    elif gebruikersnaam and schoon == gebruikersnaam.strip().lower():
        fouten.append("het wachtwoord mag niet gelijk zijn aan de gebruikersnaam")
    return fouten


def maak_gebruiker(sessie: Session, gebruikersnaam: str, wachtwoord: str, rol: str,
                   gemeentecode: str | None = None, *, door: str, wachtwoord_hash: str | None = None) -> Gebruiker:
    """Create a user (audited, without the hash); raise InvoerFout for a taken name, a wrong role or a weak
    password. Pass `wachtwoord_hash` (from `hash_wachtwoord`, computed before opening the session) to keep
    the slow hash out of the transaction."""
    naam = gebruikersnaam.strip()
    fouten = []
    if not naam:
        fouten.append("gebruikersnaam is leeg")
    if rol not in ROLLEN:
        fouten.append(f"onbekende rol '{rol}'; kies uit {', '.join(ROLLEN)}")
    if rol == "gemeente" and not gemeentecode:
        fouten.append("een gebruiker met rol 'gemeente' heeft een gemeentecode nodig")
    if rol != "gemeente" and gemeentecode:
        fouten.append(f"alleen rol 'gemeente' hoort bij een gemeentecode (rol is '{rol}')")
    fouten += controleer_wachtwoordkeuze(wachtwoord, naam)
    if naam and zoek_gebruiker(sessie, naam) is not None:
        fouten.append(f"gebruikersnaam '{naam}' bestaat al")
    if fouten:
        raise InvoerFout("Gebruiker niet aangemaakt: " + "; ".join(fouten) + ".")
    if wachtwoord_hash is None:
        wachtwoord_hash = hash_wachtwoord(wachtwoord)
    gebruiker = Gebruiker(gebruikersnaam=naam, wachtwoord_hash=wachtwoord_hash, rol=rol,
                          gemeentecode=gemeentecode, actief=True)
    sessie.add(gebruiker)
    sessie.flush()
    schrijf_audit(sessie, wie=door, actie="gebruiker aangemaakt", onderwerp=f"gebruiker {naam}",
                  nieuw={"gebruikersnaam": naam, "rol": rol, "gemeentecode": gemeentecode})
    return gebruiker


def zoek_gebruiker(sessie: Session, gebruikersnaam: str) -> Gebruiker | None:
    return sessie.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam.strip())).first()


def controleer_login(sessie: Session, gebruikersnaam: str, wachtwoord: str) -> Gebruiker | None:
    """The active user with this name and password, or None (same answer for unknown name and bad password).
    Hashes inside the caller's session: use `inloggen(db, …)` where connections are scarce (the web)."""
    gebruiker = zoek_gebruiker(sessie, gebruikersnaam)
    if gebruiker is None:
        wachtwoord_klopt(wachtwoord, _nep_hash())  # same work either way: no timing oracle for names
        return None
    if not gebruiker.actief or not wachtwoord_klopt(wachtwoord, gebruiker.wachtwoord_hash):
        return None
    return gebruiker


def inloggen(db: Database, gebruikersnaam: str, wachtwoord: str) -> Gebruiker | None:
    """`controleer_login` without holding a database session while hashing: read the row, close the
    session, then compare. Returns a detached row (or None)."""
    with db.sessie() as s:
        gebruiker = zoek_gebruiker(s, gebruikersnaam)
    opgeslagen = gebruiker.wachtwoord_hash if gebruiker is not None else _nep_hash()
    klopt = wachtwoord_klopt(wachtwoord, opgeslagen)
    if gebruiker is None or not gebruiker.actief or not klopt:
        return None
    return gebruiker


def wijzig_wachtwoord(db: Database, gebruikersnaam: str, nieuw: str, *, door: str,
                      huidig: str | None = None) -> None:
    """Set a new password (checked against length and the common list) and end every session of the user.
    With `huidig` the current password must match (web and API); without it (the command line, run by
    whoever holds the database) it is a reset. Audited without either password."""
    naam = gebruikersnaam.strip()
    with db.sessie() as s:
        gebruiker = zoek_gebruiker(s, naam)
    if gebruiker is None:
        raise InvoerFout(f"Gebruiker '{naam}' bestaat niet.")
    if huidig is not None and not wachtwoord_klopt(huidig, gebruiker.wachtwoord_hash):
        raise OnjuistWachtwoord("Wachtwoord niet gewijzigd: het huidige wachtwoord klopt niet.")
    fouten = controleer_wachtwoordkeuze(nieuw, naam)
    if huidig is not None and nieuw == huidig:
        fouten.append("het nieuwe wachtwoord is gelijk aan het huidige")
    if fouten:
        raise InvoerFout("Wachtwoord niet gewijzigd: " + "; ".join(fouten) + ".")
    nieuwe_hash = hash_wachtwoord(nieuw)
    with db.sessie() as s:
        s.execute(update(Gebruiker).where(Gebruiker.id == gebruiker.id).values(wachtwoord_hash=nieuwe_hash))
        beeindig_sessies(s, gebruiker.id)
        schrijf_audit(s, wie=door, actie="wachtwoord gewijzigd", onderwerp=f"gebruiker {naam}")


# -- server-side sessions ------------------------------------------------------------------------------


def _sleutel_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_sessie(sessie: Session, gebruiker_id: int, duur_s: int) -> str:
    """A new session for the user; returns the random token for the cookie (only its hash is stored)."""
    token = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    begin = nu()
    # Sessions expired a while ago are of no use to anyone: keep the table small.
    sessie.execute(delete(Sessie).where(Sessie.verloopt_op < begin - timedelta(days=OPRUIMEN_NA_DAGEN)))
    sessie.add(Sessie(sleutel_hash=_sleutel_hash(token), gebruiker_id=gebruiker_id, aangemaakt_op=begin,
                      verloopt_op=begin + timedelta(seconds=duur_s)))
    sessie.flush()
    return token


def gebruiker_van_sessie(sessie: Session, token: str) -> Gebruiker | None:
    """The active user of a live (not ended, not expired) session, else None."""
    if not token:
        return None
    rij = sessie.execute(
        select(Gebruiker, Sessie.verloopt_op).join(Sessie, Sessie.gebruiker_id == Gebruiker.id)
        .where(Sessie.sleutel_hash == _sleutel_hash(token), Sessie.beeindigd_op.is_(None))
    ).first()
    if rij is None:
        return None
    gebruiker, verloopt_op = rij
    if verloopt_op <= nu() or not gebruiker.actief:
        return None
    return gebruiker


def beeindig_sessie(sessie: Session, token: str) -> None:
    """End one session (logout)."""
    sessie.execute(update(Sessie).where(Sessie.sleutel_hash == _sleutel_hash(token), Sessie.beeindigd_op.is_(None))
                   .values(beeindigd_op=nu()))


def beeindig_sessies(sessie: Session, gebruiker_id: int) -> None:
    """End every session of a user (deactivation, password change)."""
    sessie.execute(update(Sessie).where(Sessie.gebruiker_id == gebruiker_id, Sessie.beeindigd_op.is_(None))
                   .values(beeindigd_op=nu()))


def _nep_hash() -> str:
    """A well-formed hash nobody's password matches, at the current cost (for unknown names)."""
    nul = base64.b64encode(bytes(32)).decode()
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${nul[:24]}${nul}"
