"""Who is asking and what may they do: sessions, roles, CSRF.

- Sessions: Starlette's SessionMiddleware (itsdangerous-signed cookie, HttpOnly, SameSite=Lax, Secure
  when served over https) carries a random session token and the CSRF token; the session itself lives
  in the database (table `sessie`, only the token's hash). Every request looks it up together with the
  user's role, so logout, deactivation and a password change end it for good: a replayed cookie is refused.
- Passwords: scrypt through the storage layer's user functions (`opslag.gebruikers`), hashed without a
  database connection held and with bounded concurrency.
- Login attempts: failed attempts are counted per user name and per address (`Inlogbewaking`); past the
  configured limit the answer is 429 with a Dutch message, before any hashing.
- CSRF: a random token per session, sent back in a hidden form field or the `X-CSRF-Token` header
  (htmx adds it to every request) and compared in constant time on every state-changing request.
- Local single-user mode (no accounts yet, or `--zonder-login`): everyone is the local administrator.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, File, HTTPException, Request, UploadFile

ROL_BEHEERDER = "regio-beheerder"
ROL_GEMEENTE = "gemeente"
ROL_LEZER = "lezer"
ROL_TRANSFERPUNT = "transferpunt"
ROL_UITLEG = {
    ROL_BEHEERDER: "regio-beheerder: beheert afspraken, gegevens en gebruikers",
    ROL_GEMEENTE: "gemeente: mag monitoringcijfers en woonvormentoezeggingen van de eigen gemeente invoeren en "
                  "wijzigen",
    ROL_LEZER: "lezer: mag alles bekijken en downloaden, niets wijzigen",
    ROL_TRANSFERPUNT: "transferpunt: ziet dossiers, leest registers in, beoordeelt koppelvoorstellen",
}
CSRF_VELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class Gebruiker:
    gebruikersnaam: str
    rol: str
    gemeentecode: str | None = None
    lokaal: bool = False

    @property
    def is_beheerder(self) -> bool:
        return self.rol == ROL_BEHEERDER

    def mag_gemeente_wijzigen(self, gemeentecode: str) -> bool:
        """Monitoring figures: the administrator for every gemeente, a gemeente user for its own only."""
        return self.is_beheerder or (self.rol == ROL_GEMEENTE and self.gemeentecode == gemeentecode)

    @property
    def mag_importeren(self) -> bool:
        return self.rol in (ROL_BEHEERDER, ROL_GEMEENTE)


LOKALE_GEBRUIKER = Gebruiker("lokaal", ROL_BEHEERDER, None, lokaal=True)


class NietIngelogd(Exception):
    """Raised when a page needs a login; the app redirects to the login page (or answers 401)."""


def lokale_modus(request: Request) -> bool:
    app = request.app
    if app.state.instellingen.zonder_login:
        return True
    return not app.state.koppeling.er_zijn_gebruikers()


def huidige_gebruiker(request: Request) -> Gebruiker | None:
    """The logged-in user, the local user in single-user mode, or None."""
    if "gebruiker" in request.state._state:
        return request.state.gebruiker
    gebruiker: Gebruiker | None
    if lokale_modus(request):
        gebruiker = LOKALE_GEBRUIKER
    else:
        token = request.session.get("sessie")
        gebruiker = request.app.state.koppeling.gebruiker_van_sessie(token) if token else None
        if gebruiker is None and request.session.get("gebruiker", token):
            # logged out, deactivated, password changed, expired, or an old-style cookie: forget it
            request.session.clear()
    request.state.gebruiker = gebruiker
    return gebruiker


def vereist_gebruiker(request: Request) -> Gebruiker:
    gebruiker = huidige_gebruiker(request)
    if gebruiker is None:
        raise NietIngelogd()
    return gebruiker


def vereist_beheerder(request: Request) -> Gebruiker:
    gebruiker = vereist_gebruiker(request)
    if not gebruiker.is_beheerder:
        raise HTTPException(403, "Alleen een regio-beheerder mag dit doen.")
    return gebruiker


def vereist_importeur(request: Request) -> Gebruiker:
    gebruiker = vereist_gebruiker(request)
    if not gebruiker.mag_importeren:
        raise HTTPException(403, "Met de rol 'lezer' kunt u niets wijzigen.")
    return gebruiker


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def controleer_csrf(request: Request, formulier_token: str | None = None) -> None:
    """Compare the session's token with the form field or header; 403 with a Dutch message if wrong."""
    verwacht = request.session.get("csrf")
    gekregen = formulier_token or request.headers.get(CSRF_HEADER)
    if not verwacht or not gekregen or not secrets.compare_digest(str(verwacht), str(gekregen)):
        raise HTTPException(
            403, "Beveiligingscontrole (CSRF) mislukt: vernieuw de pagina en probeer het opnieuw."
        )


def log_in(request: Request, gebruiker: Gebruiker) -> None:
    """Start a fresh server-side session (new token, new CSRF token) for this user."""
    token = request.app.state.koppeling.start_sessie(gebruiker.gebruikersnaam)
    request.session.clear()
    request.session["sessie"] = token
    request.session["csrf"] = secrets.token_urlsafe(32)
    request.state.gebruiker = gebruiker


def log_uit(request: Request) -> None:
    """End the session on the server (the cookie cannot be replayed) and clear the cookie."""
    token = request.session.get("sessie")
    if token:
        request.app.state.koppeling.beeindig_sessie(token)
    request.session.clear()
    request.state.gebruiker = None


def client_adres(request: Request) -> str:
    return request.client.host if request.client else "onbekend"


class Inlogbewaking:
    """Counts failed logins per user name and per address within a sliding window (in this process).
    `controleer` refuses (429) once either count reaches its limit, before any password is hashed; a
    successful login clears the user's count. The number of names kept is bounded, so invented names
    cannot fill the memory."""

    MAX_SLEUTELS = 10_000

    def __init__(self, per_gebruiker: int, per_adres: int, venster_s: float) -> None:
        self.per_gebruiker = per_gebruiker
        self.per_adres = per_adres
        self.venster_s = venster_s
        self._pogingen: OrderedDict[str, deque[float]] = OrderedDict()
        self._slot = threading.Lock()

    def _recent(self, sleutel: str, nu: float) -> deque[float]:
        rij = self._pogingen.get(sleutel)
        if rij is None:
            return deque()
        while rij and rij[0] <= nu - self.venster_s:
            rij.popleft()
        return rij

    def controleer(self, naam: str, adres: str) -> None:
        nu = time.monotonic()
        with self._slot:
            for sleutel, limiet in ((f"g:{naam.strip().lower()}", self.per_gebruiker), (f"a:{adres}", self.per_adres)):
                rij = self._recent(sleutel, nu)
                if len(rij) >= limiet:
                    wacht = max(1, int(rij[0] + self.venster_s - nu) + 1)
                    minuten = (wacht + 59) // 60
                    wie = "deze gebruiker" if sleutel.startswith("g:") else "dit adres"
                    raise HTTPException(
                        429, f"Te veel mislukte inlogpogingen voor {wie}. Probeer het over {minuten} "
                        f"{'minuut' if minuten == 1 else 'minuten'} opnieuw.",
                        headers={"Retry-After": str(wacht)})

    def mislukt(self, naam: str, adres: str) -> None:
        nu = time.monotonic()
        with self._slot:
            for sleutel in (f"g:{naam.strip().lower()}", f"a:{adres}"):
                rij = self._pogingen.pop(sleutel, None) or deque()
                rij.append(nu)
                self._pogingen[sleutel] = rij  # most recent last
            while len(self._pogingen) > self.MAX_SLEUTELS:
                self._pogingen.popitem(last=False)

    def gelukt(self, naam: str) -> None:
        with self._slot:
            self._pogingen.pop(f"g:{naam.strip().lower()}", None)


def controleer_inlogpoging(request: Request, naam: str, wachtwoord: str) -> Gebruiker | None:
    """Rate limit, then check the password (in the calling worker thread). None: wrong name or password
    (counted and audited)."""
    bewaking: Inlogbewaking = request.app.state.inlogbewaking
    adres = client_adres(request)
    bewaking.controleer(naam, adres)
    koppeling = request.app.state.koppeling
    gebruiker = koppeling.controleer_wachtwoord(naam.strip(), wachtwoord)
    if gebruiker is None:
        bewaking.mislukt(naam, adres)
        return None
    bewaking.gelukt(naam)
    return gebruiker


# Parameter types for routes (FastAPI dependencies).
Lezer = Annotated[Gebruiker, Depends(vereist_gebruiker)]
Beheerder = Annotated[Gebruiker, Depends(vereist_beheerder)]
Importeur = Annotated[Gebruiker, Depends(vereist_importeur)]
Bestand = Annotated[UploadFile, File(description="CSV- of Excelbestand")]
