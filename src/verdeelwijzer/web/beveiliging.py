"""Who is asking and what may they do: sessions, roles, CSRF.

- Sessions: Starlette's SessionMiddleware (itsdangerous-signed cookie, HttpOnly, SameSite=Lax, Secure
  when served over https). The cookie holds only the user name, the session's CSRF token and the
  time of login; the role is read from the database on every request, so a changed or deactivated
  account takes effect at once.
- Passwords: argon2id (argon2-cffi) through the storage layer's user functions.
- CSRF: a random token per session, sent back in a hidden form field or the `X-CSRF-Token` header
  (htmx adds it to every request) and compared in constant time on every state-changing request.
- Local single-user mode (no accounts yet, or `--zonder-login`): everyone is the local administrator.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, File, HTTPException, Request, UploadFile

ROL_BEHEERDER = "regio-beheerder"
ROL_GEMEENTE = "gemeente"
ROL_LEZER = "lezer"
ROL_TRANSFERPUNT = "transferpunt"
ROL_UITLEG = {
    ROL_BEHEERDER: "regio-beheerder: beheert afspraken, gegevens en gebruikers",
    ROL_GEMEENTE: "gemeente: mag monitoringcijfers van de eigen gemeente inlezen en wijzigen",
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
        naam = request.session.get("gebruiker")
        gebruiker = request.app.state.koppeling.gebruiker(naam) if naam else None
        if naam and gebruiker is None:  # deleted or deactivated since login
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
    """Start a fresh session (new CSRF token) for this user."""
    request.session.clear()
    request.session["gebruiker"] = gebruiker.gebruikersnaam
    request.session["csrf"] = secrets.token_urlsafe(32)
    request.state.gebruiker = gebruiker


def log_uit(request: Request) -> None:
    request.session.clear()
    request.state.gebruiker = None


# Parameter types for routes (FastAPI dependencies).
Lezer = Annotated[Gebruiker, Depends(vereist_gebruiker)]
Beheerder = Annotated[Gebruiker, Depends(vereist_beheerder)]
Importeur = Annotated[Gebruiker, Depends(vereist_importeur)]
Bestand = Annotated[UploadFile, File(description="CSV- of Excelbestand")]
