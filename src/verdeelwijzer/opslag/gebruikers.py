"""Users for the web application: create, look up, check a password. Passwords are hashed with scrypt
(stdlib `hashlib.scrypt`, random 16-byte salt), stored as ``scrypt$n$r$p$salt_b64$hash_b64``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.opslag.audit import schrijf_audit
from verdeelwijzer.opslag.modellen import ROLLEN, Gebruiker

# scrypt cost parameters (OWASP minimum: N=2^17, r=8, p=1).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1


def hash_wachtwoord(wachtwoord: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    zout = os.urandom(16)
    h = hashlib.scrypt(wachtwoord.encode("utf-8"), salt=zout, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(zout).decode()}${b64(h).decode()}"


def wachtwoord_klopt(wachtwoord: str, opgeslagen: str) -> bool:
    """Constant-time check of `wachtwoord` against a stored hash; False for any malformed hash."""
    try:
        soort, n, r, p, zout, h = opgeslagen.split("$")
        if soort != "scrypt":
            return False
        verwacht = base64.b64decode(h)
        poging = hashlib.scrypt(wachtwoord.encode("utf-8"), salt=base64.b64decode(zout), n=int(n), r=int(r),
                                p=int(p), maxmem=256 * int(n) * int(r), dklen=len(verwacht))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(poging, verwacht)


def maak_gebruiker(sessie: Session, gebruikersnaam: str, wachtwoord: str, rol: str,
                   gemeentecode: str | None = None, *, door: str) -> Gebruiker:
    """Create a user (audited, without the hash); raise InvoerFout for a taken name or a wrong role."""
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
    if len(wachtwoord) < 8:
        fouten.append("wachtwoord is korter dan 8 tekens")
    if naam and zoek_gebruiker(sessie, naam) is not None:
        fouten.append(f"gebruikersnaam '{naam}' bestaat al")
    if fouten:
        raise InvoerFout("Gebruiker niet aangemaakt: " + "; ".join(fouten) + ".")
    gebruiker = Gebruiker(gebruikersnaam=naam, wachtwoord_hash=hash_wachtwoord(wachtwoord), rol=rol,
                          gemeentecode=gemeentecode, actief=True)
    sessie.add(gebruiker)
    sessie.flush()
    schrijf_audit(sessie, wie=door, actie="gebruiker aangemaakt", onderwerp=f"gebruiker {naam}",
                  nieuw={"gebruikersnaam": naam, "rol": rol, "gemeentecode": gemeentecode})
    return gebruiker


def zoek_gebruiker(sessie: Session, gebruikersnaam: str) -> Gebruiker | None:
    return sessie.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam.strip())).first()


def controleer_login(sessie: Session, gebruikersnaam: str, wachtwoord: str) -> Gebruiker | None:
    """The active user with this name and password, or None (same answer for unknown name and bad password)."""
    gebruiker = zoek_gebruiker(sessie, gebruikersnaam)
    if gebruiker is None:
        wachtwoord_klopt(wachtwoord, _NEP_HASH)  # same work either way: no timing oracle for names
        return None
    if not gebruiker.actief or not wachtwoord_klopt(wachtwoord, gebruiker.wachtwoord_hash):
        return None
    return gebruiker


_NEP_HASH = "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
